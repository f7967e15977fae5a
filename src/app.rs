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
                source: e,
                hint: Some("check that the folder of --output is writable".to_string()),
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
    let loaded = store::load(&settings.roster_path, settings.history_path.as_deref())?;
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

/// `man`: the main page, a command's page, or every page into a folder.
fn man(args: &crate::cli::ManArgs, to: Option<&std::path::Path>) -> Result<(), Error> {
    let mut root = Cli::command();
    root.build();
    let failed = |e: std::io::Error| Error::Output(e);
    if let Some(dir) = &args.dir {
        let pages = crate::render::man::all_pages(&root).map_err(failed)?;
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        for (name, page) in &pages {
            let path = dir.join(name);
            // Man pages are not personal data: readable by every user, as man expects.
            store::write_atomic(&path, page)
                .and_then(|()| readable_by_all(&path))
                .map_err(|e| Error::Io {
                    path: path.clone(),
                    source: e,
                    hint: Some("check that the folder exists and is writable".to_string()),
                })?;
        }
        return confirm(
            to,
            format!("wrote {} man pages to {}\n", pages.len(), dir.display()).as_bytes(),
        );
    }
    let page = match &args.command {
        None => crate::render::man::main_page(root).map_err(failed)?,
        Some(name) => match crate::render::man::command_page(&root, name) {
            Some(page) => page.map_err(failed)?,
            None => {
                let names: Vec<&str> = root.get_subcommands().map(|c| c.get_name()).collect();
                return Err(Error::usage(
                    format!("there is no command `{name}`"),
                    Some(crate::suggest::hint(
                        name,
                        names.iter().copied(),
                        ("`", "`"),
                        || format!("the commands are {}", names.join(", ")),
                    )),
                ));
            }
        },
    };
    write_out(to, &page)
}

fn readable_by_all(path: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
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

fn today(settings: &Settings, args: &TodayArgs) -> Result<(), Error> {
    let loaded = load(settings)?;
    let roster = &loaded.roster;
    let files = client_files(roster, &loaded.history, settings.today);
    let filter = Filter {
        clients: resolve_ids(roster, args.client.as_slice())?,
        tag: args.tag.clone(),
    };
    let plan = plan_today(roster, &files, settings.today, &filter, args.all);
    let options = table::TodayOptions {
        quiet: args.quiet,
        drafts: args.drafts,
    };
    let mut out = Output::of(settings);
    match settings.format {
        // Cron-friendly: nothing due and nobody watching means no output, so no mail.
        Format::Table
            if plan.due.is_empty()
                && plan.in_today.iter().all(|t| t.bring_up.is_empty())
                && !settings.is_terminal => {}
        Format::Table => table::today(&mut out, roster, &files, &plan, settings.style, options)
            .map_err(Error::Output)?,
        Format::Csv | Format::Json | Format::Ics => {
            if plan.more > 0 {
                eprintln!(
                    "note: {} more due, left out by daily_limit; add --all to list them",
                    plan.more
                );
            }
            let rows = today_rows(roster, &files, &plan);
            write_records(&mut out, settings.format, &rows)?;
        }
    }
    out.finish()
}

fn agenda(settings: &Settings, args: &AgendaArgs) -> Result<(), Error> {
    let loaded = load(settings)?;
    let roster = &loaded.roster;
    let files = client_files(roster, &loaded.history, settings.today);
    let filter = Filter::tagged(args.tag.clone());
    // (v3) A calendar gets the pending items only: nothing that vanishes tomorrow.
    let entries = if settings.format == Format::Ics {
        plan_calendar(roster, &files, settings.today, args.days, &filter)
    } else {
        plan_agenda(roster, &files, settings.today, args.days, &filter)
    };
    let mut out = Output::of(settings);
    match settings.format {
        Format::Table => {
            drop(files); // the table needs the roster and the entries only
            let (today, days) = (settings.today, args.days);
            table::agenda(&mut out, roster, &entries, today, days, settings.style)
                .map_err(Error::Output)?;
        }
        Format::Ics => {
            let events = ics::agenda_events(roster, &entries);
            out.put(ics::render(roster, &events, settings.today).as_bytes())?;
        }
        Format::Csv | Format::Json => {
            let rows = agenda_rows(roster, &files, &entries);
            write_records(&mut out, settings.format, &rows)?;
        }
    }
    out.finish()
}

fn journey(settings: &Settings, args: &JourneyArgs) -> Result<(), Error> {
    let loaded = load(settings)?;
    let roster = &loaded.roster;
    let files = client_files(roster, &loaded.history, settings.today);
    let indices = if args.ids.is_empty() {
        (0..roster.clients.len())
            .filter(|&i| roster.clients[i].status != crate::roster::Status::Ended)
            .collect()
    } else {
        resolve_ids(roster, &args.ids)?
    };
    // Each client's map is planned apart (a client's timeline is the costly part), so
    // the clients are shared out over the cores, as the roster's blocks are when read.
    let plan = |indices: &[usize]| -> Vec<_> {
        use rayon::prelude::*;
        indices
            .par_iter()
            .with_min_len(64)
            .map(|&i| {
                let months = match args.months {
                    Some(n) => 1..=n,
                    None => default_months(roster, &roster.clients[i], settings.today),
                };
                plan_journey(roster, &files[i], settings.today, months)
            })
            .collect()
    };
    let mut out = Output::of(settings);
    match settings.format {
        Format::Table => {
            let text = table::journey(roster, &plan(&indices), settings.today, settings.style);
            out.put(text.as_bytes())?;
        }
        Format::Ics => {
            let events = ics::journey_events(roster, &plan(&indices));
            out.put(ics::render(roster, &events, settings.today).as_bytes())?;
        }
        Format::Csv | Format::Json => {
            // A whole gym's map is millions of rows: planned and written a slice of
            // clients at a time, so memory stays flat however large the roster.
            let mut records = Records::new::<JourneyRow>(&mut out, settings.format)?;
            for chunk in indices.chunks(1000) {
                records.rows(&journey_rows(roster, &plan(chunk)))?;
            }
            records.finish()?;
        }
    }
    out.finish()
}

fn clients(settings: &Settings, args: &ClientsArgs) -> Result<(), Error> {
    let loaded = load(settings)?;
    let roster = &loaded.roster;
    let files = client_files(roster, &loaded.history, settings.today);
    let filter = Filter::tagged(args.tag.clone());
    let rows = client_rows(roster, &files, settings.today, &filter);
    let mut out = Output::of(settings);
    match settings.format {
        Format::Table => table::clients(&mut out, roster, &rows, settings.today, settings.style)
            .map_err(Error::Output)?,
        Format::Csv | Format::Json | Format::Ics => {
            write_records(&mut out, settings.format, &rows)?;
        }
    }
    out.finish()
}

fn show(settings: &Settings, args: &ShowArgs) -> Result<(), Error> {
    let loaded = load(settings)?;
    let roster = &loaded.roster;
    let index = resolve_ids(roster, std::slice::from_ref(&args.id))?[0];
    let files = client_files(roster, &loaded.history, settings.today);
    let file = &files[index];
    let plan = plan_client(roster, file, settings.today);
    let text = match settings.format {
        Format::Table => {
            crate::render::desk::show(roster, file, &plan, settings.today, settings.style)
        }
        Format::Json => crate::render::desk::show_json(roster, file, &plan, settings.today),
        // Refused at dispatch (`formats_of`); kept as an error, never a silent success.
        Format::Csv | Format::Ics => {
            return accepts_format(&Command::Show(args.clone()), settings.format);
        }
    };
    let mut out = Output::of(settings);
    out.put(text.as_bytes())?;
    out.finish()
}

fn draft(settings: &Settings, args: &DraftArgs) -> Result<(), Error> {
    let loaded = load(settings)?;
    let roster = &loaded.roster;
    let today = settings.today;
    let files = client_files(roster, &loaded.history, today);
    let mut blocks = Vec::new();
    if args.ids.is_empty() {
        let plan = plan_today(roster, &files, today, &Filter::default(), false);
        for due in &plan.due {
            let items: Vec<_> = due.items.iter().collect();
            blocks.extend(crate::render::desk::draft_block(
                roster,
                &roster.clients[due.client],
                &items,
                today,
            ));
        }
    } else {
        for i in resolve_ids(roster, &args.ids)? {
            let plan = plan_client(roster, &files[i], today);
            // What is listed today, else their next item.
            let mut items: Vec<_> = plan.listed(today).collect();
            if items.is_empty() {
                items.extend(
                    plan.pending()
                        .find(|i| i.kind != ItemKind::Birthday || i.date == today),
                );
            }
            match crate::render::desk::draft_block(roster, &roster.clients[i], &items, today) {
                Some(block) => blocks.push(block),
                None if items.iter().any(|i| i.in_person) => blocks.push(format!(
                    "{}\n(to bring up in person at {}'s session: no message)\n",
                    crate::render::text::escape_controls(&roster.clients[i].name),
                    items
                        .iter()
                        .find(|i| i.in_person)
                        .map_or(String::new(), |i| i.date.format("%A").to_string())
                )),
                None => blocks.push(format!(
                    "{}\n(nothing planned: no draft)\n",
                    crate::render::text::escape_controls(&roster.clients[i].name)
                )),
            }
        }
    }
    if blocks.is_empty() && !settings.is_terminal {
        return Ok(());
    }
    let text = if blocks.is_empty() {
        "Nothing due today: no drafts.\n".to_string()
    } else {
        blocks.join("\n")
    };
    write_out(settings.output.as_deref(), text.as_bytes())
}

fn review(settings: &Settings, args: &ReviewArgs) -> Result<(), Error> {
    let loaded = load(settings)?;
    let roster = &loaded.roster;
    let files = client_files(roster, &loaded.history, settings.today);
    let review = crate::plan::review::plan_review(roster, &files, settings.today, args.days);
    let mut out = Output::of(settings);
    match settings.format {
        Format::Table => {
            let text = crate::render::desk::review(roster, &review, args.days, settings.style);
            out.put(text.as_bytes())?;
        }
        Format::Csv | Format::Json | Format::Ics => {
            let rows = crate::render::rows::review_rows(roster, &review);
            write_records(&mut out, settings.format, &rows)?;
        }
    }
    out.finish()
}

fn retention(settings: &Settings) -> Result<(), Error> {
    let (roster, _) = store::load_roster(&settings.roster_path)?;
    let months = plan_retention(&roster, settings.today, 12);
    let counted = months.first().map_or(0, |m| m.at_risk as usize);
    let mut out = Output::of(settings);
    match settings.format {
        Format::Table => out.put(table::retention(&months, counted, settings.style).as_bytes())?,
        Format::Csv | Format::Json | Format::Ics => {
            write_records(&mut out, settings.format, &months)?;
        }
    }
    out.finish()
}

fn add(settings: &Settings, args: &AddArgs) -> Result<(), Error> {
    let today = settings.today;
    let date = |d: Option<crate::cli::DateArg>| d.map(|d| resolve_date(d, today)).transpose();
    let client = NewClient {
        name: args.name.clone(),
        id: args.id.clone(),
        start: Some(resolve_date(args.start, today)?),
        goal: args.goal.clone(),
        why: args.why.clone(),
        goal_by: date(args.goal_by)?,
        cadence: args.cadence.clone(),
        journey: args.journey.clone(),
        tags: args.tags.clone(),
        notes: args.notes.clone(),
        birthday: args.birthday.clone(),
        channel: args.channel.clone(),
        contact: args.contact.clone(),
        renewal: date(args.renewal)?,
        sessions: args
            .sessions
            .iter()
            .map(|d| d.trim().to_ascii_lowercase())
            .collect(),
        package: args.package,
        package_start: args
            .package
            .map(|_| resolve_date(args.start, today))
            .transpose()?,
        ..NewClient::default()
    };
    let path = &settings.roster_path;
    let change = |text: &str, roster: &crate::roster::Roster| {
        // (v3) A second client of the same name is almost always the same person typed
        // twice; a coach who really has two is asked to tell them apart by id.
        if args.id.is_none()
            && let Some(same) = roster
                .clients
                .iter()
                .find(|c| c.name.to_lowercase() == client.name.to_lowercase())
        {
            return Err(Error::refused(
                format!(
                    "{} is already on the roster, as `{}`",
                    crate::text::escape_controls(&same.name),
                    crate::text::escape_controls(&same.id)
                ),
                "to add a second client of that name, give them their own id with --id",
            ));
        }
        let block = crate::roster::edit::client_block(&client);
        Ok((crate::roster::edit::append(text, &[block]), ()))
    };
    let (roster, ()) = store::edit_roster_explained(path, change, refuse_by_option)?;
    let added = roster.clients.last().map_or(String::new(), |c| {
        format!(
            "added {} to {} as `{}` (use this id with log, show, snooze, …)\n",
            c.name,
            path.display(),
            c.id
        )
    });
    confirm(
        settings.output.as_deref(),
        crate::text::escape_in_cell(&added).as_bytes(),
    )
}

/// (v3) `add`'s new client is the last table of `new_text`: a problem in it is said as the
/// option to change (`--journey`: unknown journey …), not as a place in a roster the coach
/// never saw. `None` (problems elsewhere) leaves the roster's located errors.
fn refuse_by_option(new_text: &str, problems: &[crate::diag::Problem]) -> Option<Error> {
    let block_start = new_text.rfind("[[client]]").unwrap_or(0);
    let mut said = Vec::new();
    let mut hints = Vec::new();
    for p in problems
        .iter()
        .filter(|p| p.severity == crate::diag::Severity::Error && p.span.start >= block_start)
    {
        let key = crate::roster::edit::key_at(new_text, p.span.start);
        let option = match key {
            "name" => "the name".to_string(),
            "tags" => "`--tag`".to_string(),
            "notes" => "`--note`".to_string(),
            "" => "the new client".to_string(),
            k => format!("`--{}`", k.replace('_', "-")),
        };
        let message = p
            .message
            .strip_prefix(&format!("`{key}`: "))
            .unwrap_or(&p.message);
        said.push(format!(
            "{option}: {}",
            crate::text::escape_controls(message)
        ));
        hints.extend(p.hint.clone());
    }
    if said.is_empty() {
        return None;
    }
    Some(Error::refused(
        said.join("; "),
        if hints.is_empty() {
            "change that option and run add again".to_string()
        } else {
            format!("{}; nothing was written", hints.join("; "))
        },
    ))
}

/// `attendance`: one `session` entry per attended event, matched to one client, on or
/// before today, not logged before (by its source id, or a session that day); all files
/// in one locked append, or nothing.
fn attendance(settings: &Settings, args: &crate::cli::AttendanceArgs) -> Result<(), Error> {
    use crate::attendance::{Clients, Event, Status, read_csv, read_ics};
    /// The unmatched events listed with a suggestion; the rest are counted.
    const LISTED: usize = 50;
    let (loaded, _) = load_for_writing(settings, &[])?;
    let roster = &loaded.roster;
    let today = settings.today;
    let index = Clients::new(roster);
    let mut events: Vec<Event> = Vec::new();
    let mut later = 0;
    for path in &args.files {
        let name = path.display().to_string();
        // (v3) Booking exports come in the encodings spreadsheets save, as `import`'s do.
        let text = crate::import::decode(&store::read_sheet(path)?).map_err(|why| {
            Error::refused(
                format!("{name} is not a text file coachplan can read: {why}"),
                "export the calendar as .ics, or the visits as CSV (UTF-8)",
            )
        })?;
        let is_ics = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ics"))
            || text.trim_start().starts_with("BEGIN:VCALENDAR");
        let read = if is_ics {
            read_ics(&text, &name, today).map(|(e, n)| {
                later += n;
                e
            })
        } else {
            read_csv(&text, &name)
        };
        events.extend(read.map_err(|why| {
            Error::refused(
                why,
                "export the calendar as .ics, or the visits as CSV with a header row",
            )
        })?);
    }
    let mut known: std::collections::HashSet<&str> = loaded
        .history
        .entries
        .iter()
        .filter_map(|e| e.source_ref.as_deref())
        .collect();
    let mut had: std::collections::HashSet<(usize, chrono::NaiveDate)> = loaded
        .history
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Session)
        .map(|e| (e.client, e.date))
        .collect();
    let (mut cancelled, mut no_show, mut other, mut already) = (0, 0, 0, 0);
    let mut logged: Vec<(usize, &Event)> = Vec::new();
    let mut unmatched: Vec<String> = Vec::new();
    for event in &events {
        match event.status {
            Status::Cancelled => cancelled += 1,
            Status::NoShow => no_show += 1,
            Status::Other => other += 1,
            Status::Attended if event.day > today => later += 1,
            Status::Attended => match index.find(event) {
                Ok(i) => {
                    if known.contains(event.source_ref.as_str()) || had.contains(&(i, event.day)) {
                        already += 1;
                    } else {
                        known.insert(&event.source_ref);
                        had.insert((i, event.day));
                        logged.push((i, event));
                    }
                }
                Err(_) if unmatched.len() >= LISTED => unmatched.push(String::new()),
                Err(candidates) => {
                    let who = event.names.first().cloned().unwrap_or_default();
                    let why = match candidates.len() {
                        0 => match roster.closest_id(&who.to_lowercase().replace(' ', "-")) {
                            Some(id) => format!("no client matches; closest: {id}"),
                            None => "no client matches".to_string(),
                        },
                        _ => {
                            let ids: Vec<&str> = candidates
                                .iter()
                                .map(|&i| roster.clients[i].id.as_str())
                                .collect();
                            format!("{} clients match: {}", ids.len(), ids.join(", "))
                        }
                    };
                    unmatched.push(format!(
                        "  {}, {}: {why}",
                        event.place,
                        crate::render::text::dated(event.day)
                    ));
                }
            },
        }
    }
    let mut records = String::new();
    let mut listing = String::new();
    for (i, event) in &logged {
        let client = &roster.clients[*i];
        records.push_str(&history::format_entry(&NewEntry {
            client_id: &client.id,
            date: event.day,
            kind: EntryKind::Session,
            done: Some(Vec::new()),
            next: None,
            note: None,
            renewal: None,
            source_ref: Some(&event.source_ref),
        }));
        listing.push_str(&format!(
            "  {} · {}\n",
            client.name,
            crate::render::text::dated(event.day)
        ));
    }
    let verb = if args.dry_run { "would log" } else { "logged" };
    let mut text = String::new();
    if args.dry_run {
        text.push_str(&listing);
    }
    text.push_str(&format!(
        "{verb} {} ({already} already there)\nskipped: {cancelled} cancelled, {no_show} no-show, {other} not attended, {later} after today\nunmatched: {}\n",
        crate::render::text::plural(logged.len(), "session"),
        unmatched.len()
    ));
    for line in unmatched.iter().take(LISTED) {
        text.push_str(line);
        text.push('\n');
    }
    if unmatched.len() > LISTED {
        text.push_str(&format!("  … and {} more\n", unmatched.len() - LISTED));
    }
    if !args.dry_run && !records.is_empty() {
        append_entries(history_file(&loaded)?, &records)?;
    }
    confirm(
        settings.output.as_deref(),
        crate::text::escape_in_cell(&text).as_bytes(),
    )
}

fn import(settings: &Settings, args: &ImportArgs) -> Result<(), Error> {
    let file_name = args.sheet.display().to_string();
    let sheet = crate::import::decode(&store::read_sheet(&args.sheet)?).map_err(|why| {
        Error::Invalid(vec![crate::diag::Diagnostic {
            severity: crate::diag::Severity::Error,
            file: file_name.clone(),
            line: 1,
            column: 1,
            message: format!("this is not a sheet coachplan can read: {why}"),
            hint: Some(
                "save it as CSV (UTF-8, UTF-16 or Western/Windows-1252), with a header row"
                    .to_string(),
            ),
        }])
    })?;
    let (roster, _) = store::load_roster(&settings.roster_path)?;
    let (clients, warnings) =
        crate::import::read_sheet(&sheet, &file_name, &roster, args.date_format)?;
    warn(&warnings);
    let names: Vec<String> = clients
        .iter()
        .map(|c| {
            let start = c.client.start.map_or(String::new(), |d| d.to_string());
            format!("  {} · starts {start}", c.client.name)
        })
        .collect();
    let count = crate::render::text::plural(clients.len(), "client");
    let path = &settings.roster_path;
    let roster_name = path.display().to_string();
    if args.dry_run {
        // (v3) The same check the import makes: a dry run never says yes to a sheet the
        // import refuses.
        let text = store::read_roster_text(path)?;
        crate::import::appended(&text, &clients, &file_name, &roster_name)?;
        let text = format!(
            "would add {count} to {} (nothing written):\n{}\n",
            path.display(),
            names.join("\n")
        );
        return write_out(
            settings.output.as_deref(),
            crate::text::escape_in_cell(&text).as_bytes(),
        );
    }
    store::edit_roster_explained(
        path,
        |text, _| Ok((crate::import::with_clients(text, &clients), ())),
        |new_text, problems| {
            Some(crate::import::explain(
                new_text,
                problems,
                &clients,
                &file_name,
                &roster_name,
            ))
        },
    )?;
    let text = format!(
        "added {count} to {}:\n{}\n",
        path.display(),
        names.join("\n")
    );
    confirm(
        settings.output.as_deref(),
        crate::text::escape_in_cell(&text).as_bytes(),
    )
}

/// `pause`, `resume`, `end`, `renew`: one change to one client, reported in words.
/// `renew` also appends a `renewed` entry for the renewal that was due, under the roster's
/// lock and only once the new roster is known to be valid (see docs/reliability.md).
fn change_client(
    settings: &Settings,
    id: &str,
    change: impl FnOnce(chrono::NaiveDate) -> Result<Change, Error>,
) -> Result<(), Error> {
    let today = settings.today;
    let change = change(today)?;
    let path = &settings.roster_path;
    let renews = matches!(change, Change::Renew(_) | Change::RenewPack(..));
    let history = if renews {
        let loaded = load(settings)?;
        Some(history_file(&loaded)?.to_path_buf())
    } else {
        None
    };
    let (roster, (index, before)) = store::edit_roster(path, |text, roster| {
        let index = resolve_ids(roster, &[id.to_string()])?[0];
        let before = roster.clients[index].clone();
        let new_text = crate::roster::edit::edit_client(text, index, change)
            .map_err(|why| Error::refused(why, "check the roster with `coachplan check`"))?;
        let renewed = match change {
            Change::Renew(_) => before.renewal,
            Change::RenewPack(..) => before.package.map(|p| p.start).or(before.renewal),
            _ => None,
        };
        if let (Some(history), Some(renewed)) = (&history, renewed)
            && crate::roster::parse_roster(&new_text).0.is_some()
        {
            let entry = history::format_entry(&NewEntry {
                client_id: &before.id,
                date: today,
                kind: EntryKind::Renewed,
                done: None,
                next: None,
                note: None,
                renewal: Some(renewed),
                source_ref: None,
            });
            append_entries(history, &entry)?;
        }
        Ok((new_text, (index, before)))
    })?;
    let c = &roster.clients[index];
    let day = crate::render::text::long_date;
    let text = match change {
        Change::Pause {
            until: Some(until), ..
        } => {
            format!("paused {} until {}", c.name, day(until))
        }
        Change::Pause { until: None, .. } => format!(
            "paused {} with no end date: a light touch now and then, nothing else",
            c.name
        ),
        Change::Resume(_) => format!(
            "{} is active again: the break ended today, so nothing counts as drifting before it",
            c.name
        ),
        Change::End(on) => format!("ended {} on {}", c.name, day(on)),
        Change::Renew(on) => format!("{} renews on {}", c.name, day(on)),
        Change::RenewPack(n, on) => {
            format!("{} has a new pack of {n} sessions from {}", c.name, day(on))
        }
    };
    confirm(
        settings.output.as_deref(),
        format!("{}\n", crate::text::escape_controls(&text)).as_bytes(),
    )?;
    // (v3) A break that covers the renewal: nothing is listed during it, so say so now.
    if let Change::Pause { from, until } = change
        && let Some(renewal) = before
            .renewal
            .filter(|&r| r >= from && until.is_none_or(|u| r < u))
    {
        warn_plain(
            &format!(
                "the break covers {}'s renewal on {}: nothing is listed during a break, so talk about the renewal before it starts",
                c.name,
                day(renewal)
            ),
            "or move the renewal with `coachplan renew ID DATE`",
        );
    }
    Ok(())
}

fn check(settings: &Settings) -> Result<(), Error> {
    let json = match settings.format {
        Format::Table => false,
        Format::Json => true,
        // Refused at dispatch (`formats_of`); kept as an error, never a silent success.
        Format::Csv | Format::Ics => return accepts_format(&Command::Check, settings.format),
    };
    let loaded = match load(settings) {
        Ok(loaded) => loaded,
        // Every problem as JSON on stdout, and exit 1.
        Err(Error::Invalid(diags)) if json => {
            let mut out = Output::of(settings);
            out.put(crate::diag::to_json(&diags).as_bytes())?;
            out.finish()?;
            return Err(Error::Reported);
        }
        Err(e) => return Err(e),
    };
    if json {
        let mut out = Output::of(settings);
        out.put(crate::diag::to_json(&loaded.warnings).as_bytes())?;
        return out.finish();
    }
    warn(&loaded.warnings);
    let r = &loaded.roster;
    let plural = crate::render::text::plural;
    let history = match &loaded.history_path {
        Some(p) if p.exists() => p.display().to_string(),
        Some(p) => format!("{} (not there yet: an empty history)", p.display()),
        None => "no history (roster from standard input)".to_string(),
    };
    let roster = if store::is_stdin(&settings.roster_path) {
        "<stdin>".to_string()
    } else {
        settings.roster_path.display().to_string()
    };
    let text = format!(
        "ok: {}, {}, {}\nread: {roster}\n      {history}\n",
        plural(r.clients.len(), "client"),
        plural(r.journeys.len(), "journey"),
        plural(loaded.history.entries.len(), "history entry"),
    );
    write_out(
        settings.output.as_deref(),
        crate::text::escape_in_cell(&text).as_bytes(),
    )
}

fn init(settings: &Settings, args: &InitArgs) -> Result<(), Error> {
    let path = &settings.roster_path;
    if path.exists() && !args.force {
        return Err(Error::refused(
            format!("{} already exists; it was left as it is", path.display()),
            "add --force to replace it with a starter roster",
        ));
    }
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
    }
    let history_name = store::history_path(path, None)
        .file_name()
        .map_or("clients.history.toml".into(), |n| {
            n.to_string_lossy().into_owned()
        });
    let text = crate::starter::starter_roster(settings.today, &history_name);
    store::write_atomic(path, text.as_bytes()).map_err(|e| Error::io(path, e))?;
    write_out(
        settings.output.as_deref(),
        format!(
            "wrote a starter roster to {}\nnext: edit it, then run `coachplan check`\n",
            path.display()
        )
        .as_bytes(),
    )
}

/// The ids on the command line, their clients, and the validated files.
fn load_for_writing(settings: &Settings, ids: &[String]) -> Result<(Loaded, Vec<usize>), Error> {
    // The whole history is validated first: appending to a broken file would bury the problem.
    let loaded = load(settings)?;
    let indices = resolve_ids(&loaded.roster, ids)?;
    if settings.today > settings.real_today {
        return Err(Error::refused(
            format!(
                "{} is in the future; only what happened can be logged",
                settings.today
            ),
            "leave out --date to log today, or give a past date",
        ));
    }
    Ok((loaded, indices))
}

fn checked_note(note: Option<&String>) -> Result<Option<&str>, Error> {
    let max = crate::roster::fields::MAX_TEXT;
    match note {
        Some(n) if n.chars().count() > max => Err(Error::refused(
            format!("the note is {} characters long", n.chars().count()),
            format!("keep notes under {max} characters"),
        )),
        n => Ok(n.map(String::as_str)),
    }
}

/// Prints what a write did. The write is done and on disk by now: when the confirmation
/// cannot be printed (`> /dev/full`), that is a warning and exit 0, so that a script that
/// retries on failure does not log the same entry twice.
fn confirm(to: Option<&std::path::Path>, bytes: &[u8]) -> Result<(), Error> {
    match write_out(to, bytes) {
        Err(Error::Output(e)) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("warning: written, but the confirmation could not be printed: {e}");
            Ok(())
        }
        other => other,
    }
}

/// A date from the command line: a date, or a duration counted from `today`; a duration
/// that runs past the calendar is a usage error.
fn resolve_date(
    arg: crate::cli::DateArg,
    today: chrono::NaiveDate,
) -> Result<chrono::NaiveDate, Error> {
    arg.resolve(today)
        .ok_or_else(|| Error::usage("that date falls past the end of the calendar", None))
}

/// A date from the command line that may not be before the planning day (`--next`, a
/// snooze).
fn date_arg(
    arg: crate::cli::DateArg,
    settings: &Settings,
    what: &str,
) -> Result<chrono::NaiveDate, Error> {
    let date = resolve_date(arg, settings.today)?;
    if date < settings.today {
        return Err(Error::usage(
            format!("{what} {date} is before {}", settings.today),
            Some("give a later date, or a duration such as 2w".to_string()),
        ));
    }
    Ok(date)
}

fn append_entries(path: &std::path::Path, records: &str) -> Result<(), Error> {
    store::append(path, records).map_err(|e| {
        let hint = match e.kind() {
            std::io::ErrorKind::NotFound => Some(format!(
                "the folder {} does not exist: create it, or change [coach] history",
                path.parent()
                    .map_or(String::new(), |p| p.display().to_string())
            )),
            std::io::ErrorKind::PermissionDenied if path.exists() => Some(format!(
                "the history file is not writable: check its permissions (ls -l {})",
                path.display()
            )),
            std::io::ErrorKind::PermissionDenied => Some(format!(
                "the folder {} is not writable, so the history cannot be created there: \
                 check its permissions, or set [coach] history",
                path.parent()
                    .map_or(String::new(), |p| p.display().to_string())
            )),
            _ => None,
        };
        Error::Io {
            path: path.to_path_buf(),
            source: e,
            hint,
        }
    })
}

/// How `log` names a handled kind: "renewal talk", "step \"90-day review\"".
fn done_label(kind: DoneKind, steps: &[String]) -> String {
    match kind {
        DoneKind::Step if !steps.is_empty() => format!("step \"{}\"", steps.join("\", \"")),
        DoneKind::Step => "step".to_string(),
        DoneKind::Renewal => "renewal talk".to_string(),
        DoneKind::Target => "goal review".to_string(),
    }
}

fn log(settings: &Settings, args: &LogArgs) -> Result<(), Error> {
    let (loaded, indices) = load_for_writing(settings, &args.ids)?;
    let roster = &loaded.roster;
    let date = settings.today;
    let note = checked_note(args.note.as_ref())?;
    let kind = match (args.no_reply, args.session) {
        (true, _) => EntryKind::NoReply,
        (_, true) => EntryKind::Session,
        _ => EntryKind::Contact,
    };
    let next = args
        .next
        .map(|n| date_arg(n, settings, "--next"))
        .transpose()?;
    let files = client_files(roster, &loaded.history, date);
    let mut records = String::new();
    let mut lines = String::new();
    for &i in &indices {
        let client = &roster.clients[i];
        // What was due by its identity date and not yet handled, whatever moved it.
        let plan = plan_client(roster, &files[i], date);
        let open: Vec<_> = plan
            .items
            .iter()
            .filter(|item| {
                !matches!(item.state, crate::plan::ItemState::Handled(_))
                    && item.due <= date
                    && item.kind.done_kind().is_some()
            })
            .collect();
        let done: Vec<DoneKind> = match &args.done {
            Some(kinds) => kinds.iter().filter_map(|k| DoneKind::parse(k)).collect(),
            None if kind == EntryKind::Contact => {
                let mut d: Vec<DoneKind> = open.iter().filter_map(|i| i.kind.done_kind()).collect();
                d.sort();
                d.dedup();
                d
            }
            None => Vec::new(),
        };
        records.push_str(&history::format_entry(&NewEntry {
            client_id: &client.id,
            date,
            kind,
            done: Some(done.clone()),
            next,
            note,
            renewal: None,
            source_ref: None,
        }));
        let steps: Vec<String> = open
            .iter()
            .filter(|i| i.kind == ItemKind::Step && i.is_pending())
            .map(|i| i.title.to_string())
            .collect();
        let mut line = format!(
            "logged {} with {} on {}",
            kind.as_str(),
            client.name,
            crate::render::text::dated(date)
        );
        if !done.is_empty() {
            let names: Vec<String> = done.iter().map(|&k| done_label(k, &steps)).collect();
            line.push_str(&format!(" · done: {}", names.join(", ")));
        }
        if let Some(next) = next {
            line.push_str(&format!(" · next check-in {}", short_date(next, date)));
            if !done.contains(&DoneKind::Renewal) {
                line.push_str(&renewal_stays(&plan, next, date));
            }
        }
        // (v3) A session handles no talk unless told: say what is still open, and how.
        let mut still_line = String::new();
        if kind == EntryKind::Session {
            let still: Vec<(DoneKind, String)> = open
                .iter()
                .filter(|i| i.is_pending())
                .filter_map(|i| i.kind.done_kind().map(|k| (k, i)))
                .filter(|(k, _)| !done.contains(k))
                .map(|(k, i)| match k {
                    DoneKind::Step => (k, format!("step \"{}\"", i.title)),
                    other => (other, done_label(other, &[])),
                })
                .collect();
            if !still.is_empty() {
                let what: Vec<&str> = still.iter().map(|(_, w)| w.as_str()).collect();
                let mut kinds: Vec<&str> = still.iter().map(|(k, _)| k.as_str()).collect();
                kinds.dedup();
                still_line = format!(
                    "  still open: {} · add --done {} if you talked about it",
                    what.join(", "),
                    kinds.join(" ")
                );
            }
        }
        lines.push_str(&crate::render::text::escape_controls(&line));
        lines.push('\n');
        if !still_line.is_empty() {
            lines.push_str(&crate::render::text::escape_controls(&still_line));
            lines.push('\n');
        }
    }
    append_entries(history_file(&loaded)?, &records)?;
    confirm(settings.output.as_deref(), lines.as_bytes())
}

/// (v3) What `log --next` and `snooze` add when the move would pass the client's renewal
/// talk's last call day: the talk is not moved past it.
fn renewal_stays(
    plan: &crate::plan::ClientPlan,
    next: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> String {
    plan.pending()
        .filter_map(|i| i.money.and_then(|m| m.last_call))
        .find(|&last_call| next > last_call)
        .map_or(String::new(), |last_call| {
            format!(
                " · the renewal talk stays on {}",
                short_date(last_call, today)
            )
        })
}

fn snooze(settings: &Settings, args: &SnoozeArgs) -> Result<(), Error> {
    let (ids, until) = args.split().map_err(|why| {
        Error::usage(
            why,
            Some("for example: coachplan snooze hannah 3w --note \"Exams\"".to_string()),
        )
    })?;
    let (loaded, indices) = load_for_writing(settings, ids)?;
    let roster = &loaded.roster;
    let note = checked_note(args.note.as_ref())?;
    let until = date_arg(until, settings, "the snooze date")?;
    let files = client_files(roster, &loaded.history, settings.today);
    let mut records = String::new();
    let mut lines = String::new();
    for &i in &indices {
        let client = &roster.clients[i];
        records.push_str(&history::format_entry(&NewEntry {
            client_id: &client.id,
            date: settings.today,
            kind: EntryKind::Snooze,
            done: None,
            next: Some(until),
            note,
            renewal: None,
            source_ref: None,
        }));
        let plan = plan_client(roster, &files[i], settings.today);
        let stays = renewal_stays(&plan, until, settings.today);
        let before = if stays.is_empty() {
            ": nothing is listed for them before then"
        } else {
            ""
        };
        lines.push_str(&format!(
            "snoozed {} until {}{before}{stays}\n",
            crate::render::text::escape_controls(&client.name),
            crate::render::text::long_date(until)
        ));
    }
    append_entries(history_file(&loaded)?, &records)?;
    confirm(settings.output.as_deref(), lines.as_bytes())
}

fn undo(settings: &Settings, args: &UndoArgs) -> Result<(), Error> {
    let loaded = load(settings)?;
    let id = match &args.id {
        Some(id) => {
            let index = resolve_ids(&loaded.roster, std::slice::from_ref(id))?[0];
            Some(loaded.roster.clients[index].id.as_str())
        }
        None => None,
    };
    let path = history_file(&loaded)?;
    // (v3) Not a bare "no such file": nothing was ever logged there.
    if !path.exists() {
        return Err(Error::refused(
            format!(
                "there is no history at {} yet: nothing to undo",
                path.display()
            ),
            "`coachplan log ID` writes the first entry; `--history PATH` names another file",
        ));
    }
    let removed = store::rewrite_locked(path, |text| history::without_latest(text, id))?;
    let Some(removed) = removed else {
        let whose = id.map_or(String::new(), |id| format!(" for `{id}`"));
        return Err(Error::refused(
            format!(
                "there is no history entry{whose} to undo in {}",
                path.display()
            ),
            "`coachplan show ID` lists a client's entries",
        ));
    };
    let text = format!("removed from {}:\n{}", path.display(), removed.trim_end());
    confirm(
        settings.output.as_deref(),
        format!("{}\n", crate::render::text::escape_in_cell(&text)).as_bytes(),
    )
}
