use actix_web::{HttpResponse, web};
use chrono::Utc;
use lantern_core::ValidationErrors;

use super::DirectoryView;
use crate::auth::AuthUser;
use crate::db::ids::new_row_id;
use crate::db::users::Role;
use crate::db::{DbPool, directory_services, write};
use crate::directory::{Draft, check};
use crate::error::ApiError;
use crate::routes::with_conn;

/// An admin adds a service to their service's own directory.
pub async fn create_directory_service(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    body: web::Json<Draft>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Admin)?;
    let draft = check(body.into_inner()).map_err(ValidationErrors)?;
    let row = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let id = new_row_id();
            let now = Utc::now().naive_utc();
            directory_services::insert(conn, &id, Some(&caller.service), &draft, None, now)?;
            directory_services::find(conn, &id)?.ok_or(ApiError::NotFound)
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(DirectoryView::from(row)))
}
