mod get_me;
mod log_in;
mod log_out;
mod refresh_session;

use actix_web::web;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.route("/auth/login", web::post().to(log_in::log_in))
        .route(
            "/auth/refresh",
            web::post().to(refresh_session::refresh_session),
        )
        .route("/auth/logout", web::post().to(log_out::log_out))
        .route("/me", web::get().to(get_me::get_me));
}
