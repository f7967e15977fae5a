//! The roster: the coach's hand-edited list of clients, their goals and their journeys.
//!
//! `load` reads the TOML and collects every problem with its position; the types here are
//! what the rest of the program sees once the file is known to be good.

pub mod edit;
pub(crate) mod fields;
pub mod keys;
mod load;
mod period;
mod split;
mod standard;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

pub use fields::parse_date;
pub use load::{derive_id, parse_roster, parse_roster_whole, parses_in_blocks, syntax_problem};
pub use period::Period;
pub use split::split_blocks;
pub(crate) use split::{read_blocks, read_outside};
pub use standard::{MESSAGE_KINDS, STANDARD, StandardStep, standard_journey, standard_messages};

/// Settings from `[coach]`, with the defaults of SPEC §1 filled in.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Coach {
    pub name: Option<String>,
    /// At most this many clients in `today`; 0 means no cap.
    pub daily_limit: usize,
    pub drift_after: Period,
    pub renewal_notice: Period,
    pub give_up_after: u32,
    /// A pack's renewal talk is due when this many of its sessions are left.
    pub pack_notice: u32,
    /// The wait before the one light touch for a set-aside client; `None` = never.
    pub reconnect_after: Option<Period>,
    /// The day planning with coachplan began: nothing is overdue from before it.
    pub since: Option<NaiveDate>,
    /// The history file, relative to the roster's folder.
    pub history: Option<String>,
}

impl Default for Coach {
    fn default() -> Self {
        Coach {
            name: None,
            daily_limit: 0,
            drift_after: Period::Days(21),
            renewal_notice: Period::Days(30),
            give_up_after: 3,
            pack_notice: 2,
            reconnect_after: Some(Period::Days(42)),
            since: None,
            history: None,
        }
    }
}

/// A mapped series of steps over a client's first months.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Journey {
    pub name: String,
    /// The length of the map; `None` = up to the month of the last step.
    pub months: Option<u32>,
    /// After the last step, a step on each anniversary of `start`.
    pub anniversaries: bool,
    pub steps: Vec<Step>,
}

impl Journey {
    /// The journey's length in months for a client who started on `start`.
    pub fn length(&self, start: NaiveDate) -> u32 {
        self.months.unwrap_or_else(|| {
            self.last_step_date(start)
                .and_then(|d| month_of(start, d))
                .unwrap_or(1)
        })
    }

    /// The day of the journey's last step for a client who started on `start`.
    pub fn last_step_date(&self, start: NaiveDate) -> Option<NaiveDate> {
        self.steps.iter().filter_map(|s| s.date(start)).max()
    }
}

/// When a step falls, counted from the client's `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum StepDay {
    /// `start + after`.
    After(Period),
    /// 1-based month of the client's time with the coach, and days after that month's
    /// first day (`day - 1`, or `7 * (week - 1)`).
    InMonth { month: u32, offset_days: u32 },
}

/// One planned conversation in a journey.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Step {
    pub day: StepDay,
    pub kind: String,
    pub title: String,
    pub prompt: Option<String>,
    /// The draft message for this step, replacing the built-in wording.
    pub message: Option<String>,
}

impl Step {
    /// The step's day for a client who started on `start`: the one place it is computed.
    /// Months clamp to the month end and always count from `start`.
    pub fn date(&self, start: NaiveDate) -> Option<NaiveDate> {
        match self.day {
            StepDay::After(p) => p.after(start),
            StepDay::InMonth { month, offset_days } => {
                month_start(start, month).and_then(|d| Period::Days(offset_days).after(d))
            }
        }
    }
}

/// The first day of the client's month `month` (1-based), counted from `start` and clamped
/// to the month end: a start on 31 January gives 28/29 February for month 2.
pub fn month_start(start: NaiveDate, month: u32) -> Option<NaiveDate> {
    Period::Months(month.checked_sub(1)?).after(start)
}

/// The client's 1-based month on `day`, or `None` before `start`.
pub fn month_of(start: NaiveDate, day: NaiveDate) -> Option<u32> {
    if day < start {
        return None;
    }
    let months = (day.year() - start.year()) * 12 + day.month() as i32 - start.month() as i32;
    let mut m = u32::try_from(months).ok()? + 1;
    while m > 1 && month_start(start, m).is_none_or(|s| s > day) {
        m -= 1;
    }
    Some(m)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Status {
    Active,
    Paused,
    Ended,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Paused => "paused",
            Status::Ended => "ended",
        }
    }
}

/// A birthday, with or without the year of birth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Birthday {
    pub month: u32,
    pub day: u32,
}

impl Birthday {
    /// The birthday in `year`; 29 February is kept on 28 February in other years.
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month, self.day - 1))
    }

    /// The first birthday on or after `date`.
    pub fn next_on_or_after(self, date: NaiveDate) -> Option<NaiveDate> {
        let this_year = self.in_year(date.year())?;
        if this_year >= date {
            Some(this_year)
        } else {
            self.in_year(date.year() + 1)
        }
    }
}

/// One client as the planner sees them, every default resolved.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Client {
    pub id: String,
    pub name: String,
    pub start: NaiveDate,
    pub goal: Option<String>,
    pub why: Option<String>,
    pub goal_by: Option<NaiveDate>,
    /// `None` when the cadence is "none": no routine check-ins.
    pub cadence: Option<Period>,
    /// No session for longer than this: drifting (own key, tag, `[coach]`, built-in).
    pub drift_after: Period,
    /// The journey's name, or `None` for "none".
    pub journey: Option<String>,
    pub status: Status,
    pub paused_until: Option<NaiveDate>,
    /// The first day of the last break (written by `pause`).
    pub paused_from: Option<NaiveDate>,
    pub ended: Option<NaiveDate>,
    pub last_contact: Option<NaiveDate>,
    pub last_session: Option<NaiveDate>,
    pub renewal: Option<NaiveDate>,
    /// A pack of sessions: how many, and the day it was bought.
    pub package: Option<Pack>,
    /// (v3) The days they usually train (their `sessions`, own or from a tag); `None` means
    /// "learn it from the history", an empty set "no fixed days".
    pub sessions: Option<Weekdays>,
    pub birthday: Option<Birthday>,
    pub channel: Option<String>,
    pub contact: Option<String>,
    pub tags: Vec<String>,
    pub notes: Vec<String>,
}

/// (v3) A set of weekdays: the days a client usually trains with the coach.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Weekdays(u8);

impl Weekdays {
    /// A set from its bits (Monday is bit 0), for tests that make random sets.
    #[cfg(test)]
    pub fn from_bits(bits: u8) -> Weekdays {
        Weekdays(bits & 0x7f)
    }

    pub const NAMES: [&'static str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    pub fn contains(self, day: chrono::Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    pub fn insert(&mut self, day: chrono::Weekday) {
        self.0 |= 1 << day.num_days_from_monday();
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// `mon` … `sun`, or the full English name, ignoring case.
    pub fn parse_day(text: &str) -> Option<chrono::Weekday> {
        let t = text.trim().to_ascii_lowercase();
        let short = t.get(..3)?;
        let n = Self::NAMES.iter().position(|&d| d == short)?;
        let full = [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ];
        (t.len() == 3 || t == full[n]).then(|| chrono::Weekday::try_from(n as u8).ok())?
    }

    /// The days in week order.
    pub fn days(self) -> impl Iterator<Item = chrono::Weekday> {
        (0u8..7)
            .filter_map(|n| chrono::Weekday::try_from(n).ok())
            .filter(move |d| self.contains(*d))
    }
}

/// A pack of sessions bought on `start`: sessions on or after it count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Pack {
    pub sessions: u32,
    pub start: NaiveDate,
}

/// Client ids to roster indices, ignoring case, with "did you mean" for the misses.
pub struct ClientIds<'r> {
    roster: &'r Roster,
    by_id: std::collections::HashMap<String, usize>,
}

impl ClientIds<'_> {
    pub fn find(&self, id: &str) -> Option<usize> {
        self.by_id
            .get(id)
            .or_else(|| self.by_id.get(&id.to_ascii_lowercase()))
            .copied()
    }

    pub fn closest(&self, id: &str) -> Option<String> {
        self.roster.closest_id(id)
    }
}

/// A roster that passed validation.

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Roster {
    pub coach: Coach,
    /// Every journey by name, the built-in `standard` included.
    pub journeys: BTreeMap<String, Journey>,
    /// The coach's own draft wording per item kind (`[messages]`).
    pub messages: BTreeMap<String, String>,
    pub clients: Vec<Client>,
}

impl Roster {
    pub fn journey_of(&self, client: &Client) -> Option<&Journey> {
        client
            .journey
            .as_ref()
            .and_then(|name| self.journeys.get(name))
    }

    /// An index of the client ids, matched ignoring case (ids that differ only in case
    /// are refused by the loader).
    pub fn ids(&self) -> ClientIds<'_> {
        ClientIds {
            roster: self,
            by_id: self
                .clients
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.to_ascii_lowercase(), i))
                .collect(),
        }
    }

    /// The known id closest to `id`, for "did you mean" hints.
    pub fn closest_id(&self, id: &str) -> Option<String> {
        crate::suggest::closest(id, self.clients.iter().map(|c| c.id.as_str())).map(String::from)
    }
}
