//! Views that never disagree (#23): `journey` and `agenda` place the same future check-ins
//! on the same days, with the same identity.

use crate::common;

use common::{Studio, stdout};

/// (date, due) of the check-in rows of a CSV whose `kind`, `date` and `due` columns are
/// at the given positions.
fn checkins(csv_text: &str, kind: usize, date: usize, due: usize) -> Vec<(String, String)> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .flatten()
        .filter(|r| &r[kind] == "checkin")
        .map(|r| (r[date].to_string(), r[due].to_string()))
        .collect()
}

#[test]
fn a_monthly_client_from_the_31st_has_the_same_check_ins_in_journey_and_agenda() {
    // Started 31 Dec 2025, monthly, no journey steps to get in the way, no contact yet.
    let studio = Studio::new(
        "[[client]]\nname = \"Ann Lee\"\nid = \"ann\"\nstart = 2025-12-31\ngoal = \"Run\"\ncadence = \"1m\"\njourney = \"none\"\n",
    );
    let agenda = stdout(studio.run(&[
        "agenda",
        "--days",
        "120",
        "--format",
        "csv",
        "--date",
        "2026-01-15",
    ]));
    let journey = stdout(studio.run(&[
        "journey",
        "ann",
        "--months",
        "8",
        "--format",
        "csv",
        "--date",
        "2026-01-15",
    ]));
    let from_agenda = checkins(&agenda, 3, 0, 14);
    // journey: client_id, client, month, month_start, date, kind, title, prompt, status;
    // its dates are the days the check-ins fall on.
    let from_journey: Vec<String> = checkins(&journey, 5, 4, 4)
        .into_iter()
        .map(|(d, _)| d)
        .collect();
    let agenda_days: Vec<String> = from_agenda.iter().map(|(d, _)| d.clone()).collect();
    assert!(!agenda_days.is_empty(), "{agenda}");
    // The journey's check-ins within the agenda's 120 days are the agenda's.
    let within: Vec<String> = from_journey
        .iter()
        .filter(|d| d.as_str() < "2026-05-15")
        .cloned()
        .collect();
    assert_eq!(
        within, agenda_days,
        "journey:\n{journey}\nagenda:\n{agenda}"
    );
    // 31 Jan, then a month after each one done: 28 Feb, 28 Mar, 28 Apr (never 31 Mar or
    // 30 Apr).
    assert_eq!(
        agenda_days,
        ["2026-01-31", "2026-02-28", "2026-03-28", "2026-04-28"]
    );
}

#[test]
fn review_dates_a_held_renewal_talk_on_the_last_call_day_today_lists_it() {
    // Sofia agreed to talk on 1 Dec; her plan renews on 24 Nov, so `today` lists the talk
    // on 23 Nov, its last call day. `review` says the same day, not 1 Dec.
    let studio = Studio::example();
    let today = stdout(studio.run(&["today", "--all", "--format", "csv"]));
    let listed: Vec<(String, String)> = csv::Reader::from_reader(today.as_bytes())
        .records()
        .flatten()
        .filter(|r| &r[1] == "sofia" && &r[3] == "renewal")
        .map(|r| (r[0].to_string(), r[14].to_string()))
        .collect();
    assert_eq!(
        listed,
        vec![("2026-11-23".to_string(), "2026-10-25".to_string())]
    );
    let review = stdout(studio.run(&["review", "--days", "30", "--format", "csv"]));
    let reviewed: Vec<(String, String, String)> = csv::Reader::from_reader(review.as_bytes())
        .records()
        .flatten()
        .filter(|r| &r[0] == "sofia" && &r[2] == "renewal")
        .map(|r| (r[4].to_string(), r[5].to_string(), r[6].to_string()))
        .collect();
    assert_eq!(
        reviewed,
        vec![(
            "2026-10-25".to_string(),
            "2026-11-23".to_string(),
            "open".to_string()
        )]
    );
}

#[test]
fn an_ended_client_is_in_the_month_they_left_in_every_view() {
    // #23: `clients` said month 10, `show` "month 13 · journey done".
    let studio = Studio::new(
        "[[client]]\nname = \"Eve Ng\"\nid = \"eve\"\nstart = 2025-01-10\ngoal = \"Run\"\nstatus = \"ended\"\nended = 2025-10-20\n",
    );
    let clients = stdout(studio.run(&["clients", "--format", "csv"]));
    let month: Vec<String> = csv::Reader::from_reader(clients.as_bytes())
        .records()
        .flatten()
        .map(|r| r[4].to_string())
        .collect();
    assert_eq!(month, ["10"], "{clients}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(studio.run(&["show", "eve", "--format", "json"])))
            .expect("JSON");
    assert_eq!(json["month"], 10);
    let page = stdout(studio.run(&["show", "eve"]));
    assert!(page.contains("month 10 of 12"), "{page}");
    assert!(
        !page.contains("month 13") && !page.contains("journey done"),
        "{page}"
    );
}
