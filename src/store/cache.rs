//! (v3, #29) The parsed roster and history kept between runs, so that a morning's `today`
//! on a large roster does not parse the same TOML again (at 300 clients the parse is most
//! of the run; docs/performance.md has the figures and why this was added).
//!
//! Exactness comes first: the files are still read (and the history under its lock) on
//! every run, and a kept copy is used only when the text it was made from is the text read
//! now: its length and SipHash are the key stored with it. No file time or size is
//! trusted, so an edit within the same second, a `cp -p`, a restored backup or a clock
//! change can never show an old plan. The copy is also bound to the binary that wrote it
//! (the executable's size and modification time) and carries a checksum of itself; a copy
//! that fails any check, cannot be read or cannot be written is ignored without a word,
//! and the files are parsed as if there were none.
//!
//! The history part is keyed by the roster's key too (the history is read against the
//! roster's ids), so after a `log` the roster part is used and only the history parsed.
//!
//! Only rosters and histories of `THRESHOLD` bytes or more are kept: below it a parse costs
//! a millisecond or two, and a coach with a few dozen clients gets no second copy of their
//! clients' details. The copies live in `$XDG_CACHE_HOME/coachplan` (else
//! `~/.cache/coachplan`), a 0700 folder, one 0600 file per roster; `COACHPLAN_CACHE=off`
//! turns it off.
//!
//! Hand-rolled: about a hundred lines over `postcard` (the encoding) and `tempfile` (the
//! atomic replace); the crates that cache serde values on disk key them by name or time,
//! not by the content of another file.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;
use crate::history::History;
use crate::roster::Roster;

/// The least roster + history size (bytes) that is kept: 50 clients with ten log entries
/// each, at the example's sizes; parsing that much costs about 1.5 ms here (the bench's
/// 250 KB at 300 clients take 5.5 ms).
pub const THRESHOLD: usize = 64 * 1024;

/// What a file starts with: the format's name and version.
const MAGIC: &[u8; 8] = b"cpcache1";

/// The key of a text: its length and its SipHash-1-3 (`DefaultHasher`, whose algorithm
/// may change between Rust releases; the build check covers that).
pub fn key(seed: u64, text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    seed.hash(&mut h);
    text.len().hash(&mut h);
    h.write(text.as_bytes());
    h.finish()
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// A kept copy as written: the roster part and the history part, each with its key.
#[derive(Deserialize)]
struct Entry {
    roster_key: u64,
    roster: Roster,
    roster_warnings: Vec<Diagnostic>,
    history_key: u64,
    history: History,
    history_warnings: Vec<Diagnostic>,
}

/// The same, borrowed, for writing without a copy.
#[derive(Serialize)]
pub struct EntryRef<'a> {
    pub roster_key: u64,
    pub roster: &'a Roster,
    pub roster_warnings: &'a [Diagnostic],
    pub history_key: u64,
    pub history: &'a History,
    pub history_warnings: &'a [Diagnostic],
}

/// A kept copy as read back, each part taken at most once.
pub struct Kept {
    roster: Option<(u64, Roster, Vec<Diagnostic>)>,
    history: Option<(u64, History, Vec<Diagnostic>)>,
}

impl Kept {
    /// The roster part, if it was made from the text with this key.
    pub fn roster(&mut self, key: u64) -> Option<(Roster, Vec<Diagnostic>)> {
        match self.roster.take() {
            Some((k, roster, warnings)) if k == key => Some((roster, warnings)),
            _ => None,
        }
    }

    /// The history part, if it was made from the text with this key.
    pub fn history(&mut self, key: u64) -> Option<(History, Vec<Diagnostic>)> {
        match self.history.take() {
            Some((k, history, warnings)) if k == key => Some((history, warnings)),
            _ => None,
        }
    }
}

/// Where one roster's copy is kept.
pub struct Slot {
    file: PathBuf,
    build: u64,
}

impl Slot {
    /// The slot of the roster at `roster` in the cache folder `dir`; `None` when the
    /// roster's full path or the running binary cannot be known.
    pub fn new(dir: &Path, roster: &Path) -> Option<Slot> {
        let full = std::fs::canonicalize(roster).ok()?;
        let mut h = DefaultHasher::new();
        full.hash(&mut h);
        Some(Slot {
            file: dir.join(format!("{:016x}.bin", h.finish())),
            build: build()?,
        })
    }

    /// The kept copy, when there is one this binary wrote and it is whole.
    pub fn read(&self) -> Option<Kept> {
        let bytes = std::fs::read(&self.file).ok()?;
        let (head, payload) = bytes.split_at_checked(24)?;
        let word = |i: usize| u64::from_le_bytes(head[i..i + 8].try_into().unwrap_or_default());
        if &head[..8] != MAGIC || word(8) != self.build || word(16) != checksum(payload) {
            return None;
        }
        let e: Entry = postcard::from_bytes(payload).ok()?;
        Some(Kept {
            roster: Some((e.roster_key, e.roster, e.roster_warnings)),
            history: Some((e.history_key, e.history, e.history_warnings)),
        })
    }

    /// Keeps `entry`, replacing the old copy atomically; any failure leaves the cache
    /// as it was (or without this roster's copy), and is not reported.
    pub fn write(&self, entry: &EntryRef) {
        let Ok(payload) = postcard::to_stdvec(entry) else {
            return;
        };
        let mut bytes = Vec::with_capacity(24 + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&self.build.to_le_bytes());
        bytes.extend_from_slice(&checksum(&payload).to_le_bytes());
        bytes.extend_from_slice(&payload);
        let _ = self.replace(&bytes);
    }

    /// Removes the copy (a roster that shrank below the threshold leaves no old copy).
    pub fn remove(&self) {
        let _ = std::fs::remove_file(&self.file);
    }

    fn replace(&self, bytes: &[u8]) -> std::io::Result<()> {
        use std::io::Write;
        let dir = self.file.parent().unwrap_or(Path::new("."));
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir)?;
        // A temporary file is created 0600; the rename replaces the copy whole. Not
        // `store::write_atomic`: it syncs to disk and follows links, which a roster needs
        // and a copy does not (a copy torn by a power cut fails its checksum and is
        // parsed again), and a sync would slow every run that has to write one.
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.persist(&self.file).map_err(|e| e.error)?;
        Ok(())
    }
}

/// The running binary, as its size and modification time: a rebuilt or upgraded binary
/// does not read the copies of another (their layout may differ).
fn build() -> Option<u64> {
    let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let mut h = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    meta.len().hash(&mut h);
    meta.modified().ok()?.hash(&mut h);
    Some(h.finish())
}
