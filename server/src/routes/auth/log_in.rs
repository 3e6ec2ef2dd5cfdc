use actix_web::{HttpResponse, web};
use chrono::{Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::passwords;
use crate::auth::secrets::{new_token, sha256_hex};
use crate::auth::sessions::{self, Session};
use crate::auth::tokens::TokenKeys;
use crate::db::users::{self, Role};
use crate::db::{DbPool, totp_challenges, totp_credentials, write};
use crate::error::ApiError;
use crate::routes::with_conn;

/// Long enough to open an authenticator app, short enough to go stale.
pub const CHALLENGE_SECONDS: i64 = 5 * 60;

#[derive(Deserialize)]
pub struct LogIn {
    email: String,
    password: String,
}

/// The first step of a two-step sign-in: the password was right; send the
/// challenge token and a code to `/auth/login/totp`.
#[derive(Serialize)]
struct TotpChallenge {
    totp_required: bool,
    challenge_token: String,
    expires_in: i64,
}

#[derive(Serialize)]
#[serde(untagged)]
enum LoggedIn {
    Session(Session),
    Challenge(TotpChallenge),
}

pub async fn log_in(
    pool: web::Data<DbPool>,
    keys: web::Data<TokenKeys>,
    body: web::Json<LogIn>,
) -> Result<HttpResponse, ApiError> {
    let LogIn { email, password } = body.into_inner();
    let logged_in = with_conn(&pool, move |conn| {
        let user = users::find_by_email(conn, &email)?;
        let Some(user) = user.filter(|u| u.is_active() && u.role() != Role::YoungPerson) else {
            passwords::verify_against_nothing(&password);
            return Err(ApiError::InvalidCredentials);
        };
        let verified = user
            .password_hash
            .as_deref()
            .is_some_and(|hash| passwords::verify(&password, hash));
        if !verified {
            return Err(ApiError::InvalidCredentials);
        }
        write(conn, |conn| {
            let now = Utc::now();
            let has_totp = totp_credentials::find(conn, &user.user_id())?
                .is_some_and(|credential| credential.is_enabled());
            if !has_totp {
                return Ok(LoggedIn::Session(sessions::start(conn, &keys, &user, now)?));
            }
            let token = new_token()?;
            totp_challenges::create(
                conn,
                &sha256_hex(&token),
                &user.user_id(),
                now.naive_utc(),
                (now + Duration::seconds(CHALLENGE_SECONDS)).naive_utc(),
            )?;
            Ok(LoggedIn::Challenge(TotpChallenge {
                totp_required: true,
                challenge_token: token,
                expires_in: CHALLENGE_SECONDS,
            }))
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(logged_in))
}
