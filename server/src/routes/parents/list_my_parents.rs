use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::auth::AuthUser;
use crate::db::users::Role;
use crate::db::{DbPool, parent_links};
use crate::error::ApiError;
use crate::routes::with_conn;

/// What a linked parent or carer gets, in plain words. Never the young
/// person's check-ins, moods, answers or anything else they record.
pub const WHAT_PARENTS_GET: [&str; 3] = [
    "Tips for parents and carers about helping young people, on topics they choose.",
    "Tips your worker chooses to send them.",
    "Your \u{201c}let my parent know\u{201d} messages, only when you send one.",
];

#[derive(Serialize)]
pub struct LinkedParentView {
    /// The link's id: remove it with `DELETE /me/parents/{id}`.
    pub id: String,
    pub display_name: String,
    pub since: DateTime<Utc>,
    pub receives: [&'static str; 3],
}

#[derive(Serialize)]
struct Parents {
    parents: Vec<LinkedParentView>,
    /// What parents never see.
    never: &'static str,
}

pub const WHAT_PARENTS_NEVER_GET: &str = "Parents never see your check-ins, moods, notes or answers, or anything else you keep in Lantern.";

pub async fn list_my_parents(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::YoungPerson)?;
    let parents = with_conn(&pool, move |conn| {
        Ok(parent_links::parents_of(conn, &caller.id)?
            .into_iter()
            .map(view)
            .collect())
    })
    .await?;
    Ok(HttpResponse::Ok().json(Parents {
        parents,
        never: WHAT_PARENTS_NEVER_GET,
    }))
}

pub fn view(link: parent_links::LinkedParent) -> LinkedParentView {
    LinkedParentView {
        id: link.link_id,
        display_name: link.parent.display_name,
        since: link.since.and_utc(),
        receives: WHAT_PARENTS_GET,
    }
}
