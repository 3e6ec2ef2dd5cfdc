//! The fixed vocabulary of feelings a young person can pick from.

use serde::{Deserialize, Serialize};

/// A feeling, pleasant or unpleasant. The list is fixed so check-ins can be
/// compared over time and strategies can say which feelings they suit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Feeling {
    Happy,
    Calm,
    Proud,
    Hopeful,
    Excited,
    Grateful,
    Worried,
    Sad,
    Angry,
    Lonely,
    Stressed,
    Scared,
    Embarrassed,
    Tired,
    Overwhelmed,
    Numb,
}

impl Feeling {
    pub const ALL: [Feeling; 16] = [
        Feeling::Happy,
        Feeling::Calm,
        Feeling::Proud,
        Feeling::Hopeful,
        Feeling::Excited,
        Feeling::Grateful,
        Feeling::Worried,
        Feeling::Sad,
        Feeling::Angry,
        Feeling::Lonely,
        Feeling::Stressed,
        Feeling::Scared,
        Feeling::Embarrassed,
        Feeling::Tired,
        Feeling::Overwhelmed,
        Feeling::Numb,
    ];

    /// The word shown to the young person.
    pub fn label(self) -> &'static str {
        match self {
            Feeling::Happy => "Happy",
            Feeling::Calm => "Calm",
            Feeling::Proud => "Proud",
            Feeling::Hopeful => "Hopeful",
            Feeling::Excited => "Excited",
            Feeling::Grateful => "Thankful",
            Feeling::Worried => "Worried",
            Feeling::Sad => "Sad",
            Feeling::Angry => "Angry",
            Feeling::Lonely => "Lonely",
            Feeling::Stressed => "Stressed",
            Feeling::Scared => "Scared",
            Feeling::Embarrassed => "Embarrassed",
            Feeling::Tired => "Tired",
            Feeling::Overwhelmed => "Too much",
            Feeling::Numb => "Numb",
        }
    }

    pub fn is_pleasant(self) -> bool {
        matches!(
            self,
            Feeling::Happy
                | Feeling::Calm
                | Feeling::Proud
                | Feeling::Hopeful
                | Feeling::Excited
                | Feeling::Grateful
        )
    }
}

/// A feeling as the web client lists it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct FeelingOption {
    pub feeling: Feeling,
    pub label: &'static str,
    pub pleasant: bool,
}

pub fn feeling_options() -> Vec<FeelingOption> {
    Feeling::ALL
        .iter()
        .map(|&feeling| FeelingOption {
            feeling,
            label: feeling.label(),
            pleasant: feeling.is_pleasant(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_vocabulary_has_sixteen_distinct_feelings_with_distinct_labels() {
        let names: BTreeSet<_> = Feeling::ALL.iter().collect();
        let labels: BTreeSet<_> = Feeling::ALL.iter().map(|f| f.label()).collect();
        assert_eq!(names.len(), 16);
        assert_eq!(labels.len(), 16);
    }

    #[test]
    fn the_vocabulary_has_pleasant_and_unpleasant_feelings() {
        let pleasant = Feeling::ALL.iter().filter(|f| f.is_pleasant()).count();
        assert!((4..=12).contains(&pleasant), "{pleasant} pleasant");
    }

    #[test]
    fn feelings_serialise_as_snake_case_words() {
        assert_eq!(
            serde_json::to_string(&Feeling::Overwhelmed).unwrap(),
            "\"overwhelmed\""
        );
    }
}
