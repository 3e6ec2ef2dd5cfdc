//! Queries for the retention job: when a young person last sent anything
//! or signed in, and deleting the server's copies of what they shared.

use chrono::NaiveDateTime;
use diesel::dsl::max;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::UserId;
use super::schema::{
    check_ins, parent_nudges, parent_tip_deliveries, refresh_tokens, shared_records,
};

/// Young people whose newest shared record arrived before `cutoff`, with
/// when it arrived.
pub fn last_received_before(
    conn: &mut AnyConnection,
    cutoff: NaiveDateTime,
) -> QueryResult<Vec<(String, NaiveDateTime)>> {
    let from_check_ins: Vec<(String, Option<NaiveDateTime>)> = check_ins::table
        .group_by(check_ins::young_person_id)
        .select((check_ins::young_person_id, max(check_ins::received_at)))
        .load(conn)?;
    let from_records: Vec<(String, Option<NaiveDateTime>)> = shared_records::table
        .group_by(shared_records::young_person_id)
        .select((
            shared_records::young_person_id,
            max(shared_records::received_at),
        ))
        .load(conn)?;
    let mut latest: std::collections::BTreeMap<String, NaiveDateTime> = Default::default();
    for (young_person, at) in from_check_ins.into_iter().chain(from_records) {
        if let Some(at) = at {
            let entry = latest.entry(young_person).or_insert(at);
            *entry = (*entry).max(at);
        }
    }
    Ok(latest.into_iter().filter(|(_, at)| *at < cutoff).collect())
}

/// When the young person's device last signed in or refreshed its sign-in.
pub fn last_sign_in(
    conn: &mut AnyConnection,
    young_person: &UserId,
) -> QueryResult<Option<NaiveDateTime>> {
    refresh_tokens::table
        .filter(refresh_tokens::user_id.eq(young_person.as_str()))
        .select(max(refresh_tokens::created_at))
        .first(conn)
}

/// Deletes the server's copies of everything a young person shared,
/// including what they asked to be passed to their parents; returns how
/// many records went.
pub fn delete_shared_data(conn: &mut AnyConnection, young_person: &UserId) -> QueryResult<usize> {
    let check_ins = diesel::delete(
        check_ins::table.filter(check_ins::young_person_id.eq(young_person.as_str())),
    )
    .execute(conn)?;
    let records = diesel::delete(
        shared_records::table.filter(shared_records::young_person_id.eq(young_person.as_str())),
    )
    .execute(conn)?;
    // The tips their parents got stay theirs; only the young person's
    // words and the link to them go.
    let their_nudges = parent_nudges::table
        .filter(parent_nudges::young_person_id.eq(young_person.as_str()))
        .select(parent_nudges::id.nullable());
    diesel::update(
        parent_tip_deliveries::table.filter(parent_tip_deliveries::nudge_id.eq_any(their_nudges)),
    )
    .set(parent_tip_deliveries::nudge_id.eq(None::<String>))
    .execute(conn)?;
    let nudges = diesel::delete(
        parent_nudges::table.filter(parent_nudges::young_person_id.eq(young_person.as_str())),
    )
    .execute(conn)?;
    Ok(check_ins + records + nudges)
}
