use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::auth::EnrollingUser;
use crate::auth::sessions::SessionUser;
use crate::db::{DbPool, totp_credentials, users};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Serialize)]
struct Me {
    #[serde(flatten)]
    user: SessionUser,
    /// Staff only: whether two-step sign-in is on, so their settings can say.
    #[serde(skip_serializing_if = "Option::is_none")]
    totp_enabled: Option<bool>,
}

/// Open to enrolment-only sessions too, so the client knows who is signed in.
pub async fn get_me(
    pool: web::Data<DbPool>,
    caller: EnrollingUser,
) -> Result<HttpResponse, ApiError> {
    let caller = caller.user;
    let me = with_conn(&pool, move |conn| {
        let user = users::find(conn, &caller.id)?
            .filter(|user| user.is_active())
            .ok_or(ApiError::Unauthenticated)?;
        let totp_enabled = if user.role().is_staff() {
            let credential = totp_credentials::find(conn, &caller.id)?;
            Some(credential.is_some_and(|credential| credential.is_enabled()))
        } else {
            None
        };
        Ok(Me {
            user: SessionUser::from(&user),
            totp_enabled,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(me))
}
