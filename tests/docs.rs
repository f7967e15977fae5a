//! The README's examples must run: every `$ coachplan …` line of its console blocks is run
//! from the project root (where `examples/` is) and must succeed.

mod common;

use std::path::Path;

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
