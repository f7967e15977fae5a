//! `today`: whom to reach out to, in the order a coach should work through them.

use chrono::NaiveDate;

use super::{ClientPlan, DueItem, Facts, Standing, plan_client};
use crate::roster::Roster;

/// Which clients a view covers (`--client`, `--tag`).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Roster indices of the clients named on the command line; empty means all.
    pub clients: Vec<usize>,
    pub tag: Option<String>,
}

impl Filter {
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientDue {
    pub client: usize,
    pub items: Vec<DueItem>,
    pub drifting: bool,
}

/// A client set aside after too many unanswered tries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub client: usize,
    pub tries: u32,
    pub last_tried: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodayPlan {
    pub date: NaiveDate,
    pub due: Vec<ClientDue>,
    pub waiting: Vec<Waiting>,
    /// Clients due but left out by `daily_limit`.
    pub more: usize,
}

/// Today's list: drifting clients first, then the longest waiting, then by name; capped
/// at `daily_limit` unless `all`.
pub fn plan_today(
    roster: &Roster,
    facts: &[Facts],
    today: NaiveDate,
    filter: &Filter,
    all: bool,
) -> TodayPlan {
    let mut due = Vec::new();
    let mut waiting = Vec::new();
    for (index, client) in roster.clients.iter().enumerate() {
        if !filter.admits(roster, index) {
            continue;
        }
        let plan: ClientPlan = plan_client(roster, client, &facts[index], today);
        if let Standing::SetAside { tries, last_tried } = plan.standing {
            waiting.push(Waiting {
                client: index,
                tries,
                last_tried,
            });
        }
        let drifting = plan.is_drifting(today);
        let mut items: Vec<DueItem> = plan.listed(today).cloned().collect();
        if !items.is_empty() {
            items.sort_by_key(|i| (i.kind != super::ItemKind::Drift, i.date, i.kind));
            due.push(ClientDue {
                client: index,
                items,
                drifting,
            });
        }
    }
    let oldest = |d: &ClientDue| d.items.iter().map(|i| i.date).min();
    due.sort_by(|a, b| {
        (!a.drifting, oldest(a), &roster.clients[a.client].name).cmp(&(
            !b.drifting,
            oldest(b),
            &roster.clients[b.client].name,
        ))
    });
    waiting.sort_by(|a, b| {
        (a.last_tried, &roster.clients[a.client].name)
            .cmp(&(b.last_tried, &roster.clients[b.client].name))
    });
    let limit = roster.coach.daily_limit;
    let more = if !all && limit > 0 && due.len() > limit {
        let more = due.len() - limit;
        due.truncate(limit);
        more
    } else {
        0
    };
    TodayPlan {
        date: today,
        due,
        waiting,
        more,
    }
}
