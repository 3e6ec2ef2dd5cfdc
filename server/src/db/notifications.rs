//! The in-app inbox. Every notification is a row here, whatever happens to
//! its push; the app lists them after sign-in and fetches the details from
//! the resource each one is about.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::UserId;
use super::schema::notifications;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = notifications)]
pub struct Notification {
    pub id: String,
    pub recipient_id: String,
    pub kind: String,
    pub subject_id: String,
    pub title: String,
    pub created_at: NaiveDateTime,
    pub visible_at: NaiveDateTime,
    pub read_at: Option<NaiveDateTime>,
}

pub struct NewNotification<'a> {
    pub id: &'a str,
    pub recipient: &'a UserId,
    pub kind: &'a str,
    pub subject_id: &'a str,
    pub title: &'a str,
    pub visible_at: NaiveDateTime,
}

pub fn insert(
    conn: &mut AnyConnection,
    new: NewNotification<'_>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(notifications::table)
        .values((
            notifications::id.eq(new.id),
            notifications::recipient_id.eq(new.recipient.as_str()),
            notifications::kind.eq(new.kind),
            notifications::subject_id.eq(new.subject_id),
            notifications::title.eq(new.title),
            notifications::created_at.eq(now),
            notifications::visible_at.eq(new.visible_at),
        ))
        .execute(conn)
        .map(drop)
}

/// What a person can see now, newest first, at most `limit`.
pub fn visible(
    conn: &mut AnyConnection,
    recipient: &UserId,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<Notification>> {
    notifications::table
        .filter(notifications::recipient_id.eq(recipient.as_str()))
        .filter(notifications::visible_at.le(now))
        .order((notifications::visible_at.desc(), notifications::id.desc()))
        .limit(limit)
        .select(Notification::as_select())
        .load(conn)
}

pub fn unread_count(
    conn: &mut AnyConnection,
    recipient: &UserId,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    notifications::table
        .filter(notifications::recipient_id.eq(recipient.as_str()))
        .filter(notifications::visible_at.le(now))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)
}

/// Marks one of the recipient's own notifications read; false when there
/// is no such notification for them (already-read counts as found).
pub fn mark_read(
    conn: &mut AnyConnection,
    recipient: &UserId,
    id: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let mine = notifications::table
        .filter(notifications::id.eq(id))
        .filter(notifications::recipient_id.eq(recipient.as_str()))
        .filter(notifications::visible_at.le(now));
    let found: i64 = mine.count().get_result(conn)?;
    if found == 0 {
        return Ok(false);
    }
    diesel::update(mine.filter(notifications::read_at.is_null()))
        .set(notifications::read_at.eq(now))
        .execute(conn)?;
    Ok(true)
}

/// Removes the notifications about one subject (a message withdrawn before
/// it was shown, say); their pushes go with them.
pub fn delete_about(conn: &mut AnyConnection, kind: &str, subject_id: &str) -> QueryResult<usize> {
    diesel::delete(
        notifications::table
            .filter(notifications::kind.eq(kind))
            .filter(notifications::subject_id.eq(subject_id)),
    )
    .execute(conn)
}

/// Everything addressed to one person, for erasure.
pub fn delete_for(conn: &mut AnyConnection, recipient: &UserId) -> QueryResult<usize> {
    diesel::delete(notifications::table.filter(notifications::recipient_id.eq(recipient.as_str())))
        .execute(conn)
}
