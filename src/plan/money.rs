//! Money talks (SPEC §2, the `renewal` row and "Money talks are never lost", v3).
//!
//! A client's renewal talk is either the talk before a `renewal` date or, for a client
//! with a `package`, the talk before a pack of sessions runs out. Both are items of kind
//! `renewal`, with a `Money` that says what they are about. The moves that the planner
//! applies to every item (a retry after no reply, an agreed next date, a snooze) stop at
//! a dated talk's *last call day*; that cap is applied in `plan_client_until`, here are
//! the dates.

use chrono::NaiveDate;

use super::{ClientFile, DueItem, ItemKind, ItemState, RENEWAL_PROMPT, Title};
use crate::history::EntryKind;

/// What a renewal talk is about (v3: money talks are never lost).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    /// The renewal date; `None` for a pack's talk.
    pub renews: Option<NaiveDate>,
    /// The last day it may be listed on: the day before the renewal, or its own due date
    /// when that is later; `None` for a pack (listed until the pack is used up).
    pub last_call: Option<NaiveDate>,
    /// For a pack: sessions left of how many, as of the planning day.
    pub pack: Option<(u32, u32)>,
    /// `Some(tries)` when a move (a retry after no reply, an agreed date, a snooze) would
    /// have listed it past its last call day and it was held there: the row says so, with
    /// the unanswered tries.
    pub held: Option<u32>,
}

/// A renewal talk's last call day: the day before the renewal, or the talk's own due day
/// when that is later. No move lists the talk after it (SPEC v3 §2).
pub fn last_call_day(renewal: NaiveDate, due: NaiveDate) -> NaiveDate {
    renewal.pred_opt().unwrap_or(renewal).max(due)
}

impl Money {
    /// Whether `day` is the talk's last call day.
    pub fn is_last_call(&self, day: NaiveDate) -> bool {
        self.last_call == Some(day)
    }
}

/// The client's renewal talk as of `today`, by SPEC §2's `renewal` row: for a client with
/// a `package`, the pack's talk (due on the session that leaves `pack_notice` of it,
/// listed until the pack is used up); else the talk `renewal_notice` before `renewal`
/// (never before `start`), listed through the renewal day. `None` once it is missed
/// (`review` reports that), or when there is nothing to renew.
pub fn renewal_talk<'r>(
    coach: &crate::roster::Coach,
    file: &ClientFile<'r>,
    today: NaiveDate,
) -> Option<DueItem<'r>> {
    let client = file.client;
    let talk = |due: NaiveDate, title: Title<'r>, money: Money| DueItem {
        kind: ItemKind::Renewal,
        due,
        date: due,
        title,
        prompt: Some(RENEWAL_PROMPT),
        step: None,
        earlier_missed: 0,
        state: file.state_of(ItemKind::Renewal, due),
        welcome_back: false,
        money: Some(money),
        in_person: false,
        moment: super::Moment::default(),
    };
    if let Some(pack) = client.package {
        let used = pack_sessions(file, pack.start);
        let (due, used_up) = pack_dates(coach, file, pack, &used)?;
        let item = talk(
            due,
            Title::PackRenewal {
                left: Some(pack.sessions.saturating_sub(used.len() as u32)),
                of: pack.sessions,
            },
            Money {
                renews: None,
                last_call: None,
                pack: Some((
                    pack.sessions.saturating_sub(used.len() as u32),
                    pack.sessions,
                )),
                held: None,
            },
        );
        let handled_in_time = match (item.state, used_up) {
            (ItemState::Handled(h), Some(u)) => h <= u,
            (ItemState::Handled(_), None) => true,
            _ => false,
        };
        // Used up before today without the talk: missed.
        if !handled_in_time && used_up.is_some_and(|u| u < today) {
            return None;
        }
        return Some(item);
    }
    let renewal = client.renewal.filter(|&r| today <= r)?;
    let due = renewal_due(coach, client, renewal)?;
    let last_call = last_call_day(renewal, due);
    Some(talk(
        due,
        Title::Renewal { renews: renewal },
        Money {
            renews: Some(renewal),
            last_call: Some(last_call),
            pack: None,
            held: None,
        },
    ))
}

/// A dated renewal talk's due day: `renewal_notice` before the renewal, never before
/// `start` (a short first plan). `review` reviews old renewals by the same rule.
pub fn renewal_due(
    coach: &crate::roster::Coach,
    client: &crate::roster::Client,
    renewal: NaiveDate,
) -> Option<NaiveDate> {
    Some(coach.renewal_notice.before(renewal)?.max(client.start))
}

/// A pack's talk: the day it is due (the session that leaves `pack_notice` of the pack,
/// or the day it was bought when the pack is that small), and the day the pack was used
/// up, if it was. `None` while the pack has more than `pack_notice` sessions left.
pub fn pack_dates(
    coach: &crate::roster::Coach,
    file: &ClientFile,
    pack: crate::roster::Pack,
    used: &[NaiveDate],
) -> Option<(NaiveDate, Option<NaiveDate>)> {
    let at = pack.sessions.saturating_sub(coach.pack_notice);
    let due = match at.checked_sub(1) {
        None => pack.start.max(file.client.start),
        Some(n) => *used.get(n as usize)?,
    };
    let used_up = pack
        .sessions
        .checked_sub(1)
        .and_then(|n| used.get(n as usize).copied());
    Some((due, used_up))
}

/// The days of the history's sessions on or after `from`, one a day, in order: what a
/// pack has used.
pub fn pack_sessions(file: &ClientFile, from: NaiveDate) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = file
        .touches
        .iter()
        .filter(|t| t.kind == EntryKind::Session && !t.from_roster && t.date >= from)
        .map(|t| t.date)
        .collect();
    days.dedup();
    days
}

#[cfg(test)]
mod tests {
    use super::super::testing::{d, entry, history, plan_of, roster};
    use super::super::{ItemKind, Standing};
    use crate::history::{DoneKind, EntryKind::*, History};
    use crate::roster::Roster;

    fn one(extra: &str) -> Roster {
        roster(&format!(
            "[[client]]\nname = \"Priya\"\nid = \"priya\"\nstart = 2026-01-05\ngoal = \"10k\"\njourney = \"none\"\n{extra}"
        ))
    }

    /// The renewal talk listed on `today`: (listed date, due, tries held).
    fn talk(r: &Roster, h: &History, today: &str) -> Option<(String, String, Option<u32>)> {
        plan_of(r, h, today)
            .listed(d(today))
            .find(|i| i.kind == ItemKind::Renewal)
            .map(|i| {
                (
                    i.date.to_string(),
                    i.due.to_string(),
                    i.money.and_then(|m| m.held),
                )
            })
    }

    #[test]
    fn a_roster_date_never_counts_as_the_renewal_or_goal_talk() {
        // Fatima: last_contact typed in after the talk's date, before `since`.
        let r = one(
            "cadence = \"none\"\nrenewal = 2026-09-02\ngoal_by = 2026-08-20\nlast_contact = 2026-08-25",
        );
        let listed: Vec<ItemKind> = plan_of(&r, &History::default(), "2026-08-26")
            .listed(d("2026-08-26"))
            .map(|i| i.kind)
            .collect();
        assert_eq!(listed, vec![ItemKind::Renewal, ItemKind::Target]);
        // A logged contact still handles both.
        let h = history(&r, &[("priya", "2026-08-25", Contact)]);
        assert!(
            plan_of(&r, &h, "2026-08-26")
                .listed(d("2026-08-26"))
                .next()
                .is_none()
        );
    }

    #[test]
    fn two_no_replies_cannot_move_the_renewal_talk_past_its_last_call_day() {
        // Priya renews on 20 Dec; texts on 1 and 15 Dec went unanswered. The back-off
        // would wait until 29 Dec (two weeks after the second): past the renewal.
        let r = one("cadence = \"1w\"\nrenewal = 2026-12-20");
        let h = History {
            entries: vec![
                entry(
                    &r,
                    "priya",
                    "2026-11-20",
                    Contact,
                    Some(&[DoneKind::Renewal][..0]),
                    None,
                ),
                entry(&r, "priya", "2026-12-01", NoReply, Some(&[]), None),
                entry(&r, "priya", "2026-12-15", NoReply, Some(&[]), None),
            ],
        };
        assert_eq!(talk(&r, &h, "2026-12-18"), None);
        assert_eq!(
            talk(&r, &h, "2026-12-19"),
            Some(("2026-12-19".into(), "2026-11-20".into(), Some(2)))
        );
        // It stays listed through the renewal day, then it is missed.
        assert!(talk(&r, &h, "2026-12-20").is_some());
        assert_eq!(talk(&r, &h, "2026-12-21"), None);
    }

    #[test]
    fn an_agreed_date_past_the_last_call_day_leaves_the_talk_on_it() {
        let r = one("cadence = \"2w\"\nrenewal = 2026-12-20");
        let h = History {
            entries: vec![entry(
                &r,
                "priya",
                "2026-11-25",
                Snooze,
                None,
                Some("2027-01-10"),
            )],
        };
        assert_eq!(talk(&r, &h, "2026-12-18"), None);
        assert_eq!(
            talk(&r, &h, "2026-12-19"),
            Some(("2026-12-19".into(), "2026-11-20".into(), Some(0)))
        );
    }

    #[test]
    fn a_set_aside_client_gets_the_renewal_talk_on_its_last_call_day_only() {
        // Grace: three unanswered tries, two weeks before her renewal on 20 Dec.
        let r = one("cadence = \"1w\"\nrenewal = 2026-12-20");
        let h = history(
            &r,
            &[
                ("priya", "2026-11-20", NoReply),
                ("priya", "2026-11-27", NoReply),
                ("priya", "2026-12-06", NoReply),
            ],
        );
        let plan = plan_of(&r, &h, "2026-12-10");
        assert!(matches!(plan.standing, Standing::SetAside { tries: 3, .. }));
        assert_eq!(talk(&r, &h, "2026-12-10"), None);
        assert_eq!(talk(&r, &h, "2026-12-18"), None);
        let on_the_day = talk(&r, &h, "2026-12-19").map(|t| t.0);
        assert_eq!(on_the_day.as_deref(), Some("2026-12-19"));
        assert_eq!(talk(&r, &h, "2026-12-21"), None);
    }

    #[test]
    fn a_renewal_talk_that_would_fall_before_start_is_due_on_start() {
        let r = roster(
            "[[client]]\nname = \"New\"\nstart = 2026-12-10\njourney = \"none\"\ncadence = \"none\"\nrenewal = 2026-12-24",
        );
        let talk = talk(&r, &History::default(), "2026-12-10").map(|t| t.1);
        assert_eq!(talk.as_deref(), Some("2026-12-10"));
    }

    #[test]
    fn a_pack_of_ten_asks_for_the_talk_when_two_sessions_are_left() {
        let r = one("cadence = \"none\"\npackage = 10\npackage_start = 2026-11-02");
        let days: Vec<String> = (2..=11).map(|n| format!("2026-11-{n:02}")).collect();
        let sessions: Vec<(&str, &str, _)> = days
            .iter()
            .map(|day| ("priya", day.as_str(), Session))
            .collect();
        // Seven sessions: not yet. The eighth leaves two: the talk is due on its day.
        let h = history(&r, &sessions[..7]);
        assert_eq!(talk(&r, &h, "2026-11-30"), None);
        let h = history(&r, &sessions[..8]);
        let plan = plan_of(&r, &h, "2026-11-30");
        let item = plan
            .listed(d("2026-11-30"))
            .find(|i| i.kind == ItemKind::Renewal);
        assert_eq!(item.map(|i| i.due), Some(d("2026-11-09")));
        assert_eq!(
            item.and_then(|i| i.money).and_then(|m| m.pack),
            Some((2, 10))
        );
        // Used up on the tenth without the talk: listed that day, missed after it.
        let h = history(&r, &sessions);
        assert!(talk(&r, &h, "2026-11-11").is_some());
        assert_eq!(talk(&r, &h, "2026-11-12"), None);
        // Two sessions on one day count once; sessions before the pack do not count.
        let mut twice = sessions[..7].to_vec();
        twice.push(("priya", "2026-11-08", Session));
        twice.insert(0, ("priya", "2026-10-30", Session));
        assert_eq!(talk(&r, &history(&r, &twice), "2026-11-30"), None);
    }

    #[test]
    fn a_resumed_client_is_back_and_drift_counts_from_the_end_of_the_break() {
        // `resume` on 20 Nov after an open-ended break from 1 Nov: status active,
        // paused_until = the day it ended.
        let r = one(
            "cadence = \"none\"\ndrift_after = \"3w\"\nlast_session = 2026-10-30\npaused_from = 2026-11-01\npaused_until = 2026-11-20",
        );
        let none = History::default();
        let plan = plan_of(&r, &none, "2026-11-25");
        assert_eq!(plan.standing, Standing::Back(d("2026-11-20")));
        assert!(!plan.is_drifting(d("2026-11-25")));
        assert!(plan_of(&r, &History::default(), "2026-12-11").is_drifting(d("2026-12-11")));
        assert!(!plan_of(&r, &History::default(), "2026-12-10").is_drifting(d("2026-12-10")));
    }
}
