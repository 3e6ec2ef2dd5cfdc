use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::auth::AuthUser;
use crate::db::ids::UserId;
use crate::db::users::{self, Role};
use crate::db::{
    AnyConnection, DbPool, alerts, audit, check_ins, consents, services, shared_records, thrive,
    tombstones,
};
use crate::error::ApiError;
use crate::routes::with_conn;

/// The export's format; docs/export.md describes every field.
const FORMAT: &str = "lantern-export";
const VERSION: u32 = 1;

#[derive(Serialize)]
struct Export {
    format: &'static str,
    version: u32,
    exported_at: DateTime<Utc>,
    account: Account,
    /// Assignments between workers and young people this account is part of.
    assignments: Vec<AssignmentView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    young_person: Option<YoungPersonData>,
    /// For staff: what they did with young people's data.
    #[serde(skip_serializing_if = "Option::is_none")]
    actions: Option<Vec<EventView>>,
}

#[derive(Serialize)]
struct Account {
    id: String,
    role: Role,
    display_name: String,
    email: Option<String>,
    age_band: Option<String>,
    created_at: DateTime<Utc>,
    service_id: String,
    service_name: String,
}

#[derive(Serialize)]
struct AssignmentView {
    worker_id: String,
    young_person_id: String,
    started_at: DateTime<Utc>,
    ended_at: Option<DateTime<Utc>>,
}

#[derive(Serialize)]
struct YoungPersonData {
    consent_history: Vec<ConsentView>,
    check_ins: Vec<Value>,
    shared_records: Vec<SharedRecordView>,
    deleted_records: Vec<DeletedView>,
    alerts: Vec<AlertView>,
    thrive_groupings: Vec<ThriveView>,
    /// Who looked at or changed this young person's data.
    audit_events: Vec<EventView>,
}

#[derive(Serialize)]
struct ConsentView {
    scope: String,
    granted: bool,
    include_past: bool,
    wording_version: i32,
    at: DateTime<Utc>,
}

#[derive(Serialize)]
struct SharedRecordView {
    kind: String,
    id: String,
    recorded_at: Option<DateTime<Utc>>,
    received_at: DateTime<Utc>,
    record: Value,
}

#[derive(Serialize)]
struct DeletedView {
    kind: String,
    id: String,
    deleted_at: DateTime<Utc>,
}

#[derive(Serialize)]
struct AlertView {
    disclosure_id: String,
    summary: String,
    disclosed_at: DateTime<Utc>,
    raised_at: DateTime<Utc>,
    acknowledged_at: Option<DateTime<Utc>>,
    escalated_at: Option<DateTime<Utc>>,
}

#[derive(Serialize)]
struct ThriveView {
    grouping: String,
    reason: String,
    recorded_by: String,
    recorded_at: DateTime<Utc>,
}

#[derive(Serialize)]
struct EventView {
    at: DateTime<Utc>,
    actor_id: Option<String>,
    subject_id: Option<String>,
    action: String,
    outcome: String,
    detail: Option<String>,
}

/// Everything the server holds about the caller, as one JSON document.
pub async fn export_my_data(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    let export = with_conn(&pool, move |conn| build(conn, &caller.id)).await?;
    Ok(HttpResponse::Ok()
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"lantern-export.json\"",
        ))
        .json(export))
}

fn build(conn: &mut AnyConnection, id: &UserId) -> Result<Export, ApiError> {
    let user = users::find(conn, id)?.ok_or(ApiError::Unauthenticated)?;
    let service = services::find(conn, &user.service())?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("user without a service")))?;
    let role = user.role();
    let assignments = users::assignment_history(conn, id)?
        .into_iter()
        .map(
            |(worker_id, young_person_id, started, ended)| AssignmentView {
                worker_id,
                young_person_id,
                started_at: started.and_utc(),
                ended_at: ended.map(|t| t.and_utc()),
            },
        )
        .collect();
    let (young_person, actions) = if role == Role::YoungPerson {
        (Some(young_person_data(conn, id)?), None)
    } else {
        let actions = audit::by_actor(conn, id)?
            .into_iter()
            .map(event_view)
            .collect();
        (None, Some(actions))
    };
    Ok(Export {
        format: FORMAT,
        version: VERSION,
        exported_at: Utc::now(),
        account: Account {
            id: user.id.clone(),
            role,
            display_name: user.display_name,
            email: user.email,
            age_band: user.age_band,
            created_at: user.created_at.and_utc(),
            service_id: service.id,
            service_name: service.name,
        },
        assignments,
        young_person,
        actions,
    })
}

fn young_person_data(conn: &mut AnyConnection, id: &UserId) -> Result<YoungPersonData, ApiError> {
    let consent_history = consents::history(conn, id)?
        .into_iter()
        .map(|event| ConsentView {
            scope: event.scope,
            granted: event.granted,
            include_past: event.include_past,
            wording_version: event.wording_version,
            at: event.created_at.and_utc(),
        })
        .collect();
    let mut check_in_values = Vec::new();
    for row in check_ins::list(conn, id)? {
        let shared = row
            .to_shared()
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("bad stored check-in: {e}")))?;
        let mut value =
            serde_json::to_value(&shared).map_err(|e| ApiError::Internal(anyhow::Error::new(e)))?;
        value["received_at"] = Value::String(row.received_at.and_utc().to_rfc3339());
        check_in_values.push(value);
    }
    let shared = shared_records::list_all(conn, id)?
        .into_iter()
        .map(|row| SharedRecordView {
            record: serde_json::from_str(&row.payload).unwrap_or(Value::String(row.payload)),
            kind: row.kind,
            id: row.id,
            recorded_at: row.recorded_at.map(|t| t.and_utc()),
            received_at: row.received_at.and_utc(),
        })
        .collect();
    let deleted = tombstones::list(conn, id)?
        .into_iter()
        .map(|(kind, id, deleted_at)| DeletedView {
            kind,
            id,
            deleted_at: deleted_at.and_utc(),
        })
        .collect();
    let alert_views = alerts::for_young_person(conn, id)?
        .into_iter()
        .map(|alert| AlertView {
            disclosure_id: alert.disclosure_id,
            summary: alert.summary,
            disclosed_at: alert.disclosed_at.and_utc(),
            raised_at: alert.created_at.and_utc(),
            acknowledged_at: alert.acknowledged_at.map(|t| t.and_utc()),
            escalated_at: alert.escalated_at.map(|t| t.and_utc()),
        })
        .collect();
    let thrive_groupings = thrive::history(conn, id)?
        .into_iter()
        .map(|row| ThriveView {
            grouping: row.grouping,
            reason: row.reason,
            recorded_by: row.recorded_by,
            recorded_at: row.recorded_at.and_utc(),
        })
        .collect();
    let audit_events = audit::for_subject(conn, id)?
        .into_iter()
        .map(event_view)
        .collect();
    Ok(YoungPersonData {
        consent_history,
        check_ins: check_in_values,
        shared_records: shared,
        deleted_records: deleted,
        alerts: alert_views,
        thrive_groupings,
        audit_events,
    })
}

fn event_view(event: audit::AuditEvent) -> EventView {
    EventView {
        at: event.created_at.and_utc(),
        actor_id: event.actor_id,
        subject_id: event.subject_id,
        action: event.action,
        outcome: event.outcome,
        detail: event.detail,
    }
}
