//! `review`: how well the coach followed through over the last days.
//!
//! Every item that fell due in the window gets an outcome: `done` (handled by the day it
//! was listed on), `late` (handled later), `open` (not handled yet) or `missed` (a renewal
//! date that passed without its talk, a birthday without a contact that day). The items
//! are rebuilt from each client's touches, not by replaying the planner day by day, so
//! the cost is one pass over each client's history.
//!
//! Routine check-ins are rebuilt from the contacts: after each contact (or the start) the
//! next check-in is due a cadence later, or on the agreed next date; the next contact on
//! or after that day handled it. A check-in whose due day never came (a contact came
//! first) was never an item.

use chrono::{Datelike, Days, NaiveDate};

use super::{
    ClientFile, DueItem, ItemKind, ItemState, Standing, Title, Touch, journey_items, plan_client,
};
use crate::history::EntryKind;
use crate::roster::{Roster, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Done,
    Late,
    Open,
    Missed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Late => "late",
            Outcome::Open => "open",
            Outcome::Missed => "missed",
        }
    }
}

/// One item that fell due in the window, with what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Reviewed<'r> {
    pub client: usize,
    pub kind: ItemKind,
    pub title: Title<'r>,
    pub due: NaiveDate,
    /// The day it was listed on: `due`, or the later day an agreed date moved it to.
    pub date: NaiveDate,
    pub outcome: Outcome,
    pub done_on: Option<NaiveDate>,
    pub days_late: Option<u32>,
}

/// The review of the window `from..=to`, and what comes up next.
#[derive(Debug, Clone, PartialEq)]
pub struct Review<'r> {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub items: Vec<Reviewed<'r>>,
    /// Unanswered tries in the window, per client.
    pub no_replies: Vec<(usize, u32)>,
    pub set_aside: Vec<usize>,
    /// Light touches due by the end of the coming days.
    pub reconnects: Vec<(usize, NaiveDate)>,
    /// Birthdays, renewal talks and milestones in the coming days.
    pub coming: Vec<(usize, DueItem<'r>)>,
}

impl Review<'_> {
    pub fn count(&self, outcome: Outcome) -> usize {
        self.items.iter().filter(|i| i.outcome == outcome).count()
    }

    /// The median lateness of the late items, in days.
    pub fn median_late(&self) -> Option<u32> {
        let mut late: Vec<u32> = self.items.iter().filter_map(|i| i.days_late).collect();
        late.sort_unstable();
        late.get(late.len().checked_sub(1)? / 2).copied()
    }
}

/// The day an item due on `due` was listed on, given what the coach agreed before it was
/// handled (`before`): an agreed next date or a snooze on or after `due` moves it there.
fn listed_on(touches: &[Touch], due: NaiveDate, before: NaiveDate) -> NaiveDate {
    touches
        .iter()
        .filter(|t| t.date < before)
        .filter_map(|t| t.next.filter(|&n| n >= due))
        .max()
        .unwrap_or(due)
        .max(due)
}

fn reviewed<'r>(
    file: &ClientFile,
    kind: ItemKind,
    title: Title<'r>,
    due: NaiveDate,
    handled: Option<NaiveDate>,
    to: NaiveDate,
) -> Reviewed<'r> {
    let date = listed_on(&file.touches, due, handled.unwrap_or(to).max(due));
    let (outcome, days_late) = match handled {
        Some(h) if h <= date => (Outcome::Done, None),
        Some(h) => (Outcome::Late, u32::try_from((h - date).num_days()).ok()),
        None => (Outcome::Open, None),
    };
    Reviewed {
        client: file.index,
        kind,
        title,
        due,
        date,
        outcome,
        done_on: handled,
        days_late,
    }
}

/// The review of the `days` days up to `today`, and the `days` days after it.
pub fn plan_review<'r>(
    roster: &'r Roster,
    files: &[ClientFile<'r>],
    today: NaiveDate,
    days: u32,
) -> Review<'r> {
    let from = today
        .checked_sub_days(Days::new(u64::from(days.max(1)) - 1))
        .unwrap_or(NaiveDate::MIN);
    let until = today
        .checked_add_days(Days::new(days.into()))
        .unwrap_or(NaiveDate::MAX);
    let in_window = |d: NaiveDate| from <= d && d <= today;
    let mut review = Review {
        from,
        to: today,
        items: Vec::new(),
        no_replies: Vec::new(),
        set_aside: Vec::new(),
        reconnects: Vec::new(),
        coming: Vec::new(),
    };
    for file in files {
        let client = file.client;
        if client.status == Status::Ended {
            continue;
        }
        let first_item = review.items.len();
        let out = &mut review.items;
        // Routine check-ins, from each contact (or the start) to the next.
        if let Some(cadence) = client.cadence {
            let contacts: Vec<&Touch> = file
                .touches
                .iter()
                .filter(|t| t.kind.is_contact() && t.date >= client.start)
                .collect();
            let bases = std::iter::once(None).chain(contacts.iter().map(|t| Some(*t)));
            for (k, base) in bases.enumerate() {
                // Named as the planner names it: the agreed date, or every cadence.
                let agreed = base.and_then(|t| t.next.filter(|&n| n > t.date));
                let title = match agreed {
                    Some(_) => Title::AgreedCheckin,
                    None => Title::Checkin(cadence),
                };
                let due = match base {
                    Some(t) => agreed.or_else(|| cadence.after(t.date)),
                    None => cadence.after(client.start),
                };
                let Some(due) = due.filter(|&d| in_window(d)) else {
                    continue;
                };
                let next = contacts.get(k).map(|t| t.date);
                match next {
                    Some(c) if c < due => {}
                    handled => out.push(reviewed(
                        file,
                        ItemKind::Checkin,
                        title,
                        due,
                        handled,
                        today,
                    )),
                }
            }
        }
        for item in journey_items(roster, file, today, today) {
            if in_window(item.due) {
                let handled = match item.state {
                    ItemState::Handled(d) => Some(d),
                    _ => None,
                };
                out.push(reviewed(
                    file,
                    ItemKind::Step,
                    item.title,
                    item.due,
                    handled,
                    today,
                ));
            }
        }
        // Renewal talks: the roster's renewal date and (v3) every renewal that `renew`
        // moved on from, so the talk that was due for it is still reviewed.
        let mut renewals: Vec<NaiveDate> = file
            .touches
            .iter()
            .filter(|t| t.kind == EntryKind::Renewed)
            .filter_map(|t| t.entry.and_then(|e| e.renewal))
            .collect();
        if client.package.is_none() {
            renewals.extend(client.renewal);
        }
        renewals.sort_unstable();
        renewals.dedup();
        for renewal in renewals {
            let Some(due) = super::money::renewal_due(&roster.coach, client, renewal) else {
                continue;
            };
            if !(in_window(due) || in_window(renewal)) {
                continue;
            }
            let handled = file
                .handled_on(ItemKind::Renewal, due)
                .filter(|&h| h <= renewal);
            let mut r = reviewed(
                file,
                ItemKind::Renewal,
                Title::Renewal { renews: renewal },
                due,
                handled,
                today,
            );
            // (v3) No move lists a renewal talk after its last call day: dated as
            // `today` lists it.
            let last_call = super::money::last_call_day(renewal, due);
            if r.date > last_call {
                r.date = last_call;
                if let Some(h) = handled.filter(|&h| h > last_call) {
                    r.outcome = Outcome::Late;
                    r.days_late = u32::try_from((h - last_call).num_days()).ok();
                }
            }
            if handled.is_none() && renewal < today {
                r.outcome = Outcome::Missed;
            }
            out.push(r);
        }
        // (v3) A pack's talk: missed when the pack was used up without it.
        if let Some(pack) = client.package {
            let used = super::money::pack_sessions(file, pack.start);
            if let Some((due, used_up)) = super::money::pack_dates(&roster.coach, file, pack, &used)
                && (in_window(due) || used_up.is_some_and(in_window))
            {
                let handled = file
                    .handled_on(ItemKind::Renewal, due)
                    .filter(|&h| used_up.is_none_or(|u| h <= u));
                let mut r = reviewed(
                    file,
                    ItemKind::Renewal,
                    Title::PackRenewal {
                        left: None,
                        of: pack.sessions,
                    },
                    due,
                    handled,
                    today,
                );
                if handled.is_none() && used_up.is_some_and(|u| u < today) {
                    r.outcome = Outcome::Missed;
                }
                out.push(r);
            }
        }
        if let Some(goal_by) = client.goal_by.filter(|&d| in_window(d)) {
            let handled = file.handled_on(ItemKind::Target, goal_by);
            out.push(reviewed(
                file,
                ItemKind::Target,
                Title::Target,
                goal_by,
                handled,
                today,
            ));
        }
        // Drift counts from the last session, or from the end of a break after it.
        let back = client.paused_until.filter(|&u| u <= today);
        if let Some(session) = file.facts.last_session
            && let from = back.filter(|&b| b > session).unwrap_or(session)
            && let Some(due) = client.drift_after.after(from).filter(|&d| in_window(d))
        {
            let handled = file.handled_on(ItemKind::Drift, due);
            // Named as `today` names it: the days without a session, counted to the day
            // it was handled (or to today while it is open).
            let title = Title::Drift {
                days: (handled.unwrap_or(today) - from).num_days(),
                after_break: from != session,
            };
            out.push(reviewed(file, ItemKind::Drift, title, due, handled, today));
        }
        if let Some(birthday) = client.birthday {
            for year in from.year()..=today.year() {
                let Some(day) = birthday
                    .in_year(year)
                    .filter(|&d| in_window(d) && d >= client.start)
                else {
                    continue;
                };
                let wished = file
                    .touches
                    .iter()
                    .any(|t| t.date == day && t.kind.is_contact());
                out.push(Reviewed {
                    client: file.index,
                    kind: ItemKind::Birthday,
                    title: Title::Birthday,
                    due: day,
                    date: day,
                    outcome: match (wished, day < today) {
                        (true, _) => Outcome::Done,
                        (false, true) => Outcome::Missed,
                        (false, false) => Outcome::Open,
                    },
                    done_on: wished.then_some(day),
                    days_late: None,
                });
            }
        }

        // Items dated before `since` were listed on it, as `today` lists them: one held
        // on that day was done on time.
        if let Some(since) = roster.coach.since {
            for r in review.items[first_item..]
                .iter_mut()
                .filter(|r| r.kind != ItemKind::Birthday && r.date < since)
            {
                r.date = since;
                (r.outcome, r.days_late) = match r.done_on {
                    Some(h) if h <= since => (Outcome::Done, None),
                    Some(h) => (Outcome::Late, u32::try_from((h - since).num_days()).ok()),
                    None => (r.outcome, r.days_late),
                };
            }
        }
        // What is open is what the planner has pending today (one engine says what is
        // due): an item it does not list — before the start, on hold during a break or
        // while the client is set aside — is not open; one it lists that fell due in the
        // window is, on the day it lists it.
        let plan = plan_client(roster, file, today);
        let open_now = |i: &&DueItem| {
            matches!(i.state, ItemState::Pending | ItemState::Folded)
                && i.kind != ItemKind::Reconnect
                && (i.kind != ItemKind::Birthday || i.date == today)
        };
        let mut theirs = review.items.split_off(first_item);
        theirs.retain_mut(|r| {
            if r.outcome != Outcome::Open {
                return true;
            }
            match plan
                .items
                .iter()
                .filter(open_now)
                .find(|i| (i.kind, i.due) == (r.kind, r.due))
            {
                Some(i) => {
                    r.date = i.date;
                    if i.welcome_back {
                        r.title = i.title;
                    }
                    true
                }
                None => false,
            }
        });
        for i in plan
            .items
            .iter()
            .filter(open_now)
            .filter(|i| in_window(i.due))
        {
            if !theirs.iter().any(|r| (r.kind, r.due) == (i.kind, i.due)) {
                theirs.push(Reviewed {
                    client: file.index,
                    kind: i.kind,
                    title: i.title,
                    due: i.due,
                    date: i.date,
                    outcome: Outcome::Open,
                    done_on: None,
                    days_late: None,
                });
            }
        }
        review.items.append(&mut theirs);
        // (v3) Nothing due inside an agreed break was missed. (What is open is the
        // planner's answer above: what fell due in a break is listed on the day back.)
        if let Some((first, end)) = super::break_of(file, today) {
            let inside = |d: NaiveDate| first <= d && end.is_none_or(|e| d < e);
            let mut theirs = review.items.split_off(first_item);
            theirs.retain(|r| !(r.outcome == Outcome::Missed && inside(r.due)));
            review.items.append(&mut theirs);
        }
        let tried = file
            .touches
            .iter()
            .filter(|t| t.kind == crate::history::EntryKind::NoReply && in_window(t.date))
            .count();
        if tried > 0 {
            review.no_replies.push((file.index, tried as u32));
        }
        if matches!(plan.standing, Standing::SetAside { .. }) {
            review.set_aside.push(file.index);
        }
        for item in plan.pending() {
            match item.kind {
                ItemKind::Reconnect if item.date <= until => {
                    review.reconnects.push((file.index, item.date));
                }
                ItemKind::Birthday | ItemKind::Renewal | ItemKind::Step
                    if item.date > today && item.date <= until =>
                {
                    review.coming.push((file.index, item.clone()));
                }
                _ => {}
            }
        }
    }
    let name = |i: usize| roster.clients[i].name.as_str();
    review
        .items
        .sort_by(|a, b| (a.due, name(a.client), a.kind).cmp(&(b.due, name(b.client), b.kind)));
    review
        .coming
        .sort_by(|a, b| (a.1.date, name(a.0)).cmp(&(b.1.date, name(b.0))));
    review
}
