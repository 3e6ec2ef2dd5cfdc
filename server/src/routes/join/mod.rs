mod join_with_invite;

use actix_web::middleware::from_fn;
use actix_web::web;

use crate::rate_limit;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/join")
            .wrap(from_fn(rate_limit::codes_by_ip))
            .route(web::post().to(join_with_invite::join_with_invite)),
    );
}
