//! `journey`: a client's time with the coach, month by month, with each step's status.
//!
//! The steps come from the planner (`journey_items`, with their handling), and where a
//! pending step was moved (a snooze, a pause) its status follows the day it is listed on.
//! Past the journey's end the map goes on: anniversaries and routine check-ins.

use std::ops::RangeInclusive;

use chrono::NaiveDate;

use super::{ClientFile, ItemKind, ItemState, Touch, journey_items, plan_client_until};
use crate::roster::{Client, Roster, Status};

/// The most months one map shows unless `--months` asks: a client without a journey who
/// started in year 1 would otherwise be mapped for 24,000 months.
pub const MAX_MONTHS: u32 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    Done,
    Due,
    Overdue,
    Upcoming,
    /// (v3) Missed before `[coach] since`, the day planning with coachplan began: not
    /// counted as missed, and not listed by `today` (which lists only the latest).
    Untracked,
}

impl StepStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Done => "done",
            StepStatus::Due => "due",
            StepStatus::Overdue => "overdue",
            StepStatus::Upcoming => "upcoming",
            StepStatus::Untracked => "untracked",
        }
    }

    /// The word a coach reads in the journey table.
    pub fn words(self) -> &'static str {
        match self {
            StepStatus::Untracked => "before coachplan",
            other => other.as_str(),
        }
    }
}

/// One planned conversation in a month of the journey. The text is borrowed from the
/// roster's journey where it can be: a large roster's map has millions of entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JourneyEntry<'r> {
    /// The day it falls on (moved, for a pending step that was moved).
    pub date: NaiveDate,
    /// Its identity date.
    pub due: NaiveDate,
    pub item: ItemKind,
    /// The step's own label (`kickoff`, `review`, `anniversary`, …), or `checkin`.
    pub kind: &'r str,
    pub title: super::Title<'r>,
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
    /// What was logged in the month, in date order.
    pub logged: Vec<Touch<'r>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientJourney<'r> {
    pub client: usize,
    /// The journey's name and length, or `None` for a client without one.
    pub journey: Option<(&'r str, u32)>,
    /// The day of the journey's last step: after it, the journey is done.
    pub last_step: Option<NaiveDate>,
    /// The client's month on the day planned, `None` before `start` or after the end.
    pub current: Option<u32>,
    /// Months left out at the start of the map (see `MAX_MONTHS`).
    pub skipped: u32,
    pub months: Vec<JourneyMonth<'r>>,
}

/// The months `journey` shows by default: the journey's length (with the month of its last
/// step: a one-year review falls on the first day of month 13), and past it up to the
/// month after the current one; the last `MAX_MONTHS` of them at most.
pub fn default_months(roster: &Roster, client: &Client, today: NaiveDate) -> RangeInclusive<u32> {
    let length = roster.journey_of(client).map_or(0, |j| {
        let last_step = j
            .last_step_date(client.start)
            .and_then(|d| super::month_of(client.start, d));
        j.length(client.start).max(last_step.unwrap_or(0))
    });
    let now = match client.status {
        Status::Ended => super::month_now(client, today).unwrap_or(1),
        _ => super::month_now(client, today).unwrap_or(0) + 1,
    };
    let last = if client.status == Status::Ended {
        now
    } else {
        length.max(now)
    };
    last.saturating_sub(MAX_MONTHS - 1).max(1)..=last.max(1)
}

fn status(date: NaiveDate, state: ItemState, today: NaiveDate) -> StepStatus {
    match state {
        ItemState::Handled(_) => StepStatus::Done,
        _ if date < today => StepStatus::Overdue,
        _ if date == today => StepStatus::Due,
        _ => StepStatus::Upcoming,
    }
}

/// The client's journey over the months in `range`.
pub fn plan_journey<'r>(
    roster: &'r Roster,
    file: &ClientFile<'r>,
    today: NaiveDate,
    range: RangeInclusive<u32>,
) -> ClientJourney<'r> {
    let client = file.client;
    let journey = roster.journey_of(client);
    let length = journey.map_or(0, |j| j.length(client.start));
    let last_step = journey.and_then(|j| j.last_step_date(client.start));
    // An ended client's map stops at the month they left, seen as of their last day.
    let (today, last_month, current) = match client.status {
        Status::Ended => {
            let last_month = super::month_now(client, today).unwrap_or(0);
            (
                super::seen_on(client, today),
                (*range.end()).min(last_month),
                None,
            )
        }
        _ => (today, *range.end(), super::month_now(client, today)),
    };
    let first_month = *range.start();
    let horizon = super::month_start(client.start, last_month + 1).unwrap_or(NaiveDate::MAX);
    let plan = plan_client_until(roster, file, today, horizon);
    // A step stands in its own month, late or not: the map shows where it belongs, and
    // `today` shows where it is listed now.
    // The missed step that `today` lists (the latest) keeps "overdue"; the earlier ones
    // from before `since` were before coachplan.
    let listed_step = plan
        .listed(today)
        .find(|i| i.kind == ItemKind::Step)
        .map(|i| i.due);
    let since = roster.coach.since;
    let mut entries: Vec<JourneyEntry> = journey_items(roster, file, today, horizon)
        .into_iter()
        .filter(|i| client.status != Status::Ended || i.due <= today)
        .map(|i| JourneyEntry {
            date: i.due,
            due: i.due,
            item: ItemKind::Step,
            kind: i.label(),
            status: match status(i.due, i.state, today) {
                StepStatus::Overdue
                    if since.is_some_and(|s| i.due < s) && listed_step != Some(i.due) =>
                {
                    StepStatus::Untracked
                }
                other => other,
            },
            title: i.title,
            prompt: i.prompt,
        })
        .collect();
    // Past the journey's end, routine check-ins: the client's timeline, as the agenda
    // places them (each on the day it falls when the one before was done on its day).
    // An overdue one keeps its own date on the map. For a client still on the journey
    // they reach to the end of the month after the current one: the check-ins after a
    // journey that is months from its end depend on every step before it, and the map
    // of month 13 shows its one-year review, not a guess at the check-ins around it
    // (planning the whole journey day by day for them made `journey` twice as slow).
    let after_journey = super::month_start(client.start, length + 1).unwrap_or(NaiveDate::MAX);
    // (A client who starts later is in "month 0".)
    let now = current.unwrap_or(0);
    let reach = if now <= length {
        super::month_start(client.start, now + 2).map_or(horizon, |r| r.min(horizon))
    } else {
        horizon
    };
    if client.status != Status::Ended && reach > after_journey {
        for listed in super::timeline::ahead(roster, file, today, reach) {
            let (item, day) = (&listed.item, listed.day);
            if item.kind != ItemKind::Checkin || day < after_journey {
                continue;
            }
            let date = if day == today { item.date } else { day };
            entries.push(JourneyEntry {
                date,
                due: item.due,
                item: ItemKind::Checkin,
                kind: "checkin",
                title: super::Title::RoutineCheckin,
                prompt: None,
                status: status(date, ItemState::Pending, today),
            });
        }
    }
    entries.sort_by(|a, b| (a.date, &a.title).cmp(&(b.date, &b.title)));

    let mut out = ClientJourney {
        client: file.index,
        journey: journey.map(|j| (j.name.as_str(), length)),
        last_step,
        current,
        skipped: first_month - 1,
        months: Vec::new(),
    };
    let mut entries = entries.into_iter().peekable();
    let mut touches = file.touches.iter().peekable();
    for m in first_month..=last_month {
        let (Some(start), Some(next)) = (
            super::month_start(client.start, m),
            super::month_start(client.start, m + 1),
        ) else {
            break;
        };
        if start > super::LAST_DAY {
            break;
        }
        let end = next.pred_opt().unwrap_or(next);
        while entries.next_if(|e| e.date < start).is_some() {}
        while touches.next_if(|t| t.date < start).is_some() {}
        let mut month = JourneyMonth {
            month: m,
            start,
            end,
            entries: Vec::new(),
            logged: Vec::new(),
        };
        while let Some(e) = entries.next_if(|e| e.date <= end) {
            month.entries.push(e);
        }
        while let Some(t) = touches.next_if(|t| t.date <= end) {
            month.logged.push(*t);
        }
        out.months.push(month);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::EntryKind::Contact;
    use crate::plan::client_files;
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
        let h: &'static crate::history::History = Box::leak(Box::new(h));
        let files = client_files(r, h, t);
        plan_journey(r, &files[0], t, 1..=months)
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
