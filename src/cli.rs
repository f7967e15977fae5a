//! The command line, as clap derive types. No logic lives here: `settings` turns these
//! into the plain values the rest of the program uses.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "coachplan",
    version,
    about = "Who to reach out to today, and what to say: a follow-up planner for coaches",
    long_about = "coachplan reads your roster of clients and their goals (a TOML file you edit) \
                  and tells you whom to check in with today, why, and what to say, and maps \
                  each client's journey with you month by month.\n\n\
                  With no command it runs `today`.",
    after_help = "Examples:\n  coachplan                       who to reach out to today\n  \
                  coachplan --file examples/clients.toml --date 2026-11-23 today\n  \
                  coachplan log alice --note \"Knee is fine\"\n  \
                  coachplan agenda --format ics > coaching.ics"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The roster file [default: $COACHPLAN_FILE, else <config dir>/coachplan/clients.toml]
    #[arg(long, short = 'f', global = true, value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// The history log [default: $COACHPLAN_HISTORY, else `[coach] history`, else
    /// <roster stem>.history.toml beside the roster]
    #[arg(long, global = true, value_name = "PATH")]
    pub history: Option<PathBuf>,

    /// Plan as if today were DATE (YYYY-MM-DD) [default: the local date]
    #[arg(long, short = 'd', global = true, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<NaiveDate>,

    /// Output format; `ics` works with `agenda` and `journey`
    #[arg(long, global = true, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,

    /// When to use colour (NO_COLOR is honoured by `auto`)
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Csv,
    Json,
    Ics,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::roster::parse_date(text)
        .map_err(|why| format!("{why} (expected YYYY-MM-DD, e.g. 2026-11-23)"))
}

/// A date on the command line: `2026-12-01`, or a duration counted from the planning
/// day (`3w`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateArg {
    On(NaiveDate),
    After(crate::roster::Period),
}

impl DateArg {
    /// The day meant, counted from `today` for a duration.
    pub fn resolve(self, today: NaiveDate) -> Option<NaiveDate> {
        match self {
            DateArg::On(d) => Some(d),
            DateArg::After(p) => p.after(today),
        }
    }
}

fn parse_date_arg(text: &str) -> Result<DateArg, String> {
    if let Ok(d) = crate::roster::parse_date(text) {
        return Ok(DateArg::On(d));
    }
    crate::roster::Period::parse(text)
        .map(DateArg::After)
        .map_err(|_| {
            format!("`{text}` is neither a date (YYYY-MM-DD) nor a duration (10d, 3w, 2m)")
        })
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The check-ins due today, overdue ones included, with what to say
    #[command(after_help = "Example:\n  coachplan today --tag online")]
    Today(TodayArgs),

    /// What falls due on each of the next days
    #[command(after_help = "Example:\n  coachplan agenda --days 14 --format ics > coaching.ics")]
    Agenda(AgendaArgs),

    /// Each client's journey, month by month, with each step's status
    #[command(after_help = "Example:\n  coachplan journey alice --months 14")]
    Journey(JourneyArgs),

    /// The roster at a glance
    #[command(after_help = "Example:\n  coachplan clients --format csv > clients.csv")]
    Clients(ClientsArgs),

    /// One client's whole story on one page, before a call
    #[command(after_help = "Example:\n  coachplan show alice")]
    Show(ShowArgs),

    /// Draft messages, ready to paste: for everyone due today, or the given clients
    #[command(after_help = "Examples:\n  coachplan draft\n  coachplan draft alice ben")]
    Draft(DraftArgs),

    /// How well you followed through over the last days, and what comes up next
    #[command(after_help = "Example:\n  coachplan review --days 30 --format csv")]
    Review(ReviewArgs),

    /// Record a contact, a session or an unanswered try in the history
    #[command(
        after_help = "Examples:\n  coachplan log alice --note \"Knee is fine; wants a 5k first\"\n  \
                            coachplan log ben carla --session\n  coachplan log dan --no-reply\n  \
                            coachplan log grace --done renewal --next 2w"
    )]
    Log(LogArgs),

    /// Wait with a client until DATE (or for a duration): their items move there
    #[command(after_help = "Example:\n  coachplan snooze hannah 3w --note \"Away with family\"")]
    Snooze(SnoozeArgs),

    /// Remove the latest history entry (of ID), after printing it
    #[command(after_help = "Example:\n  coachplan undo alice")]
    Undo(UndoArgs),

    /// Check the roster and the history and report every problem
    #[command(after_help = "Example:\n  coachplan check --file clients.toml")]
    Check,

    /// Write a commented starter roster at the roster path
    #[command(
        after_help = "Example:\n  coachplan init && $EDITOR ~/.config/coachplan/clients.toml"
    )]
    Init(InitArgs),

    /// How many clients stay with you after month 1, 2, … 12
    #[command(after_help = "Example:\n  coachplan retention --format csv")]
    Retention,

    /// Print shell completions
    #[command(
        after_help = "Example:\n  coachplan completions bash > ~/.local/share/bash-completion/completions/coachplan"
    )]
    Completions(CompletionsArgs),

    /// Print the man page (roff)
    #[command(after_help = "Example:\n  coachplan man > ~/.local/share/man/man1/coachplan.1")]
    Man,
}

#[derive(Debug, Args, Default)]
pub struct TodayArgs {
    /// List every client due, ignoring `daily_limit`
    #[arg(long)]
    pub all: bool,

    /// Only this client (by id)
    #[arg(long, value_name = "ID")]
    pub client: Option<String>,

    /// Only clients with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,

    /// Leave out the "waiting on them" list
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Show a draft message for each client
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// How many days, starting today
    #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=366))]
    pub days: u32,

    /// Only clients with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The client's id
    #[arg(value_name = "ID")]
    pub id: String,
}

#[derive(Debug, Args)]
pub struct DraftArgs {
    /// Client ids [default: every client due today]
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// How many days back (and ahead, for what comes up)
    #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=366))]
    pub days: u32,
}

#[derive(Debug, Args)]
pub struct JourneyArgs {
    /// Client ids [default: every client who has not ended]
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,

    /// How many months to show [default: the journey's length]
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=120))]
    pub months: Option<u32>,
}

#[derive(Debug, Args)]
pub struct ClientsArgs {
    /// Only clients with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Client ids, one entry each
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,

    /// They did not answer (counts toward setting them aside)
    #[arg(long, conflicts_with = "session")]
    pub no_reply: bool,

    /// They came to a session (also a contact)
    #[arg(long)]
    pub session: bool,

    /// The planned conversations this one handled [default for a contact: the steps,
    /// renewal talks and goal reviews due; for a session or no-reply: none]
    #[arg(long, value_name = "KIND", num_args = 1.., value_parser = ["step", "renewal", "target", "none"])]
    pub done: Option<Vec<String>>,

    /// The next touch, agreed for DATE (or after a duration, e.g. 2w)
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub next: Option<DateArg>,

    /// What was said, to show next time
    #[arg(long, short = 'n', value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct SnoozeArgs {
    /// Client ids
    #[arg(value_name = "ID", required = true, num_args = 1..)]
    pub ids: Vec<String>,

    /// Until when: a date, or a duration from today (e.g. 3w)
    #[arg(value_name = "DATE", value_parser = parse_date_arg, last = false)]
    pub until: DateArg,

    /// Why, to show next time
    #[arg(long, short = 'n', value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// Only this client's latest entry [default: the latest entry of all]
    #[arg(value_name = "ID")]
    pub id: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Overwrite an existing roster
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
