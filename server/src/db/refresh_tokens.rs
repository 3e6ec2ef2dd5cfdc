use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::{UserId, new_row_id};
use super::schema::{refresh_tokens, users};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshToken {
    pub id: String,
    pub user_id: String,
    pub family_id: String,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub rotated_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

pub fn insert(
    conn: &mut AnyConnection,
    user: &UserId,
    family_id: &str,
    token_hash: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::id.eq(new_row_id()),
            refresh_tokens::user_id.eq(user.as_str()),
            refresh_tokens::family_id.eq(family_id),
            refresh_tokens::token_hash.eq(token_hash),
            refresh_tokens::created_at.eq(now),
            refresh_tokens::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find_by_hash(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> QueryResult<Option<RefreshToken>> {
    refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(token_hash))
        .select(RefreshToken::as_select())
        .first(conn)
        .optional()
}

pub fn mark_rotated(conn: &mut AnyConnection, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(refresh_tokens::table.find(id))
        .set(refresh_tokens::rotated_at.eq(now))
        .execute(conn)?;
    Ok(())
}

/// Revokes every token descended from one sign-in.
pub fn revoke_family(
    conn: &mut AnyConnection,
    family_id: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::family_id.eq(family_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(now))
    .execute(conn)?;
    Ok(())
}

/// Revokes every sign-in of `user`, except the family `keep` if given (the
/// session that changed the password stays signed in).
pub fn revoke_all_for_user(
    conn: &mut AnyConnection,
    user: &UserId,
    keep: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let tokens = refresh_tokens::table
        .filter(refresh_tokens::user_id.eq(user.as_str()))
        .filter(refresh_tokens::revoked_at.is_null());
    match keep {
        Some(family) => diesel::update(tokens.filter(refresh_tokens::family_id.ne(family)))
            .set(refresh_tokens::revoked_at.eq(now))
            .execute(conn),
        None => diesel::update(tokens)
            .set(refresh_tokens::revoked_at.eq(now))
            .execute(conn),
    }
}

/// Whether the sign-in `family_id` of `user` still stands: not revoked, and
/// the account not disabled. Runs on every authenticated request, so it is
/// one query on the family index.
pub fn session_is_live(
    conn: &mut AnyConnection,
    family_id: &str,
    user: &UserId,
) -> QueryResult<bool> {
    let live: i64 = refresh_tokens::table
        .inner_join(users::table.on(users::id.eq(refresh_tokens::user_id)))
        .filter(refresh_tokens::family_id.eq(family_id))
        .filter(refresh_tokens::user_id.eq(user.as_str()))
        .filter(refresh_tokens::revoked_at.is_null())
        .filter(users::disabled_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(live > 0)
}
