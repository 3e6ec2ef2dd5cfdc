//! What a group and a session must be, checked before anything is stored;
//! every bad field is named.

use chrono::{Duration, NaiveDate};
use lantern_core::{ValidationError, ValidationErrors};
use serde_json::Value;

pub const MAX_MEMBERS: usize = 16;
pub const WEEKS: std::ops::RangeInclusive<i32> = 12..=18;
const MAX_NAME: usize = 80;
const MAX_SCHOOL: usize = 120;
const MAX_TOPIC: usize = 120;

pub struct NewGroup {
    pub name: String,
    pub school: Option<String>,
    pub starts_on: NaiveDate,
    pub weeks: i32,
}

fn date(field: &str, value: Option<&str>) -> Result<NaiveDate, ValidationError> {
    value
        .and_then(|text| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .ok_or_else(|| ValidationError::new(field, "invalid_date", "Give a day, like 2026-09-07."))
}

fn text(field: &str, value: Option<&str>, max: usize) -> Result<Option<String>, ValidationError> {
    let trimmed = value.map(str::trim).filter(|t| !t.is_empty());
    match trimmed {
        Some(t) if t.chars().count() > max => Err(ValidationError::new(
            field,
            &format!("{field}_too_long"),
            format!("At most {max} characters."),
        )),
        other => Ok(other.map(str::to_owned)),
    }
}

pub fn new_group(
    name: Option<&str>,
    school: Option<&str>,
    starts_on: Option<&str>,
    weeks: Option<i64>,
) -> Result<NewGroup, ValidationErrors> {
    let mut errors = vec![];
    let name = match text("name", name, MAX_NAME) {
        Ok(Some(name)) => Some(name),
        Ok(None) => {
            errors.push(ValidationError::new(
                "name",
                "name_required",
                "Give the group a name.",
            ));
            None
        }
        Err(error) => {
            errors.push(error);
            None
        }
    };
    let school = text("school", school, MAX_SCHOOL)
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    let starts_on = date("starts_on", starts_on)
        .map_err(|e| errors.push(e))
        .ok();
    let weeks = weeks
        .and_then(|w| i32::try_from(w).ok())
        .filter(|w| WEEKS.contains(w));
    if weeks.is_none() {
        errors.push(ValidationError::new(
            "weeks",
            "weeks_out_of_range",
            "A group runs for 12 to 18 weeks.",
        ));
    }
    match (name, starts_on, weeks) {
        (Some(name), Some(starts_on), Some(weeks)) if errors.is_empty() => Ok(NewGroup {
            name,
            school,
            starts_on,
            weeks,
        }),
        _ => Err(ValidationErrors(errors)),
    }
}

/// What a worker may change about a group; `None` leaves it as it is.
#[derive(Debug)]
pub struct GroupChange {
    pub name: Option<String>,
    /// `Some(None)` clears the school.
    pub school: Option<Option<String>>,
    pub finished: Option<bool>,
}

/// Reads a change; a field that is sent must be good.
pub fn group_change(body: &Value) -> Result<GroupChange, ValidationErrors> {
    let mut errors = vec![];
    let not_text = |field: &str| {
        ValidationError::new(field, &format!("{field}_not_text"), "Give this as text.")
    };
    let name = match body.get("name") {
        None => None,
        Some(Value::String(name)) => match text("name", Some(name), MAX_NAME) {
            Ok(Some(name)) => Some(name),
            Ok(None) => {
                errors.push(ValidationError::new(
                    "name",
                    "name_required",
                    "Give the group a name.",
                ));
                None
            }
            Err(error) => {
                errors.push(error);
                None
            }
        },
        Some(_) => {
            errors.push(not_text("name"));
            None
        }
    };
    let school = match body.get("school") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::String(school)) => text("school", Some(school), MAX_SCHOOL)
            .map_err(|e| errors.push(e))
            .ok(),
        Some(_) => {
            errors.push(not_text("school"));
            None
        }
    };
    let finished = match body.get("finished") {
        None => None,
        Some(Value::Bool(finished)) => Some(*finished),
        Some(_) => {
            errors.push(ValidationError::new(
                "finished",
                "finished_not_true_or_false",
                "Say true to finish the group, false to run it again.",
            ));
            None
        }
    };
    if errors.is_empty() {
        Ok(GroupChange {
            name,
            school,
            finished,
        })
    } else {
        Err(ValidationErrors(errors))
    }
}

/// A finished group takes no new members or sessions; its register can
/// still be put right.
pub fn still_running(closed_at: Option<chrono::NaiveDateTime>) -> Result<(), ValidationErrors> {
    match closed_at {
        None => Ok(()),
        Some(_) => Err(ValidationErrors::one(
            "group",
            "group_finished",
            "This group has finished. Run it again to add to it.",
        )),
    }
}

/// A session's day, within the group's weeks, and its topic.
pub fn session(
    held_on: Option<&str>,
    topic: Option<&str>,
    starts_on: NaiveDate,
    weeks: i32,
) -> Result<(NaiveDate, Option<String>), ValidationErrors> {
    let mut errors = vec![];
    let day = date("held_on", held_on).map_err(|e| errors.push(e)).ok();
    let last = starts_on + Duration::weeks(i64::from(weeks)) - Duration::days(1);
    if let Some(day) = day.filter(|d| *d < starts_on || *d > last) {
        errors.push(ValidationError::new(
            "held_on",
            "outside_the_group",
            format!("The group runs from {starts_on} to {last}; {day} is outside it."),
        ));
    }
    let topic = text("topic", topic, MAX_TOPIC)
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    match day {
        Some(day) if errors.is_empty() => Ok((day, topic)),
        _ => Err(ValidationErrors(errors)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(result: Result<NewGroup, ValidationErrors>) -> Vec<String> {
        result
            .err()
            .map(|e| e.0.into_iter().map(|e| e.code).collect())
            .unwrap_or_default()
    }

    #[test]
    fn every_bad_field_is_named() {
        let long = "x".repeat(81);
        assert_eq!(
            codes(new_group(Some(&long), None, Some("2026-02-30"), Some(19))),
            ["name_too_long", "invalid_date", "weeks_out_of_range"]
        );
        assert_eq!(
            codes(new_group(Some("  "), None, Some("2026-09-07"), Some(11))),
            ["name_required", "weeks_out_of_range"]
        );
        assert!(
            codes(new_group(
                Some("Year 8"),
                Some(" "),
                Some("2026-09-07"),
                Some(12)
            ))
            .is_empty()
        );
    }

    #[test]
    fn a_change_names_each_bad_field_and_leaves_unsent_ones() {
        let change = group_change(&serde_json::json!({})).unwrap();
        assert!(change.name.is_none() && change.school.is_none() && change.finished.is_none());
        let change =
            group_change(&serde_json::json!({"name": " Calm ", "school": null, "finished": true}))
                .unwrap();
        assert_eq!(change.name.as_deref(), Some("Calm"));
        assert_eq!(change.school, Some(None));
        assert_eq!(change.finished, Some(true));
        let codes: Vec<String> = group_change(&serde_json::json!({
            "name": "", "school": 3, "finished": "yes"
        }))
        .unwrap_err()
        .0
        .into_iter()
        .map(|e| e.code)
        .collect();
        assert_eq!(
            codes,
            [
                "name_required",
                "school_not_text",
                "finished_not_true_or_false"
            ]
        );
    }

    #[test]
    fn sessions_fall_within_the_groups_weeks() {
        let start = NaiveDate::from_ymd_opt(2026, 9, 7).unwrap();
        assert!(session(Some("2026-09-07"), None, start, 12).is_ok());
        assert!(
            session(Some("2026-11-29"), None, start, 12).is_ok(),
            "the last day of week 12"
        );
        let late = session(Some("2026-11-30"), None, start, 12).unwrap_err();
        assert_eq!(late.0[0].code, "outside_the_group");
        assert!(session(Some("2026-09-06"), None, start, 12).is_err());
    }
}
