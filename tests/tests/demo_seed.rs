//! The demo seed fills a new database once and changes nothing when run
//! again, and its worker can sign in and see shared check-ins, alerts (one
//! open, one acknowledged with a note), THRIVE groupings with a change, and
//! a service with a duty contact; encouragement sent and answered; a
//! linked parent with tips in their inbox; school outcome records, the
//! directory with the demo's own drop-in, and a signpost.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use lantern_core::checkin::SelfHarmAnswer;
use lantern_core::disclosure::{Disclosure, Told};
use lantern_server::db::ids::ServiceId;
use lantern_server::db::{service_settings, services, users};
use lantern_server::seed::{
    DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_DUTY_EMAIL, DEMO_ESCALATION_MINUTES,
    DEMO_GROUP_WORKER_EMAIL, DEMO_GROUP_WORKER_PASSWORD, DEMO_LEAD_EMAIL, DEMO_LEAD_PASSWORD,
    DEMO_PARENT_EMAIL, DEMO_PARENT_PASSWORD, DEMO_SERVICE, DEMO_WORKER_EMAIL, DEMO_WORKER_PASSWORD,
    seed_demo,
};
use lantern_tests::{Session, StatusCode, TestApp, on_both_backends};
use serde_json::{Value, json};

on_both_backends!(
    the_demo_is_seeded_once_and_explorable,
    the_demo_lead_sees_a_report_with_numbers_and_groups_to_choose,
    the_demo_admin_keeps_the_services_own_places
);

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

    // Alerts: one open, one acknowledged with a note, each summarised as the
    // sync path summarises a disclosure (the answer only).
    let open_alerts = app.get_json("/api/v1/alerts", &worker).await;
    assert_eq!(open_alerts["alerts"].as_array().unwrap().len(), 1);
    let alerts = app.get_json("/api/v1/alerts?status=all", &worker).await;
    let alerts = alerts["alerts"].as_array().unwrap();
    assert_eq!(alerts.len(), 2, "{alerts:?}");
    let open: Vec<_> = alerts
        .iter()
        .filter(|a| a["acknowledged_at"].is_null())
        .collect();
    assert_eq!(open.len(), 1, "one alert waits: {alerts:?}");
    assert_eq!(open[0]["display_name"], "Jay");
    let measures = lantern_core::measures::catalogue().unwrap();
    let said = |answer| {
        Disclosure {
            id: lantern_core::RecordId::generate(0, [0; 10]),
            recorded_at: chrono::Utc::now().fixed_offset(),
            told: Told::SelfHarmQuestion { answer },
        }
        .describe(measures)
    };
    assert_eq!(open[0]["summary"], said(SelfHarmAnswer::ALittle));
    let done = alerts
        .iter()
        .find(|a| a["acknowledged_at"].is_string())
        .unwrap();
    assert_eq!(done["display_name"], "Alex");
    assert_eq!(done["summary"], said(SelfHarmAnswer::Yes));
    assert!(
        done["acknowledgement_note"]
            .as_str()
            .is_some_and(|note| note.contains("safety plan")),
        "{done}"
    );

    // THRIVE: every young person has a grouping agreed, changed once.
    for person in people {
        let path = format!(
            "/api/v1/young-people/{}/thrive",
            person["id"].as_str().unwrap()
        );
        let thrive = app.get_json(&path, &worker).await;
        let history = thrive["history"].as_array().unwrap();
        assert_eq!(history.len(), 2, "{thrive}");
        assert_ne!(history[0]["grouping"], history[1]["grouping"], "{thrive}");
        assert_eq!(thrive["current"], history[0]["grouping"]);
    }

    // School: two terms recorded for every young person, newest first.
    for person in people {
        let path = format!(
            "/api/v1/young-people/{}/outcome-records",
            person["id"].as_str().unwrap()
        );
        let records = app.get_json(&path, &worker).await;
        let terms: Vec<&str> = records["outcome_records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["term"].as_str().unwrap())
            .collect();
        assert_eq!(terms, ["2026-summer", "2026-spring"], "{records}");
    }

    // The directory: the national services and the demo's own drop-in;
    // Sky was pointed to Shout, as a message.
    let directory = app.get_json("/api/v1/directory", &worker).await;
    let entries = directory["services"].as_array().unwrap();
    assert_eq!(entries.iter().filter(|s| s["national"] == true).count(), 5);
    assert!(
        entries
            .iter()
            .any(|s| s["name"] == "Riverside Drop-in (demo)" && s["national"] == false)
    );
    {
        let mut conn = app.pool.get().unwrap();
        let sky_id = lantern_server::db::ids::UserId(sky["id"].as_str().unwrap().to_owned());
        let signposts =
            lantern_server::db::signposts::for_young_person(&mut conn, &sky_id).unwrap();
        assert_eq!(signposts.len(), 1);
        assert_eq!(signposts[0].0.directory_service_id, "shout");
    }

    // The service has a duty contact (a worker of the demo service) and its
    // own escalation time.
    let mut conn = app.pool.get().unwrap();
    let service = services::find_by_name(&mut conn, DEMO_SERVICE)
        .unwrap()
        .unwrap();
    let settings = service_settings::get(&mut conn, &ServiceId(service.id.clone())).unwrap();
    assert_eq!(settings.alert_escalation_minutes, DEMO_ESCALATION_MINUTES);
    let duty = users::find(&mut conn, &settings.duty_contact().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(duty.email.as_deref(), Some(DEMO_DUTY_EMAIL));
    assert_eq!(duty.service().as_str(), service.id);
    drop(conn);

    // Encouragement: what Sky was sent, one answered with a heart, and one
    // for tomorrow the worker can still take back.
    let sent_path = format!(
        "/api/v1/encouragements?young_person_id={}",
        sky["id"].as_str().unwrap()
    );
    let sent = app.get_json(&sent_path, &worker).await;
    let messages = sent["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 3, "{sent}");
    assert!(messages.iter().any(|m| m["reply"]["reply"] == "heart"));
    assert!(messages.iter().any(|m| m["shown"] == false));

    // A parent linked to Sky signs in and finds tips in their inbox, and
    // nothing of Sky's.
    let login = json!({"email": DEMO_PARENT_EMAIL, "password": DEMO_PARENT_PASSWORD});
    let response = app.post_json("/api/v1/auth/login", None, &login).await;
    assert_eq!(response.status(), StatusCode::OK);
    let parent = Session::from_json(&response.json().await.unwrap());
    let tips = app.get_json("/api/v1/parent/tips", &parent).await;
    assert_eq!(tips["items"].as_array().unwrap().len(), 2, "{tips}");
    let preferences = app
        .get_json("/api/v1/parent/tip-preferences", &parent)
        .await;
    assert!(preferences["next_at"].is_string(), "{preferences}");
}

/// The demo's group worker has a cohort of twenty in two school groups,
/// and its lead sees a report with real numbers: enough young people share
/// each thing that the small-number rule leaves the figures shown.
async fn the_demo_lead_sees_a_report_with_numbers_and_groups_to_choose(app: TestApp) {
    use diesel::prelude::*;
    use lantern_server::db::schema::{group_attendance, group_members, support_groups};
    {
        let mut conn = app.pool.get().unwrap();
        assert!(seed_demo(&mut conn).unwrap());
        assert!(!seed_demo(&mut conn).unwrap(), "second run changes nothing");
    }
    let sign_in = |email: &str, password: &str| {
        let login = json!({"email": email, "password": password});
        let app = &app;
        async move {
            let response = app.post_json("/api/v1/auth/login", None, &login).await;
            assert_eq!(response.status(), StatusCode::OK);
            Session::from_json(&response.json().await.unwrap())
        }
    };
    let groups_worker = sign_in(DEMO_GROUP_WORKER_EMAIL, DEMO_GROUP_WORKER_PASSWORD).await;
    let caseload = app.get_json("/api/v1/caseload", &groups_worker).await;
    assert_eq!(caseload["young_people"].as_array().unwrap().len(), 20);

    let mut conn = app.pool.get().unwrap();
    let sizes: Vec<i64> = support_groups::table
        .order(support_groups::name.asc())
        .select(support_groups::id)
        .load::<String>(&mut conn)
        .unwrap()
        .iter()
        .map(|group| {
            group_members::table
                .filter(group_members::group_id.eq(group))
                .count()
                .get_result(&mut conn)
                .unwrap()
        })
        .collect();
    assert_eq!(
        sizes,
        [8, 11],
        "Calm Club, then Year 8 Resilience; at most 16"
    );
    let taken: i64 = group_attendance::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert!(taken >= 8 * 4, "attendance taken each session: {taken}");
    drop(conn);

    let lead = sign_in(DEMO_LEAD_EMAIL, DEMO_LEAD_PASSWORD).await;
    let today = chrono::Utc::now().date_naive();
    let from = (today - chrono::Duration::days(120)).format("%Y-%m");
    let to = today.format("%Y-%m");
    let report = app
        .get_json(
            &format!("/api/v1/reports/outcomes?from={from}&to={to}"),
            &lead,
        )
        .await;
    let table = |id: &str| {
        report["tables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()["rows"]
            .clone()
    };
    assert!(table("activity")[0][1].as_i64().unwrap() >= 16, "{report}");
    for row in table("wheel").as_array().unwrap() {
        assert!(row[4].is_number(), "wheel change shown: {row}");
    }
    assert!(table("goals")[0][2].is_number(), "goal change shown");
    assert!(table("alerts")[3][1].is_number(), "median time shown");
    assert!(
        table("school")[0][2].is_number(),
        "attendance before support shown"
    );
    assert!(
        table("school")[1][2].is_number(),
        "attendance during support shown"
    );
    let filters = app.get_json("/api/v1/reports/filters", &lead).await;
    assert_eq!(filters["schools"].as_array().unwrap().len(), 2);
}

async fn the_demo_admin_keeps_the_services_own_places(app: TestApp) {
    {
        let mut conn = app.pool.get().unwrap();
        assert!(seed_demo(&mut conn).unwrap());
    }
    let login = json!({"email": DEMO_ADMIN_EMAIL, "password": DEMO_ADMIN_PASSWORD});
    let response = app.post_json("/api/v1/auth/login", None, &login).await;
    assert_eq!(response.status(), StatusCode::OK);
    let admin = Session::from_json(&response.json().await.unwrap());
    let directory = app.get_json("/api/v1/directory", &admin).await;
    let own: Vec<&Value> = directory["services"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["national"] == false)
        .collect();
    assert_eq!(own.len(), 1, "the demo's drop-in: {directory}");
    let removed = app
        .delete(
            &format!("/api/v1/admin/directory/{}", own[0]["id"].as_str().unwrap()),
            Some(&admin.access_token),
        )
        .await;
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
}
