//! Prometheus metrics at `/metrics`: requests and their latency by route
//! pattern (`/api/v1/young-people/{id}/check-ins`, never a raw path, so no
//! id becomes a label), method and status class; the database pool; the
//! process start time. One registry per `Application`, so tests that run
//! several servers in one process each count their own.
//!
//! `/metrics` has no sign-in: keep it from the internet (block it at the
//! proxy, or serve it on a private address with `LANTERN_METRICS_BIND`).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use actix_web::http::Method;
use actix_web::{HttpResponse, web};
use anyhow::Context;
use chrono::Utc;
use prometheus::{
    Encoder, Gauge, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry,
    TextEncoder,
};

use crate::db::{DbPool, push_delivery, push_outbox};
use crate::notify::sender::PushCounters;

pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    durations: HistogramVec,
    pool_connections: IntGauge,
    pool_idle: IntGauge,
    push: Option<PushCounters>,
    push_depth: IntGauge,
    push_oldest_due_age: IntGauge,
}

const LABELS: [&str; 3] = ["method", "route", "status"];

impl Metrics {
    pub fn new() -> anyhow::Result<Metrics> {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "lantern_http_requests_total",
                "HTTP requests answered, by method, route pattern and status class",
            ),
            &LABELS,
        )?;
        let durations = HistogramVec::new(
            HistogramOpts::new(
                "lantern_http_request_duration_seconds",
                "Time to answer an HTTP request, by method, route pattern and status class",
            ),
            &LABELS,
        )?;
        let pool_connections = IntGauge::new(
            "lantern_db_pool_connections",
            "Database connections open in the pool",
        )?;
        let pool_idle = IntGauge::new(
            "lantern_db_pool_idle_connections",
            "Database connections open in the pool and not in use",
        )?;
        let start_time = Gauge::new(
            "process_start_time_seconds",
            "Start time of the process since the Unix epoch, in seconds",
        )?;
        start_time.set(process_start_time());
        let push_depth = IntGauge::new(
            "lantern_push_outbox_depth",
            "Pushes waiting in the outbox, due or not",
        )?;
        let push_oldest_due_age = IntGauge::new(
            "lantern_push_oldest_due_age_seconds",
            "How long the longest-waiting due push has been due (0 when none is)",
        )?;
        registry.register(Box::new(push_depth.clone()))?;
        registry.register(Box::new(push_oldest_due_age.clone()))?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(durations.clone()))?;
        registry.register(Box::new(pool_connections.clone()))?;
        registry.register(Box::new(pool_idle.clone()))?;
        registry.register(Box::new(start_time))?;
        Ok(Metrics {
            registry,
            requests,
            durations,
            pool_connections,
            pool_idle,
            push: None,
            push_depth,
            push_oldest_due_age,
        })
    }

    /// Shows the push sender's counts too.
    pub fn with_push(mut self, counters: &PushCounters) -> anyhow::Result<Metrics> {
        self.registry.register(counters.collector())?;
        self.push = Some(counters.clone());
        Ok(self)
    }

    pub fn observe(&self, method: &Method, route: &str, status: u16, elapsed: Duration) {
        let labels = [method_label(method), route, status_class(status)];
        self.requests.with_label_values(&labels).inc();
        self.durations
            .with_label_values(&labels)
            .observe(elapsed.as_secs_f64());
    }

    /// The text exposition format, with the pool and the outbox read now.
    pub fn render(&self, pool: &DbPool) -> anyhow::Result<String> {
        let state = pool.state();
        self.pool_connections.set(i64::from(state.connections));
        self.pool_idle.set(i64::from(state.idle_connections));
        self.read_outbox(pool)?;
        let mut text = Vec::new();
        TextEncoder::new()
            .encode(&self.registry.gather(), &mut text)
            .context("cannot encode metrics")?;
        String::from_utf8(text).context("metrics are not UTF-8")
    }
}

impl Metrics {
    fn read_outbox(&self, pool: &DbPool) -> anyhow::Result<()> {
        let mut conn = pool.get().context("no database connection for metrics")?;
        let now = Utc::now().naive_utc();
        self.push_depth.set(push_outbox::depth(&mut conn)?);
        let age = push_delivery::oldest_due(&mut conn, now)?
            .map_or(0, |due_at| (now - due_at).num_seconds().max(0));
        self.push_oldest_due_age.set(age);
        if let Some(push) = &self.push {
            push.catch_up_queued(push_outbox::queued_by_this_process());
        }
        Ok(())
    }
}

/// Methods outside the API's own are one label, so odd methods cannot
/// multiply the series.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

fn status_class(status: u16) -> &'static str {
    match status {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

/// When this process started, taken the first time it is asked (during
/// start-up, before any request).
fn process_start_time() -> f64 {
    static START: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *START.get_or_init(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |since| since.as_secs_f64())
    })
}

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.route("/metrics", web::get().to(get_metrics));
}

async fn get_metrics(
    metrics: web::Data<Metrics>,
    pool: web::Data<DbPool>,
) -> Result<HttpResponse, crate::error::ApiError> {
    // Reading the outbox is a database query: off the async workers.
    let text = web::block(move || metrics.render(&pool)).await??;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_classes_and_methods_stay_few() {
        assert_eq!(status_class(204), "2xx");
        assert_eq!(status_class(404), "4xx");
        assert_eq!(status_class(503), "5xx");
        let odd = Method::from_bytes(b"BREW").unwrap();
        assert_eq!(method_label(&odd), "other");
    }
}
