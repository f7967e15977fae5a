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
