//! Every end-to-end test, in one test binary (one link instead of one per file; as just's
//! `tests/lib.rs`). Each file is a module; `common` holds the helpers they share. Run one
//! file's tests with `cargo test --test integration views::`.

mod common;

mod attendance;
mod bad_inputs;
mod cache;
mod cli;
mod data_tools;
mod desk;
mod docs;
mod drafts;
mod first_week;
mod fuzz;
mod hostile;
mod ics;
mod import;
mod log;
mod money;
mod rhythm;
mod roster_commands;
mod shell;
mod snapshots;
mod views;
mod writers;
