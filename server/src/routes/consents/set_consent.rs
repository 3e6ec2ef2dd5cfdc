use actix_web::{HttpResponse, web};
use chrono::Utc;
use lantern_core::ConsentScope;
use lantern_core::consent::CONSENT_WORDING_VERSION;
use serde::Deserialize;

use super::consent_list;
use crate::auth::AuthUser;
use crate::db::consents::{self, NewConsentEvent};
use crate::db::users::Role;
use crate::db::{DbPool, unshare, write};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Deserialize)]
pub struct SetConsent {
    granted: bool,
    #[serde(default)]
    include_past: bool,
    /// The version of the wording the young person was shown.
    wording_version: u32,
    /// With `granted: false`: also delete what was shared under this scope.
    #[serde(default)]
    delete_shared: bool,
}

pub async fn set_consent(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    scope: web::Path<String>,
    body: web::Json<SetConsent>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::YoungPerson)?;
    let scope = ConsentScope::parse(&scope).ok_or(ApiError::NotFound)?;
    let body = body.into_inner();
    if body.wording_version == 0 || body.wording_version > CONSENT_WORDING_VERSION {
        return Err(ApiError::validation(
            "wording_version",
            "unknown_wording_version",
            format!("The newest wording is version {CONSENT_WORDING_VERSION}."),
        ));
    }
    if body.delete_shared && body.granted {
        return Err(ApiError::validation(
            "delete_shared",
            "delete_needs_revoke",
            "Deleting what was shared goes with stopping sharing.",
        ));
    }
    let delete_shared = body.delete_shared;
    let wording_version = i32::try_from(body.wording_version)
        .map_err(|_| ApiError::BadRequest("wording_version is too large".into()))?;
    let event = NewConsentEvent {
        scope,
        granted: body.granted,
        include_past: body.include_past,
        wording_version,
    };
    let grants = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            consents::record(conn, &caller.id, &event, Utc::now().naive_utc())?;
            if delete_shared {
                unshare::delete_scope(conn, &caller.id, scope)?;
            }
            Ok(consents::current_grants(conn, &caller.id)?)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(consent_list(&grants)))
}
