//! Builds the running application: database, keys, HTTP server. Tests bind
//! port 0 and read the port back.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::middleware::{DefaultHeaders, NormalizePath, TrailingSlash};
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use chrono::Utc;

use crate::auth::tokens::TokenKeys;
use crate::config::Settings;
use crate::db::{self, DbPool};
use crate::rate_limit::RateLimiter;
use crate::{routes, web_client};

pub struct Application {
    port: u16,
    server: Server,
    pool: DbPool,
}

impl Application {
    pub fn build(settings: &Settings) -> anyhow::Result<Application> {
        settings.prepare_data_dir()?;
        let pool = db::connect(&settings.database_url, settings.pool_size)?;
        let keys = {
            let mut conn = pool.get().context("cannot get a database connection")?;
            TokenKeys::load_or_create(&mut conn, Utc::now())?
        };
        let listener = TcpListener::bind(&settings.bind)
            .with_context(|| format!("cannot listen on {}", settings.bind))?;
        let port = listener.local_addr()?.port();
        tokio::spawn(crate::jobs::run_forever(pool.clone()));
        let pool_data = web::Data::new(pool.clone());
        let keys = web::Data::new(keys);
        // One limiter for all workers of this instance.
        let limiter = web::Data::new(RateLimiter::new(settings.rate_limits));
        let web_root = settings.web_root.clone();
        let server = HttpServer::new(move || {
            App::new()
                .wrap(security_headers())
                .wrap(NormalizePath::new(TrailingSlash::Trim))
                .wrap(tracing_actix_web::TracingLogger::default())
                .app_data(pool_data.clone())
                .app_data(keys.clone())
                .app_data(limiter.clone())
                .configure(routes::config)
                .configure(|cfg| web_client::config(cfg, &web_root))
        })
        .listen(listener)?
        .run();
        Ok(Application { port, server, pool })
    }

    pub fn port(&self) -> u16 {
        self.port
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

fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("X-Frame-Options", "DENY"))
        .add((
            "Permissions-Policy",
            "geolocation=(), camera=(), microphone=()",
        ))
        .add((
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
             style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
             connect-src 'self'; frame-ancestors 'none'; base-uri 'none'",
        ))
}
