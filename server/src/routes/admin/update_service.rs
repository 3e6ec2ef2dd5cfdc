use actix_web::{HttpResponse, web};
use serde::{Deserialize, Deserializer};

use super::ServiceView;
use crate::auth::AuthUser;
use crate::db::ids::UserId;
use crate::db::users::{self, Role};
use crate::db::{DbPool, service_settings, services, write};
use crate::error::ApiError;
use crate::routes::with_conn;

/// From five minutes to a week: shorter would escalate before anyone could
/// read it, longer would leave a disclosure unseen for too long.
const ESCALATION_MINUTES: std::ops::RangeInclusive<i32> = 5..=7 * 24 * 60;
/// Long enough to outlast a summer holiday; never longer than two years.
const RETENTION_MONTHS: std::ops::RangeInclusive<i32> = 3..=24;

/// Any of the service's settings; those left out stay as they are.
#[derive(Deserialize)]
pub struct ServiceChange {
    /// Staff must sign in with a TOTP code; those not enrolled get a
    /// session that can only enrol.
    require_totp: Option<bool>,
    /// A worker or admin of this service who is told of alerts nobody
    /// acknowledged in time; null for none.
    #[serde(default, deserialize_with = "present")]
    duty_contact_id: Option<Option<String>>,
    alert_escalation_minutes: Option<i32>,
    /// Months without use after which a young person's shared data is deleted.
    retention_months: Option<i32>,
}

/// Tells a field sent as null (Some(None)) from one left out (None).
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

pub async fn update_service(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    body: web::Json<ServiceChange>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Admin)?;
    let change = body.into_inner();
    if let Some(minutes) = change.alert_escalation_minutes {
        if !ESCALATION_MINUTES.contains(&minutes) {
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
    }
    if let Some(months) = change.retention_months {
        if !RETENTION_MONTHS.contains(&months) {
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
    }
    let view = with_conn(&pool, move |conn| {
        // One transaction: a refused field leaves every setting as it was.
        write(conn, |conn| {
            let mut settings = service_settings::get(conn, &caller.service)?;
            if let Some(duty) = change.duty_contact_id {
                if let Some(id) = &duty {
                    let acceptable = users::find(conn, &UserId(id.clone()))?.is_some_and(|user| {
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
                settings.duty_contact_id = duty;
            }
            if let Some(minutes) = change.alert_escalation_minutes {
                settings.alert_escalation_minutes = minutes;
            }
            if let Some(months) = change.retention_months {
                settings.retention_months = months;
            }
            if let Some(require_totp) = change.require_totp {
                services::set_require_totp(conn, &caller.service, require_totp)?;
            }
            service_settings::save(conn, &settings)?;
            let service = services::find(conn, &caller.service)?.ok_or(ApiError::NotFound)?;
            Ok(ServiceView::new(service.require_totp, settings))
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}
