//! Roles, the password policy, changing a password, and the service admin's
//! API: staff, assignments, disabling — each within the admin's own service.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use lantern_server::db::users::Role;
use lantern_tests::{Session, StatusCode, TestApp, Worker, assert_problem, on_both_backends};
use serde_json::{Value, json};

on_both_backends!(
    every_role_signs_in_and_is_named_in_snake_case,
    changing_the_password_ends_every_other_sign_in_at_once,
    a_new_password_must_be_long_and_uncommon,
    an_admin_creates_staff_under_the_password_policy,
    only_admins_use_the_admin_api,
    ending_an_assignment_ends_the_workers_access_at_once,
    disabling_an_account_ends_its_sessions_at_once,
    an_admin_cannot_reach_another_services_people,
    an_admin_lists_the_services_staff_with_their_caseloads,
    an_admin_lists_young_people_with_their_workers_and_nothing_they_wrote,
    a_disabled_account_can_be_turned_back_on,
);

fn admin_of(app: &TestApp, worker: &Worker) -> Worker {
    app.create_staff(&worker.service, Role::Admin)
}

async fn every_role_signs_in_and_is_named_in_snake_case(app: TestApp) {
    let worker = app.create_worker();
    for role in [Role::Worker, Role::Parent, Role::ServiceLead, Role::Admin] {
        let person = app.create_staff(&worker.service, role);
        let session = app.log_in(&person).await;
        let me: Value = app
            .get("/api/v1/me", Some(&session.access_token))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(me["role"], role.as_str());
        assert_eq!(me["service_id"], worker.service.as_str());
    }
    assert_eq!(Role::ServiceLead.as_str(), "service_lead");
    // Only workers make invites and read caseloads.
    let lead = app.create_staff(&worker.service, Role::ServiceLead);
    let lead = app.log_in(&lead).await;
    let response = app.get("/api/v1/caseload", Some(&lead.access_token)).await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
}

async fn change_password(
    app: &TestApp,
    session: &Session,
    current: &str,
    new: &str,
) -> reqwest::Response {
    app.post_json(
        "/api/v1/me/password",
        Some(&session.access_token),
        &json!({"current_password": current, "new_password": new}),
    )
    .await
}

async fn changing_the_password_ends_every_other_sign_in_at_once(app: TestApp) {
    let worker = app.create_worker();
    let here = app.log_in(&worker).await;
    let elsewhere = app.log_in(&worker).await;
    let response = change_password(&app, &here, &worker.password, "a brand new passphrase").await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    // The other sign-in's access token ends now, not in 15 minutes.
    let response = app.get("/api/v1/me", Some(&elsewhere.access_token)).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let response = app
        .post_json(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": elsewhere.refresh_token}),
        )
        .await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
    // This one goes on.
    let response = app.get("/api/v1/me", Some(&here.access_token)).await;
    assert_eq!(response.status(), StatusCode::OK);

    // The old password no longer works; the new one does.
    let old = json!({"email": worker.email, "password": worker.password});
    let response = app.post_json("/api/v1/auth/login", None, &old).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    let new = json!({"email": worker.email, "password": "a brand new passphrase"});
    let response = app.post_json("/api/v1/auth/login", None, &new).await;
    assert_eq!(response.status(), StatusCode::OK);
}

async fn a_new_password_must_be_long_and_uncommon(app: TestApp) {
    let worker = app.create_worker();
    let session = app.log_in(&worker).await;
    for (new, code) in [
        ("short", "password_too_short"),
        ("Password123", "password_too_common"),
        ("QWERTYUIOP", "password_too_common"),
    ] {
        let response = change_password(&app, &session, &worker.password, new).await;
        let body = assert_problem(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(body["errors"][0]["field"], "new_password");
        assert_eq!(body["errors"][0]["code"], code, "{new}");
    }
    let response =
        change_password(&app, &session, "not my password", "a brand new passphrase").await;
    let body = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["code"], "wrong_password");
    // Nothing changed, so the session is still good.
    assert_eq!(
        app.get("/api/v1/me", Some(&session.access_token))
            .await
            .status(),
        StatusCode::OK
    );
    // Young people have no password to change.
    let (_, _, young_person) = app.worker_with_young_person().await;
    let response = change_password(&app, &young_person, "x", "a brand new passphrase").await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
}

async fn an_admin_creates_staff_under_the_password_policy(app: TestApp) {
    let worker = app.create_worker();
    let admin = app.log_in(&admin_of(&app, &worker)).await;
    let staff = |role: &str, email: &str, password: &str| json!({"role": role, "email": email, "display_name": "New Person", "password": password});
    let response = app
        .post_json(
            "/api/v1/admin/staff",
            Some(&admin.access_token),
            &staff("service_lead", "lead@example.org", "iloveyou12"),
        )
        .await;
    let body = assert_problem(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(body["errors"][0]["code"], "password_too_common");

    for role in ["young_person", "parent", "boss"] {
        let response = app
            .post_json(
                "/api/v1/admin/staff",
                Some(&admin.access_token),
                &staff(role, "x@example.org", "a fine long password"),
            )
            .await;
        let body = assert_problem(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(body["errors"][0]["field"], "role", "{role}");
    }

    let response = app
        .post_json(
            "/api/v1/admin/staff",
            Some(&admin.access_token),
            &staff("service_lead", "Lead@Example.org", "a fine long password"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["role"], "service_lead");

    let response = app
        .post_json(
            "/api/v1/admin/staff",
            Some(&admin.access_token),
            &staff("worker", "lead@example.org", "another fine password"),
        )
        .await;
    assert_problem(response, StatusCode::CONFLICT, "email_taken").await;

    // The new lead signs in, in the admin's service.
    let login = json!({"email": "lead@example.org", "password": "a fine long password"});
    let response = app.post_json("/api/v1/auth/login", None, &login).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["user"]["service_id"], worker.service.as_str());
    assert_eq!(body["user"]["role"], "service_lead");
}

async fn only_admins_use_the_admin_api(app: TestApp) {
    let (worker, worker_session, young_person) = app.worker_with_young_person().await;
    let lead = app
        .log_in(&app.create_staff(&worker.service, Role::ServiceLead))
        .await;
    for session in [&worker_session, &lead, &young_person] {
        let token = Some(session.access_token.as_str());
        let response = app
            .post_json(
                "/api/v1/admin/staff",
                token,
                &json!({"role": "admin", "email": "a@example.org", "display_name": "A", "password": "a fine long password"}),
            )
            .await;
        assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
        let path = format!("/api/v1/admin/users/{}/disable", young_person.user_id);
        let response = app.post_json(&path, token, &json!({})).await;
        assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
        let path = format!(
            "/api/v1/admin/assignments/{}/{}",
            worker.id, young_person.user_id
        );
        let response = app.delete(&path, token).await;
        assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
    }
    let response = app
        .get("/api/v1/caseload", Some(&worker_session.access_token))
        .await;
    let caseload: Value = response.json().await.unwrap();
    assert_eq!(caseload["young_people"].as_array().unwrap().len(), 1);
}

async fn ending_an_assignment_ends_the_workers_access_at_once(app: TestApp) {
    let (worker, worker_session, young_person) = app.worker_with_young_person().await;
    app.set_consent(&young_person, "mood", true, true).await;
    let admin = app.log_in(&admin_of(&app, &worker)).await;
    let colleague = app.create_colleague(&worker);
    let colleague_session = app.log_in(&colleague).await;
    let check_ins = format!("/api/v1/young-people/{}/check-ins", young_person.user_id);

    let response = app
        .get(&check_ins, Some(&worker_session.access_token))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = app
        .get(&check_ins, Some(&colleague_session.access_token))
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;

    // Assign the colleague (twice: the same answer), then end the first worker's.
    let assign = format!(
        "/api/v1/admin/assignments/{}/{}",
        colleague.id, young_person.user_id
    );
    for _ in 0..2 {
        let response = app.send_put(&assign, &admin.access_token).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
    }
    let response = app
        .get(&check_ins, Some(&colleague_session.access_token))
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    let end = format!(
        "/api/v1/admin/assignments/{}/{}",
        worker.id, young_person.user_id
    );
    let response = app.delete(&end, Some(&admin.access_token)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let log = app.get_json("/api/v1/me/audit-events", &young_person).await;
    let sentences: Vec<&str> = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["sentence"].as_str().unwrap())
        .collect();
    assert!(
        sentences.contains(&"Linked a worker to you."),
        "{sentences:?}"
    );
    assert_eq!(
        sentences[0], "Ended a worker's link to you.",
        "the young person sees who changed who can see"
    );
    let response = app
        .get(&check_ins, Some(&worker_session.access_token))
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let caseload: Value = app
        .get("/api/v1/caseload", Some(&worker_session.access_token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(caseload["young_people"], json!([]));
    // Ending it again: there is none.
    let response = app.delete(&end, Some(&admin.access_token)).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    // A young person cannot be assigned as a worker.
    let wrong = format!(
        "/api/v1/admin/assignments/{}/{}",
        young_person.user_id, worker.id
    );
    let response = app.send_put(&wrong, &admin.access_token).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
}

async fn disabling_an_account_ends_its_sessions_at_once(app: TestApp) {
    let (worker, worker_session, young_person) = app.worker_with_young_person().await;
    let admin_person = admin_of(&app, &worker);
    let admin = app.log_in(&admin_person).await;

    let path = format!("/api/v1/admin/users/{}/disable", worker.id);
    let response = app
        .post_json(&path, Some(&admin.access_token), &json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = app
        .get("/api/v1/caseload", Some(&worker_session.access_token))
        .await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let response = app
        .post_json(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": worker_session.refresh_token}),
        )
        .await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_refresh_token").await;
    let login = json!({"email": worker.email, "password": worker.password});
    let response = app.post_json("/api/v1/auth/login", None, &login).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_credentials").await;

    // A young person too.
    let path = format!("/api/v1/admin/users/{}/disable", young_person.user_id);
    let response = app
        .post_json(&path, Some(&admin.access_token), &json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = app
        .get("/api/v1/me/consents", Some(&young_person.access_token))
        .await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;

    // Not themselves.
    let path = format!("/api/v1/admin/users/{}/disable", admin_person.id);
    let response = app
        .post_json(&path, Some(&admin.access_token), &json!({}))
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
}

async fn an_admin_cannot_reach_another_services_people(app: TestApp) {
    let (worker, worker_session, young_person) = app.worker_with_young_person().await;
    let other_service_worker = app.create_worker();
    let other_admin = app.log_in(&admin_of(&app, &other_service_worker)).await;
    let token = Some(other_admin.access_token.as_str());

    let path = format!("/api/v1/admin/users/{}/disable", worker.id);
    let response = app.post_json(&path, token, &json!({})).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let path = format!(
        "/api/v1/admin/assignments/{}/{}",
        worker.id, young_person.user_id
    );
    let response = app.delete(&path, token).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    // Their own worker cannot be given someone else's young person.
    let path = format!(
        "/api/v1/admin/assignments/{}/{}",
        other_service_worker.id, young_person.user_id
    );
    let response = app.send_put(&path, &other_admin.access_token).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    // Staff made by this admin land in this admin's service only.
    let response = app
        .post_json(
            "/api/v1/admin/staff",
            token,
            &json!({"role": "worker", "email": "mine@example.org", "display_name": "Mine", "password": "a fine long password"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    // Nothing changed for the first service.
    let response = app
        .get("/api/v1/caseload", Some(&worker_session.access_token))
        .await;
    let caseload: Value = response.json().await.unwrap();
    assert_eq!(caseload["young_people"].as_array().unwrap().len(), 1);
    let other_session = app.log_in(&other_service_worker).await;
    let check_ins = format!("/api/v1/young-people/{}/check-ins", young_person.user_id);
    let response = app.get(&check_ins, Some(&other_session.access_token)).await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
}

async fn an_admin_lists_the_services_staff_with_their_caseloads(app: TestApp) {
    let (worker, worker_session, _young_person) = app.worker_with_young_person().await;
    let colleague = app.create_colleague(&worker);
    let lead = app.create_staff(&worker.service, Role::ServiceLead);
    let admin_person = admin_of(&app, &worker);
    let admin = app.log_in(&admin_person).await;
    let elsewhere = app.create_worker();
    let disable = format!("/api/v1/admin/users/{}/disable", colleague.id);
    let response = app
        .post_json(&disable, Some(&admin.access_token), &json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let list = app.get_json("/api/v1/admin/staff", &admin).await;
    let staff = list["staff"].as_array().unwrap();
    let find = |id: &str| staff.iter().find(|s| s["id"] == id).cloned();
    assert_eq!(staff.len(), 4, "worker, colleague, lead, admin: {list}");
    let listed = find(worker.id.as_str()).unwrap();
    assert_eq!(listed["role"], "worker");
    assert_eq!(listed["email"], worker.email.as_str());
    assert_eq!(listed["active"], true);
    assert_eq!(listed["young_people"], 1);
    assert_eq!(find(colleague.id.as_str()).unwrap()["active"], false);
    assert_eq!(find(lead.id.as_str()).unwrap()["role"], "service_lead");
    assert_eq!(find(admin_person.id.as_str()).unwrap()["young_people"], 0);
    assert!(
        find(elsewhere.id.as_str()).is_none(),
        "another service's staff"
    );
    assert!(
        !list.to_string().contains("password"),
        "no password hash: {list}"
    );

    let response = app
        .get("/api/v1/admin/staff", Some(&worker_session.access_token))
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
}

async fn an_admin_lists_young_people_with_their_workers_and_nothing_they_wrote(app: TestApp) {
    let (worker, worker_session, young_person) = app.worker_with_young_person().await;
    let admin_person = admin_of(&app, &worker);
    let admin = app.log_in(&admin_person).await;
    let (_, _, elsewhere) = app.worker_with_young_person().await;
    let colleague = app.create_colleague(&worker);
    let assign = format!(
        "/api/v1/admin/assignments/{}/{}",
        colleague.id.as_str(),
        young_person.user_id
    );
    let response = app.send_put(&assign, &admin.access_token).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let disable = format!("/api/v1/admin/users/{}/disable", worker.id.as_str());
    let response = app
        .post_json(&disable, Some(&admin.access_token), &json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let list = app.get_json("/api/v1/admin/young-people", &admin).await;
    let people = list["young_people"].as_array().unwrap();
    assert_eq!(people.len(), 1, "only this service's: {list}");
    assert!(!list.to_string().contains(&elsewhere.user_id));
    let person = &people[0];
    assert_eq!(person["id"], young_person.user_id.as_str());
    assert_eq!(person["active"], true);
    assert!(person["joined_at"].is_string());
    let workers: Vec<(&str, bool)> = person["workers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["id"].as_str().unwrap(), w["active"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        workers,
        [(worker.id.as_str(), false), (colleague.id.as_str(), true)],
        "the first worker, now disabled, then the colleague"
    );
    let keys: Vec<&String> = person.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["active", "display_name", "id", "joined_at", "workers"],
        "names and assignments, nothing they record"
    );

    let response = app
        .get(
            "/api/v1/admin/young-people",
            Some(&worker_session.access_token),
        )
        .await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let lead = app
        .log_in(&app.create_staff(&admin_person.service, Role::ServiceLead))
        .await;
    let response = app
        .get("/api/v1/admin/young-people", Some(&lead.access_token))
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
}

async fn a_disabled_account_can_be_turned_back_on(app: TestApp) {
    let (worker, worker_session, young_person) = app.worker_with_young_person().await;
    let admin = app.log_in(&admin_of(&app, &worker)).await;
    for id in [worker.id.as_str(), young_person.user_id.as_str()] {
        let response = app
            .post_json(
                &format!("/api/v1/admin/users/{id}/disable"),
                Some(&admin.access_token),
                &json!({}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
    }
    let login = json!({"email": worker.email, "password": worker.password});
    let response = app.post_json("/api/v1/auth/login", None, &login).await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "invalid_credentials").await;

    let enable = format!("/api/v1/admin/users/{}/enable", worker.id.as_str());
    let response = app
        .post_json(&enable, Some(&admin.access_token), &json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = app.post_json("/api/v1/auth/login", None, &login).await;
    assert_eq!(response.status(), StatusCode::OK, "signs in afresh");
    let response = app
        .get("/api/v1/caseload", Some(&worker_session.access_token))
        .await;
    assert_problem(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;

    // Another service's admin cannot, and a worker cannot.
    let (other_worker, other_session, _) = app.worker_with_young_person().await;
    let other_admin = app.log_in(&admin_of(&app, &other_worker)).await;
    let young_enable = format!("/api/v1/admin/users/{}/enable", young_person.user_id);
    let response = app
        .post_json(&young_enable, Some(&other_admin.access_token), &json!({}))
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = app
        .post_json(&young_enable, Some(&other_session.access_token), &json!({}))
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "forbidden").await;
    let response = app
        .post_json(&young_enable, Some(&admin.access_token), &json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    // Written down for the young person to see, after disabling.
    let mut conn = app.pool.get().unwrap();
    let actions: Vec<String> = lantern_server::db::audit::for_subject(
        &mut conn,
        &lantern_server::db::ids::UserId(young_person.user_id.clone()),
    )
    .unwrap()
    .into_iter()
    .map(|event| event.action)
    .collect();
    let disabled = actions.iter().position(|a| a == "disable_account");
    let enabled = actions.iter().position(|a| a == "enable_account");
    assert!(
        disabled.is_some() && enabled.is_some(),
        "both kept: {actions:?}"
    );
}
