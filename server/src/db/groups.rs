//! Closed groups: the group, who is in it, its sessions and attendance.
//! Leaving keeps the member's row (with `left_at`) so past attendance
//! still reads.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::{ServiceId, UserId, new_row_id};
use super::schema::{group_attendance, group_members, group_sessions, support_groups, users};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = support_groups)]
pub struct GroupRow {
    pub id: String,
    pub service_id: String,
    pub name: String,
    pub school: Option<String>,
    pub worker_id: String,
    pub starts_on: String,
    pub weeks: i32,
    pub created_at: NaiveDateTime,
    pub closed_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = group_sessions)]
pub struct SessionRow {
    pub id: String,
    pub group_id: String,
    pub number: i32,
    pub held_on: String,
    pub topic: Option<String>,
}

pub struct NewGroup<'a> {
    pub service: &'a ServiceId,
    pub worker: &'a UserId,
    pub name: &'a str,
    pub school: Option<&'a str>,
    pub starts_on: &'a str,
    pub weeks: i32,
}

pub fn create(
    conn: &mut AnyConnection,
    group: NewGroup<'_>,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let id = new_row_id();
    diesel::insert_into(support_groups::table)
        .values((
            support_groups::id.eq(&id),
            support_groups::service_id.eq(group.service.as_str()),
            support_groups::name.eq(group.name),
            support_groups::school.eq(group.school),
            support_groups::worker_id.eq(group.worker.as_str()),
            support_groups::starts_on.eq(group.starts_on),
            support_groups::weeks.eq(group.weeks),
            support_groups::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// The worker's own group, if it is theirs.
pub fn find_own(
    conn: &mut AnyConnection,
    worker: &UserId,
    id: &str,
) -> QueryResult<Option<GroupRow>> {
    support_groups::table
        .filter(support_groups::id.eq(id))
        .filter(support_groups::worker_id.eq(worker.as_str()))
        .select(GroupRow::as_select())
        .first(conn)
        .optional()
}

/// The worker's groups: running ones first, then finished; newest first.
pub fn list_own(conn: &mut AnyConnection, worker: &UserId) -> QueryResult<Vec<GroupRow>> {
    support_groups::table
        .filter(support_groups::worker_id.eq(worker.as_str()))
        .order((
            support_groups::closed_at.is_not_null(),
            support_groups::starts_on.desc(),
            support_groups::name.asc(),
        ))
        .select(GroupRow::as_select())
        .load(conn)
}

/// A group's name and school, and when it finished (`None`: running).
pub fn update(
    conn: &mut AnyConnection,
    id: &str,
    name: &str,
    school: Option<&str>,
    closed_at: Option<NaiveDateTime>,
) -> QueryResult<()> {
    diesel::update(support_groups::table.find(id))
        .set((
            support_groups::name.eq(name),
            support_groups::school.eq(school),
            support_groups::closed_at.eq(closed_at),
        ))
        .execute(conn)
        .map(drop)
}

/// Current members, by name: (id, display name).
pub fn members(conn: &mut AnyConnection, group: &str) -> QueryResult<Vec<(String, String)>> {
    group_members::table
        .inner_join(users::table.on(users::id.eq(group_members::young_person_id)))
        .filter(group_members::group_id.eq(group))
        .filter(group_members::left_at.is_null())
        .order((users::display_name.asc(), users::id.asc()))
        .select((users::id, users::display_name))
        .load(conn)
}

/// Adds a member, or brings back one who left; false if already in.
pub fn add_member(
    conn: &mut AnyConnection,
    group: &str,
    young_person: &UserId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let key = (group, young_person.as_str());
    let existing: Option<Option<NaiveDateTime>> = group_members::table
        .find(key)
        .select(group_members::left_at)
        .first(conn)
        .optional()?;
    match existing {
        Some(None) => Ok(false),
        Some(Some(_)) => {
            diesel::update(group_members::table.find(key))
                .set(group_members::left_at.eq(None::<NaiveDateTime>))
                .execute(conn)?;
            Ok(true)
        }
        None => {
            diesel::insert_into(group_members::table)
                .values((
                    group_members::group_id.eq(group),
                    group_members::young_person_id.eq(young_person.as_str()),
                    group_members::joined_at.eq(now),
                ))
                .execute(conn)?;
            Ok(true)
        }
    }
}

/// Marks a member as having left; false if they were not in.
pub fn remove_member(
    conn: &mut AnyConnection,
    group: &str,
    young_person: &UserId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        group_members::table
            .find((group, young_person.as_str()))
            .filter(group_members::left_at.is_null()),
    )
    .set(group_members::left_at.eq(now))
    .execute(conn)?;
    Ok(changed > 0)
}

pub fn sessions(conn: &mut AnyConnection, group: &str) -> QueryResult<Vec<SessionRow>> {
    group_sessions::table
        .filter(group_sessions::group_id.eq(group))
        .order(group_sessions::number.asc())
        .select(SessionRow::as_select())
        .load(conn)
}

pub fn add_session(
    conn: &mut AnyConnection,
    group: &str,
    held_on: &str,
    topic: Option<&str>,
) -> QueryResult<String> {
    let next: Option<i32> = group_sessions::table
        .filter(group_sessions::group_id.eq(group))
        .select(diesel::dsl::max(group_sessions::number))
        .first(conn)?;
    let id = new_row_id();
    diesel::insert_into(group_sessions::table)
        .values((
            group_sessions::id.eq(&id),
            group_sessions::group_id.eq(group),
            group_sessions::number.eq(next.unwrap_or(0) + 1),
            group_sessions::held_on.eq(held_on),
            group_sessions::topic.eq(topic),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Replaces a session's register: one row per member, here or not.
pub fn take_attendance(
    conn: &mut AnyConnection,
    session: &str,
    register: &[(String, bool)],
    by: &UserId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(group_attendance::table.filter(group_attendance::session_id.eq(session)))
        .execute(conn)?;
    for (young_person, present) in register {
        diesel::insert_into(group_attendance::table)
            .values((
                group_attendance::session_id.eq(session),
                group_attendance::young_person_id.eq(young_person),
                group_attendance::present.eq(present),
                group_attendance::recorded_by.eq(by.as_str()),
                group_attendance::recorded_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Every register of the group's sessions: (session, young person, here).
pub fn attendance(
    conn: &mut AnyConnection,
    group: &str,
) -> QueryResult<Vec<(String, String, bool)>> {
    group_attendance::table
        .inner_join(group_sessions::table.on(group_sessions::id.eq(group_attendance::session_id)))
        .filter(group_sessions::group_id.eq(group))
        .select((
            group_attendance::session_id,
            group_attendance::young_person_id,
            group_attendance::present,
        ))
        .load(conn)
}

/// A young person's memberships and registers go with their account.
pub fn forget(conn: &mut AnyConnection, young_person: &UserId) -> QueryResult<()> {
    diesel::delete(
        group_attendance::table.filter(group_attendance::young_person_id.eq(young_person.as_str())),
    )
    .execute(conn)?;
    diesel::delete(
        group_members::table.filter(group_members::young_person_id.eq(young_person.as_str())),
    )
    .execute(conn)?;
    Ok(())
}

/// The groups a young person is or was in, with their registers:
/// (group name, school, joined, left, [(session number, day, here)]).
pub type Membership = (
    String,
    Option<String>,
    NaiveDateTime,
    Option<NaiveDateTime>,
    Vec<(i32, String, bool)>,
);

pub fn memberships_of(
    conn: &mut AnyConnection,
    young_person: &UserId,
) -> QueryResult<Vec<Membership>> {
    // (group id, name, school, joined, left)
    type Joined = (
        String,
        String,
        Option<String>,
        NaiveDateTime,
        Option<NaiveDateTime>,
    );
    let groups: Vec<Joined> = group_members::table
        .inner_join(support_groups::table.on(support_groups::id.eq(group_members::group_id)))
        .filter(group_members::young_person_id.eq(young_person.as_str()))
        .order(group_members::joined_at.asc())
        .select((
            support_groups::id,
            support_groups::name,
            support_groups::school,
            group_members::joined_at,
            group_members::left_at,
        ))
        .load(conn)?;
    groups
        .into_iter()
        .map(|(id, name, school, joined, left)| {
            let registers = group_attendance::table
                .inner_join(
                    group_sessions::table.on(group_sessions::id.eq(group_attendance::session_id)),
                )
                .filter(group_sessions::group_id.eq(&id))
                .filter(group_attendance::young_person_id.eq(young_person.as_str()))
                .order(group_sessions::number.asc())
                .select((
                    group_sessions::number,
                    group_sessions::held_on,
                    group_attendance::present,
                ))
                .load(conn)?;
            Ok((name, school, joined, left, registers))
        })
        .collect()
}

/// The groups a young person is in now, as (group name, school, the name
/// of the worker who runs it), oldest first.
pub fn current_groups_of(
    conn: &mut AnyConnection,
    young_person: &UserId,
) -> QueryResult<Vec<(String, Option<String>, String)>> {
    group_members::table
        .inner_join(support_groups::table.on(support_groups::id.eq(group_members::group_id)))
        .inner_join(users::table.on(users::id.eq(support_groups::worker_id)))
        .filter(group_members::young_person_id.eq(young_person.as_str()))
        .filter(group_members::left_at.is_null())
        .order(group_members::joined_at.asc())
        .select((
            support_groups::name,
            support_groups::school,
            users::display_name,
        ))
        .load(conn)
}
