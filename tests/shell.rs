//! Fits the shell and survives hostile input: widths, colour, stdin and --output, man
//! pages, check --format json, special files, full disks, held locks, far dates, raw
//! control and bidi characters.

use crate::common;

use std::path::Path;

use common::{Studio, bare, client, outcome, stdout};

fn assert_fits(out: &str, width: usize) {
    for line in out.lines() {
        assert!(
            line.chars().count() <= width,
            "{} > {width}: {line:?}",
            line.chars().count()
        );
        assert_eq!(line, line.trim_end(), "trailing spaces: {line:?}");
    }
}

/// Twelve clients set aside (three unanswered tries each), for a long footer.
fn twelve_set_aside() -> Studio {
    // One client due, so that `today` has something to say besides the footer.
    let mut roster = client("Due Today", "due", "2026-11-09");
    let mut history = String::new();
    for n in 0..12 {
        roster += &client(
            &format!("Client Number {n} With A Long Name"),
            &format!("c{n}"),
            "2026-01-05",
        );
        for day in ["2026-10-01", "2026-10-08", "2026-10-22"] {
            history +=
                &format!("[[entry]]\nclient = \"c{n}\"\ndate = {day}\nkind = \"no-reply\"\n\n");
        }
    }
    let studio = Studio::new(&roster);
    studio.write("clients.history.toml", &history);
    studio
}

#[test]
fn piped_tables_fit_80_columns_or_columns_footers_included() {
    for studio in [Studio::example(), twelve_set_aside()] {
        for width in [None, Some("60")] {
            for args in [
                &["today"][..],
                &["agenda"],
                &["clients"],
                &["journey"],
                &["review"],
                &["show", "alice"],
            ] {
                if args == ["show", "alice"] && !studio.read("clients.toml").contains("alice") {
                    continue;
                }
                let mut cmd = studio.run(args);
                if let Some(w) = width {
                    cmd.env("COLUMNS", w);
                }
                let out = stdout(cmd);
                assert_fits(&out, width.map_or(80, |w| w.parse().unwrap_or(80)));
            }
        }
    }
    // The footer wraps, but says it all: every name, with when to touch base next.
    let out = stdout(twelve_set_aside().run(&["today"]));
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Waiting on them (no reply to 3 tries): Client Number 0 With A Long Name, last tried 22 Oct, light touch 3 Dec;"), "{out}");
    assert!(words.contains("Client Number 11 With A Long Name"), "{out}");
}

#[test]
fn colour_follows_term_and_clicolor_force() {
    let studio = Studio::example();
    let forced = stdout(
        studio
            .run(&["today"])
            .env_remove("NO_COLOR")
            .env("CLICOLOR_FORCE", "1"),
    );
    assert!(forced.contains('\u{1b}'), "CLICOLOR_FORCE colours a pipe");
    // On a real pseudo-terminal (util-linux `script`), TERM=dumb means no colour.
    let Ok(script) = which("script") else {
        common::skip("no `script` to make a pty");
        return;
    };
    let exe = assert_cmd::cargo::cargo_bin!("coachplan");
    let run = |term: &str| {
        let line = format!(
            "{} --file {} --date 2026-11-23 today",
            exe.display(),
            studio.roster().display()
        );
        let out = std::process::Command::new(&script)
            .args(["-qec", &line, "/dev/null"])
            .env("TERM", term)
            .env_remove("NO_COLOR")
            .env("COACHPLAN_NOW", common::DATE)
            .output()
            .expect("script");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let dumb = run("dumb");
    assert!(dumb.contains("Alice Moreno"), "{dumb}");
    assert!(!dumb.contains("\u{1b}["), "TERM=dumb: {dumb:?}");
    assert!(run("xterm").contains("\u{1b}["), "a terminal gets colour");
}

fn which(name: &str) -> Result<std::path::PathBuf, ()> {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|p| p.join(name))
                .find(|p| p.is_file())
        })
        .ok_or(())
}

#[test]
fn check_writes_diagnostics_as_json_and_names_the_files_it_read() {
    let studio =
        Studio::new("[coach]\ndaily_limt = 3\n[[client]]\nname = \"A\"\nstart = 2026-02-30\n");
    let (code, out, _) = outcome(studio.run(&["check", "--format", "json"]));
    assert_eq!(code, 1);
    let diags: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let first = &diags[0];
    let keys: Vec<&str> = first
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        ["file", "line", "column", "severity", "message", "hint"]
    );
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(first["severity"], "error");
    assert_eq!(diags.as_array().map(Vec::len), Some(3), "{out}");
    let good = Studio::example();
    let out = stdout(good.run(&["check"]));
    assert!(
        out.contains("read: ") && out.contains("clients.history.toml"),
        "{out}"
    );
    let warnings: serde_json::Value =
        serde_json::from_str(&stdout(good.run(&["check", "--format", "json"]))).expect("JSON");
    assert_eq!(warnings[0]["severity"], "warning");
}

#[test]
fn the_roster_can_come_from_standard_input_and_output_go_to_a_file() {
    let studio = Studio::example();
    let roster = studio.read("clients.toml");
    let out = stdout(
        bare(studio.dir.path())
            .args(["--file", "-", "--date", "2026-11-23", "clients"])
            .write_stdin(roster.clone()),
    );
    assert!(out.contains("Alice Moreno"), "{out}");
    // No history unless named: Carla is not set aside then.
    assert!(!out.contains("waiting"), "{out}");
    let history = studio.path("clients.history.toml").display().to_string();
    let out = stdout(
        bare(studio.dir.path())
            .args([
                "--file",
                "-",
                "--history",
                &history,
                "--date",
                "2026-11-23",
                "clients",
            ])
            .write_stdin(roster.clone()),
    );
    assert!(out.contains("waiting"), "{out}");
    let (code, _, err) = outcome(
        bare(studio.dir.path())
            .args(["--file", "-", "log", "alice"])
            .write_stdin(roster.clone()),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--history"), "{err}");

    let target = studio.path("calendar.ics");
    let direct = stdout(studio.run(&["agenda", "--format", "ics"]));
    let quiet = stdout(studio.run(&[
        "agenda",
        "--format",
        "ics",
        "-o",
        &target.display().to_string(),
    ]));
    assert!(quiet.is_empty());
    assert_eq!(std::fs::read_to_string(&target).unwrap_or_default(), direct);
    // (v3) A missing folder is made (a cron line writing into ~/Calendars works on a
    // fresh account); one that cannot be made is an error.
    let (code, _, err) = outcome(studio.run(&[
        "today",
        "--output",
        &studio.path("no/such/dir/x").display().to_string(),
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(studio.path("no/such/dir/x").exists());
    studio.write("plain", "a file, not a folder");
    let (code, _, err) = outcome(studio.run(&[
        "today",
        "--output",
        &studio.path("plain/x").display().to_string(),
    ]));
    assert_eq!(code, 1, "{err}");
}

#[test]
fn man_pages_cover_every_command_and_its_options_in_plain_ascii() {
    let studio = Studio::example();
    let main = stdout(bare(studio.dir.path()).env("LANG", "C").args(["man"]));
    for section in [
        ".SH ENVIRONMENT",
        "COACHPLAN_FILE",
        "COACHPLAN_HISTORY",
        ".SH FILES",
        ".SH EXIT STATUS",
    ] {
        assert!(main.contains(section), "{section}");
    }
    let today = stdout(bare(studio.dir.path()).args(["man", "today"]));
    for option in [
        "\\-\\-all",
        "\\-\\-client",
        "\\-\\-drafts",
        "\\-\\-tag",
        "\\-\\-file",
    ] {
        assert!(today.contains(option), "{option} in coachplan-today(1)");
    }
    let dir = studio.path("man");
    stdout(bare(studio.dir.path()).args(["man", "--dir", &dir.display().to_string()]));
    for page in [
        "coachplan.1",
        "coachplan-today.1",
        "coachplan-log.1",
        "coachplan-review.1",
        "coachplan-import.1",
    ] {
        let text = std::fs::read(dir.join(page)).unwrap_or_default();
        assert!(!text.is_empty(), "{page}");
        assert!(text.is_ascii(), "{page} is plain ASCII");
    }
    let (code, _, err) = outcome(bare(studio.dir.path()).args(["man", "todya"]));
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `today`?"), "{err}");
}

#[test]
fn special_files_are_refused_before_they_are_read() {
    let studio = Studio::example();
    for path in ["/dev/zero", "/dev/null"] {
        let (code, _, err) = outcome(bare(studio.dir.path()).args(["--file", path, "today"]));
        assert_eq!(code, 1, "{path}");
        assert!(err.contains("not a regular file"), "{path}: {err}");
    }
    #[cfg(unix)]
    {
        let fifo = studio.path("fifo.toml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if made {
            let (code, _, err) =
                outcome(studio.run(&["--history", &fifo.display().to_string(), "today"]));
            assert_eq!(code, 1);
            assert!(err.contains("not a regular file"), "{err}");
        }
    }
}

#[test]
fn a_confirmation_that_cannot_be_printed_does_not_fail_a_written_entry() {
    let studio = Studio::example();
    let before = studio.read("clients.history.toml");
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    let Ok(full) = full else {
        common::skip("no /dev/full");
        return;
    };
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("coachplan"))
        .arg("--file")
        .arg(studio.roster())
        .args(["--date", common::DATE, "log", "alice", "--note", "once"])
        .env("COACHPLAN_NOW", common::DATE)
        .stdout(full)
        .output()
        .expect("run log");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("warning: written"), "{err}");
    let after = studio.read("clients.history.toml");
    assert_eq!(after.matches("note = \"once\"").count(), 1);
    assert!(after.starts_with(&before));
}

#[test]
fn a_held_lock_is_waited_for_with_a_word_then_given_up() {
    let studio = Studio::example();
    let history = studio.path("clients.history.toml");
    // Another process holds the history's exclusive lock until it is killed (the test
    // takes the one-second wait and no more).
    let holder = std::process::Command::new("python3")
        .args(["-c", "import fcntl,sys,time; f=open(sys.argv[1],'a'); fcntl.flock(f,fcntl.LOCK_EX); print('held',flush=True); time.sleep(60)"])
        .arg(&history)
        .stdout(std::process::Stdio::piped())
        .spawn();
    let Ok(mut holder) = holder else {
        common::skip("no python3 to hold a lock");
        return;
    };
    let mut line = String::new();
    if let Some(out) = holder.stdout.as_mut() {
        use std::io::BufRead;
        let _ = std::io::BufReader::new(out).read_line(&mut line);
    }
    assert_eq!(line.trim(), "held");
    let before = studio.read("clients.history.toml");
    let (code, _, err) = outcome(
        studio
            .run(&["log", "alice"])
            .env("COACHPLAN_LOCK_WAIT", "1"),
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("waiting for another coachplan"), "{err}");
    assert!(err.contains("gave up"), "{err}");
    assert_eq!(studio.read("clients.history.toml"), before);
    let _ = holder.kill();
    let _ = holder.wait();
    // The lock goes with the process that held it.
    stdout(studio.run(&["log", "alice"]));
}

#[test]
fn dates_stay_within_years_1_to_9999() {
    let studio = Studio::new(&client("Old", "old", "0000-01-01"));
    let (code, _, err) = outcome(studio.run(&["check"]));
    assert_eq!(code, 1);
    assert!(err.contains("years run from 1 to 9999"), "{err}");
    let (code, _, _) = outcome(Studio::example().run(&["log", "alice", "--date", "0000-01-01"]));
    assert_eq!(code, 2);
    let late = Studio::new(
        &(client("Late", "late", "9999-11-01") + "birthday = \"12-31\"\njourney = \"none\"\n"),
    );
    for format in ["csv", "ics"] {
        let out = stdout(late.run(&[
            "agenda",
            "--days",
            "90",
            "--format",
            format,
            "--date",
            "9999-12-01",
        ]));
        assert!(
            !out.contains("10000") && !out.contains("+1000"),
            "{format}: {out}"
        );
    }
    let journey = stdout(late.run(&[
        "journey",
        "--months",
        "120",
        "--format",
        "csv",
        "--date",
        "9999-12-01",
    ]));
    assert!(!journey.contains("10000"), "{journey}");
}

#[test]
fn crlf_inside_multiline_strings_becomes_a_plain_newline() {
    let roster = client("Ann", "ann", "2026-11-01")
        .replace("goal = \"Get strong\"", "goal = \"\"\"Get\nstrong\"\"\"");
    let studio = Studio::new(&roster.replace('\n', "\r\n"));
    let out = stdout(studio.run(&["today", "--format", "json"]));
    assert!(out.contains("\"goal\": \"Get\\nstrong\""), "{out}");
    assert!(!stdout(studio.run(&["today"])).contains('\r'));
}

#[test]
fn the_history_may_not_be_the_roster_by_any_name_nor_empty() {
    let studio = Studio::example();
    std::fs::hard_link(studio.roster(), studio.path("same.toml")).expect("hard link");
    let roster = studio
        .read("clients.toml")
        .replace("[coach]\n", "[coach]\nhistory = \"same.toml\"\n");
    studio.write("clients.toml", &roster);
    // The hard link now has the new text too: the same file.
    let (code, _, err) = outcome(studio.run(&["log", "alice"]));
    assert_eq!(code, 1);
    assert!(err.contains("is the roster itself"), "{err}");
    let empty = Studio::new(&format!(
        "[coach]\nhistory = \"\"\n{}",
        client("A", "a", "2026-01-05")
    ));
    let (code, _, err) = outcome(empty.run(&["check"]));
    assert_eq!(code, 1);
    assert!(err.contains("`history` is empty"), "{err}");
}

#[test]
fn bidirectional_overrides_never_reach_the_terminal_raw() {
    let roster = client("Ann\u{202e}evil\u{202c}", "ann", "2026-11-01");
    let studio = Studio::new(&roster);
    for args in [&["today"][..], &["clients"], &["show", "ann"], &["draft"]] {
        let out = stdout(studio.run(args));
        assert!(!out.contains('\u{202e}'), "{args:?}: {out}");
        assert!(out.contains("\\u{202e}"), "{args:?}: shown escaped");
    }
}

#[test]
fn a_journey_without_an_end_is_bounded() {
    let studio = Studio::new(
        &(client("Ancient", "old", "0001-01-01") + "journey = \"none\"\n")
            .replace("cadence = \"1w\"", "cadence = \"daily\""),
    );
    let out = stdout(studio.run(&["journey", "--format", "csv"]));
    let months: std::collections::BTreeSet<&str> = out
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(2))
        .collect();
    assert!(months.len() <= 120, "{} months", months.len());
    let table = stdout(studio.run(&["journey"]));
    assert!(
        table.contains("left out"),
        "{}",
        &table[..table.len().min(400)]
    );
}

#[test]
fn a_full_disk_leaves_the_history_as_it_was() {
    let mount = Path::new("/tmp/coachplan-full-disk-test");
    let _ = std::fs::create_dir_all(mount);
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(mount)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        common::skip_here("cannot mount a tmpfs here (the unit test in store.rs covers it)");
        return;
    }
    let studio = Studio::example();
    let roster = studio.read("clients.toml");
    // 64 KiB: the roster (one page), a history of just under two pages, and a filler of
    // thirteen: the disk is full, and a 1,900-character note needs a new page.
    let history = mount.join("clients.history.toml");
    let entry = "[[entry]]\nclient = \"alice\"\ndate = 2026-11-01\nnote = \"0123456789\"\n\n";
    let setup = std::fs::write(mount.join("clients.toml"), &roster)
        .and_then(|()| std::fs::write(&history, entry.repeat(8000 / entry.len())))
        .and_then(|()| std::fs::write(mount.join("filler"), vec![b'x'; 13 * 4096]));
    if let Err(e) = setup {
        let _ = std::process::Command::new("umount").arg(mount).status();
        common::skip_here(&format!("could not lay out the small disk: {e}"));
        return;
    }
    let before = std::fs::read(&history).unwrap_or_default();
    let note = "x".repeat(1900);
    let (code, _, err) = outcome(
        bare(mount)
            .args(["--file"])
            .arg(mount.join("clients.toml"))
            .args(["--date", "2026-11-23", "log", "alice", "--note", &note]),
    );
    let after = std::fs::read(&history).unwrap_or_default();
    let _ = std::process::Command::new("umount").arg(mount).status();
    assert_eq!(code, 1, "{err}");
    assert!(err.to_lowercase().contains("space"), "{err}");
    assert_eq!(after, before, "the history is exactly as it was");
}

#[test]
fn a_file_size_limit_leaves_the_history_as_it_was() {
    let studio = Studio::example();
    let before = studio.read("clients.history.toml");
    let exe = assert_cmd::cargo::cargo_bin!("coachplan");
    let line = format!(
        "ulimit -f 1; exec {} --file {} --date 2026-11-23 log alice --note {}",
        exe.display(),
        studio.roster().display(),
        "y".repeat(1500)
    );
    let out = std::process::Command::new("sh")
        .args(["-c", &line])
        .env("COACHPLAN_NOW", common::DATE)
        .output()
        .expect("sh");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("too large"), "{err}");
    assert_eq!(studio.read("clients.history.toml"), before);
}

#[test]
fn bash_completes_client_ids_from_the_roster_the_command_would_read() {
    let Ok(bash) = which("bash") else {
        common::skip("no bash");
        return;
    };
    let exe = assert_cmd::cargo::cargo_bin!("coachplan");
    let bin_dir = exe.parent().map(Path::to_path_buf).unwrap_or_default();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let example = common::example_path();
    let complete = |line: &str, env_file: Option<&Path>| {
        let script = format!(
            "source <(coachplan completions bash)\n\
             COMP_LINE='{line}'; read -ra COMP_WORDS <<< \"$COMP_LINE\"\n\
             [[ \"$COMP_LINE\" == *' ' ]] && COMP_WORDS+=('')\n\
             COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); COMP_POINT=${{#COMP_LINE}}\n\
             _clap_complete_coachplan coachplan \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
             printf '%s\\n' \"${{COMPREPLY[@]}}\""
        );
        let mut cmd = std::process::Command::new(&bash);
        cmd.args(["-c", &script])
            .env("PATH", &path)
            .env_remove("COACHPLAN_FILE");
        if let Some(f) = env_file {
            cmd.env("COACHPLAN_FILE", f);
        }
        let out = cmd.output().expect("bash");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    let show = complete("coachplan show a", Some(&example));
    assert_eq!(show, ["alice"]);
    let log = complete("coachplan log ", Some(&example));
    for id in ["alice", "dan", "sofia"] {
        assert!(log.contains(&id.to_string()), "{log:?}");
    }
    // --file on the line wins over COACHPLAN_FILE.
    let other = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/online-studio.toml");
    let line = format!("coachplan --file {} pause ", other.display());
    let ids = complete(&line, Some(&example));
    assert!(
        ids.contains(&"jonas-weber".to_string()) && !ids.contains(&"alice".to_string()),
        "{ids:?}"
    );
    // `--file -` on the line: the roster would be the terminal. With standard input
    // open and silent, completion must answer at once (with no ids), not wait on it.
    let script = "source <(coachplan completions bash)\n\
         COMP_LINE='coachplan --file - log '; read -ra COMP_WORDS <<< \"$COMP_LINE\"\n\
         COMP_WORDS+=(''); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_POINT=${#COMP_LINE}\n\
         _clap_complete_coachplan coachplan '' log </dev/stdin\n\
         printf '%s\\n' \"${COMPREPLY[@]}\"";
    let mut child = std::process::Command::new(&bash)
        .args(["-c", script])
        .env("PATH", &path)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("bash");
    let _open_stdin = child.stdin.take();
    let started = std::time::Instant::now();
    let finished = loop {
        if child.try_wait().ok().flatten().is_some() {
            break true;
        }
        if started.elapsed() > std::time::Duration::from_secs(10) {
            let _ = child.kill();
            break false;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(
        finished,
        "completion with --file - waited on standard input"
    );
}

#[test]
fn control_characters_in_file_names_never_reach_stderr_raw() {
    let studio = Studio::new(&format!(
        "[coach]\nhistory = \"\\u001b]0;PWNED\\u0007/\\u001b[31mred.toml\"\n{}",
        client("Ann", "ann", "2026-11-01")
    ));
    let (code, _, err) = outcome(studio.run(&["log", "ann"]));
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("\\u{1b}]0;PWNED"), "{err}");
}
