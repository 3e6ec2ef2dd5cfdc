//! Every user can export all of their data and erase their account. After
//! a young person is erased no row of theirs remains but a content-free
//! audit tombstone; the export holds every record the server had.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use lantern_core::checkin::SelfHarmAnswer;
use lantern_server::db::AnyConnection;
use lantern_tests::{
    StatusCode, TestApp, assert_problem, batch_for, check_in, grants_from, on_both_backends,
};
use serde_json::{Value, json};

on_both_backends!(
    the_export_holds_every_record_and_erasure_leaves_only_a_tombstone,
    erasure_needs_confirmation_and_loses_nothing_without_it,
    staff_are_anonymised_and_their_reads_stay_in_the_trail,
    shared_data_of_inactive_young_people_expires_by_the_service_setting,
);

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Every (table, column) in the database holding `value`, found by reading
/// the catalogue, so a table added later is checked too.
fn rows_mentioning(conn: &mut AnyConnection, value: &str) -> Vec<(String, String, i64)> {
    let columns_sql = match conn {
        AnyConnection::Sqlite(_) => {
            "SELECT m.name AS table_name, p.name AS column_name \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"
        }
        AnyConnection::Postgresql(_) => {
            "SELECT table_name::text AS table_name, column_name::text AS column_name \
             FROM information_schema.columns WHERE table_schema = 'public' \
             AND data_type IN ('text', 'character varying')"
        }
    };
    let columns: Vec<Column> = diesel::sql_query(columns_sql).load(conn).unwrap();
    assert!(columns.len() > 20, "the catalogue query found the tables");
    let mut found = Vec::new();
    for column in columns {
        let sql = format!(
            "SELECT count(*) AS n FROM \"{}\" WHERE CAST(\"{}\" AS TEXT) = '{}'",
            column.table_name, column.column_name, value
        );
        let n = diesel::sql_query(sql).get_result::<Count>(conn).unwrap().n;
        if n > 0 {
            found.push((column.table_name, column.column_name, n));
        }
    }
    found
}

fn count(conn: &mut AnyConnection, table: &str, column: &str, value: &str) -> i64 {
    let sql = format!("SELECT count(*) AS n FROM \"{table}\" WHERE \"{column}\" = '{value}'");
    diesel::sql_query(sql).get_result::<Count>(conn).unwrap().n
}

async fn the_export_holds_every_record_and_erasure_leaves_only_a_tombstone(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let id = young_person.user_id.clone();
    for scope in ["mood", "feelings", "notes", "goals"] {
        app.set_consent(&young_person, scope, true, true).await;
    }
    let grants = grants_from(
        &app.set_consent(&young_person, "safety_plan", true, true)
            .await,
    );
    let check_ins = [check_in(2, 5, Some("my own words")), check_in(4, 3, None)];
    let mut data = lantern_core::sync::DeviceData {
        check_ins: check_ins.to_vec(),
        safety_plan: Some(lantern_core::safety_plan::SafetyPlan {
            reasons_to_keep_going: vec!["My dog".into()],
            ..lantern_core::safety_plan::SafetyPlan::new(lantern_core::RecordId::generate(
                5, [5; 10],
            ))
        }),
        ..Default::default()
    };
    data.deleted.push(lantern_core::sync::Tombstone {
        kind: lantern_core::sync::RecordKind::Goal,
        id: lantern_core::RecordId::generate(6, [6; 10]),
    });
    let batch = serde_json::to_value(lantern_core::sync::build_sync_batch(&data, &grants)).unwrap();
    assert_eq!(
        app.sync(&young_person, &batch).await.status(),
        StatusCode::OK
    );
    app.disclose(&young_person, SelfHarmAnswer::Yes).await;
    let thrive = format!("/api/v1/young-people/{id}/thrive");
    app.post_json(
        &thrive,
        Some(&worker.access_token),
        &json!({"grouping": "getting_help", "reason": "agreed", "agreed_with_young_person": true}),
    )
    .await;
    let term = format!("/api/v1/young-people/{id}/outcome-records/2026-autumn");
    let recorded = app
        .put_json(
            &term,
            Some(&worker.access_token),
            &json!({"attendance_percent": 94.5, "fixed_term_exclusions": {"count": 0, "days": 0},
                "permanent_exclusion": false, "part_time_timetable": false}),
        )
        .await;
    assert_eq!(recorded.status(), StatusCode::OK);
    let signposted = app
        .post_json(
            &format!("/api/v1/young-people/{id}/signposts"),
            Some(&worker.access_token),
            &json!({"directory_service_id": "childline", "note": "They are kind."}),
        )
        .await;
    assert_eq!(signposted.status(), StatusCode::CREATED);
    app.get(
        &format!("/api/v1/young-people/{id}/check-ins"),
        Some(&worker.access_token),
    )
    .await;
    let sent: Value = app
        .post_json(
            "/api/v1/encouragements",
            Some(&worker.access_token),
            &json!({"young_person_ids": [id], "text": "Well done for checking in."}),
        )
        .await
        .json()
        .await
        .unwrap();
    let message = sent["messages"][0]["id"].as_str().unwrap();
    let replied = app
        .put_json(
            &format!("/api/v1/me/encouragements/{message}/reply"),
            Some(&young_person.access_token),
            &json!({"reply": "heart"}),
        )
        .await;
    assert_eq!(replied.status(), StatusCode::OK);

    let response = app
        .get("/api/v1/me/export", Some(&young_person.access_token))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let export: Value = response.json().await.unwrap();
    assert_eq!(export["format"], "lantern-export");
    assert_eq!(export["account"]["id"], id.as_str());
    let mine = &export["young_person"];
    let mut conn = app.pool.get().unwrap();
    for (key, table, column) in [
        ("check_ins", "check_ins", "young_person_id"),
        ("shared_records", "shared_records", "young_person_id"),
        ("deleted_records", "record_tombstones", "young_person_id"),
        ("consent_history", "consent_events", "young_person_id"),
        ("alerts", "alerts", "young_person_id"),
        ("thrive_groupings", "thrive_groupings", "young_person_id"),
        ("outcome_records", "outcome_records", "young_person_id"),
        ("signposts", "signposts", "young_person_id"),
        ("encouragements", "encouragements", "young_person_id"),
        ("audit_events", "audit_events", "subject_id"),
    ] {
        let held = count(&mut conn, table, column, &id);
        assert!(held > 0, "{table} has rows for this test");
        assert_eq!(mine[key].as_array().unwrap().len() as i64, held, "{key}");
    }
    assert_eq!(export["assignments"].as_array().unwrap().len(), 1);
    assert!(
        export.to_string().contains("my own words"),
        "shared notes are in the export"
    );
    drop(conn);

    let response = app
        .client
        .delete(app.url("/api/v1/me"))
        .bearer_auth(&young_person.access_token)
        .json(&json!({"confirm": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let mut conn = app.pool.get().unwrap();
    assert_eq!(
        rows_mentioning(&mut conn, &id),
        [],
        "no row of theirs remains"
    );
    let tombstones = count(&mut conn, "audit_events", "action", "erase_account");
    assert_eq!(tombstones, 1, "one content-free tombstone");
    let worker_still_there = rows_mentioning(&mut conn, &worker.user_id);
    assert!(!worker_still_there.is_empty());
}

async fn erasure_needs_confirmation_and_loses_nothing_without_it(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let grants = grants_from(&app.set_consent(&young_person, "mood", true, true).await);
    app.sync(&young_person, &batch_for(&[check_in(3, 0, None)], &grants))
        .await;
    let response = app
        .client
        .delete(app.url("/api/v1/me"))
        .bearer_auth(&young_person.access_token)
        .json(&json!({"confirm": false}))
        .send()
        .await
        .unwrap();
    assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(app.check_in_count(&young_person), 1);
}

async fn staff_are_anonymised_and_their_reads_stay_in_the_trail(app: TestApp) {
    let (worker, session, young_person) = app.worker_with_young_person().await;
    app.get(
        &format!("/api/v1/young-people/{}/check-ins", young_person.user_id),
        Some(&session.access_token),
    )
    .await;
    let export = app.get_json("/api/v1/me/export", &session).await;
    assert_eq!(export["account"]["email"], worker.email.as_str());
    assert_eq!(export["actions"][0]["action"], "read_check_ins");

    let response = app
        .client
        .delete(app.url("/api/v1/me"))
        .bearer_auth(&session.access_token)
        .json(&json!({"confirm": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = app
        .post_json(
            "/api/v1/auth/login",
            None,
            &json!({"email": worker.email, "password": worker.password}),
        )
        .await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    let mut conn = app.pool.get().unwrap();
    assert_eq!(rows_mentioning(&mut conn, &worker.email), []);
    drop(conn);
    let log = app.get_json("/api/v1/me/audit-events", &young_person).await;
    assert_eq!(log["events"][0]["who"], "Former staff member");
    let access = app.get_json("/api/v1/me/access", &young_person).await;
    assert_eq!(access["workers"], json!([]), "their assignment ended");
}

async fn shared_data_of_inactive_young_people_expires_by_the_service_setting(app: TestApp) {
    use chrono::{Months, Utc};
    use lantern_server::jobs::expire_inactive::expire_inactive;
    let (worker, _, young_person) = app.worker_with_young_person().await;
    let grants = grants_from(&app.set_consent(&young_person, "mood", true, true).await);
    app.sync(&young_person, &batch_for(&[check_in(3, 0, None)], &grants))
        .await;
    let now = Utc::now().naive_utc();
    let mut conn = app.pool.get().unwrap();
    assert_eq!(expire_inactive(&mut conn, now).unwrap(), 0, "active: kept");
    let in_eleven_months = now.checked_add_months(Months::new(11)).unwrap();
    assert_eq!(expire_inactive(&mut conn, in_eleven_months).unwrap(), 0);
    drop(conn);

    let admin = app
        .log_in(&app.create_staff(&worker.service, lantern_server::db::users::Role::Admin))
        .await;
    let response = app
        .patch_json(
            "/api/v1/admin/service",
            Some(&admin.access_token),
            &json!({"duty_contact_id": null, "alert_escalation_minutes": 240, "retention_months": 18}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let mut conn = app.pool.get().unwrap();
    let in_thirteen_months = now.checked_add_months(Months::new(13)).unwrap();
    assert_eq!(
        expire_inactive(&mut conn, in_thirteen_months).unwrap(),
        0,
        "the service keeps 18 months"
    );
    let in_nineteen_months = now.checked_add_months(Months::new(19)).unwrap();
    assert_eq!(expire_inactive(&mut conn, in_nineteen_months).unwrap(), 1);
    assert_eq!(
        expire_inactive(&mut conn, in_nineteen_months).unwrap(),
        0,
        "once"
    );
    drop(conn);
    assert_eq!(app.check_in_count(&young_person), 0);
    let log = app.get_json("/api/v1/me/audit-events", &young_person).await;
    assert_eq!(log["events"][0]["who"], "Lantern");
    assert!(
        log["events"][0]["sentence"]
            .as_str()
            .unwrap()
            .starts_with("Deleted the copies")
    );
}
