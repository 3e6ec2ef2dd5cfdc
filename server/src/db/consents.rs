//! Consent history: every grant and revocation is a new row, never an
//! update, so the young person's choices and the wording they saw are kept.

use chrono::{NaiveDateTime, TimeZone, Utc};
use diesel::prelude::*;
use lantern_core::{ConsentGrant, ConsentScope};

use super::AnyConnection;
use super::ids::{UserId, new_row_id};
use super::schema::consent_events;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = consent_events)]
pub struct ConsentEvent {
    pub id: String,
    pub young_person_id: String,
    pub scope: String,
    pub granted: bool,
    pub include_past: bool,
    pub wording_version: i32,
    pub created_at: NaiveDateTime,
}

pub struct NewConsentEvent {
    pub scope: ConsentScope,
    pub granted: bool,
    pub include_past: bool,
    pub wording_version: i32,
}

pub fn record(
    conn: &mut AnyConnection,
    young_person: &UserId,
    event: &NewConsentEvent,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(consent_events::table)
        .values((
            consent_events::id.eq(new_row_id()),
            consent_events::young_person_id.eq(young_person.as_str()),
            consent_events::scope.eq(event.scope.as_str()),
            consent_events::granted.eq(event.granted),
            consent_events::include_past.eq(event.include_past && event.granted),
            consent_events::wording_version.eq(event.wording_version),
            consent_events::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The grants in force now: for each scope, its latest event if that event
/// granted it. The grant time is when that latest grant was made.
pub fn current_grants(
    conn: &mut AnyConnection,
    young_person: &UserId,
) -> QueryResult<Vec<ConsentGrant>> {
    let events: Vec<ConsentEvent> = consent_events::table
        .filter(consent_events::young_person_id.eq(young_person.as_str()))
        .order(consent_events::created_at.asc())
        .select(ConsentEvent::as_select())
        .load(conn)?;
    let mut grants: Vec<ConsentGrant> = Vec::new();
    for event in events {
        let Some(scope) = ConsentScope::parse(&event.scope) else {
            continue;
        };
        grants.retain(|grant| grant.scope != scope);
        if event.granted {
            grants.push(ConsentGrant {
                scope,
                granted_at: Utc.from_utc_datetime(&event.created_at).fixed_offset(),
                include_past: event.include_past,
            });
        }
    }
    grants.sort_by_key(|grant| grant.scope);
    Ok(grants)
}

/// Every grant and revocation, oldest first.
pub fn history(conn: &mut AnyConnection, young_person: &UserId) -> QueryResult<Vec<ConsentEvent>> {
    consent_events::table
        .filter(consent_events::young_person_id.eq(young_person.as_str()))
        .order(consent_events::created_at.asc())
        .select(ConsentEvent::as_select())
        .load(conn)
}
