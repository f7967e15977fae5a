//! The planning views: `today`, `agenda`, `journey`, `clients`, `retention`.

use super::*;

pub(super) fn today(settings: &Settings, args: &TodayArgs) -> Result<(), Error> {
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

pub(super) fn agenda(settings: &Settings, args: &AgendaArgs) -> Result<(), Error> {
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
            drop(files); // the events need the roster and the entries only
            let mut calendar =
                ics::Calendar::start(&mut out, roster, settings.today).map_err(Error::Output)?;
            for event in ics::agenda_events(roster, &entries) {
                calendar.event(&event).map_err(Error::Output)?;
            }
            calendar.finish().map_err(Error::Output)?;
        }
        Format::Csv | Format::Json => {
            let rows = agenda_rows(roster, &files, &entries);
            write_records(&mut out, settings.format, &rows)?;
        }
    }
    out.finish()
}

pub(super) fn journey(settings: &Settings, args: &JourneyArgs) -> Result<(), Error> {
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
            // As CSV: a slice of clients at a time, each client's events together.
            let mut calendar =
                ics::Calendar::start(&mut out, roster, settings.today).map_err(Error::Output)?;
            for chunk in indices.chunks(1000) {
                for event in ics::journey_events(roster, &plan(chunk)) {
                    calendar.event(&event).map_err(Error::Output)?;
                }
                calendar.forget_uids();
            }
            calendar.finish().map_err(Error::Output)?;
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

pub(super) fn clients(settings: &Settings, args: &ClientsArgs) -> Result<(), Error> {
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

pub(super) fn retention(settings: &Settings) -> Result<(), Error> {
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
