//! The coach's desk, end to end: `show`, `draft`, `today --drafts` and `review`.

use crate::common;

use common::{Studio, outcome, stdout};

/// A week, 16–22 Nov 2026, with one of each outcome:
/// - Ann: weekly check-in due Mon 16 Nov, contact that day → done on the day;
/// - Bo: weekly check-in due Mon 16 Nov, contact on Thu 19 → late by 3;
/// - Cy: weekly check-in due Wed 18 Nov, nothing since → open;
/// - Di: renewal on Fri 20 Nov, talk due 13 Nov, a session (not the talk) → missed.
const WEEK: &str = r#"[coach]
name = "Sam Rivera"
renewal_notice = "7d"
[[client]]
name = "Ann Lee"
id = "ann"
start = 2026-11-02
goal = "Run 5 km"
cadence = "1w"
journey = "none"
last_contact = 2026-11-09
[[client]]
name = "Bo Chen"
id = "bo"
start = 2026-11-02
goal = "Touch her toes"
cadence = "1w"
journey = "none"
last_contact = 2026-11-09
[[client]]
name = "Cy Diaz"
id = "cy"
start = 2026-11-04
goal = "Ten push-ups"
cadence = "1w"
journey = "none"
last_contact = 2026-11-11
[[client]]
name = "Di Evans"
id = "di"
start = 2026-01-05
goal = "Stay strong"
cadence = "none"
journey = "none"
renewal = 2026-11-20
"#;

const WEEK_LOG: &str = r#"[[entry]]
client = "ann"
date = 2026-11-16
kind = "contact"
done = []

[[entry]]
client = "bo"
date = 2026-11-19
kind = "contact"
done = []

[[entry]]
client = "di"
date = 2026-11-15
kind = "session"
done = []
"#;

fn week() -> Studio {
    let studio = Studio::new(WEEK);
    studio.write("clients.history.toml", WEEK_LOG);
    studio
}

#[test]
fn review_gives_each_item_its_exact_outcome() {
    let studio = week();
    let csv = stdout(studio.run(&["review", "--format", "csv", "--date", "2026-11-22"]));
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .flatten()
        .map(|r| r.iter().map(String::from).collect())
        .collect();
    let find = |id: &str, kind: &str| {
        rows.iter()
            .find(|r| r[0] == id && r[2] == kind)
            .unwrap_or_else(|| panic!("no {kind} row for {id} in {rows:?}"))
            .clone()
    };
    let ann = find("ann", "checkin");
    assert_eq!(
        &ann[4..],
        ["2026-11-16", "2026-11-16", "done", "2026-11-16", ""]
    );
    let bo = find("bo", "checkin");
    assert_eq!(
        &bo[4..],
        ["2026-11-16", "2026-11-16", "late", "2026-11-19", "3"]
    );
    let cy = find("cy", "checkin");
    assert_eq!(&cy[4..], ["2026-11-18", "2026-11-18", "open", "", ""]);
    let di = find("di", "renewal");
    assert_eq!(&di[4..], ["2026-11-13", "2026-11-13", "missed", "", ""]);
    assert_eq!(rows.len(), 4, "{rows:?}");

    let table = stdout(studio.run(&["review", "--date", "2026-11-22"]));
    // The headline wraps at 80 columns like every line piped to a mail.
    let headline = table
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .replace("\n  ", " ");
    assert!(table.lines().all(|l| l.chars().count() <= 80), "{table}");
    assert_eq!(
        headline,
        "Review · 16 Nov – 22 Nov · 1 of 4 done, 1 late by 3 days on median, 1 open, 1 renewal missed"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(studio.run(&[
        "review",
        "--format",
        "json",
        "--date",
        "2026-11-22",
    ])))
    .expect("JSON");
    let bo = json
        .as_array()
        .and_then(|a| a.iter().find(|r| r["client_id"] == "bo"))
        .expect("Bo");
    assert_eq!(bo["days_late"], 3);
    assert!(
        json.as_array()
            .is_some_and(|a| a.iter().any(|r| r["days_late"].is_null()))
    );
}

#[test]
fn review_tells_a_snoozed_item_handled_on_the_agreed_day_as_done() {
    let studio = week();
    let log = format!(
        "{WEEK_LOG}\n[[entry]]\nclient = \"cy\"\ndate = 2026-11-17\nkind = \"snooze\"\nnext = 2026-11-21\n\n\
         [[entry]]\nclient = \"cy\"\ndate = 2026-11-21\nkind = \"contact\"\ndone = []\n"
    );
    studio.write("clients.history.toml", &log);
    let csv = stdout(studio.run(&["review", "--format", "csv", "--date", "2026-11-22"]));
    let cy = csv
        .lines()
        .find(|l| l.starts_with("cy,"))
        .expect("cy's row");
    assert_eq!(
        cy,
        "cy,Cy Diaz,checkin,Check-in (every week),2026-11-18,2026-11-21,done,2026-11-21,"
    );
}

#[test]
fn show_tells_the_whole_story_newest_first() {
    let roster =
        format!("{WEEK}notes = [\"Daughter: Mia\", \"Loves hiking\", \"Knee surgery 2019\"]\n")
            .replace(
                "name = \"Di Evans\"",
                "name = \"Di Evans\"\nchannel = \"text\"\ncontact = \"555 0199\"",
            );
    let studio = Studio::new(&roster);
    studio.write(
        "clients.history.toml",
        "[[entry]]\nclient = \"di\"\ndate = 2026-11-10\nkind = \"contact\"\ndone = []\nnote = \"Back from holiday\"\n\n\
         [[entry]]\nclient = \"di\"\ndate = 2026-11-15\nkind = \"no-reply\"\n",
    );
    let out = stdout(studio.run(&["show", "di", "--date", "2026-11-16"]));
    for expected in [
        "Di Evans (di)",
        "text 555 0199",
        "Stay strong",
        "- Daughter: Mia",
        "- Loves hiking",
        "- Knee surgery 2019",
        "renews Fri 20 Nov 2026",
        "1 no-reply in all, 1 since the last contact",
        "\"Back from holiday\"",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    let newest = out.find("15 Nov 2026  no-reply").expect("the no-reply");
    let older = out.find("10 Nov 2026  contact").expect("the contact");
    assert!(newest < older, "newest first:\n{out}");
    assert!(
        out.lines().all(|l| l.chars().count() <= 80),
        "80 columns:\n{out}"
    );

    let json: serde_json::Value = serde_json::from_str(&stdout(studio.run(&[
        "show",
        "di",
        "--format",
        "json",
        "--date",
        "2026-11-16",
    ])))
    .expect("JSON");
    assert_eq!(json["notes"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["timeline"][0]["kind"], "no-reply");
    assert_eq!(json["timeline"][1]["note"], "Back from holiday");
    assert!(json["items"].is_array() && json["why"].is_null());

    let (code, _, err) = outcome(studio.run(&["show", "dii"]));
    assert_eq!(code, 1);
    assert!(err.contains("did you mean `di`?"), "{err}");
    let (code, _, _) = outcome(studio.run(&["show", "di", "--format", "csv"]));
    assert_eq!(code, 2);
}

/// One client due for each kind of item on 23 Nov 2026.
const EVERY_KIND: &str = r#"[coach]
name = "Sam"
give_up_after = 1
reconnect_after = "1w"
[[client]]
name = "Cara Check"
id = "checkin"
start = 2026-11-02
goal = "Run 5 km"
cadence = "1w"
journey = "none"
last_contact = 2026-11-16
[[client]]
name = "Stan Step"
id = "step"
start = 2026-08-23
goal = "Lift more"
why = "For his back"
cadence = "none"
[[client]]
name = "Rene Renewal"
id = "renewal"
start = 2026-01-05
cadence = "none"
journey = "none"
renewal = 2026-12-20
[[client]]
name = "Tara Target"
id = "target"
start = 2026-01-05
cadence = "none"
journey = "none"
goal = "A pull-up"
goal_by = 2026-11-23
[[client]]
name = "Drew Drift"
id = "drift"
start = 2026-01-05
cadence = "none"
journey = "none"
last_session = 2026-10-01
[[client]]
name = "Rhea Reconnect"
id = "reconnect"
start = 2026-01-05
cadence = "1w"
journey = "none"
[[client]]
name = "Bea Birthday"
id = "birthday"
start = 2026-01-05
cadence = "none"
journey = "none"
birthday = "11-23"
[[client]]
name = "Wes Back"
id = "back"
start = 2026-01-05
cadence = "1w"
journey = "none"
status = "paused"
paused_until = 2026-11-23
"#;

#[test]
fn drafts_for_every_kind_name_the_client_and_leave_no_placeholder() {
    let studio = Studio::new(EVERY_KIND);
    studio.write(
        "clients.history.toml",
        "[[entry]]\nclient = \"reconnect\"\ndate = 2026-11-16\nkind = \"no-reply\"\n",
    );
    let csv = stdout(studio.run(&["today", "--all", "--format", "csv"]));
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .flatten()
        .collect();
    let mut kinds: Vec<&str> = rows.iter().map(|r| r.get(3).unwrap_or("")).collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(
        kinds,
        [
            "birthday",
            "checkin",
            "drift",
            "reconnect",
            "renewal",
            "step",
            "target"
        ],
        "{csv}"
    );
    for row in &rows {
        let (first, draft) = (row[2].split(' ').next().unwrap_or(""), &row[15]);
        assert!(draft.contains(first), "{first}: {draft}");
        assert!(!draft.contains('{') && !draft.contains('}'), "{draft}");
        assert!(!draft.contains("()") && !draft.contains("  "), "{draft}");
        assert!(draft.len() < 300, "short: {draft}");
    }
    // No goal, no why: the wording does not pretend there is one.
    let rene = rows.iter().find(|r| &r[1] == "renewal").expect("Rene");
    assert!(!rene[15].contains("goal"), "{}", &rene[15]);
    let wes = rows.iter().find(|r| &r[1] == "back").expect("Wes");
    assert!(wes[15].contains("welcome back"), "{}", &wes[15]);

    let drafts = stdout(studio.run(&["draft"]));
    let blocks: Vec<&str> = drafts.split("\n\n").collect();
    assert_eq!(blocks.len(), 8, "one block per client:\n{drafts}");
    assert!(
        drafts.starts_with("Drew Drift · no session for 53 days\nHi Drew,"),
        "{drafts}"
    );
    let one = stdout(studio.run(&["draft", "birthday"]));
    assert_eq!(
        one,
        "Bea Birthday · birthday\nHappy birthday, Bea! Have a wonderful day.\n"
    );
}

#[test]
fn the_coachs_own_templates_replace_the_built_in_wording() {
    let roster = EVERY_KIND.replace(
        "[coach]\n",
        "[messages]\ncheckin = \"Hey {first_name}! {goal}: how is it going? – {coach}\"\n[coach]\n",
    );
    let studio = Studio::new(&roster);
    let out = stdout(studio.run(&["draft", "checkin"]));
    assert_eq!(
        out,
        "Cara Check · check-in\nHey Cara! Run 5 km: how is it going? – Sam\n"
    );
    // Wes has no goal: the template cannot be filled, the built-in wording is used.
    let wes = stdout(studio.run(&["draft", "back"]));
    assert!(wes.contains("welcome back"), "{wes}");
    let table = stdout(studio.run(&["today", "--client", "checkin", "--drafts"]));
    assert!(table.contains("Draft: Hey Cara!"), "{table}");
}
