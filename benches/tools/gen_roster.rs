//! Writes a deterministic roster of N clients and a history of 5 entries per client (with
//! `done` lists, agreed next dates and snoozes, as `log` and `snooze` write them), a
//! spreadsheet for `import` (1,000 rows unless ROWS says) and a calendar for `attendance`
//! (10 events, 8 of them one weekly series, for each of the first 1,000 clients unless
//! CALENDAR_CLIENTS says), for the benchmark (`scripts/bench`). The same arguments always
//! give the same bytes.
//!
//! cargo run --release --example gen-roster -- 10000 target/bench/10k.toml [ROWS [CALENDAR_CLIENTS]]

use std::fmt::Write as _;

/// A small linear congruential generator: deterministic without a dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const FIRST: &[&str] = &[
    "Alice", "Ben", "Carla", "Dan", "Eve", "Farid", "Grace", "Hana", "Ivan", "Jonas", "Kemi",
    "Lena", "Marco", "Nia", "Omar", "Priya",
];
const LAST: &[&str] = &[
    "Moreno", "Smith", "Chen", "Okafor", "Weber", "Tanaka", "Nair", "Rossi", "Liu", "Becker",
    "Alvarez", "Delgado",
];
const GOALS: &[&str] = &[
    "Run a 10k without stopping",
    "Deadlift bodyweight",
    "Lose 8 kg",
    "A first pull-up",
    "Train three times a week",
];
const WHYS: &[&str] = &[
    "Keep up with the kids",
    "Feel strong at work",
    "Prove it to herself",
    "Doctor's advice",
    "Ski all season",
];
const NOTES: &[&str] = &[
    "Daughter: Mia",
    "Loves hiking",
    "Works shifts",
    "Knee surgery 2024",
    "Dog: Pepa",
    "Prefers mornings",
];
const TAGS: &[&str] = &["online", "in-person", "group", "running", "app"];
const KINDS: &[&str] = &["contact", "session", "session", "no-reply", "snooze"];

fn date(rng: &mut Lcg, year: u64) -> String {
    format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(path)) = (
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!(
            "usage: gen-roster N ROSTER.toml [ROWS [CALENDAR_CLIENTS]]   (writes ROSTER.history.toml, .sheet.csv and .ics beside it)"
        );
        std::process::exit(2);
    };
    let count = |at: usize, default: usize| {
        args.get(at)
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(default)
    };
    let (rows, calendar_clients) = (count(3, 1000), count(4, 1000));
    let mut rng = Lcg(42);
    let mut roster = String::with_capacity(n * 320);
    roster.push_str(
        "[coach]\nname = \"Bench Gym\"\ndaily_limit = 0\nsince = 2026-01-01\n\n[defaults]\ncadence = \"2w\"\n\n\
         [tags.online]\ncadence = \"1m\"\ndrift_after = \"6w\"\n\n",
    );
    roster.push_str("[journeys.online-10]\nmonths = 10\n");
    for (month, title) in [
        (1, "Kick-off"),
        (3, "Review"),
        (6, "Half-way"),
        (10, "Celebrate"),
    ] {
        let _ = write!(
            roster,
            "\n[[journeys.online-10.steps]]\nmonth = {month}\nweek = 2\ntitle = \"{title}\"\nprompt = \"How is it going?\"\n"
        );
    }
    let mut history = String::with_capacity(n * 5 * 70);
    let mut names: Vec<String> = Vec::with_capacity(n.min(calendar_clients));
    for i in 0..n {
        let name = format!("{} {} {i}", rng.pick(FIRST), rng.pick(LAST));
        if i < calendar_clients {
            names.push(name.clone());
        }
        let id = format!("c{i}");
        let year = 2025 + rng.below(2);
        let start = date(&mut rng, year);
        let _ = write!(
            roster,
            "\n[[client]]\nname = \"{name}\"\nid = \"{id}\"\nstart = {start}\ngoal = \"{}\"\nwhy = \"{}\"\ncadence = \"{}w\"\n",
            rng.pick(GOALS),
            rng.pick(WHYS),
            1 + rng.below(3)
        );
        if i % 4 == 0 {
            roster.push_str("journey = \"online-10\"\n");
        }
        if i % 5 == 0 {
            let _ = writeln!(roster, "renewal = {}", date(&mut rng, 2027));
        } else if i % 10 == 3 {
            // (v3) A pack of sessions: the history's sessions count towards it.
            let _ = writeln!(
                roster,
                "package = 10\npackage_start = 2026-0{}-01",
                1 + rng.below(9)
            );
        }
        if i % 7 == 0 {
            let _ = writeln!(roster, "goal_by = {}", date(&mut rng, 2026));
        }
        if i % 20 == 0 {
            let _ = writeln!(
                roster,
                "status = \"paused\"\npaused_until = {}\npaused_from = 2026-01-01",
                date(&mut rng, 2026)
            );
        } else if i % 20 == 10 {
            // (v3) Back from a break that `resume` ended.
            let _ = writeln!(
                roster,
                "paused_from = 2026-01-01\npaused_until = {}",
                date(&mut rng, 2026)
            );
        }
        if i % 3 == 0 {
            let _ = writeln!(
                roster,
                "birthday = \"{:02}-{:02}\"",
                1 + rng.below(12),
                1 + rng.below(28)
            );
        }
        let _ = write!(
            roster,
            "channel = \"text\"\ncontact = \"+1 555 {:04}\"\ntags = [\"{}\"]\nnotes = [\"{}\", \"{}\"]\n",
            rng.below(10_000),
            rng.pick(TAGS),
            rng.pick(NOTES),
            rng.pick(NOTES)
        );

        for _ in 0..5 {
            let month = 1 + rng.below(12);
            let day = 1 + rng.below(28);
            let kind = rng.pick(KINDS);
            let _ = write!(
                history,
                "[[entry]]\nclient = \"{id}\"\ndate = 2026-{month:02}-{day:02}\nkind = \"{kind}\"\n"
            );
            match kind {
                "snooze" => {
                    let _ = writeln!(history, "next = 2026-{month:02}-{:02}", (day + 7).min(28));
                }
                "contact" => history.push_str("done = [\"step\"]\n"),
                _ => history.push_str("done = []\n"),
            }
            let _ = write!(history, "note = \"{}\"\n\n", rng.pick(NOTES));
        }
        // (v3) Every fourth client trains on a fixed weekday: four weekly sessions up to
        // the bench's day, so their rhythm is learned.
        if i % 4 == 1 {
            for week in 0..4 {
                let _ = write!(
                    history,
                    "[[entry]]\nclient = \"{id}\"\ndate = 2026-11-{:02}\nkind = \"session\"\ndone = []\n\n",
                    2 + (i / 4) % 5 + 7 * week
                );
            }
        }
    }
    let history_path = path
        .strip_suffix(".toml")
        .map_or(format!("{path}.history.toml"), |stem| {
            format!("{stem}.history.toml")
        });
    // A spreadsheet of new clients (1,000 unless ROWS), as a coach moving from a sheet
    // would import.
    let mut sheet = String::from("Name,Id,Start,Goal,Why,Cadence,Tags,Notes,Email,Birthday\r\n");
    for i in 0..rows {
        let _ = write!(
            sheet,
            "\"{} {} {i}, Jr.\",new{i},{},{},{},{}w,online;group,\"{}\",n{i}@example.com,{:02}-{:02}\r\n",
            rng.pick(FIRST),
            rng.pick(LAST),
            date(&mut rng, 2026),
            rng.pick(GOALS),
            rng.pick(WHYS),
            1 + rng.below(3),
            rng.pick(NOTES),
            1 + rng.below(12),
            1 + rng.below(28)
        );
    }
    // (v3) A calendar for `attendance`: for each of the first 1,000 (CALENDAR_CLIENTS) a weekly
    // series of 8 sessions and 2 single ones, 10 events a client, named in the title.
    let mut ics =
        String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//coachplan bench//EN\r\n");
    for (i, name) in names.iter().enumerate() {
        let day = 1 + i % 28;
        let _ = write!(
            ics,
            "BEGIN:VEVENT\r\nUID:w{i}@bench\r\nDTSTART:202609{day:02}T180000\r\nRRULE:FREQ=WEEKLY;COUNT=8\r\nSUMMARY:PT {}\r\nATTENDEE:mailto:c{i}@bench.example\r\nEND:VEVENT\r\n",
            name
        );
        for k in 0..2 {
            let _ = write!(
                ics,
                "BEGIN:VEVENT\r\nUID:s{i}-{k}@bench\r\nDTSTART;VALUE=DATE:2026110{}\r\nSUMMARY:Check-in with {}\r\nEND:VEVENT\r\n",
                1 + k,
                name
            );
        }
    }
    ics.push_str("END:VCALENDAR\r\n");
    let sheet_path = history_path.replace(".history.toml", ".sheet.csv");
    let ics_path = history_path.replace(".history.toml", ".ics");
    if let Err(e) = std::fs::write(path, roster)
        .and_then(|()| std::fs::write(&history_path, history))
        .and_then(|()| std::fs::write(&sheet_path, sheet))
        .and_then(|()| std::fs::write(&ics_path, ics))
    {
        eprintln!("gen-roster: {e}");
        std::process::exit(1);
    }
}
