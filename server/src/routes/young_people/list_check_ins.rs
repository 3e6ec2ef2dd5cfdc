use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use lantern_core::consent::visible_to_worker;
use lantern_core::{ConsentScope, SharedCheckIn};
use serde::Serialize;

use crate::auth::AuthUser;
use crate::db::audit::{self, Entry, Outcome};
use crate::db::ids::UserId;
use crate::db::users::{self, Role};
use crate::db::{DbPool, check_ins, consents, write};
use crate::error::ApiError;
use crate::routes::with_conn;

const ACTION: &str = "read_check_ins";

#[derive(Serialize)]
struct WorkerCheckIn {
    #[serde(flatten)]
    check_in: SharedCheckIn,
    received_at: DateTime<Utc>,
}

#[derive(Serialize)]
struct CheckInList {
    check_ins: Vec<WorkerCheckIn>,
}

enum Read {
    Allowed(CheckInList),
    NotAssigned,
    NotShared,
}

/// A worker reads a young person's shared check-ins. Allowed only to a
/// worker assigned to them now, only for what they share now; every
/// attempt, allowed or refused, is written to the audit log.
pub async fn list_check_ins(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Worker)?;
    let young_person = UserId(path.into_inner());
    // The audit row must be committed even when the read is refused, so the
    // refusal is an `Ok` value inside the transaction and an error outside.
    let read = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now();
            let log = |conn: &mut _, outcome, detail: Option<String>| {
                audit::record(
                    conn,
                    Entry {
                        service: &caller.service,
                        actor: &caller.id,
                        action: ACTION,
                        subject: Some(&young_person),
                        outcome,
                        detail,
                    },
                    now.naive_utc(),
                )
            };
            let subject = users::find(conn, &young_person)?.filter(|user| {
                user.service() == caller.service && user.role() == Role::YoungPerson
            });
            if subject.is_none() {
                // Nothing to attach an audit row to: the id is not a young
                // person of this service.
                return Ok::<_, ApiError>(Read::NotAssigned);
            }
            if !users::is_assigned(conn, &caller.id, &young_person)? {
                log(conn, Outcome::Refused, Some("not_assigned".into()))?;
                return Ok(Read::NotAssigned);
            }
            let grants = consents::current_grants(conn, &young_person)?;
            if !grants.iter().any(|grant| grant.scope == ConsentScope::Mood) {
                log(conn, Outcome::Refused, Some("consent_required".into()))?;
                return Ok(Read::NotShared);
            }
            let mut list = Vec::new();
            for row in check_ins::list(conn, &young_person)? {
                let shared = row
                    .to_shared()
                    .map_err(|e| ApiError::Internal(anyhow::anyhow!("bad stored check-in: {e}")))?;
                if let Some(check_in) = visible_to_worker(&shared, &grants) {
                    list.push(WorkerCheckIn {
                        check_in,
                        received_at: row.received_at.and_utc(),
                    });
                }
            }
            log(
                conn,
                Outcome::Allowed,
                Some(format!("{} check-ins", list.len())),
            )?;
            Ok(Read::Allowed(CheckInList { check_ins: list }))
        })
    })
    .await?;
    match read {
        Read::Allowed(list) => Ok(HttpResponse::Ok().json(list)),
        Read::NotAssigned => Err(ApiError::NotFound),
        Read::NotShared => Err(ApiError::ConsentRequired(ConsentScope::Mood)),
    }
}
