//! The coach's desk: `show` (one client's whole story), `draft` (messages ready to paste)
//! and the `review` table. Pure functions from planned data to text; roster text is
//! escaped before it reaches the terminal.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::table::{Style, month_label, render_table};
use super::text::{dated, escape_controls, item_words, long_date, plural, reach, short_date, wrap};
use crate::draft::{draft, primary};
use crate::plan::review::{Outcome, Review};
use crate::plan::{ClientFile, ClientPlan, DueItem, ItemKind, ItemState, Standing};
use crate::roster::{Client, Roster};

fn standing_words(standing: Standing, today: NaiveDate) -> String {
    match standing {
        Standing::Active => "active".to_string(),
        Standing::Back(since) if super::text::still_back(since, today) => {
            format!("back since {}", short_date(since, today))
        }
        Standing::Back(_) => "active".to_string(),
        Standing::Paused(Some(until)) => format!("paused until {}", short_date(until, today)),
        Standing::Paused(None) => "paused".to_string(),
        Standing::Ended => "ended".to_string(),
        Standing::SetAside { tries, .. } => {
            format!(
                "waiting on them (no reply to {})",
                plural(tries as usize, "try")
            )
        }
    }
}

fn standing_key(standing: Standing) -> &'static str {
    match standing {
        Standing::Active => "active",
        Standing::Back(_) => "back",
        Standing::Paused(_) => "paused",
        Standing::Ended => "ended",
        Standing::SetAside { .. } => "set aside",
    }
}

/// The width to lay text out in: the style's (read once, in the settings), 40 at least.
fn width(style: Style) -> usize {
    usize::from(style.width).max(40)
}

/// One client's whole story on one page.
pub fn show(
    roster: &Roster,
    file: &ClientFile,
    plan: &ClientPlan,
    today: NaiveDate,
    style: Style,
) -> String {
    let c = file.client;
    let f = &file.facts;
    let w = width(style);
    let mut out = escape_controls(&format!("{} ({})", c.name, c.id)).into_owned();
    out.push('\n');
    let line = |out: &mut String, label: &str, text: &str| {
        out.push_str(&wrap(
            &format!("{label:<9} {}", escape_controls(text)),
            w,
            10,
        ));
        out.push('\n');
    };
    if let Some(reach) = reach(c) {
        line(&mut out, "Reach", &reach);
    }
    let mut status = standing_words(plan.standing, today);
    if let Some(month) = month_label(roster, c, today) {
        status.push_str(&format!(" · {month}"));
    }
    status.push_str(&format!(" · with you since {}", long_date(c.start)));
    line(&mut out, "Status", &status);
    let cadence = c.cadence.map_or("no routine check-ins".to_string(), |p| {
        format!("check-ins every {p}")
    });
    let steps: Vec<&DueItem> = plan
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Step)
        .collect();
    let journey = match roster.journey_of(c) {
        Some(j) => {
            let mut text = format!("{} · {cadence}", j.name);
            if let Some(last) = steps
                .iter()
                .filter(|i| i.due <= today)
                .max_by_key(|i| i.due)
            {
                let state = match last.state {
                    ItemState::Handled(d) => format!("done {}", short_date(d, today)),
                    _ => "not done yet".to_string(),
                };
                text.push_str(&format!(
                    " · last step: {} ({}, {state})",
                    last.title,
                    short_date(last.due, today)
                ));
            }
            if let Some(next) = steps.iter().filter(|i| i.due > today).min_by_key(|i| i.due) {
                text.push_str(&format!(
                    " · next: {} ({})",
                    next.title,
                    short_date(next.due, today)
                ));
            }
            text
        }
        None => format!("none · {cadence}"),
    };
    line(&mut out, "Journey", &journey);
    let mut goal = c
        .goal
        .clone()
        .unwrap_or_else(|| crate::render::text::NO_GOAL.to_string());
    if let Some(by) = c.goal_by {
        goal.push_str(&format!(" (by {})", long_date(by)));
    }
    line(&mut out, "Goal", &goal);
    if let Some(why) = &c.why {
        line(&mut out, "Why", why);
    }
    for (n, note) in c.notes.iter().enumerate() {
        line(
            &mut out,
            if n == 0 { "Remember" } else { "" },
            &format!("- {note}"),
        );
    }
    let mut dates = Vec::new();
    if let Some(r) = c.renewal {
        dates.push(format!("renews {}", long_date(r)));
    }
    if let Some(p) = c.package {
        let used = crate::plan::money::pack_sessions(file, p.start).len();
        dates.push(format!(
            "{} (bought {})",
            super::text::pack_words(u32::try_from(used).unwrap_or(u32::MAX), p.sessions),
            long_date(p.start)
        ));
    }
    if let Some(b) = c.birthday {
        dates.push(format!(
            "birthday {}",
            b.in_year(2000)
                .map_or(String::new(), |d| d.format("%-d %B").to_string())
        ));
    }
    if !dates.is_empty() {
        line(&mut out, "Dates", &dates.join(" · "));
    }
    if !c.tags.is_empty() {
        line(&mut out, "Tags", &c.tags.join(", "));
    }
    if let Some(r) = crate::plan::rhythm::of(file) {
        let source = match r.source {
            crate::plan::rhythm::Source::Set => "set",
            crate::plan::rhythm::Source::Learned => "learned",
        };
        line(
            &mut out,
            "Rhythm",
            &format!(
                "usually {} ({source})",
                crate::plan::rhythm::days_words(r.days)
            ),
        );
    }

    out.push_str("\nDue now\n");
    let listed: Vec<&DueItem> = plan.listed(today).collect();
    if listed.is_empty() {
        out.push_str("  nothing\n");
    }
    for item in &listed {
        let when = match item.days_overdue(today) {
            0 => "today".to_string(),
            n => format!("{} overdue", plural(n as usize, "day")),
        };
        out.push_str(&wrap(
            &escape_controls(&format!("  {}, {when}", item_words(item))),
            w,
            4,
        ));
        out.push('\n');
    }
    if let Some(item) = primary(&listed) {
        out.push_str(&wrap(
            &escape_controls(&format!("  Draft: {}", draft(roster, c, item, today))),
            w,
            4,
        ));
        out.push('\n');
    }
    out.push_str("\nNext\n");
    let next: Vec<&DueItem> = plan.pending().filter(|i| i.date > today).take(3).collect();
    if next.is_empty() {
        out.push_str("  nothing planned\n");
    }
    for item in next {
        out.push_str(&wrap(
            &escape_controls(&format!(
                "  {:<12} {}",
                short_date(item.date, today),
                item_words(item)
            )),
            w,
            15,
        ));
        out.push('\n');
    }

    let tries = file
        .touches
        .iter()
        .filter(|t| t.kind == crate::history::EntryKind::NoReply)
        .count();
    let snoozes = file
        .touches
        .iter()
        .filter(|t| t.kind == crate::history::EntryKind::Snooze)
        .count();
    let mut record = format!(
        "{} in all, {} since the last contact · {}",
        plural(tries, "no-reply"),
        f.no_replies,
        plural(snoozes, "snooze")
    );
    if let Standing::SetAside { last_tried, .. } = plan.standing {
        record.push_str(&format!(
            " · set aside since {}",
            short_date(last_tried, today)
        ));
    }
    out.push_str("\nResponse\n");
    out.push_str(&wrap(&format!("  {record}"), w, 4));
    out.push('\n');

    out.push_str("\nTimeline (newest first)\n");
    if file.touches.is_empty() {
        out.push_str("  nothing logged yet\n");
    }
    for t in file.touches.iter().rev() {
        let mut text = format!("  {:<12} {:<9}", dated(t.date), t.kind.as_str());
        if t.entry.is_none() {
            text.push_str("(roster) ");
        }
        if let Some(next) = t.next {
            text.push_str(&format!("next {} ", short_date(next, today)));
        }
        if let Some(note) = t.note() {
            text.push_str(&format!("\"{note}\""));
        }
        out.push_str(&wrap(&escape_controls(text.trim_end()), w, 25));
        out.push('\n');
    }
    out
}

/// `show --format json`: one object with the client's fields, `items` and `timeline`.
pub fn show_json(
    roster: &Roster,
    file: &ClientFile,
    plan: &ClientPlan,
    today: NaiveDate,
) -> String {
    let c = file.client;
    let date = |d: Option<NaiveDate>| d.map_or(Value::Null, |d| Value::String(d.to_string()));
    let items: Vec<Value> = plan
        .pending()
        .filter(|i| i.kind != ItemKind::Birthday || i.date >= today)
        .map(|i| {
            json!({
                "kind": i.kind.as_str(),
                "title": i.full_title(),
                "due": i.due.to_string(),
                "date": i.date.to_string(),
                "days_overdue": i.days_overdue(today),
                "listed": i.is_listed(today),
                "prompt": i.prompt,
                "draft": draft(roster, c, i, today),
            })
        })
        .collect();
    let timeline: Vec<Value> = file
        .touches
        .iter()
        .rev()
        .map(|t| {
            let done = t
                .entry
                .and_then(|e| e.done)
                .map(|d| d.iter().map(|k| k.as_str()).collect::<Vec<_>>());
            json!({
                "date": t.date.to_string(),
                "kind": t.kind.as_str(),
                "source": if t.entry.is_some() { "history" } else { "roster" },
                "done": done,
                "next": date(t.next),
                "note": t.note(),
            })
        })
        .collect();
    let birthday = c.birthday.map(|b| format!("{:02}-{:02}", b.month, b.day));
    let object = json!({
        "client_id": c.id,
        "client": c.name,
        "status": c.status.as_str(),
        "standing": standing_key(plan.standing),
        "start": c.start.to_string(),
        "month": crate::plan::month_now(c, today).unwrap_or(0),
        "journey": c.journey,
        "cadence": c.cadence.map(|p| p.to_string()),
        "goal": c.goal,
        "why": c.why,
        "goal_by": date(c.goal_by),
        "renewal": date(c.renewal),
        "package": c.package.map(|p| p.sessions),
        "package_start": date(c.package.map(|p| p.start)),
        "package_used": c.package.map(|p| crate::plan::money::pack_sessions(file, p.start).len()),
        "birthday": birthday,
        "channel": c.channel,
        "contact": c.contact,
        "tags": c.tags,
        "notes": c.notes,
        "last_contact": date(file.facts.last_contact),
        "last_session": date(file.facts.last_session),
        "no_replies": file.facts.no_replies,
        "items": items,
        "timeline": timeline,
    });
    let mut text = serde_json::to_string_pretty(&object).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}

/// One client's draft, as `draft` prints it: who and how to reach them, what it is about,
/// then the message.
pub fn draft_block(
    roster: &Roster,
    client: &Client,
    items: &[&DueItem],
    today: NaiveDate,
) -> Option<String> {
    let item = primary(items)?;
    let mut head = vec![client.name.clone()];
    head.extend(reach(client));
    head.push(item_words(item));
    Some(format!(
        "{}\n{}\n",
        escape_controls(&head.join(" · ")),
        escape_controls(&draft(roster, client, item, today))
    ))
}

/// The review: a headline to read in five seconds, the items, then what comes up.
pub fn review(roster: &Roster, review: &Review, days: u32, style: Style) -> String {
    let today = review.to;
    let name = |i: usize| escape_controls(&roster.clients[i].name).into_owned();
    let total = review.items.len();
    let done = review.count(Outcome::Done);
    let late = review.count(Outcome::Late);
    let open = review.count(Outcome::Open);
    let missed = review.count(Outcome::Missed);
    let mut headline = format!(
        "Review · {} – {} · {done} of {total} done",
        short_date(review.from, today),
        short_date(today, today)
    );
    if late > 0 {
        headline.push_str(&format!(", {late} late"));
        if let Some(m) = review.median_late() {
            headline.push_str(&format!(" by {} on median", plural(m as usize, "day")));
        }
    }
    if open > 0 {
        headline.push_str(&format!(", {open} open"));
    }
    for (kind, word) in [
        (ItemKind::Renewal, "renewal"),
        (ItemKind::Birthday, "birthday"),
    ] {
        let n = review
            .items
            .iter()
            .filter(|i| i.kind == kind && i.outcome == Outcome::Missed)
            .count();
        if n > 0 {
            headline.push_str(&format!(", {} missed", plural(n, word)));
        }
    }
    debug_assert!(missed <= total);
    let w = width(style);
    let mut out = wrap(&headline, w, 2);
    out.push_str("\n\n");
    if review.items.is_empty() {
        out.push_str("Nothing fell due in these days.\n");
    } else {
        let mut table = style.table(&["Due", "Client", "What", "Outcome"]);
        for item in &review.items {
            let outcome = match (item.outcome, item.days_late, item.done_on) {
                (Outcome::Late, Some(n), Some(on)) => format!(
                    "late by {} ({})",
                    plural(n as usize, "day"),
                    short_date(on, today)
                ),
                (Outcome::Done, _, Some(on)) if on != item.due => {
                    format!("done {}", short_date(on, today))
                }
                (o, _, _) => o.as_str().to_string(),
            };
            let what = match item.kind {
                ItemKind::Step => format!("step \"{}\"", item.title),
                ItemKind::Checkin => "check-in".to_string(),
                ItemKind::Birthday => "birthday".to_string(),
                _ => item.title.to_string(),
            };
            table.add_row(vec![
                style.cell(&short_date(item.due, today)),
                style.cell(&roster.clients[item.client].name),
                style.cell(&what),
                style.cell(&outcome),
            ]);
        }
        out.push_str(&render_table(&table));
        out.push('\n');
    }
    let mut notes = Vec::new();
    if !review.no_replies.is_empty() {
        let who: Vec<String> = review
            .no_replies
            .iter()
            .map(|&(c, n)| format!("{} ({n})", name(c)))
            .collect();
        notes.push(format!("No reply: {}", who.join(", ")));
    }
    if !review.set_aside.is_empty() {
        let who: Vec<String> = review.set_aside.iter().map(|&c| name(c)).collect();
        notes.push(format!("Set aside, waiting on them: {}", who.join(", ")));
    }
    if !review.reconnects.is_empty() {
        let who: Vec<String> = review
            .reconnects
            .iter()
            .map(|&(c, d)| format!("{} ({})", name(c), short_date(d, today)))
            .collect();
        notes.push(format!("Light touches due: {}", who.join(", ")));
    }
    let coming: Vec<String> = review
        .coming
        .iter()
        .map(|(c, item)| {
            format!(
                "{} {}: {}",
                short_date(item.date, today),
                name(*c),
                item_words(item)
            )
        })
        .collect();
    if coming.is_empty() {
        notes.push(format!(
            "Coming up in the next {}: no birthdays, renewals or milestones",
            plural(days as usize, "day")
        ));
    } else {
        notes.push(format!(
            "Coming up in the next {}: {}",
            plural(days as usize, "day"),
            coming.join("; ")
        ));
    }
    out.push('\n');
    for n in notes {
        out.push_str(&wrap(&escape_controls(&n), w, 2));
        out.push('\n');
    }
    out
}
