//! Sign-in, rotating refresh tokens, invites and joining.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use lantern_tests::{Session, StatusCode, TestApp, assert_problem, on_both_backends};
use serde_json::{Value, json};

on_both_backends!(
    a_wrong_password_or_unknown_email_is_refused_alike,
    refresh_tokens_rotate_and_reuse_revokes_the_family,
    logging_out_ends_the_sign_in,
    an_invite_works_once_and_typing_does_not_matter,
    joining_refuses_bad_names_and_age_bands_naming_the_field,
    tokens_are_checked,
    health_and_unknown_paths,
);

async fn a_wrong_password_or_unknown_email_is_refused_alike(app: TestApp) {
    let worker = app.create_worker();
    for (email, password) in [
        (worker.email.as_str(), "not the password"),
        ("nobody@example.org", worker.password.as_str()),
    ] {
        let response = app
            .post_json(
                "/api/v1/auth/login",
                None,
                &json!({"email": email, "password": password}),
            )
            .await;
        assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    }
    let upper = json!({"email": worker.email.to_uppercase(), "password": worker.password});
    let response = app.post_json("/api/v1/auth/login", None, &upper).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "emails are case-insensitive"
    );
    let response = app
        .post_json("/api/v1/auth/login", None, &json!({"email": 3}))
        .await;
    assert_problem(response, StatusCode::BAD_REQUEST, "bad_request").await;
}

async fn refresh(app: &TestApp, token: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/auth/refresh",
        None,
        &json!({"refresh_token": token}),
    )
    .await
}

async fn refresh_tokens_rotate_and_reuse_revokes_the_family(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let response = refresh(&app, &young_person.refresh_token).await;
    assert_eq!(response.status(), StatusCode::OK);
    let second = Session::from_json(&response.json().await.unwrap());
    assert_ne!(second.refresh_token, young_person.refresh_token);
    assert_eq!(
        app.get("/api/v1/me", Some(&second.access_token))
            .await
            .status(),
        StatusCode::OK
    );

    // The first token again: someone copied it. Both are now dead.
    let response = refresh(&app, &young_person.refresh_token).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "refresh_token_reused").await;
    let response = refresh(&app, &second.refresh_token).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
    let response = refresh(&app, "made-up").await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
}

async fn logging_out_ends_the_sign_in(app: TestApp) {
    let worker = app.create_worker();
    let session = app.log_in(&worker).await;
    let response = app
        .post_json(
            "/api/v1/auth/logout",
            None,
            &json!({"refresh_token": session.refresh_token}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = refresh(&app, &session.refresh_token).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
}

async fn an_invite_works_once_and_typing_does_not_matter(app: TestApp) {
    let worker = app.create_worker();
    let session = app.log_in(&worker).await;
    let code = app.create_invite(&session).await;
    assert_eq!(code.len(), 9);
    let typed = code.replace('-', " ").to_lowercase();
    let young_person = app.join(&typed, "  River ").await;
    let me: Value = app
        .get("/api/v1/me", Some(&young_person.access_token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["role"], "young_person");
    assert_eq!(me["display_name"], "River");

    let again = json!({"code": code, "display_name": "Other", "age_band": "10-12"});
    let response = app.post_json("/api/v1/join", None, &again).await;
    assert_problem(response, StatusCode::NOT_FOUND, "invalid_invite").await;

    let response = app
        .post_json(
            "/api/v1/invites",
            Some(&young_person.access_token),
            &json!({}),
        )
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
}

async fn joining_refuses_bad_names_and_age_bands_naming_the_field(app: TestApp) {
    let worker = app.create_worker();
    let session = app.log_in(&worker).await;
    let code = app.create_invite(&session).await;
    let bad = json!({"code": code, "display_name": "x".repeat(31), "age_band": "9"});
    let response = app.post_json("/api/v1/join", None, &bad).await;
    let body = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<_> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].clone())
        .collect();
    assert_eq!(fields, [json!("display_name"), json!("age_band")]);
    // The code was not used up by the failed attempt.
    app.join(&code, "Sky").await;
}

async fn tokens_are_checked(app: TestApp) {
    let worker = app.create_worker();
    let session = app.log_in(&worker).await;
    let mut tampered = session.access_token.clone();
    tampered.pop();
    tampered.push(if session.access_token.ends_with('A') {
        'B'
    } else {
        'A'
    });
    for token in [tampered.as_str(), "not.a.token", ""] {
        let response = app.get("/api/v1/caseload", Some(token)).await;
        assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    }
    // A refresh token is not an access token.
    let response = app
        .get("/api/v1/caseload", Some(&session.refresh_token))
        .await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

async fn health_and_unknown_paths(app: TestApp) {
    assert_eq!(app.get("/healthz", None).await.status(), StatusCode::OK);
    let ready: Value = app.get("/readyz", None).await.json().await.unwrap();
    assert_eq!(ready["status"], "ready");
    let response = app.get("/api/v1/nothing-here", None).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = app.get("/healthz", None).await;
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
}
