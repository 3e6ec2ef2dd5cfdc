//! Signposts: a worker pointing a young person to a directory service,
//! which reaches them as a message.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::{ServiceId, UserId, new_row_id};
use super::schema::{notifications, signposts, users};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = signposts)]
pub struct Signpost {
    pub id: String,
    pub service_id: String,
    pub worker_id: String,
    pub young_person_id: String,
    pub directory_service_id: String,
    pub service_name: String,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
}

pub struct NewSignpost<'a> {
    pub service: &'a ServiceId,
    pub worker: &'a UserId,
    pub young_person: &'a UserId,
    pub directory_service_id: &'a str,
    pub service_name: &'a str,
    pub note: Option<&'a str>,
}

pub fn insert(
    conn: &mut AnyConnection,
    new: NewSignpost<'_>,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let id = new_row_id();
    diesel::insert_into(signposts::table)
        .values((
            signposts::id.eq(&id),
            signposts::service_id.eq(new.service.as_str()),
            signposts::worker_id.eq(new.worker.as_str()),
            signposts::young_person_id.eq(new.young_person.as_str()),
            signposts::directory_service_id.eq(new.directory_service_id),
            signposts::service_name.eq(new.service_name),
            signposts::note.eq(new.note),
            signposts::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// When `worker` signposted `young_person` since `since`, oldest first.
pub fn sent_times_since(
    conn: &mut AnyConnection,
    worker: &UserId,
    young_person: &UserId,
    since: NaiveDateTime,
) -> QueryResult<Vec<NaiveDateTime>> {
    signposts::table
        .filter(signposts::worker_id.eq(worker.as_str()))
        .filter(signposts::young_person_id.eq(young_person.as_str()))
        .filter(signposts::created_at.gt(since))
        .order(signposts::created_at.asc())
        .select(signposts::created_at)
        .load(conn)
}

/// A young person's signposts with the worker's display name, newest first.
pub fn for_young_person(
    conn: &mut AnyConnection,
    young_person: &UserId,
) -> QueryResult<Vec<(Signpost, String)>> {
    signposts::table
        .inner_join(users::table.on(users::id.eq(signposts::worker_id)))
        .filter(signposts::young_person_id.eq(young_person.as_str()))
        .order(signposts::created_at.desc())
        .select((Signpost::as_select(), users::display_name))
        .load(conn)
}

/// A young person's signposts and the inbox lines about them.
pub fn delete_for_young_person(conn: &mut AnyConnection, young_person: &UserId) -> QueryResult<()> {
    let theirs = signposts::table
        .filter(signposts::young_person_id.eq(young_person.as_str()))
        .select(signposts::id);
    diesel::delete(
        notifications::table
            .filter(notifications::kind.eq("signpost"))
            .filter(notifications::subject_id.eq_any(theirs)),
    )
    .execute(conn)?;
    diesel::delete(signposts::table.filter(signposts::young_person_id.eq(young_person.as_str())))
        .execute(conn)?;
    Ok(())
}
