use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use crate::auth::secrets::invite_code_hash;
use crate::auth::sessions;
use crate::auth::tokens::TokenKeys;
use crate::db::ids::UserId;
use crate::db::users::{self, Role};
use crate::db::{DbPool, relink_codes, write};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Deserialize)]
pub struct Relink {
    code: String,
}

/// Signs the young person in on a new phone. Every earlier sign-in (the
/// lost phone's included, access tokens too) ends at once.
pub async fn redeem_relink_code(
    pool: web::Data<DbPool>,
    keys: web::Data<TokenKeys>,
    body: web::Json<Relink>,
) -> Result<HttpResponse, ApiError> {
    let code = body.into_inner().code;
    let session = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now();
            let stored =
                relink_codes::find_usable(conn, &invite_code_hash(&code), now.naive_utc())?
                    .ok_or(ApiError::InvalidRelinkCode)?;
            let young_person = UserId(stored.young_person_id.clone());
            let user = users::find(conn, &young_person)?
                .filter(|user| user.is_active() && user.role() == Role::YoungPerson)
                .ok_or(ApiError::InvalidRelinkCode)?;
            if !relink_codes::mark_used(conn, &stored.id, now.naive_utc())? {
                return Err(ApiError::InvalidRelinkCode);
            }
            sessions::end_all(conn, &young_person, None, now)?;
            sessions::start(conn, &keys, &user, now)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(session))
}
