//! A strategy the young person tried, with how they felt before and after.
//! These ratings are what the core learns from, on the device.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::feelings::Feeling;
use crate::record_id::RecordId;
use crate::validation::{ValidationError, ValidationErrors};

/// Before and after use the check-in's five faces: 1 awful … 5 great.
pub const FEELING_SCALE: std::ops::RangeInclusive<u8> = 1..=5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct StrategyUse {
    pub id: RecordId,
    pub strategy_id: String,
    #[cfg_attr(test, ts(type = "string"))]
    #[serde(with = "crate::time::rfc3339")]
    pub used_at: DateTime<FixedOffset>,
    /// The feeling it was tried for, if the young person said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub feeling: Option<Feeling>,
    pub before: u8,
    /// Absent until the young person answers "how do you feel now?".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub after: Option<u8>,
}

impl StrategyUse {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        if self.strategy_id.trim().is_empty() {
            errors.push(ValidationError::new(
                "strategy_id",
                "strategy_missing",
                "Say which idea you tried.",
            ));
        }
        for (field, value) in [("before", Some(self.before)), ("after", self.after)] {
            if value.is_some_and(|v| !FEELING_SCALE.contains(&v)) {
                errors.push(ValidationError::new(
                    field,
                    "rating_out_of_range",
                    "Pick one of the five faces.",
                ));
            }
        }
        ValidationErrors::into_result(errors)
    }

    /// Rated, and the young person felt better afterwards.
    pub fn helped(&self) -> Option<bool> {
        self.after.map(|after| after > self.before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a_use(before: u8, after: Option<u8>) -> StrategyUse {
        StrategyUse {
            id: RecordId::generate(1, [1; 10]),
            strategy_id: "box_breathing".into(),
            used_at: DateTime::parse_from_rfc3339("2026-11-23T16:00:00Z").unwrap(),
            feeling: Some(Feeling::Worried),
            before,
            after,
        }
    }

    #[test]
    fn helped_means_feeling_better_afterwards() {
        assert_eq!(a_use(2, Some(3)).helped(), Some(true));
        assert_eq!(a_use(2, Some(2)).helped(), Some(false));
        assert_eq!(a_use(3, Some(1)).helped(), Some(false));
        assert_eq!(a_use(2, None).helped(), None, "not rated yet");
    }

    #[test]
    fn ratings_outside_the_faces_are_refused() {
        assert!(a_use(1, Some(5)).validate().is_ok());
        let errors = a_use(0, Some(6)).validate().unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["before", "after"]);
    }
}
