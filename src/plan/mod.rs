//! The planner: pure functions from (roster, history, today) to what is due.
//!
//! Nothing here reads a file or the clock; `today` is always an argument. Every view
//! (`today`, `agenda`, `journey`, `clients`) is built from `plan_client`, which lists each
//! pending item of one client with its date, past or future, by the rules of SPEC §2.

pub mod agenda;
pub mod journey;
pub mod retention;
pub mod today;

#[cfg(test)]
mod proptests;

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::history::{EntryKind, History};
use crate::roster::{Client, Period, Roster, Status};

/// What the history and the roster say about one client up to `today`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// `L`: the latest contact (a session counts as one).
    pub last_contact: Option<NaiveDate>,
    /// The note of the history entry behind `last_contact`, if it was one.
    pub last_note: Option<String>,
    /// `S`: the latest session.
    pub last_session: Option<NaiveDate>,
    /// `k`: unanswered tries after `L`.
    pub no_replies: u32,
    /// `A`: the latest unanswered try after `L`.
    pub last_no_reply: Option<NaiveDate>,
}

/// Gathers the facts of every client (by roster index), ignoring anything after `today`.
pub fn gather_facts(roster: &Roster, history: &History, today: NaiveDate) -> Vec<Facts> {
    let mut facts: Vec<Facts> = roster
        .clients
        .iter()
        .map(|c| Facts {
            last_contact: c.last_contact.filter(|&d| d <= today),
            last_session: c.last_session.filter(|&d| d <= today),
            ..Facts::default()
        })
        .collect();
    for e in history.entries.iter().filter(|e| e.date <= today) {
        let f = &mut facts[e.client];
        if matches!(e.kind, EntryKind::Contact | EntryKind::Session) {
            if f.last_contact.is_none_or(|l| e.date >= l) {
                if f.last_contact != Some(e.date) || e.note.is_some() {
                    f.last_note = e.note.clone();
                }
                f.last_contact = Some(e.date);
            }
            if e.kind == EntryKind::Session {
                f.last_session = f.last_session.max(Some(e.date));
            }
        }
    }
    // A session is also a contact, whether it came from the roster or the log.
    for f in &mut facts {
        if f.last_session > f.last_contact {
            f.last_contact = f.last_session;
            f.last_note = None;
        }
    }
    for e in history
        .entries
        .iter()
        .filter(|e| e.date <= today && e.kind == EntryKind::NoReply)
    {
        let f = &mut facts[e.client];
        if f.last_contact.is_none_or(|l| e.date > l) {
            f.no_replies += 1;
            f.last_no_reply = f.last_no_reply.max(Some(e.date));
        }
    }
    facts
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    Drift,
    Checkin,
    Step,
    Renewal,
    Target,
    Birthday,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Checkin => "checkin",
            ItemKind::Step => "step",
            ItemKind::Renewal => "renewal",
            ItemKind::Target => "target",
            ItemKind::Drift => "drift",
            ItemKind::Birthday => "birthday",
        }
    }
}

/// Something due for a client on a date.
/// Step text is borrowed from the roster's journey, and the built-in wording is static:
/// a client is planned many times over in `agenda`, so items should cost little.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem<'r> {
    pub kind: ItemKind,
    /// When it is due now: its own date, or the later day it was moved to (a retry after
    /// no reply, or the day a pause ends).
    pub date: NaiveDate,
    /// The date the rules give it, before any move.
    pub original: NaiveDate,
    pub title: Cow<'r, str>,
    pub prompt: Option<&'r str>,
    /// For a missed journey step: how many earlier steps were missed too.
    pub earlier_missed: u32,
}

impl DueItem<'_> {
    pub fn days_overdue(&self, today: NaiveDate) -> u32 {
        u32::try_from((today - self.date).num_days()).unwrap_or(0)
    }

    /// The title as shown to the coach, with the count of earlier missed steps.
    pub fn full_title(&self) -> String {
        match self.earlier_missed {
            0 => self.title.to_string(),
            1 => format!("{} (+1 earlier step missed)", self.title),
            n => format!("{} (+{n} earlier steps missed)", self.title),
        }
    }
}

/// Where a client stands with the coach on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Active,
    /// Paused; back on the given day, or not yet known.
    Paused(Option<NaiveDate>),
    Ended,
    /// Too many unanswered tries: waiting on them to come back.
    SetAside {
        tries: u32,
        last_tried: NaiveDate,
    },
}

/// Every pending item of one client, sorted by date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientPlan<'r> {
    pub standing: Standing,
    pub items: Vec<DueItem<'r>>,
}

impl<'r> ClientPlan<'r> {
    /// The items to act on `today`: everything dated up to today, birthdays only on the day.
    pub fn listed(&self, today: NaiveDate) -> impl Iterator<Item = &DueItem<'r>> {
        self.items.iter().filter(move |i| {
            if i.kind == ItemKind::Birthday {
                i.date == today
            } else {
                i.date <= today
            }
        })
    }

    pub fn is_drifting(&self, today: NaiveDate) -> bool {
        self.listed(today).any(|i| i.kind == ItemKind::Drift)
    }
}

/// The first day of the client's month `month` (1-based), counted from `start` and clamped
/// to the month end: a start on 31 January gives 28/29 February for month 2.
pub fn month_start(start: NaiveDate, month: u32) -> Option<NaiveDate> {
    Period::Months(month.checked_sub(1)?).after(start)
}

/// The client's 1-based month on `day`, or `None` before `start`.
pub fn month_of(start: NaiveDate, day: NaiveDate) -> Option<u32> {
    use chrono::Datelike;
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

/// The client's pending items on `today` by the rules of SPEC §2.
pub fn plan_client<'r>(
    roster: &'r Roster,
    client: &'r Client,
    facts: &Facts,
    today: NaiveDate,
) -> ClientPlan<'r> {
    let coach = &roster.coach;
    let give_up = coach.give_up_after.max(1);
    let standing = match client.status {
        Status::Ended => Standing::Ended,
        Status::Paused if client.paused_until.is_none_or(|d| today < d) => {
            Standing::Paused(client.paused_until)
        }
        _ => match facts.last_no_reply {
            Some(last_tried) if facts.no_replies >= give_up => Standing::SetAside {
                tries: facts.no_replies,
                last_tried,
            },
            _ => Standing::Active,
        },
    };
    let mut items = Vec::new();
    if standing == Standing::Ended || standing == Standing::Paused(None) {
        return ClientPlan { standing, items };
    }
    let last = facts.last_contact;
    let cleared = |date: NaiveDate| last.is_some_and(|l| l >= date);
    let mut push = |kind, date: Option<NaiveDate>, title: Cow<'r, str>, prompt: Option<&'r str>| {
        if let Some(date) = date {
            items.push(DueItem {
                kind,
                date,
                original: date,
                title,
                prompt,
                earlier_missed: 0,
            });
        }
    };

    if let Some(birthday) = client.birthday {
        push(
            ItemKind::Birthday,
            birthday.next_on_or_after(today),
            Cow::Borrowed("Birthday"),
            Some("Happy birthday! Just that, no programme talk."),
        );
    }
    if !matches!(standing, Standing::SetAside { .. }) {
        if let Some(cadence) = client.cadence {
            let base = last.map_or(client.start, |l| l.max(client.start));
            let prompt = match client.goal {
                Some(_) => "How is it going? Tie it back to their goal and their why.",
                None => "What do they want to achieve, and why does it matter to them?",
            };
            push(
                ItemKind::Checkin,
                cadence.after(base),
                Cow::Owned(format!("Check-in (every {cadence})")),
                Some(prompt),
            );
        }
        if let Some(journey) = roster.journey_of(client) {
            for step in &journey.steps {
                let date = month_start(client.start, step.month)
                    .and_then(|d| Period::Days(step.offset_days).after(d))
                    .filter(|&d| !cleared(d));
                push(
                    ItemKind::Step,
                    date,
                    Cow::Borrowed(&step.title),
                    step.prompt.as_deref(),
                );
            }
        }
        if let Some(renewal) = client.renewal
            && today <= renewal
        {
            let date = coach
                .renewal_notice
                .before(renewal)
                .filter(|&d| !cleared(d));
            push(
                ItemKind::Renewal,
                date,
                Cow::Owned(format!("Renewal on {renewal}")),
                Some("Talk about what they want from the next stretch, before the renewal date."),
            );
        }
        if let Some(goal_by) = client.goal_by.filter(|&d| !cleared(d)) {
            push(
                ItemKind::Target,
                Some(goal_by),
                Cow::Borrowed("Goal target date: review the goal"),
                Some("Where are they against the goal, and what comes next?"),
            );
        }
        if let Some(session) = facts.last_session {
            let date = coach.drift_after.after(session).filter(|&d| !cleared(d));
            let days = (today - session).num_days();
            push(
                ItemKind::Drift,
                date,
                Cow::Owned(format!("No session for {days} days")),
                Some(
                    "Reach out without pressure: what got in the way, and what would help them come back?",
                ),
            );
        }
    }

    // Days before which nothing but a birthday can be due: the end of a pause, a retry
    // after unanswered tries (don't chase), and the start of a client who has not begun.
    let retry = match (standing, facts.last_no_reply) {
        (Standing::Active, Some(tried)) if facts.no_replies > 0 => {
            let base = client.cadence.unwrap_or(Period::WEEK);
            // Too long to compute means "not in this lifetime": the items wait for ever.
            Some(
                2u32.checked_pow(facts.no_replies - 1)
                    .and_then(|f| base.times(f))
                    .and_then(|p| p.after(tried))
                    .unwrap_or(NaiveDate::MAX),
            )
        }
        _ => None,
    };
    let pause_end = client
        .paused_until
        .filter(|_| client.status == Status::Paused);
    let hold = [retry, pause_end].into_iter().flatten().max();
    if let Some(pause_end) = pause_end {
        items.retain(|i| i.kind != ItemKind::Birthday || i.date >= pause_end);
    }
    if let Some(hold) = hold {
        for item in items
            .iter_mut()
            .filter(|i| i.kind != ItemKind::Birthday && i.date < hold)
        {
            item.date = hold;
        }
    }
    items.retain(|i| i.date >= client.start && i.date != NaiveDate::MAX);
    collapse_missed_steps(&mut items, today);
    items.sort_by(|a, b| (a.date, a.kind, &a.title).cmp(&(b.date, b.kind, &b.title)));
    ClientPlan { standing, items }
}

/// Of the steps due by `today` only the latest stays, counting the earlier ones.
fn collapse_missed_steps(items: &mut Vec<DueItem>, today: NaiveDate) {
    let due = |i: &DueItem| i.kind == ItemKind::Step && i.date <= today;
    let Some(latest) = items.iter().filter(|i| due(i)).map(|i| i.original).max() else {
        return;
    };
    let missed = items.iter().filter(|i| due(i)).count() as u32 - 1;
    let mut kept = false;
    items.retain_mut(|i| {
        if !due(i) {
            return true;
        }
        if i.original == latest && !kept {
            kept = true;
            i.earlier_missed = missed;
            return true;
        }
        false
    });
}

#[cfg(test)]
pub(crate) mod testing {
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

    /// A history from (client id, date, kind) triples.
    pub fn history(roster: &Roster, entries: &[(&str, &str, EntryKind)]) -> History {
        History {
            entries: entries
                .iter()
                .map(|&(id, date, kind)| HistoryEntry {
                    client: roster.ids().find(id).expect("test id"),
                    date: d(date),
                    kind,
                    note: None,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{d, history, roster};
    use super::*;
    use crate::history::EntryKind::{Contact, NoReply, Session};

    /// The items listed on `today` for the roster's first client: (kind, date, days overdue).
    fn listed(roster: &Roster, history: &History, today: &str) -> Vec<(ItemKind, NaiveDate, u32)> {
        let t = d(today);
        let facts = gather_facts(roster, history, t);
        let plan = plan_client(roster, &roster.clients[0], &facts[0], t);
        plan.listed(t)
            .map(|i| (i.kind, i.date, i.days_overdue(t)))
            .collect()
    }

    fn one(extra: &str) -> Roster {
        roster(&format!(
            "[[client]]\nname = \"Alice\"\nstart = 2026-01-05\ngoal = \"10k\"\njourney = \"none\"\n{extra}"
        ))
    }

    #[test]
    fn month_starts_clamp_to_the_month_end_and_count_from_start() {
        let cases = [
            (
                "2026-01-31",
                [("2026-02-28"), ("2026-03-31"), ("2026-04-30")],
            ),
            (
                "2028-01-31",
                [("2028-02-29"), ("2028-03-31"), ("2028-04-30")],
            ),
            (
                "2026-01-30",
                [("2026-02-28"), ("2026-03-30"), ("2026-04-30")],
            ),
            (
                "2028-01-29",
                [("2028-02-29"), ("2028-03-29"), ("2028-04-29")],
            ),
            (
                "2027-01-29",
                [("2027-02-28"), ("2027-03-29"), ("2027-04-29")],
            ),
        ];
        for (start, months) in cases {
            for (m, want) in (2..).zip(months) {
                assert_eq!(
                    month_start(d(start), m),
                    Some(d(want)),
                    "start {start}, month {m}"
                );
            }
        }
        assert_eq!(month_start(d("2026-01-31"), 13), Some(d("2027-01-31")));
    }

    #[test]
    fn month_of_a_day_matches_month_starts() {
        let start = d("2026-01-31");
        assert_eq!(month_of(start, d("2026-01-30")), None);
        assert_eq!(month_of(start, d("2026-01-31")), Some(1));
        assert_eq!(month_of(start, d("2026-02-27")), Some(1));
        assert_eq!(month_of(start, d("2026-02-28")), Some(2));
        assert_eq!(month_of(start, d("2026-03-30")), Some(2));
        assert_eq!(month_of(start, d("2026-03-31")), Some(3));
    }

    #[test]
    fn checkin_falls_a_cadence_after_start_then_after_the_latest_contact() {
        let r = one("cadence = \"1w\"");
        assert_eq!(listed(&r, &History::default(), "2026-01-11"), vec![]);
        assert_eq!(
            listed(&r, &History::default(), "2026-01-12"),
            vec![(ItemKind::Checkin, d("2026-01-12"), 0)]
        );
        assert_eq!(
            listed(&r, &History::default(), "2026-01-15"),
            vec![(ItemKind::Checkin, d("2026-01-12"), 3)]
        );
        // A contact after the due date clears it and restarts the cadence from the contact.
        let h = history(&r, &[("alice", "2026-01-14", Contact)]);
        assert_eq!(listed(&r, &h, "2026-01-15"), vec![]);
        assert_eq!(
            listed(&r, &h, "2026-01-21"),
            vec![(ItemKind::Checkin, d("2026-01-21"), 0)]
        );
    }

    #[test]
    fn history_after_today_is_ignored() {
        let r = one("cadence = \"1w\"");
        let h = history(&r, &[("alice", "2026-01-20", Contact)]);
        assert_eq!(
            listed(&r, &h, "2026-01-13"),
            vec![(ItemKind::Checkin, d("2026-01-12"), 1)]
        );
    }

    #[test]
    fn roster_last_contact_counts_like_a_logged_one() {
        let r = one("cadence = \"2w\"\nlast_contact = 2026-02-01");
        assert_eq!(
            listed(&r, &History::default(), "2026-02-15"),
            vec![(ItemKind::Checkin, d("2026-02-15"), 0)]
        );
    }

    #[test]
    fn unanswered_tries_back_off_one_cadence_then_two() {
        let r = one("cadence = \"1w\"");
        // Due 12 Jan, tried that day without an answer: next try a week later.
        let h = history(&r, &[("alice", "2026-01-12", NoReply)]);
        assert_eq!(listed(&r, &h, "2026-01-18"), vec![]);
        assert_eq!(
            listed(&r, &h, "2026-01-19"),
            vec![(ItemKind::Checkin, d("2026-01-19"), 0)]
        );
        // No answer again: two weeks after that, and never shown as weeks overdue.
        let h = history(
            &r,
            &[
                ("alice", "2026-01-12", NoReply),
                ("alice", "2026-01-19", NoReply),
            ],
        );
        assert_eq!(listed(&r, &h, "2026-02-01"), vec![]);
        assert_eq!(
            listed(&r, &h, "2026-02-02"),
            vec![(ItemKind::Checkin, d("2026-02-02"), 0)]
        );
        assert_eq!(
            listed(&r, &h, "2026-02-04"),
            vec![(ItemKind::Checkin, d("2026-02-02"), 2)]
        );
    }

    #[test]
    fn back_off_without_a_cadence_uses_a_week() {
        let r = one("cadence = \"none\"\ngoal_by = 2026-01-10");
        let h = history(&r, &[("alice", "2026-01-10", NoReply)]);
        assert_eq!(listed(&r, &h, "2026-01-16"), vec![]);
        assert_eq!(
            listed(&r, &h, "2026-01-17"),
            vec![(ItemKind::Target, d("2026-01-17"), 0)]
        );
    }

    #[test]
    fn three_unanswered_tries_set_a_client_aside_until_a_contact() {
        let r = one("cadence = \"1w\"\nbirthday = \"03-01\"");
        let tries = [
            ("alice", "2026-01-12", NoReply),
            ("alice", "2026-01-19", NoReply),
            ("alice", "2026-02-02", NoReply),
        ];
        let h = history(&r, &tries);
        let t = d("2026-03-01");
        let facts = gather_facts(&r, &h, t);
        let plan = plan_client(&r, &r.clients[0], &facts[0], t);
        assert_eq!(
            plan.standing,
            Standing::SetAside {
                tries: 3,
                last_tried: d("2026-02-02")
            }
        );
        // Only the birthday is still listed.
        assert_eq!(
            listed(&r, &h, "2026-03-01"),
            vec![(ItemKind::Birthday, d("2026-03-01"), 0)]
        );
        assert_eq!(listed(&r, &h, "2026-03-02"), vec![]);
        // They answered: back in the cadence.
        let mut back = tries.to_vec();
        back.push(("alice", "2026-03-02", Contact));
        let h = history(&r, &back);
        assert_eq!(
            listed(&r, &h, "2026-03-09"),
            vec![(ItemKind::Checkin, d("2026-03-09"), 0)]
        );
    }

    #[test]
    fn drift_is_due_after_the_last_session_and_cleared_by_a_contact() {
        let r = one("cadence = \"none\"");
        let h = history(&r, &[("alice", "2026-02-01", Session)]);
        assert_eq!(listed(&r, &h, "2026-02-21"), vec![]);
        assert_eq!(
            listed(&r, &h, "2026-02-22"),
            vec![(ItemKind::Drift, d("2026-02-22"), 0)]
        );
        let t = d("2026-02-26");
        let plan = plan_client(&r, &r.clients[0], &gather_facts(&r, &h, t)[0], t);
        assert!(plan.is_drifting(t));
        assert_eq!(plan.items[0].title, "No session for 25 days");
        let h = history(
            &r,
            &[
                ("alice", "2026-02-01", Session),
                ("alice", "2026-02-23", Contact),
            ],
        );
        assert_eq!(listed(&r, &h, "2026-02-26"), vec![]);
    }

    #[test]
    fn no_drift_without_sessions() {
        let r = one("cadence = \"none\"");
        let h = history(&r, &[("alice", "2026-01-06", Contact)]);
        assert_eq!(listed(&r, &h, "2026-06-01"), vec![]);
    }

    #[test]
    fn birthdays_are_due_on_the_day_only_and_29_february_moves_to_28() {
        let r = one("cadence = \"none\"\nbirthday = 1992-02-29");
        assert_eq!(
            listed(&r, &History::default(), "2027-02-28"),
            vec![(ItemKind::Birthday, d("2027-02-28"), 0)]
        );
        assert_eq!(listed(&r, &History::default(), "2027-03-01"), vec![]);
        assert_eq!(listed(&r, &History::default(), "2028-02-28"), vec![]);
        assert_eq!(
            listed(&r, &History::default(), "2028-02-29"),
            vec![(ItemKind::Birthday, d("2028-02-29"), 0)]
        );
    }

    #[test]
    fn renewal_talk_comes_before_the_renewal_and_lapses_after_it() {
        let r = one("cadence = \"none\"\nrenewal = 2026-06-30");
        assert_eq!(listed(&r, &History::default(), "2026-05-30"), vec![]);
        assert_eq!(
            listed(&r, &History::default(), "2026-05-31"),
            vec![(ItemKind::Renewal, d("2026-05-31"), 0)]
        );
        assert_eq!(
            listed(&r, &History::default(), "2026-06-30"),
            vec![(ItemKind::Renewal, d("2026-05-31"), 30)]
        );
        assert_eq!(listed(&r, &History::default(), "2026-07-01"), vec![]);
    }

    #[test]
    fn target_date_asks_for_a_goal_review() {
        let r = one("cadence = \"none\"\ngoal_by = 2026-04-01");
        assert_eq!(
            listed(&r, &History::default(), "2026-04-03"),
            vec![(ItemKind::Target, d("2026-04-01"), 2)]
        );
        let h = history(&r, &[("alice", "2026-04-02", Contact)]);
        assert_eq!(listed(&r, &h, "2026-04-03"), vec![]);
    }

    #[test]
    fn only_the_latest_missed_step_is_listed_with_the_count_of_earlier_ones() {
        let r = roster("[[client]]\nname = \"Alice\"\nstart = 2026-01-01\ncadence = \"none\"\n");
        let t = d("2026-03-05");
        let facts = gather_facts(&r, &History::default(), t);
        let plan = plan_client(&r, &r.clients[0], &facts[0], t);
        let steps: Vec<&DueItem> = plan
            .listed(t)
            .filter(|i| i.kind == ItemKind::Step)
            .collect();
        assert_eq!(steps.len(), 1);
        assert_eq!(steps[0].title, "90-day review");
        assert_eq!(steps[0].date, d("2026-03-01"));
        assert_eq!(steps[0].earlier_missed, 4);
        assert_eq!(
            steps[0].full_title(),
            "90-day review (+4 earlier steps missed)"
        );
    }

    #[test]
    fn paused_clients_have_nothing_until_they_are_back() {
        let r = one(
            "cadence = \"1w\"\nstatus = \"paused\"\npaused_until = 2026-03-01\nbirthday = \"02-10\"",
        );
        assert_eq!(listed(&r, &History::default(), "2026-02-10"), vec![]);
        // Back on the day: the check-in is due that day, not weeks overdue.
        assert_eq!(
            listed(&r, &History::default(), "2026-03-01"),
            vec![(ItemKind::Checkin, d("2026-03-01"), 0)]
        );
        let forever = one("status = \"paused\"");
        assert_eq!(listed(&forever, &History::default(), "2027-01-01"), vec![]);
    }

    #[test]
    fn ended_clients_have_nothing() {
        let r = one("status = \"ended\"\nended = 2026-02-01\nbirthday = \"03-03\"");
        assert_eq!(listed(&r, &History::default(), "2026-03-03"), vec![]);
    }

    #[test]
    fn a_future_start_has_only_items_from_the_start_on() {
        let r = one("cadence = \"1w\"\nbirthday = \"01-01\"\ngoal_by = 2025-12-01");
        let t = d("2026-01-01");
        let plan = plan_client(
            &r,
            &r.clients[0],
            &gather_facts(&r, &History::default(), t)[0],
            t,
        );
        assert!(
            plan.items.iter().all(|i| i.date >= d("2026-01-05")),
            "{:?}",
            plan.items
        );
        assert_eq!(plan.items.first().map(|i| i.kind), Some(ItemKind::Checkin));
    }

    #[test]
    fn far_dates_do_not_overflow() {
        let r = roster(
            "[[client]]\nname = \"Old\"\nstart = 9999-12-01\ncadence = \"1200m\"\nrenewal = 9999-12-31\ngoal_by = 9999-12-31\nbirthday = \"12-31\"\n\
             [[client]]\nname = \"Older\"\nstart = 0001-01-01\nlast_session = 0001-01-02\ncadence = \"36500d\"\n",
        );
        for today in ["9999-12-31", "0001-01-01", "2026-11-23"] {
            let t = d(today);
            let facts = gather_facts(&r, &History::default(), t);
            for (c, f) in r.clients.iter().zip(&facts) {
                let _ = plan_client(&r, c, f, t);
            }
        }
    }
}
