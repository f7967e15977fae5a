//! Shared helpers for the end-to-end tests: a scratch folder with a roster in it, and the
//! real binary run with a fixed date, no colour, and a HOME that is not the user's.
#![allow(dead_code)]

use std::borrow::BorrowMut;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub const DATE: &str = "2026-11-23";

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
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("coachplan");
    cmd.env_remove("COACHPLAN_FILE")
        .env_remove("COACHPLAN_HISTORY")
        .env("COACHPLAN_NOW", DATE)
        .env_remove("COLUMNS")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("NO_COLOR", "1");
    cmd
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
