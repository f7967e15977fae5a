//! Snapshots of every view in every format on the shipped example roster at a fixed date.
//! Review changes with `cargo insta review`; an unexpected diff is a behaviour change.

use crate::common;

use common::{Studio, stdout};

fn snap(name: &str, args: &[&str]) {
    let studio = Studio::example();
    let out = stdout(studio.run(args).env("COLUMNS", "100"));
    insta::assert_snapshot!(name, out);
}

#[test]
fn today() {
    snap("today_table", &["today"]);
    snap("today_csv", &["today", "--format", "csv"]);
    snap("today_json", &["today", "--format", "json"]);
}

#[test]
fn agenda() {
    snap("agenda_table", &["agenda"]);
    snap("agenda_csv", &["agenda", "--days", "14", "--format", "csv"]);
    snap("agenda_json", &["agenda", "--format", "json"]);
    snap("agenda_ics", &["agenda", "--format", "ics"]);
}

#[test]
fn clients() {
    snap("clients_table", &["clients"]);
    snap("clients_csv", &["clients", "--format", "csv"]);
    snap("clients_json", &["clients", "--format", "json"]);
}

#[test]
fn journey() {
    snap("journey_table", &["journey", "alice", "grace", "tom"]);
    snap("journey_csv", &["journey", "--format", "csv"]);
    snap("journey_json", &["journey", "alice", "--format", "json"]);
    snap("journey_ics", &["journey", "sofia", "--format", "ics"]);
    snap("journey_beyond", &["journey", "marco", "--months", "14"]);
}

#[test]
fn retention() {
    snap("retention_table", &["retention"]);
    snap("retention_csv", &["retention", "--format", "csv"]);
}

/// A client in month 17 of the 12-month standard journey: the map goes on past its end.
const LONG_TERM: &str = r#"[coach]
name = "Sam Rivera"
[[client]]
name = "Lena Park"
id = "lena"
start = 2025-07-10
goal = "Squat her bodyweight"
why = "Strong knees for hiking with her grandchildren"
cadence = "1m"
last_contact = 2026-11-02
"#;

#[test]
fn journey_past_its_end() {
    let studio = Studio::new(LONG_TERM);
    let out = stdout(studio.run(&["journey", "lena"]).env("COLUMNS", "100"));
    assert!(
        out.contains("journey done") && out.contains("One-year review"),
        "{out}"
    );
    assert!(
        out.contains(" 17 ") && out.contains("◀ you are here"),
        "{out}"
    );
    let ahead = stdout(studio.run(&["journey", "lena", "--months", "25"]));
    assert!(ahead.contains("2 years together"), "{ahead}");
    insta::assert_snapshot!("journey_month_17", out);
    let clients = stdout(studio.run(&["clients"]).env("COLUMNS", "100"));
    assert!(
        clients.contains("17 · journey done") && !clients.contains("of 12"),
        "{clients}"
    );
}

#[test]
fn today_on_the_day_back_from_a_pause() {
    let studio = Studio::example();
    let out = stdout(
        studio
            .run(&[
                "today",
                "--client",
                "priya",
                "--drafts",
                "--date",
                "2026-12-07",
            ])
            .env("COLUMNS", "100"),
    );
    assert!(
        out.contains("back since 7 Dec") && out.contains("welcome back (check-in)"),
        "{out}"
    );
    assert!(
        !out.contains("no session for") && !out.contains("paused"),
        "{out}"
    );
    insta::assert_snapshot!("today_back_from_pause", out);
}

#[test]
fn desk() {
    snap("show_table", &["show", "alice"]);
    snap("show_json", &["show", "grace", "--format", "json"]);
    snap("draft_text", &["draft"]);
    snap("review_table", &["review", "--days", "30"]);
    snap("review_csv", &["review", "--days", "30", "--format", "csv"]);
    snap("review_json", &["review", "--format", "json"]);
}
