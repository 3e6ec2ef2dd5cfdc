use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use crate::auth::AuthUser;
use crate::db::users::Role;
use crate::db::{DbPool, erasure, write};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Deserialize)]
pub struct Confirmation {
    /// Must be true: erasing cannot be undone.
    confirm: bool,
}

/// Erases the caller's account. For a young person every row of theirs
/// goes, shared copies and alerts included; a parent's too; staff are anonymised so the
/// audit trails they appear in stay whole. Sign-ins end at once.
pub async fn erase_my_account(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    body: web::Json<Confirmation>,
) -> Result<HttpResponse, ApiError> {
    if !body.confirm {
        return Err(ApiError::validation(
            "confirm",
            "confirm_required",
            "Erasing your account can't be undone. Send confirm: true to go ahead.",
        ));
    }
    with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            match caller.role {
                Role::YoungPerson => {
                    erasure::erase_young_person(conn, &caller.id, &caller.service, now)
                }
                Role::Parent => erasure::erase_parent(conn, &caller.id, &caller.service, now),
                Role::Worker | Role::ServiceLead | Role::Admin => {
                    erasure::anonymise_staff(conn, &caller.id, &caller.service, now)
                }
            }
        })?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
