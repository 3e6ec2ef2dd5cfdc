//! HTTP routes: one module per resource, one file per action. Each module
//! declares its `endpoints`; they are mounted under `/api/v1` here and
//! described by the OpenAPI document at `/api/openapi.json`.

mod admin;
mod alerts;
mod auth;
mod caseload;
mod consents;
pub(crate) mod directory;
mod encouragements;
pub mod endpoint;
mod groups;
pub mod health;
mod invites;
mod join;
mod me;
pub mod notifications;
pub mod openapi;
pub(crate) mod parents;
mod push;
mod relink_codes;
pub mod reminders;
mod reports;
pub(crate) mod signposts;
mod sync;
mod totp;
mod young_people;

use actix_web::web;
use endpoint::Endpoint;

use crate::db::{AnyConnection, DbPool};
use crate::error::ApiError;

/// Bodies other than sync batches are small forms.
const JSON_LIMIT_BYTES: usize = 16 * 1024;

/// Every API operation, in the order the document lists them.
pub fn endpoints() -> Vec<Endpoint> {
    [
        auth::endpoints(),
        totp::endpoints(),
        join::endpoints(),
        relink_codes::endpoints(),
        consents::endpoints(),
        sync::endpoints(),
        me::endpoints(),
        alerts::endpoints(),
        notifications::endpoints(),
        encouragements::endpoints(),
        push::endpoints(),
        reminders::endpoints(),
        parents::endpoints(),
        invites::endpoints(),
        caseload::endpoints(),
        young_people::endpoints(),
        directory::endpoints(),
        reports::endpoints(),
        groups::endpoints(),
        signposts::endpoints(),
        admin::endpoints(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub fn config(cfg: &mut web::ServiceConfig) {
    let endpoints = endpoints();
    cfg.service(
        web::scope("/api/v1")
            .app_data(json_config())
            .app_data(path_config())
            .app_data(query_config())
            .configure(|cfg| endpoint::mount_all(&endpoints, cfg))
            .default_service(web::to(|| async { Err::<(), _>(ApiError::NotFound) })),
    )
    .route("/api/openapi.json", web::get().to(openapi::get_openapi))
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
