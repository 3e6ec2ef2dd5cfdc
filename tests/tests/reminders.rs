//! Daily check-in reminders that arrive on time, once, or not at all: a
//! device with no account registers one and gets a secret to change or
//! stop it; the job, run "later" with chosen times, queues exactly one push
//! per local day at the chosen wall-clock time in the chosen zone, across
//! clock changes and outages, and twice at once still queues one.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use std::collections::BTreeSet;
use std::sync::{Arc, Barrier};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use lantern_server::db::schema::{notifications, push_outbox, push_subscriptions, reminders};
use lantern_server::db::{AnyConnection, push_subscriptions as subscription_rows};
use lantern_server::edges::EdgeSettings;
use lantern_server::jobs::send_reminders;
use lantern_tests::{
    Session, StatusCode, TestApp, assert_problem, browser_subscription, generous_limits,
    on_both_backends,
};
use serde_json::{Value, json};

on_both_backends!(
    a_reminder_without_an_account_is_queued_once_a_day_at_its_time,
    five_pm_in_london_stays_five_pm_across_both_clock_changes,
    new_york_and_sydney_keep_their_own_wall_clock_and_local_day,
    after_two_days_down_one_reminder_is_sent_not_three_and_a_late_one_not_at_all,
    changing_the_time_moves_the_next_reminder,
    deleting_with_the_secret_stops_it_and_drops_what_was_queued,
    a_wrong_or_missing_secret_is_not_found_and_changes_nothing,
    bad_time_zone_or_subscription_is_refused_naming_the_field_and_nothing_is_stored,
    never_at_night_unless_the_device_asks,
    registering_the_same_device_again_replaces_its_reminder,
    two_job_runs_at_once_queue_one_push_per_reminder,
    the_anonymous_record_holds_only_subscription_time_and_zone,
    a_signed_in_reminder_is_theirs_follows_their_quiet_hours_and_goes_with_erasure,
    deleting_a_subscription_deletes_its_reminder,
    registering_is_rate_limited_per_address_and_the_secret_header_passes_cors,
);

const SECRET_HEADER: &str = "Lantern-Reminder-Secret";

struct Registered {
    id: String,
    secret: String,
    next_at: NaiveDateTime,
}

fn reminder_body(tag: &str, time: &str, zone: &str) -> Value {
    json!({"subscription": browser_subscription(tag), "time": time, "time_zone": zone})
}

async fn register_with(app: &TestApp, body: &Value, token: Option<&str>) -> Registered {
    let response = app.post_json("/api/v1/reminders", token, body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    Registered {
        id: body["id"].as_str().unwrap().to_owned(),
        secret: body["secret"].as_str().unwrap().to_owned(),
        next_at: utc_of(&body["next_at"]),
    }
}

async fn register(app: &TestApp, tag: &str, time: &str, zone: &str) -> Registered {
    register_with(app, &reminder_body(tag, time, zone), None).await
}

fn utc_of(value: &Value) -> NaiveDateTime {
    DateTime::parse_from_rfc3339(value.as_str().unwrap())
        .unwrap()
        .naive_utc()
}

fn at(date: (i32, u32, u32), hour: u32, minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(date.0, date.1, date.2)
        .unwrap()
        .and_hms_opt(hour, minute, 0)
        .unwrap()
}

fn with_conn<T>(app: &TestApp, work: impl FnOnce(&mut AnyConnection) -> T) -> T {
    let mut conn = app.pool.get().unwrap();
    work(&mut conn)
}

/// As if the reminder had been registered just before `due`: the HTTP
/// calls use the real clock, the job runs at whatever time a test picks.
fn next_due(app: &TestApp, reminder: &Registered, due: NaiveDateTime) {
    with_conn(app, |conn| {
        diesel::update(reminders::table.find(&reminder.id))
            .set(reminders::next_due_at.eq(due))
            .execute(conn)
            .unwrap();
    });
}

fn stored_next_due(app: &TestApp, reminder: &Registered) -> NaiveDateTime {
    with_conn(app, |conn| {
        reminders::table
            .find(&reminder.id)
            .select(reminders::next_due_at)
            .first(conn)
            .unwrap()
    })
}

fn run_job(app: &TestApp, now: NaiveDateTime) -> usize {
    with_conn(app, |conn| send_reminders::queue_due(conn, now).unwrap())
}

/// Runs the job every `step` from `from` to `to` inclusive; returns how
/// many pushes it queued.
fn run_job_every(app: &TestApp, from: NaiveDateTime, to: NaiveDateTime, step: Duration) -> usize {
    let mut now = from;
    let mut queued = 0;
    while now <= to {
        queued += run_job(app, now);
        now += step;
    }
    queued
}

/// A queued push: (kind, due at, the payload's id, announces an inbox line).
fn queued(app: &TestApp) -> Vec<(String, NaiveDateTime, String, bool)> {
    with_conn(app, |conn| {
        push_outbox::table
            .order(push_outbox::due_at)
            .select((
                push_outbox::kind,
                push_outbox::due_at,
                push_outbox::payload,
                push_outbox::notification_id,
            ))
            .load::<(String, NaiveDateTime, String, Option<String>)>(conn)
            .unwrap()
            .into_iter()
            .map(|(kind, due, payload, notification)| {
                let payload: Value = serde_json::from_str(&payload).unwrap();
                let id = payload["id"].as_str().unwrap().to_owned();
                (kind, due, id, notification.is_some())
            })
            .collect()
    })
}

fn due_times(app: &TestApp) -> Vec<NaiveDateTime> {
    queued(app).into_iter().map(|(_, due, _, _)| due).collect()
}

fn reminder_count(app: &TestApp) -> (i64, i64) {
    with_conn(app, |conn| {
        (
            reminders::table.count().get_result(conn).unwrap(),
            push_subscriptions::table.count().get_result(conn).unwrap(),
        )
    })
}

async fn a_reminder_without_an_account_is_queued_once_a_day_at_its_time(app: TestApp) {
    let reminder = register(&app, "phone", "17:00", "Europe/London").await;
    next_due(&app, &reminder, at((2026, 1, 12), 17, 0));
    // Every five minutes for three whole days.
    let queued_by_job = run_job_every(
        &app,
        at((2026, 1, 12), 0, 0),
        at((2026, 1, 14), 23, 55),
        Duration::minutes(5),
    );
    assert_eq!(queued_by_job, 3);
    let pushes = queued(&app);
    let expected_days = ["2026-01-12", "2026-01-13", "2026-01-14"];
    assert_eq!(pushes.len(), 3, "one a day: {pushes:?}");
    for ((kind, due, id, has_inbox_line), day) in pushes.iter().zip(expected_days) {
        assert_eq!(kind, "reminder");
        assert_eq!(
            due.format("%Y-%m-%d %H:%M").to_string(),
            format!("{day} 17:00")
        );
        assert_eq!(
            id,
            &format!("{}:{day}", reminder.id),
            "one id per local day"
        );
        assert!(!has_inbox_line, "no inbox for a device with no account");
    }
    let inbox: i64 = with_conn(&app, |conn| {
        notifications::table.count().get_result(conn).unwrap()
    });
    assert_eq!(inbox, 0);
    assert_eq!(stored_next_due(&app, &reminder), at((2026, 1, 15), 17, 0));
    // Running again at the same moments queues nothing more.
    assert_eq!(
        run_job_every(
            &app,
            at((2026, 1, 12), 0, 0),
            at((2026, 1, 14), 23, 55),
            Duration::minutes(30)
        ),
        0
    );
}

async fn five_pm_in_london_stays_five_pm_across_both_clock_changes(app: TestApp) {
    let reminder = register(&app, "phone", "17:00", "Europe/London").await;
    // Clocks go forward at 01:00 UTC on 29 March 2026.
    next_due(&app, &reminder, at((2026, 3, 27), 17, 0));
    run_job_every(
        &app,
        at((2026, 3, 27), 12, 0),
        at((2026, 3, 30), 23, 0),
        Duration::minutes(15),
    );
    assert_eq!(
        due_times(&app),
        [
            at((2026, 3, 27), 17, 0),
            at((2026, 3, 28), 17, 0),
            at((2026, 3, 29), 16, 0),
            at((2026, 3, 30), 16, 0),
        ],
        "17:00 GMT, then 17:00 BST"
    );
    // And back at 01:00 UTC on 25 October 2026.
    next_due(&app, &reminder, at((2026, 10, 23), 16, 0));
    run_job_every(
        &app,
        at((2026, 10, 23), 12, 0),
        at((2026, 10, 26), 23, 0),
        Duration::minutes(15),
    );
    let october: Vec<NaiveDateTime> = due_times(&app).into_iter().skip(4).collect();
    assert_eq!(
        october,
        [
            at((2026, 10, 23), 16, 0),
            at((2026, 10, 24), 16, 0),
            at((2026, 10, 25), 17, 0),
            at((2026, 10, 26), 17, 0),
        ],
        "17:00 BST, then 17:00 GMT"
    );
}

async fn new_york_and_sydney_keep_their_own_wall_clock_and_local_day(app: TestApp) {
    let new_york = register(&app, "ny", "07:30", "America/New_York").await;
    let sydney = register(&app, "syd", "08:00", "Australia/Sydney").await;
    // New York goes forward on 8 March 2026; Sydney goes back on 5 April.
    next_due(&app, &new_york, at((2026, 3, 7), 12, 30));
    next_due(&app, &sydney, at((2026, 4, 3), 21, 0));
    run_job_every(
        &app,
        at((2026, 3, 7), 0, 0),
        at((2026, 3, 9), 23, 45),
        Duration::minutes(15),
    );
    run_job_every(
        &app,
        at((2026, 4, 3), 12, 0),
        at((2026, 4, 6), 12, 0),
        Duration::minutes(15),
    );
    // Each ran only across its own dates (the other goes on every day too),
    // and the server's own job may queue one for today's real date: only
    // the simulated days count.
    let pushes: Vec<(NaiveDateTime, String)> = queued(&app)
        .into_iter()
        .map(|(_, due, id, _)| (due, id))
        .filter(|(due, id)| {
            if id.starts_with(&new_york.id) {
                *due < at((2026, 3, 10), 0, 0)
            } else {
                *due >= at((2026, 4, 3), 0, 0) && *due < at((2026, 4, 7), 0, 0)
            }
        })
        .collect();
    let day = |reminder: &Registered, date: &str| format!("{}:{date}", reminder.id);
    assert_eq!(
        pushes,
        [
            // 07:30 EST is 12:30 UTC; 07:30 EDT is 11:30 UTC.
            (at((2026, 3, 7), 12, 30), day(&new_york, "2026-03-07")),
            (at((2026, 3, 8), 11, 30), day(&new_york, "2026-03-08")),
            (at((2026, 3, 9), 11, 30), day(&new_york, "2026-03-09")),
            // 08:00 AEDT (+11) is 21:00 UTC the day before; from 03:00 on
            // 5 April it is AEST (+10), so 08:00 that day is 22:00 UTC.
            (at((2026, 4, 3), 21, 0), day(&sydney, "2026-04-04")),
            (at((2026, 4, 4), 22, 0), day(&sydney, "2026-04-05")),
            (at((2026, 4, 5), 22, 0), day(&sydney, "2026-04-06")),
        ]
    );
}

async fn after_two_days_down_one_reminder_is_sent_not_three_and_a_late_one_not_at_all(
    app: TestApp,
) {
    let reminder = register(&app, "phone", "17:00", "Europe/London").await;
    next_due(&app, &reminder, at((2026, 2, 2), 17, 0));
    assert_eq!(run_job(&app, at((2026, 2, 2), 16, 55)), 0);
    // Down from before the first until half an hour after the third.
    assert_eq!(run_job(&app, at((2026, 2, 4), 17, 30)), 1);
    assert_eq!(due_times(&app), [at((2026, 2, 4), 17, 0)], "today's only");
    assert_eq!(stored_next_due(&app, &reminder), at((2026, 2, 5), 17, 0));
    // Two and a half hours late: not sent, and the next is tomorrow's.
    assert_eq!(run_job(&app, at((2026, 2, 5), 19, 30)), 0);
    assert_eq!(stored_next_due(&app, &reminder), at((2026, 2, 6), 17, 0));
    // Just inside the two hours still counts.
    assert_eq!(run_job(&app, at((2026, 2, 6), 18, 59)), 1);
    let pushes = queued(&app);
    assert_eq!(pushes.len(), 2);
    assert_eq!(pushes[1].2, format!("{}:2026-02-06", reminder.id));
    // Queued with its own time, so it is not sent later than two hours.
    let expires: NaiveDateTime = with_conn(&app, |conn| {
        push_outbox::table
            .order(push_outbox::due_at.desc())
            .select(push_outbox::expires_at)
            .first(conn)
            .unwrap()
    });
    assert_eq!(expires, at((2026, 2, 6), 19, 0));
}

async fn changing_the_time_moves_the_next_reminder(app: TestApp) {
    // UTC, so the real clock's "next" can be checked without a zone table.
    let reminder = register(&app, "phone", "17:00", "UTC").await;
    assert_eq!(reminder.next_at.format("%H:%M").to_string(), "17:00");
    assert!(reminder.next_at > Utc::now().naive_utc());
    assert!(reminder.next_at <= Utc::now().naive_utc() + Duration::days(1));
    let response = app
        .client
        .put(app.url(&format!("/api/v1/reminders/{}", reminder.id)))
        .header(SECRET_HEADER, &reminder.secret)
        .json(&json!({"time": "08:15", "time_zone": "UTC"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["time"], "08:15");
    assert_eq!(body["time_zone"], "UTC");
    assert!(
        body.get("secret").is_none(),
        "the secret is shown only once"
    );
    let next = utc_of(&body["next_at"]);
    assert_eq!(next.format("%H:%M").to_string(), "08:15");
    assert_eq!(stored_next_due(&app, &reminder), next);
    // Two days from the change: only 08:15 reminders, one a day.
    run_job_every(
        &app,
        next - Duration::hours(12),
        next + Duration::hours(36),
        Duration::minutes(15),
    );
    assert_eq!(due_times(&app), [next, next + Duration::days(1)]);
}

async fn deleting_with_the_secret_stops_it_and_drops_what_was_queued(app: TestApp) {
    let reminder = register(&app, "phone", "17:00", "Europe/London").await;
    next_due(&app, &reminder, at((2026, 1, 12), 17, 0));
    assert_eq!(run_job(&app, at((2026, 1, 12), 17, 0)), 1);
    let response = app
        .client
        .delete(app.url(&format!("/api/v1/reminders/{}", reminder.id)))
        .header(SECRET_HEADER, &reminder.secret)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(queued(&app), [], "today's push, not yet sent, is dropped");
    assert_eq!(
        reminder_count(&app),
        (0, 0),
        "a device with no account gave its subscription only for this"
    );
    let more = run_job_every(
        &app,
        at((2026, 1, 12), 17, 0),
        at((2026, 1, 15), 17, 0),
        Duration::minutes(30),
    );
    assert_eq!(more, 0);
    assert_eq!(queued(&app), []);
    let again = app
        .client
        .delete(app.url(&format!("/api/v1/reminders/{}", reminder.id)))
        .header(SECRET_HEADER, &reminder.secret)
        .send()
        .await
        .unwrap();
    assert_problem(again, StatusCode::NOT_FOUND, "not_found").await;
}

async fn a_wrong_or_missing_secret_is_not_found_and_changes_nothing(app: TestApp) {
    let mine = register(&app, "mine", "17:00", "Europe/London").await;
    let theirs = register(&app, "theirs", "16:00", "Europe/London").await;
    let path = format!("/api/v1/reminders/{}", mine.id);
    let wrong_secrets = [
        Some("not-the-secret".to_owned()),
        Some(theirs.secret.clone()),
        Some(String::new()),
        None,
    ];
    for secret in &wrong_secrets {
        let mut put = app
            .client
            .put(app.url(&path))
            .json(&json!({"time": "09:00", "time_zone": "UTC"}));
        let mut delete = app.client.delete(app.url(&path));
        if let Some(secret) = secret {
            put = put.header(SECRET_HEADER, secret);
            delete = delete.header(SECRET_HEADER, secret);
        }
        assert_problem(
            put.send().await.unwrap(),
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        assert_problem(
            delete.send().await.unwrap(),
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    // The same answer for a reminder that does not exist at all.
    let missing = app
        .client
        .delete(app.url("/api/v1/reminders/00000000-0000-4000-8000-000000000000"))
        .header(SECRET_HEADER, &mine.secret)
        .send()
        .await
        .unwrap();
    assert_problem(missing, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(reminder_count(&app), (2, 2));
    assert_eq!(stored_next_due(&app, &mine), mine.next_at, "unchanged");
    let time: String = with_conn(&app, |conn| {
        reminders::table
            .find(&mine.id)
            .select(reminders::local_time)
            .first(conn)
            .unwrap()
    });
    assert_eq!(time, "17:00");
    // And it still comes.
    run_job(&app, mine.next_at);
    let mine_queued = queued(&app)
        .into_iter()
        .filter(|(_, due, id, _)| *due == mine.next_at && id.starts_with(&mine.id))
        .count();
    assert_eq!(mine_queued, 1);
}

async fn bad_time_zone_or_subscription_is_refused_naming_the_field_and_nothing_is_stored(
    app: TestApp,
) {
    let mut bad_endpoint = reminder_body("x", "17:00", "Europe/London");
    bad_endpoint["subscription"]["endpoint"] = json!("http://169.254.169.254/latest");
    let mut bad_key = reminder_body("x", "17:00", "Europe/London");
    bad_key["subscription"]["keys"]["p256dh"] = json!("BAAA");
    let mut all_wrong = reminder_body("x", "5pm", "Mars/Olympus");
    all_wrong["subscription"]["keys"]["auth"] = json!("c2hvcnQ");
    let cases: Vec<(Value, Vec<(&str, &str)>)> = vec![
        (
            reminder_body("x", "5pm", "Europe/London"),
            vec![("time", "invalid_time")],
        ),
        (
            reminder_body("x", "24:00", "Europe/London"),
            vec![("time", "invalid_time")],
        ),
        (
            reminder_body("x", "17:00", "Europe/Atlantis"),
            vec![("time_zone", "unknown_time_zone")],
        ),
        (
            bad_endpoint,
            vec![("subscription.endpoint", "push_endpoint_not_allowed")],
        ),
        (
            bad_key,
            vec![("subscription.keys.p256dh", "push_key_invalid")],
        ),
        (
            all_wrong,
            vec![
                ("subscription.keys.auth", "push_key_invalid"),
                ("time", "invalid_time"),
                ("time_zone", "unknown_time_zone"),
            ],
        ),
    ];
    for (body, expected) in cases {
        let response = app.post_json("/api/v1/reminders", None, &body).await;
        let problem = assert_problem(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        let found: Vec<(&str, &str)> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
            .collect();
        assert_eq!(found, expected, "{body}");
    }
    // A body that is not a reminder at all.
    let response = app
        .post_json("/api/v1/reminders", None, &json!({"time": "17:00"}))
        .await;
    assert_problem(response, StatusCode::BAD_REQUEST, "bad_request").await;
    assert_eq!(reminder_count(&app), (0, 0), "nothing stored");

    // A bad change keeps the reminder as it was.
    let reminder = register(&app, "phone", "17:00", "Europe/London").await;
    let response = app
        .client
        .put(app.url(&format!("/api/v1/reminders/{}", reminder.id)))
        .header(SECRET_HEADER, &reminder.secret)
        .json(&json!({"time": "7.30", "time_zone": "Nowhere"}))
        .send()
        .await
        .unwrap();
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "time");
    assert_eq!(problem["errors"][1]["field"], "time_zone");
    let kept: (String, String) = with_conn(&app, |conn| {
        reminders::table
            .find(&reminder.id)
            .select((reminders::local_time, reminders::time_zone))
            .first(conn)
            .unwrap()
    });
    assert_eq!(kept, ("17:00".to_owned(), "Europe/London".to_owned()));
}

async fn never_at_night_unless_the_device_asks(app: TestApp) {
    for time in ["21:00", "23:30", "03:00", "06:59"] {
        let response = app
            .post_json(
                "/api/v1/reminders",
                None,
                &reminder_body("night", time, "Europe/London"),
            )
            .await;
        let problem = assert_problem(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(problem["errors"][0]["field"], "time", "{time}");
        assert_eq!(problem["errors"][0]["code"], "in_quiet_hours", "{time}");
    }
    assert_eq!(reminder_count(&app), (0, 0));
    // The edges of the day are fine.
    register(&app, "early", "07:00", "Europe/London").await;
    register(&app, "late", "20:59", "Europe/London").await;
    // Asked for explicitly, a night-time reminder is kept and sent.
    let mut asked = reminder_body("owl", "22:30", "Europe/London");
    asked["allow_night"] = json!(true);
    let owl = register_with(&app, &asked, None).await;
    assert_eq!(owl.next_at.format("%M").to_string(), "30");
    next_due(&app, &owl, at((2026, 1, 12), 22, 30));
    assert_eq!(run_job(&app, at((2026, 1, 12), 22, 31)), 1);
    assert_eq!(due_times(&app), [at((2026, 1, 12), 22, 30)]);
}

async fn registering_the_same_device_again_replaces_its_reminder(app: TestApp) {
    let first = register(&app, "phone", "17:00", "Europe/London").await;
    let second = register(&app, "phone", "16:00", "Europe/London").await;
    assert_ne!(first.id, second.id);
    assert_ne!(first.secret, second.secret);
    assert_eq!(reminder_count(&app), (1, 1), "one reminder per device");
    let old = app
        .client
        .delete(app.url(&format!("/api/v1/reminders/{}", first.id)))
        .header(SECRET_HEADER, &first.secret)
        .send()
        .await
        .unwrap();
    assert_problem(old, StatusCode::NOT_FOUND, "not_found").await;
    next_due(&app, &second, at((2026, 1, 12), 16, 0));
    run_job_every(
        &app,
        at((2026, 1, 12), 12, 0),
        at((2026, 1, 12), 23, 0),
        Duration::minutes(10),
    );
    assert_eq!(due_times(&app), [at((2026, 1, 12), 16, 0)]);
    // Another device is another reminder.
    register(&app, "tablet", "17:00", "Europe/London").await;
    assert_eq!(reminder_count(&app), (2, 2));
}

async fn two_job_runs_at_once_queue_one_push_per_reminder(app: TestApp) {
    let mut registered = Vec::new();
    for n in 0..12 {
        let reminder = register(&app, &format!("device-{n}"), "17:00", "Europe/London").await;
        next_due(&app, &reminder, at((2026, 1, 12), 17, 0));
        registered.push(reminder);
    }
    let now = at((2026, 1, 12), 17, 1);
    let start = Arc::new(Barrier::new(2));
    let runs: Vec<_> = (0..2)
        .map(|_| {
            let pool = app.pool.clone();
            let start = start.clone();
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                start.wait();
                send_reminders::queue_due(&mut conn, now).unwrap()
            })
        })
        .collect();
    let queued_by_runs: usize = runs.into_iter().map(|run| run.join().unwrap()).sum();
    assert_eq!(queued_by_runs, 12, "between them, each reminder once");
    let ids: BTreeSet<String> = queued(&app).into_iter().map(|(_, _, id, _)| id).collect();
    assert_eq!(ids.len(), 12);
    assert_eq!(queued(&app).len(), 12, "one push per reminder, not two");
    for reminder in &registered {
        assert_eq!(stored_next_due(&app, reminder), at((2026, 1, 13), 17, 0));
    }
}

/// The columns of a table on either backend.
fn columns_of(conn: &mut AnyConnection, table: &str) -> BTreeSet<String> {
    #[derive(QueryableByName)]
    struct Column {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    let sql = match conn {
        AnyConnection::Sqlite(_) => format!("SELECT name FROM pragma_table_info('{table}')"),
        AnyConnection::Postgresql(_) => format!(
            "SELECT column_name AS name FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name = '{table}'"
        ),
    };
    diesel::sql_query(sql)
        .load::<Column>(conn)
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect()
}

async fn the_anonymous_record_holds_only_subscription_time_and_zone(app: TestApp) {
    let reminder = register(&app, "phone", "17:00", "Europe/London").await;
    let columns = with_conn(&app, |conn| columns_of(conn, "reminders"));
    let expected: BTreeSet<String> = [
        "id",
        "subscription_id",
        "secret_hash",
        "local_time",
        "time_zone",
        "next_due_at",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(
        columns, expected,
        "no name, account, address or anything else"
    );
    let (row, owner, secret_hash): ((String, String, NaiveDateTime), Option<String>, String) =
        with_conn(&app, |conn| {
            let row = reminders::table
                .find(&reminder.id)
                .select((
                    reminders::local_time,
                    reminders::time_zone,
                    reminders::next_due_at,
                ))
                .first(conn)
                .unwrap();
            let owner = push_subscriptions::table
                .select(push_subscriptions::user_id)
                .first(conn)
                .unwrap();
            let hash = reminders::table
                .find(&reminder.id)
                .select(reminders::secret_hash)
                .first(conn)
                .unwrap();
            (row, owner, hash)
        });
    assert_eq!(row.0, "17:00");
    assert_eq!(row.1, "Europe/London");
    assert_eq!(row.2, reminder.next_at);
    assert_eq!(owner, None, "the device's subscription belongs to nobody");
    assert_eq!(secret_hash.len(), 64, "a SHA-256 hash");
    assert!(!secret_hash.contains(&reminder.secret));
    assert!(reminder.secret.len() >= 43, "256 random bits");
}

async fn a_signed_in_reminder_is_theirs_follows_their_quiet_hours_and_goes_with_erasure(
    app: TestApp,
) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let token = Some(young_person.access_token.as_str());
    // Their quiet hours (21:00-07:00 until they change them) decide.
    let night = reminder_body("yp-phone", "22:00", "Europe/London");
    let mut insisting = night.clone();
    insisting["allow_night"] = json!(true);
    for body in [&night, &insisting] {
        let response = app.post_json("/api/v1/reminders", token, body).await;
        let problem = assert_problem(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(problem["errors"][0]["code"], "in_quiet_hours");
    }
    set_quiet_hours(&app, &young_person, json!(null)).await;
    let reminder = register_with(&app, &night, token).await;
    let owner: Option<String> = with_conn(&app, |conn| {
        push_subscriptions::table
            .select(push_subscriptions::user_id)
            .first(conn)
            .unwrap()
    });
    assert_eq!(owner.as_deref(), Some(young_person.user_id.as_str()));
    let export = app.get_json("/api/v1/me/export", &young_person).await;
    let listed = &export["push_subscriptions"][0]["reminder"];
    assert_eq!(listed["id"], reminder.id.as_str());
    assert_eq!(listed["time"], "22:00");
    assert_eq!(listed["time_zone"], "Europe/London");
    assert!(listed.get("secret").is_none() && !export.to_string().contains(&reminder.secret));

    // Quiet again: the night-time reminder is skipped, not delayed.
    next_due(&app, &reminder, at((2026, 1, 12), 22, 0));
    assert_eq!(run_job(&app, at((2026, 1, 12), 22, 0)), 1);
    set_quiet_hours(
        &app,
        &young_person,
        json!({"start": "21:00", "end": "07:00"}),
    )
    .await;
    assert_eq!(run_job(&app, at((2026, 1, 13), 22, 0)), 0);
    assert_eq!(stored_next_due(&app, &reminder), at((2026, 1, 14), 22, 0));
    assert_eq!(due_times(&app), [at((2026, 1, 12), 22, 0)]);

    // A sign-in that no longer works is refused, not read as "no account".
    let response = app
        .post_json(
            "/api/v1/reminders",
            Some("not-a-token"),
            &reminder_body("other", "17:00", "Europe/London"),
        )
        .await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;

    let response = app
        .send_json(
            reqwest::Method::DELETE,
            "/api/v1/me",
            token,
            &json!({"confirm": true}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(reminder_count(&app), (0, 0), "erasure takes the reminder");
    assert_eq!(queued(&app), []);
}

async fn set_quiet_hours(app: &TestApp, who: &Session, quiet_hours: Value) {
    let response = app
        .put_json(
            "/api/v1/me/notification-settings",
            Some(&who.access_token),
            &json!({"time_zone": "Europe/London", "quiet_hours": quiet_hours}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

async fn deleting_a_subscription_deletes_its_reminder(app: TestApp) {
    // By its owner.
    let (_, _, young_person) = app.worker_with_young_person().await;
    let token = Some(young_person.access_token.as_str());
    register_with(
        &app,
        &reminder_body("yp-phone", "17:00", "Europe/London"),
        token,
    )
    .await;
    let subscription: String = with_conn(&app, |conn| {
        push_subscriptions::table
            .select(push_subscriptions::id)
            .first(conn)
            .unwrap()
    });
    let response = app
        .delete(&format!("/api/v1/push/subscriptions/{subscription}"), token)
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(reminder_count(&app), (0, 0));

    // By the sender, when the push service says the device is gone.
    let anonymous = register(&app, "gone", "17:00", "Europe/London").await;
    next_due(&app, &anonymous, at((2026, 1, 12), 17, 0));
    assert_eq!(run_job(&app, at((2026, 1, 12), 17, 0)), 1);
    let gone: String = with_conn(&app, |conn| {
        push_subscriptions::table
            .select(push_subscriptions::id)
            .first(conn)
            .unwrap()
    });
    with_conn(&app, |conn| subscription_rows::delete(conn, &gone).unwrap());
    assert_eq!(reminder_count(&app), (0, 0));
    assert_eq!(queued(&app), []);
    assert_eq!(
        run_job_every(
            &app,
            at((2026, 1, 12), 17, 0),
            at((2026, 1, 14), 17, 0),
            Duration::hours(1)
        ),
        0
    );
}

async fn registering_is_rate_limited_per_address_and_the_secret_header_passes_cors(app: TestApp) {
    let limited = TestApp::spawn_configured(app.backend, |settings| {
        settings.rate_limits = lantern_server::rate_limit::RateLimits {
            codes: 2,
            reminders: 2,
            ..generous_limits()
        };
        settings.edges = EdgeSettings {
            cors_origins: vec!["https://app.example.org".to_owned()],
            ..EdgeSettings::default()
        };
    })
    .await
    .unwrap();
    for n in 0..2 {
        register(&limited, &format!("d{n}"), "17:00", "Europe/London").await;
    }
    let response = limited
        .post_json(
            "/api/v1/reminders",
            None,
            &reminder_body("d3", "17:00", "Europe/London"),
        )
        .await;
    assert_problem(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    assert_eq!(reminder_count(&limited), (2, 2));
    // Joining has its own allowance: a class turning reminders on as it
    // joins from one school address can still join.
    let response = limited
        .post_json(
            "/api/v1/join",
            None,
            &json!({"code": "NOT-A-CODE", "display_name": "Kit"}),
        )
        .await;
    assert_ne!(
        response.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "reminders do not use up the codes allowance"
    );

    // A page of a listed origin may send the secret header.
    let preflight = limited
        .client
        .request(
            reqwest::Method::OPTIONS,
            limited.url("/api/v1/reminders/some-id"),
        )
        .header("origin", "https://app.example.org")
        .header("access-control-request-method", "PUT")
        .header(
            "access-control-request-headers",
            "content-type,lantern-reminder-secret",
        )
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success(), "{}", preflight.status());
    let allowed = preflight
        .headers()
        .get("access-control-allow-headers")
        .unwrap()
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(allowed.contains("lantern-reminder-secret"), "{allowed}");
}
