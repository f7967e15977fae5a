//! Builders that keep the planner's tests short: rosters are written as TOML.
use chrono::NaiveDate;

use crate::history::{EntryKind, History, HistoryEntry};
use crate::roster::{Roster, parse_roster};

pub fn d(text: &str) -> NaiveDate {
    text.parse().expect("test date")
}

pub fn roster(toml: &str) -> Roster {
    let (roster, problems) = parse_roster(toml);
    roster.unwrap_or_else(|| panic!("test roster is invalid: {problems:?}"))
}

/// A history from (client id, date, kind) triples, written as `log` would: a
/// contact without `done` handles everything, as a hand-written one does.
pub fn history(roster: &Roster, entries: &[(&str, &str, EntryKind)]) -> History {
    History {
        entries: entries
            .iter()
            .map(|&(id, date, kind)| HistoryEntry {
                client: roster.ids().find(id).expect("test id"),
                date: d(date),
                kind,
                done: None,
                next: None,
                note: None,
                renewal: None,
                source_ref: None,
            })
            .collect(),
    }
}

/// One entry with every field given.
pub fn entry(
    roster: &Roster,
    id: &str,
    date: &str,
    kind: EntryKind,
    done: Option<&[crate::history::DoneKind]>,
    next: Option<&str>,
) -> HistoryEntry {
    HistoryEntry {
        client: roster.ids().find(id).expect("test id"),
        date: d(date),
        kind,
        done: done.map(|d| d.iter().copied().collect()),
        next: next.map(d),
        note: None,
        renewal: None,
        source_ref: None,
    }
}

/// The plan of the roster's first client on `today`.
pub fn plan_of<'r>(roster: &'r Roster, history: &'r History, today: &str) -> super::ClientPlan<'r> {
    let t = d(today);
    let files = super::client_files(roster, history, t);
    super::plan_client(roster, &files[0], t)
}
