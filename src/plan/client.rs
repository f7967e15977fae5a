//! The per-client record every view works on: the touches (history entries and roster
//! dates), the facts they give (`Facts`), and the handling rule (`Touch::handles`).

use chrono::NaiveDate;

use super::{ItemKind, ItemState, LAST_DAY};
use crate::history::{DoneSet, EntryKind, History, HistoryEntry};
use crate::roster::{Client, Roster};

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
    pub(super) fn step_days(&self, journey: &crate::roster::Journey) -> &[Option<NaiveDate>] {
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
