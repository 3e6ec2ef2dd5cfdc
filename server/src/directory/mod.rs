//! The signposting directory: services a young person can turn to, with
//! what they help with, for what ages, and how to get in touch. National
//! services ship in `data/directory.json`; a service's admins add their
//! own, one at a time or from a CSV file (`csv`, `docs/directory.md`).

pub mod csv;
pub mod national;

use lantern_core::ValidationError;
use lantern_core::thrive::ThriveGrouping;
use serde::{Deserialize, Serialize};

/// What a directory service helps with. `anything` is for services that
/// take any worry, so they show whatever need is searched for.
pub const NEEDS: [&str; 16] = [
    "anything",
    "anxiety",
    "low_mood",
    "self_harm",
    "suicidal_thoughts",
    "eating_difficulties",
    "autism",
    "adhd",
    "bereavement",
    "family",
    "substance_use",
    "lgbtq",
    "young_carers",
    "bullying",
    "anger",
    "abuse",
];

/// Ages a directory service can be for (Lantern is for 10 to 18; some
/// services carry on to 25).
pub const MAX_AGE: i64 = 25;

const MAX_NAME: usize = 120;
const MAX_DESCRIPTION: usize = 600;
const MAX_AREA: usize = 120;
const MAX_HOURS: usize = 200;
const MAX_KEYWORD: usize = 20;

/// A directory service as sent by an admin, a CSV row or the shipped file.
/// `needs` and `thrive` are lists of the fixed words; phone numbers are
/// digits and spaces; the website is an https address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub name: String,
    pub description: String,
    pub needs: Vec<String>,
    pub thrive: Vec<String>,
    pub min_age: i64,
    pub max_age: i64,
    pub area: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub text_number: Option<String>,
    #[serde(default)]
    pub text_keyword: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    pub self_referral: bool,
    pub hours: String,
}

fn words_within(
    errors: &mut Vec<ValidationError>,
    field: &str,
    text: &str,
    max: usize,
    what: &str,
) -> String {
    let text = text.trim().to_owned();
    if text.is_empty() {
        errors.push(ValidationError::new(
            field,
            &format!("{field}_required"),
            format!("Write {what}."),
        ));
    } else if text.chars().count() > max {
        errors.push(ValidationError::new(
            field,
            &format!("{field}_too_long"),
            format!("Keep {what} to {max} characters."),
        ));
    }
    text
}

/// Trimmed, or None when blank.
fn optional(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Digits and single spaces, 3 to 15 digits: how UK numbers are written.
fn is_phone_number(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    text.chars().all(|c| c.is_ascii_digit() || c == ' ') && (3..=15).contains(&digits)
}

fn is_https_url(text: &str) -> bool {
    url::Url::parse(text)
        .is_ok_and(|url| url.scheme() == "https" && url.host_str().is_some_and(|h| h.contains('.')))
}

/// Checks every field, naming each that is wrong; the answer is the draft
/// tidied (trimmed, blanks as none, lists without repeats).
pub fn check(draft: Draft) -> Result<Draft, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let name = words_within(
        &mut errors,
        "name",
        &draft.name,
        MAX_NAME,
        "the service's name",
    );
    let description = words_within(
        &mut errors,
        "description",
        &draft.description,
        MAX_DESCRIPTION,
        "what the service does, in plain words",
    );
    let area = words_within(&mut errors, "area", &draft.area, MAX_AREA, "where it works");
    let hours = words_within(
        &mut errors,
        "hours",
        &draft.hours,
        MAX_HOURS,
        "when it is open",
    );
    let needs = listed(&mut errors, "needs", draft.needs, |need| {
        NEEDS.contains(&need)
    });
    let thrive = listed(&mut errors, "thrive", draft.thrive, |grouping| {
        ThriveGrouping::parse(grouping).is_some()
    });
    for (field, age) in [("min_age", draft.min_age), ("max_age", draft.max_age)] {
        if !(0..=MAX_AGE).contains(&age) {
            errors.push(ValidationError::new(
                field,
                "age_out_of_range",
                format!("Ages go from 0 to {MAX_AGE}."),
            ));
        }
    }
    if draft.min_age > draft.max_age {
        errors.push(ValidationError::new(
            "max_age",
            "ages_reversed",
            "The oldest age must not be below the youngest.",
        ));
    }
    let phone = optional(draft.phone);
    let text_number = optional(draft.text_number);
    let text_keyword = optional(draft.text_keyword);
    let website = optional(draft.website);
    for (field, number) in [("phone", &phone), ("text_number", &text_number)] {
        if number.as_deref().is_some_and(|n| !is_phone_number(n)) {
            errors.push(ValidationError::new(
                field,
                "invalid_phone",
                "Write the number with digits and spaces only, like 0800 1111.",
            ));
        }
    }
    if let Some(keyword) = &text_keyword {
        if text_number.is_none() {
            errors.push(ValidationError::new(
                "text_keyword",
                "text_keyword_without_number",
                "A word to text needs a number to text it to.",
            ));
        } else if keyword.chars().count() > MAX_KEYWORD
            || !keyword.chars().all(char::is_alphanumeric)
        {
            errors.push(ValidationError::new(
                "text_keyword",
                "invalid_text_keyword",
                "The word to text is one word of letters and numbers.",
            ));
        }
    }
    if website.as_deref().is_some_and(|w| !is_https_url(w)) {
        errors.push(ValidationError::new(
            "website",
            "invalid_url",
            "Give the website's full address, starting https://",
        ));
    }
    if phone.is_none() && text_number.is_none() && website.is_none() {
        errors.push(ValidationError::new(
            "phone",
            "no_way_to_get_in_touch",
            "Give at least one way to get in touch: a phone number, a text number or a website.",
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Draft {
        name,
        description,
        needs,
        thrive,
        min_age: draft.min_age,
        max_age: draft.max_age,
        area,
        phone,
        text_number,
        text_keyword,
        website,
        self_referral: draft.self_referral,
        hours,
    })
}

/// A non-empty list of known words, without repeats.
fn listed(
    errors: &mut Vec<ValidationError>,
    field: &str,
    words: Vec<String>,
    known: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for word in words {
        let word = word.trim().to_owned();
        if !known(&word) {
            errors.push(ValidationError::new(
                field,
                &format!("unknown_{}", singular(field)),
                format!("{word:?} is not one of the words this list takes."),
            ));
        } else if !kept.contains(&word) {
            kept.push(word);
        }
    }
    if kept.is_empty() && errors.iter().all(|e| e.field != field) {
        errors.push(ValidationError::new(
            field,
            &format!("no_{field}"),
            "Choose at least one.",
        ));
    }
    kept
}

fn singular(field: &str) -> &str {
    match field {
        "needs" => "need",
        _ => "thrive_grouping",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn childline() -> Draft {
        Draft {
            name: "Childline".into(),
            description: "Talk about anything.".into(),
            needs: vec!["anything".into()],
            thrive: vec!["getting_advice".into()],
            min_age: 0,
            max_age: 18,
            area: "UK".into(),
            phone: Some("0800 1111".into()),
            text_number: None,
            text_keyword: None,
            website: Some("https://www.childline.org.uk/".into()),
            self_referral: true,
            hours: "Any time".into(),
        }
    }

    #[test]
    fn a_good_service_passes_and_bad_fields_are_each_named() {
        assert!(check(childline()).is_ok());
        let bad = Draft {
            needs: vec!["worries".into()],
            min_age: 30,
            phone: Some("0800-1111".into()),
            website: Some("http://childline.org.uk".into()),
            ..childline()
        };
        let codes: Vec<(String, String)> = check(bad)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            codes,
            [
                ("needs".into(), "unknown_need".into()),
                ("min_age".into(), "age_out_of_range".into()),
                ("max_age".into(), "ages_reversed".into()),
                ("phone".into(), "invalid_phone".into()),
                ("website".into(), "invalid_url".into()),
            ]
        );
    }
}
