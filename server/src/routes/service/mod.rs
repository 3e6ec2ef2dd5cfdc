//! The caller's own service: settings its admins choose.

mod get_service_settings;
mod update_service_settings;

use super::endpoint::Endpoint;
use crate::db::users::Role;
use actix_web::web;
use serde::Serialize;

use crate::db::service_settings::ServiceSettings;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::get("/service/settings", "get_service_settings", || {
            web::get().to(get_service_settings::get_service_settings)
        })
        .summary("The service's duty contact, alert escalation time and retention period.")
        .roles(&[Role::Admin]),
        Endpoint::put("/service/settings", "update_service_settings", || {
            web::put().to(update_service_settings::update_service_settings)
        })
        .summary("Set the duty contact, alert escalation time and retention period.")
        .roles(&[Role::Admin])
        .body("{duty_contact_id, alert_escalation_minutes, retention_months}"),
    ]
}

#[derive(Serialize)]
struct SettingsView {
    duty_contact_id: Option<String>,
    alert_escalation_minutes: i32,
    retention_months: i32,
}

impl From<ServiceSettings> for SettingsView {
    fn from(settings: ServiceSettings) -> Self {
        SettingsView {
            duty_contact_id: settings.duty_contact_id,
            alert_escalation_minutes: settings.alert_escalation_minutes,
            retention_months: settings.retention_months,
        }
    }
}
