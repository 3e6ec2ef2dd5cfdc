use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::signing_keys;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = signing_keys)]
pub struct SigningKeyRow {
    pub kid: String,
    /// PKCS#8 DER, base64. Whoever can read the database can mint tokens;
    /// docs/ARCHITECTURE.md says how to rotate.
    pub private_key: String,
    /// Raw Ed25519 public key, base64.
    pub public_key: String,
    pub created_at: NaiveDateTime,
    pub retired_at: Option<NaiveDateTime>,
}

/// Keys that still verify tokens, newest first; the first one signs.
pub fn active(conn: &mut AnyConnection) -> QueryResult<Vec<SigningKeyRow>> {
    signing_keys::table
        .filter(signing_keys::retired_at.is_null())
        .order(signing_keys::created_at.desc())
        .select(SigningKeyRow::as_select())
        .load(conn)
}

pub fn insert(conn: &mut AnyConnection, row: &SigningKeyRow) -> QueryResult<()> {
    diesel::insert_into(signing_keys::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}
