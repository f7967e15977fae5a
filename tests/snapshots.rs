//! Snapshots of every view in every format on the shipped example roster at a fixed date.
//! Review changes with `cargo insta review`; an unexpected diff is a behaviour change.

mod common;

use common::{Studio, stdout};

fn snap(name: &str, args: &[&str]) {
    let studio = Studio::example();
    let out = stdout(studio.run(args).env("COLUMNS", "100"));
    insta::assert_snapshot!(name, out);
}

#[test]
fn today() {
    snap("today_table", &["today"]);
    snap("today_csv", &["today", "--format", "csv"]);
    snap("today_json", &["today", "--format", "json"]);
}

#[test]
fn agenda() {
    snap("agenda_table", &["agenda"]);
    snap("agenda_csv", &["agenda", "--days", "14", "--format", "csv"]);
    snap("agenda_json", &["agenda", "--format", "json"]);
    snap("agenda_ics", &["agenda", "--format", "ics"]);
}

#[test]
fn clients() {
    snap("clients_table", &["clients"]);
    snap("clients_csv", &["clients", "--format", "csv"]);
    snap("clients_json", &["clients", "--format", "json"]);
}

#[test]
fn journey() {
    snap("journey_table", &["journey", "alice", "grace", "tom"]);
    snap("journey_csv", &["journey", "--format", "csv"]);
    snap("journey_json", &["journey", "alice", "--format", "json"]);
    snap("journey_ics", &["journey", "sofia", "--format", "ics"]);
    snap("journey_beyond", &["journey", "marco", "--months", "14"]);
}

#[test]
fn retention() {
    snap("retention_table", &["retention"]);
    snap("retention_csv", &["retention", "--format", "csv"]);
}
