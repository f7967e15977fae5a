//! Reading a roster: TOML text in, a `Roster` or every problem found out.
//!
//! The parser recovers from syntax errors, so the walk goes on over what it could read and
//! reports semantic problems too; a coach fixes the whole file in one pass.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::fields::{Reader, type_name};
use super::keys;
use super::{
    Client, Coach, Journey, MESSAGE_KINDS, Period, Roster, Status, Step, StepDay, standard_journey,
};
use crate::diag::Problem;

mod client;
use client::sessions;
#[cfg(test)]
use client::valid_id;
pub use client::{derive_id, read_client};

/// The placeholders a draft template may use (SPEC §4).
pub const PLACEHOLDERS: &[&str] = &[
    "first_name",
    "name",
    "goal",
    "why",
    "coach",
    "title",
    "months",
    "date",
    "renewal",
    "goal_by",
];

/// What a client leaves out is taken from their first tag that sets it, else from
/// `[defaults]` (or `[coach]` for `drift_after`), else the built-in.
#[derive(Debug, Clone)]
pub struct ClientDefaults {
    pub cadence: Option<Period>,
    pub journey: Option<String>,
    pub drift_after: Period,
    pub tags: HashMap<String, TagDefaults>,
}

/// The settings a `[tags.X]` table gives its clients; `None` = not set by this tag.
#[derive(Debug, Clone, Default)]
pub struct TagDefaults {
    pub cadence: Option<Option<Period>>,
    pub journey: Option<Option<String>>,
    pub drift_after: Option<Period>,
    pub sessions: Option<crate::roster::Weekdays>,
}

impl Default for ClientDefaults {
    fn default() -> Self {
        ClientDefaults {
            cadence: Some(Period::Days(14)),
            journey: Some("standard".to_string()),
            drift_after: Coach::default().drift_after,
            tags: HashMap::new(),
        }
    }
}

impl ClientDefaults {
    /// The first of `tags` (in their order) whose table sets a value with `get`.
    fn first_tag_setting<T>(
        &self,
        tags: &[String],
        get: impl Fn(&TagDefaults) -> Option<T>,
    ) -> Option<T> {
        tags.iter().filter_map(|t| self.tags.get(t)).find_map(get)
    }
}

/// A client read from the file, with the spans needed for checks across clients. Kept
/// even when the client has errors, so that the checks across clients still run.
pub struct ClientDraft {
    pub client: Client,
    pub id_span: Range<usize>,
    pub journey_span: Option<Range<usize>>,
}

/// The parts of a roster outside the `[[client]]` list.
pub struct Settings {
    pub coach: Coach,
    pub defaults: ClientDefaults,
    pub journeys: BTreeMap<String, Journey>,
    pub messages: BTreeMap<String, String>,
}

/// Parses and validates a whole roster. Problems carry byte spans into `text`.
/// The roster is `Some` only when no problem is an error.
///
/// A well-formed roster is parsed one `[[client]]` block at a time, on every core (see
/// `split`). At the first syntax error, or anything the block scanner is unsure of, the
/// whole file is parsed as one document instead, so the parser's messages and its
/// recovery are exactly those of a whole-file parse.
pub fn parse_roster(text: &str) -> (Option<Roster>, Vec<Problem>) {
    if let Some(blocks) = super::split_blocks(text, "client")
        && !blocks.is_empty()
        && let Some(result) = parse_in_blocks(text, &blocks)
    {
        return result;
    }
    parse_roster_whole(text)
}

/// Whether `parse_roster` takes the block-by-block fast path for `text` (the benchmark's
/// figures depend on it; a test fails if a well-formed roster ever falls back).
pub fn parses_in_blocks(text: &str) -> bool {
    super::split_blocks(text, "client")
        .filter(|b| !b.is_empty())
        .is_some_and(|blocks| parse_in_blocks(text, &blocks).is_some())
}

/// The block-by-block parse; `None` means "parse the whole file instead".
fn parse_in_blocks(text: &str, blocks: &[Range<usize>]) -> Option<(Option<Roster>, Vec<Problem>)> {
    let mut reader = Reader::default();
    let settings = super::split::read_outside(text, blocks, "client", |doc| {
        read_settings(doc, &mut reader)
    })?;
    let mut drafts = Vec::with_capacity(blocks.len());
    let read = |doc: &DeTable, reader: &mut Reader, offset: usize| {
        // A block is exactly one `[[client]]` table (with any sub-tables of it).
        if doc.len() != 1 {
            return None;
        }
        let Some(DeValue::Array(items)) = doc.get("client").map(|v| v.get_ref()) else {
            return None;
        };

        let [item] = &items[..] else {
            return None;
        };
        let DeValue::Table(t) = item.get_ref() else {
            return None;
        };
        let mut draft = read_client(t, item.span(), &settings.defaults, reader);
        draft.id_span = shifted(&draft.id_span, offset);
        draft.journey_span = draft.journey_span.map(|s| shifted(&s, offset));
        Some(draft)
    };
    let found = super::split::read_blocks(text, blocks, read, |d| drafts.push(d))?;
    let mut problems = reader.problems;
    problems.extend(found);
    Some(finish(text, settings, drafts, problems))
}

fn shifted(span: &Range<usize>, by: usize) -> Range<usize> {
    span.start + by..span.end + by
}

/// Parses the roster as one document: the reference behaviour, and the path for any file
/// with a syntax error.
pub fn parse_roster_whole(text: &str) -> (Option<Roster>, Vec<Problem>) {
    if text.trim().is_empty()
        || text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        let empty = Problem::error(0..0, "the roster is empty").hint(
            "add a [[client]] with a name and a start date, or run `coachplan init --force` \
             to write a starter roster",
        );
        return (None, vec![empty]);
    }
    let (doc, syntax) = DeTable::parse_recoverable(text);
    let mut reader = Reader::with_syntax_errors(&syntax);
    let doc = doc.get_ref();

    let settings = read_settings(doc, &mut reader);
    let mut drafts = Vec::new();
    if let Some(clients) = doc.get("client") {
        match clients.get_ref() {
            DeValue::Array(items) => {
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::Table(t) => {
                            drafts.push(read_client(
                                t,
                                item.span(),
                                &settings.defaults,
                                &mut reader,
                            ));
                        }
                        other => reader.error(
                            item.span(),
                            format!("a client must be a table, not {}", type_name(other)),
                            "start each client with a [[client]] line",
                        ),
                    }
                }
            }
            other => reader.error(
                clients.span(),
                format!(
                    "`client` must be a list of [[client]] tables, not {}",
                    type_name(other)
                ),
                "write each client under its own [[client]] header (two brackets)",
            ),
        }
    }
    finish(text, settings, drafts, reader.problems)
}

/// Turns a parser error into a problem with a hint.
pub fn syntax_problem(e: &toml::de::Error) -> Problem {
    let message = e
        .message()
        .lines()
        .next()
        .unwrap_or("invalid TOML")
        .trim()
        .to_string();
    let span = e.span().unwrap_or(0..0);
    let hint = if message.contains("date") || message.contains("day") || message.contains("month") {
        "write dates as YYYY-MM-DD and check the day exists in that month"
    } else if message.contains("string") {
        "text in quotes cannot hold a bare `\"` or control characters: write \\\" for a quote, \
         \\n for a new line, \\u001b for ESC, or use '''…''' for long text"
    } else if message.contains("duplicate") {
        "each key may appear once in a table: remove or rename one of them"
    } else {
        "check the TOML syntax here: text in \"quotes\", one `key = value` per line, \
         tables as [name] or [[client]]"
    };
    Problem::error(span, message).hint(hint)
}

/// Reads `[coach]`, `[defaults]`, `[journeys.*]` and reports unknown top-level keys.
pub fn read_settings(doc: &DeTable, reader: &mut Reader) -> Settings {
    reader.unknown_keys(doc, keys::TOP, "the roster");
    let mut coach = Coach::default();
    if let Some(t) = table(doc, "coach", reader) {
        reader.unknown_keys(t, keys::COACH, "[coach]");
        coach.name = reader.text(t, "name").map(Spanned::into_inner);
        if let Some(n) = reader.integer(t, "daily_limit", 0, 1_000_000) {
            coach.daily_limit = *n.get_ref() as usize;
        }
        if let Some(p) = reader.period(t, "drift_after", false) {
            coach.drift_after = p.into_inner();
        }
        if let Some(p) = reader.period(t, "renewal_notice", true) {
            coach.renewal_notice = p.into_inner();
        }
        if let Some(n) = reader.integer(t, "give_up_after", 1, 100) {
            coach.give_up_after = *n.get_ref() as u32;
        }
        if let Some(n) = reader.integer(t, "pack_notice", 0, 1_000) {
            coach.pack_notice = *n.get_ref() as u32;
        }
        match t.get("reconnect_after").map(|v| v.get_ref()) {
            Some(DeValue::String(s)) if s.trim().eq_ignore_ascii_case("none") => {
                coach.reconnect_after = None;
            }
            Some(_) => {
                if let Some(p) = reader.period(t, "reconnect_after", false) {
                    coach.reconnect_after = Some(p.into_inner());
                }
            }
            None => {}
        }
        coach.since = reader.date(t, "since").map(Spanned::into_inner);
        coach.history = match reader.text(t, "history") {
            Some(h) if h.get_ref().trim().is_empty() => {
                reader.error(
                    h.span(),
                    "`history` is empty",
                    "name the history file, e.g. history = \"history.toml\", or remove the key",
                );
                None
            }
            h => h.map(Spanned::into_inner),
        };
    }

    let mut defaults = ClientDefaults {
        drift_after: coach.drift_after,
        ..ClientDefaults::default()
    };
    // Journey names given outside the clients, checked once the journeys are read.
    let mut named_journeys: Vec<Spanned<String>> = Vec::new();
    if let Some(t) = table(doc, "defaults", reader) {
        reader.unknown_keys(t, keys::DEFAULTS, "[defaults]");
        if let Some(c) = cadence(t, reader) {
            defaults.cadence = c;
        }
        if let Some(j) = reader.text(t, "journey") {
            defaults.journey = journey_name(j.get_ref());
            named_journeys.push(j);
        }
    }

    if let Some(t) = table(doc, "tags", reader) {
        for (name, value) in t.iter() {
            let name = name.get_ref().to_string();
            let DeValue::Table(tt) = value.get_ref() else {
                reader.error(
                    value.span(),
                    format!("tag `{name}` must be a table"),
                    format!("write it as [tags.{name}] with cadence, journey or drift_after"),
                );
                continue;
            };
            reader.unknown_keys(tt, keys::TAGS, &format!("[tags.{name}]"));
            let journey = reader.text(tt, "journey");
            let tag = TagDefaults {
                cadence: cadence(tt, reader),
                journey: journey.as_ref().map(|j| journey_name(j.get_ref())),
                drift_after: reader
                    .period(tt, "drift_after", false)
                    .map(Spanned::into_inner),
                sessions: sessions(tt, reader),
            };
            defaults.tags.insert(name, tag);
            named_journeys.extend(journey);
        }
    }

    let mut messages = BTreeMap::new();
    if let Some(t) = table(doc, "messages", reader) {
        reader.unknown_keys(t, keys::MESSAGES, "[messages]");
        for key in keys::names(keys::MESSAGES) {
            if let Some(m) = reader.template(t, key, PLACEHOLDERS) {
                messages.insert(key.to_string(), m);
            }
        }
    }

    let mut journeys = BTreeMap::from([("standard".to_string(), standard_journey())]);
    if let Some(t) = table(doc, "journeys", reader) {
        for (name, value) in t.iter() {
            let name_text = name.get_ref().to_string();
            let DeValue::Table(jt) = value.get_ref() else {
                reader.error(
                    value.span(),
                    format!("journey `{name_text}` must be a table"),
                    format!("write it as [journeys.{name_text}] with `months` and [[journeys.{name_text}.steps]]"),
                );
                continue;
            };
            if name_text.eq_ignore_ascii_case("none") {
                reader.error(
                    name.span(),
                    "`none` cannot name a journey",
                    "it means \"no journey\"; pick another name",
                );
                continue;
            }
            let own_step_message = messages.contains_key("step");
            // A journey with a mistake was reported where the mistake is; it still names
            // a journey, so its clients are not told it is unknown (the roster is not
            // used while there is an error, so the stand-in is never planned).
            let journey = read_journey(&name_text, jt, name.span(), own_step_message, reader)
                .unwrap_or_else(|| Journey {
                    name: name_text.clone(),
                    months: None,
                    anniversaries: false,
                    steps: Vec::new(),
                });
            journeys.insert(name_text, journey);
        }
    }
    for name in named_journeys {
        if let Some(j) = journey_name(name.get_ref()) {
            check_journey(&j, name.span(), &journeys, reader);
        }
    }
    Settings {
        coach,
        defaults,
        journeys,
        messages,
    }
}

/// Reports a journey name that names no journey, with the closest one.
fn check_journey(
    name: &str,
    span: Range<usize>,
    journeys: &BTreeMap<String, Journey>,
    reader: &mut Reader,
) {
    if journeys.contains_key(name) {
        return;
    }
    let names: Vec<&str> = journeys
        .keys()
        .map(String::as_str)
        .chain(["none"])
        .collect();
    let hint = crate::suggest::hint(name, names.iter().copied(), ("`", "`"), || {
        format!("known journeys: {}", names.join(", "))
    });
    reader
        .problems
        .push(Problem::error(span, format!("unknown journey `{name}`")).hint(hint));
}

fn table<'t, 'i>(doc: &'t DeTable<'i>, key: &str, reader: &mut Reader) -> Option<&'t DeTable<'i>> {
    let value = doc.get(key)?;
    match value.get_ref() {
        DeValue::Table(t) => Some(t),
        other => {
            reader.error(
                value.span(),
                format!(
                    "`{key}` must be {}, not {}",
                    keys::Read::Table.expected(),
                    type_name(other)
                ),
                format!("write it as a [{key}] section"),
            );
            None
        }
    }
}

fn journey_name(text: &str) -> Option<String> {
    (!text.eq_ignore_ascii_case("none")).then(|| text.to_string())
}

/// `cadence`: a period or "none". `Some(None)` is an explicit "none".
fn cadence(t: &DeTable, reader: &mut Reader) -> Option<Option<Period>> {
    match t.get("cadence").map(|v| v.get_ref()) {
        Some(DeValue::String(s)) if s.trim().eq_ignore_ascii_case("none") => Some(None),
        Some(_) => reader
            .period(t, "cadence", false)
            .map(|p| Some(p.into_inner())),
        None => None,
    }
}

/// `own_step_message`: `[messages] step` is set, so no step falls back to the neutral
/// built-in message.
fn read_journey(
    name: &str,
    t: &DeTable,
    at: Range<usize>,
    own_step_message: bool,
    reader: &mut Reader,
) -> Option<Journey> {
    reader.unknown_keys(t, keys::JOURNEY, &format!("[journeys.{name}]"));
    let months = match reader.integer(t, "months", 1, 120) {
        Some(m) => Some(*m.get_ref() as u32),
        None if t.get("months").is_none() => None,
        None => return None,
    };
    let anniversaries = reader.boolean(t, "anniversaries").unwrap_or(true);
    let mut steps = Vec::new();
    let mut ok = true;
    if let Some(value) = t.get("steps") {
        let DeValue::Array(items) = value.get_ref() else {
            reader.error(
                value.span(),
                "`steps` must be a list of [[steps]] tables",
                format!("write each step under [[journeys.{name}.steps]]"),
            );
            return None;
        };
        for item in items.iter() {
            let DeValue::Table(st) = item.get_ref() else {
                reader.error(
                    item.span(),
                    "a step must be a table",
                    format!("write each step under [[journeys.{name}.steps]]"),
                );
                ok = false;
                continue;
            };
            match read_step(name, months, st, item.span(), own_step_message, reader) {
                Some(s) => steps.push(s),
                None => ok = false,
            }
        }
    }
    if ok && steps.is_empty() && months.is_none() {
        reader.error(
            at,
            format!("journey `{name}` has no steps and no `months`"),
            format!("add [[journeys.{name}.steps]], or set e.g. `months = 12`"),
        );
        return None;
    }
    // Steps in the order they fall (for a start on the first of a 31-day month, which
    // orders `after` and month steps alike).
    let reference = chrono::NaiveDate::from_ymd_opt(2001, 1, 1).unwrap_or_default();
    steps.sort_by_key(|s| s.date(reference));
    ok.then(|| Journey {
        name: name.to_string(),
        months,
        anniversaries,
        steps,
    })
}

fn read_step(
    journey: &str,
    months: Option<u32>,
    t: &DeTable,
    at: Range<usize>,
    own_step_message: bool,
    reader: &mut Reader,
) -> Option<Step> {
    let before = reader.problems.len();
    reader.unknown_keys(t, keys::STEP, &format!("a step of journey `{journey}`"));
    let after = reader.period(t, "after", true);
    if let (Some(_), Some(m)) = (t.get("after"), t.get("month")) {
        reader.error(
            m.span(),
            "a step has both `after` and `month`",
            "keep one of them: after = \"3m\", or month = 4 with day or week",
        );
    }
    let limit = months.unwrap_or(1_200);
    let month = match t.get("month") {
        None if t.get("after").is_none() => {
            reader.error(
                at.clone(),
                "step has no `after` or `month`",
                "add e.g. `after = \"3m\"` (three months after the start) or `month = 1`",
            );
            None
        }
        None => None,
        Some(v) => match reader.integer(t, "month", i64::MIN, i64::MAX) {
            Some(m) if (1..=i64::from(limit)).contains(m.get_ref()) => Some(*m.get_ref() as u32),
            Some(m) => {
                reader.error(
                    v.span(),
                    format!(
                        "step in month {} is outside journey `{journey}` (months 1 to {limit})",
                        m.get_ref()
                    ),
                    format!("use a month from 1 to {limit}, or raise `months`"),
                );
                None
            }
            None => None,
        },
    };
    let day = reader.integer(t, "day", 1, 31);
    let week = reader.integer(t, "week", 1, 5);
    if let (Some(_), Some(w)) = (t.get("day"), t.get("week")) {
        reader.error(
            w.span(),
            "a step has both `day` and `week`",
            "keep one of them",
        );
    }
    let offset_days = match (&day, &week) {
        (Some(_), Some(_)) | (None, None) => 0,
        (Some(d), None) => (*d.get_ref() - 1) as u32,
        (None, Some(w)) => 7 * (*w.get_ref() - 1) as u32,
    };

    let kind = reader
        .text(t, "kind")
        .map_or_else(|| "step".to_string(), Spanned::into_inner);
    let title = reader.required_text(t, "title", at.clone(), "step");
    let prompt = reader.text(t, "prompt").map(Spanned::into_inner);
    let message = reader.template(t, "message", PLACEHOLDERS);
    if reader.problems.len() > before {
        return None;
    }
    // (v3) A draft never sends the coach's title: without a message of its own, a step
    // of a kind with no built-in message gets a neutral one. Say so.
    if message.is_none() && !own_step_message && !MESSAGE_KINDS.contains(&kind.as_str()) {
        let span = t.get("kind").map_or(at.clone(), |k| k.span());
        reader.problems.push(
            Problem::warning(
                span,
                format!(
                    "step `{title}` of journey `{journey}`: kind `{kind}` has no built-in message; a neutral message will be used",
                    title = title.as_ref().map_or("", |t| t.get_ref().as_str()),
                ),
            )
            .hint(format!(
                "add message = \"Hi {{first_name}}, …\" to the step, or use one of the kinds {}",
                MESSAGE_KINDS.join(", ")
            )),
        );
    }
    let day = match (after, month) {
        (Some(p), _) => StepDay::After(p.into_inner()),
        (None, Some(month)) => StepDay::InMonth { month, offset_days },
        (None, None) => return None,
    };
    Some(Step {
        day,
        kind,
        title: title?.into_inner(),
        prompt,
        message,
    })
}

/// Checks across clients (duplicate ids, journey names) and builds the roster.
pub fn finish(
    text: &str,
    settings: Settings,
    drafts: Vec<ClientDraft>,
    mut problems: Vec<Problem>,
) -> (Option<Roster>, Vec<Problem>) {
    // (v3) Two clients of one name are allowed (with distinct ids) but worth a look:
    // usually one person typed in twice.
    // Built at the first clash only: most rosters have none.
    let lines = std::cell::OnceCell::new();
    let line_of = |offset: usize| {
        lines
            .get_or_init(|| crate::diag::LineIndex::new(text))
            .line(offset.min(text.len()))
    };
    let mut names: HashMap<String, usize> = HashMap::with_capacity(drafts.len());
    for d in drafts.iter().filter(|d| !d.client.name.is_empty()) {
        match names.entry(d.client.name.to_lowercase()) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let line = line_of(*first.get());
                problems.push(
                    Problem::warning(
                        d.id_span.clone(),
                        format!(
                            "two clients are named `{}`: this one and the one on line {line}",
                            d.client.name
                        ),
                        )
                    .hint("if they are one person, merge the two [[client]] tables; if not, keep their distinct ids and use those"),
                );
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(d.id_span.start);
            }
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(drafts.len());
    for d in drafts.iter().filter(|d| !d.client.id.is_empty()) {
        let key = d.client.id.to_ascii_lowercase();
        if let Some(&first) = seen.get(&key) {
            let line = line_of(first);
            problems.push(
                Problem::error(
                    d.id_span.clone(),
                    format!("client id `{}` is already used on line {line}", d.client.id),
                )
                .hint("ids must differ (ignoring case): add a distinct id = \"…\" to one of them"),
            );
        } else {
            seen.insert(key, d.id_span.start);
        }
        // A journey from a tag or [defaults] was checked where it is written.
        if let (Some(name), Some(span)) = (&d.client.journey, &d.journey_span) {
            let mut reader = Reader::default();
            check_journey(name, span.clone(), &settings.journeys, &mut reader);
            problems.extend(reader.problems);
        }
    }
    if problems.iter().any(Problem::is_error) {
        return (None, problems);
    }
    let roster = Roster {
        coach: settings.coach,
        journeys: settings.journeys,
        messages: settings.messages,
        // Not collected in place: that would keep the drafts' larger allocation.
        clients: {
            let mut clients = Vec::with_capacity(drafts.len());
            clients.extend(drafts.into_iter().map(|d| d.client));
            clients
        },
    };
    (Some(roster), problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_roster_format_page_names_every_placeholder() {
        let page = include_str!("../../docs/roster-format.md");
        for name in PLACEHOLDERS {
            assert!(
                page.contains(&format!("`{{{name}}}`")),
                "no `{{{name}}}` in the docs"
            );
        }
    }

    #[test]
    fn ids_are_derived_from_names() {
        assert_eq!(derive_id("Alice Moreno"), "alice-moreno");
        assert_eq!(derive_id("  Dan O'Kafor  Jr. "), "dan-o-kafor-jr");
        assert_eq!(derive_id("李雷"), "");
        assert!(valid_id("alice_2.b-c"));
        assert!(!valid_id("-alice"));
        assert!(!valid_id("al ice"));
    }
}
