//! Man pages, generated from the command-line definition with clap_mangen: the main page
//! (with ENVIRONMENT, FILES and EXIT STATUS, which clap does not know) and one page per
//! command, `coachplan-today(1)` and so on, each with all its options.

use clap::Command;

const ENVIRONMENT: &[(&str, &str)] = &[
    ("COACHPLAN_FILE", "The roster, when --file is not given."),
    (
        "COACHPLAN_HISTORY",
        "The history log, when --history is not given.",
    ),
    (
        "NO_COLOR",
        "When set (to anything but an empty string), no colour.",
    ),
    (
        "CLICOLOR_FORCE",
        "When set (to anything but 0), colour even when not on a terminal.",
    ),
    ("TERM", "dumb means no colour."),
    (
        "COLUMNS",
        "The width tables are laid out in (else the terminal's, else 80).",
    ),
    (
        "XDG_CONFIG_HOME",
        "Where the default roster is: $XDG_CONFIG_HOME/coachplan/clients.toml (else ~/.config).",
    ),
    (
        "COACHPLAN_NOW",
        "The real date, for tests and for replaying a day (YYYY-MM-DD).",
    ),
    (
        "COACHPLAN_LOCK_WAIT",
        "Seconds to wait for another coachplan holding a file's lock (default 30).",
    ),
];

const FILES: &[(&str, &str)] = &[
    (
        "~/.config/coachplan/clients.toml",
        "The roster: your clients, their goals and journeys (TOML, mode 0600).",
    ),
    (
        "~/.config/coachplan/clients.history.toml",
        "The history beside it: what happened, appended by log and snooze.",
    ),
];

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success, also when nothing is due."),
    (
        "1",
        "A problem in the roster or the history, a file that cannot be read or written, an unknown client id.",
    ),
    ("2", "A mistake on the command line."),
];

fn section(out: &mut Vec<u8>, title: &str, items: &[(&str, &str)]) {
    let roff = |s: &str| s.replace('\\', "\\\\").replace('-', "\\-");
    out.extend_from_slice(format!(".SH {title}\n").as_bytes());
    for (name, text) in items {
        out.extend_from_slice(format!(".TP\n\\fB{}\\fR\n{}\n", roff(name), roff(text)).as_bytes());
    }
}

/// The main page: what clap renders, with the three sections it cannot know.
pub fn main_page(cmd: Command) -> std::io::Result<Vec<u8>> {
    // (v3) No `coachplan-help(1)` under SUBCOMMANDS: there is no such page (`help` is
    // clap's, and `--help` says the same).
    let cmd = if cmd.find_subcommand("help").is_some() {
        cmd.mut_subcommand("help", |help| help.hide(true))
    } else {
        cmd
    };
    let man = clap_mangen::Man::new(cmd);
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    man.render_subcommands_section(&mut out)?;
    section(&mut out, "ENVIRONMENT", ENVIRONMENT);
    section(&mut out, "FILES", FILES);
    section(&mut out, "EXIT STATUS", EXIT_STATUS);
    man.render_extra_section(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// The page of one command, `coachplan-NAME(1)`, with its own and the global options.
pub fn command_page(root: &Command, name: &str) -> Option<std::io::Result<Vec<u8>>> {
    let sub = root.find_subcommand(name)?.clone();
    let title = format!("{}-{name}", root.get_name());
    let sub = sub
        .name(title.clone())
        .bin_name(format!("{} {name}", root.get_name()));
    let mut out = Vec::new();
    Some(
        clap_mangen::Man::new(sub)
            .title(title)
            .render(&mut out)
            .map(|()| out),
    )
}

/// Every page, as (file name, roff): `coachplan.1` and `coachplan-NAME.1`.
pub fn all_pages(root: &Command) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut pages = vec![(format!("{}.1", root.get_name()), main_page(root.clone())?)];
    for sub in root.get_subcommands() {
        let name = sub.get_name();
        if name == "help" {
            continue;
        }
        if let Some(page) = command_page(root, name) {
            pages.push((format!("{}-{name}.1", root.get_name()), page?));
        }
    }
    Ok(pages)
}
