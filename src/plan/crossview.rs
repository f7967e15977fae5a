//! Views that never disagree (#23): `today`, `agenda`, `journey`, `review`, `show` and
//! `clients` are selections of one timeline per client, so for random clients and
//! histories they give the coach the same answers.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::agenda::plan_agenda;
use super::journey::plan_journey;
use super::review::{Outcome, plan_review};
use super::today::{Filter, plan_today};
use super::{ItemKind, ItemState, client_files, plan_client};
use crate::history::{DoneKind, EntryKind, History, HistoryEntry};
use crate::roster::{
    Birthday, Client, Coach, Period, Roster, Status, Weekdays, month_of, month_start,
    standard_journey,
};

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default()
}

fn day(n: u64) -> NaiveDate {
    base().checked_add_days(Days::new(n)).unwrap_or(base())
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (1u32..60).prop_map(Period::Days),
        (1u32..4).prop_map(|w| Period::Days(7 * w)),
        (1u32..4).prop_map(Period::Months)
    ]
}

fn kind() -> impl Strategy<Value = EntryKind> {
    prop_oneof![
        3 => Just(EntryKind::Contact),
        2 => Just(EntryKind::NoReply),
        3 => Just(EntryKind::Session),
        1 => Just(EntryKind::Snooze)
    ]
}

/// How a client stands on the roster: active, paused (to a day or open-ended), back
/// from a break (`resume`), ended.
#[derive(Debug, Clone, Copy)]
enum Shape {
    Active,
    PausedUntil(u64),
    PausedOpen,
    Resumed(u64),
    Ended(u64),
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        4 => Just(Shape::Active),
        1 => (0u64..900).prop_map(Shape::PausedUntil),
        1 => Just(Shape::PausedOpen),
        1 => (0u64..900).prop_map(Shape::Resumed),
        1 => (0u64..900).prop_map(Shape::Ended),
    ]
}

prop_compose! {
    fn one_client()(
        start in 0u64..700,
        cadence in proptest::option::weighted(0.85, period()),
        journey in prop_oneof![3 => Just(true), 1 => Just(false)],
        birthday in proptest::option::of((1u32..=12, 1u32..=28)),
        goal_by in proptest::option::of(0u64..900),
        renewal in proptest::option::of(0u64..900),
        shape in shape(),
        paused_from in proptest::option::of(0u64..900),
        sessions in proptest::option::weighted(0.3, 0u8..128),
        entries in proptest::collection::vec(
            (0u64..900, kind(), proptest::option::of(proptest::sample::subsequence(DoneKind::ALL.to_vec(), 0..=2)), proptest::option::weighted(0.2, 0u64..40)),
            0..14),
        since in proptest::option::weighted(0.3, 0u64..900),
        today in 100u64..900,
        give_up in 2u32..4,
    ) -> (Roster, History, NaiveDate) {
        let (status, paused_until, ended) = match shape {
            Shape::Active => (Status::Active, None, None),
            Shape::PausedUntil(d) => (Status::Paused, Some(day(d)), None),
            Shape::PausedOpen => (Status::Paused, None, None),
            Shape::Resumed(d) => (Status::Active, Some(day(d)), None),
            Shape::Ended(d) => (Status::Ended, None, Some(day(d))),
        };
        let client = Client {
            id: "c".into(), name: "C".into(), start: day(start), goal: Some("g".into()), why: None,
            goal_by: goal_by.map(day), cadence,
            drift_after: Period::Days(21),
            journey: journey.then(|| "standard".into()),
            status, paused_until,
            paused_from: paused_from.map(day).filter(|_| paused_until.is_some() || status == Status::Paused),
            ended, last_contact: None, last_session: None, renewal: renewal.map(day), package: None,
            sessions: sessions.map(Weekdays::from_bits),
            birthday: birthday.map(|(month, day)| Birthday { month, day }),
            channel: None, contact: None, tags: vec![], notes: vec![],
        };
        let roster = Roster {
            coach: Coach { give_up_after: give_up, since: since.map(day), ..Coach::default() },
            journeys: BTreeMap::from([("standard".to_string(), standard_journey())]),
            messages: BTreeMap::new(),
            clients: vec![client],
        };
        let mut entries: Vec<HistoryEntry> = entries.into_iter().map(|(date, kind, done, next)| HistoryEntry {
            client: 0, date: day(date), kind, done: done.map(|d: Vec<DoneKind>| d.into_iter().collect()),
            next: next.or((kind == EntryKind::Snooze).then_some(7))
                .and_then(|n| day(date).checked_add_days(Days::new(n))),
            renewal: None, source_ref: None, note: None,
        }).collect();
        entries.sort_by_key(|e| e.date);
        (roster, History { entries }, day(today))
    }
}

/// What a view says falls due: kind, identity date, and the day it is on.
type Placed = (ItemKind, NaiveDate, NaiveDate);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn agenda_for_one_day_is_today_all((roster, history, today) in one_client()) {
        let files = client_files(&roster, &history, today);
        let agenda: BTreeSet<Placed> = plan_agenda(&roster, &files, today, 1, &Filter::default())
            .into_iter()
            .map(|e| (e.item.kind, e.item.due, e.day))
            .collect();
        let listed: BTreeSet<Placed> = plan_today(&roster, &files, today, &Filter::default(), true)
            .due
            .iter()
            .flat_map(|d| d.items.iter().map(|i| (i.kind, i.due, today)))
            .collect();
        prop_assert_eq!(agenda, listed);
    }

    #[test]
    fn journey_has_the_agendas_future_check_ins_and_steps((roster, history, today) in one_client()) {
        let client = &roster.clients[0];
        let files = client_files(&roster, &history, today);
        let days = 120;
        let end = today.checked_add_days(Days::new(days)).unwrap_or(today);
        let months = month_of(client.start, end).unwrap_or(0) + 1;
        let journey = plan_journey(&roster, &files[0], today, 1..=months);
        let length = roster.journey_of(client).map_or(0, |j| j.length(client.start));
        let after_journey = month_start(client.start, length + 1).unwrap_or(NaiveDate::MAX);
        let agenda = plan_agenda(&roster, &files, today, days as u32, &Filter::default());
        // Check-ins past the journey's end, as far as the map plans them (for a client
        // still on the journey, to the end of the month after the current one): the same
        // days, the same identity.
        let now = crate::plan::month_now(client, today).unwrap_or(0);
        let reach = if now <= length {
            month_start(client.start, now + 2).unwrap_or(end).min(end)
        } else {
            end
        };
        let from_agenda: Vec<(NaiveDate, NaiveDate)> = agenda
            .iter()
            .filter(|e| e.item.kind == ItemKind::Checkin && e.day > today && e.day >= after_journey && e.day < reach)
            .map(|e| (e.day, e.item.due))
            .collect();
        let from_journey: Vec<(NaiveDate, NaiveDate)> = journey
            .months
            .iter()
            .flat_map(|m| &m.entries)
            .filter(|e| e.item == ItemKind::Checkin && e.date > today && e.date < end)
            .map(|e| (e.date, e.due))
            .collect();
        prop_assert_eq!(&from_journey, &from_agenda, "journey {:?}", journey.months.iter().map(|m| &m.entries).collect::<Vec<_>>());
        // Every step the agenda places ahead is on the map with the same identity.
        let steps: BTreeSet<NaiveDate> = journey
            .months
            .iter()
            .flat_map(|m| &m.entries)
            .filter(|e| e.item == ItemKind::Step)
            .map(|e| e.due)
            .collect();
        for e in agenda.iter().filter(|e| e.item.kind == ItemKind::Step && e.day > today) {
            prop_assert!(steps.contains(&e.item.due), "{:?} not on the map", e.item);
        }
    }

    #[test]
    fn every_item_review_calls_open_is_listed_now_or_ahead((roster, history, today) in one_client(), days in 1u32..120) {
        let files = client_files(&roster, &history, today);
        let review = plan_review(&roster, &files, today, days);
        let plan = plan_client(&roster, &files[0], today);
        let listed: BTreeSet<(ItemKind, NaiveDate)> = plan
            .items
            .iter()
            .filter(|i| matches!(i.state, ItemState::Pending | ItemState::Folded))
            .filter(|i| i.kind != ItemKind::Birthday || i.date == today)
            .map(|i| (i.kind, i.due))
            .collect();
        for r in review.items.iter().filter(|r| r.outcome == Outcome::Open) {
            prop_assert!(listed.contains(&(r.kind, r.due)), "review: {r:?} open; plan: {:?}", plan.items);
        }
    }

    #[test]
    fn every_item_today_lists_that_fell_due_in_the_window_is_reviewed((roster, history, today) in one_client(), days in 1u32..120) {
        let files = client_files(&roster, &history, today);
        let review = plan_review(&roster, &files, today, days);
        let from = today.checked_sub_days(Days::new(u64::from(days) - 1)).unwrap_or(today);
        let reviewed: BTreeSet<(ItemKind, NaiveDate)> = review.items.iter().map(|r| (r.kind, r.due)).collect();
        let plan = plan_client(&roster, &files[0], today);
        for item in plan.listed(today).filter(|i| i.due >= from && i.kind != ItemKind::Reconnect) {
            prop_assert!(reviewed.contains(&(item.kind, item.due)), "{item:?} listed, not reviewed: {:?}", review.items);
        }
    }

    #[test]
    fn a_client_is_in_the_same_month_in_every_view((roster, history, today) in one_client()) {
        let files = client_files(&roster, &history, today);
        let client = &roster.clients[0];
        // `clients` and `show` print `month_now` (tests/views.rs runs them); the journey
        // puts the client in the same month.
        let shown = crate::plan::month_now(client, today).unwrap_or(0);
        let journey = plan_journey(&roster, &files[0], today, super::journey::default_months(&roster, client, today));
        if client.status != Status::Ended && shown > 0 {
            prop_assert_eq!(journey.current, Some(shown));
        }
        prop_assert!(journey.months.last().is_none_or(|m| client.status != Status::Ended || m.month == shown));
    }

    #[test]
    fn an_assumed_contact_changes_the_facts_as_a_logged_one_would((roster, history, today) in one_client(), later in 0u64..60) {
        let mut file = client_files(&roster, &history, today).remove(0);
        let day = today.checked_add_days(Days::new(later)).unwrap_or(today);
        file.assume_contact(day);
        prop_assert_eq!(&file.facts, &super::Facts::of(&file.touches));
    }
}
