//! Demo data for a new user to explore: a clearly fictional service, a
//! worker whose login is printed, and young people with weeks of check-ins
//! shared in different ways, THRIVE groupings agreed with each (one changed
//! along the way), an open disclosure alert and one acknowledged with a
//! note, and a duty contact who is told when an alert waits too long;
//! school outcome records for each young person, a drop-in of the
//! service's own in the directory, and a service suggested to one young
//! person; a second worker's two school groups with twenty more young
//! people, and a service lead whose reports have real numbers
//! (`cohort`). Running it again changes nothing.

mod cohort;

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};
use lantern_core::checkin::{Context, SelfHarmAnswer, Sleep, SleepQuality};
use lantern_core::consent::{CONSENT_WORDING_VERSION, share_check_in};
use lantern_core::disclosure::{Disclosure, Told};
use lantern_core::profile::AgeBand;
use lantern_core::thrive::ThriveGrouping;
use lantern_core::{CheckIn, ConsentGrant, ConsentScope, Feeling, FeelingEntry, RecordId};

use crate::admin::{self, NewStaff};
use crate::db::alerts::{self, NewAlert};
use crate::db::consents::{self, NewConsentEvent};
use crate::db::encouragements::{self, NewEncouragement};
use crate::db::ids::{ServiceId, UserId, new_row_id};
use crate::db::outcome_records::Outcome;
use crate::db::service_settings::{self, ServiceSettings};
use crate::db::signposts::{self, NewSignpost};
use crate::db::tip_deliveries::{NewDelivery, Source};
use crate::db::users::{self, NewUser, Role};
use crate::db::{
    AnyConnection, check_ins, directory_services, notification_settings, outcome_records,
    parent_links, services, thrive, tip_preferences, write,
};
use crate::directory::Draft;
use crate::encouragement::Reply;
use crate::notify::{Kind, Notice, notify};
use crate::parents::deliver::deliver;
use crate::parents::preferences::Preferences;
use crate::tips;

pub const DEMO_SERVICE: &str = "Riverside Young People's Service (demo)";
pub const DEMO_WORKER_EMAIL: &str = "demo.worker@lantern.example";
pub const DEMO_WORKER_PASSWORD: &str = "lantern-demo-worker";
/// The duty contact: unacknowledged alerts go to them after
/// `DEMO_ESCALATION_MINUTES`.
pub const DEMO_DUTY_EMAIL: &str = "demo.duty@lantern.example";
pub const DEMO_DUTY_PASSWORD: &str = "lantern-demo-duty";
pub const DEMO_ESCALATION_MINUTES: i32 = 3 * 60;
/// The service lead, who sees the reports.
pub const DEMO_LEAD_EMAIL: &str = "demo.lead@lantern.example";
pub const DEMO_LEAD_PASSWORD: &str = "lantern-demo-lead";
/// The service admin, who keeps the service's own places in the directory.
pub const DEMO_ADMIN_EMAIL: &str = "demo.admin@lantern.example";
pub const DEMO_ADMIN_PASSWORD: &str = "lantern-demo-admin";
pub const DEMO_GROUP_WORKER_EMAIL: &str = "demo.groups@lantern.example";
pub const DEMO_GROUP_WORKER_PASSWORD: &str = "lantern-demo-groups";
/// A parent linked to the first demo young person, with tips in their inbox.
pub const DEMO_PARENT_EMAIL: &str = "demo.parent@lantern.example";
pub const DEMO_PARENT_PASSWORD: &str = "lantern-demo-parent";

pub struct DemoYoungPerson {
    name: &'static str,
    age_band: AgeBand,
    scopes: &'static [ConsentScope],
    weeks: i64,
    /// Mood drifts from `start` towards `end` over the weeks.
    start: f64,
    end: f64,
    /// The THRIVE grouping agreed when they joined, and the one agreed
    /// later, each with the reason written down.
    thrive: [(ThriveGrouping, &'static str); 2],
    alert: Option<DemoAlert>,
}

/// A disclosure from the check-in's self-harm question.
pub struct DemoAlert {
    answer: SelfHarmAnswer,
    days_ago: i64,
    /// The worker's note of what they did; `None` leaves the alert open.
    acknowledged: Option<&'static str>,
    /// How long the alert waited for the worker.
    minutes_to_acknowledge: i64,
}

const YOUNG_PEOPLE: [DemoYoungPerson; 4] = [
    DemoYoungPerson {
        name: "Sky",
        age_band: AgeBand::ThirteenToFifteen,
        scopes: &[
            ConsentScope::Mood,
            ConsentScope::Feelings,
            ConsentScope::ContextsAndSleep,
        ],
        weeks: 6,
        start: 2.0,
        end: 3.8,
        thrive: [
            (
                ThriveGrouping::GettingHelp,
                "Agreed with Sky: six sessions on worries about school.",
            ),
            (
                ThriveGrouping::GettingAdvice,
                "Agreed with Sky: worries are easier now; check in monthly.",
            ),
        ],
        alert: None,
    },
    DemoYoungPerson {
        name: "Jay",
        age_band: AgeBand::TenToTwelve,
        scopes: &[ConsentScope::Mood],
        weeks: 4,
        start: 3.5,
        end: 2.6,
        thrive: [
            (
                ThriveGrouping::GettingAdvice,
                "Agreed with Jay: ideas for falling-outs with friends.",
            ),
            (
                ThriveGrouping::GettingHelp,
                "Agreed with Jay: weekly sessions while things are hard at home.",
            ),
        ],
        alert: Some(DemoAlert {
            answer: SelfHarmAnswer::ALittle,
            days_ago: 0,
            acknowledged: None,
            minutes_to_acknowledge: 0,
        }),
    },
    DemoYoungPerson {
        name: "Robin",
        age_band: AgeBand::SixteenToEighteen,
        scopes: &[],
        weeks: 3,
        start: 3.0,
        end: 3.0,
        thrive: [
            (
                ThriveGrouping::GettingAdvice,
                "Agreed with Robin: where to find help with exam stress.",
            ),
            (
                ThriveGrouping::Thriving,
                "Agreed with Robin: exams are over and things are okay.",
            ),
        ],
        alert: None,
    },
    DemoYoungPerson {
        name: "Alex",
        age_band: AgeBand::ThirteenToFifteen,
        scopes: &[ConsentScope::Mood, ConsentScope::Feelings],
        weeks: 5,
        start: 2.5,
        end: 2.9,
        thrive: [
            (
                ThriveGrouping::GettingHelp,
                "Agreed with Alex: sessions on low mood, with goals.",
            ),
            (
                ThriveGrouping::GettingMoreHelp,
                "Agreed with Alex: CAMHS referral alongside our sessions.",
            ),
        ],
        alert: Some(DemoAlert {
            answer: SelfHarmAnswer::Yes,
            days_ago: 9,
            acknowledged: Some(
                "Met Alex at school the next morning. We went through their safety plan \
                 together and, as Alex agreed, told their head of year.",
            ),
            minutes_to_acknowledge: 16 * 60,
        }),
    },
];

/// Returns false when the demo was already there.
pub fn seed_demo(conn: &mut AnyConnection) -> anyhow::Result<bool> {
    if services::find_by_name(conn, DEMO_SERVICE)?.is_some() {
        return Ok(false);
    }
    let service = admin::create_service(conn, DEMO_SERVICE)?;
    let worker = admin::create_staff(
        conn,
        NewStaff {
            service: &service,
            role: Role::Worker,
            email: DEMO_WORKER_EMAIL,
            display_name: "Sam Rivers",
            password: DEMO_WORKER_PASSWORD,
        },
    )?;
    let duty = admin::create_staff(
        conn,
        NewStaff {
            service: &service,
            role: Role::Worker,
            email: DEMO_DUTY_EMAIL,
            display_name: "Morgan Hale (duty)",
            password: DEMO_DUTY_PASSWORD,
        },
    )?;
    let staff = cohort::staff(conn, &service)?;
    // Hashed before the transaction: it is slow on purpose.
    let parent_hash = crate::auth::passwords::hash(DEMO_PARENT_PASSWORD)?;
    let now = Utc::now();
    // So the signposted national service is there before the server starts.
    crate::directory::national::sync(conn, now.naive_utc())?;
    write(conn, |conn| -> anyhow::Result<()> {
        service_settings::save(
            conn,
            &ServiceSettings {
                duty_contact_id: Some(duty.to_string()),
                alert_escalation_minutes: DEMO_ESCALATION_MINUTES,
                ..ServiceSettings::defaults(&service)
            },
        )?;
        let mut young_people = Vec::new();
        for (index, person) in YOUNG_PEOPLE.iter().enumerate() {
            young_people.push(seed_young_person(
                conn,
                &service,
                &worker,
                person,
                index as u64,
                now,
            )?);
        }
        for (index, young_person) in young_people.iter().enumerate() {
            seed_school(conn, &worker, young_person, index, now)?;
        }
        seed_drop_in(conn, &service, now)?;
        cohort::seed(conn, &service, &staff, now)?;
        if let Some(first) = young_people.first() {
            seed_messages(conn, &service, &worker, first, now)?;
            seed_parent(conn, &service, first, &parent_hash, now)?;
            seed_signpost(conn, &service, &worker, first, now)?;
        }
        Ok(())
    })?;
    Ok(true)
}

/// A made-up term: its name, attendance (tenths of a percent), exclusions,
/// days excluded (tenths), part-time timetable.
type DemoTerm = (&'static str, i32, i32, i32, bool);

/// Two terms of school records for each young person.
const SCHOOL: [[DemoTerm; 2]; 4] = [
    [
        ("2026-summer", 912, 0, 0, false),
        ("2026-spring", 884, 1, 10, false),
    ],
    [
        ("2026-summer", 763, 2, 35, true),
        ("2026-spring", 801, 1, 20, true),
    ],
    [
        ("2026-summer", 968, 0, 0, false),
        ("2026-spring", 955, 0, 0, false),
    ],
    [
        ("2026-summer", 690, 0, 0, true),
        ("2026-spring", 724, 0, 0, false),
    ],
];

fn seed_school(
    conn: &mut AnyConnection,
    worker: &UserId,
    young_person: &UserId,
    index: usize,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    for (weeks_ago, (term, attendance, exclusions, days, part_time)) in
        [12, 26].into_iter().zip(SCHOOL[index % SCHOOL.len()])
    {
        outcome_records::upsert(
            conn,
            young_person,
            term,
            Outcome {
                attendance_tenths: attendance,
                exclusions,
                exclusion_day_tenths: days,
                permanent_exclusion: false,
                part_time_timetable: part_time,
            },
            worker,
            (now - Duration::weeks(weeks_ago)).naive_utc(),
        )?;
    }
    Ok(())
}

/// The demo service's own drop-in, with a number from Ofcom's range kept
/// for drama (01632 960xxx), so nobody real is ever called.
fn seed_drop_in(
    conn: &mut AnyConnection,
    service: &ServiceId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let draft = Draft {
        name: "Riverside Drop-in (demo)".into(),
        description: "Come along after school to talk, have a snack, or just sit somewhere calm. \
            No need to book."
            .into(),
        needs: vec![
            "anxiety".into(),
            "low_mood".into(),
            "anger".into(),
            "family".into(),
        ],
        thrive: vec!["getting_advice".into(), "getting_help".into()],
        min_age: 11,
        max_age: 18,
        area: "Riverside (a made-up town)".into(),
        phone: Some("01632 960321".into()),
        text_number: None,
        text_keyword: None,
        website: Some("https://riverside.example/drop-in".into()),
        self_referral: true,
        hours: "Tuesdays and Thursdays, 4pm to 6pm".into(),
    };
    let draft = crate::directory::check(draft)
        .map_err(|errors| anyhow::anyhow!("the demo drop-in is not valid: {errors:?}"))?;
    directory_services::insert(
        conn,
        &new_row_id(),
        Some(service),
        &draft,
        None,
        now.naive_utc(),
    )?;
    Ok(())
}

/// The worker suggests Shout to the first young person, as a message.
fn seed_signpost(
    conn: &mut AnyConnection,
    service: &ServiceId,
    worker: &UserId,
    young_person: &UserId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let at = (now - Duration::days(2)).naive_utc();
    let id = signposts::insert(
        conn,
        NewSignpost {
            service,
            worker,
            young_person,
            directory_service_id: "shout",
            service_name: "Shout",
            note: Some("You said talking out loud is hard sometimes. Texting might feel easier."),
        },
        at,
    )?;
    notify(
        conn,
        Notice {
            recipient: young_person,
            kind: Kind::Signpost,
            subject_id: &id,
            at,
        },
        at,
    )?;
    Ok(())
}

fn seed_young_person(
    conn: &mut AnyConnection,
    service: &ServiceId,
    worker: &UserId,
    person: &DemoYoungPerson,
    index: u64,
    now: DateTime<Utc>,
) -> anyhow::Result<UserId> {
    let joined = now - Duration::weeks(person.weeks) - Duration::days(1);
    let id = UserId(new_row_id());
    users::create(
        conn,
        NewUser {
            id: id.as_str(),
            service_id: service.as_str(),
            role: Role::YoungPerson.as_str(),
            email: None,
            password_hash: None,
            display_name: person.name,
            age_band: Some(person.age_band.as_str()),
            created_at: joined.naive_utc(),
        },
    )?;
    users::assign(conn, worker, &id, joined.naive_utc())?;
    let mut grants = Vec::new();
    for &scope in person.scopes {
        let event = NewConsentEvent {
            scope,
            granted: true,
            include_past: true,
            wording_version: CONSENT_WORDING_VERSION as i32,
        };
        consents::record(conn, &id, &event, joined.naive_utc())?;
        grants.push(ConsentGrant {
            scope,
            granted_at: joined.fixed_offset(),
            include_past: true,
        });
    }
    let mut random = Lcg(0x5eed_0000 + index);
    let days = person.weeks * 7;
    let uk = FixedOffset::east_opt(0).ok_or_else(|| anyhow::anyhow!("bad offset"))?;
    for day in 0..days {
        // Most days, not all: real check-ins are irregular.
        if random.next() % 10 < 3 {
            continue;
        }
        let progress = day as f64 / days as f64;
        let trend = person.start + (person.end - person.start) * progress;
        let wobble = (random.next() % 3) as f64 - 1.0;
        let mood = (trend + wobble).round().clamp(1.0, 5.0) as u8;
        // After school, 15:00 to 20:59 (UK winter time equals UTC).
        let date = (joined + Duration::days(day + 1)).date_naive();
        let minute = (random.next() % 360) as u32;
        let Some(local) = date.and_hms_opt(15 + minute / 60, minute % 60, 0) else {
            continue;
        };
        let at = uk.from_utc_datetime(&local);
        if at > now {
            continue;
        }
        let check_in = CheckIn {
            id: RecordId::generate(at.timestamp_millis() as u64, random.bytes()),
            recorded_at: at,
            mood,
            feelings: feelings_for(mood, &mut random),
            contexts: contexts_for(mood, &mut random),
            sleep: Some(sleep_for(mood, &mut random)),
            self_harm: None,
            note: None,
        };
        check_in.validate()?;
        if let Some(shared) = share_check_in(&check_in, &grants) {
            check_ins::upsert(conn, &id, &shared, at.naive_utc())?;
        }
    }
    let [(first, first_reason), (then, then_reason)] = person.thrive;
    thrive::record(
        conn,
        &id,
        first,
        first_reason,
        worker,
        (joined + Duration::days(1)).naive_utc(),
    )?;
    let changed = joined + Duration::weeks(person.weeks / 2 + 1);
    thrive::record(conn, &id, then, then_reason, worker, changed.naive_utc())?;
    if let Some(alert) = &person.alert {
        seed_alert(conn, service, worker, &id, alert, now, &mut random)?;
    }
    Ok(id)
}

/// Two messages from the worker, one answered with a heart, and one
/// written for tomorrow that can still be taken back.
fn seed_messages(
    conn: &mut AnyConnection,
    service: &ServiceId,
    worker: &UserId,
    young_person: &UserId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let messages = [
        (
            "I noticed you kept checking in this week, even on the hard days. That takes effort.",
            Duration::days(-3),
            Some(Reply::Heart),
        ),
        (
            "Good luck with the test on Friday. Whatever happens, I'm proud of how hard you've tried.",
            Duration::days(-1),
            None,
        ),
        (
            "Hope the weekend is kind to you. See you on Monday.",
            Duration::hours(20),
            None,
        ),
    ];
    for (text, offset, reply) in messages {
        let at = (now + offset).naive_utc();
        let sent = at.min(now.naive_utc());
        let id = encouragements::insert(
            conn,
            NewEncouragement {
                service,
                worker,
                young_person,
                template_id: None,
                text,
                deliver_at: at,
            },
            sent,
        )?;
        notify(
            conn,
            Notice {
                recipient: young_person,
                kind: Kind::Encouragement,
                subject_id: &id,
                at,
            },
            sent,
        )?;
        if let Some(reply) = reply {
            encouragements::set_reply(conn, &id, reply.as_str(), sent + Duration::hours(2))?;
        }
    }
    Ok(())
}

/// A parent linked to `young_person`, with weekly tips and two already in
/// their inbox.
fn seed_parent(
    conn: &mut AnyConnection,
    service: &ServiceId,
    young_person: &UserId,
    password_hash: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let parent = UserId(new_row_id());
    let joined = (now - Duration::days(15)).naive_utc();
    users::create(
        conn,
        NewUser {
            id: parent.as_str(),
            service_id: service.as_str(),
            role: Role::Parent.as_str(),
            email: Some(DEMO_PARENT_EMAIL),
            password_hash: Some(password_hash),
            display_name: "Alex (Sky's mum)",
            age_band: None,
            created_at: joined,
        },
    )?;
    parent_links::link(conn, &parent, young_person, joined)?;
    let preferences = Preferences::defaults();
    let zone = notification_settings::schedule_of(conn, &parent)?.time_zone;
    let next = preferences.next_due(zone, now.naive_utc());
    tip_preferences::save(conn, &parent, &preferences, next, joined)?;
    let catalogue = tips::catalogue().map_err(|e| anyhow::anyhow!("parent tips: {e}"))?;
    for (tip, days_ago) in catalogue
        .tips
        .iter()
        .filter(|tip| preferences.topics.contains(&tip.topic))
        .zip([14, 7])
    {
        deliver(
            conn,
            NewDelivery {
                parent: &parent,
                tip_id: &tip.id,
                source: Source::Schedule,
                sent_by: None,
                nudge_id: None,
            },
            (now - Duration::days(days_ago)).naive_utc(),
        )?;
    }
    Ok(())
}

/// Raises the alert as the sync path does for a disclosure from the
/// check-in's self-harm question, and acknowledges it if the demo says so.
fn seed_alert(
    conn: &mut AnyConnection,
    service: &ServiceId,
    worker: &UserId,
    young_person: &UserId,
    alert: &DemoAlert,
    now: DateTime<Utc>,
    random: &mut Lcg,
) -> anyhow::Result<()> {
    let at = now - Duration::days(alert.days_ago) - Duration::hours(2);
    let disclosure = Disclosure {
        id: RecordId::generate(at.timestamp_millis() as u64, random.bytes()),
        recorded_at: at.fixed_offset(),
        told: Told::SelfHarmQuestion {
            answer: alert.answer,
        },
    };
    let measures =
        lantern_core::measures::catalogue().map_err(|e| anyhow::anyhow!("questionnaires: {e}"))?;
    disclosure.validate(measures)?;
    alerts::raise(
        conn,
        NewAlert {
            service,
            young_person,
            disclosure_id: disclosure.id.as_str(),
            summary: disclosure.describe(measures),
            disclosed_at: at.naive_utc(),
        },
        at.naive_utc(),
    )?;
    if let Some(note) = alert.acknowledged {
        let raised = alerts::for_young_person(conn, young_person)?
            .into_iter()
            .find(|row| row.disclosure_id == disclosure.id.as_str())
            .ok_or_else(|| anyhow::anyhow!("the demo alert was not raised"))?;
        let acknowledged = at + Duration::minutes(alert.minutes_to_acknowledge);
        alerts::acknowledge(conn, &raised.id, worker, note, acknowledged.naive_utc())?;
    }
    Ok(())
}

fn feelings_for(mood: u8, random: &mut Lcg) -> Vec<FeelingEntry> {
    let pool: &[Feeling] = match mood {
        1 | 2 => &[
            Feeling::Sad,
            Feeling::Worried,
            Feeling::Lonely,
            Feeling::Tired,
            Feeling::Overwhelmed,
        ],
        3 => &[
            Feeling::Tired,
            Feeling::Stressed,
            Feeling::Calm,
            Feeling::Worried,
        ],
        _ => &[
            Feeling::Happy,
            Feeling::Calm,
            Feeling::Proud,
            Feeling::Hopeful,
            Feeling::Excited,
        ],
    };
    let first = pool[(random.next() % pool.len() as u64) as usize];
    let second = pool[(random.next() % pool.len() as u64) as usize];
    let mut feelings = vec![FeelingEntry {
        feeling: first,
        intensity: 1 + (random.next() % 3) as u8,
    }];
    if second != first {
        feelings.push(FeelingEntry {
            feeling: second,
            intensity: 1 + (random.next() % 3) as u8,
        });
    }
    feelings
}

fn contexts_for(mood: u8, random: &mut Lcg) -> Vec<Context> {
    let pool: &[Context] = match mood {
        1 | 2 => &[
            Context::School,
            Context::Exams,
            Context::Friends,
            Context::Family,
        ],
        _ => &[
            Context::Friends,
            Context::Home,
            Context::School,
            Context::Online,
        ],
    };
    vec![pool[(random.next() % pool.len() as u64) as usize]]
}

/// Worse sleep goes with lower moods, roughly, as it does in life.
fn sleep_for(mood: u8, random: &mut Lcg) -> Sleep {
    let minutes = 330 + u16::from(mood) * 40 + (random.next() % 60) as u16;
    let quality = match mood {
        1 | 2 => SleepQuality::Badly,
        3 => SleepQuality::Okay,
        _ => SleepQuality::Well,
    };
    Sleep { minutes, quality }
}

/// A tiny deterministic generator: the demo is the same on every machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn bytes(&mut self) -> [u8; 10] {
        let mut bytes = [0u8; 10];
        for byte in &mut bytes {
            *byte = (self.next() & 0xff) as u8;
        }
        bytes
    }
}
