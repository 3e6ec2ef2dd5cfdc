use actix_web::{HttpResponse, web};

use crate::admin;
use crate::auth::AuthUser;
use crate::db::DbPool;
use crate::db::ids::UserId;
use crate::db::users::Role;
use crate::error::ApiError;
use crate::routes::with_conn;

/// Turns a disabled account of the admin's service back on, for a mistake
/// or someone returning; it signs in afresh.
pub async fn enable_user(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Admin)?;
    let user = UserId(path.into_inner());
    with_conn(&pool, move |conn| {
        admin::enable_user(conn, Some(&caller.service), &user)?;
        super::audit(conn, &caller, &user, "enable_account")
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
