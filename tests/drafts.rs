//! Drafts a coach would send as they are (SPEC v3 §4 "Drafts for the moment", the `6w`
//! step and the anniversary rule; §1 the `check` warning): the stories of the scored
//! drafts, end to end, and a lint over every draft of a year's agenda for a roster of 44
//! varied goals and whys (`tests/drafts/roster.toml`).

use crate::common;

use std::collections::HashMap;
use std::path::Path;

use common::{Studio, outcome, stdout};
use serde_json::Value;

/// One client with the standard journey and the given keys.
fn one(id: &str, name: &str, start: &str, extra: &str) -> String {
    format!("[[client]]\nname = \"{name}\"\nid = \"{id}\"\nstart = {start}\n{extra}\n")
}

fn entry(id: &str, date: &str, kind: &str) -> String {
    format!("\n[[entry]]\nclient = \"{id}\"\ndate = {date}\nkind = \"{kind}\"\n")
}

/// Today's rows for one client as (kind, title, draft).
fn today(studio: &Studio, date: &str, id: &str) -> Vec<(String, String, String)> {
    let out = stdout(studio.run(&[
        "today", "--all", "--client", id, "--format", "json", "--date", date,
    ]));
    let rows: Vec<Value> = serde_json::from_str(&out).expect("today JSON");
    rows.iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap_or_default().to_string(),
                r["title"].as_str().unwrap_or_default().to_string(),
                r["draft"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The draft of today's row of `kind` for the client.
fn draft_of(studio: &Studio, date: &str, id: &str, kind: &str) -> String {
    today(studio, date, id)
        .into_iter()
        .find(|r| r.0 == kind)
        .unwrap_or_else(|| panic!("no {kind} row for {id} on {date}"))
        .2
}

fn journey_titles(studio: &Studio, id: &str, months: &str) -> Vec<(String, String)> {
    let out = stdout(studio.run(&["journey", id, "--months", months, "--format", "json"]));
    let rows: Vec<Value> = serde_json::from_str(&out).expect("journey JSON");
    rows.iter()
        .map(|r| {
            (
                r["date"].as_str().unwrap_or_default().to_string(),
                r["title"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_standard_journey_asks_at_six_weeks_whether_it_is_a_habit_yet() {
    let studio = Studio::new(&one(
        "ann",
        "Ann Lee",
        "2026-10-01",
        "goal = \"Get strong\"",
    ));
    let steps = journey_titles(&studio, "ann", "3");
    assert!(
        steps.contains(&(
            "2026-11-12".to_string(),
            "Six weeks: is it a habit yet?".to_string()
        )),
        "{steps:?}"
    );
}

#[test]
fn an_anniversary_a_month_after_a_one_year_review_is_left_out() {
    let roster = "[journeys.year]\n[[journeys.year.steps]]\nafter = \"11m\"\nkind = \"review\"\ntitle = \"One-year review\"\n\n"
        .to_string()
        + &one("ann", "Ann Lee", "2026-01-05", "journey = \"year\"\ncadence = \"none\"");
    let studio = Studio::new(&roster);
    let titles: Vec<String> = journey_titles(&studio, "ann", "30")
        .into_iter()
        .map(|r| r.1)
        .collect();
    assert!(
        titles.contains(&"One-year review".to_string()),
        "{titles:?}"
    );
    assert!(
        !titles.contains(&"One year together".to_string()),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"2 years together".to_string()),
        "{titles:?}"
    );
}

#[test]
fn graces_goal_is_said_to_her_in_the_second_person_without_brackets() {
    let studio = Studio::new(&one(
        "grace",
        "Grace Liu",
        "2026-01-05",
        "goal = \"A pull-up by her 40th birthday\"\ncadence = \"1w\"\njourney = \"none\"",
    ));
    let text = draft_of(&studio, "2026-11-23", "grace", "checkin");
    assert!(
        text.contains("your goal of a pull-up by your 40th birthday"),
        "{text}"
    );
    assert!(!text.contains('(') && !text.contains(" her "), "{text}");
}

#[test]
fn first_and_third_person_goals_are_turned_to_you() {
    let studio = Studio::new(
        &[
            one(
                "hugo",
                "Hugo Martin",
                "2026-01-05",
                "goal = \"Lose the 8 kg he gained working from home\"\ncadence = \"1w\"\njourney = \"none\"",
            ),
            one(
                "nina",
                "Nina Petrova",
                "2026-01-05",
                "goal = \"Lose 10 kg before my wedding.\"\ncadence = \"1w\"\njourney = \"none\"",
            ),
        ]
        .concat(),
    );
    let hugo = draft_of(&studio, "2026-11-23", "hugo", "checkin");
    assert!(
        hugo.contains("your goal to lose the 8 kg you gained working from home"),
        "{hugo}"
    );
    let nina = draft_of(&studio, "2026-11-23", "nina", "checkin");
    assert!(
        nina.contains("your goal to lose 10 kg before your wedding"),
        "{nina}"
    );
    assert!(
        !nina.contains("my wedding") && !nina.contains(".."),
        "{nina}"
    );
}

#[test]
fn the_why_is_never_quoted_back_and_no_why_is_never_claimed() {
    let studio = Studio::new(
        &[
            one(
                "omar",
                "Omar Haddad",
                "2026-03-20",
                "goal = \"Run the Riverside half marathon\"\nwhy = \"Dad and I planned it before he passed\"\ncadence = \"none\"",
            ),
            one("ben", "Ben Smith", "2026-03-20", "cadence = \"none\""),
        ]
        .concat(),
    );
    // The "Revisit the why" step falls eight months in: 20 November.
    let omar = draft_of(&studio, "2026-11-23", "omar", "step");
    for word in ["Dad", "planned", "passed"] {
        assert!(!omar.contains(word), "{omar}");
    }
    let ben = draft_of(&studio, "2026-11-23", "ben", "step");
    assert!(!ben.contains("you told me why"), "{ben}");
}

#[test]
fn custom_steps_without_a_message_never_send_their_title() {
    let roster = "[journeys.studio]\n\
        [[journeys.studio.steps]]\nafter = \"1m\"\nkind = \"referral\"\ntitle = \"Quarterly review and referral\"\n\
        [[journeys.studio.steps]]\nafter = \"2m\"\nkind = \"voice-note\"\ntitle = \"Personal touch: a voice note, no programme talk.\"\n\n"
        .to_string()
        + &one("ann", "Ann Lee", "2026-09-20", "journey = \"studio\"\ncadence = \"none\"\ngoal = \"Get strong\"")
        + &one("bo", "Bo Berg", "2026-10-20", "journey = \"studio\"\ncadence = \"none\"\ngoal = \"Get strong\"");
    let studio = Studio::new(&roster);
    // Ann's voice note fell on 20 Nov; Bo's referral on 20 Nov.
    let ann = draft_of(&studio, "2026-11-23", "ann", "step");
    assert!(
        !ann.contains("voice note") && !ann.contains("programme"),
        "{ann}"
    );
    assert!(ann.starts_with("Hi Ann,"), "{ann}");
    let bo = draft_of(&studio, "2026-11-23", "bo", "step");
    assert!(
        !bo.contains("Quarterly") && !bo.contains("referral"),
        "{bo}"
    );
    // `check` says which kind has no message of its own.
    let (code, _, err) = outcome(studio.run(&["check"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning:")
            && err.contains("voice-note")
            && err.contains("a neutral message will be used"),
        "{err}"
    );
    assert!(
        !err.contains("`referral`"),
        "referral has a built-in message: {err}"
    );
}

#[test]
fn a_goal_date_is_wished_well_on_the_day_and_asked_about_after() {
    let studio = Studio::new(&one(
        "omar",
        "Omar Haddad",
        "2026-01-05",
        "goal = \"Run the Riverside half marathon\"\ngoal_by = 2026-10-18\ncadence = \"none\"\njourney = \"none\"",
    ));
    let on_the_day = draft_of(&studio, "2026-10-18", "omar", "target");
    assert!(on_the_day.contains("today"), "{on_the_day}");
    assert!(
        !on_the_day.contains("was the date") && !on_the_day.contains("how did it go"),
        "{on_the_day}"
    );
    assert!(!on_the_day.contains("18 October"), "{on_the_day}");
    let after = draft_of(&studio, "2026-10-21", "omar", "target");
    assert!(after.to_lowercase().contains("how did it go"), "{after}");
}

#[test]
fn a_welcome_back_never_asks_how_the_break_was() {
    let studio = Studio::new(&one(
        "priya",
        "Priya Nair",
        "2026-02-02",
        "goal = \"Deadlift her bodyweight\"\nstatus = \"paused\"\npaused_until = 2026-11-23\ncadence = \"1w\"",
    ));
    let text = draft_of(&studio, "2026-11-23", "priya", "checkin");
    assert!(text.contains("welcome back"), "{text}");
    assert!(!text.to_lowercase().contains("how was the break"), "{text}");
    assert!(!text.contains("her bodyweight"), "{text}");
}

#[test]
fn the_kick_off_after_the_first_session_does_not_say_before_we_start() {
    let studio = Studio::new(&one(
        "tom",
        "Tom Becker",
        "2026-11-20",
        "goal = \"Ski the whole season without knee pain\"\ncadence = \"1w\"",
    ));
    let before = draft_of(&studio, "2026-11-20", "tom", "step");
    assert!(
        before.to_lowercase().contains("before we start"),
        "{before}"
    );
    studio.write(
        "clients.history.toml",
        &entry("tom", "2026-11-20", "session"),
    );
    // The session did not name the kick-off (`done = []` would; a bare session does not
    // handle a step), so it is still listed the next day.
    studio.write(
        "clients.history.toml",
        "[[entry]]\nclient = \"tom\"\ndate = 2026-11-20\nkind = \"session\"\ndone = []\n",
    );
    let after = draft_of(&studio, "2026-11-21", "tom", "step");
    assert!(!after.to_lowercase().contains("before we start"), "{after}");
}

#[test]
fn each_retry_after_no_reply_is_shorter_than_the_first_text_and_never_the_same() {
    let studio = Studio::new(&one(
        "kevin",
        "Kevin Walsh",
        "2026-01-05",
        "goal = \"Get his squat back to 140 kg\"\ncadence = \"1w\"\njourney = \"none\"",
    ));
    let mut history = entry("kevin", "2026-11-01", "contact");
    studio.write("clients.history.toml", &history);
    let first = draft_of(&studio, "2026-11-08", "kevin", "checkin");
    let mut seen = vec![first.clone()];
    // Unanswered on 8 Nov, then again on each retry day (1w, then 2w later).
    for (tried, retry_day) in [("2026-11-08", "2026-11-15"), ("2026-11-15", "2026-11-29")] {
        history += &entry("kevin", tried, "no-reply");
        studio.write("clients.history.toml", &history);
        let text = draft_of(&studio, retry_day, "kevin", "checkin");
        assert!(text.len() < first.len(), "{text} / {first}");
        assert!(!seen.contains(&text), "{text} sent twice");
        assert!(!text.contains("his squat"), "{text}");
        seen.push(text);
    }
}

#[test]
fn a_renewal_talk_leads_with_their_progress_and_names_the_date_after() {
    let studio = Studio::new(&one(
        "nina",
        "Nina Petrova",
        "2026-01-05",
        "goal = \"Lose 10 kg before my wedding\"\nrenewal = 2026-12-10\ncadence = \"none\"\njourney = \"none\"",
    ));
    let text = draft_of(&studio, "2026-11-23", "nina", "renewal");
    let date = text.find("10 December").expect("the renewal date");
    let first_sentence = text.find(['.', '?', '!']).unwrap_or(text.len());
    assert!(date > first_sentence, "{text}");
    assert!(!text.contains("renews on") || date > 40, "{text}");
}

/// Words of a why as 3-word runs (or the whole why when shorter).
fn runs(text: &str) -> Vec<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() < 3 {
        return vec![words.join(" ")]
            .into_iter()
            .filter(|w| w.contains(' '))
            .collect();
    }
    words.windows(3).map(|w| w.join(" ")).collect()
}

fn normalised(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_draft_of_a_year_for_44_varied_clients_reads_as_sent_to_the_client() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/drafts/roster.toml");
    let studio = Studio::new(&std::fs::read_to_string(fixture).expect("fixture"));
    let roster: toml::Table = toml::from_str(&studio.read("clients.toml")).expect("TOML");
    let clients: HashMap<String, &toml::Table> = roster["client"]
        .as_array()
        .expect("clients")
        .iter()
        .filter_map(|c| c.as_table())
        .map(|c| (c["id"].as_str().unwrap_or_default().to_string(), c))
        .collect();
    let out = stdout(studio.run(&["agenda", "--days", "365", "--format", "json"]));
    let rows: Vec<Value> = serde_json::from_str(&out).expect("agenda JSON");
    let mut problems = Vec::new();
    let mut drafts = 0;
    let mut last_for_item: HashMap<(String, String, String), String> = HashMap::new();
    let third = [
        "he", "she", "him", "her", "his", "hers", "himself", "herself",
    ];
    for row in &rows {
        let s = |k: &str| row[k].as_str().unwrap_or_default().to_string();
        let (id, kind, title, draft, date) =
            (s("client_id"), s("kind"), s("title"), s("draft"), s("date"));
        let mut bad =
            |why: &str| problems.push(format!("{id} {date} {kind} {title:?}: {why}: {draft}"));
        if row["in_person"].as_bool() == Some(true) {
            if !draft.is_empty() {
                bad("a draft for an item said in person");
            }
            continue;
        }
        if draft.is_empty() {
            bad("no draft");
            continue;
        }
        drafts += 1;
        let client = clients[&id];
        let field = |k: &str| client.get(k).and_then(|v| v.as_str()).unwrap_or_default();
        let words = normalised(&draft);
        let word_list: Vec<&str> = words.split(' ').collect();
        if let Some(w) = word_list.iter().find(|w| third.contains(w)) {
            bad(&format!("third-person word {w:?}"));
        }
        let goal = field("goal");
        let goal_words: Vec<&str> = goal.split_whitespace().collect();
        for pair in goal_words.windows(2) {
            let first = pair[0].trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
            if ["I", "I'm", "my", "My", "me", "myself", "mine"].contains(&first) {
                let phrase = normalised(&pair.join(" "));
                if words.contains(&phrase) {
                    bad(&format!("first-person {phrase:?} from the goal"));
                }
            }
        }
        if draft.contains(['(', ')', '[', ']', '{', '}']) {
            bad("brackets or a placeholder left");
        }
        for doubled in ["?.", "..", "\".", "!.", ".,", ",.", "?!", "!?"] {
            if draft.contains(doubled) {
                bad(&format!("doubled punctuation {doubled:?}"));
            }
        }
        let bare_title = normalised(title.split(" (+").next().unwrap_or_default());
        if kind == "step" && words.contains(&bare_title) {
            bad("the step's title in the text");
        }
        for run in runs(field("why")) {
            if !run.is_empty() && words.contains(&run) {
                bad(&format!("the why in the text ({run:?})"));
            }
        }
        for unit in ["days", "weeks", "months", "years"] {
            if word_list.windows(2).any(|w| w[0] == "1" && w[1] == unit) {
                bad(&format!("\"1 {unit}\""));
            }
        }
        if draft.chars().count() > 320 {
            bad("over 320 characters");
        }
        if draft.matches('!').count() > 1 {
            bad("two exclamation marks");
        }
        let lower = draft.to_lowercase();
        let start = client
            .get("start")
            .map(|v| v.to_string())
            .unwrap_or_default();
        if lower.contains("before we start") && date.as_str() > start.as_str() && kind != "step" {
            bad("\"before we start\" after the start");
        }
        if let Some(goal_by) = client.get("goal_by").map(|v| v.to_string())
            && date.as_str() <= goal_by.as_str()
            && (lower.contains("how did it go") || lower.contains("was the date"))
        {
            bad("past tense on or before the goal date");
        }
        if lower.contains("how was the break") {
            bad("asks how the break was");
        }
        let item = (id.clone(), kind.clone(), s("due"));
        if last_for_item.insert(item, draft.clone()).as_deref() == Some(draft.as_str()) {
            bad("the same text twice in a row for one item");
        }
    }
    assert!(drafts > 500, "only {drafts} drafts in a year");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn on_the_last_call_day_the_renewal_draft_says_tomorrow_not_the_date() {
    let studio = Studio::new(&one(
        "sofia",
        "Sofia Alvarez",
        "2026-01-05",
        "goal = \"Feel at home in the gym\"\nrenewal = 2026-11-24\ncadence = \"none\"\njourney = \"none\"",
    ));
    let last_call = draft_of(&studio, "2026-11-23", "sofia", "renewal");
    assert!(last_call.contains("renews tomorrow"), "{last_call}");
    assert!(!last_call.contains("24 November"), "{last_call}");
}
