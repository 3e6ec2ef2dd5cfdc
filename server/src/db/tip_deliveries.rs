//! Every tip a parent has been sent, and how it came: from their schedule,
//! from a worker, or with a young person's "let my parent know".

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::{UserId, new_row_id};
use super::schema::parent_tip_deliveries;

/// How a tip came to be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Schedule,
    Worker,
    Nudge,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Schedule => "schedule",
            Source::Worker => "worker",
            Source::Nudge => "young_person",
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = parent_tip_deliveries)]
pub struct Delivery {
    pub id: String,
    pub parent_id: String,
    pub tip_id: String,
    pub source: String,
    pub sent_by: Option<String>,
    pub nudge_id: Option<String>,
    pub sent_at: NaiveDateTime,
}

pub struct NewDelivery<'a> {
    pub parent: &'a UserId,
    pub tip_id: &'a str,
    pub source: Source,
    /// The worker who chose it.
    pub sent_by: Option<&'a UserId>,
    pub nudge_id: Option<&'a str>,
}

pub fn insert(
    conn: &mut AnyConnection,
    new: NewDelivery<'_>,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let id = new_row_id();
    diesel::insert_into(parent_tip_deliveries::table)
        .values((
            parent_tip_deliveries::id.eq(&id),
            parent_tip_deliveries::parent_id.eq(new.parent.as_str()),
            parent_tip_deliveries::tip_id.eq(new.tip_id),
            parent_tip_deliveries::source.eq(new.source.as_str()),
            parent_tip_deliveries::sent_by.eq(new.sent_by.map(UserId::as_str)),
            parent_tip_deliveries::nudge_id.eq(new.nudge_id),
            parent_tip_deliveries::sent_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// (tip id, when sent) for every tip a parent has had, to choose the next.
pub fn history(
    conn: &mut AnyConnection,
    parent: &UserId,
) -> QueryResult<Vec<(String, NaiveDateTime)>> {
    parent_tip_deliveries::table
        .filter(parent_tip_deliveries::parent_id.eq(parent.as_str()))
        .select((
            parent_tip_deliveries::tip_id,
            parent_tip_deliveries::sent_at,
        ))
        .load(conn)
}

/// A parent's tips, newest first, at most `limit`.
pub fn for_parent(
    conn: &mut AnyConnection,
    parent: &UserId,
    limit: i64,
) -> QueryResult<Vec<Delivery>> {
    parent_tip_deliveries::table
        .filter(parent_tip_deliveries::parent_id.eq(parent.as_str()))
        .order((
            parent_tip_deliveries::sent_at.desc(),
            parent_tip_deliveries::id.desc(),
        ))
        .limit(limit)
        .select(Delivery::as_select())
        .load(conn)
}

pub fn delete_for(conn: &mut AnyConnection, parent: &UserId) -> QueryResult<usize> {
    diesel::delete(
        parent_tip_deliveries::table.filter(parent_tip_deliveries::parent_id.eq(parent.as_str())),
    )
    .execute(conn)
}
