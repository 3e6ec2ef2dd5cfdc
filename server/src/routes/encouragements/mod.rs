//! Encouragement: workers send short messages to young people on their
//! caseload, from their service's templates or in their own words, now or
//! at a chosen time; the young person answers each with one tap. Admins
//! keep the service's templates; workers use them.

mod cancel_encouragement;
mod create_template;
mod list_my_encouragements;
mod list_sent_encouragements;
mod list_templates;
mod reply_to_encouragement;
mod send_encouragement;
mod update_template;

use actix_web::web;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;

use super::endpoint::{Endpoint, Param, param};
use crate::db::encouragement_templates::Template;
use crate::db::encouragements::Encouragement;
use crate::db::users::Role;
use crate::encouragement::Reply;

pub fn endpoints() -> Vec<Endpoint> {
    const SENT: &[Param] = &[param(
        "young_person_id",
        "string",
        "only what was sent to this young person (assigned to the caller)",
    )];
    vec![
        Endpoint::get("/encouragement-templates", "list_encouragement_templates", || {
            web::get().to(list_templates::list_templates)
        })
        .summary("The service's encouragement templates: workers see those in use, admins retired ones too.")
        .roles(&[Role::Worker, Role::Admin]),
        Endpoint::post("/admin/encouragement-templates", "create_encouragement_template", || {
            web::post().to(create_template::create_template)
        })
        .summary("Add an encouragement template to the service's list.")
        .roles(&[Role::Admin])
        .body("{text}")
        .created(),
        Endpoint::patch(
            "/admin/encouragement-templates/{id}",
            "update_encouragement_template",
            || web::patch().to(update_template::update_template),
        )
        .summary("Change a template's words, retire it, or bring it back; messages already sent keep their words.")
        .roles(&[Role::Admin])
        .body("{text?, retired?}"),
        Endpoint::post("/encouragements", "send_encouragement", || {
            web::post().to(send_encouragement::send_encouragement)
        })
        .summary("Send a message to young people on the caller's caseload, all or none, now or later; audited.")
        .roles(&[Role::Worker])
        .body("{young_person_ids, template_id | text, send_at?}")
        .created(),
        Endpoint::get("/encouragements", "list_sent_encouragements", || {
            web::get().to(list_sent_encouragements::list_sent_encouragements)
        })
        .summary("What the caller sent to young people assigned to them now, with their replies; reading replies is audited.")
        .roles(&[Role::Worker])
        .query(SENT),
        Endpoint::delete("/encouragements/{id}", "cancel_encouragement", || {
            web::delete().to(cancel_encouragement::cancel_encouragement)
        })
        .summary("Take back a message before it shows; audited.")
        .roles(&[Role::Worker])
        .no_content(),
        Endpoint::get("/me/encouragements", "list_my_encouragements", || {
            web::get().to(list_my_encouragements::list_my_encouragements)
        })
        .summary("The young person's messages from their workers that are showing now, newest first.")
        .roles(&[Role::YoungPerson]),
        Endpoint::put(
            "/me/encouragements/{id}/reply",
            "reply_to_encouragement",
            || web::put().to(reply_to_encouragement::reply_to_encouragement),
        )
        .summary("Answer a message with one tap (heart, thumbs_up, thanks, smile); a new tap replaces the old.")
        .roles(&[Role::YoungPerson])
        .body("{reply}"),
    ]
}

fn utc(time: NaiveDateTime) -> DateTime<Utc> {
    time.and_utc()
}

#[derive(Serialize)]
struct TemplateView {
    id: String,
    text: String,
    retired: bool,
    /// One of the messages Lantern ships, as opposed to one the service added.
    from_lantern: bool,
}

impl From<Template> for TemplateView {
    fn from(template: Template) -> Self {
        TemplateView {
            retired: template.is_retired(),
            from_lantern: template.seed_key.is_some(),
            id: template.id,
            text: template.text,
        }
    }
}

#[derive(Serialize)]
struct ReplyView {
    reply: Reply,
    /// The reply in words, for the worker's screen and screen readers.
    words: &'static str,
    at: DateTime<Utc>,
}

fn reply_view(message: &Encouragement) -> Option<ReplyView> {
    let reply = Reply::parse(message.reply.as_deref()?)?;
    Some(ReplyView {
        reply,
        words: reply.words(),
        at: utc(message.replied_at?),
    })
}

/// A message as its worker sees it.
#[derive(Serialize)]
struct SentView {
    id: String,
    young_person_id: String,
    display_name: String,
    template_id: Option<String>,
    text: String,
    sent_at: DateTime<Utc>,
    shows_at: DateTime<Utc>,
    /// The young person can see it; it can no longer be taken back.
    shown: bool,
    reply: Option<ReplyView>,
}

impl SentView {
    fn new(message: Encouragement, display_name: String, now: NaiveDateTime) -> Self {
        SentView {
            reply: reply_view(&message),
            shown: message.deliver_at <= now,
            id: message.id,
            young_person_id: message.young_person_id,
            display_name,
            template_id: message.template_id,
            text: message.text,
            sent_at: utc(message.created_at),
            shows_at: utc(message.deliver_at),
        }
    }
}

/// A message as its young person sees it.
#[derive(Serialize)]
struct ReceivedView {
    id: String,
    /// The worker's display name.
    from: String,
    text: String,
    at: DateTime<Utc>,
    reply: Option<ReplyView>,
}

impl ReceivedView {
    fn new(message: Encouragement, from: String) -> Self {
        ReceivedView {
            reply: reply_view(&message),
            id: message.id,
            from,
            text: message.text,
            at: utc(message.deliver_at),
        }
    }
}
