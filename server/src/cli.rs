//! The `lantern` command: serve, migrate, operator actions and the demo.

use std::io::BufRead;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::admin::{self, NewStaff};
use crate::config::Settings;
use crate::db::ids::{ServiceId, UserId};
use crate::db::users::Role;
use crate::db::{self, describe_url};
use crate::seed;
use crate::startup::Application;

#[derive(Parser)]
#[command(name = "lantern", version, about = "Lantern's server")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the web client (the default).
    Serve,
    /// Bring the database schema up to date, print what was applied, and exit.
    Migrate,
    /// Operator actions.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Add the demo service, worker and young people (once; safe to repeat).
    #[command(alias = "seed-demo")]
    Demo,
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a service; prints its id.
    CreateService {
        #[arg(long)]
        name: String,
    },
    /// Create a worker in a service; prints their id.
    CreateWorker {
        #[arg(long)]
        service: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Read the password from the first line of standard input, so it
        /// never appears in the process list or shell history.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Create a worker, service lead, admin or parent; prints their id.
    CreateStaff {
        #[arg(long)]
        service: String,
        /// worker, service_lead, admin or parent.
        #[arg(long)]
        role: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Assign a worker to a young person of the same service.
    Assign {
        #[arg(long)]
        worker: String,
        #[arg(long)]
        young_person: String,
    },
    /// End a worker's assignment to a young person (their access ends at once).
    Unassign {
        #[arg(long)]
        worker: String,
        #[arg(long)]
        young_person: String,
    },
    /// Disable an account and end all its sign-ins at once.
    DisableUser {
        #[arg(long)]
        user: String,
    },
    /// Require (or stop requiring) TOTP of a service's staff.
    RequireTotp {
        #[arg(long)]
        service: String,
        #[arg(long, action = clap::ArgAction::Set)]
        on: bool,
    },
}

pub async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let settings = Settings::from_env()?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&settings).await,
        Command::Migrate => migrate(&settings),
        Command::Admin(command) => admin(&settings, command),
        Command::Demo => demo(&settings),
    }
}

async fn serve(settings: &Settings) -> anyhow::Result<()> {
    let app = Application::build(settings)?;
    let host = settings
        .bind
        .rsplit_once(':')
        .map_or("127.0.0.1", |(host, _)| host);
    let host = if host == "127.0.0.1" || host == "0.0.0.0" {
        "localhost"
    } else {
        host
    };
    tracing::info!(database = %describe_url(&settings.database_url), "database ready");
    println!("Lantern is running at http://{host}:{}", app.port());
    app.run_until_stopped()
        .await
        .context("the server stopped with an error")
}

fn migrate(settings: &Settings) -> anyhow::Result<()> {
    settings.prepare_data_dir()?;
    let pool = db::open(&settings.database_url, 1)?;
    let mut conn = pool.get().context("cannot get a database connection")?;
    let applied = db::run_migrations(&mut conn)?;
    let database = describe_url(&settings.database_url);
    if applied.is_empty() {
        println!("{database} is up to date; no migration to apply");
    } else {
        for migration in &applied {
            println!("applied {migration}");
        }
        println!("{database}: {} migrations applied", applied.len());
    }
    Ok(())
}

fn open(settings: &Settings) -> anyhow::Result<db::DbConn> {
    settings.prepare_data_dir()?;
    let pool = db::connect(&settings.database_url, 1)?;
    pool.get().context("cannot get a database connection")
}

fn admin(settings: &Settings, command: AdminCommand) -> anyhow::Result<()> {
    let mut conn = open(settings)?;
    match command {
        AdminCommand::CreateService { name } => {
            let id = admin::create_service(&mut conn, &name)?;
            println!("{id}");
        }
        AdminCommand::CreateWorker {
            service,
            email,
            name,
            password_stdin,
        } => {
            let password = read_password(password_stdin)?;
            let id = admin::create_staff(
                &mut conn,
                NewStaff {
                    service: &ServiceId(service),
                    role: Role::Worker,
                    email: &email,
                    display_name: &name,
                    password: &password,
                },
            )?;
            println!("{id}");
        }
        AdminCommand::CreateStaff {
            service,
            role,
            email,
            name,
            password_stdin,
        } => {
            let role = Role::parse(&role)
                .filter(|role| *role != Role::YoungPerson)
                .with_context(|| {
                    format!("{role:?} is not one of worker, service_lead, admin, parent")
                })?;
            let password = read_password(password_stdin)?;
            let id = admin::create_staff(
                &mut conn,
                NewStaff {
                    service: &ServiceId(service),
                    role,
                    email: &email,
                    display_name: &name,
                    password: &password,
                },
            )?;
            println!("{id}");
        }
        AdminCommand::Assign {
            worker,
            young_person,
        } => {
            let created = admin::assign(&mut conn, None, &UserId(worker), &UserId(young_person))?;
            println!(
                "{}",
                if created {
                    "assigned"
                } else {
                    "assigned already"
                }
            );
        }
        AdminCommand::Unassign {
            worker,
            young_person,
        } => {
            admin::unassign(&mut conn, None, &UserId(worker), &UserId(young_person))?;
            println!("assignment ended");
        }
        AdminCommand::DisableUser { user } => {
            admin::disable_user(&mut conn, None, &UserId(user))?;
            println!("disabled; every sign-in ended");
        }
        AdminCommand::RequireTotp { service, on } => {
            admin::set_require_totp(&mut conn, &ServiceId(service), on)?;
            println!("require TOTP: {on}");
        }
    }
    Ok(())
}

/// The first line of standard input, so a password never appears in the
/// process list or shell history.
fn read_password(password_stdin: bool) -> anyhow::Result<String> {
    if !password_stdin {
        anyhow::bail!("give the password on standard input with --password-stdin");
    }
    let mut password = String::new();
    std::io::stdin().lock().read_line(&mut password)?;
    Ok(password.trim_end_matches(['\r', '\n']).to_owned())
}

fn demo(settings: &Settings) -> anyhow::Result<()> {
    let mut conn = open(settings)?;
    let created = seed::seed_demo(&mut conn)?;
    if created {
        println!("Demo data added: {}", seed::DEMO_SERVICE);
    } else {
        println!("Demo data is already there: {}", seed::DEMO_SERVICE);
    }
    println!(
        "Worker sign-in: {} / {}",
        seed::DEMO_WORKER_EMAIL,
        seed::DEMO_WORKER_PASSWORD
    );
    println!(
        "Duty contact sign-in: {} / {}",
        seed::DEMO_DUTY_EMAIL,
        seed::DEMO_DUTY_PASSWORD
    );
    println!(
        "Group worker sign-in: {} / {}",
        seed::DEMO_GROUP_WORKER_EMAIL,
        seed::DEMO_GROUP_WORKER_PASSWORD
    );
    println!(
        "Service lead sign-in: {} / {}",
        seed::DEMO_LEAD_EMAIL,
        seed::DEMO_LEAD_PASSWORD
    );
    println!(
        "Service admin sign-in (staff, young people, settings, places): {} / {}",
        seed::DEMO_ADMIN_EMAIL,
        seed::DEMO_ADMIN_PASSWORD
    );
    println!(
        "Parent sign-in (at /#/parent): {} / {}",
        seed::DEMO_PARENT_EMAIL,
        seed::DEMO_PARENT_PASSWORD
    );
    Ok(())
}
