//! Sends each parent whose tip is due one tip they have not had before,
//! from their topics and for their children's ages, then moves their next
//! due time on in their own time zone.

use chrono::NaiveDateTime;
use diesel::QueryResult;

use crate::db::ids::UserId;
use crate::db::tip_deliveries::{self, NewDelivery, Source};
use crate::db::{AnyConnection, notification_settings, tip_preferences, write};
use crate::parents::children_bands;
use crate::parents::choose::next_tip;
use crate::parents::deliver::deliver;
use crate::tips::{self, TipCatalogue};

/// Parents claimed per query; the job loops until none are due.
const BATCH: i64 = 500;

/// Sends every due tip; returns how many this call sent. Safe on several
/// instances at once: a parent is claimed by moving their next due time
/// with a conditional update, in the transaction that sends the tip, so
/// only one instance sends it.
pub fn send_due_tips(conn: &mut AnyConnection, now: NaiveDateTime) -> QueryResult<usize> {
    let catalogue = match tips::catalogue() {
        Ok(catalogue) => catalogue,
        Err(error) => {
            tracing::error!(%error, "the parent tips catalogue does not load; no tips sent");
            return Ok(0);
        }
    };
    let mut sent = 0;
    loop {
        let due = tip_preferences::due(conn, now, BATCH)?;
        for (parent, seen) in &due {
            if send_one(conn, catalogue, &UserId(parent.clone()), *seen, now)? {
                sent += 1;
            }
        }
        // Every parent seen has moved on (claimed here or elsewhere), so
        // the next query finds only ones not yet looked at.
        if due.len() < BATCH as usize {
            return Ok(sent);
        }
    }
}

fn send_one(
    conn: &mut AnyConnection,
    catalogue: &TipCatalogue,
    parent: &UserId,
    seen: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    write(conn, |conn| {
        let Some(row) = tip_preferences::get(conn, parent)? else {
            return Ok(false);
        };
        let preferences = row.preferences();
        let zone = notification_settings::schedule_of(conn, parent)?.time_zone;
        let next = preferences.next_due(zone, now);
        if !tip_preferences::claim(conn, parent, seen, next)? {
            return Ok(false);
        }
        let bands = children_bands(conn, parent)?;
        let history = tip_deliveries::history(conn, parent)?;
        let Some(tip) = next_tip(catalogue, &preferences.topics, &bands, &history) else {
            return Ok(false);
        };
        deliver(
            conn,
            NewDelivery {
                parent,
                tip_id: &tip.id,
                source: Source::Schedule,
                sent_by: None,
                nudge_id: None,
            },
            now,
        )?;
        Ok(true)
    })
}
