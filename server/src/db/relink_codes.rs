//! One-time codes that sign a young person in on a new phone. Stored only
//! as hashes, like invite codes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::{ServiceId, UserId, new_row_id};
use super::schema::relink_codes;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = relink_codes)]
pub struct RelinkCode {
    pub id: String,
    pub code_hash: String,
    pub service_id: String,
    pub young_person_id: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

pub struct NewRelinkCode<'a> {
    pub code_hash: &'a str,
    pub service: &'a ServiceId,
    pub young_person: &'a UserId,
    pub worker: &'a UserId,
    pub now: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn create(conn: &mut AnyConnection, new: NewRelinkCode<'_>) -> QueryResult<()> {
    diesel::insert_into(relink_codes::table)
        .values((
            relink_codes::id.eq(new_row_id()),
            relink_codes::code_hash.eq(new.code_hash),
            relink_codes::service_id.eq(new.service.as_str()),
            relink_codes::young_person_id.eq(new.young_person.as_str()),
            relink_codes::created_by.eq(new.worker.as_str()),
            relink_codes::created_at.eq(new.now),
            relink_codes::expires_at.eq(new.expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// A code that can still be used at `now`.
pub fn find_usable(
    conn: &mut AnyConnection,
    code_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<RelinkCode>> {
    relink_codes::table
        .filter(relink_codes::code_hash.eq(code_hash))
        .filter(relink_codes::used_at.is_null())
        .filter(relink_codes::expires_at.gt(now))
        .select(RelinkCode::as_select())
        .first(conn)
        .optional()
}

/// Uses the code; false if another request used it first.
pub fn mark_used(conn: &mut AnyConnection, id: &str, now: NaiveDateTime) -> QueryResult<bool> {
    let changed = diesel::update(
        relink_codes::table
            .find(id)
            .filter(relink_codes::used_at.is_null()),
    )
    .set(relink_codes::used_at.eq(now))
    .execute(conn)?;
    Ok(changed > 0)
}
