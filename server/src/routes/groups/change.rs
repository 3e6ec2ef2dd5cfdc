use actix_web::{HttpResponse, web};
use chrono::{NaiveDate, Utc};
use lantern_core::ValidationErrors;
use serde::Deserialize;
use serde_json::Value;

use super::page::{GroupSummary, summary};
use super::rules::{self, MAX_MEMBERS};
use crate::auth::AuthUser;
use crate::db::groups::{self, GroupRow, NewGroup};
use crate::db::ids::UserId;
use crate::db::users::Role;
use crate::db::{AnyConnection, DbPool, write};
use crate::error::ApiError;
use crate::routes::with_conn;
use crate::routes::young_people::access::assigned_worker;

/// The caller's own group, or 404.
pub(super) fn own_group(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &str,
) -> Result<GroupRow, ApiError> {
    caller.require(Role::Worker)?;
    groups::find_own(conn, &caller.id, id)?.ok_or(ApiError::NotFound)
}

pub async fn create_group(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Worker)?;
    let field = |name: &str| body.get(name).and_then(Value::as_str);
    let group = rules::new_group(
        field("name"),
        field("school"),
        field("starts_on"),
        body.get("weeks").and_then(Value::as_i64),
    )?;
    let created: GroupSummary = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let id = groups::create(
                conn,
                NewGroup {
                    service: &caller.service,
                    worker: &caller.id,
                    name: &group.name,
                    school: group.school.as_deref(),
                    starts_on: &group.starts_on.to_string(),
                    weeks: group.weeks,
                },
                Utc::now().naive_utc(),
            )?;
            let row = own_group(conn, &caller, &id)?;
            summary(conn, row)
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}

/// Rename a group, move it to another school, finish it or run it again.
pub async fn change_group(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Worker)?;
    let group = path.into_inner();
    let change = rules::group_change(&body)?;
    let changed: GroupSummary = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let row = own_group(conn, &caller, &group)?;
            let closed_at = match change.finished {
                Some(true) => row.closed_at.or(Some(Utc::now().naive_utc())),
                Some(false) => None,
                None => row.closed_at,
            };
            let name = change.name.unwrap_or(row.name);
            let school = change.school.unwrap_or(row.school);
            groups::update(conn, &group, &name, school.as_deref(), closed_at)?;
            let row = own_group(conn, &caller, &group)?;
            summary(conn, row)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(changed))
}

const ADD_ACTION: &str = "add_to_group";

pub async fn add_member(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (group, young_person) = path.into_inner();
    let young_person = UserId(young_person);
    let summary = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            let row = own_group(conn, &caller, &group)?;
            // Only a young person the worker supports now; a refusal is audited.
            if let Err(refused) = assigned_worker(conn, &caller, &young_person, ADD_ACTION, now)? {
                return Ok(Err(refused));
            }
            if let Err(finished) = rules::still_running(row.closed_at) {
                return Ok(Err(finished.into()));
            }
            let members = groups::members(conn, &group)?;
            let already = members.iter().any(|(id, _)| id == young_person.as_str());
            if !already && members.len() >= MAX_MEMBERS {
                return Ok(Err(ApiError::validation(
                    "young_person",
                    "group_full",
                    format!("A group has at most {MAX_MEMBERS} young people."),
                )));
            }
            groups::add_member(conn, &group, &young_person, now)?;
            Ok::<_, ApiError>(Ok(summary(conn, row)?))
        })
    })
    .await??;
    Ok(HttpResponse::Ok().json(summary))
}

pub async fn remove_member(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (group, young_person) = path.into_inner();
    with_conn(&pool, move |conn| {
        write(conn, |conn| {
            own_group(conn, &caller, &group)?;
            if groups::remove_member(conn, &group, &UserId(young_person), Utc::now().naive_utc())? {
                Ok(())
            } else {
                Err(ApiError::NotFound)
            }
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize)]
pub struct NewSession {
    held_on: Option<String>,
    topic: Option<String>,
}

pub async fn add_session(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
    body: web::Json<NewSession>,
) -> Result<HttpResponse, ApiError> {
    let group = path.into_inner();
    let body = body.into_inner();
    let session = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let row = own_group(conn, &caller, &group)?;
            rules::still_running(row.closed_at)?;
            let starts_on = NaiveDate::parse_from_str(&row.starts_on, "%Y-%m-%d")
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("stored start day: {e}")))?;
            let (day, topic) = rules::session(
                body.held_on.as_deref(),
                body.topic.as_deref(),
                starts_on,
                row.weeks,
            )?;
            let id = groups::add_session(conn, &group, &day.to_string(), topic.as_deref())?;
            let added = groups::sessions(conn, &group)?
                .into_iter()
                .find(|s| s.id == id)
                .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("session not stored")))?;
            Ok::<_, ApiError>(serde_json::json!({
                "id": added.id,
                "number": added.number,
                "held_on": added.held_on,
                "topic": added.topic,
            }))
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(session))
}

#[derive(Deserialize)]
pub struct Register {
    present: Option<Vec<String>>,
}

pub async fn take_attendance(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<(String, String)>,
    body: web::Json<Register>,
) -> Result<HttpResponse, ApiError> {
    let (group, session) = path.into_inner();
    let Some(present) = body.into_inner().present else {
        return Err(ApiError::validation(
            "present",
            "present_required",
            "List the members who came (an empty list if nobody did).",
        ));
    };
    let counts = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            own_group(conn, &caller, &group)?;
            if !groups::sessions(conn, &group)?
                .iter()
                .any(|s| s.id == session)
            {
                return Err(ApiError::NotFound);
            }
            let members = groups::members(conn, &group)?;
            let strangers: Vec<&String> = present
                .iter()
                .filter(|id| !members.iter().any(|(member, _)| member == *id))
                .collect();
            if !strangers.is_empty() {
                return Err(ValidationErrors::one(
                    "present",
                    "not_a_member",
                    "Only members of the group can be marked here.",
                )
                .into());
            }
            let register: Vec<(String, bool)> = members
                .iter()
                .map(|(id, _)| (id.clone(), present.contains(id)))
                .collect();
            groups::take_attendance(
                conn,
                &session,
                &register,
                &caller.id,
                Utc::now().naive_utc(),
            )?;
            let here = register.iter().filter(|(_, p)| *p).count();
            Ok(serde_json::json!({"present": here, "away": register.len() - here}))
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(counts))
}
