//! Access tokens: EdDSA (Ed25519) JWTs that live 15 minutes, signed with a
//! key generated on first start and kept in the database, so every server
//! instance sharing the database signs and verifies alike.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::EncodePrivateKey;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::db::signing_keys::{self, SigningKeyRow};
use crate::db::users::Role;
use crate::db::{AnyConnection, write};
use crate::error::ApiError;

pub const ISSUER: &str = "lantern";
pub const AUDIENCE: &str = "lantern-api";
pub const ACCESS_TOKEN_SECONDS: i64 = 15 * 60;
const ACCESS_TOKEN_TYPE: &str = "access";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    pub sub: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    /// Distinguishes access tokens from any other token we may sign later.
    pub typ: String,
    pub role: Role,
    /// The service (tenant) the user belongs to.
    pub svc: String,
    /// The sign-in (refresh-token family) this token belongs to: every
    /// request checks it is still live, so ending it ends the token at once.
    pub sid: String,
    /// Present when the token may do less than its role allows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scp: Option<TokenScope>,
}

/// What a limited access token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenScope {
    /// Staff of a service that requires TOTP, not enrolled yet: they may
    /// only enrol.
    TotpEnrolment,
}

/// Who an access token is for.
pub struct Subject<'a> {
    pub user_id: &'a str,
    pub role: Role,
    pub service_id: &'a str,
    pub session_id: &'a str,
    pub scope: Option<TokenScope>,
}

pub struct TokenKeys {
    kid: String,
    signing: EncodingKey,
    verifying: HashMap<String, DecodingKey>,
}

impl TokenKeys {
    /// Loads the active keys, creating the first one if there is none.
    pub fn load_or_create(conn: &mut AnyConnection, now: DateTime<Utc>) -> anyhow::Result<Self> {
        let rows = write(conn, |conn| -> anyhow::Result<Vec<SigningKeyRow>> {
            let rows = signing_keys::active(conn)?;
            if !rows.is_empty() {
                return Ok(rows);
            }
            let row = generate(now)?;
            signing_keys::insert(conn, &row)?;
            tracing::info!(kid = %row.kid, "generated a new token signing key");
            Ok(vec![row])
        })?;
        Self::from_rows(&rows)
    }

    fn from_rows(rows: &[SigningKeyRow]) -> anyhow::Result<Self> {
        let newest = rows
            .first()
            .ok_or_else(|| anyhow::anyhow!("no active signing key"))?;
        let private = STANDARD.decode(&newest.private_key)?;
        let mut verifying = HashMap::new();
        for row in rows {
            let public = STANDARD.decode(&row.public_key)?;
            verifying.insert(row.kid.clone(), DecodingKey::from_ed_der(&public));
        }
        Ok(TokenKeys {
            kid: newest.kid.clone(),
            signing: EncodingKey::from_ed_der(&private),
            verifying,
        })
    }

    pub fn issue_access(
        &self,
        subject: &Subject<'_>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<String> {
        let iat = now.timestamp();
        let claims = Claims {
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
            sub: subject.user_id.to_owned(),
            iat,
            nbf: iat,
            exp: iat + ACCESS_TOKEN_SECONDS,
            typ: ACCESS_TOKEN_TYPE.to_owned(),
            role: subject.role,
            svc: subject.service_id.to_owned(),
            sid: subject.session_id.to_owned(),
            scp: subject.scope,
        };
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.kid.clone());
        Ok(jsonwebtoken::encode(&header, &claims, &self.signing)?)
    }

    /// Checks signature, key id, issuer, audience, times and type. Whether
    /// the session is still live is checked by the caller (`AuthUser`).
    pub fn verify_access(&self, token: &str) -> Result<Claims, ApiError> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| ApiError::Unauthenticated)?;
        if header.alg != Algorithm::EdDSA {
            return Err(ApiError::Unauthenticated);
        }
        let key = header
            .kid
            .and_then(|kid| self.verifying.get(&kid))
            .ok_or(ApiError::Unauthenticated)?;
        let mut validation = Validation::new(Algorithm::EdDSA);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "nbf", "iat", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = 30;
        let data = jsonwebtoken::decode::<Claims>(token, key, &validation)
            .map_err(|_| ApiError::Unauthenticated)?;
        if data.claims.typ != ACCESS_TOKEN_TYPE {
            return Err(ApiError::Unauthenticated);
        }
        Ok(data.claims)
    }
}

fn generate(now: DateTime<Utc>) -> anyhow::Result<SigningKeyRow> {
    let seed = super::secrets::random_bytes::<32>()?;
    let key = SigningKey::from_bytes(&seed);
    let private = key
        .to_pkcs8_der()
        .map_err(|e| anyhow::anyhow!("cannot encode the signing key: {e}"))?;
    let public = key.verifying_key().to_bytes();
    Ok(SigningKeyRow {
        kid: super::secrets::sha256_hex(&STANDARD.encode(public))[..16].to_owned(),
        private_key: STANDARD.encode(private.as_bytes()),
        public_key: STANDARD.encode(public),
        created_at: now.naive_utc(),
        retired_at: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::EncodingKey;

    fn keys() -> TokenKeys {
        TokenKeys::from_rows(&[generate(Utc::now()).unwrap()]).unwrap()
    }

    fn subject(role: Role) -> Subject<'static> {
        Subject {
            user_id: "u1",
            role,
            service_id: "s1",
            session_id: "f1",
            scope: None,
        }
    }

    fn claims(now: i64) -> Claims {
        Claims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: "u1".into(),
            iat: now,
            nbf: now,
            exp: now + 60,
            typ: ACCESS_TOKEN_TYPE.into(),
            role: Role::Worker,
            svc: "s1".into(),
            sid: "f1".into(),
            scp: None,
        }
    }

    fn sign(keys: &TokenKeys, claims: &Claims) -> String {
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(keys.kid.clone());
        jsonwebtoken::encode(&header, claims, &keys.signing).unwrap()
    }

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    }

    #[test]
    fn an_issued_token_verifies_with_its_claims() {
        let keys = keys();
        let token = keys
            .issue_access(&subject(Role::Worker), Utc::now())
            .unwrap();
        let claims = keys.verify_access(&token).unwrap();
        assert_eq!(
            (
                claims.sub.as_str(),
                claims.role,
                claims.svc.as_str(),
                claims.sid.as_str()
            ),
            ("u1", Role::Worker, "s1", "f1")
        );
        assert_eq!(claims.exp - claims.iat, ACCESS_TOKEN_SECONDS);
        assert_eq!(claims.scp, None);
        assert!(
            keys.verify_access(&sign(&keys, &self::claims(Utc::now().timestamp())))
                .is_ok()
        );
    }

    #[test]
    fn expired_foreign_and_tampered_tokens_are_refused() {
        let keys = keys();
        let old = Utc::now() - chrono::Duration::minutes(16);
        let expired = keys.issue_access(&subject(Role::Worker), old).unwrap();
        assert!(keys.verify_access(&expired).is_err());

        let foreign = self::keys()
            .issue_access(&subject(Role::Worker), Utc::now())
            .unwrap();
        assert!(
            keys.verify_access(&foreign).is_err(),
            "another key with another kid"
        );

        let token = keys
            .issue_access(&subject(Role::Worker), Utc::now())
            .unwrap();
        let mut parts: Vec<&str> = token.split('.').collect();
        let admin = keys
            .issue_access(&subject(Role::Admin), Utc::now())
            .unwrap();
        let admin_payload = admin.split('.').nth(1).unwrap().to_owned();
        parts[1] = &admin_payload;
        parts[2] = token.split('.').nth(2).unwrap();
        assert!(
            keys.verify_access(&parts.join(".")).is_err(),
            "payload swapped"
        );
    }

    #[test]
    fn tokens_with_a_wrong_claim_are_refused() {
        let keys = keys();
        let now = Utc::now().timestamp();
        type Spoil = fn(&mut Claims);
        let cases: [(&str, Spoil); 5] = [
            ("expired", |c| {
                c.iat -= 3600;
                c.nbf -= 3600;
                c.exp = c.iat + 60;
            }),
            ("not yet valid", |c| c.nbf += 3600),
            ("wrong audience", |c| c.aud = "someone-else".into()),
            ("wrong issuer", |c| c.iss = "someone-else".into()),
            ("wrong type", |c| c.typ = "refresh".into()),
        ];
        for (name, spoil) in cases {
            let mut claims = claims(now);
            spoil(&mut claims);
            let token = sign(&keys, &claims);
            assert!(keys.verify_access(&token).is_err(), "{name}");
        }
    }

    #[test]
    fn alg_none_and_hs256_with_the_public_key_are_refused() {
        let row = generate(Utc::now()).unwrap();
        let keys = TokenKeys::from_rows(std::slice::from_ref(&row)).unwrap();
        let payload = b64(&serde_json::to_vec(&claims(Utc::now().timestamp())).unwrap());
        let none_header =
            b64(format!(r#"{{"alg":"none","typ":"JWT","kid":"{}"}}"#, keys.kid).as_bytes());
        assert!(
            keys.verify_access(&format!("{none_header}.{payload}."))
                .is_err()
        );

        // The classic confusion: an HMAC keyed with the public key.
        let public = STANDARD.decode(&row.public_key).unwrap();
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(keys.kid.clone());
        let forged = jsonwebtoken::encode(
            &header,
            &claims(Utc::now().timestamp()),
            &EncodingKey::from_secret(&public),
        )
        .unwrap();
        assert!(keys.verify_access(&forged).is_err());
    }
}
