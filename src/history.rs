//! The history log: what happened with each client (contacts, sessions, unanswered tries).
//!
//! The file is append-only TOML with one `[[entry]]` per record. Readers take a shared lock
//! and the single writer, `append`, an exclusive one, so a reader never sees half an entry
//! and concurrent `log` calls never interleave. Each append is one `write_all` followed by
//! `sync_all`, so a reported success is on disk.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use chrono::NaiveDate;
use toml::de::{DeTable, DeValue};

use crate::diag::Problem;
use crate::roster::fields::{Reader, type_name};
use crate::roster::{ClientIds, Roster, read_blocks, read_outside};

const ENTRY_KEYS: &[&str] = &["client", "date", "kind", "note"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// The coach reached the client and they engaged.
    Contact,
    /// The coach reached out and got no answer.
    NoReply,
    /// The client attended a session; also a contact.
    Session,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Contact => "contact",
            EntryKind::NoReply => "no-reply",
            EntryKind::Session => "session",
        }
    }

    fn parse(text: &str) -> Option<EntryKind> {
        match text {
            "contact" => Some(EntryKind::Contact),
            "no-reply" => Some(EntryKind::NoReply),
            "session" => Some(EntryKind::Session),
            _ => None,
        }
    }
}

/// One record of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// Index of the client in `Roster::clients`.
    pub client: usize,
    pub date: NaiveDate,
    pub kind: EntryKind,
    pub note: Option<String>,
}

/// The parsed log, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
        reader.unknown_keys(doc, &["entry"], "the history")
    })?;
    let (parts, found) = read_blocks(text, blocks, |doc, reader, _| {
        let mut entries = Vec::with_capacity(1);
        read_entries(doc, ids, reader, &mut entries);
        Some(entries)
    })?;
    let mut problems = reader.problems;
    problems.extend(found);
    Some(finish(
        History {
            entries: parts.into_iter().flatten().collect(),
        },
        problems,
    ))
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
    reader.unknown_keys(doc, &["entry"], "the history");
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
    reader.unknown_keys(t, ENTRY_KEYS, "[[entry]]");
    let id = reader.required_text(t, "client", at.clone(), "entry");
    let client = id.as_ref().and_then(|id| {
        let found = ids.find(id.get_ref());
        if found.is_none() {
            let hint = match ids.closest(id.get_ref()) {
                Some(s) => format!("did you mean `{s}`? If the client left the roster, keep them with status = \"ended\""),
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
                    "use \"contact\", \"no-reply\" or \"session\"",
                );
            }
            kind
        }
    };
    let note = reader.text(t, "note").map(toml::Spanned::into_inner);
    Some(HistoryEntry {
        client: client?,
        date: *date?.get_ref(),
        kind: kind?,
        note,
    })
}

/// Reads the log under a shared lock. A missing file is an empty history (`None`).
pub fn read_locked(path: &Path) -> std::io::Result<Option<String>> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    file.lock_shared()?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    file.unlock()?;
    String::from_utf8(bytes).map(Some).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
        )
    })
}

/// The TOML text of one entry, ready to append.
pub fn format_entry(
    client_id: &str,
    date: NaiveDate,
    kind: EntryKind,
    note: Option<&str>,
) -> String {
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut out = format!(
        "\n[[entry]]\nclient = {}\ndate = {date}\nkind = \"{}\"\n",
        quote(client_id),
        kind.as_str()
    );
    if let Some(note) = note {
        out.push_str(&format!("note = {}\n", quote(note)));
    }
    out
}

/// Appends `records` to the log in one write, under an exclusive lock, and syncs it to disk.
/// Creates the file (mode 0600) when missing; earlier bytes are never touched.
pub fn append(path: &Path, records: &str) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.read(true).append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.lock()?;
    let len = file.seek(SeekFrom::End(0))?;
    let mut text = String::with_capacity(records.len() + 1);
    if len > 0 {
        // A file last edited by hand may lack its final newline; the entry must start on a line of its own.
        file.seek(SeekFrom::Start(len - 1))?;
        let mut last = [0u8];
        file.read_exact(&mut last)?;
        if last[0] != b'\n' {
            text.push('\n');
        }
        text.push_str(records);
    } else {
        text.push_str(records.trim_start_matches('\n'));
    }
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    file.unlock()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_escape_quotes_newlines_and_backslashes() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let note = "She said \"no\"\nthen C:\\path — ok ✓\t";
        let text = format_entry("alice", date, EntryKind::NoReply, Some(note));
        let parsed: toml::Table = toml::from_str(&text).unwrap();
        let entry = &parsed["entry"].as_array().unwrap()[0];
        assert_eq!(entry["note"].as_str(), Some(note));
        assert_eq!(entry["kind"].as_str(), Some("no-reply"));
    }
}
