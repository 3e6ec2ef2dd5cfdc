//! Daily check-in reminders, one per device (push subscription). A row
//! holds the subscription, the chosen time and zone, the hash of the
//! device's secret and when it is next due; whose it is, if anyone's, is
//! the subscription's owner. The job claims a due row by moving its due
//! time on with a conditional update, so one occurrence is queued once
//! however many instances run.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::UserId;
use super::schema::{push_outbox, push_subscriptions, reminders};
use crate::notify::Kind;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reminders)]
pub struct Reminder {
    pub id: String,
    pub subscription_id: String,
    pub local_time: String,
    pub time_zone: String,
    pub next_due_at: NaiveDateTime,
}

pub struct NewReminder<'a> {
    pub id: &'a str,
    pub subscription_id: &'a str,
    pub secret_hash: &'a str,
    pub local_time: &'a str,
    pub time_zone: &'a str,
    pub next_due_at: NaiveDateTime,
}

/// Stores a device's reminder, replacing the one it had.
pub fn replace(conn: &mut AnyConnection, new: NewReminder<'_>) -> QueryResult<()> {
    diesel::delete(reminders::table.filter(reminders::subscription_id.eq(new.subscription_id)))
        .execute(conn)?;
    diesel::insert_into(reminders::table)
        .values((
            reminders::id.eq(new.id),
            reminders::subscription_id.eq(new.subscription_id),
            reminders::secret_hash.eq(new.secret_hash),
            reminders::local_time.eq(new.local_time),
            reminders::time_zone.eq(new.time_zone),
            reminders::next_due_at.eq(new.next_due_at),
        ))
        .execute(conn)
        .map(drop)
}

/// The reminder with this id and secret, with its subscription's owner;
/// None when either is wrong (the caller cannot tell which).
pub fn find_with_secret(
    conn: &mut AnyConnection,
    id: &str,
    secret_hash: &str,
) -> QueryResult<Option<(Reminder, Option<String>)>> {
    reminders::table
        .inner_join(push_subscriptions::table)
        .filter(reminders::id.eq(id))
        .filter(reminders::secret_hash.eq(secret_hash))
        .select((Reminder::as_select(), push_subscriptions::user_id))
        .first(conn)
        .optional()
}

pub fn reschedule(
    conn: &mut AnyConnection,
    id: &str,
    local_time: &str,
    time_zone: &str,
    next_due_at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(reminders::table.find(id))
        .set((
            reminders::local_time.eq(local_time),
            reminders::time_zone.eq(time_zone),
            reminders::next_due_at.eq(next_due_at),
        ))
        .execute(conn)
}

/// Deletes a reminder and its pushes still queued; with `and_device`, the
/// subscription too (which takes the reminder and every queued push).
pub fn delete(conn: &mut AnyConnection, reminder: &Reminder, and_device: bool) -> QueryResult<()> {
    if and_device {
        return super::push_subscriptions::delete(conn, &reminder.subscription_id).map(drop);
    }
    diesel::delete(
        push_outbox::table
            .filter(push_outbox::subscription_id.eq(&reminder.subscription_id))
            .filter(push_outbox::kind.eq(Kind::Reminder.as_str())),
    )
    .execute(conn)?;
    diesel::delete(reminders::table.find(&reminder.id))
        .execute(conn)
        .map(drop)
}

/// Reminders due at `now`, oldest first, with their subscription's owner.
pub fn due(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<(Reminder, Option<String>)>> {
    reminders::table
        .inner_join(push_subscriptions::table)
        .filter(reminders::next_due_at.le(now))
        .order(reminders::next_due_at)
        .limit(limit)
        .select((Reminder::as_select(), push_subscriptions::user_id))
        .load(conn)
}

/// Moves a reminder from `was` to `next`; false when another run (or a
/// change by the device) moved it first.
pub fn claim(
    conn: &mut AnyConnection,
    id: &str,
    was: NaiveDateTime,
    next: NaiveDateTime,
) -> QueryResult<bool> {
    let moved = diesel::update(
        reminders::table
            .find(id)
            .filter(reminders::next_due_at.eq(was)),
    )
    .set(reminders::next_due_at.eq(next))
    .execute(conn)?;
    Ok(moved == 1)
}

/// The reminders on a person's browsers, for their export.
pub fn of_user(conn: &mut AnyConnection, user: &UserId) -> QueryResult<Vec<Reminder>> {
    reminders::table
        .inner_join(push_subscriptions::table)
        .filter(push_subscriptions::user_id.eq(user.as_str()))
        .order(reminders::id)
        .select(Reminder::as_select())
        .load(conn)
}
