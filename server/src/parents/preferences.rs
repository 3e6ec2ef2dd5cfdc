//! A parent's tip preferences: topics, a day and a wall-clock time in their
//! own time zone, and how often. The next send time is worked out in that
//! zone, so "Sundays at 18:00" stays 18:00 across a clock change.

use chrono::{Datelike, Days, NaiveDateTime, NaiveTime, TimeZone, Weekday};
use chrono_tz::Tz;
use lantern_core::{ValidationError, ValidationErrors};
use serde::{Deserialize, Serialize};

use super::parse_topic;
use crate::notify::schedule::{parse_clock_time, utc_of_local};
use crate::tips::Topic;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Weekly,
    /// The chosen day and three days later (Monday and Thursday, say).
    TwiceWeekly,
    Off,
}

impl Frequency {
    pub const ALL: [Frequency; 3] = [Frequency::Weekly, Frequency::TwiceWeekly, Frequency::Off];

    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Weekly => "weekly",
            Frequency::TwiceWeekly => "twice_weekly",
            Frequency::Off => "off",
        }
    }

    pub fn parse(text: &str) -> Option<Frequency> {
        Frequency::ALL.into_iter().find(|f| f.as_str() == text)
    }
}

const WEEKDAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "monday"),
    (Weekday::Tue, "tuesday"),
    (Weekday::Wed, "wednesday"),
    (Weekday::Thu, "thursday"),
    (Weekday::Fri, "friday"),
    (Weekday::Sat, "saturday"),
    (Weekday::Sun, "sunday"),
];

pub fn weekday_name(day: Weekday) -> &'static str {
    WEEKDAYS
        .iter()
        .find(|(d, _)| *d == day)
        .map_or("sunday", |(_, name)| name)
}

pub fn parse_weekday(text: &str) -> Option<Weekday> {
    WEEKDAYS
        .iter()
        .find(|(_, name)| *name == text)
        .map(|(day, _)| *day)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preferences {
    pub topics: Vec<Topic>,
    pub weekday: Weekday,
    pub time: NaiveTime,
    pub frequency: Frequency,
}

impl Preferences {
    /// What a new parent gets until they choose: one tip a week, on Sunday
    /// early evening, on the everyday topics. Topics that could alarm a
    /// parent who has no reason to expect them (self-harm, bereavement)
    /// are theirs to choose.
    pub fn defaults() -> Preferences {
        Preferences {
            topics: vec![
                Topic::Anxiety,
                Topic::LowMood,
                Topic::Sleep,
                Topic::Exams,
                Topic::FriendshipsAndBullying,
                Topic::OnlineLife,
                Topic::LookingAfterYourself,
            ],
            weekday: Weekday::Sun,
            time: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN),
            frequency: Frequency::Weekly,
        }
    }

    /// The days of the week tips go out on.
    fn days(&self) -> Vec<Weekday> {
        match self.frequency {
            Frequency::Weekly => vec![self.weekday],
            Frequency::TwiceWeekly => {
                vec![self.weekday, self.weekday.succ().succ().succ()]
            }
            Frequency::Off => Vec::new(),
        }
    }

    /// The first send time strictly after `after` (UTC), or None when tips
    /// are off. Worked out on the parent's calendar: the chosen day at the
    /// chosen wall-clock time, whatever the offset is that day.
    pub fn next_due(&self, zone: Tz, after: NaiveDateTime) -> Option<NaiveDateTime> {
        let days = self.days();
        let today = zone.from_utc_datetime(&after).date_naive();
        (0..=7u64)
            .filter_map(|offset| today.checked_add_days(Days::new(offset)))
            .filter(|date| days.contains(&date.weekday()))
            .map(|date| utc_of_local(zone, date.and_time(self.time)))
            .find(|at| *at > after)
    }

    pub fn topics_text(&self) -> String {
        self.topics
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Reads a stored row. Rows hold only checked values; anything
    /// unreadable falls back to the defaults rather than failing a send.
    pub fn from_stored(topics: &str, weekday: &str, time: &str, frequency: &str) -> Preferences {
        let defaults = Preferences::defaults();
        let topics: Vec<Topic> = topics.split(',').filter_map(parse_topic).collect();
        Preferences {
            topics: if topics.is_empty() {
                defaults.topics
            } else {
                topics
            },
            weekday: parse_weekday(weekday).unwrap_or(defaults.weekday),
            time: parse_clock_time(time).unwrap_or(defaults.time),
            frequency: Frequency::parse(frequency).unwrap_or(defaults.frequency),
        }
    }
}

/// What a parent sends to change their preferences.
#[derive(Debug, Deserialize)]
pub struct PreferencesForm {
    pub topics: Vec<String>,
    pub weekday: String,
    /// "HH:MM", local.
    pub time: String,
    pub frequency: String,
}

impl PreferencesForm {
    /// Every problem at once, each naming its field.
    pub fn check(&self) -> Result<Preferences, ValidationErrors> {
        let mut errors = Vec::new();
        let mut topics = Vec::new();
        for (i, name) in self.topics.iter().enumerate() {
            match parse_topic(name) {
                Some(topic) if !topics.contains(&topic) => topics.push(topic),
                Some(_) => {}
                None => errors.push(ValidationError::new(
                    format!("topics[{i}]"),
                    "unknown_topic",
                    "Pick topics from the list of tip topics.",
                )),
            }
        }
        let frequency = Frequency::parse(&self.frequency);
        if frequency.is_none() {
            errors.push(ValidationError::new(
                "frequency",
                "unknown_frequency",
                "Choose weekly, twice_weekly or off.",
            ));
        }
        if self.topics.is_empty() && frequency != Some(Frequency::Off) {
            errors.push(ValidationError::new(
                "topics",
                "no_topics",
                "Choose at least one topic, or turn tips off.",
            ));
        }
        let weekday = parse_weekday(&self.weekday);
        if weekday.is_none() {
            errors.push(ValidationError::new(
                "weekday",
                "unknown_weekday",
                "Choose a day, like sunday.",
            ));
        }
        let time = parse_clock_time(&self.time);
        if time.is_none() {
            errors.push(ValidationError::new(
                "time",
                "invalid_time",
                "Write the time as HH:MM, like 18:00.",
            ));
        }
        match (weekday, time, frequency) {
            (Some(weekday), Some(time), Some(frequency)) if errors.is_empty() => Ok(Preferences {
                topics,
                weekday,
                time,
                frequency,
            }),
            _ => Err(ValidationErrors(errors)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use chrono_tz::Europe::London;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    fn sundays_at_six() -> Preferences {
        Preferences::defaults()
    }

    #[test]
    fn the_next_send_is_the_coming_chosen_day_at_the_local_time() {
        // Wednesday 14 January 2026, noon: next Sunday is the 18th.
        let next = sundays_at_six().next_due(London, utc(2026, 1, 14, 12, 0));
        assert_eq!(next, Some(utc(2026, 1, 18, 18, 0)));
    }

    #[test]
    fn at_the_due_moment_the_next_is_a_week_on() {
        let due = utc(2026, 1, 18, 18, 0);
        assert_eq!(
            sundays_at_six().next_due(London, due),
            Some(utc(2026, 1, 25, 18, 0))
        );
    }

    #[test]
    fn a_week_on_across_the_clocks_going_back_is_the_same_local_time() {
        // 18 October 2026 18:00 BST is 17:00 UTC; the clocks go back on the
        // 25th, so 18:00 GMT that day is 18:00 UTC.
        let due = utc(2026, 10, 18, 17, 0);
        assert_eq!(
            sundays_at_six().next_due(London, due),
            Some(utc(2026, 10, 25, 18, 0))
        );
    }

    #[test]
    fn twice_a_week_is_the_day_and_three_days_later() {
        let prefs = Preferences {
            weekday: Weekday::Mon,
            frequency: Frequency::TwiceWeekly,
            ..Preferences::defaults()
        };
        // Monday 12 January 2026 18:00 → Thursday 15th → Monday 19th.
        let monday = utc(2026, 1, 12, 18, 0);
        let thursday = prefs.next_due(London, monday).unwrap();
        assert_eq!(thursday, utc(2026, 1, 15, 18, 0));
        assert_eq!(
            prefs.next_due(London, thursday),
            Some(utc(2026, 1, 19, 18, 0))
        );
    }

    #[test]
    fn off_is_never_due() {
        let prefs = Preferences {
            frequency: Frequency::Off,
            ..Preferences::defaults()
        };
        assert_eq!(prefs.next_due(London, utc(2026, 1, 1, 0, 0)), None);
    }

    #[test]
    fn stored_rows_round_trip_and_bad_ones_fall_back() {
        let prefs = sundays_at_six();
        let back = Preferences::from_stored(&prefs.topics_text(), "sunday", "18:00", "weekly");
        assert_eq!(back, prefs);
        let fallback = Preferences::from_stored("nonsense", "someday", "25:00", "hourly");
        assert_eq!(fallback, prefs);
    }

    #[test]
    fn a_bad_form_names_every_field_that_is_wrong() {
        let form = PreferencesForm {
            topics: vec!["sleep".into(), "homework".into()],
            weekday: "funday".into(),
            time: "6pm".into(),
            frequency: "hourly".into(),
        };
        let errors = form.check().unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["topics[1]", "frequency", "weekday", "time"]);
    }
}
