//! What every reminder request shares: checking the time and zone against
//! quiet hours, the device's secret, and the caller who may be signed in.

use std::future::Future;
use std::pin::Pin;

use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header};
use chrono::{DateTime, NaiveDateTime, Utc};
use lantern_core::{ValidationError, ValidationErrors};
use serde::{Deserialize, Serialize};

use crate::auth::AuthUser;
use crate::auth::secrets::sha256_hex;
use crate::error::ApiError;
use crate::notify::daily::Daily;
use crate::notify::schedule::{QuietHours, Schedule, parse_clock_time, parse_time_zone};

/// When the reminder should come, as the device sends it.
#[derive(Debug, Deserialize)]
pub struct WhenInput {
    /// Local wall-clock time, "HH:MM".
    pub time: String,
    /// The device's IANA zone, "Europe/London".
    pub time_zone: String,
    /// A device with no account asks for a time between 21:00 and 07:00
    /// only by saying so; someone signed in changes their quiet hours.
    #[serde(default)]
    pub allow_night: bool,
}

impl WhenInput {
    /// The checked time and its first occurrence after `now`. `owner` is
    /// the quiet-hours schedule of the account the device belongs to.
    pub fn check(
        &self,
        owner: Option<&Schedule>,
        now: NaiveDateTime,
    ) -> Result<(Daily, NaiveDateTime), ValidationErrors> {
        let mut errors = Vec::new();
        let time = parse_clock_time(&self.time);
        if time.is_none() {
            errors.push(ValidationError::new(
                "time",
                "invalid_time",
                "Write the time as HH:MM, like 17:00.",
            ));
        }
        let zone = parse_time_zone(&self.time_zone);
        if zone.is_none() {
            errors.push(ValidationError::new(
                "time_zone",
                "unknown_time_zone",
                "Use a time zone name such as Europe/London.",
            ));
        }
        let (Some(time), Some(zone)) = (time, zone) else {
            return Err(ValidationErrors(errors));
        };
        let daily = Daily { zone, time };
        let next = daily.next_after(now);
        let quiet = match owner {
            Some(schedule) => schedule.next_allowed(next) != next,
            None => !self.allow_night && QuietHours::night().contains(time),
        };
        if quiet {
            let message = if owner.is_some() {
                "That time is in your quiet hours. Pick another time, or change your quiet hours first."
            } else {
                "That is at night (21:00 to 07:00). Pick a time in the day, or say you really want it then."
            };
            return Err(ValidationErrors::one("time", "in_quiet_hours", message));
        }
        Ok((daily, next))
    }
}

/// What the device is told about its reminder.
#[derive(Serialize)]
pub struct ReminderView {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    pub time: String,
    pub time_zone: String,
    pub next_at: DateTime<Utc>,
}

impl ReminderView {
    pub fn new(id: String, daily: &Daily, next: NaiveDateTime) -> ReminderView {
        ReminderView {
            id,
            secret: None,
            time: daily.time_text(),
            time_zone: daily.zone.name().to_owned(),
            next_at: next.and_utc(),
        }
    }
}

/// The hash of the secret the request carries; a missing one hashes to
/// something no reminder has, so it is answered like a wrong one.
pub fn secret_hash_of(req: &HttpRequest) -> String {
    let secret = req
        .headers()
        .get(super::SECRET_HEADER)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .trim();
    sha256_hex(secret)
}

/// The caller if the request carries a sign-in. A sign-in that is there
/// but no longer valid is refused rather than read as "no account", so a
/// device never loses track of whose it is by an expired token.
pub struct MaybeSignedIn(pub Option<AuthUser>);

impl FromRequest for MaybeSignedIn {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if !req.headers().contains_key(header::AUTHORIZATION) {
            return Box::pin(async { Ok(MaybeSignedIn(None)) });
        }
        let caller = AuthUser::from_request(req, payload);
        Box::pin(async move { caller.await.map(|user| MaybeSignedIn(Some(user))) })
    }
}
