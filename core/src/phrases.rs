//! Noticing, on the device only, a note that may need support.
//!
//! Support, not prediction: a match only ever brings the help card first.
//! Nothing is sent, stored or scored, and there are no levels. The patterns
//! live in `data/concern_phrases.json`; the labelled phrases that measure
//! them in `data/phrase_set.json` (see docs/safety-phrases.md).
//!
//! The note is normalised (lower case, no punctuation, letters repeated
//! three or more times cut to two, text-speak expanded), then each pattern's
//! slots are looked for in order with small gaps, allowing one typo in
//! longer words. A negation just before a match ("I'm not going to…") and
//! known figures of speech ("kill myself laughing") cancel it; patterns
//! carry their own "not followed by" words for ordinary uses ("cut myself
//! shaving").

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub const PATTERNS_JSON: &str = include_str!("../data/concern_phrases.json");

/// What a note seems to say. No score, no levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Concern {
    SuicidalThoughts,
    SelfHarm,
    Unsafe,
}

#[derive(Debug, Deserialize)]
struct PhraseData {
    max_gap: usize,
    text_speak: BTreeMap<String, String>,
    negators: Vec<String>,
    patterns: Vec<Pattern>,
    figures_of_speech: Vec<Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct Pattern {
    kind: Concern,
    slots: Vec<Vec<String>>,
    #[serde(default)]
    not_followed_by: Vec<String>,
    #[serde(default)]
    not_preceded_by: Vec<String>,
}

/// How far around a match negations and exceptions are looked for.
const NEGATION_WINDOW: usize = 3;
const EXCEPTION_WINDOW: usize = 4;

fn data() -> Option<&'static PhraseData> {
    static DATA: OnceLock<Option<PhraseData>> = OnceLock::new();
    // Through the shared parser, so `Concern` is compiled for one deserializer.
    DATA.get_or_init(|| crate::validation::parse_json(PATTERNS_JSON).ok())
        .as_ref()
}

/// What, if anything, a note says that should bring help first.
pub fn note_concern(note: &str) -> Option<Concern> {
    let data = data()?;
    let tokens = normalise(note, data);
    data.patterns.iter().find_map(|pattern| {
        let found = (0..tokens.len()).any(|start| {
            match_at(&tokens, pattern, start, data.max_gap)
                .is_some_and(|end| !cancelled(&tokens, pattern, start, end, data))
        });
        found.then_some(pattern.kind)
    })
}

fn normalise(text: &str, data: &PhraseData) -> Vec<String> {
    let lowered: String = text
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '‘'))
        // ASCII only: notes are English, and Unicode's letter tables would
        // add kilobytes to the module. Emoji and accents become spaces.
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let mut tokens = Vec::new();
    for word in lowered.split_whitespace() {
        let word = cut_repeats(word);
        match data.text_speak.get(&word) {
            Some(expansion) => tokens.extend(expansion.split_whitespace().map(str::to_owned)),
            None => tokens.push(word),
        }
    }
    tokens
}

/// "sooo" → "soo": long runs are emphasis, not spelling.
fn cut_repeats(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut run = 0;
    let mut last = None;
    for c in word.chars() {
        run = if Some(c) == last { run + 1 } else { 1 };
        last = Some(c);
        if run <= 2 {
            out.push(c);
        }
    }
    out
}

/// The token index just past the match, if the pattern starts at `start`.
fn match_at(tokens: &[String], pattern: &Pattern, start: usize, max_gap: usize) -> Option<usize> {
    let (first, rest) = pattern.slots.split_first()?;
    if !fills(&tokens[start], first) {
        return None;
    }
    let mut position = start;
    for slot in rest {
        let window = (position + 1)..tokens.len().min(position + 2 + max_gap);
        position = window.into_iter().find(|&i| fills(&tokens[i], slot))?;
    }
    Some(position + 1)
}

fn fills(token: &str, slot: &[String]) -> bool {
    slot.iter().any(|word| same_word(token, word))
}

/// Equal, equal once doubled letters are squeezed ("kil"/"kill"), or one
/// typo apart in words of four letters or more ("wnat", "myslef").
fn same_word(token: &str, word: &str) -> bool {
    if token == word || squeeze(token) == squeeze(word) {
        return true;
    }
    let long_enough = word.chars().count() >= 4 && token.chars().count() >= 4;
    long_enough && token.chars().next() == word.chars().next() && typo_distance(token, word) <= 1
}

fn squeeze(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Optimal string alignment distance: a swap of neighbours counts as one.
fn typo_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

fn cancelled(
    tokens: &[String],
    pattern: &Pattern,
    start: usize,
    end: usize,
    data: &PhraseData,
) -> bool {
    let before = &tokens[start.saturating_sub(NEGATION_WINDOW)..start];
    let after = &tokens[end..tokens.len().min(end + EXCEPTION_WINDOW)];
    // A pattern that itself begins with a negation ("not safe at home") is
    // not cancelled by one.
    let negation_is_the_point = pattern.slots[0].iter().any(|w| data.negators.contains(w));
    let negated = !negation_is_the_point && before.iter().any(|t| data.negators.contains(t));
    let excepted_after = after.iter().any(|t| pattern.not_followed_by.contains(t));
    let excepted_before = tokens[start.saturating_sub(EXCEPTION_WINDOW)..start]
        .iter()
        .any(|t| pattern.not_preceded_by.contains(t));
    negated || excepted_after || excepted_before || figure_of_speech(tokens, start, end, data)
}

/// A known figure of speech that overlaps the match.
fn figure_of_speech(tokens: &[String], start: usize, end: usize, data: &PhraseData) -> bool {
    data.figures_of_speech.iter().any(|figure| {
        let len = figure.len();
        let from = start.saturating_sub(len);
        (from..end).any(|i| {
            i + len <= tokens.len()
                && i < end
                && i + len > start
                && tokens[i..i + len]
                    .iter()
                    .zip(figure)
                    .all(|(t, w)| same_word(t, w))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct PhraseSet {
        cases: Vec<Case>,
    }

    #[derive(Deserialize)]
    struct Case {
        text: String,
        label: String,
        explicit: bool,
    }

    fn label(concern: Option<Concern>) -> &'static str {
        match concern {
            Some(Concern::SuicidalThoughts) => "suicidal_thoughts",
            Some(Concern::SelfHarm) => "self_harm",
            Some(Concern::Unsafe) => "unsafe",
            None => "none",
        }
    }

    /// Precision and recall of "needs support" (any concern) on a set.
    fn measure(json: &str, name: &str) -> (f64, f64, Vec<String>) {
        let set: PhraseSet = serde_json::from_str(json).unwrap();
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        let mut explicit_misses = Vec::new();
        let mut mistakes = Vec::new();
        for case in &set.cases {
            let found = label(note_concern(&case.text));
            let positive = case.label != "none";
            match (positive, found != "none") {
                (true, true) => tp += 1,
                (false, true) => {
                    fp += 1;
                    mistakes.push(format!("false alarm: {:?} -> {found}", case.text));
                }
                (true, false) => {
                    fn_ += 1;
                    mistakes.push(format!("missed: {:?}", case.text));
                    if case.explicit {
                        explicit_misses.push(case.text.clone());
                    }
                }
                (false, false) => {}
            }
        }
        let precision = f64::from(tp) / f64::from(tp + fp);
        let recall = f64::from(tp) / f64::from(tp + fn_);
        println!(
            "{name}: {} phrases, precision {precision:.3}, recall {recall:.3}",
            set.cases.len()
        );
        for mistake in &mistakes {
            println!("  {mistake}");
        }
        (precision, recall, explicit_misses)
    }

    #[test]
    fn the_labelled_set_is_large_and_never_misses_an_explicit_statement() {
        let json = include_str!("../data/phrase_set.json");
        let set: PhraseSet = serde_json::from_str(json).unwrap();
        assert!(set.cases.len() >= 200);
        assert!(set.cases.iter().filter(|c| c.label != "none").count() >= 80);
        assert!(set.cases.iter().filter(|c| c.label == "none").count() >= 100);
        let (precision, recall, explicit_misses) = measure(json, "labelled set");
        assert!(
            explicit_misses.is_empty(),
            "explicit statements missed: {explicit_misses:?}"
        );
        assert!(recall >= 0.95, "recall {recall}");
        assert!(precision >= 0.9, "precision {precision}");
    }

    #[test]
    fn the_held_out_set_written_after_the_patterns_is_reported() {
        let (precision, recall, explicit_misses) = measure(
            include_str!("../data/phrase_set_held_out.json"),
            "held-out set",
        );
        assert!(
            explicit_misses.is_empty(),
            "explicit statements missed: {explicit_misses:?}"
        );
        assert!(recall >= 0.85, "recall {recall}");
        assert!(precision >= 0.8, "precision {precision}");
    }

    #[test]
    fn kinds_are_told_apart() {
        assert_eq!(
            note_concern("i want to kill myself"),
            Some(Concern::SuicidalThoughts)
        );
        assert_eq!(note_concern("I cut myself again"), Some(Concern::SelfHarm));
        assert_eq!(note_concern("my dad hits me"), Some(Concern::Unsafe));
        assert_eq!(note_concern("this homework is killing me"), None);
        assert_eq!(note_concern(""), None);
    }

    #[test]
    fn text_speak_typos_and_shouting_are_understood() {
        for note in [
            "kms",
            "I WANT TO DIEEE",
            "i wnat to die",
            "i want to kill myslef",
            "feeling sucidal",
        ] {
            assert!(note_concern(note).is_some(), "{note}");
        }
    }

    #[test]
    fn negation_and_figures_of_speech_cancel_a_match() {
        for note in [
            "i'm not going to kill myself",
            "i could kill myself laughing",
            "i cut myself shaving",
        ] {
            assert_eq!(note_concern(note), None, "{note}");
        }
    }

    #[test]
    fn the_pattern_data_loads() {
        assert!(data().is_some_and(|d| d.patterns.len() >= 30));
    }
}
