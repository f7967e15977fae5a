//! The desk: `show`, `draft`, `review`, `check`.

use super::*;

pub(super) fn show(settings: &Settings, args: &ShowArgs) -> Result<(), Error> {
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

pub(super) fn draft(settings: &Settings, args: &DraftArgs) -> Result<(), Error> {
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

pub(super) fn review(settings: &Settings, args: &ReviewArgs) -> Result<(), Error> {
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

pub(super) fn check(settings: &Settings) -> Result<(), Error> {
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
