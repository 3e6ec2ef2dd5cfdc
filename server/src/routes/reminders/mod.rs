//! Daily check-in reminders, for a device with or without an account. The
//! device registers its push subscription with a time and zone and gets an
//! id and a secret (shown once, stored hashed) that let it change or delete
//! the reminder; a wrong secret is answered like a missing reminder. Sent
//! with a sign-in, the subscription (and so the reminder) is the caller's:
//! their quiet hours apply and erasing their account removes it.

mod change_reminder;
mod create_reminder;
mod delete_reminder;
mod when;

use super::endpoint::{Endpoint, IpLimit};
use actix_web::web;

/// The header that carries a reminder's secret.
pub const SECRET_HEADER: &str = "lantern-reminder-secret";

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::post("/reminders", "create_reminder", || {
            web::post().to(create_reminder::create_reminder)
        })
        .summary("Ask for a daily check-in reminder on this device, with or without a sign-in; the same subscription again replaces its reminder. Answers the secret once.")
        .body("{subscription: PushSubscription.toJSON(), time: \"HH:MM\", time_zone, allow_night?}")
        .anyone()
        .ip_limit(IpLimit::Reminders)
        .created(),
        Endpoint::put("/reminders/{id}", "change_reminder", || {
            web::put().to(change_reminder::change_reminder)
        })
        .summary("Change a reminder's time or zone, with its secret in the Lantern-Reminder-Secret header; a wrong secret is a 404.")
        .body("{time: \"HH:MM\", time_zone, allow_night?}")
        .anyone()
        .ip_limit(IpLimit::Reminders),
        Endpoint::delete("/reminders/{id}", "delete_reminder", || {
            web::delete().to(delete_reminder::delete_reminder)
        })
        .summary("Stop a reminder, with its secret in the Lantern-Reminder-Secret header; a wrong secret is a 404.")
        .anyone()
        .ip_limit(IpLimit::Reminders)
        .no_content(),
    ]
}
