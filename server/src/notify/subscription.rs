//! A browser's push subscription, checked before it is stored. The endpoint
//! is a URL the client chose, so we only ever post to the push services
//! browsers use, plus origins the operator names (`LANTERN_PUSH_ORIGINS`),
//! never to an arbitrary address. The keys must be what RFC 8291 needs.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;

/// The push services of the browsers Lantern supports: Chrome and Android
/// (FCM), Firefox (autopush), Edge (WNS) and Safari (APNs web push).
const PUSH_SERVICE_HOSTS: &[&str] = &[
    "fcm.googleapis.com",
    "updates.push.services.mozilla.com",
    "web.push.apple.com",
];
const PUSH_SERVICE_SUFFIXES: &[&str] = &[
    ".push.services.mozilla.com",
    ".notify.windows.com",
    ".push.apple.com",
];
/// Longer endpoints exist nowhere real and are refused.
const MAX_ENDPOINT_LEN: usize = 1024;

/// Which endpoints we may post to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PushOrigins {
    /// Extra origins ("http://127.0.0.1:8090"), exactly as the operator
    /// wrote them, scheme and port included.
    extra: Vec<String>,
}

impl PushOrigins {
    /// Parses `LANTERN_PUSH_ORIGINS`: a comma-separated list of origins.
    pub fn parse(text: &str) -> Result<PushOrigins, String> {
        let mut extra = Vec::new();
        for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let url = url::Url::parse(item).map_err(|e| format!("{item:?} is not a URL: {e}"))?;
            let origin = url.origin();
            if !origin.is_tuple() || !matches!(url.scheme(), "http" | "https") {
                return Err(format!("{item:?} is not an http(s) origin"));
            }
            extra.push(origin.ascii_serialization());
        }
        Ok(PushOrigins { extra })
    }

    /// Whether we may post to this endpoint.
    pub fn allows(&self, endpoint: &url::Url) -> bool {
        if !endpoint.username().is_empty() || endpoint.password().is_some() {
            return false;
        }
        if self
            .extra
            .contains(&endpoint.origin().ascii_serialization())
        {
            return true;
        }
        let Some(host) = endpoint.host_str() else {
            return false;
        };
        endpoint.scheme() == "https"
            && endpoint.port().is_none()
            && (PUSH_SERVICE_HOSTS.contains(&host)
                || PUSH_SERVICE_SUFFIXES
                    .iter()
                    .any(|suffix| host.ends_with(suffix)))
    }
}

/// What the browser's `PushSubscription.toJSON()` gives.
#[derive(Debug, Clone, Deserialize)]
pub struct SubscriptionInput {
    pub endpoint: String,
    pub keys: KeysInput,
}

#[derive(Debug, Clone, Deserialize)]
pub struct KeysInput {
    pub p256dh: String,
    pub auth: String,
}

/// A subscription we may store and send to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub endpoint: String,
    /// base64url, no padding, as received.
    pub p256dh: String,
    pub auth: String,
}

/// Why a subscription was refused: the field and a stable code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub field: &'static str,
    pub code: &'static str,
    pub message: &'static str,
}

impl SubscriptionInput {
    pub fn check(self, origins: &PushOrigins) -> Result<Subscription, Refusal> {
        let endpoint = self.endpoint.trim().to_owned();
        let refuse_endpoint = Refusal {
            field: "endpoint",
            code: "push_endpoint_not_allowed",
            message: "This is not the address of a push service Lantern sends to.",
        };
        if endpoint.len() > MAX_ENDPOINT_LEN {
            return Err(refuse_endpoint);
        }
        let url = url::Url::parse(&endpoint).map_err(|_| refuse_endpoint.clone())?;
        if !origins.allows(&url) {
            return Err(refuse_endpoint);
        }
        let p256dh = decode(&self.keys.p256dh);
        let point_ok = p256dh.as_ref().is_some_and(|bytes| {
            // Uncompressed (0x04 ‖ X ‖ Y) and on the curve.
            bytes.len() == 65 && bytes[0] == 0x04 && p256::PublicKey::from_sec1_bytes(bytes).is_ok()
        });
        if !point_ok {
            return Err(Refusal {
                field: "keys.p256dh",
                code: "push_key_invalid",
                message: "The subscription's public key is not an uncompressed P-256 point.",
            });
        }
        if decode(&self.keys.auth).is_none_or(|bytes| bytes.len() != 16) {
            return Err(Refusal {
                field: "keys.auth",
                code: "push_key_invalid",
                message: "The subscription's auth secret must be 16 bytes.",
            });
        }
        Ok(Subscription {
            endpoint,
            p256dh: self.keys.p256dh.trim().trim_end_matches('=').to_owned(),
            auth: self.keys.auth.trim().trim_end_matches('=').to_owned(),
        })
    }
}

/// Browsers send base64url without padding; accept padding too.
fn decode(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD
        .decode(text.trim().trim_end_matches('='))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generator point of P-256: a real point, uncompressed.
    fn real_point() -> String {
        let mut bytes = vec![0x04];
        bytes.extend(
            hex("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296")
                .into_iter()
                .chain(hex(
                    "4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5",
                )),
        );
        URL_SAFE_NO_PAD.encode(bytes)
    }

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    fn input(endpoint: &str, p256dh: &str, auth: &str) -> SubscriptionInput {
        SubscriptionInput {
            endpoint: endpoint.into(),
            keys: KeysInput {
                p256dh: p256dh.into(),
                auth: auth.into(),
            },
        }
    }

    fn auth() -> String {
        URL_SAFE_NO_PAD.encode([7u8; 16])
    }

    #[test]
    fn browser_push_services_are_allowed() {
        let origins = PushOrigins::default();
        for endpoint in [
            "https://fcm.googleapis.com/fcm/send/abc:def",
            "https://updates.push.services.mozilla.com/wpush/v2/gAAA",
            "https://wns2-db5p.notify.windows.com/w/?token=x",
            "https://web.push.apple.com/QGx",
        ] {
            let checked = input(endpoint, &real_point(), &auth()).check(&origins);
            assert!(checked.is_ok(), "{endpoint}: {checked:?}");
        }
    }

    #[test]
    fn any_other_address_is_refused() {
        let origins = PushOrigins::default();
        for endpoint in [
            "http://fcm.googleapis.com/fcm/send/abc",
            "https://fcm.googleapis.com:8443/fcm/send/abc",
            "https://fcm.googleapis.com.evil.example/x",
            "https://evilnotify.windows.com.example/x",
            "https://169.254.169.254/latest/meta-data",
            "http://127.0.0.1:8090/notify/x",
            "https://user:pw@fcm.googleapis.com/x",
            "file:///etc/passwd",
            "not a url",
        ] {
            let refusal = input(endpoint, &real_point(), &auth())
                .check(&origins)
                .unwrap_err();
            assert_eq!(refusal.code, "push_endpoint_not_allowed", "{endpoint}");
        }
    }

    #[test]
    fn an_origin_the_operator_adds_is_allowed_exactly() {
        let origins =
            PushOrigins::parse("http://127.0.0.1:8090, https://push.example.org").unwrap();
        assert!(
            input("http://127.0.0.1:8090/notify/a", &real_point(), &auth())
                .check(&origins)
                .is_ok()
        );
        assert!(
            input("http://127.0.0.1:8091/notify/a", &real_point(), &auth())
                .check(&origins)
                .is_err()
        );
        assert!(
            input("https://push.example.org/x", &real_point(), &auth())
                .check(&origins)
                .is_ok()
        );
        assert!(PushOrigins::parse("ftp://x.example").is_err());
        assert!(PushOrigins::parse("nonsense").is_err());
    }

    #[test]
    fn keys_must_be_a_curve_point_and_a_sixteen_byte_secret() {
        let origins = PushOrigins::default();
        let endpoint = "https://fcm.googleapis.com/fcm/send/x";
        let mut off_curve = URL_SAFE_NO_PAD.decode(real_point()).unwrap();
        off_curve[64] ^= 1;
        let compressed = {
            let mut bytes = URL_SAFE_NO_PAD.decode(real_point()).unwrap();
            bytes.truncate(33);
            bytes[0] = 0x03;
            bytes
        };
        for bad in [
            URL_SAFE_NO_PAD.encode(off_curve),
            URL_SAFE_NO_PAD.encode(compressed),
            "not base64!".to_owned(),
            String::new(),
        ] {
            let refusal = input(endpoint, &bad, &auth()).check(&origins).unwrap_err();
            assert_eq!(refusal.field, "keys.p256dh");
        }
        for bad in [URL_SAFE_NO_PAD.encode([1u8; 15]), "%%%".to_owned()] {
            let refusal = input(endpoint, &real_point(), &bad)
                .check(&origins)
                .unwrap_err();
            assert_eq!(refusal.field, "keys.auth");
        }
        let padded = format!("{}==", auth());
        assert!(
            input(endpoint, &real_point(), &padded)
                .check(&origins)
                .is_ok()
        );
    }
}
