//! Telling people things. `notify` puts a notification in the recipient's
//! in-app inbox and, in the same transaction, one push per browser they
//! have subscribed into the durable outbox, due when their quiet hours
//! allow. The push carries a kind, the notification's id and a neutral
//! title — never a young person's data; the app fetches the rest after
//! sign-in.

pub mod daily;
pub mod kind;
pub mod schedule;
pub mod sender;
pub mod subscription;

use chrono::NaiveDateTime;
use diesel::QueryResult;

use crate::db::ids::{UserId, new_row_id};
use crate::db::notifications::{self, NewNotification};
use crate::db::push_outbox::{self, NewPush};
use crate::db::{AnyConnection, notification_settings, push_subscriptions};
pub use kind::Kind;

/// Something to tell one person.
pub struct Notice<'a> {
    pub recipient: &'a UserId,
    pub kind: Kind,
    /// The row it is about (a message, a tip sent, an alert).
    pub subject_id: &'a str,
    /// When it should appear: now, or a time a worker chose.
    pub at: NaiveDateTime,
}

/// Records the notification and queues its pushes; returns its id. Call
/// inside the transaction that writes its cause.
pub fn notify(
    conn: &mut AnyConnection,
    notice: Notice<'_>,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let id = new_row_id();
    let at = notice.at.max(now);
    notifications::insert(
        conn,
        NewNotification {
            id: &id,
            recipient: notice.recipient,
            kind: notice.kind.as_str(),
            subject_id: notice.subject_id,
            title: notice.kind.title(),
            visible_at: at,
        },
        now,
    )?;
    let subscriptions = push_subscriptions::ids_of(conn, notice.recipient)?;
    if subscriptions.is_empty() {
        return Ok(id);
    }
    let due_at = if notice.kind.waits_for_quiet_hours() {
        notification_settings::schedule_of(conn, notice.recipient)?.next_allowed(at)
    } else {
        at
    };
    let payload = payload_json(notice.kind, &id);
    for subscription_id in &subscriptions {
        push_outbox::enqueue(
            conn,
            NewPush {
                subscription_id,
                notification_id: Some(&id),
                kind: notice.kind,
                payload: &payload,
                due_at,
            },
            now,
        )?;
    }
    Ok(id)
}

/// When a push that must be tried again may go, given the back-off wanted
/// it at `wanted`: a retry keeps to its recipient's quiet hours as the first
/// try did. A subscription without an owner (an anonymous reminder) has
/// none: its time was the one asked for.
pub fn retry_due(
    conn: &mut AnyConnection,
    subscription_id: &str,
    kind: &str,
    wanted: NaiveDateTime,
) -> QueryResult<NaiveDateTime> {
    if Kind::parse(kind).is_some_and(|kind| !kind.waits_for_quiet_hours()) {
        return Ok(wanted);
    }
    match push_subscriptions::owner_of(conn, subscription_id)? {
        Some(owner) => Ok(notification_settings::schedule_of(conn, &owner)?.next_allowed(wanted)),
        None => Ok(wanted),
    }
}

/// The JSON a push carries: `{kind, id, title}`. Small and free of
/// personal data by construction: every field comes from us, not from
/// anyone's words. The id is also the notification's tag on the device,
/// so a push delivered twice shows once.
pub fn payload_json(kind: Kind, id: &str) -> String {
    // Built by hand rather than fallibly serialised: three fields, two of
    // them ours; the id is escaped like any JSON string.
    let id = serde_json::Value::from(id);
    format!(
        r#"{{"kind":"{}","id":{id},"title":"{}"}}"#,
        kind.as_str(),
        kind.title()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_are_small_and_carry_only_kind_id_and_title() {
        for kind in Kind::ALL {
            let json = payload_json(kind, "0b7c5a56-3c1e-4e43-9a8e-3d2f1f0e9a11");
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            let mut keys: Vec<&String> = value.as_object().unwrap().keys().collect();
            keys.sort();
            assert_eq!(keys, ["id", "kind", "title"]);
            // Far under the crate's 3,052-byte limit and the 2 KB we allow.
            assert!(json.len() < 200, "{json}");
        }
    }
}
