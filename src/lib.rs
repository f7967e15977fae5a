//! coachplan: a follow-up planner for coaches and personal trainers.
//!
//! It reads a hand-edited roster of clients and answers two questions each morning: *whom
//! do I reach out to today, and what do I say?* and *where is each client on their journey
//! with me, month by month?*
//!
//! # Glossary
//! - **client**: a person the coach works with, with a `start` date, a **goal** and a
//!   **why** (their reasons, in their words), and personal notes worth remembering.
//! - **roster**: the TOML file listing the clients (`roster`).
//! - **history**: the append-only log of what happened: contacts, sessions and
//!   unanswered tries (`history`).
//! - **journey**: a map of the client's first months: planned **steps** (a kick-off, a
//!   90-day review, …) on given days of given months, counted from `start`.
//! - **cadence**: how often a routine **check-in** is due after the latest contact.
//! - **item**: something due for a client on a date: a check-in, a step, a renewal talk, a
//!   goal's target date, a birthday, or drift (`plan::DueItem`).
//! - **drift**: no session for longer than `drift_after`; drifting clients come first.
//! - **set aside**: a client who did not answer `give_up_after` tries in a row; the planner
//!   stops chasing and lists them under "waiting on them" until a contact is logged.
//!
//! Data flows one way: settings → load → plan → render → write (`app`).
//!
//! # Example
//! The planner is pure: a roster, a history and a day in, the items due out.
//! ```
//! use chrono::NaiveDate;
//! use coachplan::history::History;
//! use coachplan::plan::{gather_facts, plan_client, ItemKind};
//! use coachplan::roster::parse_roster;
//!
//! let text = r#"
//! [[client]]
//! name = "Alice Moreno"
//! start = 2026-03-14
//! goal = "Run a 10k without stopping"
//! cadence = "2w"
//! journey = "none"
//! "#;
//! let (roster, problems) = parse_roster(text);
//! let roster = roster.expect("a valid roster");
//! assert!(problems.is_empty());
//! assert_eq!(roster.clients[0].id, "alice-moreno");
//!
//! let today = NaiveDate::from_ymd_opt(2026, 3, 30).unwrap();
//! let facts = gather_facts(&roster, &History::default(), today);
//! let plan = plan_client(&roster, &roster.clients[0], &facts[0], today);
//! let due: Vec<_> = plan.listed(today).map(|i| (i.kind, i.days_overdue(today))).collect();
//! assert_eq!(due, [(ItemKind::Checkin, 2)]); // due on 28 March, two weeks after the start
//! ```

pub mod app;
pub mod cli;
pub mod diag;
pub mod error;
pub mod history;
pub mod plan;
pub mod render;
pub mod roster;
pub mod settings;
pub mod starter;
pub mod store;
pub mod suggest;

pub use app::run;
pub use error::Error;
