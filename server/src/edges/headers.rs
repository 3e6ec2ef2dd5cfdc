//! Security headers on every response, and `Cache-Control: no-store` on every
//! API answer (errors included): a young person's data must not stay in a
//! shared computer's cache or a proxy's.

use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};

/// The web client's policy. It loads the core as WebAssembly (compiling it
/// needs `'wasm-unsafe-eval'`, which allows no JavaScript `eval`), sets
/// styles inline from components, and talks only to its own origin; its
/// service worker and manifest come from the same origin.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
    script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; \
    connect-src 'self'; \
    worker-src 'self'; \
    manifest-src 'self'; \
    object-src 'none'; \
    form-action 'self'; \
    frame-ancestors 'none'; \
    base-uri 'none'";

/// A year, as ASVS 3.4.1 asks; sent only when `LANTERN_HSTS` is on.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000; includeSubDomains";

const ALWAYS: [(&str, &str); 6] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    (
        "permissions-policy",
        "geolocation=(), camera=(), microphone=()",
    ),
    ("content-security-policy", CONTENT_SECURITY_POLICY),
];

/// Adds the headers a response does not set itself.
pub fn apply(headers: &mut HeaderMap, path: &str, hsts: bool) {
    for (name, value) in ALWAYS {
        set_if_absent(headers, name, value);
    }
    if hsts {
        set_if_absent(
            headers,
            "strict-transport-security",
            STRICT_TRANSPORT_SECURITY,
        );
    }
    if is_api(path) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

pub fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

fn set_if_absent(headers: &mut HeaderMap, name: &'static str, value: &'static str) {
    let name = HeaderName::from_static(name);
    if !headers.contains_key(&name) {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_answers_are_never_stored_and_hsts_only_when_asked() {
        let mut headers = HeaderMap::new();
        apply(&mut headers, "/api/v1/me", false);
        assert_eq!(headers.get("cache-control").unwrap(), "no-store");
        assert!(headers.get("strict-transport-security").is_none());
        let mut headers = HeaderMap::new();
        apply(&mut headers, "/index.html", true);
        assert!(headers.get("cache-control").is_none());
        assert_eq!(
            headers.get("strict-transport-security").unwrap(),
            STRICT_TRANSPORT_SECURITY
        );
        assert!(!is_api("/apiary"));
    }
}
