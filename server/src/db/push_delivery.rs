//! What the sender does to the outbox: claim due pushes for a lease, then
//! settle each one (delete it, or put it back for later). A claim sets
//! `claimed_until` and bumps `attempts`, so a crashed sender's rows come
//! back when the lease ends, and `attempts` tells one claim from the next.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Timestamp};

use super::schema::{push_outbox, push_subscriptions};
use super::{AnyConnection, write};

/// A claimed outbox row.
#[derive(Debug, Clone, Queryable, Selectable, QueryableByName)]
#[diesel(table_name = push_outbox)]
pub struct OutboxRow {
    pub id: String,
    pub subscription_id: String,
    pub kind: String,
    pub payload: String,
    pub ttl_seconds: i32,
    pub urgency: String,
    pub topic: Option<String>,
    pub expires_at: NaiveDateTime,
    /// Counting this claim.
    pub attempts: i32,
}

/// Where a claimed push goes.
#[derive(Debug, Clone, Queryable)]
pub struct Destination {
    pub subscription_id: String,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

/// Claims up to `limit` pushes due at `now` that nobody holds, until
/// `lease_until`, oldest due first. Safe with several senders at once:
/// PostgreSQL skips rows another sender is claiming; SQLite claims under
/// its write lock.
pub fn claim_due(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> QueryResult<(Vec<OutboxRow>, Vec<Destination>)> {
    let rows = if let AnyConnection::Postgresql(pg) = conn {
        diesel::sql_query(
            "UPDATE push_outbox SET claimed_until = $1, attempts = attempts + 1
             WHERE id IN (
                 SELECT id FROM push_outbox
                 WHERE due_at <= $2 AND (claimed_until IS NULL OR claimed_until <= $2)
                 ORDER BY due_at
                 LIMIT $3
                 FOR UPDATE SKIP LOCKED)
             RETURNING id, subscription_id, kind, payload, ttl_seconds, urgency, topic,
                       expires_at, attempts",
        )
        .bind::<Timestamp, _>(lease_until)
        .bind::<Timestamp, _>(now)
        .bind::<BigInt, _>(limit)
        .load::<OutboxRow>(pg)?
    } else {
        write(conn, |conn| {
            let ids: Vec<String> = push_outbox::table
                .filter(push_outbox::due_at.le(now))
                .filter(
                    push_outbox::claimed_until
                        .is_null()
                        .or(push_outbox::claimed_until.le(now)),
                )
                .order(push_outbox::due_at)
                .limit(limit)
                .select(push_outbox::id)
                .load(conn)?;
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            diesel::update(push_outbox::table.filter(push_outbox::id.eq_any(&ids)))
                .set((
                    push_outbox::claimed_until.eq(lease_until),
                    push_outbox::attempts.eq(push_outbox::attempts + 1),
                ))
                .execute(conn)?;
            push_outbox::table
                .filter(push_outbox::id.eq_any(&ids))
                .select(OutboxRow::as_select())
                .load(conn)
        })?
    };
    if rows.is_empty() {
        return Ok((rows, Vec::new()));
    }
    let mut subscription_ids: Vec<&str> = rows.iter().map(|r| r.subscription_id.as_str()).collect();
    subscription_ids.sort_unstable();
    subscription_ids.dedup();
    let destinations = push_subscriptions::table
        .filter(push_subscriptions::id.eq_any(&subscription_ids))
        .select((
            push_subscriptions::id,
            push_subscriptions::endpoint,
            push_subscriptions::p256dh,
            push_subscriptions::auth,
        ))
        .load(conn)?;
    Ok((rows, destinations))
}

/// A push that is done with: sent, refused for good, or expired.
pub fn delete(conn: &mut AnyConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(push_outbox::table.find(id)).execute(conn)
}

/// Puts a push back to be tried at `due_at`, unless it has been claimed
/// again since (`attempts` moved on). `error` is a status or a cause,
/// never anything personal.
pub fn reschedule(
    conn: &mut AnyConnection,
    row: &OutboxRow,
    due_at: NaiveDateTime,
    error: &str,
) -> QueryResult<usize> {
    diesel::update(
        push_outbox::table
            .find(&row.id)
            .filter(push_outbox::attempts.eq(row.attempts)),
    )
    .set((
        push_outbox::due_at.eq(due_at),
        push_outbox::claimed_until.eq(None::<NaiveDateTime>),
        push_outbox::last_error.eq(error),
    ))
    .execute(conn)
}

/// When the longest-waiting due push became due, if any is due.
pub fn oldest_due(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
) -> QueryResult<Option<NaiveDateTime>> {
    push_outbox::table
        .filter(push_outbox::due_at.le(now))
        .select(diesel::dsl::min(push_outbox::due_at))
        .first(conn)
}
