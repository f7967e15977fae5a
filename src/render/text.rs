//! Small text helpers shared by the renderers.

use chrono::NaiveDate;

use crate::plan::{DueItem, ItemKind};
use crate::roster::Client;

pub use crate::text::{escape_controls, escape_in_cell};

/// What a missing goal says, everywhere: a prompt to ask.
pub const NO_GOAL: &str = "(not set: ask what they want, and why)";

/// A table cell with nothing to show (no contact yet, nothing coming up).
pub const NOTHING: &str = "—";

/// Word wrap to `width` display columns (a CJK character takes two; `textwrap` measures
/// them), at spaces only, never splitting a word or hyphenating; continuation lines start
/// with `indent` spaces, and the text's own leading spaces are kept on the first line.
pub fn wrap(text: &str, width: usize, indent: usize) -> String {
    let body = text.trim_start_matches(' ');
    let lead = &text[..text.len() - body.len()];
    let rest = " ".repeat(indent);
    let options = textwrap::Options::new(width.max(1))
        .initial_indent(lead)
        .subsequent_indent(&rest)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    textwrap::fill(body, options)
}

/// "check-in", "step \"90-day review\"", "renewal talk (renews …)".
pub fn item_words(item: &DueItem) -> String {
    match item.kind {
        ItemKind::Checkin if item.welcome_back => "welcome back (check-in)".to_string(),
        ItemKind::Checkin => "check-in".to_string(),
        ItemKind::Step => format!("step \"{}\"", item.full_title()),
        ItemKind::Birthday => "birthday".to_string(),
        ItemKind::Reconnect => "a light touch (reconnect)".to_string(),
        _ => {
            let mut t = item.title.to_string();
            if let Some(first) = t.get_mut(..1) {
                first.make_ascii_lowercase();
            }
            t
        }
    }
}

/// (v3) A renewal talk in words: "renewal talk, renews 20 Dec", "pack renewal talk (2 of
/// 10 sessions left)".
pub fn renewal_words(money: &crate::plan::Money, today: NaiveDate) -> String {
    match (money.pack, money.renews) {
        (Some((left, total)), _) => {
            format!("pack renewal talk ({left} of {total} sessions left)")
        }
        (None, Some(renews)) => format!("renewal talk, renews {}", short_date(renews, today)),
        (None, None) => "renewal talk".to_string(),
    }
}

/// (v3) "pack: 8 of 10 used, 2 left".
pub fn pack_words(used: u32, total: u32) -> String {
    format!(
        "pack: {used} of {total} used, {} left",
        total.saturating_sub(used)
    )
}

/// (v3) Whether views still say "back since …": for 14 days after a break ends.
pub fn still_back(since: NaiveDate, today: NaiveDate) -> bool {
    (today - since).num_days() <= crate::plan::today::BACK_FOR_DAYS
}

/// How to reach the client: "text +1 555 0100", or `None` when the roster does not say.
pub fn reach(client: &Client) -> Option<String> {
    let parts: Vec<&str> = [&client.channel, &client.contact]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The client's goal and why, in their own words; a missing goal is a prompt to ask.
pub fn goal_and_why(client: &Client) -> Vec<String> {
    let mut lines = Vec::with_capacity(2);
    match &client.goal {
        Some(goal) => lines.push(format!("Goal: {goal}")),
        None => lines.push(format!("Goal: {NO_GOAL}")),
    }
    if let Some(why) = &client.why {
        lines.push(format!("Why: {why}"));
    }
    lines
}

/// "Ask: …", or "Say: …" for a birthday wish.
pub fn talking_point(kind: ItemKind, prompt: &str) -> String {
    match kind {
        ItemKind::Birthday => format!("Say: {prompt}"),
        _ => format!("Ask: {prompt}"),
    }
}

/// Goal, why and the talking point: a calendar event's description.
pub fn talking_points(client: &Client, kind: ItemKind, prompt: Option<&str>) -> String {
    let mut lines = goal_and_why(client);
    lines.extend(prompt.map(|p| talking_point(kind, p)));
    lines.join("\n")
}

/// "Mon 23 Nov 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// The named date formats live with the other words.
pub use crate::words::{dated, day_month, day_of_week};

/// "25 Oct", with the year when it is not `today`'s.
pub fn short_date(date: NaiveDate, today: NaiveDate) -> String {
    use chrono::Datelike;
    if date.year() == today.year() {
        day_month(date)
    } else {
        dated(date)
    }
}

/// "1 client", "3 clients", "2 tries", "5 history entries".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        return format!("1 {word}");
    }
    match word.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{n} {stem}ies"),
        _ => format!("{n} {word}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_lines_within_the_width() {
        let text = "Goal: Run a 10k without stopping, and then a half marathon next spring";
        let wrapped = wrap(text, 30, 6);
        assert!(
            wrapped.lines().all(|l| l.chars().count() <= 30),
            "{wrapped}"
        );
        assert!(wrapped.lines().skip(1).all(|l| l.starts_with("      ")));
        assert_eq!(
            wrapped.split_whitespace().collect::<Vec<_>>().join(" "),
            text
        );
        assert_eq!(wrap("  indented  twice", 30, 0), "  indented  twice");
    }

    #[test]
    fn plurals_read_naturally() {
        assert_eq!(plural(1, "try"), "1 try");
        assert_eq!(plural(3, "try"), "3 tries");
        assert_eq!(plural(2, "history entry"), "2 history entries");
        assert_eq!(plural(2, "day"), "2 days");
        assert_eq!(plural(0, "client"), "0 clients");
    }
}
