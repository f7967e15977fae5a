//! `attendance` (SPEC v3 §3): sessions from a Google-Calendar-like export (a weekly
//! recurring event with an EXDATE, a moved instance and a cancelled one, a VTIMEZONE,
//! folded lines, CRLF) and from Mindbody- and Calendly-like CSV exports.

use crate::common;

use std::path::Path;

use common::{Studio, outcome, stdout};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/attendance")
        .join(name)
        .display()
        .to_string()
}

fn studio() -> Studio {
    Studio::new(
        "[[client]]\nname = \"Kevin Lee\"\nid = \"kevin\"\nstart = 2026-05-25\ngoal = \"Squat 100 kg\"\n\n[[client]]\nname = \"Ana Silva\"\nid = \"ana\"\nstart = 2026-01-05\ngoal = \"Run\"\ncontact = \"ana@example.com\"\n",
    )
}

/// `attendance FILES…` on 30 Nov 2026 (the real day too, so nothing is "in the future").
fn attend(studio: &Studio, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["attendance"];
    all.extend_from_slice(args);
    all.extend(["--date", "2026-11-30"]);
    let mut cmd = studio.run(&all);
    cmd.env("COACHPLAN_NOW", "2026-11-30");
    outcome(cmd)
}

/// (client, date, ref) of the history's session entries.
fn sessions(studio: &Studio) -> Vec<(String, String, String)> {
    let text = studio.read("clients.history.toml");
    let table: toml::Table = toml::from_str(&text).unwrap_or_default();
    table
        .get("entry")
        .and_then(|e| e.as_array())
        .map(|entries| {
            entries
                .iter()
                .filter(|e| e.get("kind").and_then(|k| k.as_str()) == Some("session"))
                .map(|e| {
                    let s = |k: &str| {
                        e.get(k)
                            .map(|v| v.to_string().trim_matches('"').to_string())
                            .unwrap_or_default()
                    };
                    (s("client"), s("date"), s("ref"))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_google_calendar_export_logs_each_attended_instance_once() {
    let studio = studio();
    let ics = fixture("google.ics");
    let (code, out, err) = attend(&studio, &[&ics]);
    assert_eq!(code, 0, "{err}");
    let got = sessions(&studio);
    let days: Vec<(&str, &str)> = got
        .iter()
        .map(|(c, d, _)| (c.as_str(), d.as_str()))
        .collect();
    // Weekly on Mondays from 2 Nov: 9 Nov excluded, 16 Nov moved to the 17th, 23 Nov
    // cancelled, 30 Nov today; December after today. Ana by her e-mail.
    assert_eq!(
        days,
        [
            ("kevin", "2026-11-02"),
            ("kevin", "2026-11-17"),
            ("ana", "2026-11-20"),
            ("kevin", "2026-11-30"),
        ]
    );
    assert!(got.iter().all(|(_, _, r)| r.contains('@')), "{got:?}");
    assert!(out.contains("logged 4 sessions (0 already there)"), "{out}");
    assert!(out.contains("1 cancelled"), "{out}");
    assert!(out.contains("4 after today"), "{out}");
    assert!(out.contains("unmatched: 1"), "{out}");
    assert!(
        out.contains("\"Trial with Jo Park\", 21 Nov 2026: no client matches"),
        "{out}"
    );
    // The same export again, and an overlapping later one: nothing new.
    let history = studio.read("clients.history.toml");
    let (code, out, _) = attend(&studio, &[&ics]);
    assert_eq!(code, 0);
    assert!(out.contains("logged 0 sessions (4 already there)"), "{out}");
    assert_eq!(studio.read("clients.history.toml"), history);
}

#[test]
fn booking_exports_count_signed_in_visits_and_skip_cancellations_and_no_shows() {
    let studio = studio();
    let (code, out, err) = attend(
        &studio,
        &[&fixture("mindbody.csv"), &fixture("calendly.csv")],
    );
    assert_eq!(code, 0, "{err}");
    let days: Vec<(String, String)> = sessions(&studio)
        .into_iter()
        .map(|(c, d, _)| (c, d))
        .collect();
    assert_eq!(
        days,
        [
            ("kevin".to_string(), "2026-11-20".to_string()),
            ("kevin".to_string(), "2026-11-25".to_string()),
            ("ana".to_string(), "2026-11-24".to_string()),
        ]
    );
    assert!(out.contains("2 cancelled, 1 no-show"), "{out}");
    assert!(
        out.contains("calendly.csv:3, 24 Nov 2026: no client matches"),
        "{out}"
    );
    // Mindbody's own visit ids are the refs.
    assert!(
        studio
            .read("clients.history.toml")
            .contains("ref = \"id:98812\"")
    );
}

#[test]
fn a_session_logged_by_hand_that_day_is_already_there_and_dry_run_writes_nothing() {
    let studio = studio();
    studio.write(
        "clients.history.toml",
        "[[entry]]\nclient = \"kevin\"\ndate = 2026-11-02\nkind = \"session\"\ndone = []\n",
    );
    let before = studio.read("clients.history.toml");
    let (code, out, _) = attend(&studio, &[&fixture("google.ics"), "--dry-run"]);
    assert_eq!(code, 0);
    assert!(out.contains("  Kevin Lee · 17 Nov 2026\n"), "{out}");
    assert!(
        out.contains("would log 3 sessions (1 already there)"),
        "{out}"
    );
    assert_eq!(
        studio.read("clients.history.toml"),
        before,
        "nothing written"
    );
    let (_, out, _) = attend(&studio, &[&fixture("google.ics")]);
    assert!(out.contains("logged 3 sessions (1 already there)"), "{out}");
    // What the planner now knows: Kevin came in, so he is not drifting.
    let today = stdout(studio.run(&["show", "kevin", "--date", "2026-11-30"]));
    assert!(today.contains("30 Nov 2026  session"), "{today}");
}

#[test]
fn a_file_that_is_neither_is_refused_with_its_name_and_nothing_is_written() {
    let studio = studio();
    studio.write("notes.csv", "just,some\nwords,here\n");
    let (code, _, err) = attend(&studio, &[&studio.path("notes.csv").display().to_string()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("notes.csv: no date column"), "{err}");
    assert_eq!(studio.read("clients.history.toml"), "");
}
