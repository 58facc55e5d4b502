//! Everything that can stop a lateral command, with the exit code it maps to.

use std::io;

/// A failure of a lateral command, written for the person who must act on it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("{path}: cannot read: {reason}")]
    Read {
        /// The file.
        path: String,
        /// What the operating system said, in words.
        reason: String,
    },
    /// A file could not be written.
    #[error("{path}: cannot write: {source}")]
    Write {
        /// The file.
        path: String,
        /// The underlying error.
        source: io::Error,
    },
    /// A file was read but is not valid; `rendered` holds every diagnostic.
    #[error("{rendered}")]
    Invalid {
        /// The file.
        path: String,
        /// The diagnostics, rendered with positions and carets.
        rendered: String,
    },
    /// Standard input ended before the quiz did.
    #[error("input ended before question {number} of {total} was answered{}", saved_note(.saved))]
    EndOfInput {
        /// The question that was waiting for an answer (1-based).
        number: usize,
        /// How many questions the quiz has.
        total: usize,
        /// Where earlier answers were saved, if anywhere.
        saved: Option<String>,
    },
    /// The student pressed Ctrl-C.
    #[error("interrupted")]
    Interrupted,
    /// The terminal could not be read or written.
    #[error("terminal error: {0}")]
    Terminal(String),
    /// Some checks or tests failed; their report has been printed.
    #[error("{0}")]
    Failed(String),
}

fn saved_note(saved: &Option<String>) -> String {
    match saved {
        Some(path) => format!("; the answers given so far are saved in {path}"),
        None => String::new(),
    }
}

impl Error {
    /// The process exit code: 130 when interrupted, 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Interrupted => 130,
            _ => 1,
        }
    }
}

/// Describes an I/O error without the "(os error N)" noise.
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "is a directory, not a file".to_owned(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_owned(),
                None => s,
            }
        }
    }
}
