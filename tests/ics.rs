//! Calendar export, checked with an independent parser (the `icalendar` crate's).

use crate::common;

use common::{Studio, stdout};
use icalendar::parser::{read_calendar, unfold};

struct Event {
    props: Vec<(String, String)>,
}

impl Event {
    fn get(&self, name: &str) -> Option<&str> {
        self.props
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn events(ics: &str) -> Vec<Event> {
    let unfolded = unfold(ics);
    let calendar = read_calendar(&unfolded).expect("the calendar parses");
    calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|c| Event {
            props: c
                .properties
                .iter()
                .map(|p| {
                    (
                        p.name.as_str().to_string(),
                        p.val.clone().unescape_text().as_str().to_string(),
                    )
                })
                .collect(),
        })
        .collect()
}

#[test]
fn agenda_and_journey_export_parse_with_every_required_property() {
    let studio = Studio::example();
    for args in [
        &["agenda", "--days", "30", "--format", "ics"][..],
        &["journey", "--format", "ics"],
    ] {
        let ics = stdout(studio.run(args));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
        assert!(
            ics.split("\r\n").all(|line| line.len() <= 75),
            "every line is folded at 75 octets"
        );
        assert!(
            !ics.replace("\r\n", "").contains('\n'),
            "CRLF line ends only"
        );
        let events = events(&ics);
        assert!(events.len() > 10, "{args:?}: {} events", events.len());
        let mut uids = std::collections::HashSet::new();
        for e in &events {
            for prop in [
                "UID",
                "DTSTAMP",
                "DTSTART",
                "DTEND",
                "SUMMARY",
                "DESCRIPTION",
            ] {
                assert!(e.get(prop).is_some(), "{args:?}: an event lacks {prop}");
            }
            let start = e.get("DTSTART").unwrap_or_default();
            let end = e.get("DTEND").unwrap_or_default();
            let next = chrono::NaiveDate::parse_from_str(start, "%Y%m%d")
                .ok()
                .and_then(|d| d.succ_opt())
                .map(|d| d.format("%Y%m%d").to_string());
            assert_eq!(
                next.as_deref(),
                Some(end),
                "an all-day event ends the next day"
            );
            assert!(
                uids.insert(e.get("UID").unwrap_or_default().to_string()),
                "UIDs are unique"
            );
        }
    }
}

#[test]
fn uids_are_stable_so_a_second_import_does_not_duplicate() {
    let studio = Studio::example();
    let first = stdout(studio.run(&["agenda", "--days", "14", "--format", "ics"]));
    let again = stdout(studio.run(&["agenda", "--days", "14", "--format", "ics"]));
    assert_eq!(first, again);
    let events = events(&first);
    let grace = events
        .iter()
        .find(|e| {
            e.get("UID")
                .is_some_and(|u| u.starts_with("grace-checkin-"))
        })
        .expect("grace's check-in");
    // Due on 20 Nov, she did not answer: tried again a week later, same identity.
    assert_eq!(grace.get("UID"), Some("grace-checkin-20261120@coachplan"));
    assert_eq!(grace.get("DTSTART"), Some("20261127"));
}

#[test]
fn an_item_keeps_its_uid_from_one_day_to_the_next_until_it_is_handled() {
    let studio = Studio::example();
    let monday = stdout(studio.run(&["agenda", "--format", "ics", "--date", "2026-11-23"]));
    // Alice came in on Monday, as she usually does: her session is logged, and what was to
    // be said in person and was not stays open for her next session.
    stdout(studio.run(&["log", "alice", "--session", "--date", "2026-11-23"]));
    let tuesday = stdout(studio.run(&["agenda", "--format", "ics", "--date", "2026-11-24"]));
    let uids = |ics: &str, up_to: &str| -> Vec<String> {
        events(ics)
            .iter()
            .filter(|e| e.get("DTSTART").is_some_and(|d| d <= up_to))
            .filter_map(|e| e.get("UID").map(String::from))
            .filter(|u| !u.contains("-birthday-"))
            .collect()
    };
    let listed_monday = uids(&monday, "20261124");
    // Any day: an item said in person (Alice's) moves on to her next session.
    let listed_tuesday = uids(&tuesday, "99991231");
    assert!(listed_monday.len() >= 6, "{listed_monday:?}");
    for uid in &listed_monday {
        assert!(
            listed_tuesday.contains(uid),
            "{uid} changed or vanished overnight"
        );
    }
    // Logging the contact clears Dan's check-in: its event is gone the next day.
    studio
        .run(&["log", "dan", "--date", "2026-11-23"])
        .assert()
        .success();
    let after = stdout(studio.run(&["agenda", "--format", "ics", "--date", "2026-11-24"]));
    assert!(
        !uids(&after, "20261124")
            .iter()
            .any(|u| u.starts_with("dan-checkin-20261101"))
    );
    assert!(
        listed_monday
            .iter()
            .any(|u| u.starts_with("dan-checkin-20261101"))
    );
}

#[test]
fn names_with_commas_semicolons_backslashes_and_newlines_round_trip() {
    let roster = "[[client]]\nname = \"Smith, Jo; \\\\the\\\\ coach\\nsecond line\"\nid = \"jo\"\nstart = 2026-11-20\n\
                  goal = \"Run, swim; bike\"\nwhy = \"Because\\u001b[31m she can\"\ncadence = \"1w\"\njourney = \"none\"\n";
    let studio = Studio::new(roster);
    let ics = stdout(studio.run(&["agenda", "--format", "ics"]));
    assert!(!ics.contains('\u{1b}'), "control characters are removed");
    let events = events(&ics);
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0].get("SUMMARY"),
        Some("Smith, Jo; \\the\\ coach\nsecond line — Check-in (every week)")
    );
    let description = events[0].get("DESCRIPTION").unwrap_or_default();
    assert!(
        description.starts_with("Goal: Run, swim; bike\nWhy: Because[31m she can\nAsk: "),
        "{description:?}"
    );
}

/// (UID, date) of every event of `agenda --days 30 --format ics` on `date`.
fn agenda_uids(studio: &Studio, date: &str) -> std::collections::BTreeMap<String, String> {
    let ics = stdout(studio.run(&["agenda", "--days", "30", "--format", "ics", "--date", date]));
    events(&ics)
        .iter()
        .map(|e| {
            (
                e.get("UID").expect("UID").to_string(),
                e.get("DTSTART").expect("DTSTART").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_calendar_that_imports_the_agenda_daily_collects_no_events_that_later_vanish() {
    // #28: imported each morning (khal, Radicale), the 30-day agenda grew from 35 to 72
    // events in 7 days: while an item stayed overdue, every projected check-in after it
    // got a new UID each day. Now the export holds each client's pending items only.
    let studio = Studio::example();
    let days = [
        "2026-11-23",
        "2026-11-24",
        "2026-11-25",
        "2026-11-26",
        "2026-11-27",
        "2026-11-28",
        "2026-11-29",
    ];
    let first = agenda_uids(&studio, days[0]);
    assert!(!first.is_empty());
    let mut calendar = first.clone();
    for pair in days.windows(2) {
        let (before, after) = (agenda_uids(&studio, pair[0]), agenda_uids(&studio, pair[1]));
        // Nothing was logged: every event is still there the next morning, unless its
        // day (a birthday, a renewal date) has passed.
        for (uid, date) in &before {
            assert!(
                after.contains_key(uid)
                    || uid.contains("-birthday-")
                    || date.as_str() < pair[1].replace('-', "").as_str(),
                "{uid} on {date} vanished on {}",
                pair[1]
            );
        }
        calendar.extend(after);
    }
    // A week of imports holds hardly more than the first morning's events: only the
    // items that newly came into the 30 days.
    assert!(
        calendar.len() <= first.len() + 12,
        "{} events after 7 days, {} on the first",
        calendar.len(),
        first.len()
    );
    // Drift only when it is listed today (a projected drift would vanish when the
    // session comes).
    for (uid, date) in &first {
        assert!(
            !uid.contains("-drift-") || date == "20261123",
            "{uid} on {date}"
        );
    }
}

#[test]
fn the_journey_calendar_holds_what_is_still_to_do_and_one_check_in_per_client() {
    // #28 / SPEC v3: calendar exports carry pending items only.
    let studio = Studio::example();
    let ics = stdout(studio.run(&["journey", "--format", "ics"]));
    let uids: Vec<String> = events(&ics)
        .iter()
        .map(|e| e.get("UID").expect("UID").to_string())
        .collect();
    // Ben's kick-off (1 Oct) was done; it is on his map, not in the calendar.
    let map = stdout(studio.run(&["journey", "ben", "--format", "csv"]));
    assert!(
        map.contains("2026-10-01,kickoff,Kick-off: goal and why,"),
        "{map}"
    );
    assert!(
        !uids.iter().any(|u| u.starts_with("ben-step-20261001")),
        "{uids:?}"
    );
    assert!(uids.iter().any(|u| u.starts_with("ben-step-")), "{uids:?}");
    for id in [
        "alice", "ben", "carla", "dan", "grace", "priya", "sofia", "tom",
    ] {
        let checkins = uids
            .iter()
            .filter(|u| u.starts_with(&format!("{id}-checkin-")))
            .count();
        assert!(checkins <= 1, "{id}: {checkins} check-ins in {uids:?}");
    }
}
