mod change_password;
mod get_me;
mod log_in;
mod log_in_with_totp;
mod log_out;
mod refresh_session;

use super::endpoint::{Endpoint, IpLimit};
use crate::db::users::Role;
use actix_web::web;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::post("/auth/login", "log_in", || web::post().to(log_in::log_in))
            .summary("Sign in with email and password (staff and parents); may ask for a TOTP code next.")
            .anyone()
            .body("{email, password}")
            .ip_limit(IpLimit::SignIn),
        Endpoint::post("/auth/login/totp", "log_in_with_totp", || {
            web::post().to(log_in_with_totp::log_in_with_totp)
        })
        .summary("Finish a two-step sign-in with the TOTP code.")
        .anyone()
        .body("{challenge, code}")
        .ip_limit(IpLimit::SignIn),
        Endpoint::post("/auth/refresh", "refresh_session", || {
            web::post().to(refresh_session::refresh_session)
        })
        .summary("Swap a refresh token for a new session; a reused one ends its family.")
        .anyone()
        .body("{refresh_token}")
        .ip_limit(IpLimit::Refresh),
        Endpoint::post("/auth/logout", "log_out", || web::post().to(log_out::log_out))
            .summary("End the sign-in the refresh token belongs to, access tokens included.")
            .anyone()
            .body("{refresh_token}")
            .no_content(),
        Endpoint::get("/me", "get_me", || web::get().to(get_me::get_me))
            .summary("The signed-in user."),
        Endpoint::post("/me/password", "change_password", || {
            web::post().to(change_password::change_password)
        })
        .summary("Change the password; every other sign-in ends at once.")
        .roles(&[Role::Worker, Role::Parent, Role::ServiceLead, Role::Admin])
        .body("{current_password, new_password}")
        .no_content(),
    ]
}
