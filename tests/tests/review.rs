//! Worker review: the caseload ordered by need with a four-week trend and
//! THRIVE grouping, check-ins a page at a time, and THRIVE groupings agreed
//! with the young person, every change kept.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use std::collections::BTreeSet;

use chrono::Duration;
use lantern_tests::{
    Session, StatusCode, TestApp, assert_problem, batch_for, check_in, grants_from,
    on_both_backends, wheel_answered,
};
use serde_json::{Value, json};

on_both_backends!(
    the_caseload_puts_the_most_need_first,
    check_ins_come_a_page_at_a_time_within_dates,
    bad_paging_is_a_clear_error,
    thrive_groupings_are_agreed_kept_and_seen_by_the_young_person,
    thrive_is_for_the_assigned_worker_only_and_checked,
    progress_shows_each_shared_section_and_only_those,
    the_safety_plan_is_seen_only_while_shared,
);

/// Mood-sharing young person with one check-in per week, moods oldest first.
async fn with_weekly_moods(app: &TestApp, worker: &Session, name: &str, moods: &[u8]) -> Session {
    let code = app.create_invite(worker).await;
    let young_person = app.join(&code, name).await;
    let grants = grants_from(&app.set_consent(&young_person, "mood", true, true).await);
    let weeks = moods.len() as i64;
    let check_ins: Vec<_> = moods
        .iter()
        .enumerate()
        .map(|(i, &mood)| check_in(mood, (weeks - 1 - i as i64) * 7 * 24 * 60 + 60, None))
        .collect();
    let response = app
        .sync(&young_person, &batch_for(&check_ins, &grants))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    young_person
}

async fn the_caseload_puts_the_most_need_first(app: TestApp) {
    let worker = app.log_in(&app.create_worker()).await;
    // Joined names chosen so alphabetical order would be the reverse.
    let steady = with_weekly_moods(&app, &worker, "Alex", &[3, 3, 3, 3]).await;
    let falling = with_weekly_moods(&app, &worker, "Bo", &[5, 4, 3, 2]).await;
    let quiet = with_weekly_moods(&app, &worker, "Cam", &[3, 3]).await;
    // Cam's last check-in was over a week ago.
    {
        let mut conn = app.pool.get().unwrap();
        use diesel::prelude::*;
        use lantern_server::db::schema::check_ins;
        diesel::update(check_ins::table.filter(check_ins::young_person_id.eq(&quiet.user_id)))
            .set(check_ins::recorded_at.eq((chrono::Utc::now() - Duration::days(10)).naive_utc()))
            .execute(&mut conn)
            .unwrap();
    }
    let code = app.create_invite(&worker).await;
    let told = app.join(&code, "Dee").await;
    app.disclose(&told, lantern_core::checkin::SelfHarmAnswer::ALittle)
        .await;
    let code = app.create_invite(&worker).await;
    let private = app.join(&code, "Aaron").await;

    let caseload = app.get_json("/api/v1/caseload", &worker).await;
    let rows = caseload["young_people"].as_array().unwrap();
    let order: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["display_name"].as_str().unwrap(),
                r["need"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            ("Dee", "unacknowledged_disclosure"),
            ("Cam", "no_check_in_for_a_week"),
            ("Bo", "mood_falling"),
            ("Aaron", "none"),
            ("Alex", "none"),
        ]
    );
    let bo = &rows[2];
    assert_eq!(bo["recent_mood"]["trend"], "falling");
    assert_eq!(bo["recent_mood"]["weeks"].as_array().unwrap().len(), 4);
    assert_eq!(rows[4]["recent_mood"]["trend"], "steady");
    let aaron = &rows[3];
    assert!(
        aaron.get("recent_mood").is_none(),
        "nothing shared, nothing hinted"
    );
    assert!(aaron["last_check_in_at"].is_null());
    assert_eq!(aaron["thrive"], Value::Null);
    let _ = (steady, falling, private);
}

async fn check_ins_come_a_page_at_a_time_within_dates(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let grants = grants_from(&app.set_consent(&young_person, "mood", true, true).await);
    // Seven check-ins, one a day, the newest today.
    let check_ins: Vec<_> = (0..7)
        .map(|day| check_in(3, day * 24 * 60 + 5, None))
        .collect();
    app.sync(&young_person, &batch_for(&check_ins, &grants))
        .await;
    let base = format!("/api/v1/young-people/{}/check-ins", young_person.user_id);

    let mut seen = Vec::new();
    let mut path = format!("{base}?limit=3");
    let mut pages = 0;
    loop {
        let page = app.get_json(&path, &worker).await;
        pages += 1;
        for c in page["check_ins"].as_array().unwrap() {
            seen.push(c["id"].as_str().unwrap().to_owned());
        }
        match page["next"].as_str() {
            Some(next) => path = format!("{base}?limit=3&after={next}"),
            None => break,
        }
    }
    assert!(pages >= 3);
    let expected: Vec<String> = check_ins.iter().map(|c| c.id.to_string()).collect();
    assert_eq!(seen, expected, "newest first, each exactly once");

    let today = chrono::Utc::now().date_naive();
    let from = today - Duration::days(2);
    let window = app
        .get_json(&format!("{base}?from={from}&to={today}"), &worker)
        .await;
    let days: BTreeSet<_> = window["check_ins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["recorded_at"].as_str().unwrap()[..10].to_owned())
        .collect();
    assert!(
        days.iter().all(|d| d.as_str() >= from.to_string().as_str()),
        "{days:?}"
    );
    assert!(!days.is_empty() && days.len() <= 3, "{days:?}");
}

async fn bad_paging_is_a_clear_error(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    app.set_consent(&young_person, "mood", true, true).await;
    let base = format!("/api/v1/young-people/{}/check-ins", young_person.user_id);
    for (query, status, code) in [
        (
            "limit=0",
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        ),
        (
            "limit=1000",
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        ),
        (
            "after=nonsense",
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        ),
        (
            "from=2026-11-20&to=2026-11-01",
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        ),
        ("from=yesterday", StatusCode::BAD_REQUEST, "bad_request"),
    ] {
        let response = app
            .get(&format!("{base}?{query}"), Some(&worker.access_token))
            .await;
        assert_problem(response, status, code).await;
    }
}

async fn thrive_groupings_are_agreed_kept_and_seen_by_the_young_person(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let path = format!("/api/v1/young-people/{}/thrive", young_person.user_id);
    let empty = app.get_json(&path, &worker).await;
    assert_eq!(empty["current"], Value::Null);

    for (grouping, reason) in [
        (
            "getting_help",
            "Agreed to work on worries about school together.",
        ),
        (
            "getting_advice",
            "Sky feels more settled; agreed to check in monthly.",
        ),
    ] {
        let response = app
            .post_json(
                &path,
                Some(&worker.access_token),
                &json!({"grouping": grouping, "reason": reason, "agreed_with_young_person": true}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let history = app.get_json(&path, &worker).await;
    assert_eq!(history["current"], "getting_advice");
    let kept: Vec<_> = history["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["grouping"].as_str().unwrap())
        .collect();
    assert_eq!(
        kept,
        ["getting_advice", "getting_help"],
        "every change is kept"
    );

    let mine = app.get_json("/api/v1/me/thrive", &young_person).await;
    assert_eq!(mine["current"], "getting_advice");
    assert!(mine["history"][0]["plain_words"].as_str().unwrap().len() > 10);
    let caseload = app.get_json("/api/v1/caseload", &worker).await;
    assert_eq!(caseload["young_people"][0]["thrive"], "getting_advice");
    let trail = app.audit_trail(&young_person);
    assert!(trail.iter().any(
        |(action, outcome, detail)| action == "record_thrive_grouping"
            && outcome == "allowed"
            && detail.as_deref() == Some("getting_advice")
    ));
}

async fn thrive_is_for_the_assigned_worker_only_and_checked(app: TestApp) {
    let (worker, session, young_person) = app.worker_with_young_person().await;
    let path = format!("/api/v1/young-people/{}/thrive", young_person.user_id);
    for (body, field) in [
        (
            json!({"grouping": "high_risk", "reason": "x", "agreed_with_young_person": true}),
            "grouping",
        ),
        (
            json!({"grouping": "thriving", "reason": " ", "agreed_with_young_person": true}),
            "reason",
        ),
        (
            json!({"grouping": "thriving", "reason": "ok", "agreed_with_young_person": false}),
            "agreed_with_young_person",
        ),
    ] {
        let response = app
            .post_json(&path, Some(&session.access_token), &body)
            .await;
        let problem = assert_problem(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(problem["errors"][0]["field"], field);
    }
    assert_eq!(
        app.get_json(&path, &session).await["history"],
        json!([]),
        "nothing kept from bad input"
    );

    let colleague = app.log_in(&app.create_colleague(&worker)).await;
    let body =
        json!({"grouping": "thriving", "reason": "not my case", "agreed_with_young_person": true});
    let response = app
        .post_json(&path, Some(&colleague.access_token), &body)
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = app.get(&path, Some(&colleague.access_token)).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = app
        .post_json(&path, Some(&young_person.access_token), &body)
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
}

async fn progress_shows_each_shared_section_and_only_those(app: TestApp) {
    use lantern_core::RecordId;
    use lantern_core::goals::{Goal, GoalRating};
    let (_, worker, young_person) = app.worker_with_young_person().await;
    for scope in ["mood", "goals"] {
        app.set_consent(&young_person, scope, true, true).await;
    }
    let grants = grants_from(&app.set_consent(&young_person, "wheel", true, true).await);
    let now = chrono::Utc::now().fixed_offset();
    let goal = Goal {
        id: RecordId::generate(1, [1; 10]),
        text: "Go to football on Saturdays".into(),
        set_at: now - Duration::days(20),
        closed_at: None,
    };
    let ratings = [(15, 2), (1, 6)].map(|(days, progress)| GoalRating {
        id: RecordId::generate(days as u64 + 10, [days as u8; 10]),
        goal_id: goal.id.clone(),
        rated_at: now - Duration::days(days),
        progress,
    });
    let wheel = lantern_core::measures::catalogue()
        .unwrap()
        .wheel()
        .unwrap();
    let responses = [(14, 3), (2, 6)].map(|(days, value)| {
        wheel_answered(
            RecordId::generate(days as u64 + 100, [days as u8 + 50; 10]),
            value,
            now - Duration::days(days),
        )
    });
    let data = lantern_core::sync::DeviceData {
        check_ins: (0..3)
            .map(|week| check_in(3, week * 7 * 24 * 60 + 30, None))
            .collect(),
        goals: vec![goal],
        goal_ratings: ratings.to_vec(),
        measure_responses: responses.to_vec(),
        ..Default::default()
    };
    let batch = serde_json::to_value(lantern_core::sync::build_sync_batch(&data, &grants)).unwrap();
    assert_eq!(
        app.sync(&young_person, &batch).await.status(),
        StatusCode::OK
    );

    let path = format!("/api/v1/young-people/{}/progress", young_person.user_id);
    let progress = app.get_json(&path, &worker).await;
    assert_eq!(progress["mood"]["status"], "shared");
    assert_eq!(progress["feelings"], json!({"status": "not_shared"}));
    assert_eq!(progress["helps_most"], json!({"status": "not_shared"}));
    let goals = &progress["goals"]["value"];
    assert_eq!(goals["goals"][0]["text"], "Go to football on Saturdays");
    assert_eq!(goals["changes"][0]["change"], 4);
    let areas = progress["wheel"]["value"].as_array().unwrap();
    assert_eq!(areas.len(), wheel.items.len());
    assert!(areas.iter().all(|a| a["change"] == 3));

    app.set_consent(&young_person, "goals", false, false).await;
    let progress = app.get_json(&path, &worker).await;
    assert_eq!(
        progress["goals"],
        json!({"status": "not_shared"}),
        "revoking takes effect at once"
    );
    assert!(!progress.to_string().contains("football"));
    let trail = app.audit_trail(&young_person);
    assert_eq!(trail[0].0, "read_progress");

    let response = app
        .get(&format!("{path}?weeks=0"), Some(&worker.access_token))
        .await;
    assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
}

async fn the_safety_plan_is_seen_only_while_shared(app: TestApp) {
    use lantern_core::safety_plan::SafetyPlan;
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let path = format!("/api/v1/young-people/{}/safety-plan", young_person.user_id);
    let response = app.get(&path, Some(&worker.access_token)).await;
    assert_problem(response, StatusCode::FORBIDDEN, "consent_required").await;

    let grants = grants_from(
        &app.set_consent(&young_person, "safety_plan", true, true)
            .await,
    );
    let empty = app.get_json(&path, &worker).await;
    assert_eq!(empty["safety_plan"], Value::Null);
    let data = lantern_core::sync::DeviceData {
        safety_plan: Some(SafetyPlan {
            reasons_to_keep_going: vec!["My little sister".into()],
            ..SafetyPlan::new(lantern_core::RecordId::generate(3, [3; 10]))
        }),
        ..Default::default()
    };
    let batch = serde_json::to_value(lantern_core::sync::build_sync_batch(&data, &grants)).unwrap();
    app.sync(&young_person, &batch).await;
    let plan = app.get_json(&path, &worker).await;
    assert_eq!(
        plan["safety_plan"]["reasons_to_keep_going"][0],
        "My little sister"
    );

    app.set_consent(&young_person, "safety_plan", false, false)
        .await;
    let response = app.get(&path, Some(&worker.access_token)).await;
    let body = assert_problem(response, StatusCode::FORBIDDEN, "consent_required").await;
    assert!(!body.to_string().contains("sister"));
}
