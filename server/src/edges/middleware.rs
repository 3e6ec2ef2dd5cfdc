//! The outermost middleware: gives the request its id, runs everything else
//! inside a `request` span carrying that id, and on the way out adds the
//! security headers and `X-Request-Id`, counts the request and writes one
//! log line. The line names the route pattern, the status, the error code
//! and the time taken: never the path's ids, the query string, a header or
//! a body.

use std::sync::Arc;
use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, web};
use tracing::Instrument;

use super::metrics::Metrics;
use super::request_id::{self, RequestId};
use super::{EdgeSettings, headers};
use crate::error::ApiError;

/// What the middleware needs, shared by all workers.
pub struct EdgeState {
    pub hsts: bool,
    pub metrics: Option<Arc<Metrics>>,
}

impl EdgeState {
    pub fn new(settings: &EdgeSettings, metrics: Option<Arc<Metrics>>) -> EdgeState {
        EdgeState {
            hsts: settings.hsts,
            metrics,
        }
    }
}

/// Probes and scrapes come every few seconds: their lines are for
/// debugging only.
fn is_probe(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz" | "/metrics")
}

pub async fn around_request(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let started = Instant::now();
    let id = RequestId::from_header(
        req.headers()
            .get(request_id::HEADER)
            .map(HeaderValue::as_bytes),
    );
    req.extensions_mut().insert(id.clone());
    let state = req.app_data::<web::Data<EdgeState>>().cloned();
    let method = req.method().clone();
    let path = req.path().to_owned();
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        method = %method,
        route = tracing::field::Empty,
    );
    let finished = Finished {
        span: &span,
        state: state.as_ref().map(|state| state.get_ref()),
        method: &method,
        path: &path,
        started,
    };

    // Holding a clone of the request here would stop routing from changing
    // it, so an `Err` from inner middleware cannot become an answer with
    // headers here: Lantern's own middleware answers its refusals instead
    // (see `rate_limit`), and so does CORS. An `Err` is still counted and
    // logged.
    let mut response = match next.call(req).instrument(span.clone()).await {
        Ok(response) => response.map_into_boxed_body(),
        Err(error) => {
            let status = error.as_response_error().status_code().as_u16();
            finished.record("unmatched", status, None);
            return Err(error);
        }
    };

    let route = response
        .request()
        .match_pattern()
        .filter(|pattern| !pattern.is_empty())
        .unwrap_or_else(|| "unmatched".to_owned());
    let hsts = state.as_ref().is_some_and(|state| state.hsts);
    headers::apply(response.headers_mut(), &path, hsts);
    if let Ok(value) = HeaderValue::from_str(id.as_str()) {
        response
            .headers_mut()
            .insert(HeaderName::from_static(request_id::HEADER), value);
    }
    let code = response
        .response()
        .error()
        .and_then(|error| error.as_error::<ApiError>())
        .map(ApiError::code);
    finished.record(&route, response.status().as_u16(), code);
    Ok(response)
}

struct Finished<'a> {
    span: &'a tracing::Span,
    state: Option<&'a EdgeState>,
    method: &'a actix_web::http::Method,
    path: &'a str,
    started: Instant,
}

impl Finished<'_> {
    /// Counts the request and writes its one line.
    fn record(&self, route: &str, status: u16, code: Option<&'static str>) {
        let elapsed = self.started.elapsed();
        if let Some(metrics) = self.state.and_then(|state| state.metrics.as_ref()) {
            metrics.observe(self.method, route, status, elapsed);
        }
        let span = self.span;
        span.record("route", tracing::field::display(route));
        let duration_ms = (elapsed.as_secs_f64() * 1_000_000.0).round() / 1000.0;
        // Expected refusals (consent_required, not_found, …) are part of
        // normal work: INFO. A 5xx's cause is logged once, at ERROR, where
        // it arose.
        if status >= 500 {
            tracing::warn!(parent: span, status, error.code = code, duration_ms, "request failed");
        } else if is_probe(self.path) {
            tracing::debug!(parent: span, status, duration_ms, "request finished");
        } else {
            tracing::info!(parent: span, status, error.code = code, duration_ms, "request finished");
        }
    }
}
