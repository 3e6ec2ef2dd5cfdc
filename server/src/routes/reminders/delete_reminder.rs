use actix_web::{HttpRequest, HttpResponse, web};

use super::when::secret_hash_of;
use crate::db::{DbPool, reminders, write};
use crate::error::ApiError;
use crate::routes::with_conn;

/// Deletes the reminder and any push of it still queued. A device with no
/// account gave its subscription only for the reminder, so that goes too;
/// a signed-in browser keeps its subscription for everything else.
pub async fn delete_reminder(
    pool: web::Data<DbPool>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let secret_hash = secret_hash_of(&req);
    with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let (reminder, owner) =
                reminders::find_with_secret(conn, &id, &secret_hash)?.ok_or(ApiError::NotFound)?;
            reminders::delete(conn, &reminder, owner.is_none())?;
            Ok(())
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
