//! Times as the core reads them: RFC 3339 with a UTC offset, like
//! `2026-11-23T16:05:00+00:00` or `2026-11-23T16:05:00.123Z` (a space or a
//! lower-case `t` may stand for the `T`), by chrono's strict RFC 3339 parser.
//!
//! chrono's own `Deserialize` for `DateTime<FixedOffset>` also takes a
//! relaxed form (spaces between parts, unpadded numbers, `UTC`) through its
//! general format parser, which is about 15 KB of the wasm module; no device
//! or server writes that form. Every time field is read through here instead:
//! `#[serde(with = "crate::time::rfc3339")]`, or
//! `rfc3339_option` with `default` for an optional one, so the device and the
//! server accept exactly the same times.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// Whether `time` is in the same second as `since` or later. Devices write
/// times to the second while the server keeps fractions, so something
/// recorded in the very second sharing or joining began counts as after it.
pub fn same_second_or_later(time: DateTime<FixedOffset>, since: DateTime<FixedOffset>) -> bool {
    time.timestamp() >= since.timestamp()
}

/// For `#[serde(with = "crate::time::rfc3339")]`. Written as chrono writes it.
pub(crate) mod rfc3339 {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        time: &DateTime<FixedOffset>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        time.serialize(serializer)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<FixedOffset>, D::Error> {
        parse(&String::deserialize(deserializer)?)
    }
}

/// For `#[serde(default, with = "crate::time::rfc3339_option")]`.
pub(crate) mod rfc3339_option {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        time: &Option<DateTime<FixedOffset>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        time.serialize(serializer)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|text| parse(&text))
            .transpose()
    }
}

fn parse<E: de::Error>(text: &str) -> Result<DateTime<FixedOffset>, E> {
    // A fixed message: chrono's error texts are not shown to anyone (the
    // field's path decides what the young person reads).
    DateTime::parse_from_rfc3339(text).map_err(|_| E::custom("not an RFC 3339 time"))
}

#[cfg(test)]
mod tests {
    use crate::validation::parse_json;

    #[derive(Debug, serde::Deserialize, serde::Serialize)]
    struct Stamped {
        #[serde(with = "super::rfc3339")]
        at: chrono::DateTime<chrono::FixedOffset>,
        #[serde(default, with = "super::rfc3339_option")]
        until: Option<chrono::DateTime<chrono::FixedOffset>>,
    }

    fn at(text: &str) -> Result<String, String> {
        parse_json::<Stamped>(&format!(r#"{{"at": "{text}"}}"#))
            .map(|s| s.at.to_rfc3339())
            .map_err(|e| format!("{}:{}", e.errors()[0].field, e.errors()[0].code))
    }

    #[test]
    fn rfc3339_times_are_read_with_their_offset() {
        assert_eq!(
            at("2026-11-23T16:05:00+01:00").unwrap(),
            "2026-11-23T16:05:00+01:00"
        );
        assert_eq!(
            at("2026-11-23T16:05:00Z").unwrap(),
            "2026-11-23T16:05:00+00:00"
        );
        assert_eq!(
            at("2026-11-23 16:05:00.250-05:30").unwrap(),
            "2026-11-23T16:05:00.250-05:30"
        );
        assert_eq!(
            at("2026-11-23t16:05:00z").unwrap(),
            "2026-11-23T16:05:00+00:00"
        );
    }

    #[test]
    fn anything_else_is_named_as_the_wrong_type() {
        for bad in [
            "2026-11-23T16:05:00",
            "2026-11-23",
            "2026-11-23 16:05:00 UTC",
            "2026-1-23T16:05:00Z",
            "2026-11-31T16:05:00Z",
            "yesterday",
        ] {
            assert_eq!(at(bad), Err("at:wrong_type".into()), "{bad}");
        }
        let errors = parse_json::<Stamped>(r#"{"at": 5}"#).unwrap_err();
        assert_eq!(errors.errors()[0].code, "wrong_type");
    }

    #[test]
    fn an_optional_time_may_be_missing_or_null_but_not_broken() {
        let at = r#""at": "2026-11-23T16:05:00Z""#;
        assert!(
            parse_json::<Stamped>(&format!("{{{at}}}"))
                .unwrap()
                .until
                .is_none()
        );
        assert!(
            parse_json::<Stamped>(&format!(r#"{{{at}, "until": null}}"#))
                .unwrap()
                .until
                .is_none()
        );
        let until = parse_json::<Stamped>(&format!(r#"{{{at}, "until": "2026-11-30T09:00:00Z"}}"#));
        assert_eq!(
            until.unwrap().until.unwrap().to_rfc3339(),
            "2026-11-30T09:00:00+00:00"
        );
        let errors = parse_json::<Stamped>(&format!(r#"{{{at}, "until": "soon"}}"#)).unwrap_err();
        assert_eq!(errors.errors()[0].field, "until");
    }
}
