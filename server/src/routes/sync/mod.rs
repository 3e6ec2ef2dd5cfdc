mod sync_batch;

use actix_web::web;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.route("/sync", web::post().to(sync_batch::sync_batch));
}
