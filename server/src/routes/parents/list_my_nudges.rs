use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::auth::AuthUser;
use crate::db::users::Role;
use crate::db::{DbPool, parent_nudges};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Serialize)]
struct NudgeView {
    id: String,
    sent_at: DateTime<Utc>,
    message: Option<String>,
    topic: String,
    /// How many parents it reached.
    reached: i64,
}

#[derive(Serialize)]
struct Nudges {
    nudges: Vec<NudgeView>,
}

/// The young person's "let my parent know" messages, newest first, so they
/// can see that each was sent and to how many.
pub async fn list_my_nudges(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::YoungPerson)?;
    let nudges = with_conn(&pool, move |conn| {
        Ok(parent_nudges::sent_by(conn, &caller.id)?
            .into_iter()
            .map(|(nudge, reached)| NudgeView {
                id: nudge.id,
                sent_at: nudge.created_at.and_utc(),
                message: nudge.message,
                topic: nudge.topic,
                reached,
            })
            .collect())
    })
    .await?;
    Ok(HttpResponse::Ok().json(Nudges { nudges }))
}
