//! Text from any input, made safe for a terminal: control characters and bidirectional
//! overrides are shown as visible escapes. A leaf: diagnostics, errors, the store and the
//! renderers all use it, and it uses nothing of theirs.

use std::borrow::Cow;

/// Shows control characters (ESC, BEL, CR, NUL, newlines, C1 codes) as visible escapes,
/// so that text from a roster can never drive the terminal it is printed on.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    escape_except(text, None)
}

/// Like `escape_controls`, but keeps line breaks: for table cells, where a new line is
/// only a new line in the cell and cannot move the cursor anywhere else.
pub fn escape_in_cell(text: &str) -> Cow<'_, str> {
    escape_except(text, Some('\n'))
}

fn escape_except(text: &str, keep: Option<char>) -> Cow<'_, str> {
    let risky = |c: char| (c.is_control() || is_bidi_control(c)) && Some(c) != keep;
    if !text.chars().any(risky) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if risky(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The Unicode characters that reorder the text around them (U+202A..U+202E, U+2066..
/// U+2069, the marks U+200E, U+200F, U+061C): in a name they could make the coach read
/// something else than what is there.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// (v3) CSV, JSON and iCalendar written to a terminal: the data as it is, but every
/// control character other than the line structure (`\n`, `\t`, a `\r` before `\n`) and
/// every bidirectional control shown as an escape, so a hostile roster cannot drive the
/// coach's terminal. JSON gets JSON's own `\u009b` (the document still parses to the same
/// data); the others the tables' `\u{9b}`. Into a pipe or a file nothing is changed.
pub struct TerminalSafe<W: std::io::Write> {
    inner: W,
    json: bool,
    /// The bytes of a character cut between two writes, or a `\r` waiting for its `\n`.
    pending: Vec<u8>,
}

impl<W: std::io::Write> TerminalSafe<W> {
    pub fn new(inner: W, json: bool) -> TerminalSafe<W> {
        TerminalSafe {
            inner,
            json,
            pending: Vec::new(),
        }
    }

    fn escape_into(&self, c: char, out: &mut String) {
        if self.json {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.extend(c.escape_default());
        }
    }

    /// Writes what of `pending` is whole, keeping an unfinished character or a final CR.
    fn drain(&mut self, at_end: bool) -> std::io::Result<()> {
        let bytes = std::mem::take(&mut self.pending);
        let (text, rest) = match std::str::from_utf8(&bytes) {
            Ok(text) => (text, &[][..]),
            Err(e) if e.error_len().is_none() && !at_end => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                (std::str::from_utf8(valid).unwrap_or_default(), rest)
            }
            // Not UTF-8 at all: our own output always is; write it as it came.
            Err(_) => {
                self.inner.write_all(&bytes)?;
                return Ok(());
            }
        };
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        let mut held = Vec::new();
        while let Some(c) = chars.next() {
            let risky = (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c);
            if c == '\r' {
                match chars.peek() {
                    Some('\n') => out.push(c),
                    None if !at_end => held.push(b'\r'),
                    _ => self.escape_into(c, &mut out),
                }
            } else if risky {
                self.escape_into(c, &mut out);
            } else {
                out.push(c);
            }
        }
        self.inner.write_all(out.as_bytes())?;
        held.extend_from_slice(rest);
        self.pending = held;
        Ok(())
    }
}

impl<W: std::io::Write> std::io::Write for TerminalSafe<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        self.drain(false)?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(json: bool, chunks: &[&[u8]]) -> String {
        use std::io::Write;
        let mut w = TerminalSafe::new(Vec::new(), json);
        for chunk in chunks {
            w.write_all(chunk).unwrap();
        }
        w.flush().unwrap();
        String::from_utf8(w.inner).unwrap()
    }

    #[test]
    fn a_terminal_gets_escapes_for_controls_and_the_line_structure_as_it_is() {
        let csv = "a,\u{1b}[31mRed\u{7}\r\nb,\u{9b}1m\u{7f} x\ry\r\n";
        assert_eq!(
            through(false, &[csv.as_bytes()]),
            "a,\\u{1b}[31mRed\\u{7}\r\nb,\\u{9b}1m\\u{7f} x\\ry\r\n"
        );
        let json = "{\"a\": \"\u{9b}\u{7f}\u{202e}\"}\n";
        assert_eq!(
            through(true, &[json.as_bytes()]),
            "{\"a\": \"\\u009b\\u007f\\u202e\"}\n"
        );
        // A character or a CRLF cut between two writes is still one character.
        let bytes = "é\u{9b}\r\n".as_bytes();
        assert_eq!(
            through(
                false,
                &[&bytes[..1], &bytes[1..3], &bytes[3..5], &bytes[5..]]
            ),
            "é\\u{9b}\r\n"
        );
    }

    #[test]
    fn control_characters_are_made_visible() {
        assert_eq!(
            escape_controls("Ann\u{1b}[31m\u{7}\r\0x"),
            "Ann\\u{1b}[31m\\u{7}\\r\\u{0}x"
        );
        assert_eq!(escape_controls("Zoë\nA"), "Zoë\\nA");
        assert!(matches!(escape_controls("plain Zoë"), Cow::Borrowed(_)));
        assert_eq!(escape_in_cell("a\nb\rc"), "a\nb\\rc");
    }

    #[test]
    fn bidirectional_overrides_are_made_visible() {
        assert_eq!(
            escape_controls("Ann\u{202e}evil\u{202c}"),
            "Ann\\u{202e}evil\\u{202c}"
        );
        assert_eq!(
            escape_in_cell("Zoë ‎x"),
            "Zoë ‎x".replace('\u{200e}', "\\u{200e}")
        );
    }
}
