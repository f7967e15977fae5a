//! `attendance`: the sessions that happened, read from calendars and booking exports, as
//! history `session` entries (SPEC v3 §3).
//!
//! Calendars (`.ics`, RFC 5545, as Google Calendar exports them) are read with the
//! `icalendar` crate's parser (unfolding, properties, parameters) and recurring events
//! expanded with `rrule` (RRULE, EXDATE); a `RECURRENCE-ID` instance replaces the one it
//! overrides, and `STATUS:CANCELLED` instances are skipped. A timed event's day is its
//! local date *as written*: the first eight digits of its `DTSTART`, so no time-zone
//! arithmetic is done (the recurrence is expanded on the written local times, which keeps
//! the date of each weekly instance right across daylight-saving changes). Booking
//! exports (Mindbody, Glofox, TeamUp, Calendly) are read with the `csv` crate, columns
//! found by name. Nothing here reads a file or the clock.

use chrono::NaiveDate;

use std::collections::HashMap;

use crate::roster::Roster;

/// What became of a booked session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Attended,
    Cancelled,
    NoShow,
    /// A status word that is neither (booked, waitlisted, …): not logged.
    Other,
}

/// One event or row: where it came from, its day, and what identifies the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The source id: `UID@YYYYMMDD` for a calendar instance, the row's id column or a
    /// hash of its content for a sheet.
    pub source_ref: String,
    /// Where to point the coach: `file.ics` (with the summary) or `file.csv:ROW`.
    pub place: String,
    pub day: NaiveDate,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    /// Names to look for: the title and the attendees' names (calendars), the name cell.
    pub names: Vec<String>,
    pub status: Status,
}

/// The most instances one recurring event is expanded to: a weekly class over 20 years.
const MAX_INSTANCES: u16 = 1_100;

fn date8(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..8)?, "%Y%m%d").ok()
}

/// A `DTSTART`/`EXDATE`/`RECURRENCE-ID` value as `rrule` reads it: the local time as
/// written, taken as UTC (see the module doc).
fn as_utc(value: &str) -> Option<String> {
    let v = value.trim().trim_end_matches('Z');
    match v.len() {
        8 => Some(format!("{v}T000000Z")),
        15 => Some(format!("{v}Z")),
        _ => None,
    }
}

/// `UNTIL` in the same frame as the start.
fn rule_in_utc(rule: &str) -> String {
    rule.split(';')
        .map(|part| match part.split_once('=') {
            Some(("UNTIL", until)) => {
                let until = until.trim_end_matches('Z');
                if until.len() == 8 {
                    format!("UNTIL={until}T235959Z")
                } else {
                    format!("UNTIL={until}Z")
                }
            }
            _ => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join(";")
}

struct VEvent {
    uid: String,
    start: String,
    rrule: Option<String>,
    exdates: Vec<String>,
    recurrence_id: Option<String>,
    cancelled: bool,
    summary: String,
    emails: Vec<String>,
    names: Vec<String>,
}

/// The `BEGIN:VEVENT` … `END:VEVENT` blocks of an unfolded calendar, with the line each
/// starts on. The parser is handed one event at a time: on a whole file its time grows
/// with the square of the number of events (a 12,000-event export took 10 s, four times
/// the time of half of it), on one event at a time it is linear.
fn event_blocks(text: &str) -> Vec<(usize, &str)> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut depth = 0usize;
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_end();
        match (&open, trimmed) {
            (None, "BEGIN:VEVENT") => {
                open = Some((n + 1, offset));
                depth = 1;
            }
            (Some(_), t) if t.starts_with("BEGIN:") => depth += 1,
            (Some((first, start)), t) if t.starts_with("END:") => {
                depth -= 1;
                if depth == 0 {
                    blocks.push((*first, &text[*start..offset + line.len()]));
                    open = None;
                }
            }
            _ => {}
        }
        offset += line.len();
    }
    blocks
}

/// The events of a calendar on or before `until` (later ones are counted apart by the
/// caller from `after`). `Err` says why the file cannot be read.
pub fn read_ics(text: &str, file: &str, until: NaiveDate) -> Result<(Vec<Event>, usize), String> {
    let unfolded = icalendar::parser::unfold(&text.replace("\r\n", "\n"));
    if !unfolded.trim_start().starts_with("BEGIN:VCALENDAR") {
        return Err(format!(
            "{file}: not an iCalendar file (it does not start with BEGIN:VCALENDAR)"
        ));
    }
    let mut vevents = Vec::new();
    for (line, block) in event_blocks(&unfolded) {
        let parsed = icalendar::parser::read_calendar_simple(block)
            .map_err(|_| format!("{file}:{line}: this event cannot be read as iCalendar"))?;
        let Some(c) = parsed.into_iter().find(|c| c.name == "VEVENT") else {
            continue;
        };
        let mut e = VEvent {
            uid: String::new(),
            start: String::new(),
            rrule: None,
            exdates: Vec::new(),
            recurrence_id: None,
            cancelled: false,
            summary: String::new(),
            emails: Vec::new(),
            names: Vec::new(),
        };
        for p in &c.properties {
            let val = p.val.as_str().trim();
            match p.name.as_str() {
                "UID" => e.uid = val.to_string(),
                "DTSTART" => e.start = val.to_string(),
                "RRULE" => e.rrule = Some(val.to_string()),
                "EXDATE" => e.exdates.extend(val.split(',').map(str::to_string)),
                "RECURRENCE-ID" => e.recurrence_id = Some(val.to_string()),
                "STATUS" => e.cancelled = val.eq_ignore_ascii_case("CANCELLED"),
                "SUMMARY" => e.summary = val.replace("\\,", ",").replace("\\;", ";"),
                "ATTENDEE" | "ORGANIZER" => {
                    if let Some(mail) = val
                        .strip_prefix("mailto:")
                        .or_else(|| val.strip_prefix("MAILTO:"))
                    {
                        e.emails.push(mail.to_ascii_lowercase());
                    }
                    if p.name.as_str() == "ATTENDEE" {
                        e.names.extend(
                            p.params
                                .iter()
                                .filter(|q| q.key.as_str().eq_ignore_ascii_case("CN"))
                                .filter_map(|q| q.val.as_ref())
                                .map(|v| v.as_str().trim_matches('"').to_string()),
                        );
                    }
                }
                _ => {}
            }
        }
        vevents.push(e);
    }
    // Overridden instances, by (UID, original day).
    let overridden: std::collections::HashSet<(String, NaiveDate)> = vevents
        .iter()
        .filter_map(|e| Some((e.uid.clone(), date8(e.recurrence_id.as_deref()?)?)))
        .collect();
    let mut events = Vec::new();
    let mut later = 0;
    for e in &vevents {
        let Some(first) = date8(&e.start) else {
            continue;
        };
        let days: Vec<NaiveDate> = match (&e.rrule, &e.recurrence_id) {
            (Some(rule), None) => {
                let Some(start) = as_utc(&e.start) else {
                    continue;
                };
                let mut set = format!("DTSTART:{start}\nRRULE:{}", rule_in_utc(rule));
                let ex: Vec<String> = e.exdates.iter().filter_map(|x| as_utc(x)).collect();
                if !ex.is_empty() {
                    set.push_str(&format!("\nEXDATE:{}", ex.join(",")));
                }
                let set: rrule::RRuleSet = set.parse().map_err(|err| {
                    format!(
                        "{file}: the event `{}` has a rule that cannot be read: {err}",
                        e.uid
                    )
                })?;
                set.all(MAX_INSTANCES)
                    .dates
                    .iter()
                    .map(|d| d.date_naive())
                    .filter(|d| !overridden.contains(&(e.uid.clone(), *d)))
                    .collect()
            }
            _ => vec![first],
        };
        for day in days {
            if day > until {
                later += 1;
                continue;
            }
            let mut names = vec![e.summary.clone()];
            names.extend(e.names.iter().cloned());
            events.push(Event {
                source_ref: format!("{}@{}", e.uid, day.format("%Y%m%d")),
                place: format!("{file} \"{}\"", e.summary),
                day,
                emails: e.emails.clone(),
                phones: Vec::new(),
                names,
                status: if e.cancelled {
                    Status::Cancelled
                } else {
                    Status::Attended
                },
            });
        }
    }
    events.sort_by(|a, b| (a.day, &a.source_ref).cmp(&(b.day, &b.source_ref)));
    Ok((events, later))
}

/// FNV-1a, 64 bits: a row's content hash that stays the same across builds and Rust
/// versions (the standard hasher does not promise that), for a sheet without an id column.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn status_of(word: &str) -> Status {
    let w = word.trim().to_ascii_lowercase();
    let w = w.replace(['-', '_'], " ");
    if w.is_empty() {
        Status::Attended
    } else if w.contains("cancel") {
        Status::Cancelled
    } else if w.contains("no show") || w.contains("noshow") || w == "absent" || w == "missed" {
        Status::NoShow
    } else if [
        "attended",
        "checked in",
        "signed in",
        "completed",
        "present",
        "visited",
        "arrived",
    ]
    .iter()
    .any(|s| w.contains(s))
    {
        Status::Attended
    } else {
        Status::Other
    }
}

/// A sheet's date cell: `YYYY-MM-DD` (with a time or offset after it), or `D/M/YYYY` and
/// `M/D/YYYY` as `day_first` says.
fn sheet_date(cell: &str, day_first: Option<bool>) -> Option<NaiveDate> {
    let c = cell.trim();
    if let Some(iso) = c.get(..10)
        && let Ok(d) = NaiveDate::parse_from_str(iso, "%Y-%m-%d")
    {
        return Some(d);
    }
    let date = c.split_whitespace().next()?;
    let parts: Vec<u32> = date.split('/').filter_map(|p| p.parse().ok()).collect();
    let [a, b, y] = parts[..] else { return None };
    let (d, m) = if day_first? { (a, b) } else { (b, a) };
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// The rows of a booking export. `Err` says why the sheet cannot be read.
pub fn read_csv(text: &str, file: &str) -> Result<Vec<Event>, String> {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("{file}: {e}"))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let find = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
    let name = find(&[
        "client",
        "client name",
        "name",
        "member",
        "member name",
        "customer",
        "full name",
        "attendee",
        "invitee name",
    ]);
    let first_name = find(&["first name", "firstname"]);
    let last_name = find(&["last name", "lastname", "surname"]);
    let email = find(&[
        "email",
        "e-mail",
        "email address",
        "invitee email",
        "client email",
    ]);
    let phone = find(&[
        "phone",
        "mobile",
        "cell",
        "phone number",
        "mobile phone",
        "client phone",
    ]);
    let date = find(&[
        "date",
        "start",
        "start time",
        "start date",
        "start date & time",
        "visit date",
        "class date",
        "date/time",
        "datetime",
        "event start time",
    ])
    .ok_or_else(|| {
        format!("{file}: no date column (looked for Date, Start, Start Time, Visit Date, …)")
    })?;
    let status = find(&["status", "attendance", "visit status", "booking status"]);
    let canceled = find(&["canceled", "cancelled"]);
    let id = find(&[
        "id",
        "visit id",
        "booking id",
        "appointment id",
        "reservation id",
        "reference",
    ]);
    if name.is_none() && first_name.is_none() && email.is_none() && phone.is_none() {
        return Err(format!(
            "{file}: no column names the client (looked for Client, Name, First Name, Email, Phone, …)"
        ));
    }
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{file}: {e}"))?;
    // Slash dates: day first or month first, decided once for the sheet.
    let mut day_first = None;
    for r in &rows {
        let cell = r.get(date).unwrap_or("");
        let parts: Vec<u32> = cell
            .split_whitespace()
            .next()
            .unwrap_or("")
            .split('/')
            .filter_map(|p| p.parse().ok())
            .collect();
        if let [a, b, _] = parts[..] {
            if a > 12 {
                day_first = Some(true);
            } else if b > 12 {
                day_first = Some(false);
            }
        }
    }
    let mut events = Vec::with_capacity(rows.len());
    for (n, r) in rows.iter().enumerate() {
        let line = n + 2;
        let cell = |i: Option<usize>| i.and_then(|i| r.get(i)).unwrap_or("").trim().to_string();
        let day = sheet_date(&cell(Some(date)), day_first)
            .ok_or_else(|| {
                format!(
                    "{file}:{line}: `{}` is not a date this reads (YYYY-MM-DD, or D/M/YYYY and M/D/YYYY when the sheet's dates tell which)",
                    cell(Some(date))
                )
            })?;
        let mut names = Vec::new();
        let full = cell(name);
        if !full.is_empty() {
            names.push(full);
        }
        let joined = format!("{} {}", cell(first_name), cell(last_name));
        if !joined.trim().is_empty() {
            names.push(joined.trim().to_string());
        }
        let mut st = status_of(&cell(status));
        if matches!(
            cell(canceled).to_ascii_lowercase().as_str(),
            "true" | "yes" | "1"
        ) {
            st = Status::Cancelled;
        }
        let own_id = cell(id);
        let source_ref = if own_id.is_empty() {
            let content: Vec<&str> = r.iter().collect();
            format!("row:{:016x}", fnv1a(content.join("\u{1f}").as_bytes()))
        } else {
            format!("id:{own_id}")
        };
        events.push(Event {
            source_ref,
            place: format!("{file}:{line}"),
            day,
            emails: Some(cell(email).to_ascii_lowercase())
                .filter(|e| !e.is_empty())
                .into_iter()
                .collect(),
            phones: Some(digits(&cell(phone)))
                .filter(|p| p.len() >= 7)
                .into_iter()
                .collect(),
            names,
            status: st,
        });
    }
    Ok(events)
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

fn same_phone(a: &str, b: &str) -> bool {
    a.len() >= 7 && b.len() >= 7 && (a.ends_with(b) || b.ends_with(a))
}

/// A name as words: lowercase, split at anything that is not a letter or digit.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The roster, indexed once, so that matching an event costs a few look-ups rather than
/// a pass over every client: a 10,000-event calendar against 1,000 clients stays linear.
pub struct Clients {
    by_mail: HashMap<String, Vec<usize>>,
    /// By the last seven digits; the full digits kept to compare.
    by_phone: HashMap<String, Vec<(String, usize)>>,
    /// By the full name as words joined by single spaces.
    by_name: HashMap<String, Vec<usize>>,
    /// The most words in a client's name.
    longest: usize,
}

impl Clients {
    pub fn new(roster: &Roster) -> Clients {
        let mut index = Clients {
            by_mail: HashMap::new(),
            by_phone: HashMap::new(),
            by_name: HashMap::new(),
            longest: 1,
        };
        for (i, c) in roster.clients.iter().enumerate() {
            for text in c.contact.iter().chain(c.notes.iter()) {
                for word in text.split(|ch: char| ch.is_whitespace() || ch == ',' || ch == ';') {
                    if word.contains('@') {
                        let mail = word
                            .trim_matches(|ch: char| !ch.is_alphanumeric())
                            .to_ascii_lowercase();
                        index.by_mail.entry(mail).or_default().push(i);
                    }
                }
                let d = digits(text);
                if d.len() >= 7 && !text.contains('@') {
                    let key = d[d.len() - 7..].to_string();
                    index.by_phone.entry(key).or_default().push((d, i));
                }
            }
            let name = words(&c.name);
            index.longest = index.longest.max(name.len());
            index.by_name.entry(name.join(" ")).or_default().push(i);
        }
        index
    }

    /// Which client an event is: one by e-mail or phone, else by full name (as whole
    /// words in the title or an attendee's name); `Err` with the candidates (several) or
    /// none.
    pub fn find(&self, event: &Event) -> Result<usize, Vec<usize>> {
        let mut by_reach: Vec<usize> = Vec::new();
        for mail in &event.emails {
            by_reach.extend(self.by_mail.get(mail).into_iter().flatten());
        }
        for phone in event.phones.iter().filter(|p| p.len() >= 7) {
            let key = &phone[phone.len() - 7..];
            by_reach.extend(
                self.by_phone
                    .get(key)
                    .into_iter()
                    .flatten()
                    .filter(|(d, _)| same_phone(d, phone))
                    .map(|&(_, i)| i),
            );
        }
        by_reach.sort_unstable();
        by_reach.dedup();
        match by_reach[..] {
            [one] => return Ok(one),
            [] => {}
            _ => return Err(by_reach),
        }
        let mut by_name: Vec<usize> = Vec::new();
        for text in &event.names {
            let w = words(text);
            for start in 0..w.len() {
                for end in start + 1..=w.len().min(start + self.longest) {
                    if let Some(found) = self.by_name.get(&w[start..end].join(" ")) {
                        by_name.extend(found);
                    }
                }
            }
        }
        by_name.sort_unstable();
        by_name.dedup();
        match by_name[..] {
            [one] => Ok(one),
            _ => Err(by_name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_as_booking_systems_write_them() {
        for (word, status) in [
            ("Signed In", Status::Attended),
            ("Checked-in", Status::Attended),
            ("attended", Status::Attended),
            ("Late Cancel", Status::Cancelled),
            ("Cancelled", Status::Cancelled),
            ("No Show", Status::NoShow),
            ("no-show", Status::NoShow),
            ("Booked", Status::Other),
        ] {
            assert_eq!(status_of(word), status, "{word}");
        }
    }

    #[test]
    fn names_match_as_whole_words_only_and_reach_comes_first() {
        let roster = crate::roster::parse_roster(
            "[[client]]\nname = \"Kevin Lee\"\nstart = 2026-01-05\ncontact = \"+1 (555) 010-0100\"\n\n[[client]]\nname = \"Ana Silva\"\nstart = 2026-01-05\ncontact = \"Ana@Example.com\"\n",
        )
        .0
        .expect("roster");
        let index = Clients::new(&roster);
        let event = |names: &[&str], emails: &[&str], phones: &[&str]| Event {
            source_ref: String::new(),
            place: String::new(),
            day: NaiveDate::default(),
            emails: emails.iter().map(|s| s.to_string()).collect(),
            phones: phones.iter().map(|s| s.to_string()).collect(),
            names: names.iter().map(|s| s.to_string()).collect(),
            status: Status::Attended,
        };
        assert_eq!(
            index.find(&event(&["PT session – Kevin Lee"], &[], &[])),
            Ok(0)
        );
        assert_eq!(
            index.find(&event(&["PT session – Kevin Leeds"], &[], &[])),
            Err(vec![])
        );
        assert_eq!(
            index.find(&event(&["Kevin Lee"], &["ana@example.com"], &[])),
            Ok(1)
        );
        assert_eq!(index.find(&event(&[], &[], &["5550100100"])), Ok(0));
        assert_eq!(
            index.find(&event(&["Kevin Lee and Ana Silva"], &[], &[])),
            Err(vec![0, 1])
        );
    }

    #[test]
    fn the_row_hash_is_fixed_across_builds() {
        // A known FNV-1a value: a change here would log every hashed row again.
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
