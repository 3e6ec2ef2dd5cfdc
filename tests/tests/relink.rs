//! Re-linking a young person's account to a new phone with a one-time code
//! from their worker.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use lantern_tests::{Session, StatusCode, TestApp, assert_problem, on_both_backends};
use serde_json::{Value, json};

on_both_backends!(
    a_relink_code_moves_the_account_to_a_new_phone_and_ends_the_old_one,
    only_the_assigned_worker_can_make_a_relink_code,
);

async fn make_code(app: &TestApp, worker: &Session, young_person_id: &str) -> reqwest::Response {
    app.post_json(
        &format!("/api/v1/young-people/{young_person_id}/relink-codes"),
        Some(&worker.access_token),
        &json!({}),
    )
    .await
}

async fn relink(app: &TestApp, code: &str) -> reqwest::Response {
    app.post_json("/api/v1/relink", None, &json!({"code": code}))
        .await
}

async fn a_relink_code_moves_the_account_to_a_new_phone_and_ends_the_old_one(app: TestApp) {
    let (_, worker, old_phone) = app.worker_with_young_person().await;
    app.set_consent(&old_phone, "mood", true, true).await;
    let response = make_code(&app, &worker, &old_phone.user_id).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    let code = body["code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 9, "the invite format: XXXX-XXXX");
    assert!(body["expires_at"].is_string());

    // Typed loosely on the new phone.
    let response = relink(&app, &code.replace('-', "").to_lowercase()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let new_phone = Session::from_json(&response.json().await.unwrap());
    assert_eq!(new_phone.user_id, old_phone.user_id, "the same account");
    let consents: Value = app
        .get("/api/v1/me/consents", Some(&new_phone.access_token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(consents["consents"][0]["granted"], true, "{consents}");

    // The lost phone's access token and refresh token end at once.
    let response = app
        .get("/api/v1/me/consents", Some(&old_phone.access_token))
        .await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let response = app
        .post_json(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": old_phone.refresh_token}),
        )
        .await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;

    // The code works once.
    let response = relink(&app, &code).await;
    assert_problem(response, StatusCode::NOT_FOUND, "invalid_relink_code").await;
    let response = relink(&app, "ABCD-EFGH").await;
    assert_problem(response, StatusCode::NOT_FOUND, "invalid_relink_code").await;

    // Making the code is in the young person's audit trail.
    let trail = app.audit_trail(&old_phone);
    assert!(
        trail
            .iter()
            .any(|(action, outcome, _)| action == "create_relink_code" && outcome == "allowed"),
        "{trail:?}"
    );
}

async fn only_the_assigned_worker_can_make_a_relink_code(app: TestApp) {
    let (worker, _, young_person) = app.worker_with_young_person().await;
    let colleague = app.log_in(&app.create_colleague(&worker)).await;
    let response = make_code(&app, &colleague, &young_person.user_id).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let stranger = app.log_in(&app.create_worker()).await;
    let response = make_code(&app, &stranger, &young_person.user_id).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = make_code(&app, &young_person, &young_person.user_id).await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
    let response = make_code(&app, &colleague, "no-such-person").await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    // A worker's id is not a young person's.
    let own = app.log_in(&worker).await;
    let response = make_code(&app, &own, &worker.id.0).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
}
