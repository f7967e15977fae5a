//! Finding the top-level `[[client]]` (or `[[entry]]`) blocks of a TOML file, so that each
//! can be parsed on its own: `toml` builds a spanned table of the whole document before
//! anything else happens, which is most of the time and memory of a large roster. Parsing
//! block by block keeps only one small table alive per thread, and lets both cores work.
//!
//! The scanner follows strings (all four kinds), comments and brackets, so a header inside a
//! multi-line string or array is not taken for one. Anything it is not sure about makes it
//! return `None`, and the caller parses the whole file as one document instead.

use std::ops::Range;

use toml::de::DeTable;

use super::fields::Reader;
use crate::diag::Problem;

/// The blocks of a file that start with a top-level `[[name]]` header, each running to
/// the next header that is not a sub-table of `name` (`[name.x]`, `[[name.x]]`).
/// `None` when the file has something the scanner cannot classify with certainty.
pub fn split_blocks(text: &str, name: &str) -> Option<Vec<Range<usize>>> {
    let mut blocks: Vec<Range<usize>> = Vec::new();
    let mut open: Option<usize> = None;
    let mut state = Scan::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if state.in_multiline() || state.depth > 0 {
            state.scan(line)?;
            continue;
        }
        let trimmed = line.trim_start_matches([' ', '\t']);
        if trimmed.starts_with('[') {
            let header = Header::parse(trimmed)?;
            // `[[name]]` starts a block; `[name.x]` and `[[name.x]]` continue it; any
            // other header ends it.
            let ours = header.first_key == name;
            let starts_block = ours && header.array && header.whole_key == name;
            if (starts_block || !ours)
                && let Some(s) = open.take()
            {
                blocks.push(s..start);
            }
            if starts_block {
                open = Some(start);
            }

            // A header line may still carry a comment, but nothing that opens a string.
            continue;
        }
        state.scan(line)?;
    }
    if state.in_multiline() || state.depth > 0 {
        return None;
    }
    if let Some(s) = open {
        blocks.push(s..text.len());
    }
    // Held while every block is parsed: without the room the doubling left.
    blocks.shrink_to_fit();
    Some(blocks)
}

/// A copy of `text` with the `blocks` blanked out (spaces, new lines kept), so that what
/// is left parses alone with every byte offset unchanged.
fn blank_out(text: &str, blocks: &[Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for block in blocks {
        for b in &mut bytes[block.clone()] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Every byte of a block became an ASCII space or stayed a new line, and the bytes
    // outside the blocks are unchanged, so the text is still valid UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Runs `f` over the blocks, on every core when there are enough of them to be worth it
/// (a small roster does not pay for starting threads), keeping the blocks' order.
fn map_blocks<T: Send>(
    blocks: &[Range<usize>],
    f: impl Fn(&Range<usize>) -> T + Sync + Send,
) -> Vec<T> {
    use rayon::prelude::*;
    if blocks.len() < 512 {
        blocks.iter().map(f).collect()
    } else {
        blocks.par_iter().with_min_len(64).map(f).collect()
    }
}

/// Parses the text outside the blocks and reads it with `read`. `None` when it has a
/// syntax error or a top-level `name` the scanner did not see as a block header.
pub fn read_outside<T>(
    text: &str,
    blocks: &[Range<usize>],
    name: &str,
    read: impl FnOnce(&DeTable) -> T,
) -> Option<T> {
    let rest = outside(text, blocks);
    let (doc, syntax) = DeTable::parse_recoverable(&rest);
    if !syntax.is_empty() || doc.get_ref().contains_key(name) {
        return None;
    }
    Some(read(doc.get_ref()))
}

/// How many blocks are parsed before their values are handed on: a chunk's parsed values
/// are the only ones alive at a time, so memory stays near the size of the result.
const CHUNK: usize = 2048;

/// Parses each block on its own and reads it with `read`, which gets the block's table, a
/// reader for its problems and the block's offset in the file; each value goes to `keep`,
/// in the blocks' order. The problems come back located in the whole file. `None` at the
/// first syntax error (or when `read` gives up): the caller then parses the whole file, so
/// a broken file gets whole-file messages.
pub fn read_blocks<T: Send>(
    text: &str,
    blocks: &[Range<usize>],
    read: impl Fn(&DeTable, &mut Reader, usize) -> Option<T> + Sync + Send,
    mut keep: impl FnMut(T),
) -> Option<Vec<Problem>> {
    let mut problems = Vec::new();
    for chunk in blocks.chunks(CHUNK) {
        let parsed = map_blocks(chunk, |block| {
            let (doc, syntax) = DeTable::parse_recoverable(&text[block.clone()]);
            if !syntax.is_empty() {
                return None;
            }
            let mut reader = Reader::default();
            let value = read(doc.get_ref(), &mut reader, block.start)?;
            let found: Vec<Problem> = reader
                .problems
                .into_iter()
                .map(|p| p.shifted(block.start))
                .collect();
            Some((value, found))
        });
        for result in parsed {
            let (value, found) = result?;
            keep(value);
            problems.extend(found);
        }
    }
    Some(problems)
}

/// The text outside the blocks, with byte offsets unchanged: a prefix of `text` when the
/// blocks run to its end, else a blanked copy.
fn outside<'t>(text: &'t str, blocks: &[Range<usize>]) -> std::borrow::Cow<'t, str> {
    let contiguous = blocks.windows(2).all(|w| w[0].end == w[1].start);
    match blocks.first() {
        None => std::borrow::Cow::Borrowed(text),
        Some(first) if contiguous && blocks.last().is_some_and(|l| l.end == text.len()) => {
            std::borrow::Cow::Borrowed(&text[..first.start])
        }
        Some(_) => std::borrow::Cow::Owned(blank_out(text, blocks)),
    }
}

#[derive(Default)]
struct Scan {
    depth: i32,
    /// Inside `"""` or `'''`.
    multiline: Option<&'static str>,
}

impl Scan {
    fn in_multiline(&self) -> bool {
        self.multiline.is_some()
    }

    /// Follows one line of values. `None` on anything unexpected.
    fn scan(&mut self, line: &str) -> Option<()> {
        let b = line.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if let Some(close) = self.multiline {
                if b[i..].starts_with(close.as_bytes()) {
                    // Up to two more quotes may belong to the string itself.
                    i += close.len();
                    while i < b.len() && b[i] == close.as_bytes()[0] {
                        i += 1;
                    }
                    self.multiline = None;
                    continue;
                }
                i += if close == "\"\"\"" && b[i] == b'\\' {
                    2
                } else {
                    1
                };
                continue;
            }
            match b[i] {
                b'#' => return Some(()),
                b'"' if b[i..].starts_with(b"\"\"\"") => {
                    self.multiline = Some("\"\"\"");
                    i += 3;
                }
                b'\'' if b[i..].starts_with(b"'''") => {
                    self.multiline = Some("'''");
                    i += 3;
                }
                b'"' => {
                    i += 1;
                    loop {
                        match b.get(i)? {
                            b'\\' => i += 2,
                            b'"' => break,
                            b'\n' => return None,
                            _ => i += 1,
                        }
                    }
                    i += 1;
                }
                b'\'' => {
                    i += 1;
                    while *b.get(i)? != b'\'' {
                        if b[i] == b'\n' {
                            return None;
                        }
                        i += 1;
                    }
                    i += 1;
                }
                b'[' | b'{' => {
                    self.depth += 1;
                    i += 1;
                }
                b']' | b'}' => {
                    self.depth -= 1;
                    if self.depth < 0 {
                        return None;
                    }
                    i += 1;
                }
                _ => i += 1,
            }
        }
        Some(())
    }
}

struct Header<'a> {
    array: bool,
    first_key: &'a str,
    whole_key: &'a str,
}

impl<'a> Header<'a> {
    /// `[a.b]` or `[[a.b]]` with plain keys, optionally followed by a comment. Quoted keys
    /// and anything else unusual give `None`.
    fn parse(line: &'a str) -> Option<Header<'a>> {
        let (array, inner) = match line.strip_prefix("[[") {
            Some(rest) => (true, rest.split_once("]]")?),
            None => (false, line.strip_prefix('[')?.split_once(']')?),
        };
        let (key, after) = inner;
        let after = after.trim();
        if !(after.is_empty() || after.starts_with('#')) {
            return None;
        }
        let key = key.trim();
        let plain =
            |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ' | '\t');
        if key.is_empty() || !key.chars().all(plain) {
            return None;
        }
        let first_key = key.split('.').next()?.trim();
        Some(Header {
            array,
            first_key,
            whole_key: key,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Option<Vec<&str>> {
        split_blocks(text, "client").map(|b| b.into_iter().map(|r| &text[r]).collect())
    }

    #[test]
    fn splits_at_top_level_client_headers_only() {
        let text = "[coach]\nname = \"S\"\n[[client]]\nname = \"A\"\n[client.extra]\nx = 1\n[[client]] # two\nnotes = [\n\"[[client]]\",\n]\n[defaults]\ncadence = \"1w\"\n";
        assert_eq!(
            blocks(text),
            Some(vec![
                "[[client]]\nname = \"A\"\n[client.extra]\nx = 1\n",
                "[[client]] # two\nnotes = [\n\"[[client]]\",\n]\n"
            ])
        );
    }

    #[test]
    fn headers_inside_multiline_strings_are_text() {
        let text = "[[client]]\nwhy = \"\"\"\n[[client]]\n\"\"\"\ngoal = '''\n[[client]]'''\n[[client]]\nname = \"B\"\n";
        assert_eq!(blocks(text).map(|b| b.len()), Some(2));
    }

    #[test]
    fn anything_unsure_means_no_split() {
        assert_eq!(blocks("[[\"client\"]]\nname = \"A\"\n"), None);
        assert_eq!(blocks("[[client]]\nname = \"A\n"), None);
        assert_eq!(blocks("[[client]]\nnotes = [\n"), None);
        assert_eq!(blocks("[[client]] x\n"), None);
    }

    #[test]
    fn blanking_keeps_offsets_and_lines() {
        let text = "[coach]\n[[client]]\nname = \"Zoë\"\n[defaults]\n";
        let b = split_blocks(text, "client").unwrap_or_default();
        let rest = blank_out(text, &b);
        // Every byte of the block is a space ("Zoë" is two bytes for ë), new lines kept.
        assert_eq!(rest, "[coach]\n          \n             \n[defaults]\n");
    }
}
