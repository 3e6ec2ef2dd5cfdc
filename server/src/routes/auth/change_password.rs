use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use crate::auth::{AuthUser, passwords, sessions};
use crate::db::{DbPool, users, write};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Deserialize)]
pub struct ChangePassword {
    current_password: String,
    new_password: String,
}

/// Changes the caller's password and ends every other sign-in at once
/// (their access tokens too); this one stays signed in.
pub async fn change_password(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    body: web::Json<ChangePassword>,
) -> Result<HttpResponse, ApiError> {
    let ChangePassword {
        current_password,
        new_password,
    } = body.into_inner();
    passwords::check_strength("new_password", &new_password)?;
    with_conn(&pool, move |conn| {
        let user = users::find(conn, &caller.id)?.ok_or(ApiError::Unauthenticated)?;
        let Some(stored) = user.password_hash.as_deref() else {
            // Young people have no password: they sign in with a code.
            return Err(ApiError::Forbidden);
        };
        if !passwords::verify(&current_password, stored) {
            return Err(ApiError::validation(
                "current_password",
                "wrong_password",
                "That is not your current password.",
            ));
        }
        let hash = passwords::hash(&new_password)?;
        write(conn, |conn| {
            users::set_password_hash(conn, &caller.id, &hash)?;
            sessions::end_all(conn, &caller.id, Some(&caller.session), Utc::now())
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
