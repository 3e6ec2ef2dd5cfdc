//! Closed groups: the rules (16 at most, 12–18 weeks, sessions within the
//! weeks), only the worker's own assigned young people, attendance only
//! for members, a group page built from what members share, finishing a
//! group, and erasure.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use chrono::{Duration, Utc};
use diesel::prelude::*;
use lantern_core::RecordId;
use lantern_core::sync::{DeviceData, build_sync_batch};
use lantern_server::db::schema::{group_attendance, group_members};
use lantern_tests::{
    Session, StatusCode, TestApp, assert_problem, grants_from, on_both_backends, wheel_answered,
};
use serde_json::{Value, json};

on_both_backends!(
    a_bad_group_names_every_bad_field_and_nothing_is_stored,
    only_assigned_young_people_join_and_the_seventeenth_is_refused,
    attendance_is_for_members_and_leaving_keeps_the_past,
    the_group_page_counts_only_what_members_share,
    another_worker_cannot_see_or_change_the_group,
    erasing_a_young_person_removes_their_place_and_registers,
    a_finished_group_takes_no_one_new_until_it_runs_again,
    a_young_person_sees_their_groups_and_only_their_own_registers,
);

async fn create_group(app: &TestApp, worker: &Session) -> String {
    let today = Utc::now().date_naive() - Duration::weeks(2);
    let response = app
        .post_json(
            "/api/v1/groups",
            Some(&worker.access_token),
            &json!({"name": "Year 8 Resilience", "school": "Oak School", "starts_on": today.to_string(), "weeks": 12}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["members"], 0);
    created["id"].as_str().unwrap().to_owned()
}

async fn add(
    app: &TestApp,
    worker: &Session,
    group: &str,
    young_person: &str,
) -> reqwest::Response {
    app.send_put(
        &format!("/api/v1/groups/{group}/members/{young_person}"),
        &worker.access_token,
    )
    .await
}

async fn a_bad_group_names_every_bad_field_and_nothing_is_stored(app: TestApp) {
    let worker = app.log_in(&app.create_worker()).await;
    let response = app
        .post_json(
            "/api/v1/groups",
            Some(&worker.access_token),
            &json!({"name": "", "starts_on": "2026-02-30", "weeks": 20}),
        )
        .await;
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let codes: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["name_required", "invalid_date", "weeks_out_of_range"]
    );
    let list = app.get_json("/api/v1/groups", &worker).await;
    assert_eq!(list["groups"], json!([]));
}

async fn only_assigned_young_people_join_and_the_seventeenth_is_refused(app: TestApp) {
    let (account, worker, first) = app.worker_with_young_person().await;
    let group = create_group(&app, &worker).await;
    assert_eq!(
        add(&app, &worker, &group, &first.user_id).await.status(),
        StatusCode::OK
    );
    // A young person of the same service assigned to someone else.
    let colleague = app.log_in(&app.create_colleague(&account)).await;
    let code = app.create_invite(&colleague).await;
    let theirs = app.join(&code, "Not mine").await;
    assert_problem(
        add(&app, &worker, &group, &theirs.user_id).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert!(
        app.audit_trail(&theirs)
            .iter()
            .any(|(action, outcome, _)| action == "add_to_group" && outcome == "refused"),
        "the refusal is audited"
    );
    for i in 1..16 {
        let code = app.create_invite(&worker).await;
        let young_person = app.join(&code, &format!("Member {i}")).await;
        assert_eq!(
            add(&app, &worker, &group, &young_person.user_id)
                .await
                .status(),
            StatusCode::OK
        );
    }
    let code = app.create_invite(&worker).await;
    let seventeenth = app.join(&code, "Seventeen").await;
    let problem = assert_problem(
        add(&app, &worker, &group, &seventeenth.user_id).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "group_full");
    let page = app
        .get_json(&format!("/api/v1/groups/{group}"), &worker)
        .await;
    assert_eq!(page["members"].as_array().unwrap().len(), 16);
    // Adding someone already in changes nothing.
    assert_eq!(
        add(&app, &worker, &group, &first.user_id).await.status(),
        StatusCode::OK
    );
}

async fn attendance_is_for_members_and_leaving_keeps_the_past(app: TestApp) {
    let (_, worker, first) = app.worker_with_young_person().await;
    let code = app.create_invite(&worker).await;
    let second = app.join(&code, "Second").await;
    let code = app.create_invite(&worker).await;
    let outsider = app.join(&code, "Outsider").await;
    let group = create_group(&app, &worker).await;
    for member in [&first, &second] {
        add(&app, &worker, &group, &member.user_id).await;
    }
    let day = (Utc::now().date_naive() - Duration::weeks(1)).to_string();
    let response = app
        .post_json(
            &format!("/api/v1/groups/{group}/sessions"),
            Some(&worker.access_token),
            &json!({"held_on": day, "topic": "Calm breathing"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let session: Value = response.json().await.unwrap();
    assert_eq!(session["number"], 1);
    let late = (Utc::now().date_naive() + Duration::weeks(20)).to_string();
    let response = app
        .post_json(
            &format!("/api/v1/groups/{group}/sessions"),
            Some(&worker.access_token),
            &json!({"held_on": late}),
        )
        .await;
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "outside_the_group");

    let register = format!(
        "/api/v1/groups/{group}/sessions/{}/attendance",
        session["id"].as_str().unwrap()
    );
    let response = app
        .put_json(
            &register,
            Some(&worker.access_token),
            &json!({"present": [first.user_id, outsider.user_id]}),
        )
        .await;
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "not_a_member");
    let page = app
        .get_json(&format!("/api/v1/groups/{group}"), &worker)
        .await;
    assert_eq!(
        page["sessions"][0]["present"],
        Value::Null,
        "nothing stored"
    );

    let response = app
        .put_json(
            &register,
            Some(&worker.access_token),
            &json!({"present": [first.user_id]}),
        )
        .await;
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"present": 1, "away": 1})
    );
    // The second member leaves: the register still shows them away.
    let response = app
        .delete(
            &format!("/api/v1/groups/{group}/members/{}", second.user_id),
            Some(&worker.access_token),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let page = app
        .get_json(&format!("/api/v1/groups/{group}"), &worker)
        .await;
    assert_eq!(page["members"].as_array().unwrap().len(), 1);
    assert_eq!(page["members"][0]["came"], 1);
    assert_eq!(page["sessions"][0]["present"], 1);
    assert_eq!(
        page["sessions"][0]["away"], 1,
        "the one who left stays in the past register"
    );

    // It is their data: the export says which group, when they left, and
    // that they were away.
    let export = app.get_json("/api/v1/me/export", &second).await;
    let group = &export["young_person"]["groups"][0];
    assert_eq!(group["name"], "Year 8 Resilience");
    assert!(group["left_at"].is_string());
    assert_eq!(
        group["sessions"],
        json!([{"number": 1, "held_on": day, "came": false}])
    );
    // And who looked is in their own words.
    let events = app.get_json("/api/v1/me/audit-events", &first).await;
    assert!(
        events.to_string().contains("Looked at your group's page"),
        "{events}"
    );
}

/// Two wheel answers, `first` then `latest` in every area, shared if the
/// young person shares their wheel.
async fn share_wheel(app: &TestApp, young_person: &Session, first: u8, latest: u8, shared: bool) {
    let grants = if shared {
        grants_from(&app.set_consent(young_person, "wheel", true, true).await)
    } else {
        grants_from(&app.set_consent(young_person, "mood", true, true).await)
    };
    let now = Utc::now().fixed_offset();
    let data = DeviceData {
        measure_responses: [(3, first), (1, latest)]
            .map(|(days, value)| {
                wheel_answered(
                    RecordId::generate(days + 500, [value; 10]),
                    value,
                    now - Duration::days(days as i64),
                )
            })
            .to_vec(),
        ..Default::default()
    };
    let batch = serde_json::to_value(build_sync_batch(&data, &grants)).unwrap();
    assert_eq!(
        app.sync(young_person, &batch).await.status(),
        StatusCode::OK
    );
}

async fn the_group_page_counts_only_what_members_share(app: TestApp) {
    let (_, worker, sharer) = app.worker_with_young_person().await;
    let code = app.create_invite(&worker).await;
    let keeps = app.join(&code, "Keeps it private").await;
    share_wheel(&app, &sharer, 3, 5, true).await;
    // Had it been shared, this would pull the change down to 0.
    share_wheel(&app, &keeps, 6, 2, false).await;
    let group = create_group(&app, &worker).await;
    for member in [&sharer, &keeps] {
        add(&app, &worker, &group, &member.user_id).await;
    }
    let page = app
        .get_json(&format!("/api/v1/groups/{group}"), &worker)
        .await;
    for row in page["wheel"]["rows"].as_array().unwrap() {
        assert_eq!(row[1], 1, "one member shares: {row}");
        assert_eq!(row[4], 2.0, "3 to 5: {row}");
    }
    assert_eq!(page["goals"]["rows"][0][0], 0, "nobody shares goals");
    // Each member's page read is audited, as any read of their data.
    assert!(
        app.audit_trail(&keeps)
            .iter()
            .any(|(action, outcome, _)| action == "read_group" && outcome == "allowed")
    );
}

async fn another_worker_cannot_see_or_change_the_group(app: TestApp) {
    let (account, worker, young_person) = app.worker_with_young_person().await;
    let group = create_group(&app, &worker).await;
    add(&app, &worker, &group, &young_person.user_id).await;
    let colleague = app.log_in(&app.create_colleague(&account)).await;
    for response in [
        app.get(
            &format!("/api/v1/groups/{group}"),
            Some(&colleague.access_token),
        )
        .await,
        add(&app, &colleague, &group, &young_person.user_id).await,
        app.post_json(
            &format!("/api/v1/groups/{group}/sessions"),
            Some(&colleague.access_token),
            &json!({"held_on": Utc::now().date_naive().to_string()}),
        )
        .await,
    ] {
        assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    }
    let theirs = app.get_json("/api/v1/groups", &colleague).await;
    assert_eq!(theirs["groups"], json!([]));
    let response = app
        .get("/api/v1/groups", Some(&young_person.access_token))
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
}

async fn erasing_a_young_person_removes_their_place_and_registers(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let group = create_group(&app, &worker).await;
    add(&app, &worker, &group, &young_person.user_id).await;
    let response = app
        .post_json(
            &format!("/api/v1/groups/{group}/sessions"),
            Some(&worker.access_token),
            &json!({"held_on": Utc::now().date_naive().to_string()}),
        )
        .await;
    let session: Value = response.json().await.unwrap();
    app.put_json(
        &format!(
            "/api/v1/groups/{group}/sessions/{}/attendance",
            session["id"].as_str().unwrap()
        ),
        Some(&worker.access_token),
        &json!({"present": [young_person.user_id]}),
    )
    .await;
    let response = app
        .send_json(
            reqwest::Method::DELETE,
            "/api/v1/me",
            Some(&young_person.access_token),
            &json!({"confirm": true}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let mut conn = app.pool.get().unwrap();
    let left: i64 = group_members::table
        .filter(group_members::young_person_id.eq(&young_person.user_id))
        .count()
        .get_result(&mut conn)
        .unwrap();
    let registers: i64 = group_attendance::table
        .filter(group_attendance::young_person_id.eq(&young_person.user_id))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!((left, registers), (0, 0));
}

async fn a_finished_group_takes_no_one_new_until_it_runs_again(app: TestApp) {
    let (_, worker, first) = app.worker_with_young_person().await;
    let code = app.create_invite(&worker).await;
    let second = app.join(&code, "Second").await;
    let group = create_group(&app, &worker).await;
    let later = app
        .post_json(
            "/api/v1/groups",
            Some(&worker.access_token),
            &json!({"name": "Calm Club", "starts_on": Utc::now().date_naive().to_string(), "weeks": 12}),
        )
        .await;
    assert_eq!(later.status(), StatusCode::CREATED);
    assert_eq!(
        add(&app, &worker, &group, &first.user_id).await.status(),
        StatusCode::OK
    );
    let path = format!("/api/v1/groups/{group}");
    let day = (Utc::now().date_naive() - Duration::weeks(1)).to_string();
    let session: Value = app
        .post_json(
            &format!("{path}/sessions"),
            Some(&worker.access_token),
            &json!({"held_on": day}),
        )
        .await
        .json()
        .await
        .unwrap();

    // Bad changes name each field and change nothing.
    let problem = assert_problem(
        app.patch_json(
            &path,
            Some(&worker.access_token),
            &json!({"name": " ", "finished": "yes"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let codes: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["name_required", "finished_not_true_or_false"]);
    let page = app.get_json(&path, &worker).await;
    assert_eq!(page["group"]["name"], "Year 8 Resilience");
    assert_eq!(page["group"]["finished_at"], Value::Null);

    // Renamed, its school cleared, and finished.
    let response = app
        .patch_json(
            &path,
            Some(&worker.access_token),
            &json!({"name": "Year 8 Resilience (spring)", "school": null, "finished": true}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let changed: Value = response.json().await.unwrap();
    assert_eq!(changed["name"], "Year 8 Resilience (spring)");
    assert_eq!(changed["school"], Value::Null);
    let finished_at = changed["finished_at"].as_str().unwrap().to_owned();
    // Finishing again keeps the first day it finished.
    let again: Value = app
        .patch_json(
            &path,
            Some(&worker.access_token),
            &json!({"finished": true}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["finished_at"], finished_at.as_str());
    assert_eq!(
        again["name"], "Year 8 Resilience (spring)",
        "unsent fields stay"
    );

    // Finished: running groups list first; no one new joins and no session
    // is added, but the register can still be put right.
    let list = app.get_json("/api/v1/groups", &worker).await;
    let names: Vec<&str> = list["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Calm Club", "Year 8 Resilience (spring)"]);
    let problem = assert_problem(
        add(&app, &worker, &group, &second.user_id).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "group_finished");
    let problem = assert_problem(
        app.post_json(
            &format!("{path}/sessions"),
            Some(&worker.access_token),
            &json!({"held_on": day}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "group_finished");
    let register = app
        .put_json(
            &format!(
                "{path}/sessions/{}/attendance",
                session["id"].as_str().unwrap()
            ),
            Some(&worker.access_token),
            &json!({"present": [first.user_id]}),
        )
        .await;
    assert_eq!(register.status(), StatusCode::OK);
    let page = app.get_json(&path, &worker).await;
    assert_eq!(page["members"].as_array().unwrap().len(), 1);
    assert_eq!(page["sessions"].as_array().unwrap().len(), 1);

    // Run again: it takes members once more.
    let reopened: Value = app
        .patch_json(
            &path,
            Some(&worker.access_token),
            &json!({"finished": false}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(reopened["finished_at"], Value::Null);
    assert_eq!(
        add(&app, &worker, &group, &second.user_id).await.status(),
        StatusCode::OK
    );
}

async fn a_young_person_sees_their_groups_and_only_their_own_registers(app: TestApp) {
    let (_, worker, first) = app.worker_with_young_person().await;
    let code = app.create_invite(&worker).await;
    let second = app.join(&code, "Second Person").await;
    let code = app.create_invite(&worker).await;
    let outsider = app.join(&code, "Not In It").await;
    let group = create_group(&app, &worker).await;
    for member in [&first, &second] {
        assert_eq!(
            add(&app, &worker, &group, &member.user_id).await.status(),
            StatusCode::OK
        );
    }
    let day = (Utc::now().date_naive() - Duration::weeks(1)).to_string();
    let session: Value = app
        .post_json(
            &format!("/api/v1/groups/{group}/sessions"),
            Some(&worker.access_token),
            &json!({"held_on": day, "topic": "Worry time"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let register = app
        .put_json(
            &format!(
                "/api/v1/groups/{group}/sessions/{}/attendance",
                session["id"].as_str().unwrap()
            ),
            Some(&worker.access_token),
            &json!({"present": [first.user_id]}),
        )
        .await;
    assert_eq!(register.status(), StatusCode::OK);

    let mine = app.get_json("/api/v1/me/groups", &first).await;
    assert_eq!(mine["groups"].as_array().unwrap().len(), 1);
    assert_eq!(mine["groups"][0]["name"], "Year 8 Resilience");
    assert_eq!(mine["groups"][0]["school"], "Oak School");
    assert_eq!(mine["groups"][0]["left_at"], Value::Null);
    assert_eq!(
        mine["groups"][0]["sessions"],
        json!([{"number": 1, "held_on": day, "came": true}])
    );
    let theirs = app.get_json("/api/v1/me/groups", &second).await;
    assert_eq!(theirs["groups"][0]["sessions"][0]["came"], false);
    // Nothing about anyone else in the group.
    let text = mine.to_string();
    assert!(!text.contains("Second Person") && !text.contains(&second.user_id));
    assert!(
        !text.contains(&first.user_id),
        "not even their own id is needed"
    );
    assert_eq!(
        app.get_json("/api/v1/me/groups", &outsider).await["groups"],
        json!([])
    );

    // Leaving keeps the past: the group shows with when they left.
    let left = app
        .delete(
            &format!("/api/v1/groups/{group}/members/{}", first.user_id),
            Some(&worker.access_token),
        )
        .await;
    assert_eq!(left.status(), StatusCode::NO_CONTENT);
    let mine = app.get_json("/api/v1/me/groups", &first).await;
    assert!(mine["groups"][0]["left_at"].is_string());
    assert_eq!(mine["groups"][0]["sessions"][0]["came"], true);
}
