use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::admin;
use crate::auth::AuthUser;
use crate::db::DbPool;
use crate::db::users::Role;
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Deserialize, Serialize)]
pub struct ServiceSettings {
    /// Staff must sign in with a TOTP code; those not enrolled get a
    /// session that can only enrol.
    require_totp: bool,
}

pub async fn update_service(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    body: web::Json<ServiceSettings>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Admin)?;
    let settings = body.into_inner();
    let require_totp = settings.require_totp;
    with_conn(&pool, move |conn| {
        Ok(admin::set_require_totp(
            conn,
            &caller.service,
            require_totp,
        )?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(settings))
}
