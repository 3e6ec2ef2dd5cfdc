mod list_check_ins;

use actix_web::web;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/young-people/{id}/check-ins",
        web::get().to(list_check_ins::list_check_ins),
    );
}
