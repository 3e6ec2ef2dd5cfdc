//! The young person can see, in plain words, who looked at what and when,
//! and exactly who can see what now.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use chrono::Utc;
use lantern_tests::{StatusCode, TestApp, assert_problem, on_both_backends};
use serde_json::{Value, json};

on_both_backends!(
    every_look_and_every_refused_attempt_is_shown_in_plain_words,
    who_can_see_what_is_exact_and_changes_at_once,
    only_the_young_person_sees_their_own_log,
    who_can_see_what_names_groups_and_school_records,
);

async fn every_look_and_every_refused_attempt_is_shown_in_plain_words(app: TestApp) {
    let (worker, session, young_person) = app.worker_with_young_person().await;
    let path = format!("/api/v1/young-people/{}/check-ins", young_person.user_id);
    app.get(&path, Some(&session.access_token)).await;
    app.set_consent(&young_person, "mood", true, false).await;
    app.get(&path, Some(&session.access_token)).await;
    let colleague = app.log_in(&app.create_colleague(&worker)).await;
    app.get(&path, Some(&colleague.access_token)).await;

    let log = app.get_json("/api/v1/me/audit-events", &young_person).await;
    let events = log["events"].as_array().unwrap();
    let sentences: Vec<&str> = events
        .iter()
        .map(|e| e["sentence"].as_str().unwrap())
        .collect();
    assert_eq!(
        sentences,
        [
            "Tried to look at your check-ins, but could not, because they are not your worker.",
            "Looked at your check-ins.",
            "Tried to look at your check-ins, but could not, because you don't share that with them.",
        ],
        "newest first"
    );
    assert_eq!(events[1]["who"], "Test Worker");
    assert_eq!(events[1]["role"], "worker");
    assert_eq!(events[0]["who"], "Colleague");
    assert_eq!(events[0]["allowed"], false);
    assert!(events.iter().all(|e| e["at"].is_string()));
}

async fn who_can_see_what_is_exact_and_changes_at_once(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let access = app.get_json("/api/v1/me/access", &young_person).await;
    assert_eq!(access["workers"][0]["display_name"], "Test Worker");
    assert_eq!(access["shared"], Value::Array(Vec::new()));
    assert!(
        access["about_answers"]
            .as_str()
            .unwrap()
            .contains("your worker is told")
    );

    app.set_consent(&young_person, "mood", true, true).await;
    app.set_consent(&young_person, "notes", true, false).await;
    let access = app.get_json("/api/v1/me/access", &young_person).await;
    let scopes: Vec<&str> = access["shared"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["scope"].as_str().unwrap())
        .collect();
    assert_eq!(scopes, ["mood", "notes"]);
    assert_eq!(access["shared"][0]["include_past"], true);
    assert!(access["shared"][1]["explanation"].as_str().unwrap().len() > 10);

    app.set_consent(&young_person, "notes", false, false).await;
    let access = app.get_json("/api/v1/me/access", &young_person).await;
    assert_eq!(access["shared"].as_array().unwrap().len(), 1);

    {
        let mut conn = app.pool.get().unwrap();
        lantern_server::db::users::end_assignments_of(
            &mut conn,
            &lantern_server::db::ids::UserId(young_person.user_id.clone()),
            chrono::Utc::now().naive_utc(),
        )
        .unwrap();
    }
    let access = app.get_json("/api/v1/me/access", &young_person).await;
    assert_eq!(access["workers"], Value::Array(Vec::new()));
    assert!(
        access["about_answers"]
            .as_str()
            .unwrap()
            .contains("nobody is told")
    );
}

async fn only_the_young_person_sees_their_own_log(app: TestApp) {
    let (_, worker, _) = app.worker_with_young_person().await;
    for path in [
        "/api/v1/me/audit-events",
        "/api/v1/me/access",
        "/api/v1/me/alerts",
    ] {
        let response = app.get(path, Some(&worker.access_token)).await;
        assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
        let response = app.get(path, None).await;
        assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    }
}

/// Groups and school records are kept by workers, not shared by the young
/// person, so "who can see what" names them too.
async fn who_can_see_what_names_groups_and_school_records(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let access = app.get_json("/api/v1/me/access", &young_person).await;
    assert_eq!(access["groups"], json!([]));
    assert!(
        access["about_groups"]
            .as_str()
            .unwrap()
            .contains("not in a group")
    );
    assert_eq!(access["school_record_terms"], 0);
    assert!(
        access["about_school_records"]
            .as_str()
            .unwrap()
            .starts_with("No school records")
    );

    let group: Value = app
        .post_json(
            "/api/v1/groups",
            Some(&worker.access_token),
            &json!({"name": "Calm Club", "school": "Oak School",
                    "starts_on": Utc::now().date_naive().to_string(), "weeks": 12}),
        )
        .await
        .json()
        .await
        .unwrap();
    let group = group["id"].as_str().unwrap();
    let joined = app
        .send_put(
            &format!("/api/v1/groups/{group}/members/{}", young_person.user_id),
            &worker.access_token,
        )
        .await;
    assert_eq!(joined.status(), StatusCode::OK);
    let recorded = app
        .put_json(
            &format!(
                "/api/v1/young-people/{}/outcome-records/2025-autumn",
                young_person.user_id
            ),
            Some(&worker.access_token),
            &json!({"attendance_percent": 91.5,
                    "fixed_term_exclusions": {"count": 0, "days": 0},
                    "permanent_exclusion": false, "part_time_timetable": false}),
        )
        .await;
    assert!(recorded.status().is_success(), "{}", recorded.status());

    let access = app.get_json("/api/v1/me/access", &young_person).await;
    assert_eq!(
        access["groups"],
        json!([{"name": "Calm Club", "school": "Oak School", "run_by": "Test Worker"}])
    );
    assert!(
        access["about_groups"]
            .as_str()
            .unwrap()
            .contains("writes down if you came")
    );
    assert_eq!(access["school_record_terms"], 1);
    assert!(
        access["about_school_records"]
            .as_str()
            .unwrap()
            .starts_with("Your worker has written a school record for 1 term.")
    );

    // Having left, the group is no longer one they are in.
    let left = app
        .delete(
            &format!("/api/v1/groups/{group}/members/{}", young_person.user_id),
            Some(&worker.access_token),
        )
        .await;
    assert_eq!(left.status(), StatusCode::NO_CONTENT);
    let access = app.get_json("/api/v1/me/access", &young_person).await;
    assert_eq!(access["groups"], json!([]));
}
