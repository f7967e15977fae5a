//! The README's examples must run: every `$ coachplan …` line of its console blocks is run
//! from the project root (where `examples/` is) and must succeed.

use crate::common;

use std::path::Path;
use std::process::Command;

#[test]
fn readme_console_examples_run() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let commands: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.strip_prefix("$ coachplan "))
        .collect();
    assert!(commands.len() >= 8, "found {} examples", commands.len());
    for line in commands {
        let args: Vec<&str> = line.split_whitespace().collect();
        let (code, out, err) = common::outcome(common::bare(root).current_dir(root).args(&args));
        assert_eq!(code, 0, "`coachplan {line}` failed:\n{err}");
        assert!(!out.is_empty(), "`coachplan {line}` printed nothing");
    }
}

/// The README's sample morning is the real output, line for line: every line of the
/// excerpt but the `…` that shorten it is printed, in the same order.
#[test]
fn readme_today_excerpt_matches_the_real_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let command = "$ coachplan --file examples/clients.toml --date 2026-11-23 today --drafts\n";
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
    let excerpt = readme
        .split_once(command)
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(block, _)| block)
        .expect("the README shows the morning's `today --drafts`");
    let out = common::stdout(common::bare(root).current_dir(root).args([
        "--file",
        "examples/clients.toml",
        "--date",
        "2026-11-23",
        "today",
        "--drafts",
    ]));
    let printed: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with(['─', '═']))
        .map(str::trim_end)
        .collect();
    let mut at = 0;
    let mut shown = 0;
    for line in excerpt.lines().map(str::trim_end) {
        if line.trim() == "…" {
            continue;
        }
        let found = printed[at..].iter().position(|p| *p == line);
        assert!(
            found.is_some(),
            "README shows `{line}`, the program prints (from line {at}):\n{}",
            printed[at..].join("\n")
        );
        at += found.unwrap_or(0) + 1;
        shown += 1;
    }
    assert!(shown > 20, "only {shown} lines compared");
}

#[test]
fn every_shipped_example_roster_passes_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for entry in std::fs::read_dir(root.join("examples"))
        .expect("examples/")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".toml") || name.contains(".history.") || name.contains(".log.") {
            continue;
        }
        let out = common::stdout(
            common::bare(root)
                .current_dir(root)
                .args(["check", "--file"])
                .arg(entry.path()),
        );
        assert!(out.starts_with("ok: "), "{name}: {out}");
        checked += 1;
    }
    assert!(checked >= 2);
}

/// Leaves stay leaves: the model, the planner, diagnostics and errors import nothing from
/// the renderers, the store or the app (see the picture in docs/development.md).
#[test]
fn lower_layers_import_nothing_from_higher_ones() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lower = [
        "text.rs",
        "diag.rs",
        "error.rs",
        "suggest.rs",
        "history.rs",
        "draft",
        "import.rs",
        "roster",
        "plan",
        "words.rs",
        "output.rs",
    ];
    let mut files = Vec::new();
    let mut stack: Vec<_> = lower.iter().map(|name| src.join(name)).collect();
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(
                std::fs::read_dir(&path)
                    .expect("dir")
                    .flatten()
                    .map(|e| e.path()),
            );
        } else {
            files.push(path);
        }
    }
    assert!(files.len() >= 15);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source");
        for higher in [
            "crate::render",
            "crate::store",
            "crate::app",
            "crate::settings",
            "crate::cli",
        ] {
            assert!(
                !text.contains(higher),
                "{} imports {higher}",
                file.display()
            );
        }
    }
}

#[test]
fn the_command_line_and_the_settings_do_not_import_each_other_and_no_static_holds_run_state() {
    // And no file in src/ is over 800 lines (#23: app.rs was 1,471, plan/mod.rs 1,752).
    // #23: cli.rs <-> settings.rs was a circle; `-o` and the lock wait were statics.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let cli = std::fs::read_to_string(src.join("cli.rs")).expect("cli.rs");
    assert!(!cli.contains("crate::settings"), "cli.rs imports settings");
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("source");
            assert!(
                text.lines().count() <= 800,
                "{} has {} lines",
                path.display(),
                text.lines().count()
            );
            for line in text.lines() {
                let code = line.trim_start();
                assert!(
                    !(code.starts_with("static ") || code.starts_with("pub static ")),
                    "{}: {line}",
                    path.display()
                );
            }
        }
    }
}

/// The README's `sh` blocks as a coach types them: `\`-continued lines joined, the quick
/// start's `cargo` lines left out (CI runs those itself).
fn readme_shell_blocks() -> Vec<Vec<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let mut blocks = Vec::new();
    let mut lines = readme.lines();
    while lines.by_ref().any(|l| l == "```sh") {
        let mut block: Vec<String> = Vec::new();
        let mut pending = String::new();
        for line in lines.by_ref().take_while(|l| *l != "```") {
            pending.push_str(line.trim_start());
            match pending.strip_suffix('\\') {
                Some(head) => pending = format!("{head} "),
                None => block.push(std::mem::take(&mut pending)),
            }
        }
        block.retain(|l| !l.starts_with("cargo "));
        if !block.is_empty() {
            blocks.push(block);
        }
    }
    blocks
}

/// Files the README's commands name, as a coach would have them in the folder they work in.
fn readme_fixtures(dir: &Path) {
    let files = [
        (
            "calendar.ics",
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:pt-1\r\n\
             DTSTAMP:20261120T080000Z\r\nDTSTART:20261120T080000\r\nSUMMARY:PT Dan Okafor\r\n\
             END:VEVENT\r\nEND:VCALENDAR\r\n",
        ),
        (
            "visits.csv",
            "Client,Date,Status\nBen Smith,2026-11-21,Attended\n",
        ),
        (
            "clients.csv",
            "Name,Start,Goal\nMia Lopez,2026-11-20,Run a 5k\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("fixture");
    }
}

/// A shell as a fresh account has it: HOME and nothing of the user's; `coachplan` on PATH;
/// the day pinned. `roster`: COACHPLAN_FILE, as if the coach had set it up.
fn fresh_shell(program: &str, home: &Path, work: &Path, roster: Option<&Path>) -> Command {
    let bin = Path::new(env!("CARGO_BIN_EXE_coachplan"))
        .parent()
        .expect("bin dir");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = Command::new(program);
    cmd.current_dir(work)
        .env_clear()
        .env("HOME", home)
        .env("PATH", path)
        .env("COACHPLAN_NOW", common::DATE)
        .env("NO_COLOR", "1")
        .env("TERM", "dumb")
        .stdin(std::process::Stdio::null());
    if let Some(roster) = roster {
        cmd.env("COACHPLAN_FILE", roster);
    }
    cmd
}

/// A shell the test needs: present, or skipped with a word; `.ci/run` installs them and
/// sets COACHPLAN_SHELLS=required, so on CI a missing one fails.
fn have(program: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert_ne!(
            std::env::var("COACHPLAN_SHELLS").as_deref(),
            Ok("required"),
            "COACHPLAN_SHELLS=required but {program} is not installed"
        );
        eprintln!("{program} is not installed: its README recipe is not checked");
    }
    found
}

fn run_ok(cmd: &mut Command, what: &str) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// Every line of every `sh` block of the README runs as written, on a fresh account, each
/// block against its own copy of the example studio (the first, `init`, on none); then the
/// completion and man recipes are asked whether they took, in bash, zsh, fish and man-db.
#[test]
fn readme_shell_blocks_run_as_written_on_a_fresh_account() {
    let blocks = readme_shell_blocks();
    assert!(blocks.len() >= 6, "found {} sh blocks", blocks.len());
    let mut completions_home = None;
    for block in &blocks {
        let studio = common::Studio::example();
        let home = tempfile::tempdir().expect("home");
        readme_fixtures(studio.dir.path());
        let roster = studio.roster();
        let sets_up = block.iter().any(|l| l.starts_with("coachplan init"));
        for line in block {
            let mut sh = fresh_shell(
                "bash",
                home.path(),
                studio.dir.path(),
                (!sets_up).then_some(roster.as_path()),
            );
            sh.args(["-c", &format!("set -euo pipefail\n{line}")]);
            run_ok(&mut sh, &format!("the README's `{line}`"));
        }
        if block.iter().any(|l| l.contains("completions bash")) {
            completions_home = Some((home, studio));
        }
    }
    let (home, studio) = completions_home.expect("the README's completions block");
    let (home, work) = (home.path(), studio.dir.path());
    let roster = studio.roster();
    let asked = |program: &str, script: &str| {
        run_ok(
            fresh_shell(program, home, work, Some(&roster)).args(["-c", script]),
            &format!("{program}: {script}"),
        )
    };
    assert!(
        asked("bash", "source ~/.bashrc; complete -p coachplan").contains("coachplan"),
        "bash has no completion for coachplan after the README's line"
    );
    if have("zsh") {
        // -i reads ~/.zshrc as a new login's shell does.
        let got = run_ok(
            fresh_shell("zsh", home, work, Some(&roster)).args([
                "-i",
                "-c",
                "print -r -- ${_comps[coachplan]}",
            ]),
            "zsh -i",
        );
        assert!(
            got.contains("_coachplan"),
            "zsh: coachplan completes with {got:?}"
        );
    }
    if have("fish") {
        let got = asked("fish", "complete -C'coachplan show al'");
        assert!(
            got.lines().any(|l| l.starts_with("alice")),
            "fish offers {got:?}"
        );
    }
    if have("man") {
        let page = asked("bash", ". ~/.profile; man -w coachplan");
        assert!(
            page.trim().starts_with(&home.display().to_string()),
            "man -w coachplan found {page:?}, not the page in the fresh home"
        );
        let page = asked("bash", ". ~/.profile; man -w coachplan-today");
        assert!(page.trim().ends_with("coachplan-today.1"), "{page:?}");
    }
}
