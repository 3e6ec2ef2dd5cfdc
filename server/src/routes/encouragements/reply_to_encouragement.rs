use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use super::ReceivedView;
use crate::auth::AuthUser;
use crate::db::ids::UserId;
use crate::db::users::{self, Role};
use crate::db::{DbPool, encouragements, write};
use crate::encouragement::Reply;
use crate::error::ApiError;
use crate::notify::{self, Kind, Notice};
use crate::routes::with_conn;

#[derive(Deserialize)]
pub struct ReplyBody {
    reply: String,
}

/// The young person answers a message showing to them with one tap. A
/// new tap replaces the old one. The worker, if still assigned, is told of
/// the first reply only, so changing one's mind does not ping them again.
pub async fn reply_to_encouragement(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
    body: web::Json<ReplyBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::YoungPerson)?;
    let reply = Reply::parse(&body.reply).ok_or_else(|| {
        ApiError::validation(
            "reply",
            "unknown_reply",
            "Answer with heart, thumbs_up, thanks or smile.",
        )
    })?;
    let id = path.into_inner();
    let view = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            let message = encouragements::find(conn, &id)?
                .filter(|m| m.young_person_id == caller.id.as_str() && m.deliver_at <= now)
                .ok_or(ApiError::NotFound)?;
            let first = message.reply.is_none();
            encouragements::set_reply(conn, &id, reply.as_str(), now)?;
            let worker = users::find(conn, &UserId(message.worker_id.clone()))?;
            // Told only while they can see it: assigned now.
            let worker_id = UserId(message.worker_id.clone());
            if first && users::is_assigned(conn, &worker_id, &caller.id)? {
                if let Some(worker) = worker.as_ref().filter(|w| w.is_active()) {
                    notify::notify(
                        conn,
                        Notice {
                            recipient: &worker.user_id(),
                            kind: Kind::Reply,
                            subject_id: &id,
                            at: now,
                        },
                        now,
                    )?;
                }
            }
            let message = encouragements::find(conn, &id)?.ok_or(ApiError::NotFound)?;
            let from = worker.map(|w| w.display_name).unwrap_or_default();
            Ok::<_, ApiError>(ReceivedView::new(message, from))
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}
