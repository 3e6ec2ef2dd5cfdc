//! Encouragement from workers: the messages every service starts with
//! (`data/encouragements.json`), the rules a message's text keeps, and the
//! one-tap replies a young person can give. It is not a chat: a young
//! person answers with one of a few fixed replies, never with words.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::{Duration, NaiveDateTime};
use lantern_core::data_file::{self, DataFileError};
use lantern_core::{ValidationError, ValidationErrors};
use serde::{Deserialize, Serialize};

use crate::db::AnyConnection;
use crate::db::encouragement_templates::{self, Seed};
use crate::db::ids::ServiceId;

/// The shipped data file, as text.
pub const STARTER_JSON: &str = include_str!("../data/encouragements.json");

/// Long enough for a few warm sentences; a message, not a letter.
pub const MAX_TEXT_CHARS: usize = 500;
/// Shipped messages are shorter still: one glance on a phone.
pub const STARTER_MAX_CHARS: usize = 120;
pub const MIN_STARTERS: usize = 20;
/// A message can be written now for up to this many days ahead.
pub const MAX_DAYS_AHEAD: i64 = 30;
/// Messages one worker may send one young person in any 24 hours: enough
/// to encourage, too few to flood.
pub const DAILY_LIMIT: usize = 5;
/// What a worker over the limit is told (it names `DAILY_LIMIT`).
pub const DAILY_LIMIT_REACHED: &str = "You can send each young person up to 5 messages in a day. \
     Try again later: the Retry-After header says when.";
/// Young people in one message to a group: a group programme has up to 16.
pub const MAX_RECIPIENTS: usize = 30;

/// Words and phrases that push, guilt or label. Neither a shipped message
/// nor (for the clinical words) anything we write may use them; a worker's
/// own words are theirs. Matched case-insensitively, as whole words.
const PRESSURE_PHRASES: [&str; 14] = [
    "should",
    "must",
    "have to",
    "need to",
    "don't forget",
    "streak",
    "every day",
    "missed",
    "disappointed",
    "keep it up",
    "don't give up",
    "better than",
    "top marks",
    "perfect",
];
const CLINICAL_WORDS: [&str; 10] = [
    "depression",
    "depressed",
    "anxiety",
    "disorder",
    "symptom",
    "symptoms",
    "diagnosis",
    "therapy",
    "risk",
    "self-harm",
];

/// Where the ideas in the shipped messages come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Starter {
    /// Stable: a service's copy remembers which shipped message it came from.
    pub id: String,
    pub text: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Starters {
    pub version: u32,
    pub notes: String,
    pub sources: Vec<Source>,
    pub messages: Vec<Starter>,
}

/// Gives a service the shipped messages as its templates, unless it has
/// templates already. Called when a service is made and before its
/// templates are first used (services made before templates existed).
pub fn seed_templates(
    conn: &mut AnyConnection,
    service: &ServiceId,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    let starters = starters().map_err(|e| anyhow::anyhow!("{e}"))?;
    let seeds: Vec<Seed<'_>> = starters
        .messages
        .iter()
        .map(|m| Seed {
            key: &m.id,
            text: &m.text,
        })
        .collect();
    encouragement_templates::seed_if_empty(conn, service, &seeds, now)?;
    Ok(())
}

/// The shipped messages, parsed and checked once.
pub fn starters() -> Result<&'static Starters, &'static DataFileError> {
    static STARTERS: OnceLock<Result<Starters, DataFileError>> = OnceLock::new();
    STARTERS
        .get_or_init(|| data_file::load("encouragement messages", STARTER_JSON, Starters::check))
        .as_ref()
}

impl Starters {
    /// Every rule the content keeps; all problems are listed at once.
    pub fn check(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        if self.version == 0 {
            problems.push("version starts at 1".to_owned());
        }
        if self.notes.trim().is_empty() {
            problems.push("notes are empty".to_owned());
        }
        let mut source_ids = BTreeSet::new();
        for source in &self.sources {
            if !source_ids.insert(source.id.as_str()) {
                problems.push(format!("source {}: the id is used twice", source.id));
            }
            if source.title.trim().is_empty() || source.note.trim().is_empty() {
                problems.push(format!("source {}: needs a title and a note", source.id));
            }
        }
        let mut ids = BTreeSet::new();
        let mut texts = BTreeSet::new();
        for message in &self.messages {
            let mut problem = |text: String| problems.push(format!("{}: {text}", message.id));
            if !is_snake_case(&message.id) {
                problem("ids are snake_case".into());
            }
            if !ids.insert(message.id.as_str()) {
                problem("the id is used twice".into());
            }
            if !texts.insert(message.text.trim().to_lowercase()) {
                problem("the same text is there twice".into());
            }
            let chars = message.text.trim().chars().count();
            if chars == 0 || chars > STARTER_MAX_CHARS {
                problem(format!("texts are 1 to {STARTER_MAX_CHARS} characters"));
            }
            if message.text != message.text.trim() {
                problem("no space at either end".into());
            }
            if !source_ids.contains(message.source.as_str()) {
                problem(format!("source {} is not listed", message.source));
            }
            if let Some(phrase) = found(&message.text, &PRESSURE_PHRASES) {
                problem(format!("says \"{phrase}\", which pushes or blames"));
            }
            if let Some(word) = found(&message.text, &CLINICAL_WORDS) {
                problem(format!("says \"{word}\", a clinical label"));
            }
        }
        if self.messages.len() < MIN_STARTERS {
            problems.push(format!(
                "{} messages; at least {MIN_STARTERS} are needed",
                self.messages.len()
            ));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

fn is_snake_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('_')
        && !id.ends_with('_')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The first of `phrases` in `text` as whole words, ignoring case and
/// treating a curly apostrophe as a straight one.
fn found(text: &str, phrases: &[&'static str]) -> Option<&'static str> {
    let words: Vec<String> = text
        .to_lowercase()
        .replace('\u{2019}', "'")
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let joined = format!(" {} ", words.join(" "));
    phrases
        .iter()
        .copied()
        .find(|phrase| joined.contains(&format!(" {phrase} ")))
}

/// A message's text as it will be stored: trimmed, not empty, not too long.
/// `field` names it in the refusal.
pub fn checked_text(field: &str, text: &str) -> Result<String, ValidationErrors> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ValidationErrors::one(
            field,
            "text_required",
            "Write a message, or pick one from the list.",
        ));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(ValidationErrors::one(
            field,
            "text_too_long",
            format!("Keep the message to {MAX_TEXT_CHARS} characters."),
        ));
    }
    Ok(text.to_owned())
}

/// When a message is shown: now when no time is given, else the time
/// chosen, which may not be in the past or too far ahead. A minute's grace
/// covers a clock that differs from ours or a slow form.
pub fn checked_send_time(
    chosen: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<NaiveDateTime, ValidationError> {
    let Some(at) = chosen else {
        return Ok(now);
    };
    if at < now - Duration::minutes(1) {
        return Err(ValidationError::new(
            "send_at",
            "send_at_in_the_past",
            "Choose a time from now on.",
        ));
    }
    if at > now + Duration::days(MAX_DAYS_AHEAD) {
        return Err(ValidationError::new(
            "send_at",
            "send_at_too_far_ahead",
            format!("Choose a time within {MAX_DAYS_AHEAD} days."),
        ));
    }
    Ok(at.max(now))
}

/// The one-tap answers a young person can give to a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    Heart,
    ThumbsUp,
    Thanks,
    Smile,
}

impl Reply {
    pub const ALL: [Reply; 4] = [Reply::Heart, Reply::ThumbsUp, Reply::Thanks, Reply::Smile];

    pub fn as_str(self) -> &'static str {
        match self {
            Reply::Heart => "heart",
            Reply::ThumbsUp => "thumbs_up",
            Reply::Thanks => "thanks",
            Reply::Smile => "smile",
        }
    }

    pub fn parse(text: &str) -> Option<Reply> {
        Reply::ALL.into_iter().find(|reply| reply.as_str() == text)
    }

    /// What a screen reader says for it, and what the worker reads.
    pub fn words(self) -> &'static str {
        match self {
            Reply::Heart => "Sent a heart",
            Reply::ThumbsUp => "Sent a thumbs up",
            Reply::Thanks => "Said thanks",
            Reply::Smile => "Sent a smile",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn shipped() -> &'static Starters {
        starters().unwrap()
    }

    #[test]
    fn the_shipped_messages_pass_their_checks() {
        let parsed: Starters = serde_json::from_str(STARTER_JSON).unwrap();
        assert_eq!(parsed.check(), Ok(()));
        assert!(shipped().messages.len() >= MIN_STARTERS);
        // The checks would refuse what they are for.
        for bad in [
            "Don't forget to check in every day!",
            "You should try harder.",
            "Your anxiety is getting better.",
            "Keep your streak going",
        ] {
            assert!(
                found(bad, &PRESSURE_PHRASES).is_some() || found(bad, &CLINICAL_WORDS).is_some(),
                "{bad}"
            );
        }
        assert_eq!(found("Trust yourself.", &PRESSURE_PHRASES), None);
        assert_eq!(found("No reply needed.", &PRESSURE_PHRASES), None);
    }

    #[test]
    fn a_broken_file_is_reported_with_every_problem() {
        let mut broken = shipped().clone();
        let first = broken.messages[0].clone();
        broken.messages.push(first.clone());
        broken.messages.push(Starter {
            id: "Bad Id".into(),
            text: "You must not miss a day, or you'll lose your streak!".into(),
            source: "made_up".into(),
        });
        broken.messages.push(Starter {
            id: "labels".into(),
            text: "Your depression is lifting.".into(),
            source: "common_practice".into(),
        });
        let problems = broken.check().unwrap_err();
        let has = |needle: &str| problems.iter().any(|p| p.contains(needle));
        assert!(has(&format!("{}: the id is used twice", first.id)));
        assert!(has("the same text is there twice"));
        assert!(has("Bad Id: ids are snake_case"));
        assert!(has("Bad Id: source made_up is not listed"));
        assert!(has("Bad Id: says \"must\""));
        assert!(has("labels: says \"depression\""));
        broken.messages.truncate(3);
        assert!(
            broken
                .check()
                .unwrap_err()
                .iter()
                .any(|p| p.contains("at least 20"))
        );
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(
            checked_text("text", "  Well done.  ").unwrap(),
            "Well done."
        );
        let empty = checked_text("text", "   ").unwrap_err();
        assert_eq!(empty.0[0].code, "text_required");
        let long = "a".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(
            checked_text("text", &long).unwrap_err().0[0].code,
            "text_too_long"
        );
        // Characters, not bytes: 500 emoji fit.
        assert!(checked_text("text", &"🌟".repeat(MAX_TEXT_CHARS)).is_ok());
    }

    #[test]
    fn send_times_are_from_now_to_thirty_days_ahead() {
        let now = NaiveDate::from_ymd_opt(2026, 3, 1)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap();
        assert_eq!(checked_send_time(None, now).unwrap(), now);
        assert_eq!(
            checked_send_time(Some(now - Duration::seconds(30)), now).unwrap(),
            now
        );
        let past = checked_send_time(Some(now - Duration::hours(1)), now).unwrap_err();
        assert_eq!(past.code, "send_at_in_the_past");
        let far = checked_send_time(Some(now + Duration::days(31)), now).unwrap_err();
        assert_eq!(far.code, "send_at_too_far_ahead");
        let later = now + Duration::days(30);
        assert_eq!(checked_send_time(Some(later), now).unwrap(), later);
    }

    #[test]
    fn the_limit_message_names_the_limit() {
        assert!(DAILY_LIMIT_REACHED.contains(&format!(" {DAILY_LIMIT} messages")));
    }

    #[test]
    fn replies_round_trip_and_nothing_else_parses() {
        for reply in Reply::ALL {
            assert_eq!(Reply::parse(reply.as_str()), Some(reply));
            assert_eq!(
                serde_json::to_string(&reply).unwrap(),
                format!("\"{}\"", reply.as_str())
            );
        }
        assert_eq!(Reply::parse("I hate this"), None);
        assert_eq!(Reply::parse("Heart"), None);
    }
}
