//! Sending one tip to one parent: the delivery row their tips inbox lists,
//! and, in the same transaction, the notification and its pushes.

use chrono::NaiveDateTime;
use diesel::QueryResult;

use crate::db::AnyConnection;
use crate::db::ids::UserId;
use crate::db::tip_deliveries::{self, NewDelivery, Source};
use crate::notify::{Kind, Notice, notify};

/// Records and announces a tip; returns the delivery's id. A tip that
/// comes with a young person's nudge is a `ParentNudge` (it does not wait
/// for quiet hours: they asked for it now); any other is a `ParentTip`.
pub fn deliver(
    conn: &mut AnyConnection,
    delivery: NewDelivery<'_>,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let kind = match delivery.source {
        Source::Nudge => Kind::ParentNudge,
        Source::Schedule | Source::Worker => Kind::ParentTip,
    };
    let recipient: UserId = delivery.parent.clone();
    let id = tip_deliveries::insert(conn, delivery, now)?;
    notify(
        conn,
        Notice {
            recipient: &recipient,
            kind,
            subject_id: &id,
            at: now,
        },
        now,
    )?;
    Ok(id)
}
