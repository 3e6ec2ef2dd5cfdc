use actix_web::{HttpResponse, web};
use diesel::RunQueryDsl;
use serde_json::json;

use super::with_conn;
use crate::db::DbPool;
use crate::error::ApiError;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(healthz))
        .route("/readyz", web::get().to(readyz));
}

/// The process is up.
async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// The database answers.
async fn readyz(pool: web::Data<DbPool>) -> Result<HttpResponse, ApiError> {
    with_conn(&pool, |conn| {
        diesel::sql_query("SELECT 1")
            .execute(conn)
            .map_err(|_| ApiError::NotReady)
    })
    .await
    .map_err(|error| match error {
        ApiError::Internal(_) => ApiError::NotReady,
        other => other,
    })?;
    Ok(HttpResponse::Ok().json(json!({ "status": "ready" })))
}
