//! CSV (RFC 4180, header row first) with the spreadsheet formula guard.

use super::rows::{Cell, Row};
use crate::error::Error;

/// A text cell a spreadsheet would run as a formula gets a leading `'`.
fn guard(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

pub fn render<R: Row>(rows: &[R]) -> Result<String, Error> {
    render_part(rows, true)
}

/// The header row alone.
pub fn header<R: Row>() -> Result<String, Error> {
    render_part::<R>(&[], true)
}

/// Rows without the header unless `header`: for output written in parts.
pub fn render_part<R: Row>(rows: &[R], header: bool) -> Result<String, Error> {
    let failed = |e: csv::Error| Error::Render(format!("cannot write CSV: {e}"));
    // RFC 4180: records end in CRLF (spreadsheets and DuckDB read both).
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    if header {
        out.write_record(R::COLUMNS).map_err(failed)?;
    }
    let mut record: Vec<String> = Vec::with_capacity(R::COLUMNS.len());
    for row in rows {
        record.clear();
        record.extend(row.cells().into_iter().map(|cell| match cell {
            Cell::Text(t) => guard(&t).into_owned(),
            Cell::Int(n) => n.to_string(),
            Cell::Num(x) => x.to_string(),
            // Each item guarded on its own: a `;`-separated import must not find a formula.
            Cell::List(items) => items.iter().map(|t| guard(t)).collect::<Vec<_>>().join(";"),
            Cell::Null => String::new(),
        }));
        out.write_record(&record).map_err(failed)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| Error::Render(format!("cannot write CSV: {}", e.error())))?;
    // Every cell is a Rust string, so the bytes are UTF-8.
    String::from_utf8(bytes).map_err(|e| Error::Render(format!("CSV is not UTF-8: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_guard_covers_the_risky_first_characters() {
        for risky in ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx"] {
            assert!(guard(risky).starts_with('\''), "{risky:?}");
        }
        assert_eq!(guard("Run a 10k"), "Run a 10k");
        assert_eq!(guard(""), "");
    }
}
