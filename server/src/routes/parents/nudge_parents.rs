use actix_web::{HttpResponse, web};
use chrono::{DateTime, Duration, Utc};
use lantern_core::AgeBand;
use serde::{Deserialize, Serialize};

use super::tip_view::catalogue;
use crate::auth::AuthUser;
use crate::db::tip_deliveries::{self, NewDelivery, Source};
use crate::db::users::{self, Role};
use crate::db::{DbPool, parent_links, parent_nudges, write};
use crate::error::ApiError;
use crate::parents::choose::next_tip;
use crate::parents::deliver::deliver;
use crate::parents::parse_topic;
use crate::routes::with_conn;
use crate::tips::Topic;

pub const MESSAGE_MAX_CHARS: usize = 200;
/// A few a day: enough to ask again, not so many that it floods a parent.
pub const NUDGES_PER_DAY: usize = 3;
/// Tips for a parent whose child is having a hard time and chose no topic.
const DEFAULT_TOPIC: Topic = Topic::LowMood;

#[derive(Deserialize)]
pub struct NudgeForm {
    /// In the young person's own words; optional.
    message: Option<String>,
    /// The kind of tip to send with it; low_mood if not chosen.
    topic: Option<String>,
    /// Link ids from `GET /me/parents`; every linked parent if not given.
    parents: Option<Vec<String>>,
}

#[derive(Serialize)]
struct Sent {
    id: String,
    sent_at: DateTime<Utc>,
    /// Who it went to, by name.
    sent_to: Vec<String>,
    topic: Topic,
    message: Option<String>,
    /// How many more can be sent today.
    left_today: usize,
}

/// "I'm having a hard time — let my parent know." Every linked parent (or
/// the ones chosen) gets the young person's message, if any, with a tip
/// that fits, at once (quiet hours do not hold it back).
pub async fn nudge_parents(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    body: web::Json<NudgeForm>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::YoungPerson)?;
    let form = body.into_inner();
    let message = check_message(form.message.as_deref())?;
    let topic = match form.topic.as_deref() {
        None => DEFAULT_TOPIC,
        Some(text) => parse_topic(text).ok_or_else(|| {
            ApiError::validation(
                "topic",
                "unknown_topic",
                "Pick a topic from the list, or leave it out.",
            )
        })?,
    };
    let catalogue = catalogue()?;
    let sent = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now();
            let day_ago = (now - Duration::days(1)).naive_utc();
            let recent = parent_nudges::sent_since(conn, &caller.id, day_ago)?;
            if recent.len() >= NUDGES_PER_DAY {
                let wait = recent[0] + Duration::days(1) - now.naive_utc();
                return Err(ApiError::RateLimited {
                    retry_after: wait.to_std().unwrap_or_default(),
                    why: "You can ask three times a day. If you need help right now, tap Get help now.",
                });
            }
            let linked = parent_links::parents_of(conn, &caller.id)?;
            if linked.is_empty() {
                return Err(ApiError::validation(
                    "parents",
                    "no_parents_linked",
                    "No parent or carer is linked to you yet. You can make a code for one.",
                ));
            }
            let chosen: Vec<_> = match &form.parents {
                None => linked,
                Some(ids) => {
                    if ids.is_empty()
                        || ids
                            .iter()
                            .any(|id| !linked.iter().any(|l| l.link_id == *id))
                    {
                        return Err(ApiError::validation(
                            "parents",
                            "unknown_parent",
                            "Choose from the parents and carers linked to you.",
                        ));
                    }
                    linked
                        .into_iter()
                        .filter(|l| ids.contains(&l.link_id))
                        .collect()
                }
            };
            let band = users::find(conn, &caller.id)?
                .and_then(|me| me.age_band.as_deref().and_then(AgeBand::parse));
            let bands: Vec<AgeBand> = band.into_iter().collect();
            let nudge_id = parent_nudges::create(
                conn,
                &caller.id,
                message.as_deref(),
                topic.as_str(),
                now.naive_utc(),
            )?;
            let mut sent_to = Vec::new();
            for link in chosen {
                let parent = link.parent.user_id();
                let history = tip_deliveries::history(conn, &parent)?;
                let tip = next_tip(catalogue, &[topic], &bands, &history).ok_or_else(|| {
                    ApiError::Internal(anyhow::anyhow!("no tip on {}", topic.as_str()))
                })?;
                deliver(
                    conn,
                    NewDelivery {
                        parent: &parent,
                        tip_id: &tip.id,
                        source: Source::Nudge,
                        sent_by: None,
                        nudge_id: Some(&nudge_id),
                    },
                    now.naive_utc(),
                )?;
                sent_to.push(link.parent.display_name);
            }
            Ok(Sent {
                id: nudge_id,
                sent_at: now,
                sent_to,
                topic,
                message,
                left_today: NUDGES_PER_DAY - recent.len() - 1,
            })
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(sent))
}

/// Trimmed; empty is none; at most 200 characters, no control characters
/// but line breaks.
fn check_message(message: Option<&str>) -> Result<Option<String>, ApiError> {
    let Some(message) = message.map(str::trim).filter(|m| !m.is_empty()) else {
        return Ok(None);
    };
    if message.chars().count() > MESSAGE_MAX_CHARS {
        return Err(ApiError::validation(
            "message",
            "message_too_long",
            format!("Keep it to {MESSAGE_MAX_CHARS} characters."),
        ));
    }
    if message.chars().any(|c| c.is_control() && c != '\n') {
        return Err(ApiError::validation(
            "message",
            "message_invalid",
            "Use letters, numbers, spaces or emoji.",
        ));
    }
    Ok(Some(message.to_owned()))
}
