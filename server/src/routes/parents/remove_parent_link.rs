use actix_web::{HttpResponse, web};

use crate::auth::AuthUser;
use crate::db::users::Role;
use crate::db::{DbPool, parent_links, write};
use crate::error::ApiError;
use crate::routes::with_conn;

/// The young person removes a parent's link: from now on that parent gets
/// nothing that comes from them. Tips already sent stay with the parent.
pub async fn remove_parent_link(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::YoungPerson)?;
    let link_id = path.into_inner();
    let removed = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            Ok(parent_links::remove(conn, &caller.id, &link_id)?)
        })
    })
    .await?;
    if removed {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(ApiError::NotFound)
    }
}
