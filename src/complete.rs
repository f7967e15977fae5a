//! Shell completion of client ids (`clap_complete`'s dynamic candidates). Apart from
//! `cli` and `settings` so that the command line's types import neither.

use std::path::PathBuf;

/// The client ids of the roster a command would read, for shell completion: `--file` on
/// the line being completed, else `$COACHPLAN_FILE`, else the config folder. Anything that
/// goes wrong gives no candidates: completion must never print an error.
pub fn client_id_candidates() -> Vec<clap_complete::engine::CompletionCandidate> {
    let args: Vec<String> = std::env::args().collect();
    let file = args.iter().enumerate().find_map(|(i, a)| match a.as_str() {
        "--file" | "-f" => args.get(i + 1).map(PathBuf::from),
        a => a.strip_prefix("--file=").map(PathBuf::from),
    });
    let Ok(path) = crate::store::roster_path(
        file,
        std::env::var("COACHPLAN_FILE").ok(),
        dirs::config_dir(),
    ) else {
        return Vec::new();
    };
    // A roster on standard input is the shell's terminal while it completes: reading it
    // would hang the shell. No ids then.
    if crate::store::is_stdin(&path) {
        return Vec::new();
    }
    let Ok((roster, _)) = crate::store::load_roster(&path) else {
        return Vec::new();
    };
    roster
        .clients
        .iter()
        .map(|c| {
            clap_complete::engine::CompletionCandidate::new(&c.id).help(Some(
                crate::text::escape_controls(&c.name).into_owned().into(),
            ))
        })
        .collect()
}
