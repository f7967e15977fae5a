//! Draft messages: a first wording for each item, ready to paste, that the coach edits.
//!
//! Every item kind has built-in wordings, every step kind of SPEC §4 its own message and
//! every built-in step its own (found by kind and title). A wording is used only when
//! each of its `{placeholders}` has a value for the client, so a client without a goal
//! never reads "your goal ()": the coach's own template (a step's `message`, else
//! `[messages]`) is tried first, then (v3) a retry's lighter text after unanswered tries,
//! then the built-in wordings for the moment (`built_in`), best first; the last built-in
//! wording of each kind needs only the first name. Roster text goes in fitted (`fit`),
//! and the why never goes in. docs/drafts.md lists every wording.
//! Hand-rolled rather than a template crate: the only syntax is `{name}`, and the rule
//! "skip a wording with an empty placeholder" is not what template engines do.

pub mod fit;

use chrono::NaiveDate;

use crate::plan::{DueItem, ItemKind, month_of};
use crate::roster::{Client, Roster, standard_messages};

// The built-in wordings, best first. Besides the placeholders of SPEC §4 they use three
// of their own, which a coach's templates cannot: `{your_goal}` (the goal fitted into the
// sentence, see `fit`), `{to_go}` (days to the goal date) and `{years}` (years together);
// and guards: `{?why}` adds nothing but needs a why on file.

const CHECKIN: &[&str] = &[
    "Hi {first_name}, how are things going with {your_goal}? What has felt good lately, and what has been hard?",
    "Hi {first_name}, how are things going? What has felt good lately, and what has been hard?{?goal}",
    "Hi {first_name}, how are things going? I'd love to hear what you want to get out of our training, and why it matters to you.",
];
/// A check-in in the last two weeks before the goal date.
const COUNTDOWN: &[&str] = &[
    "Hi {first_name}, {to_go} to go until the day we set for {your_goal}. How are you feeling about it? Anything you'd like to go over before then?",
];
/// (v3) No "how was the break" (it may have been an injury), no overdue milestone.
const WELCOME_BACK: &[&str] = &[
    "Hi {first_name}, welcome back! Let's make the first weeks easy and build up from there, with {your_goal} still in sight. When would suit you for a first session?",
    "Hi {first_name}, welcome back! Let's make the first weeks easy and build up from there. When would suit you for a first session?",
];
/// Any step kind without a message of its own: warm, and never the coach's title.
const NEUTRAL: &[&str] = &[
    "Hi {first_name}, how are things going? I'd love to catch up on how training feels and what you'd like next. When would suit you for a short chat?",
];
const ANNIVERSARY: &[&str] = &[
    "Hi {first_name}, {years} since we started training together! Thank you for all of it. Shall we look back on it and set the next goal?",
    "Hi {first_name}, thank you for all this time training together! Shall we look back on it and set the next goal?",
];
/// (v3) Their progress and what they want next first, the date after.
const RENEWAL: &[&str] = &[
    "Hi {first_name}, I've loved seeing your progress with {your_goal}. What would you like from the next stretch? Your plan renews on {renewal}, so let's find ten minutes to talk it through before then.",
    "Hi {first_name}, I've loved seeing your progress. What would you like from the next stretch? Your plan renews on {renewal}, so let's find ten minutes to talk it through before then.",
    "Hi {first_name}, I've loved seeing your progress. What would you like from the next stretch? Let's find ten minutes to talk it through.",
];
/// (v3) The day before the renewal: today is the last day to talk.
const RENEWAL_TOMORROW: &[&str] = &[
    "Hi {first_name}, I've loved seeing your progress with {your_goal}. What would you like from the next stretch? Your plan renews tomorrow: could we find ten minutes today to talk it through?",
    "Hi {first_name}, I've loved seeing your progress. What would you like from the next stretch? Your plan renews tomorrow: could we find ten minutes today to talk it through?",
];
/// (v3) On or after the renewal day (a talk still open): no date in the past tense.
const RENEWAL_DUE: &[&str] = &[
    "Hi {first_name}, I've loved seeing your progress with {your_goal}. What would you like from the next stretch? Could we find ten minutes to talk it through?",
    "Hi {first_name}, I've loved seeing your progress. What would you like from the next stretch? Could we find ten minutes to talk it through?",
];
/// (v3) A pack's talk: no date to name, and no count that could be stale by the session.
const PACK_RENEWAL: &[&str] = &[
    "Hi {first_name}, I've loved seeing your progress with {your_goal}. What would you like from the next stretch? Your pack of sessions is nearly used up, so let's find ten minutes to talk it through.",
    "Hi {first_name}, I've loved seeing your progress. What would you like from the next stretch? Your pack of sessions is nearly used up, so let's find ten minutes to talk it through.",
];
/// (v3) The goal date: counting down before it, wishing them well on it, asking after.
const TARGET_AHEAD: &[&str] = &[
    "Hi {first_name}, {to_go} to go until the day we set for {your_goal}. How are you feeling? Let's go over the last steps together.",
    "Hi {first_name}, {to_go} to go until the day we set for your goal. How are you feeling? Let's go over the last steps together.",
];
const TARGET_TODAY: &[&str] = &[
    "Hi {first_name}, today's the day we set for {your_goal}. Wishing you all the best! Let me know how it goes.",
    "Hi {first_name}, today's the day we set for your goal. Wishing you all the best! Let me know how it goes.",
];
const TARGET_AFTER: &[&str] = &[
    "Hi {first_name}, how did it go with {your_goal}? I'd love to hear all about it, and then we can look at what comes next together.",
    "Hi {first_name}, how did it go on the day we set for your goal? I'd love to hear all about it, and then we can look at what comes next together.",
];
const DRIFT: &[&str] = &[
    "Hi {first_name}, I've missed seeing you! No pressure at all: how are you doing, and is there anything that would make it easier to come back?",
];
const RECONNECT: &[&str] = &[
    "Hi {first_name}, just thinking of you and hoping you are well. The door is always open whenever you feel like training again.",
];
const BIRTHDAY: &[&str] = &["Happy birthday, {first_name}! Have a wonderful day."];

/// (v3) The kick-off, before the first session and after it.
const KICKOFF_BEFORE: &[&str] = &[
    "Hi {first_name}, welcome! Before we start, I'd love to hear it in your own words: what do you want to achieve, and why does it matter to you?",
];
const KICKOFF_AFTER: &[&str] = &[
    "Hi {first_name}, great to have started together! When you have a moment, I'd love to hear in your own words what you want to get out of this, and why it matters to you.",
];
/// (v3) Revisiting the why never quotes it, and never claims one that is not on file.
const WHY: &[&str] = &[
    "Hi {first_name}, when we started, you told me what this meant to you.{?why} Is it still what matters most, or has something changed? I'd love to hear.",
    "Hi {first_name}, we've come a long way together. What matters most to you about your training these days? I'd love to hear.",
];

/// The built-in message of each step kind (SPEC §4), for steps without their own.
const BY_KIND: &[(&str, &[&str])] = &[
    ("kickoff", KICKOFF_BEFORE),
    (
        "check",
        &[
            "Hi {first_name}, how is it all feeling so far? Anything sore, anything you enjoyed, anything you'd like to change?",
        ],
    ),
    (
        "habit",
        &[
            "Hi {first_name}, how is training fitting into your week? If anything gets in the way, tell me and we'll make it easier.",
        ],
    ),
    (
        "progress",
        &[
            "Hi {first_name}, what feels easier now than when you started? I'd love to hear how far you've come with {your_goal}.",
            "Hi {first_name}, what feels easier now than when you started? I'd love to hear how far you've come.",
        ],
    ),
    (
        "personal",
        &[
            "Hi {first_name}, no training talk today: how are you doing? How are things at home and at work?",
        ],
    ),
    (
        "review",
        &[
            "Hi {first_name}, shall we find a moment to look back at how far you've come and set the next target together?",
        ],
    ),
    (
        "guide",
        &[
            "Hi {first_name}, is there anything else I could help you with, in training or around it? Just say, whenever it suits you.",
        ],
    ),
    ("why", WHY),
    (
        "celebrate",
        &[
            "Hi {first_name}, look how far you've come! Thank you for showing up all this time. How are you feeling about it all?",
        ],
    ),
    (
        "referral",
        &[
            "Hi {first_name}, it's been great training with you. How are you feeling about it all these days? I'd love to hear what you're proud of.",
        ],
    ),
    (
        "measure",
        &[
            "Hi {first_name}, shall we take your measurements again at your next session? It's a good moment to see how far you've come.",
        ],
    ),
    ("anniversary", ANNIVERSARY),
];

/// (v3) A retry after no reply: shorter and lighter than the first message, and a
/// different text on each try (openers and bodies pair up uniquely for 20 tries, more
/// than the back-off lets happen in a lifetime at any cadence).
const RETRY_OPENERS: [&str; 4] = [
    "Hi {first_name}, no rush at all.",
    "Hi {first_name}, just a quick hello.",
    "Hi {first_name}, thinking of you.",
    "Hi {first_name}, I hope your week is going well.",
];
const RETRY_BODIES: [&str; 5] = [
    "Whenever you have a minute, I'd love to hear how you are.",
    "I'm here whenever you want to talk.",
    "No need to reply, I'm here when it suits you.",
    "Let me know whenever it suits you to catch up.",
    "Whenever you're ready, I'm here.",
];
/// A renewal talk's retry still names what it is about (12 texts before one repeats).
const RENEWAL_RETRY_BODIES: [&str; 3] = [
    "Could we find ten minutes before {renewal} to talk about what comes next?",
    "When would suit you for a short chat about the next stretch, before {renewal}?",
    "Shall we talk about what you'd like next, some time before {renewal}?",
];
const PACK_RETRY_BODIES: [&str; 3] = [
    "Could we find ten minutes soon to talk about what comes next?",
    "When would suit you for a short chat about the next stretch?",
    "Shall we talk about what you'd like next, some time soon?",
];

/// The retry wording for the `tries`-th unanswered try (1-based).
fn retry(item: &DueItem, tries: u32) -> String {
    let i = (tries - 1) as usize;
    let opener = RETRY_OPENERS[i % RETRY_OPENERS.len()];
    let body = match item.kind {
        ItemKind::Renewal if item.money.is_some_and(|m| m.pack.is_some()) => {
            PACK_RETRY_BODIES[i % PACK_RETRY_BODIES.len()]
        }
        ItemKind::Renewal => RENEWAL_RETRY_BODIES[i % RENEWAL_RETRY_BODIES.len()],
        _ => RETRY_BODIES[i % RETRY_BODIES.len()],
    };
    format!("{opener} {body}")
}

/// The built-in wordings for an item on `day`, best first.
fn built_in(client: &Client, item: &DueItem, day: NaiveDate) -> &'static [&'static str] {
    let countdown = client
        .goal_by
        .is_some_and(|by| by > day && (by - day).num_days() <= COUNTDOWN_DAYS);
    match item.kind {
        ItemKind::Birthday => BIRTHDAY,
        ItemKind::Reconnect => RECONNECT,
        ItemKind::Checkin if item.welcome_back => WELCOME_BACK,
        ItemKind::Checkin if countdown => COUNTDOWN,
        ItemKind::Checkin => CHECKIN,
        ItemKind::Renewal if item.money.is_some_and(|m| m.pack.is_some()) => PACK_RENEWAL,
        ItemKind::Renewal => match item.money.and_then(|m| m.renews).or(client.renewal) {
            Some(renews) if day >= renews => RENEWAL_DUE,
            Some(renews) if day.succ_opt() == Some(renews) => RENEWAL_TOMORROW,
            _ => RENEWAL,
        },
        ItemKind::Target if day < item.due => TARGET_AHEAD,
        ItemKind::Target if day == item.due => TARGET_TODAY,
        ItemKind::Target => TARGET_AFTER,
        ItemKind::Drift => DRIFT,
        ItemKind::Step => match item.step {
            None => ANNIVERSARY,
            Some(step) if step.kind == "kickoff" => {
                let started = item.moment.session_done || (day - client.start).num_days() >= 3;
                if started {
                    KICKOFF_AFTER
                } else {
                    KICKOFF_BEFORE
                }
            }
            Some(step) => standard_messages(&step.kind, &step.title)
                .or_else(|| {
                    BY_KIND
                        .iter()
                        .find(|(k, _)| *k == step.kind)
                        .map(|(_, m)| *m)
                })
                .unwrap_or(NEUTRAL),
        },
    }
}

/// A check-in this close to the goal date counts down to it.
const COUNTDOWN_DAYS: i64 = 14;

/// The draft message for `item`, as of `today`.
pub fn draft(roster: &Roster, client: &Client, item: &DueItem, today: NaiveDate) -> String {
    // (v3) An item listed in person is said face to face: no message to send.
    if item.in_person {
        return String::new();
    }
    // The message goes out on the day it is listed, or today for an overdue one.
    let day = item.date.max(today);
    let own = item
        .step
        .and_then(|s| s.message.as_deref())
        .or_else(|| roster.messages.get(item.kind.as_str()).map(String::as_str));
    let value = |name: &str| -> Option<String> {
        let long = |d: NaiveDate| d.format("%-d %B %Y").to_string();
        match name {
            "first_name" => Some(first_name(&client.name).to_string()),
            "name" => Some(client.name.clone()),
            // A coach's own `{goal}`: their sentence, the goal in the second person.
            "goal" => client.goal.as_deref().map(fit::clean_second_person),
            "your_goal" => client.goal.as_deref().and_then(fit::goal_phrase),
            "why" => client.why.clone(),
            "coach" => roster.coach.name.clone(),
            "title" => Some(item.title.to_string()),
            "months" => month_of(client.start, day)
                .map(|m| m.saturating_sub(1))
                .filter(|&m| m > 0)
                .map(|m| m.to_string()),
            "years" => month_of(client.start, item.due).map(|m| match m.saturating_sub(1) / 12 {
                0 | 1 => "a year".to_string(),
                n => format!("{n} years"),
            }),
            "to_go" => {
                client
                    .goal_by
                    .filter(|&by| by > day)
                    .map(|by| match (by - day).num_days() {
                        1 => "one day".to_string(),
                        7 => "one week".to_string(),
                        n if n % 7 == 0 => format!("{} weeks", n / 7),
                        n => format!("{n} days"),
                    })
            }
            "date" => Some(long(item.date)),
            "renewal" => client.renewal.map(long),
            "goal_by" => client.goal_by.map(long),
            _ => None,
        }
    };
    if let Some(text) = own.and_then(|own| fill(own, &value)) {
        return text;
    }
    // (v3) After unanswered tries: a lighter text, a different one each time. A welcome
    // back is a first message after the break; a birthday and a reconnect are light.
    let tries = item.moment.tries;
    if tries > 0
        && !item.welcome_back
        && !matches!(item.kind, ItemKind::Birthday | ItemKind::Reconnect)
        && let Some(text) = fill(&retry(item, tries), &value)
    {
        return text;
    }
    for wording in built_in(client, item, day).iter().chain(NEUTRAL) {
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
            // A guard: the wording needs a value, and shows nothing of it.
            Some(close) if after.starts_with('?') && is_name(&after[1..close]) => {
                value(&after[1..close]).filter(|v| !v.trim().is_empty())?;
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

    /// docs/drafts.md lists every built-in wording word for word.
    #[test]
    fn docs_drafts_md_lists_every_built_in_wording() {
        let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/drafts.md"))
            .expect("docs/drafts.md");
        let mut all: Vec<&str> = [
            CHECKIN,
            COUNTDOWN,
            WELCOME_BACK,
            NEUTRAL,
            ANNIVERSARY,
            RENEWAL,
            PACK_RENEWAL,
            TARGET_AHEAD,
            TARGET_TODAY,
            TARGET_AFTER,
            DRIFT,
            RECONNECT,
            BIRTHDAY,
            KICKOFF_BEFORE,
            KICKOFF_AFTER,
            WHY,
        ]
        .concat();
        all.extend(BY_KIND.iter().flat_map(|(_, m)| m.iter().copied()));
        all.extend(
            crate::roster::STANDARD
                .iter()
                .flat_map(|s| s.messages.iter().copied()),
        );
        all.extend(
            RETRY_OPENERS
                .iter()
                .chain(&RETRY_BODIES)
                .chain(&RENEWAL_RETRY_BODIES),
        );
        all.extend(PACK_RETRY_BODIES);
        for wording in all {
            assert!(doc.contains(wording), "docs/drafts.md lacks: {wording}");
        }
    }

    #[test]
    fn every_kind_that_check_accepts_has_a_message_and_no_other() {
        let kinds: Vec<&str> = BY_KIND.iter().map(|(k, _)| *k).collect();
        assert_eq!(kinds, crate::roster::MESSAGE_KINDS);
    }

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
        let mut lists = vec![
            CHECKIN,
            WELCOME_BACK,
            NEUTRAL,
            DRIFT,
            RECONNECT,
            BIRTHDAY,
            RENEWAL,
            RENEWAL_TOMORROW,
            RENEWAL_DUE,
            PACK_RENEWAL,
            TARGET_AFTER,
            TARGET_TODAY,
            KICKOFF_AFTER,
        ];
        lists.extend(BY_KIND.iter().map(|(_, m)| *m));
        lists.extend(
            crate::roster::STANDARD
                .iter()
                .map(|s| s.messages)
                .filter(|m| !m.is_empty()),
        );
        for list in lists {
            let last = list.last().expect("a wording");
            assert!(fill(last, &value).is_some(), "{last}");
        }
    }
}
