//! What an item is, as data: the planner says *which* check-in, renewal or drift it is
//! and with what numbers and dates, never how to say it. The words, with every date in
//! the named date formats, are in `crate::words` (one place for every view, the CSV and
//! the drafts).

use chrono::NaiveDate;

use crate::roster::{Period, Weekdays};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Title<'r> {
    Birthday,
    Reconnect,
    /// A routine check-in, every `Period`.
    Checkin(Period),
    /// The check-in on the date agreed in the last conversation.
    AgreedCheckin,
    /// The check-in on the day a client is back from a break.
    WelcomeBack,
    /// A routine check-in on the map past the journey's end.
    RoutineCheckin,
    /// A journey step, by its title in the roster.
    Step(&'r str),
    /// The anniversary of the start after the journey, in years.
    Anniversary(u32),
    /// The talk before a dated renewal.
    Renewal {
        renews: NaiveDate,
    },
    /// The talk before a pack runs out: sessions left (when counted) of the pack's.
    PackRenewal {
        left: Option<u32>,
        of: u32,
    },
    /// The goal's target date.
    Target,
    /// No session for `days` days (counted from the break's end when `after_break`).
    Drift {
        days: i64,
        after_break: bool,
    },
    /// (v3) Two usual days missed in a row.
    EarlyDrift {
        first: NaiveDate,
        second: NaiveDate,
        usual: Weekdays,
    },
}
