//! Faults and hostile input, round three (#27): each test is named after the promise it
//! keeps (SPEC §1 "Every write", §3 "Exit status and diagnostics"). The writers' kill -9
//! and symlink cases are in tests/writers.rs.

use crate::common;

use common::{Studio, outcome, stdout};

const ANN: &str = "[[client]]\nname = \"Ann Lee\"\nid = \"ann\"\nstart = 2026-01-05\ngoal = \"Run\"\ncadence = \"1w\"\n";

#[test]
fn undo_finds_the_entries_the_loader_reads_in_any_toml_layout() {
    // #15: a BOM, a quoted header, inline entries: `check` reads them, so `undo` must too.
    let layouts = [
        "\u{feff}[[entry]]\nclient = \"ann\"\ndate = 2026-11-01\nkind = \"contact\"\n\n[[entry]]\nclient = \"ann\"\ndate = 2026-11-02\nkind = \"session\"\n",
        "[[\"entry\"]]\nclient = \"ann\"\ndate = 2026-11-01\nkind = \"contact\"\n\n[[\"entry\"]]\nclient = \"ann\"\ndate = 2026-11-02\nkind = \"session\"\n",
        "entry = [\n  { client = \"ann\", date = 2026-11-01, kind = \"contact\" },\n  { client = \"ann\", date = 2026-11-02, kind = \"session\" },\n]\n",
    ];
    for layout in layouts {
        let studio = Studio::new(ANN);
        studio.write("clients.history.toml", layout);
        let (code, out, err) = outcome(studio.run(&["undo", "ann"]));
        assert_eq!(code, 0, "{layout}\n{err}");
        assert!(out.contains("2026-11-02"), "{out}");
        let left = studio.read("clients.history.toml");
        assert!(
            !left.contains("2026-11-02") && left.contains("2026-11-01"),
            "{left}"
        );
        assert_eq!(layout.starts_with('\u{feff}'), left.starts_with('\u{feff}'));
        let check = stdout(studio.run(&["check"]));
        assert!(check.contains("1 history entry"), "{check}");
    }
}

#[test]
fn undo_without_a_history_says_there_is_nothing_to_undo_yet() {
    // #25: not a bare "no such file".
    let studio = Studio::new(ANN);
    let (code, _, err) = outcome(studio.run(&["undo", "ann"]));
    assert_eq!(code, 1);
    assert!(err.contains("nothing to undo"), "{err}");
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn a_journey_near_year_9999_prints_no_date_past_it_in_any_format() {
    // #10: `+10000-01-03` in CSV/JSON, an invalid DTSTART in ICS.
    let studio = Studio::new(
        "[[client]]\nname = \"Old\"\nid = \"old\"\nstart = 9999-12-20\ncadence = \"1w\"\n",
    );
    for format in ["csv", "json", "ics", "table"] {
        let out =
            stdout(studio.run(&["journey", "old", "--format", format, "--date", "9999-12-30"]));
        assert!(!out.contains("10000"), "{format}:\n{out}");
        let out = stdout(studio.run(&[
            "agenda",
            "--days",
            "30",
            "--format",
            format,
            "--date",
            "9999-12-30",
        ]));
        assert!(!out.contains("10000"), "{format}:\n{out}");
    }
}

#[test]
fn an_item_on_the_last_day_of_9999_is_a_one_day_event_without_an_end_past_it() {
    let studio = Studio::new(
        "[[client]]\nname = \"Old\"\nid = \"old\"\nstart = 9999-12-31\ncadence = \"1w\"\n",
    );
    let ics = stdout(studio.run(&["agenda", "--format", "ics", "--date", "9999-12-31"]));
    assert!(ics.contains("DTSTART;VALUE=DATE:99991231"), "{ics}");
    assert!(!ics.contains("DTEND") && !ics.contains("10000"), "{ics}");
    icalendar::parser::read_calendar(&icalendar::parser::unfold(&ics)).expect("valid iCalendar");
}

/// Runs `coachplan ARGS` with a terminal as standard output (through `script`), and
/// returns what the terminal received.
fn on_a_terminal(studio: &Studio, args: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_coachplan");
    let command = format!(
        "{bin} --file {} --date 2026-11-23 {args}",
        studio.roster().display()
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        // script(1) runs the command with $SHELL; the arguments use bash's $'…' quoting,
        // and CI's $SHELL may be sh (or unset).
        .env("SHELL", "/bin/bash")
        .env("NO_COLOR", "1")
        .env("COACHPLAN_NOW", common::DATE)
        .output()
        .expect("script(1) runs (util-linux)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const HOSTILE: &str = "[[client]]\nname = \"Ann\\u001b[31mRed\\u0007\"\nid = \"ann\"\nstart = 2026-01-05\ngoal = \"Run \\u009b1m\\u007f far\"\ncadence = \"1w\"\n";

#[test]
fn csv_and_json_on_a_terminal_escape_control_characters_and_into_a_pipe_keep_the_data() {
    // #20: ESC/BEL raw in CSV, C1 and DEL raw in JSON (also `check --format json`).
    let studio = Studio::new(HOSTILE);
    for args in [
        "today --format csv",
        "today --format json",
        "agenda --format ics",
        "show ann --format json",
        "check --format json",
    ] {
        let seen = on_a_terminal(&studio, args);
        assert!(!seen.is_empty(), "{args}: nothing printed");
        let raw: Vec<char> = seen
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            .collect();
        assert!(
            raw.is_empty(),
            "{args}: raw {raw:?} on the terminal:\n{seen}"
        );
    }
    let json = on_a_terminal(&studio, "today --format json");
    let rows: serde_json::Value =
        serde_json::from_str(&json.replace("\r\n", "\n")).expect("still JSON");
    assert_eq!(rows[0]["goal"], "Run \u{9b}1m\u{7f} far");
    // Into a pipe, the data as it is.
    let piped = stdout(studio.run(&["today", "--format", "csv"]));
    assert!(piped.contains("Ann\u{1b}[31mRed\u{7}"), "{piped}");
}

#[test]
fn a_usage_error_shows_a_hostile_argument_escaped_on_a_terminal() {
    // #21: clap echoed the argument raw.
    let studio = Studio::new(ANN);
    let seen = on_a_terminal(&studio, "today --format $'c\\e]0;owned\\asv'");
    assert!(seen.contains("c\\u{1b}]0;owned\\u{7}sv"), "{seen}");
    assert!(
        !seen.contains('\u{1b}') && !seen.contains('\u{7}'),
        "{seen:?}"
    );
}

#[test]
fn a_journey_with_a_bad_step_is_reported_once_not_also_as_unknown() {
    // #28.
    let studio = Studio::new(
        "[journeys.x]\n[[journeys.x.steps]]\nafter = \"zz\"\ntitle = \"T\"\n\n[[client]]\nname = \"Ann\"\nid = \"ann\"\nstart = 2026-01-05\ngoal = \"g\"\njourney = \"x\"\n",
    );
    let (code, _, err) = outcome(studio.run(&["check"]));
    assert_eq!(code, 1);
    assert!(err.contains("3:9: error: `after`"), "{err}");
    assert!(!err.contains("unknown journey"), "{err}");
}

#[test]
fn a_duration_over_the_cap_is_called_too_long_not_neither_a_date_nor_a_duration() {
    // #29.
    let studio = Studio::new(ANN);
    for args in [
        &["snooze", "ann", "99999999w"][..],
        &["log", "ann", "--next", "99999999w"],
    ] {
        let (code, _, err) = outcome(studio.run(args));
        assert_ne!(code, 0);
        assert!(
            err.contains("too long") && !err.contains("neither"),
            "{err}"
        );
    }
}

#[test]
fn every_table_view_piped_fits_80_columns_for_44_varied_clients() {
    // #32: `show` and `journey` printed lines over 80 columns when piped.
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/drafts/roster.toml");
    let studio = Studio::new(&std::fs::read_to_string(fixture).expect("fixture"));
    let roster: toml::Table = toml::from_str(&studio.read("clients.toml")).expect("TOML");
    let ids: Vec<String> = roster["client"]
        .as_array()
        .expect("clients")
        .iter()
        .filter_map(|c| c.get("id")?.as_str().map(String::from))
        .collect();
    let mut views: Vec<Vec<String>> = ids
        .iter()
        .map(|id| vec!["show".into(), id.clone()])
        .collect();
    for view in [
        "journey",
        "clients",
        "review --days 60",
        "agenda --days 30",
        "today --all --drafts",
        "retention",
    ] {
        views.push(view.split(' ').map(String::from).collect());
    }
    for args in views {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = stdout(studio.run(&args));
        let wide: Vec<&str> = out.lines().filter(|l| l.chars().count() > 80).collect();
        assert!(wide.is_empty(), "{args:?}: {wide:#?}");
    }
}

#[test]
fn a_roster_command_removes_the_temporary_copies_a_killed_rewrite_left() {
    // #33: `.tmpXXXXXX` copies of the roster that nothing removed.
    let studio = Studio::new(ANN);
    let stale = studio.path(".clients.toml.coachplan-Ab12Cd");
    let fresh = studio.path(".clients.toml.coachplan-Ef34Gh");
    let other = studio.path(".notes.txt.coachplan-Ij56Kl");
    for path in [&stale, &fresh, &other] {
        std::fs::write(path, ANN).expect("write");
    }
    // Every time set from this process's clock, so the test holds under faketime too.
    let now = std::time::SystemTime::now();
    let an_hour_ago = now - std::time::Duration::from_secs(3600);
    for (path, time) in [(&stale, an_hour_ago), (&other, an_hour_ago), (&fresh, now)] {
        std::fs::File::options()
            .write(true)
            .open(path)
            .and_then(|f| f.set_modified(time))
            .expect("date the copy");
    }
    stdout(studio.run(&["pause", "ann", "--until", "2w"]));
    assert!(!stale.exists(), "the stale copy is still there");
    // One being written right now, and another file's, are left alone.
    assert!(fresh.exists() && other.exists());
    // The rewrite's own copy is gone too: only the roster and the two others are left.
    let left: Vec<String> = std::fs::read_dir(studio.dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("coachplan-") || n.starts_with(".tmp"))
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}

#[test]
fn add_names_the_option_to_change_not_a_place_in_a_roster_never_seen() {
    // #27 item 27: "r.toml (as the change would leave it):10:11: error: …".
    let studio = Studio::new(ANN);
    let before = studio.read("clients.toml");
    let (code, _, err) =
        outcome(studio.run(&["add", "Bo Li", "--start", "2026-11-02", "--cadence", "3x"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("error: `--cadence`: `3x` has an unknown unit"),
        "{err}"
    );
    assert!(!err.contains("as the change would leave it"), "{err}");
    assert_eq!(studio.read("clients.toml"), before);
}

#[test]
fn the_man_page_lists_only_pages_that_exist() {
    // #28: SEE ALSO/SUBCOMMANDS named coachplan-help(1), which `man --dir` never writes.
    let studio = Studio::new(ANN);
    let dir = studio.path("man1");
    stdout(studio.run(&["man", "--dir", &dir.display().to_string()]));
    let main = std::fs::read_to_string(dir.join("coachplan.1")).expect("coachplan.1");
    let mut named = 0;
    for (at, _) in main.match_indices("coachplan\\-") {
        let name: String = main[at + "coachplan\\-".len()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if main[at..].contains("(1)")
            && !name.is_empty()
            && main[at..].starts_with(&format!("coachplan\\-{name}(1)"))
        {
            named += 1;
            assert!(
                dir.join(format!("coachplan-{name}.1")).exists(),
                "coachplan-{name}(1) has no page"
            );
        }
    }
    assert!(named > 10, "only {named} pages named");
}

#[test]
fn show_wraps_wide_characters_by_their_width_within_80_columns() {
    // #23: the hand-rolled wrap counted characters, so CJK text overflowed 80 columns.
    let note = "每周一 周三 周五 早上训练 然后去上班 晚上照顾孩子 所以时间很紧张 希望教练能理解 我的膝盖有旧伤 请注意深蹲的重量 还有我周末经常出差";
    let studio = Studio::new(&format!(
        "[[client]]\nname = \"王小明\"\nid = \"wang\"\nstart = 2026-01-05\ngoal = \"{note}\"\nnotes = [\"{note}\"]\n"
    ));
    let page = stdout(studio.run(&["show", "wang"]));
    for line in page.lines() {
        let width = unicode_width::UnicodeWidthStr::width(line);
        assert!(width <= 80, "{width} columns: {line}");
    }
    assert!(page.contains("还有我周末经常出差"), "{page}");
}

/// #27 item 26: a roster command in a folder it cannot write names the folder (the new
/// copy is made beside the roster), not the roster's own permissions, which are fine; and
/// `-o` into such a folder says the same. Nothing changes.
#[test]
fn a_read_only_folder_is_named_as_the_cause_not_the_files_permissions() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let studio = Studio::example();
        let (Some(mut pause), Some(mut out)) = (
            studio.run_unprivileged(&["pause", "priya"]),
            studio.run_unprivileged(&["clients", "--format", "csv", "-o", "roster.csv"]),
        ) else {
            common::skip_here(
                "running as root, and `nobody` cannot run the binary through setpriv(1): permissions do not apply to root",
            );
            return;
        };
        let roster = std::fs::read(studio.roster()).expect("roster");
        let folder = studio.dir.path();
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        let (code, _, err) = common::outcome_of(&mut pause);
        let (out_code, _, out_err) = common::outcome_of(out.current_dir(folder));
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("cannot create a file in its folder"), "{err}");
        assert!(err.contains("ls -ld"), "the hint names the folder: {err}");
        assert!(!err.contains("file's permissions"), "{err}");
        assert_eq!(std::fs::read(studio.roster()).expect("roster"), roster);
        assert_eq!(out_code, 1, "{out_err}");
        assert!(
            out_err.contains("cannot create a file in its folder"),
            "{out_err}"
        );
        assert!(!folder.join("roster.csv").exists());
    }
}

/// #27 item 31: a dotted key written with spaces (`coach . daily_limit`), or a second one
/// after it (`coach.since`), is kept exactly as typed by every roster command: the edit
/// touches the client's own lines only.
#[test]
fn dotted_keys_outside_the_client_are_kept_as_typed_by_every_roster_command() {
    let head = "coach . daily_limit = 3\ncoach.since = 2026-01-01 # first day with coachplan\ntags . online . cadence = \"2w\"\n\n";
    let studio = Studio::new(&format!(
        "{head}{}\n{}",
        common::client("Ann Lee", "ann", "2026-03-01"),
        common::client("Bo Li", "bo", "2026-04-01")
    ));
    studio.write("sheet.csv", "Name,Start\nCy Mo,2026-11-02\n");
    let sheet = studio.path("sheet.csv").display().to_string();
    for args in [
        &["pause", "ann"][..],
        &["resume", "ann"],
        &["renew", "bo", "2027-01-15"],
        &["renew", "bo", "--package", "10"],
        &["end", "bo"],
        &["add", "Di Ng", "--start", "2026-11-20"],
        &["import", &sheet],
    ] {
        stdout(studio.run(args));
        let roster = studio.read("clients.toml");
        assert!(
            roster.starts_with(head),
            "`{}` rewrote the keys above the clients:\n{}",
            args.join(" "),
            &roster[..head.len().min(roster.len())]
        );
    }
}
