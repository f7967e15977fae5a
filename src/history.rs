//! The history log: what happened with each client (contacts, sessions, unanswered tries,
//! snoozes), and which planned conversations each one handled (`done`).
//!
//! The file is append-only TOML with one `[[entry]]` per record. Readers take a shared lock
//! and the single writer, `store::append`, an exclusive one, so a reader never sees half an
//! entry and concurrent `log` calls never interleave.

use chrono::NaiveDate;
use toml::de::{DeTable, DeValue};

use crate::diag::Problem;
use crate::roster::edit::quote;
use crate::roster::fields::{Reader, type_name};
use crate::roster::keys::{self, Read};
use crate::roster::{ClientIds, Roster, read_blocks, read_outside};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum EntryKind {
    /// The coach reached the client and they engaged.
    Contact,
    /// The coach reached out and got no answer.
    NoReply,
    /// The client attended a session; also a contact.
    Session,
    /// No contact: the coach decided to wait until the entry's `next`.
    Snooze,
    /// Written by `renew`: the renewal on the entry's `renewal` date was renewed. Not a
    /// contact.
    Renewed,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Contact => "contact",
            EntryKind::NoReply => "no-reply",
            EntryKind::Session => "session",
            EntryKind::Snooze => "snooze",
            EntryKind::Renewed => "renewed",
        }
    }

    pub const ALL: [EntryKind; 5] = [
        EntryKind::Contact,
        EntryKind::NoReply,
        EntryKind::Session,
        EntryKind::Snooze,
        EntryKind::Renewed,
    ];

    fn parse(text: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// Whether the client was reached: a contact, or a session (which is also one).
    pub fn is_contact(self) -> bool {
        matches!(self, EntryKind::Contact | EntryKind::Session)
    }
}

/// `"a", "b" or "c"`: the hints name every kind from the enums, so a new kind is never
/// left out of them.
fn quoted_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

/// The planned conversations an entry can say it handled (`done`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DoneKind {
    Step,
    Renewal,
    Target,
}

impl DoneKind {
    pub const ALL: [DoneKind; 3] = [DoneKind::Step, DoneKind::Renewal, DoneKind::Target];

    pub fn as_str(self) -> &'static str {
        match self {
            DoneKind::Step => "step",
            DoneKind::Renewal => "renewal",
            DoneKind::Target => "target",
        }
    }

    pub fn parse(text: &str) -> Option<DoneKind> {
        DoneKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// The kinds an entry's `done` names, as a set (one byte: a history can hold many
/// thousands of entries).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DoneSet(u8);

impl DoneSet {
    pub fn contains(self, kind: DoneKind) -> bool {
        self.0 & (1 << kind as u8) != 0
    }

    pub fn insert(&mut self, kind: DoneKind) {
        self.0 |= 1 << kind as u8;
    }

    /// The kinds named, in the order of `DoneKind::ALL`.
    pub fn iter(self) -> impl Iterator<Item = DoneKind> {
        DoneKind::ALL.into_iter().filter(move |k| self.contains(*k))
    }
}

impl FromIterator<DoneKind> for DoneSet {
    fn from_iter<I: IntoIterator<Item = DoneKind>>(kinds: I) -> Self {
        let mut set = DoneSet::default();
        kinds.into_iter().for_each(|k| set.insert(k));
        set
    }
}

/// One record of the log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HistoryEntry {
    /// Index of the client in `Roster::clients`.
    pub client: usize,
    pub date: NaiveDate,
    pub kind: EntryKind,
    /// The planned conversations it handled; `None` when the key is absent (a contact
    /// written by hand, which handles everything due on or before its date).
    pub done: Option<DoneSet>,
    /// The next touch, agreed for this day.
    pub next: Option<NaiveDate>,
    pub note: Option<String>,
    /// With `renewed`: the renewal date that was renewed.
    pub renewal: Option<NaiveDate>,
    /// (v3) The source id of an imported session (`attendance`).
    pub source_ref: Option<String>,
}

/// The parsed log, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct History {
    pub entries: Vec<HistoryEntry>,
}

/// Parses a history log against the roster's client ids: block by block on every core
/// when the file is well-formed, else as one document (see `roster::split`).
pub fn parse_history(text: &str, roster: &Roster) -> (Option<History>, Vec<Problem>) {
    let ids = roster.ids();
    if let Some(blocks) = crate::roster::split_blocks(text, "entry")
        && let Some(result) = parse_in_blocks(text, &blocks, &ids)
    {
        return result;
    }
    parse_history_whole_with(text, &ids)
}

/// Parses the history as one document: the reference behaviour, and the path for any file
/// with a syntax error.
pub fn parse_history_whole(text: &str, roster: &Roster) -> (Option<History>, Vec<Problem>) {
    parse_history_whole_with(text, &roster.ids())
}

fn finish(history: History, problems: Vec<Problem>) -> (Option<History>, Vec<Problem>) {
    if problems.iter().any(Problem::is_error) {
        (None, problems)
    } else {
        (Some(history), problems)
    }
}

/// `None` means "parse the whole file instead".
fn parse_in_blocks(
    text: &str,
    blocks: &[std::ops::Range<usize>],
    ids: &ClientIds,
) -> Option<(Option<History>, Vec<Problem>)> {
    let mut reader = Reader::default();
    // Outside the blocks there are no entries, only keys that do not belong.
    read_outside(text, blocks, "entry", |doc| {
        reader.unknown_keys(doc, keys::HISTORY_TOP, "the history")
    })?;
    // A block is one `[[entry]]`: it reads to at most one entry.
    let mut entries = Vec::with_capacity(blocks.len());
    let found = read_blocks(
        text,
        blocks,
        |doc, reader, _| {
            let mut one = Vec::new();
            read_entries(doc, ids, reader, &mut one);
            Some(one)
        },
        |one| entries.extend(one),
    )?;
    let mut problems = reader.problems;
    problems.extend(found);
    Some(finish(History { entries }, problems))
}

fn parse_history_whole_with(text: &str, ids: &ClientIds) -> (Option<History>, Vec<Problem>) {
    let (doc, syntax) = DeTable::parse_recoverable(text);
    let mut reader = Reader::with_syntax_errors(&syntax);
    let mut history = History::default();
    read_entries(doc.get_ref(), ids, &mut reader, &mut history.entries);
    finish(history, reader.problems)
}

/// Reads the `[[entry]]` list of a parsed log (or of one block of it).
pub fn read_entries(
    doc: &DeTable,
    ids: &ClientIds,
    reader: &mut Reader,
    out: &mut Vec<HistoryEntry>,
) {
    reader.unknown_keys(doc, keys::HISTORY_TOP, "the history");
    let Some(entries) = doc.get("entry") else {
        return;
    };
    let DeValue::Array(items) = entries.get_ref() else {
        reader.error(
            entries.span(),
            "`entry` must be a list of [[entry]] tables",
            "each record starts with [[entry]]",
        );
        return;
    };
    out.reserve(items.len());
    for item in items.iter() {
        let DeValue::Table(t) = item.get_ref() else {
            reader.error(
                item.span(),
                format!(
                    "an entry must be a table, not {}",
                    type_name(item.get_ref())
                ),
                "each record starts with [[entry]]",
            );
            continue;
        };
        out.extend(read_entry(t, item.span(), ids, reader));
    }
}

fn read_entry(
    t: &DeTable,
    at: std::ops::Range<usize>,
    ids: &ClientIds,
    reader: &mut Reader,
) -> Option<HistoryEntry> {
    reader.unknown_keys(t, keys::ENTRY, "[[entry]]");
    let id = reader.required_text(t, "client", at.clone(), "entry");
    let client = id.as_ref().and_then(|id| {
        let found = ids.find(id.get_ref());
        if found.is_none() {
            let hint = match ids.closest(id.get_ref()) {
                Some(s) => format!(
                    "{} If the client left the roster, keep them with status = \"ended\"",
                    crate::suggest::did_you_mean(&s, ("`", "`"))
                ),
                None => "the id must be one of the roster's clients; keep past clients with status = \"ended\"".to_string(),
            };
            reader.error(id.span(), format!("history entry for unknown client `{}`", id.get_ref()), hint);
        }
        found
    });
    let date = match t.get("date") {
        None => {
            reader.error(
                at.clone(),
                "entry has no `date`",
                "add e.g. date = 2026-11-22",
            );
            None
        }
        Some(_) => reader.date(t, "date"),
    };
    let kind = match reader.text(t, "kind") {
        None if t.get("kind").is_none() => Some(EntryKind::Contact),
        None => None,
        Some(k) => {
            let kind = EntryKind::parse(k.get_ref());
            if kind.is_none() {
                reader.error(
                    k.span(),
                    format!("unknown entry kind `{}`", k.get_ref()),
                    crate::suggest::hint(
                        k.get_ref(),
                        EntryKind::ALL.map(EntryKind::as_str),
                        ("\"", "\""),
                        || {
                            format!(
                                "use {}",
                                quoted_list(&EntryKind::ALL.map(EntryKind::as_str))
                            )
                        },
                    ),
                );
            }
            kind
        }
    };
    let note = reader.text(t, "note").map(toml::Spanned::into_inner);
    let done = read_done(t, reader);
    let next = reader.date(t, "next");
    if let (Some(n), Some(d)) = (&next, &date)
        && n.get_ref() < d.get_ref()
    {
        reader.error(
            n.span(),
            "`next` is before the entry's date",
            "the agreed next date must be on or after the day of the entry",
        );
    }
    if kind == Some(EntryKind::Snooze) && t.get("next").is_none() {
        reader.error(
            at.clone(),
            "a snooze entry has no `next`",
            "add next = YYYY-MM-DD, the day to reach out again",
        );
    }
    let renewal = reader.date(t, "renewal");
    if kind == Some(EntryKind::Renewed) && t.get("renewal").is_none() {
        reader.error(
            at.clone(),
            "a renewed entry has no `renewal`",
            "add renewal = YYYY-MM-DD, the renewal date that was renewed",
        );
    }
    Some(HistoryEntry {
        client: client?,
        date: *date?.get_ref(),
        kind: kind?,
        done: done?,
        next: next.map(toml::Spanned::into_inner),
        note,
        renewal: renewal.map(toml::Spanned::into_inner),
        source_ref: reader.text(t, "ref").map(toml::Spanned::into_inner),
    })
}

/// `done = ["step", "renewal"]`: `Some(None)` when absent, `None` after an error.
fn read_done(t: &DeTable, reader: &mut Reader) -> Option<Option<DoneSet>> {
    let Some(value) = t.get("done") else {
        return Some(None);
    };
    let before = reader.problems.len();
    let mut out = DoneSet::default();
    match value.get_ref() {
        DeValue::Array(items) => {
            for item in items.iter() {
                match item.get_ref() {
                    DeValue::String(s) => match DoneKind::parse(s) {
                        Some(k) => out.insert(k),
                        None => reader.error(
                            item.span(),
                            format!("unknown kind `{s}` in `done`"),
                            crate::suggest::hint(
                                s,
                                DoneKind::ALL.map(DoneKind::as_str),
                                ("\"", "\""),
                                || {
                                    format!(
                                        "`done` lists any of {}",
                                        quoted_list(&DoneKind::ALL.map(DoneKind::as_str))
                                    )
                                },
                            ),
                        ),
                    },
                    other => reader.error(
                        item.span(),
                        format!(
                            "`done` holds {}, but only kinds in quotes belong there",
                            type_name(other)
                        ),
                        "for example: done = [\"step\", \"renewal\"]",
                    ),
                }
            }
        }
        other => reader.error(
            value.span(),
            format!(
                "`done` must be {}, not {}",
                Read::Texts.expected(),
                type_name(other)
            ),
            "for example: done = [\"step\"], or done = [] for none",
        ),
    }
    (reader.problems.len() == before).then_some(Some(out))
}

/// An entry to append, with the client named by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry<'a> {
    pub client_id: &'a str,
    pub date: NaiveDate,
    pub kind: EntryKind,
    /// Written whenever given, even empty: what it did is then on record.
    pub done: Option<Vec<DoneKind>>,
    pub next: Option<NaiveDate>,
    pub note: Option<&'a str>,
    /// With `renewed`: the renewal date that was renewed.
    pub renewal: Option<NaiveDate>,
    /// (v3) With an imported session: its source id.
    pub source_ref: Option<&'a str>,
}

/// The TOML text of one entry, ready to append.
pub fn format_entry(entry: &NewEntry) -> String {
    let mut out = format!(
        "\n[[entry]]\nclient = {}\ndate = {}\nkind = \"{}\"\n",
        quote(entry.client_id),
        entry.date,
        entry.kind.as_str()
    );
    if let Some(done) = &entry.done {
        let kinds: Vec<String> = done.iter().map(|k| quote(k.as_str())).collect();
        out.push_str(&format!("done = [{}]\n", kinds.join(", ")));
    }
    if let Some(next) = entry.next {
        out.push_str(&format!("next = {next}\n"));
    }
    if let Some(renewal) = entry.renewal {
        out.push_str(&format!("renewal = {renewal}\n"));
    }
    if let Some(r) = entry.source_ref {
        out.push_str(&format!("ref = {}\n", quote(r)));
    }
    if let Some(note) = entry.note {
        out.push_str(&format!("note = {}\n", quote(note)));
    }
    out
}

/// The latest entry (of `client`, matched ignoring case) as it stands in the file, and
/// the file without it. `None` when there is no such entry.
///
/// A file laid out as `log` writes it (one `[[entry]]` block each) loses exactly the bytes
/// the append added. (v3) Any other layout the loader reads (a BOM, a quoted
/// `[["entry"]]` header, inline `entry = [{ … }]` tables) is edited through `toml_edit`,
/// which keeps the rest of the document as it was.
pub fn without_latest(text: &str, client: Option<&str>) -> Option<(String, String)> {
    match without_latest_block(text, client) {
        Some((range, rest)) => Some((text[range].to_string(), rest)),
        None => without_latest_edited(text, client),
    }
}

/// `without_latest` through `toml_edit`, for the layouts the block scanner does not take.
fn without_latest_edited(text: &str, client: Option<&str>) -> Option<(String, String)> {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let mut doc: toml_edit::DocumentMut = body.parse().ok()?;
    let ours = |client_of: Option<&str>| {
        client.is_none_or(|id| client_of.is_some_and(|c| c.eq_ignore_ascii_case(id)))
    };
    let removed = match doc.get_mut("entry")? {
        toml_edit::Item::ArrayOfTables(entries) => {
            let index = (0..entries.len()).rev().find(|&i| {
                ours(
                    entries
                        .get(i)
                        .and_then(|e| e.get("client"))
                        .and_then(|c| c.as_str()),
                )
            })?;
            let removed = entries.get(index)?.to_string();
            entries.remove(index);
            removed
        }
        toml_edit::Item::Value(toml_edit::Value::Array(entries)) => {
            let index = (0..entries.len()).rev().find(|&i| {
                let client_of = entries
                    .get(i)
                    .and_then(|e| e.as_inline_table())
                    .and_then(|e| e.get("client"))
                    .and_then(|c| c.as_str());
                ours(client_of)
            })?;
            let removed = entries.get(index)?.to_string();
            entries.remove(index);
            removed
        }
        _ => return None,
    };
    Some((removed.trim().to_string(), format!("{bom}{doc}")))
}

/// `without_latest` for a file of `[[entry]]` blocks: the range of the entry's bytes.
fn without_latest_block(
    text: &str,
    client: Option<&str>,
) -> Option<(std::ops::Range<usize>, String)> {
    let blocks = crate::roster::split_blocks(text, "entry")?;
    let block = blocks.iter().rev().find(|b| {
        client.is_none_or(|id| {
            let table: Result<toml::Table, _> = toml::from_str(&text[(*b).clone()]);
            table.ok().is_some_and(|t| {
                t.get("entry")
                    .and_then(|e| e.as_array())
                    .and_then(|a| a.first())
                    .and_then(|e| e.get("client"))
                    .and_then(|c| c.as_str())
                    .is_some_and(|c| c.eq_ignore_ascii_case(id))
            })
        })
    })?;
    // `append` writes a blank line, then the entry. A block runs to the next header, so
    // it holds the blank line before the next entry; the last one takes its own. Comments
    // written by hand after the entry's last key belong to what follows: they stay, and so
    // does the blank line before them.
    let end = match entry_content_end(&text[block.clone()]) {
        Some(content) if !text[block.start + content..block.end].trim().is_empty() => {
            block.start + content
        }
        _ => block.end,
    };
    let mut start = block.start;
    if end == text.len() {
        // CRLF files: the line end before the entry is two bytes.
        if text[..start].ends_with("\r\n") {
            start -= 2;
        } else if text[..start].ends_with('\n') {
            start -= 1;
        }
    }
    let mut rest = String::with_capacity(text.len());
    rest.push_str(&text[..start]);
    rest.push_str(&text[end..]);
    Some((block.start..end, rest))
}

/// Where the entry's own lines end in `block` (after the last line that is neither blank
/// nor a comment), as an offset into it.
fn entry_content_end(block: &str) -> Option<usize> {
    let mut offset = 0;
    let mut end = None;
    for line in block.split_inclusive('\n') {
        offset += line.len();
        let trimmed = line.trim();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            end = Some(offset);
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_escape_quotes_newlines_and_backslashes() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let note = "She said \"no\"\nthen C:\\path — ok ✓\t";
        let text = format_entry(&NewEntry {
            client_id: "alice",
            date,
            kind: EntryKind::NoReply,
            done: Some(vec![DoneKind::Step, DoneKind::Renewal]),
            next: Some(date),
            note: Some(note),
            renewal: None,
            source_ref: None,
        });
        let parsed: toml::Table = toml::from_str(&text).unwrap();
        let entry = &parsed["entry"].as_array().unwrap()[0];
        assert_eq!(entry["note"].as_str(), Some(note));
        assert_eq!(entry["kind"].as_str(), Some("no-reply"));
        assert_eq!(entry["done"].as_array().map(|a| a.len()), Some(2));
        assert!(entry["next"].as_datetime().is_some());
    }

    #[test]
    fn undo_removes_exactly_what_an_append_added() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let entry = |id| {
            format_entry(&NewEntry {
                client_id: id,
                date,
                kind: EntryKind::Contact,
                done: Some(vec![]),
                next: None,
                note: Some("ok"),
                renewal: None,
                source_ref: None,
            })
        };
        let before = format!("# log\n{}{}", entry("alice"), entry("ben"));
        let after = format!("{before}{}", entry("alice"));
        let (_, undone) = without_latest(&after, None).unwrap();
        assert_eq!(undone, before);
        // Only Ben's entry goes; Alice's later one stays, byte for byte.
        let (_, undone) = without_latest(&after, Some("BEN")).unwrap();
        assert_eq!(
            undone,
            format!("# log\n{}{}", entry("alice"), entry("alice"))
        );
        assert!(without_latest(&after, Some("carla")).is_none());
    }

    #[test]
    fn undo_keeps_a_crlf_file_crlf_and_the_comments_after_an_entry() {
        let crlf = "# log\r\n\r\n[[entry]]\r\nclient = \"alice\"\r\ndate = 2026-11-22\r\n\r\n[[entry]]\r\nclient = \"ben\"\r\ndate = 2026-11-23\r\n";
        let (_, undone) = without_latest(crlf, None).unwrap();
        assert_eq!(
            undone,
            "# log\r\n\r\n[[entry]]\r\nclient = \"alice\"\r\ndate = 2026-11-22\r\n"
        );
        assert!(!undone.ends_with('\r'));
        // A comment written after Alice's entry is about what follows: it stays.
        let text = "[[entry]]\nclient = \"alice\"\ndate = 2026-11-22\n# Ben joined in December\n\n[[entry]]\nclient = \"ben\"\ndate = 2026-12-01\n";
        let (_, undone) = without_latest(text, Some("alice")).unwrap();
        assert_eq!(
            undone,
            "# Ben joined in December\n\n[[entry]]\nclient = \"ben\"\ndate = 2026-12-01\n"
        );
        let (_, undone) = without_latest(text, Some("ben")).unwrap();
        assert_eq!(
            undone,
            "[[entry]]\nclient = \"alice\"\ndate = 2026-11-22\n# Ben joined in December\n"
        );
    }
}
