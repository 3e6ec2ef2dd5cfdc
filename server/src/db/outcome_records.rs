//! School outcome records: one row per young person per term. A new record
//! for a term replaces the old (last writer wins) and names who wrote it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::{UserId, new_row_id};
use super::schema::{outcome_records, users};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outcome_records)]
pub struct OutcomeRow {
    pub id: String,
    pub young_person_id: String,
    pub term: String,
    pub attendance_tenths: i32,
    pub fixed_term_exclusions: i32,
    pub fixed_term_exclusion_day_tenths: i32,
    pub permanent_exclusion: bool,
    pub part_time_timetable: bool,
    pub recorded_by: String,
    pub recorded_at: NaiveDateTime,
}

/// What a worker records for one term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub attendance_tenths: i32,
    pub exclusions: i32,
    pub exclusion_day_tenths: i32,
    pub permanent_exclusion: bool,
    pub part_time_timetable: bool,
}

/// Writes the term's record, replacing any earlier one.
pub fn upsert(
    conn: &mut AnyConnection,
    young_person: &UserId,
    term: &str,
    outcome: Outcome,
    by: &UserId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let values = (
        outcome_records::attendance_tenths.eq(outcome.attendance_tenths),
        outcome_records::fixed_term_exclusions.eq(outcome.exclusions),
        outcome_records::fixed_term_exclusion_day_tenths.eq(outcome.exclusion_day_tenths),
        outcome_records::permanent_exclusion.eq(outcome.permanent_exclusion),
        outcome_records::part_time_timetable.eq(outcome.part_time_timetable),
        outcome_records::recorded_by.eq(by.as_str()),
        outcome_records::recorded_at.eq(now),
    );
    let updated = diesel::update(
        outcome_records::table
            .filter(outcome_records::young_person_id.eq(young_person.as_str()))
            .filter(outcome_records::term.eq(term)),
    )
    .set(values)
    .execute(conn)?;
    if updated == 0 {
        // Inside the write transaction, so no one else inserts in between.
        diesel::insert_into(outcome_records::table)
            .values((
                outcome_records::id.eq(new_row_id()),
                outcome_records::young_person_id.eq(young_person.as_str()),
                outcome_records::term.eq(term),
                values,
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// A young person's records with the display name of who wrote each, in no
/// particular order (terms sort by school year, not as text).
pub fn for_young_person(
    conn: &mut AnyConnection,
    young_person: &UserId,
) -> QueryResult<Vec<(OutcomeRow, String)>> {
    outcome_records::table
        .inner_join(users::table.on(users::id.eq(outcome_records::recorded_by)))
        .filter(outcome_records::young_person_id.eq(young_person.as_str()))
        .select((OutcomeRow::as_select(), users::display_name))
        .load(conn)
}

/// How many terms have a record for this young person.
pub fn terms_recorded(conn: &mut AnyConnection, young_person: &UserId) -> QueryResult<i64> {
    outcome_records::table
        .filter(outcome_records::young_person_id.eq(young_person.as_str()))
        .count()
        .get_result(conn)
}

pub fn delete_for(conn: &mut AnyConnection, young_person: &UserId) -> QueryResult<usize> {
    diesel::delete(
        outcome_records::table.filter(outcome_records::young_person_id.eq(young_person.as_str())),
    )
    .execute(conn)
}
