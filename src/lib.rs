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
