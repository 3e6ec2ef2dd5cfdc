mod join_with_invite;

use actix_web::web;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.route("/join", web::post().to(join_with_invite::join_with_invite));
}
