//! What a young person deleted: only the kind and id are kept, so a stale
//! copy sent again by another device is not stored back.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use lantern_core::RecordId;
use lantern_core::sync::RecordKind;

use super::AnyConnection;
use super::ids::UserId;
use super::schema::record_tombstones;

/// What happened to one upsert.
#[derive(Debug, PartialEq, Eq)]
pub enum Upserted {
    Stored,
    /// The young person deleted this record earlier; a stale copy is not kept.
    AlreadyDeleted,
}

pub fn exists(
    conn: &mut AnyConnection,
    young_person: &UserId,
    kind: RecordKind,
    id: &RecordId,
) -> QueryResult<bool> {
    let count: i64 = record_tombstones::table
        .find((young_person.as_str(), kind.as_str(), id.as_str()))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Idempotent: deleting twice leaves one tombstone.
pub fn record(
    conn: &mut AnyConnection,
    young_person: &UserId,
    kind: RecordKind,
    id: &RecordId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    if !exists(conn, young_person, kind, id)? {
        diesel::insert_into(record_tombstones::table)
            .values((
                record_tombstones::young_person_id.eq(young_person.as_str()),
                record_tombstones::kind.eq(kind.as_str()),
                record_tombstones::id.eq(id.as_str()),
                record_tombstones::deleted_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// What a young person deleted: (kind, id, when).
pub fn list(
    conn: &mut AnyConnection,
    young_person: &UserId,
) -> QueryResult<Vec<(String, String, NaiveDateTime)>> {
    record_tombstones::table
        .filter(record_tombstones::young_person_id.eq(young_person.as_str()))
        .order(record_tombstones::deleted_at.asc())
        .select((
            record_tombstones::kind,
            record_tombstones::id,
            record_tombstones::deleted_at,
        ))
        .load(conn)
}
