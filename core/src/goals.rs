//! Goal-Based Outcomes: up to three goals in the young person's own words,
//! each rated 0–10 for how close they feel to it.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::record_id::RecordId;
use crate::validation::{ValidationError, ValidationErrors};

pub const MAX_ACTIVE_GOALS: usize = 3;
pub const GOAL_TEXT_MAX_CHARS: usize = 140;
pub const PROGRESS_MAX: u8 = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Goal {
    pub id: RecordId,
    pub text: String,
    #[cfg_attr(test, ts(type = "string"))]
    #[serde(with = "crate::time::rfc3339")]
    pub set_at: DateTime<FixedOffset>,
    /// When the young person finished with it (met, or let it go).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::time::rfc3339_option"
    )]
    #[cfg_attr(test, ts(type = "string", optional))]
    pub closed_at: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct GoalRating {
    pub id: RecordId,
    pub goal_id: RecordId,
    #[cfg_attr(test, ts(type = "string"))]
    #[serde(with = "crate::time::rfc3339")]
    pub rated_at: DateTime<FixedOffset>,
    /// 0 = not started, 10 = reached it.
    pub progress: u8,
}

impl Goal {
    /// Checks a new goal against the goals already set.
    pub fn validate(&self, existing: &[Goal]) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        let length = self.text.trim().chars().count();
        if length == 0 {
            errors.push(ValidationError::new(
                "text",
                "goal_empty",
                "Write your goal in your own words.",
            ));
        } else if length > GOAL_TEXT_MAX_CHARS {
            errors.push(ValidationError::new(
                "text",
                "goal_too_long",
                format!("Goals can be up to {GOAL_TEXT_MAX_CHARS} characters."),
            ));
        }
        let active = existing
            .iter()
            .filter(|g| g.closed_at.is_none() && g.id != self.id)
            .count();
        if self.closed_at.is_none() && active >= MAX_ACTIVE_GOALS {
            errors.push(ValidationError::new(
                "",
                "too_many_goals",
                "You can work on up to three goals at a time. Finish or close one first.",
            ));
        }
        ValidationErrors::into_result(errors)
    }
}

impl GoalRating {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        if self.progress > PROGRESS_MAX {
            return Err(ValidationErrors::one(
                "progress",
                "progress_out_of_range",
                "Pick a number from 0 to 10.",
            ));
        }
        Ok(())
    }

    /// Every rating in a list, each problem named by its place
    /// (`goal_ratings[2].progress`), so change is never counted from a
    /// rating off the scale.
    pub fn validate_all(ratings: &[GoalRating]) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        for (i, rating) in ratings.iter().enumerate() {
            if let Err(found) = rating.validate() {
                errors.extend(found.under(&format!("goal_ratings[{i}]")).0);
            }
        }
        ValidationErrors::into_result(errors)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct GoalChange {
    pub goal_id: RecordId,
    pub first: u8,
    pub latest: u8,
    pub change: i16,
    pub ratings: u32,
}

/// For each goal with ratings: from the first rating to the latest.
pub fn goal_changes(goals: &[Goal], ratings: &[GoalRating]) -> Vec<GoalChange> {
    goals
        .iter()
        .filter_map(|goal| {
            let mut ours: Vec<&GoalRating> =
                ratings.iter().filter(|r| r.goal_id == goal.id).collect();
            crate::order::sort_by_key(&mut ours, |r| r.rated_at);
            let (first, latest) = (ours.first()?, ours.last()?);
            Some(GoalChange {
                goal_id: goal.id.clone(),
                first: first.progress,
                latest: latest.progress,
                change: i16::from(latest.progress) - i16::from(first.progress),
                ratings: ours.len() as u32,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T17:00:00Z")).unwrap()
    }

    fn goal(n: u8, text: &str) -> Goal {
        Goal {
            id: RecordId::generate(u64::from(n), [n; 10]),
            text: text.into(),
            set_at: at(1),
            closed_at: None,
        }
    }

    fn rating(goal: &Goal, day: u32, progress: u8) -> GoalRating {
        GoalRating {
            id: RecordId::generate(u64::from(day), [day as u8; 10]),
            goal_id: goal.id.clone(),
            rated_at: at(day),
            progress,
        }
    }

    #[test]
    fn at_most_three_open_goals_in_own_words() {
        let existing = [
            goal(1, "Go to school every day"),
            goal(2, "Sleep before 11"),
            goal(3, "Talk to Mum"),
        ];
        assert_eq!(
            goal(4, "Join a club").validate(&existing).unwrap_err().0[0].code,
            "too_many_goals"
        );
        let mut closed = existing.clone();
        closed[0].closed_at = Some(at(5));
        assert!(goal(4, "Join a club").validate(&closed).is_ok());
        assert_eq!(
            goal(5, "  ").validate(&[]).unwrap_err().0[0].code,
            "goal_empty"
        );
        assert_eq!(
            goal(6, &"a".repeat(141)).validate(&[]).unwrap_err().0[0].code,
            "goal_too_long"
        );
    }

    #[test]
    fn ratings_are_0_to_10() {
        let g = goal(1, "x");
        assert!(rating(&g, 1, 10).validate().is_ok());
        assert!(rating(&g, 1, 11).validate().is_err());
    }

    #[test]
    fn every_rating_off_the_scale_is_named_by_its_place() {
        let g = goal(1, "x");
        let ratings = [
            rating(&g, 1, 3),
            rating(&g, 2, 11),
            rating(&g, 3, 0),
            rating(&g, 4, 99),
        ];
        let errors = GoalRating::validate_all(&ratings).unwrap_err();
        let named: Vec<_> = errors
            .errors()
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            named,
            [
                ("goal_ratings[1].progress", "progress_out_of_range"),
                ("goal_ratings[3].progress", "progress_out_of_range")
            ]
        );
        assert!(GoalRating::validate_all(&ratings[..1]).is_ok());
    }

    #[test]
    fn change_runs_from_first_to_latest_rating() {
        let (a, b, c) = (goal(1, "a"), goal(2, "b"), goal(3, "never rated"));
        let ratings = [
            rating(&a, 9, 6),
            rating(&a, 2, 2),
            rating(&a, 5, 4),
            rating(&b, 3, 5),
            rating(&b, 8, 3),
        ];
        let changes = goal_changes(&[a.clone(), b, c], &ratings);
        assert_eq!(changes.len(), 2);
        assert_eq!(
            (
                changes[0].first,
                changes[0].latest,
                changes[0].change,
                changes[0].ratings
            ),
            (2, 6, 4, 3)
        );
        assert_eq!(changes[1].change, -2);
    }
}
