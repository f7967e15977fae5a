//! `import` of the sheets coaches have (SPEC v3 §3 `import`; #28, #27 items 11, 22–24):
//! bytes as LibreOffice and Excel write them, the exact roster after the import.

use crate::common;

use common::{Studio, outcome, stdout};

const COACH: &str = "[coach]\nname = \"Sam\"\n";

fn import(studio: &Studio, sheet: &[u8], extra: &[&str]) -> (i32, String, String) {
    std::fs::write(studio.path("sheet.csv"), sheet).expect("write sheet");
    let path = studio.path("sheet.csv").display().to_string();
    let mut args = vec!["import", path.as_str()];
    args.extend_from_slice(extra);
    outcome(studio.run(&args))
}

/// What the import appended to the roster.
fn added(studio: &Studio) -> String {
    studio.read("clients.toml")[COACH.len()..].to_string()
}

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!bad);
    bytes.into_owned()
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xff, 0xfe];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

#[test]
fn a_european_excel_sheet_semicolons_and_windows_1252_imports_with_names_and_dates_intact() {
    let studio = Studio::new(COACH);
    let sheet = windows_1252(
        "First Name;Last Name;E-mail;Mobile;Start Date;Date of Birth;Tags\r\n\
         José;Núñez;jose@example.com;+34 600 000 000;03.11.2026;14.07.1990;online, group\r\n",
    );
    let (code, out, err) = import(&studio, &sheet, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("José Núñez"), "{out}");
    assert_eq!(
        added(&studio),
        "\n[[client]]\nname = \"José Núñez\"\nid = \"jose-nunez\"\nstart = 2026-11-03\nbirthday = \"1990-07-14\"\ncontact = \"jose@example.com\"\ntags = [\"online\", \"group\"]\nnotes = [\"Phone: +34 600 000 000\"]\n"
    );
    assert!(stdout(studio.run(&["check"])).starts_with("ok: 1 client"));
}

#[test]
fn a_utf16_sheet_with_tabs_imports_and_a_cyrillic_name_gets_an_id() {
    let studio = Studio::new(COACH);
    let sheet = utf16le_with_bom(
        "Name\tStart\tPhone\tChannel\r\nДмитрий Иванов\t2026-11-02\t555 0199\ttext\r\n",
    );
    let (code, _, err) = import(&studio, &sheet, &[]);
    assert_eq!(code, 0, "{err}");
    let text = added(&studio);
    assert!(
        text.contains("name = \"Дмитрий Иванов\"\nid = \"dmitrii-ivanov\"\n"),
        "{text}"
    );
    // The phone is the contact for a client who is texted.
    assert!(
        text.contains("channel = \"text\"\ncontact = \"555 0199\"\n"),
        "{text}"
    );
}

#[test]
fn a_cr_only_sheet_reports_its_bad_cell_on_the_right_line() {
    let studio = Studio::new(COACH);
    let (code, _, err) = import(&studio, b"name,start\rAnn,2026-11-02\rBo,2026-13-01\r", &[]);
    assert_eq!(code, 1);
    assert!(err.contains("sheet.csv:3:2: error: `start`"), "{err}");
    assert_eq!(studio.read("clients.toml"), COACH);
}

#[test]
fn ambiguous_day_month_dates_are_refused_with_the_hint_and_taken_with_date_format() {
    let studio = Studio::new(COACH);
    let sheet = b"name,start\nAnn,03/04/2026\nBo,05/06/2026\n";
    let (code, _, err) = import(&studio, sheet, &[]);
    assert_eq!(code, 1);
    assert!(err.contains("sheet.csv:2:2: error:"), "{err}");
    assert!(err.contains("--date-format"), "{err}");
    assert_eq!(studio.read("clients.toml"), COACH);
    // A dry run finds the same refusal.
    let (code, _, dry) = import(&studio, sheet, &["--dry-run"]);
    assert_eq!((code, dry.contains("--date-format")), (1, true), "{dry}");
    let (code, _, err) = import(&studio, sheet, &["--date-format", "DD/MM/YYYY"]);
    assert_eq!(code, 0, "{err}");
    let text = added(&studio);
    assert!(
        text.contains("start = 2026-04-03") && text.contains("start = 2026-06-05"),
        "{text}"
    );
}

#[test]
fn a_sheet_whose_dates_tell_the_order_needs_no_date_format() {
    let studio = Studio::new(COACH);
    let (code, _, err) = import(&studio, b"name,start\nAnn,03/04/2026\nBo,12/25/2026\n", &[]);
    assert_eq!(code, 0, "{err}");
    let text = added(&studio);
    assert!(
        text.contains("start = 2026-03-04") && text.contains("start = 2026-12-25"),
        "{text}"
    );
}

#[test]
fn our_own_csv_comes_back_in_without_its_formula_guard() {
    // `clients --format csv` guards "+1 555 0100" as "'+1 555 0100" for spreadsheets.
    let studio = Studio::new(COACH);
    let sheet =
        b"client_id,client,start,contact,tags\nkim,Kim Lee,2026-11-02,'+1 555 0100,'=x;online\n";
    let (code, _, err) = import(&studio, sheet, &[]);
    assert_eq!(code, 0, "{err}");
    let text = added(&studio);
    assert!(text.contains("contact = \"+1 555 0100\""), "{text}");
    assert!(text.contains("tags = [\"=x\", \"online\"]"), "{text}");
}

#[test]
fn a_dry_run_refuses_what_the_import_refuses_at_the_sheets_cell() {
    // #27 item 11: the dry run said "would add"; the import's error pointed into the roster.
    let studio = Studio::new(COACH);
    let sheet = b"name,start,journey\nAnn,2026-11-02,standard\nBo,2026-11-03,nine-months\n";
    for extra in [&["--dry-run"][..], &[]] {
        let (code, out, err) = import(&studio, sheet, extra);
        assert_eq!(code, 1, "{extra:?}: {out}");
        assert!(
            err.contains("sheet.csv:3:3: error: unknown journey `nine-months`"),
            "{err}"
        );
        assert!(!err.contains("as the change would leave it"), "{err}");
    }
    assert_eq!(studio.read("clients.toml"), COACH);
}

#[test]
fn a_name_with_nothing_to_make_an_id_from_is_refused_with_the_hint() {
    let studio = Studio::new(COACH);
    let (code, _, err) = import(&studio, "name,start\n— · —,2026-11-02\n".as_bytes(), &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains("sheet.csv:2:1: error:") && err.contains("`id` column"),
        "{err}"
    );
}
