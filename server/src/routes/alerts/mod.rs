//! Disclosure alerts: workers see and acknowledge them; the young person
//! sees that their worker was told.

mod acknowledge_alert;
mod list_alerts;
mod list_my_alerts;

use actix_web::web;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.route("/alerts", web::get().to(list_alerts::list_alerts))
        .route(
            "/alerts/{id}/acknowledge",
            web::post().to(acknowledge_alert::acknowledge_alert),
        )
        .route("/me/alerts", web::get().to(list_my_alerts::list_my_alerts));
}
