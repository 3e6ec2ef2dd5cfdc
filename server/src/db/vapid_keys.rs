//! The one VAPID key pair. Two instances starting at once may both make a
//! key; the first insert wins and both then read the winner.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Text, Timestamp};

use super::AnyConnection;
use super::schema::vapid_keys;

/// The id of the only row.
const CURRENT: &str = "current";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = vapid_keys)]
pub struct VapidKeyRow {
    /// The raw 32-byte P-256 scalar, base64url without padding.
    pub private_key: String,
    /// The uncompressed public point (65 bytes), base64url without padding.
    pub public_key: String,
}

pub fn current(conn: &mut AnyConnection) -> QueryResult<Option<VapidKeyRow>> {
    vapid_keys::table
        .find(CURRENT)
        .select(VapidKeyRow::as_select())
        .first(conn)
        .optional()
}

/// Stores `row` unless a key is already there; returns the key that is.
pub fn insert_or_keep(
    conn: &mut AnyConnection,
    row: &VapidKeyRow,
    now: NaiveDateTime,
) -> QueryResult<VapidKeyRow> {
    // Diesel's upsert does not cover both backends at once; the SQL is
    // the same but for the placeholders.
    let sql = |p: [&str; 4]| {
        format!(
            "INSERT INTO vapid_keys (id, private_key, public_key, created_at)
             VALUES ({}, {}, {}, {}) ON CONFLICT (id) DO NOTHING",
            p[0], p[1], p[2], p[3]
        )
    };
    match conn {
        AnyConnection::Postgresql(pg) => diesel::sql_query(sql(["$1", "$2", "$3", "$4"]))
            .bind::<Text, _>(CURRENT)
            .bind::<Text, _>(&row.private_key)
            .bind::<Text, _>(&row.public_key)
            .bind::<Timestamp, _>(now)
            .execute(pg)?,
        AnyConnection::Sqlite(sqlite) => diesel::sql_query(sql(["?", "?", "?", "?"]))
            .bind::<Text, _>(CURRENT)
            .bind::<Text, _>(&row.private_key)
            .bind::<Text, _>(&row.public_key)
            .bind::<Timestamp, _>(now)
            .execute(sqlite)?,
    };
    vapid_keys::table
        .find(CURRENT)
        .select(VapidKeyRow::as_select())
        .first(conn)
}
