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
    escape_into(&mut out, text);
    out
}

/// `escape`, appended to `out`: the runs between characters to change are copied whole.
fn escape_into(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let with = match c {
            '\\' => "\\\\",
            ',' => "\\,",
            ';' => "\\;",
            '\n' => "\\n",
            '\t' => " ",
            c if c.is_control() => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(with);
        start = i + c.len_utf8();
    }
    out.push_str(&text[start..]);
}

/// A DATE value (`YYYYMMDD`), as chrono's `%Y%m%d` writes it, without parsing the
/// pattern for every event.
fn push_date(out: &mut String, d: NaiveDate) {
    use chrono::Datelike;
    use std::fmt::Write;
    let _ = if (0..=9999).contains(&d.year()) {
        write!(out, "{:04}{:02}{:02}", d.year(), d.month(), d.day())
    } else {
        write!(out, "{}", d.format("%Y%m%d"))
    };
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
    // The first line holds 75 octets; a continuation, after its space, 74. A cut goes back
    // to the start of the character it would split.
    let mut rest = line;
    let mut limit = 75;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74;
    }
    out.push_str(rest);
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
    /// One line before it is folded, reused likewise.
    line: String,
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
            line: String::new(),
        })
    }

    pub fn event(&mut self, e: &Event) -> std::io::Result<()> {
        let mut uid = String::with_capacity(e.client_id.len() + 32);
        uid.push_str(&uid_part(&e.client_id));
        uid.push('-');
        uid.push_str(e.kind);
        uid.push('-');
        push_date(&mut uid, e.due);
        let n = self.seen.entry(uid.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            uid.push_str(&format!("-{n}"));
        }
        // An all-day event on 31 Dec 9999 has no DTEND (RFC 5545 §3.6.1: it lasts the
        // day): the day after is not a date the calendar can write.
        let end = e.date.succ_opt().filter(|&d| d <= crate::plan::LAST_DAY);
        let (out, line) = (&mut self.buf, &mut self.line);
        out.clear();
        let mut put = |out: &mut String, fill: &dyn Fn(&mut String)| {
            line.clear();
            fill(line);
            push_folded(out, line);
        };
        push_folded(out, "BEGIN:VEVENT");
        put(out, &|l| {
            l.push_str("UID:");
            l.push_str(&uid);
            l.push_str("@coachplan");
        });
        put(out, &|l| {
            l.push_str("DTSTAMP:");
            push_date(l, self.stamp);
            l.push_str("T000000Z");
        });
        put(out, &|l| {
            l.push_str("DTSTART;VALUE=DATE:");
            push_date(l, e.date);
        });
        if let Some(end) = end {
            put(out, &|l| {
                l.push_str("DTEND;VALUE=DATE:");
                push_date(l, end);
            });
        }
        put(out, &|l| {
            l.push_str("SUMMARY:");
            escape_into(l, &e.summary);
        });
        put(out, &|l| {
            l.push_str("DESCRIPTION:");
            escape_into(l, &e.description);
        });
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
    use proptest::prelude::*;

    /// The writer's first shape, a character at a time: the fast one must match it.
    fn folded_char_by_char(line: &str) -> String {
        let mut out = String::new();
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > 75 {
                out.push_str("\r\n ");
                width = 1;
            }
            out.push(c);
            width += c.len_utf8();
        }
        out + "\r\n"
    }

    proptest! {
        #[test]
        fn folding_and_escaping_match_the_plain_definitions(
            line in "[a-z ,;\\\\\n\t\u{7}\u{85}é€😀]{0,400}",
            days in 0i64..3_652_059,
        ) {
            let mut fast = String::new();
            push_folded(&mut fast, &line);
            prop_assert_eq!(&fast, &folded_char_by_char(&line));
            let plain: String = line.chars().flat_map(|c| match c {
                '\\' => "\\\\".chars().collect::<Vec<_>>(),
                ',' => vec!['\\', ','],
                ';' => vec!['\\', ';'],
                '\n' => vec!['\\', 'n'],
                '\t' => vec![' '],
                c if c.is_control() => vec![],
                c => vec![c],
            }).collect();
            prop_assert_eq!(escape(&line), plain);
            let day = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default() + chrono::Duration::days(days);
            let mut date = String::new();
            push_date(&mut date, day);
            prop_assert_eq!(date, day.format("%Y%m%d").to_string());
        }
    }

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
