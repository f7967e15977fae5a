//! `agenda`: the next days, assuming the coach does each check-in on the day it is due:
//! every client's timeline (`timeline::ahead`), merged by day.

use chrono::{Days, NaiveDate};

use super::today::Filter;
use super::{ClientFile, DueItem, ItemKind};
use crate::roster::Roster;

/// One item placed on a day of the agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaEntry<'r> {
    pub day: NaiveDate,
    pub client: usize,
    pub item: DueItem<'r>,
    /// Days overdue on the agenda's first day; 0 for items due later.
    pub days_overdue: u32,
}

/// Everything due from `today` for `days` days, by day, then in the order of `today`'s
/// rules within a day (drift first, then by date and name).
pub fn plan_agenda<'r>(
    roster: &'r Roster,
    files: &[ClientFile<'r>],
    today: NaiveDate,
    days: u32,
    filter: &Filter,
) -> Vec<AgendaEntry<'r>> {
    entries_of(roster, files, today, days, filter, super::timeline::ahead)
}

/// (v3) The calendar's agenda: each client's pending items only (`timeline::pending_now`),
/// in the agenda's order.
pub fn plan_calendar<'r>(
    roster: &'r Roster,
    files: &[ClientFile<'r>],
    today: NaiveDate,
    days: u32,
    filter: &Filter,
) -> Vec<AgendaEntry<'r>> {
    entries_of(
        roster,
        files,
        today,
        days,
        filter,
        super::timeline::pending_now,
    )
}

type Selection = for<'r> fn(
    &'r Roster,
    &ClientFile<'r>,
    NaiveDate,
    NaiveDate,
) -> Vec<super::timeline::Listed<'r>>;

fn entries_of<'r>(
    roster: &'r Roster,
    files: &[ClientFile<'r>],
    today: NaiveDate,
    days: u32,
    filter: &Filter,
    select: Selection,
) -> Vec<AgendaEntry<'r>> {
    let Some(end) = today.checked_add_days(Days::new(days.into())) else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    for file in files.iter().filter(|f| filter.admits(roster, f.index)) {
        entries.extend(
            select(roster, file, today, end)
                .into_iter()
                .map(|l| AgendaEntry {
                    day: l.day,
                    client: file.index,
                    item: l.item,
                    days_overdue: l.days_overdue,
                }),
        );
    }
    // Within a day: drifting clients first, then by name; a client's items together. The
    // keys are small integers, computed once per entry rather than once per comparison.
    let drifting: std::collections::HashSet<(NaiveDate, usize)> = entries
        .iter()
        .filter(|e| e.item.kind == ItemKind::Drift)
        .map(|e| (e.day, e.client))
        .collect();
    // Give back the room the doubling left empty before the sort takes its keys.
    entries.shrink_to_fit();
    let rank = super::name_ranks(roster);
    entries.sort_by_cached_key(|e| {
        (
            e.day,
            !drifting.contains(&(e.day, e.client)),
            rank[e.client],
            e.item.kind,
            e.item.date,
        )
    });
    entries
}
