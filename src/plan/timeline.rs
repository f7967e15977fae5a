//! One timeline per client: the days ahead as the planner sees them when the coach does
//! each listed item on its day (the agenda's assumption, SPEC §3 `agenda`). `agenda` is
//! this timeline for every client; `journey`'s check-ins past the journey's end are taken
//! from it too, so the two views place every check-in on the same day with the same
//! identity (`due`, and so the same calendar UID).
//!
//! `pending_now` is the other selection, for calendars (`agenda --format ics`): the
//! items pending on the first day only, never a projection that assumes one done.
//!
//! The client is planned only on the days something changes: the first day, each day an
//! item is listed (the coach reached them, so the cadence restarts and the tries are
//! forgotten), and the next item's date after a quiet stretch. Each planning is
//! O(touches + items), and there is one per listed item, not one per day.

use chrono::NaiveDate;

use super::{ClientFile, DueItem, ItemKind, plan_client_until};
use crate::roster::Roster;

/// One item on the day the timeline lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed<'r> {
    pub day: NaiveDate,
    pub item: DueItem<'r>,
    /// Days overdue on the timeline's first day; 0 for items listed later.
    pub days_overdue: u32,
}

/// The client's items listed on each day of `from..end`: overdue ones on `from`, each
/// later one on the day it falls due, assuming every listed item done on its day.
pub fn ahead<'r>(
    roster: &'r Roster,
    file: &ClientFile<'r>,
    from: NaiveDate,
    end: NaiveDate,
) -> Vec<Listed<'r>> {
    let end = end.min(super::LAST_DAY.succ_opt().unwrap_or(super::LAST_DAY));
    let mut out = Vec::new();
    let mut file = std::borrow::Cow::Borrowed(file);
    let mut day = from;
    while day < end {
        let plan = plan_client_until(roster, &file, day, end);
        let expected = plan.in_today == Some(day);
        let is_listed =
            |i: &DueItem| i.is_listed(day) && !(expected && i.kind == ItemKind::Checkin);
        // A check-in not listed because the client is expected in today is listed the
        // next day they are not: go on a day at a time.
        let held = expected
            && plan
                .pending()
                .any(|i| i.kind == ItemKind::Checkin && i.date <= day);
        if !held && !plan.items.iter().any(is_listed) {
            // Nothing changes until the next item's date: jump there.
            match plan.items.iter().map(|i| i.date).find(|&d| d > day) {
                Some(next) => day = next,
                None => break,
            }
            continue;
        }
        let mut reached = false;
        // The plan is thrown away: its listed items move out rather than being copied.
        for item in plan.items.into_iter().filter(|i| is_listed(i)) {
            reached |= item.kind != ItemKind::Birthday;
            out.push(Listed {
                day,
                days_overdue: if day == from {
                    item.days_overdue(from)
                } else {
                    0
                },
                item,
            });
        }
        // The coach reached them on this day: the cadence restarts and the tries are
        // forgotten. A birthday wish alone is not counted as a conversation.
        if reached {
            file.to_mut().assume_contact(day);
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    out
}

/// (v3, SPEC §3 `agenda --format ics`) The client's items pending on `from` that fall
/// before `end`, each once, on the day it is listed (overdue ones on `from`): what `show`
/// lists as due now and next. Nothing is assumed done, so an event never gets a new day
/// or identity from one morning to the next while nothing is logged. Drift only when it
/// is listed on `from`; a check-in held because the client is expected in on `from` (the
/// session is the check-in) is left out that day.
pub fn pending_now<'r>(
    roster: &'r Roster,
    file: &ClientFile<'r>,
    from: NaiveDate,
    end: NaiveDate,
) -> Vec<Listed<'r>> {
    let plan = plan_client_until(roster, file, from, end);
    let expected = plan.in_today == Some(from);
    plan.items
        .into_iter()
        .filter(|i| i.is_pending() && i.date < end)
        .filter(|i| match i.kind {
            ItemKind::Drift => i.date <= from,
            ItemKind::Checkin => !(expected && i.date <= from),
            ItemKind::Birthday => i.date >= from,
            _ => true,
        })
        .map(|item| Listed {
            day: item.date.max(from),
            days_overdue: item.days_overdue(from),
            item,
        })
        .collect()
}
