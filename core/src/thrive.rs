//! The THRIVE framework's groupings (Wolpert et al., Anna Freud Centre):
//! how much and what kind of help a young person needs now. It is agreed
//! between the worker and the young person, never computed: support, not
//! prediction.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ThriveGrouping {
    Thriving,
    GettingAdvice,
    GettingHelp,
    GettingMoreHelp,
    GettingRiskSupport,
}

impl ThriveGrouping {
    pub const ALL: [ThriveGrouping; 5] = [
        ThriveGrouping::Thriving,
        ThriveGrouping::GettingAdvice,
        ThriveGrouping::GettingHelp,
        ThriveGrouping::GettingMoreHelp,
        ThriveGrouping::GettingRiskSupport,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ThriveGrouping::Thriving => "thriving",
            ThriveGrouping::GettingAdvice => "getting_advice",
            ThriveGrouping::GettingHelp => "getting_help",
            ThriveGrouping::GettingMoreHelp => "getting_more_help",
            ThriveGrouping::GettingRiskSupport => "getting_risk_support",
        }
    }

    pub fn parse(text: &str) -> Option<ThriveGrouping> {
        ThriveGrouping::ALL
            .into_iter()
            .find(|grouping| grouping.as_str() == text)
    }

    /// The framework's own name, for workers and reports.
    pub fn title(self) -> &'static str {
        match self {
            ThriveGrouping::Thriving => "Thriving",
            ThriveGrouping::GettingAdvice => "Getting Advice and Signposting",
            ThriveGrouping::GettingHelp => "Getting Help",
            ThriveGrouping::GettingMoreHelp => "Getting More Help",
            ThriveGrouping::GettingRiskSupport => "Getting Risk Support",
        }
    }

    /// What it means, in words a young person can read with their worker.
    pub fn plain_words(self) -> &'static str {
        match self {
            ThriveGrouping::Thriving => {
                "Things are going okay. You know where to find help if you need it."
            }
            ThriveGrouping::GettingAdvice => {
                "A little help is useful now: ideas to try and places to go for support."
            }
            ThriveGrouping::GettingHelp => {
                "You and your worker are working on something together, with a plan and goals."
            }
            ThriveGrouping::GettingMoreHelp => {
                "Things are hard, so you get more help, sometimes from more than one person."
            }
            ThriveGrouping::GettingRiskSupport => {
                "Your worker and others are keeping a close eye to help keep you safe right now."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grouping_round_trips_by_its_name() {
        for grouping in ThriveGrouping::ALL {
            assert_eq!(ThriveGrouping::parse(grouping.as_str()), Some(grouping));
            let json = serde_json::to_string(&grouping).unwrap();
            assert_eq!(json, format!("\"{}\"", grouping.as_str()));
        }
        assert_eq!(ThriveGrouping::parse("high_risk"), None);
    }

    #[test]
    fn plain_words_carry_no_risk_labels() {
        for grouping in ThriveGrouping::ALL {
            let words = grouping.plain_words().to_lowercase();
            for banned in ["risk", "score", "level"] {
                assert!(!words.contains(banned), "{grouping:?}: {words}");
            }
        }
    }
}
