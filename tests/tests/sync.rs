//! Sync batches: validated by the core, idempotent, consent-checked per
//! record, stored whole or not at all.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use lantern_core::sync::MAX_RECORDS_PER_BATCH;
use lantern_core::sync::build_sync_batch;
use lantern_tests::{
    StatusCode, TestApp, assert_problem, batch_for, check_in, grants_from, on_both_backends,
};
use serde_json::{Value, json};

on_both_backends!(
    the_same_batch_twice_stores_each_check_in_once,
    an_invalid_record_refuses_the_whole_batch_naming_the_field,
    records_needing_unshared_scopes_are_refused_one_by_one,
    a_deleted_check_in_is_forgotten_and_not_stored_again,
    only_young_people_sync,
    contexts_and_sleep_are_stored_and_shown_only_while_shared,
    oversized_and_malformed_batches_are_refused_clearly,
);

async fn the_same_batch_twice_stores_each_check_in_once(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let grants = grants_from(&app.set_consent(&young_person, "mood", true, false).await);
    let batch = batch_for(&[check_in(3, 0, None), check_in(4, 0, None)], &grants);

    let first: Value = app.sync(&young_person, &batch).await.json().await.unwrap();
    let second: Value = app.sync(&young_person, &batch).await.json().await.unwrap();
    assert_eq!(first["stored"].as_array().unwrap().len(), 2);
    assert_eq!(first, second, "a repeat gets the same answer");
    assert_eq!(app.check_in_count(&young_person), 2);
}

async fn an_invalid_record_refuses_the_whole_batch_naming_the_field(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let grants = grants_from(&app.set_consent(&young_person, "mood", true, true).await);
    let good = batch_for(&[check_in(3, 0, None)], &grants)["records"][0].clone();

    let cases = [
        (
            "mood",
            json!(7),
            "records[1].check_in.mood",
            "mood_out_of_range",
        ),
        (
            "feelings",
            json!([{"feeling": "grumpy", "intensity": 1}]),
            "records[1].check_in.feelings[0].feeling",
            "unknown_feeling",
        ),
        (
            "note",
            json!("x".repeat(501)),
            "records[1].check_in.note",
            "note_too_long",
        ),
    ];
    for (field, value, path, code) in cases {
        let mut bad = batch_for(&[check_in(3, 0, None)], &grants)["records"][0].clone();
        bad["check_in"][field] = value;
        let response = app
            .sync(
                &young_person,
                &json!({"version": 1, "records": [good, bad]}),
            )
            .await;
        let body = assert_problem(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(body["errors"][0]["field"], path);
        assert_eq!(body["errors"][0]["code"], code);
        assert!(!body["errors"][0]["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(
        app.check_in_count(&young_person),
        0,
        "nothing of a refused batch is stored"
    );
}

async fn records_needing_unshared_scopes_are_refused_one_by_one(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let mood_only = grants_from(&app.set_consent(&young_person, "mood", true, true).await);
    // The device believes notes are shared too; the server knows better.
    let mut device_grants = mood_only.clone();
    device_grants.push(lantern_core::ConsentGrant {
        scope: lantern_core::ConsentScope::Notes,
        ..mood_only[0].clone()
    });
    let with_note = check_in(2, 0, Some("my note"));
    let plain = check_in(4, 0, None);
    let batch = build_sync_batch(&[with_note.clone(), plain.clone()], &[], &device_grants);

    let outcome: Value = app
        .sync(&young_person, &serde_json::to_value(batch).unwrap())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(outcome["stored"], json!([plain.id.as_str()]));
    assert_eq!(outcome["refused"][0]["id"], with_note.id.as_str());
    assert_eq!(outcome["refused"][0]["code"], "scope_not_shared");
    assert_eq!(app.check_in_count(&young_person), 1);

    // Before a "from now on" grant, nothing is covered.
    app.set_consent(&young_person, "mood", false, false).await;
    let later = grants_from(&app.set_consent(&young_person, "mood", true, false).await);
    let old = check_in(3, 60, None);
    let pretend = [lantern_core::ConsentGrant {
        include_past: true,
        ..later[0].clone()
    }];
    let outcome: Value = app
        .sync(&young_person, &batch_for(&[old], &pretend))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(outcome["refused"][0]["code"], "scope_not_shared");
}

async fn a_deleted_check_in_is_forgotten_and_not_stored_again(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let grants = grants_from(&app.set_consent(&young_person, "mood", true, false).await);
    let mine = check_in(3, 0, None);
    let upsert = batch_for(std::slice::from_ref(&mine), &grants);
    app.sync(&young_person, &upsert).await;
    assert_eq!(app.check_in_count(&young_person), 1);

    let delete = serde_json::to_value(build_sync_batch(
        &[],
        std::slice::from_ref(&mine.id),
        &grants,
    ))
    .unwrap();
    let outcome: Value = app.sync(&young_person, &delete).await.json().await.unwrap();
    assert_eq!(outcome["deleted"], json!([mine.id.as_str()]));
    assert_eq!(app.check_in_count(&young_person), 0);

    let outcome: Value = app.sync(&young_person, &upsert).await.json().await.unwrap();
    assert_eq!(outcome["refused"][0]["code"], "already_deleted");
    assert_eq!(app.check_in_count(&young_person), 0);
    // Deleting again is harmless.
    assert_eq!(
        app.sync(&young_person, &delete).await.status(),
        StatusCode::OK
    );
}

async fn only_young_people_sync(app: TestApp) {
    let (_, worker, _) = app.worker_with_young_person().await;
    let response = app
        .sync(&worker, &json!({"version": 1, "records": []}))
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
}

async fn oversized_and_malformed_batches_are_refused_clearly(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let grants = grants_from(&app.set_consent(&young_person, "mood", true, false).await);
    let many: Vec<_> = (0..=MAX_RECORDS_PER_BATCH)
        .map(|_| check_in(3, 0, None))
        .collect();
    let response = app.sync(&young_person, &batch_for(&many, &grants)).await;
    let body = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["code"], "too_many_records");

    let response = app
        .client
        .post(app.url("/api/v1/sync"))
        .bearer_auth(&young_person.access_token)
        .body("{not json")
        .send()
        .await
        .unwrap();
    let body = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["code"], "invalid_json");

    let response = app
        .client
        .post(app.url("/api/v1/sync"))
        .bearer_auth(&young_person.access_token)
        .body(vec![b' '; 400 * 1024])
        .send()
        .await
        .unwrap();
    assert_problem(response, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
    assert_eq!(app.check_in_count(&young_person), 0);
}

async fn contexts_and_sleep_are_stored_and_shown_only_while_shared(app: TestApp) {
    use lantern_core::checkin::{Context, Sleep, SleepQuality};
    let (_, worker, young_person) = app.worker_with_young_person().await;
    app.set_consent(&young_person, "mood", true, true).await;
    let grants = grants_from(
        &app.set_consent(&young_person, "contexts_and_sleep", true, true)
            .await,
    );
    let mut mine = check_in(2, 0, None);
    mine.contexts = vec![Context::Exams, Context::Friends];
    mine.sleep = Some(Sleep {
        minutes: 390,
        quality: SleepQuality::Badly,
    });
    let outcome: Value = app
        .sync(
            &young_person,
            &batch_for(std::slice::from_ref(&mine), &grants),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(outcome["stored"], json!([mine.id.as_str()]));

    let path = format!("/api/v1/young-people/{}/check-ins", young_person.user_id);
    let seen: Value = app
        .get(&path, Some(&worker.access_token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        seen["check_ins"][0]["contexts"],
        json!(["exams", "friends"])
    );
    assert_eq!(
        seen["check_ins"][0]["sleep"],
        json!({"minutes": 390, "quality": "badly"})
    );

    app.set_consent(&young_person, "contexts_and_sleep", false, false)
        .await;
    let seen: Value = app
        .get(&path, Some(&worker.access_token))
        .await
        .json()
        .await
        .unwrap();
    assert!(seen["check_ins"][0].get("contexts").is_none());
    assert!(seen["check_ins"][0].get("sleep").is_none());
    assert_eq!(seen["check_ins"][0]["mood"], 2);
}
