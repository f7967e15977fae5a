//! `today`: whom to reach out to, in the order a coach should work through them.

use chrono::NaiveDate;

use super::{ClientFile, ClientPlan, DueItem, ItemKind, Standing, plan_client};
use crate::roster::Roster;

/// Which clients a view covers (`--client`, `--tag`).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Roster indices of the clients named on the command line; empty means all.
    pub clients: Vec<usize>,
    pub tag: Option<String>,
}

impl Filter {
    /// Every client, or those with `tag`.
    pub fn tagged(tag: Option<String>) -> Filter {
        Filter {
            clients: Vec::new(),
            tag,
        }
    }

    pub fn admits(&self, roster: &Roster, index: usize) -> bool {
        (self.clients.is_empty() || self.clients.contains(&index))
            && self.tag.as_ref().is_none_or(|t| {
                roster.clients[index]
                    .tags
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(t))
            })
    }
}

/// One client to reach today, with everything due.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientDue<'r> {
    pub client: usize,
    pub items: Vec<DueItem<'r>>,
    pub drifting: bool,
    /// Back from a pause since this day (shown for 14 days after it).
    pub back_since: Option<NaiveDate>,
    /// (v3) Money first: a renewal talk on its last call day, or a renewal within 7 days.
    pub money_first: bool,
    /// (v3) What is coming for them soon: a goal date or renewal within 14 days.
    pub soon: Vec<(ItemKind, NaiveDate)>,
    /// (v3) Expected in today (they are in the "In today" block).
    pub coming_in: bool,
}

impl ClientDue<'_> {
    /// (v3) A client to reach today: not expected in, or with something to say that
    /// cannot wait for them to come in. Only these are rows, and `daily_limit` counts
    /// only these; a client coming in with only in-person items is in "In today".
    pub fn to_reach(&self) -> bool {
        !self.coming_in || self.items.iter().any(|i| !i.in_person)
    }
}

/// How long views say "back since …" after a break ends.
pub const BACK_FOR_DAYS: i64 = 14;
/// A renewal this close puts the client first in `today`.
const MONEY_FIRST_DAYS: i64 = 7;
/// A goal date or renewal this close is named in the row.
const SOON_DAYS: i64 = 14;

/// A client set aside after too many unanswered tries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub client: usize,
    pub tries: u32,
    pub last_tried: NaiveDate,
    /// When the one light touch is due, if there is one.
    pub reconnect: Option<NaiveDate>,
    /// (v3) Their renewal date, when it is still ahead: the line names it.
    pub renews: Option<NaiveDate>,
}

/// (v3) A client expected in today (their rhythm), with what to bring up in person.
#[derive(Debug, Clone, PartialEq)]
pub struct InToday<'r> {
    pub client: usize,
    pub days: crate::roster::Weekdays,
    /// Their in-person items listed today.
    pub bring_up: Vec<DueItem<'r>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TodayPlan<'r> {
    pub date: NaiveDate,
    pub due: Vec<ClientDue<'r>>,
    pub waiting: Vec<Waiting>,
    /// Clients due but left out by `daily_limit`.
    pub more: usize,
    /// (v3) Clients expected in today, by name.
    pub in_today: Vec<InToday<'r>>,
    /// Drifting clients among all that are due, listed or left out by the cap: the
    /// headline counts the same set as its client count.
    pub drifting: usize,
}

/// Today's list: drifting clients first, then the longest waiting, then by name; capped
/// at `daily_limit` unless `all`, but a birthday today is never capped away, and a client
/// coming in with only in-person items takes no place (`ClientDue::to_reach`).
pub fn plan_today<'r>(
    roster: &'r Roster,
    files: &[ClientFile<'r>],
    today: NaiveDate,
    filter: &Filter,
    all: bool,
) -> TodayPlan<'r> {
    let mut due = Vec::new();
    let mut waiting = Vec::new();
    let mut in_today = Vec::new();
    for file in files {
        if !filter.admits(roster, file.index) {
            continue;
        }
        let plan: ClientPlan = plan_client(roster, file, today);
        if let Standing::SetAside { tries, last_tried } = plan.standing {
            waiting.push(Waiting {
                client: file.index,
                tries,
                last_tried,
                reconnect: plan
                    .pending()
                    .find(|i| i.kind == ItemKind::Reconnect)
                    .map(|i| i.date),
                renews: file.client.renewal.filter(|&r| r >= today),
            });
        }
        let drifting = plan.is_drifting(today);
        let coming_in = plan.in_today == Some(today) && plan.rhythm.is_some();
        if coming_in && let Some(r) = plan.rhythm {
            in_today.push(InToday {
                client: file.index,
                days: r.days,
                bring_up: plan
                    .listed(today)
                    .filter(|i| i.in_person)
                    .cloned()
                    .collect(),
            });
        }
        // Exactly their room: with `--all` these are every due item of a whole roster.
        let mut items: Vec<DueItem> = Vec::with_capacity(plan.listed(today).count());
        items.extend(plan.listed(today).cloned());
        if !items.is_empty() {
            items.sort_by_key(|i| (i.kind != ItemKind::Drift, i.date, i.kind));
            let client = file.client;
            let within = |d: NaiveDate, days: i64| (0..=days).contains(&(d - today).num_days());
            let money_first = items
                .iter()
                .any(|i| i.money.is_some_and(|m| m.is_last_call(today)))
                || client
                    .renewal
                    .is_some_and(|r| client.package.is_none() && within(r, MONEY_FIRST_DAYS));
            let soon = [
                (ItemKind::Target, client.goal_by),
                (
                    ItemKind::Renewal,
                    client.renewal.filter(|_| client.package.is_none()),
                ),
            ]
            .into_iter()
            // A renewal or goal date whose talk is on the list already is not repeated.
            .filter(|(kind, _)| !items.iter().any(|i| i.kind == *kind))
            .filter_map(|(kind, d)| {
                d.filter(|&d| d > today && within(d, SOON_DAYS))
                    .map(|d| (kind, d))
            })
            .collect();
            due.push(ClientDue {
                client: file.index,
                items,
                drifting,
                back_since: match plan.standing {
                    Standing::Back(until) if (today - until).num_days() <= BACK_FOR_DAYS => {
                        Some(until)
                    }
                    _ => None,
                },
                money_first,
                soon,
                coming_in,
            });
        }
    }
    let rank = super::name_ranks(roster);
    // (v3) Money talks first, then drifting clients, then milestones and goal dates,
    // then the longest waiting, then by name.
    due.sort_by_cached_key(|d| {
        let oldest = d.items.iter().map(|i| i.date).min();
        let milestone = d
            .items
            .iter()
            .any(|i| matches!(i.kind, ItemKind::Step | ItemKind::Target));
        (
            !d.money_first,
            !d.drifting,
            !milestone,
            oldest,
            rank[d.client],
        )
    });
    waiting.sort_by_key(|w| (w.last_tried, rank[w.client]));
    in_today.sort_by_key(|t| rank[t.client]);
    let drifting = due.iter().filter(|d| d.drifting).count();
    let limit = roster.coach.daily_limit;
    let mut more = 0;
    if !all && limit > 0 && due.iter().filter(|d| d.to_reach()).count() > limit {
        let mut kept = 0;
        due.retain(|d| {
            if !d.to_reach() {
                return true;
            }
            let birthday = d.items.iter().any(|i| i.kind == ItemKind::Birthday);
            let keep = kept < limit || birthday;
            if keep {
                kept += 1;
            } else {
                more += 1;
            }
            keep
        });
    }
    TodayPlan {
        date: today,
        due,
        waiting,
        more,
        in_today,
        drifting,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::EntryKind::{Contact, Session};
    use crate::plan::client_files;
    use crate::plan::testing::{d, history, roster};

    const STUDIO: &str = r#"
[coach]
daily_limit = 2
[[client]]
name = "Zed"
start = 2026-01-01
cadence = "1w"
journey = "none"
[[client]]
name = "Amy"
start = 2026-01-01
cadence = "1w"
journey = "none"
[[client]]
name = "Bob"
start = 2026-01-01
cadence = "none"
journey = "none"
[[client]]
name = "Cat"
start = 2026-01-01
cadence = "1w"
journey = "none"
tags = ["online"]
"#;

    #[test]
    fn drifting_first_then_oldest_item_then_name_with_the_daily_cap() {
        let r = roster(STUDIO);
        // Zed and Amy were last seen on the same day; Cat more recently; Bob only in sessions.
        let h = history(
            &r,
            &[
                ("zed", "2026-02-01", Contact),
                ("amy", "2026-02-01", Contact),
                ("cat", "2026-02-05", Contact),
                ("bob", "2026-01-20", Session),
            ],
        );
        let t = d("2026-02-20");
        let files = client_files(&r, &h, t);
        let all = plan_today(&r, &files, t, &Filter::default(), true);
        let names: Vec<&str> = all
            .due
            .iter()
            .map(|c| r.clients[c.client].name.as_str())
            .collect();
        assert_eq!(names, ["Bob", "Amy", "Zed", "Cat"]);
        assert!(all.due[0].drifting);
        assert_eq!(all.more, 0);

        let capped = plan_today(&r, &files, t, &Filter::default(), false);
        assert_eq!(capped.due.len(), 2);
        assert_eq!(capped.more, 2);
    }

    #[test]
    fn filters_by_client_and_tag() {
        let r = roster(STUDIO);
        let t = d("2026-02-20");
        let history = crate::history::History::default();
        let files = client_files(&r, &history, t);
        let by_tag = Filter {
            clients: vec![],
            tag: Some("ONLINE".to_string()),
        };
        let plan = plan_today(&r, &files, t, &by_tag, true);
        assert_eq!(plan.due.len(), 1);
        assert_eq!(r.clients[plan.due[0].client].name, "Cat");
        let by_client = Filter {
            clients: vec![1],
            tag: None,
        };
        let plan = plan_today(&r, &files, t, &by_client, true);
        assert_eq!(plan.due.iter().map(|c| c.client).collect::<Vec<_>>(), [1]);
    }
}
