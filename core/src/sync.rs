//! The sync batch: what a device sends to the server, and what it gets back.
//!
//! A batch carries upserts and tombstones, each idempotent by record id, so
//! a device that lost the server's answer can simply send it again.

use serde::{Deserialize, Serialize};

use chrono::{DateTime, FixedOffset};

use crate::checkin::{CheckIn, SharedCheckIn};
use crate::consent::{ConsentGrant, ConsentScope, covered, share_check_in, uncovered_scopes};
use crate::disclosure::{Disclosure, disclosures_since};
use crate::goals::{Goal, GoalRating};
use crate::measures::MeasureResponse;
use crate::record_id::RecordId;
use crate::safety_plan::SafetyPlan;
use crate::usage::StrategyUse;
use crate::validation::{ValidationError, ValidationErrors, from_value, parse_json};

pub const SYNC_FORMAT_VERSION: u32 = 1;
/// Bounds on one batch; a device with more sends several.
pub const MAX_RECORDS_PER_BATCH: usize = 100;
pub const MAX_BATCH_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct SyncBatch {
    pub version: u32,
    pub records: Vec<SyncRecord>,
}

/// The kinds of record a device can share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    CheckIn,
    StrategyUse,
    Goal,
    GoalRating,
    MeasureResponse,
    SafetyPlan,
    Disclosure,
}

impl RecordKind {
    pub const ALL: [RecordKind; 7] = [
        RecordKind::CheckIn,
        RecordKind::StrategyUse,
        RecordKind::Goal,
        RecordKind::GoalRating,
        RecordKind::MeasureResponse,
        RecordKind::SafetyPlan,
        RecordKind::Disclosure,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::CheckIn => "check_in",
            RecordKind::StrategyUse => "strategy_use",
            RecordKind::Goal => "goal",
            RecordKind::GoalRating => "goal_rating",
            RecordKind::MeasureResponse => "measure_response",
            RecordKind::SafetyPlan => "safety_plan",
            RecordKind::Disclosure => "disclosure",
        }
    }

    pub fn parse(text: &str) -> Option<RecordKind> {
        RecordKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum SyncRecord {
    /// Store or replace a shared check-in (only its shared fields).
    UpsertCheckIn {
        check_in: SharedCheckIn,
    },
    UpsertStrategyUse {
        strategy_use: StrategyUse,
    },
    UpsertGoal {
        goal: Goal,
    },
    UpsertGoalRating {
        goal_rating: GoalRating,
    },
    UpsertMeasureResponse {
        measure_response: MeasureResponse,
    },
    UpsertSafetyPlan {
        safety_plan: SafetyPlan,
    },
    /// An answer that alerts the worker: part of being connected, so it
    /// needs no sharing scope (see `disclosure`).
    UpsertDisclosure {
        disclosure: Disclosure,
    },
    /// The young person deleted this record: forget it.
    Delete {
        kind: RecordKind,
        id: RecordId,
    },
}

impl SyncRecord {
    pub fn id(&self) -> &RecordId {
        match self {
            SyncRecord::UpsertCheckIn { check_in } => &check_in.id,
            SyncRecord::UpsertStrategyUse { strategy_use } => &strategy_use.id,
            SyncRecord::UpsertGoal { goal } => &goal.id,
            SyncRecord::UpsertGoalRating { goal_rating } => &goal_rating.id,
            SyncRecord::UpsertMeasureResponse { measure_response } => &measure_response.id,
            SyncRecord::UpsertSafetyPlan { safety_plan } => &safety_plan.id,
            SyncRecord::UpsertDisclosure { disclosure } => &disclosure.id,
            SyncRecord::Delete { id, .. } => id,
        }
    }

    pub fn kind(&self) -> RecordKind {
        match self {
            SyncRecord::UpsertCheckIn { .. } => RecordKind::CheckIn,
            SyncRecord::UpsertStrategyUse { .. } => RecordKind::StrategyUse,
            SyncRecord::UpsertGoal { .. } => RecordKind::Goal,
            SyncRecord::UpsertGoalRating { .. } => RecordKind::GoalRating,
            SyncRecord::UpsertMeasureResponse { .. } => RecordKind::MeasureResponse,
            SyncRecord::UpsertSafetyPlan { .. } => RecordKind::SafetyPlan,
            SyncRecord::UpsertDisclosure { .. } => RecordKind::Disclosure,
            SyncRecord::Delete { kind, .. } => *kind,
        }
    }
}

/// Why the server did not store one record of an otherwise good batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct RefusedRecord {
    pub id: RecordId,
    pub code: String,
    pub reason: String,
}

/// The server's answer: every record of the batch is in exactly one list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct SyncOutcome {
    pub stored: Vec<RecordId>,
    pub deleted: Vec<RecordId>,
    pub refused: Vec<RefusedRecord>,
    /// Disclosures in this batch that reached a worker (or the service's
    /// duty contact), so the app can say so at once.
    #[serde(default)]
    pub worker_told: Vec<RecordId>,
}

impl SyncBatch {
    /// Parses and validates a batch: its version, its size and every record
    /// by the same rules the device used. Field paths name the record
    /// (`records[3].check_in.mood`).
    pub fn parse(json: &str) -> Result<SyncBatch, ValidationErrors> {
        if json.len() > MAX_BATCH_BYTES {
            return Err(ValidationErrors::one(
                "",
                "batch_too_large",
                format!("A batch can be at most {MAX_BATCH_BYTES} bytes."),
            ));
        }
        // Parse the envelope first so each record's errors carry its index.
        let envelope: Envelope = parse_json(json)?;
        if envelope.version != SYNC_FORMAT_VERSION {
            return Err(ValidationErrors::one(
                "version",
                "unsupported_version",
                format!("This server understands sync version {SYNC_FORMAT_VERSION}."),
            ));
        }
        if envelope.records.len() > MAX_RECORDS_PER_BATCH {
            return Err(ValidationErrors::one(
                "records",
                "too_many_records",
                format!("Send at most {MAX_RECORDS_PER_BATCH} records at a time."),
            ));
        }
        let mut records = Vec::with_capacity(envelope.records.len());
        let mut errors = Vec::new();
        for (i, raw) in envelope.records.into_iter().enumerate() {
            let prefix = format!("records[{i}]");
            match SyncRecord::from_json(raw) {
                Ok(record) => {
                    // A disclosure shares its check-in's id, so a record is
                    // a duplicate only if its kind matches too.
                    let same = |r: &SyncRecord| r.id() == record.id() && r.kind() == record.kind();
                    if records.iter().any(same) {
                        errors.push(ValidationError::new(
                            prefix,
                            "duplicate_record",
                            "This record appears twice in the batch.",
                        ));
                    }
                    records.push(record);
                }
                Err(ValidationErrors(found)) => {
                    errors.extend(found.into_iter().map(|e| e.under(&prefix)));
                }
            }
        }
        ValidationErrors::into_result(errors)?;
        Ok(SyncBatch {
            version: envelope.version,
            records,
        })
    }
}

impl SyncRecord {
    /// Parses one record by hand rather than through serde's tagged-enum
    /// support, which buffers the content and so loses the path of an error
    /// inside it.
    fn from_json(mut raw: serde_json::Value) -> Result<SyncRecord, ValidationErrors> {
        let op = raw.get("op").and_then(|op| op.as_str()).map(str::to_owned);
        let mut field = |name: &'static str| -> Result<serde_json::Value, ValidationErrors> {
            raw.get_mut(name)
                .map(serde_json::Value::take)
                .ok_or_else(|| missing(name))
        };
        let record = match op.as_deref() {
            Some("upsert_check_in") => SyncRecord::UpsertCheckIn {
                check_in: typed(field("check_in")?, "check_in")?,
            },
            Some("upsert_strategy_use") => SyncRecord::UpsertStrategyUse {
                strategy_use: typed(field("strategy_use")?, "strategy_use")?,
            },
            Some("upsert_goal") => SyncRecord::UpsertGoal {
                goal: typed(field("goal")?, "goal")?,
            },
            Some("upsert_goal_rating") => SyncRecord::UpsertGoalRating {
                goal_rating: typed(field("goal_rating")?, "goal_rating")?,
            },
            Some("upsert_measure_response") => SyncRecord::UpsertMeasureResponse {
                measure_response: typed(field("measure_response")?, "measure_response")?,
            },
            Some("upsert_safety_plan") => SyncRecord::UpsertSafetyPlan {
                safety_plan: typed(field("safety_plan")?, "safety_plan")?,
            },
            Some("upsert_disclosure") => SyncRecord::UpsertDisclosure {
                disclosure: typed(field("disclosure")?, "disclosure")?,
            },
            Some("delete") => SyncRecord::Delete {
                kind: typed(field("kind")?, "kind")?,
                id: typed(field("id")?, "id")?,
            },
            _ => {
                return Err(ValidationErrors::one(
                    "op",
                    "unknown_op",
                    "This should be one of the upsert_… operations or delete.",
                ));
            }
        };
        record.validate()?;
        Ok(record)
    }

    /// The same rules the device applies when the record is made.
    fn validate(&self) -> Result<(), ValidationErrors> {
        match self {
            SyncRecord::UpsertCheckIn { check_in } => {
                check_in.validate().map_err(nested("check_in"))
            }
            SyncRecord::UpsertStrategyUse { strategy_use } => {
                strategy_use.validate().map_err(nested("strategy_use"))
            }
            SyncRecord::UpsertGoal { goal } => goal.validate(&[]).map_err(nested("goal")),
            SyncRecord::UpsertGoalRating { goal_rating } => {
                goal_rating.validate().map_err(nested("goal_rating"))
            }
            SyncRecord::UpsertMeasureResponse { measure_response } => {
                let definition = crate::measures::catalogue()
                    .ok()
                    .and_then(|catalogue| catalogue.find(&measure_response.measure_id))
                    .ok_or_else(|| {
                        ValidationErrors::one(
                            "measure_response.measure_id",
                            "unknown_measure",
                            "This questionnaire isn't one Lantern knows.",
                        )
                    })?;
                definition
                    .validate(measure_response)
                    .map_err(nested("measure_response"))
            }
            SyncRecord::UpsertSafetyPlan { safety_plan } => {
                safety_plan.validate().map_err(nested("safety_plan"))
            }
            SyncRecord::UpsertDisclosure { disclosure } => {
                let measures = crate::measures::catalogue().map_err(|_| {
                    ValidationErrors::one(
                        "disclosure",
                        "unknown_measure",
                        "The questionnaires could not be loaded.",
                    )
                })?;
                disclosure.validate(measures).map_err(nested("disclosure"))
            }
            SyncRecord::Delete { .. } => Ok(()),
        }
    }
}

fn typed<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
    name: &'static str,
) -> Result<T, ValidationErrors> {
    from_value(value).map_err(nested(name))
}

fn nested(field: &'static str) -> impl Fn(ValidationErrors) -> ValidationErrors {
    move |errors| ValidationErrors(errors.0.into_iter().map(|e| e.under(field)).collect())
}

fn missing(field: &str) -> ValidationErrors {
    ValidationErrors::one(field, "missing_field", "This is needed.")
}

#[derive(Deserialize)]
struct Envelope {
    version: u32,
    records: Vec<serde_json::Value>,
}

/// A record the young person deleted on their device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Tombstone {
    pub kind: RecordKind,
    pub id: RecordId,
}

/// Everything on the device that could be shared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(default)]
pub struct DeviceData {
    pub check_ins: Vec<CheckIn>,
    pub strategy_uses: Vec<StrategyUse>,
    pub goals: Vec<Goal>,
    pub goal_ratings: Vec<GoalRating>,
    pub measure_responses: Vec<MeasureResponse>,
    #[cfg_attr(test, ts(optional))]
    pub safety_plan: Option<SafetyPlan>,
    pub deleted: Vec<Tombstone>,
    /// When this device joined a service, if it has. Self-harm answers given
    /// since then alert the worker, as the young person was told on joining.
    #[serde(with = "crate::time::rfc3339_option")]
    #[cfg_attr(test, ts(optional, type = "string"))]
    pub connected_since: Option<DateTime<FixedOffset>>,
}

/// The scope a record (other than a check-in, whose fields have scopes of
/// their own) is shared under.
pub fn record_scope(record: &SyncRecord) -> Option<ConsentScope> {
    match record {
        SyncRecord::UpsertCheckIn { .. } => Some(ConsentScope::Mood),
        SyncRecord::UpsertStrategyUse { .. } => Some(ConsentScope::StrategyUse),
        SyncRecord::UpsertGoal { .. } | SyncRecord::UpsertGoalRating { .. } => {
            Some(ConsentScope::Goals)
        }
        SyncRecord::UpsertMeasureResponse { measure_response } => Some(
            if measure_response.measure_id == crate::measures::WHEEL_ID {
                ConsentScope::Wheel
            } else {
                ConsentScope::Measures
            },
        ),
        SyncRecord::UpsertSafetyPlan { .. } => Some(ConsentScope::SafetyPlan),
        SyncRecord::UpsertDisclosure { .. } | SyncRecord::Delete { .. } => None,
    }
}

/// When a record was made, for "from now on" grants.
pub fn record_time(record: &SyncRecord) -> Option<DateTime<FixedOffset>> {
    match record {
        SyncRecord::UpsertCheckIn { check_in } => Some(check_in.recorded_at),
        SyncRecord::UpsertStrategyUse { strategy_use } => Some(strategy_use.used_at),
        SyncRecord::UpsertGoal { goal } => Some(goal.set_at),
        SyncRecord::UpsertGoalRating { goal_rating } => Some(goal_rating.rated_at),
        SyncRecord::UpsertMeasureResponse { measure_response } => {
            Some(measure_response.completed_at)
        }
        SyncRecord::UpsertDisclosure { disclosure } => Some(disclosure.recorded_at),
        SyncRecord::UpsertSafetyPlan { .. } | SyncRecord::Delete { .. } => None,
    }
}

/// The device side: a batch of everything that may leave the device under
/// `grants`, with tombstones. What consent does not cover is simply not in
/// it, and check-ins carry only their shared fields.
pub fn build_sync_batch(data: &DeviceData, grants: &[ConsentGrant]) -> SyncBatch {
    let check_ins = data
        .check_ins
        .iter()
        .filter_map(|check_in| share_check_in(check_in, grants))
        .map(|check_in| SyncRecord::UpsertCheckIn { check_in });
    let others = data
        .strategy_uses
        .iter()
        .map(|u| SyncRecord::UpsertStrategyUse {
            strategy_use: u.clone(),
        })
        .chain(
            data.goals
                .iter()
                .map(|g| SyncRecord::UpsertGoal { goal: g.clone() }),
        )
        .chain(
            data.goal_ratings
                .iter()
                .map(|r| SyncRecord::UpsertGoalRating {
                    goal_rating: r.clone(),
                }),
        )
        .chain(
            data.measure_responses
                .iter()
                .map(|m| SyncRecord::UpsertMeasureResponse {
                    measure_response: m.clone(),
                }),
        )
        .chain(
            data.safety_plan
                .iter()
                .map(|p| SyncRecord::UpsertSafetyPlan {
                    safety_plan: p.clone(),
                }),
        )
        .filter(|record| missing_scopes(record, grants).is_empty());
    let disclosures = data
        .connected_since
        .zip(crate::measures::catalogue().ok())
        .map(|(since, measures)| {
            disclosures_since(&data.check_ins, &data.measure_responses, measures, since)
        })
        .unwrap_or_default()
        .into_iter()
        .map(|disclosure| SyncRecord::UpsertDisclosure { disclosure });
    let deletions = data.deleted.iter().map(|t| SyncRecord::Delete {
        kind: t.kind,
        id: t.id.clone(),
    });
    SyncBatch {
        version: SYNC_FORMAT_VERSION,
        records: check_ins
            .chain(others)
            .chain(disclosures)
            .chain(deletions)
            .collect(),
    }
}

/// Scopes a record needs that `grants` do not cover, for the server's
/// per-record refusal. The device applies the same rule when it builds the
/// batch, so a refusal means the two disagreed about consent.
pub fn missing_scopes(record: &SyncRecord, grants: &[ConsentGrant]) -> Vec<ConsentScope> {
    match record {
        SyncRecord::UpsertCheckIn { check_in } => uncovered_scopes(check_in, grants),
        // Deleting is always allowed: a young person can always take back.
        // A disclosure is part of being connected, not a sharing choice.
        SyncRecord::Delete { .. } | SyncRecord::UpsertDisclosure { .. } => Vec::new(),
        other => record_scope(other)
            .filter(|&scope| !covered(grants, scope, record_time(other)))
            .into_iter()
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Feeling;
    use crate::checkin::FeelingEntry;
    use crate::measures::Answer;
    use chrono::DateTime;
    use serde_json::json;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn check_in(n: u8, mood: u8) -> CheckIn {
        CheckIn {
            id: RecordId::generate(1_763_900_000_000 + u64::from(n), [n; 10]),
            recorded_at: at("2026-11-23T16:05:00+00:00"),
            mood,
            feelings: vec![FeelingEntry {
                feeling: Feeling::Sad,
                intensity: 1,
            }],
            contexts: Vec::new(),
            sleep: None,
            note: Some("private".into()),
            self_harm: None,
        }
    }

    fn grant(scope: ConsentScope) -> ConsentGrant {
        ConsentGrant {
            scope,
            granted_at: at("2026-01-01T00:00:00Z"),
            include_past: false,
        }
    }

    fn mood_grant() -> ConsentGrant {
        grant(ConsentScope::Mood)
    }

    fn device_data() -> DeviceData {
        let goal = Goal {
            id: RecordId::generate(10, [10; 10]),
            text: "Go to football on Saturdays".into(),
            set_at: at("2026-11-01T10:00:00Z"),
            closed_at: None,
        };
        DeviceData {
            check_ins: vec![check_in(1, 3)],
            strategy_uses: vec![StrategyUse {
                id: RecordId::generate(11, [11; 10]),
                strategy_id: "box_breathing".into(),
                used_at: at("2026-11-20T10:00:00Z"),
                feeling: None,
                before: 2,
                after: Some(3),
            }],
            goal_ratings: vec![GoalRating {
                id: RecordId::generate(12, [12; 10]),
                goal_id: goal.id.clone(),
                rated_at: at("2026-11-21T10:00:00Z"),
                progress: 4,
            }],
            goals: vec![goal],
            measure_responses: vec![MeasureResponse {
                id: RecordId::generate(13, [13; 10]),
                measure_id: "resilience_wheel".into(),
                completed_at: at("2026-11-22T10:00:00Z"),
                answers: [
                    "self_esteem",
                    "empathy",
                    "relationships",
                    "belonging",
                    "trust",
                    "responsibility",
                    "choices",
                ]
                .into_iter()
                .map(|item_id| Answer {
                    item_id: item_id.into(),
                    value: 5,
                })
                .collect(),
            }],
            safety_plan: Some(SafetyPlan {
                reasons_to_keep_going: vec!["My little brother".into()],
                ..SafetyPlan::new(RecordId::generate(14, [14; 10]))
            }),
            deleted: vec![Tombstone {
                kind: RecordKind::Goal,
                id: RecordId::generate(9, [9; 10]),
            }],
            connected_since: None,
        }
    }

    fn kinds(batch: &SyncBatch) -> Vec<RecordKind> {
        batch.records.iter().map(SyncRecord::kind).collect()
    }

    #[test]
    fn a_connected_device_sends_its_self_harm_answers_without_any_sharing() {
        let mut data = device_data();
        let mut told = check_in(2, 2);
        told.self_harm = Some(crate::checkin::SelfHarmAnswer::Yes);
        let mut before_joining = check_in(3, 2);
        before_joining.recorded_at = at("2026-11-01T16:05:00+00:00");
        before_joining.self_harm = Some(crate::checkin::SelfHarmAnswer::Yes);
        data.check_ins.extend([told.clone(), before_joining]);

        let not_connected = build_sync_batch(&data, &[]);
        assert!(!kinds(&not_connected).contains(&RecordKind::Disclosure));

        data.connected_since = Some(at("2026-11-10T00:00:00Z"));
        let batch = build_sync_batch(&data, &[]);
        let disclosures: Vec<_> = batch
            .records
            .iter()
            .filter(|r| r.kind() == RecordKind::Disclosure)
            .collect();
        assert_eq!(disclosures.len(), 1, "only what was answered after joining");
        assert_eq!(disclosures[0].id(), &told.id);
        assert!(missing_scopes(disclosures[0], &[]).is_empty());
        assert!(
            !kinds(&batch).contains(&RecordKind::CheckIn),
            "the check-in itself still needs mood to be shared"
        );
        let json = serde_json::to_string(&batch).unwrap();
        assert_eq!(SyncBatch::parse(&json).unwrap(), batch);

        let sharing_mood = build_sync_batch(&data, &[mood_grant()]);
        let both: Vec<_> = sharing_mood
            .records
            .iter()
            .filter(|r| r.id() == &told.id)
            .collect();
        assert_eq!(
            both.iter().map(|r| r.kind()).collect::<Vec<_>>(),
            [RecordKind::CheckIn, RecordKind::Disclosure],
            "the check-in and its disclosure travel together under one id"
        );
        let json = serde_json::to_string(&sharing_mood).unwrap();
        assert_eq!(SyncBatch::parse(&json).unwrap(), sharing_mood);
    }

    #[test]
    fn a_disclosure_that_is_not_one_is_refused_by_field() {
        let id = RecordId::generate(1, [1; 10]);
        let batch = json!({"version": 1, "records": [{"op": "upsert_disclosure", "disclosure": {
            "id": id.as_str(), "recorded_at": "2026-11-23T16:05:00+00:00",
            "told": {"question": "self_harm_question", "answer": "no"}}}]});
        let errors = SyncBatch::parse(&batch.to_string()).unwrap_err();
        assert_eq!(
            errors.errors()[0].field,
            "records[0].disclosure.told.answer"
        );
        assert_eq!(errors.errors()[0].code, "not_a_disclosure");
    }

    #[test]
    fn a_built_batch_parses_back_unchanged() {
        let all: Vec<_> = ConsentScope::ALL.into_iter().map(grant).collect();
        let batch = build_sync_batch(&device_data(), &all);
        assert_eq!(batch.records.len(), 7);
        let json = serde_json::to_string(&batch).unwrap();
        assert_eq!(SyncBatch::parse(&json).unwrap(), batch);
    }

    #[test]
    fn each_kind_leaves_the_device_only_under_its_own_scope() {
        let data = device_data();
        assert_eq!(
            kinds(&build_sync_batch(&data, &[])),
            [RecordKind::Goal],
            "only the tombstone"
        );
        assert_eq!(
            kinds(&build_sync_batch(
                &data,
                &[mood_grant(), grant(ConsentScope::Wheel)]
            )),
            [
                RecordKind::CheckIn,
                RecordKind::MeasureResponse,
                RecordKind::Goal
            ]
        );
        assert_eq!(
            kinds(&build_sync_batch(
                &data,
                &[grant(ConsentScope::Goals), grant(ConsentScope::SafetyPlan)]
            )),
            [
                RecordKind::Goal,
                RecordKind::GoalRating,
                RecordKind::SafetyPlan,
                RecordKind::Goal
            ]
        );
        let measures_only = build_sync_batch(&data, &[grant(ConsentScope::Measures)]);
        assert_eq!(
            kinds(&measures_only),
            [RecordKind::Goal],
            "the wheel is not a licensed measure"
        );
    }

    #[test]
    fn a_from_now_on_grant_does_not_send_older_records() {
        let data = device_data();
        let later = ConsentGrant {
            granted_at: at("2026-11-21T00:00:00Z"),
            ..grant(ConsentScope::Goals)
        };
        assert_eq!(
            kinds(&build_sync_batch(&data, &[later])),
            [RecordKind::GoalRating, RecordKind::Goal]
        );
    }

    #[test]
    fn errors_name_the_record_and_field() {
        let good = build_sync_batch(
            &DeviceData {
                check_ins: vec![check_in(1, 3)],
                ..DeviceData::default()
            },
            &[mood_grant()],
        );
        let json = json!({
            "version": 1,
            "records": [
                serde_json::to_value(&good.records[0]).unwrap(),
                {"op": "upsert_check_in", "check_in": {"id": RecordId::generate(2, [2; 10]).as_str(), "recorded_at": "2026-11-23T16:05:00Z", "mood": 7}},
                {"op": "upsert_check_in", "check_in": {"id": RecordId::generate(3, [3; 10]).as_str(), "recorded_at": "2026-11-23T16:05:00Z", "mood": 3, "feelings": [{"feeling": "grumpy", "intensity": 1}]}},
                {"op": "upsert_goal_rating", "goal_rating": {"id": RecordId::generate(4, [4; 10]).as_str(), "goal_id": RecordId::generate(5, [5; 10]).as_str(), "rated_at": "2026-11-23T16:05:00Z", "progress": 11}},
                {"op": "upsert_measure_response", "measure_response": {"id": RecordId::generate(6, [6; 10]).as_str(), "measure_id": "made_up", "completed_at": "2026-11-23T16:05:00Z", "answers": []}},
                {"op": "delete", "kind": "check_in", "id": "nope"},
                {"op": "explode"},
            ]
        });
        let errors = SyncBatch::parse(&json.to_string()).unwrap_err();
        let fields: Vec<_> = errors
            .0
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("records[1].check_in.mood", "mood_out_of_range"),
                ("records[2].check_in.feelings[0].feeling", "unknown_feeling"),
                ("records[3].goal_rating.progress", "progress_out_of_range"),
                ("records[4].measure_response.measure_id", "unknown_measure"),
                ("records[5].id", "invalid_record_id"),
                ("records[6].op", "unknown_op"),
            ]
        );
    }

    #[test]
    fn the_same_record_twice_in_one_batch_is_refused() {
        let record = SyncRecord::Delete {
            kind: RecordKind::CheckIn,
            id: RecordId::generate(2, [2; 10]),
        };
        let batch = SyncBatch {
            version: 1,
            records: vec![record.clone(), record],
        };
        let errors = SyncBatch::parse(&serde_json::to_string(&batch).unwrap()).unwrap_err();
        assert_eq!(errors.0[0].field, "records[1]");
        assert_eq!(errors.0[0].code, "duplicate_record");
    }

    #[test]
    fn batches_are_bounded_in_count_size_and_version() {
        let many = SyncBatch {
            version: 1,
            records: (0..=MAX_RECORDS_PER_BATCH as u64)
                .map(|n| SyncRecord::Delete {
                    kind: RecordKind::CheckIn,
                    id: RecordId::generate(n, [0; 10]),
                })
                .collect(),
        };
        let json = serde_json::to_string(&many).unwrap();
        assert_eq!(
            SyncBatch::parse(&json).unwrap_err().0[0].code,
            "too_many_records"
        );
        let huge = format!(
            r#"{{"version":1,"records":[],"pad":"{}"}}"#,
            "x".repeat(MAX_BATCH_BYTES)
        );
        assert_eq!(
            SyncBatch::parse(&huge).unwrap_err().0[0].code,
            "batch_too_large"
        );
        let old = r#"{"version":0,"records":[]}"#;
        assert_eq!(
            SyncBatch::parse(old).unwrap_err().0[0].code,
            "unsupported_version"
        );
    }

    #[test]
    fn a_record_needing_an_unshared_scope_is_named() {
        let data = DeviceData {
            check_ins: vec![check_in(1, 3)],
            ..DeviceData::default()
        };
        let all_scopes: Vec<_> = ConsentScope::ALL.into_iter().map(grant).collect();
        let batch = build_sync_batch(&data, &all_scopes);
        assert_eq!(
            missing_scopes(&batch.records[0], &[mood_grant()]),
            [ConsentScope::Feelings, ConsentScope::Notes]
        );
        let plan = SyncRecord::UpsertSafetyPlan {
            safety_plan: SafetyPlan::new(RecordId::generate(1, [1; 10])),
        };
        assert_eq!(
            missing_scopes(&plan, &[mood_grant()]),
            [ConsentScope::SafetyPlan]
        );
        assert!(missing_scopes(&plan, &[grant(ConsentScope::SafetyPlan)]).is_empty());
    }
}

/// Properties checked over many random devices and consents.
#[cfg(test)]
mod properties {
    use super::*;
    use crate::checkin::{Context, FeelingEntry, SelfHarmAnswer, Sleep, SleepQuality};
    use crate::feelings::Feeling;
    use chrono::{Duration, TimeZone};

    use crate::test_support::Random;

    fn time(random: &mut Random) -> DateTime<FixedOffset> {
        let offset = FixedOffset::east_opt(3600 * (random.below(3) as i32 - 1)).unwrap();
        let base = offset.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        base + Duration::minutes(random.below(60 * 24 * 300) as i64)
    }

    fn device(random: &mut Random) -> DeviceData {
        let check_ins = (0..random.below(6))
            .map(|n| CheckIn {
                id: RecordId::generate(random.next(), [n as u8; 10]),
                recorded_at: time(random),
                mood: 1 + random.below(5) as u8,
                feelings: vec![FeelingEntry {
                    feeling: Feeling::ALL[random.below(16) as usize],
                    intensity: 1 + random.below(3) as u8,
                }],
                contexts: if random.chance() {
                    vec![Context::ALL[random.below(10) as usize]]
                } else {
                    Vec::new()
                },
                sleep: random.chance().then(|| Sleep {
                    minutes: random.below(700) as u16,
                    quality: SleepQuality::Okay,
                }),
                note: random.chance().then(|| "a private note".to_owned()),
                self_harm: random.chance().then_some(SelfHarmAnswer::Yes),
            })
            .collect();
        let strategy_uses = (0..random.below(3))
            .map(|n| StrategyUse {
                id: RecordId::generate(random.next(), [n as u8 + 50; 10]),
                strategy_id: "walk_outside".into(),
                used_at: time(random),
                feeling: None,
                before: 2,
                after: Some(3),
            })
            .collect();
        let goals = (0..random.below(3))
            .map(|n| Goal {
                id: RecordId::generate(random.next(), [n as u8 + 100; 10]),
                text: "A goal".into(),
                set_at: time(random),
                closed_at: None,
            })
            .collect();
        let safety_plan = random
            .chance()
            .then(|| SafetyPlan::new(RecordId::generate(random.next(), [200; 10])));
        DeviceData {
            check_ins,
            strategy_uses,
            goals,
            safety_plan,
            ..DeviceData::default()
        }
    }

    fn grants(random: &mut Random) -> Vec<ConsentGrant> {
        let mut grants = Vec::new();
        for scope in ConsentScope::ALL {
            if random.chance() {
                grants.push(ConsentGrant {
                    scope,
                    granted_at: time(random),
                    include_past: random.chance(),
                });
            }
        }
        grants
    }

    #[test]
    fn nothing_leaves_the_device_without_consent_for_its_scope_and_time() {
        for seed in 0..2_000 {
            let mut random = Random(seed);
            let data = device(&mut random);
            let grants = grants(&mut random);
            let batch = build_sync_batch(&data, &grants);
            for record in &batch.records {
                assert!(
                    missing_scopes(record, &grants).is_empty(),
                    "seed {seed}: {record:?}"
                );
                if let SyncRecord::UpsertCheckIn { check_in } = record {
                    let json = serde_json::to_string(check_in).unwrap();
                    assert!(
                        !json.contains("self_harm"),
                        "the answer never travels in a check-in"
                    );
                    let shared = |scope| grants.iter().any(|g| g.scope == scope);
                    assert!(check_in.note.is_none() || shared(ConsentScope::Notes));
                    assert!(check_in.feelings.is_none() || shared(ConsentScope::Feelings));
                    assert!(check_in.sleep.is_none() || shared(ConsentScope::ContextsAndSleep));
                }
            }
        }
    }

    #[test]
    fn every_built_batch_round_trips_through_parse() {
        for seed in 0..500 {
            let mut random = Random(seed);
            let data = device(&mut random);
            let all: Vec<_> = ConsentScope::ALL
                .into_iter()
                .map(|scope| ConsentGrant {
                    scope,
                    granted_at: time(&mut random),
                    include_past: true,
                })
                .collect();
            let batch = build_sync_batch(&data, &all);
            let json = serde_json::to_string(&batch).unwrap();
            assert_eq!(SyncBatch::parse(&json).unwrap(), batch, "seed {seed}");
        }
    }
}
