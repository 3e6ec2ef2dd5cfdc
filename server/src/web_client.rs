//! Serves the built web client at `/`.

use std::path::Path;

use actix_files::Files;
use actix_web::{HttpResponse, web};

pub fn config(cfg: &mut web::ServiceConfig, web_root: &Path) {
    if web_root.join("index.html").is_file() {
        cfg.service(Files::new("/", web_root).index_file("index.html"));
    } else {
        tracing::warn!(path = %web_root.display(), "web client not built; serving a notice at /");
        cfg.route("/", web::get().to(not_built));
    }
}

async fn not_built() -> HttpResponse {
    HttpResponse::ServiceUnavailable()
        .content_type("text/plain; charset=utf-8")
        .body("Lantern's web client has not been built. Run ./scripts/run from the repository.\n")
}
