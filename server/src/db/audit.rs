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
    /// The `X-Request-Id` of the request that wrote it; none for events
    /// made by Lantern itself.
    pub request_id: Option<String>,
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
    /// The request it happened in (`X-Request-Id`), to find it in the logs.
    pub request_id: &'a str,
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
            audit_events::request_id.eq(entry.request_id),
        ))
        .execute(conn)?;
    Ok(())
}

/// The newest `limit` events about one young person, newest first.
pub fn for_subject_limited(
    conn: &mut AnyConnection,
    subject: &UserId,
    limit: i64,
) -> QueryResult<Vec<AuditEvent>> {
    audit_events::table
        .filter(audit_events::subject_id.eq(subject.as_str()))
        .order(audit_events::created_at.desc())
        .limit(limit)
        .select(AuditEvent::as_select())
        .load(conn)
}

/// Reads of one young person's data, newest first.
pub fn for_subject(conn: &mut AnyConnection, subject: &UserId) -> QueryResult<Vec<AuditEvent>> {
    audit_events::table
        .filter(audit_events::subject_id.eq(subject.as_str()))
        .order(audit_events::created_at.desc())
        .select(AuditEvent::as_select())
        .load(conn)
}

/// What one person did to others' data, newest first.
pub fn by_actor(conn: &mut AnyConnection, actor: &UserId) -> QueryResult<Vec<AuditEvent>> {
    audit_events::table
        .filter(audit_events::actor_id.eq(actor.as_str()))
        .order(audit_events::created_at.desc())
        .select(AuditEvent::as_select())
        .load(conn)
}

/// An event with no person attached, such as the tombstone an erased
/// account leaves: it says that an erasure happened and nothing about whom.
pub fn record_anonymous(
    conn: &mut AnyConnection,
    service: &ServiceId,
    action: &str,
    detail: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(audit_events::table)
        .values((
            audit_events::id.eq(new_row_id()),
            audit_events::service_id.eq(service.as_str()),
            audit_events::actor_id.eq(None::<&str>),
            audit_events::action.eq(action),
            audit_events::subject_id.eq(None::<&str>),
            audit_events::outcome.eq(Outcome::Allowed.as_str()),
            audit_events::detail.eq(detail),
            audit_events::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// An event done by Lantern itself (a background job) to a person's data.
pub fn record_system(
    conn: &mut AnyConnection,
    service: &ServiceId,
    action: &str,
    subject: &UserId,
    detail: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(audit_events::table)
        .values((
            audit_events::id.eq(new_row_id()),
            audit_events::service_id.eq(service.as_str()),
            audit_events::actor_id.eq(None::<&str>),
            audit_events::action.eq(action),
            audit_events::subject_id.eq(subject.as_str()),
            audit_events::outcome.eq(Outcome::Allowed.as_str()),
            audit_events::detail.eq(detail),
            audit_events::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}
