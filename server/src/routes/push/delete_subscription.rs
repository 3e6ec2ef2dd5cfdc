use actix_web::{HttpResponse, web};

use crate::auth::AuthUser;
use crate::db::{DbPool, push_subscriptions, write};
use crate::error::ApiError;
use crate::routes::with_conn;

pub async fn delete_subscription(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let deleted = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            push_subscriptions::delete_own(conn, &caller.id, &id).map_err(ApiError::from)
        })
    })
    .await?;
    if !deleted {
        return Err(ApiError::NotFound);
    }
    Ok(HttpResponse::NoContent().finish())
}
