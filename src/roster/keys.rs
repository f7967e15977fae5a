//! One definition per key of the roster and the history: its name, the reader that takes
//! its value, and its line in `docs/roster-format.md`.
//!
//! The loader's unknown-key checks, `import`'s columns and the format page all come from
//! these tables. The tests below hold the three together: every key's row appears in the
//! page word for word, every example in it loads cleanly, and a value of the wrong type is
//! refused in the words of the key's `Read` — so a key the loader reads with another reader,
//! or no longer reads at all, fails a test rather than drifting from its documentation.

/// How a key's value is read (see `fields::Reader`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// A string (a name, a journey name, a status, an id).
    Text,
    /// An array of strings.
    Texts,
    /// `YYYY-MM-DD`, bare or in quotes.
    Date,
    /// A date, or `"MM-DD"` when the year is unknown.
    Birthday,
    /// A duration in quotes (`"3w"`); some keys also take `"none"`.
    Period,
    /// A whole number within the key's bounds.
    Integer,
    Bool,
    /// A draft message: a string whose `{placeholders}` must be known.
    Template,
    /// A `[section]`.
    Table,
    /// A list of `[[tables]]`.
    Tables,
}

impl Read {
    /// What a value of this kind is, as the loader says when a value is of another type
    /// ("`start` must be a date, not true/false").
    pub const fn expected(self) -> &'static str {
        match self {
            Read::Text | Read::Period | Read::Template => "a string in quotes",
            Read::Texts => "an array of strings",
            Read::Date | Read::Birthday => "a date",
            Read::Integer => "a whole number",
            Read::Bool => "true or false",
            Read::Table => "a table",
            // The message names the tables: "a list of [[client]] tables".
            Read::Tables => "a list of",
        }
    }
}

/// A key of one table of the roster or the history.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub name: &'static str,
    pub read: Read,
    /// The documentation's columns: the default (empty where the page has no such
    /// column), the meaning, and an example line without its backticks (may be empty).
    pub default: &'static str,
    pub meaning: &'static str,
    pub example: &'static str,
    /// Whether `import` takes it as a spreadsheet column.
    pub in_sheets: bool,
}

const fn key(
    name: &'static str,
    read: Read,
    default: &'static str,
    meaning: &'static str,
    example: &'static str,
) -> Key {
    Key {
        name,
        read,
        default,
        meaning,
        example,
        in_sheets: false,
    }
}

/// A `[[client]]` key that `import` also reads from a spreadsheet column.
const fn in_sheets(key: Key) -> Key {
    Key {
        in_sheets: true,
        ..key
    }
}

/// The names of `keys`, in their order.
pub fn names(keys: &[Key]) -> impl Iterator<Item = &'static str> + '_ {
    keys.iter().map(|k| k.name)
}

// The keys that `[defaults]`, `[tags.NAME]` and `[[client]]` share, with each table's
// default.
const fn cadence(default: &'static str, example: &'static str) -> Key {
    let meaning = r#"routine check-in interval, or `"none"`"#;
    key("cadence", Read::Period, default, meaning, example)
}

const fn journey(default: &'static str) -> Key {
    let meaning = r#"a journey name, or `"none"`"#;
    key(
        "journey",
        Read::Text,
        default,
        meaning,
        r#"journey = "online-10""#,
    )
}

const fn drift_after(default: &'static str, example: &'static str) -> Key {
    let meaning = "no session for longer than this means drifting";
    key("drift_after", Read::Period, default, meaning, example)
}

const fn sessions(default: &'static str) -> Key {
    let meaning = r#"the weekdays they usually train with you, `"mon"` … `"sun"`; `[]` = no fixed days (nothing is learned). Without it the rhythm is learned from the history"#;
    key(
        "sessions",
        Read::Texts,
        default,
        meaning,
        r#"sessions = ["mon", "thu"]"#,
    )
}

/// The tables of a roster file; each has its own section in the page.
pub const TOP: &[Key] = &[
    key("coach", Read::Table, "", "you and how you plan", ""),
    key("defaults", Read::Table, "", "what a client leaves out", ""),
    key("tags", Read::Table, "", "defaults per tag", ""),
    key(
        "messages",
        Read::Table,
        "",
        "your wording of the drafts",
        "",
    ),
    key("journeys", Read::Table, "", "your own journeys", ""),
    key("client", Read::Tables, "", "one table per client", ""),
];

/// The tables of a history file.
pub const HISTORY_TOP: &[Key] = &[key("entry", Read::Tables, "", "one table per record", "")];

/// `[messages]`: one template per item kind.
pub const MESSAGES: &[Key] = &[
    key(
        "checkin",
        Read::Template,
        "the built-in wording",
        "a routine check-in (`cadence`)",
        r#"checkin = "Hi {first_name}! How is it going with your goal: {goal}?""#,
    ),
    key(
        "step",
        Read::Template,
        "the built-in wording",
        "a journey step without a `message` of its own",
        r#"step = "Hi {first_name}, {title} today. {months} months together!""#,
    ),
    key(
        "renewal",
        Read::Template,
        "the built-in wording",
        "the renewal conversation, `renewal_notice` before `renewal`",
        r#"renewal = "Hi {first_name}, your plan renews on {renewal}. Shall we talk about what is next?""#,
    ),
    key(
        "target",
        Read::Template,
        "the built-in wording",
        "the goal review on `goal_by`",
        r#"target = "Hi {first_name}, the big day has come and gone. How did it go?""#,
    ),
    key(
        "drift",
        Read::Template,
        "the built-in wording",
        "no session for longer than `drift_after`",
        r#"drift = "Hi {first_name}, I miss you at the studio. How are you doing?""#,
    ),
    key(
        "reconnect",
        Read::Template,
        "the built-in wording",
        "the light touch to a client set aside, or paused without an end",
        r#"reconnect = "Hi {first_name}, just thinking of you. The door is open.""#,
    ),
    key(
        "birthday",
        Read::Template,
        "the built-in wording",
        "their birthday",
        r#"birthday = "Happy birthday, {first_name}!""#,
    ),
];

/// `[[entry]]` of the history file.
pub const ENTRY: &[Key] = &[
    key(
        "client",
        Read::Text,
        "required",
        "a client id of the roster",
        r#"client = "alice""#,
    ),
    key(
        "date",
        Read::Date,
        "required",
        "the day it happened (for a snooze: the day you decided to wait)",
        "date = 2026-11-22",
    ),
    key(
        "kind",
        Read::Text,
        r#"`"contact"`"#,
        "`contact`, `no-reply`, `session`, `snooze` or `renewed` (written by `renew`)",
        r#"kind = "session""#,
    ),
    key(
        "done",
        Read::Texts,
        "for a contact: everything due",
        r#"the planned conversations it handled: any of `"step"`, `"renewal"`, `"target"`. `log` always writes it"#,
        r#"done = ["step", "renewal"]"#,
    ),
    key(
        "next",
        Read::Date,
        "none",
        "the next touch, agreed for this day; not before `date`. Required for a snooze",
        "next = 2026-12-15",
    ),
    key(
        "note",
        Read::Text,
        "none",
        "what was said or agreed",
        r#"note = "Knee is fine; wants to try a 5k race first""#,
    ),
    key(
        "renewal",
        Read::Date,
        "none",
        r#"with `kind = "renewed"` (required there): the renewal date that was renewed, so `review` still knows the talk that was due for it"#,
        "renewal = 2026-12-15",
    ),
    key(
        "ref",
        Read::Text,
        "none",
        "the source id of a session that `attendance` imported (a calendar event's UID and day, a booking row's id); the same source is never logged twice",
        r#"ref = "mindbody:98812""#,
    ),
];

/// `[coach]`
pub const COACH: &[Key] = &[
    key(
        "name",
        Read::Text,
        "none",
        "your name",
        r#"name = "Sam Rivera""#,
    ),
    key(
        "daily_limit",
        Read::Integer,
        "`0` (no cap)",
        "at most this many clients listed by `today`; the rest are counted in a footer. 0 to 1,000,000",
        "daily_limit = 12",
    ),
    key(
        "drift_after",
        Read::Period,
        r#"`"21d"`"#,
        "no session for longer than this means drifting. Must be longer than zero",
        r#"drift_after = "3w""#,
    ),
    key(
        "renewal_notice",
        Read::Period,
        r#"`"30d"`"#,
        r#"the renewal conversation is due this long before `renewal`. `"0d"` means on the day"#,
        r#"renewal_notice = "6w""#,
    ),
    key(
        "give_up_after",
        Read::Integer,
        "`3`",
        "unanswered tries before a client is set aside (1 to 100)",
        "give_up_after = 2",
    ),
    key(
        "pack_notice",
        Read::Integer,
        "`2`",
        "for a client with a `package`: the renewal talk is due on the session that leaves this many sessions of the pack (0 to 1,000)",
        "pack_notice = 3",
    ),
    key(
        "reconnect_after",
        Read::Period,
        r#"`"6w"`"#,
        r#"one light touch this long after setting a client aside (or after the last contact with a client paused without an end); each unanswered one doubles the wait. `"none"` = never"#,
        r#"reconnect_after = "2m""#,
    ),
    key(
        "since",
        Read::Date,
        "none",
        "the day you started planning with coachplan: nothing is overdue from before it, and steps missed before it are not counted. `init` writes the day it ran",
        "since = 2026-09-01",
    ),
    key(
        "history",
        Read::Text,
        r#"`"<roster stem>.history.toml"`"#,
        "the history file, relative to the roster's folder; its folder must exist, and it cannot be the roster itself",
        r#"history = "logs/history.toml""#,
    ),
];

/// `[defaults]`
pub const DEFAULTS: &[Key] = &[
    cadence(r#"`"2w"`"#, r#"cadence = "1w""#),
    journey(r#"`"standard"`"#),
];

/// `[tags.NAME]`: the defaults a tag gives its clients.
pub const TAGS: &[Key] = &[
    cadence("", r#"cadence = "1m""#),
    journey(""),
    drift_after("", r#"drift_after = "6w""#),
    sessions(""),
];

/// `[journeys.NAME]`
pub const JOURNEY: &[Key] = &[
    key(
        "months",
        Read::Integer,
        "the month of the last step",
        "length in months, 1 to 120 (a journey needs steps or `months`)",
        "months = 10",
    ),
    key(
        "anniversaries",
        Read::Bool,
        "`true`",
        r#"after the last step, a step on each anniversary of `start` ("2 years together")"#,
        "anniversaries = false",
    ),
    key(
        "steps",
        Read::Tables,
        "no steps",
        "`[[journeys.NAME.steps]]` tables, below",
        "",
    ),
];

/// A step of a journey, `[[journeys.NAME.steps]]`.
pub const STEP: &[Key] = &[
    key(
        "after",
        Read::Period,
        "",
        r#"the step's day is `start + after`, a duration (`"90d"`, `"3m"`: three calendar months later, to the day). Either `after` or `month`"#,
        r#"after = "3m""#,
    ),
    key(
        "month",
        Read::Integer,
        "",
        "1-based month of the client's time with you, 1 to `months`",
        "month = 3",
    ),
    key(
        "day",
        Read::Integer,
        "`1`",
        "day of that month, 1 to 31",
        "day = 4",
    ),
    key(
        "week",
        Read::Integer,
        "none",
        "instead of `day`: week 1 to 5 of the month (`week = 3` is day 15). Not both",
        "week = 2",
    ),
    key(
        "kind",
        Read::Text,
        r#"`"step"`"#,
        "a free label, shown in `journey`",
        r#"kind = "review""#,
    ),
    key(
        "title",
        Read::Text,
        "required",
        "what the step is",
        r#"title = "90-day review""#,
    ),
    key(
        "prompt",
        Read::Text,
        "none",
        "the talking point",
        r#"prompt = "Measure, celebrate, set the next target.""#,
    ),
    key(
        "message",
        Read::Template,
        "the built-in wording",
        "the draft message for this step, with the placeholders of `[messages]`",
        r#"message = "Hi {first_name}, 90 days already!""#,
    ),
];

/// `[[client]]`
pub const CLIENT: &[Key] = &[
    in_sheets(key(
        "name",
        Read::Text,
        "required",
        "their name",
        r#"name = "Alice Moreno""#,
    )),
    in_sheets(key(
        "id",
        Read::Text,
        "from the name",
        r#"used by `log`, `journey`, `--client`: letters, digits, `-`, `_`, `.`. Default: the name lowercased, each run of other characters turned into `-` (`"Alice Moreno"` → `alice-moreno`). Ids must differ, ignoring case, and are matched ignoring case"#,
        r#"id = "alice""#,
    )),
    in_sheets(key(
        "start",
        Read::Date,
        "required",
        "the first day working together",
        "start = 2026-03-14",
    )),
    in_sheets(key(
        "goal",
        Read::Text,
        "none (warned)",
        "their goal, in their words. Without one, check-ins prompt you to ask for it",
        r#"goal = "Run a 10k without stopping""#,
    )),
    in_sheets(key(
        "why",
        Read::Text,
        "none",
        "their reasons, in their words",
        r#"why = "Keep up with her kids""#,
    )),
    in_sheets(key(
        "goal_by",
        Read::Date,
        "none",
        "target date: a goal review is due that day",
        "goal_by = 2027-05-01",
    )),
    in_sheets(cadence(
        r#"first tag, `[defaults]`, else `"2w"`"#,
        r#"cadence = "1w""#,
    )),
    in_sheets(journey(r#"first tag, `[defaults]`, else `"standard"`"#)),
    drift_after(
        r#"first tag, `[coach]`, else `"21d"`"#,
        r#"drift_after = "3w""#,
    ),
    key(
        "status",
        Read::Text,
        r#"`"active"`"#,
        "`active`, `paused` or `ended`",
        r#"status = "paused""#,
    ),
    key(
        "paused_until",
        Read::Date,
        "none",
        r#"the day the break ends: with `status = "paused"`, back on this day (active again from then on); on an active client, the day `resume` ended the break (drift counts from it). A paused client without it gets only a light touch now and then (`reconnect_after`)"#,
        "paused_until = 2026-12-07",
    ),
    key(
        "paused_from",
        Read::Date,
        "none",
        "the first day of the last break; written by `pause`. Without it the break starts the day after the last session",
        "paused_from = 2026-11-01",
    ),
    key(
        "ended",
        Read::Date,
        "none",
        r#"with `status = "ended"`: their last day (for `retention`; warned when missing)"#,
        "ended = 2026-08-01",
    ),
    in_sheets(key(
        "last_contact",
        Read::Date,
        "none",
        "a contact before you kept a history; the history adds to it",
        "last_contact = 2026-11-10",
    )),
    in_sheets(key(
        "last_session",
        Read::Date,
        "none",
        "likewise for sessions (a session is also a contact)",
        "last_session = 2026-11-15",
    )),
    in_sheets(key(
        "renewal",
        Read::Date,
        "none",
        "membership or package renewal date",
        "renewal = 2027-03-14",
    )),
    sessions(r#"first tag, else learned"#),
    key(
        "package",
        Read::Integer,
        "none",
        "a pack of this many sessions (1 to 10,000); needs `package_start`. The renewal talk is then due when `pack_notice` sessions are left",
        "package = 10",
    ),
    key(
        "package_start",
        Read::Date,
        "none",
        "the day the pack was bought: history sessions on or after it count, one a day at most",
        "package_start = 2026-11-02",
    ),
    in_sheets(key(
        "birthday",
        Read::Birthday,
        "none",
        r#"`YYYY-MM-DD`, or `"MM-DD"` when the year is unknown"#,
        r#"birthday = "07-02""#,
    )),
    in_sheets(key(
        "channel",
        Read::Text,
        "none",
        "how they like to be reached",
        r#"channel = "text""#,
    )),
    in_sheets(key(
        "contact",
        Read::Text,
        "none",
        "phone or e-mail",
        r#"contact = "+1 555 0100""#,
    )),
    in_sheets(key(
        "tags",
        Read::Texts,
        "`[]`",
        "labels for `--tag`",
        r#"tags = ["online", "group"]"#,
    )),
    in_sheets(key(
        "notes",
        Read::Texts,
        "`[]`",
        "personal things to remember; `today` shows the first two",
        r#"notes = ["Daughter: Mia"]"#,
    )),
];

#[cfg(test)]
mod tests;
