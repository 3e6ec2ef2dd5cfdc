use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::{ServiceId, UserId, new_row_id};
use super::schema::invites;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = invites)]
pub struct Invite {
    pub id: String,
    pub code_hash: String,
    pub service_id: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub used_by: Option<String>,
}

pub fn create(
    conn: &mut AnyConnection,
    code_hash: &str,
    service: &ServiceId,
    worker: &UserId,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(invites::table)
        .values((
            invites::id.eq(new_row_id()),
            invites::code_hash.eq(code_hash),
            invites::service_id.eq(service.as_str()),
            invites::created_by.eq(worker.as_str()),
            invites::created_at.eq(now),
            invites::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// An invite that can still be used at `now`.
pub fn find_usable(
    conn: &mut AnyConnection,
    code_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<Invite>> {
    invites::table
        .filter(invites::code_hash.eq(code_hash))
        .filter(invites::used_at.is_null())
        .filter(invites::expires_at.gt(now))
        .select(Invite::as_select())
        .first(conn)
        .optional()
}

pub fn mark_used(
    conn: &mut AnyConnection,
    invite_id: &str,
    young_person: &UserId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(invites::table.find(invite_id))
        .set((
            invites::used_at.eq(now),
            invites::used_by.eq(young_person.as_str()),
        ))
        .execute(conn)?;
    Ok(())
}
