//! The inbox and the push outbox behind every notification: subscriptions
//! are checked before they are stored, a disclosure reaches each worker's
//! inbox with a push queued at once, pushes to young people and parents
//! wait out quiet hours in their own time zone, and nothing is left behind
//! when an account goes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use lantern_core::checkin::SelfHarmAnswer;
use lantern_server::db::ids::UserId;
use lantern_server::db::schema::{notifications, push_outbox, push_subscriptions};
use lantern_server::notify::{Kind, Notice, notify};
use lantern_tests::{
    Session, StatusCode, TestApp, assert_problem, browser_subscription, on_both_backends,
};
use serde_json::{Value, json};

on_both_backends!(
    a_browser_subscription_is_stored_once_per_endpoint,
    a_subscription_to_an_unknown_address_or_with_bad_keys_is_refused_and_nothing_stored,
    a_subscription_is_removed_only_by_its_owner,
    a_disclosure_lands_in_each_workers_inbox_and_is_pushed_at_once,
    pushes_to_a_young_person_wait_out_their_quiet_hours_but_alerts_do_not,
    quiet_hours_and_time_zone_can_be_changed_or_turned_off,
    bad_notification_settings_are_refused_and_the_old_ones_kept,
    the_inbox_counts_unread_and_hides_what_is_not_due_yet,
    a_message_read_by_someone_else_is_not_found,
    erasing_an_account_removes_its_inbox_subscriptions_and_queued_pushes,
);

async fn subscribe(app: &TestApp, session: &Session, subscription: &Value) -> String {
    let response = app
        .post_json(
            "/api/v1/push/subscriptions",
            Some(&session.access_token),
            subscription,
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    body["id"].as_str().unwrap().to_owned()
}

fn count<T>(app: &TestApp, query: impl FnOnce(&mut lantern_server::db::AnyConnection) -> T) -> T {
    let mut conn = app.pool.get().unwrap();
    query(&mut conn)
}

fn queued_for(app: &TestApp, subscription: &str) -> Vec<(String, NaiveDateTime, String)> {
    count(app, |conn| {
        push_outbox::table
            .filter(push_outbox::subscription_id.eq(subscription))
            .select((push_outbox::kind, push_outbox::due_at, push_outbox::payload))
            .load(conn)
            .unwrap()
    })
}

async fn a_browser_subscription_is_stored_once_per_endpoint(app: TestApp) {
    let (_, worker, _) = app.worker_with_young_person().await;
    let first = subscribe(&app, &worker, &browser_subscription("phone-1")).await;
    let again = subscribe(&app, &worker, &browser_subscription("phone-1")).await;
    let other = subscribe(&app, &worker, &browser_subscription("laptop")).await;
    assert_eq!(
        first, again,
        "the same browser subscribing again replaces itself"
    );
    assert_ne!(first, other);
    let stored: i64 = count(&app, |conn| {
        push_subscriptions::table.count().get_result(conn).unwrap()
    });
    assert_eq!(stored, 2);
}

async fn a_subscription_to_an_unknown_address_or_with_bad_keys_is_refused_and_nothing_stored(
    app: TestApp,
) {
    let (_, worker, _) = app.worker_with_young_person().await;
    let cases = [
        (
            "endpoint",
            "http://127.0.0.1:5432/",
            "push_endpoint_not_allowed",
        ),
        (
            "endpoint",
            "https://metadata.google.internal/computeMetadata",
            "push_endpoint_not_allowed",
        ),
        (
            "keys.p256dh",
            "https://fcm.googleapis.com/x",
            "push_key_invalid",
        ),
        (
            "keys.auth",
            "https://fcm.googleapis.com/y",
            "push_key_invalid",
        ),
    ];
    for (field, endpoint, code) in cases {
        let mut subscription = browser_subscription("x");
        subscription["endpoint"] = json!(endpoint);
        match field {
            "keys.p256dh" => subscription["keys"]["p256dh"] = json!("BAAA"),
            "keys.auth" => subscription["keys"]["auth"] = json!("c2hvcnQ"),
            _ => {}
        }
        let response = app
            .post_json(
                "/api/v1/push/subscriptions",
                Some(&worker.access_token),
                &subscription,
            )
            .await;
        let body = assert_problem(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(body["errors"][0]["field"], field);
        assert_eq!(body["errors"][0]["code"], code);
    }
    let stored: i64 = count(&app, |conn| {
        push_subscriptions::table.count().get_result(conn).unwrap()
    });
    assert_eq!(stored, 0);
}

async fn a_subscription_is_removed_only_by_its_owner(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let id = subscribe(&app, &young_person, &browser_subscription("yp")).await;
    let path = format!("/api/v1/push/subscriptions/{id}");
    let response = app.delete(&path, Some(&worker.access_token)).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = app.delete(&path, Some(&young_person.access_token)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = app.delete(&path, Some(&young_person.access_token)).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
}

async fn a_disclosure_lands_in_each_workers_inbox_and_is_pushed_at_once(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let phone = subscribe(&app, &worker, &browser_subscription("w-phone")).await;
    let laptop = subscribe(&app, &worker, &browser_subscription("w-laptop")).await;
    let before = Utc::now().naive_utc();
    app.disclose(&young_person, SelfHarmAnswer::Yes).await;

    let inbox = app.get_json("/api/v1/me/notifications", &worker).await;
    assert_eq!(inbox["unread"], 1);
    let item = &inbox["items"][0];
    assert_eq!(item["kind"], "alert");
    assert_eq!(item["read"], false);
    let alerts = app.get_json("/api/v1/alerts", &worker).await;
    assert_eq!(item["subject_id"], alerts["alerts"][0]["id"]);

    for subscription in [&phone, &laptop] {
        let queued = queued_for(&app, subscription);
        assert_eq!(queued.len(), 1, "one push per browser");
        let (kind, due, payload) = &queued[0];
        assert_eq!(kind, "alert");
        assert!(*due <= Utc::now().naive_utc() && *due >= before - chrono::Duration::seconds(1));
        // The push says what kind and which notification, nothing more.
        let payload: Value = serde_json::from_str(payload).unwrap();
        assert_eq!(payload["id"], item["id"]);
        assert_eq!(payload["title"], item["title"]);
        assert!(!payload.to_string().contains("Sky"));
        assert!(!payload.to_string().contains("hurting"));
    }
    // The young person has no inbox line about their own answer.
    let theirs = app
        .get_json("/api/v1/me/notifications", &young_person)
        .await;
    assert_eq!(theirs["items"], json!([]));
}

fn at(date: (i32, u32, u32), hour: u32, minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(date.0, date.1, date.2)
        .unwrap()
        .and_hms_opt(hour, minute, 0)
        .unwrap()
}

/// Notifies `who` of `kind` as if it were `now`; returns the push's due time.
fn notify_at(app: &TestApp, who: &Session, kind: Kind, now: NaiveDateTime) -> NaiveDateTime {
    count(app, |conn| {
        let id = notify(
            conn,
            Notice {
                recipient: &UserId(who.user_id.clone()),
                kind,
                subject_id: "subject",
                at: now,
            },
            now,
        )
        .unwrap();
        push_outbox::table
            .filter(push_outbox::notification_id.eq(&id))
            .select(push_outbox::due_at)
            .first(conn)
            .unwrap()
    })
}

async fn pushes_to_a_young_person_wait_out_their_quiet_hours_but_alerts_do_not(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    subscribe(&app, &young_person, &browser_subscription("yp")).await;
    subscribe(&app, &worker, &browser_subscription("w")).await;
    let late = at((2026, 12, 1), 22, 15);
    assert_eq!(
        notify_at(&app, &young_person, Kind::Encouragement, late),
        at((2026, 12, 2), 7, 0),
        "a message written at 22:15 is pushed at 07:00"
    );
    assert_eq!(notify_at(&app, &worker, Kind::Alert, late), late);
    let afternoon = at((2026, 12, 1), 15, 0);
    assert_eq!(
        notify_at(&app, &young_person, Kind::Encouragement, afternoon),
        afternoon
    );
    // In summer London is an hour ahead: 20:30 UTC is 21:30 local.
    assert_eq!(
        notify_at(
            &app,
            &young_person,
            Kind::Encouragement,
            at((2026, 7, 1), 20, 30)
        ),
        at((2026, 7, 2), 6, 0)
    );
}

async fn quiet_hours_and_time_zone_can_be_changed_or_turned_off(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    subscribe(&app, &young_person, &browser_subscription("yp")).await;
    let mine = app
        .get_json("/api/v1/me/notification-settings", &young_person)
        .await;
    assert_eq!(
        mine,
        json!({"time_zone": "Europe/London", "quiet_hours": {"start": "21:00", "end": "07:00"}})
    );
    let staff = app
        .get_json("/api/v1/me/notification-settings", &worker)
        .await;
    assert_eq!(staff["quiet_hours"], Value::Null);

    let chosen =
        json!({"time_zone": "America/New_York", "quiet_hours": {"start": "22:30", "end": "06:45"}});
    let response = app
        .put_json(
            "/api/v1/me/notification-settings",
            Some(&young_person.access_token),
            &chosen,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.get_json("/api/v1/me/notification-settings", &young_person)
            .await,
        chosen
    );
    // 03:00 UTC on 2 Dec is 22:00 in New York: not yet quiet.
    let ten_pm_there = at((2026, 12, 2), 3, 0);
    assert_eq!(
        notify_at(&app, &young_person, Kind::Encouragement, ten_pm_there),
        ten_pm_there
    );
    // 04:00 UTC is 23:00 there: wait until 06:45 there, 11:45 UTC.
    assert_eq!(
        notify_at(
            &app,
            &young_person,
            Kind::Encouragement,
            at((2026, 12, 2), 4, 0)
        ),
        at((2026, 12, 2), 11, 45)
    );

    let off = json!({"time_zone": "Europe/London", "quiet_hours": null});
    let response = app
        .put_json(
            "/api/v1/me/notification-settings",
            Some(&young_person.access_token),
            &off,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let midnight = at((2026, 12, 3), 0, 0);
    assert_eq!(
        notify_at(&app, &young_person, Kind::Encouragement, midnight),
        midnight
    );
}

async fn bad_notification_settings_are_refused_and_the_old_ones_kept(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let bad =
        json!({"time_zone": "Europe/Atlantis", "quiet_hours": {"start": "9pm", "end": "07:00"}});
    let response = app
        .put_json(
            "/api/v1/me/notification-settings",
            Some(&young_person.access_token),
            &bad,
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
    assert_eq!(fields, ["time_zone", "quiet_hours.start"]);
    let same =
        json!({"time_zone": "Europe/London", "quiet_hours": {"start": "07:00", "end": "07:00"}});
    let response = app
        .put_json(
            "/api/v1/me/notification-settings",
            Some(&young_person.access_token),
            &same,
        )
        .await;
    let body = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["code"], "empty_quiet_hours");
    let kept = app
        .get_json("/api/v1/me/notification-settings", &young_person)
        .await;
    assert_eq!(kept["quiet_hours"]["start"], "21:00");
}

async fn the_inbox_counts_unread_and_hides_what_is_not_due_yet(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let now = Utc::now().naive_utc();
    let who = UserId(young_person.user_id.clone());
    let ids: Vec<String> = count(&app, |conn| {
        [
            (Kind::Encouragement, now - chrono::Duration::minutes(5)),
            (Kind::Encouragement, now - chrono::Duration::minutes(1)),
            (Kind::Encouragement, now + chrono::Duration::days(1)),
        ]
        .into_iter()
        .map(|(kind, when)| {
            notify(
                conn,
                Notice {
                    recipient: &who,
                    kind,
                    subject_id: "s",
                    at: when,
                },
                when.min(now),
            )
            .unwrap()
        })
        .collect()
    });
    let inbox = app
        .get_json("/api/v1/me/notifications", &young_person)
        .await;
    assert_eq!(inbox["unread"], 2, "tomorrow's message is not shown yet");
    let shown: Vec<&str> = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(shown, [ids[1].as_str(), ids[0].as_str()], "newest first");

    let read = format!("/api/v1/me/notifications/{}/read", ids[0]);
    let response = app
        .post_json(&read, Some(&young_person.access_token), &json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let inbox = app
        .get_json("/api/v1/me/notifications", &young_person)
        .await;
    assert_eq!(inbox["unread"], 1);
    assert_eq!(inbox["items"][1]["read"], true);

    let future = format!("/api/v1/me/notifications/{}/read", ids[2]);
    let response = app
        .post_json(&future, Some(&young_person.access_token), &json!({}))
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = app
        .get(
            "/api/v1/me/notifications?limit=0",
            Some(&young_person.access_token),
        )
        .await;
    assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
}

async fn a_message_read_by_someone_else_is_not_found(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    app.disclose(&young_person, SelfHarmAnswer::Yes).await;
    let inbox = app.get_json("/api/v1/me/notifications", &worker).await;
    let path = format!(
        "/api/v1/me/notifications/{}/read",
        inbox["items"][0]["id"].as_str().unwrap()
    );
    let response = app
        .post_json(&path, Some(&young_person.access_token), &json!({}))
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let inbox = app.get_json("/api/v1/me/notifications", &worker).await;
    assert_eq!(inbox["unread"], 1);
}

async fn erasing_an_account_removes_its_inbox_subscriptions_and_queued_pushes(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    subscribe(&app, &young_person, &browser_subscription("yp")).await;
    subscribe(&app, &worker, &browser_subscription("w")).await;
    notify_at(
        &app,
        &young_person,
        Kind::Encouragement,
        Utc::now().naive_utc(),
    );
    app.disclose(&young_person, SelfHarmAnswer::Yes).await;
    let response = app
        .send_json(
            reqwest::Method::DELETE,
            "/api/v1/me",
            Some(&young_person.access_token),
            &json!({"confirm": true}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (inbox_rows, subscriptions, queued): (i64, i64, i64) = count(&app, |conn| {
        (
            notifications::table.count().get_result(conn).unwrap(),
            push_subscriptions::table.count().get_result(conn).unwrap(),
            push_outbox::table.count().get_result(conn).unwrap(),
        )
    });
    assert_eq!(
        (inbox_rows, subscriptions, queued),
        (0, 1, 0),
        "only the worker's browser is left; the alert about the erased young person went too"
    );
}
