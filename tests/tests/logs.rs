//! The server's logs, captured at DEBUG in the server's own format while a
//! young person joins, syncs a check-in with a note and is read by their
//! worker: no note, display name, token or query string appears, each
//! request's lines carry its request id, and an expected refusal is INFO,
//! not WARN.
//!
//! This file is its own test program so that the process-wide log
//! subscriber it installs sees only these tests.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use lantern_tests::{Session, StatusCode, TestApp, batch_for, check_in, grants_from};
use serde_json::{Value, json};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::util::SubscriberInitExt;

lantern_tests::on_both_backends!(logs_never_hold_a_note_a_name_a_token_or_a_query);

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn captured() -> &'static Captured {
    static LOGS: OnceLock<Captured> = OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Captured::default();
        let writer = logs.clone();
        lantern_server::telemetry::subscriber(
            EnvFilter::new("debug"),
            move || writer.clone(),
            false,
        )
        .try_init()
        .unwrap();
        logs
    })
}

fn text() -> String {
    String::from_utf8_lossy(&captured().0.lock().unwrap()).into_owned()
}

fn request_id(response: &reqwest::Response) -> String {
    response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned()
}

async fn logs_never_hold_a_note_a_name_a_token_or_a_query(app: TestApp) {
    captured();
    let unique = uuid::Uuid::new_v4().simple().to_string();
    let name = format!("Quillon{}", &unique[..8]);
    let note = format!("my private note about home {unique}");
    let query_probe = format!("probe{}", &unique[..10]);

    let worker = app.create_worker();
    let worker = app.log_in(&worker).await;
    let code = app.create_invite(&worker).await;
    let joined = app
        .post_json(
            "/api/v1/join",
            None,
            &json!({"code": code, "display_name": name, "age_band": "13-15"}),
        )
        .await;
    assert_eq!(joined.status(), StatusCode::CREATED);
    let young_person = Session::from_json(&joined.json::<Value>().await.unwrap());

    // Not shared yet: an expected refusal.
    let path = format!("/api/v1/young-people/{}/check-ins", young_person.user_id);
    let refused = app.get(&path, Some(&worker.access_token)).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let refused_id = request_id(&refused);

    app.set_consent(&young_person, "mood", true, true).await;
    let consents = app.set_consent(&young_person, "notes", true, true).await;
    let batch = batch_for(&[check_in(2, 5, Some(&note))], &grants_from(&consents));
    let synced = app.sync(&young_person, &batch).await;
    assert_eq!(synced.status(), StatusCode::OK);
    let sync_id = request_id(&synced);

    // A batch the core refuses, with the note in it, and a body that is not
    // even the right shape: neither's content may reach a log.
    let too_long = format!("{note} {}", "x".repeat(600));
    let invalid = batch_for(&[check_in(2, 4, Some(&too_long))], &grants_from(&consents));
    let refused_batch = app.sync(&young_person, &invalid).await;
    assert_eq!(refused_batch.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let garbled = app
        .post_json(
            "/api/v1/sync",
            Some(&young_person.access_token),
            &json!({"version": note}),
        )
        .await;
    assert!(garbled.status().is_client_error());

    // The worker reads the note, with a query string.
    let read = app
        .get(
            &format!("{path}?limit=50&{query_probe}=1"),
            Some(&worker.access_token),
        )
        .await;
    assert_eq!(read.status(), StatusCode::OK);
    assert!(
        read.text().await.unwrap().contains(&note),
        "the read worked"
    );

    // A refresh and a failed sign-in, whose bodies hold secrets.
    let refreshed = app
        .post_json(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": young_person.refresh_token}),
        )
        .await;
    assert_eq!(refreshed.status(), StatusCode::OK);
    let wrong_password = format!("wrong password {unique}");
    app.post_json(
        "/api/v1/auth/login",
        None,
        &json!({"email": "nobody@example.org", "password": wrong_password}),
    )
    .await;

    let logs = text();
    for secret in [
        note.as_str(),
        name.as_str(),
        young_person.access_token.as_str(),
        young_person.refresh_token.as_str(),
        worker.access_token.as_str(),
        worker.refresh_token.as_str(),
        code.as_str(),
        query_probe.as_str(),
        wrong_password.as_str(),
        "Bearer",
        "\"mood\":",
    ] {
        assert!(!logs.contains(secret), "the logs hold {secret:?}:\n{logs}");
    }
    // Not even a piece of a token.
    let token_piece = &young_person.access_token[young_person.access_token.len() - 24..];
    assert!(!logs.contains(token_piece), "{logs}");

    // The capture works, and each request's line carries its id and route.
    let sync_line = logs
        .lines()
        .find(|line| line.contains(&sync_id) && line.contains("request finished"))
        .unwrap_or_else(|| panic!("no line for {sync_id}:\n{logs}"));
    assert!(sync_line.contains("route=/api/v1/sync"), "{sync_line}");
    assert!(sync_line.contains("status=200"), "{sync_line}");
    assert!(sync_line.contains(" INFO "), "{sync_line}");

    let refused_line = logs
        .lines()
        .find(|line| line.contains(&refused_id) && line.contains("request finished"))
        .unwrap_or_else(|| panic!("no line for {refused_id}:\n{logs}"));
    assert!(refused_line.contains(" INFO "), "{refused_line}");
    assert!(
        refused_line.contains("error.code=\"consent_required\""),
        "{refused_line}"
    );
    assert!(
        refused_line.contains("route=/api/v1/young-people/{id}/check-ins"),
        "{refused_line}"
    );
    assert!(
        !refused_line.contains(&young_person.user_id),
        "paths' ids stay out of request lines: {refused_line}"
    );
    // No expected refusal of this test is a warning (the per-IP sign-in
    // limit is generous here, so nothing is rate limited).
    for id in [request_id(&refused_batch), request_id(&garbled), refused_id] {
        for line in logs.lines().filter(|line| line.contains(&id)) {
            assert!(!line.contains("WARN"), "{line}");
        }
    }
}
