//! Daily check-in reminders: each due one is queued as one push, once per
//! local day, on time or not at all. A reminder is claimed by moving its
//! due time on to its next occurrence with a conditional update, in the
//! same transaction as its push, so several instances (or a run that
//! overlaps the last) queue it once. After an outage, a reminder more than
//! its push lifetime late is skipped, not sent: a burst of missed
//! reminders is the complaint, not the feature.

use chrono::{Duration, NaiveDateTime};
use diesel::QueryResult;

use crate::db::ids::UserId;
use crate::db::push_outbox::{self, NewPush};
use crate::db::reminders::{self, Reminder};
use crate::db::{AnyConnection, notification_settings, write};
use crate::notify::daily::Daily;
use crate::notify::{Kind, payload_json};

/// How many due reminders one query fetches.
const BATCH: i64 = 500;

/// The latest a reminder is still worth sending: no later than a push
/// service would keep it.
pub fn late_limit() -> Duration {
    Duration::seconds(Kind::Reminder.ttl_seconds().into())
}

/// Queues every reminder due at `now`; returns how many pushes this call
/// queued.
pub fn queue_due(conn: &mut AnyConnection, now: NaiveDateTime) -> QueryResult<usize> {
    let mut queued = 0;
    loop {
        let due = reminders::due(conn, now, BATCH)?;
        let more = i64::try_from(due.len()).is_ok_and(|n| n == BATCH);
        for (reminder, owner) in due {
            if write(conn, |conn| queue_one(conn, &reminder, owner, now))? {
                queued += 1;
            }
        }
        // Every row fetched was moved past `now`, by this run or another,
        // so the next fetch only finds ones not seen yet.
        if !more {
            return Ok(queued);
        }
    }
}

/// Claims one reminder and queues its push; false when another run had
/// claimed it, or it is skipped (too late, or in its owner's quiet hours).
fn queue_one(
    conn: &mut AnyConnection,
    reminder: &Reminder,
    owner: Option<String>,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let due = reminder.next_due_at;
    let daily = Daily::parse(&reminder.local_time, &reminder.time_zone);
    // Rows hold only checked values; an unreadable one still moves on.
    let next = daily.map_or(now + Duration::days(1), |d| d.next_after(now));
    if !reminders::claim(conn, &reminder.id, due, next)? {
        return Ok(false);
    }
    let Some(daily) = daily else {
        return Ok(false);
    };
    // After an outage the row still says an old day: today's occurrence,
    // if it has come, is the one that may still be on time.
    let occurrence = daily.last_at_or_before(now).max(due);
    if now - occurrence > late_limit() {
        return Ok(false);
    }
    if let Some(owner) = owner {
        // Someone signed in may have made this time quiet since choosing it.
        let schedule = notification_settings::schedule_of(conn, &UserId(owner))?;
        if schedule.next_allowed(occurrence) != occurrence {
            return Ok(false);
        }
    }
    // One id per reminder per local day: a push that arrives twice shows once.
    let id = format!("{}:{}", reminder.id, daily.local_day(occurrence));
    push_outbox::enqueue(
        conn,
        NewPush {
            subscription_id: &reminder.subscription_id,
            notification_id: None,
            kind: Kind::Reminder,
            payload: &payload_json(Kind::Reminder, &id),
            // Its own time, so it expires a push lifetime after it was due.
            due_at: occurrence,
        },
        now,
    )?;
    Ok(true)
}
