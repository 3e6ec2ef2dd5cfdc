use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::AuthUser;
use crate::db::audit::{self, Entry, Outcome};
use crate::db::ids::UserId;
use crate::db::users::{self, Role};
use crate::db::{DbPool, alerts, write};
use crate::error::ApiError;
use crate::routes::with_conn;

/// Long enough to say what was done and who else knows; it is a record, not
/// a case file.
const MAX_NOTE_CHARS: usize = 2000;

#[derive(Deserialize)]
pub struct Acknowledgement {
    /// What was done: "spoke with them at lunch, safety plan reviewed".
    note: String,
}

#[derive(Serialize)]
struct Acknowledged {
    id: String,
    acknowledged_at: DateTime<Utc>,
    /// Minutes from the alert being raised to this acknowledgement.
    minutes_to_acknowledge: i64,
}

/// An assigned worker (or the duty contact it was escalated to) records
/// that they have acted, with a note. Only the first acknowledgement counts.
pub async fn acknowledge_alert(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
    body: web::Json<Acknowledgement>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Worker)?;
    let note = body.into_inner().note.trim().to_owned();
    if note.is_empty() {
        return Err(ApiError::validation(
            "note",
            "note_required",
            "Say briefly what was done.",
        ));
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(ApiError::validation(
            "note",
            "note_too_long",
            format!("Keep the note to {MAX_NOTE_CHARS} characters."),
        ));
    }
    let id = path.into_inner();
    let acknowledged = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now();
            let alert = alerts::find(conn, &id)?
                .filter(|alert| alert.service_id == caller.service.as_str())
                .ok_or(ApiError::NotFound)?;
            let young_person = UserId(alert.young_person_id.clone());
            let may_act = users::is_assigned(conn, &caller.id, &young_person)?
                || alert.escalated_to.as_deref() == Some(caller.id.as_str());
            if !may_act {
                return Err(ApiError::NotFound);
            }
            if !alerts::acknowledge(conn, &alert.id, &caller.id, &note, now.naive_utc())? {
                return Err(ApiError::AlreadyAcknowledged);
            }
            audit::record(
                conn,
                Entry {
                    service: &caller.service,
                    actor: &caller.id,
                    request_id: caller.request_id.as_str(),
                    action: "acknowledge_alert",
                    subject: Some(&young_person),
                    outcome: Outcome::Allowed,
                    detail: None,
                },
                now.naive_utc(),
            )?;
            Ok(Acknowledged {
                minutes_to_acknowledge: (now.naive_utc() - alert.created_at).num_minutes(),
                id: alert.id,
                acknowledged_at: now,
            })
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(acknowledged))
}
