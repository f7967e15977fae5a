//! `journey`: a client's time with the coach, month by month, with each step's status.

use chrono::NaiveDate;

use super::{Facts, ItemKind, month_of, month_start};
use crate::roster::{Client, Period, Roster, Status};

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

/// One planned conversation in a month of the journey. The text is borrowed from the
/// roster's journey: a large roster's map has millions of entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JourneyEntry<'r> {
    pub date: NaiveDate,
    pub item: ItemKind,
    /// The step's own label (`kickoff`, `review`, …), or `checkin`.
    pub kind: &'r str,
    pub title: &'r str,
    pub prompt: Option<&'r str>,
    pub status: StepStatus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JourneyMonth<'r> {
    pub month: u32,
    pub start: NaiveDate,
    /// The last day of the month (the day before the next one starts).
    pub end: NaiveDate,
    pub entries: Vec<JourneyEntry<'r>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientJourney<'r> {
    pub client: usize,
    /// The journey's name and length, or `None` for a client without one.
    pub journey: Option<(&'r str, u32)>,
    /// The client's month on the day planned, `None` before `start`.
    pub current: Option<u32>,
    pub months: Vec<JourneyMonth<'r>>,
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
pub fn plan_journey<'r>(
    roster: &'r Roster,
    index: usize,
    facts: &Facts,
    today: NaiveDate,
    months: u32,
) -> ClientJourney<'r> {
    let client = &roster.clients[index];
    let journey = roster.journey_of(client);
    let length = journey.map_or(0, |j| j.months);
    let last = facts.last_contact;
    // An ended client's map stops at the month they left, seen as of their last day.
    let (today, months, current) = match (client.status, client.ended) {
        (Status::Ended, end) => {
            let end = end.map_or(today, |e| e.min(today));
            let last_month = month_of(client.start, end).unwrap_or(0);
            (end, months.min(last_month), None)
        }
        _ => (today, months, month_of(client.start, today)),
    };
    let mut out = ClientJourney {
        client: index,
        journey: journey.map(|j| (j.name.as_str(), j.months)),
        current,
        months: Vec::new(),
    };
    let checkins = match client.status {
        Status::Ended => Vec::new(),
        _ => routine_checkins(client, last, months, length),
    };
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
                if client.status == Status::Ended && date > today {
                    continue;
                }
                entries.push(JourneyEntry {
                    date,
                    item: ItemKind::Step,
                    kind: &step.kind,
                    title: &step.title,
                    prompt: step.prompt.as_deref(),
                    status: status(date, last, today),
                });
            }
        } else {
            for &date in checkins.iter().filter(|&&d| d >= start && d <= end) {
                entries.push(JourneyEntry {
                    date,
                    item: ItemKind::Checkin,
                    kind: "checkin",
                    title: "Routine check-in",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::EntryKind::Contact;
    use crate::plan::gather_facts;
    use crate::plan::testing::{d, history, roster};

    const CUSTOM: &str = r#"
[journeys.short]
months = 2
[[journeys.short.steps]]
month = 1
week = 3
title = "Week three"
[[journeys.short.steps]]
month = 2
day = 1
kind = "review"
title = "Month two"
"#;

    fn plan(
        toml: &str,
        today: &str,
        months: u32,
        log: &[(&str, &str, crate::history::EntryKind)],
    ) -> ClientJourney<'static> {
        // The journey borrows the roster; a test may keep it for good.
        let r: &'static Roster = Box::leak(Box::new(roster(toml)));
        let h = history(r, log);
        let t = d(today);
        let facts = gather_facts(r, &h, t);
        plan_journey(r, 0, &facts[0], t, months)
    }

    #[test]
    fn a_start_on_31_january_maps_months_to_february_end_and_31_march() {
        let j = plan(
            "[[client]]\nname = \"A\"\nstart = 2026-01-31\n",
            "2026-02-01",
            3,
            &[],
        );
        let bounds: Vec<(NaiveDate, NaiveDate)> =
            j.months.iter().map(|m| (m.start, m.end)).collect();
        assert_eq!(
            bounds,
            [
                (d("2026-01-31"), d("2026-02-27")),
                (d("2026-02-28"), d("2026-03-30")),
                (d("2026-03-31"), d("2026-04-29"))
            ]
        );
        let leap = plan(
            "[[client]]\nname = \"A\"\nstart = 2028-01-31\n",
            "2028-02-01",
            2,
            &[],
        );
        assert_eq!(leap.months[1].start, d("2028-02-29"));
        assert_eq!(j.current, Some(1));
    }

    #[test]
    fn a_step_in_week_three_lands_on_day_15() {
        let toml = CUSTOM.to_string()
            + "[[client]]\nname = \"A\"\nstart = 2026-04-01\njourney = \"short\"\n";
        let j = plan(&toml, "2026-04-01", 2, &[]);
        assert_eq!(j.months[0].entries[0].date, d("2026-04-15"));
        assert_eq!(j.months[0].entries[0].kind, "step");
        assert_eq!(j.months[1].entries[0].date, d("2026-05-01"));
        assert_eq!(j.months[1].entries[0].kind, "review");
    }

    #[test]
    fn statuses_flip_around_a_logged_contact() {
        let client = "[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\n";
        let statuses = |j: &ClientJourney| -> Vec<StepStatus> {
            j.months
                .iter()
                .flat_map(|m| m.entries.iter().map(|e| e.status))
                .take(4)
                .collect()
        };
        // Steps on 1 Jan, 4 Jan, 15 Jan, 1 Feb.
        let before = plan(client, "2026-01-15", 2, &[]);
        assert_eq!(
            statuses(&before),
            [
                StepStatus::Overdue,
                StepStatus::Overdue,
                StepStatus::Due,
                StepStatus::Upcoming
            ]
        );
        let after = plan(client, "2026-01-15", 2, &[("a", "2026-01-15", Contact)]);
        assert_eq!(
            statuses(&after),
            [
                StepStatus::Done,
                StepStatus::Done,
                StepStatus::Done,
                StepStatus::Upcoming
            ]
        );
        // A contact in between settles only the steps on or before it.
        let between = plan(client, "2026-01-15", 2, &[("a", "2026-01-05", Contact)]);
        assert_eq!(
            statuses(&between),
            [
                StepStatus::Done,
                StepStatus::Done,
                StepStatus::Due,
                StepStatus::Upcoming
            ]
        );
    }

    #[test]
    fn an_ended_clients_map_stops_at_their_last_day() {
        let toml = "[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\nstatus = \"ended\"\nended = 2026-03-10\n";
        let j = plan(toml, "2026-11-23", 14, &[("a", "2026-02-01", Contact)]);
        assert_eq!(j.current, None);
        assert_eq!(j.months.len(), 3);
        let entries: Vec<(NaiveDate, StepStatus)> = j
            .months
            .iter()
            .flat_map(|m| m.entries.iter().map(|e| (e.date, e.status)))
            .collect();
        assert_eq!(
            entries.last(),
            Some(&(d("2026-03-01"), StepStatus::Overdue))
        );
        assert_eq!(entries[3], (d("2026-02-01"), StepStatus::Done));
    }

    #[test]
    fn months_past_the_journey_hold_routine_checkins() {
        let toml = "[journeys.one]\nmonths = 1\n[[client]]\nname = \"A\"\nstart = 2026-01-01\ncadence = \"2w\"\njourney = \"one\"\n";
        let j = plan(toml, "2026-01-01", 2, &[]);
        assert!(j.months[0].entries.is_empty());
        let dates: Vec<NaiveDate> = j.months[1].entries.iter().map(|e| e.date).collect();
        assert_eq!(dates, [d("2026-02-12"), d("2026-02-26")]);
        assert!(
            j.months[1]
                .entries
                .iter()
                .all(|e| e.kind == "checkin" && e.status == StepStatus::Upcoming)
        );
    }
}
