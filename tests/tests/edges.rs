//! The edges every request passes: security headers and `no-store` on API
//! answers (errors and refusals too), HSTS only when switched on, the CORS
//! allowlist, request ids (returned, kept from a proxy when sane, written
//! into audit rows), Prometheus metrics by route pattern, and how the web
//! client's files are compressed and cached.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use lantern_server::db::audit;
use lantern_server::db::ids::UserId;
use lantern_server::edges::EdgeSettings;
use lantern_tests::{StatusCode, TestApp, on_both_backends};
use serde_json::json;

on_both_backends!(
    api_answers_carry_security_headers_and_are_never_stored,
    a_rate_limited_refusal_carries_the_headers_too,
    hsts_is_sent_only_when_switched_on,
    cors_answers_listed_origins_only,
    without_a_list_no_origin_gets_cors_headers,
    every_answer_has_a_request_id_kept_from_a_proxy_when_sane,
    an_audited_read_records_the_answers_request_id,
    metrics_count_requests_by_route_pattern_not_path,
    metrics_can_be_off_or_on_an_address_of_their_own,
    the_web_client_is_compressed_and_cached_by_name_but_the_api_is_neither,
);

/// Another server on the same backend as `app`, with other edge settings.
async fn spawn_like(app: &TestApp, edges: EdgeSettings) -> TestApp {
    TestApp::spawn_configured(app.backend, move |settings| settings.edges = edges)
        .await
        .unwrap()
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response
        .headers()
        .get(name)
        .map(|value| value.to_str().unwrap())
}

fn assert_security_headers(response: &reqwest::Response) {
    assert_eq!(header(response, "x-content-type-options"), Some("nosniff"));
    assert_eq!(header(response, "referrer-policy"), Some("no-referrer"));
    assert_eq!(header(response, "x-frame-options"), Some("DENY"));
    let csp = header(response, "content-security-policy").unwrap();
    for directive in [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "worker-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ] {
        assert!(csp.contains(directive), "{directive} missing from {csp}");
    }
    assert!(!csp.contains("'unsafe-eval'"), "{csp}");
    assert!(
        header(response, "strict-transport-security").is_none(),
        "HSTS is off unless switched on"
    );
}

async fn api_answers_carry_security_headers_and_are_never_stored(app: TestApp) {
    let (_, worker, _) = app.worker_with_young_person().await;
    let ok = app
        .get("/api/v1/caseload", Some(&worker.access_token))
        .await;
    assert_eq!(ok.status(), StatusCode::OK);
    let unauthenticated = app.get("/api/v1/caseload", None).await;
    assert_eq!(unauthenticated.status(), StatusCode::UNAUTHORIZED);
    let unknown = app.get("/api/v1/no-such-thing", None).await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let bad_body = app
        .post_json("/api/v1/sync", Some(&worker.access_token), &json!([1]))
        .await;
    assert!(bad_body.status().is_client_error());
    for response in [&ok, &unauthenticated, &unknown, &bad_body] {
        assert_eq!(
            header(response, "cache-control"),
            Some("no-store"),
            "{}",
            response.url()
        );
        assert_security_headers(response);
    }

    // Outside the API, the security headers still apply.
    let health = app.get("/healthz", None).await;
    assert_eq!(health.status(), StatusCode::OK);
    assert_security_headers(&health);
}

async fn a_rate_limited_refusal_carries_the_headers_too(app: TestApp) {
    let limited = TestApp::spawn_configured(app.backend, |settings| {
        settings.rate_limits.sign_in = 1;
    })
    .await
    .unwrap();
    let login = json!({"email": "nobody@example.org", "password": "not the password"});
    let first = limited.post_json("/api/v1/auth/login", None, &login).await;
    assert_eq!(first.status(), StatusCode::UNAUTHORIZED);
    let second = limited.post_json("/api/v1/auth/login", None, &login).await;
    assert_eq!(second.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(header(&second, "cache-control"), Some("no-store"));
    assert!(header(&second, "x-request-id").is_some());
    assert!(header(&second, "retry-after").is_some());
    assert_security_headers(&second);
}

async fn hsts_is_sent_only_when_switched_on(app: TestApp) {
    let plain = app.get("/api/v1/me", None).await;
    assert!(header(&plain, "strict-transport-security").is_none());
    let behind_tls = spawn_like(
        &app,
        EdgeSettings {
            hsts: true,
            ..EdgeSettings::default()
        },
    )
    .await;
    for path in ["/api/v1/me", "/healthz"] {
        let response = behind_tls.get(path, None).await;
        assert_eq!(
            header(&response, "strict-transport-security"),
            Some("max-age=31536000; includeSubDomains"),
            "{path}"
        );
    }
}

const LISTED: &str = "https://app.example.org";
const OTHER: &str = "https://elsewhere.example.com";

async fn cors_answers_listed_origins_only(app: TestApp) {
    let app = spawn_like(
        &app,
        EdgeSettings {
            cors_origins: vec![LISTED.to_owned(), "http://localhost:5173".to_owned()],
            ..EdgeSettings::default()
        },
    )
    .await;
    let preflight = |origin: &str, method: &str| {
        app.client
            .request(
                reqwest::Method::OPTIONS,
                app.url("/api/v1/me/consents/mood"),
            )
            .header("origin", origin)
            .header("access-control-request-method", method)
            .header(
                "access-control-request-headers",
                "authorization,content-type",
            )
            .send()
    };

    for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
        let allowed = preflight(LISTED, method).await.unwrap();
        assert!(
            allowed.status().is_success(),
            "{method}: {}",
            allowed.status()
        );
        assert_eq!(
            header(&allowed, "access-control-allow-origin"),
            Some(LISTED)
        );
        let methods = header(&allowed, "access-control-allow-methods").unwrap();
        assert!(methods.contains(method), "{methods}");
        let headers = header(&allowed, "access-control-allow-headers")
            .unwrap()
            .to_ascii_lowercase();
        assert!(
            headers.contains("authorization") && headers.contains("content-type"),
            "{headers}"
        );
        assert!(header(&allowed, "x-request-id").is_some());
    }

    let refused = preflight(OTHER, "PUT").await.unwrap();
    assert!(header(&refused, "access-control-allow-origin").is_none());
    assert!(header(&refused, "access-control-allow-methods").is_none());

    // Actual requests: the listed origin gets the header (and may read the
    // request id); another origin's request is answered without CORS
    // headers, so its page cannot read the answer.
    let listed = app
        .client
        .get(app.url("/api/v1/me"))
        .header("origin", LISTED)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(header(&listed, "access-control-allow-origin"), Some(LISTED));
    assert!(
        header(&listed, "access-control-expose-headers")
            .unwrap()
            .to_ascii_lowercase()
            .contains("x-request-id")
    );
    let other = app
        .client
        .get(app.url("/api/v1/me"))
        .header("origin", OTHER)
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::UNAUTHORIZED);
    assert!(header(&other, "access-control-allow-origin").is_none());
    assert!(header(&other, "access-control-allow-credentials").is_none());
}

async fn without_a_list_no_origin_gets_cors_headers(app: TestApp) {
    for origin in [LISTED, OTHER] {
        let response = app
            .client
            .get(app.url("/api/v1/me"))
            .header("origin", origin)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert!(header(&response, "access-control-allow-origin").is_none());
        let preflight = app
            .client
            .request(reqwest::Method::OPTIONS, app.url("/api/v1/sync"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .send()
            .await
            .unwrap();
        assert!(header(&preflight, "access-control-allow-origin").is_none());
    }
}

async fn every_answer_has_a_request_id_kept_from_a_proxy_when_sane(app: TestApp) {
    let first = app.get("/api/v1/me", None).await;
    let second = app.get("/healthz", None).await;
    let (a, b) = (
        header(&first, "x-request-id").unwrap(),
        header(&second, "x-request-id").unwrap(),
    );
    assert_ne!(a, b, "each request has its own id");
    assert!(uuid::Uuid::parse_str(a).is_ok(), "{a}");

    let with_id = |id: String| {
        app.client
            .get(app.url("/api/v1/me"))
            .header("x-request-id", id)
            .send()
    };
    let kept = with_id("edge-proxy_42".into()).await.unwrap();
    assert_eq!(header(&kept, "x-request-id"), Some("edge-proxy_42"));
    for bad in ["a".repeat(65), "two words".into(), "a;b=c".into()] {
        let replaced = with_id(bad.clone()).await.unwrap();
        let id = header(&replaced, "x-request-id").unwrap();
        assert_ne!(id, bad);
        assert!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
    }
}

async fn an_audited_read_records_the_answers_request_id(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    app.set_consent(&young_person, "mood", true, true).await;
    let path = format!("/api/v1/young-people/{}/check-ins", young_person.user_id);

    // An id the server made.
    let response = app.get(&path, Some(&worker.access_token)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let made = header(&response, "x-request-id").unwrap().to_owned();
    // An id a proxy gave.
    let response = app
        .client
        .get(app.url(&path))
        .bearer_auth(&worker.access_token)
        .header("x-request-id", "proxy-7f3a")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    let mut conn = app.pool.get().unwrap();
    let events = audit::for_subject(&mut conn, &UserId(young_person.user_id.clone())).unwrap();
    let reads: Vec<_> = events
        .iter()
        .filter(|event| event.action == "read_check_ins")
        .collect();
    assert_eq!(reads.len(), 2);
    let ids: Vec<_> = reads
        .iter()
        .map(|event| event.request_id.as_deref().unwrap())
        .collect();
    assert!(ids.contains(&made.as_str()), "{ids:?} {made}");
    assert!(ids.contains(&"proxy-7f3a"), "{ids:?}");
}

/// The value of the first sample line that starts with `series`.
fn sample(metrics: &str, series: &str) -> Option<f64> {
    metrics
        .lines()
        .find(|line| line.starts_with(series))
        .and_then(|line| line.rsplit(' ').next())
        .map(|value| value.parse().unwrap())
}

async fn metrics_count_requests_by_route_pattern_not_path(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let read = format!("/api/v1/young-people/{}/check-ins", young_person.user_id);
    let series = r#"lantern_http_requests_total{method="GET",route="/api/v1/young-people/{id}/check-ins",status="4xx"}"#;

    let before = app.get("/metrics", None).await;
    assert_eq!(before.status(), StatusCode::OK);
    assert!(
        header(&before, "content-type")
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let before = before.text().await.unwrap();
    assert_eq!(sample(&before, series), None, "no such request yet");

    // Not shared yet: refused with 403, twice.
    for _ in 0..2 {
        let refused = app.get(&read, Some(&worker.access_token)).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
    app.set_consent(&young_person, "mood", true, true).await;
    let allowed = app.get(&read, Some(&worker.access_token)).await;
    assert_eq!(allowed.status(), StatusCode::OK);

    let after = app.get("/metrics", None).await.text().await.unwrap();
    assert_eq!(sample(&after, series), Some(2.0), "{after}");
    let ok = series.replace("4xx", "2xx");
    assert_eq!(sample(&after, &ok), Some(1.0), "{after}");
    let latency = r#"lantern_http_request_duration_seconds_count{method="GET",route="/api/v1/young-people/{id}/check-ins",status="2xx"}"#;
    assert_eq!(sample(&after, latency), Some(1.0), "{after}");
    assert!(
        after.contains("lantern_http_request_duration_seconds_bucket{"),
        "{after}"
    );
    // Ids never become labels.
    assert!(!after.contains(&young_person.user_id), "{after}");
    assert!(sample(&after, "lantern_db_pool_connections ").unwrap() >= 1.0);
    assert!(sample(&after, "lantern_db_pool_idle_connections ").is_some());
    let started = sample(&after, "process_start_time_seconds ").unwrap();
    let now = chrono::Utc::now().timestamp() as f64;
    assert!(started > 1.7e9 && started <= now, "{started}");
    // Unknown paths share one label however many there are.
    app.get("/no/such/path/123", None).await;
    let later = app.get("/metrics", None).await.text().await.unwrap();
    assert!(!later.contains("/no/such/path"), "{later}");
}

async fn metrics_can_be_off_or_on_an_address_of_their_own(app: TestApp) {
    let off = spawn_like(
        &app,
        EdgeSettings {
            metrics: false,
            ..EdgeSettings::default()
        },
    )
    .await;
    assert_eq!(
        off.get("/metrics", None).await.status(),
        StatusCode::NOT_FOUND
    );

    let apart = spawn_like(
        &app,
        EdgeSettings {
            metrics_bind: Some("127.0.0.1:0".into()),
            ..EdgeSettings::default()
        },
    )
    .await;
    assert_eq!(
        apart.get("/metrics", None).await.status(),
        StatusCode::NOT_FOUND,
        "not beside the API"
    );
    apart.get("/api/v1/me", None).await;
    let metrics_base = apart.metrics_base.clone().unwrap();
    let text = apart
        .client
        .get(format!("{metrics_base}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let series = r#"lantern_http_requests_total{method="GET",route="/api/v1/me",status="4xx"}"#;
    assert_eq!(sample(&text, series), Some(1.0), "{text}");
    let api_there = apart
        .client
        .get(format!("{metrics_base}/api/v1/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        api_there.status(),
        StatusCode::NOT_FOUND,
        "only metrics there"
    );
}

async fn the_web_client_is_compressed_and_cached_by_name_but_the_api_is_neither(app: TestApp) {
    use std::io::Read;

    let root = tempfile::tempdir().unwrap();
    let script = "export const words = 'a phone on a slow connection';\n".repeat(200);
    std::fs::create_dir(root.path().join("assets")).unwrap();
    std::fs::write(root.path().join("assets/index-AbC123.js"), &script).unwrap();
    std::fs::write(
        root.path().join("index.html"),
        "<!doctype html><title>Lantern</title>",
    )
    .unwrap();
    std::fs::write(
        root.path().join("sw.js"),
        "self.addEventListener('push', () => {});",
    )
    .unwrap();
    let web_root = root.path().to_owned();
    let app = TestApp::spawn_configured(app.backend, move |settings| settings.web_root = web_root)
        .await
        .unwrap();
    let get = |path: &str| {
        app.client
            .get(app.url(path))
            .header("accept-encoding", "gzip")
            .send()
    };

    let asset = get("/assets/index-AbC123.js").await.unwrap();
    assert_eq!(asset.status(), StatusCode::OK);
    assert_eq!(header(&asset, "content-encoding"), Some("gzip"));
    assert_eq!(
        header(&asset, "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_security_headers(&asset);
    let compressed = asset.bytes().await.unwrap();
    assert!(
        compressed.len() < script.len() / 4,
        "{} bytes",
        compressed.len()
    );
    let mut unpacked = String::new();
    flate2::read::GzDecoder::new(&compressed[..])
        .read_to_string(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, script);

    // The page and the service worker are checked again on every load, so
    // an update reaches the phone.
    for path in ["/", "/sw.js"] {
        let response = get(path).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            header(&response, "cache-control"),
            Some("no-cache"),
            "{path}"
        );
    }

    // API answers are neither compressed nor stored.
    let api = get("/api/v1/push/vapid-public-key").await.unwrap();
    assert_eq!(api.status(), StatusCode::OK);
    assert_eq!(header(&api, "content-encoding"), None);
    assert_eq!(header(&api, "cache-control"), Some("no-store"));
    let missing = get("/assets/gone-123.js").await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_ne!(
        header(&missing, "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
}
