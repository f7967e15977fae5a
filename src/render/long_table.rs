//! Long tables, written as their rows come.
//!
//! comfy-table lays a table out from all of its rows and holds them all, with every cell's
//! wrapped lines, until it prints: at 10k clients `today --all`, `agenda` and `clients` held
//! 8 to 13 times the input in memory. A `LongTable` hands comfy-table [`CHUNK`] rows at a
//! time and writes each chunk as soon as it is full.
//!
//! The first chunk is the sample. A table that fits in one chunk (every coach's morning) is
//! laid out by comfy-table exactly as before, byte for byte. A longer one's sample is laid
//! out to the full width (the rows it has not seen may be wider), and its column widths
//! are then read back and fixed for every later chunk, whose cells wrap to them, so the
//! chunks line up as one table. comfy-table does
//! not expose the widths it chose, so the sample's top border is drawn with a marker where
//! the columns meet and measured (ten lines; the marker is put back to the style's own
//! junction before anything is written). A later chunk starts without its top border: the
//! chunk before ended with its bottom border, which in our style is the row separator.

use std::io::{self, Write};

use comfy_table::{Cell, ColumnConstraint, ContentArrangement, Table, Width};

use super::table::Style;

/// Rows laid out and written at a time.
pub(crate) const CHUNK: usize = 256;

/// Where the columns meet in the sample's top border: a private-use character, never
/// part of a border.
const MARK: char = '\u{E000}';

pub(crate) struct LongTable<'w> {
    out: &'w mut dyn Write,
    /// The chunk being filled: the first has the header and the caller's constraints.
    table: Table,
    /// The table as configured, without rows or header, for the later chunks.
    blank: Table,
    rows: usize,
    /// Each column's width with its padding, once the sample is written.
    widths: Option<Vec<u16>>,
}

impl<'w> LongTable<'w> {
    /// `first` is `style`'s table with the header and any column constraints, which
    /// only the sample lays out with.
    pub(crate) fn new(out: &'w mut dyn Write, style: Style, first: Table) -> Self {
        LongTable {
            out,
            table: first,
            blank: style.bare_table(),
            rows: 0,
            widths: None,
        }
    }

    pub(crate) fn row(&mut self, cells: Vec<Cell>) -> io::Result<()> {
        if self.rows == CHUNK {
            self.flush(true)?;
        }
        self.table.add_row(cells);
        self.rows += 1;
        Ok(())
    }

    /// Writes the rows not yet written; the table ends with its bottom border.
    pub(crate) fn finish(mut self) -> io::Result<()> {
        self.flush(false)
    }

    /// `more`: rows are still to come. A long table's sample takes the full width, so
    /// that the later rows, which it has not seen, have room.
    fn flush(&mut self, more: bool) -> io::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let next = self.blank.clone();
        let mut chunk = std::mem::replace(&mut self.table, next);
        self.rows = 0;
        let mut lines = match &self.widths {
            None => {
                if more {
                    chunk.set_content_arrangement(ContentArrangement::DynamicFullWidth);
                }
                let junction = chunk.style().top_border.junction;
                chunk.style_mut().top_border.junction = Some(MARK);
                let mut lines = chunk.lines();
                let top = lines.next().unwrap_or_default();
                let widths: Vec<u16> = top
                    .split(MARK)
                    .map(|part| u16::try_from(part.chars().count()).unwrap_or(u16::MAX))
                    .collect();
                // Fixed only when measured right: else each chunk is laid out alone.
                if widths.len() == chunk.column_iter().count() {
                    self.widths = Some(widths);
                }
                let top = top.replace(MARK, &junction.unwrap_or(' ').to_string());
                write_line(self.out, &top)?;
                lines
            }
            Some(widths) => {
                chunk.set_constraints(
                    widths
                        .iter()
                        .map(|&w| ColumnConstraint::Absolute(Width::Fixed(w))),
                );
                let mut lines = chunk.lines();
                lines.next(); // the top border: the last chunk's bottom border stands for it
                lines
            }
        };
        lines.try_for_each(|line| write_line(self.out, &line))
    }
}

/// A line without the spaces comfy-table pads the last column with (mail readers and
/// diffs show them).
fn write_line(out: &mut dyn Write, line: &str) -> io::Result<()> {
    out.write_all(line.trim_end().as_bytes())?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::table::render_table;

    fn style() -> Style {
        Style {
            color: false,
            width: 60,
        }
    }

    fn write(rows: &[[String; 3]]) -> String {
        let style = style();
        let header = ["Client", "Why now", "What to say"];
        let mut out = Vec::new();
        let mut long = LongTable::new(&mut out, style, style.table(&header));
        for row in rows {
            long.row(row.iter().map(|c| style.cell(c)).collect())
                .unwrap();
        }
        long.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    fn whole(rows: &[[String; 3]]) -> String {
        let style = style();
        let mut table = style.table(&["Client", "Why now", "What to say"]);
        if rows.len() > CHUNK {
            table.set_content_arrangement(ContentArrangement::DynamicFullWidth);
        }
        for row in rows {
            table.add_row(row.iter().map(|c| style.cell(c)).collect::<Vec<_>>());
        }
        render_table(&table) + "\n"
    }

    fn row(n: usize, say: &str) -> [String; 3] {
        [
            format!("Client {n}"),
            "check-in, due today".to_string(),
            say.to_string(),
        ]
    }

    #[test]
    fn a_table_of_one_chunk_is_comfy_tables_own() {
        let rows: Vec<_> = (0..CHUNK)
            .map(|n| row(n, &"a longer talking point ".repeat(n % 4 + 1)))
            .collect();
        assert_eq!(write(&rows), whole(&rows));
    }

    #[test]
    fn chunks_join_into_one_table_when_the_sample_is_typical() {
        // Every chunk has the same widest cells as the first: the joined chunks must read
        // exactly as one table laid out whole to the full width.
        let rows: Vec<_> = (0..CHUNK * 3 + 17)
            .map(|n| row(n % 10, &"talk about the goal ".repeat(n % 3 + 1)))
            .collect();
        let written = write(&rows);
        assert_eq!(written, whole(&rows));
        assert_eq!(
            written.matches("═").count(),
            whole(&rows).matches("═").count()
        );
    }

    #[test]
    fn a_later_row_wider_than_the_sample_wraps_inside_the_sample_widths() {
        let mut rows: Vec<_> = (0..CHUNK).map(|n| row(n % 10, "short")).collect();
        rows.push(row(
            1,
            &"a much longer talking point than any before ".repeat(3),
        ));
        let written = write(&rows);
        let width = |line: &str| line.chars().count();
        let top = written.lines().next().unwrap();
        assert!(written.lines().all(|l| width(l) <= width(top)), "{written}");
        // The long text is all there, wrapped over several lines.
        assert_eq!(written.matches("longer").count(), 3, "{written}");
        let last = written.lines().rev().nth(1).unwrap();
        assert!(last.ends_with("any before"), "{written}");
    }
}
