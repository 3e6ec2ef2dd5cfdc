use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use diesel::QueryResult;
use serde::Serialize;

use crate::auth::AuthUser;
use crate::db::groups::memberships_of;
use crate::db::ids::UserId;
use crate::db::users::Role;
use crate::db::{AnyConnection, DbPool};
use crate::error::ApiError;
use crate::routes::with_conn;

/// A group the young person is or was in, and their own registers only:
/// never who else is in it.
#[derive(Serialize)]
pub struct GroupView {
    name: String,
    school: Option<String>,
    joined_at: DateTime<Utc>,
    left_at: Option<DateTime<Utc>>,
    sessions: Vec<SessionView>,
}

#[derive(Serialize)]
struct SessionView {
    number: i32,
    held_on: String,
    came: bool,
}

pub(super) fn groups_of(conn: &mut AnyConnection, id: &UserId) -> QueryResult<Vec<GroupView>> {
    Ok(memberships_of(conn, id)?
        .into_iter()
        .map(|(name, school, joined, left, registers)| GroupView {
            name,
            school,
            joined_at: joined.and_utc(),
            left_at: left.map(|t| t.and_utc()),
            sessions: registers
                .into_iter()
                .map(|(number, held_on, came)| SessionView {
                    number,
                    held_on,
                    came,
                })
                .collect(),
        })
        .collect())
}

/// A young person's groups, so being in one is never a surprise: the
/// group's name and place, and the sessions the worker marked them at.
pub async fn list_my_groups(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::YoungPerson)?;
    let groups = with_conn(&pool, move |conn| Ok(groups_of(conn, &caller.id)?)).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "groups": groups })))
}
