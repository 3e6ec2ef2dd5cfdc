//! Storage: one connection type over SQLite (the embedded default) and
//! PostgreSQL (production), a pool, embedded migrations, and the write
//! transaction every change goes through. No HTTP types here.

pub mod alerts;
pub mod audit;
pub mod check_ins;
pub mod consents;
pub mod directory_services;
pub mod encouragement_templates;
pub mod encouragements;
pub mod erasure;
pub mod groups;
pub mod ids;
pub mod invites;
pub mod notification_settings;
pub mod notifications;
pub mod outcome_records;
pub mod parent_link_codes;
pub mod parent_links;
pub mod parent_nudges;
pub mod push_delivery;
pub mod push_outbox;
pub mod push_subscriptions;
pub mod refresh_tokens;
pub mod relink_codes;
pub mod reminders;
pub mod retention;
pub mod schema;
pub mod service_settings;
pub mod services;
pub mod shared_records;
pub mod signing_keys;
pub mod signposts;
pub mod thrive;
pub mod tip_deliveries;
pub mod tip_preferences;
pub mod tombstones;
pub mod totp_challenges;
pub mod totp_credentials;
pub mod unshare;
pub mod users;
pub mod vapid_keys;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::{Connection, PgConnection, SqliteConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

pub type DbPool = Pool<ConnectionManager<AnyConnection>>;
pub type DbConn = PooledConnection<ConnectionManager<AnyConnection>>;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// Per-connection SQLite settings. WAL lets readers run beside the writer;
/// `synchronous = FULL` makes an acknowledged check-in survive a power cut;
/// the busy timeout makes writers queue instead of failing.
#[derive(Debug)]
struct SqliteSettings;

impl CustomizeConnection<AnyConnection, diesel::r2d2::Error> for SqliteSettings {
    fn on_acquire(&self, conn: &mut AnyConnection) -> Result<(), diesel::r2d2::Error> {
        if let AnyConnection::Sqlite(sqlite) = conn {
            sqlite
                .batch_execute(
                    // busy_timeout first: switching to WAL needs a lock
                    // that a sibling connection may hold at start-up.
                    "PRAGMA busy_timeout = 10000;
                     PRAGMA journal_mode = WAL;
                     PRAGMA foreign_keys = ON;
                     PRAGMA synchronous = FULL;",
                )
                .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

/// Opens a pool and brings the schema up to date.
pub fn connect(url: &str, max_size: u32) -> anyhow::Result<DbPool> {
    use anyhow::Context;
    let pool = open(url, max_size)?;
    let mut conn = pool.get().context("cannot get a database connection")?;
    run_migrations(&mut conn)?;
    Ok(pool)
}

/// Opens a pool and leaves the schema as it is (`lantern migrate` reports
/// what it applies itself).
pub fn open(url: &str, max_size: u32) -> anyhow::Result<DbPool> {
    use anyhow::Context;
    let manager = ConnectionManager::<AnyConnection>::new(url);
    Pool::builder()
        .max_size(max_size)
        .connection_customizer(Box::new(SqliteSettings))
        .build(manager)
        .with_context(|| format!("cannot open the database ({})", describe_url(url)))
}

/// Reverts every migration (down.sql), for tests that prove each one undoes
/// its up.sql. Never called by the server.
pub fn revert_all_migrations(conn: &mut AnyConnection) -> anyhow::Result<()> {
    match conn {
        AnyConnection::Postgresql(pg) => pg.revert_all_migrations(POSTGRES_MIGRATIONS).map(drop),
        AnyConnection::Sqlite(sqlite) => sqlite.revert_all_migrations(SQLITE_MIGRATIONS).map(drop),
    }
    .map_err(|e| anyhow::anyhow!("reverting migrations failed: {e}"))
}

/// Applies the migrations not yet applied; returns their versions, oldest
/// first.
pub fn run_migrations(conn: &mut AnyConnection) -> anyhow::Result<Vec<String>> {
    let applied = match conn {
        AnyConnection::Postgresql(pg) => pg.run_pending_migrations(POSTGRES_MIGRATIONS),
        AnyConnection::Sqlite(sqlite) => sqlite.run_pending_migrations(SQLITE_MIGRATIONS),
    }
    .map_err(|e| anyhow::anyhow!("migrations failed: {e}"))?;
    let applied: Vec<String> = applied.iter().map(ToString::to_string).collect();
    for migration in &applied {
        tracing::info!(%migration, "applied migration");
    }
    Ok(applied)
}

/// The database URL without any password, for messages.
pub fn describe_url(url: &str) -> String {
    if !is_postgres_url(url) {
        return format!("SQLite at {url}");
    }
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("PostgreSQL at {}", &url[at + 1..])
        }
        _ => "PostgreSQL".to_owned(),
    }
}

/// Runs `work` in a write transaction: `BEGIN IMMEDIATE` on SQLite, so the
/// write lock is taken up front and a read-then-write never fails half way
/// with "database is locked"; an ordinary transaction on PostgreSQL.
pub fn write<T, E>(
    conn: &mut AnyConnection,
    work: impl FnOnce(&mut AnyConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    if let AnyConnection::Sqlite(sqlite) = conn {
        // The multi-backend transaction manager delegates to this one, so
        // nested transactions inside `work` become savepoints as usual.
        AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
        return match work(conn) {
            Ok(value) => {
                type Manager = <AnyConnection as Connection>::TransactionManager;
                if let Err(error) = Manager::commit_transaction(conn) {
                    // Leave the connection usable for the pool's next user.
                    let _ = Manager::rollback_transaction(conn);
                    return Err(error.into());
                }
                Ok(value)
            }
            Err(error) => {
                <AnyConnection as Connection>::TransactionManager::rollback_transaction(conn)?;
                Err(error)
            }
        };
    }
    conn.transaction(work)
}
