use actix_web::{HttpResponse, web};

use super::ServiceView;
use crate::auth::AuthUser;
use crate::db::users::Role;
use crate::db::{DbPool, service_settings, services};
use crate::error::ApiError;
use crate::routes::with_conn;

/// The settings an admin chooses for their service.
pub async fn get_service(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Admin)?;
    let view = with_conn(&pool, move |conn| {
        let service = services::find(conn, &caller.service)?.ok_or(ApiError::NotFound)?;
        let settings = service_settings::get(conn, &caller.service)?;
        Ok(ServiceView::new(service.require_totp, settings))
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}
