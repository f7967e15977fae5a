//! The catalogue of bad inputs in `tests/bad-inputs/`: each `NAME.toml` (with an optional
//! `NAME.history.toml`) and the errors it must produce, one `LINE:COL: message` per line
//! in `NAME.expected` (`history LINE:COL: …` for the history file).
//!
//! Every case must exit 1 (never 101), print every expected error and no other, and write
//! nothing: the files are byte-for-byte the same after `check`, `today` and `log`.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{Studio, bare, client, outcome};

fn catalogue() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-inputs")
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        fs::read(e.path()).unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_bad_input_is_reported_precisely_and_nothing_is_written() {
    let mut names: Vec<String> = fs::read_dir(catalogue())
        .expect("tests/bad-inputs exists")
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".expected")
                .map(String::from)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 30, "the catalogue has {} cases", names.len());
    let mut failures = Vec::new();
    for name in &names {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::copy(
            catalogue().join(format!("{name}.toml")),
            dir.path().join("clients.toml"),
        )
        .expect("copy roster");
        let history = catalogue().join(format!("{name}.history.toml"));
        if history.exists() {
            fs::copy(&history, dir.path().join("clients.history.toml")).expect("copy history");
        }
        let expected: Vec<String> =
            fs::read_to_string(catalogue().join(format!("{name}.expected")))
                .expect("expected file")
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    // "LINE:COL: message" becomes the compiler format of SPEC §3.
                    let (file, rest) = match l.strip_prefix("history ") {
                        Some(rest) => ("clients.history.toml", rest),
                        None => ("clients.toml", l),
                    };
                    let (place, message) = rest.split_once(": ").unwrap_or((rest, ""));
                    format!("{file}:{place}: error: {message}")
                })
                .collect();
        let before = snapshot(dir.path());
        for args in [
            &["check"][..],
            &["today"],
            &["log", "alice", "--date", "2026-11-20"],
        ] {
            let (code, out, err) = outcome(
                bare(dir.path())
                    .current_dir(dir.path())
                    .args(["--file", "clients.toml"])
                    .args(args),
            );
            // Every line that is not a hint names an error (warnings are not expected).
            let errors: Vec<&str> = err
                .lines()
                .filter(|l| l.contains(": error: ") || l.starts_with("error:"))
                .collect();
            let missing: Vec<&String> = expected
                .iter()
                .filter(|e| !errors.contains(&e.as_str()))
                .collect();
            if code != 1
                || !missing.is_empty()
                || errors.len() != expected.len()
                || !out.is_empty()
                || err.contains("panicked")
            {
                failures.push(format!(
                    "{name} {args:?}: exit {code}, missing {missing:?}\n--- stderr:\n{err}"
                ));
            }
            if err.chars().any(|c| c.is_control() && c != '\n') {
                failures.push(format!(
                    "{name} {args:?}: raw control character on stderr: {err:?}"
                ));
            }
        }
        if snapshot(dir.path()) != before {
            failures.push(format!("{name}: files changed"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_roster_that_is_a_folder_is_an_error_not_a_crash() {
    let studio = Studio::new("");
    fs::create_dir(studio.path("folder.toml")).expect("mkdir");
    let (code, _, err) = outcome(
        bare(studio.dir.path())
            .arg("--file")
            .arg(studio.path("folder.toml"))
            .arg("check"),
    );
    assert_eq!(code, 1);
    assert!(err.contains("must be a file, not a folder"), "{err}");
}

#[test]
fn a_missing_roster_suggests_init() {
    let studio = Studio::new("");
    let (code, _, err) = outcome(
        bare(studio.dir.path())
            .arg("--file")
            .arg(studio.path("gone.toml"))
            .arg("today"),
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("gone.toml") && err.contains("coachplan init"),
        "{err}"
    );
}

#[test]
fn an_unreadable_roster_says_to_check_permissions() {
    let studio = Studio::new(&client("Alice", "alice", "2026-01-05"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Some(mut today) = studio.run_unprivileged(&["today"]) else {
            common::skip_here(
                "running as root, and `nobody` cannot run the binary through setpriv(1): permissions do not apply to root",
            );
            return;
        };
        fs::set_permissions(studio.roster(), fs::Permissions::from_mode(0o000)).expect("chmod");
        let (code, _, err) = common::outcome_of(&mut today);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("permissions"), "{err}");
    }
}

#[test]
fn a_ten_megabyte_note_is_refused_with_its_position() {
    let note = "x".repeat(10 * 1024 * 1024);
    let studio = Studio::new(&format!(
        "{}notes = [\"short\", \"{note}\"]\n",
        client("Alice", "alice", "2026-01-05")
    ));
    let (code, _, err) = outcome(&mut studio.run(&["check"]));
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "clients.toml:8:19: error: an entry of `notes` is too long (10485760 characters)"
        ),
        "{}",
        &err[..err.len().min(300)]
    );
}

#[test]
fn a_symlinked_roster_is_read_through() {
    let studio = Studio::new(&client("Alice", "alice", "2026-01-05"));
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(studio.roster(), studio.path("link.toml")).expect("symlink");
        let (code, out, err) = outcome(
            bare(studio.dir.path())
                .arg("--file")
                .arg(studio.path("link.toml"))
                .arg("check"),
        );
        assert_eq!(code, 0, "{err}");
        assert!(
            out.starts_with("ok: 1 client, 1 journey, 0 history entries\n"),
            "{out}"
        );
        // check says which files it read: the link, and the history beside it.
        assert!(
            out.contains("link.toml\n") && out.contains("link.history.toml (not there yet"),
            "{out}"
        );
    }
}
