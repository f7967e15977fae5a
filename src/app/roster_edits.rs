//! Roster edits: `add`, `import`, `pause`/`resume`/`end`/`renew`, `init`.

use super::*;

pub(super) fn add(settings: &Settings, args: &AddArgs) -> Result<(), Error> {
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
pub(super) fn refuse_by_option(new_text: &str, problems: &[crate::diag::Problem]) -> Option<Error> {
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

pub(super) fn import(settings: &Settings, args: &ImportArgs) -> Result<(), Error> {
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
pub(super) fn change_client(
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
        let new_text = crate::roster::edit::edit_client(text, index, roster.clients.len(), change)
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

pub(super) fn init(settings: &Settings, args: &InitArgs) -> Result<(), Error> {
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
