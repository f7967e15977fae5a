//! Property tests: for random starts, cadences and histories, the planner keeps the rules
//! that every view relies on, and never panics, whatever the dates.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::journey::plan_journey;
use super::{ItemKind, gather_facts, plan_client};
use crate::history::{EntryKind, History, HistoryEntry};
use crate::roster::{Birthday, Client, Coach, Period, Roster, Status, standard_journey};

fn date_in(lo: NaiveDate, span_days: u64) -> impl Strategy<Value = NaiveDate> {
    (0..=span_days).prop_map(move |n| lo.checked_add_days(Days::new(n)).unwrap_or(lo))
}

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default()
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (1u32..120).prop_map(Period::Days),
        (1u32..13).prop_map(Period::Months)
    ]
}

fn kind() -> impl Strategy<Value = EntryKind> {
    prop_oneof![
        Just(EntryKind::Contact),
        Just(EntryKind::NoReply),
        Just(EntryKind::Session)
    ]
}

prop_compose! {
    fn client_and_history(lo: NaiveDate, span: u64)(
        start in date_in(lo, span),
        cadence in proptest::option::of(period()),
        birthday in proptest::option::of((1u32..=12, 1u32..=29)),
        goal_by in proptest::option::of(date_in(lo, span)),
        renewal in proptest::option::of(date_in(lo, span)),
        paused_until in proptest::option::of(date_in(lo, span)),
        entries in proptest::collection::vec((date_in(lo, span), kind()), 0..12),
        today in date_in(lo, span),
        give_up in 1u32..5,
    ) -> (Roster, History, NaiveDate) {
        let client = Client {
            id: "c".into(), name: "C".into(), start, goal: Some("g".into()), why: None, goal_by, cadence,
            journey: Some("standard".into()),
            status: if paused_until.is_some() { Status::Paused } else { Status::Active },
            paused_until, ended: None, last_contact: None, last_session: None, renewal,
            birthday: birthday.map(|(month, day)| Birthday { month, day }),
            channel: None, contact: None, tags: vec![], notes: vec![],
        };
        let roster = Roster {
            coach: Coach { give_up_after: give_up, ..Coach::default() },
            journeys: BTreeMap::from([("standard".to_string(), standard_journey())]),
            clients: vec![client],
        };
        let history = History {
            entries: entries.into_iter().map(|(date, kind)| HistoryEntry { client: 0, date, kind, note: None }).collect(),
        };
        (roster, history, today)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_item_is_dated_before_the_start((roster, history, today) in client_and_history(base(), 1500)) {
        let facts = gather_facts(&roster, &history, today);
        let plan = plan_client(&roster, &roster.clients[0], &facts[0], today);
        for item in &plan.items {
            prop_assert!(item.date >= roster.clients[0].start, "{item:?}");
        }
    }

    #[test]
    fn a_listed_item_never_has_a_contact_on_or_after_its_date((roster, history, today) in client_and_history(base(), 1500)) {
        let facts = gather_facts(&roster, &history, today);
        let plan = plan_client(&roster, &roster.clients[0], &facts[0], today);
        for item in plan.listed(today).filter(|i| i.kind != ItemKind::Birthday) {
            let cleared = history.entries.iter().any(|e| {
                e.date <= today && e.date >= item.original && e.kind != EntryKind::NoReply
            });
            prop_assert!(!cleared, "{item:?} listed on {today} despite a contact");
        }
    }

    #[test]
    fn listed_items_are_never_in_the_future_and_birthdays_only_on_the_day((roster, history, today) in client_and_history(base(), 1500)) {
        let facts = gather_facts(&roster, &history, today);
        let plan = plan_client(&roster, &roster.clients[0], &facts[0], today);
        for item in plan.listed(today) {
            prop_assert!(item.date <= today);
            if item.kind == ItemKind::Birthday {
                prop_assert_eq!(item.date, today);
            }
        }
    }

    #[test]
    fn journey_step_dates_do_not_decrease_by_month((roster, history, today) in client_and_history(base(), 1500), months in 1u32..30) {
        let facts = gather_facts(&roster, &history, today);
        let journey = plan_journey(&roster, 0, &facts[0], today, months);
        let dates: Vec<NaiveDate> = journey.months.iter().flat_map(|m| m.entries.iter().map(|e| e.date)).collect();
        prop_assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
        let starts: Vec<NaiveDate> = journey.months.iter().map(|m| m.start).collect();
        prop_assert!(starts.windows(2).all(|w| w[0] < w[1]));
        for m in &journey.months {
            prop_assert!(m.entries.iter().all(|e| e.date >= m.start));
        }
    }

    #[test]
    fn the_planner_never_panics_on_any_date(
        (roster, history, today) in client_and_history(NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default(), 3_652_000),
        months in 1u32..121,
    ) {
        let facts = gather_facts(&roster, &history, today);
        let _ = plan_client(&roster, &roster.clients[0], &facts[0], today);
        let _ = plan_journey(&roster, 0, &facts[0], today, months);
        let _ = super::agenda::plan_agenda(&roster, &facts, today, 30, &super::today::Filter::default());
    }
}
