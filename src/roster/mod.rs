//! The roster: the coach's hand-edited list of clients, their goals and their journeys.
//!
//! `load` reads the TOML and collects every problem with its position; the types here are
//! what the rest of the program sees once the file is known to be good.

pub(crate) mod fields;
mod load;
mod period;
mod split;
mod standard;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

pub use fields::parse_date;
pub use load::{derive_id, parse_roster, parse_roster_whole, syntax_problem};
pub use period::Period;
pub use split::split_blocks;
pub(crate) use split::{read_blocks, read_outside};
pub use standard::{STANDARD, standard_journey};

/// Settings from `[coach]`, with the defaults of SPEC §1 filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Coach {
    pub name: Option<String>,
    /// At most this many clients in `today`; 0 means no cap.
    pub daily_limit: usize,
    pub drift_after: Period,
    pub renewal_notice: Period,
    pub give_up_after: u32,
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
            history: None,
        }
    }
}

/// A mapped series of steps over a client's first months.
#[derive(Debug, Clone, PartialEq)]
pub struct Journey {
    pub name: String,
    pub months: u32,
    pub steps: Vec<Step>,
}

/// One planned conversation in a journey.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// 1-based month of the client's time with the coach.
    pub month: u32,
    /// Days after the month's first day (`day - 1`, or `7 * (week - 1)`).
    pub offset_days: u32,
    pub kind: String,
    pub title: String,
    pub prompt: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq)]
pub struct Client {
    pub id: String,
    pub name: String,
    pub start: NaiveDate,
    pub goal: Option<String>,
    pub why: Option<String>,
    pub goal_by: Option<NaiveDate>,
    /// `None` when the cadence is "none": no routine check-ins.
    pub cadence: Option<Period>,
    /// The journey's name, or `None` for "none".
    pub journey: Option<String>,
    pub status: Status,
    pub paused_until: Option<NaiveDate>,
    pub ended: Option<NaiveDate>,
    pub last_contact: Option<NaiveDate>,
    pub last_session: Option<NaiveDate>,
    pub renewal: Option<NaiveDate>,
    pub birthday: Option<Birthday>,
    pub channel: Option<String>,
    pub contact: Option<String>,
    pub tags: Vec<String>,
    pub notes: Vec<String>,
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

#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    pub coach: Coach,
    /// Every journey by name, the built-in `standard` included.
    pub journeys: BTreeMap<String, Journey>,
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
