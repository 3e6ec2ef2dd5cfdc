//! One-time codes a young person makes for a parent or carer to link with
//! them. Made and hashed like invite codes (`auth::secrets`): only the hash
//! is stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::{ServiceId, UserId, new_row_id};
use super::schema::parent_link_codes;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = parent_link_codes)]
pub struct ParentLinkCode {
    pub id: String,
    pub code_hash: String,
    pub service_id: String,
    pub young_person_id: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub used_by: Option<String>,
}

pub fn create(
    conn: &mut AnyConnection,
    code_hash: &str,
    service: &ServiceId,
    young_person: &UserId,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(parent_link_codes::table)
        .values((
            parent_link_codes::id.eq(new_row_id()),
            parent_link_codes::code_hash.eq(code_hash),
            parent_link_codes::service_id.eq(service.as_str()),
            parent_link_codes::young_person_id.eq(young_person.as_str()),
            parent_link_codes::created_at.eq(now),
            parent_link_codes::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(drop)
}

/// A code that can still be used at `now`.
pub fn find_usable(
    conn: &mut AnyConnection,
    code_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<ParentLinkCode>> {
    parent_link_codes::table
        .filter(parent_link_codes::code_hash.eq(code_hash))
        .filter(parent_link_codes::used_at.is_null())
        .filter(parent_link_codes::expires_at.gt(now))
        .select(ParentLinkCode::as_select())
        .first(conn)
        .optional()
}

/// Uses the code; false if another request used it first.
pub fn mark_used(
    conn: &mut AnyConnection,
    id: &str,
    parent: &UserId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        parent_link_codes::table
            .find(id)
            .filter(parent_link_codes::used_at.is_null()),
    )
    .set((
        parent_link_codes::used_at.eq(now),
        parent_link_codes::used_by.eq(parent.as_str()),
    ))
    .execute(conn)?;
    Ok(changed > 0)
}

/// The codes a young person made, newest first, for their export.
pub fn made_by(
    conn: &mut AnyConnection,
    young_person: &UserId,
) -> QueryResult<Vec<ParentLinkCode>> {
    parent_link_codes::table
        .filter(parent_link_codes::young_person_id.eq(young_person.as_str()))
        .order(parent_link_codes::created_at.desc())
        .select(ParentLinkCode::as_select())
        .load(conn)
}
