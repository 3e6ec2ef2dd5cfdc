//! Issue 7, server side: school outcome records kept by assigned workers,
//! the signposting directory (national services confirmed in the research,
//! a service's own, CSV import) and signposts that reach a young person as
//! a message.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use chrono::Utc;
use lantern_server::db::ids::UserId;
use lantern_server::db::users::{self, Role};
use lantern_tests::{Session, StatusCode, TestApp, assert_problem, on_both_backends};
use serde_json::{Value, json};

on_both_backends!(
    a_bad_outcome_record_names_every_bad_field_and_stores_nothing,
    each_term_keeps_one_record_and_the_last_writer_is_named,
    only_assigned_workers_of_the_service_keep_records_and_refusals_are_audited,
    the_directory_is_filtered_by_need_and_age_and_cached_by_version,
    a_csv_import_keeps_good_rows_and_names_bad_ones_by_line,
    the_national_services_load_with_numbers_confirmed_in_the_research,
    a_signpost_arrives_as_a_message_and_in_the_list,
);

fn record(attendance: Value, count: Value, days: Value) -> Value {
    json!({
        "attendance_percent": attendance,
        "fixed_term_exclusions": {"count": count, "days": days},
        "permanent_exclusion": false,
        "part_time_timetable": true,
    })
}

fn records_path(young_person: &Session) -> String {
    format!(
        "/api/v1/young-people/{}/outcome-records",
        young_person.user_id
    )
}

async fn put_record(
    app: &TestApp,
    worker: &Session,
    young_person: &Session,
    term: &str,
    body: &Value,
) -> reqwest::Response {
    let path = format!("{}/{term}", records_path(young_person));
    app.put_json(&path, Some(&worker.access_token), body).await
}

fn fields_and_codes(problem: &Value) -> Vec<(String, String)> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
        .collect()
}

async fn a_bad_outcome_record_names_every_bad_field_and_stores_nothing(app: TestApp) {
    let (_, worker, young_person) = app.worker_with_young_person().await;
    let good = record(json!(92.5), json!(1), json!(1.5));
    let response = put_record(&app, &worker, &young_person, "2026-autumn", &good).await;
    assert_eq!(response.status(), StatusCode::OK);
    let stored = app.get_json(&records_path(&young_person), &worker).await;

    let bad = json!({
        "attendance_percent": 100.5,
        "fixed_term_exclusions": {"count": -1, "days": 1.25},
        "part_time_timetable": "yes",
    });
    let response = put_record(&app, &worker, &young_person, "2026-winter", &bad).await;
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(
        fields_and_codes(&problem),
        pairs(&[
            ("term", "invalid_term"),
            ("attendance_percent", "attendance_out_of_range"),
            ("fixed_term_exclusions.count", "count_out_of_range"),
            ("fixed_term_exclusions.days", "too_many_decimals"),
            ("permanent_exclusion", "yes_or_no_required"),
            ("part_time_timetable", "yes_or_no_required"),
        ])
    );
    // A bad body for a term already recorded loses nothing.
    let response = put_record(
        &app,
        &worker,
        &young_person,
        "2026-autumn",
        &record(json!("most days"), json!(0), json!(2)),
    )
    .await;
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(
        fields_and_codes(&problem),
        pairs(&[
            ("attendance_percent", "attendance_required"),
            ("fixed_term_exclusions.days", "days_without_exclusions"),
        ])
    );
    assert_eq!(
        app.get_json(&records_path(&young_person), &worker).await,
        stored
    );
    let kept = &stored["outcome_records"][0];
    assert_eq!(kept["attendance_percent"], 92.5);
    assert_eq!(
        kept["fixed_term_exclusions"],
        json!({"count": 1, "days": 1.5})
    );
    assert_eq!(kept["part_time_timetable"], true);
}

async fn each_term_keeps_one_record_and_the_last_writer_is_named(app: TestApp) {
    let (sam, worker, young_person) = app.worker_with_young_person().await;
    let colleague = app.create_colleague(&sam);
    {
        let mut conn = app.pool.get().unwrap();
        users::assign(
            &mut conn,
            &colleague.id,
            &UserId(young_person.user_id.clone()),
            Utc::now().naive_utc(),
        )
        .unwrap();
    }
    let colleague_session = app.log_in(&colleague).await;
    for term in ["2026-spring", "2026-autumn", "2025-autumn", "2026-summer"] {
        let body = record(json!(90), json!(0), json!(0));
        let response = put_record(&app, &worker, &young_person, term, &body).await;
        assert_eq!(response.status(), StatusCode::OK, "{term}");
    }
    let again = record(json!(75.5), json!(2), json!(3));
    let response = put_record(
        &app,
        &colleague_session,
        &young_person,
        "2026-spring",
        &again,
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);

    let list = app.get_json(&records_path(&young_person), &worker).await;
    let records = list["outcome_records"].as_array().unwrap();
    let terms: Vec<&str> = records
        .iter()
        .map(|r| r["term"].as_str().unwrap())
        .collect();
    assert_eq!(
        terms,
        ["2026-autumn", "2026-summer", "2026-spring", "2025-autumn"],
        "one record a term, newest term first"
    );
    let spring = &records[2];
    assert_eq!(spring["attendance_percent"], 75.5);
    assert_eq!(
        spring["fixed_term_exclusions"],
        json!({"count": 2, "days": 3.0})
    );
    assert_eq!(spring["recorded_by"]["id"], colleague.id.as_str());
    assert!(spring["recorded_at"].is_string());
    assert_eq!(records[0]["recorded_by"]["id"], sam.id.as_str());
    let writes = app
        .audit_trail(&young_person)
        .into_iter()
        .filter(|(action, outcome, _)| action == "record_outcome" && outcome == "allowed")
        .count();
    assert_eq!(writes, 5, "every write is audited");
}

async fn only_assigned_workers_of_the_service_keep_records_and_refusals_are_audited(app: TestApp) {
    let (sam, worker, young_person) = app.worker_with_young_person().await;
    let body = record(json!(88), json!(0), json!(0));
    put_record(&app, &worker, &young_person, "2026-autumn", &body).await;
    let before = app.get_json(&records_path(&young_person), &worker).await;

    let colleague = app.log_in(&app.create_colleague(&sam)).await;
    let elsewhere = app.log_in(&app.create_worker()).await;
    let changed = record(json!(10), json!(0), json!(0));
    for stranger in [&colleague, &elsewhere] {
        let response = put_record(&app, stranger, &young_person, "2026-autumn", &changed).await;
        assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
        let response = app
            .get(&records_path(&young_person), Some(&stranger.access_token))
            .await;
        assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    }
    let response = put_record(&app, &young_person, &young_person, "2026-autumn", &changed).await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
    assert_eq!(
        app.get_json(&records_path(&young_person), &worker).await,
        before
    );
    let refused: Vec<_> = app
        .audit_trail(&young_person)
        .into_iter()
        .filter(|(_, outcome, _)| outcome == "refused")
        .collect();
    assert_eq!(
        refused,
        [
            (
                "read_outcome_records".into(),
                "refused".into(),
                Some("not_assigned".into())
            ),
            (
                "record_outcome".into(),
                "refused".into(),
                Some("not_assigned".into())
            ),
        ],
        "the colleague's tries are in the young person's log"
    );

    // The young person sees their own, and in plain words who wrote them.
    let mine = app
        .get_json("/api/v1/me/outcome-records", &young_person)
        .await;
    assert_eq!(mine["outcome_records"], before["outcome_records"]);
    let log = app.get_json("/api/v1/me/audit-events", &young_person).await;
    let sentences: Vec<&str> = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["sentence"].as_str().unwrap())
        .collect();
    assert!(
        sentences.contains(&"Wrote down how school went this term, like how often you were there.")
    );
    assert!(sentences.contains(
        &"Tried to write down how school went for you, but could not, because they are not your worker."
    ));
}

fn admin_of(app: &TestApp, worker: &lantern_tests::Worker) -> lantern_tests::Worker {
    app.create_staff(&worker.service, Role::Admin)
}

fn drop_in(name: &str, needs: &[&str], min_age: u8, max_age: u8) -> Value {
    json!({
        "name": name,
        "description": "A friendly place to talk after school.",
        "needs": needs,
        "thrive": ["getting_advice"],
        "min_age": min_age,
        "max_age": max_age,
        "area": "Fictional Town",
        "phone": "01632 960123",
        "website": "https://example.org/drop-in",
        "self_referral": true,
        "hours": "Tuesdays, 4pm to 6pm",
    })
}

async fn names(app: &TestApp, session: &Session, query: &str) -> Vec<String> {
    app.get_json(&format!("/api/v1/directory{query}"), session)
        .await["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn the_directory_is_filtered_by_need_and_age_and_cached_by_version(app: TestApp) {
    let (sam, _, young_person) = app.worker_with_young_person().await;
    let admin = app.log_in(&admin_of(&app, &sam)).await;
    let other_worker = app.create_worker();
    let other_admin = app.log_in(&admin_of(&app, &other_worker)).await;
    for (session, body) in [
        (&admin, drop_in("Grief Group", &["bereavement"], 11, 16)),
        (
            &other_admin,
            drop_in("Elsewhere Group", &["bereavement"], 11, 16),
        ),
    ] {
        let response = app
            .post_json(
                "/api/v1/admin/directory",
                Some(&session.access_token),
                &body,
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }

    let all = names(&app, &young_person, "").await;
    assert!(all.contains(&"Grief Group".to_owned()));
    assert!(
        !all.contains(&"Elsewhere Group".to_owned()),
        "another service's own"
    );
    assert_eq!(all.len(), 6, "five national services and the service's own");

    // Without a sign-in (a young person with no account): national only.
    let response = app.get("/api/v1/directory", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let anonymous: Value = response.json().await.unwrap();
    let listed: Vec<&Value> = anonymous["services"].as_array().unwrap().iter().collect();
    assert_eq!(listed.len(), 5, "the five national services");
    assert!(listed.iter().all(|s| s["national"] == true));
    // A sign-in that is sent must be good: not quietly answered with less.
    let response = app.get("/api/v1/directory", Some("not-a-token")).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

    let grief = names(&app, &young_person, "?need=bereavement&age=12").await;
    assert!(grief.contains(&"Grief Group".to_owned()));
    assert!(
        grief.contains(&"Childline".to_owned()),
        "it lists bereavement"
    );
    assert!(
        grief.contains(&"Samaritans".to_owned()),
        "it helps with anything"
    );
    assert!(!grief.contains(&"PAPYRUS HOPELINE247".to_owned()));
    let older = names(&app, &young_person, "?need=bereavement&age=17").await;
    assert!(!older.contains(&"Grief Group".to_owned()), "11 to 16 only");
    let adult = names(&app, &young_person, "?age=20").await;
    assert!(
        !adult.contains(&"Childline".to_owned()),
        "Childline is for under-19s"
    );
    assert!(adult.contains(&"Shout".to_owned()));

    for (query, field, code) in [
        ("?need=worries", "need", "unknown_need"),
        ("?age=26", "age", "age_out_of_range"),
        ("?age=ten", "age", "age_out_of_range"),
    ] {
        let response = app
            .get(
                &format!("/api/v1/directory{query}"),
                Some(&young_person.access_token),
            )
            .await;
        let problem = assert_problem(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(fields_and_codes(&problem), pairs(&[(field, code)]));
    }

    // The version is the ETag: the app revalidates its offline copy.
    let response = app
        .get("/api/v1/directory", Some(&young_person.access_token))
        .await;
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    let body: Value = response.json().await.unwrap();
    assert_eq!(etag, format!("\"{}\"", body["version"].as_str().unwrap()));
    let unchanged = app
        .client
        .get(app.url("/api/v1/directory"))
        .bearer_auth(&young_person.access_token)
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED);
    let response = app
        .post_json(
            "/api/v1/admin/directory",
            Some(&admin.access_token),
            &drop_in("Second Group", &["anxiety"], 10, 18),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let changed = app
        .client
        .get(app.url("/api/v1/directory"))
        .bearer_auth(&young_person.access_token)
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(
        changed.status(),
        StatusCode::OK,
        "a new entry is a new version"
    );
}

const HEADER: &str = "name,description,needs,thrive,min_age,max_age,area,phone,text_number,text_keyword,website,self_referral,hours";

async fn a_csv_import_keeps_good_rows_and_names_bad_ones_by_line(app: TestApp) {
    let (sam, _, young_person) = app.worker_with_young_person().await;
    let admin = app.log_in(&admin_of(&app, &sam)).await;
    let file = [
        HEADER,
        // 2: good, with a quoted comma and a line break in its description.
        "Young Carers Club,\"Games, food and a break.\nEvery week.\",young_carers;family,getting_advice,8,18,Fictional Town,01632 960001,,,https://example.org/carers,yes,Thursdays 5pm to 7pm",
        // 4: a cell short.
        "Short Row,Too few cells,anxiety,getting_advice,10,18,Fictional Town,01632 960002,,,https://example.org,yes",
        // 5: a web address that is not https.
        "Plain Web,Talk online,anxiety,getting_help,10,18,Fictional Town,,,,http://example.org/plain,no,Weekdays",
        // 6: good.
        "Calm Space,Quiet room to settle,anxiety;anger,getting_advice;getting_help,11,16,Fictional Town,,01632 960003,CALM,,yes,School days",
        // 7: several things wrong at once.
        "Muddle,Mixed up,worries,getting_lost,ten,30,Fictional Town,0800-1111,,,,maybe,Sometimes",
        "",
    ]
    .join("\r\n");
    let response = app
        .client
        .post(app.url("/api/v1/admin/directory/import"))
        .bearer_auth(&admin.access_token)
        .header("content-type", "text/csv")
        .body(file.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let outcome: Value = response.json().await.unwrap();
    assert_eq!(outcome["imported"], 2);
    let rejected: Vec<(u64, Vec<(String, String)>)> = outcome["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), fields_and_codes(r)))
        .collect();
    assert_eq!(
        rejected,
        [
            (4, pairs(&[("row", "wrong_column_count")])),
            (5, pairs(&[("website", "invalid_url")])),
            (
                7,
                pairs(&[
                    ("min_age", "not_a_number"),
                    ("self_referral", "yes_or_no_required"),
                    ("needs", "unknown_need"),
                    ("thrive", "unknown_thrive_grouping"),
                    ("max_age", "age_out_of_range"),
                    ("phone", "invalid_phone"),
                ])
            ),
        ]
    );
    let listed = names(&app, &young_person, "").await;
    assert!(listed.contains(&"Young Carers Club".to_owned()));
    assert!(listed.contains(&"Calm Space".to_owned()));
    assert!(!listed.contains(&"Plain Web".to_owned()));
    let directory = app
        .get_json("/api/v1/directory?need=young_carers", &young_person)
        .await;
    let club = directory["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Young Carers Club")
        .unwrap();
    assert_eq!(club["description"], "Games, food and a break.\nEvery week.");
    assert_eq!(club["needs"], json!(["young_carers", "family"]));

    // The same file again, with one row changed: no copies, the change kept.
    let again = file.replace("Thursdays 5pm to 7pm", "Fridays 4pm to 6pm");
    let response = app
        .client
        .post(app.url("/api/v1/admin/directory/import"))
        .bearer_auth(&admin.access_token)
        .header("content-type", "text/csv")
        .body(again)
        .send()
        .await
        .unwrap();
    let outcome: Value = response.json().await.unwrap();
    assert_eq!(
        (&outcome["added"], &outcome["updated"]),
        (&json!(0), &json!(2))
    );
    let after = names(&app, &young_person, "").await;
    assert_eq!(after.len(), listed.len(), "no copies");
    let directory = app
        .get_json("/api/v1/directory?need=young_carers", &young_person)
        .await;
    let clubs: Vec<&Value> = directory["services"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["name"] == "Young Carers Club")
        .collect();
    assert_eq!(clubs.len(), 1);
    assert_eq!(clubs[0]["hours"], "Fridays 4pm to 6pm");
    assert_eq!(club["national"], false);

    // A file with another header is refused whole.
    let response = app
        .client
        .post(app.url("/api/v1/admin/directory/import"))
        .bearer_auth(&admin.access_token)
        .body("name,phone\nSomewhere,01632 960004\n")
        .send()
        .await
        .unwrap();
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(
        fields_and_codes(&problem),
        pairs(&[("header", "csv_header")])
    );

    // The service's own entries can be changed and removed; national ones not.
    let id = club["id"].as_str().unwrap();
    let path = format!("/api/v1/admin/directory/{id}");
    let response = app
        .patch_json(
            &path,
            Some(&admin.access_token),
            &json!({"website": null, "hours": "Thursdays"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let changed: Value = response.json().await.unwrap();
    assert_eq!(changed["website"], Value::Null);
    assert_eq!(changed["phone"], "01632 960001");
    let response = app
        .patch_json(&path, Some(&admin.access_token), &json!({"phone": null}))
        .await;
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(
        fields_and_codes(&problem),
        pairs(&[("phone", "no_way_to_get_in_touch")])
    );
    let response = app
        .patch_json(
            "/api/v1/admin/directory/childline",
            Some(&admin.access_token),
            &json!({"name": "Mine"}),
        )
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = app.delete(&path, Some(&admin.access_token)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(
        !names(&app, &young_person, "")
            .await
            .contains(&"Young Carers Club".to_owned())
    );
}

/// The numbers in `tel:` and `sms:` links of the core's crisis contacts,
/// which list only those clinical.md section 2.3 confirms.
fn crisis_numbers() -> Vec<String> {
    let catalogue = lantern_core::crisis::catalogue().unwrap();
    catalogue
        .regions
        .values()
        .flatten()
        .flat_map(|contact| &contact.ways)
        .filter_map(|way| {
            let number = way
                .href
                .strip_prefix("tel:")
                .or_else(|| way.href.strip_prefix("sms:"))?;
            Some(number.split('?').next().unwrap().to_owned())
        })
        .collect()
}

/// The confirmed rows of clinical.md's table of UK crisis resources, when
/// the research folder sits beside the repository (as on the team's
/// machines); elsewhere the core's contacts stand in for it.
fn confirmed_research_rows() -> Option<Vec<String>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/research/clinical.md"
    );
    let text = std::fs::read_to_string(path).ok()?;
    let section = text
        .split("### 2.3")
        .nth(1)?
        .split("### 2.4")
        .next()?
        .to_owned();
    Some(
        section
            .lines()
            .filter(|line| line.starts_with('|') && line.to_lowercase().contains("confirmed"))
            .filter(|line| !line.contains("[UNVERIFIED]") || line.contains("Phone confirmed"))
            .map(str::to_owned)
            .collect(),
    )
}

async fn the_national_services_load_with_numbers_confirmed_in_the_research(app: TestApp) {
    let (_, _, young_person) = app.worker_with_young_person().await;
    let directory = app.get_json("/api/v1/directory", &young_person).await;
    let national: Vec<&Value> = directory["services"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["national"] == true)
        .collect();
    let ids: Vec<&str> = national.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 5);
    for id in ["childline", "shout", "samaritans", "papyrus", "nhs_111"] {
        assert!(ids.contains(&id), "{id} is seeded");
    }
    let crisis = crisis_numbers();
    let research = confirmed_research_rows();
    for service in &national {
        assert!(service["source"].as_str().unwrap().contains("clinical.md"));
        for field in ["phone", "text_number"] {
            let Some(number) = service[field].as_str() else {
                continue;
            };
            let digits: String = number.chars().filter(char::is_ascii_digit).collect();
            assert!(
                crisis.contains(&digits),
                "{number} of {} is not one of the core's crisis contacts",
                service["id"]
            );
            if let Some(rows) = &research {
                assert!(
                    rows.iter().any(|row| row.contains(&format!("**{number}"))),
                    "{number} is not in a confirmed row of clinical.md 2.3"
                );
            }
        }
    }
    // Starting again changes nothing: the rows are kept in step with the file.
    {
        let mut conn = app.pool.get().unwrap();
        lantern_server::directory::national::sync(&mut conn, Utc::now().naive_utc()).unwrap();
    }
    let again = app.get_json("/api/v1/directory", &young_person).await;
    assert_eq!(again["version"], directory["version"]);
}

async fn a_signpost_arrives_as_a_message_and_in_the_list(app: TestApp) {
    let (sam, worker, young_person) = app.worker_with_young_person().await;
    let path = format!("/api/v1/young-people/{}/signposts", young_person.user_id);
    let response = app
        .post_json(
            &path,
            Some(&worker.access_token),
            &json!({"directory_service_id": "shout", "note": "  If talking is hard, texting might help.  "}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let sent: Value = response.json().await.unwrap();
    let id = sent["id"].as_str().unwrap();
    assert_eq!(sent["note"], "If talking is hard, texting might help.");
    assert_eq!(sent["service"]["text_number"], "85258");

    let inbox = app
        .get_json("/api/v1/me/notifications", &young_person)
        .await;
    let item = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["subject_id"] == id)
        .expect("the signpost is in the inbox");
    assert_eq!(item["kind"], "signpost");
    assert_eq!(
        item["title"], "Lantern: you have a message",
        "nothing on a lock screen"
    );
    let mine = app.get_json("/api/v1/me/signposts", &young_person).await;
    let first = &mine["signposts"][0];
    assert_eq!(first["id"], id);
    assert_eq!(first["service_name"], "Shout");
    assert_eq!(first["service"]["id"], "shout");
    assert!(first["from"].is_string());
    assert!(app.audit_trail(&young_person).contains(&(
        "signpost_service".into(),
        "allowed".into(),
        None
    )));

    // Only services in the worker's directory.
    let other_admin = app.log_in(&admin_of(&app, &app.create_worker())).await;
    let elsewhere: Value = app
        .post_json(
            "/api/v1/admin/directory",
            Some(&other_admin.access_token),
            &drop_in("Elsewhere Group", &["anxiety"], 10, 18),
        )
        .await
        .json()
        .await
        .unwrap();
    for unknown in ["no-such-service", elsewhere["id"].as_str().unwrap()] {
        let response = app
            .post_json(
                &path,
                Some(&worker.access_token),
                &json!({"directory_service_id": unknown}),
            )
            .await;
        let problem = assert_problem(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(
            fields_and_codes(&problem),
            pairs(&[("directory_service_id", "unknown_directory_service")])
        );
    }
    // A colleague not assigned is refused; five a day, like messages.
    let colleague = app.log_in(&app.create_colleague(&sam)).await;
    let response = app
        .post_json(
            &path,
            Some(&colleague.access_token),
            &json!({"directory_service_id": "childline"}),
        )
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    for _ in 0..4 {
        let response = app
            .post_json(
                &path,
                Some(&worker.access_token),
                &json!({"directory_service_id": "childline"}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let response = app
        .post_json(
            &path,
            Some(&worker.access_token),
            &json!({"directory_service_id": "childline"}),
        )
        .await;
    let limited = assert_problem(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    assert!(limited["detail"].as_str().unwrap().contains("5 services"));
    let mine = app.get_json("/api/v1/me/signposts", &young_person).await;
    assert_eq!(mine["signposts"].as_array().unwrap().len(), 5);
}
