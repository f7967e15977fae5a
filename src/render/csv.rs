//! CSV (RFC 4180, header row first) with the spreadsheet formula guard.

use super::rows::{Cell, Row};

/// A text cell a spreadsheet would run as a formula gets a leading `'`.
fn guard(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

pub fn render<R: Row>(rows: &[R]) -> String {
    render_part(rows, true)
}

/// The header row alone.
pub fn header<R: Row>() -> String {
    render_part::<R>(&[], true)
}

/// Rows without the header unless `header`: for output written in parts.
pub fn render_part<R: Row>(rows: &[R], header: bool) -> String {
    // RFC 4180: records end in CRLF (spreadsheets and DuckDB read both).
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into a Vec cannot fail, and every record has the header's length.
    if header {
        let _ = out.write_record(R::COLUMNS);
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
        let _ = out.write_record(&record);
    }
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
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
