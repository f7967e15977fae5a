//! Roster commands end to end: every byte outside the change stays, refusals write
//! nothing, edits are atomic and locked, and spreadsheets import cell by cell.

use crate::common;

use common::{Studio, outcome, stdout};

/// The lines of `after` that are not in `before`, and those of `before` not in `after`.
fn changed(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let b: Vec<&str> = before.lines().collect();
    let a: Vec<&str> = after.lines().collect();
    let mut start = 0;
    while start < a.len() && start < b.len() && a[start] == b[start] {
        start += 1;
    }
    let mut end = 0;
    while end < a.len() - start
        && end < b.len() - start
        && a[a.len() - 1 - end] == b[b.len() - 1 - end]
    {
        end += 1;
    }
    (
        a[start..a.len() - end]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        b[start..b.len() - end]
            .iter()
            .map(|s| s.to_string())
            .collect(),
    )
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .map(|m| m.permissions().mode() & 0o777)
        .unwrap_or(0)
}

fn private_example() -> Studio {
    let studio = Studio::example();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(studio.roster(), std::fs::Permissions::from_mode(0o600))
            .expect("chmod");
    }
    studio
}

#[test]
fn each_command_changes_only_its_clients_lines() {
    let studio = private_example();
    let cases: [(&[&str], &[&str], &[&str]); 5] = [
        (
            &["pause", "dan", "--until", "2026-12-14"],
            &[
                "status = \"paused\"",
                "paused_until = 2026-12-14",
                "paused_from = 2026-11-23",
            ],
            &[],
        ),
        // (v3) `resume` records the day the break ended, so drift counts from it.
        (
            &["resume", "priya"],
            &["status = \"active\"", "paused_until = 2026-11-23"],
            &["status = \"paused\"", "paused_until = 2026-12-07"],
        ),
        (
            &["renew", "grace", "2027-06-15"],
            &["renewal = 2027-06-15"],
            &["renewal = 2026-12-15"],
        ),
        (
            &["end", "alice", "--date", "2026-11-20"],
            &["status = \"ended\"", "ended = 2026-11-20"],
            &[],
        ),
        (
            &["pause", "sofia"],
            &["status = \"paused\"", "paused_from = 2026-11-23"],
            &[],
        ),
    ];
    for (args, added, removed) in cases {
        let before = studio.read("clients.toml");
        let out = stdout(studio.run(args));
        assert!(!out.is_empty());
        let after = studio.read("clients.toml");
        let (plus, minus) = changed(&before, &after);
        assert_eq!(plus, added, "{args:?} added");
        assert_eq!(minus, removed, "{args:?} removed");
        #[cfg(unix)]
        assert_eq!(mode(&studio.roster()), 0o600, "{args:?} kept the mode");
        let comments = |t: &str| {
            t.lines()
                .filter(|l| l.trim_start().starts_with('#'))
                .count()
        };
        assert_eq!(comments(&before), comments(&after));
    }
    let check = stdout(studio.run(&["check"]));
    assert!(check.starts_with("ok: "), "{check}");
}

#[test]
fn add_appends_a_client_and_nothing_else() {
    let studio = private_example();
    let before = studio.read("clients.toml");
    let out = stdout(studio.run(&[
        "add",
        "Hannah Berg",
        "--start",
        "2026-11-23",
        "--goal",
        "Run 5 km",
        "--why",
        "Her sister's charity run",
        "--cadence",
        "1w",
        "--tag",
        "online",
        "--note",
        "Sister: Jo",
        "--birthday",
        "04-09",
    ]));
    // (v3) The confirmation says which id to type next (`log hannah-berg`, not `hannah`).
    assert!(out.starts_with("added Hannah Berg to "), "{out}");
    assert!(
        out.contains("as `hannah-berg` (use this id with log, show, snooze"),
        "{out}"
    );
    let after = studio.read("clients.toml");
    assert!(after.starts_with(&before), "the old bytes are untouched");
    assert_eq!(
        &after[before.len()..],
        "\n[[client]]\nname = \"Hannah Berg\"\nstart = 2026-11-23\ngoal = \"Run 5 km\"\n\
         why = \"Her sister's charity run\"\ncadence = \"1w\"\nbirthday = \"04-09\"\n\
         tags = [\"online\"]\nnotes = [\"Sister: Jo\"]\n"
    );
    let show = stdout(studio.run(&["show", "hannah-berg"]));
    assert!(
        show.contains("Run 5 km") && show.contains("Sister: Jo"),
        "{show}"
    );
    // Several values after one flag, as the contract writes `--tag T...`.
    stdout(studio.run(&[
        "add",
        "Ivo Marr",
        "--start",
        "2026-11-23",
        "--tag",
        "online",
        "group",
        "--note",
        "Dog: Rex",
        "Loves hiking",
    ]));
    let after = studio.read("clients.toml");
    assert!(
        after.ends_with(
            "tags = [\"online\", \"group\"]\nnotes = [\"Dog: Rex\", \"Loves hiking\"]\n"
        ),
        "{after}"
    );
}

#[test]
fn a_refused_change_leaves_the_roster_byte_for_byte() {
    let studio = private_example();
    let before = studio.read("clients.toml");
    let refusals: [(&[&str], i32, &str); 5] = [
        (
            &["add", "Alice Two", "--start", "2026-11-23", "--id", "alice"],
            1,
            "already used",
        ),
        (
            &[
                "add",
                "Zed",
                "--start",
                "2026-11-23",
                "--journey",
                "standrad",
            ],
            1,
            "unknown journey",
        ),
        (&["add", "Zed", "--start", "2026-02-30"], 2, "28 days"),
        (&["pause", "alcie"], 1, "did you mean `alice`?"),
        (
            &[
                "add",
                "Zed",
                "--start",
                "2026-11-23",
                "--cadence",
                "fortnight",
            ],
            1,
            "not a duration",
        ),
    ];
    for (args, code, says) in refusals {
        let (got, _, err) = outcome(studio.run(args));
        assert_eq!(got, code, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(
            studio.read("clients.toml"),
            before,
            "{args:?} changed the roster"
        );
    }
    // A roster that already has errors is refused as it is.
    let broken = before.replace("give_up_after = 3", "give_up_after = 0");
    studio.write("clients.toml", &broken);
    let (code, _, err) = outcome(studio.run(&["renew", "grace", "2027-01-01"]));
    assert_eq!(code, 1);
    assert!(err.contains("give_up_after"), "{err}");
    assert_eq!(studio.read("clients.toml"), broken);
}

#[test]
fn ten_adds_at_once_all_land() {
    let studio = private_example();
    let exe = assert_cmd::cargo::cargo_bin!("coachplan");
    let roster = studio.roster();
    std::thread::scope(|scope| {
        for n in 0..10 {
            let roster = &roster;
            scope.spawn(move || {
                let out = std::process::Command::new(exe)
                    .arg("--file")
                    .arg(roster)
                    .args([
                        "--date",
                        "2026-11-23",
                        "add",
                        &format!("Parallel {n}"),
                        "--start",
                        "2026-11-23",
                    ])
                    .output()
                    .expect("run add");
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            });
        }
    });
    let text = studio.read("clients.toml");
    for n in 0..10 {
        assert_eq!(
            text.matches(&format!("name = \"Parallel {n}\"")).count(),
            1,
            "client {n}"
        );
    }
    let check = stdout(studio.run(&["check"]));
    assert!(check.starts_with("ok: 19 clients"), "{check}");
}

#[test]
fn a_clean_sheet_imports_with_quoted_commas_crlf_and_a_bom() {
    let studio = private_example();
    let sheet = "\u{feff}Name,E-mail,Start,Goal,Tags,Notes,Goal By,Shoe size\r\n\
                 \"Lee, Jo\",jo@example.com,2026-11-20,\"Run, then swim\",online;group,Dog: Rex;Left-handed,2027-05-01,42\r\n\
                 Mo Ali,,2026-11-21,,,,,\r\n";
    studio.write("sheet.csv", sheet);
    let before = studio.read("clients.toml");
    let (code, out, err) =
        outcome(studio.run(&["import", &studio.path("sheet.csv").display().to_string()]));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("added 2 clients to "), "{out}");
    assert!(
        err.contains("sheet.csv:1:8: warning: unknown column `Shoe size`"),
        "{err}"
    );
    let after = studio.read("clients.toml");
    assert!(after.starts_with(&before));
    let added = &after[before.len()..];
    assert!(added.contains("name = \"Lee, Jo\"\nstart = 2026-11-20\ngoal = \"Run, then swim\"\ngoal_by = 2027-05-01\ncontact = \"jo@example.com\"\ntags = [\"online\", \"group\"]\nnotes = [\"Dog: Rex\", \"Left-handed\"]\n"), "{added}");
    assert!(
        added.contains("name = \"Mo Ali\"\nstart = 2026-11-21\n"),
        "{added}"
    );
    // The same sheet again: both ids are taken now, refused, nothing written.
    let (code, _, err) =
        outcome(studio.run(&["import", &studio.path("sheet.csv").display().to_string()]));
    assert_eq!(code, 1);
    assert!(
        err.contains("sheet.csv:2:1: error: client id `lee-jo` is already taken"),
        "{err}"
    );
    assert_eq!(studio.read("clients.toml"), after);
}

#[test]
fn every_bad_cell_is_reported_and_nothing_is_written() {
    let studio = private_example();
    studio.write(
        "sheet.csv",
        "name,start,cadence,birthday\nAnn,2026-02-30,1w,\nBo,2026-11-01,fortnight,13-40\nCy,2026-11-02,2w,\n",
    );
    let before = studio.read("clients.toml");
    let path = studio.path("sheet.csv").display().to_string();
    let (code, out, err) = outcome(studio.run(&["import", &path]));
    assert_eq!(code, 1, "{out}");
    let errors: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 3, "{err}");
    assert!(
        errors[0]
            .ends_with("sheet.csv:2:2: error: `start` is not a real date: 2026-02 has 28 days"),
        "{err}"
    );
    assert!(
        errors[1].contains("sheet.csv:3:3: error: `cadence`: `fortnight` is not a duration"),
        "{err}"
    );
    assert!(
        errors[2].contains("sheet.csv:3:4: error: `birthday` `13-40` is not a date"),
        "{err}"
    );
    assert_eq!(studio.read("clients.toml"), before);
}

#[test]
fn a_dry_run_says_what_would_be_added_and_writes_nothing() {
    let studio = private_example();
    studio.write(
        "sheet.csv",
        "name,start\nAnn Wu,2026-11-23\nBo Li,2026-11-24\n",
    );
    let before = studio.read("clients.toml");
    let path = studio.path("sheet.csv").display().to_string();
    let out = stdout(studio.run(&["import", &path, "--dry-run"]));
    assert!(out.starts_with("would add 2 clients to "), "{out}");
    assert!(
        out.contains("  Ann Wu · starts 2026-11-23\n  Bo Li · starts 2026-11-24\n"),
        "{out}"
    );
    assert_eq!(studio.read("clients.toml"), before);
}
