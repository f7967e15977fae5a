//! The data-tool recipes of docs/formats.md, run as written: DuckDB's SQL and pandas' Python
//! read `today --format json` with the dates as dates and every phone number as text.
//!
//! Where Python has neither `duckdb` nor `pandas`, the test checks what the recipes rely on
//! through serde_json instead (dates as `YYYY-MM-DD` strings or null, `contact` a string) and
//! says so; `.ci/run` installs both and sets `COACHPLAN_DATA_TOOLS=required`, so on CI a
//! missing module is a failure, not a quiet fallback.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::Studio;

/// The fenced block of `lang` inside docs/formats.md, without its indentation.
fn recipe(lang: &str) -> String {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/formats.md"))
            .expect("docs/formats.md");
    let fence = format!("```{lang}");
    let mut lines = doc.lines().skip_while(|l| l.trim() != fence).skip(1);
    let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
    assert!(!block.is_empty(), "docs/formats.md has no {fence} block");
    block
        .iter()
        .map(|l| format!("{}\n", l.strip_prefix("  ").unwrap_or(l)))
        .collect()
}

/// The example studio with every contact a phone number that a guessing reader would
/// turn into an integer (a leading 0, digits only), and its `today --all` as JSON.
fn studio_with_phone_numbers() -> (Studio, String) {
    let studio = Studio::example();
    let mut n = 0;
    let roster: String = studio
        .read("clients.toml")
        .lines()
        .map(|line| {
            if line.starts_with("contact = ") {
                n += 1;
                format!("contact = \"0770090012{n}\"\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    assert!(n >= 5, "the example has {n} contacts");
    studio.write("clients.toml", &roster);
    let json = common::stdout(studio.run(&["today", "--all", "--format", "json"]));
    studio.write("today.json", &json);
    (studio, json)
}

/// What the JSON holds, read the way the recipes read it: (contacts, dates of `due`).
fn expected(json: &str) -> (Vec<String>, Vec<String>) {
    let rows: Vec<serde_json::Value> = serde_json::from_str(json).expect("today's JSON");
    assert!(rows.len() >= 5, "{} rows", rows.len());
    let mut contacts = Vec::new();
    let mut dues = Vec::new();
    for row in &rows {
        for field in ["date", "due", "last_contact"] {
            let value = &row[field];
            assert!(
                value.is_null()
                    || value
                        .as_str()
                        .is_some_and(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()),
                "{field} is {value}: not a YYYY-MM-DD string or null"
            );
        }
        assert!(
            row["days_overdue"].is_i64(),
            "days_overdue is {}",
            row["days_overdue"]
        );
        contacts.push(
            row["contact"]
                .as_str()
                .expect("contact is a string")
                .to_string(),
        );
        dues.push(row["due"].as_str().expect("due").to_string());
    }
    (contacts, dues)
}

fn python_has(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn tool_or_fallback(module: &str) -> bool {
    if python_has(module) {
        return true;
    }
    assert_ne!(
        std::env::var("COACHPLAN_DATA_TOOLS").as_deref(),
        Ok("required"),
        "COACHPLAN_DATA_TOOLS=required but python3 cannot import {module}"
    );
    eprintln!("python3 has no {module}: checked the JSON through serde_json only");
    false
}

/// Runs `script` with python3 in `dir`; its last line of output is JSON.
fn python(dir: &Path, script: &str) -> serde_json::Value {
    let out = Command::new("python3")
        .current_dir(dir)
        .args(["-c", script])
        .output()
        .expect("python3");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the recipe failed:\n{script}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(stdout.lines().last().unwrap_or_default()).expect("the script's JSON")
}

#[test]
fn duckdb_reads_todays_json_with_dates_as_dates_and_phone_numbers_as_text() {
    let (studio, json) = studio_with_phone_numbers();
    let (contacts, dues) = expected(&json);
    if !tool_or_fallback("duckdb") {
        return;
    }
    let script = format!(
        r#"
import duckdb, json
con = duckdb.connect()
for statement in {sql:?}.split(";"):
    if statement.strip():
        relation = con.sql(statement)
        if relation is not None:
            relation.fetchall()
types = {{row[0]: row[1] for row in con.sql("DESCRIBE today").fetchall()}}
rows = con.sql("SELECT contact, strftime(due, '%Y-%m-%d') FROM today").fetchall()
print(json.dumps({{"types": types, "contacts": [r[0] for r in rows], "dues": [r[1] for r in rows]}}))
"#,
        sql = recipe("sql")
    );
    let got = python(studio.dir.path(), &script);
    for (column, ty) in [
        ("date", "DATE"),
        ("due", "DATE"),
        ("last_contact", "DATE"),
        ("contact", "VARCHAR"),
        ("days_overdue", "BIGINT"),
        ("tags", "VARCHAR[]"),
    ] {
        assert_eq!(
            got["types"][column], ty,
            "DuckDB typed {column}: {}",
            got["types"]
        );
    }
    assert_eq!(got["contacts"], serde_json::json!(contacts));
    assert_eq!(got["dues"], serde_json::json!(dues));
}

#[test]
fn pandas_reads_todays_json_with_dates_as_dates_and_phone_numbers_as_text() {
    let (studio, json) = studio_with_phone_numbers();
    let (contacts, dues) = expected(&json);
    if !tool_or_fallback("pandas") {
        return;
    }
    let script = format!(
        r#"
import json
{python}
kinds = {{c: today[c].dtype.kind for c in today.columns}}
print(json.dumps({{
    "kinds": kinds,
    "contacts": [str(c) for c in today["contact"]],
    "contact_types": sorted({{type(c).__name__ for c in today["contact"]}}),
    "dues": [d.strftime("%Y-%m-%d") for d in today["due"]],
}}))
"#,
        python = recipe("python")
    );
    let got = python(studio.dir.path(), &script);
    for column in ["date", "due", "last_contact"] {
        assert_eq!(
            got["kinds"][column], "M",
            "pandas typed {column}: {}",
            got["kinds"]
        );
    }
    assert_eq!(got["kinds"]["days_overdue"], "i", "{}", got["kinds"]);
    assert_eq!(got["contact_types"], serde_json::json!(["str"]));
    assert_eq!(got["contacts"], serde_json::json!(contacts));
    assert_eq!(got["dues"], serde_json::json!(dues));
}
