//! Questionnaires defined as data (`data/measures.json`), so a service can
//! add one it holds a licence for without code: items, response scale,
//! scoring, the items whose answers need a support response, minimum age.
//! No cut-offs or bands are shipped: young people see their own change.

use std::sync::OnceLock;

use crate::data_file::{self, DataFileError};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::record_id::RecordId;
use crate::validation::{ValidationError, ValidationErrors};

/// The resilience wheel is shared under its own scope; other measures
/// under `measures`.
pub const WHEEL_ID: &str = "resilience_wheel";

/// The shipped data file, as text.
pub const CATALOGUE_JSON: &str = include_str!("../data/measures.json");

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct MeasureCatalogue {
    pub version: u32,
    pub measures: Vec<MeasureDefinition>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct MeasureDefinition {
    pub id: String,
    pub title: String,
    pub intro: String,
    pub min_age: u8,
    /// Off-by-default measures are offered only where a service turns them on.
    pub switched_on_by_default: bool,
    pub scale: Scale,
    pub scoring: Scoring,
    pub items: Vec<Item>,
    pub licence: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Scale {
    pub min: u8,
    pub max: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub low_label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub high_label: Option<String>,
    /// One label per value from `min` to `max`, when each has words.
    #[serde(default)]
    pub options: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Scoring {
    /// A total of all items.
    Sum,
    /// Each item stands alone (like the wheel's areas).
    PerItem,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Item {
    pub id: String,
    pub text: String,
    /// A short name for charts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub label: Option<String>,
    /// An answer at or above this value brings the help card first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub support_at: Option<u8>,
}

/// A completed questionnaire, made on the device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct MeasureResponse {
    pub id: RecordId,
    pub measure_id: String,
    #[cfg_attr(test, ts(type = "string"))]
    #[serde(with = "crate::time::rfc3339")]
    pub completed_at: DateTime<FixedOffset>,
    pub answers: Vec<Answer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Answer {
    pub item_id: String,
    pub value: u8,
}

/// The shipped measures, parsed and checked once.
pub fn catalogue() -> Result<&'static MeasureCatalogue, &'static DataFileError> {
    static CATALOGUE: OnceLock<Result<MeasureCatalogue, DataFileError>> = OnceLock::new();
    CATALOGUE
        .get_or_init(|| data_file::load("questionnaires", CATALOGUE_JSON, MeasureCatalogue::check))
        .as_ref()
}

impl MeasureCatalogue {
    pub fn find(&self, id: &str) -> Option<&MeasureDefinition> {
        self.measures.iter().find(|m| m.id == id)
    }

    /// The resilience wheel, whose change per area progress shows.
    pub fn wheel(&self) -> Option<&MeasureDefinition> {
        self.find(WHEEL_ID)
    }

    /// Measures this young person may be offered.
    pub fn offered(&self, age: u8, switched_on: &[String]) -> Vec<&MeasureDefinition> {
        self.measures
            .iter()
            .filter(|m| age >= m.min_age)
            .filter(|m| m.switched_on_by_default || switched_on.contains(&m.id))
            .collect()
    }

    /// Every definition must be usable; problems are listed, not panicked on.
    pub fn check(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        if self.wheel().is_none() {
            problems.push(format!(
                "{WHEEL_ID}: missing, and progress shows its change"
            ));
        }
        for (i, measure) in self.measures.iter().enumerate() {
            if self.measures[..i].iter().any(|m| m.id == measure.id) {
                problems.push(format!("{}: duplicate id", measure.id));
            }
            if measure.items.is_empty() {
                problems.push(format!("{}: no items", measure.id));
            }
            let scale = &measure.scale;
            if scale.min >= scale.max {
                problems.push(format!("{}: scale min must be below max", measure.id));
            }
            let values = usize::from(scale.max.saturating_sub(scale.min)) + 1;
            if !scale.options.is_empty() && scale.options.len() != values {
                problems.push(format!(
                    "{}: {} options for {values} values",
                    measure.id,
                    scale.options.len()
                ));
            }
            if measure.licence.trim().is_empty() || measure.source.trim().is_empty() {
                problems.push(format!("{}: licence and source are required", measure.id));
            }
            for (j, item) in measure.items.iter().enumerate() {
                if measure.items[..j].iter().any(|other| other.id == item.id) {
                    problems.push(format!("{}.{}: duplicate item", measure.id, item.id));
                }
                if item
                    .support_at
                    .is_some_and(|at| at < scale.min || at > scale.max)
                {
                    problems.push(format!(
                        "{}.{}: support_at outside the scale",
                        measure.id, item.id
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

impl MeasureDefinition {
    /// Every item answered exactly once, within the scale.
    pub fn validate(&self, response: &MeasureResponse) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        if response.measure_id != self.id {
            errors.push(ValidationError::new(
                "measure_id",
                "wrong_measure",
                "These answers are for another questionnaire.",
            ));
        }
        for (i, answer) in response.answers.iter().enumerate() {
            let field = format!("answers[{i}]");
            if !self.items.iter().any(|item| item.id == answer.item_id) {
                errors.push(ValidationError::new(
                    format!("{field}.item_id"),
                    "unknown_item",
                    "This question isn't in the questionnaire.",
                ));
            } else if response.answers[..i]
                .iter()
                .any(|a| a.item_id == answer.item_id)
            {
                errors.push(ValidationError::new(
                    format!("{field}.item_id"),
                    "item_repeated",
                    "This question was answered twice.",
                ));
            }
            if answer.value < self.scale.min || answer.value > self.scale.max {
                errors.push(ValidationError::new(
                    format!("{field}.value"),
                    "answer_out_of_range",
                    format!(
                        "Pick an answer from {} to {}.",
                        self.scale.min, self.scale.max
                    ),
                ));
            }
        }
        for item in &self.items {
            if !response.answers.iter().any(|a| a.item_id == item.id) {
                errors.push(ValidationError::new(
                    "answers",
                    "item_unanswered",
                    format!("Please answer: {}", item.text),
                ));
            }
        }
        ValidationErrors::into_result(errors)
    }

    /// The total, for measures scored by summing. None for per-item ones.
    pub fn total(&self, response: &MeasureResponse) -> Option<u32> {
        (self.scoring == Scoring::Sum)
            .then(|| response.answers.iter().map(|a| u32::from(a.value)).sum())
    }

    /// Whether any answer needs a support response (help first, kindly).
    pub fn needs_support(&self, response: &MeasureResponse) -> bool {
        response.answers.iter().any(|answer| {
            self.items
                .iter()
                .find(|item| item.id == answer.item_id)
                .and_then(|item| item.support_at)
                .is_some_and(|at| answer.value >= at)
        })
    }
}

/// One wheel area (or per-item score) from the first rating to the latest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ItemChange {
    pub item_id: String,
    pub first: u8,
    pub latest: u8,
    pub change: i16,
}

/// Change per item between the earliest and latest responses to a measure.
pub fn item_changes(
    definition: &MeasureDefinition,
    responses: &[MeasureResponse],
) -> Vec<ItemChange> {
    let mut ours: Vec<&MeasureResponse> = responses
        .iter()
        .filter(|r| r.measure_id == definition.id)
        .collect();
    crate::order::sort_by_key(&mut ours, |r| r.completed_at);
    let (Some(first), Some(latest)) = (ours.first(), ours.last()) else {
        return Vec::new();
    };
    let value = |response: &MeasureResponse, item: &str| {
        response
            .answers
            .iter()
            .find(|a| a.item_id == item)
            .map(|a| a.value)
    };
    definition
        .items
        .iter()
        .filter_map(|item| {
            let (first, latest) = (value(first, &item.id)?, value(latest, &item.id)?);
            Some(ItemChange {
                item_id: item.id.clone(),
                first,
                latest,
                change: i16::from(latest) - i16::from(first),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(measure: &str, answers: &[(&str, u8)], day: u32) -> MeasureResponse {
        MeasureResponse {
            id: RecordId::generate(u64::from(day), [day as u8; 10]),
            measure_id: measure.into(),
            completed_at: DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T17:00:00Z"))
                .unwrap(),
            answers: answers
                .iter()
                .map(|&(item_id, value)| Answer {
                    item_id: item_id.into(),
                    value,
                })
                .collect(),
        }
    }

    fn all(measure: &MeasureDefinition, value: u8) -> Vec<(&str, u8)> {
        measure
            .items
            .iter()
            .map(|i| (i.id.as_str(), value))
            .collect()
    }

    #[test]
    fn the_shipped_catalogue_is_valid_and_has_the_four_measures_parts() {
        let catalogue = catalogue().unwrap();
        let wheel = catalogue.find("resilience_wheel").unwrap();
        assert_eq!(wheel.items.len(), 7);
        assert_eq!((wheel.scale.min, wheel.scale.max), (1, 10));
        assert_eq!(catalogue.find("phq9").unwrap().items.len(), 9);
        assert_eq!(catalogue.find("gad7").unwrap().items.len(), 7);
    }

    #[test]
    fn licensed_questionnaires_are_offered_only_from_13_and_when_switched_on() {
        let catalogue = catalogue().unwrap();
        let ids = |age, on: &[String]| -> Vec<String> {
            catalogue
                .offered(age, on)
                .iter()
                .map(|m| m.id.clone())
                .collect()
        };
        assert_eq!(ids(15, &[]), ["resilience_wheel"]);
        assert_eq!(ids(12, &["phq9".into()]), ["resilience_wheel"]);
        assert_eq!(ids(13, &["phq9".into()]), ["resilience_wheel", "phq9"]);
    }

    #[test]
    fn phq9_item_9_above_not_at_all_needs_support_and_nothing_else_does() {
        let phq9 = catalogue().unwrap().find("phq9").unwrap();
        let mut answers = all(phq9, 3);
        answers[8].1 = 0;
        assert!(
            !phq9.needs_support(&response("phq9", &answers, 1)),
            "high scores alone are not a disclosure"
        );
        answers[8].1 = 1;
        assert!(phq9.needs_support(&response("phq9", &answers, 1)));
        let gad7 = catalogue().unwrap().find("gad7").unwrap();
        assert!(!gad7.needs_support(&response("gad7", &all(gad7, 3), 1)));
    }

    #[test]
    fn sums_are_totalled_and_per_item_measures_are_not() {
        let catalogue = catalogue().unwrap();
        let gad7 = catalogue.find("gad7").unwrap();
        assert_eq!(gad7.total(&response("gad7", &all(gad7, 2), 1)), Some(14));
        let wheel = catalogue.find("resilience_wheel").unwrap();
        assert_eq!(
            wheel.total(&response("resilience_wheel", &all(wheel, 5), 1)),
            None
        );
    }

    #[test]
    fn responses_must_answer_every_item_once_within_the_scale() {
        let gad7 = catalogue().unwrap().find("gad7").unwrap();
        assert!(gad7.validate(&response("gad7", &all(gad7, 0), 1)).is_ok());
        let mut answers = all(gad7, 0);
        answers[0].1 = 4;
        answers[1].0 = "q1";
        answers.pop();
        let codes: Vec<_> = gad7
            .validate(&response("gad7", &answers, 1))
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.code)
            .collect();
        assert_eq!(
            codes,
            [
                "answer_out_of_range",
                "item_repeated",
                "item_unanswered",
                "item_unanswered"
            ]
        );
        assert_eq!(
            gad7.validate(&response("phq9", &all(gad7, 0), 1))
                .unwrap_err()
                .0[0]
                .code,
            "wrong_measure"
        );
    }

    #[test]
    fn wheel_change_runs_from_the_first_rating_to_the_latest() {
        let wheel = catalogue().unwrap().find("resilience_wheel").unwrap();
        let mut later = all(wheel, 6);
        later[0].1 = 9;
        let responses = [
            response("resilience_wheel", &later, 20),
            response("resilience_wheel", &all(wheel, 4), 1),
            response("resilience_wheel", &all(wheel, 5), 10),
        ];
        let changes = item_changes(wheel, &responses);
        assert_eq!(changes.len(), 7);
        assert_eq!(
            changes[0],
            ItemChange {
                item_id: "self_esteem".into(),
                first: 4,
                latest: 9,
                change: 5
            }
        );
        assert_eq!(changes[1].change, 2);
    }

    #[test]
    fn a_broken_definition_is_reported_not_panicked_on() {
        let mut catalogue = catalogue().unwrap().clone();
        catalogue.measures[1].items[8].support_at = Some(9);
        catalogue.measures[2].scale.options.pop();
        catalogue.measures.push(catalogue.measures[0].clone());
        let problems = catalogue.check().unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}
