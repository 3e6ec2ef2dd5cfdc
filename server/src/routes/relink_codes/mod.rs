//! Re-linking a young person's account to a new phone with a one-time code
//! from their worker.

mod create_relink_code;
mod redeem_relink_code;

use actix_web::middleware::from_fn;
use actix_web::web;

use crate::rate_limit;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/young-people/{id}/relink-codes",
        web::post().to(create_relink_code::create_relink_code),
    )
    .service(
        web::resource("/relink")
            .wrap(from_fn(rate_limit::codes_by_ip))
            .route(web::post().to(redeem_relink_code::redeem_relink_code)),
    );
}
