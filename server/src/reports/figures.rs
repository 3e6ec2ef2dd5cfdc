//! The report's tables, from what young people share and what workers
//! record: activity, mood by month, THRIVE groupings and moves, wheel and
//! goal change, disclosure alerts, and school before and during support.
//! Every figure carries how many young people it is built from.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use lantern_core::goals::{Goal, GoalRating, goal_changes};
use lantern_core::measures::{MeasureDefinition, MeasureResponse, item_changes};
use lantern_core::sync::RecordKind;
use lantern_core::thrive::ThriveGrouping;

use super::range::{Range, month_name};
use super::table::{Cell, Sum, Table};
use crate::db::AnyConnection;
use crate::db::schema::{
    alerts, assignments, check_ins, group_attendance, group_sessions, outcome_records,
    shared_records, thrive_groupings,
};
use crate::outcome::Term;

/// (young person, term, attendance tenths, exclusions, exclusion day
/// tenths, permanent exclusion, part-time timetable)
type SchoolRow = (String, String, i32, i32, i32, bool, bool);

/// What the report is built from, for one set of young people.
#[derive(Debug, Default)]
pub struct Data {
    /// (young person, when, mood 1–5)
    check_ins: Vec<(String, NaiveDateTime, i32)>,
    /// (young person, session day) for sessions they came to.
    attended: Vec<(String, String)>,
    /// (young person, grouping, when), oldest first.
    thrive: Vec<(String, String, NaiveDateTime)>,
    wheel: BTreeMap<String, Vec<MeasureResponse>>,
    goals: BTreeMap<String, (Vec<Goal>, Vec<GoalRating>)>,
    /// (young person, raised, acknowledged)
    alerts: Vec<(String, NaiveDateTime, Option<NaiveDateTime>)>,
    school: Vec<SchoolRow>,
    /// When each young person's support began: their first assignment.
    support_began: BTreeMap<String, NaiveDateTime>,
}

pub fn load(conn: &mut AnyConnection, people: &[String]) -> QueryResult<Data> {
    let check_ins = check_ins::table
        .filter(check_ins::young_person_id.eq_any(people))
        .select((
            check_ins::young_person_id,
            check_ins::recorded_at,
            check_ins::mood,
        ))
        .load(conn)?;
    let attended = group_attendance::table
        .inner_join(group_sessions::table.on(group_sessions::id.eq(group_attendance::session_id)))
        .filter(group_attendance::young_person_id.eq_any(people))
        .filter(group_attendance::present.eq(true))
        .select((group_attendance::young_person_id, group_sessions::held_on))
        .load(conn)?;
    let thrive = thrive_groupings::table
        .filter(thrive_groupings::young_person_id.eq_any(people))
        .order((
            thrive_groupings::recorded_at.asc(),
            thrive_groupings::id.asc(),
        ))
        .select((
            thrive_groupings::young_person_id,
            thrive_groupings::grouping,
            thrive_groupings::recorded_at,
        ))
        .load(conn)?;
    let records: Vec<(String, String, String)> = shared_records::table
        .filter(shared_records::young_person_id.eq_any(people))
        .filter(shared_records::kind.eq_any([
            RecordKind::MeasureResponse.as_str(),
            RecordKind::Goal.as_str(),
            RecordKind::GoalRating.as_str(),
        ]))
        .select((
            shared_records::young_person_id,
            shared_records::kind,
            shared_records::payload,
        ))
        .load(conn)?;
    let mut wheel: BTreeMap<String, Vec<MeasureResponse>> = BTreeMap::new();
    let mut goals: BTreeMap<String, (Vec<Goal>, Vec<GoalRating>)> = BTreeMap::new();
    // Stored records were checked by the core on the way in; one that no
    // longer parses is left out rather than failing the whole report.
    for (person, kind, payload) in records {
        if kind == RecordKind::MeasureResponse.as_str() {
            if let Ok(response) = serde_json::from_str(&payload) {
                wheel.entry(person).or_default().push(response);
            }
        } else if kind == RecordKind::Goal.as_str() {
            if let Ok(goal) = serde_json::from_str(&payload) {
                goals.entry(person).or_default().0.push(goal);
            }
        } else if let Ok(rating) = serde_json::from_str(&payload) {
            goals.entry(person).or_default().1.push(rating);
        }
    }
    let alerts = alerts::table
        .filter(alerts::young_person_id.eq_any(people))
        .select((
            alerts::young_person_id,
            alerts::created_at,
            alerts::acknowledged_at,
        ))
        .load(conn)?;
    let school = outcome_records::table
        .filter(outcome_records::young_person_id.eq_any(people))
        .select((
            outcome_records::young_person_id,
            outcome_records::term,
            outcome_records::attendance_tenths,
            outcome_records::fixed_term_exclusions,
            outcome_records::fixed_term_exclusion_day_tenths,
            outcome_records::permanent_exclusion,
            outcome_records::part_time_timetable,
        ))
        .load(conn)?;
    let starts: Vec<(String, NaiveDateTime)> = assignments::table
        .filter(assignments::young_person_id.eq_any(people))
        .select((assignments::young_person_id, assignments::started_at))
        .load(conn)?;
    let mut support_began: BTreeMap<String, NaiveDateTime> = BTreeMap::new();
    for (person, at) in starts {
        let first = support_began.entry(person).or_insert(at);
        *first = (*first).min(at);
    }
    Ok(Data {
        check_ins,
        attended,
        thrive,
        wheel,
        goals,
        alerts,
        school,
        support_began,
    })
}

/// Every table of the report, before the small-number rule.
pub fn tables(data: &Data, range: Range, wheel: &MeasureDefinition) -> Vec<Table> {
    vec![
        activity(data, range),
        mood(data, range),
        thrive(data, range),
        wheel_change(data, range, wheel),
        goal_progress(data, range),
        alert_times(data, range),
        school(data, range),
    ]
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The value below which `share` of the sorted values fall (nearest rank).
fn percentile(sorted: &[f64], share: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (share * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted.get(rank - 1).copied()
}

fn table(id: &'static str, title: &str, columns: &[&str], rows: Vec<Vec<Cell>>) -> Table {
    Table {
        id,
        title: title.to_owned(),
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        rows,
        sums: vec![],
    }
}

fn activity(data: &Data, range: Range) -> Table {
    let in_range: Vec<_> = data
        .check_ins
        .iter()
        .filter(|c| range.contains(c.1))
        .collect();
    let checked_in: BTreeSet<&str> = in_range.iter().map(|c| c.0.as_str()).collect();
    let came: BTreeSet<&str> = data
        .attended
        .iter()
        .filter(|(_, day)| {
            NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .is_ok_and(|d| range.start <= d && d < range.end)
        })
        .map(|a| a.0.as_str())
        .collect();
    let active: BTreeSet<&str> = checked_in.union(&came).copied().collect();
    table(
        "activity",
        "Taking part",
        &["Figure", "Number"],
        vec![
            vec![
                Cell::label("Young people taking part"),
                Cell::people(active.len()),
            ],
            vec![
                Cell::label("Young people who shared a check-in"),
                Cell::people(checked_in.len()),
            ],
            vec![
                Cell::label("Check-ins shared"),
                Cell::count(in_range.len() as f64, checked_in.len()),
            ],
            vec![
                Cell::label("Young people who came to a group session"),
                Cell::people(came.len()),
            ],
        ],
    )
}

/// Mood by month: each young person's own average first, so one who checks
/// in ten times a day does not outweigh the rest.
fn mood(data: &Data, range: Range) -> Table {
    let rows = range
        .months()
        .into_iter()
        .map(|month| {
            let next = month + chrono::Months::new(1);
            let mut per_person: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
            for (person, at, mood) in &data.check_ins {
                if month <= at.date() && at.date() < next {
                    per_person.entry(person).or_default().push(f64::from(*mood));
                }
            }
            let averages: Vec<f64> = per_person.values().filter_map(|m| mean(m)).collect();
            vec![
                Cell::label(month_name(month)),
                Cell::people(averages.len()),
                Cell::average(mean(&averages), averages.len()),
            ]
        })
        .collect();
    table(
        "mood",
        "Mood by month",
        &["Month", "Young people", "Average mood (1 to 5)"],
        rows,
    )
}

/// Where each young person's THRIVE grouping was at the start of the
/// range (or none yet) and where it was at the end: a table of moves with
/// totals both ways. The bottom row is how many are in each grouping now.
fn thrive(data: &Data, range: Range) -> Table {
    let mut at_start: BTreeMap<&str, &str> = BTreeMap::new();
    let mut at_end: BTreeMap<&str, &str> = BTreeMap::new();
    for (person, grouping, at) in &data.thrive {
        if *at < range.start_time() {
            at_start.insert(person, grouping);
        }
        if *at < range.end_time() {
            at_end.insert(person, grouping);
        }
    }
    let groupings: Vec<&str> = ThriveGrouping::ALL.iter().map(|g| g.as_str()).collect();
    let froms: Vec<Option<&str>> = groupings.iter().map(|g| Some(*g)).chain([None]).collect();
    let mut counts = vec![vec![0usize; groupings.len()]; froms.len()];
    for (person, end) in &at_end {
        let from = at_start.get(person).copied();
        let (Some(r), Some(c)) = (
            froms.iter().position(|f| *f == from),
            groupings.iter().position(|g| g == end),
        ) else {
            continue;
        };
        counts[r][c] += 1;
    }
    let title = |g: &str| ThriveGrouping::parse(g).map_or(g.to_owned(), |g| g.title().to_owned());
    let width = groupings.len();
    let mut rows: Vec<Vec<Cell>> = froms
        .iter()
        .zip(&counts)
        .map(|(from, row)| {
            let mut cells = vec![Cell::label(
                from.map_or("No grouping before".to_owned(), &title),
            )];
            cells.extend(row.iter().map(|n| Cell::people(*n)));
            cells.push(Cell::people(row.iter().sum()));
            cells
        })
        .collect();
    let mut totals = vec![Cell::label("In each grouping at the end")];
    for c in 0..width {
        totals.push(Cell::people(counts.iter().map(|row| row[c]).sum()));
    }
    totals.push(Cell::people(counts.iter().flatten().sum()));
    rows.push(totals);

    let mut columns = vec!["At the start \\ at the end".to_owned()];
    columns.extend(groupings.iter().map(|g| title(g)));
    columns.push("Total".to_owned());
    let last_row = froms.len();
    let total_column = width + 1;
    let mut sums = vec![];
    for r in 0..=last_row {
        sums.push(Sum {
            parts: (1..=width).map(|c| (r, c)).collect(),
            total: (r, total_column),
        });
    }
    for c in 1..=total_column {
        sums.push(Sum {
            parts: (0..last_row).map(|r| (r, c)).collect(),
            total: (last_row, c),
        });
    }
    Table {
        id: "thrive",
        title: "THRIVE groupings: where young people started and ended".to_owned(),
        columns,
        rows,
        sums,
    }
}

/// Change per wheel area from a young person's first answer to their
/// latest in the range, for those who answered in the range and at least
/// twice in all: where they started, to where they are.
pub fn wheel_change(data: &Data, range: Range, wheel: &MeasureDefinition) -> Table {
    let mut by_item: BTreeMap<String, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for responses in data.wheel.values() {
        let ours: Vec<MeasureResponse> = responses
            .iter()
            .filter(|r| r.measure_id == wheel.id && r.completed_at.naive_utc() < range.end_time())
            .cloned()
            .collect();
        let answered_in_range = ours
            .iter()
            .any(|r| range.contains(r.completed_at.naive_utc()));
        if ours.len() < 2 || !answered_in_range {
            continue;
        }
        for change in item_changes(wheel, &ours) {
            let entry = by_item.entry(change.item_id).or_default();
            entry.0.push(f64::from(change.first));
            entry.1.push(f64::from(change.latest));
        }
    }
    let rows = wheel
        .items
        .iter()
        .map(|item| {
            let (first, latest) = by_item.get(&item.id).cloned().unwrap_or_default();
            let people = first.len();
            let change: Vec<f64> = latest.iter().zip(&first).map(|(l, f)| l - f).collect();
            vec![
                Cell::label(item.label.clone().unwrap_or_else(|| item.text.clone())),
                Cell::people(people),
                Cell::average(mean(&first), people),
                Cell::average(mean(&latest), people),
                Cell::average(mean(&change), people),
            ]
        })
        .collect();
    table(
        "wheel",
        "Resilience wheel: change in each area",
        &[
            "Area",
            "Young people",
            "First (average)",
            "Latest (average)",
            "Change (average)",
        ],
        rows,
    )
}

/// Goals rated in the range and at least twice in all, from the first
/// rating to the latest in the range: the average change and how many went
/// up. Each young person counts once: their goals' average.
pub fn goal_progress(data: &Data, range: Range) -> Table {
    let mut changes = vec![];
    let mut improved = 0usize;
    let mut goals_counted = 0usize;
    for (goals, ratings) in data.goals.values() {
        let ours: Vec<GoalRating> = ratings
            .iter()
            .filter(|r| r.rated_at.naive_utc() < range.end_time())
            .cloned()
            .collect();
        let counts = |goal: &lantern_core::RecordId| {
            let of_goal = ours.iter().filter(|r| &r.goal_id == goal);
            let in_range = of_goal
                .clone()
                .any(|r| range.contains(r.rated_at.naive_utc()));
            of_goal.count() >= 2 && in_range
        };
        let moved: Vec<f64> = goal_changes(goals, &ours)
            .into_iter()
            .filter(|c| counts(&c.goal_id))
            .map(|c| f64::from(c.change))
            .collect();
        if let Some(average) = mean(&moved) {
            changes.push(average);
            goals_counted += moved.len();
            improved += moved.iter().filter(|c| **c > 0.0).count();
        }
    }
    let people = changes.len();
    let share = (goals_counted > 0).then(|| 100.0 * improved as f64 / goals_counted as f64);
    table(
        "goals",
        "Goals: change from first to latest rating (0 to 10)",
        &[
            "Young people",
            "Goals",
            "Average change",
            "Goals that went up (%)",
        ],
        vec![vec![
            Cell::people(people),
            Cell::count(goals_counted as f64, people),
            Cell::average(mean(&changes), people),
            Cell::average(share, people),
        ]],
    )
}

/// Alerts raised in the range, and how long they waited for a worker.
fn alert_times(data: &Data, range: Range) -> Table {
    let raised: Vec<_> = data.alerts.iter().filter(|a| range.contains(a.1)).collect();
    let people = |list: &[&(String, NaiveDateTime, Option<NaiveDateTime>)]| {
        list.iter()
            .map(|a| a.0.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    };
    let (seen, open): (Vec<_>, Vec<_>) = raised.iter().copied().partition(|a| a.2.is_some());
    let mut minutes: Vec<f64> = seen
        .iter()
        .filter_map(|a| a.2.map(|at| (at - a.1).num_seconds() as f64 / 60.0))
        .collect();
    minutes.sort_by(f64::total_cmp);
    let seen_by = people(&seen);
    let mut result = table(
        "alerts",
        "Answers that asked for help: time until a worker saw them",
        &["Figure", "Number"],
        vec![
            vec![
                Cell::label("Alerts raised"),
                Cell::count(raised.len() as f64, people(&raised)),
            ],
            vec![
                Cell::label("Seen by a worker"),
                Cell::count(seen.len() as f64, seen_by),
            ],
            vec![
                Cell::label("Not seen yet"),
                Cell::count(open.len() as f64, people(&open)),
            ],
            vec![
                Cell::label("Minutes until seen (median)"),
                Cell::average(percentile(&minutes, 0.5), seen_by),
            ],
            vec![
                Cell::label("Minutes until seen (90 in 100 within)"),
                Cell::average(percentile(&minutes, 0.9), seen_by),
            ],
        ],
    );
    result.sums.push(Sum {
        parts: vec![(1, 1), (2, 1)],
        total: (0, 1),
    });
    result
}

/// School before support (the last term that ended before it began) and
/// during it (terms since it began that overlap the range), per young
/// person, then across young people.
fn school(data: &Data, range: Range) -> Table {
    #[derive(Default)]
    struct Side {
        attendance: Vec<f64>,
        exclusions: (f64, usize),
        days: (f64, usize),
        permanent: usize,
        part_time: usize,
    }
    let mut before = Side::default();
    let mut during = Side::default();
    let mut by_person: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for row in &data.school {
        if let Some(term) = Term::parse(&row.1) {
            by_person
                .entry(row.0.as_str())
                .or_default()
                .push((term, row));
        }
    }
    for (person, mut terms) in by_person {
        let Some(began) = data.support_began.get(person).map(|at| at.date()) else {
            continue;
        };
        terms.sort_by_key(|(term, _)| *term);
        let last_before = terms.iter().rev().find(|(term, _)| term.dates().1 < began);
        let since: Vec<_> = terms
            .iter()
            .filter(|(term, _)| {
                let (first, last) = term.dates();
                last >= began && first < range.end && last >= range.start
            })
            .collect();
        let add = |side: &mut Side, rows: &[&(Term, &SchoolRow)]| {
            if rows.is_empty() {
                return;
            }
            let attendance: Vec<f64> = rows.iter().map(|(_, r)| f64::from(r.2) / 10.0).collect();
            side.attendance.extend(mean(&attendance));
            let exclusions: i32 = rows.iter().map(|(_, r)| r.3).sum();
            let days: i32 = rows.iter().map(|(_, r)| r.4).sum();
            if exclusions > 0 {
                side.exclusions.0 += f64::from(exclusions);
                side.exclusions.1 += 1;
            }
            if days > 0 {
                side.days.0 += f64::from(days) / 10.0;
                side.days.1 += 1;
            }
            side.permanent += usize::from(rows.iter().any(|(_, r)| r.5));
            side.part_time += usize::from(rows.iter().any(|(_, r)| r.6));
        };
        if let Some(row) = last_before {
            add(&mut before, &[row]);
        }
        add(&mut during, &since);
    }
    let row = |name: &str, side: &Side| {
        let people = side.attendance.len();
        vec![
            Cell::label(name),
            Cell::people(people),
            Cell::average(mean(&side.attendance), people),
            Cell::count(side.exclusions.0, side.exclusions.1),
            Cell::count(side.days.0, side.days.1),
            Cell::people(side.permanent),
            Cell::people(side.part_time),
        ]
    };
    table(
        "school",
        "School: the term before support and the terms during it",
        &[
            "When",
            "Young people",
            "Attendance (average %)",
            "Fixed-term exclusions",
            "Days excluded",
            "Permanent exclusions",
            "On a part-time timetable",
        ],
        vec![
            row("Before support", &before),
            row("During support", &during),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let values: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&values, 0.5), Some(5.0));
        assert_eq!(percentile(&values, 0.9), Some(9.0));
        assert_eq!(percentile(&[7.0], 0.9), Some(7.0));
        assert_eq!(percentile(&[], 0.5), None);
    }
}
