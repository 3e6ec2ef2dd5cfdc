//! Structured logs. Never log a note, a token, a mood or a name.

use tracing_subscriber::EnvFilter;

/// `LANTERN_LOG` sets the filter (default `info`).
pub fn init() {
    let filter = EnvFilter::try_from_env("LANTERN_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
