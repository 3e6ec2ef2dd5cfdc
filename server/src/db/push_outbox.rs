//! The durable outbox of pushes. Rows are written in the same transaction
//! as their cause, so a push is never lost to a crash between the two;
//! the sender (`notify::sender`) claims, sends and deletes them.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::new_row_id;
use super::schema::push_outbox;
use crate::notify::kind::Kind;

/// One push to one subscription.
pub struct NewPush<'a> {
    pub subscription_id: &'a str,
    /// The inbox row it announces; None for an anonymous reminder.
    pub notification_id: Option<&'a str>,
    pub kind: Kind,
    /// The JSON the device decrypts: kind, id and a neutral title only.
    pub payload: &'a str,
    /// When to send; quiet hours are already applied.
    pub due_at: NaiveDateTime,
}

pub fn enqueue(
    conn: &mut AnyConnection,
    new: NewPush<'_>,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let id = new_row_id();
    let ttl = new.kind.ttl_seconds();
    diesel::insert_into(push_outbox::table)
        .values((
            push_outbox::id.eq(&id),
            push_outbox::subscription_id.eq(new.subscription_id),
            push_outbox::notification_id.eq(new.notification_id),
            push_outbox::kind.eq(new.kind.as_str()),
            push_outbox::payload.eq(new.payload),
            push_outbox::ttl_seconds.eq(ttl),
            push_outbox::urgency.eq(new.kind.urgency().as_str()),
            push_outbox::topic.eq(new.kind.topic()),
            push_outbox::due_at.eq(new.due_at),
            // Past its TTL a push is useless to the push service too.
            push_outbox::expires_at.eq(new.due_at + Duration::seconds(ttl.into())),
            push_outbox::attempts.eq(0),
            push_outbox::created_at.eq(now),
        ))
        .execute(conn)?;
    QUEUED.fetch_add(1, Ordering::Relaxed);
    Ok(id)
}

/// Pushes queued by this process (rows written, whether or not their
/// transaction then committed), for `lantern_push_total{outcome="queued"}`.
static QUEUED: AtomicU64 = AtomicU64::new(0);

pub fn queued_by_this_process() -> u64 {
    QUEUED.load(Ordering::Relaxed)
}

/// How many pushes wait to be sent (due or not).
pub fn depth(conn: &mut AnyConnection) -> QueryResult<i64> {
    push_outbox::table.count().get_result(conn)
}
