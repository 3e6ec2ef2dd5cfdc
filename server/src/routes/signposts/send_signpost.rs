use std::time::Duration as StdDuration;

use actix_web::{HttpResponse, web};
use chrono::{Duration, NaiveDateTime, Utc};
use serde::Deserialize;

use super::DAILY_LIMIT;
use super::{SignpostView, view};
use crate::auth::AuthUser;
use crate::db::audit::Outcome;
use crate::db::ids::UserId;
use crate::db::signposts::{self, NewSignpost};
use crate::db::{AnyConnection, DbPool, directory_services, write};
use crate::error::ApiError;
use crate::notify::{self, Kind, Notice};
use crate::routes::with_conn;
use crate::routes::young_people::access::{self, assigned_worker};

const ACTION: &str = "signpost_service";
const MAX_NOTE_CHARS: usize = 500;
const LIMIT_REACHED: &str = "You can suggest up to 5 services to each young person in a day. \
     Try again later.";

#[derive(Deserialize)]
pub struct NewSignpostBody {
    directory_service_id: String,
    #[serde(default)]
    note: Option<String>,
}

/// An assigned worker suggests a directory service (national, or their
/// service's own) to a young person. It goes into their inbox as a message
/// and is pushed, in the same transaction, and is audited.
pub async fn send_signpost(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
    body: web::Json<NewSignpostBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let note = body
        .note
        .map(|note| note.trim().to_owned())
        .filter(|note| !note.is_empty());
    if note
        .as_ref()
        .is_some_and(|note| note.chars().count() > MAX_NOTE_CHARS)
    {
        return Err(ApiError::validation(
            "note",
            "note_too_long",
            format!("Keep the note to {MAX_NOTE_CHARS} characters."),
        ));
    }
    let young_person = UserId(path.into_inner());
    let sent = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            if let Err(refused) = assigned_worker(conn, &caller, &young_person, ACTION, now)? {
                return Ok(Err(refused));
            }
            let service = directory_services::find_visible(
                conn,
                &caller.service,
                &body.directory_service_id,
            )?
            .ok_or_else(|| {
                ApiError::validation(
                    "directory_service_id",
                    "unknown_directory_service",
                    "That service is not in your directory.",
                )
            })?;
            if let Some(retry_after) = wait_for_allowance(conn, &caller.id, &young_person, now)? {
                return Err(ApiError::RateLimited {
                    retry_after,
                    why: LIMIT_REACHED,
                });
            }
            let id = signposts::insert(
                conn,
                NewSignpost {
                    service: &caller.service,
                    worker: &caller.id,
                    young_person: &young_person,
                    directory_service_id: &service.id,
                    service_name: &service.name,
                    note: note.as_deref(),
                },
                now,
            )?;
            notify::notify(
                conn,
                Notice {
                    recipient: &young_person,
                    kind: Kind::Signpost,
                    subject_id: &id,
                    at: now,
                },
                now,
            )?;
            access::log(
                conn,
                &caller,
                &young_person,
                ACTION,
                Outcome::Allowed,
                None,
                now,
            )?;
            let mine: Vec<SignpostView> = signposts::for_young_person(conn, &young_person)?
                .into_iter()
                .filter(|(signpost, _)| signpost.id == id)
                .map(|(signpost, from)| view(conn, &caller.service, signpost, from))
                .collect::<Result<_, _>>()?;
            Ok::<_, ApiError>(Ok(mine.into_iter().next()))
        })
    })
    .await??;
    let sent = sent.ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Created().json(sent))
}

/// How long until `worker` may signpost `young_person` again; None if now.
fn wait_for_allowance(
    conn: &mut AnyConnection,
    worker: &UserId,
    young_person: &UserId,
    now: NaiveDateTime,
) -> Result<Option<StdDuration>, ApiError> {
    let day = Duration::hours(24);
    let sent = signposts::sent_times_since(conn, worker, young_person, now - day)?;
    if sent.len() < DAILY_LIMIT {
        return Ok(None);
    }
    let frees_at = sent[sent.len() - DAILY_LIMIT] + day;
    let wait = (frees_at - now)
        .to_std()
        .unwrap_or(StdDuration::from_secs(1));
    Ok(Some(wait.max(StdDuration::from_secs(1))))
}
