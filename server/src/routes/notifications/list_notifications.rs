use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::AuthUser;
use crate::db::{DbPool, notifications};
use crate::error::ApiError;
use crate::routes::with_conn;

const DEFAULT_LIMIT: i64 = 50;
const MAX_LIMIT: i64 = 200;

#[derive(Deserialize)]
pub struct Query {
    limit: Option<i64>,
}

#[derive(Serialize)]
struct Item {
    id: String,
    kind: String,
    /// The message, tip or alert it is about; fetch it from its own list.
    subject_id: String,
    title: String,
    at: DateTime<Utc>,
    read: bool,
}

#[derive(Serialize)]
struct Inbox {
    unread: i64,
    items: Vec<Item>,
}

pub async fn list_notifications(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    query: web::Query<Query>,
) -> Result<HttpResponse, ApiError> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::validation(
            "limit",
            "limit_out_of_range",
            format!("Ask for between 1 and {MAX_LIMIT}."),
        ));
    }
    let inbox = with_conn(&pool, move |conn| {
        let now = Utc::now().naive_utc();
        let items = notifications::visible(conn, &caller.id, now, limit)?
            .into_iter()
            .map(|row| Item {
                read: row.read_at.is_some(),
                id: row.id,
                kind: row.kind,
                subject_id: row.subject_id,
                title: row.title,
                at: row.visible_at.and_utc(),
            })
            .collect();
        Ok(Inbox {
            unread: notifications::unread_count(conn, &caller.id, now)?,
            items,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(inbox))
}
