//! A check-in: how a young person feels at one moment.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::feelings::Feeling;
use crate::record_id::RecordId;
use crate::validation::{ValidationError, ValidationErrors, parse_json};

pub const MOOD_MIN: u8 = 1;
pub const MOOD_MAX: u8 = 5;
pub const INTENSITY_MIN: u8 = 1;
pub const INTENSITY_MAX: u8 = 3;
/// Long enough for a few sentences; short enough that a note stays a note.
pub const NOTE_MAX_CHARS: usize = 500;

/// The limits above, for forms that show them before anything is wrong.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct CheckInLimits {
    pub mood_min: u8,
    pub mood_max: u8,
    pub intensity_min: u8,
    pub intensity_max: u8,
    pub note_max_chars: u32,
}

pub const LIMITS: CheckInLimits = CheckInLimits {
    mood_min: MOOD_MIN,
    mood_max: MOOD_MAX,
    intensity_min: INTENSITY_MIN,
    intensity_max: INTENSITY_MAX,
    note_max_chars: NOTE_MAX_CHARS as u32,
};

/// What a check-in is about, or where the young person is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Context {
    School,
    Exams,
    Home,
    Family,
    Friends,
    Relationships,
    Online,
    Body,
    Sleep,
    Health,
}

impl Context {
    pub const ALL: [Context; 10] = [
        Context::School,
        Context::Exams,
        Context::Home,
        Context::Family,
        Context::Friends,
        Context::Relationships,
        Context::Online,
        Context::Body,
        Context::Sleep,
        Context::Health,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Context::School => "School",
            Context::Exams => "Tests and exams",
            Context::Home => "Home",
            Context::Family => "Family",
            Context::Friends => "Friends",
            Context::Relationships => "Going out with someone",
            Context::Online => "Online",
            Context::Body => "My body",
            Context::Sleep => "Sleep",
            Context::Health => "Health",
        }
    }
}

/// A context as the check-in form lists it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ContextOption {
    pub context: Context,
    pub label: &'static str,
}

pub fn context_options() -> Vec<ContextOption> {
    Context::ALL
        .into_iter()
        .map(|context| ContextOption {
            context,
            label: context.label(),
        })
        .collect()
}

/// How well the young person slept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum SleepQuality {
    Badly,
    Okay,
    Well,
}

/// Last night's sleep: minutes (whole numbers keep comparisons exact) and
/// how it felt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Sleep {
    pub minutes: u16,
    pub quality: SleepQuality,
}

pub const SLEEP_MAX_MINUTES: u16 = 24 * 60;

/// The answer to the optional question about thoughts of self-harm. Any
/// answer but "no" brings help first; it is never turned into a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum SelfHarmAnswer {
    No,
    ALittle,
    Yes,
}

/// The question, worded kindly, so every screen asks it the same way.
pub const SELF_HARM_QUESTION: &str =
    "Have you had thoughts of hurting yourself today? It's okay to say. You don't have to answer.";

/// One feeling and how strong it is: 1 a little, 2 quite, 3 very.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct FeelingEntry {
    pub feeling: Feeling,
    pub intensity: u8,
}

/// A check-in as the device keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct CheckIn {
    pub id: RecordId,
    /// Local time with its UTC offset, so "evening" means the young person's evening.
    #[cfg_attr(test, ts(type = "string"))]
    #[serde(with = "crate::time::rfc3339")]
    pub recorded_at: DateTime<FixedOffset>,
    /// 1 (awful) to 5 (great).
    pub mood: u8,
    pub feelings: Vec<FeelingEntry>,
    /// What it is about or where they are; may be empty.
    #[serde(default)]
    pub contexts: Vec<Context>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub sleep: Option<Sleep>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub self_harm: Option<SelfHarmAnswer>,
}

impl CheckIn {
    /// Parses and validates a check-in from JSON: the one rule used by the
    /// device and the server alike.
    pub fn parse(json: &str) -> Result<CheckIn, ValidationErrors> {
        let check_in: CheckIn = parse_json(json)?;
        check_in.validate()?;
        Ok(check_in)
    }

    /// Every problem at once, so the young person can fix them together.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_mood(self.mood, &mut errors);
        if self.feelings.is_empty() {
            errors.push(ValidationError::new(
                "feelings",
                "feelings_empty",
                "Pick at least one feeling.",
            ));
        }
        check_feelings(&self.feelings, &mut errors);
        check_contexts(&self.contexts, &mut errors);
        check_sleep(self.sleep.as_ref(), &mut errors);
        check_note(self.note.as_deref(), &mut errors);
        ValidationErrors::into_result(errors)
    }

    /// Whether the young person told us of thoughts of self-harm.
    pub fn discloses_self_harm(&self) -> bool {
        matches!(
            self.self_harm,
            Some(SelfHarmAnswer::ALittle | SelfHarmAnswer::Yes)
        )
    }
}

/// The part of a check-in that leaves the device: only what the young person
/// has agreed to share. Feelings and the note are absent unless their own
/// scopes are shared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct SharedCheckIn {
    pub id: RecordId,
    #[cfg_attr(test, ts(type = "string"))]
    #[serde(with = "crate::time::rfc3339")]
    pub recorded_at: DateTime<FixedOffset>,
    pub mood: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub feelings: Option<Vec<FeelingEntry>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub contexts: Option<Vec<Context>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub sleep: Option<Sleep>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub note: Option<String>,
}

impl SharedCheckIn {
    /// The same field rules as [`CheckIn::validate`].
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_mood(self.mood, &mut errors);
        if let Some(feelings) = &self.feelings {
            if feelings.is_empty() {
                errors.push(ValidationError::new(
                    "feelings",
                    "feelings_empty",
                    "Leave feelings out rather than sending an empty list.",
                ));
            }
            check_feelings(feelings, &mut errors);
        }
        if let Some(contexts) = &self.contexts {
            if contexts.is_empty() {
                errors.push(ValidationError::new(
                    "contexts",
                    "contexts_empty",
                    "Leave contexts out rather than sending an empty list.",
                ));
            }
            check_contexts(contexts, &mut errors);
        }
        check_sleep(self.sleep.as_ref(), &mut errors);
        check_note(self.note.as_deref(), &mut errors);
        ValidationErrors::into_result(errors)
    }
}

fn check_mood(mood: u8, errors: &mut Vec<ValidationError>) {
    if !(MOOD_MIN..=MOOD_MAX).contains(&mood) {
        errors.push(ValidationError::new(
            "mood",
            "mood_out_of_range",
            format!("Pick one of the five faces (mood must be {MOOD_MIN} to {MOOD_MAX})."),
        ));
    }
}

fn check_feelings(feelings: &[FeelingEntry], errors: &mut Vec<ValidationError>) {
    for (i, entry) in feelings.iter().enumerate() {
        if !(INTENSITY_MIN..=INTENSITY_MAX).contains(&entry.intensity) {
            errors.push(ValidationError::new(
                format!("feelings[{i}].intensity"),
                "intensity_out_of_range",
                format!(
                    "Say how strong the feeling is: a little, quite or very \
                     ({INTENSITY_MIN} to {INTENSITY_MAX})."
                ),
            ));
        }
        if feelings[..i]
            .iter()
            .any(|earlier| earlier.feeling == entry.feeling)
        {
            errors.push(ValidationError::new(
                format!("feelings[{i}].feeling"),
                "feeling_repeated",
                "You picked this feeling twice. Pick it once.",
            ));
        }
    }
}

fn check_contexts(contexts: &[Context], errors: &mut Vec<ValidationError>) {
    for (i, context) in contexts.iter().enumerate() {
        if contexts[..i].contains(context) {
            errors.push(ValidationError::new(
                format!("contexts[{i}]"),
                "context_repeated",
                "You picked this twice. Pick it once.",
            ));
        }
    }
}

fn check_sleep(sleep: Option<&Sleep>, errors: &mut Vec<ValidationError>) {
    if sleep.is_some_and(|sleep| sleep.minutes > SLEEP_MAX_MINUTES) {
        errors.push(ValidationError::new(
            "sleep.minutes",
            "sleep_out_of_range",
            "A night's sleep can't be more than 24 hours.",
        ));
    }
}

fn check_note(note: Option<&str>, errors: &mut Vec<ValidationError>) {
    let Some(note) = note else { return };
    let length = note.chars().count();
    if length > NOTE_MAX_CHARS {
        errors.push(ValidationError::new(
            "note",
            "note_too_long",
            format!(
                "Notes can be up to {NOTE_MAX_CHARS} characters. This one has {length}, \
                 so please make it shorter."
            ),
        ));
    } else if note.trim().is_empty() {
        errors.push(ValidationError::new(
            "note",
            "note_blank",
            "This note is empty. Write something or leave it out.",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn valid() -> serde_json::Value {
        json!({
            "id": RecordId::generate(1_763_900_000_000, [3; 10]).as_str(),
            "recorded_at": "2026-11-23T16:05:00+00:00",
            "mood": 2,
            "feelings": [{"feeling": "worried", "intensity": 3}],
            "note": "Maths test tomorrow",
        })
    }

    fn parse(value: serde_json::Value) -> Result<CheckIn, ValidationErrors> {
        CheckIn::parse(&value.to_string())
    }

    fn codes(result: Result<CheckIn, ValidationErrors>) -> Vec<(String, String)> {
        result
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_valid_check_in_parses_with_its_offset_kept() {
        let mut value = valid();
        value["recorded_at"] = json!("2026-06-01T19:30:00+01:00");
        let check_in = parse(value).unwrap();
        assert_eq!(check_in.mood, 2);
        assert_eq!(check_in.recorded_at.offset().local_minus_utc(), 3600);
        assert_eq!(check_in.feelings[0].feeling, Feeling::Worried);
    }

    #[test]
    fn every_mood_from_one_to_five_is_accepted_and_nothing_else() {
        for mood in 0..=10u8 {
            let mut value = valid();
            value["mood"] = json!(mood);
            assert_eq!(parse(value).is_ok(), (1..=5).contains(&mood), "mood {mood}");
        }
    }

    #[test]
    fn mood_seven_is_refused_naming_the_field() {
        let mut value = valid();
        value["mood"] = json!(7);
        assert_eq!(
            codes(parse(value)),
            [("mood".into(), "mood_out_of_range".into())]
        );
    }

    #[test]
    fn an_unknown_feeling_is_refused_naming_the_field() {
        let mut value = valid();
        value["feelings"] = json!([{"feeling": "grumpy", "intensity": 1}]);
        assert_eq!(
            codes(parse(value)),
            [("feelings[0].feeling".into(), "unknown_feeling".into())]
        );
    }

    #[test]
    fn a_note_over_the_limit_is_refused_and_one_at_the_limit_is_not() {
        let mut value = valid();
        value["note"] = json!("é".repeat(NOTE_MAX_CHARS));
        assert!(
            parse(value.clone()).is_ok(),
            "the limit counts characters, not bytes"
        );
        value["note"] = json!("a".repeat(NOTE_MAX_CHARS + 1));
        let errors = parse(value).unwrap_err();
        assert_eq!(errors.0[0].code, "note_too_long");
        assert!(
            errors.0[0].message.contains("500"),
            "the message says the limit"
        );
    }

    #[test]
    fn no_feelings_a_repeated_feeling_and_a_bad_intensity_are_all_reported_together() {
        let mut value = valid();
        value["mood"] = json!(0);
        value["feelings"] = json!([
            {"feeling": "sad", "intensity": 4},
            {"feeling": "sad", "intensity": 1},
        ]);
        assert_eq!(
            codes(parse(value)),
            [
                ("mood".into(), "mood_out_of_range".into()),
                (
                    "feelings[0].intensity".into(),
                    "intensity_out_of_range".into()
                ),
                ("feelings[1].feeling".into(), "feeling_repeated".into()),
            ]
        );
        let mut value = valid();
        value["feelings"] = json!([]);
        assert_eq!(
            codes(parse(value)),
            [("feelings".into(), "feelings_empty".into())]
        );
    }

    #[test]
    fn contexts_sleep_and_the_self_harm_answer_are_optional_and_checked() {
        let mut value = valid();
        value["contexts"] = json!(["school", "exams"]);
        value["sleep"] = json!({"minutes": 420, "quality": "badly"});
        value["self_harm"] = json!("a_little");
        let check_in = parse(value.clone()).unwrap();
        assert_eq!(check_in.contexts, [Context::School, Context::Exams]);
        assert!(check_in.discloses_self_harm());

        value["contexts"] = json!(["school", "school"]);
        value["sleep"] = json!({"minutes": 1441, "quality": "well"});
        assert_eq!(
            codes(parse(value.clone())),
            [
                ("contexts[1]".into(), "context_repeated".into()),
                ("sleep.minutes".into(), "sleep_out_of_range".into()),
            ]
        );
        value["contexts"] = json!(["the moon"]);
        assert_eq!(
            codes(parse(value)),
            [("contexts[0]".into(), "unknown_value".into())]
        );
    }

    #[test]
    fn only_a_little_or_yes_is_a_disclosure() {
        for (answer, discloses) in [("no", false), ("a_little", true), ("yes", true)] {
            let mut value = valid();
            value["self_harm"] = json!(answer);
            assert_eq!(
                parse(value).unwrap().discloses_self_harm(),
                discloses,
                "{answer}"
            );
        }
        assert!(
            !parse(valid()).unwrap().discloses_self_harm(),
            "not answering is not a disclosure"
        );
    }

    #[test]
    fn every_context_has_a_distinct_label() {
        let labels: std::collections::BTreeSet<_> =
            Context::ALL.iter().map(|c| c.label()).collect();
        assert_eq!(labels.len(), Context::ALL.len());
    }

    #[test]
    fn a_blank_note_is_refused() {
        let mut value = valid();
        value["note"] = json!("   ");
        assert_eq!(codes(parse(value)), [("note".into(), "note_blank".into())]);
    }

    #[test]
    fn a_time_without_an_offset_is_refused() {
        let mut value = valid();
        value["recorded_at"] = json!("2026-11-23 16:05");
        assert_eq!(
            codes(parse(value)),
            [("recorded_at".into(), "invalid_time".into())]
        );
    }

    #[test]
    fn a_malformed_id_is_refused() {
        let mut value = valid();
        value["id"] = json!("not-an-id");
        assert_eq!(
            codes(parse(value)),
            [("id".into(), "invalid_record_id".into())]
        );
    }

    #[test]
    fn a_shared_check_in_follows_the_same_field_rules() {
        let shared: SharedCheckIn = serde_json::from_value(json!({
            "id": RecordId::generate(1, [0; 10]).as_str(),
            "recorded_at": "2026-11-23T16:05:00+00:00",
            "mood": 9,
            "contexts": [],
            "note": "x".repeat(NOTE_MAX_CHARS + 1),
        }))
        .unwrap();
        let codes: Vec<_> = shared
            .validate()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.code)
            .collect();
        assert_eq!(
            codes,
            ["mood_out_of_range", "contexts_empty", "note_too_long"]
        );
    }
}

/// Writes random check-ins with the native verdict on each, for the web
/// client's test that the wasm build gives the same verdicts (like the
/// ts-rs types, regenerated by `cargo test`; CI fails if the committed copy
/// drifts).
#[cfg(test)]
mod same_verdict_fixture {
    use serde_json::{Value, json};

    use crate::test_support::Random;

    /// Mostly valid, with now and then one or two things wrong.
    fn random_draft(random: &mut Random, n: u64) -> Value {
        let feelings = ["happy", "worried", "sad", "angry", "tired", "grumpy"];
        let times = [
            "2026-11-23T16:05:00+00:00",
            "2026-11-23T16:05:00-05:00",
            "yesterday",
        ];
        let contexts = ["school", "home", "moon"];
        let odd = |random: &mut Random, wrong: u64| random.below(wrong) == 0;
        let mood = if odd(random, 6) {
            random.below(9)
        } else {
            1 + random.below(5)
        };
        let recorded_at = if odd(random, 8) {
            times[2]
        } else {
            times[random.below(2) as usize]
        };
        let count = if odd(random, 10) {
            0
        } else {
            1 + random.below(2)
        };
        let entries: Vec<Value> = (0..count)
            .map(|i| {
                let feeling = if odd(random, 10) {
                    feelings[5]
                } else {
                    feelings[((n + i) % 5) as usize]
                };
                let intensity = if odd(random, 10) {
                    4
                } else {
                    1 + random.below(3)
                };
                json!({"feeling": feeling, "intensity": intensity})
            })
            .collect();
        let mut draft = json!({
            "id": crate::RecordId::generate(1_763_900_000_000 + n, [n as u8; 10]).as_str(),
            "recorded_at": recorded_at,
            "mood": mood,
            "feelings": entries,
        });
        match random.below(6) {
            0 => draft["note"] = json!("x".repeat(495 + random.below(10) as usize)),
            1 if odd(random, 3) => draft["note"] = json!("   "),
            2 => draft["sleep"] = json!({"minutes": 300 + random.below(1200), "quality": "well"}),
            3 => {
                let second = contexts[random.below(3) as usize];
                draft["contexts"] = json!(["school", second]);
            }
            _ => draft["note"] = json!("Maths test tomorrow"),
        }
        draft
    }

    #[test]
    fn write_the_same_verdict_fixture() {
        let mut random = Random(2026);
        let cases: Vec<Value> = (0..300)
            .map(|n| {
                let draft = random_draft(&mut random, n);
                let verdict = match super::CheckIn::parse(&draft.to_string()) {
                    Ok(_) => json!({"status": "valid"}),
                    Err(errors) => json!({
                        "status": "invalid",
                        "errors": errors.0.iter().map(|e| json!([e.field, e.code])).collect::<Vec<_>>(),
                    }),
                };
                json!({"draft": draft, "verdict": verdict})
            })
            .collect();
        let valid = cases
            .iter()
            .filter(|c| c["verdict"]["status"] == "valid")
            .count();
        assert!(
            valid > 20 && valid < 280,
            "a mix of verdicts ({valid} valid)"
        );
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../web-client/tests/fixtures/same-verdict.json"
        );
        let text = serde_json::to_string_pretty(&json!({"cases": cases})).unwrap() + "\n";
        std::fs::write(path, text).unwrap();
    }
}
