//! "I'm having a hard time — let my parent know": what a young person sent
//! their parents, in their own words if they added any.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::{UserId, new_row_id};
use super::schema::{parent_nudges, parent_tip_deliveries};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = parent_nudges)]
pub struct Nudge {
    pub id: String,
    pub young_person_id: String,
    pub message: Option<String>,
    pub topic: String,
    pub created_at: NaiveDateTime,
}

pub fn create(
    conn: &mut AnyConnection,
    young_person: &UserId,
    message: Option<&str>,
    topic: &str,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let id = new_row_id();
    diesel::insert_into(parent_nudges::table)
        .values((
            parent_nudges::id.eq(&id),
            parent_nudges::young_person_id.eq(young_person.as_str()),
            parent_nudges::message.eq(message),
            parent_nudges::topic.eq(topic),
            parent_nudges::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

pub fn find(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<Nudge>> {
    parent_nudges::table
        .find(id)
        .select(Nudge::as_select())
        .first(conn)
        .optional()
}

/// When each nudge a young person sent since `since` was sent, oldest first.
pub fn sent_since(
    conn: &mut AnyConnection,
    young_person: &UserId,
    since: NaiveDateTime,
) -> QueryResult<Vec<NaiveDateTime>> {
    parent_nudges::table
        .filter(parent_nudges::young_person_id.eq(young_person.as_str()))
        .filter(parent_nudges::created_at.gt(since))
        .order(parent_nudges::created_at.asc())
        .select(parent_nudges::created_at)
        .load(conn)
}

/// A young person's nudges with how many parents each reached, newest first.
pub fn sent_by(conn: &mut AnyConnection, young_person: &UserId) -> QueryResult<Vec<(Nudge, i64)>> {
    let nudges: Vec<Nudge> = parent_nudges::table
        .filter(parent_nudges::young_person_id.eq(young_person.as_str()))
        .order(parent_nudges::created_at.desc())
        .select(Nudge::as_select())
        .load(conn)?;
    let mut counted = Vec::with_capacity(nudges.len());
    for nudge in nudges {
        let reached: i64 = parent_tip_deliveries::table
            .filter(parent_tip_deliveries::nudge_id.eq(&nudge.id))
            .count()
            .get_result(conn)?;
        counted.push((nudge, reached));
    }
    Ok(counted)
}
