//! The authorisation matrix, built from the OpenAPI document: every
//! operation × every kind of caller (anonymous, each role, assigned or not,
//! same or other service) × every kind of target young person (consent on,
//! off or revoked; unassigned; another service's). It proves that each call
//! is refused exactly when it should be, that no refused or allowed answer
//! carries data the caller may not see, and that workers' reads of a young
//! person are audited. An operation in the document without an entry here
//! fails the test, so a new route cannot skip the matrix.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::Utc;
use lantern_core::checkin::SelfHarmAnswer;
use lantern_core::sync::{DeviceData, build_sync_batch};
use lantern_core::{ConsentGrant, ConsentScope};
use lantern_server::auth::sessions;
use lantern_server::auth::tokens::TokenKeys;
use lantern_server::db::consents::{self, NewConsentEvent};
use lantern_server::db::ids::{ServiceId, UserId, new_row_id};
use lantern_server::db::users::{self, NewUser, Role};
use lantern_server::db::{alerts, services};
use lantern_tests::{Session, StatusCode, TestApp, check_in, on_both_backends};
use serde_json::{Value, json};

on_both_backends!(every_operation_refuses_and_reveals_exactly_what_it_should);

/// Who calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Actor {
    Anonymous,
    /// The young person who shares mood and notes (a target too).
    YoungPersonOn,
    /// A young person who shares nothing (a target too).
    YoungPersonOff,
    /// Assigned to the On, Off and Revoked young people.
    Worker,
    /// Same service, assigned only to the Unassigned young person.
    Colleague,
    Lead,
    Admin,
    Parent,
    /// Another service's worker, assigned to its young person.
    OtherWorker,
    OtherAdmin,
}

const ACTORS: [Actor; 10] = [
    Actor::Anonymous,
    Actor::YoungPersonOn,
    Actor::YoungPersonOff,
    Actor::Worker,
    Actor::Colleague,
    Actor::Lead,
    Actor::Admin,
    Actor::Parent,
    Actor::OtherWorker,
    Actor::OtherAdmin,
];

impl Actor {
    fn role(self) -> Option<Role> {
        Some(match self {
            Actor::Anonymous => return None,
            Actor::YoungPersonOn | Actor::YoungPersonOff => Role::YoungPerson,
            Actor::Worker | Actor::Colleague | Actor::OtherWorker => Role::Worker,
            Actor::Lead => Role::ServiceLead,
            Actor::Admin | Actor::OtherAdmin => Role::Admin,
            Actor::Parent => Role::Parent,
        })
    }

    fn other_service(self) -> bool {
        matches!(self, Actor::OtherWorker | Actor::OtherAdmin)
    }
}

/// Whose data a call with a young person in its path is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    /// Shares mood and notes.
    On,
    /// Has never shared anything.
    Off,
    /// Shared mood and notes, synced, then stopped sharing.
    Revoked,
    /// Same service, not assigned to `Actor::Worker`.
    Unassigned,
    /// Another service's young person.
    OtherService,
}

const TARGETS: [Target; 5] = [
    Target::On,
    Target::Off,
    Target::Revoked,
    Target::Unassigned,
    Target::OtherService,
];

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::On => "Zorro-on",
            Target::Off => "Yarrow-off",
            Target::Revoked => "Xanthe-revoked",
            Target::Unassigned => "Wren-unassigned",
            Target::OtherService => "Vale-elsewhere",
        }
    }

    /// The note each synced; only On's is still shared.
    fn note(self) -> &'static str {
        match self {
            Target::On => "note-marker-on",
            Target::Off => "note-marker-off",
            Target::Revoked => "note-marker-revoked",
            Target::Unassigned => "note-marker-unassigned",
            Target::OtherService => "note-marker-elsewhere",
        }
    }

    fn assigned_to(self, actor: Actor) -> bool {
        match actor {
            Actor::Worker => matches!(self, Target::On | Target::Off | Target::Revoked),
            Actor::Colleague => self == Target::Unassigned,
            Actor::OtherWorker => self == Target::OtherService,
            _ => false,
        }
    }

    /// Every target but Off and Revoked shares mood and notes, and nothing else.
    fn shares(self, scope: &str) -> bool {
        matches!(self, Target::On | Target::Unassigned | Target::OtherService)
            && matches!(scope, "mood" | "notes")
    }

    fn in_other_service(self) -> bool {
        self == Target::OtherService
    }

    fn as_actor(self) -> Option<Actor> {
        match self {
            Target::On => Some(Actor::YoungPersonOn),
            Target::Off => Some(Actor::YoungPersonOff),
            _ => None,
        }
    }
}

/// What each caller may ever see: names and notes of anyone else must
/// never appear in an answer to them.
fn visible_markers(actor: Actor) -> BTreeSet<&'static str> {
    let mut seen = BTreeSet::new();
    for target in TARGETS {
        if target.assigned_to(actor) {
            seen.insert(target.name());
            if target == Target::On
                || target == Target::Unassigned
                || target == Target::OtherService
            {
                seen.insert(target.note());
            }
        }
        if target.as_actor() == Some(actor) {
            seen.insert(target.name());
            seen.insert(target.note());
        }
        // An admin assigns workers, so knows the service's young people by
        // name; never what they write.
        if actor.role() == Some(Role::Admin) && actor.other_service() == target.in_other_service() {
            seen.insert(target.name());
        }
    }
    seen
}

/// How the test calls an operation: the path's blanks and the body.
#[derive(Clone, Copy)]
enum Shape {
    /// Callable by anyone without a sign-in; its behaviour is tested in
    /// auth, join and relink tests. The matrix checks only that it exists.
    Public,
    /// The caller's own account.
    Own(fn() -> Option<Value>),
    /// One of the caller's own things (`{id}`) that does not exist: allowed
    /// callers get 404, everyone else the usual refusal.
    OwnMissing(fn() -> Option<Value>),
    /// About the young person in the path (`{id}`), or named in the body
    /// by the placeholder `"{id}"`.
    YoungPerson(fn() -> Option<Value>),
    /// About an alert raised for the target young person (`{id}`).
    AlertOf(fn() -> Option<Value>),
    /// An admin acting on the target young person (`{id}`), or on their
    /// assignment to their worker (`{worker_id}/{young_person_id}`).
    AdminOn(fn() -> Option<Value>),
    /// The caller's own account, with a one-time code nobody made: allowed
    /// callers get 404 `invalid_invite`, everyone else the usual refusal.
    BadCode(fn() -> Option<Value>),
}

struct Entry {
    callers: &'static [&'static str],
    shape: Shape,
}

fn no_body() -> Option<Value> {
    None
}

const PASSWORD: &str = "matrix staff password";

/// The matrix: every operation the document lists, with who may call it
/// (checked against the document's own statement) and how to call it.
fn matrix() -> BTreeMap<&'static str, Entry> {
    use Shape::*;
    const STAFF: &[&str] = &["worker", "service_lead", "admin"];
    const WITH_PASSWORD: &[&str] = &["worker", "parent", "service_lead", "admin"];
    const YP: &[&str] = &["young_person"];
    const WORKER: &[&str] = &["worker"];
    const ADMIN: &[&str] = &["admin"];
    const LEAD: &[&str] = &["service_lead"];
    const PARENT: &[&str] = &["parent"];
    const ANYONE: &[&str] = &["anyone"];
    const SIGNED_IN: &[&str] = &["signed_in"];
    let entries: Vec<(&'static str, &'static [&'static str], Shape)> = vec![
        ("post /auth/login", ANYONE, Public),
        ("post /auth/login/totp", ANYONE, Public),
        ("post /auth/refresh", ANYONE, Public),
        ("post /auth/logout", ANYONE, Public),
        ("get /me", SIGNED_IN, Own(no_body)),
        (
            "post /me/password",
            WITH_PASSWORD,
            Own(|| {
                Some(
                    json!({"current_password": PASSWORD, "new_password": "a fresh long password 42"}),
                )
            }),
        ),
        ("post /me/totp", STAFF, Own(no_body)),
        (
            "post /me/totp/confirm",
            STAFF,
            Own(|| Some(json!({"code": "000000"}))),
        ),
        (
            "post /me/totp/disable",
            STAFF,
            Own(|| Some(json!({"password": PASSWORD}))),
        ),
        ("post /join", ANYONE, Public),
        (
            "post /young-people/{id}/relink-codes",
            WORKER,
            YoungPerson(no_body),
        ),
        ("post /relink", ANYONE, Public),
        ("get /me/consents", YP, Own(no_body)),
        (
            "put /me/consents/{scope}",
            YP,
            Own(|| Some(json!({"granted": true, "include_past": false, "wording_version": 1}))),
        ),
        (
            "post /sync",
            YP,
            Own(|| Some(json!({"version": 1, "records": []}))),
        ),
        ("get /me/audit-events", YP, Own(no_body)),
        ("get /me/access", YP, Own(no_body)),
        ("get /me/groups", YP, Own(no_body)),
        ("get /me/export", SIGNED_IN, Own(no_body)),
        ("get /me/notifications", SIGNED_IN, Own(no_body)),
        (
            "post /me/notifications/{id}/read",
            SIGNED_IN,
            OwnMissing(no_body),
        ),
        ("get /me/notification-settings", SIGNED_IN, Own(no_body)),
        (
            "put /me/notification-settings",
            SIGNED_IN,
            Own(|| Some(json!({"time_zone": "Europe/London", "quiet_hours": null}))),
        ),
        ("get /push/vapid-public-key", ANYONE, Public),
        (
            "post /push/subscriptions",
            SIGNED_IN,
            // Refused as a bad address (422): the matrix checks who may
            // call it; notifications.rs stores real ones.
            Own(|| {
                Some(json!({
                    "endpoint": "https://push.invalid/x",
                    "keys": {"p256dh": "x", "auth": "x"}
                }))
            }),
        ),
        (
            "delete /push/subscriptions/{id}",
            SIGNED_IN,
            OwnMissing(no_body),
        ),
        // Anyone, with the reminder's secret: reminders.rs tests the secret
        // and what a sign-in adds.
        ("post /reminders", ANYONE, Public),
        ("put /reminders/{id}", ANYONE, Public),
        ("delete /reminders/{id}", ANYONE, Public),
        (
            "delete /me",
            SIGNED_IN,
            Own(|| Some(json!({"confirm": true}))),
        ),
        ("get /alerts", WORKER, Own(no_body)),
        (
            "post /alerts/{id}/acknowledge",
            WORKER,
            AlertOf(|| Some(json!({"note": "Talked it through."}))),
        ),
        ("get /me/alerts", YP, Own(no_body)),
        ("post /invites", WORKER, Own(no_body)),
        ("get /caseload", WORKER, Own(no_body)),
        (
            "get /young-people/{id}/check-ins",
            WORKER,
            YoungPerson(no_body),
        ),
        (
            "get /young-people/{id}/progress",
            WORKER,
            YoungPerson(no_body),
        ),
        (
            "get /young-people/{id}/safety-plan",
            WORKER,
            YoungPerson(no_body),
        ),
        (
            "get /young-people/{id}/thrive",
            WORKER,
            YoungPerson(no_body),
        ),
        (
            "post /young-people/{id}/thrive",
            WORKER,
            YoungPerson(|| {
                Some(
                    json!({"grouping": "getting_help", "reason": "Agreed together.", "agreed_with_young_person": true}),
                )
            }),
        ),
        ("get /me/thrive", YP, Own(no_body)),
        (
            "get /encouragement-templates",
            &["worker", "admin"],
            Own(no_body),
        ),
        (
            "post /admin/encouragement-templates",
            ADMIN,
            Own(|| Some(json!({"text": "Lovely to see you today."}))),
        ),
        (
            "patch /admin/encouragement-templates/{id}",
            ADMIN,
            OwnMissing(|| Some(json!({"retired": true}))),
        ),
        (
            "post /encouragements",
            WORKER,
            // The young person is in the body: "{id}" is replaced there too.
            YoungPerson(|| Some(json!({"young_person_ids": ["{id}"], "text": "Well done."}))),
        ),
        ("get /encouragements", WORKER, Own(no_body)),
        ("delete /encouragements/{id}", WORKER, OwnMissing(no_body)),
        ("get /me/encouragements", YP, Own(no_body)),
        (
            "put /me/encouragements/{id}/reply",
            YP,
            OwnMissing(|| Some(json!({"reply": "heart"}))),
        ),
        ("get /admin/service", ADMIN, Own(no_body)),
        ("get /admin/staff", ADMIN, Own(no_body)),
        ("get /admin/young-people", ADMIN, Own(no_body)),
        (
            "post /admin/staff",
            ADMIN,
            Own(|| {
                Some(
                    json!({"role": "worker", "email": format!("new-{}@example.org", new_row_id()),
                        "display_name": "New Worker", "password": "a long new staff password"}),
                )
            }),
        ),
        (
            "put /admin/assignments/{worker_id}/{young_person_id}",
            ADMIN,
            AdminOn(no_body),
        ),
        (
            "delete /admin/assignments/{worker_id}/{young_person_id}",
            ADMIN,
            AdminOn(no_body),
        ),
        ("post /admin/users/{id}/disable", ADMIN, AdminOn(no_body)),
        ("post /admin/users/{id}/enable", ADMIN, AdminOn(no_body)),
        (
            "patch /admin/service",
            ADMIN,
            Own(|| Some(json!({"require_totp": false}))),
        ),
        ("post /me/parent-codes", YP, Own(no_body)),
        ("get /me/parents", YP, Own(no_body)),
        ("delete /me/parents/{id}", YP, OwnMissing(no_body)),
        (
            "post /me/parent-nudges",
            YP,
            Own(|| Some(json!({"message": "hard day"}))),
        ),
        ("get /me/parent-nudges", YP, Own(no_body)),
        ("post /parent/join", ANYONE, Public),
        (
            "post /parent/children",
            PARENT,
            BadCode(|| Some(json!({"code": "AAAA-AAAA"}))),
        ),
        ("get /parent/tip-preferences", PARENT, Own(no_body)),
        (
            "put /parent/tip-preferences",
            PARENT,
            Own(|| {
                Some(
                    json!({"topics": ["sleep"], "weekday": "monday", "time": "18:00",
                    "frequency": "weekly"}),
                )
            }),
        ),
        ("get /parent/tips", PARENT, Own(no_body)),
        ("get /tip-catalogue", &["worker", "parent"], Own(no_body)),
        (
            "post /young-people/{id}/parent-tips",
            WORKER,
            YoungPerson(|| Some(json!({"tip_id": "sleep_wind_down"}))),
        ),
        (
            "put /young-people/{id}/outcome-records/{term}",
            WORKER,
            YoungPerson(|| {
                Some(json!({"attendance_percent": 91.5,
                    "fixed_term_exclusions": {"count": 0, "days": 0},
                    "permanent_exclusion": false, "part_time_timetable": false}))
            }),
        ),
        (
            "get /young-people/{id}/outcome-records",
            WORKER,
            YoungPerson(no_body),
        ),
        ("get /me/outcome-records", YP, Own(no_body)),
        // Anyone: national services without a sign-in; service_records.rs
        // tests that only a signed-in caller sees their service's own.
        ("get /directory", ANYONE, Public),
        (
            "post /admin/directory",
            ADMIN,
            Own(|| {
                Some(json!({"name": "Drop-in", "description": "A place to talk.",
                    "needs": ["anxiety"], "thrive": ["getting_advice"], "min_age": 11,
                    "max_age": 18, "area": "Town", "phone": "01632 960000",
                    "self_referral": true, "hours": "Tuesdays 4 to 6"}))
            }),
        ),
        // No body: an allowed admin's empty file is refused for its header.
        ("post /admin/directory/import", ADMIN, Own(no_body)),
        (
            "patch /admin/directory/{id}",
            ADMIN,
            OwnMissing(|| Some(json!({"name": "Renamed"}))),
        ),
        ("delete /admin/directory/{id}", ADMIN, OwnMissing(no_body)),
        (
            "post /young-people/{id}/signposts",
            WORKER,
            // A national service: its id is fixed in server/data/directory.json.
            YoungPerson(|| {
                Some(json!({"directory_service_id": "childline", "note": "Worth a try."}))
            }),
        ),
        ("get /me/signposts", YP, Own(no_body)),
        // Without months an allowed lead is told to give them (422):
        // reports.rs tests the figures and what they hide.
        ("get /reports/outcomes", LEAD, Own(no_body)),
        ("get /reports/outcomes.csv", LEAD, Own(no_body)),
        ("get /reports/filters", LEAD, Own(no_body)),
        // Groups are the worker's own: groups.rs tests assigned members,
        // the limits and what the page shows; here a group that is not
        // there is 404 for an allowed worker.
        (
            "post /groups",
            WORKER,
            Own(|| Some(json!({"name": "Group", "starts_on": "2026-09-07", "weeks": 12}))),
        ),
        ("get /groups", WORKER, Own(no_body)),
        ("get /groups/{id}", WORKER, OwnMissing(no_body)),
        (
            "patch /groups/{id}",
            WORKER,
            OwnMissing(|| Some(json!({"finished": true}))),
        ),
        (
            "put /groups/{id}/members/{young_person}",
            WORKER,
            OwnMissing(no_body),
        ),
        (
            "delete /groups/{id}/members/{young_person}",
            WORKER,
            OwnMissing(no_body),
        ),
        (
            "post /groups/{id}/sessions",
            WORKER,
            OwnMissing(|| Some(json!({"held_on": "2026-09-07"}))),
        ),
        (
            "put /groups/{id}/sessions/{session}/attendance",
            WORKER,
            OwnMissing(|| Some(json!({"present": []}))),
        ),
    ];
    entries
        .into_iter()
        .map(|(key, callers, shape)| (key, Entry { callers, shape }))
        .collect()
}

/// One set of people and data on a fresh database.
struct World {
    sessions: BTreeMap<Actor, Session>,
    young_people: BTreeMap<Target, String>,
    /// The worker assigned to each target young person.
    worker_of: BTreeMap<Target, String>,
    alert_of_on: String,
}

fn staff_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| lantern_server::auth::passwords::hash(PASSWORD).unwrap())
}

impl World {
    async fn build(app: &TestApp) -> World {
        let now = Utc::now();
        let (service, other, keys, mut ids) = {
            let mut conn = app.pool.get().unwrap();
            let service =
                services::create(&mut conn, &format!("A {}", new_row_id()), now.naive_utc())
                    .unwrap();
            let other =
                services::create(&mut conn, &format!("B {}", new_row_id()), now.naive_utc())
                    .unwrap();
            let keys = TokenKeys::load_or_create(&mut conn, now).unwrap();
            (service, other, keys, BTreeMap::new())
        };
        let make = |service: &ServiceId, role: Role, name: &str| -> UserId {
            let mut conn = app.pool.get().unwrap();
            let id = new_row_id();
            let email = (role != Role::YoungPerson).then(|| format!("{id}@example.org"));
            users::create(
                &mut conn,
                NewUser {
                    id: &id,
                    service_id: service.as_str(),
                    role: role.as_str(),
                    email: email.as_deref(),
                    password_hash: (role != Role::YoungPerson).then(staff_hash),
                    display_name: name,
                    age_band: (role == Role::YoungPerson).then_some("13-15"),
                    created_at: (now - chrono::Duration::days(30)).naive_utc(),
                },
            )
            .unwrap()
        };
        for (actor, name) in [
            (Actor::Worker, "Worker Wendy"),
            (Actor::Colleague, "Colleague Cal"),
            (Actor::Lead, "Lead Lou"),
            (Actor::Admin, "Admin Ada"),
            (Actor::Parent, "Parent Pat"),
        ] {
            ids.insert(actor, make(&service, actor.role().unwrap(), name));
        }
        ids.insert(Actor::OtherWorker, make(&other, Role::Worker, "Other Olly"));
        ids.insert(Actor::OtherAdmin, make(&other, Role::Admin, "Other Admin"));
        let mut young_people = BTreeMap::new();
        for target in TARGETS {
            let home = if target.in_other_service() {
                &other
            } else {
                &service
            };
            let id = make(home, Role::YoungPerson, target.name());
            young_people.insert(target, id.clone());
            if let Some(actor) = target.as_actor() {
                ids.insert(actor, id);
            }
        }
        let mut worker_of = BTreeMap::new();
        {
            let mut conn = app.pool.get().unwrap();
            for target in TARGETS {
                let worker = match target {
                    Target::Unassigned => &ids[&Actor::Colleague],
                    Target::OtherService => &ids[&Actor::OtherWorker],
                    _ => &ids[&Actor::Worker],
                };
                users::assign(&mut conn, worker, &young_people[&target], now.naive_utc()).unwrap();
                worker_of.insert(target, worker.to_string());
            }
        }
        let mut sessions = BTreeMap::new();
        {
            let mut conn = app.pool.get().unwrap();
            for (actor, id) in &ids {
                let user = users::find(&mut conn, id).unwrap().unwrap();
                let session = sessions::start(&mut conn, &keys, &user, now).unwrap();
                sessions.insert(
                    *actor,
                    Session::from_json(&serde_json::to_value(&session).unwrap()),
                );
            }
        }
        // Each young person but Off shares mood and notes and syncs a note.
        for target in TARGETS {
            if target == Target::Off {
                continue;
            }
            let id = &young_people[&target];
            {
                let mut conn = app.pool.get().unwrap();
                for scope in [ConsentScope::Mood, ConsentScope::Notes] {
                    let event = NewConsentEvent {
                        scope,
                        granted: true,
                        include_past: true,
                        wording_version: 1,
                    };
                    consents::record(
                        &mut conn,
                        id,
                        &event,
                        (now - chrono::Duration::days(1)).naive_utc(),
                    )
                    .unwrap();
                }
            }
            let session = young_person_session(app, &keys, id).await;
            let grants: Vec<ConsentGrant> = [ConsentScope::Mood, ConsentScope::Notes]
                .into_iter()
                .map(|scope| ConsentGrant {
                    scope,
                    granted_at: now.fixed_offset(),
                    include_past: true,
                })
                .collect();
            let data = DeviceData {
                check_ins: vec![check_in(3, 60, Some(target.note()))],
                ..Default::default()
            };
            let batch = serde_json::to_value(build_sync_batch(&data, &grants)).unwrap();
            assert_eq!(app.sync(&session, &batch).await.status(), StatusCode::OK);
            if target == Target::Revoked {
                let mut conn = app.pool.get().unwrap();
                for scope in [ConsentScope::Mood, ConsentScope::Notes] {
                    let event = NewConsentEvent {
                        scope,
                        granted: false,
                        include_past: false,
                        wording_version: 1,
                    };
                    consents::record(&mut conn, id, &event, Utc::now().naive_utc()).unwrap();
                }
            }
        }
        let on = &sessions[&Actor::YoungPersonOn];
        app.disclose(on, SelfHarmAnswer::Yes).await;
        let alert_of_on = {
            let mut conn = app.pool.get().unwrap();
            alerts::for_young_person(&mut conn, &young_people[&Target::On]).unwrap()[0]
                .id
                .clone()
        };
        World {
            worker_of,
            young_people: young_people
                .into_iter()
                .map(|(t, id)| (t, id.to_string()))
                .collect(),
            sessions,
            alert_of_on,
        }
    }
}

async fn young_person_session(app: &TestApp, keys: &TokenKeys, id: &UserId) -> Session {
    let mut conn = app.pool.get().unwrap();
    let user = users::find(&mut conn, id).unwrap().unwrap();
    let session = sessions::start(&mut conn, keys, &user, Utc::now()).unwrap();
    Session::from_json(&serde_json::to_value(&session).unwrap())
}

/// The one call for (operation, actor, target).
struct Call {
    method: String,
    path: String,
    body: Option<Value>,
}

fn call_for(key: &str, shape: Shape, world: &World, target: Option<Target>) -> Call {
    let (method, template) = key.split_once(' ').unwrap();
    let young_person = target
        .map(|t| world.young_people[&t].clone())
        .unwrap_or_default();
    let (path, body) = match shape {
        Shape::Public => (template.to_owned(), None),
        Shape::Own(body) | Shape::BadCode(body) => (template.replace("{scope}", "mood"), body()),
        Shape::OwnMissing(body) => (
            template.replace("{id}", "00000000-0000-4000-8000-000000000000"),
            body(),
        ),
        Shape::YoungPerson(body) => (
            template
                .replace("{id}", &young_person)
                .replace("{term}", "2026-autumn"),
            body().map(|body| {
                serde_json::from_str(&body.to_string().replace("{id}", &young_person)).unwrap()
            }),
        ),
        Shape::AlertOf(body) => (template.replace("{id}", &world.alert_of_on), body()),
        Shape::AdminOn(body) => (
            template
                .replace("{id}", &young_person)
                .replace(
                    "{worker_id}",
                    target.map_or("", |t| world.worker_of[&t].as_str()),
                )
                .replace("{young_person_id}", &young_person),
            body(),
        ),
    };
    Call {
        method: method.to_uppercase(),
        path: format!("/api/v1{path}"),
        body,
    }
}

/// What should happen, judged from the rules of the product, not from the
/// server: (status, code) of the refusal, or None when allowed.
fn expected(
    entry: &Entry,
    operation: &Value,
    actor: Actor,
    target: Option<Target>,
) -> Option<(u16, &'static str)> {
    let role = match actor.role() {
        None => return Some((401, "unauthenticated")),
        Some(role) => role,
    };
    let callers = entry.callers;
    if !callers.contains(&"signed_in") && !callers.contains(&role.as_str()) {
        return Some((403, "forbidden"));
    }
    match entry.shape {
        Shape::YoungPerson(_) => {
            let target = target.unwrap();
            if !target.assigned_to(actor) {
                return Some((404, "not_found"));
            }
            if let Some(scope) = operation["x-lantern-consent-scope"].as_str() {
                if !target.shares(scope) {
                    return Some((403, "consent_required"));
                }
            }
            None
        }
        Shape::AlertOf(_) => (!Target::On.assigned_to(actor)).then_some((404, "not_found")),
        Shape::AdminOn(_) => (target.unwrap().in_other_service() != actor.other_service())
            .then_some((404, "not_found")),
        Shape::OwnMissing(_) => Some((404, "not_found")),
        Shape::BadCode(_) => Some((404, "invalid_invite")),
        Shape::Own(_) | Shape::Public => None,
    }
}

fn targets_of(shape: Shape) -> Vec<Option<Target>> {
    match shape {
        Shape::YoungPerson(_) | Shape::AdminOn(_) => TARGETS.into_iter().map(Some).collect(),
        _ => vec![None],
    }
}

async fn send(app: &TestApp, session: Option<&Session>, call: &Call) -> (u16, Value) {
    let method = reqwest::Method::from_bytes(call.method.as_bytes()).unwrap();
    let mut request = app.client.request(method, app.url(&call.path));
    if let Some(session) = session {
        request = request.bearer_auth(&session.access_token);
    }
    if let Some(body) = &call.body {
        request = request.json(body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn audit_rows(app: &TestApp, young_person: &str) -> usize {
    let mut conn = app.pool.get().unwrap();
    lantern_server::db::audit::for_subject(&mut conn, &UserId(young_person.to_owned()))
        .unwrap()
        .len()
}

async fn every_operation_refuses_and_reveals_exactly_what_it_should(app: TestApp) {
    let document: Value = app
        .get("/api/openapi.json", None)
        .await
        .json()
        .await
        .unwrap();
    let matrix = matrix();
    let mut documented = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let key = format!("{method} {}", path.strip_prefix("/api/v1").unwrap());
            let entry = matrix.get(key.as_str()).unwrap_or_else(|| {
                panic!(
                    "{key} is in the OpenAPI document but has no entry in the authorisation matrix"
                )
            });
            let declared: Vec<&str> = operation["x-lantern-callers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap())
                .collect();
            assert_eq!(
                declared, entry.callers,
                "{key}: the document and the matrix disagree on who may call"
            );
            documented.insert(key);
        }
    }
    let listed: BTreeSet<String> = matrix.keys().map(|k| k.to_string()).collect();
    assert_eq!(
        listed, documented,
        "the matrix lists operations the document does not"
    );

    let shared = World::build(&app).await;
    let mut checked = 0;
    for (key, entry) in &matrix {
        if matches!(entry.shape, Shape::Public) {
            continue;
        }
        let operation = operation_of(&document, key);
        let mutating = !key.starts_with("get ");
        // Refusals change nothing, so they share one world; every allowed
        // call of an operation that changes things gets a world of its own.
        let refusals_world = if mutating {
            World::build(&app).await
        } else {
            World::build_shared(&shared)
        };
        for actor in ACTORS {
            for target in targets_of(entry.shape) {
                let expect = expected(entry, &operation, actor, target);
                let fresh;
                let world = if mutating && expect.is_none() {
                    fresh = World::build(&app).await;
                    &fresh
                } else {
                    &refusals_world
                };
                let call = call_for(key, entry.shape, world, target);
                let audited_before = target.map(|t| audit_rows(&app, &world.young_people[&t]));
                let (status, body) = send(&app, world.sessions.get(&actor), &call).await;
                let context = format!("{key} as {actor:?} on {target:?}: {status} {body}");
                match expect {
                    Some((want_status, want_code)) => {
                        assert_eq!(status, want_status, "{context}");
                        assert_eq!(body["code"], want_code, "{context}");
                    }
                    None => {
                        assert!(
                            status < 400 || matches!(status, 409 | 422),
                            "allowed, so not refused and not broken: {context}"
                        );
                    }
                }
                let text = body.to_string();
                let visible = visible_markers(actor);
                for marker in TARGETS.iter().flat_map(|t| [t.name(), t.note()]) {
                    assert!(
                        visible.contains(marker) || !text.contains(marker),
                        "{marker} leaked: {context}"
                    );
                }
                // Workers' reads of a young person of their own service are
                // written down, allowed or refused.
                if let (Some(before), Some(t)) = (audited_before, target) {
                    let worker_of_service = actor.role() == Some(Role::Worker)
                        && !t.in_other_service()
                        && !actor.other_service();
                    if matches!(entry.shape, Shape::YoungPerson(_))
                        && worker_of_service
                        && status != 403
                    {
                        assert!(
                            audit_rows(&app, &world.young_people[&t]) > before,
                            "not audited: {context}"
                        );
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "the matrix ran {checked} calls");
}

impl World {
    /// The read-only world is shared by every operation that only reads.
    fn build_shared(shared: &World) -> World {
        World {
            sessions: shared.sessions.clone(),
            young_people: shared.young_people.clone(),
            worker_of: shared.worker_of.clone(),
            alert_of_on: shared.alert_of_on.clone(),
        }
    }
}

fn operation_of(document: &Value, key: &str) -> Value {
    let (method, path) = key.split_once(' ').unwrap();
    document["paths"][format!("/api/v1{path}")][method].clone()
}
