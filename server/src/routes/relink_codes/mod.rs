//! Re-linking a young person's account to a new phone with a one-time code
//! from their worker.

mod create_relink_code;
mod redeem_relink_code;

use super::endpoint::{Endpoint, IpLimit};
use actix_web::web;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::post(
            "/young-people/{id}/relink-codes",
            "create_relink_code",
            || web::post().to(create_relink_code::create_relink_code),
        )
        .summary("A one-time code that moves a young person's account to a new phone.")
        .assigned_worker()
        .created(),
        Endpoint::post("/relink", "redeem_relink_code", || {
            web::post().to(redeem_relink_code::redeem_relink_code)
        })
        .summary("Redeem a re-link code on the new phone; every old sign-in ends.")
        .anyone()
        .body("{code}")
        .ip_limit(IpLimit::Codes),
    ]
}
