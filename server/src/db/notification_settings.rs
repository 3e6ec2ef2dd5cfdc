//! Each person's time zone and quiet hours, as they chose them; without a
//! row the defaults for their role apply.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::UserId;
use super::schema::{notification_settings, users};
use super::users::Role;
use crate::notify::schedule::{QuietHours, Schedule, parse_clock_time, parse_time_zone};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = notification_settings)]
struct Row {
    time_zone: String,
    quiet_start: Option<String>,
    quiet_end: Option<String>,
}

/// The schedule that applies to a person now.
pub fn schedule_of(conn: &mut AnyConnection, user: &UserId) -> QueryResult<Schedule> {
    let row: Option<Row> = notification_settings::table
        .find(user.as_str())
        .select(Row::as_select())
        .first(conn)
        .optional()?;
    if let Some(row) = row {
        return Ok(from_row(&row));
    }
    let role: Option<String> = users::table
        .find(user.as_str())
        .select(users::role)
        .first(conn)
        .optional()?;
    let role = role
        .as_deref()
        .and_then(Role::parse)
        .unwrap_or(Role::YoungPerson);
    Ok(Schedule::default_for(role))
}

/// Rows hold only values the route checked; anything unreadable falls
/// back to the safer default of quiet nights in London.
fn from_row(row: &Row) -> Schedule {
    let fallback = Schedule::default_for(Role::YoungPerson);
    let time_zone = parse_time_zone(&row.time_zone).unwrap_or(fallback.time_zone);
    let quiet = match (&row.quiet_start, &row.quiet_end) {
        (Some(start), Some(end)) => match (parse_clock_time(start), parse_clock_time(end)) {
            (Some(start), Some(end)) => Some(QuietHours { start, end }),
            _ => fallback.quiet,
        },
        _ => None,
    };
    Schedule { time_zone, quiet }
}

pub fn save(
    conn: &mut AnyConnection,
    user: &UserId,
    schedule: &Schedule,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let time_zone = schedule.time_zone.name().to_owned();
    let start = schedule.quiet.map(|q| q.start.format("%H:%M").to_string());
    let end = schedule.quiet.map(|q| q.end.format("%H:%M").to_string());
    diesel::delete(notification_settings::table.find(user.as_str())).execute(conn)?;
    diesel::insert_into(notification_settings::table)
        .values((
            notification_settings::user_id.eq(user.as_str()),
            notification_settings::time_zone.eq(time_zone),
            notification_settings::quiet_start.eq(start),
            notification_settings::quiet_end.eq(end),
            notification_settings::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

pub fn delete_for(conn: &mut AnyConnection, user: &UserId) -> QueryResult<usize> {
    diesel::delete(notification_settings::table.find(user.as_str())).execute(conn)
}
