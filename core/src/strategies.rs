//! The coping toolbox: a versioned catalogue of strategies kept as data
//! (`data/strategies.json`), so content can be reviewed and changed without
//! touching code. This module loads and checks it.

use std::sync::OnceLock;

use crate::data_file::{self, DataFileError};

use serde::{Deserialize, Serialize};

use crate::feelings::Feeling;

/// The shipped data file, as text.
pub const CATALOGUE_JSON: &str = include_str!("../data/strategies.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum StrategyKind {
    CalmBody,
    Distract,
    Express,
    Connect,
    Move,
    SelfSoothe,
    ThinkDifferently,
    /// Getting through an urge to self-harm safely.
    UrgeSafely,
}

/// Where a strategy can be done. `School` means discreet enough for a
/// classroom; `BedAtNight` quiet enough not to wake anyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Place {
    School,
    Home,
    Outdoors,
    BedAtNight,
}

impl Place {
    pub const ALL: [Place; 4] = [
        Place::School,
        Place::Home,
        Place::Outdoors,
        Place::BedAtNight,
    ];
}

/// Something the young person has told Lantern that rules strategies out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum AvoidIf {
    EatingDifficulties,
}

/// Screens that guide a strategy step by step in the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Guide {
    Breathing,
    Grounding,
    UrgeTimer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Minutes {
    pub min: u16,
    pub max: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Strategy {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub steps: Vec<String>,
    pub minutes: Minutes,
    pub kind: StrategyKind,
    pub feelings: Vec<Feeling>,
    /// Intensities (1 a little … 3 very) it suits.
    pub intensities: Vec<u8>,
    pub places: Vec<Place>,
    /// The approach it comes from; a key of the catalogue's `sources`.
    pub approach: String,
    pub min_age: u8,
    #[serde(default)]
    pub avoid_if: Vec<AvoidIf>,
    /// Health cautions in plain words, shown with the strategy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub caution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub guided: Option<Guide>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Catalogue {
    pub version: u32,
    pub notes: String,
    pub sources: std::collections::BTreeMap<String, String>,
    pub strategies: Vec<Strategy>,
}

/// What the young person has said that matters for choosing strategies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Sensitivities {
    #[serde(default)]
    pub eating_difficulties: bool,
}

/// The shipped catalogue, parsed and checked once.
pub fn catalogue() -> Result<&'static Catalogue, &'static DataFileError> {
    static CATALOGUE: OnceLock<Result<Catalogue, DataFileError>> = OnceLock::new();
    CATALOGUE
        .get_or_init(|| data_file::load("strategy catalogue", CATALOGUE_JSON, Catalogue::check))
        .as_ref()
}

impl Strategy {
    /// Whether it may be offered at all to someone of `age` with these
    /// sensitivities.
    pub fn allowed_for(&self, age: u8, sensitivities: Sensitivities) -> bool {
        let avoided = sensitivities.eating_difficulties
            && self.avoid_if.contains(&AvoidIf::EatingDifficulties);
        age >= self.min_age && !avoided
    }

    pub fn suits(&self, feeling: Feeling, intensity: u8) -> bool {
        self.feelings.contains(&feeling) && self.intensities.contains(&intensity)
    }

    pub fn works_at(&self, place: Place) -> bool {
        self.places.contains(&place)
    }
}

/// Phrases that would describe or mimic self-injury. No strategy may
/// contain them (NICE NG225; clinical.md §6 design notes).
const MIMICS_SELF_INJURY: [&str; 8] = [
    "rubber band",
    "elastic band",
    "snap",
    "red pen",
    "draw on your skin",
    "mark your skin",
    "ice on your skin",
    "scratch",
];

impl Catalogue {
    pub fn find(&self, id: &str) -> Option<&Strategy> {
        self.strategies.iter().find(|s| s.id == id)
    }

    /// Every rule a strategy must keep; all problems are listed at once.
    pub fn check(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        for (i, s) in self.strategies.iter().enumerate() {
            let mut problem = |text: &str| problems.push(format!("{}: {text}", s.id));
            if s.id.is_empty()
                || !s
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                problem("ids are snake_case");
            }
            if self.strategies[..i].iter().any(|other| other.id == s.id) {
                problem("duplicate id");
            }
            if s.title.trim().is_empty() || s.summary.trim().is_empty() {
                problem("a title and a summary are needed");
            }
            if s.steps.is_empty()
                || s.steps.len() > 6
                || s.steps.iter().any(|step| step.trim().is_empty())
            {
                problem("one to six non-empty steps");
            }
            if s.minutes.min == 0 || s.minutes.min > s.minutes.max || s.minutes.max > 120 {
                problem("minutes must be 1 to 120 with min ≤ max");
            }
            if s.feelings.is_empty() || s.places.is_empty() || s.intensities.is_empty() {
                problem("feelings, places and intensities are needed");
            }
            if s.intensities.iter().any(|i| !(1..=3).contains(i)) {
                problem("intensities are 1 to 3");
            }
            if !(10..=18).contains(&s.min_age) {
                problem("min_age is 10 to 18");
            }
            if !self.sources.contains_key(&s.approach) {
                problem("its approach needs a source");
            }
            if !s.avoid_if.is_empty() && s.caution.as_deref().is_none_or(|c| c.trim().is_empty()) {
                problem("a strategy with health limits needs caution text");
            }
            let text = format!("{} {} {}", s.title, s.summary, s.steps.join(" ")).to_lowercase();
            if let Some(phrase) = MIMICS_SELF_INJURY.iter().find(|p| text.contains(*p)) {
                problem(&format!("mentions {phrase:?}, which mimics self-injury"));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> &'static Catalogue {
        catalogue().unwrap()
    }

    #[test]
    fn the_shipped_catalogue_loads_and_keeps_every_rule() {
        assert!(
            shipped().strategies.len() >= 50,
            "{}",
            shipped().strategies.len()
        );
        assert!(shipped().version >= 1);
    }

    #[test]
    fn every_feeling_is_suited_by_several_strategies() {
        for feeling in Feeling::ALL {
            let count = shipped()
                .strategies
                .iter()
                .filter(|s| s.feelings.contains(&feeling))
                .count();
            assert!(count >= 5, "{feeling:?} has only {count}");
        }
    }

    #[test]
    fn every_place_has_strategies_for_very_strong_feelings() {
        for place in Place::ALL {
            let count = shipped()
                .strategies
                .iter()
                .filter(|s| s.works_at(place) && s.intensities.contains(&3))
                .count();
            assert!(count >= 5, "{place:?} has only {count}");
        }
    }

    #[test]
    fn urges_connection_and_activation_are_all_covered() {
        let count = |kind| {
            shipped()
                .strategies
                .iter()
                .filter(|s| s.kind == kind)
                .count()
        };
        assert!(count(StrategyKind::UrgeSafely) >= 6);
        assert!(count(StrategyKind::Connect) >= 6);
        let activation = shipped()
            .strategies
            .iter()
            .filter(|s| s.approach == "behavioural_activation")
            .count();
        assert!(activation >= 8, "{activation} activation strategies");
        // Young people rate distraction alone poorly: it must not dominate.
        assert!(count(StrategyKind::Distract) * 5 < shipped().strategies.len());
    }

    #[test]
    fn physical_strategies_carry_cautions_and_are_held_back_for_eating_difficulties() {
        let physical: Vec<_> = ["cold_water_reset", "movement_burst"]
            .into_iter()
            .map(|id| shipped().find(id).unwrap())
            .collect();
        for strategy in physical {
            assert!(strategy.caution.is_some());
            assert!(strategy.allowed_for(15, Sensitivities::default()));
            assert!(!strategy.allowed_for(
                15,
                Sensitivities {
                    eating_difficulties: true
                }
            ));
        }
    }

    #[test]
    fn crisis_numbers_in_the_toolbox_are_exactly_right() {
        let all_text: String = shipped()
            .strategies
            .iter()
            .map(|s| format!("{} {} ", s.summary, s.steps.join(" ")))
            .collect();
        assert!(all_text.contains("0800 1111"));
        assert!(all_text.contains("85258"));
        assert!(all_text.contains("116 123"));
        // Any other phone-like number would be a mistake.
        for word in all_text.split(|c: char| !c.is_ascii_digit() && c != ' ') {
            let digits: String = word.chars().filter(char::is_ascii_digit).collect();
            if digits.len() >= 5 {
                assert!(
                    ["08001111", "85258", "116123"].contains(&digits.as_str()),
                    "unexpected number {word:?}"
                );
            }
        }
    }

    #[test]
    fn broken_strategies_are_refused_with_reasons() {
        let mut catalogue = shipped().clone();
        catalogue.strategies.push(catalogue.strategies[0].clone());
        catalogue.strategies[1].steps.clear();
        catalogue.strategies[2].summary = "Snap a rubber band on your wrist".into();
        catalogue.strategies[3].avoid_if = vec![AvoidIf::EatingDifficulties];
        catalogue.strategies[3].caution = None;
        catalogue.strategies[4].approach = "made_up".into();
        let problems = catalogue.check().unwrap_err();
        assert_eq!(problems.len(), 5, "{problems:#?}");
    }

    #[test]
    fn age_limits_are_kept() {
        let samaritans = shipped().find("call_samaritans").unwrap();
        assert!(!samaritans.allowed_for(12, Sensitivities::default()));
        assert!(samaritans.allowed_for(13, Sensitivities::default()));
    }
}
