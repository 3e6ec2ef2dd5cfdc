//! Parents and carers: a young person links them with a one-time code and
//! can remove them; parents choose tips and read them; workers send a tip
//! to a young person's parents; a young person can ask for their parents'
//! support. Parents never see a young person's data.

mod create_link_code;
mod join_as_parent;
mod link;
mod link_child;
mod list_my_nudges;
pub(crate) mod list_my_parents;
mod list_parent_tips;
mod list_tip_catalogue;
mod nudge_parents;
mod remove_parent_link;
mod send_tip_to_parents;
mod tip_preferences;
mod tip_view;

use super::endpoint::{Endpoint, IpLimit, Param, param};
use crate::db::users::Role;
use actix_web::web;

pub fn endpoints() -> Vec<Endpoint> {
    const LIMIT: &[Param] = &[param(
        "limit",
        "integer",
        "at most this many, newest first (default 50, at most 200)",
    )];
    vec![
        Endpoint::post("/me/parent-codes", "create_parent_link_code", || {
            web::post().to(create_link_code::create_link_code)
        })
        .summary("A one-time code (valid 7 days) the young person gives a parent or carer to link with them.")
        .roles(&[Role::YoungPerson])
        .created(),
        Endpoint::get("/me/parents", "list_my_parents", || {
            web::get().to(list_my_parents::list_my_parents)
        })
        .summary("The parents and carers linked to the young person, since when, and what they get.")
        .roles(&[Role::YoungPerson]),
        Endpoint::delete("/me/parents/{id}", "remove_parent_link", || {
            web::delete().to(remove_parent_link::remove_parent_link)
        })
        .summary("Remove a parent's link: they get nothing more that comes from the young person.")
        .roles(&[Role::YoungPerson])
        .no_content(),
        Endpoint::post("/me/parent-nudges", "nudge_parents", || {
            web::post().to(nudge_parents::nudge_parents)
        })
        .summary("\"I'm having a hard time - let my parent know\": linked parents get the message and a tip; 3 a day.")
        .roles(&[Role::YoungPerson])
        .body("{message?, topic?, parents?: [link id]}")
        .created(),
        Endpoint::get("/me/parent-nudges", "list_my_nudges", || {
            web::get().to(list_my_nudges::list_my_nudges)
        })
        .summary("The young person's \"let my parent know\" messages, newest first, and how many parents each reached.")
        .roles(&[Role::YoungPerson]),
        Endpoint::post("/parent/join", "join_as_parent", || {
            web::post().to(join_as_parent::join_as_parent)
        })
        .summary("A parent or carer signs up with a young person's link code.")
        .anyone()
        .body("{code, email, password, display_name}")
        .created()
        .ip_limit(IpLimit::Codes),
        Endpoint::post("/parent/children", "link_child", || {
            web::post().to(link_child::link_child)
        })
        .summary("A signed-in parent links another child with that child's code.")
        .roles(&[Role::Parent])
        .body("{code}")
        .created()
        .ip_limit(IpLimit::Codes),
        Endpoint::get("/parent/tip-preferences", "get_tip_preferences", || {
            web::get().to(tip_preferences::get_tip_preferences)
        })
        .summary("The parent's tip topics, day, time, frequency and time zone, and when the next tip is due.")
        .roles(&[Role::Parent]),
        Endpoint::put("/parent/tip-preferences", "put_tip_preferences", || {
            web::put().to(tip_preferences::put_tip_preferences)
        })
        .summary("Set the parent's tip topics, day, time and frequency (and time zone).")
        .roles(&[Role::Parent])
        .body("{topics, weekday, time: \"HH:MM\", frequency, time_zone?}"),
        Endpoint::get("/parent/tips", "list_parent_tips", || {
            web::get().to(list_parent_tips::list_parent_tips)
        })
        .summary("The tips the parent has been sent, newest first, with helplines.")
        .roles(&[Role::Parent])
        .query(LIMIT),
        Endpoint::get("/tip-catalogue", "list_tip_catalogue", || {
            web::get().to(list_tip_catalogue::list_tip_catalogue)
        })
        .summary("Every parent tip, by topic and age band.")
        .roles(&[Role::Worker, Role::Parent]),
        Endpoint::post(
            "/young-people/{id}/parent-tips",
            "send_tip_to_parents",
            || web::post().to(send_tip_to_parents::send_tip_to_parents),
        )
        .summary("Send a chosen tip to the parents linked to a young person on the caseload; audited.")
        .assigned_worker()
        .body("{tip_id}")
        .created(),
    ]
}
