//! The words of every view in one place (#23): what an item is called (`title`), with
//! every date through the named date formats below. The planner returns data
//! (`plan::Title`); tables, CSV, JSON, calendars and drafts all say it the same way.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::plan::Title;

/// "Mon 23 Nov", for a day of the coming week.
pub fn day_of_week(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// "23 Nov".
pub fn day_month(date: NaiveDate) -> String {
    date.format("%-d %b").to_string()
}

/// "23 Nov 2026".
pub fn dated(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// "Mon/Thu".
pub fn days_words(days: crate::roster::Weekdays) -> String {
    let names: Vec<String> = days
        .days()
        .map(|d| {
            let n = crate::roster::Weekdays::NAMES[d.num_days_from_monday() as usize];
            let mut w = n.to_string();
            if let Some(f) = w.get_mut(..1) {
                f.make_ascii_uppercase();
            }
            w
        })
        .collect();
    names.join("/")
}

fn days(n: i64) -> String {
    match n {
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    }
}

/// What an item is called: "Check-in (every 2w)", "Renewal talk (renews 24 Nov)".
pub fn title<'r>(title: &Title<'r>) -> Cow<'r, str> {
    match *title {
        Title::Birthday => "Birthday".into(),
        Title::Reconnect => "Reconnect: a light touch".into(),
        Title::Checkin(cadence) => format!("Check-in (every {cadence})").into(),
        Title::AgreedCheckin => "Check-in (the agreed date)".into(),
        Title::WelcomeBack => "Welcome back after the break".into(),
        Title::RoutineCheckin => "Routine check-in".into(),
        Title::Step(text) => text.into(),
        Title::Anniversary(1) => "One year together".into(),
        Title::Anniversary(n) => format!("{n} years together").into(),
        Title::Renewal { renews } => format!("Renewal talk (renews {})", day_month(renews)).into(),
        Title::PackRenewal {
            left: Some(left),
            of,
        } => format!("Pack renewal talk ({left} of {of} sessions left)").into(),
        Title::PackRenewal { left: None, of } => {
            format!("Pack renewal talk ({of} sessions)").into()
        }
        Title::Target => "Goal target date: review the goal".into(),
        Title::Drift {
            days: n,
            after_break: true,
        } => format!("No session since the break ended ({})", days(n)).into(),
        Title::Drift {
            days: n,
            after_break: false,
        } => format!("No session for {}", days(n)).into(),
        Title::EarlyDrift {
            first,
            second,
            usual,
        } => format!(
            "Missed {} and {}; usually {}",
            first.format("%a %-d"),
            second.format("%a %-d %b"),
            days_words(usual)
        )
        .into(),
    }
}

/// Every view prints a title through here: `format!("{}", item.title)`.
impl std::fmt::Display for Title<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&title(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::Period;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn no_title_prints_an_iso_date() {
        let titles = [
            Title::Renewal {
                renews: d("2027-03-14"),
            },
            Title::Drift {
                days: 29,
                after_break: false,
            },
            Title::Checkin(Period::Days(14)),
        ];
        let words: Vec<String> = titles.iter().map(|t| title(t).into_owned()).collect();
        assert_eq!(
            words,
            [
                "Renewal talk (renews 14 Mar)",
                "No session for 29 days",
                "Check-in (every 2 weeks)"
            ]
        );
    }
}
