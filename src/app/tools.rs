//! Tools: `man`, and `attendance` (sessions from calendars and booking exports).

use super::*;

/// `man`: the main page, a command's page, or every page into a folder.
pub(super) fn man(args: &crate::cli::ManArgs, to: Option<&std::path::Path>) -> Result<(), Error> {
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

pub(super) fn readable_by_all(path: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// `attendance`: one `session` entry per attended event, matched to one client, on or
/// before today, not logged before (by its source id, or a session that day); all files
/// in one locked append, or nothing.
pub(super) fn attendance(
    settings: &Settings,
    args: &crate::cli::AttendanceArgs,
) -> Result<(), Error> {
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
