use std::time::Duration as StdDuration;

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use lantern_core::{ValidationError, ValidationErrors};
use serde::{Deserialize, Serialize};

use super::SentView;
use crate::auth::AuthUser;
use crate::db::audit::Outcome;
use crate::db::encouragements::{self, NewEncouragement};
use crate::db::ids::UserId;
use crate::db::users::{self, Role};
use crate::db::{AnyConnection, DbPool, encouragement_templates, write};
use crate::encouragement::{self, DAILY_LIMIT, DAILY_LIMIT_REACHED, MAX_RECIPIENTS};
use crate::error::ApiError;
use crate::notify::{self, Kind, Notice};
use crate::routes::with_conn;
use crate::routes::young_people::access::{self, assigned_worker};

/// Audited for every refusal, and for a message shown at once.
const SEND: &str = "send_encouragement";
/// Audited for a message written now to show later.
const SCHEDULE: &str = "schedule_encouragement";

#[derive(Deserialize)]
pub struct NewMessage {
    /// One young person, or several for a message to a group.
    young_person_ids: Vec<String>,
    /// One of the service's templates in use, or `text`, not both.
    #[serde(default)]
    template_id: Option<String>,
    #[serde(default)]
    text: Option<String>,
    /// When it shows; now if left out. Up to 30 days ahead.
    #[serde(default)]
    send_at: Option<DateTime<Utc>>,
}

#[derive(Serialize)]
struct Sent {
    messages: Vec<SentView>,
}

/// What the form asked for, checked before anything is looked up.
struct Checked {
    young_people: Vec<UserId>,
    template_id: Option<String>,
    text: Option<String>,
    deliver_at: NaiveDateTime,
}

fn check(body: NewMessage, now: NaiveDateTime) -> Result<Checked, ValidationErrors> {
    let mut errors: Vec<ValidationError> = Vec::new();
    let mut young_people: Vec<UserId> = Vec::new();
    for id in body.young_person_ids {
        let id = UserId(id);
        if !young_people.contains(&id) {
            young_people.push(id);
        }
    }
    if young_people.is_empty() || young_people.len() > MAX_RECIPIENTS {
        errors.push(ValidationError::new(
            "young_person_ids",
            "recipients_out_of_range",
            format!("Choose 1 to {MAX_RECIPIENTS} young people."),
        ));
    }
    let mut text = None;
    match (&body.template_id, &body.text) {
        (Some(_), None) => {}
        (None, Some(words)) => match encouragement::checked_text("text", words) {
            Ok(words) => text = Some(words),
            Err(refused) => errors.extend(refused.0),
        },
        _ => errors.push(ValidationError::new(
            "text",
            "text_or_template",
            "Pick a message from the list or write your own, not both.",
        )),
    }
    let deliver_at =
        match encouragement::checked_send_time(body.send_at.map(|at| at.naive_utc()), now) {
            Ok(at) => at,
            Err(refused) => {
                errors.push(refused);
                now
            }
        };
    ValidationErrors::into_result(errors)?;
    Ok(Checked {
        young_people,
        template_id: body.template_id,
        text,
        deliver_at,
    })
}

/// A worker sends a message to one or more young people assigned to them
/// now: all of them, or (if any is not theirs, or any has had the day's
/// messages from them) none. Each message goes in the young person's inbox
/// and is pushed at its time, in the same transaction, and is audited.
pub async fn send_encouragement(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    body: web::Json<NewMessage>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Worker)?;
    let now = Utc::now().naive_utc();
    let checked = check(body.into_inner(), now)?;
    let sent = with_conn(&pool, move |conn| {
        write(conn, |conn| send(conn, &caller, checked, now))
    })
    .await??;
    Ok(HttpResponse::Created().json(Sent { messages: sent }))
}

/// `Ok(Err(..))` is a refusal whose audit rows must be kept.
fn send(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    checked: Checked,
    now: NaiveDateTime,
) -> Result<Result<Vec<SentView>, ApiError>, ApiError> {
    let text = match (&checked.template_id, checked.text) {
        (Some(id), _) => template_text(conn, caller, id)?,
        (None, Some(text)) => text,
        (None, None) => return Err(ApiError::Internal(anyhow::anyhow!("checked without text"))),
    };
    // Every young person is checked, so each refusal is audited, before
    // anything is sent.
    let mut refused = None;
    for young_person in &checked.young_people {
        if let Err(refusal) = assigned_worker(conn, caller, young_person, SEND, now)? {
            refused = Some(refusal);
        }
    }
    if let Some(refusal) = refused {
        return Ok(Err(refusal));
    }
    let retry_after = checked
        .young_people
        .iter()
        .map(|young_person| wait_for_allowance(conn, &caller.id, young_person, now))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .max();
    if let Some(retry_after) = retry_after {
        return Err(ApiError::RateLimited {
            retry_after,
            why: DAILY_LIMIT_REACHED,
        });
    }
    let scheduled = checked.deliver_at > now;
    let mut sent = Vec::with_capacity(checked.young_people.len());
    for young_person in &checked.young_people {
        let id = encouragements::insert(
            conn,
            NewEncouragement {
                service: &caller.service,
                worker: &caller.id,
                young_person,
                template_id: checked.template_id.as_deref(),
                text: &text,
                deliver_at: checked.deliver_at,
            },
            now,
        )?;
        notify::notify(
            conn,
            Notice {
                recipient: young_person,
                kind: Kind::Encouragement,
                subject_id: &id,
                at: checked.deliver_at,
            },
            now,
        )?;
        let action = if scheduled { SCHEDULE } else { SEND };
        access::log(
            conn,
            caller,
            young_person,
            action,
            Outcome::Allowed,
            None,
            now,
        )?;
        let message = encouragements::find(conn, &id)?.ok_or(ApiError::NotFound)?;
        let name = users::find(conn, young_person)?
            .map(|user| user.display_name)
            .unwrap_or_default();
        sent.push(SentView::new(message, name, now));
    }
    Ok(Ok(sent))
}

/// The words of a template of the caller's service that is in use.
fn template_text(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    id: &str,
) -> Result<String, ApiError> {
    match encouragement_templates::find(conn, &caller.service, id)? {
        None => Err(ApiError::validation(
            "template_id",
            "unknown_template",
            "That message is not in your service's list.",
        )),
        Some(template) if template.is_retired() => Err(ApiError::validation(
            "template_id",
            "template_retired",
            "That message is no longer in use. Pick another.",
        )),
        Some(template) => Ok(template.text),
    }
}

/// How long until `worker` may send `young_person` another message; None
/// if they may now. The limit counts messages sent in the last 24 hours.
fn wait_for_allowance(
    conn: &mut AnyConnection,
    worker: &UserId,
    young_person: &UserId,
    now: NaiveDateTime,
) -> Result<Option<StdDuration>, ApiError> {
    let day = Duration::hours(24);
    let sent = encouragements::sent_times_since(conn, worker, young_person, now - day)?;
    if sent.len() < DAILY_LIMIT {
        return Ok(None);
    }
    // The one whose day ends first frees a place.
    let frees_at = sent[sent.len() - DAILY_LIMIT] + day;
    let wait = (frees_at - now)
        .to_std()
        .unwrap_or(StdDuration::from_secs(1));
    Ok(Some(wait.max(StdDuration::from_secs(1))))
}
