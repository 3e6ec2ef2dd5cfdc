use actix_web::{HttpResponse, web};
use chrono::Utc;
use lantern_core::disclosure::Disclosure;
use lantern_core::sync::{
    MAX_BATCH_BYTES, RecordKind, RefusedRecord, SyncOutcome, missing_scopes, record_time,
};
use lantern_core::{SyncBatch, SyncRecord};

use crate::auth::AuthUser;
use crate::db::alerts::{self, NewAlert};
use crate::db::check_ins::{self, Upserted};
use crate::db::ids::UserId;
use crate::db::shared_records::{self, NewSharedRecord};
use crate::db::users::Role;
use crate::db::{AnyConnection, DbPool, consents, service_settings, users, write};
use crate::error::ApiError;
use crate::notify::{Kind, Notice, notify};
use crate::routes::with_conn;

/// Stores a batch from the young person's device. The core validates it
/// with the same rules the device used; a batch with any invalid record is
/// refused whole. Records consent does not cover are refused one by one;
/// everything else is stored in one transaction. A disclosure raises an
/// alert for the young person's workers in that same transaction.
pub async fn sync_batch(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::YoungPerson)?;
    // The core enforces the exact bound on the text; this stops a huge body
    // before it is all in memory.
    let body = payload
        .to_bytes_limited(MAX_BATCH_BYTES + 1024)
        .await
        .map_err(|_| ApiError::PayloadTooLarge)?
        .map_err(|e| ApiError::BadRequest(format!("the body could not be read: {e}")))?;
    let text = std::str::from_utf8(&body)
        .map_err(|_| ApiError::BadRequest("the body is not UTF-8 text".into()))?;
    let batch = SyncBatch::parse(text)?;
    let outcome = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            let grants = consents::current_grants(conn, &caller.id)?;
            let joined_at = users::find(conn, &caller.id)?
                .map(|user| user.created_at)
                .ok_or(ApiError::Unauthenticated)?;
            let mut outcome = SyncOutcome::default();
            for record in &batch.records {
                let missing = missing_scopes(record, &grants);
                if !missing.is_empty() {
                    let names: Vec<_> = missing.iter().map(|s| s.as_str()).collect();
                    outcome.refused.push(RefusedRecord {
                        id: record.id().clone(),
                        code: "scope_not_shared".into(),
                        reason: format!("Not shared: {}.", names.join(", ")),
                    });
                    continue;
                }
                if let SyncRecord::UpsertDisclosure { disclosure } = record {
                    if disclosure.recorded_at.naive_utc() < joined_at {
                        // The young person was told on joining that answers
                        // from then on reach their worker; earlier ones stay theirs.
                        outcome.refused.push(RefusedRecord {
                            id: record.id().clone(),
                            code: "before_connecting".into(),
                            reason: "This was answered before joining, so it stays on your phone."
                                .into(),
                        });
                        continue;
                    }
                }
                let stored = match record {
                    SyncRecord::UpsertCheckIn { check_in } => {
                        check_ins::upsert(conn, &caller.id, check_in, now)?
                    }
                    SyncRecord::Delete { kind, id } => {
                        if *kind == RecordKind::CheckIn {
                            check_ins::delete(conn, &caller.id, id, now)?;
                        } else {
                            shared_records::delete(conn, &caller.id, *kind, id, now)?;
                        }
                        outcome.deleted.push(id.clone());
                        continue;
                    }
                    other => {
                        let new = NewSharedRecord {
                            kind: other.kind(),
                            id: other.id(),
                            recorded_at: record_time(other),
                            payload: record_json(other)?,
                        };
                        shared_records::upsert(conn, &caller.id, new, now)?
                    }
                };
                if let (SyncRecord::UpsertDisclosure { disclosure }, Upserted::Stored) =
                    (record, &stored)
                {
                    if raise_alert(conn, &caller, disclosure, now)? {
                        outcome.worker_told.push(disclosure.id.clone());
                    }
                }
                match stored {
                    Upserted::Stored => outcome.stored.push(record.id().clone()),
                    Upserted::AlreadyDeleted => outcome.refused.push(RefusedRecord {
                        id: record.id().clone(),
                        code: "already_deleted".into(),
                        reason: "This was deleted.".into(),
                    }),
                }
            }
            Ok::<_, ApiError>(outcome)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(outcome))
}

/// Raises the alert for a disclosure (once, however often it is sent) and
/// says whether someone is there to read it: an assigned worker, or the
/// duty contact when nobody is assigned.
fn raise_alert(
    conn: &mut AnyConnection,
    caller: &crate::auth::AuthUser,
    disclosure: &Disclosure,
    now: chrono::NaiveDateTime,
) -> Result<bool, ApiError> {
    let measures = lantern_core::measures::catalogue()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("questionnaires: {e}")))?;
    let new = NewAlert {
        service: &caller.service,
        young_person: &caller.id,
        disclosure_id: disclosure.id.as_str(),
        summary: disclosure.describe(measures),
        disclosed_at: disclosure.recorded_at.naive_utc(),
    };
    let raised = alerts::raise(conn, new, now)?;
    let workers = users::assigned_workers(conn, &caller.id)?;
    if !workers.is_empty() {
        if let Some(alert_id) = &raised {
            for (worker, _) in &workers {
                tell(conn, &UserId(worker.id.clone()), alert_id, now)?;
            }
        }
        return Ok(true);
    }
    let duty: Option<UserId> = service_settings::get(conn, &caller.service)?.duty_contact();
    let Some(duty) = duty else {
        return Ok(false);
    };
    let alert = alerts::for_young_person(conn, &caller.id)?
        .into_iter()
        .find(|alert| alert.disclosure_id == disclosure.id.as_str());
    if let Some(alert) = alert {
        if alerts::claim_escalation(conn, &alert.id, Some(&duty), now)? {
            tell(conn, &duty, &alert.id, now)?;
        }
    }
    Ok(true)
}

/// Puts the alert in a worker's inbox and pushes it to them at once.
fn tell(
    conn: &mut AnyConnection,
    worker: &UserId,
    alert_id: &str,
    now: chrono::NaiveDateTime,
) -> Result<(), ApiError> {
    notify(
        conn,
        Notice {
            recipient: worker,
            kind: Kind::Alert,
            subject_id: alert_id,
            at: now,
        },
        now,
    )?;
    Ok(())
}

/// The record's own content as JSON, for storage.
fn record_json(record: &SyncRecord) -> Result<String, ApiError> {
    let value = match record {
        SyncRecord::UpsertStrategyUse { strategy_use } => serde_json::to_string(strategy_use),
        SyncRecord::UpsertGoal { goal } => serde_json::to_string(goal),
        SyncRecord::UpsertGoalRating { goal_rating } => serde_json::to_string(goal_rating),
        SyncRecord::UpsertMeasureResponse { measure_response } => {
            serde_json::to_string(measure_response)
        }
        SyncRecord::UpsertSafetyPlan { safety_plan } => serde_json::to_string(safety_plan),
        SyncRecord::UpsertDisclosure { disclosure } => serde_json::to_string(disclosure),
        SyncRecord::UpsertCheckIn { .. } | SyncRecord::Delete { .. } => {
            return Err(ApiError::Internal(anyhow::anyhow!("not a shared record")));
        }
    };
    value.map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("serialising a record")))
}
