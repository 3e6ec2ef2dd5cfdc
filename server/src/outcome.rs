//! School outcome records: the rules for a term's name and for what a
//! worker records about it, checked before anything is stored.
//!
//! A term is named `<year>-<autumn|spring|summer>` by the calendar year it
//! falls in: `2026-spring` (January to Easter), `2026-summer` (to July),
//! `2026-autumn` (September to December), so within a year spring comes
//! first and autumn last.

use lantern_core::{ValidationError, ValidationErrors};
use serde_json::Value;

use crate::db::outcome_records::Outcome;

const SEASONS: [&str; 3] = ["spring", "summer", "autumn"];
/// A term's fixed-term exclusions: more than this is a typing slip.
const MAX_EXCLUSIONS: i64 = 50;
/// School days in a term, at most.
const MAX_EXCLUSION_DAYS: i64 = 100;

/// A checked term, ordered as the school year runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Term {
    year: u16,
    season: usize,
}

impl Term {
    /// The term's first and last days, as reports count them: spring from
    /// 1 January to 14 April (Easter moves; this is near enough for a
    /// before-and-after), summer from 15 April to 31 July, autumn from
    /// 1 September to 31 December.
    pub fn dates(self) -> (chrono::NaiveDate, chrono::NaiveDate) {
        let year = i32::from(self.year);
        let day =
            |month, day| chrono::NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default();
        match self.season {
            0 => (day(1, 1), day(4, 14)),
            1 => (day(4, 15), day(7, 31)),
            _ => (day(9, 1), day(12, 31)),
        }
    }

    pub fn parse(text: &str) -> Option<Term> {
        let (year, season) = text.split_once('-')?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: u16 = year.parse().ok()?;
        let season = SEASONS.iter().position(|s| *s == season)?;
        (2000..=2100)
            .contains(&year)
            .then_some(Term { year, season })
    }
}

impl std::fmt::Display for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.year, SEASONS[self.season])
    }
}

pub fn checked_term(text: &str) -> Result<Term, ValidationError> {
    Term::parse(text).ok_or_else(|| {
        ValidationError::new(
            "term",
            "invalid_term",
            "Name the term like 2026-autumn: a year, then autumn, spring or summer.",
        )
    })
}

/// Tenths from a number with at most one decimal place, within 0..=max.
fn tenths(value: &Value, max: i64) -> Result<i32, &'static str> {
    let number = value.as_f64().ok_or("not_a_number")?;
    let scaled = number * 10.0;
    if (scaled - scaled.round()).abs() > 1e-6 {
        return Err("too_many_decimals");
    }
    let scaled = scaled.round() as i64;
    if !(0..=max * 10).contains(&scaled) {
        return Err("out_of_range");
    }
    Ok(scaled as i32)
}

/// Checks a body `{attendance_percent, fixed_term_exclusions: {count,
/// days}, permanent_exclusion, part_time_timetable}`, naming every field
/// that is missing or wrong.
pub fn checked_outcome(body: &Value) -> Result<Outcome, ValidationErrors> {
    let mut errors = Vec::new();
    let mut error = |field: &str, code: &str, message: &str| {
        errors.push(ValidationError::new(field, code, message));
    };
    let attendance = match tenths(&body["attendance_percent"], 100) {
        Ok(value) => value,
        Err("not_a_number") => {
            error(
                "attendance_percent",
                "attendance_required",
                "Give attendance as a number from 0 to 100.",
            );
            0
        }
        Err("too_many_decimals") => {
            error(
                "attendance_percent",
                "too_many_decimals",
                "Give attendance with at most one decimal place, like 92.5.",
            );
            0
        }
        Err(_) => {
            error(
                "attendance_percent",
                "attendance_out_of_range",
                "Attendance is a percentage from 0 to 100.",
            );
            0
        }
    };
    let exclusions = &body["fixed_term_exclusions"];
    let count = match exclusions["count"].as_i64() {
        Some(count) if (0..=MAX_EXCLUSIONS).contains(&count) => count,
        Some(_) => {
            error(
                "fixed_term_exclusions.count",
                "count_out_of_range",
                "Give the number of exclusions this term, from 0 to 50.",
            );
            0
        }
        None => {
            error(
                "fixed_term_exclusions.count",
                "count_required",
                "Give the number of exclusions as a whole number (0 if none).",
            );
            0
        }
    };
    let days = match tenths(&exclusions["days"], MAX_EXCLUSION_DAYS) {
        Ok(days) if count == 0 && days > 0 => {
            error(
                "fixed_term_exclusions.days",
                "days_without_exclusions",
                "With no exclusions, the days are 0.",
            );
            days
        }
        Ok(0) if count > 0 => {
            error(
                "fixed_term_exclusions.days",
                "days_required",
                "Give how many school days the exclusions lasted.",
            );
            0
        }
        Ok(days) => days,
        Err("not_a_number") => {
            error(
                "fixed_term_exclusions.days",
                "days_required",
                "Give the school days missed through exclusion as a number (0 if none).",
            );
            0
        }
        Err("too_many_decimals") => {
            error(
                "fixed_term_exclusions.days",
                "too_many_decimals",
                "Give days with at most one decimal place, like 1.5.",
            );
            0
        }
        Err(_) => {
            error(
                "fixed_term_exclusions.days",
                "days_out_of_range",
                "Give days from 0 to 100.",
            );
            0
        }
    };
    let mut yes_or_no = |field: &str| match body[field].as_bool() {
        Some(value) => value,
        None => {
            error(field, "yes_or_no_required", "Answer true or false.");
            false
        }
    };
    let permanent_exclusion = yes_or_no("permanent_exclusion");
    let part_time_timetable = yes_or_no("part_time_timetable");
    ValidationErrors::into_result(errors)?;
    Ok(Outcome {
        attendance_tenths: attendance,
        exclusions: count as i32,
        exclusion_day_tenths: days,
        permanent_exclusion,
        part_time_timetable,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn terms_parse_and_sort_as_the_school_year_runs() {
        let mut terms: Vec<Term> = ["2026-autumn", "2027-spring", "2026-spring", "2026-summer"]
            .into_iter()
            .map(|t| Term::parse(t).unwrap())
            .collect();
        terms.sort();
        let names: Vec<String> = terms.iter().map(Term::to_string).collect();
        assert_eq!(
            names,
            ["2026-spring", "2026-summer", "2026-autumn", "2027-spring"]
        );
        for bad in [
            "2026",
            "2026-winter",
            "26-autumn",
            "2026-Autumn",
            "1999-spring",
            "+202-summer",
        ] {
            assert_eq!(Term::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn one_decimal_place_is_kept_exactly() {
        let outcome = checked_outcome(&json!({
            "attendance_percent": 92.5,
            "fixed_term_exclusions": {"count": 1, "days": 1.5},
            "permanent_exclusion": false,
            "part_time_timetable": true,
        }))
        .unwrap();
        assert_eq!(outcome.attendance_tenths, 925);
        assert_eq!(outcome.exclusion_day_tenths, 15);
    }
}
