//! The rows of the machine-readable formats, one type per view, with the columns of SPEC §3.
//!
//! Each row lists its cells once, in column order; CSV and JSON are both written from that,
//! so the two formats cannot disagree on names or order.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::plan::agenda::AgendaEntry;
use crate::plan::journey::ClientJourney;
use crate::plan::retention::RetentionMonth;
use crate::plan::today::TodayPlan;
use crate::plan::{ClientFile, DueItem, Facts, Standing, plan_client};
use crate::roster::{Client, Roster};

/// One cell: text, a number that JSON writes as a number, a list (JSON array; one
/// `;`-joined cell in CSV), or nothing (JSON `null`; an empty cell in CSV).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    Int(i64),
    Num(f64),
    Bool(bool),
    List(&'a [String]),
    Null,
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(s: &'a str) -> Self {
        Cell::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Cell<'_> {
    fn from(s: String) -> Self {
        Cell::Text(Cow::Owned(s))
    }
}

impl<'a> From<&'a Option<String>> for Cell<'a> {
    fn from(s: &'a Option<String>) -> Self {
        s.as_deref().into()
    }
}

impl<'a> From<Option<&'a str>> for Cell<'a> {
    fn from(s: Option<&'a str>) -> Self {
        s.map_or(Cell::Null, |s| Cell::Text(Cow::Borrowed(s)))
    }
}

impl From<Option<NaiveDate>> for Cell<'_> {
    fn from(d: Option<NaiveDate>) -> Self {
        d.map_or(Cell::Null, Cell::from)
    }
}

impl From<NaiveDate> for Cell<'_> {
    fn from(d: NaiveDate) -> Self {
        Cell::Text(Cow::Owned(d.to_string()))
    }
}

/// A record of a machine-readable format.
pub trait Row {
    const COLUMNS: &'static [&'static str];
    fn cells(&self) -> Vec<Cell<'_>>;
}

/// A due item of `today` or `agenda`, with its draft message.
pub struct ItemRow<'a> {
    pub date: NaiveDate,
    pub client: &'a Client,
    pub facts: &'a Facts<'a>,
    pub item: &'a DueItem<'a>,
    pub days_overdue: u32,
    pub draft: String,
}

impl Row for ItemRow<'_> {
    const COLUMNS: &'static [&'static str] = &[
        "date",
        "client_id",
        "client",
        "kind",
        "title",
        "days_overdue",
        "goal",
        "why",
        "prompt",
        "last_contact",
        "last_note",
        "channel",
        "contact",
        "tags",
        "due",
        "draft",
        "in_person",
    ];

    fn cells(&self) -> Vec<Cell<'_>> {
        let c = self.client;
        vec![
            self.date.into(),
            c.id.as_str().into(),
            c.name.as_str().into(),
            self.item.kind.as_str().into(),
            self.item.full_title().into(),
            Cell::Int(self.days_overdue.into()),
            (&c.goal).into(),
            (&c.why).into(),
            self.item.prompt.into(),
            self.facts.last_contact.into(),
            self.facts.last_note.into(),
            (&c.channel).into(),
            (&c.contact).into(),
            Cell::List(&c.tags),
            self.item.due.into(),
            // (v3) An item said in person has no draft: empty in CSV, null in JSON.
            Some(self.draft.as_str()).filter(|d| !d.is_empty()).into(),
            Cell::Bool(self.item.in_person),
        ]
    }
}

pub fn today_rows<'a>(
    roster: &'a Roster,
    files: &'a [ClientFile<'a>],
    plan: &'a TodayPlan,
) -> Vec<ItemRow<'a>> {
    plan.due
        .iter()
        .flat_map(|due| {
            let client = &roster.clients[due.client];
            due.items.iter().map(move |item| ItemRow {
                date: item.date,
                client,
                facts: &files[due.client].facts,
                item,
                days_overdue: item.days_overdue(plan.date),
                draft: crate::draft::draft(roster, client, item, plan.date),
            })
        })
        .collect()
}

pub fn agenda_rows<'a>(
    roster: &'a Roster,
    files: &'a [ClientFile<'a>],
    entries: &'a [AgendaEntry],
) -> Vec<ItemRow<'a>> {
    entries
        .iter()
        .map(|e| {
            let client = &roster.clients[e.client];
            ItemRow {
                date: e.day,
                client,
                facts: &files[e.client].facts,
                item: &e.item,
                days_overdue: e.days_overdue,
                draft: crate::draft::draft(roster, client, &e.item, e.day),
            }
        })
        .collect()
}

/// One step (or routine check-in) of a client's journey.
pub struct JourneyRow<'a> {
    pub client: &'a Client,
    pub month: u32,
    pub month_start: NaiveDate,
    pub entry: &'a crate::plan::journey::JourneyEntry<'a>,
}

impl Row for JourneyRow<'_> {
    const COLUMNS: &'static [&'static str] = &[
        "client_id",
        "client",
        "month",
        "month_start",
        "date",
        "kind",
        "title",
        "prompt",
        "status",
    ];

    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            self.client.id.as_str().into(),
            self.client.name.as_str().into(),
            Cell::Int(self.month.into()),
            self.month_start.into(),
            self.entry.date.into(),
            self.entry.kind.into(),
            Cell::Text(crate::words::title(&self.entry.title)),
            self.entry.prompt.into(),
            self.entry.status.as_str().into(),
        ]
    }
}

pub fn journey_rows<'a>(
    roster: &'a Roster,
    journeys: &'a [ClientJourney<'a>],
) -> Vec<JourneyRow<'a>> {
    journeys
        .iter()
        .flat_map(|j| {
            j.months.iter().flat_map(move |m| {
                m.entries.iter().map(move |entry| JourneyRow {
                    client: &roster.clients[j.client],
                    month: m.month,
                    month_start: m.start,
                    entry,
                })
            })
        })
        .collect()
}

/// A client of the roster at a glance.
pub struct ClientRow<'a> {
    pub client: &'a Client,
    pub facts: &'a Facts<'a>,
    /// The client's month today; 0 before their start.
    pub month: u32,
    pub standing: Standing,
    pub next: Option<DueItem<'a>>,
    /// (v3) A pack's sessions: used, of how many.
    pub pack: Option<(u32, u32)>,
}

impl Row for ClientRow<'_> {
    const COLUMNS: &'static [&'static str] = &[
        "client_id",
        "client",
        "status",
        "start",
        "month",
        "goal",
        "why",
        "last_contact",
        "next_date",
        "next_kind",
    ];

    fn cells(&self) -> Vec<Cell<'_>> {
        let c = self.client;
        vec![
            c.id.as_str().into(),
            c.name.as_str().into(),
            c.status.as_str().into(),
            c.start.into(),
            Cell::Int(self.month.into()),
            (&c.goal).into(),
            (&c.why).into(),
            self.facts.last_contact.into(),
            self.next.as_ref().map(|i| i.date).into(),
            self.next.as_ref().map(|i| i.kind.as_str()).into(),
        ]
    }
}

pub fn client_rows<'a>(
    roster: &'a Roster,
    files: &'a [ClientFile<'a>],
    today: NaiveDate,
    filter: &crate::plan::today::Filter,
) -> Vec<ClientRow<'a>> {
    files
        .iter()
        .filter(|f| filter.admits(roster, f.index))
        .map(|file| {
            let client = file.client;
            let plan = plan_client(roster, file, today);
            ClientRow {
                client,
                facts: &file.facts,
                // An ended client stays in the month they left in.
                month: crate::plan::month_now(client, today).unwrap_or(0),
                standing: plan.standing,
                pack: client.package.map(|p| {
                    let used = crate::plan::money::pack_sessions(file, p.start).len();
                    (u32::try_from(used).unwrap_or(u32::MAX), p.sessions)
                }),
                next: plan.pending().next().cloned(),
            }
        })
        .collect()
}

impl Row for RetentionMonth {
    const COLUMNS: &'static [&'static str] = &["month", "at_risk", "lost", "retained"];

    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::Int(self.month.into()),
            Cell::Int(self.at_risk.into()),
            Cell::Int(self.lost.into()),
            Cell::Num((self.retained * 10_000.0).round() / 10_000.0),
        ]
    }
}

/// An item of `review`, with its outcome.
pub struct ReviewRow<'a> {
    pub client: &'a Client,
    pub item: &'a crate::plan::review::Reviewed<'a>,
}

impl Row for ReviewRow<'_> {
    const COLUMNS: &'static [&'static str] = &[
        "client_id",
        "client",
        "kind",
        "title",
        "due",
        "date",
        "outcome",
        "done_on",
        "days_late",
    ];

    fn cells(&self) -> Vec<Cell<'_>> {
        let i = self.item;
        vec![
            self.client.id.as_str().into(),
            self.client.name.as_str().into(),
            i.kind.as_str().into(),
            Cell::Text(crate::words::title(&i.title)),
            i.due.into(),
            i.date.into(),
            i.outcome.as_str().into(),
            i.done_on.into(),
            i.days_late.map_or(Cell::Null, |d| Cell::Int(d.into())),
        ]
    }
}

pub fn review_rows<'a>(
    roster: &'a Roster,
    review: &'a crate::plan::review::Review<'a>,
) -> Vec<ReviewRow<'a>> {
    review
        .items
        .iter()
        .map(|item| ReviewRow {
            client: &roster.clients[item.client],
            item,
        })
        .collect()
}
