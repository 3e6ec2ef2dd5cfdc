//! What anyone can do with their own data: a young person sees who looked at
//! it and who can see what now; everyone can export it and erase it.

mod erase_my_account;
mod export_my_data;
mod get_my_access;
mod list_my_audit_events;
mod list_my_groups;

use super::endpoint::Endpoint;
use crate::db::users::Role;
use actix_web::web;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::get("/me/audit-events", "list_my_audit_events", || {
            web::get().to(list_my_audit_events::list_my_audit_events)
        })
        .summary("Who looked at or changed the young person's data, or tried to, in plain words.")
        .roles(&[Role::YoungPerson]),
        Endpoint::get("/me/groups", "list_my_groups", || {
            web::get().to(list_my_groups::list_my_groups)
        })
        .summary("The groups the young person is or was in, with the sessions they were marked at; never who else is in them.")
        .roles(&[Role::YoungPerson]),
        Endpoint::get("/me/access", "get_my_access", || {
            web::get().to(get_my_access::get_my_access)
        })
        .summary("Exactly who can see what, now.")
        .roles(&[Role::YoungPerson]),
        Endpoint::get("/me/export", "export_my_data", || {
            web::get().to(export_my_data::export_my_data)
        })
        .summary("Everything the server holds about the caller (docs/export.md)."),
        Endpoint::delete("/me", "erase_my_account", || {
            web::delete().to(erase_my_account::erase_my_account)
        })
        .summary("Erase the account: a young person's rows all go; staff are anonymised.")
        .body("{confirm: true}")
        .no_content(),
    ]
}
