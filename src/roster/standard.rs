//! The built-in `standard` journey of SPEC §4: twelve months mapped out, which a coach can
//! override with `[journeys.standard]`. `init` writes the same steps out in full, from this
//! one list, so the starter file and the built-in never disagree.

use super::{Journey, Step};

/// (month, day, kind, title, prompt) for each step of the standard journey.
#[rustfmt::skip]
pub const STANDARD: [(u32, u32, &str, &str, &str); 12] = [
    (1, 1, "kickoff", "Kick-off: goal and why",
     "Write down the goal and the why, in their own words."),
    (1, 4, "check", "First check after the first sessions",
     "How did the first sessions feel? Anything sore, anything fun?"),
    (1, 15, "habit", "Habit check",
     "What gets in the way? What would make it easier to show up?"),
    (2, 1, "progress", "Progress check and first win",
     "Hold it against the goal: what is the first win to celebrate?"),
    (3, 1, "review", "90-day review",
     "Measure, celebrate, and set the next target together."),
    (4, 1, "guide", "What else can I help with?",
     "Ask what else they want help with. Guide, don't push."),
    (5, 1, "personal", "A personal touch",
     "Ask about them, not the programme: family, work, what they enjoy."),
    (6, 1, "review", "Half-year review",
     "Tell their story so far: where they started, where they are now."),
    (8, 1, "why", "Revisit the why",
     "Remember, this is what you wanted: does the why still hold?"),
    (9, 1, "progress", "Progress check",
     "What is easier now than when they started?"),
    (10, 1, "celebrate", "Ten months: celebrate",
     "Celebrate ten months together. If they are happy, ask for a referral."),
    (12, 1, "review", "One-year review",
     "Look back on the year together and set next year's goal."),
];

pub fn standard_journey() -> Journey {
    Journey {
        name: "standard".to_string(),
        months: 12,
        steps: STANDARD
            .iter()
            .map(|&(month, day, kind, title, prompt)| Step {
                month,
                offset_days: day - 1,
                kind: kind.to_string(),
                title: title.to_string(),
                prompt: Some(prompt.to_string()),
            })
            .collect(),
    }
}
