//! The planner: pure functions from (roster, history, today) to what is due.
//!
//! Nothing here reads a file or the clock; `today` is always an argument. Every view
//! (`today`, `agenda`, `journey`, `clients`, `show`) asks `plan_client` for one client's
//! items. An item is a conversation due for a client; its identity is `(client, kind,
//! due)`, where `due` is the date the rules of SPEC §2 give it. It is *listed* on `date`:
//! `due`, or a later day it was moved to (an agreed next date, a retry after no reply, the
//! end of a pause, `since`). Moving never changes identity, so a calendar keeps one event
//! per item from one day to the next until the item is handled.
//!
//! What handles what lives in one place, `Touch::handles`: any contact or session clears a
//! check-in, drift or reconnect; a journey step, a renewal talk or a goal review is handled
//! only by a contact whose `done` names it (or a contact without `done`, as one written by
//! hand), and by a session or no-reply only when its `done` names it.

mod client;
pub use client::{ClientFile, Facts, Touch, client_files, name_ranks};

pub mod agenda;
pub mod journey;
pub mod money;
pub mod retention;
pub mod review;
pub mod rhythm;
mod rules;
pub mod timeline;
mod title;
pub use title::Title;
pub mod today;

#[cfg(test)]
mod crossview;
#[cfg(test)]
mod proptests;

use chrono::{Days, NaiveDate};

use crate::history::DoneKind;
use crate::roster::{Client, Period, Roster, Status, Step};
pub use crate::roster::{month_of, month_start};
pub use money::{Money, renewal_talk};

/// The last day of the calendar that the roster and every output use.
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// How far ahead anniversaries are planned by default: far enough for a year's agenda.
const LOOK_AHEAD_DAYS: u64 = 400;
/// Anniversaries further back than this many years are not planned: a client of fifty
/// years does not need fifty missed milestones counted every morning.
const ANNIVERSARIES_BACK: u32 = 10;
/// (v3) An anniversary this close to another step of the journey is left out.
const ANNIVERSARY_GAP_DAYS: i64 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    Drift,
    Checkin,
    Step,
    Renewal,
    Target,
    Reconnect,
    Birthday,
}

impl ItemKind {
    pub const ALL: [ItemKind; 7] = [
        ItemKind::Checkin,
        ItemKind::Step,
        ItemKind::Renewal,
        ItemKind::Target,
        ItemKind::Drift,
        ItemKind::Reconnect,
        ItemKind::Birthday,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Checkin => "checkin",
            ItemKind::Step => "step",
            ItemKind::Renewal => "renewal",
            ItemKind::Target => "target",
            ItemKind::Drift => "drift",
            ItemKind::Reconnect => "reconnect",
            ItemKind::Birthday => "birthday",
        }
    }

    /// The `done` kind that says this item was handled, for the kinds that need one.
    pub fn done_kind(self) -> Option<DoneKind> {
        match self {
            ItemKind::Step => Some(DoneKind::Step),
            ItemKind::Renewal => Some(DoneKind::Renewal),
            ItemKind::Target => Some(DoneKind::Target),
            _ => None,
        }
    }
}

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    /// Not handled yet.
    Pending,
    /// Handled by a touch on this day.
    Handled(NaiveDate),
    /// A missed step that a later missed step stands for (only the latest is listed).
    Folded,
}

/// A conversation due for a client. Step text is borrowed from the roster's journey, and
/// the built-in wording is static: a client is planned many times over in `agenda`.
#[derive(Debug, Clone, PartialEq)]
pub struct DueItem<'r> {
    pub kind: ItemKind,
    /// Its identity date, by the rules, before any move.
    pub due: NaiveDate,
    /// The day it is listed on: `due`, or a later day it was moved to.
    pub date: NaiveDate,
    pub title: Title<'r>,
    pub prompt: Option<&'r str>,
    /// The journey step behind a `step` item (none for an anniversary).
    pub step: Option<&'r Step>,
    /// For a missed journey step: how many earlier steps were missed too.
    pub earlier_missed: u32,
    pub state: ItemState,
    /// The check-in on the day a client is back from a pause.
    pub welcome_back: bool,
    /// For a renewal talk: what it is about and how far it may be moved.
    pub money: Option<Money>,
    /// (v3) Said face to face at a session the client is expected at (their rhythm), not
    /// texted.
    pub in_person: bool,
    /// (v3) What is true on the day, for the draft.
    pub moment: Moment,
}

/// (v3) What a draft needs to know about the day beyond the item (SPEC §4 "Drafts for
/// the moment").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Moment {
    /// Unanswered tries since the last contact: a retry's text is lighter, and new.
    pub tries: u32,
    /// A session on or after `start` is known: the kick-off no longer says "before we
    /// start".
    pub session_done: bool,
}

impl<'r> DueItem<'r> {
    /// The step's own label (`kickoff`, `review`, `anniversary`), else the item kind.
    pub fn label(&self) -> &'r str {
        match (self.kind, self.step) {
            (ItemKind::Step, Some(step)) => step.kind.as_str(),
            (ItemKind::Step, None) => "anniversary",
            (kind, _) => kind.as_str(),
        }
    }

    pub fn days_overdue(&self, today: NaiveDate) -> u32 {
        u32::try_from((today - self.date).num_days()).unwrap_or(0)
    }

    pub fn is_pending(&self) -> bool {
        self.state == ItemState::Pending
    }

    /// Whether it is listed on `today`: pending and dated up to today, a birthday on the
    /// day only.
    pub fn is_listed(&self, today: NaiveDate) -> bool {
        self.is_pending()
            && if self.kind == ItemKind::Birthday {
                self.date == today
            } else {
                self.date <= today
            }
    }

    /// The title as shown to the coach, with the count of earlier missed steps.
    pub fn full_title(&self) -> String {
        let title = crate::words::title(&self.title);
        match self.earlier_missed {
            0 => title.into_owned(),
            1 => format!("{title} (+1 earlier step missed)"),
            n => format!("{title} (+{n} earlier steps missed)"),
        }
    }
}

/// (v3) The client's last break (SPEC §2 Pauses; `review` and the rhythm both ask here) as days `first..end` (`end` exclusive, `None` while it
/// goes on): from `paused_from`, or the day after the last session, to the day before
/// `paused_until`. Nothing due inside it is open or missed: it was agreed.
pub fn break_of(file: &ClientFile, today: NaiveDate) -> Option<(NaiveDate, Option<NaiveDate>)> {
    let client = file.client;
    let end = match (client.status, client.paused_until) {
        (Status::Ended, _) | (Status::Active, None) => return None,
        (Status::Active, Some(until)) if until > today => return None,
        (_, until) => until,
    };
    let first = client
        .paused_from
        .or_else(|| file.facts.last_session.and_then(|s| s.succ_opt()))
        .unwrap_or(client.start);
    Some((first, end))
}

/// The day a client's standing is seen from: `today`, or for an ended client their last
/// day (when it is not ahead).
pub fn seen_on(client: &Client, today: NaiveDate) -> NaiveDate {
    match (client.status, client.ended) {
        (Status::Ended, Some(end)) => end.min(today),
        _ => today,
    }
}

/// The month of their time with the coach a client is in on `today` (an ended client: the
/// month they left in). Every view counts it here.
pub fn month_now(client: &Client, today: NaiveDate) -> Option<u32> {
    month_of(client.start, seen_on(client, today))
}

/// Where a client stands with the coach on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Active,
    /// Back from a pause that ended on this day: active again.
    Back(NaiveDate),
    /// Paused; back on the given day, or not yet known.
    Paused(Option<NaiveDate>),
    Ended,
    /// Too many unanswered tries: waiting on them to come back.
    SetAside {
        tries: u32,
        last_tried: NaiveDate,
    },
}

impl Standing {
    /// Active, or back from a break: the client's rules all apply.
    pub fn is_active(self) -> bool {
        matches!(self, Standing::Active | Standing::Back(_))
    }
}

/// Every item of one client: pending ones with the day they are listed on, handled and
/// folded ones with their state, sorted by date.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientPlan<'r> {
    pub standing: Standing,
    pub items: Vec<DueItem<'r>>,
    /// (v3) The planning day, when the client is expected in on it (their rhythm): their
    /// check-in is not listed that day.
    pub in_today: Option<NaiveDate>,
    /// (v3) Their rhythm, as the planner found it (`None` for a client paused or ended).
    pub rhythm: Option<rhythm::Rhythm>,
}

impl<'r> ClientPlan<'r> {
    /// The items to act on `today`: pending and dated up to today, birthdays on the day.
    pub fn listed(&self, today: NaiveDate) -> impl Iterator<Item = &DueItem<'r>> {
        let expected = self.in_today == Some(today);
        self.items
            .iter()
            .filter(move |i| i.is_listed(today) && !(expected && i.kind == ItemKind::Checkin))
    }

    pub fn pending(&self) -> impl Iterator<Item = &DueItem<'r>> {
        self.items.iter().filter(|i| i.is_pending())
    }

    pub fn is_drifting(&self, today: NaiveDate) -> bool {
        self.listed(today).any(|i| i.kind == ItemKind::Drift)
    }
}

const CHECKIN_PROMPT: &str = "How is it going? Tie it back to their goal and their why.";
const NO_GOAL_PROMPT: &str = "What do they want to achieve, and why does it matter to them?";
const WELCOME_PROMPT: &str =
    "Welcome them back: how was the break, and what would make the first weeks back easy?";
const BIRTHDAY_PROMPT: &str = "Happy birthday! Just that, no programme talk.";
pub(crate) const RENEWAL_PROMPT: &str =
    "Talk about what they want from the next stretch, before the renewal date.";
const TARGET_PROMPT: &str = "Where are they against the goal, and what comes next?";
const DRIFT_PROMPT: &str =
    "Reach out without pressure: what got in the way, and what would help them come back?";
const RECONNECT_PROMPT: &str =
    "Leave the door open: a friendly hello with no questions they have to answer.";
const ANNIVERSARY_PROMPT: &str = "Look back on the time together and set the next goal.";

/// The client's items on `today` by the rules of SPEC §2, with anniversaries planned far
/// enough ahead for a year's agenda.
pub fn plan_client<'r>(
    roster: &'r Roster,
    file: &ClientFile<'r>,
    today: NaiveDate,
) -> ClientPlan<'r> {
    let horizon = today
        .checked_add_days(Days::new(LOOK_AHEAD_DAYS))
        .unwrap_or(NaiveDate::MAX);
    plan_client_until(roster, file, today, horizon)
}

/// `plan_client`, with anniversaries planned up to `horizon` (the journey view shows
/// further ahead). The rules of SPEC §2 are each one function of `rules`; this is their
/// order: the client's standing, the items each rule makes, then the holds that move
/// them (retry, agreed next, pause end, `since`), the sessions they wait for, and the
/// folding of missed steps.
pub fn plan_client_until<'r>(
    roster: &'r Roster,
    file: &ClientFile<'r>,
    today: NaiveDate,
    horizon: NaiveDate,
) -> ClientPlan<'r> {
    let client = file.client;
    let coach = &roster.coach;
    let standing = rules::standing(file, coach, today);
    let mut items: Vec<DueItem<'r>> = Vec::with_capacity(20);
    if matches!(standing, Standing::Paused(Some(_)) | Standing::Ended) {
        return ClientPlan {
            standing,
            items,
            in_today: None,
            rhythm: None,
        };
    }
    let rhythm = rhythm::of(file);
    let active = standing.is_active();
    items.extend(rules::birthday(client, standing, today));
    items.extend(rules::reconnect(file, coach, standing));
    if active {
        items.extend(rules::checkin(file));
        push_journey_items(roster, file, today, horizon, &mut items);
        items.extend(renewal_talk(coach, file, today));
        items.extend(rules::target(file));
        items.extend(rules::drift(file, standing, rhythm, today));
    }
    items.extend(rules::set_aside_renewal(coach, file, standing, today));
    let holds = rules::Holds::of(file, coach, standing);
    holds.apply(&mut items, file.facts.no_replies);
    let in_today = match rhythm {
        Some(r) if active => rules::bring_up_in_person(&mut items, file, r, &holds, today),
        _ => None,
    };
    let moment = Moment {
        tries: if active { file.facts.no_replies } else { 0 },
        session_done: file.facts.last_session.is_some_and(|s| s >= client.start),
    };
    for item in items.iter_mut().filter(|i| i.is_pending()) {
        item.moment = moment;
    }
    // Years 1 to 9999 only, on output as on input: what would fall later is left out.
    items.retain(|i| {
        i.date <= LAST_DAY
            && (!i.is_pending() || (i.date >= client.start && i.date != NaiveDate::MAX))
    });
    fold_missed_steps(&mut items, today, coach.since);
    items.sort_by(|a, b| (a.date, a.kind, &a.title).cmp(&(b.date, b.kind, &b.title)));
    ClientPlan {
        standing,
        items,
        in_today,
        rhythm,
    }
}

/// The talks a conversation logged on `date` may handle: the steps, renewal talks and goal
/// reviews due by their identity date and not handled yet, whatever moved them.
pub fn open_talks<'a, 'r>(plan: &'a ClientPlan<'r>, date: NaiveDate) -> Vec<&'a DueItem<'r>> {
    plan.items
        .iter()
        .filter(|item| {
            !matches!(item.state, ItemState::Handled(_))
                && item.due <= date
                && item.kind.done_kind().is_some()
        })
        .collect()
}

/// What an entry handles when `--done` is not given (SPEC §2, `log`): a contact, every
/// open talk (the coach talked to them about what was due); a session or a no-reply,
/// none (training is not the half-year review, and silence handles nothing).
pub fn handled_by_default(kind: crate::history::EntryKind, open: &[&DueItem]) -> Vec<DoneKind> {
    if kind != crate::history::EntryKind::Contact {
        return Vec::new();
    }
    let mut done: Vec<DoneKind> = open.iter().filter_map(|i| i.kind.done_kind()).collect();
    done.sort();
    done.dedup();
    done
}

/// The client's journey steps (and anniversaries after the last one, up to `horizon`),
/// each with its due date and whether it was handled; not yet moved or folded. The
/// planner and the journey view both take the steps from here.
pub fn journey_items<'r>(
    roster: &'r Roster,
    file: &ClientFile<'r>,
    today: NaiveDate,
    horizon: NaiveDate,
) -> Vec<DueItem<'r>> {
    let mut items = Vec::new();
    push_journey_items(roster, file, today, horizon, &mut items);
    items
}

/// `journey_items`, pushed onto `items`: the planner adds them to the client's other items.
fn push_journey_items<'r>(
    roster: &'r Roster,
    file: &ClientFile<'r>,
    today: NaiveDate,
    horizon: NaiveDate,
    items: &mut Vec<DueItem<'r>>,
) {
    let client = file.client;
    let Some(journey) = roster.journey_of(client) else {
        return;
    };
    let state = |due| file.state_of(ItemKind::Step, due);
    let step_item = |due, title, prompt, step| DueItem {
        kind: ItemKind::Step,
        due,
        date: due,
        title,
        prompt,
        step,
        earlier_missed: 0,
        state: state(due),
        welcome_back: false,
        money: None,
        in_person: false,
        moment: Moment::default(),
    };
    items.reserve(journey.steps.len() + 2);
    let mut last = None;
    for (step, &day) in journey.steps.iter().zip(file.step_days(journey)) {
        // Years 1 to 9999 only: a step that would fall later is left out.
        let Some(due) = day else {
            continue;
        };
        last = last.max(Some(due));
        items.push(step_item(
            due,
            Title::Step(step.title.as_str()),
            step.prompt.as_deref(),
            Some(step),
        ));
    }
    if journey.anniversaries
        && let Some(last) = last
    {
        for (years, due) in anniversaries(client.start, last, today, horizon.min(LAST_DAY)) {
            items.push(step_item(
                due,
                Title::Anniversary(years),
                Some(ANNIVERSARY_PROMPT),
                None,
            ));
        }
    }
}

/// The anniversaries of `start` after the journey's last step, up to `horizon`:
/// `(years, day)`, the oldest ones skipped (see `ANNIVERSARIES_BACK`). (v3) One within
/// `ANNIVERSARY_GAP_DAYS` of the last step is left out: no "One year together" a month
/// after a "One-year review".
fn anniversaries(
    start: NaiveDate,
    last_step: NaiveDate,
    today: NaiveDate,
    horizon: NaiveDate,
) -> impl Iterator<Item = (u32, NaiveDate)> {
    use chrono::Datelike;
    let years_now = u32::try_from(today.year() - start.year()).unwrap_or(0);
    let first = years_now.saturating_sub(ANNIVERSARIES_BACK).max(1);
    (first..)
        .map(move |years| {
            (
                years,
                years
                    .checked_mul(12)
                    .and_then(|m| Period::Months(m).after(start)),
            )
        })
        .take_while(move |(_, d)| d.is_some_and(|d| d <= horizon))
        .filter_map(move |(years, d)| {
            d.filter(|&d| (d - last_step).num_days() > ANNIVERSARY_GAP_DAYS)
                .map(|d| (years, d))
        })
}

/// Of the steps missed by `today` (due by then, not handled) only the latest stays,
/// counting the earlier ones that fell on or after `since`; the others are folded into
/// it, also when a retry or an agreed date moved them all past `today`.
fn fold_missed_steps(items: &mut [DueItem], today: NaiveDate, since: Option<NaiveDate>) {
    let missed = |i: &DueItem| i.kind == ItemKind::Step && i.is_pending() && i.due <= today;
    let Some(latest) = items
        .iter()
        .enumerate()
        .filter(|(_, i)| missed(i))
        .max_by_key(|(_, i)| i.due)
        .map(|(n, _)| n)
    else {
        return;
    };
    let mut earlier = 0;
    for (n, item) in items.iter_mut().enumerate() {
        if n != latest && missed(item) {
            if since.is_none_or(|s| item.due >= s) {
                earlier += 1;
            }
            item.state = ItemState::Folded;
        }
    }
    items[latest].earlier_missed = earlier;
}

#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod tests;
