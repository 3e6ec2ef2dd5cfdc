use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use super::confirm_totp::wrong_code;
use crate::auth::{AuthUser, passwords, totp};
use crate::db::{DbPool, services, totp_credentials, users, write};
use crate::error::ApiError;
use crate::routes::with_conn;

/// A current code, or the password (for a lost phone).
#[derive(Deserialize)]
pub struct DisableTotp {
    code: Option<String>,
    password: Option<String>,
}

/// Switches two-step sign-in off. Refused while the service requires it.
pub async fn disable_totp(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    body: web::Json<DisableTotp>,
) -> Result<HttpResponse, ApiError> {
    if !caller.role.is_staff() {
        return Err(ApiError::Forbidden);
    }
    let DisableTotp { code, password } = body.into_inner();
    if code.is_none() && password.is_none() {
        return Err(ApiError::validation(
            "code",
            "required",
            "Type a code from your app, or your password.",
        ));
    }
    with_conn(&pool, move |conn| {
        if services::find(conn, &caller.service)?.is_some_and(|s| s.require_totp) {
            return Err(ApiError::TotpRequiredByService);
        }
        // Checked outside the write transaction: Argon2 is slow.
        if let Some(password) = &password {
            let user = users::find(conn, &caller.id)?.ok_or(ApiError::Unauthenticated)?;
            let right = user
                .password_hash
                .as_deref()
                .is_some_and(|hash| passwords::verify(password, hash));
            if !right {
                return Err(ApiError::validation(
                    "password",
                    "wrong_password",
                    "That is not your password.",
                ));
            }
        }
        write(conn, |conn| {
            let Some(credential) = totp_credentials::find(conn, &caller.id)? else {
                return Ok(());
            };
            if let (Some(code), None) = (&code, &password) {
                let now = Utc::now().timestamp();
                let used = match totp::matching_step(
                    &credential.secret,
                    code,
                    now,
                    credential.last_used_step,
                ) {
                    Some(step) => totp_credentials::use_step(conn, &caller.id, step, None)?,
                    None => false,
                };
                if !used || !credential.is_enabled() {
                    return Err(wrong_code());
                }
            }
            totp_credentials::delete(conn, &caller.id)?;
            tracing::info!(user.id = %caller.id, "totp disabled");
            Ok(())
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
