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
    /// Back from a pause since this day.
    pub back_since: Option<NaiveDate>,
}

/// A client set aside after too many unanswered tries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub client: usize,
    pub tries: u32,
    pub last_tried: NaiveDate,
    /// When the one light touch is due, if there is one.
    pub reconnect: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TodayPlan<'r> {
    pub date: NaiveDate,
    pub due: Vec<ClientDue<'r>>,
    pub waiting: Vec<Waiting>,
    /// Clients due but left out by `daily_limit`.
    pub more: usize,
}

/// Today's list: drifting clients first, then the longest waiting, then by name; capped
/// at `daily_limit` unless `all`, but a birthday today is never capped away.
pub fn plan_today<'r>(
    roster: &'r Roster,
    files: &[ClientFile<'r>],
    today: NaiveDate,
    filter: &Filter,
    all: bool,
) -> TodayPlan<'r> {
    let mut due = Vec::new();
    let mut waiting = Vec::new();
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
            });
        }
        let drifting = plan.is_drifting(today);
        // Exactly their room: with `--all` these are every due item of a whole roster.
        let mut items: Vec<DueItem> = Vec::with_capacity(plan.listed(today).count());
        items.extend(plan.listed(today).cloned());
        if !items.is_empty() {
            items.sort_by_key(|i| (i.kind != ItemKind::Drift, i.date, i.kind));
            due.push(ClientDue {
                client: file.index,
                items,
                drifting,
                back_since: match plan.standing {
                    Standing::Back(until) => Some(until),
                    _ => None,
                },
            });
        }
    }
    let rank = super::name_ranks(roster);
    due.sort_by_cached_key(|d| {
        let oldest = d.items.iter().map(|i| i.date).min();
        (!d.drifting, oldest, rank[d.client])
    });
    waiting.sort_by_key(|w| (w.last_tried, rank[w.client]));
    let limit = roster.coach.daily_limit;
    let mut more = 0;
    if !all && limit > 0 && due.len() > limit {
        let mut kept = 0;
        due.retain(|d| {
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
