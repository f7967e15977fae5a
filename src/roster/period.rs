//! Durations as a coach writes them: `10d`, `2w`, `3m`, or `weekly` and friends.
//!
//! Months are calendar months, so they are kept apart from days: adding a month to
//! 31 January gives 28 (or 29) February, as chrono's `checked_add_months` does.

use std::fmt;

use chrono::{Days, Months, NaiveDate};

/// A length of time: a number of days or of calendar months.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Period {
    Days(u32),
    Months(u32),
}

/// The longest period accepted anywhere: a hundred years. Longer is a typo, and keeping
/// periods small keeps every date sum far away from chrono's limits.
const MAX_DAYS: u32 = 36_500;
const MAX_MONTHS: u32 = 1_200;
const WORDS: [&str; 5] = ["daily", "weekly", "biweekly", "fortnightly", "monthly"];

impl Period {
    pub const WEEK: Period = Period::Days(7);

    /// Parses `<n>d`, `<n>w`, `<n>m` or one of the words. `Err` holds the message and a hint.
    pub fn parse(text: &str) -> Result<Period, (String, String)> {
        let word = text.trim().to_ascii_lowercase();
        let by_word = match word.as_str() {
            "daily" => Some(Period::Days(1)),
            "weekly" => Some(Period::Days(7)),
            "biweekly" | "fortnightly" => Some(Period::Days(14)),
            "monthly" => Some(Period::Months(1)),
            _ => None,
        };
        if let Some(p) = by_word {
            return Ok(p);
        }
        let hint = "write a number and a unit, e.g. \"10d\", \"2w\" or \"3m\", or one of \
                    daily, weekly, biweekly, fortnightly, monthly"
            .to_string();
        let Some(unit) = word.chars().last() else {
            return Err(("empty duration".into(), hint));
        };
        let number = &word[..word.len() - unit.len_utf8()];
        if number.starts_with('-') {
            return Err((format!("duration `{text}` is negative"), hint));
        }
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            let hint = crate::suggest::hint(&word, WORDS, ("\"", "\""), || hint);
            return Err((format!("`{text}` is not a duration"), hint));
        }
        let too_long = || {
            (
                format!("duration `{text}` is too long"),
                "the longest accepted is 100 years (36500d, 5214w or 1200m)".to_string(),
            )
        };
        let n: u32 = number.parse().map_err(|_| too_long())?;
        let period = match unit {
            'd' => Period::Days(n),
            'w' => Period::Days(n.checked_mul(7).ok_or_else(too_long)?),
            'm' => Period::Months(n),
            _ => return Err((format!("`{text}` has an unknown unit `{unit}`"), hint)),
        };
        match period {
            Period::Days(d) if d > MAX_DAYS => Err(too_long()),
            Period::Months(m) if m > MAX_MONTHS => Err(too_long()),
            p => Ok(p),
        }
    }

    pub fn is_zero(self) -> bool {
        matches!(self, Period::Days(0) | Period::Months(0))
    }

    /// `date + self`, or `None` past the end of the calendar.
    pub fn after(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Days(d) => date.checked_add_days(Days::new(d.into())),
            Period::Months(m) => date.checked_add_months(Months::new(m)),
        }
    }

    /// `date - self`, or `None` before the start of the calendar.
    pub fn before(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Days(d) => date.checked_sub_days(Days::new(d.into())),
            Period::Months(m) => date.checked_sub_months(Months::new(m)),
        }
    }

    /// `self * factor`, or `None` when that is too long to be a useful period.
    pub fn times(self, factor: u32) -> Option<Period> {
        match self {
            Period::Days(d) => d.checked_mul(factor).map(Period::Days),
            Period::Months(m) => m.checked_mul(factor).map(Period::Months),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Days(1) => write!(f, "day"),
            Period::Days(7) => write!(f, "week"),
            Period::Days(d) if d % 7 == 0 => write!(f, "{} weeks", d / 7),
            Period::Days(d) => write!(f, "{d} days"),
            Period::Months(1) => write!(f, "month"),
            Period::Months(m) => write!(f, "{m} months"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn parses_units_and_words() {
        assert_eq!(Period::parse("10d"), Ok(Period::Days(10)));
        assert_eq!(Period::parse("2w"), Ok(Period::Days(14)));
        assert_eq!(Period::parse("3m"), Ok(Period::Months(3)));
        assert_eq!(Period::parse("Weekly"), Ok(Period::Days(7)));
        assert_eq!(Period::parse("fortnightly"), Ok(Period::Days(14)));
        assert_eq!(Period::parse("monthly"), Ok(Period::Months(1)));
        assert_eq!(Period::parse("0d"), Ok(Period::Days(0)));
    }

    #[test]
    fn rejects_nonsense_with_a_reason() {
        assert!(Period::parse("-1w").unwrap_err().0.contains("negative"));
        assert!(
            Period::parse("99999999m")
                .unwrap_err()
                .0
                .contains("too long")
        );
        assert!(
            Period::parse("5000000000w")
                .unwrap_err()
                .0
                .contains("too long")
        );
        assert!(Period::parse("2y").unwrap_err().0.contains("unknown unit"));
        assert!(Period::parse("w").unwrap_err().0.contains("not a duration"));
        assert!(Period::parse("").unwrap_err().0.contains("empty"));
        assert!(Period::parse("1.5w").is_err());
    }

    #[test]
    fn months_clamp_to_the_month_end() {
        assert_eq!(
            Period::Months(1).after(date("2026-01-31")),
            Some(date("2026-02-28"))
        );
        assert_eq!(
            Period::Months(1).after(date("2028-01-31")),
            Some(date("2028-02-29"))
        );
        assert_eq!(
            Period::Months(1).before(date("2026-03-31")),
            Some(date("2026-02-28"))
        );
    }

    #[test]
    fn sums_past_the_calendar_end_are_none_not_a_panic() {
        assert_eq!(Period::Months(1200).after(NaiveDate::MAX), None);
        assert_eq!(Period::Days(1).after(NaiveDate::MAX), None);
        assert_eq!(Period::Days(36500).before(NaiveDate::MIN), None);
    }
}
