//! What every request passes through on its way in and out: a request id,
//! one structured log line, metrics, security headers and CORS. Nothing here
//! reads a body, a query string or the `Authorization` header, so none of
//! them can reach a log.

pub mod cors;
pub mod headers;
pub mod metrics;
pub mod middleware;
pub mod request_id;

/// Settings for the edges (`LANTERN_CORS_ORIGINS`, `LANTERN_HSTS`,
/// `LANTERN_METRICS`, `LANTERN_METRICS_BIND`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeSettings {
    /// Origins (exactly `scheme://host[:port]`) whose pages may call the API
    /// from a browser. Empty (the default): only Lantern's own web client,
    /// served from the same origin.
    pub cors_origins: Vec<String>,
    /// Send `Strict-Transport-Security`. Only when every client reaches
    /// Lantern over TLS (a proxy in front terminates it).
    pub hsts: bool,
    /// Serve Prometheus metrics at `/metrics`.
    pub metrics: bool,
    /// Serve `/metrics` on this address only, not beside the API.
    pub metrics_bind: Option<String>,
}

impl Default for EdgeSettings {
    fn default() -> Self {
        EdgeSettings {
            cors_origins: Vec::new(),
            hsts: false,
            metrics: true,
            metrics_bind: None,
        }
    }
}

impl EdgeSettings {
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> anyhow::Result<EdgeSettings> {
        let defaults = EdgeSettings::default();
        let cors_origins = match lookup("LANTERN_CORS_ORIGINS") {
            None => defaults.cors_origins,
            Some(list) => cors::parse_origins(&list)?,
        };
        Ok(EdgeSettings {
            cors_origins,
            hsts: crate::config::switch(lookup, "LANTERN_HSTS")?.unwrap_or(defaults.hsts),
            metrics: crate::config::switch(lookup, "LANTERN_METRICS")?.unwrap_or(defaults.metrics),
            metrics_bind: lookup("LANTERN_METRICS_BIND").filter(|bind| !bind.trim().is_empty()),
        })
    }
}
