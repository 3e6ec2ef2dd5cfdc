//! Each parent's tip preferences, and the "next due" time the scheduler
//! claims parents by.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::UserId;
use super::schema::{parent_tip_preferences, users};
use super::users::Role;
use crate::parents::preferences::{Preferences, weekday_name};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = parent_tip_preferences)]
pub struct Row {
    pub parent_id: String,
    pub topics: String,
    pub weekday: String,
    pub local_time: String,
    pub frequency: String,
    pub next_due_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

impl Row {
    pub fn preferences(&self) -> Preferences {
        Preferences::from_stored(
            &self.topics,
            &self.weekday,
            &self.local_time,
            &self.frequency,
        )
    }
}

pub fn get(conn: &mut AnyConnection, parent: &UserId) -> QueryResult<Option<Row>> {
    parent_tip_preferences::table
        .find(parent.as_str())
        .select(Row::as_select())
        .first(conn)
        .optional()
}

/// Saves a parent's preferences with when the next tip is due.
pub fn save(
    conn: &mut AnyConnection,
    parent: &UserId,
    preferences: &Preferences,
    next_due_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(parent_tip_preferences::table.find(parent.as_str())).execute(conn)?;
    diesel::insert_into(parent_tip_preferences::table)
        .values((
            parent_tip_preferences::parent_id.eq(parent.as_str()),
            parent_tip_preferences::topics.eq(preferences.topics_text()),
            parent_tip_preferences::weekday.eq(weekday_name(preferences.weekday)),
            parent_tip_preferences::local_time.eq(preferences.time.format("%H:%M").to_string()),
            parent_tip_preferences::frequency.eq(preferences.frequency.as_str()),
            parent_tip_preferences::next_due_at.eq(next_due_at),
            parent_tip_preferences::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// Active parents whose next tip is due at `now`, earliest first, with the
/// due time each was seen with (the claim compares against it).
pub fn due(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<(String, NaiveDateTime)>> {
    let rows: Vec<(String, Option<NaiveDateTime>)> = parent_tip_preferences::table
        .inner_join(users::table.on(users::id.eq(parent_tip_preferences::parent_id)))
        .filter(parent_tip_preferences::next_due_at.le(now))
        .filter(users::role.eq(Role::Parent.as_str()))
        .filter(users::disabled_at.is_null())
        .order(parent_tip_preferences::next_due_at.asc())
        .limit(limit)
        .select((
            parent_tip_preferences::parent_id,
            parent_tip_preferences::next_due_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(parent, due)| Some((parent, due?)))
        .collect())
}

/// Moves a parent's next due time from `seen` to `next`; false when
/// another instance moved it first (so it, not this one, sends the tip).
pub fn claim(
    conn: &mut AnyConnection,
    parent: &UserId,
    seen: NaiveDateTime,
    next: Option<NaiveDateTime>,
) -> QueryResult<bool> {
    let changed = diesel::update(
        parent_tip_preferences::table
            .find(parent.as_str())
            .filter(parent_tip_preferences::next_due_at.eq(seen)),
    )
    .set(parent_tip_preferences::next_due_at.eq(next))
    .execute(conn)?;
    Ok(changed == 1)
}

pub fn delete_for(conn: &mut AnyConnection, parent: &UserId) -> QueryResult<usize> {
    diesel::delete(parent_tip_preferences::table.find(parent.as_str())).execute(conn)
}
