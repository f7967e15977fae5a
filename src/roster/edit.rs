//! Changes to the roster file that keep every other byte as it was: comments, blank
//! lines, key order and quoting. New clients are appended as text; a change to one client
//! goes through `toml_edit`, which rewrites only the keys it touches. Nothing here reads
//! or writes a file: the caller validates the result with the loader and writes it.

use chrono::NaiveDate;
use toml_edit::{DocumentMut, Item, Value};

/// A TOML string, quoted and escaped as the `toml` crate writes it: the one way a value
/// is quoted in every file coachplan writes (roster, history, starter).
pub fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A client to append, as the coach typed it (validated by the loader afterwards).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewClient {
    pub name: String,
    pub id: Option<String>,
    pub start: Option<NaiveDate>,
    pub goal: Option<String>,
    pub why: Option<String>,
    pub goal_by: Option<NaiveDate>,
    pub cadence: Option<String>,
    pub journey: Option<String>,
    pub tags: Vec<String>,
    pub notes: Vec<String>,
    /// `YYYY-MM-DD` or `MM-DD`, written as text.
    pub birthday: Option<String>,
    pub channel: Option<String>,
    pub contact: Option<String>,
    pub renewal: Option<NaiveDate>,
    pub sessions: Vec<String>,
    pub package: Option<u32>,
    pub package_start: Option<NaiveDate>,
    pub last_contact: Option<NaiveDate>,
    pub last_session: Option<NaiveDate>,
}

/// The key of the `key = value` line that `offset` falls on ("" when the line has none):
/// where a problem in a new client's table came from, to name its sheet column or option.
pub fn key_at(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..]
        .split_once('=')
        .map_or("", |(k, _)| k.trim())
}

/// The `[[client]]` table of a new client, keys in the order of the roster format.
pub fn client_block(c: &NewClient) -> String {
    let mut out = String::from("[[client]]\n");
    let mut text = |key: &str, value: &Option<String>| {
        if let Some(v) = value {
            out.push_str(&format!("{key} = {}\n", quote(v)));
        }
    };
    text("name", &Some(c.name.clone()));
    text("id", &c.id);
    let list = |items: &[String]| {
        (!items.is_empty()).then(|| {
            let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
            format!("[{}]", quoted.join(", "))
        })
    };
    let start = c.start.map(|d| d.to_string());
    let mut lines = vec![("start", start)];
    lines.push(("goal", c.goal.as_ref().map(|s| quote(s))));
    lines.push(("why", c.why.as_ref().map(|s| quote(s))));
    lines.push(("goal_by", c.goal_by.map(|d| d.to_string())));
    lines.push(("cadence", c.cadence.as_ref().map(|s| quote(s))));
    lines.push(("journey", c.journey.as_ref().map(|s| quote(s))));
    lines.push(("last_contact", c.last_contact.map(|d| d.to_string())));
    lines.push(("last_session", c.last_session.map(|d| d.to_string())));
    lines.push(("renewal", c.renewal.map(|d| d.to_string())));
    lines.push(("sessions", list(&c.sessions)));
    lines.push(("package", c.package.map(|n| n.to_string())));
    lines.push(("package_start", c.package_start.map(|d| d.to_string())));
    lines.push(("birthday", c.birthday.as_ref().map(|s| quote(s))));
    lines.push(("channel", c.channel.as_ref().map(|s| quote(s))));
    lines.push(("contact", c.contact.as_ref().map(|s| quote(s))));
    lines.push(("tags", list(&c.tags)));
    lines.push(("notes", list(&c.notes)));
    for (key, value) in lines {
        if let Some(v) = value {
            out.push_str(&format!("{key} = {v}\n"));
        }
    }
    out
}

/// `text` with `blocks` appended after one blank line; the existing bytes are untouched
/// (a missing final newline is added first).
pub fn append(text: &str, blocks: &[String]) -> String {
    let mut out =
        String::with_capacity(text.len() + blocks.iter().map(String::len).sum::<usize>() + 8);
    out.push_str(text);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    for block in blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(block);
    }
    out
}

/// A change to one client's status or dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Paused from a day (written as `paused_from`), until a day or open-ended.
    Pause {
        from: NaiveDate,
        until: Option<NaiveDate>,
    },
    /// Active again: the break ended on this day (written as `paused_until`).
    Resume(NaiveDate),
    /// Ended on this day.
    End(NaiveDate),
    Renew(NaiveDate),
    /// A new pack of this many sessions, bought on this day.
    RenewPack(u32, NaiveDate),
}

/// Removes `key` from `table`, but not the comment lines written above it: they move to
/// the key that follows (toml_edit keeps a key's comments in its own decoration).
fn remove(table: &mut toml_edit::Table, key: &str) {
    let comments = table
        .key(key)
        .and_then(|k| k.leaf_decor().prefix())
        .and_then(|p| p.as_str())
        .filter(|p| p.contains('#'))
        .map(str::to_string);
    let next = {
        let mut names = table.iter().map(|(k, _)| k.to_string());
        names.by_ref().find(|k| k == key);
        names.next()
    };
    table.remove(key);
    if let (Some(comments), Some(next)) = (comments, next)
        && let Some(mut next) = table.key_mut(&next)
    {
        let own = next
            .leaf_decor()
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or("")
            .to_string();
        next.leaf_decor_mut()
            .set_prefix(format!("{comments}{}", own.trim_start_matches(' ')));
    }
}

/// Sets `key` in `table`, keeping the decoration (spacing, a comment after the value) of
/// a value that was there.
fn set(table: &mut toml_edit::Table, key: &str, value: Value) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = value;
            *old.decor_mut() = decor;
        }
        None => {
            table.insert(key, Item::Value(value));
        }
    }
}

fn date(d: NaiveDate) -> Value {
    use chrono::Datelike;
    // The roster's dates are years 1 to 9999 (`parse_date`); month and day always fit.
    let date = toml_edit::Date {
        year: u16::try_from(d.year()).unwrap_or(1),
        month: d.month() as u8,
        day: d.day() as u8,
    };
    Value::from(toml_edit::Datetime {
        date: Some(date),
        time: None,
        offset: None,
    })
}

/// Applies `change` to the `index`-th `[[client]]` of `text` (in file order, as the
/// loader numbers them), one of `clients` in the roster. `Err` says why it cannot be done.
///
/// (#27) Only the client's own block is parsed for the edit and spliced back: `toml_edit`
/// keeps every byte of a whole document as its own node, about 50 times the file's size
/// in memory, which aborted `pause` on a large roster under a memory limit. When the
/// block scanner is unsure, or its blocks are not exactly the roster's clients, the block
/// is found from the spans of a whole-document parse instead (`client_span`), and still
/// only it is re-rendered: toml_edit re-renders a document's other dotted keys with the
/// first one's spacing (`coach . daily_limit` then `coach.since` became `coach .since`).
/// Only when neither finds the block is the whole document edited (a test compares the
/// paths).
pub fn edit_client(
    text: &str,
    index: usize,
    clients: usize,
    change: Change,
) -> Result<String, String> {
    let scanned = || {
        super::split_blocks(text, "client")
            .filter(|blocks| blocks.len() == clients)
            .and_then(|blocks| blocks.get(index).cloned())
    };
    if let Some(block) = scanned().or_else(|| client_span(text, index))
        && let Some(out) = splice(text, block, change)
    {
        return Ok(out);
    }
    edit_document(text, index, change)
}

/// `text` with the client block at `block` edited on its own.
fn splice(text: &str, block: std::ops::Range<usize>, change: Change) -> Option<String> {
    let edited = edit_document(&text[block.clone()], 0, change).ok()?;
    let mut out = String::with_capacity(text.len() + edited.len() - block.len());
    out.push_str(&text[..block.start]);
    out.push_str(&edited);
    out.push_str(&text[block.end..]);
    Some(out)
}

/// The bytes of the `index`-th `[[client]]` table as a whole-document parse places them:
/// from its header to the end of the line of its last value (the comments and blank
/// lines after it belong to what follows).
fn client_span(text: &str, index: usize) -> Option<std::ops::Range<usize>> {
    let doc = toml_edit::Document::parse(text).ok()?;
    let table = doc.get("client")?.as_array_of_tables()?.get(index)?;
    let header = table.span()?;
    let last = table
        .iter()
        .filter_map(|(_, item)| item.span())
        .map(|span| span.end)
        .max()
        .unwrap_or(header.end)
        .max(header.end);
    let end = text[last..].find('\n').map_or(text.len(), |n| last + n + 1);
    Some(header.start..end)
}

/// `edit_client` on `text` parsed as one document.
fn edit_document(text: &str, index: usize, change: Change) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    let clients = doc
        .get_mut("client")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or("the roster has no [[client]] tables")?;
    let table = clients
        .get_mut(index)
        .ok_or("the client is not in the roster file")?;
    match change {
        Change::Pause { from, until } => {
            set(table, "status", Value::from("paused"));
            match until {
                Some(d) => set(table, "paused_until", date(d)),
                None => remove(table, "paused_until"),
            }
            set(table, "paused_from", date(from));
            remove(table, "ended");
        }
        Change::Resume(on) => {
            set(table, "status", Value::from("active"));
            set(table, "paused_until", date(on));
            remove(table, "ended");
        }
        Change::End(d) => {
            set(table, "status", Value::from("ended"));
            set(table, "ended", date(d));
            remove(table, "paused_until");
        }
        Change::Renew(d) => set(table, "renewal", date(d)),
        Change::RenewPack(n, on) => {
            set(table, "package", Value::from(i64::from(n)));
            set(table, "package_start", date(on));
        }
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clients_in(text: &str) -> usize {
        text.matches("[[client]]").count()
    }

    #[test]
    fn editing_the_clients_block_gives_the_whole_documents_edit() {
        // (#27 item 18) The block splice must be the same edit, byte for byte, on every
        // client of the shipped and test rosters.
        let d = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default();
        for text in [
            ROSTER,
            include_str!("../../examples/clients.toml"),
            include_str!("../../tests/drafts/roster.toml"),
        ] {
            let n = clients_in(text);
            assert!(super::super::split_blocks(text, "client").is_some_and(|b| b.len() == n));
            for index in 0..n {
                for change in [
                    Change::Pause {
                        from: d,
                        until: Some(d),
                    },
                    Change::Pause {
                        from: d,
                        until: None,
                    },
                    Change::Resume(d),
                    Change::End(d),
                    Change::Renew(d),
                    Change::RenewPack(10, d),
                ] {
                    let whole = edit_document(text, index, change);
                    assert_eq!(
                        edit_client(text, index, n, change),
                        whole,
                        "client {index}, {change:?}"
                    );
                    // The block as a whole-document parse places it: the same edit.
                    let span = client_span(text, index).expect("the client's span");
                    assert_eq!(splice(text, span, change).ok_or(String::new()), whole);
                }
            }
        }
    }

    #[test]
    fn a_roster_the_scanner_cannot_split_keeps_its_dotted_keys() {
        // A quoted header is beyond the scanner; the spans of a whole parse find the block.
        let text = "coach . daily_limit = 3\ncoach.since = 2026-01-01\n\n[tags.\"online\"]\ncadence = \"2w\"\n\n[[client]]\nname = \"Ann\"\nstart = 2026-01-05 # c\n# after\n\n[[client]]\nname = \"Bo\"\nstart = 2026-02-01\n";
        assert!(super::super::split_blocks(text, "client").is_none());
        let d = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default();
        assert_eq!(
            edit_client(text, 0, 2, Change::Renew(d)),
            Ok(text.replace("# c\n", "# c\nrenewal = 2026-12-07\n"))
        );
        assert_eq!(
            edit_client(text, 1, 2, Change::End(d)),
            Ok(format!("{text}status = \"ended\"\nended = 2026-12-07\n"))
        );
    }

    const ROSTER: &str = "# my studio\n[coach]\nname = \"Sam\"   # me\n\n[[client]]\nname = \"Ann\"\nstart = 2026-01-05\nstatus = \"active\"  # since January\n# her notes below\nnotes = [\"Dog: Rex\"]\n\n[[client]]\nname = \"Bo\"\nstart = 2026-02-01\n";

    #[test]
    fn a_change_touches_only_its_clients_lines() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default();
        let from = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap_or_default();
        let paused = edit_client(
            ROSTER,
            0,
            clients_in(ROSTER),
            Change::Pause {
                from,
                until: Some(d),
            },
        )
        .expect("edited");
        assert_eq!(
            paused,
            ROSTER.replace(
                "status = \"active\"  # since January\n# her notes below\nnotes = [\"Dog: Rex\"]\n",
                "status = \"paused\"  # since January\n# her notes below\nnotes = [\"Dog: Rex\"]\npaused_until = 2026-12-07\npaused_from = 2026-11-02\n"
            )
        );
        // (v3) `resume` records the day the break ended; the break's start stays on record.
        let back = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default();
        let resumed =
            edit_client(&paused, 0, clients_in(&paused), Change::Resume(back)).expect("edited");
        assert_eq!(
            resumed,
            ROSTER.replace(
                "notes = [\"Dog: Rex\"]\n",
                "notes = [\"Dog: Rex\"]\npaused_until = 2026-11-20\npaused_from = 2026-11-02\n"
            )
        );
        let renewed = edit_client(ROSTER, 1, clients_in(ROSTER), Change::Renew(d)).expect("edited");
        assert_eq!(renewed, format!("{ROSTER}renewal = 2026-12-07\n"));
    }

    #[test]
    fn removing_a_key_keeps_the_comment_written_above_it() {
        let text = "[[client]]\nname = \"Ann\"\nstatus = \"paused\"\n# back after the surgery\npaused_until = 2026-12-07\nnotes = [\"Dog: Rex\"]\n";
        let d = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default();
        let ended = edit_client(text, 0, clients_in(text), Change::End(d)).expect("edited");
        assert_eq!(
            ended,
            "[[client]]\nname = \"Ann\"\nstatus = \"ended\"\n# back after the surgery\nnotes = [\"Dog: Rex\"]\nended = 2026-11-20\n"
        );
        let open_ended = edit_client(
            text,
            0,
            clients_in(text),
            Change::Pause {
                from: d,
                until: None,
            },
        )
        .expect("edited");
        assert!(
            open_ended.contains("# back after the surgery\nnotes"),
            "{open_ended}"
        );
        assert!(!open_ended.contains("paused_until"), "{open_ended}");
    }

    #[test]
    fn new_clients_are_appended_after_a_blank_line() {
        let block = client_block(&NewClient {
            name: "Cy \"C\" Diaz".into(),
            start: NaiveDate::from_ymd_opt(2026, 11, 23),
            tags: vec!["online".into(), "=x".into()],
            ..NewClient::default()
        });
        assert_eq!(
            block,
            "[[client]]\nname = 'Cy \"C\" Diaz'\nstart = 2026-11-23\ntags = [\"online\", \"=x\"]\n"
        );
        let text = append("a = 1", std::slice::from_ref(&block));
        assert_eq!(text, format!("a = 1\n\n{block}"));
    }

    #[test]
    fn a_new_clients_keys_come_in_the_order_of_the_roster_format() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23);
        let text = |s: &str| Some(s.to_string());
        let block = client_block(&NewClient {
            name: "Cy".into(),
            id: text("cy"),
            start: date,
            goal: text("Run"),
            why: text("Kids"),
            goal_by: date,
            cadence: text("1w"),
            journey: text("none"),
            tags: vec!["online".into()],
            notes: vec!["Dog: Rex".into()],
            birthday: text("07-02"),
            channel: text("text"),
            contact: text("+1 555"),
            renewal: date,
            sessions: vec!["mon".into(), "thu".into()],
            package: Some(10),
            package_start: date,
            last_contact: date,
            last_session: date,
        });
        let written: Vec<&str> = block
            .lines()
            .skip(1)
            .filter_map(|l| l.split(" = ").next())
            .collect();
        let format: Vec<&str> = crate::roster::keys::CLIENT
            .iter()
            .map(|k| k.name)
            .filter(|k| written.contains(k))
            .collect();
        assert_eq!(written.len(), 19, "{block}");
        assert_eq!(written, format);
    }
}
