//! Faults and hostile input, round three (#27): each test is named after the promise it
//! keeps (SPEC §1 "Every write", §3 "Exit status and diagnostics"). The writers' kill -9
//! and symlink cases are in tests/writers.rs.

mod common;

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
