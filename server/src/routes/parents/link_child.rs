use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::link::{redeem, usable_code};
use crate::auth::AuthUser;
use crate::db::users::Role;
use crate::db::{DbPool, write};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Deserialize)]
pub struct LinkCode {
    code: String,
}

#[derive(Serialize)]
struct Linked {
    since: DateTime<Utc>,
}

/// A signed-in parent links another child with that child's code.
pub async fn link_child(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    body: web::Json<LinkCode>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Parent)?;
    let code = body.into_inner().code;
    let since = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            let stored = usable_code(conn, &code, now)?;
            if stored.service_id != caller.service.as_str() {
                // Nothing is used up: the parent can sign up there instead.
                return Err(ApiError::validation(
                    "code",
                    "other_service",
                    "This code is from another service. Sign up with it using another email.",
                ));
            }
            redeem(conn, &stored, &caller.id, now)
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(Linked {
        since: since.and_utc(),
    }))
}
