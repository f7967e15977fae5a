//! Small things a coach notices in the first week (issue: the headline under a cap, steps
//! before `since`, "month 13 of 12", `show`'s tags line, `snooze`'s argument order, a
//! missing roster, ids), end to end through the binary.

use crate::common;

use common::{Studio, bare, outcome, stdout};

/// A client who last trained on `last_session` (weekly, no journey): drifting by 23 Nov.
fn drifting(name: &str, id: &str) -> String {
    format!(
        "[[client]]\nname = \"{name}\"\nid = \"{id}\"\nstart = 2026-01-05\ngoal = \"Train\"\ncadence = \"none\"\njourney = \"none\"\nlast_session = 2026-10-01\n"
    )
}

#[test]
fn the_headline_counts_drifting_clients_among_all_that_are_due_not_only_the_listed() {
    let roster = format!(
        "[coach]\ndaily_limit = 1\n\n{}{}{}",
        drifting("Ann Lee", "ann"),
        drifting("Bo Park", "bo"),
        drifting("Cy Diaz", "cy")
    );
    let studio = Studio::new(&roster);
    let out = stdout(studio.run(&["today"]));
    assert!(
        out.contains("3 clients to reach (3 drifting)"),
        "the headline must count the same set twice:\n{out}"
    );
    assert!(out.contains("2 more due"), "{out}");
}

#[test]
fn journey_shows_steps_missed_before_since_as_before_coachplan() {
    // Started in October; coachplan since 1 December.
    let studio = Studio::new(
        "[coach]\nsince = 2026-12-01\n\n[[client]]\nname = \"Ann Lee\"\nid = \"ann\"\nstart = 2026-10-01\ngoal = \"Run\"\n",
    );
    let csv = stdout(studio.run(&["journey", "ann", "--format", "csv", "--date", "2026-12-02"]));
    let statuses: Vec<(String, String)> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .flatten()
        .filter(|r| &r[4] <= "2026-12-01")
        .map(|r| (r[6].to_string(), r[8].to_string()))
        .collect();
    assert!(statuses.len() >= 4, "{csv}");
    // Only the latest, which `today` lists (due on `since` itself), is overdue.
    let overdue: Vec<&(String, String)> = statuses.iter().filter(|(_, s)| s == "overdue").collect();
    assert_eq!(overdue.len(), 1, "{statuses:?}");
    assert!(
        statuses
            .iter()
            .all(|(_, s)| s == "overdue" || s == "untracked"),
        "{statuses:?}"
    );
    let today = stdout(studio.run(&["today", "--format", "csv", "--date", "2026-12-02"]));
    assert!(
        today.contains(&overdue[0].0),
        "today lists that step:\n{today}"
    );
    let table = stdout(studio.run(&["journey", "ann", "--date", "2026-12-02"]));
    assert!(table.contains("before coachplan"), "{table}");
}

#[test]
fn the_day_of_the_one_year_review_is_not_month_13_of_12() {
    let studio = Studio::new(
        "[[client]]\nname = \"Ann Lee\"\nid = \"ann\"\nstart = 2025-11-23\ngoal = \"Run\"\ncadence = \"none\"\n",
    );
    let mut cmd = studio.run(&["today", "--date", "2026-11-23"]);
    cmd.env("COLUMNS", "200");
    let out = stdout(cmd);
    assert!(out.contains("One-year review"), "{out}");
    assert!(!out.contains("of 12"), "{out}");
    assert!(out.contains("month 13 · last step"), "{out}");
}

#[test]
fn show_labels_the_tags_as_tags() {
    let studio = Studio::new(
        "[[client]]\nname = \"Ann Lee\"\nid = \"ann\"\nstart = 2026-01-05\ngoal = \"Run\"\nrenewal = 2027-01-05\ntags = [\"online\", \"group\"]\n",
    );
    let out = stdout(studio.run(&["show", "ann"]));
    assert!(out.contains("\nTags      online, group\n"), "{out}");
    assert!(!out.contains("tags:"), "{out}");
}

#[test]
fn snooze_takes_its_options_anywhere() {
    let studio = Studio::new(
        "[[client]]\nname = \"Hannah Berg\"\nid = \"hannah\"\nstart = 2026-01-05\ngoal = \"Run\"\n",
    );
    let out = stdout(studio.run(&["snooze", "hannah", "--note", "Exams", "2w"]));
    assert!(out.contains("snoozed Hannah Berg until"), "{out}");
    let history = studio.read("clients.history.toml");
    assert!(history.contains("note = \"Exams\""), "{history}");
    assert!(history.contains("next = 2026-12-07"), "{history}");
    // Without a date: a usage error that names what is missing.
    let (code, _, err) = outcome(studio.run(&["snooze", "hannah", "--note", "Exams"]));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_first_command_without_a_roster_says_there_is_none_yet() {
    let studio = Studio::new("");
    let (code, _, err) = outcome(bare(studio.dir.path()).arg("today"));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("there is no roster at"), "{err}");
    assert!(err.contains("coachplan init"), "{err}");
    assert!(!err.contains("entity not found"), "{err}");
}

#[test]
fn a_unique_first_name_stands_for_its_client_and_a_shared_one_does_not() {
    let studio = Studio::new("");
    std::fs::remove_file(studio.roster()).ok();
    let init = stdout(studio.run(&["init"]));
    assert!(init.contains("starter roster"), "{init}");
    let added = stdout(studio.run(&["add", "Tom Hardy", "--start", "2026-11-01"]));
    assert!(
        added.contains("as `tom-hardy` (use this id with log, show"),
        "{added}"
    );
    let (code, out, err) = outcome(studio.run(&["log", "tom", "--note", "Good session"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("logged contact with Tom Hardy"), "{out}");
    assert!(err.contains("took Tom Hardy (tom-hardy)"), "{err}");
    // A second Tom: the first name no longer picks one, and nothing is written.
    stdout(studio.run(&["add", "Tom Jones", "--start", "2026-11-01"]));
    let before = studio.read("clients.history.toml");
    let (code, _, err) = outcome(studio.run(&["log", "tom"]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no client with id `tom`"), "{err}");
    assert_eq!(studio.read("clients.history.toml"), before);
}
