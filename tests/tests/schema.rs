//! The hand-written `schema.rs` matches both migration trees, and every
//! migration's down.sql undoes its up.sql.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use lantern_server::db::schema::*;
use lantern_server::db::{
    AnyConnection, alerts as alert_rows, audit, check_ins as rows, consents,
    directory_services as directory_rows, invites as invite_rows, outcome_records as outcome_rows,
    parent_link_codes as link_code_rows, parent_nudges as nudge_rows, refresh_tokens as token_rows,
    relink_codes as relink_rows, reminders as reminder_rows, revert_all_migrations, run_migrations,
    service_settings as settings_rows, services as service_rows, shared_records as records,
    signing_keys as key_rows, signposts as signpost_rows, thrive as thrive_rows,
    tip_deliveries as delivery_rows, tip_preferences as preference_rows,
    totp_challenges as challenge_rows, totp_credentials as totp_rows, users as user_rows,
};
use lantern_tests::{TestApp, on_both_backends};

on_both_backends!(
    every_table_and_column_in_schema_rs_exists_with_its_type,
    down_migrations_undo_up_migrations
);

/// Selecting every column into the row types fails if a column is missing,
/// misnamed or of another type on this backend.
fn check_schema(conn: &mut AnyConnection) {
    services::table
        .select(service_rows::Service::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    users::table
        .select(user_rows::User::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    assignments::table
        .select(assignments::all_columns)
        .limit(0)
        .load::<(String, String, String, NaiveDateTime, Option<NaiveDateTime>)>(conn)
        .unwrap();
    invites::table
        .select(invite_rows::Invite::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    refresh_tokens::table
        .select(token_rows::RefreshToken::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    consent_events::table
        .select(consents::ConsentEvent::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    check_ins::table
        .select(rows::CheckInRow::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    record_tombstones::table
        .select(record_tombstones::all_columns)
        .limit(0)
        .load::<(String, String, String, NaiveDateTime)>(conn)
        .unwrap();
    shared_records::table
        .select(records::SharedRecordRow::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    audit_events::table
        .select(audit::AuditEvent::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    signing_keys::table
        .select(key_rows::SigningKeyRow::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    alerts::table
        .select(alert_rows::Alert::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    service_settings::table
        .select(settings_rows::ServiceSettings::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    thrive_groupings::table
        .select(thrive_rows::ThriveRow::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    totp_credentials::table
        .select(totp_rows::TotpCredential::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    totp_challenges::table
        .select(challenge_rows::TotpChallenge::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    relink_codes::table
        .select(relink_rows::RelinkCode::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    reminders::table
        .select(reminder_rows::Reminder::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    reminders::table
        .select(reminders::secret_hash)
        .limit(0)
        .load::<String>(conn)
        .unwrap();
    parent_link_codes::table
        .select(link_code_rows::ParentLinkCode::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    parent_links::table
        .select(parent_links::all_columns)
        .limit(0)
        .load::<(String, String, String, NaiveDateTime)>(conn)
        .unwrap();
    parent_tip_preferences::table
        .select(preference_rows::Row::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    parent_nudges::table
        .select(nudge_rows::Nudge::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    parent_tip_deliveries::table
        .select(delivery_rows::Delivery::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    outcome_records::table
        .select(outcome_rows::OutcomeRow::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    directory_services::table
        .select(directory_rows::DirectoryRow::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    signposts::table
        .select(signpost_rows::Signpost::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    check_group_schema(conn);
}

/// The group tables: the row types, and the two tables without one.
fn check_group_schema(conn: &mut AnyConnection) {
    use lantern_server::db::groups::{GroupRow, SessionRow};
    support_groups::table
        .select(GroupRow::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    group_sessions::table
        .select(SessionRow::as_select())
        .limit(0)
        .load(conn)
        .unwrap();
    group_members::table
        .select(group_members::all_columns)
        .limit(0)
        .load::<(String, String, NaiveDateTime, Option<NaiveDateTime>)>(conn)
        .unwrap();
    group_attendance::table
        .select(group_attendance::all_columns)
        .limit(0)
        .load::<(String, String, bool, String, NaiveDateTime)>(conn)
        .unwrap();
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn user_tables(conn: &mut AnyConnection) -> i64 {
    let sql = match conn {
        AnyConnection::Sqlite(_) => {
            "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name <> '__diesel_schema_migrations'"
        }
        AnyConnection::Postgresql(_) => {
            "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public' \
             AND table_name <> '__diesel_schema_migrations'"
        }
    };
    diesel::sql_query(sql).get_result::<Count>(conn).unwrap().n
}

async fn every_table_and_column_in_schema_rs_exists_with_its_type(app: TestApp) {
    let mut conn = app.pool.get().unwrap();
    check_schema(&mut conn);
}

async fn down_migrations_undo_up_migrations(app: TestApp) {
    let mut conn = app.pool.get().unwrap();
    assert_eq!(user_tables(&mut conn), 37);
    revert_all_migrations(&mut conn).unwrap();
    assert_eq!(user_tables(&mut conn), 0, "down.sql left tables behind");
    run_migrations(&mut conn).unwrap();
    check_schema(&mut conn);
}
