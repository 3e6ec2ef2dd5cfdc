use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use super::change::own_group;
use crate::auth::AuthUser;
use crate::db::audit::Outcome;
use crate::db::groups::{self, GroupRow};
use crate::db::ids::UserId;
use crate::db::users::Role;
use crate::db::{AnyConnection, DbPool, write};
use crate::error::ApiError;
use crate::reports::figures;
use crate::reports::range::Range;
use crate::reports::table::Table;
use crate::routes::with_conn;
use crate::routes::young_people::access;

#[derive(Serialize)]
pub struct GroupSummary {
    id: String,
    name: String,
    school: Option<String>,
    starts_on: String,
    weeks: i32,
    members: usize,
    sessions: usize,
    /// When the worker finished the group; `None` while it runs.
    finished_at: Option<DateTime<Utc>>,
}

pub(super) fn summary(conn: &mut AnyConnection, row: GroupRow) -> Result<GroupSummary, ApiError> {
    Ok(GroupSummary {
        members: groups::members(conn, &row.id)?.len(),
        sessions: groups::sessions(conn, &row.id)?.len(),
        id: row.id,
        name: row.name,
        school: row.school,
        starts_on: row.starts_on,
        weeks: row.weeks,
        finished_at: row.closed_at.map(|t| t.and_utc()),
    })
}

pub async fn list_groups(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Worker)?;
    let list = with_conn(&pool, move |conn| {
        groups::list_own(conn, &caller.id)?
            .into_iter()
            .map(|row| summary(conn, row))
            .collect::<Result<Vec<_>, _>>()
    })
    .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "groups": list })))
}

#[derive(Serialize)]
struct Member {
    id: String,
    display_name: String,
    /// Sessions they came to, of those with a register for them.
    came: usize,
    of: usize,
}

#[derive(Serialize)]
struct Session {
    id: String,
    number: i32,
    held_on: String,
    topic: Option<String>,
    /// `None` until the register is taken.
    present: Option<usize>,
    away: Option<usize>,
    /// Who came, for ticking the register again.
    came: Vec<String>,
}

#[derive(Serialize)]
struct GroupPage {
    group: GroupSummary,
    members: Vec<Member>,
    sessions: Vec<Session>,
    /// Built only from what members share: the wheel and goals of a member
    /// who does not share them are not counted.
    wheel: Table,
    goals: Table,
}

const ACTION: &str = "read_group";

pub async fn get_group(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let group = path.into_inner();
    let page = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let row = own_group(conn, &caller, &group)?;
            let members = groups::members(conn, &group)?;
            let sessions = groups::sessions(conn, &group)?;
            let register = groups::attendance(conn, &group)?;
            let mut by_session: BTreeMap<&str, Vec<(&str, bool)>> = BTreeMap::new();
            for (session, person, here) in &register {
                by_session.entry(session).or_default().push((person, *here));
            }
            let member_rows = members
                .iter()
                .map(|(id, name)| {
                    let theirs: Vec<bool> = register
                        .iter()
                        .filter(|(_, person, _)| person == id)
                        .map(|r| r.2)
                        .collect();
                    Member {
                        id: id.clone(),
                        display_name: name.clone(),
                        came: theirs.iter().filter(|here| **here).count(),
                        of: theirs.len(),
                    }
                })
                .collect();
            let session_rows = sessions
                .into_iter()
                .map(|s| {
                    let taken = by_session.get(s.id.as_str());
                    let came: Vec<String> = taken
                        .map(|list| {
                            list.iter()
                                .filter(|r| r.1)
                                .map(|r| r.0.to_owned())
                                .collect()
                        })
                        .unwrap_or_default();
                    Session {
                        present: taken.map(|_| came.len()),
                        away: taken.map(|list| list.len() - came.len()),
                        came,
                        id: s.id,
                        number: s.number,
                        held_on: s.held_on,
                        topic: s.topic,
                    }
                })
                .collect();
            // From each member's first answer to their latest, since the
            // group began.
            let start = NaiveDate::parse_from_str(&row.starts_on, "%Y-%m-%d")
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("stored start day: {e}")))?;
            let range = Range {
                start,
                end: Utc::now().date_naive() + Duration::days(1),
            };
            let ids: Vec<String> = members.iter().map(|(id, _)| id.clone()).collect();
            let data = figures::load(conn, &ids)?;
            let wheel_definition = lantern_core::measures::catalogue()
                .ok()
                .and_then(|catalogue| catalogue.wheel().cloned())
                .ok_or_else(|| {
                    ApiError::Internal(anyhow::anyhow!("the wheel is not in the catalogue"))
                })?;
            let now = Utc::now().naive_utc();
            for (id, _) in &members {
                access::log(
                    conn,
                    &caller,
                    &UserId(id.clone()),
                    ACTION,
                    Outcome::Allowed,
                    Some(&group),
                    now,
                )?;
            }
            Ok::<_, ApiError>(GroupPage {
                wheel: figures::wheel_change(&data, range, &wheel_definition),
                goals: figures::goal_progress(&data, range),
                group: summary(conn, row)?,
                members: member_rows,
                sessions: session_rows,
            })
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}
