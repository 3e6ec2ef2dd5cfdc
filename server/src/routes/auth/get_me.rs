use actix_web::{HttpResponse, web};

use crate::auth::AuthUser;
use crate::auth::sessions::SessionUser;
use crate::db::{DbPool, users};
use crate::error::ApiError;
use crate::routes::with_conn;

pub async fn get_me(pool: web::Data<DbPool>, caller: AuthUser) -> Result<HttpResponse, ApiError> {
    let user = with_conn(&pool, move |conn| {
        users::find(conn, &caller.id)?
            .filter(|user| user.is_active())
            .ok_or(ApiError::Unauthenticated)
    })
    .await?;
    Ok(HttpResponse::Ok().json(SessionUser::from(&user)))
}
