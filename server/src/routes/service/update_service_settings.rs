use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::SettingsView;
use crate::auth::AuthUser;
use crate::db::ids::UserId;
use crate::db::service_settings::ServiceSettings;
use crate::db::users::{self, Role};
use crate::db::{DbPool, service_settings, write};
use crate::error::ApiError;
use crate::routes::with_conn;

/// From five minutes to a week: shorter would escalate before anyone could
/// read it, longer would leave a disclosure unseen for too long.
const ESCALATION_MINUTES: std::ops::RangeInclusive<i32> = 5..=7 * 24 * 60;
/// Long enough to outlast a summer holiday; never longer than two years.
const RETENTION_MONTHS: std::ops::RangeInclusive<i32> = 3..=24;

#[derive(Deserialize)]
pub struct UpdateSettings {
    /// A worker or admin of this service; null for none.
    duty_contact_id: Option<String>,
    alert_escalation_minutes: i32,
    /// Months of inactivity after which a young person's shared data is
    /// deleted; 12 when not given.
    #[serde(default = "default_retention")]
    retention_months: i32,
}

fn default_retention() -> i32 {
    crate::db::service_settings::DEFAULT_RETENTION_MONTHS
}

pub async fn update_service_settings(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    body: web::Json<UpdateSettings>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Admin)?;
    let body = body.into_inner();
    if !ESCALATION_MINUTES.contains(&body.alert_escalation_minutes) {
        return Err(ApiError::validation(
            "alert_escalation_minutes",
            "out_of_range",
            format!(
                "Choose between {} and {} minutes.",
                ESCALATION_MINUTES.start(),
                ESCALATION_MINUTES.end()
            ),
        ));
    }
    if !RETENTION_MONTHS.contains(&body.retention_months) {
        return Err(ApiError::validation(
            "retention_months",
            "out_of_range",
            format!(
                "Choose between {} and {} months.",
                RETENTION_MONTHS.start(),
                RETENTION_MONTHS.end()
            ),
        ));
    }
    let saved = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            if let Some(duty) = &body.duty_contact_id {
                let acceptable = users::find(conn, &UserId(duty.clone()))?.is_some_and(|user| {
                    user.service() == caller.service
                        && user.is_active()
                        && matches!(user.role(), Role::Worker | Role::Admin)
                });
                if !acceptable {
                    return Err(ApiError::validation(
                        "duty_contact_id",
                        "unknown_duty_contact",
                        "The duty contact must be an active worker or admin of this service.",
                    ));
                }
            }
            let settings = ServiceSettings {
                service_id: caller.service.to_string(),
                duty_contact_id: body.duty_contact_id,
                alert_escalation_minutes: body.alert_escalation_minutes,
                retention_months: body.retention_months,
            };
            service_settings::save(conn, &settings)?;
            Ok(settings)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(SettingsView::from(saved)))
}
