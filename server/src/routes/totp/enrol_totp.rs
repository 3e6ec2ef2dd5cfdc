use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Serialize;

use crate::auth::{EnrollingUser, totp};
use crate::db::{DbPool, totp_credentials, users, write};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Serialize)]
struct Enrolment {
    /// Base32, for typing into an app by hand.
    secret: String,
    /// The same, as a URI for a QR code.
    otpauth_uri: String,
}

/// Starts (or restarts) setting up an authenticator: a new secret that
/// works once a code from it is confirmed. Staff only; open to
/// enrolment-only sessions.
pub async fn enrol_totp(
    pool: web::Data<DbPool>,
    caller: EnrollingUser,
) -> Result<HttpResponse, ApiError> {
    let caller = caller.user;
    if !caller.role.is_staff() {
        return Err(ApiError::Forbidden);
    }
    let enrolment = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            if totp_credentials::find(conn, &caller.id)?.is_some_and(|c| c.is_enabled()) {
                return Err(ApiError::TotpAlreadyEnabled);
            }
            let user = users::find(conn, &caller.id)?.ok_or(ApiError::Unauthenticated)?;
            let secret = totp::new_secret()?;
            totp_credentials::replace_pending(conn, &caller.id, &secret, Utc::now().naive_utc())?;
            let account = user.email.unwrap_or(user.id);
            Ok(Enrolment {
                otpauth_uri: totp::otpauth_uri(&secret, &account),
                secret,
            })
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(enrolment))
}
