//! The Web Push sender against real peers: web-push-testing (a push
//! service that checks our VAPID signature and decrypts like a browser)
//! for the whole flow from a disclosure to the worker's browser, and a
//! scriptable push service of our own (`push_peer`) for headers, retries,
//! back-off, time-outs, refusals, dead subscriptions and two senders at
//! once. The sender runs when each test says, at the time it says.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use std::collections::HashSet;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use lantern_core::checkin::SelfHarmAnswer;
use lantern_server::db::ids::UserId;
use lantern_server::db::push_outbox::{self, NewPush};
use lantern_server::db::schema::push_outbox as outbox;
use lantern_server::db::{AnyConnection, push_subscriptions as subscriptions};
use lantern_server::notify::sender::{PushCounters, PushSettings, Sender, Tally, VapidKey};
use lantern_server::notify::subscription::{PushOrigins, Subscription};
use lantern_server::notify::{Kind, Notice, notify, payload_json};
use lantern_tests::push_peer::{PushPeer, Reply};
use lantern_tests::{StatusCode, TestApp, on_both_backends};
use serde_json::{Value, json};

on_both_backends!(
    each_kind_carries_its_ttl_urgency_topic_and_our_vapid_signature,
    a_429_is_retried_when_retry_after_says_and_not_before,
    a_failing_push_service_is_retried_with_growing_back_off_until_the_push_expires,
    a_push_service_that_never_answers_times_out_and_the_push_is_retried,
    a_retry_that_would_land_in_quiet_hours_waits_for_morning_but_an_alert_does_not,
    refused_pushes_are_dropped_and_gone_subscriptions_pruned,
    two_senders_on_one_database_send_each_push_once,
    metrics_count_what_became_of_pushes,
);

const SUBJECT: &str = "mailto:tests@lantern.invalid";

/// Now, to the microsecond: what PostgreSQL keeps.
fn now() -> NaiveDateTime {
    use chrono::SubsecRound;
    Utc::now().naive_utc().trunc_subsecs(6)
}

fn conn(app: &TestApp) -> impl std::ops::DerefMut<Target = AnyConnection> {
    app.pool.get().unwrap()
}

/// A sender for `app` that may post to `origin`, with test-sized limits.
fn sender(app: &TestApp, origin: &str, tune: impl FnOnce(&mut PushSettings)) -> Arc<Sender> {
    let mut settings = PushSettings {
        subject: Some(SUBJECT.into()),
        timeout: Duration::from_secs(5),
        lease: Duration::from_secs(60),
        retry_base: Duration::from_secs(10),
        retry_max: Duration::from_secs(3600),
        ..PushSettings::default()
    };
    tune(&mut settings);
    let key = VapidKey::load_or_create(&mut conn(app), now()).unwrap();
    Sender::new(
        app.pool.clone(),
        &settings,
        PushOrigins::parse(origin).unwrap(),
        key,
        PushCounters::new().unwrap(),
    )
    .unwrap()
}

/// Stores a browser subscription made at the peer, with no owner (as an
/// anonymous reminder's device is); returns its id.
fn store_subscription(app: &TestApp, browser: &Value) -> String {
    let subscription = Subscription {
        endpoint: browser["endpoint"].as_str().unwrap().into(),
        p256dh: browser["keys"]["p256dh"].as_str().unwrap().into(),
        auth: browser["keys"]["auth"].as_str().unwrap().into(),
    };
    subscriptions::upsert(&mut conn(app), None, &subscription, now()).unwrap()
}

/// Queues one push of `kind` due at `due_at`; returns its payload id.
fn queue(app: &TestApp, subscription: &str, kind: Kind, due_at: NaiveDateTime) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    push_outbox::enqueue(
        &mut conn(app),
        NewPush {
            subscription_id: subscription,
            notification_id: None,
            kind,
            payload: &payload_json(kind, &id),
            due_at,
        },
        now(),
    )
    .unwrap();
    id
}

#[derive(Debug)]
struct Row {
    due_at: NaiveDateTime,
    attempts: i32,
    claimed_until: Option<NaiveDateTime>,
    last_error: Option<String>,
}

fn outbox_rows(app: &TestApp) -> Vec<Row> {
    outbox::table
        .select((
            outbox::due_at,
            outbox::attempts,
            outbox::claimed_until,
            outbox::last_error,
        ))
        .load::<(NaiveDateTime, i32, Option<NaiveDateTime>, Option<String>)>(&mut *conn(app))
        .unwrap()
        .into_iter()
        .map(|(due_at, attempts, claimed_until, last_error)| Row {
            due_at,
            attempts,
            claimed_until,
            last_error,
        })
        .collect()
}

fn subscription_exists(app: &TestApp, id: &str) -> bool {
    subscriptions::find(&mut conn(app), id).unwrap().is_some()
}

async fn vapid_public_key(app: &TestApp) -> String {
    let response = app.get("/api/v1/push/vapid-public-key", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    body["public_key"].as_str().unwrap().to_owned()
}

// ---- web-push-testing, the npm package, as the push service ----

struct WebPushTesting {
    child: Child,
    base: String,
    client: reqwest::Client,
}

impl Drop for WebPushTesting {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl WebPushTesting {
    async fn start() -> WebPushTesting {
        let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../web-client/node_modules/web-push-testing/src/bin/server.js");
        assert!(
            script.is_file(),
            "web-push-testing is not installed at {}: run scripts/setup (or `npm install --no-audit --no-fund` in web-client)",
            script.display()
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("node")
            .arg(&script)
            .arg(port.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot run node ({e}): install Node.js 20 or newer, then scripts/setup")
            });
        let peer = WebPushTesting {
            child,
            base: format!("http://localhost:{port}"),
            client: reqwest::Client::new(),
        };
        let started = Instant::now();
        loop {
            let status = peer
                .client
                .post(format!("{}/status", peer.base))
                .send()
                .await;
            if status.is_ok_and(|r| r.status().is_success()) {
                return peer;
            }
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "web-push-testing did not start"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// A browser subscribing with our key: `(subscription JSON, hash)`.
    async fn subscribe(&self, application_server_key: &str) -> (Value, String) {
        let response = self
            .post(
                "/subscribe",
                // The package wants the string "true", not a boolean.
                &json!({"applicationServerKey": application_server_key, "userVisibleOnly": "true"}),
            )
            .await;
        assert_eq!(response.status(), 200);
        let data = response.json::<Value>().await.unwrap()["data"].clone();
        let hash = data["clientHash"].as_str().unwrap().to_owned();
        (
            json!({"endpoint": data["endpoint"], "keys": data["keys"]}),
            hash,
        )
    }

    /// The decrypted payloads the browser received, oldest first.
    async fn messages(&self, hash: &str) -> Vec<Value> {
        let response = self
            .post("/get-notifications", &json!({"clientHash": hash}))
            .await;
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.unwrap();
        body["data"]["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| serde_json::from_str(m.as_str().unwrap()).unwrap())
            .collect()
    }
}

/// Needs its own server: one that allows web-push-testing's origin.
mod a_disclosure_reaches_the_workers_browser_through_a_real_push_service {
    use lantern_tests::Backend;

    #[tokio::test]
    async fn sqlite() {
        super::through_a_real_push_service(Backend::Sqlite).await;
    }

    #[tokio::test]
    async fn postgres() {
        super::through_a_real_push_service(Backend::Postgres).await;
    }
}

async fn through_a_real_push_service(backend: lantern_tests::Backend) {
    let service = WebPushTesting::start().await;
    let origins = PushOrigins::parse(&service.base).unwrap();
    let Some(app) = TestApp::spawn_configured(backend, |s| s.push_origins = origins).await else {
        return;
    };
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let (browser, hash) = service.subscribe(&vapid_public_key(&app).await).await;
    let response = app
        .post_json(
            "/api/v1/push/subscriptions",
            Some(&worker.access_token),
            &browser,
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let stored = response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let sender = sender(&app, &service.base, |_| {});

    app.disclose(&young_person, SelfHarmAnswer::Yes).await;
    let tally = sender.run_once(now()).await.unwrap();
    assert_eq!(
        tally,
        Tally {
            sent: 1,
            ..Tally::default()
        }
    );

    let inbox = app.get_json("/api/v1/me/notifications", &worker).await;
    let item = &inbox["items"][0];
    let messages = service.messages(&hash).await;
    assert_eq!(
        messages,
        [json!({"kind": "alert", "id": item["id"], "title": item["title"]})],
        "the browser decrypted exactly the alert's kind, id and title"
    );
    assert!(
        outbox_rows(&app).is_empty(),
        "a sent push leaves the outbox"
    );

    // The browser unsubscribes: the next push gets 410 and the
    // subscription is deleted with anything still queued for it.
    let expired = service
        .post(&format!("/expire-subscription/{hash}"), &json!({}))
        .await;
    assert!(expired.status().is_success());
    notify(
        &mut conn(&app),
        Notice {
            recipient: &UserId(worker.user_id.clone()),
            kind: Kind::Encouragement,
            subject_id: "subject",
            at: now(),
        },
        now(),
    )
    .unwrap();
    let tally = sender.run_once(now()).await.unwrap();
    assert_eq!(
        tally,
        Tally {
            pruned: 1,
            ..Tally::default()
        }
    );
    assert!(!subscription_exists(&app, &stored));
    assert!(outbox_rows(&app).is_empty());
    // The inbox never depended on the push.
    let inbox = app.get_json("/api/v1/me/notifications", &worker).await;
    assert_eq!(inbox["unread"], 2);
}

async fn each_kind_carries_its_ttl_urgency_topic_and_our_vapid_signature(app: TestApp) {
    let peer = PushPeer::start().await;
    let subscription = store_subscription(&app, &peer.subscribe("phone"));
    let mut ids = Vec::new();
    for kind in Kind::ALL {
        ids.push((kind, queue(&app, &subscription, kind, now())));
    }
    let sender = sender(&app, &peer.origin, |_| {});
    let tally = sender.run_once(now()).await.unwrap();
    assert_eq!(tally.sent, Kind::ALL.len() as u64);

    let public_key = vapid_public_key(&app).await;
    let requests = peer.requests();
    assert_eq!(requests.len(), Kind::ALL.len());
    let mut tokens = HashSet::new();
    for (kind, id) in ids {
        let request = requests
            .iter()
            .find(|r| r.payload.as_deref() == Some(payload_json(kind, &id).as_str()))
            .unwrap_or_else(|| panic!("no decryptable push for {kind:?}"));
        let headers = &request.headers;
        assert_eq!(headers["ttl"], kind.ttl_seconds().to_string(), "{kind:?}");
        assert_eq!(headers["urgency"], kind.urgency().as_str(), "{kind:?}");
        assert_eq!(
            headers.get("topic").map(String::as_str),
            kind.topic(),
            "{kind:?}"
        );
        assert_eq!(headers["content-encoding"], "aes128gcm");
        // RFC 8292: "vapid t=<JWT>, k=<our public key>".
        let authorization = headers["authorization"].strip_prefix("vapid t=").unwrap();
        let (token, key) = authorization.split_once(", k=").unwrap();
        assert_eq!(key, public_key);
        tokens.insert(token.to_owned());
        let claims = verify_es256(token, &public_key);
        assert_eq!(claims["aud"], peer.origin);
        assert_eq!(claims["sub"], SUBJECT);
        let exp = claims["exp"].as_i64().unwrap();
        let in_hours = (exp - Utc::now().timestamp()) as f64 / 3600.0;
        assert!((11.0..=12.1).contains(&in_hours), "exp in {in_hours} h");
    }
    assert_eq!(tokens.len(), 1, "one signature for one push service");
}

/// Checks an ES256 JWT against an uncompressed P-256 point; its claims.
fn verify_es256(token: &str, public_key: &str) -> Value {
    let point = URL_SAFE_NO_PAD.decode(public_key).unwrap();
    let key = jsonwebtoken::DecodingKey::from_ec_components(
        &URL_SAFE_NO_PAD.encode(&point[1..33]),
        &URL_SAFE_NO_PAD.encode(&point[33..65]),
    )
    .unwrap();
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::ES256);
    validation.validate_aud = false;
    jsonwebtoken::decode::<Value>(token, &key, &validation)
        .unwrap()
        .claims
}

async fn a_429_is_retried_when_retry_after_says_and_not_before(app: TestApp) {
    let peer = PushPeer::start().await;
    let subscription = store_subscription(&app, &peer.subscribe("busy"));
    peer.script(
        "busy",
        vec![Reply::Status(429, vec![("Retry-After", "120".into())])],
    );
    let start = now();
    let id = queue(&app, &subscription, Kind::Encouragement, start);
    let sender = sender(&app, &peer.origin, |_| {});

    let tally = sender.run_once(start).await.unwrap();
    assert_eq!(tally.retried, 1);
    let rows = outbox_rows(&app);
    assert_eq!(rows[0].due_at, start + chrono::Duration::seconds(120));
    assert_eq!(rows[0].attempts, 1);
    assert_eq!(rows[0].claimed_until, None, "released for any sender");
    assert_eq!(rows[0].last_error.as_deref(), Some("status 429"));

    let early = sender
        .run_once(start + chrono::Duration::seconds(119))
        .await
        .unwrap();
    assert_eq!(early.total(), 0);
    assert_eq!(peer.count(), 1, "nothing sent before the time asked");

    let tally = sender
        .run_once(start + chrono::Duration::seconds(120))
        .await
        .unwrap();
    assert_eq!(tally.sent, 1);
    let requests = peer.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[1].payload.as_deref(),
        Some(payload_json(Kind::Encouragement, &id).as_str())
    );
    assert!(outbox_rows(&app).is_empty());
}

async fn a_failing_push_service_is_retried_with_growing_back_off_until_the_push_expires(
    app: TestApp,
) {
    let peer = PushPeer::start().await;
    let subscription = store_subscription(&app, &peer.subscribe("down"));
    peer.script("down", vec![Reply::Status(500, Vec::new()); 20]);
    let start = now();
    // A reminder lives two hours.
    queue(&app, &subscription, Kind::Reminder, start);
    let sender = sender(&app, &peer.origin, |s| {
        s.retry_base = Duration::from_secs(60);
        s.retry_max = Duration::from_secs(40 * 60);
    });

    let mut at = start;
    let mut waits = Vec::new();
    for attempt in 1..=6 {
        let tally = sender.run_once(at).await.unwrap();
        assert_eq!(tally.retried, 1, "attempt {attempt}");
        let row = &outbox_rows(&app)[0];
        assert_eq!(row.attempts, attempt);
        assert_eq!(row.last_error.as_deref(), Some("status 500"));
        let wait = (row.due_at - at).num_seconds();
        // Half the ceiling plus jitter: 60·2^(n-1) capped at 40 minutes.
        let ceiling = (60i64 << (attempt - 1)).min(40 * 60);
        assert!(
            (ceiling / 2..=ceiling).contains(&wait),
            "attempt {attempt}: waited {wait} s, ceiling {ceiling} s"
        );
        waits.push(wait);
        at = row.due_at;
        if at > start + chrono::Duration::hours(2) {
            break;
        }
    }
    assert!(
        waits.windows(2).all(|w| w[1] >= w[0]),
        "waits never shrink: {waits:?}"
    );
    assert!(waits.last() > waits.first(), "waits grow: {waits:?}");

    // Past its TTL it is dropped without another try.
    let sent_before = peer.count();
    let tally = sender
        .run_once(start + chrono::Duration::hours(3))
        .await
        .unwrap();
    assert_eq!(
        tally,
        Tally {
            expired: 1,
            ..Tally::default()
        }
    );
    assert_eq!(peer.count(), sent_before);
    assert!(outbox_rows(&app).is_empty());
}

async fn a_retry_that_would_land_in_quiet_hours_waits_for_morning_but_an_alert_does_not(
    app: TestApp,
) {
    use chrono::NaiveDate;

    let (_, _, young_person) = app.worker_with_young_person().await;
    let owner = UserId(young_person.user_id.clone());
    let peer = PushPeer::start().await;
    let browser = peer.subscribe("busy");
    let subscription = Subscription {
        endpoint: browser["endpoint"].as_str().unwrap().into(),
        p256dh: browser["keys"]["p256dh"].as_str().unwrap().into(),
        auth: browser["keys"]["auth"].as_str().unwrap().into(),
    };
    let subscription =
        subscriptions::upsert(&mut conn(&app), Some(&owner), &subscription, now()).unwrap();
    peer.script("busy", vec![Reply::Status(503, Vec::new()); 2]);
    // 20:58 in London in January (UTC+0): the first try is two minutes before
    // the young person's quiet hours (21:00–07:00 by default), and a back-off
    // of five to ten minutes would land inside them.
    let evening = NaiveDate::from_ymd_opt(2027, 1, 15)
        .unwrap()
        .and_hms_opt(20, 58, 0)
        .unwrap();
    let morning = NaiveDate::from_ymd_opt(2027, 1, 16)
        .unwrap()
        .and_hms_opt(7, 0, 0)
        .unwrap();
    let sender = sender(&app, &peer.origin, |s| {
        s.retry_base = Duration::from_secs(10 * 60);
    });

    queue(&app, &subscription, Kind::Encouragement, evening);
    assert_eq!(sender.run_once(evening).await.unwrap().retried, 1);
    let row = &outbox_rows(&app)[0];
    assert_eq!(
        row.due_at, morning,
        "the retry waits for the end of quiet hours"
    );
    diesel::delete(outbox::table)
        .execute(&mut *conn(&app))
        .unwrap();

    // An alert never waits: its retry keeps the back-off alone.
    queue(&app, &subscription, Kind::Alert, evening);
    assert_eq!(sender.run_once(evening).await.unwrap().retried, 1);
    let wait = (outbox_rows(&app)[0].due_at - evening).num_seconds();
    assert!((5 * 60..=10 * 60).contains(&wait), "waited {wait} s");
}

async fn a_push_service_that_never_answers_times_out_and_the_push_is_retried(app: TestApp) {
    let peer = PushPeer::start().await;
    let subscription = store_subscription(&app, &peer.subscribe("silent"));
    peer.script("silent", vec![Reply::Hang]);
    let start = now();
    queue(&app, &subscription, Kind::Alert, start);
    let sender = sender(&app, &peer.origin, |s| {
        s.timeout = Duration::from_millis(300);
        s.lease = Duration::from_secs(10);
    });

    let clock = Instant::now();
    let tally = sender.run_once(start).await.unwrap();
    let took = clock.elapsed();
    assert_eq!(tally.retried, 1);
    assert!(
        took >= Duration::from_millis(300) && took < Duration::from_secs(3),
        "{took:?}"
    );
    let row = &outbox_rows(&app)[0];
    assert_eq!(row.last_error.as_deref(), Some("timeout"));
    assert!(row.due_at > start);

    // The next try reaches it.
    let tally = sender.run_once(row.due_at).await.unwrap();
    assert_eq!(tally.sent, 1);
    assert_eq!(peer.count(), 2);
}

async fn refused_pushes_are_dropped_and_gone_subscriptions_pruned(app: TestApp) {
    let peer = PushPeer::start().await;
    let mut stored = Vec::new();
    for (name, status) in [("bad", 400), ("big", 413), ("unknown", 404), ("gone", 410)] {
        let subscription = store_subscription(&app, &peer.subscribe(name));
        peer.script(name, vec![Reply::Status(status, Vec::new())]);
        queue(&app, &subscription, Kind::ParentTip, now());
        stored.push(subscription);
    }
    // A push too big to send goes nowhere.
    let oversized = store_subscription(&app, &peer.subscribe("oversized"));
    push_outbox::enqueue(
        &mut conn(&app),
        NewPush {
            subscription_id: &oversized,
            notification_id: None,
            kind: Kind::ParentTip,
            payload: &"x".repeat(2049),
            due_at: now(),
        },
        now(),
    )
    .unwrap();
    // An origin no longer allowed is not posted to.
    let elsewhere = store_subscription(
        &app,
        &json!({
            "endpoint": "http://127.0.0.1:9/push/elsewhere",
            "keys": peer.subscribe("elsewhere")["keys"].clone(),
        }),
    );
    queue(&app, &elsewhere, Kind::ParentTip, now());

    let sender = sender(&app, &peer.origin, |_| {});
    let tally = sender.run_once(now()).await.unwrap();
    assert_eq!(
        tally,
        Tally {
            pruned: 2,
            failed: 4,
            ..Tally::default()
        }
    );
    assert_eq!(
        peer.count(),
        4,
        "only the four allowed, sendable pushes went"
    );
    assert!(outbox_rows(&app).is_empty(), "none is tried again");
    assert!(subscription_exists(&app, &stored[0]));
    assert!(subscription_exists(&app, &stored[1]));
    assert!(!subscription_exists(&app, &stored[2]), "404 prunes");
    assert!(!subscription_exists(&app, &stored[3]), "410 prunes");
    assert!(subscription_exists(&app, &oversized));
    assert!(subscription_exists(&app, &elsewhere));
}

async fn two_senders_on_one_database_send_each_push_once(app: TestApp) {
    let peer = PushPeer::start().await;
    peer.delay(Duration::from_millis(2));
    let subscription = store_subscription(&app, &peer.subscribe("shared"));
    let start = now();
    let mut ids = HashSet::new();
    for _ in 0..200 {
        ids.insert(queue(&app, &subscription, Kind::ParentTip, start));
    }
    let tune = |s: &mut PushSettings| {
        s.batch = 20;
        s.concurrency = 5;
    };
    let first = sender(&app, &peer.origin, tune);
    let second = sender(&app, &peer.origin, tune);
    let (a, b) = tokio::join!(first.run_once(start), second.run_once(start));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, 200);
    assert!(a.sent > 0 && b.sent > 0, "both took a share: {a:?} {b:?}");

    let delivered: Vec<String> = peer
        .requests()
        .into_iter()
        .map(|r| {
            let payload: Value = serde_json::from_str(&r.payload.unwrap()).unwrap();
            payload["id"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(delivered.len(), 200, "no push sent twice");
    assert_eq!(delivered.into_iter().collect::<HashSet<_>>(), ids);
}

async fn metrics_count_what_became_of_pushes(app: TestApp) {
    let peer = PushPeer::start().await;
    let subscription = store_subscription(&app, &peer.subscribe("counted"));
    peer.script("counted", vec![Reply::Status(503, Vec::new())]);
    let start = now();
    let minutes = |n: i64| chrono::Duration::minutes(n);
    queue(&app, &subscription, Kind::Reply, start - minutes(2));
    queue(&app, &subscription, Kind::Reply, start);
    queue(&app, &subscription, Kind::Reply, start + minutes(60));

    let text = app.get("/metrics", None).await.text().await.unwrap();
    assert!(text.contains("lantern_push_outbox_depth 3"), "{text}");
    let waiting = metric(&text, "lantern_push_oldest_due_age_seconds");
    assert!((120.0..150.0).contains(&waiting), "{text}");
    let queued = metric(&text, "lantern_push_total{outcome=\"queued\"}");
    assert!(queued >= 3.0, "{text}");

    let sender = sender(&app, &peer.origin, |s| {
        s.concurrency = 1;
        s.batch = 4;
    });
    let tally = sender.run_once(start).await.unwrap();
    assert_eq!((tally.sent, tally.retried), (1, 1));
    assert_eq!(sender.counters().get("sent"), 1);
    assert_eq!(sender.counters().get("retried"), 1);
    let text = app.get("/metrics", None).await.text().await.unwrap();
    assert!(text.contains("lantern_push_outbox_depth 2"), "{text}");
    // The server's own sender is off in tests, so its counts stay 0;
    // the gauges read the shared outbox.
    assert!(
        text.contains("lantern_push_total{outcome=\"sent\"} 0"),
        "{text}"
    );
    assert!(
        text.contains("lantern_push_oldest_due_age_seconds 0"),
        "nothing due now: {text}"
    );
}

fn metric(text: &str, name: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(name))
        .unwrap_or_else(|| panic!("{name} missing"))
        .trim()
        .parse()
        .unwrap()
}
