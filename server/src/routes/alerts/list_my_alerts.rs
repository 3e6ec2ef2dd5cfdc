use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::auth::AuthUser;
use crate::db::users::Role;
use crate::db::{DbPool, alerts};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Serialize)]
struct ToldView {
    disclosure_id: String,
    disclosed_at: DateTime<Utc>,
    told_at: DateTime<Utc>,
    /// A worker has read it and written down what they did.
    seen_by_worker: bool,
    /// Plain words for the app to show.
    message: &'static str,
}

#[derive(Serialize)]
struct ToldList {
    told: Vec<ToldView>,
}

/// The young person sees, for each answer that alerted their worker, that
/// their worker was told and whether they have seen it. The worker's note
/// is theirs and is not shown.
pub async fn list_my_alerts(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::YoungPerson)?;
    let told = with_conn(&pool, move |conn| {
        Ok(alerts::for_young_person(conn, &caller.id)?
            .into_iter()
            .map(|alert| {
                let seen = alert.acknowledged_at.is_some();
                ToldView {
                    disclosure_id: alert.disclosure_id,
                    disclosed_at: alert.disclosed_at.and_utc(),
                    told_at: alert.created_at.and_utc(),
                    seen_by_worker: seen,
                    message: if seen {
                        "Your worker has seen what you told Lantern. They will talk with you about it."
                    } else {
                        "Your worker has been told what you answered, so they can help."
                    },
                }
            })
            .collect::<Vec<_>>())
    })
    .await?;
    Ok(HttpResponse::Ok().json(ToldList { told }))
}
