//! `log`: the append-only history, end to end and under concurrency.

mod common;

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
    assert_eq!(out, "logged contact with Alice Moreno on 2026-11-23\n");
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
        "logged session with Alice Moreno on 2026-11-20\nlogged session with Ben Smith on 2026-11-20\n"
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
        stdout(studio.run(&["check"])),
        "ok: 2 clients, 1 journey, 1 history entry\n"
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
        "\n\n[[entry]]\nclient = \"alice\"\ndate = 2026-11-21\nkind = \"contact\"\n"
    );
    assert_eq!(
        stdout(studio.run(&["check"])),
        "ok: 2 clients, 1 journey, 2 history entries\n"
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
        let path = studio.path("clients.history.toml");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap_or_default();
        if std::fs::OpenOptions::new().append(true).open(&path).is_ok() {
            eprintln!("skipped: permissions are not enforced for this user (root)");
            return;
        }
        let (code, _, err) = outcome(studio.run(&["log", "alice", "--date", "2026-11-21"]));
        assert_eq!(code, 1);
        assert!(err.contains("not writable"), "{err}");
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
        stdout(studio.run(&["check"])),
        "ok: 2 clients, 1 journey, 500 history entries\n"
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
