use actix_web::{HttpResponse, web};

use super::consent_list;
use crate::auth::AuthUser;
use crate::db::users::Role;
use crate::db::{DbPool, consents};
use crate::error::ApiError;
use crate::routes::with_conn;

pub async fn list_consents(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::YoungPerson)?;
    let grants = with_conn(&pool, move |conn| {
        Ok(consents::current_grants(conn, &caller.id)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(consent_list(&grants)))
}
