use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::db::{DbPool, vapid_keys};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Serialize)]
struct VapidPublicKey {
    /// base64url, for `pushManager.subscribe({applicationServerKey})`.
    public_key: String,
}

pub async fn get_vapid_public_key(pool: web::Data<DbPool>) -> Result<HttpResponse, ApiError> {
    let row = with_conn(&pool, |conn| {
        vapid_keys::current(conn).map_err(ApiError::from)
    })
    .await?;
    // Start-up makes the key, so it is always there.
    let row = row.ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no VAPID key")))?;
    Ok(HttpResponse::Ok().json(VapidPublicKey {
        public_key: row.public_key,
    }))
}
