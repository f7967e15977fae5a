//! Renderers: pure functions from planned data to text, one module per format.
//! Only `app` writes to stdout.

pub mod csv;
pub mod desk;
pub mod ics;
pub mod json;
pub mod long_table;
pub mod man;
pub mod rows;
pub mod table;
pub mod text;

use std::io::Write;

use crate::error::Error;

pub use crate::output::Format;

/// Machine-readable rows in CSV or JSON, written into `out` as they come: a command with
/// millions of rows (a whole gym's journey map) plans and writes them a slice at a time.
/// Every format is named: a new one is an error here until it is decided what it does
/// with rows.
pub enum Records<W: Write> {
    // Boxed: the csv crate's writer carries its buffer state inline.
    Csv(Box<csv::Writer<W>>),
    Json(json::Writer<W>),
}

impl<W: Write> Records<W> {
    pub fn new<R: rows::Row>(out: W, format: Format) -> Result<Self, Error> {
        match format {
            Format::Csv => Ok(Records::Csv(Box::new(csv::Writer::new(out, R::COLUMNS)?))),
            Format::Json => Ok(Records::Json(json::Writer::new(out)?)),
            Format::Table | Format::Ics => Err(Error::usage(
                format!("this command has no {} output", format.name()),
                Some("use --format table, csv or json".to_string()),
            )),
        }
    }

    pub fn rows<R: rows::Row>(&mut self, rows: &[R]) -> Result<(), Error> {
        match self {
            Records::Csv(w) => w.rows(rows),
            Records::Json(w) => w.rows(rows),
        }
    }

    pub fn finish(self) -> Result<(), Error> {
        match self {
            Records::Csv(w) => (*w).finish(),
            Records::Json(w) => w.finish(),
        }
    }
}

/// Writes `rows` whole in `format` (see `Records`).
pub fn write_records<R: rows::Row>(
    out: impl Write,
    format: Format,
    rows: &[R],
) -> Result<(), Error> {
    let mut records = Records::new::<R>(out, format)?;
    records.rows(rows)?;
    records.finish()
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "CSV",
            Format::Json => "JSON",
            Format::Ics => "iCalendar",
        }
    }
}
