use actix_web::{HttpResponse, web};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::auth::AuthUser;
use crate::auth::secrets::{invite_code_hash, new_invite_code};
use crate::db::users::Role;
use crate::db::{DbPool, invites, write};
use crate::error::ApiError;
use crate::routes::with_conn;

/// Long enough to pass on at the next session, short enough that a code
/// left on a note goes stale.
const INVITE_LIFETIME_DAYS: i64 = 14;

#[derive(Serialize)]
struct CreatedInvite {
    code: String,
    expires_at: DateTime<Utc>,
}

pub async fn create_invite(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Worker)?;
    let invite = with_conn(&pool, move |conn| {
        let code = new_invite_code()?;
        let now = Utc::now();
        let expires_at = now + Duration::days(INVITE_LIFETIME_DAYS);
        write(conn, |conn| {
            invites::create(
                conn,
                &invite_code_hash(&code),
                &caller.service,
                &caller.id,
                now.naive_utc(),
                expires_at.naive_utc(),
            )
        })?;
        Ok(CreatedInvite { code, expires_at })
    })
    .await?;
    Ok(HttpResponse::Created().json(invite))
}
