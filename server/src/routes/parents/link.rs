//! Redeeming a parent link code, shared by signing up and by a signed-in
//! parent linking another child.

use chrono::NaiveDateTime;

use crate::auth::secrets::invite_code_hash;
use crate::db::ids::UserId;
use crate::db::parent_link_codes::{self, ParentLinkCode};
use crate::db::users::{self, Role};
use crate::db::{AnyConnection, parent_links};
use crate::error::ApiError;

/// A code that can be used now, for an active young person. Every other
/// case (mistyped, used, expired, the young person gone) is the same
/// `invalid_invite`, so a guesser learns nothing.
pub fn usable_code(
    conn: &mut AnyConnection,
    code: &str,
    now: NaiveDateTime,
) -> Result<ParentLinkCode, ApiError> {
    let stored = parent_link_codes::find_usable(conn, &invite_code_hash(code), now)?
        .ok_or(ApiError::InvalidInvite)?;
    let young_person = users::find(conn, &UserId(stored.young_person_id.clone()))?;
    if !young_person.is_some_and(|user| user.is_active() && user.role() == Role::YoungPerson) {
        return Err(ApiError::InvalidInvite);
    }
    Ok(stored)
}

/// Uses the code and links `parent` to its young person.
pub fn redeem(
    conn: &mut AnyConnection,
    code: &ParentLinkCode,
    parent: &UserId,
    now: NaiveDateTime,
) -> Result<NaiveDateTime, ApiError> {
    if !parent_link_codes::mark_used(conn, &code.id, parent, now)? {
        return Err(ApiError::InvalidInvite);
    }
    parent_links::link(conn, parent, &UserId(code.young_person_id.clone()), now)?;
    Ok(now)
}
