use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use crate::auth::sessions;
use crate::db::{DbPool, write};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Deserialize)]
pub struct LogOut {
    refresh_token: String,
}

pub async fn log_out(
    pool: web::Data<DbPool>,
    body: web::Json<LogOut>,
) -> Result<HttpResponse, ApiError> {
    let token = body.into_inner().refresh_token;
    with_conn(&pool, move |conn| {
        write(conn, |conn| sessions::end(conn, &token, Utc::now()))
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
