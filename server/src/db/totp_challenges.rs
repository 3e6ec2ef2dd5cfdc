//! The pending second step of a two-step sign-in, kept as a token hash.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::{UserId, new_row_id};
use super::schema::totp_challenges;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = totp_challenges)]
pub struct TotpChallenge {
    pub id: String,
    pub token_hash: String,
    pub user_id: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub failed_attempts: i32,
    pub used_at: Option<NaiveDateTime>,
}

pub fn create(
    conn: &mut AnyConnection,
    token_hash: &str,
    user: &UserId,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(totp_challenges::table)
        .values((
            totp_challenges::id.eq(new_row_id()),
            totp_challenges::token_hash.eq(token_hash),
            totp_challenges::user_id.eq(user.as_str()),
            totp_challenges::created_at.eq(now),
            totp_challenges::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// A challenge that is unused, unexpired and has attempts left.
pub fn find_usable(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: NaiveDateTime,
    max_failed_attempts: i32,
) -> QueryResult<Option<TotpChallenge>> {
    totp_challenges::table
        .filter(totp_challenges::token_hash.eq(token_hash))
        .filter(totp_challenges::used_at.is_null())
        .filter(totp_challenges::expires_at.gt(now))
        .filter(totp_challenges::failed_attempts.lt(max_failed_attempts))
        .select(TotpChallenge::as_select())
        .first(conn)
        .optional()
}

pub fn record_failure(conn: &mut AnyConnection, id: &str) -> QueryResult<()> {
    diesel::update(totp_challenges::table.find(id))
        .set(totp_challenges::failed_attempts.eq(totp_challenges::failed_attempts + 1))
        .execute(conn)?;
    Ok(())
}

pub fn mark_used(conn: &mut AnyConnection, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(totp_challenges::table.find(id))
        .set(totp_challenges::used_at.eq(now))
        .execute(conn)?;
    Ok(())
}
