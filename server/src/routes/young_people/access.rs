//! The one gate for a worker reading or changing a young person's data:
//! the young person must be of the worker's service and assigned to them
//! now. Every refusal is written to the audit log before it is returned.

use chrono::NaiveDateTime;
use lantern_core::consent::covered;
use lantern_core::{ConsentGrant, ConsentScope};

use crate::auth::AuthUser;
use crate::db::audit::{self, Entry, Outcome};
use crate::db::ids::UserId;
use crate::db::users::{self, Role};
use crate::db::{AnyConnection, consents};
use crate::error::ApiError;

/// A worker allowed in, with what the young person shares now.
pub struct Allowed {
    pub grants: Vec<ConsentGrant>,
}

/// `Ok(Err(..))` is a refusal whose audit row is already written: the
/// caller commits the transaction, then returns the error.
pub fn assigned_worker(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    young_person: &UserId,
    action: &str,
    now: NaiveDateTime,
) -> Result<Result<Allowed, ApiError>, ApiError> {
    caller.require(Role::Worker)?;
    let subject = users::find(conn, young_person)?
        .filter(|user| user.service() == caller.service && user.role() == Role::YoungPerson);
    if subject.is_none() {
        // Nothing to attach an audit row to: not a young person of this service.
        return Ok(Err(ApiError::NotFound));
    }
    if !users::is_assigned(conn, &caller.id, young_person)? {
        log(
            conn,
            caller,
            young_person,
            action,
            Outcome::Refused,
            Some("not_assigned"),
            now,
        )?;
        return Ok(Err(ApiError::NotFound));
    }
    let grants = consents::current_grants(conn, young_person)?;
    Ok(Ok(Allowed { grants }))
}

/// As [`assigned_worker`], for a read that needs `scope` shared now; a
/// refusal for consent is audited too.
pub fn assigned_worker_sharing(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    young_person: &UserId,
    action: &str,
    scope: ConsentScope,
    now: NaiveDateTime,
) -> Result<Result<Allowed, ApiError>, ApiError> {
    let allowed = match assigned_worker(conn, caller, young_person, action, now)? {
        Ok(allowed) => allowed,
        Err(refused) => return Ok(Err(refused)),
    };
    if !covered(&allowed.grants, scope, None) {
        log(
            conn,
            caller,
            young_person,
            action,
            Outcome::Refused,
            Some("consent_required"),
            now,
        )?;
        return Ok(Err(ApiError::ConsentRequired(scope)));
    }
    Ok(Ok(allowed))
}

pub fn log(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    young_person: &UserId,
    action: &str,
    outcome: Outcome,
    detail: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    audit::record(
        conn,
        Entry {
            service: &caller.service,
            actor: &caller.id,
            request_id: caller.request_id.as_str(),
            action,
            subject: Some(young_person),
            outcome,
            detail: detail.map(str::to_owned),
        },
        now,
    )?;
    Ok(())
}
