//! The audit log: every read of a young person's data by someone else,
//! allowed or refused. The young person can see it (a later issue).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::{ServiceId, UserId, new_row_id};
use super::schema::audit_events;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_events)]
pub struct AuditEvent {
    pub id: String,
    pub service_id: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub subject_id: Option<String>,
    pub outcome: String,
    pub detail: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Allowed,
    Refused,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Allowed => "allowed",
            Outcome::Refused => "refused",
        }
    }
}

pub struct Entry<'a> {
    pub service: &'a ServiceId,
    pub actor: &'a UserId,
    pub action: &'a str,
    pub subject: Option<&'a UserId>,
    pub outcome: Outcome,
    /// Never personal data: a reason code or a count.
    pub detail: Option<String>,
}

pub fn record(conn: &mut AnyConnection, entry: Entry<'_>, now: NaiveDateTime) -> QueryResult<()> {
    diesel::insert_into(audit_events::table)
        .values((
            audit_events::id.eq(new_row_id()),
            audit_events::service_id.eq(entry.service.as_str()),
            audit_events::actor_id.eq(entry.actor.as_str()),
            audit_events::action.eq(entry.action),
            audit_events::subject_id.eq(entry.subject.map(UserId::as_str)),
            audit_events::outcome.eq(entry.outcome.as_str()),
            audit_events::detail.eq(entry.detail),
            audit_events::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Reads of one young person's data, newest first.
pub fn for_subject(conn: &mut AnyConnection, subject: &UserId) -> QueryResult<Vec<AuditEvent>> {
    audit_events::table
        .filter(audit_events::subject_id.eq(subject.as_str()))
        .order(audit_events::created_at.desc())
        .select(AuditEvent::as_select())
        .load(conn)
}
