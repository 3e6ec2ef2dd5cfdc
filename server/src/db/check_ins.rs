//! Shared check-ins as stored on the server: only what the young person's
//! consent let leave their device.

use chrono::{FixedOffset, NaiveDateTime, TimeZone};
use diesel::prelude::*;
use lantern_core::sync::RecordKind;
use lantern_core::{FeelingEntry, RecordId, SharedCheckIn};

use super::AnyConnection;
use super::ids::UserId;
use super::schema::check_ins;
use super::tombstones;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = check_ins)]
pub struct CheckInRow {
    pub young_person_id: String,
    pub id: String,
    pub recorded_at: NaiveDateTime,
    pub utc_offset_minutes: i32,
    pub mood: i32,
    pub feelings: Option<String>,
    pub note: Option<String>,
    pub received_at: NaiveDateTime,
    pub contexts: Option<String>,
    pub sleep: Option<String>,
}

pub use super::tombstones::Upserted;

impl CheckInRow {
    fn from_shared(
        young_person: &UserId,
        check_in: &SharedCheckIn,
        now: NaiveDateTime,
    ) -> QueryResult<Self> {
        let feelings = to_json(check_in.feelings.as_ref())?;
        Ok(CheckInRow {
            young_person_id: young_person.to_string(),
            id: check_in.id.to_string(),
            recorded_at: check_in.recorded_at.naive_utc(),
            utc_offset_minutes: check_in.recorded_at.offset().local_minus_utc() / 60,
            mood: i32::from(check_in.mood),
            feelings,
            note: check_in.note.clone(),
            received_at: now,
            contexts: to_json(check_in.contexts.as_ref())?,
            sleep: to_json(check_in.sleep.as_ref())?,
        })
    }

    /// Back to the core's type. Rows are only written from validated
    /// check-ins, so a failure here means the database was edited by hand.
    pub fn to_shared(&self) -> Result<SharedCheckIn, String> {
        let id = RecordId::parse(&self.id).ok_or("stored check-in id is malformed")?;
        let offset = FixedOffset::east_opt(self.utc_offset_minutes * 60)
            .ok_or("stored UTC offset is out of range")?;
        let feelings = match &self.feelings {
            Some(json) => {
                Some(serde_json::from_str::<Vec<FeelingEntry>>(json).map_err(|e| e.to_string())?)
            }
            None => None,
        };
        Ok(SharedCheckIn {
            id,
            recorded_at: offset.from_utc_datetime(&self.recorded_at),
            mood: u8::try_from(self.mood).map_err(|e| e.to_string())?,
            feelings,
            contexts: from_json(self.contexts.as_deref())?,
            sleep: from_json(self.sleep.as_deref())?,
            note: self.note.clone(),
        })
    }
}

fn to_json<T: serde::Serialize>(value: Option<&T>) -> QueryResult<Option<String>> {
    value
        .map(|value| {
            serde_json::to_string(value)
                .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
        })
        .transpose()
}

fn from_json<T: serde::de::DeserializeOwned>(json: Option<&str>) -> Result<Option<T>, String> {
    json.map(|json| serde_json::from_str(json).map_err(|e| e.to_string()))
        .transpose()
}

/// Stores or replaces a check-in; idempotent by (young person, id).
pub fn upsert(
    conn: &mut AnyConnection,
    young_person: &UserId,
    check_in: &SharedCheckIn,
    now: NaiveDateTime,
) -> QueryResult<Upserted> {
    let key = (young_person.as_str(), check_in.id.as_str());
    if tombstones::exists(conn, young_person, RecordKind::CheckIn, &check_in.id)? {
        return Ok(Upserted::AlreadyDeleted);
    }
    let row = CheckInRow::from_shared(young_person, check_in, now)?;
    let existing: i64 = check_ins::table.find(key).count().get_result(conn)?;
    if existing > 0 {
        diesel::update(check_ins::table.find(key))
            .set(&row)
            .execute(conn)?;
    } else {
        diesel::insert_into(check_ins::table)
            .values(&row)
            .execute(conn)?;
    }
    Ok(Upserted::Stored)
}

/// Forgets a check-in and remembers only that it was deleted.
pub fn delete(
    conn: &mut AnyConnection,
    young_person: &UserId,
    id: &RecordId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(check_ins::table.find((young_person.as_str(), id.as_str()))).execute(conn)?;
    tombstones::record(conn, young_person, RecordKind::CheckIn, id, now)
}

/// A young person's shared check-ins, newest first.
pub fn list(conn: &mut AnyConnection, young_person: &UserId) -> QueryResult<Vec<CheckInRow>> {
    check_ins::table
        .filter(check_ins::young_person_id.eq(young_person.as_str()))
        .order(check_ins::recorded_at.desc())
        .select(CheckInRow::as_select())
        .load(conn)
}

/// One page of check-ins, newest first: within `from..to` when given, and
/// strictly older than the `after` cursor (the last row of the previous page).
pub struct PageQuery {
    pub from: Option<NaiveDateTime>,
    pub to: Option<NaiveDateTime>,
    pub after: Option<(NaiveDateTime, String)>,
    pub limit: i64,
}

pub fn list_page(
    conn: &mut AnyConnection,
    young_person: &UserId,
    page: &PageQuery,
) -> QueryResult<Vec<CheckInRow>> {
    let mut query = check_ins::table
        .filter(check_ins::young_person_id.eq(young_person.as_str()))
        .into_boxed();
    if let Some(from) = page.from {
        query = query.filter(check_ins::recorded_at.ge(from));
    }
    if let Some(to) = page.to {
        query = query.filter(check_ins::recorded_at.lt(to));
    }
    if let Some((at, id)) = &page.after {
        query = query.filter(
            check_ins::recorded_at.lt(*at).or(check_ins::recorded_at
                .eq(*at)
                .and(check_ins::id.lt(id.clone()))),
        );
    }
    query
        .order((check_ins::recorded_at.desc(), check_ins::id.desc()))
        .limit(page.limit)
        .select(CheckInRow::as_select())
        .load(conn)
}

pub fn latest_recorded_at(
    conn: &mut AnyConnection,
    young_person: &UserId,
) -> QueryResult<Option<NaiveDateTime>> {
    check_ins::table
        .filter(check_ins::young_person_id.eq(young_person.as_str()))
        .select(diesel::dsl::max(check_ins::recorded_at))
        .first(conn)
}

pub fn count(conn: &mut AnyConnection, young_person: &UserId) -> QueryResult<i64> {
    check_ins::table
        .filter(check_ins::young_person_id.eq(young_person.as_str()))
        .count()
        .get_result(conn)
}
