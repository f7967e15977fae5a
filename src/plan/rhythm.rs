//! The client's rhythm (SPEC §2 "Rhythm", v3): the weekdays they usually train with the
//! coach, set in the roster (`sessions`, own or from a tag) or learned from the history.
//!
//! Learned: the weekdays on which they had a history `session` in at least 3 of the 4
//! weeks (7-day spans) that end on `S`, their latest session. Learning from `S` rather
//! than from today keeps the rhythm, and what it places, the same from one day to the next
//! until the next session. A client with a rhythm is *expected in* on each rhythm weekday
//! from `start` on, outside breaks, while not ended.

use chrono::{Datelike, Days, NaiveDate};

use super::ClientFile;
use crate::history::EntryKind;
use crate::roster::{Status, Weekdays};

/// Where a rhythm comes from: `show` says "usually Mon/Thu (learned)" or "(set)".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Set,
    Learned,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rhythm {
    pub days: Weekdays,
    pub source: Source,
}

/// The client's rhythm, or `None` for "no rhythm" (an empty set, or too few sessions).
pub fn of(file: &ClientFile) -> Option<Rhythm> {
    let (days, source) = match file.client.sessions {
        Some(days) => (days, Source::Set),
        None => (learned(file)?, Source::Learned),
    };
    (!days.is_empty()).then_some(Rhythm { days, source })
}

/// The weekdays with a history session in at least 3 of the 4 weeks ending on `S`.
fn learned(file: &ClientFile) -> Option<Weekdays> {
    let s = file.facts.last_session?;
    let first = s.checked_sub_days(Days::new(27))?;
    // weeks[weekday] = the set of weeks (bits 0..4) with a session on that weekday.
    let mut weeks = [0u8; 7];
    for t in file.touches.iter().filter(|t| {
        t.kind == EntryKind::Session && !t.from_roster && t.date >= first && t.date <= s
    }) {
        let week = ((s - t.date).num_days() / 7) as u8;
        weeks[t.date.weekday().num_days_from_monday() as usize] |= 1 << week;
    }
    let mut days = Weekdays::default();
    for (n, w) in weeks.iter().enumerate() {
        if w.count_ones() >= 3
            && let Ok(day) = chrono::Weekday::try_from(n as u8)
        {
            days.insert(day);
        }
    }
    Some(days)
}

/// Whether the client is expected in on `day`: a rhythm weekday, on or after `start`, not
/// inside a break (before the end of the last one, from its start), and not ended.
pub fn expected(file: &ClientFile, rhythm: Rhythm, day: NaiveDate) -> bool {
    let c = file.client;
    if c.status == Status::Ended || day < c.start || !rhythm.days.contains(day.weekday()) {
        return false;
    }
    !super::break_of(file, day)
        .is_some_and(|(first, end)| first <= day && end.is_none_or(|e| day < e))
}

/// The first day on or after `from` that the client is expected in (within a year: a
/// rhythm has a day every week, but a long break may stand in between).
pub fn next_expected(file: &ClientFile, rhythm: Rhythm, from: NaiveDate) -> Option<NaiveDate> {
    from.iter_days()
        .take(400)
        .find(|&d| expected(file, rhythm, d))
}

/// Early drift: the first two expected days after `from` (`S`, or the end of a break after
/// it); when both are before `today` and no contact came on or after the first, the day
/// after the second, with the two days missed.
pub fn early_drift(
    file: &ClientFile,
    rhythm: Rhythm,
    from: NaiveDate,
    today: NaiveDate,
) -> Option<(NaiveDate, (NaiveDate, NaiveDate))> {
    let first = next_expected(file, rhythm, from.succ_opt()?)?;
    let second = next_expected(file, rhythm, first.succ_opt()?)?;
    let contact_since = file.facts.last_contact.is_some_and(|l| l >= first);
    (second < today && !contact_since)
        .then(|| (second.succ_opt().unwrap_or(second), (first, second)))
}

pub use crate::words::days_words;

#[cfg(test)]
mod tests {
    use super::super::testing::{d, history, roster};
    use super::*;
    use crate::history::EntryKind::Session;
    use crate::plan::client_files;

    fn rhythm_of(extra: &str, sessions: &[&str]) -> Option<Rhythm> {
        let r = roster(&format!(
            "[[client]]\nname = \"Kevin\"\nid = \"kevin\"\nstart = 2026-01-05\njourney = \"none\"\n{extra}"
        ));
        let entries: Vec<(&str, &str, _)> =
            sessions.iter().map(|s| ("kevin", *s, Session)).collect();
        let h = history(&r, &entries);
        let files = client_files(&r, &h, d("2026-12-31"));
        of(&files[0])
    }

    // Mondays 2, 9, 16, 23 Nov; Thursdays 5, 12, 19 Nov (S = 23 Nov).
    const MON_THU: &[&str] = &[
        "2026-11-02",
        "2026-11-05",
        "2026-11-09",
        "2026-11-12",
        "2026-11-16",
        "2026-11-19",
        "2026-11-23",
    ];

    #[test]
    fn a_rhythm_is_set_or_learned_from_three_of_the_last_four_weeks() {
        let set = rhythm_of("sessions = [\"tue\", \"friday\"]", &[]).expect("set");
        assert_eq!(
            (days_words(set.days), set.source),
            ("Tue/Fri".to_string(), Source::Set)
        );
        let learned = rhythm_of("", MON_THU).expect("learned");
        assert_eq!(days_words(learned.days), "Mon/Thu");
        assert_eq!(learned.source, Source::Learned);
        // `[]`: no fixed days, nothing learned.
        assert_eq!(rhythm_of("sessions = []", MON_THU), None);
    }

    /// The plan of a Mon/Thu regular (set), with `entries` (date, kind).
    fn plan_on(
        extra: &str,
        entries: &[(&str, crate::history::EntryKind)],
        today: &str,
    ) -> Vec<(crate::plan::ItemKind, NaiveDate, bool)> {
        let r = roster(&format!(
            "[[client]]\nname = \"Ben\"\nid = \"ben\"\nstart = 2026-01-05\njourney = \"none\"\nsessions = [\"mon\", \"thu\"]\n{extra}"
        ));
        let list: Vec<(&str, &str, _)> = entries.iter().map(|(d, k)| ("ben", *d, *k)).collect();
        let h = history(&r, &list);
        let t = d(today);
        let files = client_files(&r, &h, t);
        crate::plan::plan_client(&r, &files[0], t)
            .listed(t)
            .map(|i| (i.kind, i.date, i.in_person))
            .collect()
    }

    #[test]
    fn a_goal_date_waits_for_the_next_session_and_a_back_off_does_not_move_it() {
        use crate::history::EntryKind::NoReply;
        use crate::plan::ItemKind::Target;
        // Goal date Tue 24 Nov: brought up on Thu 26, not on the Wednesday between.
        let extra = "cadence = \"none\"\ngoal_by = 2026-11-24\nlast_session = 2026-11-23";
        assert_eq!(plan_on(extra, &[], "2026-11-25"), vec![]);
        assert_eq!(
            plan_on(extra, &[], "2026-11-26"),
            vec![(Target, d("2026-11-26"), true)]
        );
        // Two texts unanswered: a text would wait a week or two; the session does not.
        let tries = [("2026-11-24", NoReply), ("2026-11-25", NoReply)];
        assert_eq!(
            plan_on(extra, &tries, "2026-11-26"),
            vec![(Target, d("2026-11-26"), true)]
        );
    }

    #[test]
    fn no_check_in_on_a_usual_day_and_early_drift_holds_from_day_to_day() {
        use crate::history::EntryKind::Session;
        use crate::plan::ItemKind::{Checkin, Drift};
        let extra = "cadence = \"1w\"";
        let came = [("2026-11-19", Session)];
        // Due Thu 26 Nov, a usual day: not listed; listed on Friday.
        assert!(
            plan_on(extra, &came, "2026-11-26")
                .iter()
                .all(|i| i.0 != Checkin)
        );
        assert!(
            plan_on(extra, &came, "2026-11-27")
                .iter()
                .any(|i| i.0 == Checkin)
        );
        // Missed Mon 23 and Thu 26: drifting from Fri 27, due that day on each later day.
        for day in ["2026-11-27", "2026-11-28", "2026-12-01"] {
            let drift: Vec<NaiveDate> = plan_on(extra, &came, day)
                .into_iter()
                .filter(|i| i.0 == Drift)
                .map(|i| i.1)
                .collect();
            assert_eq!(drift, vec![d("2026-11-27")], "{day}");
        }
        assert!(
            plan_on(extra, &came, "2026-11-26")
                .iter()
                .all(|i| i.0 != Drift)
        );
    }

    #[test]
    fn too_few_sessions_or_a_break_inside_the_four_weeks_learn_no_rhythm() {
        // Two Mondays only.
        assert_eq!(rhythm_of("", &["2026-11-16", "2026-11-23"]), None);
        // Mondays 2 and 23 Nov, a break in between: two of four weeks.
        assert_eq!(
            rhythm_of("", &["2026-11-02", "2026-11-23", "2026-11-26"]),
            None
        );
        // No sessions at all.
        assert_eq!(rhythm_of("", &[]), None);
    }
}
