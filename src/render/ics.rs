//! iCalendar (RFC 5545): one all-day event per item, for calendar apps.
//!
//! A small writer rather than the `icalendar` crate: we need only all-day events, and the
//! parts that matter (escaping, removing control characters, folding at 75 octets without
//! splitting a character, CRLF) are a few lines each and tested here; the crate leaves
//! control characters to the caller anyway. The tests parse the output back with an
//! independent parser (`icalendar`, as a dev-dependency).

use std::collections::HashMap;

use chrono::NaiveDate;

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

/// TEXT value escaping: backslash, comma, semicolon and newlines; other control characters
/// are removed, since no calendar shows them and some refuse the file.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
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

/// The calendar. `stamp` is the DTSTAMP of every event: the planning day, so the output
/// is the same for the same input.
pub fn render(events: &[Event], stamp: NaiveDate) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//coachplan//coachplan//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_folded(&mut out, line);
    }
    let mut seen: HashMap<String, u32> = HashMap::new();
    for e in events {
        let mut uid = format!(
            "{}-{}-{}",
            uid_part(&e.client_id),
            e.kind,
            e.due.format("%Y%m%d")
        );
        let n = seen.entry(uid.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            uid.push_str(&format!("-{n}"));
        }
        let end = e.date.succ_opt().unwrap_or(e.date);
        push_folded(&mut out, "BEGIN:VEVENT");
        push_folded(&mut out, &format!("UID:{uid}@coachplan"));
        push_folded(
            &mut out,
            &format!("DTSTAMP:{}T000000Z", stamp.format("%Y%m%d")),
        );
        push_folded(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", e.date.format("%Y%m%d")),
        );
        push_folded(
            &mut out,
            &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")),
        );
        push_folded(&mut out, &format!("SUMMARY:{}", escape(&e.summary)));
        push_folded(&mut out, &format!("DESCRIPTION:{}", escape(&e.description)));
        push_folded(&mut out, "TRANSP:TRANSPARENT");
        push_folded(&mut out, "END:VEVENT");
    }
    push_folded(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_drops_control_characters() {
        assert_eq!(
            escape("a,b;c\\d\ne\u{1b}[31m\u{7}"),
            "a\\,b\\;c\\\\d\\ne[31m"
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
