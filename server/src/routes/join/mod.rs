mod join_with_invite;

use super::endpoint::{Endpoint, IpLimit};
use actix_web::web;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::post("/join", "join_with_invite", || {
            web::post().to(join_with_invite::join_with_invite)
        })
        .summary("A young person joins with an invite code, a display name and an age band.")
        .anyone()
        .body("{code, display_name, age_band}")
        .created()
        .ip_limit(IpLimit::Codes),
    ]
}
