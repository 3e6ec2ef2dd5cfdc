//! A parent's tip preferences: GET and PUT.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use lantern_core::{AgeBand, ValidationError, ValidationErrors};
use serde::{Deserialize, Serialize};

use crate::auth::AuthUser;
use crate::db::ids::UserId;
use crate::db::users::Role;
use crate::db::{AnyConnection, DbPool, notification_settings, tip_preferences, write};
use crate::error::ApiError;
use crate::notify::schedule::{Schedule, parse_time_zone};
use crate::parents::children_bands;
use crate::parents::preferences::{Preferences, PreferencesForm, weekday_name};
use crate::routes::with_conn;
use crate::tips::Topic;

#[derive(Serialize)]
struct PreferencesView {
    topics: Vec<Topic>,
    weekday: &'static str,
    time: String,
    frequency: &'static str,
    /// The parent's time zone (also in their notification settings).
    time_zone: String,
    /// The ages tips are picked for: those of the linked young people.
    age_bands: Vec<AgeBand>,
    /// When the next tip is due, or null when tips are off.
    next_at: Option<DateTime<Utc>>,
}

#[derive(Deserialize)]
pub struct PreferencesBody {
    #[serde(flatten)]
    form: PreferencesForm,
    /// Optional: changes the parent's time zone for everything.
    time_zone: Option<String>,
}

pub async fn get_tip_preferences(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Parent)?;
    let view = with_conn(&pool, move |conn| view_of(conn, &caller.id)).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Saves new preferences and works out the next send time from them, in
/// the parent's zone. Anything wrong: 422 naming each field, nothing saved.
pub async fn put_tip_preferences(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    body: web::Json<PreferencesBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Parent)?;
    let body = body.into_inner();
    let mut errors = Vec::new();
    let preferences = body.form.check().map_err(|e| errors.extend(e.0));
    let zone = match body.time_zone.as_deref() {
        None => Ok(None),
        Some(text) => parse_time_zone(text).map(Some).ok_or_else(|| {
            errors.push(ValidationError::new(
                "time_zone",
                "unknown_time_zone",
                "Use a time zone name such as Europe/London.",
            ))
        }),
    };
    let (Ok(preferences), Ok(zone)) = (preferences, zone) else {
        return Err(ValidationErrors(errors).into());
    };
    let view = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            let mut schedule = notification_settings::schedule_of(conn, &caller.id)?;
            if let Some(zone) = zone {
                schedule = Schedule {
                    time_zone: zone,
                    ..schedule
                };
                notification_settings::save(conn, &caller.id, &schedule, now)?;
            }
            let next = preferences.next_due(schedule.time_zone, now);
            tip_preferences::save(conn, &caller.id, &preferences, next, now)?;
            view_of(conn, &caller.id)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

fn view_of(conn: &mut AnyConnection, parent: &UserId) -> Result<PreferencesView, ApiError> {
    let row = tip_preferences::get(conn, parent)?;
    let preferences = row
        .as_ref()
        .map_or_else(Preferences::defaults, tip_preferences::Row::preferences);
    let zone = notification_settings::schedule_of(conn, parent)?.time_zone;
    Ok(PreferencesView {
        topics: preferences.topics.clone(),
        weekday: weekday_name(preferences.weekday),
        time: preferences.time.format("%H:%M").to_string(),
        frequency: preferences.frequency.as_str(),
        time_zone: zone.name().to_owned(),
        age_bands: children_bands(conn, parent)?,
        next_at: row.and_then(|r| r.next_due_at).map(|t| t.and_utc()),
    })
}
