//! A time of day someone chose, in their own zone: when it next happens in
//! UTC and which local day an occurrence belongs to. "17:00" stays 17:00
//! on the wall clock across daylight-saving changes, and happens once per
//! local day (the first of a doubled hour; just past a skipped one).

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

use super::schedule::{parse_clock_time, parse_time_zone, utc_of_local};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Daily {
    pub zone: Tz,
    pub time: NaiveTime,
}

impl Daily {
    /// From stored text: "HH:MM" and an IANA zone name.
    pub fn parse(time: &str, zone: &str) -> Option<Daily> {
        Some(Daily {
            zone: parse_time_zone(zone)?,
            time: parse_clock_time(time)?,
        })
    }

    /// The UTC instant of this time on a local date.
    pub fn on(&self, date: NaiveDate) -> NaiveDateTime {
        utc_of_local(self.zone, date.and_time(self.time))
    }

    /// The first occurrence strictly after `after` (UTC).
    pub fn next_after(&self, after: NaiveDateTime) -> NaiveDateTime {
        let today = self.zone.from_utc_datetime(&after).date_naive();
        // Yesterday's date too: a time pushed past a gap at midnight can
        // land on the next day.
        (-1..=2)
            .map(|offset| self.on(today + Duration::days(offset)))
            .find(|occurrence| *occurrence > after)
            // Unreachable: tomorrow's occurrence is always later than now.
            .unwrap_or(after + Duration::days(1))
    }

    /// The last occurrence at or before `at` (UTC).
    pub fn last_at_or_before(&self, at: NaiveDateTime) -> NaiveDateTime {
        let today = self.zone.from_utc_datetime(&at).date_naive();
        (-2..=1)
            .rev()
            .map(|offset| self.on(today + Duration::days(offset)))
            .find(|occurrence| *occurrence <= at)
            // Unreachable: the day before yesterday's is always earlier.
            .unwrap_or(at - Duration::days(1))
    }

    /// The local date an occurrence (UTC) falls on.
    pub fn local_day(&self, occurrence: NaiveDateTime) -> NaiveDate {
        self.zone.from_utc_datetime(&occurrence).date_naive()
    }

    /// "HH:MM", as stored and shown.
    pub fn time_text(&self) -> String {
        self.time.format("%H:%M").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(date: (i32, u32, u32), hour: u32, minute: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(date.0, date.1, date.2)
            .unwrap()
            .and_hms_opt(hour, minute, 0)
            .unwrap()
    }

    fn daily(time: &str, zone: &str) -> Daily {
        Daily::parse(time, zone).unwrap()
    }

    #[test]
    fn later_today_or_else_tomorrow() {
        let five = daily("17:00", "Europe/London");
        let morning = utc((2026, 1, 15), 9, 0);
        assert_eq!(five.next_after(morning), utc((2026, 1, 15), 17, 0));
        let at_five = utc((2026, 1, 15), 17, 0);
        assert_eq!(five.next_after(at_five), utc((2026, 1, 16), 17, 0));
    }

    #[test]
    fn the_last_occurrence_is_today_once_it_has_happened() {
        let five = daily("17:00", "Europe/London");
        assert_eq!(
            five.last_at_or_before(utc((2026, 1, 15), 17, 0)),
            utc((2026, 1, 15), 17, 0)
        );
        assert_eq!(
            five.last_at_or_before(utc((2026, 1, 15), 16, 59)),
            utc((2026, 1, 14), 17, 0)
        );
    }

    #[test]
    fn five_pm_in_london_moves_in_utc_with_the_clocks() {
        let five = daily("17:00", "Europe/London");
        // Clocks go forward on 29 March 2026 and back on 25 October.
        assert_eq!(
            five.next_after(utc((2026, 3, 28), 18, 0)),
            utc((2026, 3, 29), 16, 0)
        );
        assert_eq!(
            five.next_after(utc((2026, 10, 24), 17, 0)),
            utc((2026, 10, 25), 17, 0)
        );
    }

    #[test]
    fn a_doubled_time_happens_once_and_a_skipped_one_just_after_the_gap() {
        let half_one = daily("01:30", "Europe/London");
        let first = half_one.next_after(utc((2026, 10, 24), 12, 0));
        assert_eq!(first, utc((2026, 10, 25), 0, 30));
        assert_eq!(half_one.next_after(first), utc((2026, 10, 26), 1, 30));
        assert_eq!(
            half_one.next_after(utc((2026, 3, 28), 12, 0)),
            utc((2026, 3, 29), 1, 0)
        );
        assert_eq!(
            half_one.local_day(first),
            NaiveDate::from_ymd_opt(2026, 10, 25).unwrap()
        );
    }

    #[test]
    fn the_local_day_is_the_zones_not_utcs() {
        let sydney = daily("08:00", "Australia/Sydney");
        // 08:00 on 16 Jan in Sydney (AEDT, +11) is 21:00 UTC on the 15th.
        let occurrence = sydney.next_after(utc((2026, 1, 15), 12, 0));
        assert_eq!(occurrence, utc((2026, 1, 15), 21, 0));
        assert_eq!(
            sydney.local_day(occurrence),
            NaiveDate::from_ymd_opt(2026, 1, 16).unwrap()
        );
    }

    #[test]
    fn bad_text_is_refused() {
        assert!(Daily::parse("5pm", "Europe/London").is_none());
        assert!(Daily::parse("17:00", "Mars/Olympus").is_none());
    }
}
