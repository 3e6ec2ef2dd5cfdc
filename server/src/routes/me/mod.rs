//! What anyone can do with their own data: a young person sees who looked at
//! it and who can see what now; everyone can export it and erase it.

mod erase_my_account;
mod export_my_data;
mod get_my_access;
mod list_my_audit_events;

use actix_web::web;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/me/audit-events",
        web::get().to(list_my_audit_events::list_my_audit_events),
    )
    .route("/me/access", web::get().to(get_my_access::get_my_access))
    .route("/me/export", web::get().to(export_my_data::export_my_data))
    .route("/me", web::delete().to(erase_my_account::erase_my_account));
}
