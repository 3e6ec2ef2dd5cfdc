//! Closed groups a worker runs: at most 16 young people (each assigned to
//! the worker), 12 to 18 weeks, numbered sessions and attendance. A group
//! is its worker's: other workers are told it does not exist.

mod change;
mod page;
mod rules;

use actix_web::web;

use super::endpoint::Endpoint;
use crate::db::users::Role;

pub fn endpoints() -> Vec<Endpoint> {
    const WORKER: &[Role] = &[Role::Worker];
    vec![
        Endpoint::post("/groups", "create_group", || web::post().to(change::create_group))
            .summary("Start a closed group: a name, where it runs, the first day and 12 to 18 weeks.")
            .roles(WORKER)
            .body("{name, school?, starts_on: YYYY-MM-DD, weeks}")
            .created(),
        Endpoint::get("/groups", "list_groups", || web::get().to(page::list_groups))
            .summary("The worker's groups, newest first, with how many are in each.")
            .roles(WORKER),
        Endpoint::get("/groups/{id}", "get_group", || web::get().to(page::get_group))
            .summary("A group's page: members and their attendance, sessions, and the group's wheel and goal change from what members share; audited for each member.")
            .roles(WORKER),
        Endpoint::patch("/groups/{id}", "change_group", || {
            web::patch().to(change::change_group)
        })
        .summary("Rename a group or change its school; finish it (no new members or sessions) or run it again.")
        .roles(WORKER)
        .body("{name?, school?: text or null, finished?: true or false}"),
        Endpoint::put(
            "/groups/{id}/members/{young_person}",
            "add_group_member",
            || web::put().to(change::add_member),
        )
        .summary("Add a young person assigned to the worker; at most 16 in a group.")
        .roles(WORKER),
        Endpoint::delete(
            "/groups/{id}/members/{young_person}",
            "remove_group_member",
            || web::delete().to(change::remove_member),
        )
        .summary("A member leaves; their past attendance stays.")
        .roles(WORKER)
        .no_content(),
        Endpoint::post("/groups/{id}/sessions", "add_group_session", || {
            web::post().to(change::add_session)
        })
        .summary("Add the next session, on a day within the group's weeks.")
        .roles(WORKER)
        .body("{held_on: YYYY-MM-DD, topic?}")
        .created(),
        Endpoint::put(
            "/groups/{id}/sessions/{session}/attendance",
            "take_attendance",
            || web::put().to(change::take_attendance),
        )
        .summary("The session's register: the members who came; every other member is marked away.")
        .roles(WORKER)
        .body("{present: [young person id]}"),
    ]
}
