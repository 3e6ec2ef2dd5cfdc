use actix_web::{HttpResponse, web};
use chrono::Utc;
use lantern_core::{ValidationError, ValidationErrors};
use serde::Deserialize;

use super::when::{MaybeSignedIn, ReminderView, WhenInput};
use crate::auth::secrets::{new_token, sha256_hex};
use crate::db::ids::new_row_id;
use crate::db::reminders::{self, NewReminder};
use crate::db::{DbPool, notification_settings, push_subscriptions, write};
use crate::error::ApiError;
use crate::notify::subscription::{PushOrigins, SubscriptionInput};
use crate::routes::with_conn;

#[derive(Deserialize)]
pub struct CreateBody {
    subscription: SubscriptionInput,
    #[serde(flatten)]
    when: WhenInput,
}

pub async fn create_reminder(
    pool: web::Data<DbPool>,
    origins: web::Data<PushOrigins>,
    caller: MaybeSignedIn,
    body: web::Json<CreateBody>,
) -> Result<HttpResponse, ApiError> {
    let CreateBody { subscription, when } = body.into_inner();
    let owner = caller.0.map(|user| user.id);
    let subscription = subscription.check(&origins).map_err(|refusal| {
        ValidationError::new(
            format!("subscription.{}", refusal.field),
            refusal.code,
            refusal.message,
        )
    });
    let secret = new_token().map_err(ApiError::Internal)?;
    let secret_hash = sha256_hex(&secret);
    let mut view = with_conn(&pool, move |conn| {
        let now = Utc::now().naive_utc();
        let schedule = match &owner {
            Some(owner) => Some(notification_settings::schedule_of(conn, owner)?),
            None => None,
        };
        // Every field's problem at once: the subscription's and the time's.
        let checked = when.check(schedule.as_ref(), now);
        let (subscription, (daily, next)) = match (subscription, checked) {
            (Ok(subscription), Ok(checked)) => (subscription, checked),
            (subscription, checked) => {
                let errors = subscription
                    .err()
                    .into_iter()
                    .chain(checked.err().into_iter().flat_map(|found| found.0))
                    .collect();
                return Err(ValidationErrors(errors).into());
            }
        };
        write(conn, |conn| {
            let subscription_id =
                push_subscriptions::upsert(conn, owner.as_ref(), &subscription, now)?;
            let id = new_row_id();
            reminders::replace(
                conn,
                NewReminder {
                    id: &id,
                    subscription_id: &subscription_id,
                    secret_hash: &secret_hash,
                    local_time: &daily.time_text(),
                    time_zone: daily.zone.name(),
                    next_due_at: next,
                },
            )?;
            Ok::<_, ApiError>(ReminderView::new(id, &daily, next))
        })
    })
    .await?;
    view.secret = Some(secret);
    Ok(HttpResponse::Created().json(view))
}
