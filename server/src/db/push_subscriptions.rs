//! Stored push subscriptions. An endpoint is unique: a browser that
//! subscribes again (new keys, or a new person signed in on the same
//! phone) replaces what was there.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::{UserId, new_row_id};
use super::schema::push_subscriptions;
use crate::notify::subscription::Subscription;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = push_subscriptions)]
pub struct StoredSubscription {
    pub id: String,
    pub user_id: Option<String>,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Stores a subscription for `owner` (None: an anonymous reminder's
/// device) and returns its id; an endpoint seen before keeps its id.
pub fn upsert(
    conn: &mut AnyConnection,
    owner: Option<&UserId>,
    subscription: &Subscription,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let existing: Option<String> = push_subscriptions::table
        .filter(push_subscriptions::endpoint.eq(&subscription.endpoint))
        .select(push_subscriptions::id)
        .first(conn)
        .optional()?;
    let owner = owner.map(UserId::as_str);
    if let Some(id) = existing {
        diesel::update(push_subscriptions::table.find(&id))
            .set((
                push_subscriptions::user_id.eq(owner),
                push_subscriptions::p256dh.eq(&subscription.p256dh),
                push_subscriptions::auth.eq(&subscription.auth),
                push_subscriptions::updated_at.eq(now),
            ))
            .execute(conn)?;
        return Ok(id);
    }
    let id = new_row_id();
    diesel::insert_into(push_subscriptions::table)
        .values((
            push_subscriptions::id.eq(&id),
            push_subscriptions::user_id.eq(owner),
            push_subscriptions::endpoint.eq(&subscription.endpoint),
            push_subscriptions::p256dh.eq(&subscription.p256dh),
            push_subscriptions::auth.eq(&subscription.auth),
            push_subscriptions::created_at.eq(now),
            push_subscriptions::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

pub fn find(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<StoredSubscription>> {
    push_subscriptions::table
        .find(id)
        .select(StoredSubscription::as_select())
        .first(conn)
        .optional()
}

/// Whose browser a subscription is, if anyone's (anonymous reminders have no owner).
pub fn owner_of(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<UserId>> {
    Ok(push_subscriptions::table
        .find(id)
        .select(push_subscriptions::user_id)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten()
        .map(UserId))
}

/// The ids of a person's subscriptions: one per browser they use.
pub fn ids_of(conn: &mut AnyConnection, user: &UserId) -> QueryResult<Vec<String>> {
    push_subscriptions::table
        .filter(push_subscriptions::user_id.eq(user.as_str()))
        .select(push_subscriptions::id)
        .load(conn)
}

pub fn list_of(conn: &mut AnyConnection, user: &UserId) -> QueryResult<Vec<StoredSubscription>> {
    push_subscriptions::table
        .filter(push_subscriptions::user_id.eq(user.as_str()))
        .order(push_subscriptions::created_at)
        .select(StoredSubscription::as_select())
        .load(conn)
}

/// Deletes one of a person's subscriptions (their queued pushes go with
/// it); false when they have no such subscription.
pub fn delete_own(conn: &mut AnyConnection, user: &UserId, id: &str) -> QueryResult<bool> {
    let deleted = diesel::delete(
        push_subscriptions::table
            .find(id)
            .filter(push_subscriptions::user_id.eq(user.as_str())),
    )
    .execute(conn)?;
    Ok(deleted == 1)
}

/// Deletes a subscription the push service says is gone (404 or 410).
pub fn delete(conn: &mut AnyConnection, id: &str) -> QueryResult<usize> {
    diesel::delete(push_subscriptions::table.find(id)).execute(conn)
}

/// Every subscription of a person, for erasure and sign-out everywhere.
pub fn delete_for(conn: &mut AnyConnection, user: &UserId) -> QueryResult<usize> {
    diesel::delete(push_subscriptions::table.filter(push_subscriptions::user_id.eq(user.as_str())))
        .execute(conn)
}
