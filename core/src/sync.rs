//! The sync batch: what a device sends to the server, and what it gets back.
//!
//! A batch carries upserts and tombstones, each idempotent by record id, so
//! a device that lost the server's answer can simply send it again.

use serde::{Deserialize, Serialize};

use crate::checkin::{CheckIn, SharedCheckIn};
use crate::consent::{ConsentGrant, ConsentScope, share_check_in, uncovered_scopes};
use crate::record_id::RecordId;
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum SyncRecord {
    /// Store or replace a shared check-in.
    UpsertCheckIn { check_in: SharedCheckIn },
    /// The young person deleted this check-in: forget it.
    DeleteCheckIn { id: RecordId },
}

impl SyncRecord {
    pub fn id(&self) -> &RecordId {
        match self {
            SyncRecord::UpsertCheckIn { check_in } => &check_in.id,
            SyncRecord::DeleteCheckIn { id } => id,
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
                    if records.iter().any(|r: &SyncRecord| r.id() == record.id()) {
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
        let mut take = |field: &str| raw.get_mut(field).map(serde_json::Value::take);
        match op.as_deref() {
            Some("upsert_check_in") => {
                let Some(value) = take("check_in") else {
                    return Err(missing("check_in"));
                };
                let check_in: SharedCheckIn = from_value(value).map_err(nested("check_in"))?;
                check_in.validate().map_err(nested("check_in"))?;
                Ok(SyncRecord::UpsertCheckIn { check_in })
            }
            Some("delete_check_in") => {
                let Some(value) = take("id") else {
                    return Err(missing("id"));
                };
                let id: RecordId = from_value(value).map_err(|errors| {
                    ValidationErrors(
                        errors
                            .0
                            .into_iter()
                            .map(|e| ValidationError {
                                field: "id".into(),
                                ..e
                            })
                            .collect(),
                    )
                })?;
                Ok(SyncRecord::DeleteCheckIn { id })
            }
            _ => Err(ValidationErrors::one(
                "op",
                "unknown_op",
                "This should be upsert_check_in or delete_check_in.",
            )),
        }
    }
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

/// The device side: a batch of what may leave the device under `grants`,
/// with tombstones for deleted check-ins. Check-ins not covered by consent
/// are simply not in it.
pub fn build_sync_batch(
    check_ins: &[CheckIn],
    deleted: &[RecordId],
    grants: &[ConsentGrant],
) -> SyncBatch {
    let upserts = check_ins
        .iter()
        .filter_map(|check_in| share_check_in(check_in, grants))
        .map(|check_in| SyncRecord::UpsertCheckIn { check_in });
    let deletions = deleted
        .iter()
        .map(|id| SyncRecord::DeleteCheckIn { id: id.clone() });
    SyncBatch {
        version: SYNC_FORMAT_VERSION,
        records: upserts.chain(deletions).collect(),
    }
}

/// Scopes a record needs that `grants` do not cover, for the server's
/// per-record refusal. The device applies the same rule when it builds the
/// batch, so a refusal means the two disagreed about consent.
pub fn missing_scopes(record: &SyncRecord, grants: &[ConsentGrant]) -> Vec<ConsentScope> {
    match record {
        SyncRecord::UpsertCheckIn { check_in } => uncovered_scopes(check_in, grants),
        // Deleting is always allowed: a young person can always take back.
        SyncRecord::DeleteCheckIn { .. } => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Feeling;
    use crate::checkin::FeelingEntry;
    use chrono::DateTime;
    use serde_json::json;

    fn check_in(n: u8, mood: u8) -> CheckIn {
        CheckIn {
            id: RecordId::generate(1_763_900_000_000 + u64::from(n), [n; 10]),
            recorded_at: DateTime::parse_from_rfc3339("2026-11-23T16:05:00+00:00").unwrap(),
            mood,
            feelings: vec![FeelingEntry {
                feeling: Feeling::Sad,
                intensity: 1,
            }],
            contexts: Vec::new(),
            sleep: None,
            self_harm: None,
            note: None,
        }
    }

    fn mood_grant() -> ConsentGrant {
        ConsentGrant {
            scope: ConsentScope::Mood,
            granted_at: DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap(),
            include_past: false,
        }
    }

    #[test]
    fn a_built_batch_parses_back_unchanged() {
        let batch = build_sync_batch(
            &[check_in(1, 3), check_in(2, 5)],
            &[RecordId::generate(9, [9; 10])],
            &[mood_grant()],
        );
        assert_eq!(batch.records.len(), 3);
        let json = serde_json::to_string(&batch).unwrap();
        assert_eq!(SyncBatch::parse(&json).unwrap(), batch);
    }

    #[test]
    fn without_consent_a_batch_carries_only_tombstones() {
        let batch = build_sync_batch(&[check_in(1, 3)], &[], &[]);
        assert!(batch.records.is_empty());
    }

    #[test]
    fn errors_name_the_record_and_field() {
        let json = json!({
            "version": 1,
            "records": [
                {"op": "upsert_check_in", "check_in": serde_json::to_value(share_check_in(&check_in(1, 3), &[mood_grant()]).unwrap()).unwrap()},
                {"op": "upsert_check_in", "check_in": {"id": RecordId::generate(2, [2; 10]).as_str(), "recorded_at": "2026-11-23T16:05:00Z", "mood": 7}},
                {"op": "upsert_check_in", "check_in": {"id": RecordId::generate(3, [3; 10]).as_str(), "recorded_at": "2026-11-23T16:05:00Z", "mood": 3, "feelings": [{"feeling": "grumpy", "intensity": 1}]}},
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
            ]
        );
    }

    #[test]
    fn the_same_record_twice_in_one_batch_is_refused() {
        let record = SyncRecord::DeleteCheckIn {
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
                .map(|n| SyncRecord::DeleteCheckIn {
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
        let mut shared = share_check_in(&check_in(1, 3), &[mood_grant()]).unwrap();
        shared.note = Some("hi".into());
        let record = SyncRecord::UpsertCheckIn { check_in: shared };
        assert_eq!(
            missing_scopes(&record, &[mood_grant()]),
            [ConsentScope::Notes]
        );
        let notes = ConsentGrant {
            scope: ConsentScope::Notes,
            ..mood_grant()
        };
        assert!(missing_scopes(&record, &[mood_grant(), notes]).is_empty());
    }
}
