//! Shared records other than check-ins, stored as the core's JSON. The core
//! validated each one on the way in; readers parse it back with the core.

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use diesel::prelude::*;
use lantern_core::RecordId;
use lantern_core::sync::RecordKind;

use super::AnyConnection;
use super::ids::UserId;
use super::schema::shared_records;
use super::tombstones::{self, Upserted};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = shared_records)]
pub struct SharedRecordRow {
    pub young_person_id: String,
    pub kind: String,
    pub id: String,
    pub recorded_at: Option<NaiveDateTime>,
    pub payload: String,
    pub received_at: NaiveDateTime,
}

pub struct NewSharedRecord<'a> {
    pub kind: RecordKind,
    pub id: &'a RecordId,
    pub recorded_at: Option<DateTime<FixedOffset>>,
    pub payload: String,
}

/// Stores or replaces a record; idempotent by (young person, kind, id).
pub fn upsert(
    conn: &mut AnyConnection,
    young_person: &UserId,
    record: NewSharedRecord<'_>,
    now: NaiveDateTime,
) -> QueryResult<Upserted> {
    if tombstones::exists(conn, young_person, record.kind, record.id)? {
        return Ok(Upserted::AlreadyDeleted);
    }
    let key = (
        young_person.as_str(),
        record.kind.as_str(),
        record.id.as_str(),
    );
    let recorded_at = record.recorded_at.map(|at| at.naive_utc());
    let existing: i64 = shared_records::table.find(key).count().get_result(conn)?;
    if existing > 0 {
        diesel::update(shared_records::table.find(key))
            .set((
                shared_records::recorded_at.eq(recorded_at),
                shared_records::payload.eq(&record.payload),
                shared_records::received_at.eq(now),
            ))
            .execute(conn)?;
    } else {
        diesel::insert_into(shared_records::table)
            .values((
                shared_records::young_person_id.eq(key.0),
                shared_records::kind.eq(key.1),
                shared_records::id.eq(key.2),
                shared_records::recorded_at.eq(recorded_at),
                shared_records::payload.eq(&record.payload),
                shared_records::received_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(Upserted::Stored)
}

pub fn delete(
    conn: &mut AnyConnection,
    young_person: &UserId,
    kind: RecordKind,
    id: &RecordId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(shared_records::table.find((young_person.as_str(), kind.as_str(), id.as_str())))
        .execute(conn)?;
    tombstones::record(conn, young_person, kind, id, now)
}

/// A young person's records of one kind, newest first.
pub fn list(
    conn: &mut AnyConnection,
    young_person: &UserId,
    kind: RecordKind,
) -> QueryResult<Vec<SharedRecordRow>> {
    shared_records::table
        .filter(shared_records::young_person_id.eq(young_person.as_str()))
        .filter(shared_records::kind.eq(kind.as_str()))
        .order(shared_records::recorded_at.desc())
        .select(SharedRecordRow::as_select())
        .load(conn)
}

pub fn count(conn: &mut AnyConnection, young_person: &UserId) -> QueryResult<i64> {
    shared_records::table
        .filter(shared_records::young_person_id.eq(young_person.as_str()))
        .count()
        .get_result(conn)
}

/// Every record of every kind a young person shares, oldest first.
pub fn list_all(
    conn: &mut AnyConnection,
    young_person: &UserId,
) -> QueryResult<Vec<SharedRecordRow>> {
    shared_records::table
        .filter(shared_records::young_person_id.eq(young_person.as_str()))
        .order((
            shared_records::kind.asc(),
            shared_records::recorded_at.asc(),
        ))
        .select(SharedRecordRow::as_select())
        .load(conn)
}
