//! The coach's real week (SPEC v3 §2 "Rhythm"): a client's usual session days, set or
//! learned; what is said in person; no texting those who are coming in; early drift.

use crate::common;

use common::{Studio, stdout};

/// Kevin: three sessions a week for four weeks (Mon/Wed/Fri, 26 Oct to 23 Nov), and three
/// texts that went unanswered.
fn kevin() -> Studio {
    let studio = Studio::new(
        "[[client]]\nname = \"Kevin Lee\"\nid = \"kevin\"\nstart = 2026-05-25\ngoal = \"Squat 100 kg\"\ncadence = \"1w\"\nchannel = \"text\"\n",
    );
    let mut history = String::new();
    let mut day = chrono::NaiveDate::from_ymd_opt(2026, 10, 26).unwrap_or_default();
    let last = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    while day <= last {
        use chrono::Datelike;
        if matches!(
            day.weekday(),
            chrono::Weekday::Mon | chrono::Weekday::Wed | chrono::Weekday::Fri
        ) {
            history.push_str(&format!(
                "\n[[entry]]\nclient = \"kevin\"\ndate = {day}\nkind = \"session\"\ndone = []\n"
            ));
        }
        day = day.succ_opt().unwrap_or(day);
    }
    for tried in ["2026-11-03", "2026-11-10", "2026-11-17"] {
        history.push_str(&format!(
            "\n[[entry]]\nclient = \"kevin\"\ndate = {tried}\nkind = \"no-reply\"\ndone = []\n"
        ));
    }
    studio.write("clients.history.toml", &history);
    studio
}

/// (kind, date, in_person) of Kevin's CSV rows on `date`.
fn rows(studio: &Studio, date: &str) -> Vec<(String, String, String)> {
    let out = stdout(studio.run(&["today", "--all", "--format", "csv", "--date", date]));
    csv::Reader::from_reader(out.as_bytes())
        .records()
        .flatten()
        .map(|r| (r[3].to_string(), r[0].to_string(), r[16].to_string()))
        .collect()
}

#[test]
fn kevins_half_year_review_is_brought_up_in_person_on_his_next_usual_day_and_never_hidden() {
    let studio = kevin();
    // The review falls on Wed 25 Nov: listed that day, in person, despite the texts he
    // never answered (the back-off would have hidden it).
    assert_eq!(
        rows(&studio, "2026-11-25"),
        [("step".into(), "2026-11-25".into(), "true".into())]
    );
    let table = stdout(studio.run(&["today", "--date", "2026-11-25"]));
    assert!(
        table.contains("In today: Kevin Lee (usually Mon/Wed/Fri) · bring up \"Half-year review"),
        "{table}"
    );
    // Not a row to text, and no draft to send.
    assert!(!table.contains("Why now"), "{table}");
    let draft = stdout(studio.run(&["draft", "kevin", "--date", "2026-11-25"]));
    assert!(
        draft.contains("in person at Wednesday's session"),
        "{draft}"
    );
    // Not on the days in between: the coach will see him.
    assert_eq!(rows(&studio, "2026-11-24"), []);
    let show = stdout(studio.run(&["show", "kevin", "--date", "2026-11-24"]));
    assert!(show.contains("usually Mon/Wed/Fri (learned)"), "{show}");
}

#[test]
fn no_check_in_text_on_a_day_the_client_is_expected_in() {
    let studio = Studio::new(
        "[[client]]\nname = \"Ben Smith\"\nid = \"ben\"\nstart = 2026-01-05\ngoal = \"Get strong\"\ncadence = \"1w\"\njourney = \"none\"\nsessions = [\"mon\", \"thu\"]\n",
    );
    studio.write(
        "clients.history.toml",
        "[[entry]]\nclient = \"ben\"\ndate = 2026-11-16\nkind = \"session\"\ndone = []\n\n[[entry]]\nclient = \"ben\"\ndate = 2026-11-19\nkind = \"session\"\ndone = []\n\n[[entry]]\nclient = \"ben\"\ndate = 2026-11-23\nkind = \"contact\"\ndone = []\nnote = \"Phoned: away until Thursday week\"\n",
    );
    // The weekly check-in falls on Mon 30 Nov, a session day: the session is the check-in.
    assert_eq!(rows(&studio, "2026-11-30"), []);
    // Nothing to text and nothing to bring up: from cron, no mail at all.
    let table = stdout(studio.run(&["today", "--date", "2026-11-30"]));
    assert_eq!(table, "");
    // He did not come: on Tuesday it is listed, as before.
    assert_eq!(
        rows(&studio, "2026-12-01"),
        [("checkin".into(), "2026-11-30".into(), "false".into())]
    );
}

#[test]
fn a_regular_who_stops_coming_is_drifting_the_day_after_the_second_missed_usual_day() {
    let studio = kevin();
    // Last session Mon 23 Nov; Wed 25 and Fri 27 missed: drifting on Sat 28, not after
    // three weeks. The date holds from day to day until a session or contact.
    let kinds =
        |date: &str| -> Vec<String> { rows(&studio, date).into_iter().map(|r| r.0).collect() };
    assert!(!kinds("2026-11-27").contains(&"drift".to_string()));
    for date in ["2026-11-28", "2026-11-29", "2026-11-30"] {
        let drift: Vec<(String, String, String)> = rows(&studio, date)
            .into_iter()
            .filter(|r| r.0 == "drift")
            .collect();
        assert_eq!(drift.len(), 1, "{date}");
    }
    let mut cmd = studio.run(&["today", "--date", "2026-11-28"]);
    cmd.env("COLUMNS", "200");
    let table = stdout(cmd);
    assert!(
        table.contains("missed Wed 25 and Fri 27 Nov; usually Mon/Wed/Fri"),
        "{table}"
    );
    assert!(table.contains("1 drifting"), "{table}");
    // Drifting, he is reached out to: the review is no longer "in person".
    assert!(
        rows(&studio, "2026-11-28").iter().all(|r| r.2 == "false"),
        "a drifting client's items are texted"
    );
}

#[test]
fn a_logged_session_says_what_is_still_open_and_how_to_mark_it() {
    let studio = kevin();
    // The coach logs on the day (the harness's real today is 23 Nov).
    let log = |args: &[&str]| {
        let mut cmd = studio.run(args);
        cmd.env("COACHPLAN_NOW", "2026-11-25");
        stdout(cmd)
    };
    let out = log(&["log", "kevin", "--session", "--date", "2026-11-25"]);
    assert_eq!(
        out,
        "logged session with Kevin Lee on 25 Nov 2026\n  still open: step \"Half-year review\" · add --done step if you talked about it\n"
    );
    stdout(studio.run(&["undo"]));
    let out = log(&[
        "log",
        "kevin",
        "--session",
        "--done",
        "step",
        "--date",
        "2026-11-25",
    ]);
    assert!(!out.contains("still open"), "{out}");
}

#[test]
fn add_takes_the_usual_days() {
    let studio = Studio::new("");
    std::fs::remove_file(studio.roster()).ok();
    stdout(studio.run(&["init"]));
    stdout(studio.run(&[
        "add",
        "Mia Park",
        "--start",
        "2026-11-25",
        "--sessions",
        "tue,fri",
    ]));
    assert!(
        studio
            .read("clients.toml")
            .contains("sessions = [\"tue\", \"fri\"]")
    );
    let show = stdout(studio.run(&["show", "mia-park"]));
    assert!(show.contains("usually Tue/Fri (set)"), "{show}");
}

#[test]
fn the_agenda_lists_what_today_lists_when_an_in_person_item_moves_past_a_check_in() {
    // A goal date on Tue 24 Nov moves to Thursday's session; the 6-day check-in is due
    // Wed 25. The plan's items must stay in date order, or the agenda jumps past Wednesday.
    let studio = Studio::new(
        "[[client]]\nname = \"Ben Smith\"\nid = \"ben\"\nstart = 2026-01-05\ngoal = \"Get strong\"\ncadence = \"6d\"\njourney = \"none\"\nsessions = [\"mon\", \"thu\"]\ngoal_by = 2026-11-24\n",
    );
    studio.write(
        "clients.history.toml",
        "[[entry]]\nclient = \"ben\"\ndate = 2026-11-19\nkind = \"session\"\ndone = []\n",
    );
    assert_eq!(
        rows(&studio, "2026-11-25"),
        [("checkin".into(), "2026-11-25".into(), "false".into())]
    );
    let agenda = stdout(studio.run(&["agenda", "--days", "7", "--format", "csv"]));
    assert!(agenda.contains("\r\n2026-11-25,ben,"), "{agenda}");
}

#[test]
fn a_client_coming_in_takes_no_place_in_the_daily_limit() {
    // Kevin's half-year review is brought up in person on Wed 25 Nov; Ann and Bea are
    // overdue for a text. With room for one text a day, one of them is listed, the
    // other counted, and Kevin is in the "In today" block: the cap is for texts.
    let studio = kevin();
    let roster = studio.read("clients.toml");
    studio.write(
        "clients.toml",
        &format!(
            "[coach]\ndaily_limit = 1\n\n{roster}\n[[client]]\nname = \"Ann Berg\"\nid = \"ann\"\nstart = 2026-09-01\ngoal = \"Run 5k\"\ncadence = \"2w\"\njourney = \"none\"\nlast_contact = 2026-10-20\n\n[[client]]\nname = \"Bea Cole\"\nid = \"bea\"\nstart = 2026-09-01\ngoal = \"Swim a mile\"\ncadence = \"2w\"\njourney = \"none\"\nlast_contact = 2026-10-27\n"
        ),
    );
    let capped = stdout(studio.run(&["today", "--date", "2026-11-25"]));
    let all = stdout(studio.run(&["today", "--all", "--date", "2026-11-25"]));
    let headline = |t: &str| t.lines().next().unwrap_or_default().to_string();
    assert!(
        headline(&capped).ends_with("· 2 clients to reach"),
        "{capped}"
    );
    assert_eq!(headline(&capped), headline(&all), "{capped}\n{all}");
    assert!(capped.contains("Ann Berg"), "{capped}");
    assert!(!capped.contains("Bea Cole"), "{capped}");
    assert!(capped.contains("1 more due"), "{capped}");
    assert!(capped.contains("In today: Kevin Lee"), "{capped}");
    assert!(
        all.contains("Bea Cole") && all.contains("In today: Kevin Lee"),
        "{all}"
    );
}
