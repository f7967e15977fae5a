//! The tables a coach reads over coffee. Every piece of roster text goes through
//! `escape_controls` before it reaches a cell; colour marks what is urgent, but every
//! urgent thing also says so in words, so nothing relies on colour alone.

use comfy_table::{
    Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets,
};

use std::io::{self, Write};

use super::long_table::LongTable;
use super::rows::ClientRow;
use super::text::{
    NO_GOAL, NOTHING, dated, day_month, day_of_week, escape_controls, escape_in_cell, goal_and_why,
    long_date, plural, short_date, talking_point,
};
use crate::plan::agenda::AgendaEntry;
use crate::plan::journey::{ClientJourney, StepStatus};
use crate::plan::retention::RetentionMonth;
use crate::plan::today::TodayPlan;
use crate::plan::{DueItem, Facts, ItemKind, Standing};
use crate::roster::Status;
use crate::roster::{Client, Roster};
use chrono::NaiveDate;

pub use crate::output::Style;

impl Style {
    /// A table drawn our way, without a header yet.
    pub(crate) fn bare_table(&self) -> Table {
        let mut table = Table::new();
        table.load_style(presets::UTF8_HORIZONTAL_ONLY);
        table.set_content_arrangement(ContentArrangement::Dynamic);
        table.set_width(self.width);
        if self.color {
            table.enforce_styling();
        }
        table
    }

    pub(crate) fn table(&self, header: &[&str]) -> Table {
        let mut table = self.bare_table();
        table.set_header(header.iter().map(|h| {
            let cell = self.cell(h);
            if self.color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        }));
        table
    }

    pub(crate) fn cell(&self, text: &str) -> Cell {
        Cell::new(escape_in_cell(text))
    }

    /// A cell that stands out in colour when colour is on.
    fn marked(&self, text: &str, color: Color) -> Cell {
        let cell = self.cell(text);
        if self.color { cell.fg(color) } else { cell }
    }

    fn bold(&self, text: &str) -> String {
        if self.color {
            format!("\u{1b}[1m{text}\u{1b}[0m")
        } else {
            text.to_string()
        }
    }
}

/// A table as text, without the spaces comfy-table pads the last column with (mail
/// readers and diffs show them).
pub fn render_table(table: &Table) -> String {
    let text = table.to_string();
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.pop();
    out
}

/// "check-in, 6 days overdue", "birthday today", …
fn why_now(item: &DueItem, today: NaiveDate) -> String {
    if item.kind == ItemKind::Birthday {
        return "birthday today".to_string();
    }
    let what = match item.money {
        Some(money) => super::text::renewal_words(&money, today),
        None => super::text::item_words(item),
    };
    // (v3) On its last call day a renewal talk says so, whatever moved it there.
    if let Some(money) = item.money
        && money.is_last_call(today)
    {
        return match money.held {
            Some(0) | None => format!("{what} · last call today"),
            Some(1) => format!("{what} · last call today (1 try unanswered)"),
            Some(n) => format!("{what} · last call today ({n} tries unanswered)"),
        };
    }
    if item.in_person {
        return match item.days_overdue(today) {
            0 if item.date == today => format!("{what}, at today's session"),
            0 => format!("{what}, at {}'s session", item.date.format("%A")),
            n => format!("{what}, in person, {} overdue", plural(n as usize, "day")),
        };
    }
    match item.days_overdue(today) {
        0 => format!("{what}, due today"),
        1 => format!("{what}, 1 day overdue"),
        n => format!("{what}, {n} days overdue"),
    }
}

/// (v3) What to bring up in person: "the 90-day review", "the renewal (renews 20 Dec)".
fn in_person_words(item: &DueItem) -> String {
    match item.kind {
        ItemKind::Step => format!("\"{}\"", item.title),
        ItemKind::Renewal => "the renewal talk".to_string(),
        ItemKind::Target => "the goal date".to_string(),
        _ => super::text::item_words(item),
    }
}

/// (v3) "coming: goal date 12 Dec", "coming: renews 14 Dec".
fn coming_soon(soon: &[(ItemKind, NaiveDate)], today: NaiveDate) -> Option<String> {
    let parts: Vec<String> = soon
        .iter()
        .map(|&(kind, d)| match kind {
            ItemKind::Target => format!("goal date {}", short_date(d, today)),
            _ => format!("renews {}", short_date(d, today)),
        })
        .collect();
    (!parts.is_empty()).then(|| format!("coming: {}", parts.join("; ")))
}

/// The lines of "what to say": the client's own goal and why, the talking points, the
/// personal notes, and the last conversation.
fn what_to_say(
    client: &Client,
    facts: &Facts,
    items: &[&DueItem],
    today: NaiveDate,
    drafts: &[String],
) -> String {
    let mut lines = goal_and_why(client);
    for item in items {
        if item.kind == ItemKind::Checkin && client.goal.is_some() && !item.welcome_back {
            continue;
        }
        if let Some(prompt) = item.prompt {
            lines.push(talking_point(item.kind, prompt));
        }
    }
    if !client.notes.is_empty() {
        let notes: Vec<&str> = client.notes.iter().take(2).map(String::as_str).collect();
        lines.push(format!("Remember: {}", notes.join("; ")));
    }
    match (facts.last_contact, facts.last_note) {
        (Some(d), Some(note)) => lines.push(format!("Last, {}: \"{note}\"", short_date(d, today))),
        (Some(d), None) => lines.push(format!("Last contact: {}", short_date(d, today))),
        (None, _) => lines.push("Last contact: none yet".to_string()),
    }
    for draft in drafts {
        lines.push(format!("Draft: {draft}"));
    }
    lines.join("\n")
}

/// "month 9 of 12", or past the journey "month 17 · journey done".
pub fn month_label(roster: &Roster, client: &Client, today: NaiveDate) -> Option<String> {
    let m = crate::plan::month_now(client, today)?;
    let today = crate::plan::seen_on(client, today);
    Some(match roster.journey_of(client) {
        Some(j) if j.last_step_date(client.start).is_some_and(|d| d < today) => {
            format!("month {m} · journey done")
        }
        // A one-year review falls on the first day of month 13 of a 12-month journey.
        Some(j) if m > j.length(client.start) => format!("month {m} · last step"),
        Some(j) => format!("month {m} of {}", j.length(client.start)),
        None => format!("month {m}"),
    })
}

fn who(client: &Client, roster: &Roster, today: NaiveDate, back: Option<NaiveDate>) -> String {
    let mut lines = vec![client.name.clone()];
    lines.extend(super::text::reach(client));
    lines.extend(month_label(roster, client, today));
    if let Some(back) = back {
        lines.push(format!("back since {}", short_date(back, today)));
    }
    lines.join("\n")
}

/// What `today` shows besides the list.
#[derive(Debug, Clone, Copy, Default)]
pub struct TodayOptions {
    /// Leave out the "waiting on them" list.
    pub quiet: bool,
    /// Show each item's draft message.
    pub drafts: bool,
}

pub fn today(
    out: &mut dyn Write,
    roster: &Roster,
    files: &[crate::plan::ClientFile],
    plan: &TodayPlan,
    style: Style,
    options: TodayOptions,
) -> io::Result<()> {
    let today = plan.date;
    let drifting = plan.drifting;
    // (v3) What is said in person to a client expected in today is in the "In today"
    // block, not a row to text.
    let rows: Vec<&crate::plan::today::ClientDue> =
        plan.due.iter().filter(|d| d.to_reach()).collect();
    if rows.is_empty() {
        writeln!(out, "{} · nothing due today", long_date(today))?;
    } else {
        let mut headline = format!(
            "{} · {} to reach",
            long_date(today),
            plural(rows.len() + plan.more, "client")
        );
        if drifting > 0 {
            headline.push_str(&format!(" ({drifting} drifting)"));
        }
        write!(out, "{}\n\n", style.bold(&headline))?;
        let mut first = style.table(&["Client", "Why now", "What to say"]);
        // "What to say" carries the most text: the other two give way first.
        for (column, percent) in [(0, 25), (1, 30)] {
            if let Some(c) = first.column_mut(column) {
                c.set_constraint(ColumnConstraint::UpperBoundary(Width::Percentage(percent)));
            }
        }
        let mut table = LongTable::new(out, style, first);
        for due in rows {
            let client = &roster.clients[due.client];
            let f = &files[due.client].facts;
            let here = due.coming_in;
            let items: Vec<&DueItem> = due
                .items
                .iter()
                .filter(|i| !(here && i.in_person))
                .collect();
            let drafts: Vec<String> = if options.drafts {
                crate::draft::primary(&items)
                    .map(|i| crate::draft::draft(roster, client, i, today))
                    .into_iter()
                    .collect()
            } else {
                Vec::new()
            };
            let mut why: Vec<String> = items.iter().map(|i| why_now(i, today)).collect();
            // A set-aside client is not being retried (this is the one light note), and
            // a talk on its last call day already says how many tries went unanswered.
            let retried = f.no_replies > 0
                && f.no_replies < roster.coach.give_up_after
                && !items
                    .iter()
                    .any(|i| i.money.is_some_and(|m| m.is_last_call(today)));
            if retried {
                why.push(format!(
                    "(no reply to {}, tried again now)",
                    plural(f.no_replies as usize, "try")
                ));
            }
            why.extend(coming_soon(&due.soon, today));
            let overdue = items.iter().any(|i| i.days_overdue(today) > 0);
            let why_cell = match (due.drifting, overdue) {
                (true, _) => style.marked(&why.join("\n"), Color::Red),
                (false, true) => style.marked(&why.join("\n"), Color::Yellow),
                _ => style.cell(&why.join("\n")),
            };
            table.row(vec![
                style.cell(&who(client, roster, today, due.back_since)),
                why_cell,
                style.cell(&what_to_say(client, f, &items, today, &drafts)),
            ])?;
        }
        table.finish()?;
    }
    if !plan.in_today.is_empty() {
        let width = usize::from(style.width);
        let lines: Vec<String> = plan
            .in_today
            .iter()
            .map(|t| {
                let mut line = format!(
                    "{} (usually {})",
                    escape_controls(&roster.clients[t.client].name),
                    crate::plan::rhythm::days_words(t.days)
                );
                let bring: Vec<String> = t.bring_up.iter().map(in_person_words).collect();
                if !bring.is_empty() {
                    line.push_str(&format!(" · bring up {}", bring.join(", ")));
                }
                line
            })
            .collect();
        writeln!(out)?;
        for (n, line) in lines.iter().enumerate() {
            let lead = if n == 0 { "In today: " } else { "          " };
            writeln!(
                out,
                "{}",
                super::text::wrap(&format!("{lead}{line}"), width, 12)
            )?;
        }
    }
    if !options.quiet && !plan.waiting.is_empty() {
        let give_up = roster.coach.give_up_after;
        let names: Vec<String> = plan
            .waiting
            .iter()
            .map(|w| {
                let touch = match w.reconnect {
                    Some(d) if d <= today => ", light touch due".to_string(),
                    Some(d) => format!(", light touch {}", short_date(d, today)),
                    None => String::new(),
                };
                let renews = w.renews.map_or(String::new(), |r| {
                    format!(", renews {}", short_date(r, today))
                });
                format!(
                    "{}, last tried {}{touch}{renews}",
                    escape_controls(&roster.clients[w.client].name),
                    short_date(w.last_tried, today)
                )
            })
            .collect();
        let width = usize::from(style.width);
        writeln!(
            out,
            "\n{}",
            super::text::wrap(
                &format!(
                    "Waiting on them (no reply to {}): {}",
                    plural(give_up as usize, "try"),
                    names.join("; ")
                ),
                width,
                2,
            )
        )?;
    }
    if plan.more > 0 {
        writeln!(out, "{} more due · coachplan today --all", plan.more)?;
    }
    Ok(())
}

pub fn agenda(
    out: &mut dyn Write,
    roster: &Roster,
    entries: &[AgendaEntry],
    today: NaiveDate,
    days: u32,
    style: Style,
) -> io::Result<()> {
    let headline = format!(
        "Agenda · {} · next {}",
        long_date(today),
        plural(days as usize, "day")
    );
    write!(out, "{}\n\n", style.bold(&headline))?;
    if entries.is_empty() {
        return writeln!(out, "Nothing falls due in these days.");
    }
    let first = style.table(&["Day", "Client", "What", "Talking point"]);
    let mut table = LongTable::new(out, style, first);
    let mut last_day = None;
    // Entries come sorted by day and client: one row per client and day.
    for group in entries.chunk_by(|a, b| a.day == b.day && a.client == b.client) {
        let first = &group[0];
        let client = &roster.clients[first.client];
        let day = if last_day == Some(first.day) {
            String::new()
        } else {
            day_of_week(first.day)
        };
        last_day = Some(first.day);
        let what: Vec<String> = group
            .iter()
            .map(|e| {
                if e.days_overdue > 0 {
                    why_now(&e.item, today)
                } else {
                    item_label(&e.item)
                }
            })
            .collect();
        let what = if group.iter().any(|e| e.days_overdue > 0) {
            style.marked(&what.join("\n"), Color::Yellow)
        } else {
            style.cell(&what.join("\n"))
        };
        let mut talk = Vec::new();
        if let Some(goal) = &client.goal {
            talk.push(format!("Goal: {goal}"));
        }
        talk.extend(
            group
                .iter()
                .filter_map(|e| e.item.prompt.map(|p| talking_point(e.item.kind, p))),
        );
        table.row(vec![
            style.cell(&day),
            style.cell(&client.name),
            what,
            style.cell(&talk.join("\n")),
        ])?;
    }
    table.finish()
}

fn item_label(item: &DueItem) -> String {
    match item.kind {
        ItemKind::Checkin => "check-in".to_string(),
        ItemKind::Step => format!("step \"{}\"", item.full_title()),
        ItemKind::Birthday => "birthday".to_string(),
        ItemKind::Reconnect => "a light touch".to_string(),
        _ => item.title.to_string(),
    }
}

pub fn clients(
    out: &mut dyn Write,
    roster: &Roster,
    rows: &[ClientRow],
    today: NaiveDate,
    style: Style,
) -> io::Result<()> {
    let headline = format!("{} · {}", long_date(today), plural(rows.len(), "client"));
    write!(out, "{}\n\n", style.bold(&headline))?;
    let first = style.table(&["Client", "Status", "Month", "Goal", "Last contact", "Next"]);
    let mut table = LongTable::new(out, style, first);
    for row in rows {
        let c = row.client;
        let status = match row.standing {
            Standing::SetAside { tries, .. } => format!(
                "waiting on them\n(no reply to {})",
                plural(tries as usize, "try")
            ),
            Standing::Paused(Some(until)) => format!("paused until\n{}", short_date(until, today)),
            Standing::Paused(None) => "paused".to_string(),
            Standing::Back(since) if super::text::still_back(since, today) => {
                format!("back since\n{}", short_date(since, today))
            }
            _ => c.status.as_str().to_string(),
        };
        let status = match row.pack {
            Some((used, total)) => format!("{status}\n{}", super::text::pack_words(used, total)),
            None => status,
        };
        let month = match row.month {
            0 => format!("starts {}", short_date(c.start, today)),
            _ if c.status == Status::Ended => row.month.to_string(),
            _ => month_label(roster, c, today)
                .map(|m| m.trim_start_matches("month ").to_string())
                .unwrap_or_default(),
        };
        let cadence = match c.cadence {
            Some(p) => format!("every {p}"),
            None => "no routine check-ins".to_string(),
        };
        let next = match &row.next {
            Some(item) if item.date <= today => style.marked(
                &format!("{}\n{}", item_label(item), short_date(item.date, today)),
                Color::Yellow,
            ),
            Some(item) => style.cell(&format!(
                "{}\n{}",
                item_label(item),
                short_date(item.date, today)
            )),
            None => style.cell(NOTHING),
        };
        table.row(vec![
            style.cell(&format!("{}\n{} · {cadence}", c.name, c.id)),
            style.cell(&status),
            style.cell(&month),
            style.cell(c.goal.as_deref().unwrap_or(NO_GOAL)),
            style.cell(
                &row.facts
                    .last_contact
                    .map_or(NOTHING.to_string(), |d| short_date(d, today)),
            ),
            next,
        ])?;
    }
    table.finish()
}

pub fn journey(
    roster: &Roster,
    journeys: &[ClientJourney],
    today: NaiveDate,
    style: Style,
) -> String {
    let mut out = String::new();
    for (n, j) in journeys.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let c = &roster.clients[j.client];
        let plan_name = match &j.journey {
            Some((name, months)) => {
                format!("{name} journey ({})", plural(*months as usize, "month"))
            }
            None => "no journey: routine check-ins only".to_string(),
        };
        let mut head = format!("{} · started {} · {plan_name}", c.name, dated(c.start));
        match (c.status, c.paused_until, c.ended) {
            (crate::roster::Status::Ended, _, Some(end)) => {
                head.push_str(&format!(" · ended {}", dated(end)))
            }
            (crate::roster::Status::Ended, _, None) => head.push_str(" · ended"),
            (crate::roster::Status::Paused, Some(until), _) if today < until => {
                head.push_str(&format!(" · paused until {}", dated(until)))
            }
            (crate::roster::Status::Paused, Some(until), _) => {
                head.push_str(&format!(" · back since {}", dated(until)))
            }
            (crate::roster::Status::Paused, None, _) => head.push_str(" · paused"),
            _ => {}
        }
        if j.last_step.is_some_and(|d| d < today) && c.status != crate::roster::Status::Ended {
            head.push_str(" · journey done");
        }
        let width = usize::from(style.width);
        out.push_str(&style.bold(&super::text::wrap(&escape_controls(&head), width, 2)));
        out.push('\n');
        let goal = c.goal.as_deref().unwrap_or(super::text::NO_GOAL);
        let mut line = format!("Goal: {goal}");
        if let Some(why) = &c.why {
            line.push_str(&format!(" · Why: {why}"));
        }
        out.push_str(&super::text::wrap(&escape_controls(&line), width, 2));
        out.push('\n');
        if j.skipped > 0 {
            out.push_str(&format!(
                "(months 1 to {} left out; --months N shows the first N)\n",
                j.skipped
            ));
        }
        out.push('\n');
        let mut table = style.table(&["Month", "Dates", "Step", "Status"]);
        for m in &j.months {
            let here = j.current == Some(m.month);
            let dates = format!("{} – {}", day_month(m.start), day_month(m.end));
            let marker = if here { "  ◀ you are here" } else { "" };
            let logged = logged_line(&m.logged, today);
            if m.entries.is_empty() {
                table.add_row(vec![
                    style.cell(&m.month.to_string()),
                    style.cell(&dates),
                    style.cell(logged.as_deref().unwrap_or(NOTHING)),
                    style.cell(marker.trim()),
                ]);
                continue;
            }
            if let Some(logged) = &logged {
                table.add_row(vec![
                    style.cell(&m.month.to_string()),
                    style.cell(&dates),
                    style.cell(logged),
                    style.cell(marker.trim()),
                ]);
            }
            let first = usize::from(logged.is_some());
            for (k, e) in m.entries.iter().enumerate() {
                let k = k + first;
                let mut step = format!("{}  {}", day_month(e.date), e.title);
                if let Some(p) = &e.prompt {
                    step.push_str(&format!("\n{p}"));
                }
                let status = format!("{}{}", e.status.words(), if k == 0 { marker } else { "" });
                let status = match e.status {
                    StepStatus::Overdue => style.marked(&status, Color::Yellow),
                    StepStatus::Due => style.marked(&status, Color::Green),
                    _ => style.cell(&status),
                };
                let (month, dates) = if k == 0 {
                    (m.month.to_string(), dates.clone())
                } else {
                    (String::new(), String::new())
                };
                table.add_row(vec![
                    style.cell(&month),
                    style.cell(&dates),
                    style.cell(&step),
                    status,
                ]);
            }
        }
        out.push_str(&render_table(&table));
        out.push('\n');
    }
    out
}

/// "Logged: 2 Nov contact, 9 Nov session": what happened in a month of the journey.
fn logged_line(touches: &[crate::plan::Touch], today: NaiveDate) -> Option<String> {
    if touches.is_empty() {
        return None;
    }
    let parts: Vec<String> = touches
        .iter()
        .map(|t| format!("{} {}", short_date(t.date, today), t.kind.as_str()))
        .collect();
    Some(format!("Logged: {}", parts.join(", ")))
}

pub fn retention(months: &[RetentionMonth], clients: usize, style: Style) -> String {
    let mut out = style.bold(&format!(
        "Retention · {} counted (active and paused ones count as still with you)",
        plural(clients, "client")
    ));
    out.push_str("\n\n");
    let mut table = style.table(&["After month", "Still with you", "", "Lost / at risk"]);
    for m in months {
        if m.at_risk == 0 {
            table.add_row(vec![
                style.cell(&m.month.to_string()),
                style.cell(NOTHING),
                style.cell("no client this far yet"),
                style.cell("0 / 0"),
            ]);
            continue;
        }
        let bar = "█".repeat((m.retained * 30.0).round() as usize);
        table.add_row(vec![
            style.cell(&m.month.to_string()),
            style.cell(&format!("{:.0}%", m.retained * 100.0)),
            style.cell(&bar),
            style.cell(&format!("{} / {}", m.lost, m.at_risk)),
        ]);
    }
    out.push_str(&render_table(&table));
    out.push('\n');
    out
}
