//! What a young person has agreed to share, and the filter that enforces it.
//!
//! The same filter runs on the device (choosing what may leave it) and on the
//! server (choosing what a worker may see), so a scope that is not shared
//! never reaches a worker by either path.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::checkin::{CheckIn, SharedCheckIn};

/// A kind of data a young person can choose to share with their worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ConsentScope {
    Mood,
    Feelings,
    ContextsAndSleep,
    Notes,
    StrategyUse,
    Goals,
    Wheel,
    Measures,
    SafetyPlan,
}

/// Bumped whenever the wording shown at the moment of choice changes, so the
/// consent history records exactly what the young person read.
pub const CONSENT_WORDING_VERSION: u32 = 1;

impl ConsentScope {
    pub const ALL: [ConsentScope; 9] = [
        ConsentScope::Mood,
        ConsentScope::Feelings,
        ConsentScope::ContextsAndSleep,
        ConsentScope::Notes,
        ConsentScope::StrategyUse,
        ConsentScope::Goals,
        ConsentScope::Wheel,
        ConsentScope::Measures,
        ConsentScope::SafetyPlan,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConsentScope::Mood => "mood",
            ConsentScope::Feelings => "feelings",
            ConsentScope::ContextsAndSleep => "contexts_and_sleep",
            ConsentScope::Notes => "notes",
            ConsentScope::StrategyUse => "strategy_use",
            ConsentScope::Goals => "goals",
            ConsentScope::Wheel => "wheel",
            ConsentScope::Measures => "measures",
            ConsentScope::SafetyPlan => "safety_plan",
        }
    }

    pub fn parse(text: &str) -> Option<ConsentScope> {
        ConsentScope::ALL
            .into_iter()
            .find(|scope| scope.as_str() == text)
    }

    /// What the worker will see, in words a ten-year-old understands.
    pub fn explanation(self) -> &'static str {
        match self {
            ConsentScope::Mood => {
                "Your worker will see the face you picked each time you check in, and when."
            }
            ConsentScope::Feelings => {
                "Your worker will see the feelings you picked and how strong they were."
            }
            ConsentScope::ContextsAndSleep => {
                "Your worker will see what your check-ins were about (like school or friends) and how you slept."
            }
            ConsentScope::Notes => "Your worker will be able to read the notes you write.",
            ConsentScope::StrategyUse => {
                "Your worker will see which ideas you tried and if they helped."
            }
            ConsentScope::Goals => "Your worker will see your goals and how you rate them.",
            ConsentScope::Wheel => "Your worker will see your wheel ratings.",
            ConsentScope::Measures => "Your worker will see your answers to questionnaires.",
            ConsentScope::SafetyPlan => "Your worker will be able to read your safety plan.",
        }
    }
}

/// A scope as the sharing screen lists it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ScopeOption {
    pub scope: ConsentScope,
    pub explanation: &'static str,
}

pub fn scope_options() -> Vec<ScopeOption> {
    ConsentScope::ALL
        .into_iter()
        .map(|scope| ScopeOption {
            scope,
            explanation: scope.explanation(),
        })
        .collect()
}

/// One scope the young person currently shares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ConsentGrant {
    pub scope: ConsentScope,
    #[cfg_attr(test, ts(type = "string"))]
    #[serde(with = "crate::time::rfc3339")]
    pub granted_at: DateTime<FixedOffset>,
    /// Whether what was recorded before `granted_at` is shared too.
    pub include_past: bool,
}

fn grant_for(grants: &[ConsentGrant], scope: ConsentScope) -> Option<&ConsentGrant> {
    grants.iter().find(|grant| grant.scope == scope)
}

fn covers(grant: Option<&ConsentGrant>, recorded_at: DateTime<FixedOffset>) -> bool {
    grant.is_some_and(|grant| {
        grant.include_past || crate::time::same_second_or_later(recorded_at, grant.granted_at)
    })
}

/// Whether `scope` is shared for something made at `at`. Records with no
/// time of their own (the safety plan) need only the grant.
pub fn covered(
    grants: &[ConsentGrant],
    scope: ConsentScope,
    at: Option<DateTime<FixedOffset>>,
) -> bool {
    match at {
        Some(at) => covers(grant_for(grants, scope), at),
        None => grant_for(grants, scope).is_some(),
    }
}

/// The part of a check-in that may leave the device under `grants`, or
/// `None` when mood is not shared (a check-in without its mood says nothing).
pub fn share_check_in(check_in: &CheckIn, grants: &[ConsentGrant]) -> Option<SharedCheckIn> {
    let at = check_in.recorded_at;
    if !covers(grant_for(grants, ConsentScope::Mood), at) {
        return None;
    }
    let feelings = covers(grant_for(grants, ConsentScope::Feelings), at)
        .then(|| check_in.feelings.clone())
        .filter(|feelings| !feelings.is_empty());
    let context_shared = covers(grant_for(grants, ConsentScope::ContextsAndSleep), at);
    let contexts =
        Some(check_in.contexts.clone()).filter(|contexts| context_shared && !contexts.is_empty());
    let sleep = check_in.sleep.clone().filter(|_| context_shared);
    let note = covers(grant_for(grants, ConsentScope::Notes), at)
        .then(|| check_in.note.clone())
        .flatten();
    Some(SharedCheckIn {
        id: check_in.id.clone(),
        recorded_at: at,
        mood: check_in.mood,
        feelings,
        contexts,
        sleep,
        note,
    })
}

/// The scopes a shared check-in's contents need.
pub fn scopes_needed(check_in: &SharedCheckIn) -> Vec<ConsentScope> {
    let mut scopes = vec![ConsentScope::Mood];
    if check_in.feelings.is_some() {
        scopes.push(ConsentScope::Feelings);
    }
    if check_in.contexts.is_some() || check_in.sleep.is_some() {
        scopes.push(ConsentScope::ContextsAndSleep);
    }
    if check_in.note.is_some() {
        scopes.push(ConsentScope::Notes);
    }
    scopes
}

/// The scopes a shared check-in needs that `grants` do not cover for the
/// time it was recorded. Empty when it may be stored.
pub fn uncovered_scopes(check_in: &SharedCheckIn, grants: &[ConsentGrant]) -> Vec<ConsentScope> {
    scopes_needed(check_in)
        .into_iter()
        .filter(|&scope| !covers(grant_for(grants, scope), check_in.recorded_at))
        .collect()
}

/// What a worker may see of a stored check-in under the grants in force
/// now: consent is checked again at every read, so revoking a scope hides
/// its data at once, and data from before a "from now on" grant stays hidden.
pub fn visible_to_worker(
    check_in: &SharedCheckIn,
    grants: &[ConsentGrant],
) -> Option<SharedCheckIn> {
    let at = check_in.recorded_at;
    if !covers(grant_for(grants, ConsentScope::Mood), at) {
        return None;
    }
    let allowed = |scope| covers(grant_for(grants, scope), at);
    Some(SharedCheckIn {
        feelings: check_in
            .feelings
            .clone()
            .filter(|_| allowed(ConsentScope::Feelings)),
        contexts: check_in
            .contexts
            .clone()
            .filter(|_| allowed(ConsentScope::ContextsAndSleep)),
        sleep: check_in
            .sleep
            .clone()
            .filter(|_| allowed(ConsentScope::ContextsAndSleep)),
        note: check_in
            .note
            .clone()
            .filter(|_| allowed(ConsentScope::Notes)),
        ..check_in.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::FeelingEntry;
    use crate::{Feeling, RecordId};

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn check_in(recorded_at: &str) -> CheckIn {
        CheckIn {
            id: RecordId::generate(1, [1; 10]),
            recorded_at: at(recorded_at),
            mood: 4,
            feelings: vec![FeelingEntry {
                feeling: Feeling::Calm,
                intensity: 2,
            }],
            contexts: vec![crate::checkin::Context::Friends],
            sleep: Some(crate::checkin::Sleep {
                minutes: 480,
                quality: crate::checkin::SleepQuality::Okay,
            }),
            self_harm: None,
            note: Some("private".into()),
        }
    }

    fn grant(scope: ConsentScope, granted_at: &str, include_past: bool) -> ConsentGrant {
        ConsentGrant {
            scope,
            granted_at: at(granted_at),
            include_past,
        }
    }

    #[test]
    fn from_now_on_starts_in_the_second_sharing_was_turned_on() {
        // The server keeps the grant's fraction of a second; the phone
        // writes the check-in's time to the second.
        let grants = [grant(ConsentScope::Mood, "2026-02-01T12:00:00.700Z", false)];
        assert!(share_check_in(&check_in("2026-02-01T12:00:00Z"), &grants).is_some());
        assert!(share_check_in(&check_in("2026-02-01T11:59:59Z"), &grants).is_none());
    }

    #[test]
    fn nothing_is_shared_without_mood_consent() {
        let grants = [grant(ConsentScope::Feelings, "2026-01-01T00:00:00Z", true)];
        assert_eq!(
            share_check_in(&check_in("2026-02-01T00:00:00Z"), &grants),
            None
        );
    }

    #[test]
    fn mood_consent_shares_only_the_mood() {
        let grants = [grant(ConsentScope::Mood, "2026-01-01T00:00:00Z", false)];
        let shared = share_check_in(&check_in("2026-02-01T00:00:00Z"), &grants).unwrap();
        assert_eq!(shared.mood, 4);
        assert_eq!(shared.feelings, None);
        assert_eq!(shared.contexts, None);
        assert_eq!(shared.sleep, None);
        assert_eq!(shared.note, None);
        assert_eq!(scopes_needed(&shared), [ConsentScope::Mood]);
    }

    #[test]
    fn contexts_and_sleep_travel_together_under_their_own_scope() {
        let grants = [
            grant(ConsentScope::Mood, "2026-01-01T00:00:00Z", false),
            grant(
                ConsentScope::ContextsAndSleep,
                "2026-01-01T00:00:00Z",
                false,
            ),
        ];
        let shared = share_check_in(&check_in("2026-02-01T00:00:00Z"), &grants).unwrap();
        assert_eq!(
            shared.contexts.as_deref(),
            Some(&[crate::checkin::Context::Friends][..])
        );
        assert_eq!(shared.sleep.as_ref().map(|s| s.minutes), Some(480));
        assert_eq!(shared.feelings, None);
        assert_eq!(
            scopes_needed(&shared),
            [ConsentScope::Mood, ConsentScope::ContextsAndSleep]
        );
        let after_revoking = visible_to_worker(&shared, &grants[..1]).unwrap();
        assert_eq!(after_revoking.contexts, None);
        assert_eq!(after_revoking.sleep, None);
    }

    #[test]
    fn each_further_scope_adds_only_its_own_field() {
        let grants = [
            grant(ConsentScope::Mood, "2026-01-01T00:00:00Z", false),
            grant(ConsentScope::Notes, "2026-01-01T00:00:00Z", false),
        ];
        let shared = share_check_in(&check_in("2026-02-01T00:00:00Z"), &grants).unwrap();
        assert_eq!(shared.feelings, None);
        assert_eq!(shared.note.as_deref(), Some("private"));
    }

    #[test]
    fn the_past_is_shared_only_when_the_young_person_chose_so() {
        let before = check_in("2025-12-31T23:00:00Z");
        let from_now = [grant(ConsentScope::Mood, "2026-01-01T00:00:00Z", false)];
        let with_past = [grant(ConsentScope::Mood, "2026-01-01T00:00:00Z", true)];
        assert_eq!(share_check_in(&before, &from_now), None);
        assert!(share_check_in(&before, &with_past).is_some());
    }

    #[test]
    fn offsets_are_compared_as_instants() {
        // 00:30 at +01:00 is 23:30 UTC the day before: before the grant.
        let check_in = check_in("2026-01-01T00:30:00+01:00");
        let grants = [grant(ConsentScope::Mood, "2026-01-01T00:00:00Z", false)];
        assert_eq!(share_check_in(&check_in, &grants), None);
    }

    #[test]
    fn a_worker_sees_only_scopes_shared_now() {
        let grants = [
            grant(ConsentScope::Mood, "2026-01-01T00:00:00Z", true),
            grant(ConsentScope::Feelings, "2026-01-01T00:00:00Z", true),
            grant(ConsentScope::Notes, "2026-01-01T00:00:00Z", true),
        ];
        let stored = share_check_in(&check_in("2026-02-01T00:00:00Z"), &grants).unwrap();
        let now = visible_to_worker(&stored, &grants[..2]).unwrap();
        assert!(now.feelings.is_some());
        assert_eq!(now.note, None, "notes were revoked");
        assert_eq!(
            visible_to_worker(&stored, &grants[1..]),
            None,
            "mood was revoked"
        );
        let regranted = [grant(ConsentScope::Mood, "2026-03-01T00:00:00Z", false)];
        assert_eq!(
            visible_to_worker(&stored, &regranted),
            None,
            "granted again from now on"
        );
    }

    #[test]
    fn a_record_is_covered_only_for_the_time_it_was_recorded() {
        let grants = [
            grant(ConsentScope::Mood, "2026-01-01T00:00:00Z", true),
            grant(ConsentScope::Notes, "2026-03-01T00:00:00Z", false),
        ];
        let mut shared = share_check_in(&check_in("2026-02-01T00:00:00Z"), &grants).unwrap();
        assert!(uncovered_scopes(&shared, &grants).is_empty());
        shared.note = Some("written before notes were shared".into());
        assert_eq!(uncovered_scopes(&shared, &grants), [ConsentScope::Notes]);
    }

    #[test]
    fn scope_names_round_trip() {
        for scope in ConsentScope::ALL {
            assert_eq!(ConsentScope::parse(scope.as_str()), Some(scope));
            let json = serde_json::to_string(&scope).unwrap();
            assert_eq!(json, format!("\"{}\"", scope.as_str()));
        }
        assert_eq!(ConsentScope::parse("everything"), None);
    }
}
