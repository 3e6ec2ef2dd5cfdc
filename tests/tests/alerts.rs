//! Disclosure alerts: an answer of "a little" or "yes" from a connected
//! young person alerts every assigned worker with what they answered, is
//! acknowledged once with a note, escalates to the duty contact when left,
//! and the young person is told their worker knows.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use chrono::{Duration, Utc};
use lantern_core::checkin::SelfHarmAnswer;
use lantern_server::db::users::Role;
use lantern_server::jobs::escalate_alerts::escalate_overdue;
use lantern_tests::{Session, StatusCode, TestApp, Worker, assert_problem, on_both_backends};
use serde_json::{Value, json};

on_both_backends!(
    a_disclosure_alerts_the_worker_with_the_answer_and_no_score,
    the_alert_needs_no_sharing_and_reveals_nothing_else,
    sending_the_same_disclosure_again_raises_one_alert,
    a_no_is_never_an_alert_and_answers_from_before_joining_stay_on_the_phone,
    acknowledging_records_the_note_and_time_once,
    only_an_assigned_worker_sees_or_acknowledges_an_alert,
    an_unacknowledged_alert_escalates_to_the_duty_contact_once,
    with_no_worker_assigned_the_duty_contact_is_told_at_once,
    a_disabled_worker_counts_as_no_worker,
    service_settings_are_for_admins_and_checked,
    a_shared_check_in_and_its_disclosure_travel_together,
);

async fn a_disclosure_alerts_the_worker_with_the_answer_and_no_score(app: TestApp) {
    let (worker, worker_session, young_person) = app.worker_with_young_person().await;
    let colleague = app.create_colleague(&worker);
    let colleague_session = app.log_in(&colleague).await;
    assign(&app, &colleague, &young_person);

    let (told, outcome) = app.disclose(&young_person, SelfHarmAnswer::ALittle).await;
    assert_eq!(outcome["stored"], json!([told.id.as_str()]));
    assert_eq!(outcome["worker_told"], json!([told.id.as_str()]));

    for session in [&worker_session, &colleague_session] {
        let alerts = app.get_json("/api/v1/alerts", session).await;
        let alert = &alerts["alerts"][0];
        assert_eq!(alerts["alerts"].as_array().unwrap().len(), 1);
        assert_eq!(alert["display_name"], "Sky");
        let summary = alert["summary"].as_str().unwrap();
        assert!(summary.contains("\u{201c}a little\u{201d}"), "{summary}");
        assert!(summary.contains("hurting yourself"), "{summary}");
        for banned in ["risk", "score", "level"] {
            assert!(!summary.to_lowercase().contains(banned), "{summary}");
        }
        assert!(alert["acknowledged_at"].is_null());
    }

    let mine = app.get_json("/api/v1/me/alerts", &young_person).await;
    assert_eq!(mine["told"][0]["seen_by_worker"], false);
    assert!(
        mine["told"][0]["message"]
            .as_str()
            .unwrap()
            .contains("worker has been told")
    );

    let caseload = app.get_json("/api/v1/caseload", &worker_session).await;
    assert_eq!(
        caseload["young_people"][0]["need"],
        "unacknowledged_disclosure"
    );
    assert_eq!(caseload["young_people"][0]["open_alerts"], 1);
}

async fn the_alert_needs_no_sharing_and_reveals_nothing_else(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let (_, outcome) = app.disclose(&young_person, SelfHarmAnswer::Yes).await;
    assert_eq!(outcome["refused"], json!([]), "no scope is needed");
    let alerts = app.get_json("/api/v1/alerts", &worker).await;
    let text = alerts.to_string();
    assert!(
        !text.contains("stays on the phone"),
        "the note never leaves"
    );
    assert!(alerts["alerts"][0].get("mood").is_none());
    assert_eq!(
        app.check_in_count(&young_person),
        0,
        "nor the check-in itself"
    );
    let path = format!("/api/v1/young-people/{}/check-ins", young_person.user_id);
    let response = app.get(&path, Some(&worker.access_token)).await;
    assert_problem(response, StatusCode::FORBIDDEN, "consent_required").await;
}

async fn sending_the_same_disclosure_again_raises_one_alert(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let (told, _) = app.disclose(&young_person, SelfHarmAnswer::Yes).await;
    let data = lantern_core::sync::DeviceData {
        check_ins: vec![told.clone()],
        connected_since: Some(told.recorded_at - Duration::seconds(30)),
        ..Default::default()
    };
    let batch = serde_json::to_value(lantern_core::sync::build_sync_batch(&data, &[])).unwrap();
    let again: Value = app.sync(&young_person, &batch).await.json().await.unwrap();
    assert_eq!(again["stored"], json!([told.id.as_str()]));
    let alerts = app.get_json("/api/v1/alerts?status=all", &worker).await;
    assert_eq!(alerts["alerts"].as_array().unwrap().len(), 1);
}

async fn a_no_is_never_an_alert_and_answers_from_before_joining_stay_on_the_phone(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let no = json!({"version": 1, "records": [{"op": "upsert_disclosure", "disclosure": {
        "id": lantern_core::RecordId::generate(Utc::now().timestamp_millis() as u64, [7; 10]).as_str(),
        "recorded_at": Utc::now().to_rfc3339(),
        "told": {"question": "self_harm_question", "answer": "no"}}}]});
    let response = app.sync(&young_person, &no).await;
    let body = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(
        body["errors"][0]["field"],
        "records[0].disclosure.told.answer"
    );

    let long_ago = Utc::now() - Duration::days(30);
    let before = json!({"version": 1, "records": [{"op": "upsert_disclosure", "disclosure": {
        "id": lantern_core::RecordId::generate(long_ago.timestamp_millis() as u64, [8; 10]).as_str(),
        "recorded_at": long_ago.to_rfc3339(),
        "told": {"question": "self_harm_question", "answer": "yes"}}}]});
    let outcome: Value = app.sync(&young_person, &before).await.json().await.unwrap();
    assert_eq!(outcome["refused"][0]["code"], "before_connecting");
    assert_eq!(outcome["worker_told"], json!([]));
    let alerts = app.get_json("/api/v1/alerts?status=all", &worker).await;
    assert_eq!(alerts["alerts"], json!([]));
}

async fn acknowledging_records_the_note_and_time_once(app: TestApp) {
    let (worker, worker_session, young_person) = app.worker_with_young_person().await;
    let colleague = app.create_colleague(&worker);
    let colleague_session = app.log_in(&colleague).await;
    assign(&app, &colleague, &young_person);
    app.disclose(&young_person, SelfHarmAnswer::Yes).await;
    let alerts = app.get_json("/api/v1/alerts", &worker_session).await;
    let id = alerts["alerts"][0]["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/alerts/{id}/acknowledge");

    let empty = app
        .post_json(
            &path,
            Some(&worker_session.access_token),
            &json!({"note": "  "}),
        )
        .await;
    assert_problem(empty, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let still_open = app.get_json("/api/v1/alerts", &worker_session).await;
    assert_eq!(
        still_open["alerts"].as_array().unwrap().len(),
        1,
        "a bad note loses nothing"
    );

    let note = "Spoke with Sky at lunch; safety plan reviewed together.";
    let response = app
        .post_json(
            &path,
            Some(&worker_session.access_token),
            &json!({"note": note}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let done: Value = response.json().await.unwrap();
    assert!(done["minutes_to_acknowledge"].as_i64().unwrap() >= 0);

    let twice = app
        .post_json(
            &path,
            Some(&colleague_session.access_token),
            &json!({"note": "me too"}),
        )
        .await;
    assert_problem(twice, StatusCode::CONFLICT, "already_acknowledged").await;

    let open = app.get_json("/api/v1/alerts", &colleague_session).await;
    assert_eq!(
        open["alerts"],
        json!([]),
        "acknowledged by one, done for all"
    );
    let all = app
        .get_json("/api/v1/alerts?status=all", &colleague_session)
        .await;
    assert_eq!(all["alerts"][0]["acknowledgement_note"], note);

    let mine = app.get_json("/api/v1/me/alerts", &young_person).await;
    assert_eq!(mine["told"][0]["seen_by_worker"], true);
    assert!(
        !mine.to_string().contains("safety plan reviewed"),
        "the worker's note is theirs"
    );
    let caseload = app.get_json("/api/v1/caseload", &worker_session).await;
    assert_eq!(caseload["young_people"][0]["need"], "none");
    let trail = app.audit_trail(&young_person);
    assert!(
        trail
            .iter()
            .any(|(action, ..)| action == "acknowledge_alert")
    );
    assert!(trail.iter().any(|(action, ..)| action == "read_alerts"));
}

async fn only_an_assigned_worker_sees_or_acknowledges_an_alert(app: TestApp) {
    let (worker, _, young_person) = app.worker_with_young_person().await;
    app.disclose(&young_person, SelfHarmAnswer::Yes).await;
    let id = {
        let mut conn = app.pool.get().unwrap();
        lantern_server::db::alerts::for_young_person(
            &mut conn,
            &lantern_server::db::ids::UserId(young_person.user_id.clone()),
        )
        .unwrap()[0]
            .id
            .clone()
    };
    let path = format!("/api/v1/alerts/{id}/acknowledge");
    let colleague = app.log_in(&app.create_colleague(&worker)).await;
    let stranger = app.log_in(&app.create_worker()).await;
    for outsider in [&colleague, &stranger] {
        let alerts = app.get_json("/api/v1/alerts?status=all", outsider).await;
        assert_eq!(alerts["alerts"], json!([]));
        let response = app
            .post_json(
                &path,
                Some(&outsider.access_token),
                &json!({"note": "not mine"}),
            )
            .await;
        assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    }
    let response = app
        .post_json(
            &path,
            Some(&young_person.access_token),
            &json!({"note": "x"}),
        )
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
}

/// A colleague of `worker` made the service's duty contact, told after an
/// hour, by a new admin of the service; both are returned.
async fn with_duty_contact(app: &TestApp, worker: &Worker) -> (Worker, Session) {
    let duty = app.create_colleague(worker);
    let admin = app
        .log_in(&app.create_staff(&worker.service, Role::Admin))
        .await;
    let response = app
        .patch_json(
            "/api/v1/admin/service",
            Some(&admin.access_token),
            &json!({"duty_contact_id": duty.id.as_str(), "alert_escalation_minutes": 60}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    (duty, admin)
}

async fn an_unacknowledged_alert_escalates_to_the_duty_contact_once(app: TestApp) {
    let (worker, _, young_person) = app.worker_with_young_person().await;
    let (duty, _) = with_duty_contact(&app, &worker).await;
    let duty_session = app.log_in(&duty).await;
    app.disclose(&young_person, SelfHarmAnswer::Yes).await;

    let mut conn = app.pool.get().unwrap();
    let now = Utc::now().naive_utc();
    assert_eq!(
        escalate_overdue(&mut conn, now + Duration::minutes(30)).unwrap(),
        0,
        "not yet due"
    );
    let empty = app.get_json("/api/v1/alerts", &duty_session).await;
    assert_eq!(empty["alerts"], json!([]));

    let later = now + Duration::minutes(61);
    assert_eq!(escalate_overdue(&mut conn, later).unwrap(), 1);
    assert_eq!(escalate_overdue(&mut conn, later).unwrap(), 0, "only once");
    drop(conn);

    let alerts = app.get_json("/api/v1/alerts", &duty_session).await;
    assert_eq!(alerts["alerts"][0]["escalated_to_me"], true);
    let id = alerts["alerts"][0]["id"].as_str().unwrap();
    let response = app
        .post_json(
            &format!("/api/v1/alerts/{id}/acknowledge"),
            Some(&duty_session.access_token),
            &json!({"note": "Called the school's safeguarding lead."}),
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "the duty contact can act on it"
    );
}

async fn with_no_worker_assigned_the_duty_contact_is_told_at_once(app: TestApp) {
    let (worker, _, young_person) = app.worker_with_young_person().await;
    let duty = app.create_colleague(&worker);
    let admin = app
        .log_in(&app.create_staff(&worker.service, Role::Admin))
        .await;
    {
        let mut conn = app.pool.get().unwrap();
        lantern_server::db::users::end_assignments_of(
            &mut conn,
            &lantern_server::db::ids::UserId(young_person.user_id.clone()),
            Utc::now().naive_utc(),
        )
        .unwrap();
    }
    let (_, outcome) = app.disclose(&young_person, SelfHarmAnswer::Yes).await;
    assert_eq!(
        outcome["worker_told"],
        json!([]),
        "nobody to tell: the app must not say otherwise"
    );

    app.patch_json(
        "/api/v1/admin/service",
        Some(&admin.access_token),
        &json!({"duty_contact_id": duty.id.as_str(), "alert_escalation_minutes": 60}),
    )
    .await;
    let (told, outcome) = app.disclose(&young_person, SelfHarmAnswer::ALittle).await;
    assert_eq!(outcome["worker_told"], json!([told.id.as_str()]));
    let duty_session = app.log_in(&duty).await;
    let alerts = app.get_json("/api/v1/alerts", &duty_session).await;
    assert_eq!(alerts["alerts"][0]["escalated_to_me"], true);
}

async fn service_settings_are_for_admins_and_checked(app: TestApp) {
    let (worker, worker_session, young_person) = app.worker_with_young_person().await;
    let admin = app
        .log_in(&app.create_staff(&worker.service, Role::Admin))
        .await;
    let response = app
        .get("/api/v1/admin/service", Some(&worker_session.access_token))
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
    let defaults = app.get_json("/api/v1/admin/service", &admin).await;
    assert_eq!(defaults["alert_escalation_minutes"], 240);

    let stranger = app.create_worker();
    for (body, field) in [
        (
            json!({"duty_contact_id": null, "alert_escalation_minutes": 1}),
            "alert_escalation_minutes",
        ),
        (
            json!({"duty_contact_id": stranger.id.as_str(), "alert_escalation_minutes": 60,
                   "require_totp": true}),
            "duty_contact_id",
        ),
        (
            json!({"duty_contact_id": young_person.user_id, "alert_escalation_minutes": 60}),
            "duty_contact_id",
        ),
    ] {
        let response = app
            .patch_json("/api/v1/admin/service", Some(&admin.access_token), &body)
            .await;
        let problem = assert_problem(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(problem["errors"][0]["field"], field);
    }
    let unchanged = app.get_json("/api/v1/admin/service", &admin).await;
    assert_eq!(unchanged, defaults, "a refused change loses nothing");

    let duty = app.create_colleague(&worker);
    let response = app
        .patch_json(
            "/api/v1/admin/service",
            Some(&admin.access_token),
            &json!({"duty_contact_id": duty.id.as_str(), "alert_escalation_minutes": 30}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = app
        .patch_json(
            "/api/v1/admin/service",
            Some(&admin.access_token),
            &json!({"retention_months": 6}),
        )
        .await;
    let saved: Value = response.json().await.unwrap();
    assert_eq!(saved["retention_months"], 6);
    assert_eq!(
        saved["alert_escalation_minutes"], 30,
        "fields left out stay as they are"
    );
    assert_eq!(saved["duty_contact_id"], duty.id.as_str());
    let response = app
        .patch_json(
            "/api/v1/admin/service",
            Some(&admin.access_token),
            &json!({"duty_contact_id": null}),
        )
        .await;
    let cleared: Value = response.json().await.unwrap();
    assert_eq!(cleared["duty_contact_id"], Value::Null, "null clears it");
    assert_eq!(cleared["retention_months"], 6);
}

fn assign(app: &TestApp, worker: &lantern_tests::Worker, young_person: &lantern_tests::Session) {
    let mut conn = app.pool.get().unwrap();
    lantern_server::db::users::assign(
        &mut conn,
        &worker.id,
        &lantern_server::db::ids::UserId(young_person.user_id.clone()),
        Utc::now().naive_utc(),
    )
    .unwrap();
}

async fn a_shared_check_in_and_its_disclosure_travel_together(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let grants =
        lantern_tests::grants_from(&app.set_consent(&young_person, "mood", true, true).await);
    let mut told = lantern_tests::check_in(1, 0, Some("private"));
    told.self_harm = Some(SelfHarmAnswer::Yes);
    let data = lantern_core::sync::DeviceData {
        check_ins: vec![told.clone()],
        connected_since: Some(told.recorded_at - Duration::minutes(1)),
        ..Default::default()
    };
    let batch = serde_json::to_value(lantern_core::sync::build_sync_batch(&data, &grants)).unwrap();
    assert_eq!(batch["records"].as_array().unwrap().len(), 2);
    let outcome: Value = app.sync(&young_person, &batch).await.json().await.unwrap();
    assert_eq!(
        outcome["stored"],
        json!([told.id.as_str(), told.id.as_str()])
    );
    assert_eq!(outcome["worker_told"], json!([told.id.as_str()]));
    assert_eq!(app.check_in_count(&young_person), 1);
    let alerts = app.get_json("/api/v1/alerts", &worker).await;
    assert_eq!(alerts["alerts"].as_array().unwrap().len(), 1);
}

/// A disabled worker's assignments stay on record but nobody can act on
/// them: alerts go to the duty contact at once, and the young person is
/// not told that the disabled worker can see anything.
async fn a_disabled_worker_counts_as_no_worker(app: TestApp) {
    let (worker, _, young_person) = app.worker_with_young_person().await;
    let (duty, admin) = with_duty_contact(&app, &worker).await;
    let response = app
        .post_json(
            &format!("/api/v1/admin/users/{}/disable", worker.id.as_str()),
            Some(&admin.access_token),
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let access = app.get_json("/api/v1/me/access", &young_person).await;
    assert_eq!(access["workers"], json!([]), "{access}");
    let (told, outcome) = app.disclose(&young_person, SelfHarmAnswer::Yes).await;
    assert_eq!(outcome["worker_told"], json!([told.id.as_str()]));
    let duty_session = app.log_in(&duty).await;
    let alerts = app.get_json("/api/v1/alerts", &duty_session).await;
    assert_eq!(
        alerts["alerts"][0]["escalated_to_me"], true,
        "told at once, not after the escalation time: {alerts}"
    );
}
