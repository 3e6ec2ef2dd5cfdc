use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Serialize;

use super::ReceivedView;
use crate::auth::AuthUser;
use crate::db::users::Role;
use crate::db::{DbPool, encouragements};
use crate::encouragement::Reply;
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Serialize)]
struct ReplyOption {
    reply: Reply,
    words: &'static str,
}

#[derive(Serialize)]
struct MyMessages {
    /// The answers the app offers, one tap each.
    replies: Vec<ReplyOption>,
    messages: Vec<ReceivedView>,
}

/// The young person's messages that are showing now, newest first.
/// Messages written for later are not here until their time.
pub async fn list_my_encouragements(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::YoungPerson)?;
    let messages = with_conn(&pool, move |conn| {
        Ok(
            encouragements::shown_to(conn, &caller.id, Utc::now().naive_utc())?
                .into_iter()
                .map(|(message, from)| ReceivedView::new(message, from))
                .collect::<Vec<_>>(),
        )
    })
    .await?;
    let replies = Reply::ALL
        .into_iter()
        .map(|reply| ReplyOption {
            reply,
            words: reply.words(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(MyMessages { replies, messages }))
}
