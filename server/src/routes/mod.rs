//! HTTP routes: one module per resource, one file per action. Each module's
//! `config` is mounted under `/api/v1` here.

mod admin;
mod alerts;
mod auth;
mod caseload;
mod consents;
pub mod health;
mod invites;
mod join;
mod me;
mod relink_codes;
mod service;
mod sync;
mod totp;
mod young_people;

use actix_web::web;

use crate::db::{AnyConnection, DbPool};
use crate::error::ApiError;

/// Bodies other than sync batches are small forms.
const JSON_LIMIT_BYTES: usize = 16 * 1024;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .app_data(json_config())
            .app_data(path_config())
            .app_data(query_config())
            .configure(auth::config)
            .configure(join::config)
            .configure(consents::config)
            .configure(sync::config)
            .configure(invites::config)
            .configure(caseload::config)
            .configure(young_people::config)
            .configure(alerts::config)
            .configure(me::config)
            .configure(service::config)
            .configure(totp::config)
            .configure(relink_codes::config)
            .configure(admin::config)
            .default_service(web::to(|| async { Err::<(), _>(ApiError::NotFound) })),
    )
    .configure(health::config);
}

fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(JSON_LIMIT_BYTES)
        .error_handler(|error, _| {
            let api_error = match error {
                actix_web::error::JsonPayloadError::OverflowKnownLength { .. }
                | actix_web::error::JsonPayloadError::Overflow { .. } => ApiError::PayloadTooLarge,
                other => ApiError::BadRequest(other.to_string()),
            };
            api_error.into()
        })
}

fn query_config() -> web::QueryConfig {
    web::QueryConfig::default()
        .error_handler(|error, _| ApiError::BadRequest(error.to_string()).into())
}

fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|_, _| ApiError::NotFound.into())
}

/// Runs blocking database work off the async executor.
pub async fn with_conn<T, F>(pool: &web::Data<DbPool>, work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
{
    let pool = pool.clone();
    web::block(move || {
        let mut conn = pool.get()?;
        work(&mut conn)
    })
    .await?
}
