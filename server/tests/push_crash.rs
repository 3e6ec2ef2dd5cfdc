//! The push sender inside the real `lantern` binary, on a SQLite file and
//! on PostgreSQL: killed with SIGKILL half-way through 1,000 pushes and
//! started again, every push still arrives, at most the in-flight window
//! twice; two servers draining one outbox send each push exactly once;
//! and `serve` will not start without a push subject.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

#[path = "../../tests/src/push_peer.rs"]
mod push_peer;

use std::collections::{HashMap, HashSet};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use diesel::{Connection, PgConnection, RunQueryDsl};
use lantern_server::db::push_outbox::{self, NewPush};
use lantern_server::db::{self, push_subscriptions};
use lantern_server::notify::sender::VapidKey;
use lantern_server::notify::subscription::Subscription;
use lantern_server::notify::{Kind, payload_json};
use push_peer::PushPeer;
use serde_json::Value;

const PUSHES: usize = 1000;
const CONCURRENCY: usize = 32;

/// A fresh database: a SQLite file, or a PostgreSQL database dropped after.
struct Database {
    url: String,
    _dir: tempfile::TempDir,
    postgres: Option<(String, String)>,
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = &self.postgres {
            if let Ok(mut conn) = PgConnection::establish(admin_url) {
                let _ =
                    diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                        .execute(&mut conn);
            }
        }
    }
}

fn sqlite() -> Database {
    let dir = tempfile::tempdir().unwrap();
    Database {
        url: dir
            .path()
            .join("lantern.sqlite")
            .to_string_lossy()
            .into_owned(),
        _dir: dir,
        postgres: None,
    }
}

/// None when PostgreSQL is unreachable and not required.
fn postgres() -> Option<Database> {
    let admin_url = std::env::var("LANTERN_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let mut conn = match PgConnection::establish(&admin_url) {
        Ok(conn) => conn,
        Err(error) if std::env::var("LANTERN_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") => {
            panic!("PostgreSQL is required but unreachable at {admin_url}: {error}")
        }
        Err(error) => {
            eprintln!("\n!!!!! PostgreSQL UNREACHABLE ({error}): this test did NOT run on it\n");
            return None;
        }
    };
    let name = format!(
        "lantern_push_crash_{}_{}",
        std::process::id(),
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
        .execute(&mut conn)
        .unwrap();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    Some(Database {
        url: format!("{base}/{name}"),
        _dir: tempfile::tempdir().unwrap(),
        postgres: Some((admin_url, name)),
    })
}

/// Migrates, makes the VAPID key, and queues `PUSHES` reminders due now to
/// one subscription at the peer; returns their payload ids.
fn queue_pushes(database: &Database, peer: &PushPeer) -> HashSet<String> {
    let pool = db::connect(&database.url, 2).unwrap();
    let mut conn = pool.get().unwrap();
    let now = Utc::now().naive_utc();
    VapidKey::load_or_create(&mut conn, now).unwrap();
    let browser = peer.subscribe("phone");
    let subscription = Subscription {
        endpoint: browser["endpoint"].as_str().unwrap().into(),
        p256dh: browser["keys"]["p256dh"].as_str().unwrap().into(),
        auth: browser["keys"]["auth"].as_str().unwrap().into(),
    };
    db::write(&mut conn, |conn| {
        let subscription = push_subscriptions::upsert(conn, None, &subscription, now)?;
        let mut ids = HashSet::new();
        for _ in 0..PUSHES {
            let id = uuid::Uuid::new_v4().to_string();
            push_outbox::enqueue(
                conn,
                NewPush {
                    subscription_id: &subscription,
                    notification_id: None,
                    kind: Kind::Reminder,
                    payload: &payload_json(Kind::Reminder, &id),
                    due_at: now,
                },
                now,
            )?;
            ids.insert(id);
        }
        Ok::<_, diesel::result::Error>(ids)
    })
    .unwrap()
}

fn outbox_depth(database: &Database) -> i64 {
    let pool = db::open(&database.url, 1).unwrap();
    let mut conn = pool.get().unwrap();
    push_outbox::depth(&mut conn).unwrap()
}

/// `lantern serve`, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(database: &Database, extra: &[(&str, &str)]) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lantern"));
    command
        .arg("serve")
        .env_clear()
        .env("LANTERN_DATABASE_URL", &database.url)
        .env("LANTERN_DATA_DIR", database._dir.path())
        .env("LANTERN_BIND", "127.0.0.1:0")
        .env("LANTERN_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (name, value) in extra {
        command.env(name, value);
    }
    Server(command.spawn().unwrap())
}

/// A sender that sends 32 at a time, takes over a dead sender's claim
/// after 6 s and retries within a second or two. The time-out is generous
/// so that a busy test machine causes no retries, which the peer would
/// count as repeats.
fn sending_to(peer: &PushPeer) -> Vec<(&'static str, String)> {
    [
        (
            "LANTERN_PUSH_SUBJECT",
            "mailto:tests@lantern.invalid".to_owned(),
        ),
        ("LANTERN_PUSH_ORIGINS", peer.origin.clone()),
        ("LANTERN_PUSH_CONCURRENCY", CONCURRENCY.to_string()),
        ("LANTERN_PUSH_BATCH", CONCURRENCY.to_string()),
        ("LANTERN_PUSH_TIMEOUT_MS", "3000".into()),
        ("LANTERN_PUSH_LEASE_SECONDS", "6".into()),
        ("LANTERN_PUSH_RETRY_BASE_SECONDS", "1".into()),
        ("LANTERN_PUSH_RETRY_MAX_SECONDS", "2".into()),
        ("LANTERN_PUSH_POLL_MS", "100".into()),
    ]
    .into()
}

fn env_of<'a>(pairs: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    pairs.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

async fn wait_for(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < limit, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// How many times each payload id arrived.
fn arrivals(peer: &PushPeer) -> HashMap<String, usize> {
    let mut seen = HashMap::new();
    for request in peer.requests() {
        let payload: Value = serde_json::from_str(&request.payload.expect("decrypts")).unwrap();
        *seen
            .entry(payload["id"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    seen
}

async fn survives_a_crash(database: Database) {
    let peer = PushPeer::start().await;
    // A push service that takes a moment, so the kill lands mid-send.
    peer.delay(Duration::from_millis(10));
    let ids = queue_pushes(&database, &peer);
    let env = sending_to(&peer);

    let first = serve(&database, &env_of(&env));
    wait_for("the first pushes", Duration::from_secs(30), || {
        peer.count() >= PUSHES / 4
    })
    .await;
    drop(first); // SIGKILL
    let at_kill = peer.count();
    assert!(at_kill < PUSHES, "killed after the end ({at_kill} sent)");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(outbox_depth(&database) > 0);

    let second = serve(&database, &env_of(&env));
    wait_for("every push", Duration::from_secs(30), || {
        arrivals(&peer).len() == PUSHES
    })
    .await;
    wait_for("an empty outbox", Duration::from_secs(10), || {
        outbox_depth(&database) == 0
    })
    .await;
    drop(second);

    let seen = arrivals(&peer);
    assert_eq!(seen.keys().cloned().collect::<HashSet<_>>(), ids);
    let duplicates = peer.count() - PUSHES;
    eprintln!("killed after {at_kill} pushes; {duplicates} sent twice");
    assert!(
        duplicates <= CONCURRENCY,
        "{duplicates} sent twice; at most the {CONCURRENCY} in flight may be"
    );
}

async fn two_servers_share_the_work(database: Database) {
    let peer = PushPeer::start().await;
    peer.delay(Duration::from_millis(2));
    let ids = queue_pushes(&database, &peer);
    let env = sending_to(&peer);
    let servers = [
        serve(&database, &env_of(&env)),
        serve(&database, &env_of(&env)),
    ];
    wait_for("an empty outbox", Duration::from_secs(30), || {
        outbox_depth(&database) == 0
    })
    .await;
    // Anything still in flight lands before the servers go.
    tokio::time::sleep(Duration::from_millis(200)).await;
    drop(servers);
    let seen = arrivals(&peer);
    assert_eq!(seen.keys().cloned().collect::<HashSet<_>>(), ids);
    assert!(
        seen.values().all(|&n| n == 1),
        "{} pushes sent more than once",
        seen.values().filter(|&&n| n > 1).count()
    );
    assert_eq!(peer.count(), PUSHES);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_killed_sender_loses_nothing_on_sqlite() {
    survives_a_crash(sqlite()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_killed_sender_loses_nothing_on_postgres() {
    if let Some(database) = postgres() {
        survives_a_crash(database).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn two_servers_on_one_postgres_send_each_push_once() {
    if let Some(database) = postgres() {
        two_servers_share_the_work(database).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn two_servers_on_one_sqlite_file_send_each_push_once() {
    two_servers_share_the_work(sqlite()).await;
}

#[test]
fn serve_refuses_to_start_without_a_push_subject_unless_it_sends_none() {
    let database = sqlite();
    let output = Command::new(env!("CARGO_BIN_EXE_lantern"))
        .arg("serve")
        .env_clear()
        .env("LANTERN_DATABASE_URL", &database.url)
        .env("LANTERN_BIND", "127.0.0.1:0")
        .env("LANTERN_LOG", "warn")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("LANTERN_PUSH_SUBJECT is not set"),
        "{stderr}"
    );
    assert!(stderr.contains("mailto:"), "{stderr}");

    let output = Command::new(env!("CARGO_BIN_EXE_lantern"))
        .arg("serve")
        .env_clear()
        .env("LANTERN_DATABASE_URL", &database.url)
        .env("LANTERN_PUSH_SUBJECT", "example@example.com")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("must be a mailto: address"), "{stderr}");

    // An instance that sends no pushes needs no subject.
    let mut quiet = Server(
        Command::new(env!("CARGO_BIN_EXE_lantern"))
            .arg("serve")
            .env_clear()
            .env("LANTERN_DATABASE_URL", &database.url)
            .env("LANTERN_BIND", "127.0.0.1:0")
            .env("LANTERN_PUSH_SEND", "off")
            .env("LANTERN_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut first_line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(quiet.0.stdout.take().unwrap()),
        &mut first_line,
    )
    .unwrap();
    assert!(first_line.contains("Lantern is running"), "{first_line:?}");
}
