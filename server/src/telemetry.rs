//! Structured logs. Never log a note, a token, a mood or a name.
//!
//! Each request's lines carry its `request_id`, `method` and `route` (the
//! pattern, not the path) from the edge middleware's span; the request line
//! itself adds `status`, `error.code` and `duration_ms`.

use std::io::IsTerminal;

use tracing::Subscriber;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::util::SubscriberInitExt;

/// `LANTERN_LOG` sets the filter (default `info`).
pub fn init() {
    let filter = EnvFilter::try_from_env("LANTERN_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = subscriber(filter, std::io::stderr, std::io::stderr().is_terminal()).try_init();
}

/// The server's log format writing to `writer`; tests capture logs with it.
pub fn subscriber<W>(filter: EnvFilter, writer: W, ansi: bool) -> impl Subscriber + Send + Sync
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(ansi)
        .finish()
}
