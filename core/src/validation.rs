//! Validation errors shared by every rule in the core.
//!
//! Each error names the field it is about (a JSON path such as
//! `records[2].check_in.mood`), carries a stable snake_case `code` that the
//! server and client can match on, and a `message` a ten-year-old can read.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ValidationError {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl ValidationError {
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// The same error, for a value nested under `prefix` (e.g. `records[0]`).
    pub fn under(mut self, prefix: &str) -> Self {
        if !prefix.is_empty() {
            self.field = if self.field.is_empty() {
                prefix.to_owned()
            } else {
                format!("{prefix}.{}", self.field)
            };
        }
        self
    }
}

/// One or more problems with a value. Never empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(transparent)]
#[error("{}", summary(.0))]
pub struct ValidationErrors(pub Vec<ValidationError>);

fn summary(errors: &[ValidationError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

impl ValidationErrors {
    pub fn one(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self(vec![ValidationError::new(field, code, message)])
    }

    pub fn errors(&self) -> &[ValidationError] {
        &self.0
    }

    /// Ok when nothing was collected, so rules can gather every problem at
    /// once instead of stopping at the first.
    pub fn into_result(errors: Vec<ValidationError>) -> Result<(), ValidationErrors> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(errors))
        }
    }
}

/// The outcome of a check, in the shape the web client receives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Checked<T> {
    Valid { value: T },
    Invalid { errors: Vec<ValidationError> },
}

impl<T> From<Result<T, ValidationErrors>> for Checked<T> {
    fn from(result: Result<T, ValidationErrors>) -> Self {
        match result {
            Ok(value) => Checked::Valid { value },
            Err(ValidationErrors(errors)) => Checked::Invalid { errors },
        }
    }
}

/// Parses JSON into `T`, turning serde's errors into field-named validation
/// errors so a malformed value is reported like any other broken rule.
pub fn parse_json<T: DeserializeOwned>(json: &str) -> Result<T, ValidationErrors> {
    let deserializer = &mut serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        ValidationErrors(vec![from_serde(&path, error.inner())])
    })
}

/// Like [`parse_json`], for a value already parsed as JSON.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ValidationErrors> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        ValidationErrors(vec![from_serde(&path, error.inner())])
    })
}

fn from_serde(path: &str, error: &serde_json::Error) -> ValidationError {
    let path = if path == "." { "" } else { path };
    let text = error.to_string();
    if error.is_syntax() || error.is_eof() {
        return ValidationError::new(path, "invalid_json", "This isn't valid JSON.");
    }
    if let Some(field) = between(&text, "missing field `", "`") {
        let field = if path.is_empty() {
            field.to_owned()
        } else {
            format!("{path}.{field}")
        };
        return ValidationError::new(field, "missing_field", "This is needed.");
    }
    if text.starts_with("unknown variant") {
        if path.ends_with("feeling") {
            return ValidationError::new(path, "unknown_feeling", "Pick a feeling from the list.");
        }
        return ValidationError::new(path, "unknown_value", "This isn't one of the choices.");
    }
    if text.starts_with("not a record id") {
        return ValidationError::new(
            path,
            "invalid_record_id",
            "This id should be 26 letters and numbers made by the app.",
        );
    }
    if path.ends_with("recorded_at") {
        return ValidationError::new(
            path,
            "invalid_time",
            "This needs a date and time with a UTC offset, like 2026-11-23T16:05:00+00:00.",
        );
    }
    ValidationError::new(path, "wrong_type", "This isn't the right kind of value.")
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(start)?;
    rest.find(end).map(|i| &rest[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Sample {
        count: u8,
        inner: Inner,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        feeling: crate::Feeling,
    }

    #[test]
    fn malformed_json_is_named_invalid_json() {
        let errors = parse_json::<Sample>("{").unwrap_err();
        assert_eq!(errors.0[0].code, "invalid_json");
    }

    #[test]
    fn a_missing_field_is_named_by_its_full_path() {
        let errors = parse_json::<Sample>(r#"{"count": 1, "inner": {}}"#).unwrap_err();
        assert_eq!(errors.0[0].field, "inner.feeling");
        assert_eq!(errors.0[0].code, "missing_field");
    }

    #[test]
    fn an_unknown_feeling_is_named_as_such() {
        let errors =
            parse_json::<Sample>(r#"{"count": 1, "inner": {"feeling": "grumpy"}}"#).unwrap_err();
        assert_eq!(errors.0[0].field, "inner.feeling");
        assert_eq!(errors.0[0].code, "unknown_feeling");
    }

    #[test]
    fn a_value_of_the_wrong_type_is_named() {
        let errors =
            parse_json::<Sample>(r#"{"count": 300, "inner": {"feeling": "sad"}}"#).unwrap_err();
        assert_eq!(errors.0[0].field, "count");
        assert_eq!(errors.0[0].code, "wrong_type");
    }

    #[test]
    fn under_prefixes_the_field_path() {
        let error = ValidationError::new("mood", "x", "y").under("records[3]");
        assert_eq!(error.field, "records[3].mood");
    }
}
