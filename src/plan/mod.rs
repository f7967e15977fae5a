//! The planner: pure functions from (roster, history, today) to what is due.
//!
//! Nothing here reads a file or the clock; `today` is always an argument. Every view
//! (`today`, `agenda`, `journey`, `clients`) is built from `plan_client`, which lists each
//! pending item of one client with its date, past or future, by the rules of SPEC §2.

pub mod agenda;
pub mod journey;
pub mod retention;
pub mod today;

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub kind: ItemKind,
    /// When it is due now: its own date, or the later day it was moved to (a retry after
    /// no reply, or the day a pause ends).
    pub date: NaiveDate,
    /// The date the rules give it, before any move.
    pub original: NaiveDate,
    pub title: String,
    pub prompt: Option<String>,
    /// For a missed journey step: how many earlier steps were missed too.
    pub earlier_missed: u32,
}

impl DueItem {
    pub fn days_overdue(&self, today: NaiveDate) -> u32 {
        u32::try_from((today - self.date).num_days()).unwrap_or(0)
    }

    /// The title as shown to the coach, with the count of earlier missed steps.
    pub fn full_title(&self) -> String {
        match self.earlier_missed {
            0 => self.title.clone(),
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
pub struct ClientPlan {
    pub standing: Standing,
    pub items: Vec<DueItem>,
}

impl ClientPlan {
    /// The items to act on `today`: everything dated up to today, birthdays only on the day.
    pub fn listed(&self, today: NaiveDate) -> impl Iterator<Item = &DueItem> {
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
pub fn plan_client(
    roster: &Roster,
    client: &Client,
    facts: &Facts,
    today: NaiveDate,
) -> ClientPlan {
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
    let mut push = |kind, date: Option<NaiveDate>, title: String, prompt: Option<String>| {
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
            "Birthday".to_string(),
            Some("Happy birthday! Just that, no programme talk.".to_string()),
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
                format!("Check-in (every {cadence})"),
                Some(prompt.to_string()),
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
                    step.title.clone(),
                    step.prompt.clone(),
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
                format!("Renewal on {renewal}"),
                Some(
                    "Talk about what they want from the next stretch, before the renewal date."
                        .to_string(),
                ),
            );
        }
        if let Some(goal_by) = client.goal_by.filter(|&d| !cleared(d)) {
            push(
                ItemKind::Target,
                Some(goal_by),
                "Goal target date: review the goal".to_string(),
                Some("Where are they against the goal, and what comes next?".to_string()),
            );
        }
        if let Some(session) = facts.last_session {
            let date = coach.drift_after.after(session).filter(|&d| !cleared(d));
            let days = (today - session).num_days();
            push(
                ItemKind::Drift,
                date,
                format!("No session for {days} days"),
                Some("Reach out without pressure: what got in the way, and what would help them come back?".to_string()),
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
