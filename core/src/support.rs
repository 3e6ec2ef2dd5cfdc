//! The support response: what the young person tells Lantern brings help
//! first. Support, not prediction (NICE NG225): no score and no levels, only
//! a reason, so the app can word its help kindly.

use serde::Serialize;

use crate::checkin::CheckIn;
use crate::measures::{MeasureDefinition, MeasureResponse};
use crate::phrases::{Concern, note_concern};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum HelpFirst {
    /// They answered "a little" or "yes" to the self-harm question.
    SelfHarmAnswer,
    /// Something in their note (checked on the device only).
    Note { concern: Concern },
    /// A questionnaire item that needs a support response.
    MeasureItem,
}

/// Whether a check-in should bring the help card first, and why.
pub fn for_check_in(check_in: &CheckIn) -> Option<HelpFirst> {
    if check_in.discloses_self_harm() {
        return Some(HelpFirst::SelfHarmAnswer);
    }
    check_in
        .note
        .as_deref()
        .and_then(note_concern)
        .map(|concern| HelpFirst::Note { concern })
}

pub fn for_measure(
    definition: &MeasureDefinition,
    response: &MeasureResponse,
) -> Option<HelpFirst> {
    definition
        .needs_support(response)
        .then_some(HelpFirst::MeasureItem)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::{FeelingEntry, SelfHarmAnswer};
    use crate::{Feeling, RecordId};

    fn check_in(note: Option<&str>, self_harm: Option<SelfHarmAnswer>) -> CheckIn {
        CheckIn {
            id: RecordId::generate(1, [1; 10]),
            recorded_at: chrono::DateTime::parse_from_rfc3339("2026-11-23T17:00:00Z").unwrap(),
            mood: 2,
            feelings: vec![FeelingEntry {
                feeling: Feeling::Sad,
                intensity: 2,
            }],
            contexts: Vec::new(),
            sleep: None,
            note: note.map(str::to_owned),
            self_harm,
        }
    }

    #[test]
    fn the_answer_or_a_worrying_note_brings_help_first_and_ordinary_days_do_not() {
        assert_eq!(
            for_check_in(&check_in(None, Some(SelfHarmAnswer::Yes))),
            Some(HelpFirst::SelfHarmAnswer)
        );
        assert_eq!(
            for_check_in(&check_in(Some("i want to die"), Some(SelfHarmAnswer::No))),
            Some(HelpFirst::Note {
                concern: Concern::SuicidalThoughts
            })
        );
        assert_eq!(
            for_check_in(&check_in(Some("maths is killing me"), None)),
            None
        );
        assert_eq!(
            for_check_in(&check_in(None, Some(SelfHarmAnswer::No))),
            None
        );
    }
}
