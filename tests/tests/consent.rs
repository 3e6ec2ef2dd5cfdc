//! Consent: every grant and revocation kept with the wording shown; "stop
//! sharing and delete" removes what a scope covered from the server.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use lantern_tests::{
    StatusCode, TestApp, assert_problem, batch_for, check_in, grants_from, on_both_backends,
};
use serde_json::{Value, json};

on_both_backends!(
    stop_sharing_and_delete_removes_only_that_scope,
    deleting_goes_only_with_stopping,
    the_full_history_is_kept_with_its_wording,
);

async fn stop_sharing_and_delete_removes_only_that_scope(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    app.set_consent(&young_person, "mood", true, true).await;
    let grants = grants_from(&app.set_consent(&young_person, "notes", true, true).await);
    let check_ins = [
        check_in(2, 10, Some("first note")),
        check_in(4, 5, Some("second note")),
    ];
    app.sync(&young_person, &batch_for(&check_ins, &grants))
        .await;
    let path = format!("/api/v1/young-people/{}/check-ins", young_person.user_id);
    let seen = app.get_json(&path, &worker).await;
    assert_eq!(seen["check_ins"][0]["note"], "second note");

    let response = app
        .put_json(
            "/api/v1/me/consents/notes",
            Some(&young_person.access_token),
            &json!({"granted": false, "wording_version": 1, "delete_shared": true}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    // Sharing notes again, with the past, shows nothing: the server's copies are gone.
    app.set_consent(&young_person, "notes", true, true).await;
    let seen = app.get_json(&path, &worker).await;
    assert_eq!(
        seen["check_ins"].as_array().unwrap().len(),
        2,
        "mood stays shared"
    );
    assert!(!seen.to_string().contains("note"), "{seen}");

    let response = app
        .put_json(
            "/api/v1/me/consents/mood",
            Some(&young_person.access_token),
            &json!({"granted": false, "wording_version": 1, "delete_shared": true}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.check_in_count(&young_person), 0);
}

async fn deleting_goes_only_with_stopping(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let grants = grants_from(&app.set_consent(&young_person, "mood", true, true).await);
    app.sync(&young_person, &batch_for(&[check_in(3, 0, None)], &grants))
        .await;
    let response = app
        .put_json(
            "/api/v1/me/consents/mood",
            Some(&young_person.access_token),
            &json!({"granted": true, "wording_version": 1, "delete_shared": true}),
        )
        .await;
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "delete_shared");
    assert_eq!(app.check_in_count(&young_person), 1, "nothing lost");
}

async fn the_full_history_is_kept_with_its_wording(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    app.set_consent(&young_person, "mood", true, false).await;
    app.set_consent(&young_person, "mood", false, false).await;
    app.set_consent(&young_person, "mood", true, true).await;
    let export = app.get_json("/api/v1/me/export", &young_person).await;
    let history: Vec<(bool, bool, i64)> = export["young_person"]["consent_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e: &Value| {
            assert_eq!(e["scope"], "mood");
            (
                e["granted"].as_bool().unwrap(),
                e["include_past"].as_bool().unwrap(),
                e["wording_version"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        history,
        [(true, false, 1), (false, false, 1), (true, true, 1)]
    );
}
