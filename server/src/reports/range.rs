//! A report covers whole calendar months: `from` and `to` are `YYYY-MM`.
//! Whole months, not any two days, so reports of ranges a day apart
//! cannot be subtracted to single out one young person's day.

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime};
use lantern_core::{ValidationError, ValidationErrors};

/// Two school years.
pub const MAX_MONTHS: u32 = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// The first day of the first month.
    pub start: NaiveDate,
    /// The first day after the last month.
    pub end: NaiveDate,
}

impl Range {
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<Range, ValidationErrors> {
        let month = |field: &str, text: Option<&str>| {
            let text = text.ok_or_else(|| {
                ValidationError::new(
                    field,
                    &format!("{field}_required"),
                    "Give a month, like 2026-09.",
                )
            })?;
            NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d")
                .ok()
                .filter(|_| text.len() == 7)
                .ok_or_else(|| {
                    ValidationError::new(
                        field,
                        &format!("invalid_{field}"),
                        "Give a month, like 2026-09.",
                    )
                })
        };
        let (start, last) = match (month("from", from), month("to", to)) {
            (Ok(start), Ok(last)) => (start, last),
            (start, last) => {
                return Err(ValidationErrors(
                    start.err().into_iter().chain(last.err()).collect(),
                ));
            }
        };
        if last < start {
            return Err(ValidationErrors(vec![ValidationError::new(
                "to",
                "range_reversed",
                "The last month comes before the first.",
            )]));
        }
        let end = last + Months::new(1);
        if start + Months::new(MAX_MONTHS) < end {
            return Err(ValidationErrors(vec![ValidationError::new(
                "to",
                "range_too_long",
                format!("A report covers at most {MAX_MONTHS} months."),
            )]));
        }
        Ok(Range { start, end })
    }

    pub fn contains(&self, at: NaiveDateTime) -> bool {
        self.start_time() <= at && at < self.end_time()
    }

    pub fn start_time(&self) -> NaiveDateTime {
        self.start.and_hms_opt(0, 0, 0).unwrap_or_default()
    }

    pub fn end_time(&self) -> NaiveDateTime {
        self.end.and_hms_opt(0, 0, 0).unwrap_or_default()
    }

    /// The first day of each month in the range.
    pub fn months(&self) -> Vec<NaiveDate> {
        let mut months = vec![];
        let mut month = self.start;
        while month < self.end {
            months.push(month);
            month = month + Months::new(1);
        }
        months
    }
}

/// "September 2026".
pub fn month_name(month: NaiveDate) -> String {
    format!("{} {}", month.format("%B"), month.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_months_from_the_first_to_after_the_last() {
        let range = Range::parse(Some("2026-09"), Some("2026-11")).unwrap();
        assert_eq!(range.start, NaiveDate::from_ymd_opt(2026, 9, 1).unwrap());
        assert_eq!(range.end, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        assert_eq!(range.months().len(), 3);
        assert_eq!(month_name(range.months()[0]), "September 2026");
    }

    #[test]
    fn bad_months_are_named() {
        let codes = |from, to| {
            Range::parse(from, to)
                .unwrap_err()
                .0
                .into_iter()
                .map(|e| e.code)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            codes(None, Some("2026-13")),
            ["from_required", "invalid_to"]
        );
        assert_eq!(codes(Some("2026-9"), Some("2026-10")), ["invalid_from"]);
        assert_eq!(codes(Some("2026-10"), Some("2026-09")), ["range_reversed"]);
        assert_eq!(codes(Some("2024-01"), Some("2026-01")), ["range_too_long"]);
        assert!(
            Range::parse(Some("2024-02"), Some("2026-01")).is_ok(),
            "24 months"
        );
    }
}
