use actix_web::{HttpResponse, web};
use chrono::Utc;
use lantern_core::profile::{AgeBand, validate_display_name};
use lantern_core::{ValidationError, ValidationErrors};
use serde::Deserialize;

use crate::auth::secrets::invite_code_hash;
use crate::auth::sessions;
use crate::auth::tokens::TokenKeys;
use crate::db::ids::{UserId, new_row_id};
use crate::db::users::{self, NewUser, Role};
use crate::db::{DbPool, invites, write};
use crate::error::ApiError;
use crate::routes::with_conn;

/// No email, no real name, no birth date: a code, a chosen name, an age band.
#[derive(Deserialize)]
pub struct Join {
    code: String,
    display_name: String,
    age_band: String,
}

pub async fn join_with_invite(
    pool: web::Data<DbPool>,
    keys: web::Data<TokenKeys>,
    body: web::Json<Join>,
) -> Result<HttpResponse, ApiError> {
    let join = body.into_inner();
    let (display_name, age_band) = validate(&join)?;
    let session = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now();
            let invite =
                invites::find_usable(conn, &invite_code_hash(&join.code), now.naive_utc())?
                    .ok_or(ApiError::InvalidInvite)?;
            let id = new_row_id();
            users::create(
                conn,
                NewUser {
                    id: &id,
                    service_id: &invite.service_id,
                    role: Role::YoungPerson.as_str(),
                    email: None,
                    password_hash: None,
                    display_name: &display_name,
                    age_band: Some(age_band.as_str()),
                    created_at: now.naive_utc(),
                },
            )?;
            let young_person = UserId(id);
            invites::mark_used(conn, &invite.id, &young_person, now.naive_utc())?;
            users::assign(
                conn,
                &UserId(invite.created_by.clone()),
                &young_person,
                now.naive_utc(),
            )?;
            let user = users::find(conn, &young_person)?
                .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("new user vanished")))?;
            sessions::start(conn, &keys, &user, now)
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(session))
}

fn validate(join: &Join) -> Result<(String, AgeBand), ApiError> {
    let mut errors = Vec::new();
    let name = validate_display_name(&join.display_name).map_err(|e| errors.extend(e.0));
    let band = AgeBand::parse(&join.age_band).ok_or_else(|| {
        errors.push(ValidationError::new(
            "age_band",
            "unknown_age_band",
            "Pick 10-12, 13-15 or 16-18.",
        ))
    });
    match (name, band) {
        (Ok(name), Ok(band)) => Ok((name, band)),
        _ => Err(ValidationErrors(errors).into()),
    }
}
