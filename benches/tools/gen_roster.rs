//! Writes a deterministic roster of N clients and a history of 5 entries per client, for
//! the benchmark (`scripts/bench`). The same N always gives the same bytes.
//!
//! cargo run --release --example gen-roster -- 10000 target/bench/10k.toml

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
const KINDS: &[&str] = &["contact", "session", "session", "no-reply"];

fn date(rng: &mut Lcg, year: u64) -> String {
    format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(path)) = (
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: gen-roster N ROSTER.toml   (writes ROSTER.history.toml beside it)");
        std::process::exit(2);
    };
    let mut rng = Lcg(42);
    let mut roster = String::with_capacity(n * 320);
    roster.push_str(
        "[coach]\nname = \"Bench Gym\"\ndaily_limit = 0\n\n[defaults]\ncadence = \"2w\"\n\n",
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
    for i in 0..n {
        let name = format!("{} {} {i}", rng.pick(FIRST), rng.pick(LAST));
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
            let _ = write!(
                history,
                "[[entry]]\nclient = \"{id}\"\ndate = {}\nkind = \"{}\"\nnote = \"{}\"\n\n",
                date(&mut rng, 2026),
                rng.pick(KINDS),
                rng.pick(NOTES)
            );
        }
    }
    let history_path = path
        .strip_suffix(".toml")
        .map_or(format!("{path}.history.toml"), |stem| {
            format!("{stem}.history.toml")
        });
    if let Err(e) =
        std::fs::write(path, roster).and_then(|()| std::fs::write(&history_path, history))
    {
        eprintln!("gen-roster: {e}");
        std::process::exit(1);
    }
}
