//! Coping tips for parents and carers, from `data/parent_tips.json`: short,
//! general advice by topic and age band, with the helplines a parent may
//! need. Tips never depend on, or hint at, what a young person has told
//! Lantern: parents only ever see general advice.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use lantern_core::AgeBand;
use lantern_core::data_file::{self, DataFileError};
use serde::{Deserialize, Serialize};

/// The shipped data file, as text.
pub const CATALOGUE_JSON: &str = include_str!("../data/parent_tips.json");

/// What a tip is about. Unknown topics in the file fail to parse, so the
/// load error names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Anxiety,
    LowMood,
    Anger,
    SelfHarm,
    Sleep,
    Exams,
    FriendshipsAndBullying,
    OnlineLife,
    NotWantingToGoToSchool,
    ChangesAndMoves,
    Bereavement,
    LookingAfterYourself,
}

impl Topic {
    pub const ALL: [Topic; 12] = [
        Topic::Anxiety,
        Topic::LowMood,
        Topic::Anger,
        Topic::SelfHarm,
        Topic::Sleep,
        Topic::Exams,
        Topic::FriendshipsAndBullying,
        Topic::OnlineLife,
        Topic::NotWantingToGoToSchool,
        Topic::ChangesAndMoves,
        Topic::Bereavement,
        Topic::LookingAfterYourself,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Anxiety => "anxiety",
            Topic::LowMood => "low_mood",
            Topic::Anger => "anger",
            Topic::SelfHarm => "self_harm",
            Topic::Sleep => "sleep",
            Topic::Exams => "exams",
            Topic::FriendshipsAndBullying => "friendships_and_bullying",
            Topic::OnlineLife => "online_life",
            Topic::NotWantingToGoToSchool => "not_wanting_to_go_to_school",
            Topic::ChangesAndMoves => "changes_and_moves",
            Topic::Bereavement => "bereavement",
            Topic::LookingAfterYourself => "looking_after_yourself",
        }
    }
}

/// Where the advice comes from; tips and helplines name one by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub note: String,
}

/// A helpline for parents, with its number exactly as confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Helpline {
    pub id: String,
    pub name: String,
    pub for_what: String,
    /// Digits and spaces only, as people say it ("116 123").
    pub phone: String,
    /// How to reach the right service once through, when that needs saying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how: Option<String>,
    pub hours: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default)]
    pub emergency: bool,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tip {
    /// Stable: sent tips are remembered by id, so ids never change.
    pub id: String,
    pub topic: Topic,
    pub age_bands: Vec<AgeBand>,
    pub title: String,
    pub body: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TipCatalogue {
    pub version: u32,
    pub notes: String,
    pub sources: Vec<Source>,
    pub helplines: Vec<Helpline>,
    pub tips: Vec<Tip>,
}

pub const MIN_TIPS: usize = 60;
pub const MIN_TIPS_PER_TOPIC: usize = 4;
pub const TITLE_MAX_CHARS: usize = 60;
/// Short enough to read on a lock screen's expanded notification.
pub const BODY_MAX_CHARS: usize = 480;
pub const BODY_SENTENCES: std::ops::RangeInclusive<usize> = 2..=5;

/// Words that would describe ways of self-harming. No tip may contain them
/// (NICE NG225; the same rule as the young person's toolbox). Matched as
/// whole words, case-insensitively.
pub const SELF_HARM_METHOD_WORDS: [&str; 22] = [
    "cut",
    "cuts",
    "cutting",
    "blade",
    "blades",
    "razor",
    "razors",
    "burn",
    "burns",
    "burning",
    "overdose",
    "overdosing",
    "pills",
    "tablets",
    "ligature",
    "noose",
    "hanging",
    "poison",
    "poisoning",
    "bleach",
    "scratch",
    "scratching",
];

/// Phrases that would suggest a tip knows what the young person logged.
/// Lantern never tells parents that.
const MENTIONS_CHECK_INS: [&str; 6] = [
    "check-in",
    "checked in",
    "logged",
    "lantern",
    "mood score",
    "their app",
];

/// The shipped tips, parsed and checked once.
pub fn catalogue() -> Result<&'static TipCatalogue, &'static DataFileError> {
    static CATALOGUE: OnceLock<Result<TipCatalogue, DataFileError>> = OnceLock::new();
    CATALOGUE
        .get_or_init(|| data_file::load("parent tips", CATALOGUE_JSON, TipCatalogue::check))
        .as_ref()
}

impl TipCatalogue {
    /// Tips on any of `topics` that suit `age_band`, in file order.
    pub fn for_topics(&self, topics: &[Topic], age_band: AgeBand) -> Vec<&Tip> {
        self.tips
            .iter()
            .filter(|tip| topics.contains(&tip.topic) && tip.age_bands.contains(&age_band))
            .collect()
    }

    pub fn find(&self, id: &str) -> Option<&Tip> {
        self.tips.iter().find(|tip| tip.id == id)
    }

    /// The helplines a tip gives the number of, in the catalogue's order,
    /// so an app can show them as buttons beside the tip.
    pub fn helplines_in(&self, tip: &Tip) -> Vec<&Helpline> {
        let given: BTreeSet<String> = phone_numbers(&tip.body)
            .iter()
            .map(|number| digits(number))
            .collect();
        self.helplines
            .iter()
            .filter(|line| given.contains(&digits(&line.phone)))
            .collect()
    }

    /// Every rule the content must keep; all problems are listed at once.
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
            let mut problem = |text: &str| problems.push(format!("source {}: {text}", source.id));
            if !is_snake_case(&source.id) {
                problem("ids are snake_case");
            }
            if !source_ids.insert(source.id.as_str()) {
                problem("the id is used twice");
            }
            if source.title.trim().is_empty() || source.note.trim().is_empty() {
                problem("needs a title and a note");
            }
        }

        let mut helpline_ids = BTreeSet::new();
        for line in &self.helplines {
            let mut problem = |text: &str| problems.push(format!("helpline {}: {text}", line.id));
            if !is_snake_case(&line.id) {
                problem("ids are snake_case");
            }
            if !helpline_ids.insert(line.id.as_str()) {
                problem("the id is used twice");
            }
            if !is_phone_number(&line.phone) {
                problem("phone numbers are digits and single spaces only");
            }
            if [&line.name, &line.for_what, &line.hours]
                .iter()
                .any(|text| text.trim().is_empty())
            {
                problem("needs a name, what it is for and its hours");
            }
            if !source_ids.contains(line.source.as_str()) {
                problem("names a source that is not listed");
            }
        }
        if self.helplines.iter().filter(|line| line.emergency).count() != 1 {
            problems.push("exactly one helpline is the emergency number".to_owned());
        }
        let listed_numbers: BTreeSet<String> = self
            .helplines
            .iter()
            .map(|line| digits(&line.phone))
            .collect();

        let mut tip_ids = BTreeSet::new();
        for tip in &self.tips {
            let mut problem = |text: String| problems.push(format!("tip {}: {text}", tip.id));
            if !is_snake_case(&tip.id) {
                problem("ids are snake_case".into());
            }
            if !tip_ids.insert(tip.id.as_str()) {
                problem("the id is used twice".into());
            }
            if tip.age_bands.is_empty() {
                problem("suits no age band".into());
            }
            if AgeBand::ALL
                .iter()
                .any(|band| tip.age_bands.iter().filter(|b| *b == band).count() > 1)
            {
                problem("an age band is listed twice".into());
            }
            let title_chars = tip.title.trim().chars().count();
            if title_chars == 0 || title_chars > TITLE_MAX_CHARS {
                problem(format!("titles are 1 to {TITLE_MAX_CHARS} characters"));
            }
            if tip.body.chars().count() > BODY_MAX_CHARS {
                problem(format!("bodies are at most {BODY_MAX_CHARS} characters"));
            }
            let sentences = sentence_count(&tip.body);
            if !BODY_SENTENCES.contains(&sentences) {
                problem(format!(
                    "bodies are {} to {} sentences, not {sentences}",
                    BODY_SENTENCES.start(),
                    BODY_SENTENCES.end()
                ));
            }
            if !source_ids.contains(tip.source.as_str()) {
                problem(format!("source {} is not listed", tip.source));
            }
            let text = format!("{} {}", tip.title, tip.body);
            if let Some(word) = method_word(&text) {
                problem(format!("says \"{word}\", which could describe self-harm"));
            }
            let lower = text.to_lowercase();
            if let Some(phrase) = MENTIONS_CHECK_INS.iter().find(|p| lower.contains(*p)) {
                problem(format!(
                    "says \"{phrase}\": tips never hint at what a young person told Lantern"
                ));
            }
            for number in phone_numbers(&text) {
                if !listed_numbers.contains(&digits(&number)) {
                    problem(format!("gives {number}, which is not a listed helpline"));
                }
            }
        }

        if self.tips.len() < MIN_TIPS {
            problems.push(format!(
                "{} tips; at least {MIN_TIPS} are needed",
                self.tips.len()
            ));
        }
        for topic in Topic::ALL {
            let on_topic: Vec<&Tip> = self.tips.iter().filter(|t| t.topic == topic).collect();
            if on_topic.len() < MIN_TIPS_PER_TOPIC {
                problems.push(format!(
                    "{} has {} tips; at least {MIN_TIPS_PER_TOPIC} are needed",
                    topic.as_str(),
                    on_topic.len()
                ));
            }
            for band in AgeBand::ALL {
                if !on_topic.iter().any(|t| t.age_bands.contains(&band)) {
                    problems.push(format!(
                        "{} has no tip for ages {}",
                        topic.as_str(),
                        band.as_str()
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

fn is_snake_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('_')
        && !id.ends_with('_')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// "116 123", "0800 068 41 41": digits in groups split by single spaces.
fn is_phone_number(phone: &str) -> bool {
    !phone.is_empty()
        && phone
            .split(' ')
            .all(|group| !group.is_empty() && group.chars().all(|c| c.is_ascii_digit()))
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// Runs of digits (joined by single spaces) long enough to be a phone
/// number: three digits or more, so "999" and "111" count and "2 weeks"
/// does not. Digits glued to letters are part of a name ("HOPELINE247").
fn phone_numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut run = String::new();
    let mut in_name = false;
    let mut end_run = |run: &mut String, in_name: bool| {
        if !in_name && digits(run).len() >= 3 {
            found.push(run.clone());
        }
        run.clear();
    };
    for (i, &c) in chars.iter().enumerate() {
        let joins_digits =
            c == ' ' && !run.is_empty() && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || joins_digits {
            if run.is_empty() {
                in_name = i > 0 && chars[i - 1].is_alphabetic();
            }
            run.push(c);
        } else {
            end_run(&mut run, in_name || c.is_alphabetic());
        }
    }
    end_run(&mut run, in_name);
    found
}

/// The first word of [`SELF_HARM_METHOD_WORDS`] in `text`, if any.
fn method_word(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .collect();
    SELF_HARM_METHOD_WORDS
        .into_iter()
        .find(|method| words.contains(method))
}

/// Sentences end in `.`, `!` or `?` followed by a space, a closing quote or
/// the end, so "youngminds.org.uk" is one word and a quoted remark counts
/// as its own sentences.
fn sentence_count(body: &str) -> usize {
    let chars: Vec<char> = body.trim().chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            matches!(c, '.' | '!' | '?')
                && match chars.get(i + 1) {
                    None => true,
                    Some(next) => next.is_whitespace() || matches!(next, '"' | '\''),
                }
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> &'static TipCatalogue {
        catalogue().unwrap()
    }

    fn tip(id: &str, topic: Topic, bands: &[AgeBand]) -> Tip {
        Tip {
            id: id.into(),
            topic,
            age_bands: bands.to_vec(),
            title: "A title".into(),
            body: "One short sentence. Another one.".into(),
            source: "common_practice".into(),
        }
    }

    #[test]
    fn the_shipped_catalogue_passes_its_checks() {
        let parsed: TipCatalogue = serde_json::from_str(CATALOGUE_JSON).unwrap();
        assert_eq!(parsed.check(), Ok(()));
        assert!(catalogue().is_ok());
    }

    #[test]
    fn coverage_is_at_least_sixty_tips_four_per_topic_and_every_band() {
        let tips = &shipped().tips;
        assert!(tips.len() >= MIN_TIPS, "{} tips", tips.len());
        for topic in Topic::ALL {
            let count = tips.iter().filter(|t| t.topic == topic).count();
            assert!(count >= MIN_TIPS_PER_TOPIC, "{}: {count}", topic.as_str());
            for band in AgeBand::ALL {
                assert!(
                    !shipped().for_topics(&[topic], band).is_empty(),
                    "{} {}",
                    topic.as_str(),
                    band.as_str()
                );
            }
        }
        // Self-harm is where a parent most needs choice.
        assert!(tips.iter().filter(|t| t.topic == Topic::SelfHarm).count() >= 6);
    }

    #[test]
    fn topics_in_the_file_are_the_twelve_named_ones() {
        let json: serde_json::Value = serde_json::from_str(CATALOGUE_JSON).unwrap();
        let named: BTreeSet<&str> = json["tips"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["topic"].as_str().unwrap())
            .collect();
        let all: BTreeSet<&str> = Topic::ALL.iter().map(|t| t.as_str()).collect();
        assert_eq!(named, all);
        for topic in Topic::ALL {
            let json = serde_json::to_string(&topic).unwrap();
            assert_eq!(json, format!("\"{}\"", topic.as_str()));
        }
    }

    #[test]
    fn a_broken_catalogue_is_reported_not_panicked_on() {
        let mut broken = shipped().clone();
        let first = broken.tips[0].clone();
        broken.tips.push(first.clone());
        broken
            .tips
            .retain(|t| t.topic != Topic::Sleep || t.id == "sleep_wind_down");
        broken.tips.iter_mut().for_each(|t| {
            if t.id == "sleep_wind_down" {
                t.age_bands = vec![AgeBand::TenToTwelve];
            }
        });
        broken.tips.push(Tip {
            source: "made_up".into(),
            ..tip("Bad Id", Topic::Anger, &[])
        });
        let problems = broken.check().unwrap_err();
        let has = |needle: &str| problems.iter().any(|p| p.contains(needle));
        assert!(has(&format!("tip {}: the id is used twice", first.id)));
        assert!(has("sleep has 1 tips"));
        assert!(has("sleep has no tip for ages 13-15"));
        assert!(has("sleep has no tip for ages 16-18"));
        assert!(has("tip Bad Id: ids are snake_case"));
        assert!(has("tip Bad Id: suits no age band"));
        assert!(has("tip Bad Id: source made_up is not listed"));
    }

    #[test]
    fn an_unknown_topic_or_band_fails_to_load_with_its_place_named() {
        let mut json: serde_json::Value = serde_json::from_str(CATALOGUE_JSON).unwrap();
        json["tips"][3]["topic"] = "homework".into();
        let err =
            data_file::load("parent tips", &json.to_string(), TipCatalogue::check).unwrap_err();
        assert!(err.problem.contains("tips[3].topic"), "{}", err.problem);

        let mut json: serde_json::Value = serde_json::from_str(CATALOGUE_JSON).unwrap();
        json["tips"][0]["age_bands"][0] = "8-9".into();
        let err =
            data_file::load("parent tips", &json.to_string(), TipCatalogue::check).unwrap_err();
        assert!(
            err.problem.contains("tips[0].age_bands[0]"),
            "{}",
            err.problem
        );
    }

    #[test]
    fn helplines_are_well_formed_and_exactly_the_confirmed_numbers() {
        let mut numbers: Vec<(&str, &str)> = shipped()
            .helplines
            .iter()
            .map(|h| (h.id.as_str(), h.phone.as_str()))
            .collect();
        numbers.sort_unstable();
        assert_eq!(
            numbers,
            [
                ("childline", "0800 1111"),
                ("emergency", "999"),
                ("nhs_111", "111"),
                ("papyrus", "0800 068 41 41"),
                ("samaritans", "116 123"),
            ]
        );
        for line in &shipped().helplines {
            assert!(is_phone_number(&line.phone), "{}", line.id);
            assert!(!line.hours.is_empty(), "{}", line.id);
        }
        let mut broken = shipped().clone();
        broken.helplines[0].phone = "0808-802".into();
        broken.helplines[1].hours = " ".into();
        let problems = broken.check().unwrap_err();
        assert!(problems[0].starts_with("helpline emergency: phone numbers are digits"));
        assert!(problems[1].starts_with("helpline nhs_111: needs a name"));
        assert!(
            problems[2..].iter().all(|p| p.contains("gives 999")),
            "tips giving the broken number are named too: {problems:?}"
        );
    }

    #[test]
    fn the_unverified_parents_helpline_number_is_nowhere() {
        // YoungMinds' number is only in secondary sources (clinical.md 2.3).
        assert!(!digits(CATALOGUE_JSON).contains("08088025544"));
        assert!(!CATALOGUE_JSON.contains("0808 802 5544"));
    }

    #[test]
    fn no_tip_names_a_way_of_self_harming() {
        for tip in &shipped().tips {
            let text = format!("{} {}", tip.title, tip.body);
            assert_eq!(method_word(&text), None, "{}", tip.id);
        }
        assert_eq!(method_word("Keep things Cutting edge"), Some("cutting"));
        assert_eq!(method_word("a shortcut"), None, "whole words only");

        let mut broken = shipped().clone();
        broken.tips[0].body = "Ask whether they burn off energy. Then listen.".into();
        let problems = broken.check().unwrap_err();
        assert!(problems[0].contains("\"burn\""), "{problems:?}");
    }

    #[test]
    fn every_number_in_a_tip_is_a_listed_helpline() {
        let listed: BTreeSet<String> = shipped()
            .helplines
            .iter()
            .map(|h| digits(&h.phone))
            .collect();
        let mut seen = BTreeSet::new();
        for tip in &shipped().tips {
            for number in phone_numbers(&tip.body) {
                assert!(listed.contains(&digits(&number)), "{}: {number}", tip.id);
                seen.insert(digits(&number));
            }
        }
        // The tips do point parents at the helplines meant for them.
        for number in ["999", "111", "116123", "08000684141", "08001111"] {
            assert!(seen.contains(number), "{number}");
        }
        assert_eq!(
            phone_numbers("Call 0808 802 5544 or 111, for 2 or 3 weeks."),
            ["0808 802 5544", "111"]
        );
        assert!(phone_numbers("HOPELINE247 and 999th and 123abc").is_empty());

        let mut broken = shipped().clone();
        broken.tips[0].body = "Call 0808 802 5544 today. They can help.".into();
        let problems = broken.check().unwrap_err();
        assert!(problems[0].contains("0808 802 5544"), "{problems:?}");
    }

    #[test]
    fn self_harm_tips_send_parents_to_the_right_help() {
        let text: String = shipped()
            .tips
            .iter()
            .filter(|t| t.topic == Topic::SelfHarm)
            .map(|t| format!("{} ", t.body))
            .collect();
        assert!(text.contains("stay calm"));
        assert!(text.contains("without judging"));
        assert!(text.contains("GP"));
        assert!(text.contains("call 111 and choose the mental health option"));
        assert!(text.contains("call 999"));
    }

    #[test]
    fn tips_never_hint_at_a_young_persons_check_ins() {
        let mut broken = shipped().clone();
        broken.tips[0].body = "Their check-in looked low today. Ask them about it.".into();
        let problems = broken.check().unwrap_err();
        assert!(problems[0].contains("check-in"), "{problems:?}");
    }

    #[test]
    fn bodies_are_two_to_five_sentences() {
        assert_eq!(sentence_count("See youngminds.org.uk. Then rest."), 2);
        assert_eq!(
            sentence_count("Say: \"I'm here. Want to talk?\" Then listen."),
            3
        );
        for tip in &shipped().tips {
            assert!(
                BODY_SENTENCES.contains(&sentence_count(&tip.body)),
                "{}",
                tip.id
            );
        }
    }

    #[test]
    fn for_topics_filters_by_topic_and_age_band() {
        let catalogue = TipCatalogue {
            version: 1,
            notes: "test".into(),
            sources: vec![],
            helplines: vec![],
            tips: vec![
                tip("a", Topic::Sleep, &[AgeBand::TenToTwelve]),
                tip("b", Topic::Sleep, &[AgeBand::SixteenToEighteen]),
                tip(
                    "c",
                    Topic::Exams,
                    &[AgeBand::TenToTwelve, AgeBand::ThirteenToFifteen],
                ),
                tip("d", Topic::Anger, &AgeBand::ALL),
            ],
        };
        let ids = |topics: &[Topic], band| -> Vec<&str> {
            catalogue
                .for_topics(topics, band)
                .iter()
                .map(|t| t.id.as_str())
                .collect()
        };
        assert_eq!(ids(&[Topic::Sleep], AgeBand::TenToTwelve), ["a"]);
        assert_eq!(
            ids(&[Topic::Sleep, Topic::Exams], AgeBand::TenToTwelve),
            ["a", "c"]
        );
        assert_eq!(
            ids(&[Topic::Exams, Topic::Anger], AgeBand::SixteenToEighteen),
            ["d"]
        );
        assert!(ids(&[], AgeBand::TenToTwelve).is_empty());
        assert!(ids(&[Topic::Bereavement], AgeBand::TenToTwelve).is_empty());

        let shipped_tips = shipped().for_topics(&[Topic::SelfHarm], AgeBand::TenToTwelve);
        assert!(
            shipped_tips
                .iter()
                .all(|t| t.topic == Topic::SelfHarm && t.age_bands.contains(&AgeBand::TenToTwelve))
        );
    }
}
