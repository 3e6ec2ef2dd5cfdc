//! A young person's data as their assigned worker sees it. Every handler
//! passes through `access::assigned_worker`, and every read is audited.

mod access;
mod list_check_ins;
mod list_thrive_groupings;
mod record_thrive_grouping;

use actix_web::web;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/young-people/{id}/check-ins",
        web::get().to(list_check_ins::list_check_ins),
    )
    .route(
        "/young-people/{id}/thrive",
        web::get().to(list_thrive_groupings::list_thrive_groupings),
    )
    .route(
        "/young-people/{id}/thrive",
        web::post().to(record_thrive_grouping::record_thrive_grouping),
    )
    .route(
        "/me/thrive",
        web::get().to(list_thrive_groupings::list_my_thrive_groupings),
    );
}
