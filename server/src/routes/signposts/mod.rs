//! Signposting: an assigned worker suggests a service from the directory
//! to a young person; it reaches them as a message, with the worker's
//! note, and stays in their list of places that can help.

mod list_my_signposts;
mod send_signpost;

use actix_web::web;
pub use list_my_signposts::{SignpostView, view};

use super::endpoint::Endpoint;
use crate::db::users::Role;

/// How many signposts a worker may send one young person in 24 hours.
pub const DAILY_LIMIT: usize = 5;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::post("/young-people/{id}/signposts", "send_signpost", || {
            web::post().to(send_signpost::send_signpost)
        })
        .summary("Suggest a service from the directory to the young person; it arrives as a message; audited.")
        .assigned_worker()
        .body("{directory_service_id, note?}")
        .created(),
        Endpoint::get("/me/signposts", "list_my_signposts", || {
            web::get().to(list_my_signposts::list_my_signposts)
        })
        .summary("Services the young person's workers suggested, newest first.")
        .roles(&[Role::YoungPerson]),
    ]
}
