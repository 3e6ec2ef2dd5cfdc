//! Encouragement from workers: a worker sends a message from the service's
//! templates or in their own words, to one young person on their caseload
//! or a group (all or none), now or later; the young person sees it at its
//! time, in their inbox and by push, and answers with one tap; the worker
//! sees the answer. Every send is audited and told to the young person in
//! plain words, a day's messages are limited, and nothing is left when a
//! young person's account goes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use chrono::{Duration, Utc};
use diesel::prelude::*;
use lantern_server::db::schema::{
    encouragement_templates, encouragements, notifications, push_outbox,
};
use lantern_server::db::services;
use lantern_server::db::users::Role;
use lantern_tests::{
    Session, StatusCode, TestApp, Worker, assert_problem, browser_subscription, on_both_backends,
};
use serde_json::{Value, json};

on_both_backends!(
    a_worker_sends_from_a_template_and_in_their_own_words,
    a_message_to_a_group_reaches_everyone_or_nobody,
    a_young_person_not_on_the_caseload_is_not_found_and_the_attempt_audited,
    a_message_for_later_is_hidden_until_its_time_then_shown,
    a_message_for_later_can_be_taken_back_until_it_shows,
    bad_messages_are_refused_naming_the_field_and_nothing_is_stored,
    a_sixth_message_in_a_day_is_refused_and_nothing_is_stored,
    the_young_person_answers_with_one_tap_and_the_worker_sees_it,
    only_admins_edit_templates_and_a_retired_one_cannot_be_used,
    a_service_made_without_templates_gets_the_shipped_ones_on_first_use,
    every_send_is_audited_and_told_to_the_young_person_in_plain_words,
    a_subscribed_young_person_gets_a_push_that_carries_no_words,
    the_export_holds_messages_and_replies,
    erasing_a_young_person_leaves_none_of_their_messages,
    erasing_a_worker_keeps_shown_messages_and_withdraws_the_rest,
    ending_an_assignment_withdraws_messages_not_yet_shown,
);

const MESSAGES: &str = "/api/v1/encouragements";
const MINE: &str = "/api/v1/me/encouragements";

fn db<T>(app: &TestApp, work: impl FnOnce(&mut lantern_server::db::AnyConnection) -> T) -> T {
    let mut conn = app.pool.get().unwrap();
    work(&mut conn)
}

fn stored_messages(app: &TestApp) -> i64 {
    db(app, |conn| {
        encouragements::table.count().get_result(conn).unwrap()
    })
}

/// Another young person on the same worker's caseload.
async fn another_young_person(app: &TestApp, worker: &Session, name: &str) -> Session {
    let code = app.create_invite(worker).await;
    app.join(&code, name).await
}

async fn send(app: &TestApp, worker: &Session, body: &Value) -> reqwest::Response {
    app.post_json(MESSAGES, Some(&worker.access_token), body)
        .await
}

/// Sends `text` to `young_person` now and returns the message's id.
async fn send_text(app: &TestApp, worker: &Session, young_person: &Session, text: &str) -> String {
    let response = send(
        app,
        worker,
        &json!({"young_person_ids": [young_person.user_id], "text": text}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    body["messages"][0]["id"].as_str().unwrap().to_owned()
}

async fn templates(app: &TestApp, session: &Session) -> Vec<Value> {
    app.get_json("/api/v1/encouragement-templates", session)
        .await["templates"]
        .as_array()
        .unwrap()
        .clone()
}

async fn admin_of(app: &TestApp, worker: &Worker) -> Session {
    let admin = app.create_staff(&worker.service, Role::Admin);
    app.log_in(&admin).await
}

/// Moves a message's time to show into the past, as if the time had come.
fn let_time_pass(app: &TestApp, message: &str) {
    let past = Utc::now().naive_utc() - Duration::minutes(1);
    db(app, |conn| {
        diesel::update(encouragements::table.find(message))
            .set(encouragements::deliver_at.eq(past))
            .execute(conn)
            .unwrap();
        diesel::update(notifications::table.filter(notifications::subject_id.eq(message)))
            .set(notifications::visible_at.eq(past))
            .execute(conn)
            .unwrap();
    });
}

async fn my_messages(app: &TestApp, young_person: &Session) -> Vec<Value> {
    app.get_json(MINE, young_person).await["messages"]
        .as_array()
        .unwrap()
        .clone()
}

async fn inbox_kinds(app: &TestApp, session: &Session) -> Vec<(String, String)> {
    app.get_json("/api/v1/me/notifications", session).await["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            (
                item["kind"].as_str().unwrap().to_owned(),
                item["subject_id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn a_worker_sends_from_a_template_and_in_their_own_words(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let list = templates(&app, &worker).await;
    assert!(list.len() >= 20, "the shipped messages are there");
    let template = &list[0];
    let response = send(
        &app,
        &worker,
        &json!({"young_person_ids": [young_person.user_id], "template_id": template["id"]}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let sent: Value = response.json().await.unwrap();
    let first = &sent["messages"][0];
    assert_eq!(first["text"], template["text"]);
    assert_eq!(first["template_id"], template["id"]);
    assert_eq!(first["young_person_id"], young_person.user_id.as_str());
    assert_eq!(first["display_name"], "Sky");
    assert_eq!(first["shown"], true);

    send_text(
        &app,
        &worker,
        &young_person,
        "  Great to see you at group today!  ",
    )
    .await;
    let mine = my_messages(&app, &young_person).await;
    assert_eq!(mine.len(), 2);
    assert_eq!(
        mine[0]["text"], "Great to see you at group today!",
        "trimmed"
    );
    assert_eq!(mine[0]["from"], "Test Worker");
    assert_eq!(mine[1]["text"], template["text"]);
    let offered: Vec<Value> = app.get_json(MINE, &young_person).await["replies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reply"].clone())
        .collect();
    assert_eq!(offered, ["heart", "thumbs_up", "thanks", "smile"]);

    // Each is in the young person's inbox as an encouragement.
    let inbox = inbox_kinds(&app, &young_person).await;
    for message in &mine {
        let id = message["id"].as_str().unwrap().to_owned();
        assert!(inbox.contains(&("encouragement".to_owned(), id)));
    }
}

async fn a_message_to_a_group_reaches_everyone_or_nobody(app: TestApp) {
    let (_, worker, sky) = app.worker_with_young_person().await;
    let jay = another_young_person(&app, &worker, "Jay").await;
    let (_, _, elsewhere) = app.worker_with_young_person().await;

    // One of three is not on the caseload: nobody gets anything.
    let response = send(
        &app,
        &worker,
        &json!({"young_person_ids": [sky.user_id, jay.user_id, elsewhere.user_id],
                "text": "Well done this week, everyone."}),
    )
    .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(stored_messages(&app), 0);
    assert!(my_messages(&app, &sky).await.is_empty());
    assert!(inbox_kinds(&app, &jay).await.is_empty());

    // All on the caseload (a repeated id counts once): one each.
    let response = send(
        &app,
        &worker,
        &json!({"young_person_ids": [sky.user_id, jay.user_id, sky.user_id],
                "text": "Well done this week, everyone."}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let sent: Value = response.json().await.unwrap();
    assert_eq!(sent["messages"].as_array().unwrap().len(), 2);
    for young_person in [&sky, &jay] {
        let mine = my_messages(&app, young_person).await;
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0]["text"], "Well done this week, everyone.");
    }
    assert!(
        my_messages(&app, &elsewhere).await.is_empty(),
        "nothing reached the young person elsewhere"
    );
}

async fn a_young_person_not_on_the_caseload_is_not_found_and_the_attempt_audited(app: TestApp) {
    let (worker, _, young_person) = app.worker_with_young_person().await;
    let colleague = app.create_colleague(&worker);
    let colleague = app.log_in(&colleague).await;
    let response = send(
        &app,
        &colleague,
        &json!({"young_person_ids": [young_person.user_id], "text": "Hello!"}),
    )
    .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(stored_messages(&app), 0);
    let trail = app.audit_trail(&young_person);
    assert_eq!(
        trail[0],
        (
            "send_encouragement".to_owned(),
            "refused".to_owned(),
            Some("not_assigned".to_owned())
        )
    );
    // Nor can they list what was sent to someone not theirs.
    let response = app
        .get(
            &format!("{MESSAGES}?young_person_id={}", young_person.user_id),
            Some(&colleague.access_token),
        )
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    // A young person can't send one at all.
    let response = send(
        &app,
        &young_person,
        &json!({"young_person_ids": [young_person.user_id], "text": "Hello!"}),
    )
    .await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
}

async fn a_message_for_later_is_hidden_until_its_time_then_shown(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let later = Utc::now() + Duration::hours(3);
    let response = send(
        &app,
        &worker,
        &json!({"young_person_ids": [young_person.user_id], "text": "Good luck tomorrow!",
                "send_at": later.to_rfc3339()}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let sent: Value = response.json().await.unwrap();
    let message = &sent["messages"][0];
    assert_eq!(message["shown"], false);
    let id = message["id"].as_str().unwrap().to_owned();

    assert!(my_messages(&app, &young_person).await.is_empty());
    assert!(inbox_kinds(&app, &young_person).await.is_empty());
    let response = app
        .put_json(
            &format!("{MINE}/{id}/reply"),
            Some(&young_person.access_token),
            &json!({"reply": "heart"}),
        )
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    // The worker sees it waiting.
    let sent = app.get_json(MESSAGES, &worker).await;
    assert_eq!(sent["messages"][0]["id"], id.as_str());
    assert_eq!(sent["messages"][0]["shown"], false);

    let_time_pass(&app, &id);
    let mine = my_messages(&app, &young_person).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["text"], "Good luck tomorrow!");
    assert_eq!(
        inbox_kinds(&app, &young_person).await,
        [("encouragement".to_owned(), id.clone())]
    );
}

async fn a_message_for_later_can_be_taken_back_until_it_shows(app: TestApp) {
    let (worker_account, worker, young_person) = app.worker_with_young_person().await;
    subscribe(&app, &young_person).await;
    let later = (Utc::now() + Duration::days(2)).to_rfc3339();
    let schedule = |text: &'static str| json!({"young_person_ids": [young_person.user_id], "text": text, "send_at": later});
    let response = send(&app, &worker, &schedule("See you Thursday!")).await;
    let sent: Value = response.json().await.unwrap();
    let id = sent["messages"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(pushes(&app), 1);

    // Only its own worker can take it back.
    let colleague = app.create_colleague(&worker_account);
    let colleague = app.log_in(&colleague).await;
    let path = format!("{MESSAGES}/{id}");
    let response = app.delete(&path, Some(&colleague.access_token)).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = app.delete(&path, Some(&worker.access_token)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(stored_messages(&app), 0);
    assert_eq!(pushes(&app), 0, "its queued push went with it");
    assert!(inbox_kinds(&app, &young_person).await.is_empty());
    let_time_pass(&app, &id);
    assert!(my_messages(&app, &young_person).await.is_empty());
    let response = app.delete(&path, Some(&worker.access_token)).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(
        app.audit_trail(&young_person)[0].0,
        "cancel_encouragement",
        "taking it back is in their log"
    );

    // Once it shows, it stays.
    let response = send(&app, &worker, &schedule("See you Friday!")).await;
    let sent: Value = response.json().await.unwrap();
    let id = sent["messages"][0]["id"].as_str().unwrap().to_owned();
    let_time_pass(&app, &id);
    let response = app
        .delete(&format!("{MESSAGES}/{id}"), Some(&worker.access_token))
        .await;
    assert_problem(response, StatusCode::CONFLICT, "already_shown").await;
    assert_eq!(my_messages(&app, &young_person).await.len(), 1);
}

async fn bad_messages_are_refused_naming_the_field_and_nothing_is_stored(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let to = json!([young_person.user_id]);
    let template = templates(&app, &worker).await[0]["id"].clone();
    let cases = [
        (
            json!({"young_person_ids": to, "text": "   "}),
            "text",
            "text_required",
        ),
        (
            json!({"young_person_ids": to, "text": "a".repeat(501)}),
            "text",
            "text_too_long",
        ),
        (json!({"young_person_ids": to}), "text", "text_or_template"),
        (
            json!({"young_person_ids": to, "text": "Hi", "template_id": template}),
            "text",
            "text_or_template",
        ),
        (
            json!({"young_person_ids": to, "text": "Hi",
                   "send_at": (Utc::now() - Duration::hours(2)).to_rfc3339()}),
            "send_at",
            "send_at_in_the_past",
        ),
        (
            json!({"young_person_ids": to, "text": "Hi",
                   "send_at": (Utc::now() + Duration::days(31)).to_rfc3339()}),
            "send_at",
            "send_at_too_far_ahead",
        ),
        (
            json!({"young_person_ids": [], "text": "Hi"}),
            "young_person_ids",
            "recipients_out_of_range",
        ),
        (
            json!({"young_person_ids": to, "template_id": "no-such-template"}),
            "template_id",
            "unknown_template",
        ),
    ];
    for (body, field, code) in cases {
        let response = send(&app, &worker, &body).await;
        let problem = assert_problem(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(problem["errors"][0]["field"], field, "{body}");
        assert_eq!(problem["errors"][0]["code"], code, "{body}");
    }
    // Exactly 500 characters is fine.
    send_text(&app, &worker, &young_person, &"b".repeat(500)).await;
    assert_eq!(stored_messages(&app), 1, "only the good one was stored");
    assert_eq!(inbox_kinds(&app, &young_person).await.len(), 1);
    // A time that is not a time at all is a malformed body.
    let response = send(
        &app,
        &worker,
        &json!({"young_person_ids": to, "text": "Hi", "send_at": "tomorrow"}),
    )
    .await;
    assert_problem(response, StatusCode::BAD_REQUEST, "bad_request").await;
    assert_eq!(stored_messages(&app), 1);
}

async fn a_sixth_message_in_a_day_is_refused_and_nothing_is_stored(app: TestApp) {
    let (_, worker, sky) = app.worker_with_young_person().await;
    let jay = another_young_person(&app, &worker, "Jay").await;
    for n in 0..5 {
        send_text(&app, &worker, &sky, &format!("Message {n}")).await;
    }
    let response = send(
        &app,
        &worker,
        &json!({"young_person_ids": [sky.user_id], "text": "One more"}),
    )
    .await;
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (23 * 3600..=24 * 3600).contains(&retry_after),
        "about a day: {retry_after}"
    );
    let problem = assert_problem(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    assert!(
        problem["detail"].as_str().unwrap().contains("5 messages"),
        "{problem}"
    );
    // A group including her is refused whole; Jay gets nothing either.
    let response = send(
        &app,
        &worker,
        &json!({"young_person_ids": [jay.user_id, sky.user_id], "text": "Hello both"}),
    )
    .await;
    assert_problem(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    assert_eq!(stored_messages(&app), 5);
    assert!(my_messages(&app, &jay).await.is_empty());
    // The limit is per young person: Jay can still hear from them.
    send_text(&app, &worker, &jay, "Hello Jay").await;
    // And the day is a rolling one: once the first is a day old, one more.
    db(&app, |conn| {
        let a_day_ago = Utc::now().naive_utc() - Duration::hours(25);
        let first: String = encouragements::table
            .filter(encouragements::text.eq("Message 0"))
            .select(encouragements::id)
            .first(conn)
            .unwrap();
        diesel::update(encouragements::table.find(first))
            .set(encouragements::created_at.eq(a_day_ago))
            .execute(conn)
            .unwrap();
    });
    send_text(&app, &worker, &sky, "One more, a day later").await;
}

async fn the_young_person_answers_with_one_tap_and_the_worker_sees_it(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let jay = another_young_person(&app, &worker, "Jay").await;
    let id = send_text(&app, &worker, &young_person, "Proud of you for asking.").await;
    let reply_path = format!("{MINE}/{id}/reply");

    let response = app
        .put_json(
            &reply_path,
            Some(&young_person.access_token),
            &json!({"reply": "I don't want these"}),
        )
        .await;
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "reply");
    assert_eq!(problem["errors"][0]["code"], "unknown_reply");
    // Only the young person it was sent to can answer it.
    for other in [&jay, &worker] {
        let response = app
            .put_json(
                &reply_path,
                Some(&other.access_token),
                &json!({"reply": "heart"}),
            )
            .await;
        assert!(matches!(response.status().as_u16(), 403 | 404));
    }
    let sent = app.get_json(MESSAGES, &worker).await;
    assert_eq!(
        sent["messages"][0]["reply"],
        Value::Null,
        "nothing stored yet"
    );
    assert!(inbox_kinds(&app, &worker).await.is_empty());

    let response = app
        .put_json(
            &reply_path,
            Some(&young_person.access_token),
            &json!({"reply": "heart"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let answered: Value = response.json().await.unwrap();
    assert_eq!(answered["reply"]["reply"], "heart");

    let sent = app
        .get_json(
            &format!("{MESSAGES}?young_person_id={}", young_person.user_id),
            &worker,
        )
        .await;
    assert_eq!(sent["messages"][0]["reply"]["reply"], "heart");
    assert_eq!(sent["messages"][0]["reply"]["words"], "Sent a heart");
    assert_eq!(
        inbox_kinds(&app, &worker).await,
        [("reply".to_owned(), id.clone())],
        "the worker is told, pointing at the message"
    );
    assert_eq!(
        app.audit_trail(&young_person)[0].0,
        "read_encouragement_replies"
    );

    // One reply per message: a new tap replaces it, without telling again.
    let response = app
        .put_json(
            &reply_path,
            Some(&young_person.access_token),
            &json!({"reply": "thanks"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let sent = app.get_json(MESSAGES, &worker).await;
    assert_eq!(sent["messages"].as_array().unwrap().len(), 1);
    assert_eq!(sent["messages"][0]["reply"]["reply"], "thanks");
    assert_eq!(inbox_kinds(&app, &worker).await.len(), 1);
    assert_eq!(
        my_messages(&app, &young_person).await[0]["reply"]["reply"],
        "thanks"
    );
}

async fn only_admins_edit_templates_and_a_retired_one_cannot_be_used(app: TestApp) {
    let (worker_account, worker, young_person) = app.worker_with_young_person().await;
    let admin = admin_of(&app, &worker_account).await;
    let path = "/api/v1/admin/encouragement-templates";

    let response = app
        .post_json(path, Some(&worker.access_token), &json!({"text": "Mine"}))
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
    let response = app
        .post_json(path, Some(&admin.access_token), &json!({"text": " "}))
        .await;
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "text");

    let before = templates(&app, &worker).await.len();
    let response = app
        .post_json(
            path,
            Some(&admin.access_token),
            &json!({"text": "  Lovely to see you at football club.  "}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let added: Value = response.json().await.unwrap();
    assert_eq!(added["text"], "Lovely to see you at football club.");
    assert_eq!(added["from_lantern"], false);
    let listed = templates(&app, &worker).await;
    assert_eq!(listed.len(), before + 1);
    assert_eq!(
        listed.last().unwrap()["id"],
        added["id"],
        "added at the end"
    );

    // Edit the words: what was sent before keeps its words.
    let id = added["id"].as_str().unwrap();
    let response = send(
        &app,
        &worker,
        &json!({"young_person_ids": [young_person.user_id], "template_id": id}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let one = format!("{path}/{id}");
    let response = app
        .patch_json(
            &one,
            Some(&worker.access_token),
            &json!({"text": "Changed"}),
        )
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
    let response = app
        .patch_json(
            &one,
            Some(&admin.access_token),
            &json!({"text": "Great to see you at football club."}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        my_messages(&app, &young_person).await[0]["text"],
        "Lovely to see you at football club."
    );

    // Retire it: workers no longer see it and cannot send it; admins still see it.
    let response = app
        .patch_json(&one, Some(&admin.access_token), &json!({"retired": true}))
        .await;
    let retired: Value = response.json().await.unwrap();
    assert_eq!(retired["retired"], true);
    assert_eq!(retired["text"], "Great to see you at football club.");
    assert!(!templates(&app, &worker).await.iter().any(|t| t["id"] == id));
    assert!(
        templates(&app, &admin)
            .await
            .iter()
            .any(|t| t["id"] == id && t["retired"] == true)
    );
    let response = send(
        &app,
        &worker,
        &json!({"young_person_ids": [young_person.user_id], "template_id": id}),
    )
    .await;
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["field"], "template_id");
    assert_eq!(problem["errors"][0]["code"], "template_retired");
    assert_eq!(stored_messages(&app), 1);

    // Another service's admin cannot touch it.
    let (other_worker, _, _) = app.worker_with_young_person().await;
    let other_admin = admin_of(&app, &other_worker).await;
    let response = app
        .patch_json(
            &one,
            Some(&other_admin.access_token),
            &json!({"retired": false}),
        )
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    // Bringing it back makes it usable again.
    let response = app
        .patch_json(&one, Some(&admin.access_token), &json!({"retired": false}))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(templates(&app, &worker).await.iter().any(|t| t["id"] == id));
}

async fn a_service_made_without_templates_gets_the_shipped_ones_on_first_use(app: TestApp) {
    // As a service made before templates existed: no rows of its own.
    let service = db(&app, |conn| {
        services::create(conn, "Older service", Utc::now().naive_utc()).unwrap()
    });
    let admin = app.create_staff(&service, Role::Admin);
    let admin = app.log_in(&admin).await;
    let count = |app: &TestApp| {
        db(app, |conn| {
            encouragement_templates::table
                .filter(encouragement_templates::service_id.eq(service.as_str()))
                .count()
                .get_result::<i64>(conn)
                .unwrap()
        })
    };
    assert_eq!(count(&app), 0);
    let listed = templates(&app, &admin).await;
    assert!(listed.len() >= 20);
    assert!(listed.iter().all(|t| t["from_lantern"] == true));
    assert_eq!(
        listed[0]["text"],
        "I noticed you've been checking in. That takes effort. Well done."
    );
    // Listing again adds nothing.
    templates(&app, &admin).await;
    assert_eq!(count(&app), listed.len() as i64);
}

async fn every_send_is_audited_and_told_to_the_young_person_in_plain_words(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    send_text(&app, &worker, &young_person, "Hello!").await;
    let later = (Utc::now() + Duration::hours(1)).to_rfc3339();
    let response = send(
        &app,
        &worker,
        &json!({"young_person_ids": [young_person.user_id], "text": "Later!", "send_at": later}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let trail = app.audit_trail(&young_person);
    let actions: Vec<(&str, &str)> = trail
        .iter()
        .map(|(action, outcome, _)| (action.as_str(), outcome.as_str()))
        .collect();
    assert!(actions.contains(&("send_encouragement", "allowed")));
    assert!(actions.contains(&("schedule_encouragement", "allowed")));
    assert!(
        trail
            .iter()
            .all(|(_, _, detail)| detail.as_deref() != Some("Hello!")),
        "the audit log never holds the words"
    );
    let log = app.get_json("/api/v1/me/audit-events", &young_person).await;
    let sentences: Vec<&str> = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["sentence"].as_str().unwrap())
        .collect();
    assert!(sentences.contains(&"Sent you a message."), "{sentences:?}");
    assert!(
        sentences.contains(&"Wrote you a message that will show later."),
        "{sentences:?}"
    );
}

async fn subscribe(app: &TestApp, session: &Session) {
    let response = app
        .post_json(
            "/api/v1/push/subscriptions",
            Some(&session.access_token),
            &browser_subscription(&session.user_id),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

fn pushes(app: &TestApp) -> i64 {
    db(app, |conn| {
        push_outbox::table.count().get_result(conn).unwrap()
    })
}

async fn a_subscribed_young_person_gets_a_push_that_carries_no_words(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    subscribe(&app, &young_person).await;
    subscribe(&app, &worker).await;
    let text = "You were brave today, Sky.";
    let id = send_text(&app, &worker, &young_person, text).await;
    let queued: Vec<(String, String, Option<String>)> = db(&app, |conn| {
        push_outbox::table
            .inner_join(
                notifications::table.on(notifications::id
                    .nullable()
                    .eq(push_outbox::notification_id)),
            )
            .filter(notifications::subject_id.eq(&id))
            .select((
                push_outbox::kind,
                push_outbox::payload,
                push_outbox::notification_id,
            ))
            .load(conn)
            .unwrap()
    });
    assert_eq!(queued.len(), 1, "one push, to the young person's browser");
    let (kind, payload, notification) = &queued[0];
    assert_eq!(kind, "encouragement");
    assert!(
        !payload.contains("brave") && !payload.contains("Sky"),
        "{payload}"
    );
    let payload: Value = serde_json::from_str(payload).unwrap();
    let mut keys: Vec<&String> = payload.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["id", "kind", "title"]);
    assert_eq!(payload["id"], notification.as_deref().unwrap());

    // Her reply pushes to the worker, with no words either.
    let response = app
        .put_json(
            &format!("{MINE}/{id}/reply"),
            Some(&young_person.access_token),
            &json!({"reply": "smile"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let kinds: Vec<(String, String)> = db(&app, |conn| {
        push_outbox::table
            .select((push_outbox::kind, push_outbox::payload))
            .load(conn)
            .unwrap()
    });
    let reply = kinds.iter().find(|(kind, _)| kind == "reply").unwrap();
    assert!(!reply.1.contains("smile"), "{}", reply.1);
}

async fn the_export_holds_messages_and_replies(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let id = send_text(&app, &worker, &young_person, "Thinking of you.").await;
    app.put_json(
        &format!("{MINE}/{id}/reply"),
        Some(&young_person.access_token),
        &json!({"reply": "thumbs_up"}),
    )
    .await;
    let later = (Utc::now() + Duration::days(1)).to_rfc3339();
    send(
        &app,
        &worker,
        &json!({"young_person_ids": [young_person.user_id], "text": "A surprise", "send_at": later}),
    )
    .await;
    let export = app.get_json("/api/v1/me/export", &young_person).await;
    let messages = export["young_person"]["encouragements"].as_array().unwrap();
    assert_eq!(
        messages.len(),
        1,
        "a message for later shows once it is due"
    );
    assert_eq!(messages[0]["text"], "Thinking of you.");
    assert_eq!(messages[0]["reply"], "thumbs_up");
    let theirs = app.get_json("/api/v1/me/export", &worker).await;
    let sent = theirs["sent_encouragements"].as_array().unwrap();
    assert_eq!(sent.len(), 2, "waiting ones too");
    assert!(
        sent.iter().all(|m| m["reply"].is_null()),
        "replies are the young person's"
    );
}

async fn erasing_a_young_person_leaves_none_of_their_messages(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let jay = another_young_person(&app, &worker, "Jay").await;
    subscribe(&app, &worker).await;
    let id = send_text(&app, &worker, &young_person, "Hello!").await;
    app.put_json(
        &format!("{MINE}/{id}/reply"),
        Some(&young_person.access_token),
        &json!({"reply": "heart"}),
    )
    .await;
    let later = (Utc::now() + Duration::days(1)).to_rfc3339();
    send(
        &app,
        &worker,
        &json!({"young_person_ids": [young_person.user_id, jay.user_id], "text": "Later", "send_at": later}),
    )
    .await;
    let jays = send_text(&app, &worker, &jay, "Hi Jay").await;
    assert_eq!(inbox_kinds(&app, &worker).await.len(), 1, "the reply");

    let response = app
        .client
        .delete(app.url("/api/v1/me"))
        .bearer_auth(&young_person.access_token)
        .json(&json!({"confirm": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let left: Vec<(String, String)> = db(&app, |conn| {
        encouragements::table
            .select((encouragements::young_person_id, encouragements::text))
            .load(conn)
            .unwrap()
    });
    assert_eq!(left.len(), 2, "only Jay's two: {left:?}");
    assert!(left.iter().all(|(who, _)| who == &jay.user_id));
    assert!(
        inbox_kinds(&app, &worker).await.is_empty(),
        "the worker's line about her reply went too"
    );
    assert_eq!(pushes(&app), 0, "the reply's push to the worker went too");
    let sent = app.get_json(MESSAGES, &worker).await;
    let ids: Vec<&str> = sent["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["young_person_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [jay.user_id.as_str(), jay.user_id.as_str()]);
    assert!(
        my_messages(&app, &jay)
            .await
            .iter()
            .any(|m| m["id"] == jays.as_str())
    );
}

async fn erasing_a_worker_keeps_shown_messages_and_withdraws_the_rest(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    send_text(&app, &worker, &young_person, "You did well today.").await;
    let later = (Utc::now() + Duration::days(1)).to_rfc3339();
    send(
        &app,
        &worker,
        &json!({"young_person_ids": [young_person.user_id], "text": "Tomorrow's", "send_at": later}),
    )
    .await;
    let response = app
        .client
        .delete(app.url("/api/v1/me"))
        .bearer_auth(&worker.access_token)
        .json(&json!({"confirm": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let mine = my_messages(&app, &young_person).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["text"], "You did well today.");
    assert_eq!(mine[0]["from"], "Former staff member");
    assert_eq!(stored_messages(&app), 1, "the one for later was withdrawn");
    assert_eq!(inbox_kinds(&app, &young_person).await.len(), 1);
}

async fn ending_an_assignment_withdraws_messages_not_yet_shown(app: TestApp) {
    let (worker_account, worker, young_person) = app.worker_with_young_person().await;
    subscribe(&app, &young_person).await;
    send_text(&app, &worker, &young_person, "Shown already.").await;
    let later = (Utc::now() + Duration::days(1)).to_rfc3339();
    send(
        &app,
        &worker,
        &json!({"young_person_ids": [young_person.user_id], "text": "Waiting", "send_at": later}),
    )
    .await;
    assert_eq!(pushes(&app), 2);
    let admin = admin_of(&app, &worker_account).await;
    let response = app
        .delete(
            &format!(
                "/api/v1/admin/assignments/{}/{}",
                worker_account.id, young_person.user_id
            ),
            Some(&admin.access_token),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(stored_messages(&app), 1);
    assert_eq!(pushes(&app), 1, "the waiting one's push went with it");
    let mine = my_messages(&app, &young_person).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["text"], "Shown already.");
    // She can still answer it; the worker, no longer hers, is not told.
    let response = app
        .put_json(
            &format!("{MINE}/{}/reply", mine[0]["id"].as_str().unwrap()),
            Some(&young_person.access_token),
            &json!({"reply": "thanks"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(inbox_kinds(&app, &worker).await.is_empty());
    // No longer their worker: they see nothing of hers and can send nothing.
    assert!(
        app.get_json(MESSAGES, &worker).await["messages"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let response = send(
        &app,
        &worker,
        &json!({"young_person_ids": [young_person.user_id], "text": "Hello?"}),
    )
    .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
}
