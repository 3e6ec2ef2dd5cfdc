//! THRIVE groupings as agreed between worker and young person; a new row
//! for every change, never an update.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use lantern_core::thrive::ThriveGrouping;

use super::AnyConnection;
use super::ids::{UserId, new_row_id};
use super::schema::thrive_groupings;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = thrive_groupings)]
pub struct ThriveRow {
    pub id: String,
    pub young_person_id: String,
    pub grouping: String,
    pub reason: String,
    pub recorded_by: String,
    pub recorded_at: NaiveDateTime,
}

impl ThriveRow {
    /// Rows are written only from a parsed grouping.
    pub fn grouping(&self) -> Option<ThriveGrouping> {
        ThriveGrouping::parse(&self.grouping)
    }
}

pub fn record(
    conn: &mut AnyConnection,
    young_person: &UserId,
    grouping: ThriveGrouping,
    reason: &str,
    by: &UserId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(thrive_groupings::table)
        .values((
            thrive_groupings::id.eq(new_row_id()),
            thrive_groupings::young_person_id.eq(young_person.as_str()),
            thrive_groupings::grouping.eq(grouping.as_str()),
            thrive_groupings::reason.eq(reason),
            thrive_groupings::recorded_by.eq(by.as_str()),
            thrive_groupings::recorded_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Every grouping recorded for a young person, newest first.
pub fn history(conn: &mut AnyConnection, young_person: &UserId) -> QueryResult<Vec<ThriveRow>> {
    thrive_groupings::table
        .filter(thrive_groupings::young_person_id.eq(young_person.as_str()))
        .order(thrive_groupings::recorded_at.desc())
        .select(ThriveRow::as_select())
        .load(conn)
}

pub fn current(
    conn: &mut AnyConnection,
    young_person: &UserId,
) -> QueryResult<Option<ThriveGrouping>> {
    Ok(history(conn, young_person)?
        .first()
        .and_then(ThriveRow::grouping))
}
