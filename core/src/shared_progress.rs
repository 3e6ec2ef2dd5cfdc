//! Progress as a worker sees it: computed by the same `progress` the young
//! person's phone runs, from what the server holds, and shown section by
//! section only where the young person shares that section now. A section
//! not shared says so and nothing more: no count, no date, no hint.

use chrono::NaiveDate;
use serde::Serialize;

use crate::checkin::{CheckIn, SharedCheckIn};
use crate::consent::{ConsentGrant, ConsentScope, covered, visible_to_worker};
use crate::goals::{Goal, GoalChange, GoalRating};
use crate::measures::{ItemChange, MeasureDefinition, MeasureResponse};
use crate::progress::{
    ContextPattern, FeelingCount, FeelingWeek, HelpfulStrategy, ProgressInputs, Trend, WeekMood,
    progress,
};
use crate::usage::StrategyUse;

/// One part of the worker's view.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Section<T> {
    Shared { value: T },
    NotShared,
}

impl<T> Section<T> {
    fn when(shared: bool, value: impl FnOnce() -> T) -> Section<T> {
        if shared {
            Section::Shared { value: value() }
        } else {
            Section::NotShared
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct MoodSection {
    pub weeks: Vec<WeekMood>,
    pub trend: Trend,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct FeelingsSection {
    pub totals: Vec<FeelingCount>,
    pub weeks: Vec<FeelingWeek>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct GoalsSection {
    /// The goals in the young person's own words.
    pub goals: Vec<Goal>,
    pub changes: Vec<GoalChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct SharedProgress {
    pub mood: Section<MoodSection>,
    pub feelings: Section<FeelingsSection>,
    /// Patterns by what check-ins were about: needs mood and contexts.
    pub patterns: Section<Vec<ContextPattern>>,
    pub helps_most: Section<Vec<HelpfulStrategy>>,
    pub goals: Section<GoalsSection>,
    pub wheel: Section<Vec<ItemChange>>,
}

/// What the server holds for one young person.
pub struct SharedData<'a> {
    pub check_ins: &'a [SharedCheckIn],
    pub strategy_uses: &'a [StrategyUse],
    pub goals: &'a [Goal],
    pub goal_ratings: &'a [GoalRating],
    pub measure_responses: &'a [MeasureResponse],
    pub wheel: &'a MeasureDefinition,
}

/// The worker's view under the grants in force now. Records are judged by
/// the time they were made, as at sync, so a "from now on" grant never
/// reveals what came before it.
pub fn shared_progress(
    data: &SharedData<'_>,
    grants: &[ConsentGrant],
    today: NaiveDate,
    weeks: u32,
) -> SharedProgress {
    let shares = |scope| covered(grants, scope, None);
    let check_ins: Vec<CheckIn> = data
        .check_ins
        .iter()
        .filter_map(|shared| visible_to_worker(shared, grants))
        .map(as_check_in)
        .collect();
    let strategy_uses: Vec<StrategyUse> = data
        .strategy_uses
        .iter()
        .filter(|u| covered(grants, ConsentScope::StrategyUse, Some(u.used_at)))
        .cloned()
        .collect();
    let goals: Vec<Goal> = data
        .goals
        .iter()
        .filter(|g| covered(grants, ConsentScope::Goals, Some(g.set_at)))
        .cloned()
        .collect();
    let goal_ratings: Vec<GoalRating> = data
        .goal_ratings
        .iter()
        .filter(|r| covered(grants, ConsentScope::Goals, Some(r.rated_at)))
        .cloned()
        .collect();
    let wheel_responses: Vec<MeasureResponse> = data
        .measure_responses
        .iter()
        .filter(|m| m.measure_id == data.wheel.id)
        .filter(|m| covered(grants, ConsentScope::Wheel, Some(m.completed_at)))
        .cloned()
        .collect();
    let computed = progress(
        &ProgressInputs {
            check_ins: &check_ins,
            strategy_uses: &strategy_uses,
            goals: &goals,
            goal_ratings: &goal_ratings,
            measure_responses: &wheel_responses,
            wheel: data.wheel,
        },
        today,
        weeks,
    );
    let mood = shares(ConsentScope::Mood);
    SharedProgress {
        mood: Section::when(mood, || MoodSection {
            weeks: computed.weeks.clone(),
            trend: computed.trend,
        }),
        feelings: Section::when(mood && shares(ConsentScope::Feelings), || FeelingsSection {
            totals: computed.feelings.clone(),
            weeks: computed.feeling_weeks.clone(),
        }),
        patterns: Section::when(mood && shares(ConsentScope::ContextsAndSleep), || {
            computed.patterns.clone()
        }),
        helps_most: Section::when(shares(ConsentScope::StrategyUse), || {
            computed.helps_most.clone()
        }),
        goals: Section::when(shares(ConsentScope::Goals), || GoalsSection {
            changes: computed.goal_changes.clone(),
            goals,
        }),
        wheel: Section::when(shares(ConsentScope::Wheel), || {
            computed.wheel_changes.clone()
        }),
    }
}

/// A shared check-in in the device's shape, with what was not shared empty,
/// so the same `progress` can read it.
fn as_check_in(shared: SharedCheckIn) -> CheckIn {
    CheckIn {
        id: shared.id,
        recorded_at: shared.recorded_at,
        mood: shared.mood,
        feelings: shared.feelings.unwrap_or_default(),
        contexts: shared.contexts.unwrap_or_default(),
        sleep: shared.sleep,
        note: None,
        self_harm: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::FeelingEntry;
    use crate::feelings::Feeling;
    use crate::measures::{Answer, catalogue};
    use crate::record_id::RecordId;
    use chrono::{DateTime, Duration, FixedOffset};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn at(days_ago: i64) -> DateTime<FixedOffset> {
        (today() - Duration::days(days_ago))
            .and_hms_opt(17, 0, 0)
            .unwrap()
            .and_utc()
            .fixed_offset()
    }

    fn grant(scope: ConsentScope, days_ago: i64, include_past: bool) -> ConsentGrant {
        ConsentGrant {
            scope,
            granted_at: at(days_ago),
            include_past,
        }
    }

    fn check_ins() -> Vec<SharedCheckIn> {
        (0..28)
            .map(|day| SharedCheckIn {
                id: RecordId::generate(day as u64 + 1, [day as u8; 10]),
                recorded_at: at(day),
                mood: if day < 14 { 2 } else { 4 },
                feelings: Some(vec![FeelingEntry {
                    feeling: Feeling::Sad,
                    intensity: 2,
                }]),
                contexts: None,
                sleep: None,
                note: None,
            })
            .collect()
    }

    fn wheel_response(days_ago: i64, value: u8) -> MeasureResponse {
        let wheel = catalogue().unwrap().wheel().unwrap();
        MeasureResponse {
            id: RecordId::generate(100 + days_ago as u64, [9; 10]),
            measure_id: wheel.id.clone(),
            completed_at: at(days_ago),
            answers: wheel
                .items
                .iter()
                .map(|item| Answer {
                    item_id: item.id.clone(),
                    value,
                })
                .collect(),
        }
    }

    #[test]
    fn each_section_shows_only_while_its_scope_is_shared() {
        let wheel = catalogue().unwrap().wheel().unwrap();
        let check_ins = check_ins();
        let responses = [wheel_response(20, 4), wheel_response(2, 7)];
        let data = SharedData {
            check_ins: &check_ins,
            strategy_uses: &[],
            goals: &[],
            goal_ratings: &[],
            measure_responses: &responses,
            wheel,
        };
        let nothing = shared_progress(&data, &[], today(), 4);
        assert_eq!(nothing.mood, Section::NotShared);
        assert_eq!(nothing.wheel, Section::NotShared);
        let json = serde_json::to_string(&nothing).unwrap();
        assert!(
            !json.contains("week"),
            "a section not shared hints at nothing: {json}"
        );

        let mood_only = shared_progress(&data, &[grant(ConsentScope::Mood, 60, true)], today(), 4);
        let Section::Shared { value: mood } = &mood_only.mood else {
            panic!("mood is shared")
        };
        assert_eq!(mood.trend, Trend::Falling, "moods went from 4 to 2");
        assert_eq!(mood_only.feelings, Section::NotShared);

        let with_wheel = shared_progress(
            &data,
            &[
                grant(ConsentScope::Mood, 60, true),
                grant(ConsentScope::Feelings, 60, true),
                grant(ConsentScope::Wheel, 60, true),
            ],
            today(),
            4,
        );
        let Section::Shared { value: areas } = &with_wheel.wheel else {
            panic!("the wheel is shared")
        };
        assert!(areas.iter().all(|area| area.first == 4 && area.latest == 7));
        assert!(matches!(with_wheel.feelings, Section::Shared { .. }));
    }

    #[test]
    fn a_from_now_on_grant_shows_nothing_from_before_it() {
        let wheel = catalogue().unwrap().wheel().unwrap();
        let check_ins = check_ins();
        let responses = [wheel_response(20, 4), wheel_response(2, 7)];
        let data = SharedData {
            check_ins: &check_ins,
            strategy_uses: &[],
            goals: &[],
            goal_ratings: &[],
            measure_responses: &responses,
            wheel,
        };
        let grants = [
            grant(ConsentScope::Mood, 7, false),
            grant(ConsentScope::Wheel, 7, false),
        ];
        let seen = shared_progress(&data, &grants, today(), 4);
        let Section::Shared { value: mood } = &seen.mood else {
            panic!("mood is shared")
        };
        let counted: u32 = mood.weeks.iter().map(|w| w.check_ins).sum();
        assert!(counted <= 8, "only the last week's check-ins: {counted}");
        let Section::Shared { value: areas } = &seen.wheel else {
            panic!("the wheel is shared")
        };
        assert!(
            areas.iter().all(|area| area.first == 7 && area.latest == 7),
            "the wheel from before sharing is left out"
        );
    }
}
