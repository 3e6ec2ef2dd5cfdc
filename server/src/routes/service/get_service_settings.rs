use actix_web::{HttpResponse, web};

use super::SettingsView;
use crate::auth::AuthUser;
use crate::db::users::Role;
use crate::db::{DbPool, service_settings};
use crate::error::ApiError;
use crate::routes::with_conn;

pub async fn get_service_settings(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Admin)?;
    let settings = with_conn(&pool, move |conn| {
        Ok(service_settings::get(conn, &caller.service)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(SettingsView::from(settings)))
}
