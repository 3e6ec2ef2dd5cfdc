//! What a young person tells Lantern about themselves when they join: a
//! display name they choose and an age band. No real name, email or date of
//! birth is ever asked for.

use serde::{Deserialize, Serialize};

use crate::validation::{ValidationError, ValidationErrors};

pub const DISPLAY_NAME_MAX_CHARS: usize = 30;

/// Age bands, so content can suit the young person without a birth date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub enum AgeBand {
    #[serde(rename = "10-12")]
    TenToTwelve,
    #[serde(rename = "13-15")]
    ThirteenToFifteen,
    #[serde(rename = "16-18")]
    SixteenToEighteen,
}

impl AgeBand {
    pub const ALL: [AgeBand; 3] = [
        AgeBand::TenToTwelve,
        AgeBand::ThirteenToFifteen,
        AgeBand::SixteenToEighteen,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AgeBand::TenToTwelve => "10-12",
            AgeBand::ThirteenToFifteen => "13-15",
            AgeBand::SixteenToEighteen => "16-18",
        }
    }

    pub fn parse(text: &str) -> Option<AgeBand> {
        AgeBand::ALL.into_iter().find(|band| band.as_str() == text)
    }
}

/// Trims the chosen name and checks it; returns the name to keep.
pub fn validate_display_name(name: &str) -> Result<String, ValidationErrors> {
    let trimmed = name.trim();
    let length = trimmed.chars().count();
    let error = |code: &str, message: String| {
        Err(ValidationErrors(vec![ValidationError::new(
            "display_name",
            code,
            message,
        )]))
    };
    if length == 0 {
        return error(
            "display_name_empty",
            "Choose a name for Lantern to call you.".into(),
        );
    }
    if length > DISPLAY_NAME_MAX_CHARS {
        return error(
            "display_name_too_long",
            format!("Names can be up to {DISPLAY_NAME_MAX_CHARS} characters."),
        );
    }
    if trimmed.chars().any(char::is_control) {
        return error(
            "display_name_invalid",
            "Use letters, numbers, spaces or emoji.".into(),
        );
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(validate_display_name("  Sky  ").unwrap(), "Sky");
        assert_eq!(
            validate_display_name("   ").unwrap_err().0[0].code,
            "display_name_empty"
        );
        let long = "a".repeat(DISPLAY_NAME_MAX_CHARS + 1);
        assert_eq!(
            validate_display_name(&long).unwrap_err().0[0].code,
            "display_name_too_long"
        );
        assert!(validate_display_name(&"🌟".repeat(DISPLAY_NAME_MAX_CHARS)).is_ok());
        assert_eq!(
            validate_display_name("a\u{0}b").unwrap_err().0[0].code,
            "display_name_invalid"
        );
    }

    #[test]
    fn age_bands_round_trip_through_their_names() {
        for band in AgeBand::ALL {
            assert_eq!(AgeBand::parse(band.as_str()), Some(band));
            assert_eq!(
                serde_json::to_string(&band).unwrap(),
                format!("\"{}\"", band.as_str())
            );
        }
        assert_eq!(AgeBand::parse("9"), None);
    }
}
