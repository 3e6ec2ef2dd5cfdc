use actix_web::{HttpResponse, web};
use chrono::Utc;
use lantern_core::{ValidationError, ValidationErrors};
use serde::Deserialize;

use super::link::{redeem, usable_code};
use crate::admin::looks_like_email;
use crate::auth::passwords;
use crate::auth::sessions;
use crate::auth::tokens::TokenKeys;
use crate::db::ids::{UserId, new_row_id};
use crate::db::users::{self, NewUser, Role};
use crate::db::{DbPool, notification_settings, tip_preferences, write};
use crate::error::ApiError;
use crate::parents::preferences::Preferences;
use crate::routes::with_conn;

const NAME_MAX_CHARS: usize = 100;

#[derive(Deserialize)]
pub struct ParentJoin {
    code: String,
    email: String,
    password: String,
    display_name: String,
}

/// A parent or carer signs up with a young person's link code: an account
/// in the young person's service, linked to them, with weekly tips on the
/// everyday topics until they choose otherwise. Answers a session.
pub async fn join_as_parent(
    pool: web::Data<DbPool>,
    keys: web::Data<TokenKeys>,
    body: web::Json<ParentJoin>,
) -> Result<HttpResponse, ApiError> {
    let join = body.into_inner();
    let (email, display_name) = validate(&join)?;
    let hash = passwords::hash(&join.password)?;
    let session = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now();
            // The code first: without one, nobody learns which emails exist.
            let code = usable_code(conn, &join.code, now.naive_utc())?;
            if users::find_by_email(conn, &email)?.is_some() {
                return Err(ApiError::EmailTaken);
            }
            let id = UserId(new_row_id());
            users::create(
                conn,
                NewUser {
                    id: id.as_str(),
                    service_id: &code.service_id,
                    role: Role::Parent.as_str(),
                    email: Some(&email),
                    password_hash: Some(&hash),
                    display_name: &display_name,
                    age_band: None,
                    created_at: now.naive_utc(),
                },
            )
            .map_err(|error| {
                if users::email_was_taken(&error) {
                    ApiError::EmailTaken
                } else {
                    error.into()
                }
            })?;
            redeem(conn, &code, &id, now.naive_utc())?;
            let preferences = Preferences::defaults();
            let zone = notification_settings::schedule_of(conn, &id)?.time_zone;
            let next = preferences.next_due(zone, now.naive_utc());
            tip_preferences::save(conn, &id, &preferences, next, now.naive_utc())?;
            let user = users::find(conn, &id)?
                .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("new user vanished")))?;
            sessions::start(conn, &keys, &user, now)
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(session))
}

fn validate(join: &ParentJoin) -> Result<(String, String), ApiError> {
    let mut errors = Vec::new();
    let email = users::normalise_email(&join.email);
    if !looks_like_email(&email) {
        errors.push(ValidationError::new(
            "email",
            "not_an_email",
            "That is not an email address.",
        ));
    }
    let name = join.display_name.trim();
    if name.is_empty()
        || name.chars().count() > NAME_MAX_CHARS
        || name.chars().any(char::is_control)
    {
        errors.push(ValidationError::new(
            "display_name",
            "bad_name",
            format!("A name of 1 to {NAME_MAX_CHARS} characters is needed."),
        ));
    }
    if let Err(weak) = passwords::check_strength("password", &join.password) {
        errors.extend(weak.0);
    }
    ValidationErrors::into_result(errors)?;
    Ok((email, name.to_owned()))
}
