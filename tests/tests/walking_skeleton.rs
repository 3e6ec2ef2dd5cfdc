//! The walking skeleton's path at the HTTP level, on both databases: a
//! worker invites, a young person joins, checks in, shares mood, syncs, and
//! the worker sees it, with consent checked and every read audited.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use lantern_tests::{
    StatusCode, TestApp, assert_problem, batch_for, check_in, grants_from, on_both_backends,
};
use serde_json::Value;

on_both_backends!(
    join_check_in_share_sync_and_the_worker_sees_it,
    without_consent_the_read_is_refused_and_audited,
    revoking_consent_stops_access_at_once,
    only_the_assigned_worker_of_the_same_service_can_read,
);

async fn join_check_in_share_sync_and_the_worker_sees_it(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;

    let consents = app.set_consent(&young_person, "mood", true, false).await;
    let grants = grants_from(&consents);
    assert_eq!(grants.len(), 1);
    let mine = check_in(2, 0, Some("a private note"));
    let response = app
        .sync(
            &young_person,
            &batch_for(std::slice::from_ref(&mine), &grants),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let outcome: Value = response.json().await.unwrap();
    assert_eq!(outcome["stored"], serde_json::json!([mine.id.as_str()]));

    let caseload: Value = app
        .get("/api/v1/caseload", Some(&worker.access_token))
        .await
        .json()
        .await
        .unwrap();
    let entry = &caseload["young_people"][0];
    assert_eq!(entry["display_name"], "Sky");
    assert_eq!(entry["shared_scopes"], serde_json::json!(["mood"]));
    assert!(entry["last_check_in_at"].is_string());

    let path = format!("/api/v1/young-people/{}/check-ins", young_person.user_id);
    let response = app.get(&path, Some(&worker.access_token)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    let seen = &body["check_ins"][0];
    assert_eq!(seen["id"], mine.id.as_str());
    assert_eq!(seen["mood"], 2);
    assert!(seen.get("feelings").is_none(), "feelings are not shared");
    assert!(seen.get("note").is_none(), "notes are not shared");

    let trail = app.audit_trail(&young_person);
    assert_eq!(
        trail[0],
        (
            "read_check_ins".into(),
            "allowed".into(),
            Some("1 check-ins".into())
        )
    );
}

async fn without_consent_the_read_is_refused_and_audited(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let path = format!("/api/v1/young-people/{}/check-ins", young_person.user_id);

    let response = app.get(&path, Some(&worker.access_token)).await;
    assert_problem(response, StatusCode::FORBIDDEN, "consent_required").await;
    assert_eq!(
        app.audit_trail(&young_person),
        [(
            "read_check_ins".into(),
            "refused".into(),
            Some("consent_required".into())
        )]
    );

    app.set_consent(&young_person, "mood", true, false).await;
    let response = app.get(&path, Some(&worker.access_token)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let trail = app.audit_trail(&young_person);
    assert_eq!(trail.len(), 2);
    assert_eq!(trail[0].1, "allowed");
}

async fn revoking_consent_stops_access_at_once(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let grants = grants_from(&app.set_consent(&young_person, "mood", true, false).await);
    app.sync(&young_person, &batch_for(&[check_in(4, 0, None)], &grants))
        .await;
    let path = format!("/api/v1/young-people/{}/check-ins", young_person.user_id);
    assert_eq!(
        app.get(&path, Some(&worker.access_token)).await.status(),
        StatusCode::OK
    );

    app.set_consent(&young_person, "mood", false, false).await;
    let response = app.get(&path, Some(&worker.access_token)).await;
    assert_problem(response, StatusCode::FORBIDDEN, "consent_required").await;
    let caseload: Value = app
        .get("/api/v1/caseload", Some(&worker.access_token))
        .await
        .json()
        .await
        .unwrap();
    assert!(caseload["young_people"][0]["last_check_in_at"].is_null());
}

async fn only_the_assigned_worker_of_the_same_service_can_read(app: TestApp) {
    let (worker, _, young_person) = app.worker_with_young_person().await;
    app.set_consent(&young_person, "mood", true, true).await;
    let path = format!("/api/v1/young-people/{}/check-ins", young_person.user_id);

    let colleague = app.create_colleague(&worker);
    let colleague = app.log_in(&colleague).await;
    let response = app.get(&path, Some(&colleague.access_token)).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(
        app.audit_trail(&young_person)[0].2.as_deref(),
        Some("not_assigned")
    );

    let stranger = app.create_worker();
    let stranger = app.log_in(&stranger).await;
    let response = app.get(&path, Some(&stranger.access_token)).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;

    let response = app.get(&path, Some(&young_person.access_token)).await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
    let response = app.get(&path, None).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}
