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

/// What a strategy asks of the body. DBT's own cautions for these skills
/// (clinical.md [DBT-TIPP]) name heart problems, cold intolerance and
/// disordered eating, so a strategy with any of them must carry caution text
/// and be held back for eating difficulties; `check` enforces both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum PhysicalDemand {
    Cold,
    HardExercise,
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

/// The rhythm a breathing guide paces, in seconds per part of a breath
/// (a hold of 0 is no hold), so the pacer counts what the steps say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Pace {
    pub breathe_in: u8,
    pub hold_in: u8,
    pub breathe_out: u8,
    pub hold_out: u8,
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
    /// For the breathing guide: the pace its steps describe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub pace: Option<Pace>,
    /// For the urge timer: how long its steps say to wait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub timer_minutes: Option<u16>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub physical_demands: Vec<PhysicalDemand>,
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
const MIMICS_SELF_INJURY: [&str; 11] = [
    "rubber band",
    "elastic band",
    "hair band",
    "snap",
    "red pen",
    "draw on your skin",
    "mark your skin",
    "ice on your skin",
    "scratch",
    "pinch",
    "dig your nails",
];

/// The last step of every way through an urge: a way to reach people, so a
/// strategy that has not worked never leaves someone on their own (safety
/// planning steps 4 and 5). "Get help now" is the button on every screen.
pub const REACH_PEOPLE_STEP: &str = "If the urge stays strong, tell someone or tap Get help now.";

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
            let limited = !s.avoid_if.is_empty() || !s.physical_demands.is_empty();
            if limited && s.caution.as_deref().is_none_or(|c| c.trim().is_empty()) {
                problem("a strategy with health limits needs caution text");
            }
            if !s.physical_demands.is_empty() && !s.avoid_if.contains(&AvoidIf::EatingDifficulties)
            {
                problem("a physically demanding strategy is held back for eating difficulties");
            }
            if s.kind == StrategyKind::UrgeSafely
                && s.steps.last().map(String::as_str) != Some(REACH_PEOPLE_STEP)
            {
                problem("a way through an urge ends with a way to reach people");
            }
            let paced = s.pace.is_some_and(|p| {
                (1..=10).contains(&p.breathe_in)
                    && (1..=10).contains(&p.breathe_out)
                    && p.hold_in <= 10
                    && p.hold_out <= 10
            });
            if (s.guided == Some(Guide::Breathing)) != paced {
                problem("a breathing guide, and only one, has a pace of 1 to 10 seconds a part");
            }
            let timed = s
                .timer_minutes
                .is_some_and(|m| (s.minutes.min..=s.minutes.max).contains(&m));
            if (s.guided == Some(Guide::UrgeTimer)) != timed {
                problem("an urge timer, and only one, has timer minutes within its minutes");
            }
            // ASCII case folding and no `{:?}` of text: the phrases are
            // ASCII, and Unicode case and escaping tables would add
            // kilobytes to the wasm module.
            let text =
                format!("{} {} {}", s.title, s.summary, s.steps.join(" ")).to_ascii_lowercase();
            if let Some(phrase) = MIMICS_SELF_INJURY.iter().find(|p| text.contains(*p)) {
                problem(&format!("mentions \"{phrase}\", which mimics self-injury"));
            }
        }
        // The toolbox as a whole must never leave a gap where help matters.
        if !self
            .strategies
            .iter()
            .any(|s| s.kind == StrategyKind::UrgeSafely)
        {
            problems.push("there must be ways to get through an urge safely".into());
        }
        for feeling in Feeling::ALL {
            if !self
                .strategies
                .iter()
                .any(|s| s.feelings.contains(&feeling))
            {
                problems.push(format!("no strategy suits {feeling:?}"));
            }
        }
        for place in Place::ALL {
            if !self
                .strategies
                .iter()
                .any(|s| s.works_at(place) && s.intensities.contains(&3))
            {
                problems.push(format!("nothing for very strong feelings at {place:?}"));
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

    /// The person with the fewest strategies open to them: the youngest age
    /// Lantern serves, who has said they struggle with eating.
    fn most_limited(s: &Strategy) -> bool {
        s.allowed_for(
            10,
            Sensitivities {
                eating_difficulties: true,
            },
        )
    }

    fn text_of(s: &Strategy) -> String {
        format!(
            "{} {} {} {}",
            s.title,
            s.summary,
            s.steps.join(" "),
            s.caution.as_deref().unwrap_or("")
        )
    }

    #[test]
    fn the_shipped_catalogue_loads_and_keeps_every_rule() {
        assert_eq!(shipped().check(), Ok(()));
        assert!(
            shipped().strategies.len() >= 50,
            "{}",
            shipped().strategies.len()
        );
        assert!(shipped().version >= 1);
    }

    #[test]
    fn guided_screens_get_their_pace_and_length_from_the_catalogue() {
        let mut catalogue = shipped().clone();
        let breathing = catalogue
            .strategies
            .iter_mut()
            .find(|s| s.guided == Some(Guide::Breathing))
            .unwrap();
        breathing.pace = None;
        let timer = catalogue
            .strategies
            .iter_mut()
            .find(|s| s.guided == Some(Guide::UrgeTimer))
            .unwrap();
        timer.timer_minutes = Some(timer.minutes.max + 1);
        let problems = catalogue.check().unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("pace") && problems[1].contains("timer"));
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
    fn every_place_has_strategies_for_very_strong_feelings_even_for_the_most_limited() {
        for place in Place::ALL {
            let count = shipped()
                .strategies
                .iter()
                .filter(|s| s.works_at(place) && s.intensities.contains(&3) && most_limited(s))
                .count();
            assert!(count >= 5, "{place:?} has only {count}");
        }
    }

    #[test]
    fn every_hard_feeling_very_strong_in_every_place_has_a_fitting_strategy() {
        for place in Place::ALL {
            for feeling in Feeling::ALL.into_iter().filter(|f| !f.is_pleasant()) {
                let count = shipped()
                    .strategies
                    .iter()
                    .filter(|s| s.works_at(place) && s.suits(feeling, 3) && most_limited(s))
                    .count();
                assert!(count >= 2, "{feeling:?} at {place:?}: only {count}");
            }
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
    fn there_is_a_way_through_an_urge_in_every_place_for_the_youngest() {
        for place in Place::ALL {
            let count = shipped()
                .strategies
                .iter()
                .filter(|s| s.kind == StrategyKind::UrgeSafely && s.works_at(place))
                .filter(|s| most_limited(s))
                .count();
            assert!(count >= 3, "{place:?} has only {count}");
        }
    }

    #[test]
    fn physical_strategies_carry_cautions_and_are_held_back_for_eating_difficulties() {
        let physical: Vec<_> = shipped()
            .strategies
            .iter()
            .filter(|s| !s.physical_demands.is_empty())
            .collect();
        assert!(
            physical.len() >= 2,
            "{} physical strategies",
            physical.len()
        );
        for strategy in physical {
            assert!(
                strategy.caution.as_deref().is_some_and(|c| !c.is_empty()),
                "{}",
                strategy.id
            );
            assert!(strategy.allowed_for(16, Sensitivities::default()));
            assert!(
                !strategy.allowed_for(
                    16,
                    Sensitivities {
                        eating_difficulties: true
                    }
                ),
                "{}",
                strategy.id
            );
        }
    }

    #[test]
    fn strategies_that_describe_cold_or_hard_exercise_say_so() {
        const PHYSICAL_WORDS: [&str; 10] = [
            "cold", "ice", "icy", "freezing", "sprint", "run", "running", "jumps", "stairs",
            "workout",
        ];
        for s in &shipped().strategies {
            let text = format!("{} {} {}", s.title, s.summary, s.steps.join(" ")).to_lowercase();
            let physical = text
                .split(|c: char| !c.is_ascii_alphabetic())
                .find(|word| PHYSICAL_WORDS.contains(word));
            if let Some(word) = physical {
                assert!(
                    !s.physical_demands.is_empty(),
                    "{} mentions {word:?} but declares no physical demand",
                    s.id
                );
            }
        }
    }

    #[test]
    fn no_strategy_mimics_self_injury() {
        // Cautions are left out: they may warn against such things by name.
        for s in &shipped().strategies {
            let text = format!("{} {} {}", s.title, s.summary, s.steps.join(" ")).to_lowercase();
            for phrase in MIMICS_SELF_INJURY {
                assert!(!text.contains(phrase), "{} mentions {phrase:?}", s.id);
            }
        }
    }

    #[test]
    fn crisis_numbers_in_the_toolbox_are_exactly_right() {
        let all_text: String = shipped().strategies.iter().map(text_of).collect();
        assert!(all_text.contains("0800 1111"));
        assert!(all_text.contains("85258"));
        assert!(all_text.contains("116 123"));
        // Every number is one the crisis contacts list too, so the two data
        // files can never disagree.
        let known: Vec<String> = crate::crisis::catalogue().unwrap().regions["uk"]
            .iter()
            .flat_map(|contact| &contact.ways)
            .map(|way| way.href.chars().filter(char::is_ascii_digit).collect())
            .collect();
        for expected in ["08001111", "85258", "116123"] {
            assert!(known.iter().any(|k| k == expected), "{expected}");
        }
        // Any other phone-like number would be a mistake.
        for word in all_text.split(|c: char| !c.is_ascii_digit() && c != ' ') {
            let digits: String = word.chars().filter(char::is_ascii_digit).collect();
            if digits.len() >= 5 {
                assert!(
                    ["08001111", "85258", "116123"].contains(&digits.as_str())
                        && known.contains(&digits),
                    "unexpected number {word:?}"
                );
            }
        }
    }

    #[test]
    fn every_way_through_an_urge_ends_with_a_way_to_reach_people() {
        for s in &shipped().strategies {
            if s.kind == StrategyKind::UrgeSafely {
                assert_eq!(
                    s.steps.last().map(String::as_str),
                    Some(REACH_PEOPLE_STEP),
                    "{}",
                    s.id
                );
            }
        }
    }

    #[test]
    fn broken_strategies_are_refused_with_reasons() {
        let mut catalogue = shipped().clone();
        let mut edit = |id: &str, change: &dyn Fn(&mut Strategy)| {
            let strategy = catalogue.strategies.iter_mut().find(|s| s.id == id);
            change(strategy.unwrap());
        };
        edit("box_breathing", &|s| s.steps.clear());
        edit("long_out_breath", &|s| {
            s.summary = "Snap a rubber band on your wrist".into()
        });
        edit("tense_and_let_go", &|s| {
            s.avoid_if = vec![AvoidIf::EatingDifficulties]
        });
        edit("five_senses", &|s| s.approach = "made_up".into());
        edit("movement_burst", &|s| s.avoid_if.clear());
        edit("surf_the_urge", &|s| {
            s.steps.pop();
        });
        edit("colour_hunt", &|s| s.intensities = vec![4]);
        edit("doodle", &|s| s.minutes = Minutes { min: 10, max: 5 });
        catalogue.strategies.push(catalogue.strategies[0].clone());
        let problems = catalogue.check().unwrap_err();
        let expected = [
            "slow_breathing: duplicate id",
            "box_breathing: one to six",
            "long_out_breath: mentions",
            "tense_and_let_go: a strategy with health limits",
            "five_senses: its approach",
            "movement_burst: a physically demanding",
            "surf_the_urge: a way through an urge",
            "colour_hunt: intensities",
            "doodle: minutes",
        ];
        for start in expected {
            assert!(
                problems.iter().any(|p| p.starts_with(start)),
                "{start:?} missing from {problems:#?}"
            );
        }
        assert_eq!(problems.len(), expected.len(), "{problems:#?}");
    }

    #[test]
    fn a_toolbox_with_gaps_is_refused() {
        let mut catalogue = shipped().clone();
        catalogue
            .strategies
            .retain(|s| s.kind != StrategyKind::UrgeSafely && !s.feelings.contains(&Feeling::Numb));
        for s in &mut catalogue.strategies {
            if s.intensities.contains(&3) {
                s.places.retain(|&p| p != Place::BedAtNight);
            }
        }
        let problems = catalogue.check().unwrap_err();
        assert_eq!(
            problems,
            vec![
                "there must be ways to get through an urge safely".to_string(),
                "no strategy suits Numb".to_string(),
                "nothing for very strong feelings at BedAtNight".to_string(),
            ]
        );
    }

    #[test]
    fn age_limits_are_kept() {
        let samaritans = shipped().find("call_samaritans").unwrap();
        assert!(!samaritans.allowed_for(12, Sensitivities::default()));
        assert!(samaritans.allowed_for(13, Sensitivities::default()));
    }
}
