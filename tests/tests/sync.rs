//! Sync batches: validated by the core, idempotent, consent-checked per
//! record, stored whole or not at all.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use lantern_core::sync::MAX_RECORDS_PER_BATCH;
use lantern_core::sync::{DeviceData, RecordKind, Tombstone, build_sync_batch};
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
    every_kind_of_record_is_stored_under_its_scope_and_can_be_deleted,
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
    let data = DeviceData {
        check_ins: vec![with_note.clone(), plain.clone()],
        ..DeviceData::default()
    };
    let batch = build_sync_batch(&data, &device_grants);

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

    let tombstone = Tombstone {
        kind: RecordKind::CheckIn,
        id: mine.id.clone(),
    };
    let data = DeviceData {
        deleted: vec![tombstone],
        ..DeviceData::default()
    };
    let delete = serde_json::to_value(build_sync_batch(&data, &grants)).unwrap();
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

async fn every_kind_of_record_is_stored_under_its_scope_and_can_be_deleted(app: TestApp) {
    use lantern_core::goals::{Goal, GoalRating};
    use lantern_core::measures::{Answer, MeasureResponse};
    use lantern_core::safety_plan::SafetyPlan;
    use lantern_core::usage::StrategyUse;
    use lantern_core::{ConsentGrant, ConsentScope, RecordId};

    let (_, _, young_person) = app.worker_with_young_person().await;
    app.set_consent(&young_person, "goals", true, true).await;
    let grants = grants_from(
        &app.set_consent(&young_person, "safety_plan", true, true)
            .await,
    );
    let now = chrono::Utc::now().fixed_offset();
    let id = |n: u8| RecordId::generate(now.timestamp_millis() as u64, [n; 10]);
    let goal = Goal {
        id: id(1),
        text: "Walk the dog every day".into(),
        set_at: now,
        closed_at: None,
    };
    let data = DeviceData {
        goal_ratings: vec![GoalRating {
            id: id(2),
            goal_id: goal.id.clone(),
            rated_at: now,
            progress: 3,
        }],
        goals: vec![goal.clone()],
        strategy_uses: vec![StrategyUse {
            id: id(3),
            strategy_id: "box_breathing".into(),
            used_at: now,
            feeling: None,
            before: 2,
            after: Some(4),
        }],
        measure_responses: vec![MeasureResponse {
            id: id(4),
            measure_id: "resilience_wheel".into(),
            completed_at: now,
            answers: [
                "self_esteem",
                "empathy",
                "relationships",
                "belonging",
                "trust",
                "responsibility",
                "choices",
            ]
            .into_iter()
            .map(|item| Answer {
                item_id: item.into(),
                value: 6,
            })
            .collect(),
        }],
        safety_plan: Some(SafetyPlan {
            reasons_to_keep_going: vec!["My cat".into()],
            ..SafetyPlan::new(id(5))
        }),
        ..DeviceData::default()
    };
    // The device would leave out what is not shared; send it all to check
    // the server refuses it record by record.
    let everything: Vec<_> = ConsentScope::ALL
        .into_iter()
        .map(|scope| ConsentGrant {
            scope,
            ..grants[0].clone()
        })
        .collect();
    let batch = serde_json::to_value(build_sync_batch(&data, &everything)).unwrap();
    let outcome: Value = app.sync(&young_person, &batch).await.json().await.unwrap();
    let stored: Vec<_> = outcome["stored"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        stored,
        [id(1).as_str(), id(2).as_str(), id(5).as_str()],
        "goals, rating, plan"
    );
    let refused: Vec<_> = outcome["refused"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    assert_eq!(refused, ["Not shared: strategy_use.", "Not shared: wheel."]);
    let again: Value = app.sync(&young_person, &batch).await.json().await.unwrap();
    assert_eq!(again, outcome, "idempotent");

    let delete = DeviceData {
        deleted: vec![Tombstone {
            kind: RecordKind::Goal,
            id: goal.id.clone(),
        }],
        ..DeviceData::default()
    };
    let delete = serde_json::to_value(build_sync_batch(&delete, &grants)).unwrap();
    let outcome: Value = app.sync(&young_person, &delete).await.json().await.unwrap();
    assert_eq!(outcome["deleted"], json!([goal.id.as_str()]));
    let outcome: Value = app.sync(&young_person, &batch).await.json().await.unwrap();
    let goal_refusal = outcome["refused"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == goal.id.as_str())
        .unwrap();
    assert_eq!(
        goal_refusal["code"], "already_deleted",
        "a deleted goal stays deleted"
    );
}
