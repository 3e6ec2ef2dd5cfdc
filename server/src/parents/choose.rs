//! Which tip a parent gets next: one on their topics that suits their
//! children's ages and that they have not had before; once they have had
//! every one that fits, the one they had longest ago.

use chrono::NaiveDateTime;
use lantern_core::AgeBand;

use crate::tips::{Tip, TipCatalogue, Topic};

/// `bands` empty means any age. `history` is (tip id, when sent).
pub fn next_tip<'a>(
    catalogue: &'a TipCatalogue,
    topics: &[Topic],
    bands: &[AgeBand],
    history: &[(String, NaiveDateTime)],
) -> Option<&'a Tip> {
    let last_sent = |tip: &Tip| {
        history
            .iter()
            .filter(|(id, _)| *id == tip.id)
            .map(|(_, at)| *at)
            .max()
    };
    let fitting = catalogue.tips.iter().filter(|tip| {
        topics.contains(&tip.topic)
            && (bands.is_empty() || bands.iter().any(|band| tip.age_bands.contains(band)))
    });
    // `None` (never sent) sorts before any time; ties keep file order.
    fitting.min_by_key(|tip| last_sent(tip))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tips::catalogue;
    use chrono::DateTime;

    fn at(seconds: i64) -> NaiveDateTime {
        DateTime::from_timestamp(seconds, 0).unwrap().naive_utc()
    }

    #[test]
    fn unseen_tips_of_the_chosen_topics_and_ages_come_first_in_file_order() {
        let tips = catalogue().unwrap();
        let band = AgeBand::TenToTwelve;
        let fitting = tips.for_topics(&[Topic::Sleep], band);
        assert!(fitting.len() >= 2);
        let first = next_tip(tips, &[Topic::Sleep], &[band], &[]).unwrap();
        assert_eq!(first.id, fitting[0].id);
        let history = vec![(first.id.clone(), at(100))];
        let second = next_tip(tips, &[Topic::Sleep], &[band], &history).unwrap();
        assert_eq!(second.id, fitting[1].id);
        assert_eq!(second.topic, Topic::Sleep);
        assert!(second.age_bands.contains(&band));
    }

    #[test]
    fn when_all_were_sent_the_least_recently_sent_comes_again() {
        let tips = catalogue().unwrap();
        let band = AgeBand::SixteenToEighteen;
        let fitting = tips.for_topics(&[Topic::Exams], band);
        let history: Vec<(String, NaiveDateTime)> = fitting
            .iter()
            .enumerate()
            .rev()
            .map(|(i, tip)| (tip.id.clone(), at(1_000 - i as i64)))
            .collect();
        // The last in file order was sent earliest.
        let again = next_tip(tips, &[Topic::Exams], &[band], &history).unwrap();
        assert_eq!(again.id, fitting[fitting.len() - 1].id);
    }

    #[test]
    fn no_topics_means_no_tip() {
        let tips = catalogue().unwrap();
        assert!(next_tip(tips, &[], &[], &[]).is_none());
    }
}
