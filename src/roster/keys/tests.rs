use super::*;
use crate::diag::Problem;

const PAGE: &str = include_str!("../../../docs/roster-format.md");

/// Each documented table, with whether its page table has a default column.
const DOCUMENTED: &[(&str, &[Key], bool)] = &[
    ("[coach]", COACH, true),
    ("[defaults]", DEFAULTS, true),
    ("[tags.NAME]", TAGS, false),
    ("[messages]", MESSAGES, true),
    ("[journeys.NAME]", JOURNEY, true),
    ("a step", STEP, true),
    ("[[client]]", CLIENT, true),
    ("[[entry]]", ENTRY, true),
];

/// The key's row in a page table; an empty cell is one space, as the page writes it.
fn row(key: &Key, with_default: bool) -> String {
    let example = if key.example.is_empty() {
        String::new()
    } else {
        format!("`{}`", key.example)
    };
    let name = format!("`{}`", key.name);
    let mut cells = vec![name.as_str()];
    if with_default {
        cells.push(key.default);
    }
    cells.extend([key.meaning, example.as_str()]);
    let mut line = String::from("|");
    for cell in cells {
        if cell.is_empty() {
            line.push_str(" |");
        } else {
            line.push_str(&format!(" {cell} |"));
        }
    }
    line
}

#[test]
fn the_format_page_has_every_keys_row_word_for_word() {
    for (table, keys, with_default) in DOCUMENTED {
        for key in *keys {
            let row = row(key, *with_default);
            assert!(
                PAGE.lines().any(|l| l == row),
                "docs/roster-format.md has no row for `{}` of {table}; expected:\n{row}",
                key.name
            );
        }
    }
    for key in TOP.iter().chain(HISTORY_TOP) {
        let header = [format!("`[{}", key.name), format!("`[[{}", key.name)];
        assert!(
            header.iter().any(|h| PAGE.contains(h.as_str())),
            "docs/roster-format.md has no section for `{}`",
            key.name
        );
    }
}

/// A roster with `line` in the table the keys of `keys` belong to; the other lines
/// make the table complete without the key under test.
fn roster_with(keys: &[Key], key: &str, line: &str) -> String {
    let journeys = "[journeys.online-10]\nmonths = 10\n";
    let client = |extra: &str| {
        format!("[[client]]\nname = \"Ana\"\nstart = 2026-01-05\ngoal = \"Run\"\n{extra}")
    };
    if std::ptr::eq(keys, TOP) {
        return format!("{line}\n");
    }
    if std::ptr::eq(keys, CLIENT) {
        let base: String = [("name", "name = \"Ana\""), ("start", "start = 2026-01-05")]
            .iter()
            .filter(|(k, _)| *k != key)
            .map(|(_, l)| format!("{l}\n"))
            .collect();
        let status = match key {
            "paused_until" | "paused_from" => "status = \"paused\"\n",
            "package" => "package_start = 2026-01-05\n",
            "package_start" => "package = 10\n",
            "ended" => "status = \"ended\"\n",
            _ => "",
        };
        return format!("{journeys}[[client]]\n{base}{status}{line}\n");
    }
    if std::ptr::eq(keys, STEP) {
        let title = if key == "title" {
            ""
        } else {
            "title = \"Check\"\n"
        };
        let when = match key {
            "after" | "month" => "",
            "day" | "week" => "month = 1\n",
            _ => "after = \"1m\"\n",
        };
        return format!(
            "{journeys}[[journeys.online-10.steps]]\n{title}{when}{line}\n{}",
            client("")
        );
    }
    let header = if std::ptr::eq(keys, COACH) {
        "[coach]"
    } else if std::ptr::eq(keys, DEFAULTS) {
        "[defaults]"
    } else if std::ptr::eq(keys, TAGS) {
        "[tags.online]"
    } else if std::ptr::eq(keys, MESSAGES) {
        "[messages]"
    } else if std::ptr::eq(keys, JOURNEY) {
        if key == "months" {
            "[journeys.j]"
        } else {
            "[journeys.j]\nmonths = 2"
        }
    } else {
        unreachable!("no roster table for these keys")
    };
    format!("{journeys}{header}\n{line}\n{}", client(""))
}

/// A history with one entry for `alice`, `line` in it.
fn history_with(key: &str, line: &str) -> String {
    let base: String = [
        ("client", "client = \"alice\""),
        ("date", "date = 2026-11-02"),
    ]
    .iter()
    .filter(|(k, _)| *k != key)
    .map(|(_, l)| format!("{l}\n"))
    .collect();
    format!("[[entry]]\n{base}{line}\n")
}

fn roster_problems(keys: &[Key], key: &str, line: &str) -> Vec<Problem> {
    let text = roster_with(keys, key, line);
    crate::roster::parse_roster(&text).1
}

fn history_problems(text: &str) -> Vec<Problem> {
    let roster = "[[client]]\nname = \"Alice\"\nstart = 2026-01-05\ngoal = \"Run\"\n";
    let (roster, problems) = crate::roster::parse_roster(roster);
    assert!(problems.is_empty(), "{problems:?}");
    let roster = roster.expect("the base roster loads");
    crate::history::parse_history(text, &roster).1
}

fn roster_tables() -> impl Iterator<Item = &'static [Key]> {
    [COACH, DEFAULTS, TAGS, MESSAGES, JOURNEY, STEP, CLIENT].into_iter()
}

#[test]
fn every_documented_example_loads_cleanly() {
    for keys in roster_tables() {
        for key in keys.iter().filter(|k| !k.example.is_empty()) {
            let errors: Vec<_> = roster_problems(keys, key.name, key.example)
                .into_iter()
                .filter(Problem::is_error)
                .collect();
            assert!(errors.is_empty(), "`{}`: {errors:?}", key.example);
        }
    }
    for key in ENTRY {
        let errors: Vec<_> = history_problems(&history_with(key.name, key.example))
            .into_iter()
            .filter(Problem::is_error)
            .collect();
        assert!(errors.is_empty(), "`{}`: {errors:?}", key.example);
    }
}

/// A value of another type than the key's reader takes.
fn wrong_value(read: Read) -> (&'static str, &'static str) {
    match read {
        Read::Bool => ("\"yes\"", "a string"),
        _ => ("true", "true/false"),
    }
}

fn assert_refused_as_its_reader(key: &Key, problems: &[Problem]) {
    let (_, found) = wrong_value(key.read);
    let expected = match key.read {
        // Lists of tables go on with their own header ("a list of [[client]] tables").
        Read::Tables => format!("`{}` must be {} [[", key.name, Read::Tables.expected()),
        read => format!("`{}` must be {}, not {found}", key.name, read.expected()),
    };
    assert!(
        problems.iter().any(|p| p.message.starts_with(&expected)),
        "`{}` is not read as {:?}: expected \"{expected}…\" in {problems:?}",
        key.name,
        key.read
    );
}

#[test]
fn every_key_is_read_by_the_reader_its_table_names() {
    for keys in roster_tables().chain([TOP]) {
        for key in keys {
            let (value, _) = wrong_value(key.read);
            let line = format!("{} = {value}", key.name);
            assert_refused_as_its_reader(key, &roster_problems(keys, key.name, &line));
        }
    }
    for key in ENTRY {
        let (value, _) = wrong_value(key.read);
        let line = format!("{} = {value}", key.name);
        assert_refused_as_its_reader(key, &history_problems(&history_with(key.name, &line)));
    }
    let problems = history_problems("entry = true\n");
    assert_refused_as_its_reader(&HISTORY_TOP[0], &problems);
}

#[test]
fn import_takes_the_client_keys_the_spec_lists_as_columns() {
    let sheet: Vec<&str> = CLIENT
        .iter()
        .filter(|k| k.in_sheets)
        .map(|k| k.name)
        .collect();
    let spec = "name id start goal why goal_by cadence journey tags notes birthday channel \
                contact renewal last_contact last_session";
    let mut spec: Vec<&str> = spec.split_whitespace().collect();
    let mut got = sheet.clone();
    spec.sort_unstable();
    got.sort_unstable();
    assert_eq!(got, spec);
}
