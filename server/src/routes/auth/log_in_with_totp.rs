use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use crate::auth::secrets::sha256_hex;
use crate::auth::sessions::{self, Session};
use crate::auth::tokens::TokenKeys;
use crate::auth::totp;
use crate::db::ids::UserId;
use crate::db::users;
use crate::db::{DbPool, totp_challenges, totp_credentials, write};
use crate::error::ApiError;
use crate::routes::with_conn;

/// Wrong codes a challenge survives; then the password must be given again.
const MAX_FAILED_ATTEMPTS: i32 = 5;

#[derive(Deserialize)]
pub struct LogInWithTotp {
    challenge_token: String,
    code: String,
}

enum Outcome {
    Session(Session),
    WrongCode,
    Invalid,
}

/// The second step of a two-step sign-in. A wrong code counts against the
/// challenge (committed before answering); a code already used, here or to
/// confirm enrolment, is refused within its window.
pub async fn log_in_with_totp(
    pool: web::Data<DbPool>,
    keys: web::Data<TokenKeys>,
    body: web::Json<LogInWithTotp>,
) -> Result<HttpResponse, ApiError> {
    let LogInWithTotp {
        challenge_token,
        code,
    } = body.into_inner();
    let outcome = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now();
            let Some(challenge) = totp_challenges::find_usable(
                conn,
                &sha256_hex(&challenge_token),
                now.naive_utc(),
                MAX_FAILED_ATTEMPTS,
            )?
            else {
                return Ok::<_, ApiError>(Outcome::Invalid);
            };
            let user_id = UserId(challenge.user_id.clone());
            let user = users::find(conn, &user_id)?.filter(|user| user.is_active());
            let credential = totp_credentials::find(conn, &user_id)?.filter(|c| c.is_enabled());
            let (Some(user), Some(credential)) = (user, credential) else {
                return Ok(Outcome::Invalid);
            };
            let step = totp::matching_step(
                &credential.secret,
                &code,
                now.timestamp(),
                credential.last_used_step,
            );
            let accepted = match step {
                Some(step) => totp_credentials::use_step(conn, &user_id, step, None)?,
                None => false,
            };
            if !accepted {
                totp_challenges::record_failure(conn, &challenge.id)?;
                return Ok(Outcome::WrongCode);
            }
            totp_challenges::mark_used(conn, &challenge.id, now.naive_utc())?;
            Ok(Outcome::Session(sessions::start(conn, &keys, &user, now)?))
        })
    })
    .await?;
    match outcome {
        Outcome::Session(session) => Ok(HttpResponse::Ok().json(session)),
        Outcome::WrongCode => Err(ApiError::InvalidTotpCode),
        Outcome::Invalid => Err(ApiError::InvalidTotpChallenge),
    }
}
