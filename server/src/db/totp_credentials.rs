//! One TOTP authenticator per person. The secret is stored as base32 text:
//! it must be readable to check codes, so it is at rest in the database.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::UserId;
use super::schema::totp_credentials;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = totp_credentials)]
pub struct TotpCredential {
    pub user_id: String,
    pub secret: String,
    pub created_at: NaiveDateTime,
    pub confirmed_at: Option<NaiveDateTime>,
    pub last_used_step: Option<i64>,
}

impl TotpCredential {
    pub fn is_enabled(&self) -> bool {
        self.confirmed_at.is_some()
    }
}

pub fn find(conn: &mut AnyConnection, user: &UserId) -> QueryResult<Option<TotpCredential>> {
    totp_credentials::table
        .find(user.as_str())
        .select(TotpCredential::as_select())
        .first(conn)
        .optional()
}

/// Starts (or restarts) an enrolment with a new, unconfirmed secret.
pub fn replace_pending(
    conn: &mut AnyConnection,
    user: &UserId,
    secret: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    delete(conn, user)?;
    diesel::insert_into(totp_credentials::table)
        .values((
            totp_credentials::user_id.eq(user.as_str()),
            totp_credentials::secret.eq(secret),
            totp_credentials::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records that the code of time step `step` was used, only if no code of
/// this or a later step was used before; false means the code was already
/// spent. The condition is in the UPDATE, so two requests racing with the
/// same code cannot both win.
pub fn use_step(
    conn: &mut AnyConnection,
    user: &UserId,
    step: i64,
    confirm_at: Option<NaiveDateTime>,
) -> QueryResult<bool> {
    let row = totp_credentials::table.find(user.as_str()).filter(
        totp_credentials::last_used_step
            .is_null()
            .or(totp_credentials::last_used_step.lt(step)),
    );
    let changed = match confirm_at {
        Some(now) => diesel::update(row)
            .set((
                totp_credentials::last_used_step.eq(step),
                totp_credentials::confirmed_at.eq(now),
            ))
            .execute(conn)?,
        None => diesel::update(row)
            .set(totp_credentials::last_used_step.eq(step))
            .execute(conn)?,
    };
    Ok(changed > 0)
}

pub fn delete(conn: &mut AnyConnection, user: &UserId) -> QueryResult<()> {
    diesel::delete(totp_credentials::table.find(user.as_str())).execute(conn)?;
    Ok(())
}
