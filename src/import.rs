//! `import`: the clients of a spreadsheet, saved as CSV with a header row (LibreOffice,
//! Excel, Google Sheets, a coaching app's export), checked cell by cell before anything is
//! written. Every bad cell is reported at once as `FILE:ROW:COL`, where ROW is the line of
//! the file the row starts on and COL the column's number (A = 1).
//!
//! (v3) Sheets as coaches have them: UTF-8 with or without a BOM, UTF-16 with a BOM,
//! else Windows-1252 (`encoding_rs`); CR-only line ends; `,` `;` or tab, found from the
//! header; header aliases (`First Name` + `Last Name`, `E-mail`, `Mobile`, `Start Date`,
//! `Date of Birth`, …); dates `YYYY-MM-DD`, `DD.MM.YYYY`, and `DD/MM/YYYY` or
//! `MM/DD/YYYY` as the sheet's dates tell (else `--date-format`); tags split on `;` or
//! `,`; an e-mail and a phone both kept; the `'` of coachplan's own CSV guard removed; ids
//! transliterated from any name (`deunicode`).

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::diag::{Diagnostic, Severity};
use crate::error::Error;
use crate::roster::edit::NewClient;
use crate::roster::{Period, Roster, derive_id, keys, parse_date};

/// The columns `import` knows, by the roster key they fill (`keys::CLIENT`'s sheet keys);
/// aliases map to these.
fn columns() -> impl Iterator<Item = &'static str> {
    keys::CLIENT.iter().filter(|k| k.in_sheets).map(|k| k.name)
}

/// What a header names: a roster key, or one of the parts a sheet splits (first and last
/// name, e-mail, phone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Key(&'static str),
    FirstName,
    LastName,
    Email,
    Phone,
}

/// The column a header names: matched ignoring case, spaces, dashes and dots, with the
/// names spreadsheets and booking exports use.
fn column_of(header: &str) -> Option<Column> {
    let mut key = String::new();
    for c in header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .chars()
    {
        if c.is_alphanumeric() {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with('_') {
            key.push('_');
        }
    }
    let key = key.trim_end_matches('_');
    let column = match key {
        "email" | "e_mail" | "email_address" | "e_mail_address" | "mail" => Column::Email,
        "phone" | "mobile" | "cell" | "phone_number" | "mobile_phone" | "cell_phone"
        | "mobile_number" | "telephone" | "tel" => Column::Phone,
        "first_name" | "firstname" | "first" | "given_name" | "forename" => Column::FirstName,
        "last_name" | "lastname" | "last" | "surname" | "family_name" => Column::LastName,
        "full_name" | "client" | "client_name" | "member" | "member_name" => Column::Key("name"),
        "client_id" => Column::Key("id"),
        "start_date" | "member_since" | "joined" | "join_date" | "since" | "started" => {
            Column::Key("start")
        }
        "date_of_birth" | "dob" | "birth_date" | "birthdate" => Column::Key("birthday"),
        "tag" | "groups" | "labels" => Column::Key("tags"),
        "note" | "comments" => Column::Key("notes"),
        "goal_date" | "target_date" => Column::Key("goal_by"),
        "renewal_date" => Column::Key("renewal"),
        k => Column::Key(columns().find(|c| *c == k)?),
    };
    Some(column)
}

/// How the sheet writes its dates (`--date-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFormat {
    Iso,
    DayMonth,
    MonthDay,
    Dotted,
}

impl DateFormat {
    /// The formats `--date-format` takes.
    pub const NAMES: [&'static str; 4] = ["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY", "DD.MM.YYYY"];

    pub fn parse(text: &str) -> Result<DateFormat, String> {
        match text.to_ascii_uppercase().as_str() {
            "YYYY-MM-DD" => Ok(DateFormat::Iso),
            "DD/MM/YYYY" => Ok(DateFormat::DayMonth),
            "MM/DD/YYYY" => Ok(DateFormat::MonthDay),
            "DD.MM.YYYY" => Ok(DateFormat::Dotted),
            _ => Err(format!(
                "the date formats are {}",
                DateFormat::NAMES.join(", ")
            )),
        }
    }
}

/// A sheet's bytes as text: UTF-8 (a BOM skipped), UTF-16 with a BOM, else Windows-1252,
/// which is what spreadsheets save as "Western"/"ANSI"; CR-only line ends made `\n`.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        String::from_utf8(rest.to_vec())
            .map_err(|_| "it starts as UTF-8 but is not UTF-8 further on".to_string())?
    } else if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        let encoding = if bytes[0] == 0xff {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, bad) = encoding.decode_with_bom_removal(bytes);
        if bad {
            return Err("it starts as UTF-16 but is not UTF-16 further on".to_string());
        }
        text.into_owned()
    } else {
        match String::from_utf8(bytes.to_vec()) {
            Ok(text) => text,
            Err(_) if bytes.contains(&0) => {
                return Err("it looks like UTF-16 without a byte order mark".to_string());
            }
            Err(_) => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        }
    };
    // A sheet saved with CR line ends (old Mac Excel) reads line by line like any other.
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

/// The delimiter of the header line: `,` `;` or tab, whichever it has most of outside
/// quotes (`,` when none).
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// The `'` that a spreadsheet guard (coachplan's own CSV among them) puts before `=`,
/// `+`, `-` or `@`, taken off.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// The id a client of this name gets: the roster's rule on the name transliterated to
/// ASCII (`José Núñez` → `jose-nunez`, `Дмитрий` → `dmitrii`); empty when nothing is left.
pub fn id_from_name(name: &str) -> String {
    derive_id(&deunicode::deunicode(name))
}

/// A date cell as written in the sheet: ISO, dotted (day first), or with slashes.
enum DateCell {
    Iso,
    Dotted,
    /// `a/b/yyyy`: day and month in an order the sheet decides.
    Slashed(u32, u32),
    Other,
}

fn date_cell(cell: &str) -> DateCell {
    let parts: Vec<&str> = cell.split(['/', '.', '-']).collect();
    let numbers = parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !numbers {
        return DateCell::Other;
    }
    if parts[0].len() == 4 {
        return DateCell::Iso;
    }
    if parts[2].len() != 4 || parts[0].len() > 2 || parts[1].len() > 2 {
        return DateCell::Other;
    }
    let (a, b) = (parts[0].parse().unwrap_or(0), parts[1].parse().unwrap_or(0));
    if cell.contains('.') {
        DateCell::Dotted
    } else {
        DateCell::Slashed(a, b)
    }
}

/// A date cell in the sheet's format, as `YYYY-MM-DD` text for `parse_date`.
fn iso_text(cell: &str, format: Option<DateFormat>) -> Option<String> {
    let parts: Vec<&str> = cell.split(['/', '.', '-']).collect();
    let ymd = |y: &str, m: &str, d: &str| format!("{y}-{m:0>2}-{d:0>2}");
    match date_cell(cell) {
        DateCell::Iso => Some(ymd(parts[0], parts[1], parts[2])),
        DateCell::Dotted => Some(ymd(parts[2], parts[1], parts[0])),
        DateCell::Slashed(..) => match format {
            Some(DateFormat::MonthDay) => Some(ymd(parts[2], parts[0], parts[1])),
            Some(DateFormat::DayMonth | DateFormat::Dotted) => {
                Some(ymd(parts[2], parts[1], parts[0]))
            }
            _ => None,
        },
        DateCell::Other => Some(cell.to_string()),
    }
}

/// The date keys of a sheet row.
const DATE_KEYS: [&str; 5] = [
    "start",
    "goal_by",
    "renewal",
    "last_contact",
    "last_session",
];

/// One client of the sheet: what goes into the roster, and where in the sheet it came
/// from (to point the roster's checks at the cell).
pub struct SheetClient {
    pub client: NewClient,
    /// The line of the file the row starts on.
    pub line: u64,
    /// The sheet column (1-based) each roster key came from.
    pub columns: Vec<(&'static str, usize)>,
}

/// The clients of the sheet and the warnings (unknown columns), or every error found.
/// `text` is the decoded sheet (`decode`).
pub fn read_sheet(
    text: &str,
    file: &str,
    roster: &Roster,
    date_format: Option<DateFormat>,
) -> Result<(Vec<SheetClient>, Vec<Diagnostic>), Error> {
    let delimiter = delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
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
    let known: Vec<Option<Column>> = headers.iter().map(column_of).collect();
    for (n, (header, column)) in headers.iter().zip(&known).enumerate() {
        if column.is_none() {
            problem(
                Severity::Warning,
                1,
                n + 1,
                format!("unknown column `{header}` is left out"),
                &format!(
                    "the columns are {}, email, phone, first name, last name",
                    columns().collect::<Vec<_>>().join(", ")
                ),
            );
        }
    }
    let has = |c: Column| known.contains(&Some(c));
    if headers.len() == 1 && headers.get(0).is_some_and(|h| h.contains(['|', ':'])) {
        problem(
            Severity::Error,
            1,
            1,
            "the header row has one column: the sheet is not separated by `,`, `;` or tabs".into(),
            "save the sheet as CSV with `,` or `;` between the columns",
        );
    }
    if !has(Column::Key("name")) && !has(Column::FirstName) {
        problem(
            Severity::Error,
            1,
            1,
            "the sheet has no `name` column".into(),
            "the header row needs at least: name (or first name and last name), start",
        );
    }
    if !has(Column::Key("start")) {
        problem(
            Severity::Error,
            1,
            1,
            "the sheet has no `start` column".into(),
            "the header row needs at least: name, start",
        );
    }
    let records: Vec<(u64, csv::StringRecord)> = {
        let mut lines = LineCounter::new(text);
        let mut out = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(file, &e))?;
            let line = lines.line_of(record.position().map_or(0, |p| p.byte() as usize));
            if !record.iter().all(|cell| cell.trim().is_empty()) {
                out.push((line, record));
            }
        }
        out
    };
    // The order of day and month in `a/b/yyyy` dates, decided once for the sheet.
    let date_format = match date_format {
        Some(f) => Some(f),
        None => {
            let known = &known;
            let slashed = records.iter().flat_map(|(line, r)| {
                r.iter().enumerate().filter_map(move |(n, cell)| {
                    let key = match known.get(n).copied().flatten() {
                        Some(Column::Key(k)) if DATE_KEYS.contains(&k) || k == "birthday" => k,
                        _ => return None,
                    };
                    match date_cell(unguard(cell.trim())) {
                        DateCell::Slashed(a, b) => Some((*line, n + 1, key, cell.trim(), a, b)),
                        _ => None,
                    }
                })
            });
            let (mut day_first, mut month_first, mut ambiguous) = (None, None, None);
            for (line, col, key, cell, a, b) in slashed {
                if a > 12 && b <= 12 {
                    day_first.get_or_insert((line, col));
                } else if b > 12 && a <= 12 {
                    month_first.get_or_insert((line, col));
                } else if a != b {
                    ambiguous.get_or_insert((line, col, key, cell.to_string(), a, b));
                }
            }
            match (day_first, month_first) {
                (Some(_), Some((line, col))) => {
                    problem(
                        Severity::Error,
                        line,
                        col,
                        "the sheet's dates disagree: some put the day first, this one the month"
                            .into(),
                        "make the dates one format (YYYY-MM-DD is clearest), or pass --date-format",
                    );
                    None
                }
                (Some(_), None) => Some(DateFormat::DayMonth),
                (None, Some(_)) => Some(DateFormat::MonthDay),
                (None, None) => {
                    if let Some((line, col, key, cell, a, b)) = ambiguous {
                        let month = |m: u32| {
                            NaiveDate::from_ymd_opt(2000, m, 1)
                                .map_or(String::new(), |d| d.format("%B").to_string())
                        };
                        problem(
                            Severity::Error,
                            line,
                            col,
                            format!(
                                "`{key}` `{cell}` could be {a} {} or {b} {}, and no date in the sheet tells which",
                                month(b),
                                month(a)
                            ),
                            "pass --date-format DD/MM/YYYY or --date-format MM/DD/YYYY",
                        );
                    }
                    None
                }
            }
        }
    };
    let mut seen: HashSet<String> = roster
        .clients
        .iter()
        .map(|c| c.id.to_ascii_lowercase())
        .collect();
    let mut clients = Vec::new();
    for (line, record) in &records {
        let line = *line;
        let mut client = NewClient::default();
        let mut columns_of: Vec<(&'static str, usize)> = Vec::new();
        let (mut first, mut last, mut email, mut phone) = (None, None, None, None);
        let mut name_col = 1;
        // A start cell that is there but wrong was reported where it is.
        let mut start_given = false;
        for (n, (cell, column)) in record.iter().zip(&known).enumerate() {
            let cell = unguard(cell.trim());
            let Some(column) = column else { continue };
            if cell.is_empty() {
                continue;
            }
            let col = n + 1;
            let key = match *column {
                Column::FirstName => {
                    first = Some(cell);
                    name_col = col;
                    continue;
                }
                Column::LastName => {
                    last = Some(cell);
                    continue;
                }
                Column::Email => {
                    email = Some((cell, col));
                    continue;
                }
                Column::Phone => {
                    phone = Some((cell, col));
                    continue;
                }
                Column::Key(key) => key,
            };
            columns_of.push((key, col));
            let date = |problem: &mut dyn FnMut(Severity, u64, usize, String, &str)| {
                let Some(iso) = iso_text(cell, date_format) else {
                    // Ambiguous: reported once for the sheet above.
                    return None;
                };
                parse_date(&iso)
                    .map_err(|why| {
                        problem(
                            Severity::Error,
                            line,
                            col,
                            format!("`{key}` {why}"),
                            "write dates as YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY (with --date-format when the day and month could swap)",
                        )
                    })
                    .ok()
            };
            let pieces = |separators: &[char]| -> Vec<String> {
                cell.split(separators)
                    .map(|s| unguard(s.trim()))
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            };
            match key {
                "name" => {
                    client.name = cell.to_string();
                    name_col = col;
                }
                "id" => client.id = Some(cell.to_string()),
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
                    let full = match date_cell(cell) {
                        DateCell::Other if cell.len() == 5 => Some(format!("2000-{cell}")),
                        _ => iso_text(cell, date_format),
                    };
                    match full.as_deref().map(parse_date) {
                        None => {}
                        Some(Ok(_)) => {
                            client.birthday = if cell.len() == 5 {
                                Some(cell.to_string())
                            } else {
                                full.clone()
                            };
                        }
                        Some(Err(_)) => problem(
                            Severity::Error,
                            line,
                            col,
                            format!("`birthday` `{cell}` is not a date"),
                            "write YYYY-MM-DD, or MM-DD when the year is unknown",
                        ),
                    }
                }
                "channel" => client.channel = Some(cell.to_string()),
                "contact" => client.contact = Some(cell.to_string()),
                // (v3) "online, group" is two tags, as "online;group" is.
                "tags" => client.tags = pieces(&[';', ',']),
                "notes" => client.notes = pieces(&[';']),
                _ => {}
            }
        }
        if client.name.is_empty() {
            client.name = [first, last]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            columns_of.push(("name", name_col));
        }
        // (v3) An e-mail and a phone are both kept: the one for the client's channel as
        // `contact` (the phone for text, calls and messengers, else the e-mail), the
        // other as a note.
        let texted = client.channel.as_deref().is_some_and(|c| {
            [
                "text", "sms", "phone", "call", "whatsapp", "signal", "telegram",
            ]
            .contains(&c.to_ascii_lowercase().as_str())
        });
        let (first_choice, second) = if texted {
            (phone, email)
        } else {
            (email, phone)
        };
        for (value, col) in [first_choice, second].into_iter().flatten() {
            let label = if phone == Some((value, col)) {
                "Phone"
            } else {
                "E-mail"
            };
            if client.contact.is_none() {
                client.contact = Some(value.to_string());
                columns_of.push(("contact", col));
            } else if client.contact.as_deref() != Some(value) {
                client.notes.push(format!("{label}: {value}"));
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
        // (v3) Ids from any name: transliterated, and written out when the roster's own
        // rule would make another (or none) from the name.
        let id = match &client.id {
            Some(id) => id.clone(),
            None => {
                let id = id_from_name(&client.name);
                if id.is_empty() {
                    problem(
                        Severity::Error,
                        line,
                        name_col,
                        format!("no id can be made from the name `{}`", client.name),
                        "add an `id` column with an id for this client (letters, digits, -)",
                    );
                    continue;
                }
                if id != derive_id(&client.name) {
                    client.id = Some(id.clone());
                }
                id
            }
        };
        if !seen.insert(id.to_ascii_lowercase()) {
            let id_column = columns_of
                .iter()
                .find(|(k, _)| *k == "id")
                .map_or(1, |(_, c)| *c);
            problem(
                Severity::Error,
                line,
                id_column,
                format!("client id `{id}` is already taken"),
                "ids must differ: add an `id` column with a distinct id for this client",
            );
        }
        clients.push(SheetClient {
            client,
            line,
            columns: columns_of,
        });
    }
    if problems.iter().any(Diagnostic::is_error) {
        problems.sort_by_key(|p| (p.line, p.column));
        return Err(Error::Invalid(problems));
    }
    Ok((clients, problems))
}

/// The 1-based line a record starts on, from its byte offset, counted on from the last
/// record (records come in order, so the whole sheet is counted once: #27 item 17, the
/// count from the start for every row was quadratic). After a CRLF the csv crate's own
/// line count can still be on the line before, so the offset is read past line ends.
struct LineCounter<'t> {
    bytes: &'t [u8],
    at: usize,
    line: u64,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> LineCounter<'t> {
        LineCounter {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    fn line_of(&mut self, byte: usize) -> u64 {
        let mut to = byte.min(self.bytes.len());
        while to < self.bytes.len() && matches!(self.bytes[to], b'\r' | b'\n') {
            to += 1;
        }
        if to >= self.at {
            self.line += self.bytes[self.at..to]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            self.at = to;
        }
        self.line
    }
}

/// The roster `text` with the sheet's clients appended, one `[[client]]` table each.
pub fn with_clients(text: &str, clients: &[SheetClient]) -> String {
    let blocks: Vec<String> = clients
        .iter()
        .map(|c| crate::roster::edit::client_block(&c.client))
        .collect();
    crate::roster::edit::append(text, &blocks)
}

/// `with_clients`, checked as the roster command will check it (for `--dry-run`).
pub fn appended(
    text: &str,
    clients: &[SheetClient],
    sheet: &str,
    roster_file: &str,
) -> Result<String, Error> {
    let new_text = with_clients(text, clients);
    let (roster, problems) = crate::roster::parse_roster(&new_text);
    match roster {
        Some(_) => Ok(new_text),
        None => Err(explain(&new_text, &problems, clients, sheet, roster_file)),
    }
}

/// The refusal of a roster that `with_clients` made invalid: (v3) a problem in a new
/// client's table is reported at the sheet's row and the column the key came from, so
/// `--dry-run` and the import refuse alike, and the coach is sent to the cell to fix
/// rather than into a roster that does not exist yet.
pub fn explain(
    new_text: &str,
    problems: &[crate::diag::Problem],
    clients: &[SheetClient],
    sheet: &str,
    roster_file: &str,
) -> Error {
    // The new tables are the last ones of the text; a value is quoted, so no line of
    // one starts a table.
    let mut starts = Vec::with_capacity(clients.len());
    let mut end = new_text.len();
    for _ in clients {
        let Some(at) = new_text[..end].rfind("[[client]]\n") else {
            break;
        };
        starts.push(at);
        end = at;
    }
    starts.reverse();
    let first = clients.len() - starts.len();
    let mut in_sheet = Vec::new();
    let mut in_roster = Vec::new();
    for p in problems.iter().filter(|p| p.severity == Severity::Error) {
        let Some(n) = starts.iter().rposition(|&s| s <= p.span.start) else {
            in_roster.push(p.clone());
            continue;
        };
        let key = crate::roster::edit::key_at(new_text, p.span.start);
        let client = &clients[first + n];
        let column = client
            .columns
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(1, |(_, c)| *c);
        in_sheet.push(Diagnostic {
            severity: Severity::Error,
            file: sheet.to_string(),
            line: client.line as usize,
            column,
            message: p.message.clone(),
            hint: p.hint.clone(),
        });
    }
    let after = format!("{roster_file} (as the import would leave it)");
    in_sheet.extend(Diagnostic::locate_all(&after, new_text, in_roster));
    Error::Invalid(in_sheet)
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
