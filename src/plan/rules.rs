//! The rules of SPEC §2, one function per row: when each kind of item is due for a client,
//! and what holds the items back. Each takes the client's record and the day and returns
//! data (an item, a date); `plan_client_until` composes them in the SPEC's order. Journey
//! steps and anniversaries are in `mod.rs` (`journey_items`), the renewal talk and packs in
//! `money.rs`, the usual days in `rhythm.rs`.

use chrono::NaiveDate;

use super::rhythm::{self, Rhythm};
use super::{
    BIRTHDAY_PROMPT, CHECKIN_PROMPT, ClientFile, DRIFT_PROMPT, DueItem, ItemKind, ItemState,
    Moment, NO_GOAL_PROMPT, RECONNECT_PROMPT, Standing, TARGET_PROMPT, Title, WELCOME_PROMPT,
    renewal_talk,
};
use crate::roster::{Client, Coach, Period, Status};

impl<'r> DueItem<'r> {
    /// An item of one of the client-level rules: listed on its due day until moved.
    fn new(
        kind: ItemKind,
        due: NaiveDate,
        title: Title<'r>,
        prompt: &'r str,
        state: ItemState,
    ) -> Self {
        DueItem {
            kind,
            due,
            date: due,
            title,
            prompt: Some(prompt),
            step: None,
            earlier_missed: 0,
            state,
            welcome_back: false,
            money: None,
            in_person: false,
            moment: Moment::default(),
        }
    }
}

/// Where the client stands on `today`: ended, paused (until a day, or open-ended), back
/// from a break, set aside after `give_up_after` unanswered tries, or active. (v3) An
/// active client's `paused_until` is the day `resume` ended their break: they are back
/// from it just as a paused client is once the day comes.
pub fn standing(file: &ClientFile, coach: &Coach, today: NaiveDate) -> Standing {
    let (client, f) = (file.client, &file.facts);
    let standing = match (client.status, client.paused_until) {
        (Status::Ended, _) => Standing::Ended,
        (Status::Paused, Some(until)) if today < until => Standing::Paused(Some(until)),
        (Status::Paused | Status::Active, Some(until)) if until <= today => Standing::Back(until),
        (Status::Paused, _) => Standing::Paused(None),
        (Status::Active, _) => Standing::Active,
    };
    match (standing, f.last_no_reply) {
        (Standing::Active | Standing::Back(_), Some(last_tried))
            if f.no_replies >= coach.give_up_after.max(1) =>
        {
            Standing::SetAside {
                tries: f.no_replies,
                last_tried,
            }
        }
        (s, _) => s,
    }
}

/// Birthday: on the next birthday, for everyone but a client paused without an end.
pub fn birthday<'r>(client: &Client, standing: Standing, today: NaiveDate) -> Option<DueItem<'r>> {
    if standing == Standing::Paused(None) {
        return None;
    }
    let due = client.birthday?.next_on_or_after(today)?;
    Some(DueItem::new(
        ItemKind::Birthday,
        due,
        Title::Birthday,
        BIRTHDAY_PROMPT,
        ItemState::Pending,
    ))
}

/// Reconnect: one light touch for a client set aside or paused without an end,
/// `reconnect_after` from the last contact or try; each unanswered one doubles the wait.
pub fn reconnect<'r>(file: &ClientFile, coach: &Coach, standing: Standing) -> Option<DueItem<'r>> {
    let (client, f) = (file.client, &file.facts);
    let doublings = match standing {
        Standing::SetAside { tries, .. } => tries - coach.give_up_after.max(1),
        Standing::Paused(None) => f.no_replies,
        _ => return None,
    };
    let base = [f.last_contact, f.last_no_reply, Some(client.start)]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(client.start);
    let due = 2u32
        .checked_pow(doublings)
        .and_then(|factor| coach.reconnect_after?.times(factor))
        .and_then(|p| p.after(base))?;
    Some(DueItem::new(
        ItemKind::Reconnect,
        due,
        Title::Reconnect,
        RECONNECT_PROMPT,
        ItemState::Pending,
    ))
}

/// Check-in: on the agreed next date if one was set, else one cadence after the last
/// contact (or the start).
pub fn checkin<'r>(file: &ClientFile) -> Option<DueItem<'r>> {
    let (client, f) = (file.client, &file.facts);
    let (due, title) = match f.agreed_next {
        Some(next) => (next, Title::AgreedCheckin),
        None => {
            let cadence = client.cadence?;
            let base = f.last_contact.map_or(client.start, |l| l.max(client.start));
            (cadence.after(base)?, Title::Checkin(cadence))
        }
    };
    let prompt = if client.goal.is_some() {
        CHECKIN_PROMPT
    } else {
        NO_GOAL_PROMPT
    };
    Some(DueItem::new(
        ItemKind::Checkin,
        due,
        title,
        prompt,
        ItemState::Pending,
    ))
}

/// Target: on `goal_by`, until a contact says it was handled.
pub fn target<'r>(file: &ClientFile) -> Option<DueItem<'r>> {
    let goal_by = file.client.goal_by?;
    Some(DueItem::new(
        ItemKind::Target,
        goal_by,
        Title::Target,
        TARGET_PROMPT,
        file.state_of(ItemKind::Target, goal_by),
    ))
}

/// Drift: `drift_after` from the last session (from the return, after an agreed break),
/// or (v3) the day after a regular misses two usual days in a row, whichever is first.
pub fn drift<'r>(
    file: &ClientFile,
    standing: Standing,
    rhythm: Option<Rhythm>,
    today: NaiveDate,
) -> Option<DueItem<'r>> {
    let client = file.client;
    let session = file.facts.last_session?;
    // A break that was agreed is not drifting: count from the return.
    let after_break = matches!(standing, Standing::Back(until) if until > session);
    let from = match standing {
        Standing::Back(until) if after_break => until,
        _ => session,
    };
    let mut due = client.drift_after.after(from);
    // Counted as of the day it falls on when that is still ahead (`show`'s "next").
    let days = (today.max(due.unwrap_or(today)) - from).num_days();
    let mut title = Title::Drift { days, after_break };
    if let Some(r) = rhythm
        && let Some((early, (first, second))) = rhythm::early_drift(file, r, from, today)
        && due.is_none_or(|d| early < d)
    {
        due = Some(early);
        title = Title::EarlyDrift {
            first,
            second,
            usual: r.days,
        };
    }
    let due = due?;
    Some(DueItem::new(
        ItemKind::Drift,
        due,
        title,
        DRIFT_PROMPT,
        file.state_of(ItemKind::Drift, due),
    ))
}

/// A set-aside client's renewal talk is listed too, on its last call day only: one light
/// note, not a chase (a pack's talk, which has no last call day, on its day).
pub fn set_aside_renewal<'r>(
    coach: &Coach,
    file: &ClientFile<'r>,
    standing: Standing,
    today: NaiveDate,
) -> Option<DueItem<'r>> {
    if !matches!(standing, Standing::SetAside { .. }) {
        return None;
    }
    let mut talk = renewal_talk(coach, file, today)?;
    if let Some(last_call) = talk.money.and_then(|m| m.last_call) {
        talk.date = last_call;
    }
    Some(talk)
}

/// Retry: after an unanswered try, nothing until one cadence (a week without one) after
/// it, doubled for each further one. Too long to compute means "not in this lifetime".
pub fn retry(client: &Client, no_replies: u32, last_tried: Option<NaiveDate>) -> Option<NaiveDate> {
    let tried = last_tried.filter(|_| no_replies > 0)?;
    let base = client.cadence.unwrap_or(Period::WEEK);
    Some(
        2u32.checked_pow(no_replies - 1)
            .and_then(|factor| base.times(factor))
            .and_then(|p| p.after(tried))
            .unwrap_or(NaiveDate::MAX),
    )
}

/// The days before which nothing but a birthday is listed.
pub struct Holds {
    /// A retry after unanswered tries (don't chase) or an agreed next date: these stop
    /// at a renewal talk's last call day.
    pub moved_to: Option<NaiveDate>,
    /// The end of a break, or `since`: these do not (nothing is listed during a break).
    pub floor: Option<NaiveDate>,
    /// The day a client came back from a break: their check-in that day is a welcome back.
    pub back: Option<NaiveDate>,
    /// The agreed next date, which the in-person items wait for too.
    pub agreed_next: Option<NaiveDate>,
}

impl Holds {
    pub fn of(file: &ClientFile, coach: &Coach, standing: Standing) -> Holds {
        let f = &file.facts;
        let retry = if standing.is_active() {
            retry(file.client, f.no_replies, f.last_no_reply)
        } else {
            None
        };
        let back = match standing {
            Standing::Back(until) => Some(until),
            _ => None,
        };
        Holds {
            moved_to: [retry, f.agreed_next].into_iter().flatten().max(),
            floor: [back, coach.since].into_iter().flatten().max(),
            back,
            agreed_next: f.agreed_next,
        }
    }

    /// Moves each pending item but birthdays to the holds' days; a renewal talk held past
    /// its last call day stays on it and says it was held (`held`: the tries so far).
    pub fn apply(&self, items: &mut [DueItem], tries: u32) {
        for item in items
            .iter_mut()
            .filter(|i| i.is_pending() && i.kind != ItemKind::Birthday)
        {
            if let Some(moved_to) = self.moved_to
                && item.date < moved_to
            {
                match item.money.as_mut() {
                    Some(money) if money.last_call.is_some_and(|l| moved_to > l) => {
                        let last_call = money.last_call.unwrap_or(moved_to);
                        item.date = item.date.max(last_call);
                        money.held = Some(tries);
                    }
                    _ => item.date = moved_to,
                }
            }
            if let Some(floor) = self.floor
                && item.date < floor
            {
                item.date = floor;
            }
            if item.kind == ItemKind::Checkin && self.back == Some(item.date) {
                item.welcome_back = true;
                item.title = Title::WelcomeBack;
                item.prompt = Some(WELCOME_PROMPT);
            }
        }
    }
}

/// (v3) In person: a client with a rhythm (and not drifting: a drifting client is reached
/// out to) has their milestones, money talks and goal dates brought up at the next
/// session they are expected at, on or after the item's date; an unanswered text does not
/// move them. A renewal talk still keeps its last call day. Returns `today` when they are
/// expected in today (no check-in is listed then: the session is the check-in).
pub fn bring_up_in_person(
    items: &mut [DueItem],
    file: &ClientFile,
    r: Rhythm,
    holds: &Holds,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let drifting = items
        .iter()
        .any(|i| i.kind == ItemKind::Drift && i.is_pending() && i.date <= today);
    if drifting {
        return None;
    }
    let base_floor = [holds.agreed_next, holds.floor].into_iter().flatten().max();
    for item in items.iter_mut().filter(|i| {
        i.is_pending()
            && matches!(
                i.kind,
                ItemKind::Step | ItemKind::Renewal | ItemKind::Target
            )
    }) {
        // Not on the days in between: a talk not had at one session waits for the next,
        // on or after today.
        let base = base_floor.map_or(item.due, |b| b.max(item.due)).max(today);
        let Some(day) = rhythm::next_expected(file, r, base) else {
            continue;
        };
        match item
            .money
            .as_mut()
            .and_then(|m| m.last_call.map(|l| (l, m)))
        {
            Some((last_call, money)) if day > last_call => {
                item.date = last_call.max(item.due);
                if item.date < base {
                    money.held = Some(file.facts.no_replies);
                }
            }
            _ => {
                item.date = day;
                item.in_person = true;
            }
        }
    }
    rhythm::expected(file, r, today).then_some(today)
}
