//! The one error type of the program. Each variant knows its exit code (SPEC §3):
//! 1 for a bad roster or history, an I/O failure or an unknown client; 2 for bad usage.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line asks for something that cannot be done (exit 2).
    #[error("{message}")]
    Usage {
        message: String,
        hint: Option<String>,
    },

    /// The roster or the history has problems; every one is listed (exit 1).
    #[error("{} error(s) in the roster or history", .0.iter().filter(|d| d.is_error()).count())]
    Invalid(Vec<Diagnostic>),

    /// Reading or writing a file failed (exit 1).
    #[error("{}: {}", path.display(), io_words(source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
        hint: Option<String>,
    },

    /// Writing to standard output failed; a closed pipe is not an error (exit 0).
    #[error("cannot write the output: {0}")]
    Output(std::io::Error),

    /// A client id on the command line that the roster does not have (exit 1).
    #[error("no client with id `{id}`")]
    UnknownClient {
        id: String,
        suggestion: Option<String>,
    },

    /// A renderer could not produce its output (exit 1).
    #[error("{0}")]
    Render(String),

    /// The problems were already written out (as JSON by `check`): exit 1, nothing more.
    #[error("the problems were reported")]
    Reported,

    /// Anything else the user has to fix, with a hint how (exit 1).
    #[error("{message}")]
    Refused {
        message: String,
        hint: Option<String>,
    },
}

impl Error {
    pub fn usage(message: impl Into<String>, hint: Option<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint,
        }
    }

    pub fn refused(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Refused {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    /// (v3) A roster that is not there yet, said as such: a new user's first command.
    pub fn no_roster(path: &std::path::Path) -> Self {
        Error::Refused {
            message: format!("there is no roster at {} yet", path.display()),
            hint: Some(
                "run `coachplan init` to write a starter roster there, or pass --file PATH (or set COACHPLAN_FILE)"
                    .to_string(),
            ),
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            hint: folder_hint(&source),
            source,
        }
    }

    /// The process exit status for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage { .. } => 2,
            Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
            _ => 1,
        }
    }

    /// The full text for stderr: `error: …` lines, each followed by its hint.
    /// Empty for a closed output pipe, which is a normal way for a reader to stop.
    pub fn report(&self) -> String {
        let hint = match self {
            Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return String::new(),
            Error::Reported => return String::new(),
            Error::Invalid(diags) => return diags.iter().map(|d| d.to_string()).collect(),
            Error::UnknownClient { suggestion, .. } => Some(match suggestion {
                Some(s) => crate::suggest::did_you_mean(s, ("`", "`")),
                None => "`coachplan clients` lists every client id".to_string(),
            }),
            Error::Usage { hint, .. } | Error::Refused { hint, .. } | Error::Io { hint, .. } => {
                hint.clone()
            }
            Error::Output(_) | Error::Render(_) => None,
        };
        let text = match hint {
            Some(hint) => format!("error: {self}\n  hint: {hint}\n"),
            None => format!("error: {self}\n"),
        };
        // Ids and paths typed on the command line are shown as typed, but never raw
        // control characters.
        crate::text::escape_in_cell(&text).into_owned()
    }
}

/// (v3, #27) A rewrite makes its new copy beside the file and renames it over: when the
/// folder refuses the copy, the fault is the folder's, and the message says so rather than
/// sending the coach to the file's permissions, which are fine.
#[derive(Debug, thiserror::Error)]
#[error("cannot create a file in its folder {} ({})", folder.display(), io_words(source))]
pub struct FolderRefused {
    folder: PathBuf,
    source: std::io::Error,
}

/// `e`, from making a new file in `folder`: a refusal by permissions or a read-only file
/// system becomes a `FolderRefused` (same kind); anything else is left as it is.
pub fn folder_refused(folder: &Path, e: std::io::Error) -> std::io::Error {
    use std::io::ErrorKind::{PermissionDenied, ReadOnlyFilesystem};
    match e.kind() {
        kind @ (PermissionDenied | ReadOnlyFilesystem) => std::io::Error::new(
            kind,
            FolderRefused {
                // Named as `ls -ld` needs it: `.` for a roster given as `clients.toml`
                // would say nothing.
                folder: std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf()),
                source: e,
            },
        ),
        _ => e,
    }
}

/// The hint for an error that `folder_refused` made: look at the folder.
pub fn folder_hint(e: &std::io::Error) -> Option<String> {
    let refused = e.get_ref()?.downcast_ref::<FolderRefused>()?;
    Some(format!(
        "the folder must let you create files in it: the new copy is written beside the file, then renamed over it (ls -ld {})",
        refused.folder.display()
    ))
}

/// An I/O error in plain words: "no such file" rather than the bare "entity not found"
/// that an error made from its kind alone prints.
fn io_words(e: &std::io::Error) -> String {
    if let Some(refused) = e.get_ref().and_then(|r| r.downcast_ref::<FolderRefused>()) {
        return refused.to_string();
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
