//! The in-app inbox every notification lands in, and when each person may
//! be disturbed.

mod get_settings;
mod list_notifications;
mod mark_read;
mod put_settings;

pub use put_settings::SettingsBody;

use super::endpoint::{Endpoint, Param, param};
use actix_web::web;

pub fn endpoints() -> Vec<Endpoint> {
    const LIMIT: &[Param] = &[param(
        "limit",
        "integer",
        "at most this many, newest first (default 50, at most 200)",
    )];
    vec![
        Endpoint::get("/me/notifications", "list_notifications", || {
            web::get().to(list_notifications::list_notifications)
        })
        .summary(
            "The caller's inbox: what they have been told, newest first, with the unread count.",
        )
        .query(LIMIT),
        Endpoint::post(
            "/me/notifications/{id}/read",
            "mark_notification_read",
            || web::post().to(mark_read::mark_read),
        )
        .summary("Mark one of the caller's notifications read.")
        .no_content(),
        Endpoint::get(
            "/me/notification-settings",
            "get_notification_settings",
            || web::get().to(get_settings::get_settings),
        )
        .summary(
            "The caller's time zone and quiet hours (the defaults for their role if never set).",
        ),
        Endpoint::put(
            "/me/notification-settings",
            "put_notification_settings",
            || web::put().to(put_settings::put_settings),
        )
        .summary("Set the caller's time zone and quiet hours; null quiet hours turns them off.")
        .body("{time_zone, quiet_hours: {start: \"HH:MM\", end: \"HH:MM\"} | null}"),
    ]
}
