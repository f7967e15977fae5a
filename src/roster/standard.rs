//! The built-in `standard` journey of SPEC §4: every named milestone falls on its name,
//! counted from `start` (the 90-day review three months in, not at the start of month 3).
//! A coach can override it with `[journeys.standard]`. `init` writes the same steps out in
//! full, from this one list, so the starter file and the built-in never disagree.

use super::{Journey, Period, Step, StepDay};

/// One built-in step: when, its label, title, the coach's prompt, and its own draft
/// message in its wordings, best first (see `draft`): a draft uses the first whose
/// placeholders all have a value for the client. A step of a coach's journey with the
/// same kind and title (as `init` writes them out) gets the same message.
pub struct StandardStep {
    pub after: &'static str,
    pub kind: &'static str,
    pub title: &'static str,
    pub prompt: &'static str,
    pub messages: &'static [&'static str],
}

/// (v3) The step kinds with a built-in draft message (SPEC §4); a step of another kind
/// without its own `message` gets a neutral one, and `check` warns.
pub const MESSAGE_KINDS: [&str; 12] = [
    "kickoff",
    "check",
    "habit",
    "progress",
    "personal",
    "review",
    "guide",
    "why",
    "celebrate",
    "referral",
    "measure",
    "anniversary",
];

#[rustfmt::skip]
pub const STANDARD: [StandardStep; 13] = [
    StandardStep { after: "0d", kind: "kickoff", title: "Kick-off: goal and why",
        prompt: "Write down the goal and the why, in their own words, and take the starting measurements they are happy to take.",
        messages: &[] },
    StandardStep { after: "3d", kind: "check", title: "First check after the first sessions",
        prompt: "How did the first sessions feel?",
        messages: &["Hi {first_name}, how did the first sessions feel? Anything sore, anything you enjoyed?"] },
    StandardStep { after: "2w", kind: "habit", title: "Habit check",
        prompt: "What gets in the way? What would make it easier to show up?",
        messages: &["Hi {first_name}, two weeks in! How is training fitting into your week? If anything gets in the way, tell me and we'll make it easier."] },
    StandardStep { after: "6w", kind: "habit", title: "Six weeks: is it a habit yet?",
        prompt: "What has become routine? Celebrate showing up, not only results.",
        messages: &["Hi {first_name}, six weeks in! What has started to feel like routine? Showing up week after week is a win in itself."] },
    StandardStep { after: "1m", kind: "progress", title: "One month in: the first win",
        prompt: "Hold it against the goal: what is the first win to celebrate?",
        messages: &["Hi {first_name}, a month in already! Thinking of {your_goal}, what is the first win you'd like to celebrate?",
                    "Hi {first_name}, a month in already! What feels different since you started? Let's celebrate the first win."] },
    StandardStep { after: "2m", kind: "personal", title: "A personal touch",
        prompt: "Ask about them, not the programme: family, work, what they enjoy.",
        messages: &["Hi {first_name}, no training talk today: how are you doing? How are things at home and at work?"] },
    StandardStep { after: "3m", kind: "review", title: "90-day review",
        prompt: "Measure, celebrate, and set the next target together. If they are proud of it, ask whether they would share it (a review, a friend who might join).",
        messages: &["Hi {first_name}, 90 days already! Shall we measure how far you have come and set the next target together?"] },
    StandardStep { after: "4m", kind: "guide", title: "What else can I help with?",
        prompt: "Ask what else they want help with. Guide, don't push.",
        messages: &["Hi {first_name}, is there anything else I could help you with, in training or around it? Just say, whenever it suits you."] },
    StandardStep { after: "6m", kind: "review", title: "Half-year review",
        prompt: "Tell their story so far: where they started, where they are now.",
        messages: &["Hi {first_name}, half a year together! I'd love to look back with you at where you started and where you are now."] },
    StandardStep { after: "8m", kind: "why", title: "Revisit the why",
        prompt: "Remember, this is what you wanted: does the why still hold?",
        messages: &[] },
    StandardStep { after: "9m", kind: "progress", title: "Progress check",
        prompt: "What is easier now than when they started?",
        messages: &["Hi {first_name}, what feels easier now than when you started {months} months ago? I'd love to hear it.",
                    "Hi {first_name}, what feels easier now than when you started? I'd love to hear it."] },
    StandardStep { after: "10m", kind: "celebrate", title: "Ten months together",
        prompt: "Celebrate. If they are happy, ask for a referral.",
        messages: &["Hi {first_name}, ten months of training together! Thank you for showing up all this time. How are you feeling about it all?"] },
    StandardStep { after: "12m", kind: "review", title: "One-year review",
        prompt: "Look back on the year together and set next year's goal.",
        messages: &["Hi {first_name}, a whole year of training together! Shall we look back on it and set next year's goal?"] },
];

pub fn standard_journey() -> Journey {
    Journey {
        name: "standard".to_string(),
        months: Some(12),
        anniversaries: true,
        steps: STANDARD
            .iter()
            .map(|s| Step {
                // The table is checked by a test; an unparsable entry would be a bug here.
                day: StepDay::After(Period::parse(s.after).unwrap_or(Period::Days(0))),
                kind: s.kind.to_string(),
                title: s.title.to_string(),
                prompt: Some(s.prompt.to_string()),
                message: None,
            })
            .collect(),
    }
}

/// The built-in wordings of a standard step's own message, found by its kind and title
/// (empty for the steps whose message is chosen by the moment: the kick-off, the why).
pub fn standard_messages(kind: &str, title: &str) -> Option<&'static [&'static str]> {
    STANDARD
        .iter()
        .find(|s| s.kind == kind && s.title == title && !s.messages.is_empty())
        .map(|s| s.messages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_milestone_falls_on_its_name_from_a_31_january_start() {
        let j = standard_journey();
        let start = d("2026-01-31");
        let on = |title: &str| {
            j.steps
                .iter()
                .find(|s| s.title == title)
                .and_then(|s| s.date(start))
        };
        assert_eq!(on("90-day review"), Some(d("2026-04-30")));
        assert_eq!(on("Half-year review"), Some(d("2026-07-31")));
        assert_eq!(on("Ten months together"), Some(d("2026-11-30")));
        assert_eq!(on("One-year review"), Some(d("2027-01-31")));
        assert_eq!(
            on("First check after the first sessions"),
            Some(d("2026-02-03"))
        );
        assert!(STANDARD.iter().all(|s| Period::parse(s.after).is_ok()));
    }

    #[test]
    fn a_29_february_start_keeps_its_milestones_in_shorter_months() {
        let j = standard_journey();
        let start = d("2028-02-29");
        let dates: Vec<NaiveDate> = j.steps.iter().filter_map(|s| s.date(start)).collect();
        assert_eq!(dates[6], d("2028-05-29")); // 90-day review
        assert_eq!(dates[12], d("2029-02-28")); // one-year review, no 29 Feb in 2029
    }
}
