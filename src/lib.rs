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
//! - **journey**: a map of the client's months with the coach: planned **steps** (a
//!   kick-off, a 90-day review, …) counted from `start`, then an anniversary each year.
//! - **cadence**: how often a routine **check-in** is due after the latest contact.
//! - **item**: a conversation due for a client: a check-in, a step, a renewal talk, a
//!   goal's target date, a birthday, drift, or a reconnect (`plan::DueItem`). Its identity
//!   is (client, kind, **due**); it is *listed* on `due` or a later day it was moved to.
//! - **handled**: an item is handled by a contact on or after its due date; a step, a
//!   renewal talk or a goal review only by a contact whose **done** names it (or one
//!   without `done`), never by a plain session.
//! - **agreed next date**: the `next` of a history entry: the check-in falls on it, and
//!   everything else due waits for it. A **snooze** sets one without a contact.
//! - **drift**: no session for longer than `drift_after`; drifting clients come first.
//! - **set aside**: a client who did not answer `give_up_after` tries in a row; the planner
//!   stops chasing and lists them under "waiting on them" until a contact is logged.
//! - **reconnect**: one light touch for a set-aside client (or one paused without an end),
//!   `reconnect_after` later; each unanswered one doubles the wait.
//! - **since**: the day the coach began with coachplan; nothing is overdue from before it.
//!
//! Data flows one way: settings → load → plan → render → write (`app`).
//!
//! # Example
//! The planner is pure: a roster, a history and a day in, the items due out.
//! ```
//! use chrono::NaiveDate;
//! use coachplan::history::History;
//! use coachplan::plan::{client_files, plan_client, ItemKind};
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
//! let history = History::default();
//! let files = client_files(&roster, &history, today);
//! let plan = plan_client(&roster, &files[0], today);
//! let due: Vec<_> = plan.listed(today).map(|i| (i.kind, i.days_overdue(today))).collect();
//! assert_eq!(due, [(ItemKind::Checkin, 2)]); // due on 28 March, two weeks after the start
//! ```

pub mod app;
pub mod attendance;
pub mod cli;
pub mod complete;
pub mod diag;
pub mod draft;
pub mod error;
pub mod history;
pub mod import;
pub mod output;
pub mod plan;
pub mod render;
pub mod roster;
pub mod settings;
pub mod starter;
pub mod store;
pub mod suggest;
pub mod text;
pub mod words;

pub use app::run;
pub use error::Error;
