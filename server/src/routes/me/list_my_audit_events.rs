use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::auth::AuthUser;
use crate::db::ids::UserId;
use crate::db::users::{self, Role};
use crate::db::{DbPool, audit};
use crate::error::ApiError;
use crate::routes::with_conn;

/// The newest events shown; older ones are in the data export.
const SHOWN: i64 = 200;

#[derive(Serialize)]
struct AuditView {
    at: DateTime<Utc>,
    who: String,
    role: Option<Role>,
    action: String,
    allowed: bool,
    /// What happened, in plain words.
    sentence: String,
}

#[derive(Serialize)]
struct AuditList {
    events: Vec<AuditView>,
}

/// The young person sees every time someone looked at or changed their
/// data, or tried to, newest first, in plain words.
pub async fn list_my_audit_events(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::YoungPerson)?;
    let events = with_conn(&pool, move |conn| {
        let mut views = Vec::new();
        for event in audit::for_subject_limited(conn, &caller.id, SHOWN)? {
            let actor = match &event.actor_id {
                Some(id) => users::find(conn, &UserId(id.clone()))?,
                None => None,
            };
            let allowed = event.outcome == "allowed";
            views.push(AuditView {
                at: event.created_at.and_utc(),
                who: actor
                    .as_ref()
                    .map_or_else(|| "Lantern".to_owned(), |a| a.display_name.clone()),
                role: actor.as_ref().map(users::User::role),
                sentence: sentence(&event.action, allowed, event.detail.as_deref()),
                action: event.action,
                allowed,
            });
        }
        Ok(views)
    })
    .await?;
    Ok(HttpResponse::Ok().json(AuditList { events }))
}

/// Plain words for each audited action, written for a ten-year-old: what
/// was done, and what it would have been had it been allowed.
fn sentence(action: &str, allowed: bool, detail: Option<&str>) -> String {
    let (done, tried) = match action {
        "read_check_ins" => ("Looked at your check-ins.", "look at your check-ins"),
        "view_caseload_entry" => (
            "Saw how your mood has been, on their list of young people.",
            "see how your mood has been",
        ),
        "read_alerts" => (
            "Read what you answered about hurting yourself.",
            "read what you answered about hurting yourself",
        ),
        "acknowledge_alert" => (
            "Wrote down that they saw what you answered, and what they did.",
            "answer what you told Lantern",
        ),
        "read_thrive_groupings" => (
            "Looked at the kind of support you agreed together.",
            "look at the kind of support you agreed together",
        ),
        "record_thrive_grouping" => (
            "Wrote down the kind of support you agreed together.",
            "write down the kind of support you agreed together",
        ),
        "record_outcome" => (
            "Wrote down how school went this term, like how often you were there.",
            "write down how school went for you",
        ),
        "read_outcome_records" => (
            "Looked at what was written down about school.",
            "look at what was written down about school",
        ),
        "read_group" => (
            "Looked at your group's page: who came to sessions, and what you share.",
            "look at your group's page",
        ),
        "add_to_group" => ("Added you to a group.", "add you to a group"),
        "signpost_service" => (
            "Sent you a place that could help.",
            "send you a place that could help",
        ),
        "read_progress" => ("Looked at your progress.", "look at your progress"),
        "send_encouragement" => ("Sent you a message.", "send you a message"),
        "schedule_encouragement" => (
            "Wrote you a message that will show later.",
            "write you a message",
        ),
        "cancel_encouragement" => (
            "Took back a message before it showed.",
            "take back a message",
        ),
        "read_encouragement_replies" => (
            "Saw how you answered their messages.",
            "see how you answered their messages",
        ),
        "read_safety_plan" => ("Looked at your safety plan.", "look at your safety plan"),
        "assign_worker" => ("Linked a worker to you.", "link a worker to you"),
        "end_assignment" => (
            "Ended a worker's link to you.",
            "end a worker's link to you",
        ),
        "disable_account" => ("Turned your account off.", "turn your account off"),
        "enable_account" => ("Turned your account back on.", "turn your account back on"),
        "create_relink_code" => (
            "Made a code to move your account to a new phone.",
            "make a code to move your account to a new phone",
        ),
        "send_parent_tip" => (
            "Sent your parent or carer a tip about helping young people. They did not see anything of yours.",
            "send your parent or carer a tip",
        ),
        "expire_shared_data" => (
            "Deleted the copies of what you shared, because Lantern had not been used for a long time.",
            "delete old copies",
        ),
        _ => ("Used your information.", "use your information"),
    };
    if allowed {
        return done.to_owned();
    }
    let why = match detail {
        Some("consent_required") => "you don't share that with them",
        Some("not_assigned") => "they are not your worker",
        _ => "they were not allowed",
    };
    format!("Tried to {tried}, but could not, because {why}.")
}
