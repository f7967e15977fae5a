//! The command line, as clap derive types. No logic lives here: `settings` turns these
//! into the plain values the rest of the program uses.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCandidates;

/// Client ids for the shell's completion, from the roster the command would read.
fn ids() -> ArgValueCandidates {
    ArgValueCandidates::new(crate::complete::client_id_candidates)
}

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
    /// The roster file, or - for standard input [default: $COACHPLAN_FILE, else
    /// <config dir>/coachplan/clients.toml]
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

    /// Write the output to FILE (atomically: a reader never sees half of it)
    #[arg(long, short = 'o', global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,

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
    match crate::roster::parse_date(text) {
        Ok(d) => return Ok(DateArg::On(d)),
        // Shaped like a date: say what is wrong with it.
        Err(why) if text.len() == 10 && text.as_bytes().get(4) == Some(&b'-') => {
            return Err(why);
        }
        Err(_) => {}
    }
    crate::roster::Period::parse(text)
        .map(DateArg::After)
        .map_err(|(why, hint)| {
            // A duration that is only too long or negative: say that, not "neither".
            if why.contains("too long") || why.contains("negative") {
                format!("{why} ({hint})")
            } else {
                format!("`{text}` is neither a date (YYYY-MM-DD) nor a duration (10d, 3w, 2m)")
            }
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
    #[command(
        override_usage = "coachplan snooze [OPTIONS] <ID>... <DATE>",
        after_help = "Example:\n  coachplan snooze hannah 3w --note \"Away with family\""
    )]
    Snooze(SnoozeArgs),

    /// Remove the latest history entry (of ID), after printing it
    #[command(after_help = "Example:\n  coachplan undo alice")]
    Undo(UndoArgs),

    /// Add a client to the roster
    #[command(
        after_help = "Example:\n  coachplan add \"Hannah Berg\" --start 2026-11-23 --goal \"Run 5 km\" \\\n    --why \"Her sister's charity run\" --cadence 1w --tag online"
    )]
    Add(Box<AddArgs>),

    /// Add the clients of a spreadsheet (CSV with a header row)
    #[command(after_help = "Example:\n  coachplan import clients.csv --dry-run")]
    Import(ImportArgs),

    /// Log the sessions that happened, from calendars (.ics) and booking exports (.csv)
    #[command(
        after_help = "Example:\n  coachplan attendance ~/Downloads/calendar.ics visits.csv --dry-run"
    )]
    Attendance(AttendanceArgs),

    /// Pause a client, until a date or open-ended
    #[command(after_help = "Example:\n  coachplan pause priya --until 2026-12-07")]
    Pause(PauseArgs),

    /// Make a paused (or ended) client active again
    #[command(after_help = "Example:\n  coachplan resume priya")]
    Resume(IdArgs),

    /// End working with a client (on the planning day, or --date)
    #[command(after_help = "Example:\n  coachplan end marco --date 2026-08-01")]
    End(IdArgs),

    /// Set a client's renewal date
    #[command(after_help = "Example:\n  coachplan renew grace 2027-06-15")]
    Renew(RenewArgs),

    /// Check the roster and the history and report every problem
    #[command(after_help = "Example:\n  coachplan check --file clients.toml")]
    Check,

    /// Write a commented starter roster at the roster path
    #[command(
        after_help = "Example:\n  coachplan init && $EDITOR ~/.config/coachplan/clients.toml"
    )]
    Init(InitArgs),

    /// How many clients stay with you after month 1, 2, ... 12
    #[command(after_help = "Example:\n  coachplan retention --format csv")]
    Retention,

    /// Print shell completions
    #[command(
        after_help = "Example:\n  coachplan completions bash > ~/.local/share/bash-completion/completions/coachplan"
    )]
    Completions(CompletionsArgs),

    /// Print the man page (roff), or a command's, or write them all to a folder
    #[command(
        after_help = "Examples:\n  coachplan man > ~/.local/share/man/man1/coachplan.1\n  coachplan man today\n  coachplan man --dir ~/.local/share/man/man1"
    )]
    Man(ManArgs),
}

#[derive(Debug, Args, Default)]
pub struct TodayArgs {
    /// List every client due, ignoring `daily_limit`
    #[arg(long)]
    pub all: bool,

    /// Only this client (by id)
    #[arg(long, value_name = "ID", add = ids())]
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
pub struct AddArgs {
    /// Their name
    #[arg(value_name = "NAME")]
    pub name: String,
    /// First day working together (a date, or a duration from today)
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub start: DateArg,
    /// Their id [default: from the name]
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// Their goal, in their words
    #[arg(long, value_name = "TEXT")]
    pub goal: Option<String>,
    /// Their reasons, in their words
    #[arg(long, value_name = "TEXT")]
    pub why: Option<String>,
    /// Target date for the goal
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub goal_by: Option<DateArg>,
    /// Routine check-in interval (e.g. 1w), or none
    #[arg(long, value_name = "DURATION")]
    pub cadence: Option<String>,
    /// Journey name, or none
    #[arg(long, value_name = "NAME")]
    pub journey: Option<String>,
    /// Tags (`--tag online group`, or the flag repeated)
    #[arg(long = "tag", value_name = "TAG", num_args = 1..)]
    pub tags: Vec<String>,
    /// Personal notes (`--note "Dog: Rex" "Loves hiking"`, or the flag repeated)
    #[arg(long = "note", value_name = "TEXT", num_args = 1..)]
    pub notes: Vec<String>,
    /// YYYY-MM-DD, or MM-DD when the year is unknown
    #[arg(long, value_name = "DATE")]
    pub birthday: Option<String>,
    /// How they like to be reached
    #[arg(long, value_name = "TEXT")]
    pub channel: Option<String>,
    /// Phone or e-mail
    #[arg(long, value_name = "TEXT")]
    pub contact: Option<String>,
    /// Membership or package renewal date
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub renewal: Option<DateArg>,
    /// The days they usually train (`--sessions mon thu`, or `mon,thu`)
    #[arg(long, value_name = "DAYS", num_args = 1.., value_delimiter = ',')]
    pub sessions: Vec<String>,
    /// A pack of this many sessions, bought on the start date
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub package: Option<u32>,
}

#[derive(Debug, Args)]
pub struct AttendanceArgs {
    /// Calendars (.ics) and booking systems' visit exports (.csv)
    #[arg(value_name = "FILE", required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// Show what would be logged, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The spreadsheet, saved as CSV with a header row
    #[arg(value_name = "FILE.csv")]
    pub sheet: PathBuf,
    /// Show what would be added, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// How the sheet writes dates whose day and month could swap: DD/MM/YYYY or
    /// MM/DD/YYYY (also YYYY-MM-DD, DD.MM.YYYY) [default: as the sheet's dates tell]
    #[arg(long, value_name = "F", value_parser = crate::import::DateFormat::parse)]
    pub date_format: Option<crate::import::DateFormat>,
}

#[derive(Debug, Args)]
pub struct PauseArgs {
    /// The client's id
    #[arg(value_name = "ID", add = ids())]
    pub id: String,
    /// Back on this day (a date, or a duration from today) [default: open-ended]
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub until: Option<DateArg>,
}

#[derive(Debug, Args)]
pub struct IdArgs {
    /// The client's id
    #[arg(value_name = "ID", add = ids())]
    pub id: String,
}

#[derive(Debug, Args)]
pub struct RenewArgs {
    /// The client's id
    #[arg(value_name = "ID", add = ids())]
    pub id: String,
    /// The new renewal date (or a duration from today)
    #[arg(value_name = "DATE", value_parser = parse_date_arg, required_unless_present = "package", conflicts_with = "package")]
    pub renewal: Option<DateArg>,
    /// A new pack of N sessions, from today
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub package: Option<u32>,
}

#[derive(Debug, Clone, Args)]
pub struct ShowArgs {
    /// The client's id
    #[arg(value_name = "ID", add = ids())]
    pub id: String,
}

#[derive(Debug, Args)]
pub struct DraftArgs {
    /// Client ids [default: every client due today]
    #[arg(value_name = "ID", add = ids())]
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
    #[arg(value_name = "ID", add = ids())]
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
    #[arg(value_name = "ID", required = true, add = ids())]
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
    /// Client ids, then until when: a date, or a duration from today (e.g. 3w). Options
    /// may stand anywhere: `snooze hannah --note "Exams" 3w` works too.
    #[arg(value_name = "ID... DATE", required = true, num_args = 1.., action = clap::ArgAction::Append, add = ids())]
    pub args: Vec<String>,

    /// Why, to show next time
    #[arg(long, short = 'n', value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// Only this client's latest entry [default: the latest entry of all]
    #[arg(value_name = "ID", add = ids())]
    pub id: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Overwrite an existing roster
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command's page instead of the main one
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
    /// Write every page (coachplan.1, coachplan-today.1, ...) into this folder
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

impl SnoozeArgs {
    /// The client ids and the date: the last positional argument is the date, whatever
    /// options came between them.
    pub fn split(&self) -> Result<(&[String], DateArg), String> {
        let Some((date, ids)) = self.args.split_last() else {
            return Err("snooze needs client ids and a date".to_string());
        };
        if ids.is_empty() {
            return Err(format!(
                "snooze needs a date after the client id `{date}` (e.g. 3w)"
            ));
        }
        let until = parse_date_arg(date)
            .map_err(|why| format!("the last argument of snooze is the date: {why}"))?;
        Ok((ids, until))
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    /// Splits a shell line into words, honouring double quotes; stops at `>`, `&&` and `|`.
    fn words(line: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut word = String::new();
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if quoted => word.extend(chars.next()),
                '"' => quoted = !quoted,
                ' ' if !quoted => {
                    if !word.is_empty() {
                        out.push(std::mem::take(&mut word));
                    }
                }
                '>' | '|' | '&' if !quoted => break,
                c => word.push(c),
            }
        }
        if !word.is_empty() {
            out.push(word);
        }
        out
    }

    #[test]
    fn no_command_argument_shadows_a_global_option() {
        // `import FILE` once took over the global `--file` without a word.
        let cli = super::Cli::command();
        let globals: Vec<&str> = cli
            .get_arguments()
            .filter(|a| a.is_global_set())
            .map(|a| a.get_id().as_str())
            .collect();
        assert!(globals.contains(&"file") && globals.contains(&"date"));
        for sub in cli.get_subcommands() {
            for arg in sub.get_arguments() {
                assert!(
                    !globals.contains(&arg.get_id().as_str()),
                    "`{}` has an argument `{}` like the global one",
                    sub.get_name(),
                    arg.get_id()
                );
            }
        }
    }

    #[test]
    fn every_example_in_the_help_parses() {
        super::Cli::command().debug_assert();
        let mut parsed = 0;
        for sub in super::Cli::command().get_subcommands() {
            let help = sub
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            for line in help
                .lines()
                .map(str::trim)
                .filter(|l| l.starts_with("coachplan "))
            {
                let line = line.trim_end_matches('\\');
                let args = words(line);
                // A subcommand argument that shadows a global one panics right here.
                let result = super::Cli::try_parse_from(&args);
                assert!(result.is_ok(), "`{line}`: {:?}", result.err());
                parsed += 1;
            }
        }
        assert!(parsed >= 20, "{parsed} examples");
    }
}
