//! "Stop sharing and delete": removes the server's copies of what one
//! consent scope covered. No tombstones are kept, so if the young person
//! shares again, including the past, their device can send it again.

use diesel::prelude::*;
use lantern_core::ConsentScope;
use lantern_core::measures::{MeasureResponse, WHEEL_ID};
use lantern_core::sync::RecordKind;

use super::AnyConnection;
use super::ids::UserId;
use super::schema::{check_ins, shared_records};

/// Deletes what `scope` covered; returns how many records were deleted or
/// had a field removed.
pub fn delete_scope(
    conn: &mut AnyConnection,
    young_person: &UserId,
    scope: ConsentScope,
) -> QueryResult<usize> {
    let own_check_ins =
        check_ins::table.filter(check_ins::young_person_id.eq(young_person.as_str()));
    match scope {
        // Mood is what a shared check-in is; without it nothing of one stays.
        ConsentScope::Mood => diesel::delete(own_check_ins).execute(conn),
        ConsentScope::Feelings => {
            diesel::update(own_check_ins.filter(check_ins::feelings.is_not_null()))
                .set(check_ins::feelings.eq(None::<String>))
                .execute(conn)
        }
        ConsentScope::Notes => diesel::update(own_check_ins.filter(check_ins::note.is_not_null()))
            .set(check_ins::note.eq(None::<String>))
            .execute(conn),
        ConsentScope::ContextsAndSleep => diesel::update(
            own_check_ins.filter(
                check_ins::contexts
                    .is_not_null()
                    .or(check_ins::sleep.is_not_null()),
            ),
        )
        .set((
            check_ins::contexts.eq(None::<String>),
            check_ins::sleep.eq(None::<String>),
        ))
        .execute(conn),
        ConsentScope::StrategyUse => delete_kinds(conn, young_person, &[RecordKind::StrategyUse]),
        ConsentScope::Goals => delete_kinds(
            conn,
            young_person,
            &[RecordKind::Goal, RecordKind::GoalRating],
        ),
        ConsentScope::SafetyPlan => delete_kinds(conn, young_person, &[RecordKind::SafetyPlan]),
        ConsentScope::Wheel => delete_measures(conn, young_person, true),
        ConsentScope::Measures => delete_measures(conn, young_person, false),
    }
}

fn delete_kinds(
    conn: &mut AnyConnection,
    young_person: &UserId,
    kinds: &[RecordKind],
) -> QueryResult<usize> {
    let kinds: Vec<&str> = kinds.iter().map(|kind| kind.as_str()).collect();
    diesel::delete(
        shared_records::table
            .filter(shared_records::young_person_id.eq(young_person.as_str()))
            .filter(shared_records::kind.eq_any(kinds)),
    )
    .execute(conn)
}

/// The wheel and other questionnaires share one kind of record; the
/// questionnaire's id, inside the stored record, tells them apart.
fn delete_measures(
    conn: &mut AnyConnection,
    young_person: &UserId,
    wheel: bool,
) -> QueryResult<usize> {
    let kind = RecordKind::MeasureResponse.as_str();
    let rows: Vec<(String, String)> = shared_records::table
        .filter(shared_records::young_person_id.eq(young_person.as_str()))
        .filter(shared_records::kind.eq(kind))
        .select((shared_records::id, shared_records::payload))
        .load(conn)?;
    let ids: Vec<String> = rows
        .into_iter()
        .filter(|(_, payload)| {
            serde_json::from_str::<MeasureResponse>(payload)
                // A record that no longer parses is deleted either way.
                .map_or(true, |response| (response.measure_id == WHEEL_ID) == wheel)
        })
        .map(|(id, _)| id)
        .collect();
    diesel::delete(
        shared_records::table
            .filter(shared_records::young_person_id.eq(young_person.as_str()))
            .filter(shared_records::kind.eq(kind))
            .filter(shared_records::id.eq_any(ids)),
    )
    .execute(conn)
}
