//! Sign-in, rotating refresh tokens, invites and joining.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use lantern_server::db::signing_keys;
use lantern_tests::{Session, StatusCode, TestApp, assert_problem, on_both_backends};
use serde_json::{Value, json};

on_both_backends!(
    a_wrong_password_or_unknown_email_is_refused_alike,
    refresh_tokens_rotate_and_reuse_revokes_the_family,
    logging_out_ends_the_sign_in,
    an_invite_works_once_and_typing_does_not_matter,
    joining_refuses_bad_names_and_age_bands_naming_the_field,
    tokens_are_checked,
    spoiled_and_forged_access_tokens_are_refused,
    logging_out_ends_the_access_token_at_once,
    a_reused_refresh_token_ends_the_family_access_tokens_too,
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

/// The real server's signing key, to make tokens that are right in every
/// way but the one under test.
fn signing_key(app: &TestApp) -> (String, Vec<u8>, Vec<u8>) {
    let mut conn = app.pool.get().unwrap();
    let key = signing_keys::active(&mut conn).unwrap().remove(0);
    (
        key.kid,
        STANDARD.decode(key.private_key).unwrap(),
        STANDARD.decode(key.public_key).unwrap(),
    )
}

fn claims_of(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

fn sign(app: &TestApp, claims: &Value) -> String {
    let (kid, private, _) = signing_key(app);
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some(kid);
    jsonwebtoken::encode(&header, claims, &EncodingKey::from_ed_der(&private)).unwrap()
}

async fn me_status(app: &TestApp, token: &str) -> reqwest::Response {
    app.get("/api/v1/me", Some(token)).await
}

async fn spoiled_and_forged_access_tokens_are_refused(app: TestApp) {
    let worker = app.create_worker();
    let session = app.log_in(&worker).await;
    let claims = claims_of(&session.access_token);
    let now = chrono::Utc::now().timestamp();

    // Control: re-signing the real claims gives a token that works, so each
    // refusal below is down to the one thing changed.
    let resigned = sign(&app, &claims);
    assert_eq!(me_status(&app, &resigned).await.status(), StatusCode::OK);

    let cases = [
        (
            "expired",
            json!({"iat": now - 3600, "nbf": now - 3600, "exp": now - 1800}),
        ),
        ("not yet valid", json!({"nbf": now + 3600})),
        ("wrong audience", json!({"aud": "another-api"})),
        ("wrong issuer", json!({"iss": "someone-else"})),
        ("wrong type", json!({"typ": "refresh"})),
        ("exp as a string", json!({"exp": (now + 600).to_string()})),
        ("unknown session", json!({"sid": "not-a-session"})),
        ("someone else's session", json!({"sub": "another-user"})),
    ];
    for (name, changes) in cases {
        let mut spoiled = claims.clone();
        for (field, value) in changes.as_object().unwrap() {
            spoiled[field] = value.clone();
        }
        let response = me_status(&app, &sign(&app, &spoiled)).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{name}");
        assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    }

    // A tampered payload under the original signature.
    let mut raised = claims.clone();
    raised["role"] = json!("admin");
    let parts: Vec<&str> = session.access_token.split('.').collect();
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&raised).unwrap()),
        parts[2]
    );
    let response = me_status(&app, &tampered).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;

    // alg none, no signature.
    let (kid, _, public) = signing_key(&app);
    let none_header =
        URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"none","typ":"JWT","kid":"{kid}"}}"#));
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).unwrap());
    let response = me_status(&app, &format!("{none_header}.{payload}.")).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;

    // HS256 keyed with the public key (algorithm confusion).
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some(kid);
    let forged =
        jsonwebtoken::encode(&header, &claims, &EncodingKey::from_secret(&public)).unwrap();
    let response = me_status(&app, &forged).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;

    // A refresh token is not an access token.
    let response = me_status(&app, &session.refresh_token).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

async fn logging_out_ends_the_access_token_at_once(app: TestApp) {
    let worker = app.create_worker();
    let session = app.log_in(&worker).await;
    let other = app.log_in(&worker).await;
    assert_eq!(
        me_status(&app, &session.access_token).await.status(),
        StatusCode::OK
    );
    let response = app
        .post_json(
            "/api/v1/auth/logout",
            None,
            &json!({"refresh_token": session.refresh_token}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    // Not expired, but its sign-in has ended.
    let response = me_status(&app, &session.access_token).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let response = app
        .get("/api/v1/caseload", Some(&session.access_token))
        .await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    // Another sign-in of the same person is untouched.
    assert_eq!(
        me_status(&app, &other.access_token).await.status(),
        StatusCode::OK
    );
}

async fn a_reused_refresh_token_ends_the_family_access_tokens_too(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let response = refresh(&app, &young_person.refresh_token).await;
    let second = Session::from_json(&response.json().await.unwrap());
    assert_eq!(
        me_status(&app, &second.access_token).await.status(),
        StatusCode::OK
    );
    let response = refresh(&app, &young_person.refresh_token).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "refresh_token_reused").await;
    for token in [&young_person.access_token, &second.access_token] {
        let response = me_status(&app, token).await;
        assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    }
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
