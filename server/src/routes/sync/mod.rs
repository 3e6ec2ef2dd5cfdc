mod sync_batch;

use actix_web::web;
use lantern_core::sync::MAX_BATCH_BYTES;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/sync")
            // The core enforces the exact bound; this stops a huge body early.
            .app_data(web::PayloadConfig::new(MAX_BATCH_BYTES + 1024))
            .route(web::post().to(sync_batch::sync_batch)),
    );
}
