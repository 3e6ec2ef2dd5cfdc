//! Suggestions that fit the moment and learn what helps *this* person.
//!
//! Each strategy gets a fit to the moment (feelings and how strong they
//! are, where the young person is, the time of day) and, when personal
//! learning is on, a Bayesian estimate of how often it has helped them: a
//! Beta prior from the fit, updated by their before/after ratings. Ranking
//! draws from that estimate (Thompson sampling), so untried strategies still
//! get their turn while ones that keep not helping sink. Deterministic for a
//! seed. Every suggestion carries a reason in plain words.

use chrono::{DateTime, FixedOffset, Timelike};
use serde::{Deserialize, Serialize};

use crate::checkin::{CheckIn, Context};
use crate::feelings::Feeling;
use crate::strategies::{Catalogue, Place, Sensitivities, Strategy, StrategyKind};
use crate::usage::StrategyUse;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(default)]
pub struct Preferences {
    pub favourites: Vec<String>,
    pub hidden: Vec<String>,
    /// Off: suggestions rest on fit alone and nothing is learned.
    pub personal_learning: bool,
    pub sensitivities: Sensitivities,
    /// The lowest age of the young person's band.
    pub age: u8,
}

/// The moment to suggest for. The young person's history is passed
/// separately so a long-lived engine on the device can keep it parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Moment {
    pub check_in: CheckIn,
    /// Where they are now, if they said; otherwise inferred from the time
    /// and what the check-in is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub place: Option<Place>,
    #[serde(default)]
    pub preferences: Preferences,
    /// Local time with offset, for time of day.
    #[cfg_attr(test, ts(type = "string"))]
    #[serde(with = "crate::time::rfc3339")]
    pub now: DateTime<FixedOffset>,
    /// Any number; the same seed gives the same suggestions.
    pub seed: u32,
    /// How many to return; five when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub count: Option<u32>,
}

/// A moment and the history to learn from, in one value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct SuggestRequest {
    pub moment: Moment,
    #[serde(default)]
    pub history: Vec<StrategyUse>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Suggestion {
    pub strategy_id: String,
    pub title: String,
    pub kind: StrategyKind,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Suggestions {
    /// After a disclosure: show the help card before anything else.
    pub help_first: bool,
    pub place: Place,
    pub suggestions: Vec<Suggestion>,
}

/// How many suggestions to return.
pub const SUGGESTION_COUNT: usize = 5;
/// The prior for how often a strategy helps is Beta(1 + fit, 2): an even
/// chance for one that fits well, less for one that fits poorly, and weak
/// enough that a handful of ratings outweighs it.
const PRIOR_FIT_WEIGHT: f64 = 1.0;
const PRIOR_AGAINST: f64 = 2.0;
const FAVOURITE_BOOST: f64 = 0.15;
/// Calming kinds come first for strong anxious feelings, and urge and
/// connect kinds after a disclosure: boosts larger than any learned
/// difference, so the moment decides the tier and learning orders within it.
const MOMENT_BOOST: f64 = 3.0;
const HELP_FIRST_BOOST: f64 = 10.0;

pub fn suggest(catalogue: &Catalogue, request: &SuggestRequest) -> Suggestions {
    suggest_for(catalogue, &request.moment, &request.history)
}

pub fn suggest_for(
    catalogue: &Catalogue,
    request: &Moment,
    history: &[StrategyUse],
) -> Suggestions {
    let place = request
        .place
        .unwrap_or_else(|| infer_place(&request.check_in, request.now));
    let help_first = crate::support::for_check_in(&request.check_in).is_some();
    let prefs = &request.preferences;
    let mut random = SplitMix64(u64::from(request.seed));

    let mut ranked: Vec<(f64, &Strategy)> = catalogue
        .strategies
        .iter()
        .filter(|s| s.allowed_for(prefs.age.max(10), prefs.sensitivities))
        .filter(|s| !prefs.hidden.contains(&s.id))
        .filter(|s| s.works_at(place))
        .map(|strategy| {
            let fit = fit(strategy, &request.check_in);
            let mut score = if prefs.personal_learning {
                let (helped, not_helped) = outcomes(history, &strategy.id, None);
                let alpha = 1.0 + PRIOR_FIT_WEIGHT * fit + f64::from(helped);
                let beta = PRIOR_AGAINST + f64::from(not_helped);
                fit + random.beta(alpha, beta)
            } else {
                // Fit alone; a whisper of noise only to vary exact ties.
                fit + random.unit() * 1e-6
            };
            score += moment_boost(strategy, &request.check_in, help_first);
            if prefs.favourites.contains(&strategy.id) {
                score += FAVOURITE_BOOST;
            }
            (score, strategy)
        })
        .collect();
    crate::order::sort_by(&mut ranked, |a, b| {
        b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id))
    });
    ensure_variety(&mut ranked);

    let suggestions = ranked
        .into_iter()
        .take(request.count.map_or(SUGGESTION_COUNT, |n| n as usize))
        .map(|(_, strategy)| Suggestion {
            strategy_id: strategy.id.clone(),
            title: strategy.title.clone(),
            kind: strategy.kind,
            reason: reason(strategy, request, history, place),
        })
        .collect();
    Suggestions {
        help_first,
        place,
        suggestions,
    }
}

/// Night is for quiet things in bed; school hours with school on the mind
/// mean school; otherwise home.
pub fn infer_place(check_in: &CheckIn, now: DateTime<FixedOffset>) -> Place {
    let hour = now.hour();
    if !(7..22).contains(&hour) {
        return Place::BedAtNight;
    }
    let about_school = check_in
        .contexts
        .iter()
        .any(|c| matches!(c, Context::School | Context::Exams));
    if about_school && (8..16).contains(&hour) {
        Place::School
    } else {
        Place::Home
    }
}

/// 0..=1: how much of what the young person feels, weighted by strength,
/// this strategy suits. A matching feeling at another strength counts half.
fn fit(strategy: &Strategy, check_in: &CheckIn) -> f64 {
    let total: f64 = check_in
        .feelings
        .iter()
        .map(|f| f64::from(f.intensity))
        .sum();
    if total == 0.0 {
        return 0.1;
    }
    let matched: f64 = check_in
        .feelings
        .iter()
        .map(|f| {
            let weight = f64::from(f.intensity);
            if strategy.suits(f.feeling, f.intensity) {
                weight
            } else if strategy.feelings.contains(&f.feeling) {
                weight / 2.0
            } else {
                0.0
            }
        })
        .sum();
    (matched / total).max(0.05)
}

fn moment_boost(strategy: &Strategy, check_in: &CheckIn, help_first: bool) -> f64 {
    if help_first {
        return match strategy.kind {
            StrategyKind::Connect | StrategyKind::UrgeSafely => HELP_FIRST_BOOST,
            _ => 0.0,
        };
    }
    let anxious = check_in.feelings.iter().any(|f| {
        f.intensity == 3
            && matches!(
                f.feeling,
                Feeling::Worried | Feeling::Scared | Feeling::Stressed | Feeling::Overwhelmed
            )
    });
    let calming = matches!(
        strategy.kind,
        StrategyKind::CalmBody | StrategyKind::SelfSoothe
    );
    if anxious && calming {
        MOMENT_BOOST
    } else {
        0.0
    }
}

/// The top three should not all be the same kind of thing.
fn ensure_variety(ranked: &mut [(f64, &Strategy)]) {
    if ranked.len() < 4 {
        return;
    }
    let first_kind = ranked[0].1.kind;
    if ranked[1].1.kind != first_kind || ranked[2].1.kind != first_kind {
        return;
    }
    if let Some(other) = ranked[3..].iter().position(|(_, s)| s.kind != first_kind) {
        // Move the best of another kind up to third; the rest keep order.
        ranked[2..].rotate_right_at(other + 1);
    }
}

trait RotateAt {
    fn rotate_right_at(&mut self, index: usize);
}

impl<T> RotateAt for [T] {
    /// Moves the element at `index` to the front, shifting the ones before it back.
    fn rotate_right_at(&mut self, index: usize) {
        self[..=index].rotate_right(1);
    }
}

/// Rated uses of a strategy (for one feeling, or all) that helped or not.
fn outcomes(history: &[StrategyUse], id: &str, feeling: Option<Feeling>) -> (u32, u32) {
    history
        .iter()
        .filter(|u| u.strategy_id == id)
        .filter(|u| feeling.is_none() || u.feeling == feeling)
        .filter_map(StrategyUse::helped)
        .fold(
            (0, 0),
            |(yes, no), helped| if helped { (yes + 1, no) } else { (yes, no + 1) },
        )
}

const RECENT: usize = 5;

fn reason(strategy: &Strategy, request: &Moment, history: &[StrategyUse], place: Place) -> String {
    let strongest = request.check_in.feelings.iter().max_by_key(|f| f.intensity);
    if request.preferences.personal_learning {
        if let Some(feeling) = strongest {
            let mut rated: Vec<&StrategyUse> = history
                .iter()
                .filter(|u| {
                    u.strategy_id == strategy.id
                        && u.feeling == Some(feeling.feeling)
                        && u.after.is_some()
                })
                .collect();
            crate::order::sort_by_key(&mut rated, |u| std::cmp::Reverse(u.used_at));
            rated.truncate(RECENT);
            let helped = rated.iter().filter(|u| u.helped() == Some(true)).count();
            // ASCII: the labels are, and Unicode case tables would add kilobytes
            // to the wasm module.
            let name = feeling.feeling.label().to_ascii_lowercase();
            if rated.len() >= 2 && helped * 2 > rated.len() {
                return format!(
                    "Helped you {helped} of the last {} times you felt {name}.",
                    rated.len()
                );
            }
        }
        let (helped, not_helped) = outcomes(history, &strategy.id, None);
        // "New" only means something once other ideas have been rated.
        if helped + not_helped == 0
            && !history.is_empty()
            && strategy_fits_strongest(strategy, request)
        {
            return "Something new to try. It's often good for how you feel now.".into();
        }
    }
    if crate::support::for_check_in(&request.check_in).is_some()
        && matches!(
            strategy.kind,
            StrategyKind::Connect | StrategyKind::UrgeSafely
        )
    {
        return "For right now: this can help you stay safe and not be alone with it.".into();
    }
    let where_ = match place {
        Place::School => " and you can do it quietly at school",
        Place::BedAtNight => " and it's quiet enough for bedtime",
        Place::Outdoors => " and you can do it outside",
        Place::Home => "",
    };
    match strongest {
        Some(feeling) if strategy.suits(feeling.feeling, feeling.intensity) => format!(
            "Good for feeling {} {}{where_}.",
            intensity_word(feeling.intensity),
            feeling.feeling.label().to_ascii_lowercase()
        ),
        _ => format!("Can help with how you feel{where_}."),
    }
}

fn strategy_fits_strongest(strategy: &Strategy, request: &Moment) -> bool {
    request
        .check_in
        .feelings
        .iter()
        .max_by_key(|f| f.intensity)
        .is_some_and(|f| strategy.suits(f.feeling, f.intensity))
}

fn intensity_word(intensity: u8) -> &'static str {
    match intensity {
        1 => "a little",
        2 => "quite",
        _ => "very",
    }
}

/// What Lantern has learned about what helps, in plain words, for the
/// settings screen. Only strategies with ratings appear.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Learned {
    pub strategy_id: String,
    pub title: String,
    pub helped: u32,
    pub rated: u32,
    pub sentence: String,
}

/// What the ratings of one idea say, without "1 of 1 times" or a flat
/// "0 of 3".
fn learned_sentence(title: &str, helped: u32, rated: u32) -> String {
    match (helped, rated) {
        (1, 1) => format!("{title} helped you the one time you rated it."),
        (0, 1) => format!("{title} did not help the one time you rated it."),
        (0, _) => format!("{title} has not helped yet, in {rated} tries."),
        _ => format!("{title} helped you {helped} of {rated} times."),
    }
}

pub fn explain_learning(catalogue: &Catalogue, history: &[StrategyUse]) -> Vec<Learned> {
    let mut learned: Vec<Learned> = catalogue
        .strategies
        .iter()
        .filter_map(|strategy| {
            let (helped, not_helped) = outcomes(history, &strategy.id, None);
            let rated = helped + not_helped;
            (rated > 0).then(|| Learned {
                strategy_id: strategy.id.clone(),
                title: strategy.title.clone(),
                helped,
                rated,
                sentence: learned_sentence(&strategy.title, helped, rated),
            })
        })
        .collect();
    crate::order::sort_by(&mut learned, |a, b| {
        (b.helped * a.rated)
            .cmp(&(a.helped * b.rated))
            .then(b.rated.cmp(&a.rated))
    });
    learned
}

/// SplitMix64: small, fast and good enough for choosing suggestions; seeded
/// by the caller so results are reproducible.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    fn unit(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit(), self.unit());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// Marsaglia–Tsang, for shape ≥ 1 (ours always are).
    fn gamma(&mut self, shape: f64) -> f64 {
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = (1.0 + c * x).powi(3);
            if v <= 0.0 {
                continue;
            }
            let u = self.unit();
            if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
                return d * v;
            }
        }
    }

    fn beta(&mut self, alpha: f64, beta: f64) -> f64 {
        let x = self.gamma(alpha);
        let y = self.gamma(beta);
        x / (x + y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::FeelingEntry;
    use crate::record_id::RecordId;
    use crate::strategies::catalogue;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn feeling(feeling: Feeling, intensity: u8) -> FeelingEntry {
        FeelingEntry { feeling, intensity }
    }

    fn check_in(feelings: Vec<FeelingEntry>, contexts: Vec<Context>) -> CheckIn {
        CheckIn {
            id: RecordId::generate(1, [1; 10]),
            recorded_at: at("2026-11-23T10:30:00+00:00"),
            mood: 2,
            feelings,
            contexts,
            sleep: None,
            note: None,
            self_harm: None,
        }
    }

    fn request(check_in: CheckIn, now: &str, seed: u32) -> SuggestRequest {
        SuggestRequest {
            moment: moment(check_in, now, seed),
            history: Vec::new(),
        }
    }

    fn moment(check_in: CheckIn, now: &str, seed: u32) -> Moment {
        Moment {
            check_in,
            place: None,
            preferences: Preferences {
                personal_learning: true,
                age: 13,
                ..Preferences::default()
            },
            now: at(now),
            seed,
            count: None,
        }
    }

    fn rated(strategy: &str, feeling: Feeling, day: u32, helped: bool) -> StrategyUse {
        StrategyUse {
            id: RecordId::generate(u64::from(day), [day as u8; 10]),
            strategy_id: strategy.into(),
            used_at: at(&format!("2026-11-{day:02}T18:00:00+00:00")),
            feeling: Some(feeling),
            before: 2,
            after: Some(if helped { 4 } else { 2 }),
        }
    }

    fn ids(suggestions: &Suggestions) -> Vec<&str> {
        suggestions
            .suggestions
            .iter()
            .map(|s| s.strategy_id.as_str())
            .collect()
    }

    #[test]
    fn anxious_at_school_at_high_intensity_gets_discreet_calming_ideas() {
        let catalogue = catalogue().unwrap();
        for seed in 0..50 {
            let moment = check_in(vec![feeling(Feeling::Worried, 3)], vec![Context::Exams]);
            let result = suggest(
                catalogue,
                &request(moment, "2026-11-23T10:30:00+00:00", seed),
            );
            assert_eq!(result.place, Place::School);
            for s in &result.suggestions[..3] {
                let strategy = catalogue.find(&s.strategy_id).unwrap();
                assert!(
                    strategy.works_at(Place::School),
                    "{} is not discreet",
                    s.strategy_id
                );
                assert!(
                    matches!(
                        strategy.kind,
                        StrategyKind::CalmBody | StrategyKind::SelfSoothe
                    ),
                    "seed {seed}: {} is not calming",
                    s.strategy_id
                );
            }
        }
    }

    #[test]
    fn at_night_only_quiet_bedtime_ideas_are_suggested() {
        let catalogue = catalogue().unwrap();
        let moment = check_in(vec![feeling(Feeling::Sad, 2)], vec![]);
        let result = suggest(catalogue, &request(moment, "2026-11-23T23:40:00+00:00", 1));
        assert_eq!(result.place, Place::BedAtNight);
        for s in &result.suggestions {
            assert!(
                catalogue
                    .find(&s.strategy_id)
                    .unwrap()
                    .works_at(Place::BedAtNight)
            );
        }
    }

    #[test]
    fn a_strategy_rated_unhelpful_five_times_falls_below_one_that_helped() {
        let catalogue = catalogue().unwrap();
        let mut history: Vec<_> = (1..=5)
            .map(|d| rated("slow_breathing", Feeling::Worried, d, false))
            .collect();
        history.extend((6..=10).map(|d| rated("box_breathing", Feeling::Worried, d, true)));
        let mut below = 0;
        for seed in 0..200 {
            let mut r = request(
                check_in(vec![feeling(Feeling::Worried, 2)], vec![]),
                "2026-11-23T17:00:00+00:00",
                seed,
            );
            r.history = history.clone();
            r.moment.count = Some(100);
            let result = suggest(catalogue, &r);
            let position = |id| {
                ids(&result)
                    .iter()
                    .position(|s| *s == id)
                    .unwrap_or(usize::MAX)
            };
            if position("box_breathing") < position("slow_breathing") {
                below += 1;
            }
        }
        assert!(
            below >= 190,
            "only {below} of 200 seeds ranked the helpful one higher"
        );
    }

    #[test]
    fn untried_fitting_strategies_get_a_fair_share_of_top_three_places() {
        let catalogue = catalogue().unwrap();
        // Three strategies that help about half the time.
        let mut history = Vec::new();
        for (i, id) in ["slow_breathing", "walk_outside", "calm_playlist"]
            .iter()
            .enumerate()
        {
            for d in 0..6 {
                history.push(rated(id, Feeling::Sad, 1 + (i * 6 + d) as u32, d % 2 == 0));
            }
        }
        let tried: Vec<&str> = vec!["slow_breathing", "walk_outside", "calm_playlist"];
        let (mut untried_slots, mut slots) = (0, 0);
        for seed in 0..1_000 {
            let mut r = request(
                check_in(vec![feeling(Feeling::Sad, 2)], vec![]),
                "2026-11-23T17:00:00+00:00",
                seed,
            );
            r.history = history.clone();
            let result = suggest(catalogue, &r);
            for id in &ids(&result)[..3] {
                slots += 1;
                if !tried.contains(id) {
                    untried_slots += 1;
                }
            }
        }
        let share = f64::from(untried_slots) / f64::from(slots);
        assert!(
            share >= 0.4,
            "untried strategies took {share:.2} of top-three places"
        );
    }

    #[test]
    fn the_reason_names_the_evidence() {
        let catalogue = catalogue().unwrap();
        let mut history: Vec<_> = (1..=4)
            .map(|d| rated("walk_outside", Feeling::Sad, d, true))
            .collect();
        history.push(rated("walk_outside", Feeling::Sad, 5, false));
        let mut r = request(
            check_in(vec![feeling(Feeling::Sad, 2)], vec![]),
            "2026-11-23T17:00:00+00:00",
            3,
        );
        r.history = history;
        r.moment.count = Some(100);
        r.moment.preferences.favourites = vec!["walk_outside".into()];
        let result = suggest(catalogue, &r);
        let walk = result
            .suggestions
            .iter()
            .find(|s| s.strategy_id == "walk_outside")
            .expect("walk is suggested");
        assert_eq!(
            walk.reason,
            "Helped you 4 of the last 5 times you felt sad."
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_suggestions_and_others_vary() {
        let catalogue = catalogue().unwrap();
        let make = |seed| {
            suggest(
                catalogue,
                &request(
                    check_in(vec![feeling(Feeling::Angry, 2)], vec![]),
                    "2026-11-23T17:00:00+00:00",
                    seed,
                ),
            )
        };
        assert_eq!(make(7), make(7));
        let distinct: std::collections::BTreeSet<_> = (0..20)
            .map(|seed| {
                ids(&make(seed))
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(distinct.len() > 1, "exploration should vary the order");
    }

    #[test]
    fn hidden_strategies_never_appear_and_favourites_rise() {
        let catalogue = catalogue().unwrap();
        for seed in 0..100 {
            let mut r = request(
                check_in(vec![feeling(Feeling::Worried, 2)], vec![]),
                "2026-11-23T17:00:00+00:00",
                seed,
            );
            r.moment.preferences.hidden = vec!["slow_breathing".into(), "box_breathing".into()];
            let result = suggest(catalogue, &r);
            assert!(
                !ids(&result).contains(&"slow_breathing")
                    && !ids(&result).contains(&"box_breathing")
            );
        }
    }

    #[test]
    fn the_top_three_always_span_two_kinds() {
        let catalogue = catalogue().unwrap();
        for seed in 0..200 {
            let moment = check_in(
                vec![feeling(Feeling::Scared, 3), feeling(Feeling::Worried, 3)],
                vec![],
            );
            let result = suggest(
                catalogue,
                &request(moment, "2026-11-23T17:00:00+00:00", seed),
            );
            let kinds: std::collections::BTreeSet<_> =
                result.suggestions[..3].iter().map(|s| s.kind).collect();
            assert!(kinds.len() >= 2, "seed {seed}: {kinds:?}");
        }
    }

    #[test]
    fn after_a_disclosure_help_comes_first() {
        let catalogue = catalogue().unwrap();
        let mut moment = check_in(vec![feeling(Feeling::Sad, 3)], vec![]);
        moment.self_harm = Some(crate::checkin::SelfHarmAnswer::ALittle);
        let result = suggest(catalogue, &request(moment, "2026-11-23T17:00:00+00:00", 5));
        assert!(result.help_first);
        for s in &result.suggestions[..3] {
            assert!(
                matches!(s.kind, StrategyKind::Connect | StrategyKind::UrgeSafely),
                "{}",
                s.strategy_id
            );
        }
    }

    #[test]
    fn with_learning_off_suggestions_rest_on_fit_alone() {
        let catalogue = catalogue().unwrap();
        let history: Vec<_> = (1..=5)
            .map(|d| rated("walk_outside", Feeling::Sad, d, true))
            .collect();
        let mut with = request(
            check_in(vec![feeling(Feeling::Sad, 2)], vec![]),
            "2026-11-23T17:00:00+00:00",
            1,
        );
        with.moment.preferences.personal_learning = false;
        let mut without = with.clone();
        with.history = history;
        without.history = Vec::new();
        assert_eq!(
            ids(&suggest(catalogue, &with)),
            ids(&suggest(catalogue, &without)),
            "what was learned changes nothing"
        );
        assert!(
            suggest(catalogue, &with)
                .suggestions
                .iter()
                .all(|s| !s.reason.starts_with("Helped you"))
        );
    }

    #[test]
    fn eating_difficulties_keep_physical_strategies_out() {
        let catalogue = catalogue().unwrap();
        for seed in 0..100 {
            let mut r = request(
                check_in(vec![feeling(Feeling::Angry, 3)], vec![]),
                "2026-11-23T17:00:00+00:00",
                seed,
            );
            r.moment.preferences.sensitivities.eating_difficulties = true;
            let result = suggest(catalogue, &r);
            assert!(
                !ids(&result).contains(&"movement_burst")
                    && !ids(&result).contains(&"cold_water_reset")
            );
        }
    }

    #[test]
    fn what_was_learned_can_be_shown_in_plain_words() {
        let catalogue = catalogue().unwrap();
        let history = [
            rated("walk_outside", Feeling::Sad, 1, true),
            rated("walk_outside", Feeling::Sad, 2, true),
            rated("walk_outside", Feeling::Sad, 3, false),
            rated("doodle", Feeling::Worried, 4, false),
        ];
        let learned = explain_learning(catalogue, &history);
        assert_eq!(learned[0].sentence, "Walk outside helped you 2 of 3 times.");
        assert_eq!(learned.len(), 2);
        assert_eq!(
            learned[1].sentence,
            "Doodle did not help the one time you rated it."
        );
    }

    #[test]
    fn one_rating_or_none_that_helped_reads_naturally() {
        let catalogue = catalogue().unwrap();
        let once = explain_learning(catalogue, &[rated("walk_outside", Feeling::Sad, 1, true)]);
        assert_eq!(
            once[0].sentence,
            "Walk outside helped you the one time you rated it."
        );
        let never = explain_learning(
            catalogue,
            &[
                rated("walk_outside", Feeling::Sad, 1, false),
                rated("walk_outside", Feeling::Sad, 2, false),
            ],
        );
        assert_eq!(
            never[0].sentence,
            "Walk outside has not helped yet, in 2 tries."
        );
    }
}
