mod list_caseload;

use super::endpoint::Endpoint;
use crate::db::users::Role;
use actix_web::web;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::get("/caseload", "list_caseload", || {
            web::get().to(list_caseload::list_caseload)
        })
        .summary("The worker's caseload, ordered by need; shared facts only, each read audited.")
        .roles(&[Role::Worker]),
    ]
}
