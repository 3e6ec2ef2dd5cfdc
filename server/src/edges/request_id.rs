//! Request ids: every response carries `X-Request-Id`, every log line of a
//! request has it as the `request_id` field, and every audit row written in
//! a request stores it, so an operator can go from a young person's
//! question about their audit log to the server's logs and back.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};

use crate::error::ApiError;

pub const HEADER: &str = "x-request-id";

/// A proxy's id is kept when it looks like one; anything else (too long,
/// or characters that could forge log lines) is replaced.
const MAX_LEN: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(String);

impl RequestId {
    /// The id a proxy in front already gave the request, if it is sane, or
    /// a new one.
    pub fn from_header(value: Option<&[u8]>) -> RequestId {
        match value.and_then(|bytes| std::str::from_utf8(bytes).ok()) {
            Some(text) if is_sane(text) => RequestId(text.to_owned()),
            _ => RequestId::generate(),
        }
    }

    pub fn generate() -> RequestId {
        RequestId(uuid::Uuid::new_v4().to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_sane(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_LEN
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The id the edge middleware gave this request. Outside that middleware
/// (a unit test calling a handler) a fresh one, so extraction never fails.
impl FromRequest for RequestId {
    type Error = ApiError;
    type Future = Ready<Result<RequestId, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(of(req)))
    }
}

pub fn of(req: &HttpRequest) -> RequestId {
    req.extensions()
        .get::<RequestId>()
        .cloned()
        .unwrap_or_else(RequestId::generate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sane_id_from_a_proxy_is_kept() {
        let id = RequestId::from_header(Some(b"abc-123_XYZ"));
        assert_eq!(id.as_str(), "abc-123_XYZ");
        let longest = "a".repeat(64);
        assert_eq!(
            RequestId::from_header(Some(longest.as_bytes())).as_str(),
            longest
        );
    }

    #[test]
    fn anything_else_is_replaced_by_a_new_id() {
        let too_long = "a".repeat(65);
        for bad in [
            "",
            "has space",
            "new\nline",
            "quote\"",
            "é",
            "a=b",
            too_long.as_str(),
        ] {
            let id = RequestId::from_header(Some(bad.as_bytes()));
            assert_ne!(id.as_str(), bad);
            assert!(is_sane(id.as_str()), "{id}");
        }
        assert!(is_sane(RequestId::from_header(None).as_str()));
        assert!(is_sane(
            RequestId::from_header(Some(&[0xff, 0xfe])).as_str()
        ));
    }
}
