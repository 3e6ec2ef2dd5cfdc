//! When someone may be disturbed: their time zone and quiet hours. Times
//! are wall-clock times in the person's own zone, so "quiet until 07:00"
//! stays 07:00 across a clock change.

use std::str::FromStr;

use chrono::{Duration, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

use crate::db::users::Role;

pub const DEFAULT_TIME_ZONE: Tz = chrono_tz::Europe::London;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl QuietHours {
    /// 21:00–07:00, the default for young people and parents.
    pub fn night() -> QuietHours {
        QuietHours {
            start: NaiveTime::MIN + Duration::hours(21),
            end: NaiveTime::MIN + Duration::hours(7),
        }
    }

    /// Whether a local time falls inside; the window may cross midnight.
    pub fn contains(&self, time: NaiveTime) -> bool {
        match self.start.cmp(&self.end) {
            std::cmp::Ordering::Less => time >= self.start && time < self.end,
            std::cmp::Ordering::Greater => time >= self.start || time < self.end,
            std::cmp::Ordering::Equal => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub time_zone: Tz,
    pub quiet: Option<QuietHours>,
}

impl Schedule {
    /// What applies to someone who has not chosen: young people and parents
    /// are left alone at night; staff have no quiet hours (alerts to them
    /// never wait anyway).
    pub fn default_for(role: Role) -> Schedule {
        let quiet = match role {
            Role::YoungPerson | Role::Parent => Some(QuietHours::night()),
            Role::Worker | Role::ServiceLead | Role::Admin => None,
        };
        Schedule {
            time_zone: DEFAULT_TIME_ZONE,
            quiet,
        }
    }

    /// The first moment at or after `at` (UTC) outside quiet hours, in UTC.
    pub fn next_allowed(&self, at: NaiveDateTime) -> NaiveDateTime {
        let Some(quiet) = self.quiet else {
            return at;
        };
        let local = self.time_zone.from_utc_datetime(&at).naive_local();
        if !quiet.contains(local.time()) {
            return at;
        }
        // Inside the window: it ends today, or tomorrow if it began today
        // and crosses midnight.
        let crosses_midnight = quiet.start > quiet.end;
        let end_date = if crosses_midnight && local.time() >= quiet.start {
            local.date() + Duration::days(1)
        } else {
            local.date()
        };
        utc_of_local(self.time_zone, end_date.and_time(quiet.end)).max(at)
    }
}

/// The UTC instant of a wall-clock time in a zone. A time that happens
/// twice (clocks going back) is its first; a time that never happens
/// (clocks going forward) moves on past the gap.
pub fn utc_of_local(zone: Tz, local: NaiveDateTime) -> NaiveDateTime {
    let mut candidate = local;
    // A gap is at most a few hours anywhere; step through it.
    for _ in 0..(6 * 4) {
        if let Some(resolved) = zone.from_local_datetime(&candidate).earliest() {
            return resolved.naive_utc();
        }
        candidate += Duration::minutes(15);
    }
    // Unreachable for real zones; fall back to reading it as UTC.
    local
}

/// Parses an IANA zone name ("Europe/London").
pub fn parse_time_zone(text: &str) -> Option<Tz> {
    Tz::from_str(text.trim()).ok()
}

/// Parses a wall-clock time written "HH:MM".
pub fn parse_clock_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    if text.len() != 5 {
        return None;
    }
    NaiveTime::parse_from_str(text, "%H:%M").ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn utc(date: (i32, u32, u32), hour: u32, minute: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(date.0, date.1, date.2)
            .unwrap()
            .and_hms_opt(hour, minute, 0)
            .unwrap()
    }

    fn young_person() -> Schedule {
        Schedule::default_for(Role::YoungPerson)
    }

    #[test]
    fn daytime_is_not_delayed() {
        let at = utc((2026, 1, 15), 12, 0);
        assert_eq!(young_person().next_allowed(at), at);
    }

    #[test]
    fn late_evening_waits_until_seven_the_next_morning() {
        // 22:30 in London in January is 22:30 UTC.
        let at = utc((2026, 1, 15), 22, 30);
        assert_eq!(young_person().next_allowed(at), utc((2026, 1, 16), 7, 0));
    }

    #[test]
    fn early_morning_waits_until_seven_the_same_morning() {
        let at = utc((2026, 1, 16), 5, 59);
        assert_eq!(young_person().next_allowed(at), utc((2026, 1, 16), 7, 0));
    }

    #[test]
    fn quiet_hours_follow_local_time_in_summer() {
        // 20:30 UTC in July is 21:30 BST: quiet until 07:00 BST = 06:00 UTC.
        let at = utc((2026, 7, 1), 20, 30);
        assert_eq!(young_person().next_allowed(at), utc((2026, 7, 2), 6, 0));
    }

    #[test]
    fn the_morning_after_the_clocks_go_forward_is_seven_local() {
        // 29 March 2026, 01:00 UTC the clocks go forward. 22:00 UTC on the
        // 28th is 22:00 GMT; the end is 07:00 BST on the 29th = 06:00 UTC.
        let at = utc((2026, 3, 28), 22, 0);
        assert_eq!(young_person().next_allowed(at), utc((2026, 3, 29), 6, 0));
    }

    #[test]
    fn staff_have_no_quiet_hours_by_default() {
        let at = utc((2026, 1, 15), 23, 0);
        assert_eq!(Schedule::default_for(Role::Worker).next_allowed(at), at);
    }

    #[test]
    fn a_daytime_window_that_does_not_cross_midnight_works() {
        let schedule = Schedule {
            time_zone: chrono_tz::UTC,
            quiet: Some(QuietHours {
                start: parse_clock_time("09:00").unwrap(),
                end: parse_clock_time("15:30").unwrap(),
            }),
        };
        assert_eq!(
            schedule.next_allowed(utc((2026, 5, 5), 10, 0)),
            utc((2026, 5, 5), 15, 30)
        );
        assert_eq!(
            schedule.next_allowed(utc((2026, 5, 5), 16, 0)),
            utc((2026, 5, 5), 16, 0)
        );
    }

    #[test]
    fn a_time_that_never_happens_moves_past_the_gap() {
        // 01:30 on 29 March 2026 does not exist in London.
        let local = utc((2026, 3, 29), 1, 30);
        assert_eq!(
            utc_of_local(DEFAULT_TIME_ZONE, local),
            utc((2026, 3, 29), 1, 0)
        );
    }

    #[test]
    fn a_time_that_happens_twice_is_the_first() {
        // 01:30 on 25 October 2026 happens in BST (00:30 UTC) and in GMT.
        let local = utc((2026, 10, 25), 1, 30);
        assert_eq!(
            utc_of_local(DEFAULT_TIME_ZONE, local),
            utc((2026, 10, 25), 0, 30)
        );
    }

    #[test]
    fn clock_times_and_zones_are_parsed_strictly() {
        assert!(parse_clock_time("07:00").is_some());
        assert!(parse_clock_time("7:00").is_none());
        assert!(parse_clock_time("25:00").is_none());
        assert!(parse_clock_time("07:00:00").is_none());
        assert_eq!(parse_time_zone("Europe/London"), Some(DEFAULT_TIME_ZONE));
        assert!(parse_time_zone("Mars/Olympus").is_none());
    }
}
