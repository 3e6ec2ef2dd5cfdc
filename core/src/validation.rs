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

    /// The same errors, for a value nested under `prefix` (e.g. `records[0]`).
    pub fn under(self, prefix: &str) -> Self {
        Self(self.0.into_iter().map(|e| e.under(prefix)).collect())
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
///
/// The text is read into a `serde_json::Value` first and `T` is built from
/// that by [`tracked`], so every type's `Deserialize` is compiled for one
/// deserializer only, whichever way its JSON arrives (text, a `Value`, a
/// shipped data file). Compiling each for several deserializers, and
/// serde_path_to_error's wrapper around each visitor, were most of the wasm
/// module's size.
pub fn parse_json<T: DeserializeOwned>(json: &str) -> Result<T, ValidationErrors> {
    let value: serde_json::Value = match serde_json::from_str(json) {
        Ok(value) => value,
        // Text that parses as no JSON value at all: a syntax error (or
        // nesting too deep), never a wrong type.
        Err(_) => {
            return Err(ValidationErrors::one(
                syntax_error_path(json),
                "invalid_json",
                "This isn't valid JSON.",
            ));
        }
    };
    from_value(value)
}

/// Like [`parse_json`], for a value already parsed as JSON.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ValidationErrors> {
    tracked::deserialize(value)
        .map_err(|(path, error)| ValidationErrors(vec![for_people(path, error)]))
}

/// Where broken JSON breaks (`records[2].check_in`), found by reading it
/// again only when it is broken, so the usual path pays nothing for it.
fn syntax_error_path(json: &str) -> String {
    let deserializer = &mut serde_json::Deserializer::from_str(json);
    match serde_path_to_error::deserialize::<_, Skim>(deserializer) {
        Err(error) if error.path().iter().next().is_some() => error.path().to_string(),
        _ => String::new(),
    }
}

/// Reads any JSON and keeps nothing, visiting every key and element so
/// serde_path_to_error can follow where it is (`IgnoredAny` skips whole
/// values without visiting them, so the path would stay empty).
struct Skim;

impl<'de> Deserialize<'de> for Skim {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Skim, D::Error> {
        deserializer.deserialize_any(Skim)
    }
}

impl<'de> serde::de::Visitor<'de> for Skim {
    type Value = Skim;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Skim, E> {
        Ok(Skim)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Skim, E> {
        Ok(Skim)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Skim, E> {
        Ok(Skim)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Skim, E> {
        Ok(Skim)
    }

    fn visit_str<E>(self, _: &str) -> Result<Skim, E> {
        Ok(Skim)
    }

    fn visit_unit<E>(self) -> Result<Skim, E> {
        Ok(Skim)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Skim, A::Error> {
        while seq.next_element::<Skim>()?.is_some() {}
        Ok(Skim)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Skim, A::Error> {
        while map.next_key::<String>()?.is_some() {
            map.next_value::<Skim>()?;
        }
        Ok(Skim)
    }
}

fn for_people(path: String, error: tracked::ReadError) -> ValidationError {
    use tracked::ReadError;
    match error {
        ReadError::MissingField(field) => {
            let field = if path.is_empty() {
                field.to_owned()
            } else {
                format!("{path}.{field}")
            };
            ValidationError::new(field, "missing_field", "This is needed.")
        }
        ReadError::UnknownVariant if path.ends_with("feeling") => {
            ValidationError::new(path, "unknown_feeling", "Pick a feeling from the list.")
        }
        ReadError::UnknownVariant => {
            ValidationError::new(path, "unknown_value", "This isn't one of the choices.")
        }
        ReadError::Custom(message) if message.starts_with("not a record id") => {
            ValidationError::new(
                path,
                "invalid_record_id",
                "This id should be 26 letters and numbers made by the app.",
            )
        }
        _ if path.ends_with("recorded_at") => ValidationError::new(
            path,
            "invalid_time",
            "This needs a date and time with a UTC offset, like 2026-11-23T16:05:00+00:00.",
        ),
        _ => ValidationError::new(path, "wrong_type", "This isn't the right kind of value."),
    }
}

/// A deserializer over a parsed `serde_json::Value` that keeps the path it is
/// at, so an error can name its field. serde_path_to_error does the same by
/// wrapping every visitor and seed, which compiles a second copy of each
/// type's code; this walks the `Value` directly, costing about what
/// serde_json's own `Value` deserializer does. Paths read as
/// serde_path_to_error's do (`records[2].check_in.mood`).
mod tracked {
    use std::fmt;

    use serde::de::{
        self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Unexpected, Visitor,
    };
    use serde_json::Value;

    type Error = ReadError;

    /// What went wrong, as much as [`super::for_people`] needs. serde_json's
    /// error would spell out the unexpected value and the expected type in
    /// English for every failure; nobody reads that text, and formatting it
    /// pulls float printing and each type's description into the module.
    #[derive(Debug)]
    pub(super) enum ReadError {
        MissingField(&'static str),
        UnknownVariant,
        WrongType,
        Custom(String),
    }

    impl fmt::Display for ReadError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                ReadError::MissingField(field) => write!(f, "missing field `{field}`"),
                ReadError::UnknownVariant => f.write_str("unknown variant"),
                ReadError::WrongType => f.write_str("wrong type"),
                ReadError::Custom(message) => f.write_str(message),
            }
        }
    }

    impl std::error::Error for ReadError {}

    impl de::Error for ReadError {
        fn custom<T: fmt::Display>(message: T) -> Self {
            ReadError::Custom(message.to_string())
        }

        fn invalid_type(_: Unexpected<'_>, _: &dyn de::Expected) -> Self {
            ReadError::WrongType
        }

        fn invalid_value(_: Unexpected<'_>, _: &dyn de::Expected) -> Self {
            ReadError::WrongType
        }

        fn invalid_length(_: usize, _: &dyn de::Expected) -> Self {
            ReadError::WrongType
        }

        fn unknown_variant(_: &str, _: &'static [&'static str]) -> Self {
            ReadError::UnknownVariant
        }

        fn unknown_field(_: &str, _: &'static [&'static str]) -> Self {
            ReadError::WrongType
        }

        fn missing_field(field: &'static str) -> Self {
            ReadError::MissingField(field)
        }

        fn duplicate_field(_: &'static str) -> Self {
            ReadError::WrongType
        }
    }

    enum Segment {
        Key(String),
        Index(usize),
    }

    /// `T` from `value`, or the error with the path where it happened.
    pub(super) fn deserialize<T: DeserializeOwned>(value: Value) -> Result<T, (String, Error)> {
        let mut path = Vec::new();
        T::deserialize(Tracked {
            value,
            path: &mut path,
        })
        .map_err(|error| (display(&path), error))
    }

    fn display(path: &[Segment]) -> String {
        let mut text = String::new();
        for segment in path {
            match segment {
                Segment::Key(key) => {
                    if !text.is_empty() {
                        text.push('.');
                    }
                    text.push_str(key);
                }
                Segment::Index(index) => {
                    text.push('[');
                    text.push_str(&index.to_string());
                    text.push(']');
                }
            }
        }
        text
    }

    /// The segment is pushed before a nested value is read and popped only
    /// when it was read, so after an error the path points at the error.
    fn nested<'de, S: DeserializeSeed<'de>>(
        seed: S,
        value: Value,
        path: &mut Vec<Segment>,
        segment: Segment,
    ) -> Result<S::Value, Error> {
        path.push(segment);
        let read = seed.deserialize(Tracked {
            value,
            path: &mut *path,
        })?;
        path.pop();
        Ok(read)
    }

    struct Tracked<'p> {
        value: Value,
        path: &'p mut Vec<Segment>,
    }

    impl Tracked<'_> {
        fn visit_array<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let items = match self.value {
                Value::Array(items) => items,
                _ => return Err(ReadError::WrongType),
            };
            let mut seq = Seq {
                items: items.into_iter(),
                index: 0,
                path: self.path,
            };
            let read = visitor.visit_seq(&mut seq)?;
            if seq.items.len() == 0 {
                Ok(read)
            } else {
                // Items the visitor left unread: the value is longer than
                // its type (a tuple, say).
                Err(ReadError::WrongType)
            }
        }

        fn visit_object<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let entries = match self.value {
                Value::Object(entries) => entries,
                _ => return Err(ReadError::WrongType),
            };
            let mut map = Map {
                entries: entries.into_iter(),
                pending: None,
                path: self.path,
            };
            let read = visitor.visit_map(&mut map)?;
            if map.entries.len() == 0 {
                Ok(read)
            } else {
                // Items the visitor left unread: the value is longer than
                // its type (a tuple, say).
                Err(ReadError::WrongType)
            }
        }
    }

    /// As serde_json's `Number` deserializer does, with our error type.
    fn visit_number<'de, V: Visitor<'de>>(
        n: &serde_json::Number,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if let Some(u) = n.as_u64() {
            visitor.visit_u64(u)
        } else if let Some(i) = n.as_i64() {
            visitor.visit_i64(i)
        } else if let Some(f) = n.as_f64() {
            visitor.visit_f64(f)
        } else {
            Err(ReadError::WrongType)
        }
    }

    macro_rules! number {
        ($($method:ident)*) => {$(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                match self.value {
                    Value::Number(n) => visit_number(&n, visitor),
                    _ => Err(ReadError::WrongType),
                }
            }
        )*};
    }

    /// Each method accepts only the kind of JSON value its type is written
    /// as, so a type's visitor is compiled only for that kind. (Reading
    /// every type through `deserialize_any` also compiled, for each struct,
    /// serde's code for reading it from a JSON array, which no input uses.)
    /// The error for the wrong kind reads as serde_json's does.
    impl<'de> de::Deserializer<'de> for Tracked<'_> {
        type Error = Error;

        /// For what must look at the value to know what it is (serde's
        /// internally tagged enums, `IgnoredAny`).
        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.value {
                Value::Null => visitor.visit_unit(),
                Value::Bool(b) => visitor.visit_bool(b),
                Value::Number(n) => visit_number(&n, visitor),
                Value::String(s) => visitor.visit_string(s),
                Value::Array(_) => self.visit_array(visitor),
                Value::Object(_) => self.visit_object(visitor),
            }
        }

        number! { deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64 }

        fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.value {
                Value::Bool(b) => visitor.visit_bool(b),
                _ => Err(ReadError::WrongType),
            }
        }

        fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.value {
                Value::String(s) => visitor.visit_string(s),
                _ => Err(ReadError::WrongType),
            }
        }

        fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.deserialize_string(visitor)
        }

        fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.deserialize_string(visitor)
        }

        fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.deserialize_string(visitor)
        }

        fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.deserialize_any(visitor)
        }

        fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.deserialize_any(visitor)
        }

        fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.value {
                Value::Null => visitor.visit_unit(),
                _ => Err(ReadError::WrongType),
            }
        }

        fn deserialize_unit_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            visitor: V,
        ) -> Result<V::Value, Error> {
            self.deserialize_unit(visitor)
        }

        fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.visit_array(visitor)
        }

        fn deserialize_tuple<V: Visitor<'de>>(
            self,
            _len: usize,
            visitor: V,
        ) -> Result<V::Value, Error> {
            self.visit_array(visitor)
        }

        fn deserialize_tuple_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            _len: usize,
            visitor: V,
        ) -> Result<V::Value, Error> {
            self.visit_array(visitor)
        }

        fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.visit_object(visitor)
        }

        /// Structs are JSON objects. serde_json would also take an array of
        /// the fields in order; no caller writes that, and refusing it
        /// keeps serde's array-reading code for each struct out.
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            _fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Error> {
            self.visit_object(visitor)
        }

        fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            visitor.visit_unit()
        }

        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.value {
                Value::Null => visitor.visit_none(),
                _ => visitor.visit_some(self),
            }
        }

        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            visitor: V,
        ) -> Result<V::Value, Error> {
            visitor.visit_newtype_struct(self)
        }

        /// `"variant"` or `{"variant": content}`.
        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _name: &'static str,
            _variants: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Error> {
            let (variant, content) = match self.value {
                Value::String(variant) => (variant, None),
                Value::Object(entries) => {
                    let mut entries = entries.into_iter();
                    match (entries.next(), entries.next()) {
                        (Some((variant, content)), None) => (variant, Some(content)),
                        _ => return Err(ReadError::WrongType),
                    }
                }
                _ => return Err(ReadError::WrongType),
            };
            visitor.visit_enum(Enum {
                variant,
                content,
                path: self.path,
            })
        }
    }

    struct Seq<'p> {
        items: std::vec::IntoIter<Value>,
        index: usize,
        path: &'p mut Vec<Segment>,
    }

    impl<'de> de::SeqAccess<'de> for Seq<'_> {
        type Error = Error;

        fn next_element_seed<S: DeserializeSeed<'de>>(
            &mut self,
            seed: S,
        ) -> Result<Option<S::Value>, Error> {
            let Some(value) = self.items.next() else {
                return Ok(None);
            };
            let index = self.index;
            self.index += 1;
            nested(seed, value, self.path, Segment::Index(index)).map(Some)
        }

        fn size_hint(&self) -> Option<usize> {
            Some(self.items.len())
        }
    }

    struct Map<'p> {
        entries: serde_json::map::IntoIter,
        pending: Option<(String, Value)>,
        path: &'p mut Vec<Segment>,
    }

    impl<'de> de::MapAccess<'de> for Map<'_> {
        type Error = Error;

        fn next_key_seed<K: DeserializeSeed<'de>>(
            &mut self,
            seed: K,
        ) -> Result<Option<K::Value>, Error> {
            let Some((key, value)) = self.entries.next() else {
                return Ok(None);
            };
            let read =
                seed.deserialize(IntoDeserializer::<Error>::into_deserializer(key.as_str()))?;
            self.pending = Some((key, value));
            Ok(Some(read))
        }

        fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
            let Some((key, value)) = self.pending.take() else {
                return Err(ReadError::Custom("a value was read before its key".into()));
            };
            nested(seed, value, self.path, Segment::Key(key))
        }

        fn size_hint(&self) -> Option<usize> {
            Some(self.entries.len())
        }
    }

    struct Enum<'p> {
        variant: String,
        content: Option<Value>,
        path: &'p mut Vec<Segment>,
    }

    impl<'de, 'p> de::EnumAccess<'de> for Enum<'p> {
        type Error = Error;
        type Variant = Enum<'p>;

        fn variant_seed<S: DeserializeSeed<'de>>(
            self,
            seed: S,
        ) -> Result<(S::Value, Enum<'p>), Error> {
            let read = seed.deserialize(IntoDeserializer::<Error>::into_deserializer(
                self.variant.as_str(),
            ))?;
            Ok((read, self))
        }
    }

    impl<'de> de::VariantAccess<'de> for Enum<'_> {
        type Error = Error;

        fn unit_variant(self) -> Result<(), Error> {
            match self.content {
                None | Some(Value::Null) => Ok(()),
                Some(_) => Err(ReadError::WrongType),
            }
        }

        fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Error> {
            match self.content {
                Some(content) => nested(seed, content, self.path, Segment::Key(self.variant)),
                None => Err(ReadError::WrongType),
            }
        }

        fn tuple_variant<V: Visitor<'de>>(
            self,
            _len: usize,
            visitor: V,
        ) -> Result<V::Value, Error> {
            self.content_as(visitor)
        }

        fn struct_variant<V: Visitor<'de>>(
            self,
            _fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Error> {
            self.content_as(visitor)
        }
    }

    impl Enum<'_> {
        fn content_as<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.content {
                Some(content @ (Value::Array(_) | Value::Object(_))) => {
                    self.path.push(Segment::Key(self.variant));
                    let read = de::Deserializer::deserialize_any(
                        Tracked {
                            value: content,
                            path: &mut *self.path,
                        },
                        visitor,
                    )?;
                    self.path.pop();
                    Ok(read)
                }
                Some(_) => Err(ReadError::WrongType),
                None => Err(ReadError::WrongType),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Sample {
        count: u8,
        inner: Inner,
        #[serde(default)]
        list: Vec<Inner>,
        #[serde(default)]
        maybe: Option<Inner>,
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
    fn a_problem_inside_lists_and_options_is_named_by_its_full_path() {
        let errors = parse_json::<Sample>(
            r#"{"count": 1, "inner": {"feeling": "sad"},
                "list": [{"feeling": "sad"}, {"feeling": 7}]}"#,
        )
        .unwrap_err();
        assert_eq!(
            (errors.0[0].field.as_str(), errors.0[0].code.as_str()),
            ("list[1].feeling", "wrong_type")
        );
        let errors = parse_json::<Sample>(
            r#"{"count": 1, "inner": {"feeling": "sad"}, "maybe": {"feeling": "grumpy"}}"#,
        )
        .unwrap_err();
        assert_eq!(
            (errors.0[0].field.as_str(), errors.0[0].code.as_str()),
            ("maybe.feeling", "unknown_feeling")
        );
        let errors =
            parse_json::<Sample>(r#"{"count": 1, "inner": {"feeling": "sad"}, "list": [{}]}"#)
                .unwrap_err();
        assert_eq!(
            (errors.0[0].field.as_str(), errors.0[0].code.as_str()),
            ("list[0].feeling", "missing_field")
        );
    }

    #[test]
    fn good_json_is_read_whole_with_unknown_fields_ignored() {
        let sample = parse_json::<Sample>(
            r#"{"count": 2, "inner": {"feeling": "sad", "extra": [1, {"a": null}]},
                "list": [{"feeling": "happy"}], "maybe": null}"#,
        )
        .unwrap();
        assert_eq!(sample.count, 2);
        assert_eq!(sample.inner.feeling, crate::Feeling::Sad);
        assert_eq!(sample.list.len(), 1);
        assert!(sample.maybe.is_none());
    }

    #[test]
    fn broken_json_is_named_where_it_breaks() {
        let errors = parse_json::<Sample>(r#"{"count": 1, "inner": {"feeling": }}"#).unwrap_err();
        assert_eq!(
            (errors.0[0].field.as_str(), errors.0[0].code.as_str()),
            ("inner.feeling", "invalid_json")
        );
    }

    #[test]
    fn a_missing_top_level_field_and_a_bad_record_id_are_named() {
        let errors = parse_json::<Sample>(r#"{"inner": {"feeling": "sad"}}"#).unwrap_err();
        assert_eq!(errors.0[0].field, "count");
        assert_eq!(errors.0[0].code, "missing_field");
        let errors = parse_json::<Vec<crate::RecordId>>(r#"["not an id"]"#).unwrap_err();
        assert_eq!(
            (errors.0[0].field.as_str(), errors.0[0].code.as_str()),
            ("[0]", "invalid_record_id")
        );
    }

    /// serde_json would read a struct from an array of its fields in order;
    /// the core refuses that on purpose (see `deserialize_struct`).
    #[test]
    fn a_struct_written_as_an_array_is_the_wrong_type() {
        let errors = parse_json::<Sample>(r#"[1, {"feeling": "sad"}]"#).unwrap_err();
        assert_eq!(errors.0[0].code, "wrong_type");
    }

    #[test]
    fn under_prefixes_the_field_path() {
        let error = ValidationError::new("mood", "x", "y").under("records[3]");
        assert_eq!(error.field, "records[3].mood");
    }
}
