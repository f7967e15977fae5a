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

use crate::error::Error;

/// The output formats of SPEC §3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Ics,
}

/// Renders machine-readable rows in `format`. Every format is named: a new one is an
/// error here until it is decided what it does with rows.
pub fn records<R: rows::Row>(format: Format, rows: &[R]) -> Result<String, Error> {
    match format {
        Format::Json => json::render(rows),
        Format::Csv => csv::render(rows),
        Format::Table | Format::Ics => Err(Error::usage(
            format!("this command has no {} output", format.name()),
            Some("use --format table, csv or json".to_string()),
        )),
    }
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
