//! Money talks and agreed breaks are never lost (SPEC v3 §2 "Money talks are never lost",
//! "Pauses"; §3 `pause`, `resume`, `renew`, `snooze`, `add`): the stories of the 90
//! simulated mornings, end to end through the binary.

use crate::common;

use common::{Studio, outcome, stdout};

/// One client with a renewal, a weekly cadence and no journey (so only the rules under
/// test put rows on the list).
fn renewing(id: &str, name: &str, extra: &str) -> String {
    format!(
        "[[client]]\nname = \"{name}\"\nid = \"{id}\"\nstart = 2026-01-05\ngoal = \"Deadlift her bodyweight\"\ncadence = \"1w\"\njourney = \"none\"\n{extra}\n"
    )
}

/// Today's CSV rows as (date, client_id, kind, due).
fn rows(studio: &Studio, date: &str) -> Vec<(String, String, String, String)> {
    let out = stdout(studio.run(&["today", "--all", "--format", "csv", "--date", date]));
    csv::Reader::from_reader(out.as_bytes())
        .records()
        .flatten()
        .map(|r| (r[0].into(), r[1].into(), r[3].into(), r[14].into()))
        .collect()
}

/// A table view wide enough that no cell wraps, for reading its words.
fn wide(studio: &Studio, args: &[&str]) -> String {
    let mut cmd = studio.run(args);
    cmd.env("COLUMNS", "400");
    stdout(cmd)
}

fn kinds(studio: &Studio, date: &str, id: &str) -> Vec<String> {
    rows(studio, date)
        .into_iter()
        .filter(|r| r.1 == id)
        .map(|r| r.2)
        .collect()
}

fn entry(id: &str, date: &str, kind: &str) -> String {
    format!("\n[[entry]]\nclient = \"{id}\"\ndate = {date}\nkind = \"{kind}\"\ndone = []\n")
}

#[test]
fn priyas_renewal_talk_is_listed_on_its_last_call_day_after_two_unanswered_texts() {
    let studio = Studio::new(&renewing("priya", "Priya Nair", "renewal = 2026-12-20"));
    // The talk was due on 20 Nov; texts on 1 and 15 Dec went unanswered. The back-off
    // alone would wait until 29 Dec, after the renewal.
    studio.write(
        "clients.history.toml",
        &[
            entry("priya", "2026-11-20", "contact"),
            entry("priya", "2026-12-01", "no-reply"),
            entry("priya", "2026-12-15", "no-reply"),
        ]
        .concat(),
    );
    assert_eq!(kinds(&studio, "2026-12-18", "priya"), Vec::<String>::new());
    assert_eq!(
        rows(&studio, "2026-12-19"),
        [(
            "2026-12-19".into(),
            "priya".into(),
            "renewal".into(),
            "2026-11-20".into()
        )]
    );
    let table = wide(&studio, &["today", "--date", "2026-12-19"]);
    assert!(
        table.contains("renews 20 Dec · last call today (2 tries unanswered)"),
        "{table}"
    );
    // Renewals come first, ahead of everyone else on the list.
    assert!(table.contains("renewal talk, renews 20 Dec"), "{table}");
}

#[test]
fn grace_set_aside_before_her_renewal_still_gets_the_talk_on_its_last_call_day() {
    // Ben keeps the morning list from being empty (an empty list prints nothing in cron).
    let studio = Studio::new(&format!(
        "{}{}",
        renewing("grace", "Grace Kim", "renewal = 2026-12-20"),
        renewing("ben", "Ben Smith", "").replace("2026-01-05", "2026-12-01")
    ));
    studio.write(
        "clients.history.toml",
        &[
            entry("grace", "2026-11-20", "no-reply"),
            entry("grace", "2026-11-27", "no-reply"),
            entry("grace", "2026-12-06", "no-reply"),
        ]
        .concat(),
    );
    assert_eq!(kinds(&studio, "2026-12-10", "grace"), Vec::<String>::new());
    let waiting = wide(&studio, &["today", "--date", "2026-12-10"]);
    assert!(waiting.contains("Grace Kim, last tried 6 Dec"), "{waiting}");
    assert!(waiting.contains("renews 20 Dec"), "{waiting}");
    assert_eq!(kinds(&studio, "2026-12-19", "grace"), ["renewal"]);
    assert_eq!(kinds(&studio, "2026-12-21", "grace"), Vec::<String>::new());
}

#[test]
fn a_roster_last_contact_does_not_count_as_fatimas_renewal_talk() {
    // Typed in when the roster was set up on 25 Aug (`since`): they spoke on 20 Aug, not
    // about the renewal.
    let studio = Studio::new(&format!(
        "[coach]\nsince = 2026-08-25\n\n{}",
        renewing(
            "fatima",
            "Fatima Zahra",
            "renewal = 2026-09-02\nlast_contact = 2026-08-20",
        )
    ));
    assert!(
        kinds(&studio, "2026-08-25", "fatima").contains(&"renewal".to_string()),
        "the renewal talk must be listed"
    );
    // Held on 25 Aug, the first day it was listed: review calls it done, not late.
    studio.write(
        "clients.history.toml",
        "[[entry]]\nclient = \"fatima\"\ndate = 2026-08-25\nkind = \"contact\"\ndone = [\"renewal\"]\n",
    );
    let review = stdout(studio.run(&[
        "review",
        "--days",
        "30",
        "--format",
        "csv",
        "--date",
        "2026-09-05",
    ]));
    let renewal: Vec<&str> = review.lines().filter(|l| l.contains(",renewal,")).collect();
    assert_eq!(renewal.len(), 1, "{review}");
    assert!(renewal[0].contains(",done,2026-08-25,"), "{}", renewal[0]);
}

#[test]
fn a_snooze_past_the_renewal_says_the_talk_stays_and_keeps_it_on_its_last_call_day() {
    let studio = Studio::new(&renewing("priya", "Priya Nair", "renewal = 2026-12-20"));
    let out = stdout(studio.run(&["snooze", "priya", "2027-01-10", "--date", "2026-11-23"]));
    assert!(out.contains("the renewal talk stays on 19 Dec"), "{out}");
    assert_eq!(kinds(&studio, "2026-12-18", "priya"), Vec::<String>::new());
    assert_eq!(kinds(&studio, "2026-12-19", "priya"), ["renewal"]);
    // The same for `log --next`.
    let logged = stdout(studio.run(&[
        "log",
        "priya",
        "--done",
        "none",
        "--next",
        "2027-01-05",
        "--date",
        "2026-11-23",
    ]));
    assert!(
        logged.contains("the renewal talk stays on 19 Dec"),
        "{logged}"
    );
    // A snooze that ends before the last call day says nothing of it.
    let short = stdout(studio.run(&["snooze", "priya", "2026-12-01", "--date", "2026-11-23"]));
    assert!(!short.contains("renewal"), "{short}");
}

#[test]
fn pause_then_resume_is_not_drifting_and_review_finds_nothing_open_inside_the_break() {
    let studio = Studio::new(&renewing(
        "wren",
        "Wren Adler",
        "last_session = 2026-09-18\nbirthday = 1990-10-10",
    ));
    // A broken wrist: an open-ended break from 20 Sep.
    let paused = stdout(studio.run(&["pause", "wren", "--date", "2026-09-20"]));
    assert!(paused.contains("paused Wren Adler"), "{paused}");
    assert!(
        studio
            .read("clients.toml")
            .contains("paused_from = 2026-09-20")
    );
    let resumed = stdout(studio.run(&["resume", "wren", "--date", "2026-11-20"]));
    assert!(resumed.contains("active again"), "{resumed}");
    let roster = studio.read("clients.toml");
    assert!(roster.contains("status = \"active\""), "{roster}");
    assert!(roster.contains("paused_until = 2026-11-20"), "{roster}");
    // Five days later: a welcome back, not "drifting, 5 days overdue".
    assert_eq!(kinds(&studio, "2026-11-25", "wren"), ["checkin"]);
    let table = wide(&studio, &["today", "--date", "2026-11-25"]);
    assert!(!table.contains("drifting"), "{table}");
    assert!(table.contains("back since 20 Nov"), "{table}");
    // Nothing inside the agreed break is open or missed: not the check-ins, not drift,
    // not the birthday on 10 Oct. The one open item is the welcome back that `today`
    // lists from 20 Nov (#23: review's open items are the planner's), on that day.
    let review = stdout(studio.run(&[
        "review",
        "--days",
        "90",
        "--format",
        "csv",
        "--date",
        "2026-11-25",
    ]));
    let open: Vec<&str> = review
        .lines()
        .skip(1)
        .filter(|l| l.contains(",open,") || l.contains(",missed,"))
        .collect();
    assert_eq!(
        open,
        ["wren,Wren Adler,checkin,Welcome back after the break,2026-09-25,2026-11-20,open,,"],
        "{review}"
    );
    assert!(!review.contains(",birthday,"), "{review}");
    // Drift counts from the end of the break: due 11 Dec (three weeks), not 9 Oct.
    assert!(!kinds(&studio, "2026-12-10", "wren").contains(&"drift".to_string()));
}

#[test]
fn pause_refuses_an_end_in_the_past_and_warns_when_the_break_covers_the_renewal() {
    let studio = Studio::new(&renewing("priya", "Priya Nair", "renewal = 2026-12-20"));
    let before = studio.read("clients.toml");
    let (code, _, err) = outcome(studio.run(&["pause", "priya", "--until", "2026-11-01"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("before 2026-11-23"), "{err}");
    assert_eq!(studio.read("clients.toml"), before, "nothing written");
    let (code, out, err) = outcome(studio.run(&["pause", "priya", "--until", "2027-01-10"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("paused Priya Nair until"), "{out}");
    assert!(
        err.contains("warning: the break covers Priya Nair's renewal on"),
        "{err}"
    );
}

#[test]
fn renew_keeps_the_old_talk_in_the_review() {
    let studio = Studio::new(&renewing("grace", "Grace Kim", "renewal = 2026-11-20"));
    // The talk (due 21 Oct) never happened; the coach renews on 22 Nov anyway.
    let out = stdout(studio.run(&["renew", "grace", "2027-11-20", "--date", "2026-11-22"]));
    assert!(out.contains("Grace Kim renews on"), "{out}");
    let history = studio.read("clients.history.toml");
    assert!(history.contains("kind = \"renewed\""), "{history}");
    assert!(history.contains("renewal = 2026-11-20"), "{history}");
    assert!(studio.read("clients.toml").contains("renewal = 2027-11-20"));
    let review = stdout(studio.run(&[
        "review",
        "--days",
        "7",
        "--format",
        "csv",
        "--date",
        "2026-11-23",
    ]));
    let renewal: Vec<&str> = review.lines().filter(|l| l.contains(",renewal,")).collect();
    assert_eq!(renewal.len(), 1, "{review}");
    assert!(renewal[0].contains(",missed,"), "{}", renewal[0]);
    // `undo` takes the entry back like any other.
    stdout(studio.run(&["undo", "grace"]));
    assert!(!studio.read("clients.history.toml").contains("renewed"));
}

#[test]
fn a_pack_of_ten_with_eight_sessions_logged_asks_for_the_renewal_talk() {
    let studio = Studio::new(
        &renewing(
            "kevin",
            "Kevin Lee",
            // No fixed days: this story is about the pack, not the rhythm (tests/rhythm.rs).
            "cadence = \"none\"\npackage = 10\npackage_start = 2026-11-02\nsessions = []",
        )
        .replace("cadence = \"1w\"\n", ""),
    );
    let sessions: String = [2, 4, 6, 9, 11, 13, 16, 18]
        .iter()
        .map(|d| entry("kevin", &format!("2026-11-{d:02}"), "session"))
        .collect();
    studio.write("clients.history.toml", &sessions);
    assert_eq!(kinds(&studio, "2026-11-17", "kevin"), Vec::<String>::new());
    assert_eq!(kinds(&studio, "2026-11-18", "kevin"), ["renewal"]);
    let table = wide(&studio, &["today", "--date", "2026-11-20"]);
    assert!(
        table.contains("pack renewal talk (2 of 10 sessions left)"),
        "{table}"
    );
    let show = wide(&studio, &["show", "kevin", "--date", "2026-11-20"]);
    assert!(show.contains("pack: 8 of 10 used, 2 left"), "{show}");
    let clients = wide(&studio, &["clients", "--date", "2026-11-20"]);
    assert!(clients.contains("pack: 8 of 10 used, 2 left"), "{clients}");
    let draft = stdout(studio.run(&["draft", "kevin", "--date", "2026-11-20"]));
    assert!(
        draft.contains("pack of sessions is nearly used up"),
        "{draft}"
    );
    // A new pack from today: the talk is gone until its eighth session.
    let out = stdout(studio.run(&["renew", "kevin", "--package", "10", "--date", "2026-11-20"]));
    assert!(out.contains("new pack of 10 sessions"), "{out}");
    assert!(
        studio
            .read("clients.toml")
            .contains("package_start = 2026-11-20")
    );
    assert_eq!(kinds(&studio, "2026-11-21", "kevin"), Vec::<String>::new());
}

#[test]
fn add_refuses_a_second_tom_hardy_unless_given_an_id() {
    let studio = Studio::new(&renewing("tom-hardy", "Tom Hardy", ""));
    let before = studio.read("clients.toml");
    let (code, _, err) = outcome(studio.run(&["add", "tom hardy", "--start", "2026-11-23"]));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("Tom Hardy is already on the roster, as `tom-hardy`"),
        "{err}"
    );
    assert!(err.contains("--id"), "{err}");
    assert_eq!(studio.read("clients.toml"), before, "nothing written");
    let out = stdout(studio.run(&[
        "add",
        "Tom Hardy",
        "--start",
        "2026-11-23",
        "--id",
        "tom-h2",
    ]));
    assert!(
        out.contains("added Tom Hardy to ") && out.contains("as `tom-h2`"),
        "{out}"
    );
    let (_, _, warned) = outcome(studio.run(&["check"]));
    assert!(
        warned.contains("two clients are named `Tom Hardy`"),
        "{warned}"
    );
}
