use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use lantern_core::thrive::ThriveGrouping;
use serde::Serialize;

use super::access::{self, assigned_worker};
use crate::auth::AuthUser;
use crate::db::audit::Outcome;
use crate::db::ids::UserId;
use crate::db::users::Role;
use crate::db::{AnyConnection, DbPool, thrive, write};
use crate::error::ApiError;
use crate::routes::with_conn;

const ACTION: &str = "read_thrive_groupings";

#[derive(Serialize)]
pub struct GroupingView {
    grouping: ThriveGrouping,
    title: &'static str,
    plain_words: &'static str,
    reason: String,
    recorded_at: DateTime<Utc>,
}

#[derive(Serialize)]
pub struct GroupingHistory {
    current: Option<ThriveGrouping>,
    /// Newest first.
    history: Vec<GroupingView>,
}

pub fn history_view(
    conn: &mut AnyConnection,
    young_person: &UserId,
) -> Result<GroupingHistory, ApiError> {
    let history: Vec<GroupingView> = thrive::history(conn, young_person)?
        .into_iter()
        .filter_map(|row| {
            let grouping = row.grouping()?;
            Some(GroupingView {
                grouping,
                title: grouping.title(),
                plain_words: grouping.plain_words(),
                reason: row.reason,
                recorded_at: row.recorded_at.and_utc(),
            })
        })
        .collect();
    Ok(GroupingHistory {
        current: history.first().map(|view| view.grouping),
        history,
    })
}

/// An assigned worker reads the groupings recorded for a young person.
pub async fn list_thrive_groupings(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let young_person = UserId(path.into_inner());
    let history = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            if let Err(refused) = assigned_worker(conn, &caller, &young_person, ACTION, now)? {
                return Ok(Err(refused));
            }
            access::log(
                conn,
                &caller,
                &young_person,
                ACTION,
                Outcome::Allowed,
                None,
                now,
            )?;
            Ok::<_, ApiError>(Ok(history_view(conn, &young_person)?))
        })
    })
    .await??;
    Ok(HttpResponse::Ok().json(history))
}

/// The young person sees the grouping they agreed with their worker, and why.
pub async fn list_my_thrive_groupings(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::YoungPerson)?;
    let history = with_conn(&pool, move |conn| history_view(conn, &caller.id)).await?;
    Ok(HttpResponse::Ok().json(history))
}
