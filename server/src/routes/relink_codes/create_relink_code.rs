use actix_web::{HttpResponse, web};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::auth::AuthUser;
use crate::auth::secrets::{invite_code_hash, new_invite_code};
use crate::db::audit::{self, Entry, Outcome};
use crate::db::ids::UserId;
use crate::db::relink_codes::{self, NewRelinkCode};
use crate::db::users;
use crate::db::{DbPool, write};
use crate::error::ApiError;
use crate::routes::with_conn;
use crate::routes::young_people::access::assigned_worker;

/// Long enough to read out on a call or at a session, short enough that a
/// code someone overhears goes stale: it signs in as the young person.
const RELINK_CODE_MINUTES: i64 = 60;
const ACTION: &str = "create_relink_code";

#[derive(Serialize)]
struct CreatedRelinkCode {
    code: String,
    expires_at: DateTime<Utc>,
}

/// A worker makes a one-time code for a young person on their caseload who
/// has lost their phone. Written to the audit log the young person sees.
pub async fn create_relink_code(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let young_person = UserId(path.into_inner());
    let created = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now();
            if let Err(refused) =
                assigned_worker(conn, &caller, &young_person, ACTION, now.naive_utc())?
            {
                return Ok(Err(refused));
            }
            if !users::find(conn, &young_person)?.is_some_and(|user| user.is_active()) {
                return Ok(Err(ApiError::NotFound));
            }
            let code = new_invite_code()?;
            let expires_at = now + Duration::minutes(RELINK_CODE_MINUTES);
            relink_codes::create(
                conn,
                NewRelinkCode {
                    code_hash: &invite_code_hash(&code),
                    service: &caller.service,
                    young_person: &young_person,
                    worker: &caller.id,
                    now: now.naive_utc(),
                    expires_at: expires_at.naive_utc(),
                },
            )?;
            audit::record(
                conn,
                Entry {
                    service: &caller.service,
                    actor: &caller.id,
                    request_id: caller.request_id.as_str(),
                    action: ACTION,
                    subject: Some(&young_person),
                    outcome: Outcome::Allowed,
                    detail: None,
                },
                now.naive_utc(),
            )?;
            Ok::<_, ApiError>(Ok(CreatedRelinkCode { code, expires_at }))
        })
    })
    .await??;
    Ok(HttpResponse::Created().json(created))
}
