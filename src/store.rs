//! Files in one place: reading the roster and its history (decoded once, problems turned
//! into located diagnostics), and the one atomic write every rewrite uses.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diag::{Diagnostic, Problem};
use crate::error::Error;
use crate::history::{self, History};
use crate::roster::{self, Roster};

/// A roster and history that passed validation, with the warnings found on the way.
pub struct Loaded {
    pub roster: Roster,
    pub history: History,
    /// `None` with the roster on standard input and no `--history`.
    pub history_path: Option<PathBuf>,
    pub warnings: Vec<Diagnostic>,
}

/// The most a roster read from standard input may be: `--file -` fed from `/dev/zero`
/// must end with an error, not fill the memory.
const STDIN_LIMIT: u64 = 256 * 1024 * 1024;

/// Whether the roster is read from standard input (`--file -`).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn read_stdin() -> Result<String, Error> {
    let mut bytes = Vec::new();
    let fail = |e| io_error(Path::new("<stdin>"), e, "roster");
    std::io::stdin()
        .lock()
        .take(STDIN_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    if bytes.len() as u64 > STDIN_LIMIT {
        return Err(Error::refused(
            "standard input is longer than a roster can be (256 MiB)",
            "pipe the roster file itself: coachplan --file - < clients.toml",
        ));
    }
    decode(Path::new("<stdin>"), bytes)
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
    if e.kind() == ErrorKind::NotFound && what == "roster" {
        return Error::no_roster(path);
    }
    let hint = crate::error::folder_hint(&e).or_else(|| match e.kind() {
        ErrorKind::NotFound if what == "roster" => Some(
            "run `coachplan init` to write a starter roster there, or pass --file PATH (or set COACHPLAN_FILE)".to_string(),
        ),
        ErrorKind::PermissionDenied => Some(format!("check the {what} file's permissions (ls -l {})", path.display())),
        ErrorKind::IsADirectory => Some(format!("the {what} must be a file, not a folder")),
        ErrorKind::InvalidData => Some(format!("save the {what} as UTF-8 text")),
        _ => None,
    });
    Error::Io {
        path: path.to_path_buf(),
        source: e,
        hint,
    }
}

/// How long a command waits for another coachplan that holds a file's lock before it
/// gives up: 30 seconds unless `COACHPLAN_LOCK_WAIT` says. Read when a lock is taken, not
/// kept in a static: `run()` may be called more than once in a process (#23).
fn lock_wait() -> Duration {
    std::env::var("COACHPLAN_LOCK_WAIT")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .map_or(Duration::from_secs(30), Duration::from_secs)
}

/// Takes the lock on `file`, saying on stderr when it has to wait, and giving up with a
/// clear error after `lock_wait()`: a cron job must not hang for ever behind a stuck writer.
fn lock(file: &File, path: &Path, shared: bool) -> std::io::Result<()> {
    use std::fs::TryLockError;
    let attempt = || {
        if shared {
            file.try_lock_shared()
        } else {
            file.try_lock()
        }
    };
    let started = Instant::now();
    let wait = lock_wait();
    let mut said = false;
    loop {
        match attempt() {
            Ok(()) => return Ok(()),
            Err(TryLockError::Error(e)) => return Err(e),
            Err(TryLockError::WouldBlock) => {}
        }
        if started.elapsed() >= wait {
            return Err(std::io::Error::new(
                ErrorKind::TimedOut,
                format!(
                    "another coachplan has held the lock for {} s; gave up",
                    wait.as_secs()
                ),
            ));
        }
        if !said {
            eprintln!(
                "waiting for another coachplan to finish with {} ...",
                crate::text::escape_controls(&path.display().to_string())
            );
            said = true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Where the roster is: `--file`, else `$COACHPLAN_FILE`, else the config dir.
pub fn roster_path(
    file: Option<PathBuf>,
    env_file: Option<String>,
    config_dir: Option<PathBuf>,
) -> Result<PathBuf, Error> {
    if let Some(path) = file {
        return Ok(path);
    }
    if let Some(path) = env_file.filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    config_dir
        .map(|d| d.join("coachplan").join("clients.toml"))
        .ok_or_else(|| {
            Error::usage(
                "cannot find your config folder for the default roster",
                Some("pass --file PATH or set COACHPLAN_FILE".to_string()),
            )
        })
}

/// Whether two paths name the same file (same device and inode on Unix).
pub fn same_path(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
    }
}

/// Whether the open `file` is still the one `path` names.
fn same_file(file: &File, path: &Path) -> std::io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (a, b) = (file.metadata()?, std::fs::metadata(path)?);
        Ok(a.dev() == b.dev() && a.ino() == b.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        Ok(true)
    }
}

/// Opens `path` and takes its exclusive lock. A rewrite (`undo`, the roster commands)
/// replaces the file while holding the lock; whoever waited on it then holds the old
/// file, sees that the path names another one, and opens it again.
pub fn open_locked(path: &Path, options: &OpenOptions) -> std::io::Result<File> {
    loop {
        let file = options.open(path)?;
        lock(&file, path, false)?;
        if same_file(&file, path)? {
            return Ok(file);
        }
    }
}

/// Refuses what is not a regular file before it is opened: a FIFO would block and
/// `/dev/zero` never ends.
fn regular_file(path: &Path, what: &str) -> Result<bool, Error> {
    match std::fs::metadata(path) {
        // (v3) The same cap as standard input: a 1 GB file is refused with a message
        // before it is read, not read until memory runs out.
        Ok(m) if m.is_file() && m.len() > STDIN_LIMIT => Err(Error::refused(
            format!(
                "{} is {} MiB, more than a {what} file can be (256 MiB)",
                path.display(),
                m.len() / (1024 * 1024)
            ),
            format!("check that this is the {what} file you meant"),
        )),
        Ok(m) if m.is_file() => Ok(true),
        Ok(m) if m.is_dir() => Err(io_error(
            path,
            std::io::Error::from(ErrorKind::IsADirectory),
            what,
        )),
        Ok(_) => Err(Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(ErrorKind::InvalidInput, "not a regular file"),
            hint: Some(format!(
                "the {what} must be a plain text file, not a device, pipe or socket"
            )),
        }),
        // (v3) A link to nothing is not "no file yet": writing would create its target
        // wherever it points.
        Err(e)
            if e.kind() == ErrorKind::NotFound
                && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) =>
        {
            Err(Error::Io {
                path: path.to_path_buf(),
                source: std::io::Error::new(
                    ErrorKind::NotFound,
                    "a link to a file that does not exist",
                ),
                hint: Some(format!(
                    "point the link at the {what} file (ls -l {}), or remove it",
                    path.display()
                )),
            })
        }
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
        Err(e) => Err(io_error(path, e, what)),
    }
}

/// Reads a text file. Invalid UTF-8 is reported at its line and column; a UTF-8 byte
/// order mark, which some editors add, is skipped.
fn read_text(path: &Path, what: &str) -> Result<String, Error> {
    if !regular_file(path, what)? {
        return Err(io_error(
            path,
            std::io::Error::from(ErrorKind::NotFound),
            what,
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e, what))?;
    decode(path, bytes)
}

/// Reads the history under a shared lock, so that it never sees half an entry. A missing
/// file is an empty history (`None`).
fn read_shared(path: &Path) -> Result<Option<Vec<u8>>, Error> {
    if !regular_file(path, "history")? {
        return Ok(None);
    }
    let fail = |e| io_error(path, e, "history");
    let mut file = File::open(path).map_err(fail)?;
    lock(&file, path, true).map_err(fail)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(fail)?;
    Ok(Some(bytes))
}

/// Appends `records` to the history in one write, under the exclusive lock, and syncs
/// it to disk. Creates the file (mode 0600) when missing; earlier bytes are never
/// touched, and a failed write (disk full, file-size limit) is rolled back to the old
/// length, so the file is exactly as it was.
pub fn append(path: &Path, records: &str) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.read(true).append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = open_locked(path, &options)?;
    let len = file.seek(SeekFrom::End(0))?;
    let mut text = String::with_capacity(records.len() + 1);
    if len > 0 {
        // A file last edited by hand may lack its final newline; the entry must start
        // on a line of its own.
        file.seek(SeekFrom::Start(len - 1))?;
        let mut last = [0u8];
        file.read_exact(&mut last)?;
        if last[0] != b'\n' {
            text.push('\n');
        }
        text.push_str(records);
    } else {
        text.push_str(records.trim_start_matches('\n'));
    }
    if text.len() > ONE_WRITE {
        // Too large for one write to be whole when the process is killed: the file with
        // the records is written beside it and renamed over it, under the same lock.
        // Appenders waiting on the lock reopen the new file (`open_locked`); readers hold
        // the old one or the new one, never half of either.
        let mut whole = Vec::with_capacity(len as usize + text.len());
        file.seek(SeekFrom::Start(0))?;
        file.read_to_end(&mut whole)?;
        whole.extend_from_slice(text.as_bytes());
        write_atomic(path, &whole)?;
        drop(file);
        return Ok(());
    }
    write_or_roll_back(&mut file, len, text.as_bytes())
}

/// (v3) The largest append written in place, in one `write`: a few pages, which a fatal
/// signal does not cut in practice (a 16 MB write was cut in 15 of 150 kills). A larger
/// one goes through a temporary file and a rename (see `append`).
pub const ONE_WRITE: usize = 8 * 1024;

/// Writes `bytes` at the end of `file` (which is `len` long) and syncs; on any failure
/// the file is cut back to `len`.
fn write_or_roll_back(file: &mut impl AppendTarget, len: u64, bytes: &[u8]) -> std::io::Result<()> {
    let result = file.write_all(bytes).and_then(|()| file.sync());
    if let Err(e) = result {
        // Best effort: the error that matters is the write's.
        let _ = file.truncate(len);
        return Err(e);
    }
    Ok(())
}

/// What `write_or_roll_back` needs of a file; a test gives it one that fails.
trait AppendTarget: Write {
    fn sync(&mut self) -> std::io::Result<()>;
    fn truncate(&mut self, len: u64) -> std::io::Result<()>;
}

impl AppendTarget for File {
    fn sync(&mut self) -> std::io::Result<()> {
        self.sync_all()
    }
    fn truncate(&mut self, len: u64) -> std::io::Result<()> {
        self.set_len(len)?;
        self.sync_all()
    }
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

/// Reads and validates the roster alone (for `log`, `check`, and every view); `-` is
/// standard input.
pub fn load_roster(path: &Path) -> Result<(Roster, Vec<Diagnostic>), Error> {
    let (text, name) = read_roster(path)?;
    parse_roster(&text, &name)
}

/// The roster's text and the name its diagnostics give it.
fn read_roster(path: &Path) -> Result<(String, String), Error> {
    Ok(if is_stdin(path) {
        (read_stdin()?, "<stdin>".to_string())
    } else {
        (read_text(path, "roster")?, path.display().to_string())
    })
}

fn parse_roster(text: &str, name: &str) -> Result<(Roster, Vec<Diagnostic>), Error> {
    let (roster, problems) = roster::parse_roster(text);
    let diags = Diagnostic::locate_all(name, text, problems);
    match roster {
        Some(r) => Ok((r, diags)),
        None => Err(Error::Invalid(diags)),
    }
}

/// Kept warnings name the file as this run does (`--file` may be spelt another way).
fn named(mut warnings: Vec<Diagnostic>, name: &str) -> Vec<Diagnostic> {
    for w in &mut warnings {
        w.file = name.to_string();
    }
    warnings
}

/// Reads and validates the roster and its history (`history`, else the roster's own
/// setting). Every error of both is reported. With a cache folder (`cache`), a roster and
/// history that were parsed before, to the byte, are taken from it instead (see
/// `store::cache`); the files are read, locked and checked all the same.
pub fn load(path: &Path, history: Option<&Path>, cache: Option<&Path>) -> Result<Loaded, Error> {
    let slot = cache
        .filter(|_| !is_stdin(path))
        .and_then(|dir| cache::Slot::new(dir, path));
    let (text, name) = read_roster(path)?;
    let mut kept = slot.as_ref().and_then(cache::Slot::read);
    // The keys are hashes of the whole text: not worked out when there is no cache.
    let roster_key = slot.as_ref().map_or(0, |_| cache::key(0, &text));
    let (roster, roster_warnings, roster_kept) =
        match kept.as_mut().and_then(|k| k.roster(roster_key)) {
            Some((roster, warnings)) => (roster, named(warnings, &name), true),
            None => {
                let (roster, warnings) = parse_roster(&text, &name)?;
                (roster, warnings, false)
            }
        };
    let roster_len = text.len();
    drop(text);
    let history_path = match history {
        Some(p) => p.to_path_buf(),
        None if is_stdin(path) => {
            return Ok(Loaded {
                roster,
                history: History::default(),
                history_path: None,
                warnings: roster_warnings,
            });
        }
        None => history_path(path, roster.coach.history.as_deref()),
    };
    // `log` appends to the history; pointed at the roster (by name, a symbolic or a hard
    // link), it would write into it.
    if same_path(&history_path, path) {
        return Err(Error::refused(
            format!(
                "the history file {} is the roster itself",
                history_path.display()
            ),
            "set [coach] history to another file name, or remove it for the default",
        ));
    }
    let text = match read_shared(&history_path)? {
        Some(bytes) => decode(&history_path, bytes)?,
        None => String::new(),
    };
    let text = text.as_str();
    let history_name = history_path.display().to_string();
    let history_key = slot.as_ref().map_or(0, |_| cache::key(roster_key, text));
    let (history, history_warnings, history_kept) =
        match kept.as_mut().and_then(|k| k.history(history_key)) {
            Some((history, warnings)) => (history, named(warnings, &history_name), true),
            None => {
                let (history, problems) = history::parse_history(text, &roster);
                let diags = Diagnostic::locate_all(&history_name, text, problems);
                let Some(history) = history else {
                    return Err(Error::Invalid(diags));
                };
                let warnings = diags.into_iter().filter(|d| !d.is_error()).collect();
                (history, warnings, false)
            }
        };
    if let Some(slot) = &slot
        && !(roster_kept && history_kept)
    {
        if roster_len + text.len() >= cache::THRESHOLD {
            slot.write(&cache::EntryRef {
                roster_key,
                roster: &roster,
                roster_warnings: &roster_warnings,
                history_key,
                history: &history,
                history_warnings: &history_warnings,
            });
        } else {
            slot.remove();
        }
    }
    let mut warnings = roster_warnings;
    warnings.extend(history_warnings);
    Ok(Loaded {
        roster,
        history,
        history_path: Some(history_path),
        warnings,
    })
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, synced, then
/// renamed over the target, so a reader sees the old file or the new one, never half. The
/// target's mode is kept (0600 for a new file: rosters hold personal data).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_unless(path, bytes, |_| Ok(()))
}

/// (v3) The file a write to `path` must replace: through a symbolic link, its target, so
/// that the rename replaces the roster and not the link. A link to nothing is refused.
pub fn write_target(path: &Path) -> std::io::Result<std::path::PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!("it is a link to a file that cannot be reached ({e})"),
            )
        }),
        _ => Ok(path.to_path_buf()),
    }
}

/// What identifies a file's version on disk: a hand edit saved in place changes the
/// length or the time, one saved by rename the inode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl Version {
    pub fn of(path: &Path) -> std::io::Result<Version> {
        let m = std::fs::metadata(path)?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&m);
        #[cfg(not(unix))]
        let inode = 0;
        Ok(Version {
            len: m.len(),
            modified: m.modified().ok(),
            inode,
        })
    }
}

/// The error of a rewrite whose file changed on disk after it was read.
fn changed_under_us() -> std::io::Error {
    std::io::Error::other(
        "the file changed on disk while this command ran (saved in an editor?); nothing was written",
    )
}

/// `write_atomic`, after `check` has said yes just before the rename (with the target's
/// path): a rewrite checks that nobody saved the file since it was read.
fn write_atomic_unless(
    path: &Path,
    bytes: &[u8],
    check: impl FnOnce(&Path) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let target = write_target(path)?;
    let path = target.as_path();
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // (v3) Named after the file, so that one a kill left behind is known for what it is
    // (see `remove_stale_temps`).
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .tempfile_in(folder)
        .map_err(|e| crate::error::folder_refused(folder, e))?;
    tmp.write_all(bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o600, |m| m.permissions().mode() & 0o7777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.as_file().sync_all()?;
    check(path)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The name a temporary copy of `path` starts with: `.clients.toml.coachplan-`.
fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    format!(".{name}.coachplan-")
}

/// How old a temporary copy must be before a rewrite removes it: no write of a file
/// under the size cap takes that long, so it was left by a process that died.
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(600);

/// (v3) Removes the temporary copies of `path` that a killed rewrite left in its folder
/// (older than `STALE_TEMP`). Called under the file's exclusive lock, before a rewrite;
/// a copy that cannot be removed is left for the next time.
fn remove_stale_temps(path: &Path) {
    let Ok(target) = write_target(path) else {
        return;
    };
    let prefix = temp_prefix(&target);
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry.file_name().to_string_lossy().starts_with(&prefix)
            && entry
                .metadata()
                .ok()
                .filter(std::fs::Metadata::is_file)
                .and_then(|m| m.modified().ok())
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age > STALE_TEMP);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// `write_atomic` of a file read as `version`: refused, with nothing written, when the
/// file on disk is no longer that version.
pub fn write_atomic_if_unchanged(
    path: &Path,
    bytes: &[u8],
    version: &Version,
) -> std::io::Result<()> {
    write_atomic_unless(path, bytes, |target| {
        if Version::of(target)? == *version {
            Ok(())
        } else {
            Err(changed_under_us())
        }
    })
}

/// Reads `path`, lets `change` compute the new text, and writes it atomically, all under
/// an exclusive lock on the file, so that no append slips in between. `change` returns
/// what to report and the new text, or `None` to leave the file alone.
pub fn rewrite_locked<T>(
    path: &Path,
    change: impl FnOnce(&str) -> Option<(T, String)>,
) -> Result<Option<T>, Error> {
    let fail = |e| io_error(path, e, "history");
    let mut file = open_locked(path, OpenOptions::new().read(true).write(true)).map_err(fail)?;
    let version = Version::of(path).map_err(fail)?;
    let mut text = String::new();
    file.read_to_string(&mut text).map_err(fail)?;
    let Some((report, new_text)) = change(&text) else {
        return Ok(None);
    };
    remove_stale_temps(path);
    write_atomic_if_unchanged(path, new_text.as_bytes(), &version).map_err(fail)?;
    // The lock goes with the old file; an appender waiting on it sees that the path now
    // names another file and opens it again (`open_locked`).
    drop(file);
    Ok(Some(report))
}

/// Reads a spreadsheet saved as CSV: a regular file under the size cap, as bytes; (v3)
/// `import::decode` makes text of the encodings spreadsheets save.
pub fn read_sheet(path: &Path) -> Result<Vec<u8>, Error> {
    let what = "spreadsheet";
    if !regular_file(path, what)? {
        return Err(io_error(
            path,
            std::io::Error::from(ErrorKind::NotFound),
            what,
        ));
    }
    std::fs::read(path).map_err(|e| io_error(path, e, what))
}

/// The roster's text as the roster commands read it (for a dry run that checks what a
/// change would leave).
pub fn read_roster_text(path: &Path) -> Result<String, Error> {
    read_text(path, "roster")
}

/// Changes the roster: under its exclusive lock for the whole read-modify-write (so ten
/// `add`s at once all land), reads and validates it (a roster that already has errors is
/// refused with them), lets `change` compute the new text, validates that with the loader
/// (a change that would leave the roster invalid is refused with the errors), and writes
/// it atomically, mode kept. Refused, the file is left byte for byte.
pub fn edit_roster<T>(
    path: &Path,
    change: impl FnOnce(&str, &Roster) -> Result<(String, T), Error>,
) -> Result<(Roster, T), Error> {
    edit_roster_explained(path, change, |_, _| None)
}

/// `edit_roster`, where (v3) `explain` may word the refusal of an invalid change itself,
/// from the new text and the loader's problems with it (`import` points at the sheet's
/// cells, `add` at its options); `None` gives the roster's located errors. The new text
/// is parsed once either way.
pub fn edit_roster_explained<T>(
    path: &Path,
    change: impl FnOnce(&str, &Roster) -> Result<(String, T), Error>,
    explain: impl FnOnce(&str, &[Problem]) -> Option<Error>,
) -> Result<(Roster, T), Error> {
    let fail = |e| io_error(path, e, "roster");
    if is_stdin(path) {
        return Err(Error::usage(
            "the roster commands change a roster file, not standard input",
            Some("pass --file PATH".to_string()),
        ));
    }
    if !regular_file(path, "roster")? {
        return Err(io_error(
            path,
            std::io::Error::from(ErrorKind::NotFound),
            "roster",
        ));
    }
    let mut file = open_locked(path, OpenOptions::new().read(true).write(true)).map_err(fail)?;
    let version = Version::of(path).map_err(fail)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(fail)?;
    // (v3) The file's own style is kept: a byte order mark and CRLF line ends, as a
    // Windows editor saved them, come back as they were.
    let bom = bytes.starts_with(b"\xef\xbb\xbf");
    let crlf = bytes.windows(2).any(|w| w == b"\r\n");
    let text = decode(path, bytes)?;
    let file_name = path.display().to_string();
    let (roster, problems) = roster::parse_roster(&text);
    let Some(roster) = roster else {
        return Err(Error::Invalid(Diagnostic::locate_all(
            &file_name, &text, problems,
        )));
    };
    let (new_text, report) = change(&text, &roster)?;
    let (new_roster, problems) = roster::parse_roster(&new_text);
    let Some(new_roster) = new_roster else {
        if let Some(refusal) = explain(&new_text, &problems) {
            return Err(refusal);
        }
        let after = format!("{file_name} (as the change would leave it)");
        let mut diags = Diagnostic::locate_all(&after, &new_text, problems);
        diags.retain(Diagnostic::is_error);
        return Err(Error::Invalid(diags));
    };
    let mut styled = String::with_capacity(new_text.len() + new_text.len() / 16 + 3);
    if bom {
        styled.push('\u{feff}');
    }
    if crlf {
        styled.push_str(&new_text.replace("\r\n", "\n").replace('\n', "\r\n"));
    } else {
        styled.push_str(&new_text);
    }
    remove_stale_temps(path);
    write_atomic_if_unchanged(path, styled.as_bytes(), &version).map_err(fail)?;
    drop(file);
    Ok((new_roster, report))
}

pub mod cache;

#[cfg(test)]
mod tests;
