use actix_web::{HttpResponse, web};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::auth::AuthUser;
use crate::auth::secrets::{invite_code_hash, new_invite_code};
use crate::db::users::Role;
use crate::db::{DbPool, parent_link_codes, write};
use crate::error::ApiError;
use crate::routes::with_conn;

/// Long enough to hand over at home and for the parent to get round to
/// it; short enough that a code left lying about goes stale.
const LINK_CODE_DAYS: i64 = 7;

#[derive(Serialize)]
struct CreatedCode {
    code: String,
    expires_at: DateTime<Utc>,
}

/// A young person makes a one-time code to give a parent or carer.
pub async fn create_link_code(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::YoungPerson)?;
    let created = with_conn(&pool, move |conn| {
        let code = new_invite_code()?;
        let now = Utc::now();
        let expires_at = now + Duration::days(LINK_CODE_DAYS);
        write(conn, |conn| {
            parent_link_codes::create(
                conn,
                &invite_code_hash(&code),
                &caller.service,
                &caller.id,
                now.naive_utc(),
                expires_at.naive_utc(),
            )
        })?;
        Ok(CreatedCode { code, expires_at })
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}
