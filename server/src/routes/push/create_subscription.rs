use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Serialize;

use crate::auth::AuthUser;
use crate::db::{DbPool, push_subscriptions, write};
use crate::error::ApiError;
use crate::notify::subscription::{PushOrigins, SubscriptionInput};
use crate::routes::with_conn;

#[derive(Serialize)]
struct Created {
    id: String,
}

pub async fn create_subscription(
    pool: web::Data<DbPool>,
    origins: web::Data<PushOrigins>,
    caller: AuthUser,
    body: web::Json<SubscriptionInput>,
) -> Result<HttpResponse, ApiError> {
    let subscription = body
        .into_inner()
        .check(&origins)
        .map_err(|refusal| ApiError::validation(refusal.field, refusal.code, refusal.message))?;
    let id = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            push_subscriptions::upsert(
                conn,
                Some(&caller.id),
                &subscription,
                Utc::now().naive_utc(),
            )
            .map_err(ApiError::from)
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(Created { id }))
}
