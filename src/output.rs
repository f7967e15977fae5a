//! (#23) What a command's output is to be, as plain values: the format and how tables are
//! drawn. Decided once by `settings` (from the command line, the environment and the
//! terminal) and read by `render`; this module imports neither, so the settings do not
//! depend on the renderers, nor the renderers on clap.

/// The output formats of SPEC §3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Ics,
}

impl Format {
    /// The name `--format` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Ics => "ics",
        }
    }
}

/// How tables are drawn: colour or not, and the width to lay out in, read once when the
/// settings are made (`settings::table_width`: `$COLUMNS`, else the terminal's, else 80).
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: u16,
}
