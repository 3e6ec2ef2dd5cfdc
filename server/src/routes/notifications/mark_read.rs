use actix_web::{HttpResponse, web};
use chrono::Utc;

use crate::auth::AuthUser;
use crate::db::{DbPool, notifications, write};
use crate::error::ApiError;
use crate::routes::with_conn;

pub async fn mark_read(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let found = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            notifications::mark_read(conn, &caller.id, &id, Utc::now().naive_utc())
                .map_err(ApiError::from)
        })
    })
    .await?;
    if !found {
        return Err(ApiError::NotFound);
    }
    Ok(HttpResponse::NoContent().finish())
}
