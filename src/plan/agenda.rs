//! `agenda`: the next days, assuming the coach does each check-in on the day it is due.

use chrono::{Days, NaiveDate};

use super::today::Filter;
use super::{ClientFile, DueItem, ItemKind, Touch, plan_client};
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
    let Some(end) = today.checked_add_days(Days::new(days.into())) else {
        return Vec::new();
    };
    let end = end.min(super::LAST_DAY.succ_opt().unwrap_or(super::LAST_DAY));
    let mut entries = Vec::new();
    for file in files {
        let index = file.index;
        if !filter.admits(roster, index) {
            continue;
        }
        let mut file = std::borrow::Cow::Borrowed(file);
        let mut day = today;
        while day < end {
            let plan = plan_client(roster, &file, day);
            let listed: Vec<&DueItem> = plan.listed(day).collect();
            // A check-in not listed because the client is expected in today is listed the
            // next day they are not: go on a day at a time.
            let held = plan.in_today == Some(day)
                && plan
                    .pending()
                    .any(|i| i.kind == ItemKind::Checkin && i.date <= day);
            if listed.is_empty() && !held {
                // Nothing changes until the next item's date: jump there.
                match plan.items.iter().map(|i| i.date).find(|&d| d > day) {
                    Some(next) => day = next,
                    None => break,
                }
                continue;
            }
            let reached = listed.iter().any(|i| i.kind != ItemKind::Birthday);
            for item in listed {
                let days_overdue = if day == today {
                    item.days_overdue(today)
                } else {
                    0
                };
                entries.push(AgendaEntry {
                    day,
                    client: index,
                    item: item.clone(),
                    days_overdue,
                });
            }
            // The coach reached them on this day: the cadence restarts and the tries are
            // forgotten. A birthday wish alone is not counted as a conversation.
            if reached {
                file = std::borrow::Cow::Owned(file.with(Touch::assumed_contact(day)));
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
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
