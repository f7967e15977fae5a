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

pub mod agenda;
pub mod journey;
pub mod money;
pub mod retention;
pub mod review;
pub mod rhythm;
pub mod timeline;
mod title;
pub use title::Title;
pub mod today;

#[cfg(test)]
mod crossview;
#[cfg(test)]
mod proptests;

use chrono::{Days, NaiveDate};

use crate::history::{DoneKind, DoneSet, EntryKind, History, HistoryEntry};
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

/// One thing that happened with a client: a history entry, or a date from the roster
/// (`last_contact` is a contact without `done`, `last_session` a session).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Touch<'r> {
    pub date: NaiveDate,
    pub kind: EntryKind,
    /// The `done` kinds; `None` when the entry has no `done`.
    pub done: Option<DoneSet>,
    pub next: Option<NaiveDate>,
    /// The history entry, `None` for roster dates (and the agenda's assumed contacts).
    pub entry: Option<&'r HistoryEntry>,
    /// A date from the roster (`last_contact`, `last_session`): it says the coach and the
    /// client spoke, not what about, so it never handles a renewal or goal talk (v3).
    pub from_roster: bool,
}

impl<'r> Touch<'r> {
    pub fn note(&self) -> Option<&'r str> {
        self.entry.and_then(|e| e.note.as_deref())
    }

    /// Whether this touch handles an item of `kind` that is due on or before its date:
    /// the handling table of SPEC §2, in one place.
    pub fn handles(&self, kind: ItemKind) -> bool {
        match kind.done_kind() {
            None => kind != ItemKind::Birthday && self.kind.is_contact(),
            Some(_) if self.from_roster && kind != ItemKind::Step => false,
            Some(done) => {
                let named = self.done.map(|set| set.contains(done));
                match self.kind {
                    EntryKind::Contact => named.unwrap_or(true),
                    EntryKind::Session | EntryKind::NoReply => named.unwrap_or(false),
                    EntryKind::Snooze | EntryKind::Renewed => false,
                }
            }
        }
    }

    /// What a touch that handles every kind looks like: the agenda's assumption that each
    /// item is done on its day.
    pub fn assumed_contact(date: NaiveDate) -> Touch<'static> {
        Touch {
            date,
            kind: EntryKind::Contact,
            done: None,
            next: None,
            entry: None,
            from_roster: false,
        }
    }
}

/// What the history and the roster say about one client up to the planning day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts<'r> {
    /// `L`: the latest contact (a session counts as one).
    pub last_contact: Option<NaiveDate>,
    /// The note of the history entry behind `last_contact`, if it was one.
    pub last_note: Option<&'r str>,
    /// `S`: the latest session.
    pub last_session: Option<NaiveDate>,
    /// `k`: unanswered tries after `L`.
    pub no_replies: u32,
    /// `A`: the latest unanswered try after `L`.
    pub last_no_reply: Option<NaiveDate>,
    /// `N`: the next touch agreed in the latest entry that set one, unless a contact or
    /// session came after that entry.
    pub agreed_next: Option<NaiveDate>,
}

impl<'r> Facts<'r> {
    /// The facts of touches sorted by date (file order within a day).
    pub fn of(touches: &[Touch<'r>]) -> Facts<'r> {
        let mut f = Facts::default();
        let mut next_at = None;
        for (i, t) in touches.iter().enumerate() {
            if t.kind.is_contact() {
                if f.last_contact != Some(t.date) || t.note().is_some() {
                    f.last_note = t.note();
                }
                f.last_contact = Some(t.date);
                if t.kind == EntryKind::Session {
                    f.last_session = Some(t.date);
                }
            }
            if t.next.is_some() {
                next_at = Some(i);
            }
        }
        // A contact after the entry cancels it; so does the entry itself when it is a
        // contact on the agreed day (`log --next 0d`): that check-in happened.
        f.agreed_next = next_at.and_then(|i| {
            let t = &touches[i];
            let later_contact = touches[i + 1..].iter().any(|t| t.kind.is_contact());
            let itself = t.kind.is_contact() && t.next.is_some_and(|n| n <= t.date);
            if later_contact || itself {
                None
            } else {
                t.next
            }
        });
        for t in touches.iter().filter(|t| t.kind == EntryKind::NoReply) {
            if f.last_contact.is_none_or(|l| t.date > l) {
                f.no_replies += 1;
                f.last_no_reply = Some(t.date);
            }
        }
        f
    }
}

/// A client with everything the roster and the history say about them up to the
/// planning day: the unit every view works on.
#[derive(Debug, Clone)]
pub struct ClientFile<'r> {
    /// The client's index in `Roster::clients`.
    pub index: usize,
    pub client: &'r Client,
    /// Sorted by date; the roster's dates first within a day, then the log in file order.
    pub touches: Vec<Touch<'r>>,
    pub facts: Facts<'r>,
    /// The days of the client's journey steps (in the journey's order; `None` past year
    /// 9999), worked out once: month arithmetic is the planner's main cost, and the
    /// timeline plans a client once per listed item.
    step_days: std::sync::OnceLock<Box<[Option<NaiveDate>]>>,
}

impl<'r> ClientFile<'r> {
    fn step_days(&self, journey: &crate::roster::Journey) -> &[Option<NaiveDate>] {
        self.step_days.get_or_init(|| {
            let start = self.client.start;
            journey
                .steps
                .iter()
                .map(|s| s.date(start).filter(|&d| d <= LAST_DAY))
                .collect()
        })
    }

    /// This client as if the coach had reached them on `day` (the latest day of their
    /// file): the timeline's assumption that each listed item is done on its day. The
    /// facts change as `Facts::of` would change them, without a pass over the touches:
    /// the contact is the latest, so no try or agreed date is after it.
    pub fn assume_contact(&mut self, day: NaiveDate) {
        self.touches.push(Touch::assumed_contact(day));
        let f = &mut self.facts;
        if f.last_contact != Some(day) {
            f.last_note = None;
        }
        f.last_contact = Some(day);
        f.no_replies = 0;
        f.last_no_reply = None;
        f.agreed_next = None;
    }

    /// Whether an item of `kind` due on `due` was handled, and on which day.
    pub fn state_of(&self, kind: ItemKind, due: NaiveDate) -> ItemState {
        self.handled_on(kind, due)
            .map_or(ItemState::Pending, ItemState::Handled)
    }

    /// The first touch on or after `due` that handles an item of `kind`.
    pub fn handled_on(&self, kind: ItemKind, due: NaiveDate) -> Option<NaiveDate> {
        let from = self.touches.partition_point(|t| t.date < due);
        self.touches[from..]
            .iter()
            .find(|t| t.handles(kind))
            .map(|t| t.date)
    }
}

/// Every client's file as of `today`: history entries after `today` are left out, and
/// so are roster dates after it.
pub fn client_files<'r>(
    roster: &'r Roster,
    history: &'r History,
    today: NaiveDate,
) -> Vec<ClientFile<'r>> {
    // Counted first, so that each client's touches take exactly their room: at 10k
    // clients, growing by doubling left a quarter of it empty.
    let mut counts = vec![2; roster.clients.len()];
    for e in &history.entries {
        counts[e.client] += 1;
    }
    let mut touches: Vec<Vec<Touch>> = roster
        .clients
        .iter()
        .zip(counts)
        .map(|(c, count)| {
            let mut touches = Vec::with_capacity(count);
            let roster_touch = |date: Option<NaiveDate>, kind| {
                date.filter(|&d| d <= today).map(|date| Touch {
                    date,
                    kind,
                    done: None,
                    next: None,
                    entry: None,
                    from_roster: true,
                })
            };
            touches.extend(roster_touch(c.last_contact, EntryKind::Contact));
            touches.extend(roster_touch(c.last_session, EntryKind::Session));
            touches
        })
        .collect();
    for e in &history.entries {
        if e.date <= today {
            touches[e.client].push(Touch {
                date: e.date,
                kind: e.kind,
                done: e.done,
                next: e.next,
                entry: Some(e),
                from_roster: false,
            });
        }
    }
    roster
        .clients
        .iter()
        .zip(touches)
        .enumerate()
        .map(|(index, (client, mut touches))| {
            // Stable: within a day the roster's dates stay first, the log in file order.
            touches.sort_by_key(|t| t.date);
            let facts = Facts::of(&touches);
            ClientFile {
                index,
                client,
                touches,
                facts,
                step_days: std::sync::OnceLock::new(),
            }
        })
        .collect()
}

/// Each client's place in the roster sorted by name (the roster's order among equal
/// names), for sorting many items by name with integer keys.
pub fn name_ranks(roster: &Roster) -> Vec<usize> {
    let mut order: Vec<usize> = (0..roster.clients.len()).collect();
    order.sort_by(|&a, &b| roster.clients[a].name.cmp(&roster.clients[b].name));
    let mut rank = vec![0; order.len()];
    for (r, i) in order.into_iter().enumerate() {
        rank[i] = r;
    }
    rank
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
/// further ahead).
pub fn plan_client_until<'r>(
    roster: &'r Roster,
    file: &ClientFile<'r>,
    today: NaiveDate,
    horizon: NaiveDate,
) -> ClientPlan<'r> {
    let client = file.client;
    let f = &file.facts;
    let coach = &roster.coach;
    let give_up = coach.give_up_after.max(1);
    // (v3) An active client's `paused_until` is the day `resume` ended their break: they
    // are back from it just as a paused client is once the day comes.
    let standing = match (client.status, client.paused_until) {
        (Status::Ended, _) => Standing::Ended,
        (Status::Paused, Some(until)) if today < until => Standing::Paused(Some(until)),
        (Status::Paused | Status::Active, Some(until)) if until <= today => Standing::Back(until),
        (Status::Paused, _) => Standing::Paused(None),
        (Status::Active, _) => Standing::Active,
    };
    let standing = match (standing, f.last_no_reply) {
        (Standing::Active | Standing::Back(_), Some(last_tried)) if f.no_replies >= give_up => {
            Standing::SetAside {
                tries: f.no_replies,
                last_tried,
            }
        }
        (s, _) => s,
    };
    let mut items: Vec<DueItem<'r>> = Vec::with_capacity(20);
    let rhythm = rhythm::of(file);
    fn push<'r>(
        items: &mut Vec<DueItem<'r>>,
        kind: ItemKind,
        due: Option<NaiveDate>,
        title: Title<'r>,
        prompt: &'r str,
        state: ItemState,
    ) {
        if let Some(due) = due {
            items.push(DueItem {
                kind,
                due,
                date: due,
                title,
                prompt: Some(prompt),
                step: None,
                earlier_missed: 0,
                state,
                welcome_back: false,
                money: None,
                in_person: false,
                moment: Moment::default(),
            });
        }
    }
    let pending_unless_handled =
        |kind, due: Option<NaiveDate>| due.map_or(ItemState::Pending, |d| file.state_of(kind, d));

    let active = matches!(standing, Standing::Active | Standing::Back(_));
    if matches!(standing, Standing::Paused(Some(_)) | Standing::Ended) {
        return ClientPlan {
            standing,
            items,
            in_today: None,
            rhythm: None,
        };
    }
    if standing != Standing::Paused(None)
        && let Some(birthday) = client.birthday
    {
        push(
            &mut items,
            ItemKind::Birthday,
            birthday.next_on_or_after(today),
            Title::Birthday,
            BIRTHDAY_PROMPT,
            ItemState::Pending,
        );
    }
    // One light touch for a client set aside or paused without an end; each unanswered
    // one doubles the wait.
    let doublings = match standing {
        Standing::SetAside { tries, .. } => Some(tries - give_up),
        Standing::Paused(None) => Some(f.no_replies),
        _ => None,
    };
    if let (Some(j), Some(wait)) = (doublings, coach.reconnect_after) {
        let base = [f.last_contact, f.last_no_reply, Some(client.start)]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(client.start);
        let due = 2u32
            .checked_pow(j)
            .and_then(|factor| wait.times(factor))
            .and_then(|p| p.after(base));
        push(
            &mut items,
            ItemKind::Reconnect,
            due,
            Title::Reconnect,
            RECONNECT_PROMPT,
            ItemState::Pending,
        );
    }

    if active {
        let checkin = match f.agreed_next {
            Some(next) => Some((next, Title::AgreedCheckin)),
            None => client.cadence.and_then(|cadence| {
                let base = f.last_contact.map_or(client.start, |l| l.max(client.start));
                cadence.after(base).map(|d| (d, Title::Checkin(cadence)))
            }),
        };
        if let Some((due, title)) = checkin {
            let prompt = if client.goal.is_some() {
                CHECKIN_PROMPT
            } else {
                NO_GOAL_PROMPT
            };
            push(
                &mut items,
                ItemKind::Checkin,
                Some(due),
                title,
                prompt,
                ItemState::Pending,
            );
        }
        push_journey_items(roster, file, today, horizon, &mut items);
        items.extend(renewal_talk(coach, file, today));
        if let Some(goal_by) = client.goal_by {
            push(
                &mut items,
                ItemKind::Target,
                Some(goal_by),
                Title::Target,
                TARGET_PROMPT,
                pending_unless_handled(ItemKind::Target, Some(goal_by)),
            );
        }
        if let Some(session) = f.last_session {
            // A break that was agreed is not drifting: count from the return.
            let after_break = matches!(standing, Standing::Back(until) if until > session);
            let from = match standing {
                Standing::Back(until) if after_break => until,
                _ => session,
            };
            let due = client.drift_after.after(from);
            // Counted as of the day it falls on when that is still ahead (`show`'s "next").
            let days = (today.max(due.unwrap_or(today)) - from).num_days();
            let mut title = Title::Drift { days, after_break };
            // (v3) A regular who misses two usual days in a row is drifting the day after
            // the second, unless the `drift_after` rule comes first.
            let mut due = due;
            if let Some(r) = rhythm
                && let Some((early, (first, second))) = rhythm::early_drift(file, r, from, today)
                && due.is_none_or(|d| early < d)
            {
                due = Some(early);
                title = Title::EarlyDrift {
                    first,
                    second,
                    usual: r.days,
                };
            }
            push(
                &mut items,
                ItemKind::Drift,
                due,
                title,
                DRIFT_PROMPT,
                pending_unless_handled(ItemKind::Drift, due),
            );
        }
    }

    // A set-aside client's renewal talk is listed too, on its last call day only: one
    // light note, not a chase (a pack's talk, which has no last call day, on its day).
    if matches!(standing, Standing::SetAside { .. })
        && let Some(mut talk) = renewal_talk(coach, file, today)
    {
        if let Some(last_call) = talk.money.and_then(|m| m.last_call) {
            talk.date = last_call;
        }
        items.push(talk);
    }

    // The days before which nothing but a birthday is listed: a retry after unanswered
    // tries (don't chase), the end of a pause, an agreed next date, and `since`. The
    // first two kinds of move stop at a renewal talk's last call day; the end of a break
    // and `since` do not (nothing is listed during a break).
    let retry = match (active, f.last_no_reply) {
        (true, Some(tried)) if f.no_replies > 0 => {
            let base = client.cadence.unwrap_or(Period::WEEK);
            // Too long to compute means "not in this lifetime": the items wait for ever.
            Some(
                2u32.checked_pow(f.no_replies - 1)
                    .and_then(|factor| base.times(factor))
                    .and_then(|p| p.after(tried))
                    .unwrap_or(NaiveDate::MAX),
            )
        }
        _ => None,
    };
    let back = match standing {
        Standing::Back(until) => Some(until),
        _ => None,
    };
    let moved_to = [retry, f.agreed_next].into_iter().flatten().max();
    let floor = [back, coach.since].into_iter().flatten().max();
    for item in items
        .iter_mut()
        .filter(|i| i.is_pending() && i.kind != ItemKind::Birthday)
    {
        if let Some(moved_to) = moved_to
            && item.date < moved_to
        {
            match item.money.as_mut() {
                Some(money) if money.last_call.is_some_and(|l| moved_to > l) => {
                    let last_call = money.last_call.unwrap_or(moved_to);
                    item.date = item.date.max(last_call);
                    money.held = Some(f.no_replies);
                }
                _ => item.date = moved_to,
            }
        }
        if let Some(floor) = floor
            && item.date < floor
        {
            item.date = floor;
        }
        if item.kind == ItemKind::Checkin && back == Some(item.date) {
            item.welcome_back = true;
            item.title = Title::WelcomeBack;
            item.prompt = Some(WELCOME_PROMPT);
        }
    }
    // (v3) In person: a client with a rhythm (and not drifting: a drifting client is
    // reached out to) has their milestones, money talks and goal dates brought up at the
    // next session they are expected at, on or after the item's date (placed before the
    // sort below: every view relies on the items being in date order); an unanswered text
    // does not move them. A renewal talk still keeps its last call day. No check-in is
    // listed on a day they are expected in: the session is the check-in.
    let drifting = items
        .iter()
        .any(|i| i.kind == ItemKind::Drift && i.is_pending() && i.date <= today);
    let mut in_today = None;
    if active
        && !drifting
        && let Some(r) = rhythm
    {
        if rhythm::expected(file, r, today) {
            in_today = Some(today);
        }
        let base_floor = [f.agreed_next, floor].into_iter().flatten().max();
        for item in items.iter_mut().filter(|i| {
            i.is_pending()
                && matches!(
                    i.kind,
                    ItemKind::Step | ItemKind::Renewal | ItemKind::Target
                )
        }) {
            // Not on the days in between: a talk not had at one session waits for the
            // next, on or after today.
            let base = base_floor.map_or(item.due, |b| b.max(item.due)).max(today);
            let Some(day) = rhythm::next_expected(file, r, base) else {
                continue;
            };
            match item
                .money
                .as_mut()
                .and_then(|m| m.last_call.map(|l| (l, m)))
            {
                Some((last_call, money)) if day > last_call => {
                    item.date = last_call.max(item.due);
                    if item.date < base {
                        money.held = Some(f.no_replies);
                    }
                }
                _ => {
                    item.date = day;
                    item.in_person = true;
                }
            }
        }
    }
    let moment = Moment {
        tries: if active { f.no_replies } else { 0 },
        session_done: f.last_session.is_some_and(|s| s >= client.start),
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
    pub fn plan_of<'r>(
        roster: &'r Roster,
        history: &'r History,
        today: &str,
    ) -> super::ClientPlan<'r> {
        let t = d(today);
        let files = super::client_files(roster, history, t);
        super::plan_client(roster, &files[0], t)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{d, history, plan_of, roster};
    use super::*;
    use crate::history::EntryKind::{Contact, NoReply, Session};

    /// The items listed on `today` for the roster's first client: (kind, date, days overdue).
    fn listed(roster: &Roster, history: &History, today: &str) -> Vec<(ItemKind, NaiveDate, u32)> {
        let t = d(today);
        plan_of(roster, history, today)
            .listed(t)
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
        let plan = plan_of(&r, &h, "2026-03-01");
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
        let plan = plan_of(&r, &h, "2026-02-26");
        assert!(plan.is_drifting(t));
        assert_eq!(plan.items[0].title.to_string(), "No session for 25 days");
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
        let history = History::default();
        let plan = plan_of(&r, &history, "2026-03-05");
        let steps: Vec<&DueItem> = plan
            .listed(t)
            .filter(|i| i.kind == ItemKind::Step)
            .collect();
        assert_eq!(steps.len(), 1);
        // Kick-off 1 Jan, first check 4 Jan, habit 15 Jan, one month 1 Feb, six weeks
        // 12 Feb, personal 1 Mar.
        assert_eq!(steps[0].title.to_string(), "A personal touch");
        assert_eq!(steps[0].date, d("2026-03-01"));
        assert_eq!(steps[0].earlier_missed, 5);
        assert_eq!(
            steps[0].full_title(),
            "A personal touch (+5 earlier steps missed)"
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
        // Paused without an end: nothing but one light touch, six weeks after the start.
        let forever = one("status = \"paused\"\ncadence = \"1w\"\nbirthday = \"02-10\"");
        assert_eq!(listed(&forever, &History::default(), "2026-02-15"), vec![]);
        assert_eq!(
            listed(&forever, &History::default(), "2026-02-16"),
            vec![(ItemKind::Reconnect, d("2026-02-16"), 0)]
        );
    }

    #[test]
    fn ended_clients_have_nothing() {
        let r = one("status = \"ended\"\nended = 2026-02-01\nbirthday = \"03-03\"");
        assert_eq!(listed(&r, &History::default(), "2026-03-03"), vec![]);
    }

    #[test]
    fn a_future_start_has_only_items_from_the_start_on() {
        let r = one("cadence = \"1w\"\nbirthday = \"01-01\"\ngoal_by = 2025-12-01");
        let history = History::default();
        let plan = plan_of(&r, &history, "2026-01-01");
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
            let history = History::default();
            for file in client_files(&r, &history, t) {
                let plan = plan_client(&r, &file, t);
                assert!(plan.items.iter().all(|i| i.date >= i.due));
            }
        }
    }

    mod v2 {
        //! The rules of SPEC v2 §2: what handles what, agreed next dates, pauses that end,
        //! reconnects, `since`, anniversaries and settings per tag.
        use super::super::testing::{d, entry, plan_of, roster};
        use super::super::*;
        use crate::history::DoneKind::{Renewal, Step, Target};
        use crate::history::EntryKind::{Contact, NoReply, Session, Snooze};
        use crate::history::{DoneKind, HistoryEntry};

        /// A client due for a step (1 Mar), a renewal talk (1 Mar) and a goal review
        /// (1 Mar), with no routine check-ins.
        fn due_on_1_march() -> Roster {
            roster(
                "[journeys.one]\n[[journeys.one.steps]]\nafter = \"59d\"\ntitle = \"Review\"\n\
                 [coach]\nrenewal_notice = \"30d\"\n\
                 [[client]]\nname = \"Alice\"\nid = \"a\"\nstart = 2026-01-01\ncadence = \"none\"\n\
                 journey = \"one\"\nrenewal = 2026-03-31\ngoal_by = 2026-03-01\ngoal = \"10k\"\n",
            )
        }

        fn kinds_listed(r: &Roster, entries: Vec<HistoryEntry>, today: &str) -> Vec<ItemKind> {
            let h = History { entries };
            let mut kinds: Vec<ItemKind> = plan_of(r, &h, today)
                .listed(d(today))
                .map(|i| i.kind)
                .collect();
            kinds.sort();
            kinds
        }

        #[test]
        fn the_handling_table_row_by_row() {
            let r = due_on_1_march();
            let all = vec![ItemKind::Step, ItemKind::Renewal, ItemKind::Target];
            let on = |kind, done: Option<&[DoneKind]>| {
                vec![entry(&r, "a", "2026-03-02", kind, done, None)]
            };
            assert_eq!(kinds_listed(&r, vec![], "2026-03-03"), all);
            // A contact without `done` (written by hand) handles everything due by its date.
            assert_eq!(kinds_listed(&r, on(Contact, None), "2026-03-03"), vec![]);
            // A contact with `done` handles only what it names.
            assert_eq!(
                kinds_listed(&r, on(Contact, Some(&[Renewal])), "2026-03-03"),
                vec![ItemKind::Step, ItemKind::Target]
            );
            assert_eq!(kinds_listed(&r, on(Contact, Some(&[])), "2026-03-03"), all);
            // A session is not the review, nor the renewal talk…
            assert_eq!(kinds_listed(&r, on(Session, None), "2026-03-03"), all);
            assert_eq!(kinds_listed(&r, on(Session, Some(&[])), "2026-03-03"), all);
            // …unless its `done` says so; a no-reply likewise.
            assert_eq!(
                kinds_listed(&r, on(Session, Some(&[Step, Target])), "2026-03-03"),
                vec![ItemKind::Renewal]
            );
            assert_eq!(
                kinds_listed(&r, on(NoReply, Some(&[Step])), "2026-03-10").len(),
                2
            );
            // A contact before the due date handles nothing of it.
            let early = vec![entry(&r, "a", "2026-02-27", Contact, None, None)];
            assert_eq!(kinds_listed(&r, early, "2026-03-03"), all);
            // The roster's last_contact is a contact without `done`; last_session a session.
            let by_roster = roster(&format!(
                "{}last_contact = 2026-03-02\n",
                "[journeys.one]\n[[journeys.one.steps]]\nafter = \"59d\"\ntitle = \"Review\"\n\
                 [[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\ncadence = \"none\"\njourney = \"one\"\n"
            ));
            assert_eq!(kinds_listed(&by_roster, vec![], "2026-03-03"), vec![]);
            let by_session = roster(
                "[journeys.one]\n[[journeys.one.steps]]\nafter = \"59d\"\ntitle = \"Review\"\n\
                 [[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\ncadence = \"none\"\njourney = \"one\"\nlast_session = 2026-03-02\n",
            );
            assert_eq!(
                kinds_listed(&by_session, vec![], "2026-03-03"),
                vec![ItemKind::Step]
            );
        }

        #[test]
        fn checkins_and_drift_are_cleared_by_any_contact_or_session_but_not_a_no_reply() {
            let r = roster(
                "[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\ncadence = \"1w\"\njourney = \"none\"\ndrift_after = \"10d\"\n",
            );
            let session = entry(&r, "a", "2026-01-05", Session, Some(&[]), None);
            // Check-in due 12 Jan (a week after the session), drift 15 Jan.
            assert_eq!(
                kinds_listed(&r, vec![session.clone()], "2026-01-16"),
                vec![ItemKind::Drift, ItemKind::Checkin]
            );
            let contact = entry(&r, "a", "2026-01-16", Contact, Some(&[]), None);
            assert_eq!(
                kinds_listed(&r, vec![session.clone(), contact], "2026-01-16"),
                vec![]
            );
            let again = entry(&r, "a", "2026-01-16", Session, Some(&[]), None);
            assert_eq!(
                kinds_listed(&r, vec![session.clone(), again], "2026-01-16"),
                vec![]
            );
            let tried = entry(&r, "a", "2026-01-16", NoReply, Some(&[]), None);
            // No answer: nothing is cleared, and it all waits a week (don't chase).
            assert_eq!(
                kinds_listed(&r, vec![session.clone(), tried.clone()], "2026-01-22"),
                vec![]
            );
            assert_eq!(
                kinds_listed(&r, vec![session, tried], "2026-01-23"),
                vec![ItemKind::Drift, ItemKind::Checkin]
            );
        }

        #[test]
        fn an_item_keeps_its_due_date_when_it_is_moved() {
            let r = due_on_1_march();
            let h = History {
                entries: vec![entry(
                    &r,
                    "a",
                    "2026-03-02",
                    Snooze,
                    None,
                    Some("2026-03-09"),
                )],
            };
            let plan = plan_of(&r, &h, "2026-03-09");
            let step = plan
                .listed(d("2026-03-09"))
                .find(|i| i.kind == ItemKind::Step)
                .expect("listed");
            assert_eq!((step.due, step.date), (d("2026-03-01"), d("2026-03-09")));
        }

        #[test]
        fn an_agreed_next_date_sets_the_checkin_and_moves_the_rest() {
            let r = roster(
                "[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\ncadence = \"1w\"\njourney = \"none\"\ngoal_by = 2026-01-20\n",
            );
            let agreed = entry(
                &r,
                "a",
                "2026-01-10",
                Contact,
                Some(&[]),
                Some("2026-01-28"),
            );
            // Set: the check-in is due on the agreed day, not a week after the contact;
            // the goal review waits for it too.
            let h = History {
                entries: vec![agreed.clone()],
            };
            let plan = plan_of(&r, &h, "2026-01-27");
            assert_eq!(plan.listed(d("2026-01-27")).count(), 0);
            let checkin = plan
                .pending()
                .find(|i| i.kind == ItemKind::Checkin)
                .expect("a check-in");
            assert_eq!(
                (checkin.due, checkin.date),
                (d("2026-01-28"), d("2026-01-28"))
            );
            assert_eq!(
                kinds_listed(&r, vec![agreed.clone()], "2026-01-28"),
                vec![ItemKind::Checkin, ItemKind::Target]
            );
            // Passed: it stays listed, overdue, until a contact.
            assert_eq!(
                kinds_listed(&r, vec![agreed.clone()], "2026-02-03"),
                vec![ItemKind::Checkin, ItemKind::Target]
            );
            // Cancelled by a later contact (the cadence counts from it again)…
            let later = entry(&r, "a", "2026-01-15", Contact, Some(&[]), None);
            let h = History {
                entries: vec![agreed.clone(), later],
            };
            let plan = plan_of(&r, &h, "2026-01-22");
            assert_eq!(
                plan.listed(d("2026-01-22"))
                    .map(|i| (i.kind, i.due))
                    .collect::<Vec<_>>(),
                vec![
                    (ItemKind::Target, d("2026-01-20")),
                    (ItemKind::Checkin, d("2026-01-22"))
                ]
            );
            // …or by a later session.
            let session = entry(&r, "a", "2026-01-15", Session, Some(&[]), None);
            assert_eq!(
                kinds_listed(&r, vec![agreed, session], "2026-01-22"),
                vec![ItemKind::Checkin, ItemKind::Target]
            );
        }

        #[test]
        fn a_snooze_holds_everything_but_a_birthday_until_its_date() {
            let r = roster(
                "[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\ncadence = \"1w\"\njourney = \"none\"\nbirthday = \"01-20\"\n",
            );
            let snooze = entry(&r, "a", "2026-01-09", Snooze, None, Some("2026-01-30"));
            assert_eq!(kinds_listed(&r, vec![snooze.clone()], "2026-01-15"), vec![]);
            assert_eq!(
                kinds_listed(&r, vec![snooze.clone()], "2026-01-20"),
                vec![ItemKind::Birthday]
            );
            assert_eq!(
                kinds_listed(&r, vec![snooze.clone()], "2026-01-30"),
                vec![ItemKind::Checkin]
            );
            // A snooze is not a contact: the check-in it holds keeps its own identity.
            let h = History {
                entries: vec![snooze],
            };
            let checkin = plan_of(&r, &h, "2026-01-30")
                .pending()
                .find(|i| i.kind == ItemKind::Checkin)
                .cloned()
                .expect("check-in");
            assert_eq!(checkin.due, d("2026-01-30"));
        }

        #[test]
        fn back_from_a_pause_the_checkin_is_a_welcome_and_drift_counts_from_the_return() {
            let r = roster(
                "[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\ncadence = \"1w\"\njourney = \"none\"\n\
                            status = \"paused\"\npaused_until = 2026-03-01\nlast_session = 2026-01-20\nbirthday = \"02-14\"\n",
            );
            let h = History::default();
            let plan = plan_of(&r, &h, "2026-03-01");
            assert_eq!(plan.standing, Standing::Back(d("2026-03-01")));
            let listed: Vec<&DueItem> = plan.listed(d("2026-03-01")).collect();
            assert_eq!(listed.len(), 1, "{listed:?}");
            assert!(listed[0].welcome_back && listed[0].kind == ItemKind::Checkin);
            assert_eq!(listed[0].due, d("2026-01-27"));
            // Not drifting on the day back: drift is due three weeks after the return.
            let plan = plan_of(&r, &h, "2026-03-21");
            assert!(!plan.is_drifting(d("2026-03-21")));
            assert!(plan_of(&r, &h, "2026-03-22").is_drifting(d("2026-03-22")));
        }

        #[test]
        fn reconnects_double_their_wait_after_each_unanswered_touch() {
            let r = roster(
                "[coach]\ngive_up_after = 2\nreconnect_after = \"4w\"\n[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\ncadence = \"1w\"\njourney = \"none\"\n",
            );
            let mut tries = vec![
                entry(&r, "a", "2026-01-08", NoReply, Some(&[]), None),
                entry(&r, "a", "2026-01-15", NoReply, Some(&[]), None),
            ];
            let reconnect = |tries: &Vec<HistoryEntry>, today: &str| {
                let h = History {
                    entries: tries.clone(),
                };
                plan_of(&r, &h, today)
                    .pending()
                    .find(|i| i.kind == ItemKind::Reconnect)
                    .map(|i| i.date)
            };
            // Set aside on 15 Jan: one light touch four weeks later.
            assert_eq!(reconnect(&tries, "2026-01-20"), Some(d("2026-02-12")));
            // Unanswered: eight weeks after that one.
            tries.push(entry(&r, "a", "2026-02-12", NoReply, Some(&[]), None));
            assert_eq!(reconnect(&tries, "2026-02-13"), Some(d("2026-04-09")));
            // They answered: back in the cadence, no reconnect.
            tries.push(entry(&r, "a", "2026-04-09", Contact, Some(&[]), None));
            assert_eq!(reconnect(&tries, "2026-04-10"), None);
            // reconnect_after = "none": never.
            let never = roster(
                "[coach]\ngive_up_after = 1\nreconnect_after = \"none\"\n[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\n",
            );
            let h = History {
                entries: vec![entry(&never, "a", "2026-01-08", NoReply, None, None)],
            };
            assert!(
                plan_of(&never, &h, "2027-01-01")
                    .items
                    .iter()
                    .all(|i| i.kind != ItemKind::Reconnect)
            );
        }

        #[test]
        fn a_client_paused_without_an_end_gets_doubling_reconnects() {
            let r = roster(
                "[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\nstatus = \"paused\"\nlast_contact = 2026-02-01\n",
            );
            let h = History::default();
            let due = plan_of(&r, &h, "2026-02-02")
                .pending()
                .map(|i| (i.kind, i.date))
                .collect::<Vec<_>>();
            assert_eq!(due, vec![(ItemKind::Reconnect, d("2026-03-15"))]);
            let h = History {
                entries: vec![entry(&r, "a", "2026-03-15", NoReply, None, None)],
            };
            let due = plan_of(&r, &h, "2026-03-16")
                .pending()
                .map(|i| (i.kind, i.date))
                .collect::<Vec<_>>();
            assert_eq!(due, vec![(ItemKind::Reconnect, d("2026-06-07"))]);
        }

        #[test]
        fn since_moves_old_items_to_it_and_does_not_count_older_missed_steps() {
            let r = roster(
                "[coach]\nsince = 2026-11-01\n[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2025-06-10\ncadence = \"2w\"\n",
            );
            let h = History::default();
            let t = d("2026-11-23");
            let plan = plan_of(&r, &h, "2026-11-23");
            let listed: Vec<(ItemKind, NaiveDate, u32, u32)> = plan
                .listed(t)
                .map(|i| (i.kind, i.date, i.days_overdue(t), i.earlier_missed))
                .collect();
            // The check-in due in June 2025 and the one-year review of June 2026 are due on
            // `since`, 22 days ago, not 500; no older step is counted as missed.
            assert_eq!(
                listed,
                vec![
                    (ItemKind::Checkin, d("2026-11-01"), 22, 0),
                    (ItemKind::Step, d("2026-11-01"), 22, 0)
                ]
            );
            assert_eq!(
                plan.listed(t).nth(1).map(|i| i.title.to_string()),
                Some("One-year review".to_string())
            );
        }

        #[test]
        fn after_the_last_step_each_anniversary_is_a_step() {
            let r = roster(
                "[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2024-01-31\ncadence = \"none\"\nlast_contact = 2026-01-30\n",
            );
            let h = History::default();
            let plan = plan_of(&r, &h, "2026-02-02");
            let step = plan
                .listed(d("2026-02-02"))
                .find(|i| i.kind == ItemKind::Step)
                .expect("a step");
            assert_eq!(
                (step.title.to_string().as_str(), step.due, step.label()),
                ("2 years together", d("2026-01-31"), "anniversary")
            );
            let off = roster(
                "[journeys.j]\nanniversaries = false\n[[journeys.j.steps]]\nafter = \"1m\"\ntitle = \"T\"\n\
                              [[client]]\nname = \"A\"\nid = \"a\"\nstart = 2024-01-31\ncadence = \"none\"\njourney = \"j\"\nlast_contact = 2024-03-01\n",
            );
            assert!(plan_of(&off, &h, "2026-02-02").pending().next().is_none());
        }

        #[test]
        fn settings_come_from_the_client_then_the_first_tag_then_defaults_then_built_in() {
            let r = roster(
                "[coach]\ndrift_after = \"5w\"\n[defaults]\ncadence = \"3w\"\n\
                 [tags.online]\ncadence = \"1m\"\ndrift_after = \"6w\"\njourney = \"none\"\n[tags.vip]\ncadence = \"1w\"\n\
                 [[client]]\nname = \"Own\"\nstart = 2026-01-01\ntags = [\"online\"]\ncadence = \"2w\"\ndrift_after = \"9d\"\n\
                 [[client]]\nname = \"First tag\"\nstart = 2026-01-01\ntags = [\"vip\", \"online\"]\n\
                 [[client]]\nname = \"Second tag\"\nstart = 2026-01-01\ntags = [\"other\", \"online\"]\n\
                 [[client]]\nname = \"Defaults\"\nstart = 2026-01-01\n",
            );
            let got: Vec<(Option<Period>, Period, Option<&str>)> = r
                .clients
                .iter()
                .map(|c| (c.cadence, c.drift_after, c.journey.as_deref()))
                .collect();
            assert_eq!(
                got,
                vec![
                    (Some(Period::Days(14)), Period::Days(9), None),
                    (Some(Period::Days(7)), Period::Days(42), None),
                    (Some(Period::Months(1)), Period::Days(42), None),
                    (Some(Period::Days(21)), Period::Days(35), Some("standard")),
                ]
            );
        }
    }
}
