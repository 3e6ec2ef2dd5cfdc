//! Disclosure alerts. One row per disclosure: every worker assigned to the
//! young person sees it, one acknowledges it with a note of what was done,
//! and it escalates to the service's duty contact if nobody does in time.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::{ServiceId, UserId, new_row_id};
use super::schema::{alerts, assignments};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = alerts)]
pub struct Alert {
    pub id: String,
    pub service_id: String,
    pub young_person_id: String,
    pub disclosure_id: String,
    pub summary: String,
    pub disclosed_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub acknowledged_at: Option<NaiveDateTime>,
    pub acknowledged_by: Option<String>,
    pub acknowledgement_note: Option<String>,
    pub escalated_at: Option<NaiveDateTime>,
    pub escalated_to: Option<String>,
}

pub struct NewAlert<'a> {
    pub service: &'a ServiceId,
    pub young_person: &'a UserId,
    pub disclosure_id: &'a str,
    /// What the young person answered, in words; never a score.
    pub summary: String,
    pub disclosed_at: NaiveDateTime,
}

/// Raises an alert unless this disclosure already has one (a device may
/// send the same disclosure again). Returns the new alert's id, if raised.
pub fn raise(
    conn: &mut AnyConnection,
    new: NewAlert<'_>,
    now: NaiveDateTime,
) -> QueryResult<Option<String>> {
    let existing: i64 = alerts::table
        .filter(alerts::young_person_id.eq(new.young_person.as_str()))
        .filter(alerts::disclosure_id.eq(new.disclosure_id))
        .count()
        .get_result(conn)?;
    if existing > 0 {
        return Ok(None);
    }
    let id = new_row_id();
    diesel::insert_into(alerts::table)
        .values((
            alerts::id.eq(&id),
            alerts::service_id.eq(new.service.as_str()),
            alerts::young_person_id.eq(new.young_person.as_str()),
            alerts::disclosure_id.eq(new.disclosure_id),
            alerts::summary.eq(&new.summary),
            alerts::disclosed_at.eq(new.disclosed_at),
            alerts::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(Some(id))
}

pub fn find(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<Alert>> {
    alerts::table
        .find(id)
        .select(Alert::as_select())
        .first(conn)
        .optional()
}

/// Alerts a worker must see: those of young people assigned to them now, and
/// those escalated to them as duty contact. Open ones first, newest first.
pub fn for_worker(
    conn: &mut AnyConnection,
    worker: &UserId,
    open_only: bool,
) -> QueryResult<Vec<Alert>> {
    let assigned = assignments::table
        .filter(assignments::worker_id.eq(worker.as_str()))
        .filter(assignments::ended_at.is_null())
        .select(assignments::young_person_id);
    let mut query = alerts::table
        .filter(
            alerts::young_person_id
                .eq_any(assigned)
                .or(alerts::escalated_to.eq(worker.as_str())),
        )
        .into_boxed();
    if open_only {
        query = query.filter(alerts::acknowledged_at.is_null());
    }
    let mut found: Vec<Alert> = query
        .order(alerts::created_at.desc())
        .select(Alert::as_select())
        .load(conn)?;
    found.sort_by_key(|alert| alert.acknowledged_at.is_some());
    Ok(found)
}

/// A young person's alerts, newest first: what they are shown about who was told.
pub fn for_young_person(
    conn: &mut AnyConnection,
    young_person: &UserId,
) -> QueryResult<Vec<Alert>> {
    alerts::table
        .filter(alerts::young_person_id.eq(young_person.as_str()))
        .order(alerts::created_at.desc())
        .select(Alert::as_select())
        .load(conn)
}

/// How many of a young person's alerts nobody has acknowledged yet.
pub fn open_count(conn: &mut AnyConnection, young_person: &UserId) -> QueryResult<i64> {
    alerts::table
        .filter(alerts::young_person_id.eq(young_person.as_str()))
        .filter(alerts::acknowledged_at.is_null())
        .count()
        .get_result(conn)
}

/// Records the acknowledgement, once: false if someone got there first.
pub fn acknowledge(
    conn: &mut AnyConnection,
    id: &str,
    by: &UserId,
    note: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let updated = diesel::update(
        alerts::table
            .find(id)
            .filter(alerts::acknowledged_at.is_null()),
    )
    .set((
        alerts::acknowledged_at.eq(now),
        alerts::acknowledged_by.eq(by.as_str()),
        alerts::acknowledgement_note.eq(note),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Open, not yet escalated alerts raised at or before `raised_before`.
pub fn unescalated_open(
    conn: &mut AnyConnection,
    raised_before: NaiveDateTime,
) -> QueryResult<Vec<Alert>> {
    alerts::table
        .filter(alerts::acknowledged_at.is_null())
        .filter(alerts::escalated_at.is_null())
        .filter(alerts::created_at.le(raised_before))
        .order(alerts::created_at.asc())
        .select(Alert::as_select())
        .load(conn)
}

/// Marks an alert escalated to `duty`. The condition makes the claim safe
/// when several server instances run the job at once: only one update
/// finds the alert still open and unescalated.
pub fn claim_escalation(
    conn: &mut AnyConnection,
    id: &str,
    duty: Option<&UserId>,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let updated = diesel::update(
        alerts::table
            .find(id)
            .filter(alerts::acknowledged_at.is_null())
            .filter(alerts::escalated_at.is_null()),
    )
    .set((
        alerts::escalated_at.eq(now),
        alerts::escalated_to.eq(duty.map(UserId::as_str)),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}
