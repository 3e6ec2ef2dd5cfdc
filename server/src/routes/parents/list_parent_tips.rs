use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::tip_view::{TipView, catalogue};
use crate::auth::AuthUser;
use crate::db::ids::UserId;
use crate::db::users::{self, Role};
use crate::db::{DbPool, parent_nudges, tip_deliveries};
use crate::error::ApiError;
use crate::routes::with_conn;
use crate::tips::Helpline;

const DEFAULT_LIMIT: i64 = 50;
const MAX_LIMIT: i64 = 200;

#[derive(Deserialize)]
pub struct Query {
    limit: Option<i64>,
}

#[derive(Serialize)]
struct Item {
    /// The delivery's id: the `subject_id` of its notification.
    id: String,
    /// `schedule`, `worker` or `young_person`.
    from: String,
    sent_at: DateTime<Utc>,
    /// Null only if the tip has since left the catalogue.
    tip: Option<TipView>,
    /// When a young person asked: their chosen name and their own words.
    #[serde(skip_serializing_if = "Option::is_none")]
    asked_by: Option<AskedBy>,
}

#[derive(Serialize)]
struct AskedBy {
    display_name: String,
    message: Option<String>,
}

#[derive(Serialize)]
struct Tips {
    items: Vec<Item>,
    /// Every helpline for parents, to keep in reach.
    helplines: Vec<Helpline>,
}

/// A parent's tips, newest first.
pub async fn list_parent_tips(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    query: web::Query<Query>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Parent)?;
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::validation(
            "limit",
            "limit_out_of_range",
            format!("Ask for between 1 and {MAX_LIMIT}."),
        ));
    }
    let catalogue = catalogue()?;
    let items = with_conn(&pool, move |conn| {
        let mut items = Vec::new();
        for delivery in tip_deliveries::for_parent(conn, &caller.id, limit)? {
            let asked_by = match &delivery.nudge_id {
                None => None,
                Some(nudge_id) => match parent_nudges::find(conn, nudge_id)? {
                    None => None,
                    Some(nudge) => Some(AskedBy {
                        display_name: users::find(conn, &UserId(nudge.young_person_id))?
                            .map_or_else(String::new, |user| user.display_name),
                        message: nudge.message,
                    }),
                },
            };
            items.push(Item {
                tip: catalogue
                    .find(&delivery.tip_id)
                    .map(|tip| TipView::of(catalogue, tip)),
                id: delivery.id,
                from: delivery.source,
                sent_at: delivery.sent_at.and_utc(),
                asked_by,
            });
        }
        Ok(items)
    })
    .await?;
    Ok(HttpResponse::Ok().json(Tips {
        items,
        helplines: catalogue.helplines.clone(),
    }))
}
