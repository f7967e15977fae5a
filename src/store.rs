//! Files in one place: reading the roster and its history (decoded once, problems turned
//! into located diagnostics), and the one atomic write every rewrite uses.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Problem};
use crate::error::Error;
use crate::history::{self, History};
use crate::roster::{self, Roster};

/// A roster and history that passed validation, with the warnings found on the way.
pub struct Loaded {
    pub roster: Roster,
    pub history: History,
    pub history_path: PathBuf,
    pub warnings: Vec<Diagnostic>,
}

/// The history file: `[coach] history` relative to the roster's folder, else
/// `<roster stem>.history.toml` beside the roster.
pub fn history_path(roster_path: &Path, configured: Option<&str>) -> PathBuf {
    let folder = roster_path.parent().unwrap_or(Path::new(""));
    match configured {
        Some(name) => folder.join(name),
        None => {
            let stem = roster_path
                .file_stem()
                .map_or("clients".into(), |s| s.to_string_lossy());
            folder.join(format!("{stem}.history.toml"))
        }
    }
}

fn io_error(path: &Path, e: std::io::Error, what: &str) -> Error {
    let hint = match e.kind() {
        ErrorKind::NotFound if what == "roster" => Some(
            "run `coachplan init` to write a starter roster there, or pass --file PATH (or set COACHPLAN_FILE)".to_string(),
        ),
        ErrorKind::PermissionDenied => Some(format!("check the {what} file's permissions (ls -l {})", path.display())),
        ErrorKind::IsADirectory => Some(format!("the {what} must be a file, not a folder")),
        ErrorKind::InvalidData => Some(format!("save the {what} as UTF-8 text")),
        _ => None,
    };
    Error::Io {
        path: path.to_path_buf(),
        source: e,
        hint,
    }
}

/// Reads a text file. Invalid UTF-8 is reported at its line and column; a UTF-8 byte
/// order mark, which some editors add, is skipped.
fn read_text(path: &Path, what: &str) -> Result<String, Error> {
    if path.is_dir() {
        return Err(io_error(
            path,
            std::io::Error::from(ErrorKind::IsADirectory),
            what,
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e, what))?;
    decode(path, bytes)
}

/// A file whose start is full of control bytes is not a text file someone typed.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
        .count();
    head.contains(&0) && controls * 20 > head.len()
}

fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    let file = path.display().to_string();
    if looks_binary(&bytes) {
        let problem = Problem::error(0..0, "this is a binary file, not a TOML text file")
            .hint("check the path: the roster and the history are text files you can edit");
        return Err(Error::Invalid(Diagnostic::locate_all(
            &file,
            "",
            vec![problem],
        )));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes[..valid]);
            let problem = Problem::error(valid..valid, "the file is not valid UTF-8 text")
                .hint("save the file as UTF-8 in your editor");
            Err(Error::Invalid(Diagnostic::locate_all(
                &file,
                &text,
                vec![problem],
            )))
        }
    }
}

/// Reads and validates the roster alone (for `log`, `check`, and every view).
pub fn load_roster(path: &Path) -> Result<(Roster, Vec<Diagnostic>), Error> {
    let text = read_text(path, "roster")?;
    let (roster, problems) = roster::parse_roster(&text);
    let diags = Diagnostic::locate_all(&path.display().to_string(), &text, problems);
    match roster {
        Some(r) => Ok((r, diags)),
        None => Err(Error::Invalid(diags)),
    }
}

/// Reads and validates the roster and its history (`history`, else the roster's own
/// setting). Every error of both is reported.
pub fn load(path: &Path, history: Option<&Path>) -> Result<Loaded, Error> {
    let (roster, mut warnings) = load_roster(path)?;
    let history_path = match history {
        Some(p) => p.to_path_buf(),
        None => history_path(path, roster.coach.history.as_deref()),
    };
    // `log` appends to the history; pointed at the roster, it would write into it.
    if let (Ok(a), Ok(b)) = (history_path.canonicalize(), path.canonicalize())
        && a == b
    {
        return Err(Error::refused(
            format!(
                "the history file {} is the roster itself",
                history_path.display()
            ),
            "set [coach] history to another file name, or remove it for the default",
        ));
    }
    if history_path.is_dir() {
        return Err(io_error(
            &history_path,
            std::io::Error::from(ErrorKind::IsADirectory),
            "history",
        ));
    }
    let text = match history::read_locked(&history_path) {
        Ok(Some(text)) => text,
        Ok(None) => String::new(),
        Err(e) if e.kind() == ErrorKind::InvalidData => {
            let bytes =
                std::fs::read(&history_path).map_err(|e| io_error(&history_path, e, "history"))?;
            decode(&history_path, bytes)?
        }
        Err(e) => return Err(io_error(&history_path, e, "history")),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let (history, problems) = history::parse_history(text, &roster);
    let diags = Diagnostic::locate_all(&history_path.display().to_string(), text, problems);
    warnings.extend(diags.iter().filter(|d| !d.is_error()).cloned());
    match history {
        Some(history) => Ok(Loaded {
            roster,
            history,
            history_path,
            warnings,
        }),
        None => Err(Error::Invalid(diags)),
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, synced, then
/// renamed over the target, so a reader sees the old file or the new one, never half. The
/// target's mode is kept (0600 for a new file: rosters hold personal data).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(folder)?;
    tmp.write_all(bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o600, |m| m.permissions().mode() & 0o7777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Reads `path`, lets `change` compute the new text, and writes it atomically, all under
/// an exclusive lock on the file, so that no append slips in between. `change` returns
/// what to report and the new text, or `None` to leave the file alone.
pub fn rewrite_locked<T>(
    path: &Path,
    change: impl FnOnce(&str) -> Option<(T, String)>,
) -> Result<Option<T>, Error> {
    use std::io::Read;
    let fail = |e| io_error(path, e, "history");
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(fail)?;
    file.lock().map_err(fail)?;
    let mut text = String::new();
    file.read_to_string(&mut text).map_err(fail)?;
    let Some((report, new_text)) = change(&text) else {
        return Ok(None);
    };
    write_atomic(path, new_text.as_bytes()).map_err(fail)?;
    // The lock goes with the old file; an appender waiting on it sees that the path now
    // names another file and opens it again (`history::append`).
    drop(file);
    Ok(Some(report))
}
