use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use crate::auth::tokens::TokenKeys;
use crate::auth::{passwords, sessions};
use crate::db::users::{self, Role};
use crate::db::{DbPool, write};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Deserialize)]
pub struct LogIn {
    email: String,
    password: String,
}

pub async fn log_in(
    pool: web::Data<DbPool>,
    keys: web::Data<TokenKeys>,
    body: web::Json<LogIn>,
) -> Result<HttpResponse, ApiError> {
    let LogIn { email, password } = body.into_inner();
    let session = with_conn(&pool, move |conn| {
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
        write(conn, |conn| sessions::start(conn, &keys, &user, Utc::now()))
    })
    .await?;
    Ok(HttpResponse::Ok().json(session))
}
