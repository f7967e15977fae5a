//! The writers lose nothing (SPEC §1 "Every write"; red-team round three): `-o` never
//! replaces the roster or the history, writes go through links to their targets, special
//! files are written to and never renamed over, `undo` keeps CRLF and comments, roster
//! edits keep comments, and a `log` killed at any moment leaves whole entries only.

use crate::common;

use std::path::Path;

use common::{Studio, bare, client, outcome, stdout};

fn two_clients() -> Studio {
    let roster = client("Alice Moreno", "alice", "2026-10-05") + "journey = \"none\"\n";
    Studio::new(&(roster + &client("Ben Smith", "ben", "2026-10-05") + "journey = \"none\"\n"))
}

#[test]
fn output_onto_the_roster_or_the_history_is_refused_and_both_stay_byte_for_byte() {
    let studio = two_clients();
    stdout(studio.run(&["log", "alice", "--note", "Knee ok"]));
    let (roster, history) = (
        studio.read("clients.toml"),
        studio.read("clients.history.toml"),
    );
    let roster_path = studio.roster();
    let history_path = studio.path("clients.history.toml");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&roster_path, studio.path("link.toml")).expect("symlink");
    std::fs::hard_link(&history_path, studio.path("hard.toml")).expect("hard link");
    let targets = [
        roster_path.clone(),
        history_path.clone(),
        studio.path("link.toml"),
        studio.path("hard.toml"),
    ];
    for target in &targets {
        let target = target.to_str().unwrap_or_default();
        for args in [
            vec!["clients", "--format", "csv", "-o", target],
            vec!["add", "Cy Diaz", "--start", "2026-11-01", "-o", target],
            vec!["today", "-o", target],
        ] {
            let (code, _, err) = outcome(studio.run(&args));
            assert_eq!(code, 2, "{args:?}: {err}");
            assert!(err.contains("file itself"), "{args:?}: {err}");
            assert_eq!(studio.read("clients.toml"), roster, "{args:?}");
            assert_eq!(studio.read("clients.history.toml"), history, "{args:?}");
        }
    }
}

#[cfg(unix)]
#[test]
fn roster_commands_and_undo_write_through_a_symbolic_link_to_its_target() {
    use std::os::unix::fs::symlink;
    let studio = two_clients();
    let real = studio.dir.path().join("real");
    std::fs::create_dir(&real).expect("mkdir");
    std::fs::rename(studio.roster(), real.join("clients.toml")).expect("move");
    symlink(real.join("clients.toml"), studio.roster()).expect("symlink");
    stdout(studio.run(&["pause", "alice", "--until", "2026-12-07"]));
    assert!(
        std::fs::symlink_metadata(studio.roster())
            .expect("stat")
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    let target = std::fs::read_to_string(real.join("clients.toml")).unwrap_or_default();
    assert!(target.contains("paused_until = 2026-12-07"), "{target}");
    // The history through a link, undone.
    let history = studio.path("clients.history.toml");
    std::fs::write(real.join("h.toml"), "").expect("write");
    symlink(real.join("h.toml"), &history).expect("symlink");
    stdout(studio.run(&["log", "ben", "--note", "ok"]));
    stdout(studio.run(&["log", "alice", "--note", "ok"]));
    stdout(studio.run(&["undo"]));
    assert!(
        std::fs::symlink_metadata(&history)
            .expect("stat")
            .file_type()
            .is_symlink()
    );
    let text = std::fs::read_to_string(real.join("h.toml")).unwrap_or_default();
    assert!(
        text.contains("client = \"ben\"") && !text.contains("\"alice\""),
        "{text}"
    );
    // A link to nothing is refused, and nothing is made in its place.
    std::fs::remove_file(real.join("h.toml")).expect("rm");
    let (code, _, err) = outcome(studio.run(&["log", "ben"]));
    assert_eq!(code, 1, "{err}");
    assert!(
        std::fs::symlink_metadata(&history)
            .expect("stat")
            .file_type()
            .is_symlink()
    );
}

#[cfg(unix)]
#[test]
fn output_to_a_pipe_or_a_device_is_written_to_never_renamed_over() {
    let studio = two_clients();
    let fifo = studio.path("feed");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    // The read end, opened without waiting for a writer: nothing here can hang, whatever
    // the command does with the path.
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let mut reader = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo)
        .expect("open the FIFO");
    let fifo_arg = fifo.to_str().unwrap_or_default();
    let (code, _, err) = outcome(studio.run(&["clients", "--format", "csv", "-o", fifo_arg]));
    assert_eq!(code, 0, "{err}");
    let mut read = String::new();
    let _ = reader.read_to_string(&mut read);
    assert!(read.starts_with("client_id,"), "{read}");
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata(&fifo)
            .expect("stat")
            .file_type()
            .is_fifo()
    );
    // /dev/null stays a device (this suite may run as root).
    let (code, _, err) = outcome(studio.run(&["today", "-o", "/dev/null"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::metadata("/dev/null")
            .expect("stat")
            .file_type()
            .is_char_device()
    );
    // A missing folder is made for it, private.
    let deep = studio.path("Calendars/coach/today.csv");
    let deep_arg = deep.to_str().unwrap_or_default();
    stdout(studio.run(&["today", "--format", "csv", "-o", deep_arg]));
    assert!(
        std::fs::read_to_string(&deep)
            .unwrap_or_default()
            .starts_with("date,")
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(deep.parent().unwrap_or(Path::new("/")))
        .expect("stat")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700);
}

#[test]
fn undo_on_a_crlf_history_keeps_it_crlf_and_keeps_the_comments_after_an_entry() {
    let studio = two_clients();
    let crlf = "# kept by hand\r\n\r\n[[entry]]\r\nclient = \"alice\"\r\ndate = 2026-11-20\r\nkind = \"contact\"\r\n# Ben came in December\r\n\r\n[[entry]]\r\nclient = \"ben\"\r\ndate = 2026-11-21\r\nkind = \"contact\"\r\n";
    studio.write("clients.history.toml", crlf);
    stdout(studio.run(&["undo"]));
    let after = studio.read("clients.history.toml");
    assert!(!after.contains("\"ben\""), "{after}");
    assert!(!after.ends_with('\r'), "{after:?}");
    assert!(after.contains("# Ben came in December"), "{after:?}");
    let check = stdout(studio.run(&["check"]));
    assert!(check.starts_with("ok:"), "{check}");
    // Alice's entry goes, the comment after it stays.
    stdout(studio.run(&["undo", "alice"]));
    let after = studio.read("clients.history.toml");
    assert!(after.contains("# Ben came in December"), "{after:?}");
    assert!(after.contains("# kept by hand"), "{after:?}");
}

#[test]
fn pause_resume_and_end_keep_the_comment_above_paused_until() {
    let studio = Studio::new(
        "[[client]]\nname = \"Priya Nair\"\nid = \"priya\"\nstart = 2026-02-02\ngoal = \"Deadlift\"\nstatus = \"paused\"\n# ankle: back after the physio says so\npaused_until = 2026-12-07\nchannel = \"text\"\n",
    );
    for args in [&["pause", "priya"][..], &["end", "priya"]] {
        stdout(studio.run(args));
        let roster = studio.read("clients.toml");
        assert!(
            roster.contains("# ankle: back after the physio says so\n"),
            "{args:?}:\n{roster}"
        );
    }
}

#[test]
fn completions_and_man_honour_output_and_man_pages_are_readable_by_all() {
    let studio = two_clients();
    let out = studio.path("coachplan.bash");
    let out_arg = out.to_str().unwrap_or_default();
    let (code, printed, err) =
        outcome(bare(studio.dir.path()).args(["completions", "bash", "-o", out_arg]));
    assert_eq!(code, 0, "{err}");
    assert!(printed.is_empty(), "{printed}");
    assert!(
        std::fs::read_to_string(&out)
            .unwrap_or_default()
            .contains("coachplan")
    );
    let page = studio.path("coachplan.1");
    let page_arg = page.to_str().unwrap_or_default();
    stdout(bare(studio.dir.path()).args(["man", "-o", page_arg]));
    assert!(
        std::fs::read_to_string(&page)
            .unwrap_or_default()
            .contains(".TH")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = studio.path("man1");
        let dir_arg = dir.to_str().unwrap_or_default();
        stdout(bare(studio.dir.path()).args(["man", "--dir", dir_arg]));
        let mode = std::fs::metadata(dir.join("coachplan.1"))
            .expect("page")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }
}

/// A `log` of many clients with long notes, killed at random moments: the history always
/// parses, and holds either none of the group's entries or all of them.
#[cfg(unix)]
#[test]
fn a_log_killed_at_any_moment_leaves_only_whole_entries() {
    // About 8 MB in one group: a single write of that size is cut by a kill now and then.
    let clients = 4000;
    let roster: String = (0..clients)
        .map(|i| client(&format!("Client {i}"), &format!("c{i}"), "2026-10-05"))
        .collect();
    let studio = Studio::new(&roster);
    let ids: Vec<String> = (0..clients).map(|i| format!("c{i}")).collect();
    let note = "long note about the session, ".repeat(65);
    // A small xorshift: the kill delays differ per run but stay bounded.
    let mut seed = std::process::id() as u64 | 1;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let log = || {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_coachplan"));
        cmd.env("COACHPLAN_NOW", common::DATE)
            .env("NO_COLOR", "1")
            .arg("--file")
            .arg(studio.roster())
            .args(["--date", common::DATE, "log"])
            .args(&ids)
            .args(["--note", &note])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        cmd
    };
    // One run to the end tells how long a run takes: the kills aim at its last third,
    // where the entries are written.
    let started = std::time::Instant::now();
    assert!(log().status().is_ok_and(|s| s.success()), "a whole run");
    let span = started.elapsed().as_micros() as u64;
    assert_eq!(
        studio
            .read("clients.history.toml")
            .matches("[[entry]]")
            .count(),
        clients
    );
    std::fs::remove_file(studio.path("clients.history.toml")).ok();
    let mut kills = 0;
    // When the machine is busy the first run is slow and later ones finish before the
    // kill: aim earlier after each run that was not cut (bounded: 40 runs at most).
    let mut scale = span;
    for _ in 0..40 {
        if kills == 15 {
            break;
        }
        let mut child = log().spawn().expect("spawn");
        let at = scale * 2 / 3 + next() % (scale / 3 + 1);
        std::thread::sleep(std::time::Duration::from_micros(at));
        if child.try_wait().ok().flatten().is_none() {
            kills += 1;
        } else {
            scale = scale * 3 / 4;
        }
        let _ = child.kill();
        let _ = child.wait();
        let history = studio.read("clients.history.toml");
        let parsed: Result<toml::Table, _> = toml::from_str(&history);
        assert!(parsed.is_ok(), "the history does not parse after a kill");
        let entries = history.matches("[[entry]]").count();
        assert_eq!(entries % clients, 0, "a group was cut: {entries} entries");
        // Start each run from an empty history, so the file stays one group at most.
        std::fs::remove_file(studio.path("clients.history.toml")).ok();
    }
    assert!(
        kills > 0,
        "no run was killed mid-way: the test proved nothing"
    );
}

#[test]
fn a_roster_file_over_256_mib_is_refused_before_it_is_read() {
    let studio = two_clients();
    let big = studio.path("big.toml");
    let file = std::fs::File::create(&big).expect("create");
    // Sparse: no disk is used, but the length is what a huge roster would have.
    file.set_len(300 * 1024 * 1024).expect("set_len");
    let started = std::time::Instant::now();
    let (code, _, err) = outcome(bare(studio.dir.path()).args([
        "--file",
        big.to_str().unwrap_or_default(),
        "today",
    ]));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("more than a roster file can be (256 MiB)"),
        "{err}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn editing_a_crlf_roster_with_a_bom_keeps_both() {
    let text = "\u{feff}# saved on Windows\r\n[[client]]\r\nname = \"Priya Nair\"\r\nid = \"priya\"\r\nstart = 2026-02-02\r\ngoal = \"Deadlift\"\r\n";
    let studio = Studio::new(text);
    stdout(studio.run(&["pause", "priya", "--until", "2026-12-07"]));
    stdout(studio.run(&["add", "Tom Hardy", "--start", "2026-11-23"]));
    let bytes = std::fs::read(studio.roster()).expect("read");
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "the BOM was dropped");
    let after = String::from_utf8_lossy(&bytes);
    assert!(after.contains("paused_until = 2026-12-07\r\n"), "{after:?}");
    assert!(after.contains("name = \"Tom Hardy\"\r\n"), "{after:?}");
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "{after:?}"
    );
    assert!(stdout(studio.run(&["check"])).starts_with("ok:"));
}
