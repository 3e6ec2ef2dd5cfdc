//! Who is calling: tokens, passwords, secrets, TOTP, and the `AuthUser`
//! extractor that handlers take to require a signed-in caller.

pub mod passwords;
pub mod secrets;
pub mod sessions;
pub mod tokens;
pub mod totp;

use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

use actix_web::{FromRequest, HttpRequest, dev::Payload, web};

use crate::db::ids::{ServiceId, UserId};
use crate::db::users::Role;
use crate::db::{DbPool, refresh_tokens};
use crate::edges::request_id::{self, RequestId};
use crate::error::ApiError;
use crate::rate_limit::{Bucket, RateLimiter};
use crate::routes::with_conn;
use tokens::{TokenKeys, TokenScope};

/// The verified caller of a request, with a full (not limited) session.
///
/// Extracting it checks the token (signature, kid, iss, aud, sub, iat, nbf,
/// exp, typ), the caller's rate limit, and then, in one indexed query, that
/// the sign-in it belongs to has not been ended and the account not
/// disabled: logging out, changing the password, re-linking a phone or
/// disabling an account ends access tokens at once, not when they expire.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: UserId,
    pub role: Role,
    pub service: ServiceId,
    /// The sign-in (refresh-token family) of this request.
    pub session: String,
    /// This request's id. It rides with the caller so that every audit row
    /// a signed-in handler writes carries it without more plumbing.
    pub request_id: RequestId,
}

impl AuthUser {
    pub fn require(&self, role: Role) -> Result<(), ApiError> {
        if self.role == role {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

/// A caller whose session may be limited to enrolling an authenticator.
/// Only the handlers that such a session may use take this.
#[derive(Debug, Clone)]
pub struct EnrollingUser {
    pub user: AuthUser,
    pub scope: Option<TokenScope>,
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let verified = EnrollingUser::extract_from(req);
        Box::pin(async move {
            let caller = verified.await?;
            match caller.scope {
                None => Ok(caller.user),
                Some(TokenScope::TotpEnrolment) => Err(ApiError::TotpEnrolmentRequired),
            }
        })
    }
}

impl FromRequest for EnrollingUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(Self::extract_from(req))
    }
}

impl EnrollingUser {
    fn extract_from(
        req: &HttpRequest,
    ) -> impl Future<Output = Result<EnrollingUser, ApiError>> + use<> {
        let checked = verify(req);
        let pool = req.app_data::<web::Data<DbPool>>().cloned();
        async move {
            let caller = checked?;
            let pool =
                pool.ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no database pool")))?;
            let (session, user) = (caller.user.session.clone(), caller.user.id.clone());
            let live = with_conn(&pool, move |conn| {
                Ok(refresh_tokens::session_is_live(conn, &session, &user)?)
            })
            .await?;
            if live {
                Ok(caller)
            } else {
                Err(ApiError::Unauthenticated)
            }
        }
    }
}

/// The synchronous checks: the token itself and the per-user rate limit.
fn verify(req: &HttpRequest) -> Result<EnrollingUser, ApiError> {
    let keys = req
        .app_data::<web::Data<TokenKeys>>()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("token keys are not configured")))?;
    let token = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .ok_or(ApiError::Unauthenticated)?;
    let claims = keys.verify_access(token.trim())?;
    if let Some(limiter) = req.app_data::<web::Data<RateLimiter>>() {
        limiter.check(Bucket::User, &claims.sub, Instant::now())?;
    }
    Ok(EnrollingUser {
        user: AuthUser {
            id: UserId(claims.sub),
            role: claims.role,
            service: ServiceId(claims.svc),
            session: claims.sid,
            request_id: request_id::of(req),
        },
        scope: claims.scp,
    })
}
