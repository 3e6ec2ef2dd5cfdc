//! Rate limits answer 429 `rate_limited` with `Retry-After`: per client IP
//! for sign-in, codes and refresh, per user for everything signed in. These
//! tests start their own app with small limits (the others run with
//! generous ones so parallel tests never trip them).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use lantern_server::rate_limit::RateLimits;
use lantern_tests::{Backend, StatusCode, TestApp, assert_problem};
use serde_json::json;

const SMALL: RateLimits = RateLimits {
    sign_in: 3,
    codes: 3,
    reminders: 3,
    refresh: 3,
    per_user: 5,
    trusted_proxies: 0,
};

macro_rules! on_both_backends_with {
    ($limits:expr, $($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let app = lantern_tests::TestApp::spawn_with(lantern_tests::Backend::Sqlite, $limits).await.unwrap();
                    super::$name(app).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    if let Some(app) = lantern_tests::TestApp::spawn_with(lantern_tests::Backend::Postgres, $limits).await {
                        super::$name(app).await;
                    }
                }
            )*
        }
    };
}

on_both_backends_with!(
    super::SMALL,
    sign_in_codes_and_refresh_are_limited_per_ip,
    signed_in_requests_are_limited_per_user,
);

async fn assert_limited(response: reqwest::Response) {
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_problem(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
}

async fn log_in_as(
    app: &TestApp,
    email: &str,
    password: &str,
    forwarded: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": email, "password": password}));
    if let Some(forwarded) = forwarded {
        request = request.header("X-Forwarded-For", forwarded);
    }
    request.send().await.unwrap()
}

async fn sign_in_codes_and_refresh_are_limited_per_ip(app: TestApp) {
    let worker = app.create_worker();
    let session = app.log_in(&worker).await;
    for _ in 0..2 {
        let response = log_in_as(&app, &worker.email, "wrong password", None).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    // The fourth attempt, even with the right password, waits; a forged
    // X-Forwarded-For changes nothing when no proxy is trusted.
    assert_limited(log_in_as(&app, &worker.email, &worker.password, None).await).await;
    assert_limited(log_in_as(&app, &worker.email, &worker.password, Some("203.0.113.9")).await)
        .await;
    // The TOTP step shares the sign-in allowance.
    let response = app
        .post_json(
            "/api/v1/auth/login/totp",
            None,
            &json!({"challenge_token": "x", "code": "123456"}),
        )
        .await;
    assert_limited(response).await;

    // Invite and re-link codes share their own allowance.
    let code = json!({"code": "ABCD-EFGH", "display_name": "Sky", "age_band": "13-15"});
    for _ in 0..2 {
        let response = app.post_json("/api/v1/join", None, &code).await;
        assert_problem(response, StatusCode::NOT_FOUND, "invalid_invite").await;
    }
    let response = app
        .post_json("/api/v1/relink", None, &json!({"code": "ABCD-EFGH"}))
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "invalid_relink_code").await;
    assert_limited(app.post_json("/api/v1/join", None, &code).await).await;
    assert_limited(
        app.post_json("/api/v1/relink", None, &json!({"code": "ABCD-EFGH"}))
            .await,
    )
    .await;

    // Refreshing has its own.
    let mut refresh_token = session.refresh_token.clone();
    for _ in 0..3 {
        let response = app
            .post_json(
                "/api/v1/auth/refresh",
                None,
                &json!({"refresh_token": refresh_token}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let body: serde_json::Value = response.json().await.unwrap();
        refresh_token = body["refresh_token"].as_str().unwrap().to_owned();
    }
    let response = app
        .post_json(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": refresh_token}),
        )
        .await;
    assert_limited(response).await;
}

async fn signed_in_requests_are_limited_per_user(app: TestApp) {
    let worker = app.create_worker();
    let first = app.log_in(&worker).await;
    let other = app.log_in(&app.create_worker()).await;
    for _ in 0..5 {
        let response = app.get("/api/v1/me", Some(&first.access_token)).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    assert_limited(app.get("/api/v1/caseload", Some(&first.access_token)).await).await;
    // Someone else is not held up.
    let response = app.get("/api/v1/me", Some(&other.access_token)).await;
    assert_eq!(response.status(), StatusCode::OK);
}

async fn behind_a_trusted_proxy_each_client_has_its_own_allowance(backend: Backend) {
    let limits = RateLimits {
        sign_in: 1,
        trusted_proxies: 1,
        ..SMALL
    };
    let Some(app) = TestApp::spawn_with(backend, limits).await else {
        return;
    };
    let worker = app.create_worker();
    let attempt =
        |forwarded: &'static str| log_in_as(&app, &worker.email, "wrong password", Some(forwarded));
    assert_eq!(attempt("10.0.0.1").await.status(), StatusCode::UNAUTHORIZED);
    assert_limited(attempt("10.0.0.1").await).await;
    assert_eq!(attempt("10.0.0.2").await.status(), StatusCode::UNAUTHORIZED);
    // The proxy appends what it saw; what the client wrote before is ignored.
    assert_limited(attempt("198.51.100.7, 10.0.0.1").await).await;
}

#[tokio::test]
async fn sqlite_behind_a_trusted_proxy_each_client_has_its_own_allowance() {
    behind_a_trusted_proxy_each_client_has_its_own_allowance(Backend::Sqlite).await;
}

#[tokio::test]
async fn postgres_behind_a_trusted_proxy_each_client_has_its_own_allowance() {
    behind_a_trusted_proxy_each_client_has_its_own_allowance(Backend::Postgres).await;
}
