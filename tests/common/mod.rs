//! Shared helpers for the end-to-end tests: a scratch folder with a roster in it, and the
//! real binary run with a fixed date, no colour, and a HOME that is not the user's.
#![allow(dead_code)]

use std::borrow::BorrowMut;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub const DATE: &str = "2026-11-23";

/// A test that cannot run on this machine says why on stderr and returns: what it needs is
/// found at run time, and a runtime condition cannot be an `#[ignore]`. `.ci/run` sets
/// `COACHPLAN_TOOLS=required` when the tools these tests use are there (script(1), bash,
/// python3, /dev/full), so on CI such a skip fails instead of passing unseen.
pub fn skip(reason: &str) {
    assert_ne!(
        std::env::var("COACHPLAN_TOOLS").as_deref(),
        Ok("required"),
        "COACHPLAN_TOOLS=required, but {reason}"
    );
    eprintln!("skipped: {reason}");
}

/// `skip` for what a CI machine may lack as well, being a property of the machine rather
/// than a tool: a container that refuses `mount`, a checkout that `nobody` cannot reach.
/// Always a word on stderr, never a failure.
pub fn skip_here(reason: &str) {
    eprintln!("skipped: {reason}");
}

/// A scratch folder holding `clients.toml` (and maybe its history).
pub struct Studio {
    pub dir: TempDir,
}

impl Studio {
    pub fn new(roster: &str) -> Studio {
        let studio = Studio {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        studio.write("clients.toml", roster);
        studio
    }

    /// The shipped example roster and its history, copied.
    pub fn example() -> Studio {
        let studio = Studio::new(&std::fs::read_to_string(example_path()).expect("example roster"));
        let history = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/clients.history.toml"),
        )
        .expect("example history");
        studio.write("clients.history.toml", &history);
        studio
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn roster(&self) -> PathBuf {
        self.path("clients.toml")
    }

    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.path(name), text).expect("write test file");
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap_or_default()
    }

    /// `run`, as a user whom file permissions bind: the test's own user, or when the tests
    /// run as root (as CI does), `nobody` through setpriv(1), with the studio handed to
    /// it. `None` only as root without setpriv, or with the binary where `nobody` cannot
    /// reach it: the caller says what it skipped.
    pub fn run_unprivileged(&self, args: &[&str]) -> Option<std::process::Command> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Who the tests run as: the owner of a file made now (the studio may have
            // been handed to `nobody` already).
            let probe = tempfile::NamedTempFile::new().expect("probe file");
            let me = probe.as_file().metadata().expect("probe").uid();
            let mut cmd = if me != 0 {
                std::process::Command::new(assert_cmd::cargo::cargo_bin!("coachplan"))
            } else {
                let setpriv = std::process::Command::new("setpriv")
                    .arg("--version")
                    .output();
                if !setpriv.is_ok_and(|o| o.status.success()) {
                    return None;
                }
                let as_nobody = || {
                    let mut cmd = std::process::Command::new("setpriv");
                    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                        .arg(assert_cmd::cargo::cargo_bin!("coachplan"));
                    cmd
                };
                // The binary must be reachable by `nobody` (a checkout inside root's own
                // 0700 home is not): else there is no one to run it as.
                let reachable = as_nobody().arg("--version").output();
                if !reachable.is_ok_and(|o| o.status.success()) {
                    return None;
                }
                chown_tree(self.dir.path(), NOBODY);
                as_nobody()
            };
            clean_env(&mut cmd, self.dir.path());
            cmd.arg("--file").arg(self.roster());
            if !args.contains(&"--date") {
                cmd.args(["--date", DATE]);
            }
            cmd.args(args);
            Some(cmd)
        }
        #[cfg(not(unix))]
        {
            let _ = args;
            None
        }
    }

    /// `coachplan --file <roster> --date 2026-11-23 ARGS…` (the date unless ARGS has one).
    pub fn run(&self, args: &[&str]) -> Command {
        let mut cmd = bare(self.dir.path());
        cmd.arg("--file").arg(self.roster());
        if !args.contains(&"--date") {
            cmd.args(["--date", DATE]);
        }
        cmd.args(args);
        cmd
    }
}

pub fn example_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/clients.toml")
}

/// The binary with a clean environment: HOME and XDG_CONFIG_HOME inside `home`, no
/// COACHPLAN_FILE or COACHPLAN_HISTORY, NO_COLOR set, and the real date pinned to
/// `DATE` (COACHPLAN_NOW), so no test depends on the clock.
pub fn bare(home: &Path) -> Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("coachplan"));
    clean_env(&mut cmd, home);
    Command::from_std(cmd)
}

/// The environment of `bare`, on any command that runs the binary.
fn clean_env(cmd: &mut std::process::Command, home: &Path) {
    cmd.env_remove("COACHPLAN_FILE")
        .env_remove("COACHPLAN_HISTORY")
        .env("COACHPLAN_NOW", DATE)
        .env_remove("COLUMNS")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env_remove("COACHPLAN_CACHE")
        .env("NO_COLOR", "1");
}

pub fn stdout(mut cmd: impl BorrowMut<Command>) -> String {
    let out = cmd.borrow_mut().output().expect("run coachplan");
    assert!(
        out.status.success(),
        "failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs and returns (exit code, stdout, stderr).
pub fn outcome(mut cmd: impl BorrowMut<Command>) -> (i32, String, String) {
    let out = cmd.borrow_mut().output().expect("run coachplan");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A small valid client block.
pub fn client(name: &str, id: &str, start: &str) -> String {
    format!(
        "[[client]]\nname = \"{name}\"\nid = \"{id}\"\nstart = {start}\ngoal = \"Get strong\"\nwhy = \"Feel good\"\ncadence = \"1w\"\n"
    )
}

/// The user and group `run_unprivileged` runs as when the tests run as root.
#[cfg(unix)]
const NOBODY: u32 = 65534;

/// Hands `dir` and everything in it to `owner` (its group too).
#[cfg(unix)]
fn chown_tree(dir: &Path, owner: u32) {
    std::os::unix::fs::chown(dir, Some(owner), Some(owner)).expect("chown");
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            chown_tree(&path, owner);
        } else {
            std::os::unix::fs::lchown(&path, Some(owner), Some(owner)).expect("chown");
        }
    }
}

/// (exit code, stdout, stderr) of a plain `std::process::Command`.
pub fn outcome_of(cmd: &mut std::process::Command) -> (i32, String, String) {
    let out = cmd.output().expect("run coachplan");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
