//! `log`: the append-only history, end to end and under concurrency.

use crate::common;

use common::{Studio, client, outcome, stdout};

fn studio() -> Studio {
    let mut roster = client("Alice Moreno", "alice", "2026-10-05") + "journey = \"none\"\n";
    roster += &(client("Ben Smith", "ben", "2026-10-05") + "journey = \"none\"\n");
    Studio::new(&roster)
}

/// Kinds of today's CSV rows for one client, as (kind, date).
fn due(studio: &Studio, date: &str, id: &str) -> Vec<(String, String)> {
    let out = stdout(studio.run(&["today", "--format", "csv", "--date", date]));
    csv::Reader::from_reader(out.as_bytes())
        .records()
        .flatten()
        .filter(|r| &r[1] == id)
        .map(|r| (r[3].to_string(), r[0].to_string()))
        .collect()
}

#[test]
fn a_logged_contact_clears_the_checkin_and_restarts_the_cadence() {
    let studio = studio();
    assert_eq!(
        due(&studio, "2026-11-23", "alice"),
        [("checkin".to_string(), "2026-10-12".to_string())]
    );
    let out = stdout(studio.run(&[
        "log",
        "alice",
        "--note",
        "Knee is fine",
        "--date",
        "2026-11-23",
    ]));
    assert_eq!(out, "logged contact with Alice Moreno on 23 Nov 2026\n");
    assert!(due(&studio, "2026-11-23", "alice").is_empty());
    assert!(due(&studio, "2026-11-29", "alice").is_empty());
    assert_eq!(
        due(&studio, "2026-11-30", "alice"),
        [("checkin".to_string(), "2026-11-30".to_string())]
    );
    let table = stdout(studio.run(&["today", "--date", "2026-11-30"]));
    assert!(table.contains("Last, 23 Nov: \"Knee is fine\""), "{table}");
}

#[test]
fn three_unanswered_tries_set_a_client_aside_and_a_contact_brings_them_back() {
    // Dates stay in the past: `log` refuses days after the real today.
    let studio = studio();
    for date in ["2026-10-12", "2026-10-19", "2026-11-02"] {
        stdout(studio.run(&["log", "alice", "--no-reply", "--date", date]));
    }
    assert!(due(&studio, "2026-11-03", "alice").is_empty());
    let table = stdout(studio.run(&["today", "--date", "2026-11-03"]));
    assert!(
        table.contains("Waiting on them (no reply to 3 tries): Alice Moreno, last tried 2 Nov"),
        "{table}"
    );
    let quiet = stdout(studio.run(&["today", "--quiet", "--date", "2026-11-03"]));
    assert!(!quiet.contains("Waiting on them"), "{quiet}");

    stdout(studio.run(&["log", "alice", "--date", "2026-11-04"]));
    assert_eq!(
        due(&studio, "2026-11-11", "alice"),
        [("checkin".to_string(), "2026-11-11".to_string())]
    );
    assert!(!stdout(studio.run(&["today", "--date", "2026-11-11"])).contains("Waiting on them"));
}

#[test]
fn sessions_count_as_contacts_and_several_clients_log_at_once() {
    let studio = studio();
    let out = stdout(studio.run(&["log", "alice", "ben", "--session", "--date", "2026-11-20"]));
    assert_eq!(
        out,
        "logged session with Alice Moreno on 20 Nov 2026\nlogged session with Ben Smith on 20 Nov 2026\n"
    );
    assert!(due(&studio, "2026-11-23", "alice").is_empty());
    let ben = due(&studio, "2026-12-12", "ben");
    assert_eq!(
        ben,
        [
            ("drift".to_string(), "2026-12-11".to_string()),
            ("checkin".to_string(), "2026-11-27".to_string())
        ]
    );
}

#[test]
fn a_refused_call_leaves_the_history_byte_for_byte_unchanged() {
    let studio = studio();
    stdout(studio.run(&["log", "alice", "--date", "2026-11-20"]));
    let before = std::fs::read(studio.path("clients.history.toml")).unwrap_or_default();

    let (code, out, err) = outcome(studio.run(&["log", "ben", "alcie", "--date", "2026-11-21"]));
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.contains("no client with id `alcie`") && err.contains("did you mean `alice`?"),
        "{err}"
    );

    let (code, _, err) = outcome(studio.run(&["log", "ben", "--date", "2099-01-01"]));
    assert_eq!(code, 1);
    assert!(err.contains("in the future"), "{err}");

    let (code, _, _) = outcome(studio.run(&["log", "ben", "--no-reply", "--session"]));
    assert_eq!(code, 2);

    assert_eq!(
        std::fs::read(studio.path("clients.history.toml")).unwrap_or_default(),
        before
    );
}

#[test]
fn notes_with_quotes_newlines_backslashes_and_accents_read_back_exactly() {
    let studio = studio();
    let note = "She said \"let's go\"\nC:\\gym\\plan — Zoë ✓ 'ok'\t";
    stdout(studio.run(&["log", "alice", "--note", note, "--date", "2026-11-20"]));
    let out = stdout(studio.run(&["today", "--format", "json", "--date", "2026-11-27"]));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).expect("JSON");
    let alice = rows
        .iter()
        .find(|r| r["client_id"] == "alice")
        .expect("alice is due");
    assert_eq!(alice["last_note"], note);
    assert_eq!(
        stdout(studio.run(&["check"])).lines().next(),
        Some("ok: 2 clients, 1 journey, 1 history entry")
    );
}

#[test]
fn the_history_is_created_private_and_a_missing_final_newline_is_added() {
    let studio = studio();
    stdout(studio.run(&["log", "alice", "--date", "2026-11-20"]));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(studio.path("clients.history.toml"))
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0);
        assert_eq!(mode, 0o600);
    }
    // Hand-edited, saved without a final newline.
    let edited = "# my notes\n[[entry]]\nclient = \"ben\"\ndate = 2026-11-19\nkind = \"session\"";
    studio.write("clients.history.toml", edited);
    stdout(studio.run(&["log", "alice", "--date", "2026-11-21"]));
    let text = studio.read("clients.history.toml");
    assert!(
        text.starts_with(edited),
        "earlier bytes are kept as they were"
    );
    assert_eq!(
        &text[edited.len()..],
        "\n\n[[entry]]\nclient = \"alice\"\ndate = 2026-11-21\nkind = \"contact\"\ndone = []\n"
    );
    assert_eq!(
        stdout(studio.run(&["check"])).lines().next(),
        Some("ok: 2 clients, 1 journey, 2 history entries")
    );
}

#[test]
fn the_history_path_can_be_set_in_the_roster() {
    let studio = Studio::new(&format!(
        "[coach]\nhistory = \"logs/alice.toml\"\n{}",
        client("Alice", "alice", "2026-10-05")
    ));
    std::fs::create_dir(studio.path("logs")).unwrap_or_default();
    stdout(studio.run(&["log", "alice", "--date", "2026-11-20"]));
    assert!(
        studio
            .read("logs/alice.toml")
            .contains("client = \"alice\"")
    );
}

#[test]
fn a_read_only_history_is_a_clear_error() {
    let studio = studio();
    stdout(studio.run(&["log", "alice", "--date", "2026-11-20"]));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Some(mut log) = studio.run_unprivileged(&["log", "alice", "--date", "2026-11-21"])
        else {
            common::skip_here(
                "running as root, and `nobody` cannot run the binary through setpriv(1): permissions do not apply to root",
            );
            return;
        };
        let path = studio.path("clients.history.toml");
        let before = std::fs::read(&path).expect("history");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).expect("chmod");
        let (code, _, err) = common::outcome_of(&mut log);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("not writable"), "{err}");
        assert_eq!(std::fs::read(&path).expect("history"), before);
    }
}

#[test]
fn concurrent_log_calls_neither_interleave_nor_lose_entries() {
    let studio = studio();
    let roster = studio.roster();
    let exe = assert_cmd::cargo::cargo_bin!("coachplan");
    std::thread::scope(|scope| {
        for worker in 0..20 {
            let roster = &roster;
            scope.spawn(move || {
                for call in 0..25 {
                    let id = if call % 2 == 0 { "alice" } else { "ben" };
                    let note = format!("worker {worker} call {call} {}", "x".repeat(200));
                    let status = std::process::Command::new(exe)
                        .arg("--file")
                        .arg(roster)
                        .args(["log", id, "--date", "2026-11-20", "--note", &note])
                        .env("NO_COLOR", "1")
                        .env("COACHPLAN_NOW", common::DATE)
                        .output()
                        .expect("run log");
                    assert!(
                        status.status.success(),
                        "{}",
                        String::from_utf8_lossy(&status.stderr)
                    );
                }
            });
        }
    });
    let text = studio.read("clients.history.toml");
    let parsed: toml::Table = toml::from_str(&text).expect("the history is well-formed TOML");
    let entries = parsed["entry"].as_array().expect("entries");
    assert_eq!(entries.len(), 500);
    let mut notes: Vec<&str> = entries.iter().filter_map(|e| e["note"].as_str()).collect();
    notes.sort_unstable();
    notes.dedup();
    assert_eq!(notes.len(), 500, "every note exactly once");
    assert_eq!(
        stdout(studio.run(&["check"])).lines().next(),
        Some("ok: 2 clients, 1 journey, 500 history entries")
    );
}

#[test]
fn a_history_pointed_at_the_roster_is_refused_and_the_roster_left_alone() {
    let studio = Studio::new(&format!(
        "[coach]\nhistory = \"clients.toml\"\n{}",
        client("Alice", "alice", "2026-10-05")
    ));
    let before = studio.read("clients.toml");
    let (code, _, err) = outcome(studio.run(&["log", "alice", "--date", "2026-11-20"]));
    assert_eq!(code, 1);
    assert!(err.contains("is the roster itself"), "{err}");
    assert_eq!(studio.read("clients.toml"), before);
}

#[test]
fn a_history_in_a_missing_folder_says_so() {
    let studio = Studio::new(&format!(
        "[coach]\nhistory = \"logs/h.toml\"\n{}",
        client("Alice", "alice", "2026-10-05")
    ));
    let (code, _, err) = outcome(studio.run(&["log", "alice", "--date", "2026-11-20"]));
    assert_eq!(code, 1);
    assert!(err.contains("does not exist: create it"), "{err}");
}

/// Sam's renewal talk is due (renewal 1 Dec, 30 days' notice): listed since 1 Nov.
fn renewal_studio() -> Studio {
    let roster =
        "[[client]]\nname = \"Sam Lee\"\nid = \"sam\"\nstart = 2026-01-05\ngoal = \"Run\"\n\
                  cadence = \"none\"\njourney = \"none\"\nrenewal = 2026-12-01\n"
            .to_string()
            + &client("Ann Wu", "ann", "2026-01-05")
            + "journey = \"none\"\n";
    Studio::new(&roster)
}

#[test]
fn a_contact_marks_the_listed_renewal_talk_done_and_says_so() {
    let studio = renewal_studio();
    assert_eq!(
        due(&studio, "2026-11-23", "sam"),
        [("renewal".to_string(), "2026-11-01".to_string())]
    );
    let out = stdout(studio.run(&["log", "sam", "--next", "2w"]));
    assert_eq!(
        out,
        "logged contact with Sam Lee on 23 Nov 2026 · done: renewal talk · next check-in 7 Dec\n"
    );
    let history = studio.read("clients.history.toml");
    assert!(
        history.contains("done = [\"renewal\"]\nnext = 2026-12-07\n"),
        "{history}"
    );
    assert!(due(&studio, "2026-11-24", "sam").is_empty());
    // The agreed next date (Sam has no routine check-ins otherwise).
    assert!(due(&studio, "2026-12-06", "sam").is_empty());
    assert_eq!(
        due(&studio, "2026-12-07", "sam"),
        [("checkin".to_string(), "2026-12-07".to_string())]
    );
}

#[test]
fn a_session_is_not_the_renewal_talk_unless_it_says_so() {
    let studio = renewal_studio();
    let out = stdout(studio.run(&["log", "sam", "--session"]));
    // (v3) It says so, and how to mark the talk if they had it.
    assert_eq!(
        out,
        "logged session with Sam Lee on 23 Nov 2026\n  still open: renewal talk · add --done renewal if you talked about it\n"
    );
    assert!(
        studio
            .read("clients.history.toml")
            .contains("kind = \"session\"\ndone = []\n")
    );
    assert_eq!(
        due(&studio, "2026-11-24", "sam"),
        [("renewal".to_string(), "2026-11-01".to_string())]
    );
    stdout(studio.run(&[
        "log",
        "sam",
        "--session",
        "--done",
        "renewal",
        "--date",
        "2026-11-23",
    ]));
    assert!(due(&studio, "2026-11-24", "sam").is_empty());
}

#[test]
fn done_none_leaves_the_renewal_talk_open() {
    let studio = renewal_studio();
    let out = stdout(studio.run(&["log", "sam", "--done", "none", "--note", "Only chatted"]));
    assert_eq!(out, "logged contact with Sam Lee on 23 Nov 2026\n");
    assert!(studio.read("clients.history.toml").contains("done = []\n"));
    assert_eq!(
        due(&studio, "2026-11-24", "sam"),
        [("renewal".to_string(), "2026-11-01".to_string())]
    );
}

#[test]
fn snooze_holds_a_client_until_the_day_and_keeps_the_item_identity() {
    let studio = renewal_studio();
    let out = stdout(studio.run(&["snooze", "sam", "ann", "1w", "--note", "Travelling"]));
    assert_eq!(
        out,
        "snoozed Sam Lee until Mon 30 Nov 2026: nothing is listed for them before then\n\
         snoozed Ann Wu until Mon 30 Nov 2026: nothing is listed for them before then\n"
    );
    assert!(due(&studio, "2026-11-24", "sam").is_empty());
    assert!(due(&studio, "2026-11-29", "ann").is_empty());
    let out = stdout(studio.run(&["today", "--format", "csv", "--date", "2026-11-30"]));
    let rows: Vec<(String, String, String, String)> = csv::Reader::from_reader(out.as_bytes())
        .records()
        .flatten()
        .map(|r| {
            (
                r[1].to_string(),
                r[0].to_string(),
                r[3].to_string(),
                r[14].to_string(),
            )
        })
        .collect();
    let row = |id: &str, date: &str, kind: &str, due: &str| {
        (
            id.to_string(),
            date.to_string(),
            kind.to_string(),
            due.to_string(),
        )
    };
    // The renewal talk is listed on the day it was moved to, under its own due date; the
    // check-in falls on the agreed day itself.
    assert!(
        rows.contains(&row("sam", "2026-11-30", "renewal", "2026-11-01")),
        "{rows:?}"
    );
    assert!(
        rows.contains(&row("ann", "2026-11-30", "checkin", "2026-11-30")),
        "{rows:?}"
    );
    // A snooze date in the past is refused, and nothing is written.
    let before = studio.read("clients.history.toml");
    let (code, _, err) = outcome(studio.run(&["snooze", "sam", "2026-11-01"]));
    assert_eq!(code, 2, "{err}");
    assert_eq!(studio.read("clients.history.toml"), before);
}

#[test]
fn undo_restores_the_history_byte_for_byte() {
    let studio = renewal_studio();
    studio.write(
        "clients.history.toml",
        "# my log, by hand\n\n[[entry]]\nclient = \"ann\"\ndate = 2026-11-02\n",
    );
    let before = studio.read("clients.history.toml");
    stdout(studio.run(&["log", "sam", "--note", "Renewing"]));
    assert_ne!(studio.read("clients.history.toml"), before);
    let out = stdout(studio.run(&["undo"]));
    assert!(
        out.contains("client = \"sam\"") && out.contains("Renewing"),
        "{out}"
    );
    assert_eq!(studio.read("clients.history.toml"), before);
    // The renewal talk is open again.
    assert_eq!(due(&studio, "2026-11-24", "sam").len(), 1);
}

#[test]
fn undo_of_one_client_removes_only_their_latest_entry() {
    let studio = renewal_studio();
    stdout(studio.run(&["log", "ann", "--date", "2026-11-20", "--note", "first"]));
    let with_ann = studio.read("clients.history.toml");
    stdout(studio.run(&["log", "sam", "--date", "2026-11-21"]));
    stdout(studio.run(&["log", "ann", "--date", "2026-11-22", "--note", "second"]));
    let with_all = studio.read("clients.history.toml");
    stdout(studio.run(&["undo", "sam"]));
    let after = studio.read("clients.history.toml");
    assert!(!after.contains("client = \"sam\""));
    assert_eq!(after.matches("client = \"ann\"").count(), 2);
    assert!(after.starts_with(&with_ann) && with_all.ends_with(&after[with_ann.len()..]));
    // Nothing left to undo for Sam: refused, nothing changed.
    let (code, _, err) = outcome(studio.run(&["undo", "sam"]));
    assert_eq!(code, 1);
    assert!(err.contains("no history entry for `sam`"), "{err}");
    assert_eq!(studio.read("clients.history.toml"), after);
    let (code, _, err) = outcome(studio.run(&["undo", "smа"]));
    assert_eq!(code, 1, "{err}");
}

#[test]
fn undo_refuses_a_history_with_errors_and_leaves_it_alone() {
    let studio = renewal_studio();
    let broken = "[[entry]]\nclient = \"sam\"\ndate = 2026-11-20\n\n[[entry]]\nclient = \"sam\"\ndate = 2026-02-30\n";
    studio.write("clients.history.toml", broken);
    let (code, _, err) = outcome(studio.run(&["undo"]));
    assert_eq!(code, 1);
    assert!(err.contains("clients.history.toml:7:8"), "{err}");
    assert_eq!(studio.read("clients.history.toml"), broken);
}
