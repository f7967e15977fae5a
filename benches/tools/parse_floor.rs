//! The benchmark's floor: parse a roster and its history with `toml::from_str` into plain
//! serde structs, and nothing else. coachplan does strictly more (validation with positions,
//! planning, output), so matching this time means the rest costs nothing measurable.
//!
//! cargo run --release --example parse-floor -- target/bench/10k.toml

#![allow(dead_code)]

use serde::Deserialize;
use toml::value::Datetime;

#[derive(Deserialize)]
struct Roster {
    coach: Option<toml::Table>,
    defaults: Option<toml::Table>,
    journeys: Option<toml::Table>,
    client: Vec<Client>,
}

#[derive(Deserialize)]
struct Client {
    name: String,
    id: Option<String>,
    start: Datetime,
    goal: Option<String>,
    why: Option<String>,
    goal_by: Option<Datetime>,
    cadence: Option<String>,
    journey: Option<String>,
    status: Option<String>,
    paused_until: Option<Datetime>,
    ended: Option<Datetime>,
    last_contact: Option<Datetime>,
    last_session: Option<Datetime>,
    renewal: Option<Datetime>,
    birthday: Option<String>,
    channel: Option<String>,
    contact: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    notes: Vec<String>,
}

#[derive(Deserialize)]
struct History {
    entry: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    client: String,
    date: Datetime,
    kind: Option<String>,
    note: Option<String>,
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse-floor ROSTER.toml");
        std::process::exit(2);
    };
    let history_path = path
        .strip_suffix(".toml")
        .map_or(String::new(), |s| format!("{s}.history.toml"));
    let roster: Roster = match std::fs::read_to_string(&path).map(|t| toml::from_str(&t)) {
        Ok(Ok(r)) => r,
        _ => std::process::exit(1),
    };
    let history: History = match std::fs::read_to_string(&history_path).map(|t| toml::from_str(&t))
    {
        Ok(Ok(h)) => h,
        _ => std::process::exit(1),
    };
    println!(
        "{} clients, {} entries",
        roster.client.len(),
        history.entry.len()
    );
}
