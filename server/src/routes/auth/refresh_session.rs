use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use crate::auth::sessions::{self, Refreshed};
use crate::auth::tokens::TokenKeys;
use crate::db::{DbPool, write};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Deserialize)]
pub struct RefreshSession {
    refresh_token: String,
}

pub async fn refresh_session(
    pool: web::Data<DbPool>,
    keys: web::Data<TokenKeys>,
    body: web::Json<RefreshSession>,
) -> Result<HttpResponse, ApiError> {
    let token = body.into_inner().refresh_token;
    // The transaction commits before any error is returned, so a detected
    // reuse really does revoke the family.
    let refreshed = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            sessions::refresh(conn, &keys, &token, Utc::now())
        })
    })
    .await?;
    match refreshed {
        Refreshed::Session(session) => Ok(HttpResponse::Ok().json(session)),
        Refreshed::Reused => Err(ApiError::RefreshTokenReused),
        Refreshed::Invalid => Err(ApiError::InvalidRefreshToken),
    }
}
