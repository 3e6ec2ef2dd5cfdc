//! When to try again after a push service said "not now" or did not
//! answer: as told by `Retry-After`, else exponential back-off with jitter
//! so that many senders retrying do not arrive together.

use std::time::Duration;

use chrono::{DateTime, NaiveDateTime};

/// A wait the push service asked for is kept to at most a day; past that
/// every push we send has expired anyway.
const LONGEST_ASKED: Duration = Duration::from_secs(24 * 60 * 60);
/// Never straight back: at least a second, so one round never sees the
/// same push twice.
const SHORTEST: Duration = Duration::from_secs(1);

/// The wait after the `attempts`-th failed try (1 for the first): half of
/// `base · 2^(attempts-1)` (capped at `max`) plus a random part of the
/// other half, `jitter` in [0, 1). So each wait is at least the previous
/// one's ceiling: waits never shrink.
pub fn backoff(attempts: i32, base: Duration, max: Duration, jitter: f64) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
    let ceiling = base.saturating_mul(1u32 << doublings).min(max);
    let half = ceiling / 2;
    (half + half.mul_f64(jitter.clamp(0.0, 1.0))).max(SHORTEST)
}

/// `Retry-After`: seconds, or an HTTP date (RFC 9110), read against `now`.
pub fn retry_after(value: &str, now: NaiveDateTime) -> Option<Duration> {
    let value = value.trim();
    let wait = if let Ok(seconds) = value.parse::<u64>() {
        Duration::from_secs(seconds)
    } else {
        let at = DateTime::parse_from_rfc2822(value).ok()?.naive_utc();
        (at - now).to_std().unwrap_or(Duration::ZERO)
    };
    Some(wait.clamp(SHORTEST, LONGEST_ASKED))
}

/// A random number in [0, 1) for jitter; 0.5 if the system has none.
pub fn jitter() -> f64 {
    let mut bytes = [0u8; 4];
    if getrandom::fill(&mut bytes).is_err() {
        return 0.5;
    }
    f64::from(u32::from_le_bytes(bytes)) / (f64::from(u32::MAX) + 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const BASE: Duration = Duration::from_secs(30);
    const MAX: Duration = Duration::from_secs(3600);

    #[test]
    fn waits_double_and_never_shrink_whatever_the_jitter() {
        let mut previous_ceiling = Duration::ZERO;
        for attempts in 1..=10 {
            let low = backoff(attempts, BASE, MAX, 0.0);
            let high = backoff(attempts, BASE, MAX, 0.999_999);
            assert!(low >= previous_ceiling.min(MAX / 2), "{attempts}");
            assert!(high <= MAX);
            previous_ceiling = high;
        }
        assert_eq!(backoff(1, BASE, MAX, 0.0), Duration::from_secs(15));
        assert_eq!(backoff(2, BASE, MAX, 0.0), Duration::from_secs(30));
        assert_eq!(backoff(3, BASE, MAX, 0.0), Duration::from_secs(60));
        assert_eq!(backoff(50, BASE, MAX, 0.0), MAX / 2);
        assert_eq!(backoff(0, Duration::from_millis(10), MAX, 0.0), SHORTEST);
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(8, 49, 0)
            .unwrap();
        assert_eq!(retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("Tue, 24 Nov 2026 08:49:37 GMT", now),
            Some(Duration::from_secs(37))
        );
        assert_eq!(
            retry_after("Tue, 24 Nov 2026 08:00:00 GMT", now),
            Some(SHORTEST)
        );
        assert_eq!(retry_after("0", now), Some(SHORTEST));
        assert_eq!(retry_after("9999999", now), Some(LONGEST_ASKED));
        assert_eq!(retry_after("soon", now), None);
    }

    #[test]
    fn jitter_stays_in_range() {
        for _ in 0..100 {
            let j = jitter();
            assert!((0.0..1.0).contains(&j));
        }
    }
}
