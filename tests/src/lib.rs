//! Test harness: the real server on port 0 against a fresh database per test
//! (a temporary SQLite file, or a new PostgreSQL database that is dropped
//! afterwards), with helpers that read like the API.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::{AtomicU64, Ordering};

use diesel::{Connection, PgConnection, RunQueryDsl};
use lantern_server::admin::{self, NewStaff};
use lantern_server::config::Settings;
use lantern_server::db::ids::{ServiceId, UserId};
use lantern_server::db::users::Role;
use lantern_server::db::{DbPool, audit, check_ins};
use lantern_server::notify::sender::PushSettings;
use lantern_server::rate_limit::RateLimits;
use lantern_server::startup::Application;
use serde_json::{Value, json};

pub mod push_peer;

pub use reqwest::StatusCode;

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs each named `async fn(TestApp)` once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let app = $crate::TestApp::spawn($crate::Backend::Sqlite).await.unwrap();
                    super::$name(app).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    if let Some(app) = $crate::TestApp::spawn($crate::Backend::Postgres).await {
                        super::$name(app).await;
                    }
                }
            )*
        }
    };
}

enum TestDatabase {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let TestDatabase::Postgres { admin_url, name } = self {
            if let Ok(mut conn) = PgConnection::establish(admin_url) {
                let _ =
                    diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                        .execute(&mut conn);
            }
        }
    }
}

pub struct TestApp {
    pub backend: Backend,
    pub base: String,
    /// Where `/metrics` is served when the settings give it its own address.
    pub metrics_base: Option<String>,
    pub client: reqwest::Client,
    pub pool: DbPool,
    /// The database's URL, for a second server or the `lantern` binary.
    pub database_url: String,
    _database: TestDatabase,
}

/// A worker made through the operator path, with their password.
pub struct Worker {
    pub id: UserId,
    pub service: ServiceId,
    pub email: String,
    pub password: String,
}

/// What sign-in, join and refresh return.
#[derive(Debug, Clone)]
pub struct Session {
    pub access_token: String,
    pub refresh_token: String,
    pub user_id: String,
}

impl Session {
    pub fn from_json(value: &Value) -> Session {
        Session {
            access_token: value["access_token"]
                .as_str()
                .expect("access_token")
                .to_owned(),
            refresh_token: value["refresh_token"]
                .as_str()
                .expect("refresh_token")
                .to_owned(),
            user_id: value["user"]["id"].as_str().expect("user.id").to_owned(),
        }
    }
}

fn postgres_admin_url() -> String {
    std::env::var("LANTERN_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn postgres_required() -> bool {
    std::env::var("LANTERN_REQUIRE_POSTGRES").is_ok_and(|v| v == "1")
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Limits far above what any test does, so tests running in parallel (all
/// from 127.0.0.1) never trip them; the limits' own tests set small ones.
pub fn generous_limits() -> RateLimits {
    RateLimits {
        sign_in: 100_000,
        codes: 100_000,
        reminders: 100_000,
        refresh: 100_000,
        per_user: 100_000,
        trusted_proxies: 0,
    }
}

impl TestApp {
    /// `None` only for PostgreSQL when it is unreachable and not required.
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, generous_limits()).await
    }

    /// As `spawn`, with these rate limits.
    pub async fn spawn_with(backend: Backend, rate_limits: RateLimits) -> Option<TestApp> {
        Self::spawn_configured(backend, move |settings| settings.rate_limits = rate_limits).await
    }

    /// As `spawn`, with the settings changed by `configure` first.
    pub async fn spawn_configured(
        backend: Backend,
        configure: impl FnOnce(&mut Settings),
    ) -> Option<TestApp> {
        let (database_url, database) = match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let url = dir
                    .path()
                    .join("lantern.sqlite")
                    .to_string_lossy()
                    .into_owned();
                (url, TestDatabase::Sqlite(dir))
            }
            Backend::Postgres => {
                let admin_url = postgres_admin_url();
                let mut conn = match PgConnection::establish(&admin_url) {
                    Ok(conn) => conn,
                    Err(error) => {
                        if postgres_required() {
                            panic!(
                                "PostgreSQL is required (LANTERN_REQUIRE_POSTGRES=1) but unreachable at {admin_url}: {error}"
                            );
                        }
                        eprintln!(
                            "\n!!!!! PostgreSQL UNREACHABLE at {admin_url}: {error}\n!!!!! This PostgreSQL test did NOT run. Set LANTERN_TEST_POSTGRES_URL or start PostgreSQL.\n"
                        );
                        return None;
                    }
                };
                let name = format!(
                    "lantern_test_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::SeqCst)
                ) + &uuid::Uuid::new_v4().simple().to_string()[..8];
                diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
                    .execute(&mut conn)
                    .unwrap();
                let (base, _) = admin_url.rsplit_once('/').unwrap();
                (
                    format!("{base}/{name}"),
                    TestDatabase::Postgres { admin_url, name },
                )
            }
        };
        let mut settings = Settings {
            bind: "127.0.0.1:0".into(),
            data_dir: std::env::temp_dir(),
            database_url: database_url.clone(),
            web_root: "does-not-exist".into(),
            pool_size: 4,
            rate_limits: generous_limits(),
            edges: Default::default(),
            push_origins: Default::default(),
            // Tests run the sender themselves, at the time they choose.
            push: PushSettings {
                subject: Some("mailto:tests@lantern.invalid".into()),
                send: false,
                ..Default::default()
            },
            // Tests run each job themselves, with their own `now`.
            jobs: false,
        };
        configure(&mut settings);
        let app = Application::build(&settings).unwrap();
        let base = format!("http://127.0.0.1:{}", app.port());
        let metrics_base = app
            .metrics_port()
            .map(|port| format!("http://127.0.0.1:{port}"));
        let pool = app.pool();
        tokio::spawn(app.into_server());
        Some(TestApp {
            backend,
            base,
            metrics_base,
            client: reqwest::Client::new(),
            pool,
            database_url,
            _database: database,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut request = self.client.get(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }

    pub async fn post_json(
        &self,
        path: &str,
        token: Option<&str>,
        body: &Value,
    ) -> reqwest::Response {
        self.send_json(reqwest::Method::POST, path, token, body)
            .await
    }

    pub async fn put_json(
        &self,
        path: &str,
        token: Option<&str>,
        body: &Value,
    ) -> reqwest::Response {
        self.send_json(reqwest::Method::PUT, path, token, body)
            .await
    }

    pub async fn patch_json(
        &self,
        path: &str,
        token: Option<&str>,
        body: &Value,
    ) -> reqwest::Response {
        self.send_json(reqwest::Method::PATCH, path, token, body)
            .await
    }

    /// A PUT with no body.
    pub async fn send_put(&self, path: &str, token: &str) -> reqwest::Response {
        self.client
            .put(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut request = self.client.delete(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }

    pub async fn send_json(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: &Value,
    ) -> reqwest::Response {
        let mut request = self.client.request(method, self.url(path)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }

    /// A new service and a worker in it, as the admin command makes them.
    pub fn create_worker(&self) -> Worker {
        let mut conn = self.pool.get().unwrap();
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let service = admin::create_service(&mut conn, &format!("Service {n}")).unwrap();
        let email = format!("worker{n}@example.org");
        let password = "a long test password".to_owned();
        let id = admin::create_staff(
            &mut conn,
            NewStaff {
                service: &service,
                role: Role::Worker,
                email: &email,
                display_name: "Test Worker",
                password: &password,
            },
        )
        .unwrap();
        Worker {
            id,
            service,
            email,
            password,
        }
    }

    /// Another worker in the same service.
    pub fn create_colleague(&self, of: &Worker) -> Worker {
        let mut conn = self.pool.get().unwrap();
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let email = format!("colleague{n}@example.org");
        let password = "another test password".to_owned();
        let id = admin::create_staff(
            &mut conn,
            NewStaff {
                service: &of.service,
                role: Role::Worker,
                email: &email,
                display_name: "Colleague",
                password: &password,
            },
        )
        .unwrap();
        Worker {
            id,
            service: of.service.clone(),
            email,
            password,
        }
    }

    /// Someone of `role` in `service`, made through the operator path.
    pub fn create_staff(&self, service: &ServiceId, role: Role) -> Worker {
        let mut conn = self.pool.get().unwrap();
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let email = format!("{}{n}@example.org", role.as_str());
        let password = format!("staff password number {n}");
        let id = admin::create_staff(
            &mut conn,
            NewStaff {
                service,
                role,
                email: &email,
                display_name: "Staff Member",
                password: &password,
            },
        )
        .unwrap();
        Worker {
            id,
            service: service.clone(),
            email,
            password,
        }
    }

    pub async fn log_in(&self, worker: &Worker) -> Session {
        let response = self
            .post_json(
                "/api/v1/auth/login",
                None,
                &json!({"email": worker.email, "password": worker.password}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        Session::from_json(&response.json().await.unwrap())
    }

    pub async fn create_invite(&self, worker: &Session) -> String {
        let response = self
            .post_json("/api/v1/invites", Some(&worker.access_token), &json!({}))
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let body: Value = response.json().await.unwrap();
        body["code"].as_str().unwrap().to_owned()
    }

    pub async fn join(&self, code: &str, display_name: &str) -> Session {
        let response = self
            .post_json(
                "/api/v1/join",
                None,
                &json!({"code": code, "display_name": display_name, "age_band": "13-15"}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        Session::from_json(&response.json().await.unwrap())
    }

    /// A worker with a young person on their caseload.
    pub async fn worker_with_young_person(&self) -> (Worker, Session, Session) {
        let worker = self.create_worker();
        let worker_session = self.log_in(&worker).await;
        let code = self.create_invite(&worker_session).await;
        let young_person = self.join(&code, "Sky").await;
        (worker, worker_session, young_person)
    }

    /// Grants or revokes a scope; returns the server's consent list.
    pub async fn set_consent(
        &self,
        young_person: &Session,
        scope: &str,
        granted: bool,
        include_past: bool,
    ) -> Value {
        let response = self
            .put_json(
                &format!("/api/v1/me/consents/{scope}"),
                Some(&young_person.access_token),
                &json!({"granted": granted, "include_past": include_past, "wording_version": 1}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    pub async fn sync(&self, young_person: &Session, batch: &Value) -> reqwest::Response {
        self.post_json("/api/v1/sync", Some(&young_person.access_token), batch)
            .await
    }

    /// Checks in answering the self-harm question, from a connected device;
    /// returns the check-in and the server's sync outcome.
    pub async fn disclose(
        &self,
        young_person: &Session,
        answer: lantern_core::checkin::SelfHarmAnswer,
    ) -> (lantern_core::CheckIn, Value) {
        let mut told = check_in(2, 0, Some("stays on the phone"));
        told.self_harm = Some(answer);
        let data = lantern_core::sync::DeviceData {
            check_ins: vec![told.clone()],
            connected_since: Some(told.recorded_at - chrono::Duration::seconds(30)),
            ..Default::default()
        };
        let batch = serde_json::to_value(lantern_core::sync::build_sync_batch(&data, &[])).unwrap();
        let response = self.sync(young_person, &batch).await;
        assert_eq!(response.status(), StatusCode::OK);
        (told, response.json().await.unwrap())
    }

    pub async fn get_json(&self, path: &str, session: &Session) -> Value {
        let response = self.get(path, Some(&session.access_token)).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.json().await.unwrap()
    }

    pub fn check_in_count(&self, young_person: &Session) -> i64 {
        let mut conn = self.pool.get().unwrap();
        check_ins::count(&mut conn, &UserId(young_person.user_id.clone())).unwrap()
    }

    /// The audit trail for a young person, newest first, as (action, outcome, detail).
    pub fn audit_trail(&self, young_person: &Session) -> Vec<(String, String, Option<String>)> {
        let mut conn = self.pool.get().unwrap();
        audit::for_subject(&mut conn, &UserId(young_person.user_id.clone()))
            .unwrap()
            .into_iter()
            .map(|event| (event.action, event.outcome, event.detail))
            .collect()
    }
}

/// A push subscription as a browser sends it, at FCM's address: a real
/// P-256 point (the curve's generator) and a 16-byte auth secret. Nothing
/// is sent to it unless a test runs the sender.
pub fn browser_subscription(tag: &str) -> Value {
    json!({
        "endpoint": format!("https://fcm.googleapis.com/fcm/send/{tag}"),
        "keys": {
            "p256dh": "BGsX0fLhLEJH-Lzm5WOkQPJ3A32BLeszoPShOUXYmMKWT-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU",
            "auth": "BwcHBwcHBwcHBwcHBwcHBw"
        }
    })
}

/// Asserts a problem+json answer with `status` and `code`; returns the body.
pub async fn assert_problem(response: reqwest::Response, status: StatusCode, code: &str) -> Value {
    assert_eq!(response.status(), status, "status");
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status.as_u16());
    body
}

/// A check-in as a device would make it, recorded `minutes_ago`.
pub fn check_in(mood: u8, minutes_ago: i64, note: Option<&str>) -> lantern_core::CheckIn {
    use lantern_core::{CheckIn, Feeling, FeelingEntry, RecordId};
    let at = chrono::Utc::now() - chrono::Duration::minutes(minutes_ago);
    let entropy: [u8; 10] = *uuid::Uuid::new_v4().as_bytes().first_chunk().unwrap();
    CheckIn {
        id: RecordId::generate(at.timestamp_millis() as u64, entropy),
        recorded_at: at.fixed_offset(),
        mood,
        feelings: vec![FeelingEntry {
            feeling: Feeling::Worried,
            intensity: 2,
        }],
        contexts: Vec::new(),
        sleep: None,
        self_harm: None,
        note: note.map(str::to_owned),
    }
}

/// The resilience wheel answered with `value` for every part, made on the
/// phone at `completed_at`; `id` must differ between responses.
pub fn wheel_answered(
    id: lantern_core::RecordId,
    value: u8,
    completed_at: chrono::DateTime<chrono::FixedOffset>,
) -> lantern_core::measures::MeasureResponse {
    use lantern_core::measures::{Answer, MeasureResponse, catalogue};
    let wheel = catalogue().unwrap().wheel().unwrap();
    MeasureResponse {
        id,
        measure_id: wheel.id.clone(),
        completed_at,
        answers: wheel
            .items
            .iter()
            .map(|item| Answer {
                item_id: item.id.clone(),
                value,
            })
            .collect(),
    }
}

/// The grants in a consent list from the server.
pub fn grants_from(consents: &Value) -> Vec<lantern_core::ConsentGrant> {
    consents["consents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["granted"] == true)
        .map(|c| serde_json::from_value(c.clone()).unwrap())
        .collect()
}

/// The batch the device would send under `grants`, as JSON.
pub fn batch_for(
    check_ins: &[lantern_core::CheckIn],
    grants: &[lantern_core::ConsentGrant],
) -> Value {
    let data = lantern_core::sync::DeviceData {
        check_ins: check_ins.to_vec(),
        ..Default::default()
    };
    serde_json::to_value(lantern_core::sync::build_sync_batch(&data, grants)).unwrap()
}
