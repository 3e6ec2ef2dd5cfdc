//! Parents and carers: a young person's one-time code signs a parent up
//! linked to them; the young person sees and removes links; parents choose
//! tips and the scheduler sends each due tip once, unseen ones first, at
//! their local time across clock changes; workers send tips to the parents
//! of young people on their caseload; "let my parent know" reaches only
//! linked parents; parents never see a young person's data; erasure leaves
//! nothing behind.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use lantern_core::checkin::SelfHarmAnswer;
use lantern_server::db::AnyConnection;
use lantern_server::db::schema::{
    notifications, parent_link_codes, parent_tip_deliveries, parent_tip_preferences, push_outbox,
    users,
};
use lantern_server::jobs::send_parent_tips::send_due_tips;
use lantern_server::tips::{self, Topic};
use lantern_tests::{
    Session, StatusCode, TestApp, assert_problem, batch_for, browser_subscription, check_in,
    grants_from, on_both_backends,
};
use serde_json::{Value, json};

on_both_backends!(
    a_link_code_signs_a_parent_up_linked_to_the_young_person,
    link_codes_are_single_use_expire_and_bad_ones_create_nothing,
    one_email_signing_up_several_times_at_once_makes_one_account,
    a_signed_in_parent_links_a_second_child_of_the_same_service_only,
    a_parent_cannot_read_anything_of_the_young_person,
    the_young_person_removes_a_link_and_the_parent_gets_nothing_more_from_them,
    bad_preferences_are_refused_naming_the_field_and_the_old_ones_kept,
    the_scheduler_sends_a_due_tip_once_and_only_unseen_tips_of_the_chosen_topics,
    the_scheduler_claims_each_parent_once_from_two_connections,
    the_next_tip_is_a_week_on_in_local_time_across_a_clock_change,
    a_worker_sends_a_tip_to_the_parents_of_a_young_person_they_are_assigned_to,
    let_my_parent_know_reaches_only_linked_parents_with_the_message_and_a_tip,
    let_my_parent_know_is_rate_limited_and_bad_input_sends_nothing,
    the_export_covers_links_preferences_and_tips,
    erasing_a_young_person_or_a_parent_leaves_nothing_of_theirs,
    what_a_young_person_asked_to_pass_on_expires_with_their_shared_data,
);

const PARENT_PASSWORD: &str = "a long parent password";

async fn make_code(app: &TestApp, young_person: &Session) -> String {
    let response = app
        .post_json(
            "/api/v1/me/parent-codes",
            Some(&young_person.access_token),
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    let expires: chrono::DateTime<Utc> = body["expires_at"].as_str().unwrap().parse().unwrap();
    let days = (expires - Utc::now()).num_hours();
    assert!((7 * 24 - 1..=7 * 24).contains(&days), "{days} hours");
    body["code"].as_str().unwrap().to_owned()
}

async fn try_join(app: &TestApp, code: &str, email: &str, name: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/parent/join",
        None,
        &json!({"code": code, "email": email, "password": PARENT_PASSWORD, "display_name": name}),
    )
    .await
}

async fn join_parent(app: &TestApp, young_person: &Session, email: &str, name: &str) -> Session {
    let code = make_code(app, young_person).await;
    let response = try_join(app, &code, email, name).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["user"]["role"], "parent");
    Session::from_json(&body)
}

fn parent_count(app: &TestApp) -> i64 {
    let mut conn = app.pool.get().unwrap();
    users::table
        .filter(users::role.eq("parent"))
        .count()
        .get_result(&mut conn)
        .unwrap()
}

fn deliveries_of(app: &TestApp, parent: &Session) -> Vec<(String, String, NaiveDateTime)> {
    let mut conn = app.pool.get().unwrap();
    parent_tip_deliveries::table
        .filter(parent_tip_deliveries::parent_id.eq(&parent.user_id))
        .order(parent_tip_deliveries::sent_at.asc())
        .select((
            parent_tip_deliveries::tip_id,
            parent_tip_deliveries::source,
            parent_tip_deliveries::sent_at,
        ))
        .load(&mut conn)
        .unwrap()
}

fn set_next_due(app: &TestApp, parent: &Session, at: NaiveDateTime) {
    let mut conn = app.pool.get().unwrap();
    diesel::update(parent_tip_preferences::table.find(&parent.user_id))
        .set(parent_tip_preferences::next_due_at.eq(Some(at)))
        .execute(&mut conn)
        .unwrap();
}

fn next_due(app: &TestApp, parent: &Session) -> Option<NaiveDateTime> {
    let mut conn = app.pool.get().unwrap();
    parent_tip_preferences::table
        .find(&parent.user_id)
        .select(parent_tip_preferences::next_due_at)
        .first(&mut conn)
        .unwrap()
}

fn run_job(app: &TestApp, now: NaiveDateTime) -> usize {
    let mut conn = app.pool.get().unwrap();
    send_due_tips(&mut conn, now).unwrap()
}

fn at(date: (i32, u32, u32), hour: u32, minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(date.0, date.1, date.2)
        .unwrap()
        .and_hms_opt(hour, minute, 0)
        .unwrap()
}

async fn put_preferences(app: &TestApp, parent: &Session, body: &Value) -> reqwest::Response {
    app.put_json(
        "/api/v1/parent/tip-preferences",
        Some(&parent.access_token),
        body,
    )
    .await
}

async fn a_link_code_signs_a_parent_up_linked_to_the_young_person(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let code = make_code(&app, &young_person).await;
    assert_eq!(code.len(), 9, "typed easily: {code}");
    let response = try_join(&app, &code.to_lowercase(), "Mum@Example.org", "Mum").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let parent = Session::from_json(&response.json().await.unwrap());
    let me = app.get_json("/api/v1/me", &parent).await;
    assert_eq!(me["role"], "parent");

    // The parent can sign in again with the email and password.
    let response = app
        .post_json(
            "/api/v1/auth/login",
            None,
            &json!({"email": "mum@example.org", "password": PARENT_PASSWORD}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    let listed = app.get_json("/api/v1/me/parents", &young_person).await;
    let parents = listed["parents"].as_array().unwrap();
    assert_eq!(parents.len(), 1);
    assert_eq!(parents[0]["display_name"], "Mum");
    assert!(parents[0]["since"].is_string());
    assert!(!parents[0]["receives"].as_array().unwrap().is_empty());
    assert!(listed["never"].as_str().unwrap().contains("never see"));

    let access = app.get_json("/api/v1/me/access", &young_person).await;
    assert_eq!(access["parents"][0]["display_name"], "Mum");
    assert!(
        access["about_parents"]
            .as_str()
            .unwrap()
            .contains("never see")
    );

    // New parents get weekly tips on everyday topics for their child's age.
    let preferences = app
        .get_json("/api/v1/parent/tip-preferences", &parent)
        .await;
    assert_eq!(preferences["frequency"], "weekly");
    assert_eq!(preferences["time_zone"], "Europe/London");
    assert_eq!(preferences["age_bands"], json!(["13-15"]));
    assert!(!preferences["topics"].as_array().unwrap().is_empty());
    let next: chrono::DateTime<Utc> = preferences["next_at"].as_str().unwrap().parse().unwrap();
    assert!(next > Utc::now() && next < Utc::now() + chrono::Duration::days(8));
}

async fn link_codes_are_single_use_expire_and_bad_ones_create_nothing(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let code = make_code(&app, &young_person).await;

    // Bad input is refused before the code is used.
    let response = app
        .post_json(
            "/api/v1/parent/join",
            None,
            &json!({"code": code, "email": "not-an-email", "password": "short", "display_name": " "}),
        )
        .await;
    let body = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["email", "display_name", "password"]);
    // An email with an account already: 409, and the code still works.
    let worker = app.create_worker();
    let response = try_join(&app, &code, &worker.email, "Dad").await;
    assert_problem(response, StatusCode::CONFLICT, "email_taken").await;
    assert_eq!(parent_count(&app), 0, "nothing created");

    let response = try_join(&app, &code, "dad@example.org", "Dad").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    // Single use.
    let response = try_join(&app, &code, "other@example.org", "Other").await;
    assert_problem(response, StatusCode::NOT_FOUND, "invalid_invite").await;
    // Wrong.
    let response = try_join(&app, "ABCD-EFGH", "wrong@example.org", "Wrong").await;
    assert_problem(response, StatusCode::NOT_FOUND, "invalid_invite").await;
    // Expired.
    let stale = make_code(&app, &young_person).await;
    {
        let mut conn = app.pool.get().unwrap();
        diesel::update(parent_link_codes::table.filter(parent_link_codes::used_at.is_null()))
            .set(parent_link_codes::expires_at.eq(Utc::now().naive_utc()))
            .execute(&mut conn)
            .unwrap();
    }
    let response = try_join(&app, &stale, "late@example.org", "Late").await;
    assert_problem(response, StatusCode::NOT_FOUND, "invalid_invite").await;

    assert_eq!(parent_count(&app), 1, "only the one good sign-up");
    let listed = app.get_json("/api/v1/me/parents", &young_person).await;
    assert_eq!(listed["parents"].as_array().unwrap().len(), 1);
}

async fn one_email_signing_up_several_times_at_once_makes_one_account(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let mut codes = Vec::new();
    for _ in 0..4 {
        codes.push(make_code(&app, &young_person).await);
    }
    let before = parent_count(&app);
    // All four pass the "is this email free?" look-up together; the
    // database's unique email decides, and the losers hear email_taken.
    let email = "both.at.once@example.org";
    let (a, b, c, d) = tokio::join!(
        try_join(&app, &codes[0], email, "Mum"),
        try_join(&app, &codes[1], email, "Mum"),
        try_join(&app, &codes[2], email, "Mum"),
        try_join(&app, &codes[3], email, "Mum"),
    );
    let mut statuses: Vec<u16> = [&a, &b, &c, &d]
        .iter()
        .map(|r| r.status().as_u16())
        .collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 409, 409, 409]);
    for refused in [a, b, c, d]
        .into_iter()
        .filter(|r| r.status() == StatusCode::CONFLICT)
    {
        assert_problem(refused, StatusCode::CONFLICT, "email_taken").await;
    }
    assert_eq!(parent_count(&app), before + 1);
}

async fn a_signed_in_parent_links_a_second_child_of_the_same_service_only(app: TestApp) {
    let (_, worker, first) = app.worker_with_young_person().await;
    let parent = join_parent(&app, &first, "carer@example.org", "Carer").await;
    let invite = app.create_invite(&worker).await;
    let second = app
        .post_json(
            "/api/v1/join",
            None,
            &json!({"code": invite, "display_name": "Robin", "age_band": "10-12"}),
        )
        .await;
    let second = Session::from_json(&second.json().await.unwrap());

    // A code of another service's young person links nothing and stays usable.
    let (_, _, elsewhere) = app.worker_with_young_person().await;
    let foreign = make_code(&app, &elsewhere).await;
    let response = app
        .post_json(
            "/api/v1/parent/children",
            Some(&parent.access_token),
            &json!({"code": foreign}),
        )
        .await;
    let body = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "code");
    assert_eq!(body["errors"][0]["code"], "other_service");
    let response = try_join(&app, &foreign, "elsewhere@example.org", "Elsewhere").await;
    assert_eq!(response.status(), StatusCode::CREATED);

    let code = make_code(&app, &second).await;
    let response = app
        .post_json(
            "/api/v1/parent/children",
            Some(&parent.access_token),
            &json!({"code": code}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let response = app
        .post_json(
            "/api/v1/parent/children",
            Some(&parent.access_token),
            &json!({"code": code}),
        )
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "invalid_invite").await;

    for young_person in [&first, &second] {
        let listed = app.get_json("/api/v1/me/parents", young_person).await;
        assert_eq!(listed["parents"][0]["display_name"], "Carer");
    }
    let preferences = app
        .get_json("/api/v1/parent/tip-preferences", &parent)
        .await;
    assert_eq!(preferences["age_bands"], json!(["10-12", "13-15"]));
    // Only parents link children.
    let response = app
        .post_json(
            "/api/v1/parent/children",
            Some(&first.access_token),
            &json!({"code": "ABCD-EFGH"}),
        )
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
}

async fn a_parent_cannot_read_anything_of_the_young_person(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let grants = grants_from(&app.set_consent(&young_person, "mood", true, true).await);
    app.set_consent(&young_person, "notes", true, true).await;
    let note = "parents-must-not-see-this";
    app.sync(
        &young_person,
        &batch_for(&[check_in(1, 5, Some(note))], &grants),
    )
    .await;
    let parent = join_parent(&app, &young_person, "p@example.org", "P").await;
    app.disclose(&young_person, SelfHarmAnswer::Yes).await;
    let id = &young_person.user_id;
    for path in [
        format!("/api/v1/young-people/{id}/check-ins"),
        format!("/api/v1/young-people/{id}/progress"),
        format!("/api/v1/young-people/{id}/safety-plan"),
        format!("/api/v1/young-people/{id}/thrive"),
        "/api/v1/alerts".to_owned(),
        "/api/v1/caseload".to_owned(),
        "/api/v1/me/access".to_owned(),
        "/api/v1/me/audit-events".to_owned(),
        "/api/v1/me/consents".to_owned(),
        "/api/v1/me/parents".to_owned(),
    ] {
        let response = app.get(&path, Some(&parent.access_token)).await;
        assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
    }
    for path in [
        format!("/api/v1/young-people/{id}/relink-codes"),
        format!("/api/v1/young-people/{id}/parent-tips"),
        "/api/v1/me/parent-nudges".to_owned(),
    ] {
        let response = app
            .post_json(&path, Some(&parent.access_token), &json!({"tip_id": "x"}))
            .await;
        assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
    }
    // Nothing of theirs reaches the parent any other way. (The parent's
    // own export names the child they linked with, and nothing else.)
    for path in [
        "/api/v1/me/export",
        "/api/v1/me/notifications",
        "/api/v1/parent/tips",
        "/api/v1/parent/tip-preferences",
    ] {
        let text = app.get_json(path, &parent).await.to_string();
        assert!(!text.contains(note), "{path}");
        assert!(!text.contains("alert"), "{path}: {text}");
        assert!(!text.contains("check_in"), "{path}: {text}");
        if path != "/api/v1/me/export" {
            assert!(!text.contains("Sky"), "{path}: the child's name");
        }
    }
    // Every refused call was refused before anything was read.
    assert!(
        app.audit_trail(&young_person)
            .iter()
            .all(|(_, outcome, _)| outcome != "allowed")
    );
}

async fn the_young_person_removes_a_link_and_the_parent_gets_nothing_more_from_them(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let parent = join_parent(&app, &young_person, "gran@example.org", "Gran").await;
    let listed = app.get_json("/api/v1/me/parents", &young_person).await;
    let link = listed["parents"][0]["id"].as_str().unwrap().to_owned();

    // Nobody else can remove it.
    let (_, _, stranger) = app.worker_with_young_person().await;
    let path = format!("/api/v1/me/parents/{link}");
    let response = app.delete(&path, Some(&stranger.access_token)).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;

    let response = app.delete(&path, Some(&young_person.access_token)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = app.delete(&path, Some(&young_person.access_token)).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let listed = app.get_json("/api/v1/me/parents", &young_person).await;
    assert_eq!(listed["parents"], json!([]));
    let access = app.get_json("/api/v1/me/access", &young_person).await;
    assert_eq!(access["parents"], json!([]));

    // Neither a nudge nor a worker's tip reaches them now.
    let response = app
        .post_json(
            "/api/v1/me/parent-nudges",
            Some(&young_person.access_token),
            &json!({"message": "hello"}),
        )
        .await;
    let body = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["code"], "no_parents_linked");
    let tip = &tips::catalogue().unwrap().tips[0].id;
    let response = app
        .post_json(
            &format!("/api/v1/young-people/{}/parent-tips", young_person.user_id),
            Some(&worker.access_token),
            &json!({"tip_id": tip}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["sent_to"], 0);
    assert!(deliveries_of(&app, &parent).is_empty());
    let preferences = app
        .get_json("/api/v1/parent/tip-preferences", &parent)
        .await;
    assert_eq!(preferences["age_bands"], json!([]));
}

async fn bad_preferences_are_refused_naming_the_field_and_the_old_ones_kept(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let parent = join_parent(&app, &young_person, "pa@example.org", "Pa").await;
    let good = json!({"topics": ["sleep", "exams"], "weekday": "wednesday", "time": "19:30",
        "frequency": "twice_weekly", "time_zone": "Europe/Paris"});
    let response = put_preferences(&app, &parent, &good).await;
    assert_eq!(response.status(), StatusCode::OK);
    let saved: Value = response.json().await.unwrap();
    assert_eq!(saved["topics"], json!(["sleep", "exams"]));
    assert_eq!(saved["weekday"], "wednesday");
    assert_eq!(saved["time"], "19:30");
    assert_eq!(saved["frequency"], "twice_weekly");
    assert_eq!(saved["time_zone"], "Europe/Paris");
    let settings = app
        .get_json("/api/v1/me/notification-settings", &parent)
        .await;
    assert_eq!(settings["time_zone"], "Europe/Paris");

    for (change, field, code) in [
        (
            json!({"topics": ["sleep", "homework"]}),
            "topics[1]",
            "unknown_topic",
        ),
        (json!({"topics": []}), "topics", "no_topics"),
        (json!({"time": "7pm"}), "time", "invalid_time"),
        (json!({"time": "24:00"}), "time", "invalid_time"),
        (json!({"weekday": "funday"}), "weekday", "unknown_weekday"),
        (
            json!({"frequency": "daily"}),
            "frequency",
            "unknown_frequency",
        ),
        (
            json!({"time_zone": "Mars/Olympus"}),
            "time_zone",
            "unknown_time_zone",
        ),
    ] {
        let mut body = good.clone();
        for (key, value) in change.as_object().unwrap() {
            body[key] = value.clone();
        }
        let response = put_preferences(&app, &parent, &body).await;
        let problem = assert_problem(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(problem["errors"][0]["field"], field, "{change}");
        assert_eq!(problem["errors"][0]["code"], code, "{change}");
        let now = app
            .get_json("/api/v1/parent/tip-preferences", &parent)
            .await;
        assert_eq!(now, saved, "nothing changed after {change}");
    }

    // Off: nothing is due.
    let response = put_preferences(
        &app,
        &parent,
        &json!({"topics": [], "weekday": "monday", "time": "08:00", "frequency": "off"}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let off: Value = response.json().await.unwrap();
    assert_eq!(off["next_at"], Value::Null);
    assert_eq!(
        off["time_zone"], "Europe/Paris",
        "the zone stays when left out"
    );
    // Only parents have tip preferences.
    let response = app
        .get(
            "/api/v1/parent/tip-preferences",
            Some(&young_person.access_token),
        )
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
}

async fn the_scheduler_sends_a_due_tip_once_and_only_unseen_tips_of_the_chosen_topics(
    app: TestApp,
) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let parent = join_parent(&app, &young_person, "sched@example.org", "Sched").await;
    let phone = app
        .post_json(
            "/api/v1/push/subscriptions",
            Some(&parent.access_token),
            &browser_subscription("parent-phone"),
        )
        .await;
    assert_eq!(phone.status(), StatusCode::CREATED);
    let response = put_preferences(
        &app,
        &parent,
        &json!({"topics": ["sleep"], "weekday": "monday", "time": "12:00", "frequency": "weekly",
            "time_zone": "UTC"}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let catalogue = tips::catalogue().unwrap();
    let fitting: Vec<String> = catalogue
        .for_topics(&[Topic::Sleep], lantern_core::AgeBand::ThirteenToFifteen)
        .iter()
        .map(|tip| tip.id.clone())
        .collect();
    assert!(fitting.len() >= 2);

    // Monday 5 January 2026 at noon, UTC.
    let mut due = at((2026, 1, 5), 12, 0);
    set_next_due(&app, &parent, due);
    assert_eq!(
        run_job(&app, due - chrono::Duration::minutes(1)),
        0,
        "not yet"
    );
    assert_eq!(run_job(&app, due), 1);
    assert_eq!(run_job(&app, due), 0, "the same moment again sends nothing");
    assert_eq!(deliveries_of(&app, &parent).len(), 1);
    assert_eq!(next_due(&app, &parent), Some(at((2026, 1, 12), 12, 0)));

    // Each week an unseen sleep tip for 13-15, until all were sent.
    for _ in 1..fitting.len() {
        due = next_due(&app, &parent).unwrap();
        assert_eq!(run_job(&app, due), 1);
    }
    let sent: Vec<String> = deliveries_of(&app, &parent)
        .into_iter()
        .map(|(tip, source, _)| {
            assert_eq!(source, "schedule");
            tip
        })
        .collect();
    assert_eq!(sent, fitting, "every fitting tip once, in order");
    // Then the least recently sent comes round again.
    due = next_due(&app, &parent).unwrap();
    assert_eq!(run_job(&app, due), 1);
    let last = deliveries_of(&app, &parent).pop().unwrap();
    assert_eq!(last.0, fitting[0]);

    // Each went to the inbox and to the subscribed browser.
    let mut conn = app.pool.get().unwrap();
    let inbox: Vec<(String, String)> = notifications::table
        .filter(notifications::recipient_id.eq(&parent.user_id))
        .select((notifications::kind, notifications::subject_id))
        .load(&mut conn)
        .unwrap();
    assert_eq!(inbox.len(), fitting.len() + 1);
    assert!(inbox.iter().all(|(kind, _)| kind == "parent_tip"));
    let pushes: Vec<(String, String)> = push_outbox::table
        .select((push_outbox::kind, push_outbox::payload))
        .load(&mut conn)
        .unwrap();
    assert_eq!(pushes.len(), fitting.len() + 1);
    for (kind, payload) in &pushes {
        assert_eq!(kind, "parent_tip");
        assert!(!payload.contains("Sky"));
    }
    drop(conn);
    // The tips inbox shows the tip itself, newest first, with helplines.
    let listed = app.get_json("/api/v1/parent/tips", &parent).await;
    let items = listed["items"].as_array().unwrap();
    assert_eq!(items.len(), fitting.len() + 1);
    assert_eq!(items[0]["tip"]["id"], fitting[0].as_str());
    assert_eq!(items[0]["from"], "schedule");
    assert!(items[0]["tip"]["title"].is_string() && items[0]["tip"]["body"].is_string());
    assert!(items[0]["tip"]["helplines"].is_array());
    assert_eq!(listed["helplines"].as_array().unwrap().len(), 5);
}

async fn the_scheduler_claims_each_parent_once_from_two_connections(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let mut parents = Vec::new();
    for n in 0..6 {
        let parent = join_parent(
            &app,
            &young_person,
            &format!("many{n}@example.org"),
            &format!("Parent {n}"),
        )
        .await;
        parents.push(parent);
    }
    let due = at((2026, 2, 1), 18, 0);
    for parent in &parents {
        set_next_due(&app, parent, due);
    }
    let pool = app.pool.clone();
    let sent: usize = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..2)
            .map(|_| {
                let pool = pool.clone();
                scope.spawn(move || {
                    let mut conn = pool.get().unwrap();
                    send_due_tips(&mut conn, due).unwrap()
                })
            })
            .collect();
        runs.into_iter().map(|run| run.join().unwrap()).sum()
    });
    assert_eq!(sent, parents.len(), "each parent sent to exactly once");
    for parent in &parents {
        assert_eq!(deliveries_of(&app, parent).len(), 1);
        assert!(next_due(&app, parent).unwrap() > due);
    }
}

async fn the_next_tip_is_a_week_on_in_local_time_across_a_clock_change(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let parent = join_parent(&app, &young_person, "dst@example.org", "Dst").await;
    let response = put_preferences(
        &app,
        &parent,
        &json!({"topics": ["anxiety"], "weekday": "sunday", "time": "18:00",
            "frequency": "weekly", "time_zone": "Europe/London"}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    // Sunday 18 October 2026, 18:00 BST = 17:00 UTC. The clocks go back on
    // the 25th, so 18:00 GMT that Sunday is 18:00 UTC.
    let due = at((2026, 10, 18), 17, 0);
    set_next_due(&app, &parent, due);
    assert_eq!(run_job(&app, due), 1);
    assert_eq!(next_due(&app, &parent), Some(at((2026, 10, 25), 18, 0)));
    // And forward again in spring: the clocks go forward on Sunday 28 March
    // 2027, so 18:00 BST that day is 17:00 UTC.
    set_next_due(&app, &parent, at((2027, 3, 21), 18, 0));
    assert_eq!(run_job(&app, at((2027, 3, 21), 18, 0)), 1);
    assert_eq!(next_due(&app, &parent), Some(at((2027, 3, 28), 17, 0)));

    // Moving to another zone (in the general settings) moves the next tip
    // to 18:00 on a Sunday there.
    let response = app
        .put_json(
            "/api/v1/me/notification-settings",
            Some(&parent.access_token),
            &json!({"time_zone": "America/New_York", "quiet_hours": null}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let next = next_due(&app, &parent).unwrap();
    assert!(next > Utc::now().naive_utc());
    // 18:00 in New York is 23:00 UTC in winter and 22:00 in summer, still
    // on the Sunday.
    assert!(matches!(next.hour(), 22 | 23), "{next}");
    assert_eq!(next.weekday(), chrono::Weekday::Sun, "{next}");
    assert_eq!(next.minute(), 0);
}

async fn a_worker_sends_a_tip_to_the_parents_of_a_young_person_they_are_assigned_to(app: TestApp) {
    let (worker, worker_session, young_person) = app.worker_with_young_person().await;
    let mum = join_parent(&app, &young_person, "mum2@example.org", "Mum").await;
    let dad = join_parent(&app, &young_person, "dad2@example.org", "Dad").await;
    let catalogue = app.get_json("/api/v1/tip-catalogue", &worker_session).await;
    let tip = catalogue["tips"][3]["id"].as_str().unwrap().to_owned();
    assert_eq!(catalogue["topics"].as_array().unwrap().len(), 12);
    let path = format!("/api/v1/young-people/{}/parent-tips", young_person.user_id);

    // Not assigned: 404, audited, nothing sent.
    let colleague = app.create_colleague(&worker);
    let colleague = app.log_in(&colleague).await;
    let response = app
        .post_json(
            &path,
            Some(&colleague.access_token),
            &json!({"tip_id": tip}),
        )
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    assert!(deliveries_of(&app, &mum).is_empty());
    assert_eq!(
        app.audit_trail(&young_person)[0],
        (
            "send_parent_tip".to_owned(),
            "refused".to_owned(),
            Some("not_assigned".to_owned())
        )
    );
    // An unknown tip: 422 naming the field.
    let response = app
        .post_json(
            &path,
            Some(&worker_session.access_token),
            &json!({"tip_id": "no_such_tip"}),
        )
        .await;
    let body = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "tip_id");

    let response = app
        .post_json(
            &path,
            Some(&worker_session.access_token),
            &json!({"tip_id": tip}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["sent_to"], 2);
    for parent in [&mum, &dad] {
        let listed = app.get_json("/api/v1/parent/tips", parent).await;
        assert_eq!(listed["items"][0]["tip"]["id"], tip.as_str());
        assert_eq!(listed["items"][0]["from"], "worker");
        let inbox = app.get_json("/api/v1/me/notifications", parent).await;
        assert_eq!(inbox["items"][0]["kind"], "parent_tip");
        assert_eq!(inbox["items"][0]["subject_id"], listed["items"][0]["id"]);
    }
    assert_eq!(
        app.audit_trail(&young_person)[0],
        (
            "send_parent_tip".to_owned(),
            "allowed".to_owned(),
            Some("2 parents".to_owned())
        )
    );
    let seen = app.get_json("/api/v1/me/audit-events", &young_person).await;
    assert!(
        seen["events"][0]["sentence"]
            .as_str()
            .unwrap()
            .starts_with("Sent your parent or carer a tip")
    );
}

async fn let_my_parent_know_reaches_only_linked_parents_with_the_message_and_a_tip(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let mum = join_parent(&app, &young_person, "mum3@example.org", "Mum").await;
    let aunt = join_parent(&app, &young_person, "aunt3@example.org", "Aunt").await;
    let (_, _, other_child) = app.worker_with_young_person().await;
    let stranger = join_parent(&app, &other_child, "s3@example.org", "Stranger").await;
    for (parent, tag) in [(&mum, "mum-phone"), (&stranger, "stranger-phone")] {
        let response = app
            .post_json(
                "/api/v1/push/subscriptions",
                Some(&parent.access_token),
                &browser_subscription(tag),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }

    let response = app
        .post_json(
            "/api/v1/me/parent-nudges",
            Some(&young_person.access_token),
            &json!({"message": "  Today was really hard.  ", "topic": "anxiety"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let sent: Value = response.json().await.unwrap();
    assert_eq!(sent["sent_to"], json!(["Mum", "Aunt"]));
    assert_eq!(sent["message"], "Today was really hard.");
    assert_eq!(sent["left_today"], 2);

    let catalogue = tips::catalogue().unwrap();
    for parent in [&mum, &aunt] {
        let listed = app.get_json("/api/v1/parent/tips", parent).await;
        let item = &listed["items"][0];
        assert_eq!(item["from"], "young_person");
        assert_eq!(item["asked_by"]["display_name"], "Sky");
        assert_eq!(item["asked_by"]["message"], "Today was really hard.");
        let tip = catalogue.find(item["tip"]["id"].as_str().unwrap()).unwrap();
        assert_eq!(tip.topic, Topic::Anxiety);
        assert!(
            tip.age_bands
                .contains(&lantern_core::AgeBand::ThirteenToFifteen)
        );
        let inbox = app.get_json("/api/v1/me/notifications", parent).await;
        assert_eq!(inbox["items"][0]["kind"], "parent_nudge");
    }
    // The stranger's inbox and tips are empty; mum's push is due at once.
    assert_eq!(
        app.get_json("/api/v1/parent/tips", &stranger).await["items"],
        json!([])
    );
    assert_eq!(
        app.get_json("/api/v1/me/notifications", &stranger).await["items"],
        json!([])
    );
    let mut conn = app.pool.get().unwrap();
    let pushes: Vec<(String, NaiveDateTime, String)> = push_outbox::table
        .select((push_outbox::kind, push_outbox::due_at, push_outbox::payload))
        .load(&mut conn)
        .unwrap();
    drop(conn);
    assert_eq!(pushes.len(), 1, "only mum subscribed");
    assert_eq!(pushes[0].0, "parent_nudge");
    assert!(
        pushes[0].1 <= Utc::now().naive_utc(),
        "not held for quiet hours"
    );
    assert!(
        !pushes[0].2.contains("hard"),
        "no words of theirs in a push"
    );

    // Choosing: only the aunt this time, with the default topic.
    let listed = app.get_json("/api/v1/me/parents", &young_person).await;
    let aunt_link = listed["parents"][1]["id"].clone();
    let response = app
        .post_json(
            "/api/v1/me/parent-nudges",
            Some(&young_person.access_token),
            &json!({"parents": [aunt_link]}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let sent: Value = response.json().await.unwrap();
    assert_eq!(sent["sent_to"], json!(["Aunt"]));
    assert_eq!(sent["topic"], "low_mood");
    assert_eq!(deliveries_of(&app, &mum).len(), 1);
    assert_eq!(deliveries_of(&app, &aunt).len(), 2);
    // The young person sees what they sent and how many it reached.
    let mine = app
        .get_json("/api/v1/me/parent-nudges", &young_person)
        .await;
    let reached: Vec<(Value, Value)> = mine["nudges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["message"].clone(), n["reached"].clone()))
        .collect();
    assert_eq!(
        reached,
        [
            (Value::Null, json!(1)),
            (json!("Today was really hard."), json!(2))
        ]
    );
    let first_tip = &deliveries_of(&app, &aunt)[0].0;
    let second_tip = &deliveries_of(&app, &aunt)[1].0;
    assert_ne!(first_tip, second_tip);
    // Someone else's parent can't be chosen.
    let stranger_link =
        app.get_json("/api/v1/me/parents", &other_child).await["parents"][0]["id"].clone();
    let response = app
        .post_json(
            "/api/v1/me/parent-nudges",
            Some(&young_person.access_token),
            &json!({"parents": [stranger_link]}),
        )
        .await;
    let body = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "parents");
    assert!(deliveries_of(&app, &stranger).is_empty());
}

async fn let_my_parent_know_is_rate_limited_and_bad_input_sends_nothing(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let parent = join_parent(&app, &young_person, "rl@example.org", "Rl").await;
    let nudge = |body: Value| {
        let app = &app;
        let token = young_person.access_token.clone();
        async move {
            app.post_json("/api/v1/me/parent-nudges", Some(&token), &body)
                .await
        }
    };
    for (body, field, code) in [
        (
            json!({"message": "x".repeat(201)}),
            "message",
            "message_too_long",
        ),
        (
            json!({"message": "bell\u{7}"}),
            "message",
            "message_invalid",
        ),
        (json!({"topic": "homework"}), "topic", "unknown_topic"),
        (json!({"parents": []}), "parents", "unknown_parent"),
    ] {
        let problem = assert_problem(
            nudge(body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(problem["errors"][0]["field"], field);
        assert_eq!(problem["errors"][0]["code"], code);
    }
    assert!(
        deliveries_of(&app, &parent).is_empty(),
        "bad input sends nothing"
    );

    let exactly_200 = "y".repeat(200);
    for left in [2, 1, 0] {
        let response = nudge(json!({"message": exactly_200})).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["left_today"], left);
    }
    let response = nudge(json!({})).await;
    let retry: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 23 * 3600 && retry <= 24 * 3600, "{retry}");
    assert_problem(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    assert_eq!(deliveries_of(&app, &parent).len(), 3);
}

async fn the_export_covers_links_preferences_and_tips(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let parent = join_parent(&app, &young_person, "ex@example.org", "Ex").await;
    make_code(&app, &young_person).await;
    let tip = &tips::catalogue().unwrap().tips[0].id;
    app.post_json(
        &format!("/api/v1/young-people/{}/parent-tips", young_person.user_id),
        Some(&worker.access_token),
        &json!({"tip_id": tip}),
    )
    .await;
    app.post_json(
        "/api/v1/me/parent-nudges",
        Some(&young_person.access_token),
        &json!({"message": "my own words to mum"}),
    )
    .await;

    let mine = app.get_json("/api/v1/me/export", &young_person).await;
    let mine = &mine["young_person"];
    assert_eq!(mine["parent_links"][0]["display_name"], "Ex");
    assert_eq!(mine["parent_link_codes"].as_array().unwrap().len(), 2);
    assert_eq!(
        mine["parent_link_codes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["used_at"].is_string())
            .count(),
        1
    );
    assert_eq!(mine["parent_nudges"][0]["message"], "my own words to mum");
    assert_eq!(mine["parent_nudges"][0]["reached"], 1);

    let theirs = app.get_json("/api/v1/me/export", &parent).await;
    assert_eq!(theirs["account"]["role"], "parent");
    let data = &theirs["parent"];
    assert_eq!(data["children"][0]["display_name"], "Sky");
    assert_eq!(data["tip_preferences"]["frequency"], "weekly");
    let received = data["tips_received"].as_array().unwrap();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0]["from"], "young_person");
    assert_eq!(received[0]["message"], "my own words to mum");
    assert_eq!(received[1]["from"], "worker");
    assert_eq!(theirs["notifications"].as_array().unwrap().len(), 2);
}

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

/// Every (table, column) holding `value`, read from the catalogue so new
/// tables are checked too.
fn rows_mentioning(conn: &mut AnyConnection, value: &str) -> Vec<(String, String)> {
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
    let mut found = Vec::new();
    for column in columns {
        let sql = format!(
            "SELECT count(*) AS n FROM \"{}\" WHERE CAST(\"{}\" AS TEXT) LIKE '%{}%'",
            column.table_name, column.column_name, value
        );
        if diesel::sql_query(sql).get_result::<Count>(conn).unwrap().n > 0 {
            found.push((column.table_name, column.column_name));
        }
    }
    found
}

async fn erase(app: &TestApp, session: &Session) {
    let response = app
        .client
        .delete(app.url("/api/v1/me"))
        .bearer_auth(&session.access_token)
        .json(&json!({"confirm": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

async fn erasing_a_young_person_or_a_parent_leaves_nothing_of_theirs(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let parent = join_parent(&app, &young_person, "er@example.org", "Er").await;
    let other_code = make_code(&app, &young_person).await;
    app.post_json(
        "/api/v1/push/subscriptions",
        Some(&parent.access_token),
        &browser_subscription("er-phone"),
    )
    .await;
    let tip = &tips::catalogue().unwrap().tips[0].id;
    app.post_json(
        &format!("/api/v1/young-people/{}/parent-tips", young_person.user_id),
        Some(&worker.access_token),
        &json!({"tip_id": tip}),
    )
    .await;
    let words = "a-message-only-they-wrote";
    let response = app
        .post_json(
            "/api/v1/me/parent-nudges",
            Some(&young_person.access_token),
            &json!({"message": words}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    set_next_due(&app, &parent, at((2026, 1, 4), 18, 0));
    assert_eq!(run_job(&app, at((2026, 1, 4), 18, 0)), 1);

    erase(&app, &young_person).await;
    let mut conn = app.pool.get().unwrap();
    assert_eq!(rows_mentioning(&mut conn, &young_person.user_id), []);
    assert_eq!(
        rows_mentioning(&mut conn, words),
        [],
        "their words went too"
    );
    let kinds: Vec<String> = notifications::table
        .filter(notifications::recipient_id.eq(&parent.user_id))
        .select(notifications::kind)
        .load(&mut conn)
        .unwrap();
    assert_eq!(kinds.len(), 2, "the tips that were not theirs stay");
    assert!(kinds.iter().all(|k| k == "parent_tip"));
    drop(conn);
    let response = try_join(&app, &other_code, "late2@example.org", "Late").await;
    assert_problem(response, StatusCode::NOT_FOUND, "invalid_invite").await;
    assert_eq!(deliveries_of(&app, &parent).len(), 2);

    // A code from another service links nothing; the parent, and another
    // child's parent, erase their own accounts.
    let (_, _, second) = app.worker_with_young_person().await;
    let code = make_code(&app, &second).await;
    let response = app
        .post_json(
            "/api/v1/parent/children",
            Some(&parent.access_token),
            &json!({"code": code}),
        )
        .await;
    assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let second_parent = join_parent(&app, &second, "er2@example.org", "Er Two").await;
    erase(&app, &parent).await;
    erase(&app, &second_parent).await;
    let mut conn = app.pool.get().unwrap();
    for gone in [&parent, &second_parent] {
        assert_eq!(rows_mentioning(&mut conn, &gone.user_id), []);
    }
    assert_eq!(rows_mentioning(&mut conn, "er@example.org"), []);
    drop(conn);
    let listed = app.get_json("/api/v1/me/parents", &second).await;
    assert_eq!(listed["parents"], json!([]));
    let response = app
        .get("/api/v1/parent/tips", Some(&parent.access_token))
        .await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

/// The retention job deletes the server's copies of what an inactive young
/// person shared; a "let my parent know" message is one of them.
async fn what_a_young_person_asked_to_pass_on_expires_with_their_shared_data(app: TestApp) {
    use chrono::Months;
    use lantern_server::jobs::expire_inactive::expire_inactive;
    let (_, _, young_person) = app.worker_with_young_person().await;
    let grants = grants_from(&app.set_consent(&young_person, "mood", true, true).await);
    app.sync(&young_person, &batch_for(&[check_in(2, 0, None)], &grants))
        .await;
    join_parent(&app, &young_person, "mum@example.org", "Mum").await;
    let response = app
        .post_json(
            "/api/v1/me/parent-nudges",
            Some(&young_person.access_token),
            &json!({"message": "A rough week at school.", "topic": "anxiety"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let nudges = |conn: &mut AnyConnection| -> i64 {
        diesel::sql_query(format!(
            "SELECT count(*) AS n FROM parent_nudges WHERE young_person_id = '{}'",
            young_person.user_id
        ))
        .get_result::<Count>(conn)
        .unwrap()
        .n
    };
    let mut conn = app.pool.get().unwrap();
    let now = Utc::now().naive_utc();
    assert_eq!(expire_inactive(&mut conn, now).unwrap(), 0, "active: kept");
    assert_eq!(nudges(&mut conn), 1);

    let in_three_years = now.checked_add_months(Months::new(36)).unwrap();
    assert_eq!(expire_inactive(&mut conn, in_three_years).unwrap(), 1);
    assert_eq!(nudges(&mut conn), 0, "the message went with the rest");
    drop(conn);
    let mine = app
        .get_json("/api/v1/me/parent-nudges", &young_person)
        .await;
    assert_eq!(mine["nudges"], json!([]));
}
