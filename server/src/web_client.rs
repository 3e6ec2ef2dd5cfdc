//! Serves the built web client at `/`.
//!
//! Its files are compressed for the browser (a phone on a slow connection
//! downloads the core's wasm about a third of its size), while API answers
//! are not touched here. Vite names everything under `/assets/` by its
//! content, so those are cached for a year; the page, the service worker and
//! the precache list are checked again on every load so an update arrives.

use std::path::Path;

use actix_files::Files;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{Compress, Next, from_fn};
use actix_web::{Error, HttpResponse, body::MessageBody, web};

/// For files whose names change whenever their content does.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For everything else: keep a copy, but ask before using it.
const REVALIDATE: &str = "no-cache";

pub fn config(cfg: &mut web::ServiceConfig, web_root: &Path) {
    if web_root.join("index.html").is_file() {
        // Registered after the API, so the API's routes match first.
        cfg.service(
            web::scope("")
                .wrap(from_fn(cache_control))
                .wrap(Compress::default())
                .service(Files::new("/", web_root).index_file("index.html")),
        );
    } else {
        tracing::warn!(path = %web_root.display(), "web client not built; serving a notice at /");
        cfg.route("/", web::get().to(not_built));
    }
}

async fn cache_control(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let immutable = is_content_named(request.path());
    let mut response = next.call(request).await?;
    if response.status().is_success() {
        let value = if immutable { IMMUTABLE } else { REVALIDATE };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    Ok(response)
}

/// Vite's output folder: every name there carries a hash of its content.
fn is_content_named(path: &str) -> bool {
    path.starts_with("/assets/")
}

async fn not_built() -> HttpResponse {
    HttpResponse::ServiceUnavailable()
        .content_type("text/plain; charset=utf-8")
        .body("Lantern's web client has not been built. Run ./scripts/run from the repository.\n")
}
