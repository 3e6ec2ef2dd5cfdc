//! What the young person (and, if they share, their worker) sees of their
//! own change: mood week by week and its trend, feelings over time, patterns
//! by context, what helps most, and how their goals and their resilience
//! wheel have moved. One call gives all of it, so every screen shows the
//! same numbers. Patterns are stated only when the evidence is strong enough
//! that chance rarely produces them.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::checkin::{CheckIn, Context, SharedCheckIn};
use crate::feelings::Feeling;
use crate::goals::{Goal, GoalChange, GoalRating, goal_changes};
use crate::measures::{ItemChange, MeasureDefinition, MeasureResponse, item_changes};
use crate::order::{sort_by, sort_by_key};
use crate::sync::DeviceData;
use crate::usage::StrategyUse;

/// Mood in one week (Monday to Sunday, in the young person's own time).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct WeekMood {
    #[cfg_attr(test, ts(type = "string"))]
    pub week_start: NaiveDate,
    pub check_ins: u32,
    /// Mean mood, 1–5, to one decimal place.
    pub mean_mood: f32,
    pub lowest: u8,
    pub highest: u8,
}

/// The direction of mood over the last weeks. Words, not a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Rising,
    Steady,
    Falling,
    NotEnoughYet,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct FeelingCount {
    pub feeling: Feeling,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct FeelingWeek {
    #[cfg_attr(test, ts(type = "string"))]
    pub week_start: NaiveDate,
    pub feelings: Vec<FeelingCount>,
}

/// Mood tends to differ when a check-in is about this context.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ContextPattern {
    pub context: Context,
    pub mood_with: f32,
    pub mood_without: f32,
    pub check_ins_with: u32,
    pub check_ins_without: u32,
    /// Plain words for the young person.
    pub sentence: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct HelpfulStrategy {
    pub strategy_id: String,
    pub rated_uses: u32,
    pub helped: u32,
    pub sentence: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Progress {
    pub weeks: Vec<WeekMood>,
    pub trend: Trend,
    pub feelings: Vec<FeelingCount>,
    pub feeling_weeks: Vec<FeelingWeek>,
    pub patterns: Vec<ContextPattern>,
    pub helps_most: Vec<HelpfulStrategy>,
    /// Each goal that has ratings, from its first rating to its latest.
    pub goal_changes: Vec<GoalChange>,
    /// Each area of the resilience wheel, from the first wheel filled in to
    /// the latest (empty until there is one).
    pub wheel_changes: Vec<ItemChange>,
}

/// What progress is read from: the young person's own records, all of them.
/// Mood, feelings and patterns look only at the weeks asked for; what helps,
/// goals and the wheel look at everything, because their change is counted
/// from the first rating, however long ago.
#[derive(Debug, Clone, Copy)]
pub struct ProgressInputs<'a> {
    pub check_ins: &'a [CheckIn],
    pub strategy_uses: &'a [StrategyUse],
    pub goals: &'a [Goal],
    pub goal_ratings: &'a [GoalRating],
    /// Responses to any questionnaire; only the wheel's are read.
    pub measure_responses: &'a [MeasureResponse],
    /// The wheel's definition (its areas, in order): the shipped one is
    /// `measures::catalogue()?.wheel()`.
    pub wheel: &'a MeasureDefinition,
}

impl<'a> ProgressInputs<'a> {
    /// Everything on the young person's device.
    pub fn of_device(data: &'a DeviceData, wheel: &'a MeasureDefinition) -> Self {
        ProgressInputs {
            check_ins: &data.check_ins,
            strategy_uses: &data.strategy_uses,
            goals: &data.goals,
            goal_ratings: &data.goal_ratings,
            measure_responses: &data.measure_responses,
            wheel,
        }
    }
}

/// Weeks of data the trend looks at, and how many of them need check-ins.
const TREND_WEEKS: i64 = 4;
const TREND_MIN_WEEKS: usize = 3;
/// Mood points per week that count as a real change, not noise.
const TREND_SLOPE: f64 = 0.2;
/// A pattern needs this many check-ins on each side…
const PATTERN_MIN_EACH: usize = 6;
/// …a difference at least this large in standard deviations…
const PATTERN_MIN_EFFECT: f64 = 0.5;
/// …and a Welch t statistic at least this large. Ten contexts are tested at
/// once, so the bar is high; a test on random data checks that it holds.
const PATTERN_MIN_T: f64 = 3.3;
/// A strategy needs this many rated uses before it is called helpful.
const HELPFUL_MIN_USES: usize = 3;
/// "Helped you 4 of the last 5 times": the window of recent uses.
const HELPFUL_RECENT: usize = 5;

/// Progress over the `weeks` weeks up to and including `today`'s week.
pub fn progress(inputs: &ProgressInputs<'_>, today: NaiveDate, weeks: u32) -> Progress {
    let first_week = week_start(today) - Duration::weeks(i64::from(weeks.max(1)) - 1);
    let recent: Vec<&CheckIn> = inputs
        .check_ins
        .iter()
        .filter(|c| local_date(c) >= first_week && local_date(c) <= today)
        .collect();
    let weeks = weekly_mood(&recent);
    Progress {
        trend: trend(&weeks, today),
        feelings: count_feelings(&recent),
        feeling_weeks: feeling_weeks(&recent),
        patterns: context_patterns(&recent),
        helps_most: helps_most(inputs.strategy_uses),
        goal_changes: goal_changes(inputs.goals, inputs.goal_ratings),
        wheel_changes: item_changes(inputs.wheel, inputs.measure_responses),
        weeks,
    }
}

/// Mood over the last four weeks and its trend, from shared check-ins (mood
/// alone is enough): what a worker's caseload shows, computed by the same
/// rules as the young person's own progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct RecentMood {
    pub weeks: Vec<WeekMood>,
    pub trend: Trend,
}

pub fn recent_mood(check_ins: &[SharedCheckIn], today: NaiveDate) -> RecentMood {
    let first_week = week_start(today) - Duration::weeks(TREND_WEEKS - 1);
    let weeks = weekly_mood_of(
        check_ins
            .iter()
            .map(|c| (c.recorded_at.date_naive(), c.mood))
            .filter(|(date, _)| *date >= first_week && *date <= today),
    );
    RecentMood {
        trend: trend(&weeks, today),
        weeks,
    }
}

fn local_date(check_in: &CheckIn) -> NaiveDate {
    check_in.recorded_at.date_naive()
}

pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

fn round1(value: f64) -> f32 {
    ((value * 10.0).round() / 10.0) as f32
}

fn weekly_mood(check_ins: &[&CheckIn]) -> Vec<WeekMood> {
    weekly_mood_of(check_ins.iter().map(|c| (local_date(c), c.mood)))
}

fn weekly_mood_of(moods: impl Iterator<Item = (NaiveDate, u8)>) -> Vec<WeekMood> {
    let by_week = by_week(moods.map(|(date, mood)| (week_start(date), mood)).collect());
    by_week
        .chunk_by(|a, b| a.0 == b.0)
        .map(|week| WeekMood {
            week_start: week[0].0,
            check_ins: week.len() as u32,
            mean_mood: round1(mean(week.iter().map(|&(_, m)| f64::from(m)))),
            lowest: week.iter().map(|&(_, m)| m).min().unwrap_or(0),
            highest: week.iter().map(|&(_, m)| m).max().unwrap_or(0),
        })
        .collect()
}

/// Items in order of the week they fall in, for `chunk_by` to group. A sort
/// rather than a `BTreeMap`: each map's key and value types compile
/// kilobytes more into the wasm module; the core's one sort is already there.
fn by_week<T>(mut items: Vec<(NaiveDate, T)>) -> Vec<(NaiveDate, T)> {
    sort_by_key(&mut items, |item| item.0);
    items
}

/// Least-squares slope of weekly means over the last weeks.
fn trend(weeks: &[WeekMood], today: NaiveDate) -> Trend {
    let since = week_start(today) - Duration::weeks(TREND_WEEKS - 1);
    let points: Vec<(f64, f64)> = weeks
        .iter()
        .filter(|w| w.week_start >= since)
        .map(|w| {
            (
                (w.week_start - since).num_weeks() as f64,
                f64::from(w.mean_mood),
            )
        })
        .collect();
    if points.len() < TREND_MIN_WEEKS {
        return Trend::NotEnoughYet;
    }
    let mean_x = mean(points.iter().map(|p| p.0));
    let mean_y = mean(points.iter().map(|p| p.1));
    let covariance: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let variance: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    let slope = if variance > 0.0 {
        covariance / variance
    } else {
        0.0
    };
    if slope >= TREND_SLOPE {
        Trend::Rising
    } else if slope <= -TREND_SLOPE {
        Trend::Falling
    } else {
        Trend::Steady
    }
}

fn count_feelings(check_ins: &[&CheckIn]) -> Vec<FeelingCount> {
    // One counter per feeling in the fixed vocabulary, by its position.
    let mut counts = [0u32; Feeling::ALL.len()];
    for check_in in check_ins {
        for entry in &check_in.feelings {
            counts[entry.feeling as usize] += 1;
        }
    }
    let mut counts: Vec<FeelingCount> = Feeling::ALL
        .into_iter()
        .map(|feeling| FeelingCount {
            feeling,
            count: counts[feeling as usize],
        })
        .filter(|c| c.count > 0)
        .collect();
    // Most frequent first; the vocabulary's order breaks ties.
    sort_by(&mut counts, |a, b| {
        b.count.cmp(&a.count).then(a.feeling.cmp(&b.feeling))
    });
    counts
}

fn feeling_weeks(check_ins: &[&CheckIn]) -> Vec<FeelingWeek> {
    let by_week = by_week(
        check_ins
            .iter()
            .map(|&check_in| (week_start(local_date(check_in)), check_in))
            .collect(),
    );
    by_week
        .chunk_by(|a, b| a.0 == b.0)
        .map(|week| FeelingWeek {
            week_start: week[0].0,
            feelings: count_feelings(&week.iter().map(|&(_, c)| c).collect::<Vec<_>>()),
        })
        .collect()
}

fn context_patterns(check_ins: &[&CheckIn]) -> Vec<ContextPattern> {
    let mut patterns = Vec::new();
    for context in Context::ALL {
        let (with, without): (Vec<f64>, Vec<f64>) = {
            let mut with = Vec::new();
            let mut without = Vec::new();
            for check_in in check_ins {
                let mood = f64::from(check_in.mood);
                if check_in.contexts.contains(&context) {
                    with.push(mood);
                } else {
                    without.push(mood);
                }
            }
            (with, without)
        };
        if with.len() < PATTERN_MIN_EACH || without.len() < PATTERN_MIN_EACH {
            continue;
        }
        let (mean_with, var_with) = mean_and_variance(&with);
        let (mean_without, var_without) = mean_and_variance(&without);
        let difference = mean_with - mean_without;
        let pooled_sd = ((var_with + var_without) / 2.0).sqrt();
        let standard_error =
            (var_with / with.len() as f64 + var_without / without.len() as f64).sqrt();
        // With no spread at all, any difference is consistent.
        let (effect, t) = if pooled_sd == 0.0 || standard_error == 0.0 {
            let infinite = if difference == 0.0 {
                0.0
            } else {
                f64::INFINITY
            };
            (infinite, infinite)
        } else {
            (
                difference.abs() / pooled_sd,
                difference.abs() / standard_error,
            )
        };
        if effect < PATTERN_MIN_EFFECT || t < PATTERN_MIN_T {
            continue;
        }
        let direction = if difference < 0.0 { "lower" } else { "higher" };
        patterns.push(ContextPattern {
            context,
            mood_with: round1(mean_with),
            mood_without: round1(mean_without),
            check_ins_with: with.len() as u32,
            check_ins_without: without.len() as u32,
            sentence: format!(
                "Your mood is usually {direction} when a check-in is about {}.",
                // ASCII, like the labels: Unicode case tables are kilobytes of wasm.
                context.label().to_ascii_lowercase()
            ),
        });
    }
    patterns
}

fn helps_most(uses: &[StrategyUse]) -> Vec<HelpfulStrategy> {
    // Rated uses grouped by strategy (sorting by id alone: comparing times
    // too, across all uses, doubled the time this takes)…
    let mut rated: Vec<&StrategyUse> = uses.iter().filter(|u| u.after.is_some()).collect();
    sort_by(&mut rated, |a, b| a.strategy_id.cmp(&b.strategy_id));
    let mut helpful: Vec<HelpfulStrategy> = rated
        .chunk_by(|a, b| a.strategy_id == b.strategy_id)
        .filter(|rated| rated.len() >= HELPFUL_MIN_USES)
        .filter_map(|rated| {
            // …then the newest first within each.
            let mut recent = rated.to_vec();
            sort_by_key(&mut recent, |u| std::cmp::Reverse(u.used_at));
            recent.truncate(HELPFUL_RECENT);
            let helped = recent.iter().filter(|u| u.helped() == Some(true)).count();
            // Only what helped more often than not is called helpful.
            (helped * 2 > recent.len()).then(|| HelpfulStrategy {
                strategy_id: recent[0].strategy_id.clone(),
                rated_uses: recent.len() as u32,
                helped: helped as u32,
                sentence: format!("Helped you {helped} of the last {} times.", recent.len()),
            })
        })
        .collect();
    sort_by(&mut helpful, |a, b| {
        (b.helped * a.rated_uses)
            .cmp(&(a.helped * b.rated_uses))
            .then(b.rated_uses.cmp(&a.rated_uses))
            .then(a.strategy_id.cmp(&b.strategy_id))
    });
    helpful
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, count) = values.fold((0.0, 0usize), |(s, c), v| (s + v, c + 1));
    if count == 0 { 0.0 } else { sum / count as f64 }
}

/// Mean and sample variance.
fn mean_and_variance(values: &[f64]) -> (f64, f64) {
    let m = mean(values.iter().copied());
    if values.len() < 2 {
        return (m, 0.0);
    }
    let variance = values.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (values.len() - 1) as f64;
    (m, variance)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::FeelingEntry;
    use crate::record_id::RecordId;
    use chrono::{DateTime, FixedOffset, TimeZone};

    use crate::test_support::Random as Lcg;

    /// Progress from check-ins and strategy uses only.
    fn progress_of(check_ins: &[CheckIn], uses: &[StrategyUse], weeks: u32) -> Progress {
        let inputs = ProgressInputs {
            check_ins,
            strategy_uses: uses,
            goals: &[],
            goal_ratings: &[],
            measure_responses: &[],
            wheel: wheel(),
        };
        progress(&inputs, today(), weeks)
    }

    fn wheel() -> &'static MeasureDefinition {
        crate::measures::catalogue().unwrap().wheel().unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap() // a Monday
    }

    fn at(days_ago: i64, hour: u32) -> DateTime<FixedOffset> {
        let date = today() - Duration::days(days_ago);
        FixedOffset::east_opt(0)
            .unwrap()
            .from_local_datetime(&date.and_hms_opt(hour, 0, 0).unwrap())
            .unwrap()
    }

    fn check_in(days_ago: i64, mood: u8, feelings: &[Feeling], contexts: &[Context]) -> CheckIn {
        CheckIn {
            id: RecordId::generate(days_ago as u64, [mood; 10]),
            recorded_at: at(days_ago, 17),
            mood,
            feelings: feelings
                .iter()
                .map(|&feeling| FeelingEntry {
                    feeling,
                    intensity: 2,
                })
                .collect(),
            contexts: contexts.to_vec(),
            sleep: None,
            note: None,
            self_harm: None,
        }
    }

    #[test]
    fn moods_are_grouped_into_monday_weeks_in_local_time() {
        let mut late_sunday = check_in(1, 2, &[Feeling::Sad], &[]);
        // 23:30 on Sunday at +01:00 is still Sunday for the young person.
        late_sunday.recorded_at = FixedOffset::east_opt(3600)
            .unwrap()
            .from_local_datetime(
                &(today() - Duration::days(1))
                    .and_hms_opt(23, 30, 0)
                    .unwrap(),
            )
            .unwrap();
        let check_ins = [
            late_sunday,
            check_in(0, 4, &[Feeling::Happy], &[]),
            check_in(0, 5, &[], &[]),
        ];
        let p = progress_of(&check_ins, &[], 4);
        assert_eq!(p.weeks.len(), 2);
        assert_eq!(p.weeks[0].week_start, today() - Duration::days(7));
        assert_eq!((p.weeks[0].check_ins, p.weeks[0].mean_mood), (1, 2.0));
        assert_eq!(
            (
                p.weeks[1].check_ins,
                p.weeks[1].mean_mood,
                p.weeks[1].lowest,
                p.weeks[1].highest
            ),
            (2, 4.5, 4, 5)
        );
    }

    #[test]
    fn check_ins_outside_the_window_are_left_out() {
        let check_ins = [check_in(40, 1, &[], &[]), check_in(2, 3, &[], &[])];
        let p = progress_of(&check_ins, &[], 4);
        assert_eq!(p.weeks.len(), 1);
    }

    #[test]
    fn the_trend_follows_weekly_means_and_waits_for_enough_weeks() {
        let rising: Vec<_> = (0..4)
            .map(|w| check_in(w * 7, 5 - w as u8, &[], &[]))
            .collect();
        assert_eq!(progress_of(&rising, &[], 8).trend, Trend::Rising);
        let falling: Vec<_> = (0..4)
            .map(|w| check_in(w * 7, 2 + w as u8, &[], &[]))
            .collect();
        assert_eq!(progress_of(&falling, &[], 8).trend, Trend::Falling);
        let steady: Vec<_> = (0..4).map(|w| check_in(w * 7, 3, &[], &[])).collect();
        assert_eq!(progress_of(&steady, &[], 8).trend, Trend::Steady);
        let short: Vec<_> = (0..2)
            .map(|w| check_in(w * 7, 5 - w as u8, &[], &[]))
            .collect();
        assert_eq!(progress_of(&short, &[], 8).trend, Trend::NotEnoughYet);
    }

    #[test]
    fn recent_mood_from_shared_check_ins_matches_the_young_persons_own_view() {
        let falling: Vec<_> = (0..6)
            .map(|w| check_in(w * 7, 1 + (w as u8).min(4), &[Feeling::Sad], &[]))
            .collect();
        let shared: Vec<SharedCheckIn> = falling
            .iter()
            .map(|c| SharedCheckIn {
                id: c.id.clone(),
                recorded_at: c.recorded_at,
                mood: c.mood,
                feelings: None,
                contexts: None,
                sleep: None,
                note: None,
            })
            .collect();
        let seen = recent_mood(&shared, today());
        let own = progress_of(&falling, &[], 4);
        assert_eq!(seen.weeks, own.weeks, "the last four weeks only");
        assert_eq!(seen.weeks.len(), 4);
        assert_eq!(seen.trend, Trend::Falling);
        assert_eq!(seen.trend, own.trend);
    }

    #[test]
    fn feelings_are_counted_most_frequent_first() {
        let check_ins = [
            check_in(0, 2, &[Feeling::Worried, Feeling::Tired], &[]),
            check_in(0, 3, &[Feeling::Worried], &[]),
            check_in(8, 4, &[Feeling::Happy], &[]),
        ];
        let p = progress_of(&check_ins, &[], 4);
        assert_eq!(
            p.feelings[0],
            FeelingCount {
                feeling: Feeling::Worried,
                count: 2
            }
        );
        assert_eq!(p.feelings.len(), 3);
        assert_eq!(p.feeling_weeks.len(), 2);
        assert_eq!(
            p.feeling_weeks[0].feelings,
            [FeelingCount {
                feeling: Feeling::Happy,
                count: 1
            }]
        );
    }

    #[test]
    fn a_real_context_pattern_is_found_and_worded_kindly() {
        let mut random = Lcg(7);
        let check_ins: Vec<_> = (0..40)
            .map(|day| {
                let school = day % 2 == 0;
                let mood = if school {
                    1 + random.below(2) as u8
                } else {
                    3 + random.below(3) as u8
                };
                let contexts: &[Context] = if school {
                    &[Context::School]
                } else {
                    &[Context::Home]
                };
                check_in(day, mood, &[], contexts)
            })
            .collect();
        let p = progress_of(&check_ins, &[], 8);
        let school = p
            .patterns
            .iter()
            .find(|p| p.context == Context::School)
            .expect("school pattern");
        assert!(school.mood_with < school.mood_without);
        assert_eq!(
            school.sentence,
            "Your mood is usually lower when a check-in is about school."
        );
    }

    #[test]
    fn too_few_check_ins_state_no_pattern_however_stark() {
        let check_ins: Vec<_> = (0..8)
            .map(|day| {
                if day < 5 {
                    check_in(day, 1, &[], &[Context::Exams])
                } else {
                    check_in(day, 5, &[], &[])
                }
            })
            .collect();
        assert!(progress_of(&check_ins, &[], 8).patterns.is_empty());
    }

    #[test]
    fn random_data_rarely_shows_a_pattern() {
        let mut false_findings = 0;
        let seeds = 1_000;
        for seed in 0..seeds {
            let mut random = Lcg(seed);
            let check_ins: Vec<_> = (0..56)
                .map(|day| {
                    let contexts: Vec<Context> = Context::ALL
                        .into_iter()
                        .filter(|_| random.below(3) == 0)
                        .collect();
                    check_in(day, 1 + random.below(5) as u8, &[], &contexts)
                })
                .collect();
            if !progress_of(&check_ins, &[], 8).patterns.is_empty() {
                false_findings += 1;
            }
        }
        assert!(
            false_findings * 100 < seeds * 5,
            "{false_findings} of {seeds} random histories showed a pattern"
        );
    }

    fn rated(strategy: &str, days_ago: i64, before: u8, after: u8) -> StrategyUse {
        StrategyUse {
            id: RecordId::generate(days_ago as u64, [after; 10]),
            strategy_id: strategy.into(),
            used_at: at(days_ago, 18),
            feeling: None,
            before,
            after: Some(after),
        }
    }

    #[test]
    fn what_helps_most_names_its_evidence() {
        let uses = [
            rated("walk", 1, 2, 4),
            rated("walk", 2, 2, 3),
            rated("walk", 3, 2, 3),
            rated("walk", 4, 2, 3),
            rated("walk", 5, 2, 2),
            rated("walk", 30, 2, 1), // older than the last five
            rated("breathe", 1, 2, 3),
            rated("breathe", 2, 2, 2),
            rated("breathe", 3, 3, 4),
            rated("music", 1, 2, 2),
            rated("music", 2, 2, 1),
            rated("music", 3, 2, 2),
            rated("drawing", 1, 2, 5), // only once: not enough to say
        ];
        let p = progress_of(&[], &uses, 4);
        let ids: Vec<_> = p
            .helps_most
            .iter()
            .map(|h| h.strategy_id.as_str())
            .collect();
        assert_eq!(
            ids,
            ["walk", "breathe"],
            "music did not help; drawing is unproven"
        );
        assert_eq!(
            p.helps_most[0].sentence,
            "Helped you 4 of the last 5 times."
        );
        let mut shuffled = uses.to_vec();
        shuffled.reverse();
        shuffled.swap(0, 7);
        assert_eq!(
            progress_of(&[], &shuffled, 4).helps_most,
            p.helps_most,
            "the order the uses come in does not matter"
        );
    }

    fn goal(n: u8) -> Goal {
        Goal {
            id: RecordId::generate(u64::from(n), [n; 10]),
            text: format!("Goal {n}"),
            set_at: at(300, 9),
            closed_at: None,
        }
    }

    fn goal_rating(goal: &Goal, days_ago: i64, value: u8) -> GoalRating {
        GoalRating {
            id: RecordId::generate(days_ago as u64, [value; 10]),
            goal_id: goal.id.clone(),
            rated_at: at(days_ago, 9),
            progress: value,
        }
    }

    /// A response to `measure` with every item answered `value`, except
    /// the first item, answered `first`.
    fn response(
        measure: &MeasureDefinition,
        days_ago: i64,
        first: u8,
        value: u8,
    ) -> MeasureResponse {
        MeasureResponse {
            id: RecordId::generate(days_ago as u64, [value; 10]),
            measure_id: measure.id.clone(),
            completed_at: at(days_ago, 20),
            answers: measure
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| crate::measures::Answer {
                    item_id: item.id.clone(),
                    value: if i == 0 { first } else { value },
                })
                .collect(),
        }
    }

    #[test]
    fn goal_and_wheel_change_come_with_the_rest_counted_from_the_first_rating() {
        let (reading, sleeping, unrated) = (goal(1), goal(2), goal(3));
        let goals = [reading.clone(), sleeping.clone(), unrated];
        // Out of order, and the first ones long before the four weeks asked for.
        let goal_ratings = [
            goal_rating(&reading, 2, 7),
            goal_rating(&reading, 200, 1),
            goal_rating(&sleeping, 10, 6),
            goal_rating(&reading, 30, 4),
            goal_rating(&sleeping, 150, 8),
        ];
        let phq9 = crate::measures::catalogue().unwrap().find("phq9").unwrap();
        let measure_responses = [
            response(wheel(), 5, 9, 6),
            response(phq9, 3, 3, 3), // another questionnaire: not the wheel
            response(wheel(), 180, 2, 5),
            response(wheel(), 60, 4, 4),
        ];
        let check_ins = [check_in(1, 4, &[Feeling::Calm], &[])];
        let p = progress(
            &ProgressInputs {
                check_ins: &check_ins,
                strategy_uses: &[],
                goals: &goals,
                goal_ratings: &goal_ratings,
                measure_responses: &measure_responses,
                wheel: wheel(),
            },
            today(),
            4,
        );
        assert_eq!(p.weeks.len(), 1, "mood still keeps to the weeks asked for");
        let goal_numbers: Vec<_> = p
            .goal_changes
            .iter()
            .map(|g| (g.goal_id.clone(), g.first, g.latest, g.change, g.ratings))
            .collect();
        assert_eq!(
            goal_numbers,
            [
                (reading.id.clone(), 1, 7, 6, 3),
                (sleeping.id.clone(), 8, 6, -2, 2)
            ],
            "a goal without ratings has no change yet"
        );
        assert_eq!(p.wheel_changes.len(), wheel().items.len());
        assert_eq!(
            p.wheel_changes[0],
            ItemChange {
                item_id: wheel().items[0].id.clone(),
                first: 2,
                latest: 9,
                change: 7
            }
        );
        assert!(
            p.wheel_changes[1..]
                .iter()
                .all(|c| (c.first, c.latest, c.change) == (5, 6, 1)),
            "{:?}",
            p.wheel_changes
        );
    }

    #[test]
    fn without_goals_or_a_wheel_there_is_no_change_to_show() {
        let p = progress_of(&[check_in(1, 3, &[Feeling::Sad], &[])], &[], 4);
        assert!(p.goal_changes.is_empty());
        assert!(p.wheel_changes.is_empty());
    }
}
