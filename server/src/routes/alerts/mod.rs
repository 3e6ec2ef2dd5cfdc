//! Disclosure alerts: workers see and acknowledge them; the young person
//! sees that their worker was told.

mod acknowledge_alert;
mod list_alerts;
mod list_my_alerts;

use super::endpoint::{Endpoint, Param, param};
use crate::db::users::Role;
use actix_web::web;

pub fn endpoints() -> Vec<Endpoint> {
    const STATUS: &[Param] = &[param("status", "string", "open (default) or all")];
    vec![
        Endpoint::get("/alerts", "list_alerts", || web::get().to(list_alerts::list_alerts))
            .summary("Alerts of young people assigned to the caller, and those escalated to them; each read is audited.")
            .roles(&[Role::Worker])
            .query(STATUS),
        Endpoint::post("/alerts/{id}/acknowledge", "acknowledge_alert", || {
            web::post().to(acknowledge_alert::acknowledge_alert)
        })
        .summary("Acknowledge an alert with a note of what was done; only the first counts.")
        .roles(&[Role::Worker])
        .body("{note}"),
        Endpoint::get("/me/alerts", "list_my_alerts", || web::get().to(list_my_alerts::list_my_alerts))
            .summary("The young person's answers that alerted their worker, and whether the worker has seen each.")
            .roles(&[Role::YoungPerson]),
    ]
}
