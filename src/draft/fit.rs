//! Fitting roster text into a message (SPEC v3 §4 "Roster text is fitted, never pasted
//! raw"). The roster is written by the coach, about the client; a draft is read by the
//! client. So a goal is turned to the second person ("her kids" → "your kids", "my
//! wedding" → "your wedding", "he gained" → "you gained", "I'm" → "you're") and into the
//! sentence's grammar: "your goal to run a 10k" for a goal that starts with a verb, "your
//! goal of a first pull-up" for a noun phrase, with no brackets and no end punctuation of
//! its own.
//!
//! Hand-rolled: no maintained crate does English person conversion, and the rules are a
//! few word lists. They are deliberately conservative: a goal that does not fit in a short
//! phrase (more than one sentence's worth, or longer than `MAX_PHRASE`) gives `None`, and
//! the draft then uses its wording without the goal. `they`/`them` are left as written:
//! in a goal they as often mean other people ("keep up with them") as the client.

/// A fitted goal longer than this reads as a paste; the wording without it is used.
pub const MAX_PHRASE: usize = 90;

/// Words a goal starts with that make it a verb phrase: "your goal to …".
const VERBS: &[&str] = &[
    "achieve",
    "avoid",
    "balance",
    "be",
    "become",
    "beat",
    "begin",
    "bench",
    "bike",
    "box",
    "break",
    "bring",
    "build",
    "bulk",
    "burn",
    "carry",
    "catch",
    "chase",
    "change",
    "climb",
    "come",
    "compete",
    "complete",
    "conquer",
    "control",
    "cook",
    "cope",
    "cut",
    "cycle",
    "dance",
    "deadlift",
    "do",
    "drink",
    "drop",
    "ease",
    "eat",
    "enjoy",
    "enter",
    "feel",
    "find",
    "finish",
    "fit",
    "fix",
    "gain",
    "get",
    "give",
    "go",
    "grow",
    "handle",
    "have",
    "heal",
    "help",
    "hike",
    "hit",
    "hold",
    "improve",
    "increase",
    "jog",
    "join",
    "jump",
    "keep",
    "kick",
    "learn",
    "lift",
    "live",
    "look",
    "lose",
    "love",
    "lower",
    "maintain",
    "make",
    "manage",
    "master",
    "move",
    "overcome",
    "paddle",
    "perform",
    "pick",
    "play",
    "prepare",
    "press",
    "prevent",
    "prove",
    "pull",
    "push",
    "put",
    "qualify",
    "race",
    "raise",
    "reach",
    "rebuild",
    "recover",
    "reduce",
    "regain",
    "relieve",
    "restore",
    "return",
    "ride",
    "row",
    "run",
    "set",
    "shed",
    "show",
    "sit",
    "skate",
    "ski",
    "sleep",
    "sprint",
    "squat",
    "stand",
    "start",
    "stay",
    "stick",
    "stop",
    "strengthen",
    "stretch",
    "surf",
    "survive",
    "swim",
    "take",
    "tone",
    "touch",
    "train",
    "trek",
    "try",
    "walk",
    "wear",
    "win",
];

/// Words that are never a proper noun at the start of a goal: lowercased mid-sentence.
const COMMON: &[&str] = &[
    "a",
    "an",
    "the",
    "your",
    "no",
    "more",
    "less",
    "better",
    "first",
    "full",
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "ten",
    "some",
    "every",
    "all",
    "being",
    "able",
    "strong",
    "stronger",
    "fit",
    "fitter",
    "healthy",
    "healthier",
    "lean",
    "weight",
    "back",
    "pain",
];

/// After "her": words that make it the object ("make her proud", "help her to") rather
/// than the possessive ("her kids").
const AFTER_OBJECT_HER: &[&str] = &[
    "to", "and", "or", "up", "down", "back", "again", "feel", "for", "with", "in", "on", "at",
    "by", "from", "off", "out", "over", "than", "proud", "happy", "strong", "stronger", "get",
    "be", "become", "manage", "keep", "stay", "run", "walk", "lose", "find",
];

/// Adverbs that may stand between "he"/"she" and the verb to be turned.
const ADVERBS: &[&str] = &[
    "always",
    "never",
    "often",
    "still",
    "really",
    "just",
    "usually",
    "also",
    "sometimes",
    "finally",
];

/// The goal as a phrase for a message: "your goal to run a 10k", "your goal of a first
/// pull-up"; `None` when there is no goal or it does not fit in a short phrase.
pub fn goal_phrase(goal: &str) -> Option<String> {
    let body = fitted_goal(goal)?;
    let first = body.split_whitespace().next().unwrap_or_default();
    Some(if VERBS.contains(&first.to_lowercase().as_str()) {
        format!("your goal to {body}")
    } else {
        format!("your goal of {body}")
    })
}

/// The goal's words, fitted to follow "your goal to" / "your goal of": first sentence
/// only, second person, no lead-in ("I want to"), no brackets or end punctuation, the
/// first word lowercased unless it looks like a name.
pub fn fitted_goal(goal: &str) -> Option<String> {
    let text = clean(goal);
    let text = first_sentence(&text);
    let text = second_person(text);
    let mut text = strip_lead_in(&text).to_string();
    lower_first_word(&mut text);
    let text = text.trim().to_string();
    (!text.is_empty()
        && text.chars().count() <= MAX_PHRASE
        && text.chars().any(char::is_alphanumeric))
    .then_some(text)
}

/// A coach's own `{goal}`: as written, but in the second person and without end
/// punctuation or brackets, so their sentence supplies the grammar.
pub fn clean_second_person(goal: &str) -> String {
    second_person(&clean(goal))
}

/// Trimmed, without quotes around it, without bracketed asides, without end punctuation.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0u32;
    for c in text.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(if c.is_control() { ' ' } else { c }),
            _ => {}
        }
    }
    let quotes: &[char] = &['"', '\'', '“', '”', '‘', '’', '«', '»'];
    let mut s = out.trim();
    loop {
        let before = s;
        s = s
            .trim_end_matches(['.', '!', '?', ';', ':', ',', '…', ' '])
            .trim();
        if let Some(inner) = s.strip_prefix(quotes).and_then(|i| i.strip_suffix(quotes)) {
            s = inner.trim();
        }
        if s == before {
            break;
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Up to the end of the first sentence.
fn first_sentence(text: &str) -> &str {
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?')
            && bytes.get(i + 1) == Some(&b' ')
            && text[i + 2..].starts_with(|n: char| n.is_uppercase())
        {
            return text[..i].trim_end();
        }
    }
    text
}

/// What a coach's note about the client says when said to them: third-person words for
/// the client and the client's own first-person words turned to "you", with the verb
/// after "he"/"she"/"I" agreeing ("she wants" → "you want", "I am" → "you are").
pub fn second_person(text: &str) -> String {
    let tokens = tokenize(text);
    let words: Vec<usize> = (0..tokens.len()).filter(|&i| is_word(tokens[i])).collect();
    let mut out: Vec<String> = tokens.iter().map(|t| t.to_string()).collect();
    // Which word positions follow a subject that became "you".
    let mut agree_at: Option<usize> = None;
    for (n, &i) in words.iter().enumerate() {
        let word = tokens[i];
        let lower = word.to_lowercase().replace('’', "'");
        let next = words.get(n + 1).map(|&j| tokens[j].to_lowercase());
        if agree_at == Some(n) {
            match agree(&lower) {
                Some(verb) => out[i] = same_case(word, &verb),
                None if ADVERBS.contains(&lower.as_str()) => agree_at = Some(n + 1),
                None => {}
            }
            if agree_at == Some(n) {
                agree_at = None;
            }
            continue;
        }
        let replacement = match lower.as_str() {
            "i" | "he" | "she" => {
                agree_at = Some(n + 1);
                "you"
            }
            "i'm" | "he's" | "she's" => "you're",
            "i've" => "you've",
            "i'll" | "he'll" | "she'll" => "you'll",
            "i'd" | "he'd" | "she'd" => "you'd",
            "me" | "him" => "you",
            "my" | "his" => "your",
            "mine" | "hers" => "yours",
            "myself" | "himself" | "herself" => "yourself",
            "her" => match next.as_deref() {
                None => "you",
                Some(w) if AFTER_OBJECT_HER.contains(&w) => "you",
                Some(_) => "your",
            },
            _ => continue,
        };
        out[i] = if n == 0 || word.starts_with(char::is_uppercase) && lower != "i" {
            same_case(word, replacement)
        } else {
            replacement.to_string()
        };
    }
    out.concat()
}

/// The second-person form of a verb after "I"/"he"/"she", when it differs.
fn agree(verb: &str) -> Option<String> {
    let fixed = match verb {
        "am" | "is" => "are",
        "was" => "were",
        "has" => "have",
        "does" => "do",
        "doesn't" => "don't",
        "isn't" => "aren't",
        "wasn't" => "weren't",
        "hasn't" => "haven't",
        "goes" => "go",
        _ => "",
    };
    if !fixed.is_empty() {
        return Some(fixed.to_string());
    }
    let stem = if let Some(s) = verb.strip_suffix("ies") {
        format!("{s}y")
    } else if let Some(s) = ["ches", "shes", "sses", "xes", "zes"].iter().find_map(|e| {
        verb.strip_suffix(e)
            .map(|s| format!("{s}{}", &e[..e.len() - 2]))
    }) {
        s
    } else if let Some(s) = verb.strip_suffix('s').filter(|_| !verb.ends_with("ss")) {
        s.to_string()
    } else {
        return None;
    };
    (VERBS.contains(&stem.as_str()) || KNOWN_S_VERBS.contains(&stem.as_str())).then_some(stem)
}

/// Verbs (beyond `VERBS`) whose "-s" form often follows "he"/"she" in a coach's note.
const KNOWN_S_VERBS: &[&str] = &[
    "want", "need", "like", "hate", "wish", "miss", "struggle", "work", "plan", "hope", "think",
    "say", "know", "dream", "mean", "worry",
];

/// "you want to run" → "run", "to hike" → "hike", "you're training for" → "training for".
fn strip_lead_in(text: &str) -> &str {
    const LEAD_INS: &[&str] = &[
        "you want to ",
        "you would like to ",
        "you'd like to ",
        "you wish to ",
        "you hope to ",
        "you need to ",
        "you plan to ",
        "you are going to ",
        "you're going to ",
        "you are ",
        "you're ",
        "goal: ",
        "to ",
    ];
    let mut rest = text.trim_start();
    'again: loop {
        for lead in LEAD_INS {
            if rest.len() > lead.len()
                && rest.is_char_boundary(lead.len())
                && rest[..lead.len()].eq_ignore_ascii_case(lead)
            {
                rest = rest[lead.len()..].trim_start();
                continue 'again;
            }
        }
        return rest;
    }
}

/// Lowercase the first word mid-sentence unless it looks like a name or an acronym.
fn lower_first_word(text: &mut String) {
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        return;
    };
    let rest_lower = first.chars().skip(1).all(|c| !c.is_uppercase());
    let lower = first.to_lowercase();
    let common = VERBS.contains(&lower.as_str())
        || COMMON.contains(&lower.as_str())
        || (lower.ends_with("ing") && lower.len() > 4);
    let next_is_name = words
        .next()
        .is_some_and(|w| w.starts_with(char::is_uppercase));
    if rest_lower && (common || !next_is_name) {
        let mut chars = text.chars();
        if let Some(c) = chars.next() {
            *text = c.to_lowercase().chain(chars).collect();
        }
    }
}

fn tokenize(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = 0;
    let mut in_word = None;
    for (i, c) in text.char_indices() {
        let w = c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
        if in_word != Some(w) {
            if i > start {
                tokens.push(&text[start..i]);
            }
            start = i;
            in_word = Some(w);
        }
    }
    if start < text.len() {
        tokens.push(&text[start..]);
    }
    tokens
}

fn is_word(token: &str) -> bool {
    token.starts_with(|c: char| c.is_alphanumeric())
}

/// `replacement` with the capital of `original`'s first letter.
fn same_case(original: &str, replacement: &str) -> String {
    if original.starts_with(char::is_uppercase) {
        let mut chars = replacement.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        replacement.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals_read_in_the_second_person_and_the_sentences_grammar() {
        let cases = [
            (
                "A pull-up by her 40th birthday",
                "your goal of a pull-up by your 40th birthday",
            ),
            (
                "Lose the 8 kg he gained working from home",
                "your goal to lose the 8 kg you gained working from home",
            ),
            (
                "Lose 10 kg before my wedding",
                "your goal to lose 10 kg before your wedding",
            ),
            (
                "Run a 10k without stopping",
                "your goal to run a 10k without stopping",
            ),
            (
                "Run the Riverside half marathon",
                "your goal to run the Riverside half marathon",
            ),
            (
                "Be able to lift my grandchildren",
                "your goal to be able to lift your grandchildren",
            ),
            (
                "Get his squat back to 140 kg",
                "your goal to get your squat back to 140 kg",
            ),
            ("Stronger knees", "your goal of stronger knees"),
            ("A first pull-up", "your goal of a first pull-up"),
            (
                "Swim 1 km in open water.",
                "your goal to swim 1 km in open water",
            ),
            ("Touch my toes again!", "your goal to touch your toes again"),
            ("I want to run a marathon", "your goal to run a marathon"),
            (
                "She wants to feel confident in the gym",
                "your goal to feel confident in the gym",
            ),
            (
                "To hike the Camino de Santiago next spring",
                "your goal to hike the Camino de Santiago next spring",
            ),
            (
                "Deadlift twice his bodyweight",
                "your goal to deadlift twice your bodyweight",
            ),
            (
                "Get back to pre-pregnancy strength",
                "your goal to get back to pre-pregnancy strength",
            ),
            (
                "No more back pain at work",
                "your goal of no more back pain at work",
            ),
            (
                "Sleep better and have more energy",
                "your goal to sleep better and have more energy",
            ),
            (
                "Boston Marathon qualifying time",
                "your goal of Boston Marathon qualifying time",
            ),
            (
                "Drop two dress sizes by summer",
                "your goal to drop two dress sizes by summer",
            ),
            (
                "Deadlift her bodyweight",
                "your goal to deadlift your bodyweight",
            ),
            ("Running a sub-25 5k", "your goal of running a sub-25 5k"),
            (
                "Walk without a stick after her hip replacement",
                "your goal to walk without a stick after your hip replacement",
            ),
            (
                "Keep up with my kids",
                "your goal to keep up with your kids",
            ),
            (
                "Feel strong, not skinny",
                "your goal to feel strong, not skinny",
            ),
            (
                "Hold a plank for 2 minutes",
                "your goal to hold a plank for 2 minutes",
            ),
            (
                "Get fit for my first Spartan race",
                "your goal to get fit for your first Spartan race",
            ),
            (
                "More energy for her grandchildren",
                "your goal of more energy for your grandchildren",
            ),
            (
                "Return to tennis after her ACL reconstruction",
                "your goal to return to tennis after your ACL reconstruction",
            ),
            (
                "I'm training for my first 5k",
                "your goal of training for your first 5k",
            ),
            (
                "Help her manage stress",
                "your goal to help you manage stress",
            ),
            (
                "Climb Kilimanjaro with his brother",
                "your goal to climb Kilimanjaro with your brother",
            ),
            (
                "\"Finish a Tough Mudder\"",
                "your goal to finish a Tough Mudder",
            ),
            ("Lose 5 kg (for the wedding)", "your goal to lose 5 kg"),
            (
                "Make her family proud",
                "your goal to make your family proud",
            ),
            (
                "Prove to herself that she is strong",
                "your goal to prove to yourself that you are strong",
            ),
            (
                "Squat 100 kg. Then a meet in spring.",
                "your goal to squat 100 kg",
            ),
            (
                "ACL rehab and back on the pitch",
                "your goal of ACL rehab and back on the pitch",
            ),
            (
                "Marathon in under 4 hours",
                "your goal of marathon in under 4 hours",
            ),
        ];
        for (goal, expected) in cases {
            assert_eq!(goal_phrase(goal).as_deref(), Some(expected), "{goal}");
        }
    }

    #[test]
    fn the_verb_after_a_turned_subject_agrees() {
        assert_eq!(
            second_person("she always tries hard"),
            "you always try hard"
        );
        assert_eq!(
            second_person("I am stronger than I was"),
            "You are stronger than you were"
        );
        assert_eq!(second_person("he has a bad knee"), "you have a bad knee");
        assert_eq!(
            second_person("She is proud, and he doesn't know"),
            "You are proud, and you don't know"
        );
    }

    #[test]
    fn a_goal_that_does_not_fit_a_short_phrase_is_left_out() {
        assert_eq!(goal_phrase(""), None);
        assert_eq!(goal_phrase("  ... "), None);
        assert_eq!(goal_phrase("(private)"), None);
        let long = "Complete a sprint triathlon by the end of the year and raise money for the hospice that looked after his mum in her last weeks";
        assert_eq!(goal_phrase(long), None);
    }

    #[test]
    fn no_phrase_ends_in_punctuation_or_carries_brackets() {
        for goal in [
            "Win!!",
            "Run?",
            "“Swim a mile.”",
            "Lift (heavy) things;",
            "Get [x] fit...",
        ] {
            let phrase = goal_phrase(goal).unwrap_or_default();
            assert!(
                !phrase.ends_with(['.', '!', '?', ';']) && !phrase.contains(['(', '[', '"', '“']),
                "{goal} -> {phrase}"
            );
        }
    }
}
