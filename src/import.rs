//! `import`: the clients of a spreadsheet, saved as CSV with a header row (LibreOffice,
//! Google Sheets, a coaching app's export), checked cell by cell before anything is
//! written. Every bad cell is reported at once as `FILE:ROW:COL`, where ROW is the line of
//! the file the row starts on and COL the column's number (A = 1).

use std::collections::HashSet;

use crate::diag::{Diagnostic, Severity};
use crate::error::Error;
use crate::roster::edit::NewClient;
use crate::roster::{Period, Roster, derive_id, keys, parse_date};

/// The columns `import` knows, by the roster key they fill (`keys::CLIENT`'s sheet keys);
/// aliases map to these.
fn columns() -> impl Iterator<Item = &'static str> {
    keys::CLIENT.iter().filter(|k| k.in_sheets).map(|k| k.name)
}

/// The roster key a header names: matched ignoring case, spaces and dashes; `email` and
/// `phone` fill `contact`.
fn column_key(header: &str) -> Option<&'static str> {
    let key: String = header
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    match key.as_str() {
        "email" | "e_mail" | "phone" => Some("contact"),
        k => columns().find(|c| *c == k),
    }
}

/// The clients of the sheet and the warnings (unknown columns), or every error found.
pub fn read_sheet(
    text: &str,
    file: &str,
    roster: &Roster,
) -> Result<(Vec<NewClient>, Vec<Diagnostic>), Error> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut problem = |severity, line: u64, column: usize, message: String, hint: &str| {
        problems.push(Diagnostic {
            severity,
            file: file.to_string(),
            line: line as usize,
            column,
            message,
            hint: Some(hint.to_string()),
        });
    };
    let headers = reader.headers().map_err(|e| csv_error(file, &e))?.clone();
    let keys: Vec<Option<&str>> = headers.iter().map(column_key).collect();
    for (n, (header, key)) in headers.iter().zip(&keys).enumerate() {
        if key.is_none() {
            problem(
                Severity::Warning,
                1,
                n + 1,
                format!("unknown column `{header}` is left out"),
                &format!(
                    "the columns are {}, email, phone",
                    columns().collect::<Vec<_>>().join(", ")
                ),
            );
        }
    }
    for required in ["name", "start"] {
        if !keys.contains(&Some(required)) {
            problem(
                Severity::Error,
                1,
                1,
                format!("the sheet has no `{required}` column"),
                "the header row needs at least: name, start",
            );
        }
    }
    let mut seen: HashSet<String> = roster
        .clients
        .iter()
        .map(|c| c.id.to_ascii_lowercase())
        .collect();
    let mut clients = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(file, &e))?;
        let line = line_of(text, record.position().map_or(0, |p| p.byte() as usize));
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let mut client = NewClient::default();
        let mut id_column = 1;
        // A start cell that is there but wrong was reported where it is.
        let mut start_given = false;
        for (n, (cell, key)) in record.iter().zip(&keys).enumerate() {
            let cell = cell.trim();
            let Some(key) = key else { continue };
            if cell.is_empty() {
                continue;
            }
            let col = n + 1;
            let date = |problem: &mut dyn FnMut(Severity, u64, usize, String, &str)| {
                parse_date(cell)
                    .map_err(|why| {
                        problem(
                            Severity::Error,
                            line,
                            col,
                            format!("`{key}` {why}"),
                            "write dates as YYYY-MM-DD (format the column as text, or as ISO dates)",
                        )
                    })
                    .ok()
            };
            let list = || -> Vec<String> {
                cell.split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            };
            match *key {
                "name" => client.name = cell.to_string(),
                "id" => {
                    client.id = Some(cell.to_string());
                    id_column = col;
                }
                "start" => {
                    start_given = true;
                    client.start = date(&mut problem);
                }
                "goal" => client.goal = Some(cell.to_string()),
                "why" => client.why = Some(cell.to_string()),
                "goal_by" => client.goal_by = date(&mut problem),
                "renewal" => client.renewal = date(&mut problem),
                "last_contact" => client.last_contact = date(&mut problem),
                "last_session" => client.last_session = date(&mut problem),
                "cadence" => {
                    if !cell.eq_ignore_ascii_case("none")
                        && let Err((why, hint)) = Period::parse(cell)
                    {
                        problem(
                            Severity::Error,
                            line,
                            col,
                            format!("`cadence`: {why}"),
                            &hint,
                        );
                    }
                    client.cadence = Some(cell.to_string());
                }
                "journey" => client.journey = Some(cell.to_string()),
                "birthday" => {
                    let full = if cell.len() == 5 {
                        format!("2000-{cell}")
                    } else {
                        cell.to_string()
                    };
                    if parse_date(&full).is_err() {
                        problem(
                            Severity::Error,
                            line,
                            col,
                            format!("`birthday` `{cell}` is not a date"),
                            "write YYYY-MM-DD, or MM-DD when the year is unknown",
                        );
                    }
                    client.birthday = Some(cell.to_string());
                }
                "channel" => client.channel = Some(cell.to_string()),
                "contact" => client.contact = Some(cell.to_string()),
                "tags" => client.tags = list(),
                "notes" => client.notes = list(),
                _ => {}
            }
        }
        if client.name.is_empty() {
            problem(
                Severity::Error,
                line,
                1,
                "the row has no name".into(),
                "every client needs a name",
            );
            continue;
        }
        if !start_given {
            problem(
                Severity::Error,
                line,
                1,
                format!("`{}` has no start date", client.name),
                "add the first day you worked together, as YYYY-MM-DD",
            );
        }
        let id = client.id.clone().unwrap_or_else(|| derive_id(&client.name));
        if !seen.insert(id.to_ascii_lowercase()) {
            problem(
                Severity::Error,
                line,
                id_column,
                format!("client id `{id}` is already taken"),
                "ids must differ: add an `id` column with a distinct id for this client",
            );
        }
        clients.push(client);
    }
    if problems.iter().any(Diagnostic::is_error) {
        problems.sort_by_key(|p| (p.line, p.column));
        return Err(Error::Invalid(problems));
    }
    Ok((clients, problems))
}

/// The 1-based line a record starts on, from its byte offset: after a CRLF the csv
/// crate's own line count can still be on the line before.
fn line_of(text: &str, byte: usize) -> u64 {
    let bytes = text.as_bytes();
    let mut at = byte.min(bytes.len());
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64
}

fn csv_error(file: &str, e: &csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line() as usize);
    Error::Invalid(vec![Diagnostic {
        severity: Severity::Error,
        file: file.to_string(),
        line,
        column: 1,
        message: format!("this is not a CSV sheet this far: {e}"),
        hint: Some("save the sheet as CSV (UTF-8), with a header row".to_string()),
    }])
}
