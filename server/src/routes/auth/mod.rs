mod change_password;
mod get_me;
mod log_in;
mod log_in_with_totp;
mod log_out;
mod refresh_session;

use actix_web::middleware::from_fn;
use actix_web::web;

use crate::rate_limit;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/auth/login")
            .wrap(from_fn(rate_limit::sign_in_by_ip))
            .route(web::post().to(log_in::log_in)),
    )
    .service(
        web::resource("/auth/login/totp")
            .wrap(from_fn(rate_limit::sign_in_by_ip))
            .route(web::post().to(log_in_with_totp::log_in_with_totp)),
    )
    .service(
        web::resource("/auth/refresh")
            .wrap(from_fn(rate_limit::refresh_by_ip))
            .route(web::post().to(refresh_session::refresh_session)),
    )
    .route("/auth/logout", web::post().to(log_out::log_out))
    .route("/me", web::get().to(get_me::get_me))
    .route(
        "/me/password",
        web::post().to(change_password::change_password),
    );
}
