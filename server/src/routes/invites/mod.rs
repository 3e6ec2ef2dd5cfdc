mod create_invite;

use actix_web::web;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.route("/invites", web::post().to(create_invite::create_invite));
}
