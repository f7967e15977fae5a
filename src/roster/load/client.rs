//! One `[[client]]` table: its keys read and checked, with the id derived from the name
//! when none is given.

use super::*;

/// The id a client gets when the roster gives none: the name lowercased, each run of
/// characters other than a-z and 0-9 turned into one `-`.
pub fn derive_id(name: &str) -> String {
    let mut id = String::with_capacity(name.len());
    for c in name.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    while id.ends_with('-') {
        id.pop();
    }
    id
}

pub(super) fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Reads one `[[client]]` table; `at` is the span of its header, for missing keys.
pub fn read_client(
    t: &DeTable,
    at: Range<usize>,
    defaults: &ClientDefaults,
    reader: &mut Reader,
) -> ClientDraft {
    reader.unknown_keys(t, keys::CLIENT, "[[client]]");
    let name = reader.required_text(t, "name", at.clone(), "client");
    let start = match t.get("start") {
        None => {
            let who = name.as_ref().map_or("client".to_string(), |n| {
                format!("client `{}`", n.get_ref())
            });
            reader.error(
                at.clone(),
                format!("{who} has no `start` date"),
                "add the first day you worked together, e.g. start = 2026-03-14",
            );
            None
        }
        Some(_) => reader.date(t, "start"),
    };
    let (id, id_span) = match reader.text(t, "id") {
        Some(id) => {
            if !valid_id(id.get_ref()) {
                reader.error(
                    id.span(),
                    format!(
                        "client id `{}` has characters an id cannot have",
                        id.get_ref()
                    ),
                    "use letters, digits, `-`, `_` and `.`, starting with a letter or digit",
                );
            }
            (Some(id.get_ref().clone()), id.span())
        }
        None => match &name {
            Some(n) => {
                let id = derive_id(n.get_ref());
                if id.is_empty() {
                    reader.error(
                        n.span(),
                        "cannot make an id from this name",
                        "add an id, e.g. id = \"li-lei\"",
                    );
                }
                (Some(id), n.span())
            }
            None => (None, at.clone()),
        },
    };
    let status = match reader.text(t, "status") {
        None => Status::Active,
        Some(s) => match s.get_ref().as_str() {
            "active" => Status::Active,
            "paused" => Status::Paused,
            "ended" => Status::Ended,
            other => {
                reader.error(
                    s.span(),
                    format!("unknown status `{other}`"),
                    "use \"active\", \"paused\" or \"ended\"",
                );
                Status::Active
            }
        },
    };
    let paused_until = reader.date(t, "paused_until");
    // An active client keeps `paused_until` as the day their last break ended (`resume`).
    if let Some(p) = &paused_until
        && status == Status::Ended
    {
        reader.error(
            p.span(),
            "`paused_until` is set but the client has ended",
            "remove paused_until, or set status = \"paused\"",
        );
    }
    let paused_from = reader.date(t, "paused_from");
    if let (Some(from), Some(until)) = (&paused_from, &paused_until)
        && from.get_ref() > until.get_ref()
    {
        reader.error(
            from.span(),
            "`paused_from` is after `paused_until`",
            "the break starts on paused_from and ends on paused_until: check both dates",
        );
    }
    let package = reader.integer(t, "package", 1, 10_000);
    let package_start = reader.date(t, "package_start");
    let pack = match (&package, &package_start) {
        (Some(n), Some(s)) => Some(crate::roster::Pack {
            sessions: *n.get_ref() as u32,
            start: *s.get_ref(),
        }),
        (Some(n), None) if t.get("package_start").is_none() => {
            reader.error(
                n.span(),
                "`package` needs `package_start`, the day the pack was bought",
                "add package_start = YYYY-MM-DD",
            );
            None
        }
        (None, Some(s)) if t.get("package").is_none() => {
            reader.error(
                s.span(),
                "`package_start` is set but there is no `package`",
                "add package = N, the number of sessions in the pack, or remove package_start",
            );
            None
        }
        _ => None,
    };
    if let (Some(n), Some(_)) = (&package, t.get("renewal")) {
        reader.problems.push(
            Problem::warning(
                n.span(),
                "a client with a `package` has the pack's renewal talk only; `renewal` is not used",
            )
            .hint("remove renewal, or remove package and package_start"),
        );
    }
    let ended = reader.date(t, "ended");
    if let Some(e) = &ended {
        if status != Status::Ended {
            reader.error(
                e.span(),
                "`ended` is set but the client's status is not \"ended\"",
                "add status = \"ended\", or remove ended",
            );
        }
        if let Some(s) = &start
            && e.get_ref() < s.get_ref()
        {
            reader.error(e.span(), "`ended` is before `start`", "check both dates");
        }
    } else if status == Status::Ended {
        reader.problems.push(
            Problem::warning(
                at.clone(),
                "ended client has no `ended` date; `retention` leaves them out",
            )
            .hint("add ended = YYYY-MM-DD, their last day"),
        );
    }
    let goal = reader.text(t, "goal").map(Spanned::into_inner);
    if goal.is_none() && status != Status::Ended {
        let who = name.as_ref().map_or("client".to_string(), |n| {
            format!("client `{}`", n.get_ref())
        });
        reader.problems.push(
            Problem::warning(at.clone(), format!("{who} has no goal")).hint(
                "ask what they want to achieve and why, then add goal = \"…\" and why = \"…\"",
            ),
        );
    }
    let tags = reader.texts(t, "tags");
    let cadence = cadence(t, reader)
        .or_else(|| defaults.first_tag_setting(&tags, |d| d.cadence))
        .unwrap_or(defaults.cadence);
    let journey_value = reader.text(t, "journey");
    let journey_span = journey_value.as_ref().map(Spanned::span);
    let journey = match journey_value {
        Some(j) => journey_name(j.get_ref()),
        None => defaults
            .first_tag_setting(&tags, |d| d.journey.clone())
            .unwrap_or_else(|| defaults.journey.clone()),
    };
    let drift_after = reader
        .period(t, "drift_after", false)
        .map(Spanned::into_inner)
        .or_else(|| defaults.first_tag_setting(&tags, |d| d.drift_after))
        .unwrap_or(defaults.drift_after);
    let sessions =
        sessions(t, reader).or_else(|| defaults.first_tag_setting(&tags, |d| d.sessions));
    let client = Client {
        id: id.unwrap_or_default(),
        name: name.map(Spanned::into_inner).unwrap_or_default(),
        start: start.map(Spanned::into_inner).unwrap_or_default(),
        goal,
        why: reader.text(t, "why").map(Spanned::into_inner),
        goal_by: reader.date(t, "goal_by").map(Spanned::into_inner),
        cadence,
        drift_after,
        journey,
        status,
        paused_until: paused_until.map(Spanned::into_inner),
        paused_from: paused_from.map(Spanned::into_inner),
        ended: ended.map(Spanned::into_inner),
        last_contact: reader.date(t, "last_contact").map(Spanned::into_inner),
        last_session: reader.date(t, "last_session").map(Spanned::into_inner),
        renewal: reader.date(t, "renewal").map(Spanned::into_inner),
        package: pack,
        sessions,
        birthday: reader.birthday(t, "birthday"),
        channel: reader.text(t, "channel").map(Spanned::into_inner),
        contact: reader.text(t, "contact").map(Spanned::into_inner),
        tags,
        notes: reader.texts(t, "notes"),
    };
    ClientDraft {
        client,
        id_span,
        journey_span,
    }
}

/// (v3) `sessions = ["mon", "thu"]`: the weekdays a client usually trains; `[]` is "no
/// fixed days". `None` when absent or wrong.
pub(super) fn sessions(t: &DeTable, reader: &mut Reader) -> Option<crate::roster::Weekdays> {
    let value = t.get("sessions")?;
    let before = reader.problems.len();
    let days = reader.texts(t, "sessions");
    if reader.problems.len() > before {
        return None;
    }
    let mut set = crate::roster::Weekdays::default();
    let DeValue::Array(items) = value.get_ref() else {
        return None;
    };
    for (day, item) in days.iter().zip(items.iter()) {
        match crate::roster::Weekdays::parse_day(day) {
            Some(d) => set.insert(d),
            None => reader.error(
                item.span(),
                format!("`{day}` is not a weekday"),
                crate::suggest::hint(
                    &day.to_ascii_lowercase(),
                    crate::roster::Weekdays::NAMES,
                    ("\"", "\""),
                    || "use \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\" or \"sun\"".into(),
                ),
            ),
        }
    }
    (reader.problems.len() == before).then_some(set)
}
