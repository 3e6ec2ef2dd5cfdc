mod create_invite;

use super::endpoint::Endpoint;
use crate::db::users::Role;
use actix_web::web;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::post("/invites", "create_invite", || {
            web::post().to(create_invite::create_invite)
        })
        .summary("A one-time invite code for a young person to join onto the worker's caseload.")
        .roles(&[Role::Worker])
        .created(),
    ]
}
