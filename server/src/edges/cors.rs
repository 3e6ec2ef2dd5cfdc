//! Cross-origin calls from browsers: none unless `LANTERN_CORS_ORIGINS`
//! lists the origins whose pages may call the API (Lantern's own web client
//! is same-origin and needs nothing). A listed origin gets the CORS headers
//! and working preflights; any other gets no CORS headers at all, so the
//! browser keeps the answer from the page.

use actix_cors::Cors;
use actix_web::http::{Method, header};

/// How long a browser may cache a preflight answer.
const PREFLIGHT_MAX_AGE_SECONDS: usize = 600;

/// The middleware for these origins (an empty list is never passed: the
/// middleware is then left out).
pub fn middleware(origins: &[String]) -> Cors {
    let mut cors = Cors::default()
        .allowed_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::HeaderName::from_static(super::request_id::HEADER),
            header::HeaderName::from_static(crate::routes::reminders::SECRET_HEADER),
        ])
        .expose_headers([
            header::RETRY_AFTER,
            header::HeaderName::from_static(super::request_id::HEADER),
        ])
        .max_age(PREFLIGHT_MAX_AGE_SECONDS)
        // A page from another origin simply gets no CORS headers: the
        // request itself is answered (same-origin pages send `Origin` too).
        .block_on_origin_mismatch(false);
    for origin in origins {
        cors = cors.allowed_origin(origin);
    }
    cors
}

/// Parses the comma-separated list, refusing anything that is not exactly
/// an origin: a path, a trailing slash or a wildcard would either never
/// match or allow far more than meant.
pub fn parse_origins(list: &str) -> anyhow::Result<Vec<String>> {
    let mut origins = Vec::new();
    for origin in list.split(',').map(str::trim).filter(|o| !o.is_empty()) {
        let rest = origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"));
        let valid = rest.is_some_and(|host| {
            !host.is_empty()
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'))
        });
        if !valid {
            anyhow::bail!(
                "LANTERN_CORS_ORIGINS: {origin:?} is not an origin such as https://app.example.org \
                 (scheme and host, an optional port, no path, no wildcard)"
            );
        }
        origins.push(origin.to_owned());
    }
    Ok(origins)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_listed_exactly() {
        assert_eq!(
            parse_origins(" https://a.example.org , http://localhost:5173,").unwrap(),
            vec!["https://a.example.org", "http://localhost:5173"]
        );
        assert!(parse_origins("").unwrap().is_empty());
    }

    #[test]
    fn anything_but_an_origin_is_refused() {
        for bad in [
            "*",
            "https://*.example.org",
            "https://a.example.org/",
            "https://a.example.org/app",
            "a.example.org",
            "ftp://a.example.org",
            "https://",
        ] {
            let error = parse_origins(bad).unwrap_err().to_string();
            assert!(error.contains("LANTERN_CORS_ORIGINS"), "{bad}: {error}");
        }
    }
}
