use actix_web::{HttpResponse, web};

use crate::admin;
use crate::auth::AuthUser;
use crate::db::DbPool;
use crate::db::ids::UserId;
use crate::db::users::Role;
use crate::error::ApiError;
use crate::routes::with_conn;

/// Disables an account of the admin's service; every sign-in of it ends at
/// once, access tokens included. An admin cannot disable themselves (so a
/// service is never left with nobody to undo a mistake by accident).
pub async fn disable_user(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Admin)?;
    let user = UserId(path.into_inner());
    if user == caller.id {
        return Err(ApiError::Forbidden);
    }
    with_conn(&pool, move |conn| {
        admin::disable_user(conn, Some(&caller.service), &user)?;
        super::audit(conn, &caller, &user, "disable_account")
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
