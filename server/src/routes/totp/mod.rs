//! Two-step sign-in for staff: enrol an authenticator app, confirm it with
//! a code, switch it off.

mod confirm_totp;
mod disable_totp;
mod enrol_totp;

use super::endpoint::Endpoint;
use crate::db::users::Role;
use actix_web::web;

pub fn endpoints() -> Vec<Endpoint> {
    const STAFF: &[Role] = &[Role::Worker, Role::ServiceLead, Role::Admin];
    vec![
        Endpoint::post("/me/totp", "enrol_totp", || {
            web::post().to(enrol_totp::enrol_totp)
        })
        .summary("Start two-step sign-in: a new secret and its otpauth URI.")
        .roles(STAFF)
        .created(),
        Endpoint::post("/me/totp/confirm", "confirm_totp", || {
            web::post().to(confirm_totp::confirm_totp)
        })
        .summary("Switch two-step sign-in on with a first code.")
        .roles(STAFF)
        .body("{code}"),
        Endpoint::post("/me/totp/disable", "disable_totp", || {
            web::post().to(disable_totp::disable_totp)
        })
        .summary("Switch two-step sign-in off with a code or the password.")
        .roles(STAFF)
        .body("{code} or {password}"),
    ]
}
