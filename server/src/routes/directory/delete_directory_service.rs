use actix_web::{HttpResponse, web};

use crate::auth::AuthUser;
use crate::db::users::Role;
use crate::db::{DbPool, directory_services};
use crate::error::ApiError;
use crate::routes::with_conn;

/// An admin removes one of their service's own entries. Signposts already
/// sent keep the service's name.
pub async fn delete_directory_service(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Admin)?;
    let id = path.into_inner();
    let deleted = with_conn(&pool, move |conn| {
        Ok(directory_services::delete_own(conn, &caller.service, &id)?)
    })
    .await?;
    if !deleted {
        return Err(ApiError::NotFound);
    }
    Ok(HttpResponse::NoContent().finish())
}
