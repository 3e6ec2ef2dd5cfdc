//! One push, one request: encrypt the payload for the subscription
//! (aes128gcm, RFC 8291), sign for its push service, post it with our own
//! HTTP client (so there is a timeout and we see `Retry-After`), and say
//! what became of it.

use std::time::Duration;

use chrono::NaiveDateTime;
use web_push::{ContentEncoding, SubscriptionInfo, WebPushMessageBuilder};

use super::backoff;
use super::vapid::Signer;
use crate::db::push_delivery::{Destination, OutboxRow};
use crate::notify::kind::Urgency;
use crate::notify::subscription::PushOrigins;

/// The most plaintext we send. The crate refuses above 3,052 bytes and
/// some phones above 3,070; our payloads are a kind, an id and a title.
pub const MAX_PAYLOAD_BYTES: usize = 2048;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The push service took it (2xx).
    Sent,
    /// The subscription is gone (404, 410): stop sending to it.
    Gone { status: u16 },
    /// It will never go (400, 401, 403, 413, a bad row): drop it. `reason`
    /// is a status or a cause, never anything personal.
    Failed { reason: String },
    /// Not now (429, 5xx, no answer): try again, after `wait` if the push
    /// service said how long.
    Retry {
        reason: String,
        wait: Option<Duration>,
    },
}

/// What a sender needs to send: one HTTP client (its connection pool is
/// shared by every push), the signer and the allowed origins.
pub struct Delivery {
    pub client: reqwest::Client,
    pub signer: Signer,
    pub origins: PushOrigins,
}

impl Delivery {
    pub async fn deliver(&self, row: &OutboxRow, to: &Destination, now: NaiveDateTime) -> Outcome {
        let message = match self.build(row, to) {
            Ok(message) => message,
            Err(reason) => return Outcome::Failed { reason },
        };
        let request = web_push::request_builder::build_request::<Vec<u8>>(message);
        let (parts, body) = request.into_parts();
        let mut post = self.client.post(parts.uri.to_string()).body(body);
        for (name, value) in &parts.headers {
            post = post.header(name.as_str(), value.as_bytes());
        }
        let response = match post.send().await {
            Ok(response) => response,
            Err(error) if error.is_timeout() => {
                return retry("timeout".into(), None);
            }
            Err(error) if error.is_connect() => return retry("connect".into(), None),
            Err(_) => return retry("network".into(), None),
        };
        let status = response.status().as_u16();
        let wait = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| backoff::retry_after(value, now));
        classify(status, wait)
    }

    /// The encrypted, signed message, or why there can be none.
    fn build(&self, row: &OutboxRow, to: &Destination) -> Result<web_push::WebPushMessage, String> {
        // Checked again here: the allowed origins may have changed since
        // the browser subscribed.
        let url = url::Url::parse(&to.endpoint).map_err(|_| "endpoint_invalid".to_owned())?;
        if !self.origins.allows(&url) {
            return Err("endpoint_not_allowed".into());
        }
        if row.payload.len() > MAX_PAYLOAD_BYTES {
            return Err("payload_too_large".into());
        }
        let info =
            SubscriptionInfo::new(to.endpoint.as_str(), to.p256dh.as_str(), to.auth.as_str());
        let origin = url.origin().ascii_serialization();
        let signature = self
            .signer
            .signature_for(&origin, &info)
            .map_err(|e| format!("vapid: {e}"))?;
        let mut builder = WebPushMessageBuilder::new(&info);
        builder.set_ttl(u32::try_from(row.ttl_seconds).unwrap_or(0));
        if let Some(urgency) = Urgency::parse(&row.urgency) {
            builder.set_urgency(match urgency {
                Urgency::VeryLow => web_push::Urgency::VeryLow,
                Urgency::Low => web_push::Urgency::Low,
                Urgency::Normal => web_push::Urgency::Normal,
                Urgency::High => web_push::Urgency::High,
            });
        }
        if let Some(topic) = &row.topic {
            builder.set_topic(topic.clone());
        }
        builder.set_payload(ContentEncoding::Aes128Gcm, row.payload.as_bytes());
        builder.set_vapid_signature(signature);
        builder.build().map_err(|e| format!("message: {e}"))
    }
}

fn retry(reason: String, wait: Option<Duration>) -> Outcome {
    Outcome::Retry { reason, wait }
}

/// RFC 8030 and what push services really answer.
pub fn classify(status: u16, wait: Option<Duration>) -> Outcome {
    match status {
        200..=299 => Outcome::Sent,
        404 | 410 => Outcome::Gone { status },
        429 | 500..=599 => retry(format!("status {status}"), wait),
        _ => Outcome::Failed {
            reason: format!("status {status}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_what_we_do_next() {
        assert_eq!(classify(201, None), Outcome::Sent);
        assert_eq!(classify(410, None), Outcome::Gone { status: 410 });
        assert_eq!(classify(404, None), Outcome::Gone { status: 404 });
        for status in [400, 401, 403, 413, 302] {
            assert!(
                matches!(classify(status, None), Outcome::Failed { .. }),
                "{status}"
            );
        }
        let wait = Some(Duration::from_secs(7));
        assert_eq!(
            classify(429, wait),
            Outcome::Retry {
                reason: "status 429".into(),
                wait
            }
        );
        assert!(matches!(
            classify(503, None),
            Outcome::Retry { wait: None, .. }
        ));
    }
}
