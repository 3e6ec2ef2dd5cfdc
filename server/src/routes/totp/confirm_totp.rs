use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::auth::{EnrollingUser, totp};
use crate::db::{DbPool, totp_credentials, write};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Deserialize)]
pub struct ConfirmTotp {
    code: String,
}

#[derive(Serialize)]
struct Confirmed {
    totp_enabled: bool,
}

/// Switches two-step sign-in on once a code shows the app has the secret.
/// An enrolment-only session then refreshes to get a full one.
pub async fn confirm_totp(
    pool: web::Data<DbPool>,
    caller: EnrollingUser,
    body: web::Json<ConfirmTotp>,
) -> Result<HttpResponse, ApiError> {
    let caller = caller.user;
    if !caller.role.is_staff() {
        return Err(ApiError::Forbidden);
    }
    let code = body.into_inner().code;
    with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let credential =
                totp_credentials::find(conn, &caller.id)?.ok_or(ApiError::TotpNotStarted)?;
            if credential.is_enabled() {
                return Err(ApiError::TotpAlreadyEnabled);
            }
            let now = Utc::now();
            let confirmed = match totp::matching_step(
                &credential.secret,
                &code,
                now.timestamp(),
                credential.last_used_step,
            ) {
                Some(step) => {
                    totp_credentials::use_step(conn, &caller.id, step, Some(now.naive_utc()))?
                }
                None => false,
            };
            if confirmed {
                tracing::info!(user.id = %caller.id, "totp enabled");
                Ok(())
            } else {
                Err(wrong_code())
            }
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(Confirmed { totp_enabled: true }))
}

pub fn wrong_code() -> ApiError {
    ApiError::validation(
        "code",
        "wrong_code",
        "That code doesn't match. Type the newest code your app shows.",
    )
}
