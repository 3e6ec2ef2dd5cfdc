//! Messages from workers to young people, and the young person's one-tap
//! reply to each. A message shows from `deliver_at`; until then its worker
//! can take it back, which deletes it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::{ServiceId, UserId, new_row_id};
use super::schema::{assignments, encouragements, notifications, users};
use crate::notify::Kind;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = encouragements)]
pub struct Encouragement {
    pub id: String,
    pub service_id: String,
    pub worker_id: String,
    pub young_person_id: String,
    pub template_id: Option<String>,
    pub text: String,
    pub created_at: NaiveDateTime,
    pub deliver_at: NaiveDateTime,
    pub reply: Option<String>,
    pub replied_at: Option<NaiveDateTime>,
}

pub struct NewEncouragement<'a> {
    pub service: &'a ServiceId,
    pub worker: &'a UserId,
    pub young_person: &'a UserId,
    pub template_id: Option<&'a str>,
    pub text: &'a str,
    pub deliver_at: NaiveDateTime,
}

pub fn insert(
    conn: &mut AnyConnection,
    new: NewEncouragement<'_>,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let id = new_row_id();
    diesel::insert_into(encouragements::table)
        .values((
            encouragements::id.eq(&id),
            encouragements::service_id.eq(new.service.as_str()),
            encouragements::worker_id.eq(new.worker.as_str()),
            encouragements::young_person_id.eq(new.young_person.as_str()),
            encouragements::template_id.eq(new.template_id),
            encouragements::text.eq(new.text),
            encouragements::created_at.eq(now),
            encouragements::deliver_at.eq(new.deliver_at),
        ))
        .execute(conn)?;
    Ok(id)
}

/// The messages `worker` has sent `young_person` since `since`, oldest
/// first, by when they were sent (for the daily limit).
pub fn sent_times_since(
    conn: &mut AnyConnection,
    worker: &UserId,
    young_person: &UserId,
    since: NaiveDateTime,
) -> QueryResult<Vec<NaiveDateTime>> {
    encouragements::table
        .filter(encouragements::worker_id.eq(worker.as_str()))
        .filter(encouragements::young_person_id.eq(young_person.as_str()))
        .filter(encouragements::created_at.gt(since))
        .order(encouragements::created_at.asc())
        .select(encouragements::created_at)
        .load(conn)
}

pub fn find(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<Encouragement>> {
    encouragements::table
        .find(id)
        .select(Encouragement::as_select())
        .first(conn)
        .optional()
}

/// The young person's messages that are showing now, newest first, each
/// with its sender's display name.
pub fn shown_to(
    conn: &mut AnyConnection,
    young_person: &UserId,
    now: NaiveDateTime,
) -> QueryResult<Vec<(Encouragement, String)>> {
    encouragements::table
        .inner_join(users::table.on(users::id.eq(encouragements::worker_id)))
        .filter(encouragements::young_person_id.eq(young_person.as_str()))
        .filter(encouragements::deliver_at.le(now))
        .order((encouragements::deliver_at.desc(), encouragements::id.desc()))
        .select((Encouragement::as_select(), users::display_name))
        .load(conn)
}

/// What `worker` sent to young people assigned to them now (or to one of
/// them), newest first, each with the young person's display name.
pub fn sent_by(
    conn: &mut AnyConnection,
    worker: &UserId,
    young_person: Option<&UserId>,
) -> QueryResult<Vec<(Encouragement, String)>> {
    let assigned_now = assignments::table
        .filter(assignments::worker_id.eq(worker.as_str()))
        .filter(assignments::ended_at.is_null())
        .select(assignments::young_person_id);
    let mut query = encouragements::table
        .inner_join(users::table.on(users::id.eq(encouragements::young_person_id)))
        .filter(encouragements::worker_id.eq(worker.as_str()))
        .filter(encouragements::young_person_id.eq_any(assigned_now))
        .into_boxed();
    if let Some(young_person) = young_person {
        query = query.filter(encouragements::young_person_id.eq(young_person.as_str()));
    }
    query
        .order((encouragements::deliver_at.desc(), encouragements::id.desc()))
        .select((Encouragement::as_select(), users::display_name))
        .load(conn)
}

/// Sets, or changes, the reply to a message.
pub fn set_reply(
    conn: &mut AnyConnection,
    id: &str,
    reply: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(encouragements::table.find(id))
        .set((
            encouragements::reply.eq(reply),
            encouragements::replied_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// Takes back a message not yet shown, with its inbox line and queued
/// pushes; false if it is showing already (or is not this worker's). The
/// condition is in the delete itself, so a message cannot be both shown
/// and taken back.
pub fn take_back(
    conn: &mut AnyConnection,
    id: &str,
    worker: &UserId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let deleted = diesel::delete(
        encouragements::table
            .find(id)
            .filter(encouragements::worker_id.eq(worker.as_str()))
            .filter(encouragements::deliver_at.gt(now)),
    )
    .execute(conn)?;
    if deleted == 0 {
        return Ok(false);
    }
    super::notifications::delete_about(conn, Kind::Encouragement.as_str(), id)?;
    Ok(true)
}

/// Every message to a young person, with the inbox lines about them (the
/// young person's and their workers' replies), for erasure.
pub fn delete_for_young_person(
    conn: &mut AnyConnection,
    young_person: &UserId,
) -> QueryResult<usize> {
    let theirs = encouragements::table
        .filter(encouragements::young_person_id.eq(young_person.as_str()))
        .select(encouragements::id);
    diesel::delete(
        notifications::table
            .filter(
                notifications::kind.eq_any([Kind::Encouragement.as_str(), Kind::Reply.as_str()]),
            )
            .filter(notifications::subject_id.eq_any(theirs)),
    )
    .execute(conn)?;
    diesel::delete(
        encouragements::table.filter(encouragements::young_person_id.eq(young_person.as_str())),
    )
    .execute(conn)
}

/// A worker's messages to one young person not yet shown, when their
/// assignment ends: the worker can no longer follow them up.
pub fn delete_unshown_between(
    conn: &mut AnyConnection,
    worker: &UserId,
    young_person: &UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let unshown = || {
        encouragements::table
            .filter(encouragements::worker_id.eq(worker.as_str()))
            .filter(encouragements::young_person_id.eq(young_person.as_str()))
            .filter(encouragements::deliver_at.gt(now))
    };
    diesel::delete(
        notifications::table
            .filter(notifications::kind.eq(Kind::Encouragement.as_str()))
            .filter(notifications::subject_id.eq_any(unshown().select(encouragements::id))),
    )
    .execute(conn)?;
    diesel::delete(unshown()).execute(conn)
}

/// A departing worker's messages not yet shown: nobody is there to answer
/// them any more. Those already shown stay with their young people.
pub fn delete_unshown_from(
    conn: &mut AnyConnection,
    worker: &UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let unshown = encouragements::table
        .filter(encouragements::worker_id.eq(worker.as_str()))
        .filter(encouragements::deliver_at.gt(now))
        .select(encouragements::id);
    diesel::delete(
        notifications::table
            .filter(notifications::kind.eq(Kind::Encouragement.as_str()))
            .filter(notifications::subject_id.eq_any(unshown)),
    )
    .execute(conn)?;
    diesel::delete(
        encouragements::table
            .filter(encouragements::worker_id.eq(worker.as_str()))
            .filter(encouragements::deliver_at.gt(now)),
    )
    .execute(conn)
}

/// Everything one worker sent, newest first, for their export.
pub fn all_from(conn: &mut AnyConnection, worker: &UserId) -> QueryResult<Vec<Encouragement>> {
    encouragements::table
        .filter(encouragements::worker_id.eq(worker.as_str()))
        .order(encouragements::created_at.desc())
        .select(Encouragement::as_select())
        .load(conn)
}
