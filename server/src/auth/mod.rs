//! Who is calling: tokens, passwords, secrets, and the `AuthUser` extractor
//! that handlers take to require a signed-in caller.

pub mod passwords;
pub mod secrets;
pub mod sessions;
pub mod tokens;

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload, web};

use crate::db::ids::{ServiceId, UserId};
use crate::db::users::Role;
use crate::error::ApiError;
use tokens::TokenKeys;

/// The verified caller of a request.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: UserId,
    pub role: Role,
    pub service: ServiceId,
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

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req))
    }
}

fn authenticate(req: &HttpRequest) -> Result<AuthUser, ApiError> {
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
    Ok(AuthUser {
        id: UserId(claims.sub),
        role: claims.role,
        service: ServiceId(claims.svc),
    })
}
