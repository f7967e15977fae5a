//! Draft messages: a first wording for each item, ready to paste, that the coach edits.
//!
//! Every item kind has built-in wordings and every built-in step its own message (SPEC
//! §4). A wording is used only when each of its `{placeholders}` has a value for the
//! client, so a client without a goal never reads "your goal ()": the coach's own
//! template (a step's `message`, else `[messages]`) is tried first, then the built-in
//! wordings, best first; the last built-in wording of each kind needs only the first name.
//! Hand-rolled rather than a template crate: the only syntax is `{name}`, and the rule
//! "skip a wording with an empty placeholder" is not what template engines do.

use chrono::NaiveDate;

use crate::plan::{DueItem, ItemKind, month_of};
use crate::roster::{Client, Roster, standard_messages};

const CHECKIN: &[&str] = &[
    "Hi {first_name}, how are things going? Thinking of your goal ({goal}): what has felt good lately, and what has been hard?",
    "Hi {first_name}, how are things going? I'd love to hear what you want to get out of our training, and why it matters to you.",
];
const WELCOME_BACK: &[&str] = &[
    "Hi {first_name}, welcome back! How was the break? Let's make the first weeks back easy, with your goal ({goal}) still in sight.",
    "Hi {first_name}, welcome back! How was the break? Let's make the first weeks back easy.",
];
const STEP: &[&str] =
    &["Hi {first_name}, next on our plan: {title}. When would suit you for a short chat about it?"];
const ANNIVERSARY: &[&str] = &[
    "Hi {first_name}, {title} today! Thank you for all of it. Shall we look back together and set the next goal?",
];
const RENEWAL: &[&str] = &[
    "Hi {first_name}, your plan renews on {renewal}. Before then I'd love to hear how you feel about it, and what you want from the next stretch.",
    "Hi {first_name}, I'd love to hear how you feel about our training so far, and what you want from the next stretch.",
];
/// (v3) A pack's talk: no date to name, and no count that could be stale by the session.
const PACK_RENEWAL: &[&str] = &[
    "Hi {first_name}, your pack of sessions is nearly used up. Before it is, I'd love to hear how you feel about our training so far, and what you want from the next stretch.",
];
const TARGET: &[&str] = &[
    "Hi {first_name}, {goal_by} was the date we set for your goal ({goal}). Shall we look at where you are and what comes next?",
    "Hi {first_name}, {goal_by} was the date we set to look at your goal together. Shall we see where you are and what comes next?",
];
const DRIFT: &[&str] = &[
    "Hi {first_name}, I've missed you at the sessions! No pressure at all: how are you doing, and is there anything that would make it easier to come back?",
];
const RECONNECT: &[&str] = &[
    "Hi {first_name}, just thinking of you and hoping you are well. The door is always open whenever you feel like training again.",
];
const BIRTHDAY: &[&str] = &["Happy birthday, {first_name}! Have a wonderful day."];

/// The built-in wordings for an item, best first.
fn built_in(item: &DueItem) -> &'static [&'static str] {
    match item.kind {
        ItemKind::Checkin if item.welcome_back => WELCOME_BACK,
        ItemKind::Checkin => CHECKIN,
        ItemKind::Step if item.step.is_none() => ANNIVERSARY,
        ItemKind::Step => standard_messages(&item.title).unwrap_or(STEP),
        ItemKind::Renewal if item.money.is_some_and(|m| m.pack.is_some()) => PACK_RENEWAL,
        ItemKind::Renewal => RENEWAL,
        ItemKind::Target => TARGET,
        ItemKind::Drift => DRIFT,
        ItemKind::Reconnect => RECONNECT,
        ItemKind::Birthday => BIRTHDAY,
    }
}

/// The draft message for `item`, as of `today`.
pub fn draft(roster: &Roster, client: &Client, item: &DueItem, today: NaiveDate) -> String {
    // (v3) An item listed in person is said face to face: no message to send.
    if item.in_person {
        return String::new();
    }
    let own = item
        .step
        .and_then(|s| s.message.as_deref())
        .or_else(|| roster.messages.get(item.kind.as_str()).map(String::as_str));
    let value = |name: &str| -> Option<String> {
        let long = |d: NaiveDate| d.format("%-d %B %Y").to_string();
        match name {
            "first_name" => Some(first_name(&client.name).to_string()),
            "name" => Some(client.name.clone()),
            "goal" => client.goal.clone(),
            "why" => client.why.clone(),
            "coach" => roster.coach.name.clone(),
            "title" => Some(item.title.to_string()),
            "months" => month_of(client.start, item.date.max(today))
                .map(|m| m.saturating_sub(1))
                .filter(|&m| m > 0)
                .map(|m| m.to_string()),
            "date" => Some(long(item.date)),
            "renewal" => client.renewal.map(long),
            "goal_by" => client.goal_by.map(long),
            _ => None,
        }
    };
    let generic: &[&str] = if item.kind == ItemKind::Step {
        STEP
    } else {
        &[]
    };
    let wordings = own
        .into_iter()
        .chain(built_in(item).iter().copied())
        .chain(generic.iter().copied());
    for wording in wordings {
        if let Some(text) = fill(wording, &value) {
            return text;
        }
    }
    // Unreachable for the built-in wordings, whose last one needs only the first name.
    format!("Hi {},", first_name(&client.name))
}

/// The item a single message for the client should be about, of those listed: a
/// birthday wish on the day, then a client drifting or being reconnected with, then the
/// planned conversations, then the routine check-in.
pub fn primary<'a, 'r>(items: &[&'a DueItem<'r>]) -> Option<&'a DueItem<'r>> {
    let rank = |i: &DueItem| match i.kind {
        ItemKind::Birthday => 0,
        ItemKind::Drift => 1,
        ItemKind::Reconnect => 2,
        ItemKind::Checkin if i.welcome_back => 3,
        ItemKind::Renewal => 4,
        ItemKind::Step => 5,
        ItemKind::Target => 6,
        ItemKind::Checkin => 7,
    };
    // (v3) What is said in person has no message.
    items
        .iter()
        .copied()
        .filter(|i| !i.in_person)
        .min_by_key(|i| rank(i))
}

/// The first word of a name: how a message opens.
pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// `template` with every `{placeholder}` replaced, or `None` when one has no value.
fn fill(template: &str, value: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_name(&after[..close]) => {
                let v = value(&after[..close]).filter(|v| !v.trim().is_empty())?;
                out.push_str(v.trim());
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Some(out)
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wording_with_an_empty_placeholder_is_skipped() {
        let value = |name: &str| (name == "first_name").then(|| "Ann".to_string());
        assert_eq!(fill("Hi {first_name}, {goal}", &value), None);
        assert_eq!(
            fill("Hi {first_name}! {not a placeholder}", &value).as_deref(),
            Some("Hi Ann! {not a placeholder}")
        );
    }

    #[test]
    fn every_built_in_kind_ends_with_a_wording_that_needs_only_the_first_name() {
        let value = |name: &str| (name == "first_name").then(|| "Ann".to_string());
        for list in [
            CHECKIN,
            WELCOME_BACK,
            DRIFT,
            RECONNECT,
            BIRTHDAY,
            RENEWAL,
            PACK_RENEWAL,
            crate::roster::STANDARD[8].messages,
        ] {
            let last = list.last().expect("a wording");
            assert!(fill(last, &value).is_some(), "{last}");
        }
    }
}
