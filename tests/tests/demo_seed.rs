//! The demo seed fills a new database once and changes nothing when run
//! again, and its worker can sign in and see shared check-ins.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use lantern_server::seed::{DEMO_WORKER_EMAIL, DEMO_WORKER_PASSWORD, seed_demo};
use lantern_tests::{Session, StatusCode, TestApp, on_both_backends};
use serde_json::{Value, json};

on_both_backends!(the_demo_is_seeded_once_and_explorable);

async fn the_demo_is_seeded_once_and_explorable(app: TestApp) {
    {
        let mut conn = app.pool.get().unwrap();
        assert!(seed_demo(&mut conn).unwrap(), "first run adds the demo");
        assert!(!seed_demo(&mut conn).unwrap(), "second run changes nothing");
    }
    let login = json!({"email": DEMO_WORKER_EMAIL, "password": DEMO_WORKER_PASSWORD});
    let response = app.post_json("/api/v1/auth/login", None, &login).await;
    assert_eq!(response.status(), StatusCode::OK);
    let worker = Session::from_json(&response.json().await.unwrap());

    let caseload: Value = app
        .get("/api/v1/caseload", Some(&worker.access_token))
        .await
        .json()
        .await
        .unwrap();
    let people = caseload["young_people"].as_array().unwrap();
    assert_eq!(people.len(), 4, "no duplicates after the second run");
    let sharing: Vec<_> = people
        .iter()
        .filter(|p| p["last_check_in_at"].is_string())
        .collect();
    assert!(sharing.len() >= 2, "some young people share their mood");

    let sky = people.iter().find(|p| p["display_name"] == "Sky").unwrap();
    let path = format!(
        "/api/v1/young-people/{}/check-ins",
        sky["id"].as_str().unwrap()
    );
    let list: Value = app
        .get(&path, Some(&worker.access_token))
        .await
        .json()
        .await
        .unwrap();
    let check_ins = list["check_ins"].as_array().unwrap();
    assert!(
        check_ins.len() >= 20,
        "several weeks of check-ins, got {}",
        check_ins.len()
    );
    assert!(check_ins[0]["feelings"].is_array(), "Sky shares feelings");

    let robin = people
        .iter()
        .find(|p| p["display_name"] == "Robin")
        .unwrap();
    let path = format!(
        "/api/v1/young-people/{}/check-ins",
        robin["id"].as_str().unwrap()
    );
    assert_eq!(
        app.get(&path, Some(&worker.access_token)).await.status(),
        StatusCode::FORBIDDEN
    );
}
