//! End-to-end tests through the real binary: exit codes, files, formats, and the shell.

use crate::common;

use common::{DATE, Studio, bare, client, outcome, stdout};

#[test]
fn exit_codes_are_0_ok_1_bad_input_2_bad_usage() {
    let studio = Studio::example();
    assert_eq!(outcome(&mut studio.run(&["today"])).0, 0);
    assert_eq!(outcome(&mut studio.run(&["check"])).0, 0);

    let (code, _, err) = outcome(&mut studio.run(&["todya"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("today"),
        "clap suggests the right command: {err}"
    );
    assert_eq!(outcome(&mut studio.run(&["today", "--bogus"])).0, 2);
    let (code, _, err) = outcome(bare(studio.dir.path()).args([
        "--file",
        "x.toml",
        "--date",
        "2026-02-30",
        "today",
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("2026-02 has 28 days"), "{err}");
    let (code, _, err) = outcome(&mut studio.run(&["today", "--format", "ics"]));
    assert_eq!(code, 2);
    assert!(err.contains("agenda"), "{err}");

    let (code, _, err) = outcome(&mut studio.run(&["today", "--client", "alcie"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("no client with id `alcie`") && err.contains("did you mean `alice`?"),
        "{err}"
    );

    studio.write("clients.toml", "[[client]]\nname = \"A\"\n");
    let (code, _, err) = outcome(&mut studio.run(&["today"]));
    assert_eq!(code, 1);
    // FILE:LINE:COL: error: …, as compilers write it.
    assert!(
        err.starts_with(&format!("{}:1:1: error: ", studio.roster().display())),
        "{err}"
    );
}

#[test]
fn global_options_go_before_or_after_the_command_and_no_command_means_today() {
    let studio = Studio::example();
    let roster = studio.roster();
    let roster = roster.to_str().unwrap_or_default();
    let before = stdout(
        bare(studio.dir.path())
            .args(["--file", roster, "--date", DATE, "--format", "csv", "today"]),
    );
    let after = stdout(
        bare(studio.dir.path())
            .args(["today", "--format", "csv", "--date", DATE, "--file", roster]),
    );
    let implicit =
        stdout(bare(studio.dir.path()).args(["--file", roster, "--date", DATE, "--format", "csv"]));
    assert_eq!(before, after);
    assert_eq!(before, implicit);
    assert!(before.lines().count() > 1);
}

#[test]
fn a_missing_roster_says_how_to_make_one() {
    let studio = Studio::new("");
    let (code, _, err) = outcome(bare(studio.dir.path()).args(["--file", "nowhere.toml", "today"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("error: there is no roster at nowhere.toml yet")
            && err.contains("coachplan init")
            && !err.contains("entity not found"),
        "{err}"
    );
}

#[test]
fn init_writes_a_private_starter_that_passes_check_and_is_never_overwritten_silently() {
    let studio = Studio::new("");
    let path = studio.path("new/folder/clients.toml");
    let file = path.to_str().unwrap_or_default();
    let (code, out, _) =
        outcome(bare(studio.dir.path()).args(["--file", file, "--date", DATE, "init"]));
    assert_eq!(code, 0);
    assert!(out.contains("wrote a starter roster"));
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(written.contains("[journeys.standard]") && written.contains("[[client]]"));
    // `since` is the day init ran, so nothing from before shows up as overdue.
    assert!(written.contains(&format!("\nsince = {DATE}")), "{written}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0);
        assert_eq!(mode, 0o600);
    }
    let check = stdout(bare(studio.dir.path()).args(["--file", file, "check"]));
    assert_eq!(
        check.lines().next(),
        Some("ok: 1 client, 1 journey, 0 history entries")
    );
    // The sample client starts on the day of init: their kick-off is due that day.
    let today = stdout(
        bare(studio.dir.path()).args(["--file", file, "--date", DATE, "today", "--format", "csv"]),
    );
    assert!(today.contains("Kick-off: goal and why"), "{today}");

    std::fs::write(&path, "# my real roster\n").unwrap_or_default();
    let (code, _, err) = outcome(bare(studio.dir.path()).args(["--file", file, "init"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        "# my real roster\n"
    );

    assert_eq!(
        outcome(bare(studio.dir.path()).args(["--file", file, "init", "--force"])).0,
        0
    );
    assert!(
        std::fs::read_to_string(&path)
            .unwrap_or_default()
            .contains("[journeys.standard]")
    );
}

#[test]
fn the_roster_is_found_by_flag_then_environment_then_config_folder() {
    let studio = Studio::new(&client("From Flag", "flag", "2026-01-01"));
    studio.write("env.toml", &client("From Env", "env", "2026-01-01"));
    let config = studio.dir.path().join(".config/coachplan");
    std::fs::create_dir_all(&config).unwrap_or_default();
    std::fs::write(
        config.join("clients.toml"),
        client("From Config", "config", "2026-01-01"),
    )
    .unwrap_or_default();
    let list = |cmd: &mut assert_cmd::Command| stdout(cmd.args(["clients", "--format", "csv"]));

    let env = studio.path("env.toml");
    let flag = studio.roster();
    let out = list(
        bare(studio.dir.path())
            .env("COACHPLAN_FILE", &env)
            .arg("--file")
            .arg(&flag),
    );
    assert!(out.contains("From Flag"), "{out}");
    let out = list(bare(studio.dir.path()).env("COACHPLAN_FILE", &env));
    assert!(out.contains("From Env"), "{out}");
    let out = list(&mut bare(studio.dir.path()));
    assert!(out.contains("From Config"), "{out}");
}

#[test]
fn csv_output_reads_back_with_a_csv_parser_and_guards_formulas() {
    let roster = r#"[[client]]
name = "Alice \"Al\" Moreno, Jr."
id = "alice"
start = 2026-11-01
goal = "Get strong"
cadence = "1w"
notes = ["=HYPERLINK(\"http://x\")"]
contact = "+1 555 0100"
tags = ["online", "=cmd|' /C calc'!A0", "-vip", "a;=HYPERLINK(1)"]
"#;
    let studio = Studio::new(roster);
    studio.write(
        "clients.history.toml",
        "[[entry]]\nclient = \"alice\"\ndate = 2026-11-02\nnote = \"=1+1, said \\\"hi\\\"\"\n",
    );
    let out = stdout(&mut studio.run(&["today", "--format", "csv"]));
    // RFC 4180: every record ends in CRLF.
    assert!(
        out.ends_with("\r\n") && !out.replace("\r\n", "").contains('\n'),
        "{out:?}"
    );
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map(|h| h.iter().map(String::from).collect())
        .unwrap_or_default();
    assert_eq!(
        header,
        [
            "date",
            "client_id",
            "client",
            "kind",
            "title",
            "days_overdue",
            "goal",
            "why",
            "prompt",
            "last_contact",
            "last_note",
            "channel",
            "contact",
            "tags",
            "due",
            "draft",
            "in_person"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.expect("well-formed CSV record"))
        .collect();
    assert!(!rows.is_empty());
    let row = &rows[0];
    assert_eq!(&row[1], "alice");
    assert_eq!(&row[2], "Alice \"Al\" Moreno, Jr.");
    assert_eq!(&row[10], "'=1+1, said \"hi\"");
    assert_eq!(&row[12], "'+1 555 0100");
    assert_eq!(&row[3], "checkin");
    assert_eq!(&row[5], "14");
    // Each tag is guarded on its own: a sheet split at `;` finds no formula either.
    // A `;` inside one tag would let a formula through: its pieces are guarded too.
    assert_eq!(
        &row[13],
        "online;'=cmd|' /C calc'!A0;'-vip;a;'=HYPERLINK(1)"
    );
    assert!(
        row[13]
            .split(';')
            .all(|t| !t.starts_with(['=', '+', '-', '@']))
    );
    // The item's identity date, and a draft that speaks to the client by first name.
    assert_eq!(&row[14], "2026-11-09");
    assert!(row[15].starts_with("Hi Alice"), "{}", &row[15]);
}

#[test]
fn json_numbers_are_numbers_and_keys_follow_the_columns() {
    let studio = Studio::example();
    let out = stdout(&mut studio.run(&["today", "--all", "--format", "json"]));
    let rows: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    // Sofia's renewal talk on its last call day comes first (money first), then Dan.
    assert_eq!(rows[0]["client_id"], "sofia");
    let first = rows
        .as_array()
        .and_then(|a| a.iter().find(|r| r["client_id"] == "dan"))
        .expect("Dan is due");
    assert!(first["days_overdue"].is_u64());
    assert_eq!(first["kind"], "drift");
    assert_eq!(first["tags"], serde_json::json!(["in-person"]));
    // Absent values are null, never "": Ben has no goal, why or last note.
    let ben = rows
        .as_array()
        .and_then(|a| a.iter().find(|r| r["client_id"] == "ben"))
        .expect("Ben is due");
    assert!(ben["goal"].is_null() && ben["why"].is_null() && ben["last_note"].is_null());
    assert!(ben["due"].is_string() && ben["draft"].is_string());
    let clients: serde_json::Value =
        serde_json::from_str(&stdout(&mut studio.run(&["clients", "--format", "json"])))
            .expect("JSON");
    assert!(clients[0]["month"].is_u64());
}

#[test]
fn nothing_due_prints_nothing_when_piped_but_machine_formats_keep_their_shape() {
    let studio = Studio::new(&(client("Alice", "alice", "2026-11-20") + "journey = \"none\"\n"));
    let (code, out, err) = outcome(&mut studio.run(&["today"]));
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    let csv = stdout(&mut studio.run(&["today", "--format", "csv"]));
    assert_eq!(csv.lines().count(), 1);
    assert!(csv.starts_with("date,client_id,"));
    assert_eq!(
        stdout(&mut studio.run(&["today", "--format", "json"])).trim(),
        "[]"
    );
}

#[test]
fn daily_limit_caps_the_list_and_says_how_many_more() {
    let mut roster = "[coach]\ndaily_limit = 2\n".to_string();
    for (i, name) in ["Ann", "Bea", "Cy", "Dee"].iter().enumerate() {
        roster.push_str(&client(
            name,
            &name.to_lowercase(),
            &format!("2026-10-0{}", i + 1),
        ));
    }
    let studio = Studio::new(&roster);
    let out = stdout(&mut studio.run(&["today"]));
    assert!(out.contains("4 clients to reach"), "{out}");
    assert!(out.contains("2 more due · coachplan today --all"), "{out}");
    assert!(
        out.contains("Ann") && out.contains("Bea") && !out.contains("Dee"),
        "{out}"
    );
    let all = stdout(&mut studio.run(&["today", "--all"]));
    assert!(all.contains("Dee") && !all.contains("more due"), "{all}");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal_without_no_color() {
    let studio = Studio::example();
    let plain = stdout(studio.run(&["today"]).env("COLUMNS", "120"));
    assert!(!plain.contains('\u{1b}'));
    let never = stdout(
        studio
            .run(&["today", "--color", "never"])
            .env_remove("NO_COLOR"),
    );
    assert!(!never.contains('\u{1b}'));
    let auto_piped = stdout(studio.run(&["today"]).env_remove("NO_COLOR"));
    assert!(!auto_piped.contains('\u{1b}'));
    let always = stdout(&mut studio.run(&["today", "--color", "always"]));
    assert!(always.contains("\u{1b}["), "{always}");
    // Nothing relies on colour alone: the words say it too.
    assert!(plain.contains("overdue") && plain.contains("no session for 29 days"));
}

#[test]
fn control_characters_from_the_roster_never_reach_the_terminal_raw() {
    let roster = "[[client]]\nname = \"Eve\\u001b[2J\\u0007\"\nid = \"eve\"\nstart = 2026-11-01\ngoal = \"Bell\\rring\"\nnotes = [\"NUL\\u0000here\", \"two\\nlines\"]\n";
    let studio = Studio::new(roster);
    for args in [
        &["today"][..],
        &["clients"],
        &["journey"],
        &["agenda"],
        &["check"],
    ] {
        let (code, out, err) = outcome(&mut studio.run(args));
        assert_eq!(code, 0, "{args:?}: {err}");
        for bad in ['\u{1b}', '\u{7}', '\r', '\0'] {
            assert!(
                !out.contains(bad) && !err.contains(bad),
                "{args:?} printed {bad:?} raw:\n{out}"
            );
        }
    }
    let table = stdout(&mut studio.run(&["today"]));
    assert!(table.contains("Eve\\u{1b}[2J\\u{7}"), "{table}");
    // An id typed on the command line is echoed escaped too.
    let (code, _, err) = outcome(studio.run(&["today", "--client", "e\u{1b}[31mve"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("no client with id `e\\u{1b}[31mve`") && !err.contains('\u{1b}'),
        "{err:?}"
    );

    // In CSV the raw text is kept, quoted by the format.
    let csv = stdout(&mut studio.run(&["today", "--format", "csv"]));
    assert!(csv.contains("Eve\u{1b}[2J\u{7}"));
}

#[test]
fn a_closed_pipe_is_a_quiet_exit_0() {
    let mut roster = String::new();
    for i in 0..400 {
        roster.push_str(&client(
            &format!("Client {i}"),
            &format!("c{i}"),
            "2026-01-05",
        ));
    }
    let studio = Studio::new(&roster);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("coachplan"))
        .arg("--file")
        .arg(studio.roster())
        .args(["--date", DATE, "journey", "--format", "csv"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // Read one line, then close the pipe, like `| head -1`.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    let _ = std::io::Read::read(&mut stdout, &mut first);
    drop(stdout);
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn completions_and_man_page_are_generated() {
    let studio = Studio::new("");
    let bash = stdout(bare(studio.dir.path()).args(["completions", "bash"]));
    assert!(bash.contains("coachplan"));
    studio.write("completion.bash", &bash);
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(studio.path("completion.bash"))
        .status()
        .expect("bash");
    assert!(status.success(), "bash completion does not parse");
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        assert!(!stdout(bare(studio.dir.path()).args(["completions", shell])).is_empty());
    }
    let man = stdout(bare(studio.dir.path()).arg("man"));
    assert!(
        man.starts_with(".ie") || man.starts_with(".TH"),
        "{}",
        &man[..man.len().min(80)]
    );
    assert!(
        man.contains(".TH coachplan 1"),
        "man page has a title header"
    );
}

#[test]
fn every_command_has_help_with_an_example() {
    let studio = Studio::new("");
    for cmd in [
        "today",
        "agenda",
        "journey",
        "clients",
        "log",
        "check",
        "init",
        "retention",
        "completions",
        "man",
    ] {
        let help = stdout(bare(studio.dir.path()).args([cmd, "--help"]));
        assert!(
            help.contains("Example"),
            "`{cmd} --help` has no example:\n{help}"
        );
    }
}

#[test]
fn retention_figures_match_a_hand_count() {
    let roster = "[[client]]\nname = \"A\"\nstart = 2026-01-01\n\
                  [[client]]\nname = \"B\"\nstart = 2026-01-01\nstatus = \"ended\"\nended = 2026-02-10\n\
                  [[client]]\nname = \"C\"\nstart = 2026-01-01\nstatus = \"ended\"\nended = 2026-04-20\n\
                  [[client]]\nname = \"D\"\nstart = 2026-01-01\n";
    let studio = Studio::new(roster);
    let csv = stdout(&mut studio.run(&["retention", "--format", "csv"]));
    let lines: Vec<&str> = csv.lines().take(6).collect();
    assert_eq!(
        lines,
        [
            "month,at_risk,lost,retained",
            "1,4,0,1",
            "2,4,1,0.75",
            "3,3,0,0.75",
            "4,3,1,0.5",
            "5,2,0,0.5"
        ]
    );
    let table = stdout(&mut studio.run(&["retention"]));
    assert!(
        table.contains("75%") && table.contains("50%") && table.contains("███"),
        "{table}"
    );
}

#[test]
fn a_birthday_today_is_never_capped_away() {
    // Three clients due, a cap of one; the one with a birthday is listed anyway.
    let mut roster = "[coach]\ndaily_limit = 1\n".to_string();
    for (name, id) in [("Ann", "ann"), ("Bea", "bea"), ("Cem", "cem")] {
        roster += &common::client(name, id, "2026-10-01");
    }
    roster += "birthday = \"11-23\"\n";
    let studio = Studio::new(&roster);
    let table = stdout(&mut studio.run(&["today"]));
    assert!(table.contains("Ann") && table.contains("Cem"), "{table}");
    assert!(
        !table.contains("Bea") && table.contains("1 more due"),
        "{table}"
    );
    let csv = stdout(&mut studio.run(&["today", "--format", "csv"]));
    assert!(
        csv.lines()
            .any(|l| l.contains(",cem,") && l.contains(",birthday,")),
        "{csv}"
    );
}

#[test]
fn a_journey_export_planned_in_slices_is_one_document_in_roster_order() {
    // 1,203 clients: the export is planned and written 1,000 clients at a time.
    let roster: String = (0..1203)
        .map(|n| client(&format!("Client {n}"), &format!("c{n}"), "2026-01-05"))
        .collect();
    let studio = Studio::new(&roster);
    let args = |format| ["journey", "--months", "2", "--format", format];
    let json = stdout(studio.run(&args("json")));
    let rows: serde_json::Value = serde_json::from_str(&json).expect("one JSON document");
    let rows = rows.as_array().expect("an array");
    let ids: Vec<&str> = rows
        .iter()
        .filter_map(|r| r["client_id"].as_str())
        .collect();
    assert_eq!(ids.len(), rows.len(), "every row names its client");
    let mut order: Vec<&str> = ids.clone();
    order.dedup();
    let expected: Vec<String> = (0..1203).map(|n| format!("c{n}")).collect();
    assert_eq!(order, expected, "each client once, in roster order");

    let csv = stdout(studio.run(&args("csv")));
    let header = csv.lines().next().unwrap_or_default();
    assert!(header.starts_with("client_id,"), "{header}");
    assert_eq!(csv.matches(header).count(), 1, "one header row");
    assert_eq!(
        csv.lines().count(),
        rows.len() + 1,
        "the CSV has the JSON's rows"
    );
}

#[test]
fn run_can_be_called_twice_in_one_process_with_different_settings() {
    // #23: `-o` and the lock wait travel as values, not as statics set once.
    use clap::Parser;
    let studio = Studio::example();
    let roster = studio.roster().display().to_string();
    let first = studio.path("first.csv");
    let second = studio.path("second.json");
    for (format, out) in [("csv", &first), ("json", &second)] {
        let cli = coachplan::cli::Cli::try_parse_from([
            "coachplan",
            "--file",
            &roster,
            "--date",
            DATE,
            "clients",
            "--format",
            format,
            "-o",
            &out.display().to_string(),
        ])
        .expect("arguments");
        coachplan::run(cli).expect("runs");
    }
    let csv = std::fs::read_to_string(&first).expect("first output");
    assert!(csv.starts_with("client_id,client,status"), "{csv}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&second).expect("second output"))
            .expect("JSON");
    assert_eq!(json.as_array().map(Vec::len), Some(csv.lines().count() - 1));
}

#[test]
fn a_refused_format_is_answered_with_the_formats_that_command_prints() {
    // #23: `show --format ics` hinted `csv`, which `show` then refused.
    let studio = Studio::example();
    for (args, hint) in [
        (
            &["show", "alice", "--format", "ics"][..],
            "use --format table, json",
        ),
        (
            &["show", "alice", "--format", "csv"],
            "use --format table, json",
        ),
        (
            &["today", "--format", "ics"],
            "use --format table, csv, json",
        ),
        (&["check", "--format", "csv"], "use --format table, json"),
        (&["draft", "--format", "json"], "leave out --format"),
        (&["log", "alice", "--format", "csv"], "leave out --format"),
    ] {
        let (code, out, err) = outcome(studio.run(args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?} printed {out}");
        assert!(err.contains(hint), "{args:?}: {err}");
    }
    // Nothing was logged by the refused `log`.
    assert!(
        !studio.path("clients.history.toml").exists()
            || !studio.read("clients.history.toml").contains("2026-11-23")
    );
}
