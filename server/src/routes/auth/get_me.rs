use actix_web::{HttpResponse, web};

use crate::auth::EnrollingUser;
use crate::auth::sessions::SessionUser;
use crate::db::{DbPool, users};
use crate::error::ApiError;
use crate::routes::with_conn;

/// Open to enrolment-only sessions too, so the client knows who is signed in.
pub async fn get_me(
    pool: web::Data<DbPool>,
    caller: EnrollingUser,
) -> Result<HttpResponse, ApiError> {
    let caller = caller.user;
    let user = with_conn(&pool, move |conn| {
        users::find(conn, &caller.id)?
            .filter(|user| user.is_active())
            .ok_or(ApiError::Unauthenticated)
    })
    .await?;
    Ok(HttpResponse::Ok().json(SessionUser::from(&user)))
}
