//! Outcome reports for service leads: the figures, the small-number rule
//! and attempts to get round it (subtracting parts from totals, a group's
//! report from the whole service's), CSV export, and who may read them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use chrono::{Duration, Months, Utc};
use diesel::prelude::*;
use lantern_core::RecordId;
use lantern_core::goals::{Goal, GoalRating};
use lantern_core::sync::{DeviceData, build_sync_batch};
use lantern_server::db::schema::{alerts, audit_events, group_members, support_groups};
use lantern_server::db::users::Role;
use lantern_tests::{
    Session, StatusCode, TestApp, assert_problem, check_in, grants_from, on_both_backends,
    wheel_answered,
};
use serde_json::{Value, json};

on_both_backends!(
    the_report_counts_the_service_and_hides_small_figures,
    no_hidden_figure_can_be_worked_out_from_the_sums,
    a_group_report_cannot_be_subtracted_from_the_whole,
    each_table_downloads_as_csv_with_the_same_hidden_figures,
    only_the_services_lead_reads_it_and_bad_requests_are_named,
);

const HIDDEN: &str = "fewer than 5";

struct Service {
    lead: Session,
    worker: Session,
    young_people: Vec<Session>,
}

/// A service with seven young people: all share mood; six share their
/// wheel (3 then 6 in every area); three share a goal (2 then 5); six are
/// Getting Help and one Getting Advice; five came through an alert, seen
/// after 10 to 50 minutes, and one alert is still open. Young people 0–4
/// are in a group at Oak School.
async fn service_with_seven(app: &TestApp) -> Service {
    let worker = app.create_worker();
    let worker_session = app.log_in(&worker).await;
    let lead = app
        .log_in(&app.create_staff(&worker.service, Role::ServiceLead))
        .await;
    let now = Utc::now().fixed_offset();
    let mut young_people = vec![];
    for i in 0..7u8 {
        let code = app.create_invite(&worker_session).await;
        let young_person = app.join(&code, &format!("Young person {i}")).await;
        let mut scopes = vec!["mood"];
        if i < 6 {
            scopes.push("wheel");
        }
        if i < 3 {
            scopes.push("goals");
        }
        let mut grants = vec![];
        for scope in scopes {
            grants = grants_from(&app.set_consent(&young_person, scope, true, true).await);
        }
        let goal = Goal {
            id: RecordId::generate(1, [i; 10]),
            text: "Walk the dog".into(),
            set_at: now - Duration::hours(5),
            closed_at: None,
        };
        let data = DeviceData {
            check_ins: vec![check_in(2 + i % 3, 30, None)],
            goals: vec![goal.clone()],
            goal_ratings: [(4, 2), (2, 5)]
                .map(|(hours, progress)| GoalRating {
                    id: RecordId::generate(hours, [i + 20; 10]),
                    goal_id: goal.id.clone(),
                    rated_at: now - Duration::hours(hours as i64),
                    progress,
                })
                .to_vec(),
            measure_responses: [(4, 3), (2, 6)]
                .map(|(hours, value)| {
                    wheel_answered(
                        RecordId::generate(hours + 100, [i + 40; 10]),
                        value,
                        now - Duration::hours(hours as i64),
                    )
                })
                .to_vec(),
            ..Default::default()
        };
        let batch = serde_json::to_value(build_sync_batch(&data, &grants)).unwrap();
        assert_eq!(
            app.sync(&young_person, &batch).await.status(),
            StatusCode::OK
        );
        let grouping = if i < 6 {
            "getting_help"
        } else {
            "getting_advice"
        };
        let response = app
            .post_json(
                &format!("/api/v1/young-people/{}/thrive", young_person.user_id),
                Some(&worker_session.access_token),
                &json!({"grouping": grouping, "reason": "Agreed today.", "agreed_with_young_person": true}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        if i < 6 {
            app.disclose(
                &young_person,
                lantern_core::checkin::SelfHarmAnswer::ALittle,
            )
            .await;
        }
        young_people.push(young_person);
    }
    // Five alerts seen after 10, 20, 30, 40 and 50 minutes; the sixth open.
    let mut conn = app.pool.get().unwrap();
    let raised = Utc::now().naive_utc() - Duration::hours(3);
    for (i, young_person) in young_people.iter().take(5).enumerate() {
        diesel::update(alerts::table.filter(alerts::young_person_id.eq(&young_person.user_id)))
            .set((
                alerts::created_at.eq(raised),
                alerts::acknowledged_at.eq(raised + Duration::minutes(10 * (i as i64 + 1))),
            ))
            .execute(&mut conn)
            .unwrap();
    }
    diesel::insert_into(support_groups::table)
        .values((
            support_groups::id.eq("oak-group"),
            support_groups::service_id.eq(worker.service.as_str()),
            support_groups::name.eq("Year 8 Resilience"),
            support_groups::school.eq("Oak School"),
            support_groups::worker_id.eq(worker.id.as_str()),
            support_groups::starts_on.eq(Utc::now().date_naive().to_string()),
            support_groups::weeks.eq(12),
            support_groups::created_at.eq(Utc::now().naive_utc()),
        ))
        .execute(&mut conn)
        .unwrap();
    for young_person in young_people.iter().take(5) {
        diesel::insert_into(group_members::table)
            .values((
                group_members::group_id.eq("oak-group"),
                group_members::young_person_id.eq(&young_person.user_id),
                group_members::joined_at.eq(Utc::now().naive_utc()),
            ))
            .execute(&mut conn)
            .unwrap();
    }
    Service {
        lead,
        worker: worker_session,
        young_people,
    }
}

/// From last month to this one, so the data is in range whatever the day.
fn months() -> (String, String) {
    let today = Utc::now().date_naive();
    let last = today.checked_sub_months(Months::new(1)).unwrap();
    (
        last.format("%Y-%m").to_string(),
        today.format("%Y-%m").to_string(),
    )
}

async fn report(app: &TestApp, lead: &Session, extra: &str) -> Value {
    let (from, to) = months();
    let response = app
        .get(
            &format!("/api/v1/reports/outcomes?from={from}&to={to}{extra}"),
            Some(&lead.access_token),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn table<'a>(report: &'a Value, id: &str) -> &'a Vec<Value> {
    report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap()["rows"]
        .as_array()
        .unwrap()
}

fn is_hidden(cell: &Value) -> bool {
    cell == &json!({"hidden": HIDDEN})
}

/// A row's cell by the row's label.
fn cell<'a>(rows: &'a [Value], label: &str, column: usize) -> &'a Value {
    &rows.iter().find(|r| r[0] == label).unwrap()[column]
}

async fn the_report_counts_the_service_and_hides_small_figures(app: TestApp) {
    let service = service_with_seven(&app).await;
    // Another service's young person is never counted.
    app.worker_with_young_person().await;
    let report = report(&app, &service.lead, "").await;
    assert_eq!(report["hidden"], HIDDEN);

    let activity = table(&report, "activity");
    assert_eq!(cell(activity, "Young people who shared a check-in", 1), 7);
    assert_eq!(
        cell(activity, "Check-ins shared", 1),
        7,
        "disclosures are not shared check-ins"
    );

    let wheel = table(&report, "wheel");
    for row in wheel {
        assert_eq!(row[1], 6, "six share the wheel: {row}");
        assert_eq!(row[4], 3.0, "3 to 6 in every area: {row}");
    }
    // Three share goals: every goal figure is hidden, even the count.
    for figure in &table(&report, "goals")[0].as_array().unwrap()[..] {
        assert!(is_hidden(figure), "{figure}");
    }

    let alerts = table(&report, "alerts");
    assert_eq!(cell(alerts, "Alerts raised", 1), 6);
    assert!(
        is_hidden(cell(alerts, "Not seen yet", 1)),
        "one young person"
    );
    assert!(
        is_hidden(cell(alerts, "Seen by a worker", 1)),
        "else raised minus seen gives the open one"
    );
    assert_eq!(cell(alerts, "Minutes until seen (median)", 1), 30.0);
    assert_eq!(
        cell(alerts, "Minutes until seen (90 in 100 within)", 1),
        50.0
    );

    let thrive = table(&report, "thrive");
    let none_yet = thrive
        .iter()
        .find(|r| r[0] == "No grouping before")
        .unwrap();
    assert!(is_hidden(&none_yet[2]), "one is Getting Advice: {none_yet}");
    assert!(
        is_hidden(&none_yet[3]),
        "so Getting Help is hidden too: {none_yet}"
    );
    assert_eq!(none_yet[6], 7, "the total stays");
    // The lead sees no names or ids of young people anywhere.
    let text = report.to_string();
    for young_person in &service.young_people {
        assert!(!text.contains(&young_person.user_id));
    }
    assert!(!text.contains("Young person 0"));
}

/// A table's numbers as the lead sees them: a number, or unknown.
fn known(rows: &[Value]) -> Vec<Vec<Option<i64>>> {
    rows.iter()
        .map(|row| {
            row.as_array().unwrap()[1..]
                .iter()
                .map(Value::as_i64)
                .collect()
        })
        .collect()
}

async fn no_hidden_figure_can_be_worked_out_from_the_sums(app: TestApp) {
    let service = service_with_seven(&app).await;
    let report = report(&app, &service.lead, "").await;
    // The THRIVE table: each row sums to its last column, each column to
    // the last row. Work out all that can be: one unknown in a sum is known;
    // unknowns in a sum whose known parts already make the total are 0.
    let rows = table(&report, "thrive");
    let mut values = known(rows);
    let (height, width) = (values.len(), values[0].len());
    let mut lines: Vec<Vec<(usize, usize)>> = vec![];
    for r in 0..height {
        lines.push((0..width).map(|c| (r, c)).collect());
    }
    for c in 0..width {
        lines.push((0..height).map(|r| (r, c)).collect());
    }
    loop {
        let mut learned = false;
        for line in &lines {
            let (parts, total) = line.split_at(line.len() - 1);
            let total = values[total[0].0][total[0].1];
            let unknown: Vec<_> = parts
                .iter()
                .filter(|(r, c)| values[*r][*c].is_none())
                .collect();
            let sum: i64 = parts.iter().filter_map(|(r, c)| values[*r][*c]).sum();
            match (total, unknown.as_slice()) {
                (Some(total), [one]) => values[one.0][one.1] = Some(total - sum),
                (Some(total), many) if !many.is_empty() && total == sum => {
                    for (r, c) in many {
                        values[*r][*c] = Some(0);
                    }
                }
                (None, []) => values[line[line.len() - 1].0][line[line.len() - 1].1] = Some(sum),
                _ => continue,
            }
            learned = true;
        }
        if !learned {
            break;
        }
    }
    // Nothing shown is 1 to 4, so anything 1 to 4 was worked out.
    let hidden = rows
        .iter()
        .flat_map(|r| r.as_array().unwrap())
        .filter(|c| is_hidden(c))
        .count();
    assert!(hidden >= 2, "the table has hidden figures to attack");
    for (r, row) in values.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if let Some(value) = value {
                assert!(
                    !(1..5).contains(value),
                    "a count of {value} young people was worked out at ({r}, {c})"
                );
            }
        }
    }
}

async fn a_group_report_cannot_be_subtracted_from_the_whole(app: TestApp) {
    let service = service_with_seven(&app).await;
    let whole = report(&app, &service.lead, "").await;
    let group = report(&app, &service.lead, "&group=oak-group").await;
    assert_eq!(group["group"], "oak-group");
    let school = report(&app, &service.lead, "&school=Oak%20School").await;
    assert_eq!(
        school["tables"], group["tables"],
        "the school is the one group"
    );

    // Five in the group, seven in all: what the group shows minus what the
    // whole shows would single out the other two, so it is hidden.
    let activity = table(&group, "activity");
    assert!(is_hidden(cell(
        activity,
        "Young people who shared a check-in",
        1
    )));
    assert!(is_hidden(cell(activity, "Check-ins shared", 1)));

    // The attack: every count shown in both reports, subtracted.
    for (whole_table, group_table) in whole["tables"]
        .as_array()
        .unwrap()
        .iter()
        .zip(group["tables"].as_array().unwrap())
    {
        let id = whole_table["id"].as_str().unwrap();
        for (whole_row, group_row) in whole_table["rows"]
            .as_array()
            .unwrap()
            .iter()
            .zip(group_table["rows"].as_array().unwrap())
        {
            for (w, g) in whole_row
                .as_array()
                .unwrap()
                .iter()
                .zip(group_row.as_array().unwrap())
            {
                if let (Some(w), Some(g)) = (w.as_i64(), g.as_i64()) {
                    assert!(
                        !(1..5).contains(&(w - g)),
                        "{id}: {w} - {g} singles out the rest of the service"
                    );
                }
            }
        }
    }
    // The group's wheel rows: five in the group share it, six in all; the
    // one left over would show through the averages, so they are hidden.
    for row in table(&group, "wheel") {
        for figure in &row.as_array().unwrap()[1..] {
            assert!(is_hidden(figure), "{row}");
        }
    }
}

async fn each_table_downloads_as_csv_with_the_same_hidden_figures(app: TestApp) {
    let service = service_with_seven(&app).await;
    let (from, to) = months();
    let json = report(&app, &service.lead, "").await;
    for id in [
        "activity", "mood", "thrive", "wheel", "goals", "alerts", "school",
    ] {
        let response = app
            .get(
                &format!("/api/v1/reports/outcomes.csv?table={id}&from={from}&to={to}"),
                Some(&service.lead.access_token),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()["content-type"],
            "text/csv; charset=utf-8"
        );
        assert!(
            response.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains(&format!("lantern-{id}-{from}-to-{to}.csv"))
        );
        let csv = response.text().await.unwrap();
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        let rows = table(&json, id);
        assert_eq!(lines.len(), rows.len() + 1, "{id}: a header and each row");
        for (line, row) in lines[1..].iter().zip(rows) {
            let from_json: Vec<String> = row
                .as_array()
                .unwrap()
                .iter()
                .map(|cell| match cell {
                    Value::String(text) => text.clone(),
                    Value::Number(n) if n.is_f64() => format!("{:.1}", n.as_f64().unwrap()),
                    Value::Number(n) => n.to_string(),
                    _ => HIDDEN.to_owned(),
                })
                .collect();
            let unquoted = line.replace('"', "");
            assert_eq!(unquoted, from_json.join(","), "{id}");
        }
    }
    let response = app
        .get(
            &format!("/api/v1/reports/outcomes.csv?table=names&from={from}&to={to}"),
            Some(&service.lead.access_token),
        )
        .await;
    assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
}

async fn only_the_services_lead_reads_it_and_bad_requests_are_named(app: TestApp) {
    let service = service_with_seven(&app).await;
    let (from, to) = months();
    let path = format!("/api/v1/reports/outcomes?from={from}&to={to}");
    for session in [&service.worker, &service.young_people[0]] {
        let response = app.get(&path, Some(&session.access_token)).await;
        assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
    }
    assert_eq!(
        app.get(&path, None).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // Another service's lead sees only their own (empty) service.
    let other = app.create_worker();
    let other_lead = app
        .log_in(&app.create_staff(&other.service, Role::ServiceLead))
        .await;
    let theirs = report(&app, &other_lead, "").await;
    assert_eq!(
        cell(table(&theirs, "activity"), "Young people taking part", 1),
        0
    );
    let response = app
        .get(
            &format!("{path}&group=oak-group"),
            Some(&other_lead.access_token),
        )
        .await;
    let problem = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem["errors"][0]["code"], "unknown_group");

    let response = app
        .get(
            "/api/v1/reports/outcomes?from=2026-13&to=2024-01&group=a&school=b",
            Some(&service.lead.access_token),
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
    assert_eq!(codes, ["invalid_from", "group_and_school"]);

    // Each read is in the audit trail, without a young person; refused and
    // bad requests read nothing.
    let mut conn = app.pool.get().unwrap();
    let reads: Vec<(Option<String>, Option<String>)> = audit_events::table
        .filter(audit_events::action.eq("read_outcome_report"))
        .select((audit_events::actor_id, audit_events::subject_id))
        .load(&mut conn)
        .unwrap();
    assert_eq!(reads.len(), 1);
    assert_eq!(reads[0], (Some(other_lead.user_id.clone()), None));

    let filters = app.get_json("/api/v1/reports/filters", &service.lead).await;
    assert_eq!(filters["groups"][0]["name"], "Year 8 Resilience");
    assert_eq!(filters["schools"], json!(["Oak School"]));
}
