//! The demo's wider picture: a second worker who runs two school groups
//! with twenty young people, and a service lead. Reports hide any figure
//! from fewer than five young people, so a demo of four would show the
//! lead nothing; twenty give them real numbers. Everything is made up and
//! the same on every run (a seeded generator).

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use diesel::prelude::*;
use lantern_core::checkin::SelfHarmAnswer;
use lantern_core::goals::{Goal, GoalRating};
use lantern_core::measures::{Answer, MeasureResponse};
use lantern_core::profile::AgeBand;
use lantern_core::sync::RecordKind;
use lantern_core::thrive::ThriveGrouping;
use lantern_core::{ConsentScope, RecordId};

use super::{DemoAlert, DemoYoungPerson, Lcg, seed_young_person};
use crate::admin::{self, NewStaff};
use crate::db::AnyConnection;
use crate::db::ids::{ServiceId, UserId, new_row_id};
use crate::db::outcome_records::{self, Outcome};
use crate::db::schema::{group_attendance, group_members, group_sessions, support_groups};
use crate::db::shared_records::{self, NewSharedRecord};
use crate::db::users::Role;
use crate::outcome::Term;

pub struct Staff {
    pub group_worker: UserId,
}

/// The lead, the admin and the group worker; before the seed's
/// transaction, since hashing their passwords is slow on purpose.
pub fn staff(conn: &mut AnyConnection, service: &ServiceId) -> anyhow::Result<Staff> {
    admin::create_staff(
        conn,
        NewStaff {
            service,
            role: Role::ServiceLead,
            email: super::DEMO_LEAD_EMAIL,
            display_name: "Dana Okafor (lead)",
            password: super::DEMO_LEAD_PASSWORD,
        },
    )?;
    admin::create_staff(
        conn,
        NewStaff {
            service,
            role: Role::Admin,
            email: super::DEMO_ADMIN_EMAIL,
            display_name: "Priya Shah (admin)",
            password: super::DEMO_ADMIN_PASSWORD,
        },
    )?;
    let group_worker = admin::create_staff(
        conn,
        NewStaff {
            service,
            role: Role::Worker,
            email: super::DEMO_GROUP_WORKER_EMAIL,
            display_name: "Jordan Lee (groups)",
            password: super::DEMO_GROUP_WORKER_PASSWORD,
        },
    )?;
    Ok(Staff { group_worker })
}

const NAMES: [&str; 20] = [
    "Ash", "Bea", "Cal", "Dev", "Eli", "Fin", "Gus", "Hana", "Ivy", "Jo", "Kai", "Lou", "Mo",
    "Nia", "Oli", "Pip", "Rae", "Sol", "Tam", "Zed",
];

/// What each shares: most share mood; many their wheel and goals; some
/// nothing at all.
const SCOPES: [&[ConsentScope]; 5] = [
    &[ConsentScope::Mood, ConsentScope::Wheel, ConsentScope::Goals],
    &[
        ConsentScope::Mood,
        ConsentScope::Feelings,
        ConsentScope::Wheel,
    ],
    &[ConsentScope::Mood, ConsentScope::Goals, ConsentScope::Wheel],
    &[ConsentScope::Mood],
    &[],
];

const THRIVE: [[(ThriveGrouping, &str); 2]; 4] = [
    [
        (
            ThriveGrouping::GettingHelp,
            "Agreed: the group sessions, with a check-in each week.",
        ),
        (
            ThriveGrouping::GettingAdvice,
            "Agreed: things are easier; the group is enough for now.",
        ),
    ],
    [
        (
            ThriveGrouping::GettingAdvice,
            "Agreed: the group, to learn ways to handle worry.",
        ),
        (
            ThriveGrouping::GettingAdvice,
            "Agreed: carry on with the group as it is.",
        ),
    ],
    [
        (
            ThriveGrouping::GettingHelp,
            "Agreed: the group and some one-to-one time.",
        ),
        (
            ThriveGrouping::GettingHelp,
            "Agreed: keep the one-to-one time going.",
        ),
    ],
    [
        (
            ThriveGrouping::GettingAdvice,
            "Agreed: the group for the spring.",
        ),
        (
            ThriveGrouping::Thriving,
            "Agreed: doing well; the group is a bonus now.",
        ),
    ],
];

const NOTES: [&str; 3] = [
    "Spoke with them at school the same day; we looked at their plan together.",
    "Called after school; they were okay and we agreed who to talk to at home.",
    "Met at lunchtime; they chose to tell their form tutor, with me there.",
];

const GOALS: [&str; 4] = [
    "Put my hand up once in each lesson",
    "Go to bed before ten on school nights",
    "Say how I feel instead of shouting",
    "Walk to school with a friend",
];

const TOPICS: [&str; 6] = [
    "Getting to know each other",
    "Noticing feelings",
    "Calm breathing",
    "Worry time",
    "Being kind to myself",
    "Who can help",
];

pub fn seed(
    conn: &mut AnyConnection,
    service: &ServiceId,
    staff: &Staff,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let wheel = lantern_core::measures::catalogue()
        .ok()
        .and_then(|catalogue| catalogue.wheel().cloned())
        .ok_or_else(|| anyhow::anyhow!("the wheel is not in the catalogue"))?;
    let mut random = Lcg(0xc0_4047);
    let mut people = vec![];
    for (i, name) in NAMES.iter().enumerate() {
        let weeks = 8 + (i as i64 * 5) % 13;
        let start = 2.0 + (random.next() % 15) as f64 / 10.0;
        let person = DemoYoungPerson {
            name,
            age_band: if i % 2 == 0 {
                AgeBand::TenToTwelve
            } else {
                AgeBand::ThirteenToFifteen
            },
            scopes: SCOPES[i % SCOPES.len()],
            weeks,
            start,
            // Most a little better, not all.
            end: (start + (random.next() % 16) as f64 / 10.0 - 0.4).clamp(1.0, 5.0),
            thrive: THRIVE[i % THRIVE.len()],
            alert: (i % 3 == 1).then(|| DemoAlert {
                answer: SelfHarmAnswer::ALittle,
                days_ago: 3 + (i as i64 % 7) * 4,
                acknowledged: Some(NOTES[i % NOTES.len()]),
                minutes_to_acknowledge: 12 + (random.next() % 400) as i64,
            }),
        };
        let id = seed_young_person(
            conn,
            service,
            &staff.group_worker,
            &person,
            100 + i as u64,
            now,
        )?;
        let joined = now - Duration::weeks(weeks) - Duration::days(1);
        if person.scopes.contains(&ConsentScope::Wheel) {
            seed_wheel(conn, &id, &wheel, joined, now, &mut random)?;
        }
        if person.scopes.contains(&ConsentScope::Goals) {
            seed_goal(conn, &id, GOALS[i % GOALS.len()], joined, now, &mut random)?;
        }
        seed_school(conn, &id, &staff.group_worker, joined, now, &mut random)?;
        people.push(id);
    }
    let today = now.date_naive();
    seed_group(
        conn,
        service,
        staff,
        ("Year 8 Resilience (demo)", "Riverside Academy (demo)", 12),
        today - Duration::weeks(6),
        &people[..11],
        now,
        &mut random,
    )?;
    seed_group(
        conn,
        service,
        staff,
        ("Calm Club (demo)", "Millbrook School (demo)", 14),
        today - Duration::weeks(4),
        &people[11..19],
        now,
        &mut random,
    )?;
    Ok(())
}

fn shared(
    conn: &mut AnyConnection,
    young_person: &UserId,
    kind: RecordKind,
    id: &RecordId,
    at: DateTime<Utc>,
    payload: String,
) -> anyhow::Result<()> {
    shared_records::upsert(
        conn,
        young_person,
        NewSharedRecord {
            kind,
            id,
            recorded_at: Some(at.fixed_offset()),
            payload,
        },
        at.naive_utc(),
    )?;
    Ok(())
}

/// The wheel answered when they joined and again lately, a little higher
/// in most areas.
fn seed_wheel(
    conn: &mut AnyConnection,
    young_person: &UserId,
    wheel: &lantern_core::measures::MeasureDefinition,
    joined: DateTime<Utc>,
    now: DateTime<Utc>,
    random: &mut Lcg,
) -> anyhow::Result<()> {
    let first: Vec<u8> = wheel
        .items
        .iter()
        .map(|_| 3 + (random.next() % 4) as u8)
        .collect();
    for (at, lift) in [
        (joined + Duration::days(2), 0u8),
        (now - Duration::days(3), 1),
    ] {
        let answers = wheel
            .items
            .iter()
            .zip(&first)
            .map(|(item, value)| {
                let gain = if lift > 0 {
                    (random.next() % 4) as u8
                } else {
                    0
                };
                Answer {
                    item_id: item.id.clone(),
                    value: (value + gain).clamp(wheel.scale.min, wheel.scale.max),
                }
            })
            .collect();
        let response = MeasureResponse {
            id: RecordId::generate(at.timestamp_millis() as u64, random.bytes()),
            measure_id: wheel.id.clone(),
            completed_at: at.fixed_offset(),
            answers,
        };
        let payload = serde_json::to_string(&response)?;
        shared(
            conn,
            young_person,
            RecordKind::MeasureResponse,
            &response.id,
            at,
            payload,
        )?;
    }
    Ok(())
}

/// One goal in their own words, rated when set and again lately.
fn seed_goal(
    conn: &mut AnyConnection,
    young_person: &UserId,
    text: &str,
    joined: DateTime<Utc>,
    now: DateTime<Utc>,
    random: &mut Lcg,
) -> anyhow::Result<()> {
    let set_at = joined + Duration::days(3);
    let goal = Goal {
        id: RecordId::generate(set_at.timestamp_millis() as u64, random.bytes()),
        text: text.to_owned(),
        set_at: set_at.fixed_offset(),
        closed_at: None,
    };
    shared(
        conn,
        young_person,
        RecordKind::Goal,
        &goal.id,
        set_at,
        serde_json::to_string(&goal)?,
    )?;
    let first = 1 + (random.next() % 4) as u8;
    let latest = (first + (random.next() % 6) as u8).min(10);
    for (at, progress) in [
        (set_at + Duration::days(1), first),
        (now - Duration::days(2), latest),
    ] {
        let rating = GoalRating {
            id: RecordId::generate(at.timestamp_millis() as u64, random.bytes()),
            goal_id: goal.id.clone(),
            rated_at: at.fixed_offset(),
            progress,
        };
        let payload = serde_json::to_string(&rating)?;
        shared(
            conn,
            young_person,
            RecordKind::GoalRating,
            &rating.id,
            at,
            payload,
        )?;
    }
    Ok(())
}

/// The school term a day falls in, as reports count terms (August counts
/// as summer).
fn term_of(day: NaiveDate) -> String {
    let season = match (day.month(), day.day()) {
        (1..=3, _) | (4, 1..=14) => "spring",
        (9..=12, _) => "autumn",
        _ => "summer",
    };
    format!("{}-{season}", day.year())
}

/// The last term that ended before `day`.
fn term_before(day: NaiveDate) -> Option<String> {
    (1..=12)
        .map(|months| term_of(day - Duration::days(30 * months)))
        .find(|name| Term::parse(name).is_some_and(|term| term.dates().1 < day))
}

/// The term before support and this term: attendance up a little for
/// most, exclusions fewer.
fn seed_school(
    conn: &mut AnyConnection,
    young_person: &UserId,
    worker: &UserId,
    joined: DateTime<Utc>,
    now: DateTime<Utc>,
    random: &mut Lcg,
) -> anyhow::Result<()> {
    let attendance = 760 + (random.next() % 170) as i32;
    let exclusions = (random.next() % 3) as i32;
    let before = Outcome {
        attendance_tenths: attendance,
        exclusions,
        exclusion_day_tenths: exclusions * 10 * (1 + (random.next() % 2) as i32),
        permanent_exclusion: false,
        part_time_timetable: random.next() % 5 == 0,
    };
    let during = Outcome {
        attendance_tenths: (attendance + (random.next() % 80) as i32 - 15).min(1000),
        exclusions: exclusions.saturating_sub(1),
        exclusion_day_tenths: exclusions.saturating_sub(1) * 10,
        permanent_exclusion: false,
        part_time_timetable: false,
    };
    let terms = [
        term_before(joined.date_naive()),
        Some(term_of(now.date_naive())),
    ];
    for (term, outcome) in terms.iter().zip([before, during]) {
        if let Some(term) = term {
            outcome_records::upsert(conn, young_person, term, outcome, worker, now.naive_utc())?;
        }
    }
    Ok(())
}

/// A closed group at a school: weekly sessions so far, and who came.
#[allow(clippy::too_many_arguments)]
fn seed_group(
    conn: &mut AnyConnection,
    service: &ServiceId,
    staff: &Staff,
    (name, school, weeks): (&str, &str, i32),
    starts_on: NaiveDate,
    members: &[UserId],
    now: DateTime<Utc>,
    random: &mut Lcg,
) -> anyhow::Result<()> {
    // Written directly: the demo needs only rows, not the group rules.
    let group = new_row_id();
    let created = starts_on.and_hms_opt(9, 0, 0).unwrap_or_default();
    diesel::insert_into(support_groups::table)
        .values((
            support_groups::id.eq(&group),
            support_groups::service_id.eq(service.as_str()),
            support_groups::name.eq(name),
            support_groups::school.eq(school),
            support_groups::worker_id.eq(staff.group_worker.as_str()),
            support_groups::starts_on.eq(starts_on.to_string()),
            support_groups::weeks.eq(weeks),
            support_groups::created_at.eq(created),
        ))
        .execute(conn)?;
    for member in members {
        diesel::insert_into(group_members::table)
            .values((
                group_members::group_id.eq(&group),
                group_members::young_person_id.eq(member.as_str()),
                group_members::joined_at.eq(created),
            ))
            .execute(conn)?;
    }
    let mut held_on = starts_on;
    let mut number = 1;
    while held_on <= now.date_naive() && number <= weeks {
        let session = new_row_id();
        diesel::insert_into(group_sessions::table)
            .values((
                group_sessions::id.eq(&session),
                group_sessions::group_id.eq(&group),
                group_sessions::number.eq(number),
                group_sessions::held_on.eq(held_on.to_string()),
                group_sessions::topic.eq(TOPICS[(number as usize - 1) % TOPICS.len()]),
            ))
            .execute(conn)?;
        let recorded = held_on.and_hms_opt(16, 0, 0).unwrap_or_default();
        for member in members {
            diesel::insert_into(group_attendance::table)
                .values((
                    group_attendance::session_id.eq(&session),
                    group_attendance::young_person_id.eq(member.as_str()),
                    group_attendance::present.eq(random.next() % 100 < 85),
                    group_attendance::recorded_by.eq(staff.group_worker.as_str()),
                    group_attendance::recorded_at.eq(recorded),
                ))
                .execute(conn)?;
        }
        held_on += Duration::weeks(1);
        number += 1;
    }
    Ok(())
}
