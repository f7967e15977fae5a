//! `retention`: how many clients stay, month by month, as a Kaplan–Meier survival curve.
//!
//! A client who ended in their month `m` is lost in month `m`. A client still with the
//! coach (active or paused) is not lost: they count for the months they have completed and
//! drop out of the later ones ("censored"), instead of being counted as gone. So the share
//! after month `m` is the product, over months 1..=m, of (1 - lost / at risk).

use chrono::NaiveDate;

use super::month_of;
use crate::roster::{Roster, Status};

#[derive(Debug, Clone, PartialEq)]
pub struct RetentionMonth {
    pub month: u32,
    /// Clients known to be with the coach when the month began.
    pub at_risk: u32,
    /// Clients whose last day fell in this month.
    pub lost: u32,
    /// The estimated share still with the coach after this month, 0.0 to 1.0.
    pub retained: f64,
}

/// The survival table for months 1..=`months`, from the clients who had started by `today`.
pub fn plan_retention(roster: &Roster, today: NaiveDate, months: u32) -> Vec<RetentionMonth> {
    // (months observed, lost?) per client.
    let mut observed: Vec<(u32, bool)> = Vec::new();
    for client in &roster.clients {
        if client.start > today {
            continue;
        }
        match (client.status, client.ended) {
            (Status::Ended, Some(ended)) if ended <= today => {
                if let Some(m) = month_of(client.start, ended) {
                    observed.push((m, true));
                }
            }
            (Status::Ended, None) => {}
            _ => {
                // Completed months: the current month is not over yet.
                if let Some(m) = month_of(client.start, today) {
                    observed.push((m - 1, false));
                }
            }
        }
    }
    let mut retained = 1.0;
    (1..=months)
        .map(|m| {
            let at_risk = observed.iter().filter(|&&(t, _)| t >= m).count() as u32;
            let lost = observed.iter().filter(|&&(t, lost)| lost && t == m).count() as u32;
            if at_risk > 0 {
                retained *= 1.0 - f64::from(lost) / f64::from(at_risk);
            }
            RetentionMonth {
                month: m,
                at_risk,
                lost,
                retained,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testing::{d, roster};

    #[test]
    fn survival_counts_running_clients_as_not_lost() {
        // Today 2026-07-01. Four clients started 2026-01-01 (6 months done);
        // one ended in month 2, one in month 4; one started 2026-05-01 (2 months done).
        let r = roster(
            r#"
[[client]]
name = "A"
start = 2026-01-01
[[client]]
name = "B"
start = 2026-01-01
[[client]]
name = "C"
start = 2026-01-01
status = "ended"
ended = 2026-02-10
[[client]]
name = "D"
start = 2026-01-01
status = "ended"
ended = 2026-04-20
[[client]]
name = "E"
start = 2026-05-01
status = "paused"
[[client]]
name = "F"
start = 2026-08-01
"#,
        );
        let months = plan_retention(&r, d("2026-07-01"), 4);
        let rows: Vec<(u32, u32, u32)> = months
            .iter()
            .map(|m| (m.month, m.at_risk, m.lost))
            .collect();
        // F has not started; E counts for months 1-2 only.
        assert_eq!(rows, [(1, 5, 0), (2, 5, 1), (3, 3, 0), (4, 3, 1)]);
        // After month 2: 4/5 = 0.8; after month 4: 0.8 * 2/3.
        assert!((months[1].retained - 0.8).abs() < 1e-9);
        assert!((months[3].retained - 0.8 * 2.0 / 3.0).abs() < 1e-9);
    }
}
