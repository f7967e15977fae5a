//! (v3, #29) The parsed roster kept between runs (`store::cache`): used only for the very
//! text it was made from, never a word when it cannot be used, off with COACHPLAN_CACHE=off.

use crate::common;

use std::path::{Path, PathBuf};

use common::{Studio, outcome};

/// A roster over the cache's 64 KiB threshold: 300 clients, one without a goal (a
/// warning, which a kept copy must repeat), and a history of two entries each.
fn big() -> Studio {
    let mut roster = String::from("[coach]\ndaily_limit = 12\n");
    let mut history = String::new();
    for i in 0..300 {
        let goal = if i == 7 {
            String::new()
        } else {
            format!(
                "goal = \"Run {} km without stopping\"\nwhy = \"Keep up with the kids at the weekend\"\n",
                5 + i % 20
            )
        };
        roster.push_str(&format!(
            "\n[[client]]\nname = \"Client Number {i}\"\nid = \"c{i}\"\nstart = 2026-0{}-0{}\n{goal}cadence = \"2w\"\nchannel = \"text\"\ncontact = \"+1 555 {i:04}\"\nnotes = [\"Prefers mornings\"]\n",
            1 + i % 9,
            1 + i % 9
        ));
        for day in ["2026-10-05", "2026-11-02"] {
            history.push_str(&format!(
                "\n[[entry]]\nclient = \"c{i}\"\ndate = {day}\nkind = \"contact\"\nnote = \"Spoke on the phone\"\n"
            ));
        }
    }
    assert!(roster.len() + history.len() > 64 * 1024);
    let studio = Studio::new(&roster);
    studio.write("clients.history.toml", &history);
    studio
}

fn cache_files(studio: &Studio) -> Vec<PathBuf> {
    let dir = studio.path(".cache/coachplan");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// (code, stdout, stderr) of each command, with the cache on or off.
fn views(studio: &Studio, cache: bool) -> Vec<(i32, String, String)> {
    [
        &["today", "--all", "--format", "json"][..],
        &["today"],
        &["agenda", "--days", "30", "--format", "csv"],
        &["journey", "c3", "--format", "csv"],
        &["review", "--days", "30", "--format", "csv"],
        &["show", "c7"],
        &["check"],
    ]
    .iter()
    .map(|args| {
        let mut cmd = studio.run(args);
        if !cache {
            cmd.env("COACHPLAN_CACHE", "off");
        }
        outcome(cmd)
    })
    .collect()
}

#[test]
fn a_kept_roster_gives_what_a_parse_gives_and_is_kept_privately() {
    let studio = big();
    let parsed = views(&studio, false);
    assert!(
        cache_files(&studio).is_empty(),
        "COACHPLAN_CACHE=off keeps nothing"
    );
    assert!(parsed[6].2.contains("has no goal"), "{}", parsed[6].2);
    let first = views(&studio, true);
    let files = cache_files(&studio);
    assert_eq!(files.len(), 1, "one copy per roster: {files:?}");
    let second = views(&studio, true);
    assert_eq!(first, parsed);
    assert_eq!(
        second, parsed,
        "read from the copy: the same bytes, warnings included"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).map(|m| m.permissions().mode() & 0o777);
        assert_eq!(mode(&files[0]).ok(), Some(0o600));
        assert_eq!(mode(&studio.path(".cache/coachplan")).ok(), Some(0o700));
    }
}

#[test]
fn an_edit_that_keeps_the_size_and_the_time_is_seen_at_once() {
    let studio = big();
    views(&studio, true);
    let show = outcome(studio.run(&["show", "c42"])).1;
    assert!(show.contains("Client Number 42"), "{show}");
    let roster = studio.path("clients.toml");
    let modified = std::fs::metadata(&roster).and_then(|m| m.modified()).ok();
    let text = studio.read("clients.toml");
    // Same length, same modification time: only the text tells them apart.
    let edited = text.replacen("Client Number 42\"", "Client Number 99\"", 1);
    assert_eq!(edited.len(), text.len());
    studio.write("clients.toml", &edited);
    if let (Some(t), Ok(f)) = (modified, std::fs::File::options().write(true).open(&roster)) {
        let _ = f.set_modified(t);
    }
    let after = views(&studio, true);
    assert_eq!(after, views(&studio, false));
    let show = outcome(studio.run(&["show", "c42"])).1;
    assert!(show.contains("Client Number 99"), "{show}");
    // A log changes the history only: the next view has the entry.
    let (code, _, err) = outcome(studio.run(&["log", "c42", "--note", "Knee better"]));
    assert_eq!(code, 0, "{err}");
    let show = outcome(studio.run(&["show", "c42"])).1;
    assert!(show.contains("Knee better"), "{show}");
}

#[test]
fn a_damaged_or_unwritable_cache_is_passed_over_without_a_word() {
    let studio = big();
    let parsed = views(&studio, false);
    views(&studio, true);
    let file = cache_files(&studio).pop().expect("a copy");
    let bytes = std::fs::read(&file).unwrap_or_default();
    // A letter changed in a client's name (the copy still decodes), then the copy cut
    // short, then a file of another kind.
    let mut flipped = bytes.clone();
    let at = flipped
        .windows(17)
        .position(|w| w == b"Client Number 150")
        .expect("a name in the copy");
    flipped[at] = b'K';
    for damaged in [
        flipped,
        bytes[..bytes.len() / 3].to_vec(),
        b"not a cache".to_vec(),
    ] {
        std::fs::write(&file, &damaged).expect("damage the copy");
        assert_eq!(views(&studio, true), parsed);
    }
    // The cache home is a file: nothing can be kept, and nothing is said.
    let elsewhere = Studio::new(&studio.read("clients.toml"));
    elsewhere.write("clients.history.toml", &studio.read("clients.history.toml"));
    elsewhere.write(".cache", "a file, not a folder");
    assert_eq!(views(&elsewhere, true), views(&elsewhere, false));
}

#[test]
fn a_small_roster_is_not_copied() {
    let studio = Studio::example();
    let (code, _, err) = outcome(studio.run(&["today", "--all"]));
    assert_eq!(code, 0, "{err}");
    assert!(cache_files(&studio).is_empty());
}

#[test]
fn a_kept_warning_names_the_file_as_this_run_does() {
    let studio = big();
    views(&studio, true);
    // The copy was made with the roster's full path; now the coach is in its folder.
    let mut check = common::bare(studio.path("").as_path());
    check
        .current_dir(studio.path(""))
        .args(["--file", "clients.toml", "check"]);
    let (code, _, err) = outcome(check);
    assert_eq!(code, 0, "{err}");
    assert!(err.starts_with("clients.toml:"), "{err}");
    assert!(
        err.contains("client `Client Number 7` has no goal"),
        "{err}"
    );
}
