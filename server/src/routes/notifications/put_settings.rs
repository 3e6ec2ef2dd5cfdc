use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::auth::AuthUser;
use crate::db::{DbPool, notification_settings, write};
use lantern_core::{ValidationError, ValidationErrors};

use crate::error::ApiError;
use crate::notify::schedule::{QuietHours, Schedule, parse_clock_time, parse_time_zone};
use crate::routes::with_conn;

#[derive(Serialize, Deserialize)]
pub struct SettingsBody {
    /// An IANA zone name, "Europe/London".
    time_zone: String,
    /// Local wall-clock times; None means no quiet hours.
    quiet_hours: Option<QuietHoursBody>,
}

#[derive(Serialize, Deserialize)]
pub struct QuietHoursBody {
    start: String,
    end: String,
}

impl From<&Schedule> for SettingsBody {
    fn from(schedule: &Schedule) -> Self {
        SettingsBody {
            time_zone: schedule.time_zone.name().to_owned(),
            quiet_hours: schedule.quiet.map(|quiet| QuietHoursBody {
                start: quiet.start.format("%H:%M").to_string(),
                end: quiet.end.format("%H:%M").to_string(),
            }),
        }
    }
}

impl SettingsBody {
    fn check(&self) -> Result<Schedule, ValidationErrors> {
        let mut errors: Vec<ValidationError> = Vec::new();
        let time_zone = parse_time_zone(&self.time_zone);
        if time_zone.is_none() {
            errors.push(ValidationError::new(
                "time_zone",
                "unknown_time_zone",
                "Use a time zone name such as Europe/London.",
            ));
        }
        let mut quiet = None;
        if let Some(hours) = &self.quiet_hours {
            let start = parse_clock_time(&hours.start);
            let end = parse_clock_time(&hours.end);
            if start.is_none() {
                errors.push(ValidationError::new(
                    "quiet_hours.start",
                    "invalid_time",
                    "Write the time as HH:MM, like 21:00.",
                ));
            }
            if end.is_none() {
                errors.push(ValidationError::new(
                    "quiet_hours.end",
                    "invalid_time",
                    "Write the time as HH:MM, like 07:00.",
                ));
            }
            if let (Some(start), Some(end)) = (start, end) {
                if start == end {
                    errors.push(ValidationError::new(
                        "quiet_hours.end",
                        "empty_quiet_hours",
                        "Quiet hours must start and end at different times.",
                    ));
                }
                quiet = Some(QuietHours { start, end });
            }
        }
        match time_zone {
            Some(time_zone) if errors.is_empty() => Ok(Schedule { time_zone, quiet }),
            _ => Err(ValidationErrors(errors)),
        }
    }
}

pub async fn put_settings(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    body: web::Json<SettingsBody>,
) -> Result<HttpResponse, ApiError> {
    let schedule = body.check()?;
    with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            notification_settings::save(conn, &caller.id, &schedule, now)?;
            // A parent's tips follow their clock to the new zone.
            crate::parents::reschedule(conn, &caller.id, now).map_err(ApiError::from)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(SettingsBody::from(&schedule)))
}
