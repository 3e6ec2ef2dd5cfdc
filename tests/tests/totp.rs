//! Two-step sign-in (TOTP): enrolling, confirming, signing in with a code,
//! codes that cannot be used twice, switching it off, and a service that
//! requires it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use chrono::Utc;
use lantern_server::auth::totp;
use lantern_server::db::users::Role;
use lantern_tests::{Session, StatusCode, TestApp, Worker, assert_problem, on_both_backends};
use serde_json::{Value, json};

on_both_backends!(
    enrolling_gives_a_secret_that_works_once_confirmed,
    sign_in_becomes_two_steps_and_a_code_works_once,
    a_challenge_is_used_up_by_wrong_codes,
    switching_totp_off_needs_a_code_or_the_password,
    a_service_that_requires_totp_limits_unenrolled_staff_to_enrolling,
);

/// A code for `steps_ahead` steps from now (the server accepts one either side).
fn code(secret: &str, steps_ahead: i64) -> String {
    totp::code_at(secret, Utc::now().timestamp() + 30 * steps_ahead).unwrap()
}

async fn enrol(app: &TestApp, session: &Session) -> String {
    let response = app
        .post_json("/api/v1/me/totp", Some(&session.access_token), &json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    let secret = body["secret"].as_str().unwrap().to_owned();
    let uri = body["otpauth_uri"].as_str().unwrap();
    assert!(uri.starts_with("otpauth://totp/Lantern:"), "{uri}");
    assert!(uri.contains(&format!("secret={secret}")));
    assert!(
        uri.contains("digits=6") && uri.contains("period=30") && uri.contains("algorithm=SHA1")
    );
    secret
}

async fn confirm(app: &TestApp, session: &Session, code: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/me/totp/confirm",
        Some(&session.access_token),
        &json!({"code": code}),
    )
    .await
}

/// Enrols and confirms with the current code; returns the secret.
async fn enable_totp(app: &TestApp, worker: &Worker) -> String {
    let session = app.log_in(worker).await;
    let secret = enrol(app, &session).await;
    let response = confirm(app, &session, &code(&secret, 0)).await;
    assert_eq!(response.status(), StatusCode::OK);
    secret
}

async fn first_step(app: &TestApp, worker: &Worker) -> String {
    let response = app
        .post_json(
            "/api/v1/auth/login",
            None,
            &json!({"email": worker.email, "password": worker.password}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["totp_required"], true, "{body}");
    assert!(body.get("access_token").is_none());
    body["challenge_token"].as_str().unwrap().to_owned()
}

async fn second_step(app: &TestApp, challenge: &str, code: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/auth/login/totp",
        None,
        &json!({"challenge_token": challenge, "code": code}),
    )
    .await
}

async fn enrolling_gives_a_secret_that_works_once_confirmed(app: TestApp) {
    let worker = app.create_worker();
    let session = app.log_in(&worker).await;
    let response = confirm(&app, &session, "123456").await;
    assert_problem(response, StatusCode::CONFLICT, "totp_not_started").await;

    let totp_enabled = |session: Session| {
        let app = &app;
        async move {
            let me = app.get("/api/v1/me", Some(&session.access_token)).await;
            assert_eq!(me.status(), StatusCode::OK);
            me.json::<serde_json::Value>().await.unwrap()["totp_enabled"].clone()
        }
    };
    assert_eq!(totp_enabled(session.clone()).await, json!(false));
    let secret = enrol(&app, &session).await;
    // Not on until confirmed: sign-in is still one step.
    assert_eq!(app.log_in(&worker).await.user_id, worker.id.0);
    assert_eq!(totp_enabled(session.clone()).await, json!(false));
    let wrong = if code(&secret, 0) == "000000" {
        "111111"
    } else {
        "000000"
    };
    let response = confirm(&app, &session, wrong).await;
    let body = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["code"], "wrong_code");

    // Enrolling again replaces the unconfirmed secret.
    let secret = enrol(&app, &session).await;
    let response = confirm(&app, &session, &code(&secret, 0)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = app
        .post_json("/api/v1/me/totp", Some(&session.access_token), &json!({}))
        .await;
    assert_problem(response, StatusCode::CONFLICT, "totp_already_enabled").await;
    assert_eq!(totp_enabled(session.clone()).await, json!(true));

    // Young people have no TOTP, and are not told of it.
    let (_, _, young_person) = app.worker_with_young_person().await;
    assert_eq!(
        totp_enabled(young_person.clone()).await,
        serde_json::Value::Null
    );
    let response = app
        .post_json(
            "/api/v1/me/totp",
            Some(&young_person.access_token),
            &json!({}),
        )
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
}

async fn sign_in_becomes_two_steps_and_a_code_works_once(app: TestApp) {
    let worker = app.create_worker();
    let secret = enable_totp(&app, &worker).await;

    // The confirming code is spent: it cannot sign in.
    let challenge = first_step(&app, &worker).await;
    let response = second_step(&app, &challenge, &code(&secret, 0)).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_totp_code").await;

    // The next step's code (within the ±1 window) signs in, once.
    let next = code(&secret, 1);
    let response = second_step(&app, &challenge, &next).await;
    assert_eq!(response.status(), StatusCode::OK);
    let session = Session::from_json(&response.json().await.unwrap());
    let response = app
        .get("/api/v1/caseload", Some(&session.access_token))
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    // The challenge is used up, and the code cannot be used again in a new one.
    let response = second_step(&app, &challenge, &next).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_totp_challenge").await;
    let again = first_step(&app, &worker).await;
    let response = second_step(&app, &again, &next).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_totp_code").await;

    // A made-up challenge, and a wrong password, get nowhere.
    let response = second_step(&app, "made-up", &code(&secret, 1)).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_totp_challenge").await;
    let response = app
        .post_json(
            "/api/v1/auth/login",
            None,
            &json!({"email": worker.email, "password": "not the password"}),
        )
        .await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
}

async fn a_challenge_is_used_up_by_wrong_codes(app: TestApp) {
    let worker = app.create_worker();
    let secret = enable_totp(&app, &worker).await;
    let challenge = first_step(&app, &worker).await;
    let valid = code(&secret, 1);
    let wrong = if valid == "999999" {
        "999998"
    } else {
        "999999"
    };
    for _ in 0..5 {
        let response = second_step(&app, &challenge, wrong).await;
        assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_totp_code").await;
    }
    // Five wrong codes: even the right one no longer works on this challenge.
    let response = second_step(&app, &challenge, &valid).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_totp_challenge").await;
    // A fresh challenge still can.
    let challenge = first_step(&app, &worker).await;
    let response = second_step(&app, &challenge, &valid).await;
    assert_eq!(response.status(), StatusCode::OK);
}

async fn switching_totp_off_needs_a_code_or_the_password(app: TestApp) {
    let worker = app.create_worker();
    let secret = enable_totp(&app, &worker).await;
    let challenge = first_step(&app, &worker).await;
    let response = second_step(&app, &challenge, &code(&secret, 1)).await;
    let session = Session::from_json(&response.json().await.unwrap());
    let disable = |body: Value| {
        let token = session.access_token.clone();
        let app = &app;
        async move {
            app.post_json("/api/v1/me/totp/disable", Some(&token), &body)
                .await
        }
    };
    let response = disable(json!({})).await;
    assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let response = disable(json!({"password": "not the password"})).await;
    let body = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["code"], "wrong_password");
    // The code that signed in is spent.
    let response = disable(json!({"code": code(&secret, 1)})).await;
    let body = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["code"], "wrong_code");
    let response = disable(json!({"password": worker.password})).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    // One step again.
    assert_eq!(app.log_in(&worker).await.user_id, worker.id.0);
}

async fn a_service_that_requires_totp_limits_unenrolled_staff_to_enrolling(app: TestApp) {
    let worker = app.create_worker();
    let admin = app.create_staff(&worker.service, Role::Admin);
    let admin_session = app.log_in(&admin).await;
    let response = app
        .patch_json(
            "/api/v1/admin/service",
            Some(&admin_session.access_token),
            &json!({"require_totp": true}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    // The admin's own access token stays good until refreshed (the scope is
    // judged when a token is issued); a fresh sign-in is limited.
    let response = app
        .post_json(
            "/api/v1/auth/login",
            None,
            &json!({"email": worker.email, "password": worker.password}),
        )
        .await;
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["scope"], "totp_enrolment", "{body}");
    let limited = Session::from_json(&body);
    let token = Some(limited.access_token.as_str());
    let response = app.get("/api/v1/caseload", token).await;
    assert_problem(response, StatusCode::FORBIDDEN, "totp_enrolment_required").await;
    let response = app.post_json("/api/v1/invites", token, &json!({})).await;
    assert_problem(response, StatusCode::FORBIDDEN, "totp_enrolment_required").await;
    assert_eq!(app.get("/api/v1/me", token).await.status(), StatusCode::OK);

    // Refreshing before enrolling stays limited.
    let response = app
        .post_json(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": limited.refresh_token}),
        )
        .await;
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["scope"], "totp_enrolment");
    let limited = Session::from_json(&body);

    // Enrol with the limited session; a refresh then gives a full one.
    let secret = enrol(&app, &limited).await;
    let response = confirm(&app, &limited, &code(&secret, 0)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = app
        .post_json(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": limited.refresh_token}),
        )
        .await;
    let body: Value = response.json().await.unwrap();
    assert!(body.get("scope").is_none(), "{body}");
    let full = Session::from_json(&body);
    let response = app.get("/api/v1/caseload", Some(&full.access_token)).await;
    assert_eq!(response.status(), StatusCode::OK);

    // And it cannot be switched off while the service requires it.
    let response = app
        .post_json(
            "/api/v1/me/totp/disable",
            Some(&full.access_token),
            &json!({"password": worker.password}),
        )
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "totp_required_by_service").await;

    // Young people are not affected.
    let code_for_invite = app.create_invite(&full).await;
    let young_person = app.join(&code_for_invite, "Sky").await;
    let response = app
        .get("/api/v1/me/consents", Some(&young_person.access_token))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}
