use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::DirectoryView;
use crate::auth::AuthUser;
use crate::db::directory_services::DirectoryRow;
use crate::db::{DbPool, directory_services};
use crate::directory::{MAX_AGE, NEEDS};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Deserialize)]
pub struct Filters {
    need: Option<String>,
    age: Option<String>,
}

#[derive(Serialize)]
struct Directory {
    /// Changes whenever anything in `services` does; also the ETag.
    version: String,
    services: Vec<DirectoryView>,
}

fn helps_with(row: &DirectoryRow, need: Option<&str>) -> bool {
    need.is_none_or(|need| row.needs().iter().any(|n| n == need || n == "anything"))
}

fn for_age(row: &DirectoryRow, age: Option<i32>) -> bool {
    age.is_none_or(|age| (row.min_age..=row.max_age).contains(&age))
}

/// The directory for the caller: national services and, when signed in,
/// their service's own, filtered by need and age. A matching `If-None-Match` is answered
/// 304 with no body, so the app's cached copy stays.
pub async fn list_directory(
    pool: web::Data<DbPool>,
    query: web::Query<Filters>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let Filters { need, age } = query.into_inner();
    if let Some(need) = &need {
        if !NEEDS.contains(&need.as_str()) {
            return Err(ApiError::validation(
                "need",
                "unknown_need",
                format!("Use one of: {}.", NEEDS.join(", ")),
            ));
        }
    }
    let age = age
        .map(|age| {
            age.parse::<i32>()
                .ok()
                .filter(|age| (0..=MAX_AGE as i32).contains(age))
                .ok_or_else(|| {
                    ApiError::validation(
                        "age",
                        "age_out_of_range",
                        format!("Give an age from 0 to {MAX_AGE}."),
                    )
                })
        })
        .transpose()?;
    // Signed in: national services and the caller's service's own. Not
    // signed in (a young person without an account): national ones only.
    // A sign-in that is sent must be good, so an expired one is refreshed
    // rather than quietly answered with less.
    let service = if request.headers().contains_key(header::AUTHORIZATION) {
        Some(AuthUser::extract(&request).await?.service)
    } else {
        None
    };
    let rows = with_conn(&pool, move |conn| {
        Ok(directory_services::visible_to(conn, service.as_ref())?)
    })
    .await?;
    let services: Vec<DirectoryView> = rows
        .into_iter()
        .filter(|row| helps_with(row, need.as_deref()) && for_age(row, age))
        .map(DirectoryView::from)
        .collect();
    let bytes = serde_json::to_vec(&services).map_err(|e| ApiError::Internal(e.into()))?;
    let digest = Sha256::digest(&bytes);
    let version: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    let etag = format!("\"{version}\"");
    let unchanged = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.split(',').any(|tag| tag.trim() == etag));
    if unchanged {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .finish());
    }
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag))
        .json(Directory { version, services }))
}
