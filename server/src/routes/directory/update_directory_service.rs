use actix_web::{HttpResponse, web};
use chrono::Utc;
use lantern_core::ValidationErrors;
use serde_json::Value;

use super::DirectoryView;
use crate::auth::AuthUser;
use crate::db::users::Role;
use crate::db::{DbPool, directory_services, write};
use crate::directory::{Draft, check};
use crate::error::ApiError;
use crate::routes::with_conn;

/// An admin changes one of their service's own entries: the fields sent
/// replace those stored (null clears a phone, text number or website) and
/// the whole entry is checked again. National entries are 404 here.
pub async fn update_directory_service(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Admin)?;
    let Value::Object(change) = body.into_inner() else {
        return Err(ApiError::BadRequest("send an object of fields".into()));
    };
    let id = path.into_inner();
    let row = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let row = directory_services::find(conn, &id)?
                .filter(|row| row.service_id.as_deref() == Some(caller.service.as_str()))
                .ok_or(ApiError::NotFound)?;
            let mut merged =
                serde_json::to_value(row.draft()).map_err(|e| ApiError::Internal(e.into()))?;
            for (field, value) in change {
                merged[field] = value;
            }
            let draft: Draft =
                serde_json::from_value(merged).map_err(|e| ApiError::BadRequest(e.to_string()))?;
            let draft = check(draft).map_err(ValidationErrors)?;
            directory_services::update(conn, &id, &draft, Utc::now().naive_utc())?;
            directory_services::find(conn, &id)?.ok_or(ApiError::NotFound)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(DirectoryView::from(row)))
}
