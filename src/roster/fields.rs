//! Typed reads from a parsed TOML table that never stop at the first problem.
//!
//! serde stops at the first bad field; a coach fixing a roster wants all of them. So the
//! loader walks the spanned table itself and each read here records a `Problem` (with the
//! value's byte span) and returns `None`, letting the walk go on.

use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::keys::{self, Key, Read};
use super::{Birthday, Period};
use crate::diag::Problem;

/// The longest text accepted in a single value. A real note is a sentence or two; a
/// megabyte of text is a paste gone wrong, and would swamp the table.
pub const MAX_TEXT: usize = 2_000;

pub type Value<'i> = Spanned<DeValue<'i>>;

/// Collects problems while values are read from tables.
#[derive(Default)]
pub struct Reader {
    pub problems: Vec<Problem>,
    /// Where the parser already reported a syntax error: values there are left alone, so
    /// that one mistake is not reported twice.
    broken: Vec<Range<usize>>,
}

pub fn type_name(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl Reader {
    /// A reader that starts with the parser's own errors.
    pub fn with_syntax_errors(errors: &[toml::de::Error]) -> Reader {
        let problems: Vec<Problem> = errors.iter().map(crate::roster::syntax_problem).collect();
        let broken = problems.iter().map(|p| p.span.clone()).collect();
        Reader { problems, broken }
    }

    /// Whether `span` touches a place the parser already reported.
    fn is_broken(&self, span: &Range<usize>) -> bool {
        self.broken
            .iter()
            .any(|b| b.start < span.end.max(span.start + 1) && span.start < b.end.max(b.start + 1))
    }

    /// The value of `key`, unless the parser already reported it as broken.
    fn value<'t, 'i>(&self, table: &'t DeTable<'i>, key: &str) -> Option<&'t Value<'i>> {
        table.get(key).filter(|v| !self.is_broken(&v.span()))
    }

    pub fn error(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.problems.push(Problem::error(span, message).hint(hint));
    }

    /// Reports every key of `table` that is not in `known`, with the closest known key.
    pub fn unknown_keys(&mut self, table: &DeTable, known: &[Key], context: &str) {
        for (key, _) in table.iter() {
            if keys::names(known).any(|k| k == key.get_ref().as_ref()) {
                continue;
            }
            let name = key.get_ref();
            let hint = crate::suggest::hint(name, keys::names(known), ("`", "`"), || {
                let all: Vec<&str> = keys::names(known).collect();
                format!("known keys in {context}: {}", all.join(", "))
            });
            self.error(
                key.span(),
                format!("unknown key `{name}` in {context}"),
                hint,
            );
        }
    }

    fn wrong_type(&mut self, key: &str, value: &Value, expected: Read, example: &str) {
        self.error(
            value.span(),
            format!(
                "`{key}` must be {}, not {}",
                expected.expected(),
                type_name(value.get_ref())
            ),
            format!("for example: {key} = {example}"),
        );
    }

    pub fn text(&mut self, table: &DeTable, key: &str) -> Option<Spanned<String>> {
        let value = self.value(table, key)?;
        match value.get_ref() {
            DeValue::String(s) if s.chars().count() > MAX_TEXT => {
                self.error(
                    value.span(),
                    format!("`{key}` is too long ({} characters)", s.chars().count()),
                    format!("keep it under {MAX_TEXT} characters; long notes belong elsewhere"),
                );
                None
            }
            DeValue::String(s) => Some(Spanned::new(value.span(), normalise_newlines(s))),
            _ => {
                self.wrong_type(key, value, Read::Text, "\"…\"");
                None
            }
        }
    }

    pub fn boolean(&mut self, table: &DeTable, key: &str) -> Option<bool> {
        let value = self.value(table, key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(key, value, Read::Bool, "true");
                None
            }
        }
    }

    /// A draft template: text whose `{placeholders}` must all be in `known`.
    pub fn template(&mut self, table: &DeTable, key: &str, known: &[&str]) -> Option<String> {
        let text = self.text(table, key)?;
        let mut ok = true;
        for name in placeholders(text.get_ref()) {
            if known.contains(&name) {
                continue;
            }
            ok = false;
            let hint = crate::suggest::hint(name, known.iter().copied(), ("{", "}"), || {
                let all: Vec<String> = known.iter().map(|k| format!("{{{k}}}")).collect();
                format!("the placeholders are {}", all.join(", "))
            });
            self.error(
                text.span(),
                format!("unknown placeholder `{{{name}}}` in `{key}`"),
                hint,
            );
        }
        ok.then(|| text.into_inner())
    }

    /// A required string: a missing one is reported at `at` (the table's header).
    pub fn required_text(
        &mut self,
        table: &DeTable,
        key: &str,
        at: Range<usize>,
        what: &str,
    ) -> Option<Spanned<String>> {
        if table.get(key).is_none() {
            self.error(
                at,
                format!("{what} has no `{key}`"),
                format!("add `{key} = \"…\"`"),
            );
            return None;
        }
        let text = self.text(table, key)?;
        if text.get_ref().trim().is_empty() {
            self.error(
                text.span(),
                format!("`{key}` is empty"),
                format!("write the {key} between the quotes"),
            );
            return None;
        }
        Some(text)
    }

    pub fn texts(&mut self, table: &DeTable, key: &str) -> Vec<String> {
        let Some(value) = self.value(table, key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, value, Read::Texts, "[\"…\", \"…\"]");
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) if s.chars().count() > MAX_TEXT => self.error(
                    item.span(),
                    format!(
                        "an entry of `{key}` is too long ({} characters)",
                        s.chars().count()
                    ),
                    format!("keep it under {MAX_TEXT} characters"),
                ),
                DeValue::String(s) => out.push(normalise_newlines(s)),
                other => self.error(
                    item.span(),
                    format!(
                        "`{key}` holds {}, but only strings belong there",
                        type_name(other)
                    ),
                    format!("write each entry in quotes: {key} = [\"…\", \"…\"]"),
                ),
            }
        }
        out
    }

    pub fn integer(
        &mut self,
        table: &DeTable,
        key: &str,
        min: i64,
        max: i64,
    ) -> Option<Spanned<i64>> {
        let value = table.get(key)?;
        let DeValue::Integer(int) = value.get_ref() else {
            self.wrong_type(key, value, Read::Integer, &min.max(1).to_string());
            return None;
        };
        let parsed = i64::from_str_radix(int.as_str(), int.radix()).ok();
        match parsed {
            Some(n) if (min..=max).contains(&n) => Some(Spanned::new(value.span(), n)),
            _ => {
                self.error(
                    value.span(),
                    format!("`{key}` must be between {min} and {max}, not {int}"),
                    format!("for example: {key} = {}", min.max(1)),
                );
                None
            }
        }
    }

    pub fn date(&mut self, table: &DeTable, key: &str) -> Option<Spanned<NaiveDate>> {
        let value = self.value(table, key)?;
        let result = match value.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => calendar_date(d.year.into(), d.month.into(), d.day.into()),
                (Some(_), _, _) => Err("has a time of day; only the date belongs here".to_string()),
                (None, _, _) => Err("is a time of day, not a date".to_string()),
            },
            DeValue::String(s) => parse_date(s),
            _ => {
                self.wrong_type(key, value, Read::Date, "2026-03-14");
                return None;
            }
        };
        match result {
            Ok(d) => Some(Spanned::new(value.span(), d)),
            Err(why) => {
                let hint = format!("write the date as YYYY-MM-DD, e.g. {key} = 2026-03-14");
                self.error(value.span(), format!("`{key}` {why}"), hint);
                None
            }
        }
    }

    pub fn period(
        &mut self,
        table: &DeTable,
        key: &str,
        allow_zero: bool,
    ) -> Option<Spanned<Period>> {
        let text = self.text(table, key)?;
        match Period::parse(text.get_ref()) {
            Ok(p) if p.is_zero() && !allow_zero => {
                self.error(
                    text.span(),
                    format!("`{key}` must be longer than zero"),
                    if key == "cadence" {
                        "write cadence = \"none\" for no routine check-ins".to_string()
                    } else {
                        format!("for example: {key} = \"3w\"")
                    },
                );
                None
            }
            Ok(p) => Some(Spanned::new(text.span(), p)),
            Err((message, hint)) => {
                self.error(text.span(), format!("`{key}`: {message}"), hint);
                None
            }
        }
    }

    /// `YYYY-MM-DD` (the year is not kept) or `MM-DD`, as a date or a string.
    pub fn birthday(&mut self, table: &DeTable, key: &str) -> Option<Birthday> {
        let value = self.value(table, key)?;
        let hint = "write birthday = 1988-07-02, or birthday = \"07-02\" when the year is unknown";
        let parsed = match value.get_ref() {
            DeValue::Datetime(_) => {
                return self.date(table, key).map(|d| birthday_of(*d.get_ref()));
            }
            DeValue::String(s) if s.len() == 5 => {
                // Checked against a leap year so that "02-29" is a valid birthday.
                parse_date(&format!("2000-{s}"))
                    .map(birthday_of)
                    .map_err(|_| format!("`{s}` is not a day of the year (MM-DD)"))
            }
            DeValue::String(s) => parse_date(s).map(birthday_of),
            _ => {
                self.wrong_type(key, value, Read::Birthday, "1988-07-02");
                return None;
            }
        };
        match parsed {
            Ok(b) => Some(b),
            Err(why) => {
                self.error(value.span(), format!("`{key}` {why}"), hint);
                None
            }
        }
    }
}

/// A multi-line string keeps the file's CRLF line ends as written; TOML allows folding
/// them, and a `\r` would show in every table.
fn normalise_newlines(s: &str) -> String {
    // `find` with a char pattern is a memchr scan: most values have no `\r` at all.
    if s.find('\r').is_some() && s.contains("\r\n") {
        s.replace("\r\n", "\n")
    } else {
        s.to_string()
    }
}

/// The `{name}` placeholders of a template, in order.
pub fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{').skip(1).filter_map(|part| {
        let end = part.find('}')?;
        let name = &part[..end];
        (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .then_some(name)
    })
}

fn birthday_of(d: NaiveDate) -> Birthday {
    use chrono::Datelike;
    Birthday {
        month: d.month(),
        day: d.day(),
    }
}

/// A date from its parts, with a message a coach understands when it does not exist.
fn calendar_date(year: i32, month: u32, day: u32) -> Result<NaiveDate, String> {
    // Years 1 to 9999: year 0 is no year of the calendar people use, and TOML readers
    // (and every date written back) need four digits.
    if !(1..=9999).contains(&year) {
        return Err(format!("has year {year}; years run from 1 to 9999"));
    }
    if !(1..=12).contains(&month) {
        return Err(format!("has month {month}; months run from 1 to 12"));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let last = (28..=31)
            .rev()
            .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
            .unwrap_or(28);
        format!("is not a real date: {year:04}-{month:02} has {last} days")
    })
}

/// Parses a quoted `YYYY-MM-DD`; strict, so that `2026-3-4` or `14/03/2026` are caught.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err(format!("`{text}` is not a date in the form YYYY-MM-DD"));
    }
    let num = |r: Range<usize>| text[r].parse::<u32>().unwrap_or(0);
    calendar_date(num(0..4) as i32, num(5..7), num(8..10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_say_what_is_wrong() {
        assert_eq!(
            parse_date("2026-03-14"),
            Ok(NaiveDate::from_ymd_opt(2026, 3, 14).unwrap())
        );
        assert!(
            parse_date("2026-02-30")
                .unwrap_err()
                .contains("2026-02 has 28 days")
        );
        assert!(
            parse_date("2028-02-30")
                .unwrap_err()
                .contains("2028-02 has 29 days")
        );
        assert!(
            parse_date("2026-13-01")
                .unwrap_err()
                .contains("months run from 1 to 12")
        );
        assert!(parse_date("2026-3-4").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_date("14/03/2026").is_err());
    }
}
