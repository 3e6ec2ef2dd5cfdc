//! Time-ordered record ids made on the device.
//!
//! A device creates records offline, so ids cannot come from the server. The
//! id is a ULID: 48 bits of milliseconds since 1970 then 80 random bits, in
//! Crockford base32 (26 characters). Ids sort by creation time, and the core
//! stays pure because the caller supplies both the time and the randomness.

use serde::{Deserialize, Serialize};
use std::fmt;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const RECORD_ID_LEN: usize = 26;
const MAX_UNIX_MS: u64 = (1 << 48) - 1;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, as = "String"))]
pub struct RecordId(String);

impl Serialize for RecordId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

// Checked while parsing, so a malformed id is refused before it is used.
impl<'de> Deserialize<'de> for RecordId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        RecordId::parse(&text).ok_or_else(|| serde::de::Error::custom("not a record id"))
    }
}

impl RecordId {
    /// Builds an id from milliseconds since 1970 and 10 random bytes.
    /// Times beyond the year 10889 are clamped rather than wrapped.
    pub fn generate(unix_ms: u64, entropy: [u8; 10]) -> RecordId {
        let mut value: u128 = u128::from(unix_ms.min(MAX_UNIX_MS)) << 80;
        for (i, byte) in entropy.iter().enumerate() {
            value |= u128::from(*byte) << (8 * (9 - i));
        }
        let mut text = [0u8; RECORD_ID_LEN];
        for (i, slot) in text.iter_mut().enumerate() {
            let shift = 5 * (RECORD_ID_LEN - 1 - i);
            *slot = ALPHABET[((value >> shift) & 0x1f) as usize];
        }
        RecordId(text.iter().map(|&b| b as char).collect())
    }

    /// Checks text received from elsewhere. Lower case is accepted and
    /// normalised, as Crockford base32 allows.
    pub fn parse(text: &str) -> Option<RecordId> {
        let upper = text.to_ascii_uppercase();
        let bytes = upper.as_bytes();
        // The first character carries only 3 bits of the 128.
        let fits = bytes.len() == RECORD_ID_LEN && bytes[0] <= b'7';
        (fits && bytes.iter().all(|b| ALPHABET.contains(b))).then_some(RecordId(upper))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Milliseconds since 1970 at which the id was made.
    pub fn unix_ms(&self) -> u64 {
        self.0.as_bytes()[..10].iter().fold(0u64, |acc, b| {
            let digit = ALPHABET.iter().position(|a| a == b).unwrap_or(0) as u64;
            (acc << 5) | digit
        })
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_26_characters_and_parse_back() {
        let id = RecordId::generate(1_763_900_000_000, [7; 10]);
        assert_eq!(id.as_str().len(), RECORD_ID_LEN);
        assert_eq!(RecordId::parse(id.as_str()), Some(id.clone()));
        assert_eq!(id.unix_ms(), 1_763_900_000_000);
    }

    #[test]
    fn ids_sort_by_time_whatever_the_randomness() {
        let earlier = RecordId::generate(1_000, [255; 10]);
        let later = RecordId::generate(1_001, [0; 10]);
        assert!(earlier < later);
    }

    #[test]
    fn the_same_inputs_give_the_same_id() {
        assert_eq!(
            RecordId::generate(42, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
            RecordId::generate(42, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        );
    }

    #[test]
    fn lower_case_is_normalised() {
        let id = RecordId::generate(5, [9; 10]);
        let lower = id.as_str().to_ascii_lowercase();
        assert_eq!(RecordId::parse(&lower), Some(id));
    }

    #[test]
    fn malformed_ids_are_refused() {
        assert_eq!(RecordId::parse(""), None);
        assert_eq!(
            RecordId::parse("01ARZ3NDEKTSV4RRFFQ69G5FA"),
            None,
            "25 characters"
        );
        assert_eq!(
            RecordId::parse("01ARZ3NDEKTSV4RRFFQ69G5FAVX"),
            None,
            "27 characters"
        );
        assert_eq!(
            RecordId::parse("01ARZ3NDEKTSV4RRFFQ69G5FAU"),
            None,
            "U is not Crockford"
        );
        assert_eq!(
            RecordId::parse("81ARZ3NDEKTSV4RRFFQ69G5FAV"),
            None,
            "overflows 128 bits"
        );
    }
}
