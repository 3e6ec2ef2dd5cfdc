//! Budgets from the core issue: `suggest` over two years of daily history
//! (730 check-ins, 2,000 ratings) with the full catalogue ≤ 1 ms, and
//! progress over two years ≤ 2 ms, natively (with three goals rated weekly
//! and a resilience wheel every four weeks). Run: `cargo bench -p lantern-core`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmark set-up

use chrono::{DateTime, Duration, FixedOffset};
use criterion::{Criterion, criterion_group, criterion_main};
use lantern_core::checkin::{CheckIn, Context, FeelingEntry};
use lantern_core::goals::{Goal, GoalRating};
use lantern_core::measures::{self, Answer, MeasureResponse};
use lantern_core::progress::{ProgressInputs, progress};
use lantern_core::strategies::catalogue;
use lantern_core::suggest::{Moment, Preferences, SuggestRequest, suggest};
use lantern_core::sync::DeviceData;
use lantern_core::usage::StrategyUse;
use lantern_core::{Feeling, RecordId};

fn start() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2024-11-23T17:00:00+00:00").unwrap()
}

/// Two years of daily check-ins, 2,000 rated uses, three goals rated every
/// week and the wheel every four weeks, varied but fixed.
fn two_years() -> DeviceData {
    let ids: Vec<String> = catalogue()
        .unwrap()
        .strategies
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let check_ins = (0..730u64)
        .map(|day| CheckIn {
            id: RecordId::generate(day, [day as u8; 10]),
            recorded_at: start() + Duration::days(day as i64),
            mood: 1 + (day % 5) as u8,
            feelings: vec![
                FeelingEntry {
                    feeling: Feeling::ALL[(day % 16) as usize],
                    intensity: 1 + (day % 3) as u8,
                },
                FeelingEntry {
                    feeling: Feeling::ALL[((day + 5) % 16) as usize],
                    intensity: 2,
                },
            ],
            contexts: vec![Context::ALL[(day % 10) as usize]],
            sleep: None,
            note: None,
            self_harm: None,
        })
        .collect();
    let uses = (0..2_000u64)
        .map(|n| StrategyUse {
            id: RecordId::generate(n, [(n % 251) as u8; 10]),
            strategy_id: ids[(n as usize * 7) % ids.len()].clone(),
            used_at: start() + Duration::hours(n as i64 * 8),
            feeling: Some(Feeling::ALL[(n % 16) as usize]),
            before: 2,
            after: Some(1 + (n % 5) as u8),
        })
        .collect();
    let goals: Vec<Goal> = (0..3u8)
        .map(|n| Goal {
            id: RecordId::generate(u64::from(n), [n; 10]),
            text: format!("Goal {n}"),
            set_at: start(),
            closed_at: None,
        })
        .collect();
    let goal_ratings = (0..104u64)
        .flat_map(|week| {
            goals.iter().map(move |goal| GoalRating {
                id: RecordId::generate(week, [week as u8; 10]),
                goal_id: goal.id.clone(),
                rated_at: start() + Duration::weeks(week as i64),
                progress: ((week / 10) % 11) as u8,
            })
        })
        .collect();
    let wheel = measures::catalogue().unwrap().wheel().unwrap();
    let measure_responses = (0..26u64)
        .map(|month| MeasureResponse {
            id: RecordId::generate(month, [month as u8; 10]),
            measure_id: wheel.id.clone(),
            completed_at: start() + Duration::weeks(month as i64 * 4),
            answers: wheel
                .items
                .iter()
                .map(|item| Answer {
                    item_id: item.id.clone(),
                    value: 1 + (month % 10) as u8,
                })
                .collect(),
        })
        .collect();
    DeviceData {
        check_ins,
        strategy_uses: uses,
        goals,
        goal_ratings,
        measure_responses,
        ..DeviceData::default()
    }
}

fn benchmarks(c: &mut Criterion) {
    let data = two_years();
    let (check_ins, uses) = (&data.check_ins, &data.strategy_uses);
    let catalogue = catalogue().unwrap();
    let request = SuggestRequest {
        moment: Moment {
            check_in: check_ins[729].clone(),
            place: None,
            preferences: Preferences {
                personal_learning: true,
                age: 13,
                ..Preferences::default()
            },
            now: start() + Duration::days(729),
            seed: 42,
            count: None,
        },
        history: uses.clone(),
    };
    c.bench_function("suggest, 2 years of history", |b| {
        b.iter(|| suggest(catalogue, &request))
    });
    let today = (start() + Duration::days(729)).date_naive();
    let wheel = measures::catalogue().unwrap().wheel().unwrap();
    let inputs = ProgressInputs::of_device(&data, wheel);
    c.bench_function("progress, 2 years", |b| {
        b.iter(|| progress(&inputs, today, 104))
    });
}

criterion_group!(benches, benchmarks);
criterion_main!(benches);
