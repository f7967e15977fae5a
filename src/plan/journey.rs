//! `journey`: a client's time with the coach, month by month, with each step's status.

use chrono::NaiveDate;

use super::{Facts, ItemKind, month_of, month_start};
use crate::roster::{Client, Period, Roster};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    Done,
    Due,
    Overdue,
    Upcoming,
}

impl StepStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Done => "done",
            StepStatus::Due => "due",
            StepStatus::Overdue => "overdue",
            StepStatus::Upcoming => "upcoming",
        }
    }
}

/// One planned conversation in a month of the journey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JourneyEntry {
    pub date: NaiveDate,
    pub item: ItemKind,
    /// The step's own label (`kickoff`, `review`, …), or `checkin`.
    pub kind: String,
    pub title: String,
    pub prompt: Option<String>,
    pub status: StepStatus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JourneyMonth {
    pub month: u32,
    pub start: NaiveDate,
    /// The last day of the month (the day before the next one starts).
    pub end: NaiveDate,
    pub entries: Vec<JourneyEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientJourney {
    pub client: usize,
    /// The journey's name and length, or `None` for a client without one.
    pub journey: Option<(String, u32)>,
    /// The client's month on the day planned, `None` before `start`.
    pub current: Option<u32>,
    pub months: Vec<JourneyMonth>,
}

/// How many months `journey` shows by default: the journey's length, or for a client
/// without one, up to the month after the current one.
pub fn default_months(roster: &Roster, client: &Client, today: NaiveDate) -> u32 {
    match roster.journey_of(client) {
        Some(j) => j.months,
        None => month_of(client.start, today).unwrap_or(0) + 1,
    }
}

fn status(date: NaiveDate, last_contact: Option<NaiveDate>, today: NaiveDate) -> StepStatus {
    if last_contact.is_some_and(|l| l >= date) {
        StepStatus::Done
    } else if date < today {
        StepStatus::Overdue
    } else if date == today {
        StepStatus::Due
    } else {
        StepStatus::Upcoming
    }
}

/// The client's journey over `months` months. Months past the journey's length hold the
/// routine check-ins, projected from the next one due at the cadence.
pub fn plan_journey(
    roster: &Roster,
    index: usize,
    facts: &Facts,
    today: NaiveDate,
    months: u32,
) -> ClientJourney {
    let client = &roster.clients[index];
    let journey = roster.journey_of(client);
    let length = journey.map_or(0, |j| j.months);
    let last = facts.last_contact;
    let mut out = ClientJourney {
        client: index,
        journey: journey.map(|j| (j.name.clone(), j.months)),
        current: month_of(client.start, today),
        months: Vec::new(),
    };
    let checkins = routine_checkins(client, last, months, length);
    for m in 1..=months {
        let (Some(start), Some(next)) = (
            month_start(client.start, m),
            month_start(client.start, m + 1),
        ) else {
            break;
        };
        let end = next.pred_opt().unwrap_or(next);
        let mut entries = Vec::new();
        if m <= length {
            for step in journey
                .into_iter()
                .flat_map(|j| &j.steps)
                .filter(|s| s.month == m)
            {
                let Some(date) = Period::Days(step.offset_days).after(start) else {
                    continue;
                };
                entries.push(JourneyEntry {
                    date,
                    item: ItemKind::Step,
                    kind: step.kind.clone(),
                    title: step.title.clone(),
                    prompt: step.prompt.clone(),
                    status: status(date, last, today),
                });
            }
        } else {
            for &date in checkins.iter().filter(|&&d| d >= start && d <= end) {
                entries.push(JourneyEntry {
                    date,
                    item: ItemKind::Checkin,
                    kind: "checkin".to_string(),
                    title: "Routine check-in".to_string(),
                    prompt: None,
                    status: status(date, last, today),
                });
            }
        }
        out.months.push(JourneyMonth {
            month: m,
            start,
            end,
            entries,
        });
    }
    out
}

/// Check-in dates from the next one due, every cadence, until the end of month `months`;
/// only needed when the view goes past the journey's own length.
fn routine_checkins(
    client: &Client,
    last: Option<NaiveDate>,
    months: u32,
    length: u32,
) -> Vec<NaiveDate> {
    let (Some(cadence), true) = (client.cadence, months > length) else {
        return Vec::new();
    };
    let Some(until) = month_start(client.start, months + 1) else {
        return Vec::new();
    };
    let base = last.map_or(client.start, |l| l.max(client.start));
    let mut dates = Vec::new();
    for n in 1u32.. {
        match cadence.times(n).and_then(|p| p.after(base)) {
            Some(d) if d < until => dates.push(d),
            _ => break,
        }
    }
    dates
}
