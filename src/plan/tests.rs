use super::testing::{d, history, plan_of, roster};
use super::*;
use crate::history::EntryKind::{Contact, NoReply, Session};
use crate::history::History;

/// The items listed on `today` for the roster's first client: (kind, date, days overdue).
fn listed(roster: &Roster, history: &History, today: &str) -> Vec<(ItemKind, NaiveDate, u32)> {
    let t = d(today);
    plan_of(roster, history, today)
        .listed(t)
        .map(|i| (i.kind, i.date, i.days_overdue(t)))
        .collect()
}

fn one(extra: &str) -> Roster {
    roster(&format!(
        "[[client]]\nname = \"Alice\"\nstart = 2026-01-05\ngoal = \"10k\"\njourney = \"none\"\n{extra}"
    ))
}

#[test]
fn month_starts_clamp_to_the_month_end_and_count_from_start() {
    let cases = [
        (
            "2026-01-31",
            [("2026-02-28"), ("2026-03-31"), ("2026-04-30")],
        ),
        (
            "2028-01-31",
            [("2028-02-29"), ("2028-03-31"), ("2028-04-30")],
        ),
        (
            "2026-01-30",
            [("2026-02-28"), ("2026-03-30"), ("2026-04-30")],
        ),
        (
            "2028-01-29",
            [("2028-02-29"), ("2028-03-29"), ("2028-04-29")],
        ),
        (
            "2027-01-29",
            [("2027-02-28"), ("2027-03-29"), ("2027-04-29")],
        ),
    ];
    for (start, months) in cases {
        for (m, want) in (2..).zip(months) {
            assert_eq!(
                month_start(d(start), m),
                Some(d(want)),
                "start {start}, month {m}"
            );
        }
    }
    assert_eq!(month_start(d("2026-01-31"), 13), Some(d("2027-01-31")));
}

#[test]
fn month_of_a_day_matches_month_starts() {
    let start = d("2026-01-31");
    assert_eq!(month_of(start, d("2026-01-30")), None);
    assert_eq!(month_of(start, d("2026-01-31")), Some(1));
    assert_eq!(month_of(start, d("2026-02-27")), Some(1));
    assert_eq!(month_of(start, d("2026-02-28")), Some(2));
    assert_eq!(month_of(start, d("2026-03-30")), Some(2));
    assert_eq!(month_of(start, d("2026-03-31")), Some(3));
}

#[test]
fn checkin_falls_a_cadence_after_start_then_after_the_latest_contact() {
    let r = one("cadence = \"1w\"");
    assert_eq!(listed(&r, &History::default(), "2026-01-11"), vec![]);
    assert_eq!(
        listed(&r, &History::default(), "2026-01-12"),
        vec![(ItemKind::Checkin, d("2026-01-12"), 0)]
    );
    assert_eq!(
        listed(&r, &History::default(), "2026-01-15"),
        vec![(ItemKind::Checkin, d("2026-01-12"), 3)]
    );
    // A contact after the due date clears it and restarts the cadence from the contact.
    let h = history(&r, &[("alice", "2026-01-14", Contact)]);
    assert_eq!(listed(&r, &h, "2026-01-15"), vec![]);
    assert_eq!(
        listed(&r, &h, "2026-01-21"),
        vec![(ItemKind::Checkin, d("2026-01-21"), 0)]
    );
}

#[test]
fn history_after_today_is_ignored() {
    let r = one("cadence = \"1w\"");
    let h = history(&r, &[("alice", "2026-01-20", Contact)]);
    assert_eq!(
        listed(&r, &h, "2026-01-13"),
        vec![(ItemKind::Checkin, d("2026-01-12"), 1)]
    );
}

#[test]
fn roster_last_contact_counts_like_a_logged_one() {
    let r = one("cadence = \"2w\"\nlast_contact = 2026-02-01");
    assert_eq!(
        listed(&r, &History::default(), "2026-02-15"),
        vec![(ItemKind::Checkin, d("2026-02-15"), 0)]
    );
}

#[test]
fn unanswered_tries_back_off_one_cadence_then_two() {
    let r = one("cadence = \"1w\"");
    // Due 12 Jan, tried that day without an answer: next try a week later.
    let h = history(&r, &[("alice", "2026-01-12", NoReply)]);
    assert_eq!(listed(&r, &h, "2026-01-18"), vec![]);
    assert_eq!(
        listed(&r, &h, "2026-01-19"),
        vec![(ItemKind::Checkin, d("2026-01-19"), 0)]
    );
    // No answer again: two weeks after that, and never shown as weeks overdue.
    let h = history(
        &r,
        &[
            ("alice", "2026-01-12", NoReply),
            ("alice", "2026-01-19", NoReply),
        ],
    );
    assert_eq!(listed(&r, &h, "2026-02-01"), vec![]);
    assert_eq!(
        listed(&r, &h, "2026-02-02"),
        vec![(ItemKind::Checkin, d("2026-02-02"), 0)]
    );
    assert_eq!(
        listed(&r, &h, "2026-02-04"),
        vec![(ItemKind::Checkin, d("2026-02-02"), 2)]
    );
}

#[test]
fn back_off_without_a_cadence_uses_a_week() {
    let r = one("cadence = \"none\"\ngoal_by = 2026-01-10");
    let h = history(&r, &[("alice", "2026-01-10", NoReply)]);
    assert_eq!(listed(&r, &h, "2026-01-16"), vec![]);
    assert_eq!(
        listed(&r, &h, "2026-01-17"),
        vec![(ItemKind::Target, d("2026-01-17"), 0)]
    );
}

#[test]
fn three_unanswered_tries_set_a_client_aside_until_a_contact() {
    let r = one("cadence = \"1w\"\nbirthday = \"03-01\"");
    let tries = [
        ("alice", "2026-01-12", NoReply),
        ("alice", "2026-01-19", NoReply),
        ("alice", "2026-02-02", NoReply),
    ];
    let h = history(&r, &tries);
    let plan = plan_of(&r, &h, "2026-03-01");
    assert_eq!(
        plan.standing,
        Standing::SetAside {
            tries: 3,
            last_tried: d("2026-02-02")
        }
    );
    // Only the birthday is still listed.
    assert_eq!(
        listed(&r, &h, "2026-03-01"),
        vec![(ItemKind::Birthday, d("2026-03-01"), 0)]
    );
    assert_eq!(listed(&r, &h, "2026-03-02"), vec![]);
    // They answered: back in the cadence.
    let mut back = tries.to_vec();
    back.push(("alice", "2026-03-02", Contact));
    let h = history(&r, &back);
    assert_eq!(
        listed(&r, &h, "2026-03-09"),
        vec![(ItemKind::Checkin, d("2026-03-09"), 0)]
    );
}

#[test]
fn drift_is_due_after_the_last_session_and_cleared_by_a_contact() {
    let r = one("cadence = \"none\"");
    let h = history(&r, &[("alice", "2026-02-01", Session)]);
    assert_eq!(listed(&r, &h, "2026-02-21"), vec![]);
    assert_eq!(
        listed(&r, &h, "2026-02-22"),
        vec![(ItemKind::Drift, d("2026-02-22"), 0)]
    );
    let t = d("2026-02-26");
    let plan = plan_of(&r, &h, "2026-02-26");
    assert!(plan.is_drifting(t));
    assert_eq!(plan.items[0].title.to_string(), "No session for 25 days");
    let h = history(
        &r,
        &[
            ("alice", "2026-02-01", Session),
            ("alice", "2026-02-23", Contact),
        ],
    );
    assert_eq!(listed(&r, &h, "2026-02-26"), vec![]);
}

#[test]
fn no_drift_without_sessions() {
    let r = one("cadence = \"none\"");
    let h = history(&r, &[("alice", "2026-01-06", Contact)]);
    assert_eq!(listed(&r, &h, "2026-06-01"), vec![]);
}

#[test]
fn birthdays_are_due_on_the_day_only_and_29_february_moves_to_28() {
    let r = one("cadence = \"none\"\nbirthday = 1992-02-29");
    assert_eq!(
        listed(&r, &History::default(), "2027-02-28"),
        vec![(ItemKind::Birthday, d("2027-02-28"), 0)]
    );
    assert_eq!(listed(&r, &History::default(), "2027-03-01"), vec![]);
    assert_eq!(listed(&r, &History::default(), "2028-02-28"), vec![]);
    assert_eq!(
        listed(&r, &History::default(), "2028-02-29"),
        vec![(ItemKind::Birthday, d("2028-02-29"), 0)]
    );
}

#[test]
fn renewal_talk_comes_before_the_renewal_and_lapses_after_it() {
    let r = one("cadence = \"none\"\nrenewal = 2026-06-30");
    assert_eq!(listed(&r, &History::default(), "2026-05-30"), vec![]);
    assert_eq!(
        listed(&r, &History::default(), "2026-05-31"),
        vec![(ItemKind::Renewal, d("2026-05-31"), 0)]
    );
    assert_eq!(
        listed(&r, &History::default(), "2026-06-30"),
        vec![(ItemKind::Renewal, d("2026-05-31"), 30)]
    );
    assert_eq!(listed(&r, &History::default(), "2026-07-01"), vec![]);
}

#[test]
fn target_date_asks_for_a_goal_review() {
    let r = one("cadence = \"none\"\ngoal_by = 2026-04-01");
    assert_eq!(
        listed(&r, &History::default(), "2026-04-03"),
        vec![(ItemKind::Target, d("2026-04-01"), 2)]
    );
    let h = history(&r, &[("alice", "2026-04-02", Contact)]);
    assert_eq!(listed(&r, &h, "2026-04-03"), vec![]);
}

#[test]
fn only_the_latest_missed_step_is_listed_with_the_count_of_earlier_ones() {
    let r = roster("[[client]]\nname = \"Alice\"\nstart = 2026-01-01\ncadence = \"none\"\n");
    let t = d("2026-03-05");
    let history = History::default();
    let plan = plan_of(&r, &history, "2026-03-05");
    let steps: Vec<&DueItem> = plan
        .listed(t)
        .filter(|i| i.kind == ItemKind::Step)
        .collect();
    assert_eq!(steps.len(), 1);
    // Kick-off 1 Jan, first check 4 Jan, habit 15 Jan, one month 1 Feb, six weeks
    // 12 Feb, personal 1 Mar.
    assert_eq!(steps[0].title.to_string(), "A personal touch");
    assert_eq!(steps[0].date, d("2026-03-01"));
    assert_eq!(steps[0].earlier_missed, 5);
    assert_eq!(
        steps[0].full_title(),
        "A personal touch (+5 earlier steps missed)"
    );
}

#[test]
fn paused_clients_have_nothing_until_they_are_back() {
    let r = one(
        "cadence = \"1w\"\nstatus = \"paused\"\npaused_until = 2026-03-01\nbirthday = \"02-10\"",
    );
    assert_eq!(listed(&r, &History::default(), "2026-02-10"), vec![]);
    // Back on the day: the check-in is due that day, not weeks overdue.
    assert_eq!(
        listed(&r, &History::default(), "2026-03-01"),
        vec![(ItemKind::Checkin, d("2026-03-01"), 0)]
    );
    // Paused without an end: nothing but one light touch, six weeks after the start.
    let forever = one("status = \"paused\"\ncadence = \"1w\"\nbirthday = \"02-10\"");
    assert_eq!(listed(&forever, &History::default(), "2026-02-15"), vec![]);
    assert_eq!(
        listed(&forever, &History::default(), "2026-02-16"),
        vec![(ItemKind::Reconnect, d("2026-02-16"), 0)]
    );
}

#[test]
fn ended_clients_have_nothing() {
    let r = one("status = \"ended\"\nended = 2026-02-01\nbirthday = \"03-03\"");
    assert_eq!(listed(&r, &History::default(), "2026-03-03"), vec![]);
}

#[test]
fn a_future_start_has_only_items_from_the_start_on() {
    let r = one("cadence = \"1w\"\nbirthday = \"01-01\"\ngoal_by = 2025-12-01");
    let history = History::default();
    let plan = plan_of(&r, &history, "2026-01-01");
    assert!(
        plan.items.iter().all(|i| i.date >= d("2026-01-05")),
        "{:?}",
        plan.items
    );
    assert_eq!(plan.items.first().map(|i| i.kind), Some(ItemKind::Checkin));
}

#[test]
fn far_dates_do_not_overflow() {
    let r = roster(
        "[[client]]\nname = \"Old\"\nstart = 9999-12-01\ncadence = \"1200m\"\nrenewal = 9999-12-31\ngoal_by = 9999-12-31\nbirthday = \"12-31\"\n\
         [[client]]\nname = \"Older\"\nstart = 0001-01-01\nlast_session = 0001-01-02\ncadence = \"36500d\"\n",
    );
    for today in ["9999-12-31", "0001-01-01", "2026-11-23"] {
        let t = d(today);
        let history = History::default();
        for file in client_files(&r, &history, t) {
            let plan = plan_client(&r, &file, t);
            assert!(plan.items.iter().all(|i| i.date >= i.due));
        }
    }
}

mod v2 {
    //! The rules of SPEC v2 §2: what handles what, agreed next dates, pauses that end,
    //! reconnects, `since`, anniversaries and settings per tag.
    use super::super::testing::{d, entry, plan_of, roster};
    use super::super::*;
    use crate::history::DoneKind::{Renewal, Step, Target};
    use crate::history::EntryKind::{Contact, NoReply, Session, Snooze};
    use crate::history::{DoneKind, History, HistoryEntry};

    /// A client due for a step (1 Mar), a renewal talk (1 Mar) and a goal review
    /// (1 Mar), with no routine check-ins.
    fn due_on_1_march() -> Roster {
        roster(
            "[journeys.one]\n[[journeys.one.steps]]\nafter = \"59d\"\ntitle = \"Review\"\n\
             [coach]\nrenewal_notice = \"30d\"\n\
             [[client]]\nname = \"Alice\"\nid = \"a\"\nstart = 2026-01-01\ncadence = \"none\"\n\
             journey = \"one\"\nrenewal = 2026-03-31\ngoal_by = 2026-03-01\ngoal = \"10k\"\n",
        )
    }

    fn kinds_listed(r: &Roster, entries: Vec<HistoryEntry>, today: &str) -> Vec<ItemKind> {
        let h = History { entries };
        let mut kinds: Vec<ItemKind> = plan_of(r, &h, today)
            .listed(d(today))
            .map(|i| i.kind)
            .collect();
        kinds.sort();
        kinds
    }

    #[test]
    fn the_handling_table_row_by_row() {
        let r = due_on_1_march();
        let all = vec![ItemKind::Step, ItemKind::Renewal, ItemKind::Target];
        let on =
            |kind, done: Option<&[DoneKind]>| vec![entry(&r, "a", "2026-03-02", kind, done, None)];
        assert_eq!(kinds_listed(&r, vec![], "2026-03-03"), all);
        // A contact without `done` (written by hand) handles everything due by its date.
        assert_eq!(kinds_listed(&r, on(Contact, None), "2026-03-03"), vec![]);
        // A contact with `done` handles only what it names.
        assert_eq!(
            kinds_listed(&r, on(Contact, Some(&[Renewal])), "2026-03-03"),
            vec![ItemKind::Step, ItemKind::Target]
        );
        assert_eq!(kinds_listed(&r, on(Contact, Some(&[])), "2026-03-03"), all);
        // A session is not the review, nor the renewal talk…
        assert_eq!(kinds_listed(&r, on(Session, None), "2026-03-03"), all);
        assert_eq!(kinds_listed(&r, on(Session, Some(&[])), "2026-03-03"), all);
        // …unless its `done` says so; a no-reply likewise.
        assert_eq!(
            kinds_listed(&r, on(Session, Some(&[Step, Target])), "2026-03-03"),
            vec![ItemKind::Renewal]
        );
        assert_eq!(
            kinds_listed(&r, on(NoReply, Some(&[Step])), "2026-03-10").len(),
            2
        );
        // A contact before the due date handles nothing of it.
        let early = vec![entry(&r, "a", "2026-02-27", Contact, None, None)];
        assert_eq!(kinds_listed(&r, early, "2026-03-03"), all);
        // The roster's last_contact is a contact without `done`; last_session a session.
        let by_roster = roster(&format!(
            "{}last_contact = 2026-03-02\n",
            "[journeys.one]\n[[journeys.one.steps]]\nafter = \"59d\"\ntitle = \"Review\"\n\
             [[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\ncadence = \"none\"\njourney = \"one\"\n"
        ));
        assert_eq!(kinds_listed(&by_roster, vec![], "2026-03-03"), vec![]);
        let by_session = roster(
            "[journeys.one]\n[[journeys.one.steps]]\nafter = \"59d\"\ntitle = \"Review\"\n\
             [[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\ncadence = \"none\"\njourney = \"one\"\nlast_session = 2026-03-02\n",
        );
        assert_eq!(
            kinds_listed(&by_session, vec![], "2026-03-03"),
            vec![ItemKind::Step]
        );
    }

    #[test]
    fn checkins_and_drift_are_cleared_by_any_contact_or_session_but_not_a_no_reply() {
        let r = roster(
            "[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\ncadence = \"1w\"\njourney = \"none\"\ndrift_after = \"10d\"\n",
        );
        let session = entry(&r, "a", "2026-01-05", Session, Some(&[]), None);
        // Check-in due 12 Jan (a week after the session), drift 15 Jan.
        assert_eq!(
            kinds_listed(&r, vec![session.clone()], "2026-01-16"),
            vec![ItemKind::Drift, ItemKind::Checkin]
        );
        let contact = entry(&r, "a", "2026-01-16", Contact, Some(&[]), None);
        assert_eq!(
            kinds_listed(&r, vec![session.clone(), contact], "2026-01-16"),
            vec![]
        );
        let again = entry(&r, "a", "2026-01-16", Session, Some(&[]), None);
        assert_eq!(
            kinds_listed(&r, vec![session.clone(), again], "2026-01-16"),
            vec![]
        );
        let tried = entry(&r, "a", "2026-01-16", NoReply, Some(&[]), None);
        // No answer: nothing is cleared, and it all waits a week (don't chase).
        assert_eq!(
            kinds_listed(&r, vec![session.clone(), tried.clone()], "2026-01-22"),
            vec![]
        );
        assert_eq!(
            kinds_listed(&r, vec![session, tried], "2026-01-23"),
            vec![ItemKind::Drift, ItemKind::Checkin]
        );
    }

    #[test]
    fn an_item_keeps_its_due_date_when_it_is_moved() {
        let r = due_on_1_march();
        let h = History {
            entries: vec![entry(
                &r,
                "a",
                "2026-03-02",
                Snooze,
                None,
                Some("2026-03-09"),
            )],
        };
        let plan = plan_of(&r, &h, "2026-03-09");
        let step = plan
            .listed(d("2026-03-09"))
            .find(|i| i.kind == ItemKind::Step)
            .expect("listed");
        assert_eq!((step.due, step.date), (d("2026-03-01"), d("2026-03-09")));
    }

    #[test]
    fn an_agreed_next_date_sets_the_checkin_and_moves_the_rest() {
        let r = roster(
            "[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\ncadence = \"1w\"\njourney = \"none\"\ngoal_by = 2026-01-20\n",
        );
        let agreed = entry(
            &r,
            "a",
            "2026-01-10",
            Contact,
            Some(&[]),
            Some("2026-01-28"),
        );
        // Set: the check-in is due on the agreed day, not a week after the contact;
        // the goal review waits for it too.
        let h = History {
            entries: vec![agreed.clone()],
        };
        let plan = plan_of(&r, &h, "2026-01-27");
        assert_eq!(plan.listed(d("2026-01-27")).count(), 0);
        let checkin = plan
            .pending()
            .find(|i| i.kind == ItemKind::Checkin)
            .expect("a check-in");
        assert_eq!(
            (checkin.due, checkin.date),
            (d("2026-01-28"), d("2026-01-28"))
        );
        assert_eq!(
            kinds_listed(&r, vec![agreed.clone()], "2026-01-28"),
            vec![ItemKind::Checkin, ItemKind::Target]
        );
        // Passed: it stays listed, overdue, until a contact.
        assert_eq!(
            kinds_listed(&r, vec![agreed.clone()], "2026-02-03"),
            vec![ItemKind::Checkin, ItemKind::Target]
        );
        // Cancelled by a later contact (the cadence counts from it again)…
        let later = entry(&r, "a", "2026-01-15", Contact, Some(&[]), None);
        let h = History {
            entries: vec![agreed.clone(), later],
        };
        let plan = plan_of(&r, &h, "2026-01-22");
        assert_eq!(
            plan.listed(d("2026-01-22"))
                .map(|i| (i.kind, i.due))
                .collect::<Vec<_>>(),
            vec![
                (ItemKind::Target, d("2026-01-20")),
                (ItemKind::Checkin, d("2026-01-22"))
            ]
        );
        // …or by a later session.
        let session = entry(&r, "a", "2026-01-15", Session, Some(&[]), None);
        assert_eq!(
            kinds_listed(&r, vec![agreed, session], "2026-01-22"),
            vec![ItemKind::Checkin, ItemKind::Target]
        );
    }

    #[test]
    fn a_snooze_holds_everything_but_a_birthday_until_its_date() {
        let r = roster(
            "[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\ncadence = \"1w\"\njourney = \"none\"\nbirthday = \"01-20\"\n",
        );
        let snooze = entry(&r, "a", "2026-01-09", Snooze, None, Some("2026-01-30"));
        assert_eq!(kinds_listed(&r, vec![snooze.clone()], "2026-01-15"), vec![]);
        assert_eq!(
            kinds_listed(&r, vec![snooze.clone()], "2026-01-20"),
            vec![ItemKind::Birthday]
        );
        assert_eq!(
            kinds_listed(&r, vec![snooze.clone()], "2026-01-30"),
            vec![ItemKind::Checkin]
        );
        // A snooze is not a contact: the check-in it holds keeps its own identity.
        let h = History {
            entries: vec![snooze],
        };
        let checkin = plan_of(&r, &h, "2026-01-30")
            .pending()
            .find(|i| i.kind == ItemKind::Checkin)
            .cloned()
            .expect("check-in");
        assert_eq!(checkin.due, d("2026-01-30"));
    }

    #[test]
    fn back_from_a_pause_the_checkin_is_a_welcome_and_drift_counts_from_the_return() {
        let r = roster(
            "[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\ncadence = \"1w\"\njourney = \"none\"\n\
                        status = \"paused\"\npaused_until = 2026-03-01\nlast_session = 2026-01-20\nbirthday = \"02-14\"\n",
        );
        let h = History::default();
        let plan = plan_of(&r, &h, "2026-03-01");
        assert_eq!(plan.standing, Standing::Back(d("2026-03-01")));
        let listed: Vec<&DueItem> = plan.listed(d("2026-03-01")).collect();
        assert_eq!(listed.len(), 1, "{listed:?}");
        assert!(listed[0].welcome_back && listed[0].kind == ItemKind::Checkin);
        assert_eq!(listed[0].due, d("2026-01-27"));
        // Not drifting on the day back: drift is due three weeks after the return.
        let plan = plan_of(&r, &h, "2026-03-21");
        assert!(!plan.is_drifting(d("2026-03-21")));
        assert!(plan_of(&r, &h, "2026-03-22").is_drifting(d("2026-03-22")));
    }

    #[test]
    fn reconnects_double_their_wait_after_each_unanswered_touch() {
        let r = roster(
            "[coach]\ngive_up_after = 2\nreconnect_after = \"4w\"\n[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\ncadence = \"1w\"\njourney = \"none\"\n",
        );
        let mut tries = vec![
            entry(&r, "a", "2026-01-08", NoReply, Some(&[]), None),
            entry(&r, "a", "2026-01-15", NoReply, Some(&[]), None),
        ];
        let reconnect = |tries: &Vec<HistoryEntry>, today: &str| {
            let h = History {
                entries: tries.clone(),
            };
            plan_of(&r, &h, today)
                .pending()
                .find(|i| i.kind == ItemKind::Reconnect)
                .map(|i| i.date)
        };
        // Set aside on 15 Jan: one light touch four weeks later.
        assert_eq!(reconnect(&tries, "2026-01-20"), Some(d("2026-02-12")));
        // Unanswered: eight weeks after that one.
        tries.push(entry(&r, "a", "2026-02-12", NoReply, Some(&[]), None));
        assert_eq!(reconnect(&tries, "2026-02-13"), Some(d("2026-04-09")));
        // They answered: back in the cadence, no reconnect.
        tries.push(entry(&r, "a", "2026-04-09", Contact, Some(&[]), None));
        assert_eq!(reconnect(&tries, "2026-04-10"), None);
        // reconnect_after = "none": never.
        let never = roster(
            "[coach]\ngive_up_after = 1\nreconnect_after = \"none\"\n[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\n",
        );
        let h = History {
            entries: vec![entry(&never, "a", "2026-01-08", NoReply, None, None)],
        };
        assert!(
            plan_of(&never, &h, "2027-01-01")
                .items
                .iter()
                .all(|i| i.kind != ItemKind::Reconnect)
        );
    }

    #[test]
    fn a_client_paused_without_an_end_gets_doubling_reconnects() {
        let r = roster(
            "[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2026-01-01\nstatus = \"paused\"\nlast_contact = 2026-02-01\n",
        );
        let h = History::default();
        let due = plan_of(&r, &h, "2026-02-02")
            .pending()
            .map(|i| (i.kind, i.date))
            .collect::<Vec<_>>();
        assert_eq!(due, vec![(ItemKind::Reconnect, d("2026-03-15"))]);
        let h = History {
            entries: vec![entry(&r, "a", "2026-03-15", NoReply, None, None)],
        };
        let due = plan_of(&r, &h, "2026-03-16")
            .pending()
            .map(|i| (i.kind, i.date))
            .collect::<Vec<_>>();
        assert_eq!(due, vec![(ItemKind::Reconnect, d("2026-06-07"))]);
    }

    #[test]
    fn since_moves_old_items_to_it_and_does_not_count_older_missed_steps() {
        let r = roster(
            "[coach]\nsince = 2026-11-01\n[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2025-06-10\ncadence = \"2w\"\n",
        );
        let h = History::default();
        let t = d("2026-11-23");
        let plan = plan_of(&r, &h, "2026-11-23");
        let listed: Vec<(ItemKind, NaiveDate, u32, u32)> = plan
            .listed(t)
            .map(|i| (i.kind, i.date, i.days_overdue(t), i.earlier_missed))
            .collect();
        // The check-in due in June 2025 and the one-year review of June 2026 are due on
        // `since`, 22 days ago, not 500; no older step is counted as missed.
        assert_eq!(
            listed,
            vec![
                (ItemKind::Checkin, d("2026-11-01"), 22, 0),
                (ItemKind::Step, d("2026-11-01"), 22, 0)
            ]
        );
        assert_eq!(
            plan.listed(t).nth(1).map(|i| i.title.to_string()),
            Some("One-year review".to_string())
        );
    }

    #[test]
    fn after_the_last_step_each_anniversary_is_a_step() {
        let r = roster(
            "[[client]]\nname = \"A\"\nid = \"a\"\nstart = 2024-01-31\ncadence = \"none\"\nlast_contact = 2026-01-30\n",
        );
        let h = History::default();
        let plan = plan_of(&r, &h, "2026-02-02");
        let step = plan
            .listed(d("2026-02-02"))
            .find(|i| i.kind == ItemKind::Step)
            .expect("a step");
        assert_eq!(
            (step.title.to_string().as_str(), step.due, step.label()),
            ("2 years together", d("2026-01-31"), "anniversary")
        );
        let off = roster(
            "[journeys.j]\nanniversaries = false\n[[journeys.j.steps]]\nafter = \"1m\"\ntitle = \"T\"\n\
                          [[client]]\nname = \"A\"\nid = \"a\"\nstart = 2024-01-31\ncadence = \"none\"\njourney = \"j\"\nlast_contact = 2024-03-01\n",
        );
        assert!(plan_of(&off, &h, "2026-02-02").pending().next().is_none());
    }

    #[test]
    fn settings_come_from_the_client_then_the_first_tag_then_defaults_then_built_in() {
        let r = roster(
            "[coach]\ndrift_after = \"5w\"\n[defaults]\ncadence = \"3w\"\n\
             [tags.online]\ncadence = \"1m\"\ndrift_after = \"6w\"\njourney = \"none\"\n[tags.vip]\ncadence = \"1w\"\n\
             [[client]]\nname = \"Own\"\nstart = 2026-01-01\ntags = [\"online\"]\ncadence = \"2w\"\ndrift_after = \"9d\"\n\
             [[client]]\nname = \"First tag\"\nstart = 2026-01-01\ntags = [\"vip\", \"online\"]\n\
             [[client]]\nname = \"Second tag\"\nstart = 2026-01-01\ntags = [\"other\", \"online\"]\n\
             [[client]]\nname = \"Defaults\"\nstart = 2026-01-01\n",
        );
        let got: Vec<(Option<Period>, Period, Option<&str>)> = r
            .clients
            .iter()
            .map(|c| (c.cadence, c.drift_after, c.journey.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some(Period::Days(14)), Period::Days(9), None),
                (Some(Period::Days(7)), Period::Days(42), None),
                (Some(Period::Months(1)), Period::Days(42), None),
                (Some(Period::Days(21)), Period::Days(35), Some("standard")),
            ]
        );
    }
}
