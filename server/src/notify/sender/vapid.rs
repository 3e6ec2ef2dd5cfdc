//! VAPID (RFC 8292): our key pair, made once and kept in the database, and
//! the signed `Authorization` we show each push service. One signature per
//! push-service origin is reused until shortly before it expires, so a
//! fan-out of a million pushes costs a handful of signatures, not a million.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{NaiveDateTime, Utc};
use web_push::{
    PartialVapidSignatureBuilder, SubscriptionInfo, VapidSignature, VapidSignatureBuilder,
};

use crate::db::vapid_keys::{self, VapidKeyRow};
use crate::db::{AnyConnection, write};

/// How long a signature says it is valid (RFC 8292 allows up to 24 h).
const VALID_FOR: Duration = Duration::from_secs(12 * 60 * 60);
/// A signature is replaced this long before it expires, so none expires
/// in flight or on a push service whose clock is a little ahead.
const REFRESH_BEFORE: Duration = Duration::from_secs(60 * 60);

#[derive(Clone)]
pub struct VapidKey {
    public_key: String,
    builder: PartialVapidSignatureBuilder,
}

impl VapidKey {
    /// The stored key, or a new one stored for every instance to share.
    pub fn load_or_create(
        conn: &mut AnyConnection,
        now: NaiveDateTime,
    ) -> anyhow::Result<VapidKey> {
        let row = write(conn, |conn| -> anyhow::Result<VapidKeyRow> {
            if let Some(row) = vapid_keys::current(conn)? {
                return Ok(row);
            }
            let row = vapid_keys::insert_or_keep(conn, &generate()?, now)?;
            tracing::info!("generated the VAPID key pair for Web Push");
            Ok(row)
        })?;
        Self::from_row(&row)
    }

    fn from_row(row: &VapidKeyRow) -> anyhow::Result<VapidKey> {
        let builder = VapidSignatureBuilder::from_base64_no_sub(&row.private_key)
            .map_err(|e| anyhow::anyhow!("the stored VAPID key is unusable: {e}"))?;
        let public_key = URL_SAFE_NO_PAD.encode(builder.get_public_key());
        if public_key != row.public_key {
            anyhow::bail!("the stored VAPID public key does not match its private key");
        }
        Ok(VapidKey {
            public_key,
            builder,
        })
    }

    /// The uncompressed P-256 point, base64url: the browser's
    /// `applicationServerKey`.
    pub fn public_key(&self) -> &str {
        &self.public_key
    }
}

/// A random P-256 private key. Almost every 32 random bytes are one; the
/// rare ones past the group order are drawn again.
fn generate() -> anyhow::Result<VapidKeyRow> {
    for _ in 0..16 {
        let mut scalar = [0u8; 32];
        getrandom::fill(&mut scalar).map_err(|e| anyhow::anyhow!("no system randomness: {e}"))?;
        let private_key = URL_SAFE_NO_PAD.encode(scalar);
        if let Ok(builder) = VapidSignatureBuilder::from_base64_no_sub(&private_key) {
            return Ok(VapidKeyRow {
                public_key: URL_SAFE_NO_PAD.encode(builder.get_public_key()),
                private_key,
            });
        }
    }
    anyhow::bail!("could not make a VAPID key")
}

/// Signs for each push-service origin and remembers the signature.
pub struct Signer {
    key: VapidKey,
    subject: String,
    cache: Mutex<HashMap<String, (VapidSignature, i64)>>,
}

impl Signer {
    pub fn new(key: VapidKey, subject: String) -> Signer {
        Signer {
            key,
            subject,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The signature for `origin` ("https://fcm.googleapis.com"), reused
    /// while it has more than an hour to run. Expiry is judged by the
    /// real clock, as the push service judges it.
    pub fn signature_for(
        &self,
        origin: &str,
        subscription: &SubscriptionInfo,
    ) -> Result<VapidSignature, web_push::WebPushError> {
        let now = Utc::now().timestamp();
        if let Ok(cache) = self.cache.lock() {
            if let Some((signature, refresh_at)) = cache.get(origin) {
                if now < *refresh_at {
                    return Ok(signature.clone());
                }
            }
        }
        let expires = now + seconds(VALID_FOR);
        let mut builder = self.key.builder.clone().add_sub_info(subscription);
        builder.add_claim("sub", self.subject.as_str());
        // The crate's own audience drops the port; RFC 8292 wants the origin.
        builder.add_claim("aud", origin);
        builder.add_claim("exp", expires);
        let signature = builder.build()?;
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(
                origin.to_owned(),
                (signature.clone(), expires - seconds(REFRESH_BEFORE)),
            );
        }
        Ok(signature)
    }
}

fn seconds(duration: Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_key_is_a_real_p256_pair() {
        let row = generate().unwrap();
        let key = VapidKey::from_row(&row).unwrap();
        let point = URL_SAFE_NO_PAD.decode(key.public_key()).unwrap();
        assert_eq!(point.len(), 65);
        assert_eq!(point[0], 4);
        assert!(p256::PublicKey::from_sec1_bytes(&point).is_ok());
        assert_ne!(generate().unwrap().private_key, row.private_key);
    }

    #[test]
    fn a_mismatched_stored_pair_is_refused() {
        let mut row = generate().unwrap();
        row.public_key = generate().unwrap().public_key;
        assert!(VapidKey::from_row(&row).is_err());
    }

    #[test]
    fn one_signature_per_origin_is_reused() {
        let key = VapidKey::from_row(&generate().unwrap()).unwrap();
        let signer = Signer::new(key, "mailto:ops@lantern.example".into());
        let info = |endpoint: &str| {
            SubscriptionInfo::new(
                endpoint,
                "BLMbF9ffKBiWQLCKvTHb6LO8Nb6dcUh6TItC455vu2kElga6PQvUmaFyCdykxY2nOSSL3yKgfbmFLRTUaGv4yV8",
                "xS03Fi5ErfTNH_l9WHE9Ig",
            )
        };
        let a = signer
            .signature_for(
                "https://fcm.googleapis.com",
                &info("https://fcm.googleapis.com/a"),
            )
            .unwrap();
        let b = signer
            .signature_for(
                "https://fcm.googleapis.com",
                &info("https://fcm.googleapis.com/b"),
            )
            .unwrap();
        let other = signer
            .signature_for(
                "https://web.push.apple.com",
                &info("https://web.push.apple.com/c"),
            )
            .unwrap();
        assert_eq!(a, b);
        assert_ne!(a, other);
        // The claims say who we are and whom it is for.
        let claims = a.auth_t.split('.').nth(1).unwrap();
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(claims).unwrap()).unwrap();
        assert_eq!(claims["sub"], "mailto:ops@lantern.example");
        assert_eq!(claims["aud"], "https://fcm.googleapis.com");
        let exp = claims["exp"].as_i64().unwrap();
        let now = Utc::now().timestamp();
        assert!(
            (now + 11 * 3600..=now + 12 * 3600 + 5).contains(&exp),
            "{exp}"
        );
    }
}
