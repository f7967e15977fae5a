//! CSV (RFC 4180, header row first) with the spreadsheet formula guard.

use std::io::Write;

use super::rows::{Cell, Row};
use crate::error::Error;

/// A text cell a spreadsheet would run as a formula gets a leading `'`.
fn guard(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// A CSV document written into `out` as its rows come: the header first, then each row.
pub struct Writer<W: Write> {
    out: csv::Writer<W>,
    record: Vec<String>,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, columns: &[&str]) -> Result<Self, Error> {
        // RFC 4180: records end in CRLF (spreadsheets and DuckDB read both).
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        out.write_record(columns).map_err(failed)?;
        Ok(Writer {
            out,
            record: Vec::with_capacity(columns.len()),
        })
    }

    pub fn rows<R: Row>(&mut self, rows: &[R]) -> Result<(), Error> {
        for row in rows {
            self.record.clear();
            self.record.extend(row.cells().into_iter().map(|cell| {
                match cell {
                    Cell::Text(t) => guard(&t).into_owned(),
                    Cell::Int(n) => n.to_string(),
                    Cell::Num(x) => x.to_string(),
                    Cell::Bool(b) => b.to_string(),
                    // Each item guarded on its own: a `;`-separated import must not find a formula.
                    // A tag that holds a `;` is split there by such an import too, so each
                    // piece is guarded.
                    Cell::List(items) => items
                        .iter()
                        .flat_map(|t| t.split(';'))
                        .map(guard)
                        .collect::<Vec<_>>()
                        .join(";"),
                    Cell::Null => String::new(),
                }
            }));
            self.out.write_record(&self.record).map_err(failed)?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<(), Error> {
        self.out.flush().map_err(Error::Output)
    }
}

/// A failed write is the output's (a closed pipe ends quietly); anything else is the CSV's.
fn failed(e: csv::Error) -> Error {
    let message = format!("cannot write CSV: {e}");
    match e.into_kind() {
        csv::ErrorKind::Io(e) => Error::Output(e),
        _ => Error::Render(message),
    }
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
