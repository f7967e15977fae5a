//! One function per command: read settings → load roster and history → plan → render →
//! write. Nothing flows back; this is the only module that writes to stdout.

use std::io::Write;
use std::path::PathBuf;

use clap::CommandFactory;

use crate::cli::{
    AddArgs, AgendaArgs, Cli, ClientsArgs, Command, DraftArgs, IdArgs, ImportArgs, InitArgs,
    JourneyArgs, LogArgs, ReviewArgs, ShowArgs, SnoozeArgs, TodayArgs, UndoArgs,
};
use crate::error::Error;
use crate::history::{self, DoneKind, EntryKind, NewEntry};
use crate::plan::journey::{default_months, plan_journey};
use crate::plan::today::{Filter, plan_today};
use crate::plan::{
    ItemKind,
    agenda::{plan_agenda, plan_calendar},
    client_files, plan_client,
    retention::plan_retention,
};
use crate::render::rows::{JourneyRow, agenda_rows, client_rows, journey_rows, today_rows};
use crate::render::text::short_date;
use crate::render::{Format, Records, ics, table, write_records};
use crate::roster::Roster;
use crate::roster::edit::{Change, NewClient};
use crate::settings::{self, Settings};
use crate::store::{self, Loaded};

mod desk;
mod roster_edits;
mod tools;
mod views;
mod writes;

use desk::*;
use roster_edits::*;
use tools::*;
use views::*;
use writes::*;

/// Runs the command line and returns when all output is written.
pub fn run(cli: Cli) -> Result<(), Error> {
    let command = cli.command.unwrap_or(Command::Today(TodayArgs::default()));
    // These two need no roster and no settings.
    match &command {
        Command::Completions(args) => {
            // The same registration as `COMPLETE=SHELL coachplan`: the shell asks the
            // binary, which completes client ids from the roster.
            use clap_complete::env::{self as shells, EnvCompleter};
            let shell: &dyn EnvCompleter = match args.shell {
                clap_complete::Shell::Bash => &shells::Bash,
                clap_complete::Shell::Zsh => &shells::Zsh,
                clap_complete::Shell::Fish => &shells::Fish,
                clap_complete::Shell::Elvish => &shells::Elvish,
                clap_complete::Shell::PowerShell => &shells::Powershell,
                other => {
                    return Err(Error::usage(format!("no completions for {other}"), None));
                }
            };
            let mut buf = Vec::new();
            shell
                .write_registration("COMPLETE", "coachplan", "coachplan", "coachplan", &mut buf)
                .map_err(Error::Output)?;
            return write_out(cli.global.output.as_deref(), &buf);
        }
        Command::Man(args) => return man(args, cli.global.output.as_deref()),
        _ => {}
    }
    let settings = settings::resolve(&cli.global)?;
    refuse_output_over(&settings, &settings.roster_path, "roster")?;
    let default_history = settings
        .history_path
        .clone()
        .unwrap_or_else(|| store::history_path(&settings.roster_path, None));
    refuse_output_over(&settings, &default_history, "history")?;
    accepts_format(&command, settings.format)?;
    match command {
        Command::Today(args) => today(&settings, &args),
        Command::Agenda(args) => agenda(&settings, &args),
        Command::Journey(args) => journey(&settings, &args),
        Command::Clients(args) => clients(&settings, &args),
        Command::Show(args) => show(&settings, &args),
        Command::Draft(args) => draft(&settings, &args),
        Command::Review(args) => review(&settings, &args),
        Command::Log(args) => log(&settings, &args),
        Command::Snooze(args) => snooze(&settings, &args),
        Command::Undo(args) => undo(&settings, &args),
        Command::Add(args) => add(&settings, &args),
        Command::Import(args) => import(&settings, &args),
        Command::Attendance(args) => attendance(&settings, &args),
        Command::Pause(args) => change_client(&settings, &args.id, |today| {
            let until = args.until.map(|d| resolve_date(d, today)).transpose()?;
            if let Some(until) = until.filter(|&u| u < today) {
                return Err(Error::usage(
                    format!("--until {until} is before {today}: a break cannot end in the past"),
                    Some("give a later date, a duration such as 3w, or leave --until out for an open-ended break".to_string()),
                ));
            }
            Ok(Change::Pause { from: today, until })
        }),
        Command::Resume(args) => {
            change_client(&settings, &args.id, |today| Ok(Change::Resume(today)))
        }
        Command::End(IdArgs { id }) => {
            change_client(&settings, &id, |today| Ok(Change::End(today)))
        }
        Command::Renew(args) => change_client(&settings, &args.id, |today| {
            match (args.package, args.renewal) {
                (Some(n), _) => Ok(Change::RenewPack(n, today)),
                (None, Some(date)) => Ok(Change::Renew(resolve_date(date, today)?)),
                (None, None) => Err(Error::usage(
                    "renew needs a new renewal date or --package N",
                    None,
                )),
            }
        }),
        Command::Check => check(&settings),
        Command::Init(args) => init(&settings, &args),
        Command::Retention => retention(&settings),
        Command::Completions(_) | Command::Man(_) => Ok(()),
    }
}

/// Standard output, locked and buffered for the whole command (no flush per row). A
/// reader that closed the pipe early (`| head`) is a normal end, reported as
/// `Error::Output(BrokenPipe)`, which exits 0 quietly.
/// With `-o FILE`, the output is collected and written to FILE atomically at the end, so
/// that a calendar app subscribed to it never reads half of it.
enum Output {
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    /// (v3) CSV, JSON or iCalendar on a terminal: control characters escaped.
    Terminal(crate::text::TerminalSafe<std::io::BufWriter<std::io::StdoutLock<'static>>>),
    File(PathBuf, Vec<u8>),
}

impl Output {
    /// Standard output, or `-o FILE` (a value, not process state: `run` can be called
    /// twice in one process with different targets).
    fn new(to: Option<&std::path::Path>) -> Output {
        match to {
            Some(path) => Output::File(path.to_path_buf(), Vec::new()),
            None => Output::Stdout(std::io::BufWriter::with_capacity(
                64 * 1024,
                std::io::stdout().lock(),
            )),
        }
    }

    /// The command's output: `-o FILE`, else standard output, where (v3) a machine
    /// format on a terminal has its control characters escaped as the tables do; into a
    /// pipe or a file the data is written as it is.
    fn of(settings: &Settings) -> Output {
        match Output::new(settings.output.as_deref()) {
            Output::Stdout(out) if settings.is_terminal && settings.format != Format::Table => {
                Output::Terminal(crate::text::TerminalSafe::new(
                    out,
                    settings.format == Format::Json,
                ))
            }
            out => out,
        }
    }

    fn put(&mut self, bytes: &[u8]) -> Result<(), Error> {
        match self {
            Output::Stdout(out) => out.write_all(bytes).map_err(Error::Output),
            Output::Terminal(out) => out.write_all(bytes).map_err(Error::Output),
            Output::File(_, buf) => {
                buf.extend_from_slice(bytes);
                Ok(())
            }
        }
    }

    fn finish(self) -> Result<(), Error> {
        match self {
            Output::Stdout(mut out) => out.flush().map_err(Error::Output),
            Output::Terminal(mut out) => out.flush().map_err(Error::Output),
            Output::File(path, buf) => write_output_file(&path, &buf).map_err(|e| Error::Io {
                path: path.clone(),
                hint: crate::error::folder_hint(&e)
                    .or_else(|| Some("check that the folder of --output is writable".to_string())),
                source: e,
            }),
        }
    }
}

/// `-o FILE`: a regular file (or a new one, its missing folders made with mode 0700) is
/// replaced atomically, through a symbolic link its target; a device or a pipe
/// (`-o /dev/null`, a FIFO a script reads) is written to as it is, never renamed over.
fn write_output_file(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => std::fs::OpenOptions::new()
            .write(true)
            .open(path)?
            .write_all(bytes),
        Ok(_) => store::write_atomic(path, bytes),
        Err(_) => {
            if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                let mut dirs = std::fs::DirBuilder::new();
                dirs.recursive(true);
                #[cfg(unix)]
                std::os::unix::fs::DirBuilderExt::mode(&mut dirs, 0o700);
                dirs.create(folder)?;
            }
            store::write_atomic(path, bytes)
        }
    }
}

/// Renderers that stream write into the output as into any writer.
impl Write for Output {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(bytes),
            Output::Terminal(out) => out.write(bytes),
            Output::File(_, buf) => buf.write(bytes),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::Terminal(out) => out.flush(),
            Output::File(..) => Ok(()),
        }
    }
}

/// Warnings go to stderr, so that they never mix with the output. A stderr that cannot
/// be written to has nowhere to report that either; the command goes on.
fn warn(warnings: &[crate::diag::Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for w in warnings {
        let _ = write!(err, "{w}");
    }
}

/// A warning without a place in a file: `warning: …` and its hint, on stderr.
fn warn_plain(message: &str, hint: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "warning: {}\n  hint: {}",
        crate::text::escape_controls(message),
        crate::text::escape_controls(hint)
    );
}

/// Writes a whole output at once.
fn write_out(to: Option<&std::path::Path>, bytes: &[u8]) -> Result<(), Error> {
    let mut out = Output::new(to);
    out.put(bytes)?;
    out.finish()
}

/// (#23) The one table of which formats each command prints: dispatch refuses the
/// others here, and the hint names exactly the ones the command takes.
fn formats_of(command: &Command) -> (&'static str, &'static [Format]) {
    use Format::{Csv, Ics, Json, Table};
    const TEXT: &[Format] = &[Table];
    const ROWS: &[Format] = &[Table, Csv, Json];
    match command {
        Command::Today(_) => ("today", ROWS),
        Command::Agenda(_) => ("agenda", &[Table, Csv, Json, Ics]),
        Command::Journey(_) => ("journey", &[Table, Csv, Json, Ics]),
        Command::Clients(_) => ("clients", ROWS),
        Command::Review(_) => ("review", ROWS),
        Command::Retention => ("retention", ROWS),
        Command::Show(_) => ("show", &[Table, Json]),
        Command::Check => ("check", &[Table, Json]),
        Command::Draft(_) => ("draft", TEXT),
        Command::Log(_) => ("log", TEXT),
        Command::Snooze(_) => ("snooze", TEXT),
        Command::Undo(_) => ("undo", TEXT),
        Command::Add(_) => ("add", TEXT),
        Command::Import(_) => ("import", TEXT),
        Command::Attendance(_) => ("attendance", TEXT),
        Command::Pause(_) => ("pause", TEXT),
        Command::Resume(_) => ("resume", TEXT),
        Command::End(_) => ("end", TEXT),
        Command::Renew(_) => ("renew", TEXT),
        Command::Init(_) => ("init", TEXT),
        Command::Completions(_) => ("completions", TEXT),
        Command::Man(_) => ("man", TEXT),
    }
}

fn accepts_format(command: &Command, format: Format) -> Result<(), Error> {
    let (name, formats) = formats_of(command);
    if formats.contains(&format) {
        return Ok(());
    }
    let hint = match formats {
        [Format::Table] => "leave out --format: it prints text".to_string(),
        _ => {
            let names: Vec<&str> = formats.iter().map(|f| f.as_str()).collect();
            format!("use --format {}", names.join(", "))
        }
    };
    // A calendar is what `agenda` and `journey` are for.
    let hint = match format {
        Format::Ics => format!("{hint}; for a calendar: `agenda` or `journey` --format ics"),
        _ => hint,
    };
    Err(Error::usage(
        format!("`{name}` does not print {}", format.as_str()),
        Some(hint),
    ))
}

/// The roster and its history, validated.
fn load(settings: &Settings) -> Result<Loaded, Error> {
    let loaded = store::load(
        &settings.roster_path,
        settings.history_path.as_deref(),
        settings.cache.as_deref(),
    )?;
    // `[coach] history` is known only now.
    if let Some(history) = &loaded.history_path {
        refuse_output_over(settings, history, "history")?;
    }
    Ok(loaded)
}

/// (v3) `-o` never replaces the roster or the history with a command's output (by name,
/// or through a link of either kind).
fn refuse_output_over(
    settings: &Settings,
    file: &std::path::Path,
    what: &str,
) -> Result<(), Error> {
    match &settings.output {
        Some(out) if store::same_path(out, file) => Err(Error::usage(
            format!(
                "--output {} is the {what} file itself; it was left as it is",
                out.display()
            ),
            Some("write the output to another file".to_string()),
        )),
        _ => Ok(()),
    }
}

/// The history file to write to; with the roster on standard input there is none unless
/// `--history` names one.
fn history_file(loaded: &Loaded) -> Result<&std::path::Path, Error> {
    loaded.history_path.as_deref().ok_or_else(|| {
        Error::usage(
            "with --file - there is no history file to write to",
            Some("name one with --history PATH (or COACHPLAN_HISTORY)".to_string()),
        )
    })
}

/// Client ids from the command line to roster indices; unknown ones are refused.
/// The roster indices of the ids on the command line. An id that matches no client but is
/// the first name of exactly one (ignoring case) stands for that client, and stderr says
/// which one it took (`log tom` for Tom Hardy, `tom-hardy`); never for a first name that
/// two clients share. See docs/planning.md, "Client ids".
fn resolve_ids(roster: &Roster, ids: &[String]) -> Result<Vec<usize>, Error> {
    let known = roster.ids();
    ids.iter()
        .map(|id| {
            if let Some(i) = known.find(id) {
                return Ok(i);
            }
            let mut by_first = roster.clients.iter().enumerate().filter(|(_, c)| {
                crate::draft::first_name(&c.name).to_lowercase() == id.to_lowercase()
            });
            if let (Some((i, c)), None) = (by_first.next(), by_first.next()) {
                warn_plain(
                    &format!(
                        "`{id}` is not an id; took {} ({}), the one client of that first name",
                        c.name, c.id
                    ),
                    &format!("their id is `{}`", c.id),
                );
                return Ok(i);
            }
            Err(Error::UnknownClient {
                id: id.clone(),
                suggestion: known.closest(id),
            })
        })
        .collect()
}
