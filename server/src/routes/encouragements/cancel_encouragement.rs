use actix_web::{HttpResponse, web};
use chrono::Utc;

use crate::auth::AuthUser;
use crate::db::audit::Outcome;
use crate::db::ids::UserId;
use crate::db::users::Role;
use crate::db::{DbPool, encouragements, write};
use crate::error::ApiError;
use crate::routes::with_conn;
use crate::routes::young_people::access;

const ACTION: &str = "cancel_encouragement";

/// The worker who wrote a message takes it back before it shows: the
/// message, its inbox line and its queued pushes go. Once it shows, it
/// stays (409 `already_shown`).
pub async fn cancel_encouragement(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Worker)?;
    let id = path.into_inner();
    with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            let message = encouragements::find(conn, &id)?
                .filter(|m| m.worker_id == caller.id.as_str())
                .ok_or(ApiError::NotFound)?;
            if !encouragements::take_back(conn, &id, &caller.id, now)? {
                return Err(ApiError::AlreadyShown);
            }
            let young_person = UserId(message.young_person_id);
            access::log(
                conn,
                &caller,
                &young_person,
                ACTION,
                Outcome::Allowed,
                None,
                now,
            )
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
