//! Crisis contacts per region, from `data/crisis_contacts.json`: what each
//! is for, how to reach it and when. They work offline (call and text links
//! need no data). UK is the default region.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::data_file::{self, DataFileError};

use serde::{Deserialize, Serialize};

/// The shipped data file, as text.
pub const CATALOGUE_JSON: &str = include_str!("../data/crisis_contacts.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ContactMethod {
    Call,
    Text,
    Web,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ContactWay {
    pub how: ContactMethod,
    pub label: String,
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct CrisisContact {
    pub id: String,
    pub name: String,
    pub for_what: String,
    pub hours: String,
    #[serde(default)]
    pub emergency: bool,
    pub ways: Vec<ContactWay>,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct CrisisCatalogue {
    pub version: u32,
    pub notes: String,
    pub default_region: String,
    pub regions: BTreeMap<String, Vec<CrisisContact>>,
}

/// The shipped contacts, parsed and checked once.
pub fn catalogue() -> Result<&'static CrisisCatalogue, &'static DataFileError> {
    static CATALOGUE: OnceLock<Result<CrisisCatalogue, DataFileError>> = OnceLock::new();
    CATALOGUE
        .get_or_init(|| data_file::load("crisis contacts", CATALOGUE_JSON, CrisisCatalogue::check))
        .as_ref()
}

impl CrisisCatalogue {
    pub fn check(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        if !self.regions.contains_key(&self.default_region) {
            problems.push("the default region has no contacts".to_owned());
        }
        for contact in self.regions.values().flatten() {
            if contact.ways.is_empty() {
                problems.push(format!("{} has no way to reach it", contact.id));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// The contacts for `region`, or the default region's when it has none.
    pub fn for_region(&self, region: &str) -> &[CrisisContact] {
        self.regions
            .get(region)
            .or_else(|| self.regions.get(&self.default_region))
            .map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uk() -> &'static [CrisisContact] {
        catalogue().unwrap().for_region("uk")
    }

    fn hrefs(id: &str) -> Vec<&'static str> {
        uk().iter()
            .find(|c| c.id == id)
            .unwrap()
            .ways
            .iter()
            .map(|w| w.href.as_str())
            .collect()
    }

    #[test]
    fn uk_numbers_are_exactly_the_confirmed_ones() {
        assert_eq!(hrefs("childline")[0], "tel:08001111");
        assert_eq!(hrefs("shout"), ["sms:85258?body=SHOUT"]);
        assert_eq!(hrefs("samaritans"), ["tel:116123"]);
        assert_eq!(
            hrefs("papyrus"),
            ["tel:08000684141"],
            "phone only: its text number is unverified"
        );
        assert_eq!(hrefs("nhs_111"), ["tel:111"]);
        assert_eq!(hrefs("emergency"), ["tel:999"]);
    }

    #[test]
    fn labels_say_the_same_number_as_the_link() {
        for contact in uk() {
            for way in &contact.ways {
                if let Some(number) = way.href.strip_prefix("tel:") {
                    let digits: String = way.label.chars().filter(char::is_ascii_digit).collect();
                    assert_eq!(digits, number, "{}", contact.id);
                }
            }
        }
    }

    #[test]
    fn every_contact_can_be_reached_and_says_what_it_is_for() {
        for contact in uk() {
            assert!(!contact.ways.is_empty(), "{}", contact.id);
            assert!(
                !contact.for_what.is_empty()
                    && !contact.hours.is_empty()
                    && !contact.source.is_empty()
            );
        }
        assert_eq!(uk().iter().filter(|c| c.emergency).count(), 1);
    }

    #[test]
    fn an_unknown_region_falls_back_to_the_uk() {
        assert_eq!(catalogue().unwrap().for_region("atlantis"), uk());
    }

    #[test]
    fn round_the_clock_is_claimed_only_where_it_is_confirmed() {
        for contact in uk() {
            let claims = contact.hours.contains("Any time");
            let confirmed = ["shout", "nhs_111", "emergency"].contains(&contact.id.as_str());
            assert_eq!(claims, confirmed, "{}", contact.id);
        }
    }

    #[test]
    fn nothing_unverified_is_listed() {
        let text = CATALOGUE_JSON;
        for unverified in ["0808 802 5544", "88247", "07786", "07860"] {
            assert!(!text.contains(unverified), "{unverified} is not verified");
        }
    }
}
