//! What a connected young person tells Lantern that their worker is told.
//!
//! Before joining a service the young person reads, in plain words, that an
//! answer of "a little" or "yes" to the self-harm question (or to a
//! questionnaire's support item) lets their worker know. That is part of
//! being connected, not a sharing choice, so a disclosure needs no consent
//! scope. It carries only the answer: never the note, the mood or a score
//! (support, not prediction: NICE NG225).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::checkin::{CheckIn, SELF_HARM_QUESTION, SelfHarmAnswer};
use crate::measures::{Answer, MeasureCatalogue, MeasureResponse};
use crate::record_id::RecordId;
use crate::time::same_second_or_later;
use crate::validation::{ValidationError, ValidationErrors};

/// One thing the young person told Lantern that alerts their worker. Its id
/// is the id of the check-in or questionnaire it came from, so sending it
/// again changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Disclosure {
    pub id: RecordId,
    #[cfg_attr(test, ts(type = "string"))]
    #[serde(with = "crate::time::rfc3339")]
    pub recorded_at: DateTime<FixedOffset>,
    pub told: Told,
}

/// What was answered, and to which question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(tag = "question", rename_all = "snake_case")]
pub enum Told {
    /// "A little" or "yes" to the check-in's self-harm question.
    SelfHarmQuestion { answer: SelfHarmAnswer },
    /// The answers to a questionnaire's support items that reached their
    /// threshold (PHQ-9 item 9, for example).
    MeasureItems {
        measure_id: String,
        answers: Vec<Answer>,
    },
}

impl Disclosure {
    /// A disclosure must be one: a "no" or an answer under the threshold is
    /// not sent, so receiving one means the device and server disagree.
    pub fn validate(&self, measures: &MeasureCatalogue) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        match &self.told {
            Told::SelfHarmQuestion { answer } => {
                if *answer == SelfHarmAnswer::No {
                    errors.push(ValidationError::new(
                        "told.answer",
                        "not_a_disclosure",
                        "Only \"a little\" or \"yes\" is passed on.",
                    ));
                }
            }
            Told::MeasureItems {
                measure_id,
                answers,
            } => match measures.find(measure_id) {
                None => errors.push(ValidationError::new(
                    "told.measure_id",
                    "unknown_measure",
                    "This questionnaire isn't one Lantern knows.",
                )),
                Some(definition) => {
                    if answers.is_empty() {
                        errors.push(ValidationError::new(
                            "told.answers",
                            "not_a_disclosure",
                            "Only answers that bring support are passed on.",
                        ));
                    }
                    for (i, answer) in answers.iter().enumerate() {
                        let reaches_support = definition
                            .items
                            .iter()
                            .find(|item| item.id == answer.item_id)
                            .and_then(|item| item.support_at)
                            .is_some_and(|at| {
                                answer.value >= at && answer.value <= definition.scale.max
                            });
                        if !reaches_support {
                            errors.push(ValidationError::new(
                                format!("told.answers[{i}]"),
                                "not_a_disclosure",
                                "Only answers that bring support are passed on.",
                            ));
                        }
                    }
                }
            },
        }
        ValidationErrors::into_result(errors)
    }

    /// What the worker reads: the question and the answer in the young
    /// person's own choice of words, nothing more.
    pub fn describe(&self, measures: &MeasureCatalogue) -> String {
        match &self.told {
            Told::SelfHarmQuestion { answer } => {
                let said = match answer {
                    SelfHarmAnswer::No => "no",
                    SelfHarmAnswer::ALittle => "a little",
                    SelfHarmAnswer::Yes => "yes",
                };
                format!("Answered \u{201c}{said}\u{201d} to \u{201c}{SELF_HARM_QUESTION}\u{201d}")
            }
            Told::MeasureItems {
                measure_id,
                answers,
            } => {
                let Some(definition) = measures.find(measure_id) else {
                    return format!("Answered a question of {measure_id} that brings support");
                };
                let parts: Vec<String> = answers
                    .iter()
                    .map(|answer| {
                        let question = definition
                            .items
                            .iter()
                            .find(|item| item.id == answer.item_id)
                            .map_or(answer.item_id.as_str(), |item| item.text.as_str());
                        let said = usize::from(answer.value)
                            .checked_sub(usize::from(definition.scale.min))
                            .and_then(|i| definition.scale.options.get(i))
                            .cloned()
                            .unwrap_or_else(|| answer.value.to_string());
                        format!("\u{201c}{said}\u{201d} to \u{201c}{question}\u{201d}")
                    })
                    .collect();
                format!("{}: answered {}", definition.title, parts.join("; "))
            }
        }
    }
}

/// The disclosures to send from a device connected since `connected_since`:
/// what was answered before joining stays on the device, as the young
/// person was told when they joined.
pub fn disclosures_since(
    check_ins: &[CheckIn],
    measure_responses: &[MeasureResponse],
    measures: &MeasureCatalogue,
    connected_since: DateTime<FixedOffset>,
) -> Vec<Disclosure> {
    let from_check_ins = check_ins
        .iter()
        .filter(|check_in| same_second_or_later(check_in.recorded_at, connected_since))
        .filter_map(|check_in| {
            let answer = check_in
                .self_harm
                .filter(|_| check_in.discloses_self_harm())?;
            Some(Disclosure {
                id: check_in.id.clone(),
                recorded_at: check_in.recorded_at,
                told: Told::SelfHarmQuestion { answer },
            })
        });
    let from_measures = measure_responses
        .iter()
        .filter(|response| same_second_or_later(response.completed_at, connected_since))
        .filter_map(|response| {
            let definition = measures.find(&response.measure_id)?;
            let answers: Vec<Answer> = response
                .answers
                .iter()
                .filter(|answer| {
                    definition
                        .items
                        .iter()
                        .find(|item| item.id == answer.item_id)
                        .and_then(|item| item.support_at)
                        .is_some_and(|at| answer.value >= at)
                })
                .cloned()
                .collect();
            (!answers.is_empty()).then(|| Disclosure {
                id: response.id.clone(),
                recorded_at: response.completed_at,
                told: Told::MeasureItems {
                    measure_id: response.measure_id.clone(),
                    answers,
                },
            })
        });
    from_check_ins.chain(from_measures).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::FeelingEntry;
    use crate::feelings::Feeling;
    use crate::measures::catalogue;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn check_in(n: u8, when: &str, self_harm: Option<SelfHarmAnswer>) -> CheckIn {
        CheckIn {
            id: RecordId::generate(1_763_900_000_000 + u64::from(n), [n; 10]),
            recorded_at: at(when),
            mood: 2,
            feelings: vec![FeelingEntry {
                feeling: Feeling::Sad,
                intensity: 2,
            }],
            contexts: Vec::new(),
            sleep: None,
            note: Some("this stays on the phone".into()),
            self_harm,
        }
    }

    fn phq9(n: u8, when: &str, item9: u8) -> MeasureResponse {
        MeasureResponse {
            id: RecordId::generate(1_763_900_000_000 + u64::from(n), [n; 10]),
            measure_id: "phq9".into(),
            completed_at: at(when),
            answers: (1..=9)
                .map(|i| Answer {
                    item_id: format!("q{i}"),
                    value: if i == 9 { item9 } else { 1 },
                })
                .collect(),
        }
    }

    const JOINED: &str = "2026-11-20T09:00:00+00:00";

    #[test]
    fn only_a_little_or_yes_after_joining_is_passed_on() {
        let measures = catalogue().unwrap();
        let check_ins = [
            check_in(1, "2026-11-19T18:00:00+00:00", Some(SelfHarmAnswer::Yes)),
            check_in(
                2,
                "2026-11-21T18:00:00+00:00",
                Some(SelfHarmAnswer::ALittle),
            ),
            check_in(3, "2026-11-21T19:00:00+00:00", Some(SelfHarmAnswer::No)),
            check_in(4, "2026-11-21T20:00:00+00:00", None),
            check_in(5, "2026-11-22T18:00:00+00:00", Some(SelfHarmAnswer::Yes)),
        ];
        let sent = disclosures_since(&check_ins, &[], measures, at(JOINED));
        let ids: Vec<_> = sent.iter().map(|d| d.id.clone()).collect();
        assert_eq!(ids, [check_ins[1].id.clone(), check_ins[4].id.clone()]);
        assert_eq!(
            sent[0].told,
            Told::SelfHarmQuestion {
                answer: SelfHarmAnswer::ALittle
            }
        );
        let json = serde_json::to_string(&sent).unwrap();
        assert!(!json.contains("phone"), "the note never travels: {json}");
        assert!(!json.contains("mood"), "nor the mood: {json}");
    }

    #[test]
    fn an_answer_in_the_second_of_joining_counts_as_after_it() {
        let measures = catalogue().unwrap();
        let joined = at("2026-11-20T09:00:00.600+00:00");
        let same_second = [check_in(
            1,
            "2026-11-20T09:00:00+00:00",
            Some(SelfHarmAnswer::Yes),
        )];
        assert_eq!(
            disclosures_since(&same_second, &[], measures, joined).len(),
            1
        );
        let before = [check_in(
            2,
            "2026-11-20T08:59:59+00:00",
            Some(SelfHarmAnswer::Yes),
        )];
        assert!(disclosures_since(&before, &[], measures, joined).is_empty());
    }

    #[test]
    fn a_questionnaire_passes_on_only_its_support_items() {
        let measures = catalogue().unwrap();
        let responses = [
            phq9(1, "2026-11-21T18:00:00+00:00", 0),
            phq9(2, "2026-11-21T19:00:00+00:00", 2),
        ];
        let sent = disclosures_since(&[], &responses, measures, at(JOINED));
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].id, responses[1].id);
        assert_eq!(
            sent[0].told,
            Told::MeasureItems {
                measure_id: "phq9".into(),
                answers: vec![Answer {
                    item_id: "q9".into(),
                    value: 2
                }],
            }
        );
        sent[0].validate(measures).unwrap();
        let words = sent[0].describe(measures);
        assert!(words.contains("hurting yourself"), "{words}");
        assert!(
            !words.contains('2'),
            "the answer in words, not a number: {words}"
        );
    }

    #[test]
    fn the_worker_reads_what_was_answered_in_words() {
        let measures = catalogue().unwrap();
        let disclosure = Disclosure {
            id: RecordId::generate(1_763_900_000_000, [1; 10]),
            recorded_at: at(JOINED),
            told: Told::SelfHarmQuestion {
                answer: SelfHarmAnswer::ALittle,
            },
        };
        let words = disclosure.describe(measures);
        assert!(
            words.starts_with("Answered \u{201c}a little\u{201d}"),
            "{words}"
        );
        assert!(words.contains(SELF_HARM_QUESTION));
        for banned in ["risk", "score", "high", "low", "medium"] {
            assert!(!words.to_lowercase().contains(banned), "{words}");
        }
    }

    #[test]
    fn a_no_or_an_answer_under_the_threshold_is_refused() {
        let measures = catalogue().unwrap();
        let no = Disclosure {
            id: RecordId::generate(1_763_900_000_000, [1; 10]),
            recorded_at: at(JOINED),
            told: Told::SelfHarmQuestion {
                answer: SelfHarmAnswer::No,
            },
        };
        assert_eq!(
            no.validate(measures).unwrap_err().errors()[0].code,
            "not_a_disclosure"
        );
        let under = Disclosure {
            told: Told::MeasureItems {
                measure_id: "phq9".into(),
                answers: vec![Answer {
                    item_id: "q1".into(),
                    value: 3,
                }],
            },
            ..no.clone()
        };
        let errors = under.validate(measures).unwrap_err();
        assert_eq!(errors.errors()[0].field, "told.answers[0]");
        let unknown = Disclosure {
            told: Told::MeasureItems {
                measure_id: "made-up".into(),
                answers: Vec::new(),
            },
            ..no
        };
        assert_eq!(
            unknown.validate(measures).unwrap_err().errors()[0].code,
            "unknown_measure"
        );
    }
}
