use actix_web::{HttpResponse, web};

use super::put_settings::SettingsBody;
use crate::auth::AuthUser;
use crate::db::{DbPool, notification_settings};
use crate::error::ApiError;
use crate::routes::with_conn;

pub async fn get_settings(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    let schedule = with_conn(&pool, move |conn| {
        Ok(notification_settings::schedule_of(conn, &caller.id)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(SettingsBody::from(&schedule)))
}
