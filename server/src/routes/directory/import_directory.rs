use actix_web::{HttpResponse, web};
use chrono::Utc;
use lantern_core::ValidationErrors;
use serde::Serialize;

use crate::auth::AuthUser;
use crate::db::ids::new_row_id;
use crate::db::users::Role;
use crate::db::{DbPool, directory_services, write};
use crate::directory::csv::{self, Rejected};
use crate::error::ApiError;
use crate::routes::with_conn;

/// A file of about a thousand services.
const MAX_BYTES: usize = 256 * 1024;

#[derive(Serialize)]
struct Imported {
    /// Good rows stored: `added` new, `updated` replacing an entry of the
    /// same name and area.
    imported: usize,
    added: usize,
    updated: usize,
    rejected: Vec<Rejected>,
}

/// An admin adds services to their directory from a CSV file. Every row is
/// checked on its own: the good ones are stored together, the bad ones are
/// named by line with what is wrong. A wrong header refuses the file. A row
/// naming one of the service's own entries (same name and area) updates
/// it, so importing a corrected file again adds no copies.
pub async fn import_directory(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Admin)?;
    let bytes = payload
        .to_bytes_limited(MAX_BYTES)
        .await
        .map_err(|_| ApiError::PayloadTooLarge)?
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let text = String::from_utf8(bytes.to_vec())
        .map_err(|_| ApiError::BadRequest("the file is not UTF-8 text".into()))?;
    let (good, rejected) =
        csv::read(&text).map_err(|error| ApiError::Validation(ValidationErrors(vec![error])))?;
    let imported = good.len();
    let updated = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            let mut updated = 0;
            for draft in &good {
                match directory_services::find_own_named(
                    conn,
                    &caller.service,
                    &draft.name,
                    &draft.area,
                )? {
                    Some(id) => {
                        directory_services::update(conn, &id, draft, now)?;
                        updated += 1;
                    }
                    None => directory_services::insert(
                        conn,
                        &new_row_id(),
                        Some(&caller.service),
                        draft,
                        None,
                        now,
                    )?,
                }
            }
            Ok::<_, ApiError>(updated)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(Imported {
        imported,
        added: imported - updated,
        updated,
        rejected,
    }))
}
