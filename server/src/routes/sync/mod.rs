mod sync_batch;

use super::endpoint::Endpoint;
use crate::db::users::Role;
use actix_web::web;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::post("/sync", "sync_batch", || web::post().to(sync_batch::sync_batch))
            .summary("Store a batch from the young person's device: validated by the core, consent-checked per record, stored whole.")
            .roles(&[Role::YoungPerson])
            .body("SyncBatch (the core's type; at most 100 records and 256 KiB)"),
    ]
}
