//! Two-step sign-in for staff: enrol an authenticator app, confirm it with
//! a code, switch it off.

mod confirm_totp;
mod disable_totp;
mod enrol_totp;

use actix_web::web;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.route("/me/totp", web::post().to(enrol_totp::enrol_totp))
        .route(
            "/me/totp/confirm",
            web::post().to(confirm_totp::confirm_totp),
        )
        .route(
            "/me/totp/disable",
            web::post().to(disable_totp::disable_totp),
        );
}
