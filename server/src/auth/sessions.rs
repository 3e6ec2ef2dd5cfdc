//! Sign-in sessions: a short-lived access token plus an opaque refresh token
//! that rotates on every use. A rotated token used again means it was copied,
//! so the whole family (every token from that sign-in) is revoked.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::secrets::{new_token, sha256_hex};
use super::tokens::{ACCESS_TOKEN_SECONDS, Subject, TokenKeys, TokenScope};
use crate::db::AnyConnection;
use crate::db::ids::{UserId, new_row_id};
use crate::db::users::{self, Role, User};
use crate::db::{refresh_tokens, services, totp_credentials};
use crate::error::ApiError;

/// A young person's phone stays signed in while it is used: each refresh
/// pushes the end back; a parent's too, for a month. Staff sign in again
/// each working day.
fn refresh_lifetime(role: Role) -> Duration {
    match role {
        Role::YoungPerson => Duration::days(90),
        Role::Parent => Duration::days(30),
        Role::Worker | Role::ServiceLead | Role::Admin => Duration::hours(12),
    }
}

#[derive(Debug, Serialize)]
pub struct SessionUser {
    pub id: String,
    pub role: Role,
    pub display_name: String,
    pub service_id: String,
}

impl From<&User> for SessionUser {
    fn from(user: &User) -> Self {
        SessionUser {
            id: user.id.clone(),
            role: user.role(),
            display_name: user.display_name.clone(),
            service_id: user.service_id.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Session {
    pub access_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
    pub refresh_token: String,
    /// Present when the session may do less than the role allows
    /// (`totp_enrolment`: enrol an authenticator, nothing else).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<TokenScope>,
    pub user: SessionUser,
}

/// Starts a new sign-in (a new token family) for `user`.
pub fn start(
    conn: &mut AnyConnection,
    keys: &TokenKeys,
    user: &User,
    now: DateTime<Utc>,
) -> Result<Session, ApiError> {
    issue(conn, keys, user, &new_row_id(), now)
}

fn issue(
    conn: &mut AnyConnection,
    keys: &TokenKeys,
    user: &User,
    family_id: &str,
    now: DateTime<Utc>,
) -> Result<Session, ApiError> {
    let refresh_token = new_token()?;
    let expires_at = now + refresh_lifetime(user.role());
    refresh_tokens::insert(
        conn,
        &user.user_id(),
        family_id,
        &sha256_hex(&refresh_token),
        now.naive_utc(),
        expires_at.naive_utc(),
    )?;
    let scope = scope_for(conn, user)?;
    let access_token = keys.issue_access(
        &Subject {
            user_id: &user.id,
            role: user.role(),
            service_id: &user.service_id,
            session_id: family_id,
            scope,
        },
        now,
    )?;
    Ok(Session {
        access_token,
        token_type: "Bearer",
        expires_in: ACCESS_TOKEN_SECONDS,
        refresh_token,
        scope,
        user: SessionUser::from(user),
    })
}

/// Staff of a service that requires TOTP get an enrolment-only session
/// until they have confirmed an authenticator. Judged at every issue, so a
/// refresh after enrolling gives a full session, and a service switching
/// the requirement on limits sessions from their next refresh.
fn scope_for(conn: &mut AnyConnection, user: &User) -> Result<Option<TokenScope>, ApiError> {
    if !user.role().is_staff() {
        return Ok(None);
    }
    let required = services::find(conn, &user.service())?.is_some_and(|s| s.require_totp);
    if !required {
        return Ok(None);
    }
    let enrolled = totp_credentials::find(conn, &user.user_id())?.is_some_and(|c| c.is_enabled());
    Ok((!enrolled).then_some(TokenScope::TotpEnrolment))
}

/// Ends every sign-in of `user` but `keep`: their refresh tokens stop
/// working and, through the per-request session check, so do their access
/// tokens.
pub fn end_all(
    conn: &mut AnyConnection,
    user: &UserId,
    keep: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let revoked = refresh_tokens::revoke_all_for_user(conn, user, keep, now.naive_utc())?;
    tracing::info!(user.id = %user, revoked, "sessions ended");
    Ok(())
}

pub enum Refreshed {
    Session(Session),
    /// A rotated token came back: its family has been revoked. The caller
    /// must commit that revocation before answering with an error.
    Reused,
    Invalid,
}

pub fn refresh(
    conn: &mut AnyConnection,
    keys: &TokenKeys,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Refreshed, ApiError> {
    let Some(stored) = refresh_tokens::find_by_hash(conn, &sha256_hex(token))? else {
        return Ok(Refreshed::Invalid);
    };
    if stored.revoked_at.is_some() {
        return Ok(Refreshed::Invalid);
    }
    if stored.rotated_at.is_some() {
        refresh_tokens::revoke_family(conn, &stored.family_id, now.naive_utc())?;
        tracing::warn!(user.id = %stored.user_id, "refresh token reused; family revoked");
        return Ok(Refreshed::Reused);
    }
    if stored.expires_at <= now.naive_utc() {
        return Ok(Refreshed::Invalid);
    }
    let user = match users::find(conn, &UserId(stored.user_id.clone()))? {
        Some(user) if user.is_active() => user,
        _ => return Ok(Refreshed::Invalid),
    };
    refresh_tokens::mark_rotated(conn, &stored.id, now.naive_utc())?;
    Ok(Refreshed::Session(issue(
        conn,
        keys,
        &user,
        &stored.family_id,
        now,
    )?))
}

/// Signs out: revokes the token's whole family. Unknown tokens are ignored,
/// so signing out twice is harmless.
pub fn end(conn: &mut AnyConnection, token: &str, now: DateTime<Utc>) -> Result<(), ApiError> {
    if let Some(stored) = refresh_tokens::find_by_hash(conn, &sha256_hex(token))? {
        refresh_tokens::revoke_family(conn, &stored.family_id, now.naive_utc())?;
    }
    Ok(())
}
