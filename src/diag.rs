//! Diagnostics: a problem found in a file, located by line and column.
//!
//! The TOML parser hands out byte ranges. They are turned into a line and a column exactly
//! once, here, counting columns in characters because names in a roster are rarely ASCII.

use std::fmt;
use std::ops::Range;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    Error,
    Warning,
}

/// A problem found while reading a file, still located by its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub span: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn error(span: Range<usize>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            span,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(span: Range<usize>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(span, message)
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Moves the span by `offset` bytes: used when a part of a file was parsed on its own.
    pub fn shifted(mut self, offset: usize) -> Self {
        self.span = self.span.start + offset..self.span.end + offset;
        self
    }
}

/// A problem with its place in a named file, ready to print.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Turns the problems found in `text` (the contents of `file`) into diagnostics,
    /// sorted by position so they read top to bottom like the file.
    pub fn locate_all(file: &str, text: &str, mut problems: Vec<Problem>) -> Vec<Diagnostic> {
        if problems.is_empty() {
            return Vec::new();
        }
        problems.sort_by_key(|p| (p.span.start, p.severity));

        let index = LineIndex::new(text);
        // Sorted by offset, so the column count of a line goes on from the previous
        // problem's: one pass per line, however many problems share it.
        let mut cursor = (usize::MAX, 0, 0);
        problems
            .into_iter()
            .map(|p| {
                let (line, column) = index.locate(text, p.span.start, &mut cursor);
                Diagnostic {
                    severity: p.severity,
                    file: file.to_string(),
                    line,
                    column,
                    message: p.message,
                    hint: p.hint,
                }
            })
            .collect()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // The compiler format that vim, Emacs and VS Code read with no set-up.
        writeln!(
            f,
            "{}:{}:{}: {label}: {}",
            crate::text::escape_controls(&self.file),
            self.line,
            self.column,
            crate::text::escape_controls(&self.message)
        )?;
        if let Some(hint) = &self.hint {
            writeln!(f, "  hint: {}", crate::text::escape_controls(hint))?;
        }
        Ok(())
    }
}

/// `check --format json`: an array of `{file, line, column, severity, message, hint}`.
pub fn to_json(diags: &[Diagnostic]) -> String {
    let items: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            serde_json::json!({
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "severity": match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                "message": d.message,
                "hint": d.hint,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}

/// Byte offsets of line starts, so that many positions can be located cheaply: the one
/// byte-to-line helper (the loader's "already used on line N" and the diagnostics both
/// use it; counting from the start of the file for each was quadratic, #29).
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// 1-based line and column (in characters) of byte `offset`. `cursor` is (line, byte,
    /// characters) of the previous call: counting goes on from there on the same line.
    fn locate(
        &self,
        text: &str,
        offset: usize,
        cursor: &mut (usize, usize, usize),
    ) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let (from, counted) = if cursor.0 == line && cursor.1 <= offset {
            (cursor.1, cursor.2)
        } else {
            (self.starts[line], 0)
        };
        let column = counted
            + text
                .get(from..offset)
                .map_or(offset - from, |s| s.chars().count());
        *cursor = (line, offset, column);
        (line + 1, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "a = 1\nnäme = \"Zoë\" x\n";
        let at = text.find('x').unwrap();
        let d = Diagnostic::locate_all("r.toml", text, vec![Problem::error(at..at + 1, "bad")]);
        assert_eq!((d[0].line, d[0].column), (2, 14));
        assert_eq!(d[0].to_string(), "r.toml:2:14: error: bad\n");
    }

    #[test]
    fn many_problems_on_one_line_are_located_in_one_pass() {
        let text = format!(
            "x = {{ {} }}\n",
            (0..20_000)
                .map(|i| format!("é{i} = 1"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let problems: Vec<Problem> = text
            .match_indices('é')
            .map(|(at, _)| Problem::error(at..at + 1, "unknown"))
            .collect();
        let starts: Vec<usize> = problems.iter().map(|p| p.span.start).collect();
        let d = Diagnostic::locate_all("r.toml", &text, problems);
        assert_eq!(d.len(), 20_000);
        // The same columns as counting from the line start for each one.
        for n in [0, 1, 10, 9_999, 19_999] {
            let column = text[..starts[n]].chars().count() + 1;
            assert_eq!((d[n].line, d[n].column), (1, column), "problem {n}");
        }
        assert_eq!((d[1].line, d[1].column), (1, 15));
    }

    #[test]
    fn a_byte_is_on_the_line_after_as_many_newlines_as_come_before_it() {
        let text = "a\nbc\n\nd";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() {
            let expected = text[..offset].matches('\n').count() + 1;
            assert_eq!(index.line(offset), expected, "byte {offset}");
        }
    }

    #[test]
    fn end_of_file_is_located_on_the_last_line() {
        let text = "a = 1\nb = ";
        let d = Diagnostic::locate_all("r.toml", text, vec![Problem::error(10..10, "eof")]);
        assert_eq!((d[0].line, d[0].column), (2, 5));
    }
}
