//! The service admin's API: staff, assignments, accounts, the service's
//! settings. Role admin only, and only within the admin's own service:
//! anyone else's people are "not found".

mod assign_worker;
mod create_staff;
mod disable_user;
mod end_assignment;
mod update_service;

use actix_web::web;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/staff", web::post().to(create_staff::create_staff))
        .route(
            "/admin/assignments/{worker_id}/{young_person_id}",
            web::put().to(assign_worker::assign_worker),
        )
        .route(
            "/admin/assignments/{worker_id}/{young_person_id}",
            web::delete().to(end_assignment::end_assignment),
        )
        .route(
            "/admin/users/{id}/disable",
            web::post().to(disable_user::disable_user),
        )
        .route(
            "/admin/service",
            web::patch().to(update_service::update_service),
        );
}
