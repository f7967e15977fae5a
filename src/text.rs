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

#[cfg(test)]
mod tests {
    use super::*;

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
