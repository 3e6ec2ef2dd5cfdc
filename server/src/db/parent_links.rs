//! Links between a parent or carer and a young person. Only the young
//! person starts one (with a code) and they can remove it at any time.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::{UserId, new_row_id};
use super::schema::{parent_links, users};
use super::users::User;

/// Links `parent` to `young_person`; false if they were linked already.
pub fn link(
    conn: &mut AnyConnection,
    parent: &UserId,
    young_person: &UserId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    if is_linked(conn, parent, young_person)? {
        return Ok(false);
    }
    diesel::insert_into(parent_links::table)
        .values((
            parent_links::id.eq(new_row_id()),
            parent_links::parent_id.eq(parent.as_str()),
            parent_links::young_person_id.eq(young_person.as_str()),
            parent_links::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(true)
}

pub fn is_linked(
    conn: &mut AnyConnection,
    parent: &UserId,
    young_person: &UserId,
) -> QueryResult<bool> {
    let count: i64 = parent_links::table
        .filter(parent_links::parent_id.eq(parent.as_str()))
        .filter(parent_links::young_person_id.eq(young_person.as_str()))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// One link as the young person sees it.
pub struct LinkedParent {
    pub link_id: String,
    pub parent: User,
    pub since: NaiveDateTime,
}

/// The active parents linked to a young person, oldest link first.
pub fn parents_of(
    conn: &mut AnyConnection,
    young_person: &UserId,
) -> QueryResult<Vec<LinkedParent>> {
    let rows: Vec<(String, NaiveDateTime, User)> = parent_links::table
        .inner_join(users::table.on(users::id.eq(parent_links::parent_id)))
        .filter(parent_links::young_person_id.eq(young_person.as_str()))
        .filter(users::disabled_at.is_null())
        .order((parent_links::created_at.asc(), parent_links::id.asc()))
        .select((
            parent_links::id,
            parent_links::created_at,
            User::as_select(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(link_id, since, parent)| LinkedParent {
            link_id,
            parent,
            since,
        })
        .collect())
}

/// The young people a parent is linked to, with when each link began.
pub fn children_of(
    conn: &mut AnyConnection,
    parent: &UserId,
) -> QueryResult<Vec<(User, NaiveDateTime)>> {
    users::table
        .inner_join(parent_links::table.on(parent_links::young_person_id.eq(users::id)))
        .filter(parent_links::parent_id.eq(parent.as_str()))
        .order(parent_links::created_at.asc())
        .select((User::as_select(), parent_links::created_at))
        .load(conn)
}

/// Removes one of a young person's links; false if they have no such link.
pub fn remove(conn: &mut AnyConnection, young_person: &UserId, link_id: &str) -> QueryResult<bool> {
    let removed = diesel::delete(
        parent_links::table
            .find(link_id)
            .filter(parent_links::young_person_id.eq(young_person.as_str())),
    )
    .execute(conn)?;
    Ok(removed > 0)
}
