//! The young person's safety plan, in their own words: the six steps of the
//! Stanley–Brown safety plan plus reasons to keep going. It lives on the
//! device, works offline, and is shared only under the `safety_plan` scope.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::record_id::RecordId;
use crate::validation::{ValidationError, ValidationErrors};

pub const ENTRY_MAX_CHARS: usize = 200;
pub const ENTRIES_PER_SECTION: usize = 10;
const PHONE_MAX_CHARS: usize = 20;

/// Someone to contact, with a number if the young person wants one here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct PlanContact {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct SafetyPlan {
    /// One plan per young person; the id lets sync replace it in place.
    pub id: RecordId,
    /// 1. Signs that a hard time is starting.
    #[serde(default)]
    pub warning_signs: Vec<String>,
    /// 2. Things I can do on my own to feel a bit better.
    #[serde(default)]
    pub things_i_can_do: Vec<String>,
    /// 3. People and places that take my mind off things.
    #[serde(default)]
    pub people_and_places: Vec<String>,
    /// 4. People I can ask for help.
    #[serde(default)]
    pub people_i_can_ask: Vec<PlanContact>,
    /// 5. Professionals and helplines.
    #[serde(default)]
    pub professionals: Vec<PlanContact>,
    /// 6. Making where I am safer.
    #[serde(default)]
    pub making_my_space_safer: Vec<String>,
    /// My reasons to keep going.
    #[serde(default)]
    pub reasons_to_keep_going: Vec<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::time::rfc3339_option"
    )]
    #[cfg_attr(test, ts(type = "string", optional))]
    pub updated_at: Option<DateTime<FixedOffset>>,
}

/// A section as the plan screen shows it: a title and a gentle prompt.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct PlanSection {
    pub key: &'static str,
    pub title: &'static str,
    pub prompt: &'static str,
}

pub const SECTIONS: [PlanSection; 7] = [
    PlanSection {
        key: "warning_signs",
        title: "When things start to get hard",
        prompt: "What do you notice when a hard time is starting? Thoughts, feelings, things you do.",
    },
    PlanSection {
        key: "things_i_can_do",
        title: "Things I can do on my own",
        prompt: "What helps you feel a bit better, even for a little while?",
    },
    PlanSection {
        key: "people_and_places",
        title: "People and places that help me switch off",
        prompt: "Who could you be with, or where could you go, to take your mind off things?",
    },
    PlanSection {
        key: "people_i_can_ask",
        title: "People I can ask for help",
        prompt: "Who could you tell how you feel? A parent, carer, teacher, friend's parent…",
    },
    PlanSection {
        key: "professionals",
        title: "Helplines and professionals",
        prompt: "Your worker, your doctor, or a helpline like Childline (0800 1111).",
    },
    PlanSection {
        key: "making_my_space_safer",
        title: "Making where I am safer",
        prompt: "What could you move away, or ask someone to look after, to keep yourself safe?",
    },
    PlanSection {
        key: "reasons_to_keep_going",
        title: "My reasons to keep going",
        prompt: "People, pets, plans, things you love or look forward to.",
    },
];

impl SafetyPlan {
    pub fn new(id: RecordId) -> SafetyPlan {
        SafetyPlan {
            id,
            warning_signs: Vec::new(),
            things_i_can_do: Vec::new(),
            people_and_places: Vec::new(),
            people_i_can_ask: Vec::new(),
            professionals: Vec::new(),
            making_my_space_safer: Vec::new(),
            reasons_to_keep_going: Vec::new(),
            updated_at: None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.warning_signs.is_empty()
            && self.things_i_can_do.is_empty()
            && self.people_and_places.is_empty()
            && self.people_i_can_ask.is_empty()
            && self.professionals.is_empty()
            && self.making_my_space_safer.is_empty()
            && self.reasons_to_keep_going.is_empty()
    }

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        for (key, entries) in [
            ("warning_signs", &self.warning_signs),
            ("things_i_can_do", &self.things_i_can_do),
            ("people_and_places", &self.people_and_places),
            ("making_my_space_safer", &self.making_my_space_safer),
            ("reasons_to_keep_going", &self.reasons_to_keep_going),
        ] {
            check_count(key, entries.len(), &mut errors);
            for (i, entry) in entries.iter().enumerate() {
                check_text(&format!("{key}[{i}]"), entry, &mut errors);
            }
        }
        for (key, contacts) in [
            ("people_i_can_ask", &self.people_i_can_ask),
            ("professionals", &self.professionals),
        ] {
            check_count(key, contacts.len(), &mut errors);
            for (i, contact) in contacts.iter().enumerate() {
                check_text(&format!("{key}[{i}].name"), &contact.name, &mut errors);
                if let Some(phone) = &contact.phone {
                    let ok = phone.chars().count() <= PHONE_MAX_CHARS
                        && phone.chars().any(|c| c.is_ascii_digit())
                        && phone
                            .chars()
                            .all(|c| c.is_ascii_digit() || " +-()".contains(c));
                    if !ok {
                        errors.push(ValidationError::new(
                            format!("{key}[{i}].phone"),
                            "phone_invalid",
                            "Use numbers, spaces and + only, like 07700 900123.",
                        ));
                    }
                }
            }
        }
        ValidationErrors::into_result(errors)
    }
}

fn check_count(key: &str, count: usize, errors: &mut Vec<ValidationError>) {
    if count > ENTRIES_PER_SECTION {
        errors.push(ValidationError::new(
            key,
            "too_many_entries",
            format!(
                "Keep each part to {ENTRIES_PER_SECTION} things or fewer, so it's quick to read."
            ),
        ));
    }
}

fn check_text(field: &str, text: &str, errors: &mut Vec<ValidationError>) {
    let length = text.trim().chars().count();
    if length == 0 {
        errors.push(ValidationError::new(
            field,
            "entry_empty",
            "This line is empty. Write something or remove it.",
        ));
    } else if length > ENTRY_MAX_CHARS {
        errors.push(ValidationError::new(
            field,
            "entry_too_long",
            format!("Each line can be up to {ENTRY_MAX_CHARS} characters."),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_has_the_six_stanley_brown_steps_and_reasons_to_keep_going() {
        let keys: Vec<_> = SECTIONS.iter().map(|s| s.key).collect();
        assert_eq!(
            keys,
            [
                "warning_signs",
                "things_i_can_do",
                "people_and_places",
                "people_i_can_ask",
                "professionals",
                "making_my_space_safer",
                "reasons_to_keep_going"
            ]
        );
        // Every section key is a field of the plan, so the screen and the data agree.
        let json = serde_json::to_value(SafetyPlan::new(RecordId::generate(1, [1; 10]))).unwrap();
        for key in keys {
            assert!(json.get(key).is_some(), "{key}");
        }
    }

    #[test]
    fn a_plan_in_own_words_is_valid_and_bad_lines_are_named() {
        let mut plan = SafetyPlan {
            warning_signs: vec!["I stop replying to my friends".into()],
            people_i_can_ask: vec![PlanContact {
                name: "Auntie Jo".into(),
                phone: Some("07700 900123".into()),
            }],
            reasons_to_keep_going: vec!["My dog, Biscuit".into()],
            ..SafetyPlan::new(RecordId::generate(1, [1; 10]))
        };
        assert!(plan.validate().is_ok());
        assert!(!plan.is_empty());
        plan.things_i_can_do = vec!["  ".into()];
        plan.people_i_can_ask[0].phone = Some("call me maybe".into());
        plan.reasons_to_keep_going = vec!["x".repeat(ENTRY_MAX_CHARS + 1)];
        let fields: Vec<_> = plan
            .validate()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            fields,
            [
                ("things_i_can_do[0]".to_string(), "entry_empty".to_string()),
                ("reasons_to_keep_going[0]".into(), "entry_too_long".into()),
                ("people_i_can_ask[0].phone".into(), "phone_invalid".into()),
            ]
        );
    }

    #[test]
    fn sections_are_bounded() {
        let plan = SafetyPlan {
            warning_signs: vec!["a".into(); ENTRIES_PER_SECTION + 1],
            ..SafetyPlan::new(RecordId::generate(1, [1; 10]))
        };
        assert_eq!(plan.validate().unwrap_err().0[0].code, "too_many_entries");
    }
}
