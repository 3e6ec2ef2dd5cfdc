//! Builds the running application: database, keys, HTTP server. Tests bind
//! port 0 and read the port back.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{Condition, NormalizePath, TrailingSlash, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use chrono::Utc;

use crate::auth::tokens::TokenKeys;
use crate::config::Settings;
use crate::db::{self, DbPool};
use crate::edges::cors;
use crate::edges::metrics::{self, Metrics};
use crate::edges::middleware::{EdgeState, around_request};
use crate::notify::sender::{PushCounters, Sender, VapidKey};
use crate::rate_limit::RateLimiter;
use crate::{routes, web_client};

pub struct Application {
    port: u16,
    metrics_port: Option<u16>,
    server: Server,
    pool: DbPool,
}

impl Application {
    pub fn build(settings: &Settings) -> anyhow::Result<Application> {
        settings.prepare_data_dir()?;
        let pool = db::connect(&settings.database_url, settings.pool_size)?;
        let (keys, vapid) = {
            let mut conn = pool.get().context("cannot get a database connection")?;
            (
                TokenKeys::load_or_create(&mut conn, Utc::now())?,
                VapidKey::load_or_create(&mut conn, Utc::now().naive_utc())?,
            )
        };
        {
            let mut conn = pool.get().context("cannot get a database connection")?;
            crate::directory::national::sync(&mut conn, Utc::now().naive_utc())?;
        }
        let push_counters = PushCounters::new().context("cannot set up push counters")?;
        // Made before listening, so a missing subject stops start-up.
        let sender = settings
            .push
            .send
            .then(|| {
                Sender::new(
                    pool.clone(),
                    &settings.push,
                    settings.push_origins.clone(),
                    vapid,
                    push_counters.clone(),
                )
            })
            .transpose()?;
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("cannot listen on {}", settings.bind))?;
        let port = listener.local_addr()?.port();
        if settings.jobs {
            tokio::spawn(crate::jobs::run_forever(pool.clone()));
        } else {
            tracing::warn!("LANTERN_JOBS=off: this instance runs no background jobs");
        }
        if let Some(sender) = sender {
            tokio::spawn(sender.run_forever());
        } else {
            tracing::warn!("LANTERN_PUSH_SEND=off: this instance sends no pushes");
        }
        let pool_data = web::Data::new(pool.clone());
        let keys = web::Data::new(keys);
        // One limiter for all workers of this instance.
        let limiter = web::Data::new(RateLimiter::new(settings.rate_limits));
        let push_origins = web::Data::new(settings.push_origins.clone());
        let web_root = settings.web_root.clone();
        let edges = settings.edges.clone();
        let metrics = edges
            .metrics
            .then(|| Metrics::new()?.with_push(&push_counters))
            .transpose()
            .context("cannot set up metrics")?
            .map(Arc::new);
        // `/metrics` beside the API, unless it has an address of its own.
        let metrics_here = if edges.metrics_bind.is_none() {
            metrics.clone()
        } else {
            None
        };
        let metrics_port = match (&metrics, &edges.metrics_bind) {
            (Some(metrics), Some(bind)) => Some(serve_metrics_alone(bind, metrics, &pool)?),
            _ => None,
        };
        let edge_state = web::Data::new(EdgeState::new(&edges, metrics.clone()));
        let server = HttpServer::new(move || {
            let cors = Condition::new(
                !edges.cors_origins.is_empty(),
                cors::middleware(&edges.cors_origins),
            );
            let metrics_here = metrics_here.clone();
            // The last `wrap` is the outermost: the edge middleware sees
            // every answer, including CORS preflights and refusals.
            App::new()
                .wrap(NormalizePath::new(TrailingSlash::Trim))
                .wrap(cors)
                .wrap(from_fn(around_request))
                .app_data(edge_state.clone())
                .app_data(pool_data.clone())
                .app_data(keys.clone())
                .app_data(limiter.clone())
                .app_data(push_origins.clone())
                .configure(routes::config)
                .configure(move |cfg| {
                    if let Some(metrics) = metrics_here {
                        cfg.app_data(web::Data::from(metrics))
                            .configure(metrics::config);
                    }
                })
                .configure(|cfg| web_client::config(cfg, &web_root))
        })
        .listen(listener)?
        .run();
        Ok(Application {
            port,
            metrics_port,
            server,
            pool,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The port of `/metrics` when `LANTERN_METRICS_BIND` gives it one.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics_port
    }

    pub fn pool(&self) -> DbPool {
        self.pool.clone()
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }

    pub fn into_server(self) -> Server {
        self.server
    }
}

/// `/metrics` alone on its own (private) address; the API is not there.
fn serve_metrics_alone(bind: &str, metrics: &Arc<Metrics>, pool: &DbPool) -> anyhow::Result<u16> {
    let listener =
        TcpListener::bind(bind).with_context(|| format!("cannot listen on {bind} for metrics"))?;
    let port = listener.local_addr()?.port();
    let metrics = web::Data::from(metrics.clone());
    let pool = web::Data::new(pool.clone());
    let server = HttpServer::new(move || {
        App::new()
            .app_data(metrics.clone())
            .app_data(pool.clone())
            .configure(metrics::config)
    })
    .workers(1)
    .listen(listener)?
    .run();
    tokio::spawn(server);
    Ok(port)
}
