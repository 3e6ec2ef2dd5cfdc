use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use super::when::{ReminderView, WhenInput, secret_hash_of};
use crate::db::ids::UserId;
use crate::db::{DbPool, notification_settings, reminders, write};
use crate::error::ApiError;
use crate::routes::with_conn;

pub async fn change_reminder(
    pool: web::Data<DbPool>,
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Json<WhenInput>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let secret_hash = secret_hash_of(&req);
    let view = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            let (_, owner) =
                reminders::find_with_secret(conn, &id, &secret_hash)?.ok_or(ApiError::NotFound)?;
            let schedule = match owner {
                Some(owner) => Some(notification_settings::schedule_of(conn, &UserId(owner))?),
                None => None,
            };
            let (daily, next) = body.check(schedule.as_ref(), now)?;
            reminders::reschedule(conn, &id, &daily.time_text(), daily.zone.name(), next)?;
            Ok(ReminderView::new(id, &daily, next))
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}
