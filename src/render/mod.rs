//! Renderers: pure functions from planned data to text, one module per format.
//! Only `app` writes to stdout.

pub mod csv;
pub mod desk;
pub mod ics;
pub mod json;
pub mod man;
pub mod rows;
pub mod table;
pub mod text;

/// The output formats of SPEC §3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Ics,
}

/// Renders machine-readable rows in `format` (CSV or JSON).
pub fn records<R: rows::Row>(format: Format, rows: &[R]) -> String {
    match format {
        Format::Json => json::render(rows),
        _ => csv::render(rows),
    }
}
