//! iCalendar (RFC 5545): one all-day event per item, for calendar apps.
//!
//! A small writer rather than the `icalendar` crate: we need only all-day events, and the
//! parts that matter (escaping, removing control characters, folding at 75 octets without
//! splitting a character, CRLF) are a few lines each and tested here; the crate leaves
//! control characters to the caller anyway. The tests parse the output back with an
//! independent parser (`icalendar`, as a dev-dependency).

use std::collections::HashMap;
use std::io::Write;

use chrono::NaiveDate;

use super::text::{plural, reach, talking_points};
use crate::plan::ItemKind;
use crate::plan::agenda::AgendaEntry;
use crate::plan::journey::ClientJourney;
use crate::roster::{Client, Roster};

/// One calendar event, for one item.
pub struct Event {
    pub client_id: String,
    pub kind: &'static str,
    /// The item's identity date: with the client and kind, it makes the stable UID.
    pub due: NaiveDate,
    /// The day the event is on (where the item is listed).
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
}

/// TEXT value escaping: backslash, comma, semicolon and newlines; a tab becomes a space;
/// other control characters are removed, since no calendar shows them and some refuse
/// the file.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The description of an event: the talking points, how overdue, how to reach them.
fn description(client: &Client, kind: ItemKind, prompt: Option<&str>, overdue: u32) -> String {
    let mut text = talking_points(client, kind, prompt);
    if overdue > 0 {
        text.push_str(&format!("\n{} overdue", plural(overdue as usize, "day")));
    }
    if let Some(reach) = reach(client) {
        text.push_str(&format!("\nReach: {reach}"));
    }
    text
}

/// One event per item of the agenda, on the day it is placed on.
pub fn agenda_events<'a>(
    roster: &'a Roster,
    entries: &'a [AgendaEntry],
) -> impl Iterator<Item = Event> + 'a {
    entries.iter().map(|e| {
        let client = &roster.clients[e.client];
        Event {
            client_id: client.id.clone(),
            kind: e.item.kind.as_str(),
            due: e.item.due,
            date: e.day,
            summary: format!("{} — {}", client.name, e.item.full_title()),
            description: description(client, e.item.kind, e.item.prompt, e.days_overdue),
        }
    })
}

/// One event per step of the journeys still to do, on its own day, and the routine
/// check-in pending now. (v3) Pending items only: no step already done (or from before
/// coachplan), and no check-in projected past the next one, which would move or vanish
/// as soon as the coach logs a conversation.
pub fn journey_events(roster: &Roster, journeys: &[ClientJourney]) -> Vec<Event> {
    use crate::plan::journey::StepStatus;
    let mut checkin_of = None;
    super::rows::journey_rows(roster, journeys)
        .iter()
        .filter(|row| !matches!(row.entry.status, StepStatus::Done | StepStatus::Untracked))
        .filter(|row| {
            // The first check-in of each client's map is the one pending now.
            row.entry.item != ItemKind::Checkin || {
                let first = checkin_of != Some(row.client.id.as_str());
                checkin_of = Some(row.client.id.as_str());
                first
            }
        })
        .map(|row| Event {
            client_id: row.client.id.clone(),
            kind: row.entry.item.as_str(),
            due: row.entry.due,
            date: row.entry.date,
            summary: format!("{} — {}", row.client.name, row.entry.title),
            description: description(row.client, row.entry.item, row.entry.prompt, 0),
        })
        .collect()
}

/// Writes `line` folded at 75 octets (continuations start with a space), ending in CRLF.
fn push_folded(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// A UID part: the id is checked by the roster loader, but stay safe for any text.
fn uid_part(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// (v3, #29) The calendar written as it is planned, an event at a time, so that a whole
/// gym's export is never held as one string. Named after the coach (`X-WR-CALNAME`) for
/// apps that subscribe to it; `stamp` is the DTSTAMP of every event (the planning day, so
/// the output is the same for the same input).
pub struct Calendar<W: Write> {
    out: W,
    stamp: NaiveDate,
    /// UIDs given so far, to number a repeat (`…-2`); see `forget_uids`.
    seen: HashMap<String, u32>,
    /// One event's lines, reused from event to event.
    buf: String,
}

impl<W: Write> Calendar<W> {
    pub fn start(mut out: W, roster: &Roster, stamp: NaiveDate) -> std::io::Result<Self> {
        let mut buf = String::new();
        for line in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//coachplan//coachplan//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ] {
            push_folded(&mut buf, line);
        }
        let name = match &roster.coach.name {
            Some(coach) => format!("coachplan · {coach}"),
            None => "coachplan".to_string(),
        };
        push_folded(&mut buf, &format!("X-WR-CALNAME:{}", escape(&name)));
        out.write_all(buf.as_bytes())?;
        buf.clear();
        Ok(Calendar {
            out,
            stamp,
            seen: HashMap::new(),
            buf,
        })
    }

    pub fn event(&mut self, e: &Event) -> std::io::Result<()> {
        let mut uid = format!(
            "{}-{}-{}",
            uid_part(&e.client_id),
            e.kind,
            e.due.format("%Y%m%d")
        );
        let n = self.seen.entry(uid.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            uid.push_str(&format!("-{n}"));
        }
        // An all-day event on 31 Dec 9999 has no DTEND (RFC 5545 §3.6.1: it lasts the
        // day): the day after is not a date the calendar can write.
        let end = e.date.succ_opt().filter(|&d| d <= crate::plan::LAST_DAY);
        let out = &mut self.buf;
        out.clear();
        push_folded(out, "BEGIN:VEVENT");
        push_folded(out, &format!("UID:{uid}@coachplan"));
        push_folded(
            out,
            &format!("DTSTAMP:{}T000000Z", self.stamp.format("%Y%m%d")),
        );
        push_folded(
            out,
            &format!("DTSTART;VALUE=DATE:{}", e.date.format("%Y%m%d")),
        );
        if let Some(end) = end {
            push_folded(out, &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")));
        }
        push_folded(out, &format!("SUMMARY:{}", escape(&e.summary)));
        push_folded(out, &format!("DESCRIPTION:{}", escape(&e.description)));
        push_folded(out, "TRANSP:TRANSPARENT");
        push_folded(out, "END:VEVENT");
        self.out.write_all(self.buf.as_bytes())
    }

    /// Forgets the UIDs given so far: every UID starts with the client's id, so once all
    /// the events of some clients are written (a slice of `journey`), theirs cannot
    /// repeat, and keeping them would grow with the roster.
    pub fn forget_uids(&mut self) {
        self.seen.clear();
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        self.buf.clear();
        push_folded(&mut self.buf, "END:VCALENDAR");
        self.out.write_all(self.buf.as_bytes())?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_drops_control_characters() {
        assert_eq!(
            escape("a,b;c\\d\ne\u{1b}[31m\u{7}\tf"),
            "a\\,b\\;c\\\\d\\ne[31m f"
        );
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "é".repeat(60));
        push_folded(&mut out, &line);
        for part in out.split("\r\n") {
            assert!(part.len() <= 75, "{} octets", part.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }
}
