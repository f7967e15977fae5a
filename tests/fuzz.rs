//! Fuzzing the roster and history loaders on stable Rust, with proptest: random edits of
//! the example roster (the inputs most like a coach's typos) and arbitrary text. The
//! loader must never panic, and every problem must point inside the file.
//!
//! `cargo test` runs a few hundred cases; a long run is
//! `COACHPLAN_FUZZ_CASES=200000 cargo test --release --test integration fuzz::` (see docs/reliability.md).

use coachplan::history::{parse_history, parse_history_whole};
use coachplan::plan::{client_files, plan_client};
use coachplan::roster::{parse_roster, parse_roster_whole};
use proptest::prelude::*;

const EXAMPLE: &str = include_str!("../examples/clients.toml");
const HISTORY: &str = include_str!("../examples/clients.history.toml");

fn cases() -> u32 {
    std::env::var("COACHPLAN_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

/// One edit: at a position (as a fraction of the length), delete some bytes and insert a
/// fragment that matters to TOML or to the roster's rules.
fn edit() -> impl Strategy<Value = (f64, usize, String)> {
    let fragment = prop_oneof![
        Just(String::new()),
        Just("\"".to_string()),
        Just("[".to_string()),
        Just("]]".to_string()),
        Just("\n[[client]]\n".to_string()),
        Just("\n[journeys.x]\n".to_string()),
        Just(" = ".to_string()),
        Just("2026-02-30".to_string()),
        Just("9999-12-31".to_string()),
        Just("0000-01-01".to_string()),
        Just("\"99999999m\"".to_string()),
        Just("-1".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\\u0000".to_string()),
        Just("'''".to_string()),
        Just("\"\"\"".to_string()),
        Just("\r\n".to_string()),
        Just("é😀".to_string()),
        "[a-z_= \"\\[\\]\n0-9.-]{0,12}",
    ];
    (0.0..1.0f64, 0usize..8, fragment)
}

fn apply(text: &str, edits: &[(f64, usize, String)]) -> String {
    let mut out = text.to_string();
    for (at, delete, insert) in edits {
        let mut pos = ((out.len() as f64) * at) as usize;
        while !out.is_char_boundary(pos) {
            pos -= 1;
        }
        let mut end = (pos + delete).min(out.len());
        while !out.is_char_boundary(end) {
            end += 1;
        }
        out.replace_range(pos..end, insert);
    }
    out
}

fn check_roster(text: &str) -> Result<(), TestCaseError> {
    let (roster, problems) = parse_roster(text);
    for p in &problems {
        prop_assert!(
            p.span.start <= text.len() && p.span.end <= text.len(),
            "span {:?} outside {} bytes",
            p.span,
            text.len()
        );
    }
    if let Some(roster) = roster {
        let (history, hp) = parse_history(HISTORY, &roster);
        for p in &hp {
            prop_assert!(p.span.end <= HISTORY.len());
        }
        let history = history.unwrap_or_default();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        for file in client_files(&roster, &history, today) {
            let _ = plan_client(&roster, &file, today);
        }
    } else {
        prop_assert!(
            problems.iter().any(|p| p.is_error()),
            "no roster, but no error either"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn edited_rosters_never_crash_the_loader(edits in proptest::collection::vec(edit(), 1..6)) {
        check_roster(&apply(EXAMPLE, &edits))?;
    }

    /// The block-by-block parse (the fast path) must give exactly what the whole-file
    /// parse gives: the same roster and the same problems, for any edit.
    #[test]
    fn parsing_in_blocks_equals_parsing_the_whole_file(edits in proptest::collection::vec(edit(), 0..6)) {
        let text = apply(EXAMPLE, &edits);
        let (fast, mut fast_problems) = parse_roster(&text);
        let (whole, mut whole_problems) = parse_roster_whole(&text);
        fast_problems.sort_by_key(|p| (p.span.start, p.message.clone()));
        whole_problems.sort_by_key(|p| (p.span.start, p.message.clone()));
        prop_assert_eq!(&fast_problems, &whole_problems);
        prop_assert_eq!(&fast, &whole);
        if let Some(roster) = fast {
            let history = apply(HISTORY, &edits);
            let (fast, mut fp) = parse_history(&history, &roster);
            let (whole, mut wp) = parse_history_whole(&history, &roster);
            fp.sort_by_key(|p| (p.span.start, p.message.clone()));
            wp.sort_by_key(|p| (p.span.start, p.message.clone()));
            prop_assert_eq!(fp, wp);
            prop_assert_eq!(fast, whole);
        }
    }

    #[test]
    fn arbitrary_text_never_crashes_the_loader(text in "\\PC{0,400}") {

        check_roster(&text)?;
    }

    #[test]
    fn edited_histories_never_crash_the_loader(edits in proptest::collection::vec(edit(), 1..6)) {
        let (roster, _) = parse_roster(EXAMPLE);
        let roster = roster.expect("the example roster is valid");
        let text = apply(HISTORY, &edits);
        let (_, problems) = parse_history(&text, &roster);
        for p in &problems {
            prop_assert!(p.span.end <= text.len());
        }
    }
}

/// A roster large enough for the parallel path: the example's clients, many times over.
fn large_roster() -> String {
    let first = EXAMPLE.find("[[client]]").unwrap_or(0);
    let (head, clients) = EXAMPLE.split_at(first);
    let mut text = head.to_string();
    for i in 0..70 {
        text.push_str(&clients.replace("id = \"", &format!("id = \"r{i}-")));
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: (cases() / 10).max(20), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn parsing_in_parallel_equals_parsing_the_whole_file(edits in proptest::collection::vec(edit(), 0..4)) {
        let text = apply(&large_roster(), &edits);
        let (fast, mut fast_problems) = parse_roster(&text);
        let (whole, mut whole_problems) = parse_roster_whole(&text);
        fast_problems.sort_by_key(|p| (p.span.start, p.message.clone()));
        whole_problems.sort_by_key(|p| (p.span.start, p.message.clone()));
        prop_assert_eq!(fast_problems, whole_problems);
        prop_assert_eq!(fast, whole);
    }
}

/// The fast path has a guard: every shipped example and a large generated roster are
/// parsed block by block. If a change made them fall back to the whole-file parse, the
/// benchmark's figures would silently be those of the slow path.
#[test]
fn well_formed_rosters_take_the_block_parser() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut seen = 0;
    for entry in std::fs::read_dir(root).expect("examples/").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".toml") && !name.contains(".history.") {
            let text = std::fs::read_to_string(entry.path()).expect("example");
            assert!(
                coachplan::roster::parses_in_blocks(&text),
                "{name} fell back"
            );
            seen += 1;
        }
    }
    assert!(seen >= 2);
    assert!(coachplan::roster::parses_in_blocks(&large_roster()));
    // And the guard can fail: a syntax error sends a file down the whole-file path.
    assert!(!coachplan::roster::parses_in_blocks(
        &large_roster().replacen("name = \"", "name = ", 1)
    ));
}
