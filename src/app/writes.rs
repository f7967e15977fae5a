//! History writes: `log`, `snooze`, `undo`, and what they share (dates, notes, the
//! locked append).

use super::*;

/// The ids on the command line, their clients, and the validated files.
pub(super) fn load_for_writing(
    settings: &Settings,
    ids: &[String],
) -> Result<(Loaded, Vec<usize>), Error> {
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

pub(super) fn checked_note(note: Option<&String>) -> Result<Option<&str>, Error> {
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
pub(super) fn confirm(to: Option<&std::path::Path>, bytes: &[u8]) -> Result<(), Error> {
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
pub(super) fn resolve_date(
    arg: crate::cli::DateArg,
    today: chrono::NaiveDate,
) -> Result<chrono::NaiveDate, Error> {
    arg.resolve(today)
        .ok_or_else(|| Error::usage("that date falls past the end of the calendar", None))
}

/// A date from the command line that may not be before the planning day (`--next`, a
/// snooze).
pub(super) fn date_arg(
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

pub(super) fn append_entries(path: &std::path::Path, records: &str) -> Result<(), Error> {
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
pub(super) fn done_label(kind: DoneKind, steps: &[String]) -> String {
    match kind {
        DoneKind::Step if !steps.is_empty() => format!("step \"{}\"", steps.join("\", \"")),
        DoneKind::Step => "step".to_string(),
        DoneKind::Renewal => "renewal talk".to_string(),
        DoneKind::Target => "goal review".to_string(),
    }
}

pub(super) fn log(settings: &Settings, args: &LogArgs) -> Result<(), Error> {
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
        let open = crate::plan::open_talks(&plan, date);
        let done: Vec<DoneKind> = match &args.done {
            Some(kinds) => kinds.iter().filter_map(|k| DoneKind::parse(k)).collect(),
            None => crate::plan::handled_by_default(kind, &open),
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
pub(super) fn renewal_stays(
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

pub(super) fn snooze(settings: &Settings, args: &SnoozeArgs) -> Result<(), Error> {
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

pub(super) fn undo(settings: &Settings, args: &UndoArgs) -> Result<(), Error> {
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
