mod list_caseload;

use actix_web::web;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.route("/caseload", web::get().to(list_caseload::list_caseload));
}
