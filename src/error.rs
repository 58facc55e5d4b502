//! Everything that can stop a lateral command, as data.
//!
//! Each variant holds what happened, not a message already written: the
//! diagnostics of an invalid file stay diagnostics until the edge
//! ([`crate::cli`]) renders them, once, with or without colour. The messages
//! are written for the person who must act on them; what they quote from
//! files (paths, ids, what an attempt file holds) is [`Untrusted`], escaped.

use std::fmt;
use std::io;

use crate::attempt::Unusable;
use crate::diagnostic::{counts, render_with, Diagnostic};
use crate::escape::{visible, Untrusted};
use crate::points::Count;
use crate::store::AttemptError;
use crate::ui::AskError;

/// A failure of a lateral command.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("{}: cannot read: {}", Untrusted::new(.path), Untrusted::new(io_reason(.source)))]
    Read {
        /// The file, as shown.
        path: String,
        /// What the operating system said.
        source: io::Error,
    },
    /// A file could not be written.
    #[error("{}: cannot write: {}", Untrusted::new(.path), Untrusted::new(io_reason(.source)))]
    Write {
        /// The file, as shown.
        path: String,
        /// What the operating system said.
        source: io::Error,
    },
    /// A file was read but is not valid.
    #[error("{}", Invalid { path, text, diagnostics, denied: false }.render(false))]
    Invalid {
        /// The file, as shown.
        path: String,
        /// Its text, for the lines the diagnostics point into (may be empty).
        text: String,
        /// Every problem found, errors and warnings.
        diagnostics: Vec<Diagnostic>,
    },
    /// `check --deny-warnings` found warnings, and no error, in a file.
    #[error("{}", Invalid { path, text, diagnostics, denied: true }.render(false))]
    WarningsDenied {
        /// The file, as shown.
        path: String,
        /// Its text, for the lines the warnings point into.
        text: String,
        /// The warnings.
        diagnostics: Vec<Diagnostic>,
    },
    /// An attempt file could not be read.
    #[error("{}: cannot read: {}", Untrusted::new(.path), Untrusted::new(.source.to_string()))]
    Attempt {
        /// The attempt file.
        path: String,
        /// Why.
        source: AttemptError,
    },
    /// An attempt does not belong to the quiz it was to be used with.
    #[error("{}: cannot {action} this attempt: {}", Untrusted::new(.path), Untrusted::new(.problem.to_string()))]
    AttemptUnusable {
        /// The attempt file.
        path: String,
        /// What was to be done with it: `review`, `grade`.
        action: &'static str,
        /// Why it cannot be used.
        problem: Unusable,
    },
    /// An answer sheet made from a paper of another version of the quiz.
    #[error("{path}: this sheet answers another version of the quiz: its fingerprint is {sheet}, the quiz's is {quiz}; grade it against the quiz its paper was made from")]
    FingerprintMismatch {
        /// The sheet.
        path: String,
        /// The fingerprint the sheet carries.
        sheet: String,
        /// The quiz's.
        quiz: String,
    },
    /// `review` of an attempt that is not finished.
    #[error("{}: this attempt is not finished ({answered} of {asked} answered); resume it with `lateral take {}`", Untrusted::new(.path), Untrusted::new(.quiz))]
    Unfinished {
        /// The attempt file.
        path: String,
        /// Questions answered.
        answered: usize,
        /// Questions asked.
        asked: usize,
        /// The quiz file, for the command to resume it.
        quiz: String,
    },
    /// The attempt file is open in another `lateral take`.
    #[error("{path} is open in another `lateral take`; finish or close that one first, or save elsewhere")]
    InUse {
        /// The attempt file.
        path: String,
    },
    /// A file that is not lateral's to replace.
    #[error("{path} exists and is not an exam paper; nothing was written (choose another name)")]
    WouldOverwrite {
        /// The file.
        path: String,
    },
    /// An option of `take` that a paper cannot honour.
    #[error("{option} does not apply to an exam paper's sheet on its own; it works with the quiz itself (review: `lateral review SHEET --quiz QUIZ`; grading: `lateral grade QUIZ SHEET`)")]
    NotForPapers {
        /// The option.
        option: &'static str,
    },
    /// A paper was taken with a name that has no letter or digit.
    #[error("a name needs at least one letter or digit")]
    NoName,
    /// `take --missed` before any finished attempt.
    #[error("no finished attempt at `{}` yet: take the whole quiz first", Untrusted::new(.quiz))]
    NoFinishedAttempt {
        /// The quiz's id.
        quiz: String,
    },
    /// No place for attempts is known.
    #[error("the data directory: cannot read: no home directory is known; set LATERAL_DATA_DIR")]
    NoDataDir,
    /// Standard input ended before the quiz did.
    #[error("input ended{}{}", waiting_note(.waiting), saved_note(.saved))]
    EndOfInput {
        /// The question that was waiting for an answer (1-based) and how
        /// many the attempt asks, when a question was waiting.
        waiting: Option<(usize, usize)>,
        /// Where earlier answers were saved, if anywhere.
        saved: Option<String>,
    },
    /// The student pressed Ctrl-C; what was kept has already been said.
    #[error("interrupted")]
    Interrupted,
    /// The terminal could not be read or written.
    #[error("terminal error: {}", Untrusted::new(io_reason(.0)))]
    Terminal(io::Error),
    /// `pin` would have written a quiz that no longer loads.
    #[error("{}: pinning would break the file; nothing was written", Untrusted::new(.path))]
    PinWouldBreak {
        /// The quiz file.
        path: String,
    },
    /// `new` was asked to write a file that already exists.
    #[error("{path} already exists; `lateral new` never overwrites a file: choose another name")]
    Exists {
        /// The file.
        path: String,
    },
    /// `new` was asked to write a file into a folder that does not exist.
    #[error("{path}: cannot write: the folder {folder} does not exist; create it first")]
    NoFolder {
        /// The file.
        path: String,
        /// Its folder.
        folder: String,
    },
    /// A source text `new` was to build from could not be used.
    #[error("{path}: cannot use as a source text: {problem}")]
    SourceText {
        /// The text file.
        path: String,
        /// Why.
        problem: crate::sources::SourceError,
    },
    /// `new --sources` found no text to build from.
    #[error("{dir}: {problem}; a starter quiz quotes the .txt files of its sources folder")]
    NoSourceTexts {
        /// The sources folder.
        dir: String,
        /// What was missing.
        problem: &'static str,
    },
    /// `check` found problems in some files (each already reported).
    #[error("{failed} of {} {} problems", Count(*.total, "quiz file"), if *.failed == 1 { "has" } else { "have" })]
    QuizzesFailed {
        /// Files with problems.
        failed: usize,
        /// Files checked.
        total: usize,
    },
    /// `grade` or `stats` found no sheet in what it was given.
    #[error("no sheets to grade: the folders given hold no .ron files")]
    NoSheets,
    /// `grade` could not grade some sheets (each already reported).
    #[error("{failed} of {} could not be graded", Count(*.total, "sheet"))]
    SheetsFailed {
        /// Sheets that could not be graded.
        failed: usize,
        /// Sheets given.
        total: usize,
    },
    /// A quiz has text the export format cannot carry unchanged.
    #[error("{}: {source}\nnothing was written; change these texts in the quiz", Untrusted::new(.path))]
    Export {
        /// The quiz file.
        path: String,
        /// Every text that was refused.
        source: crate::export::Refused,
    },
    /// A binary export was asked for on standard output.
    #[error("{format} is a zip package, not text: give the file to write with `-o FILE.zip`")]
    ExportNeedsFile {
        /// The format.
        format: &'static str,
    },
    /// `export` was asked to write over the quiz it exports.
    #[error("{path} is the quiz being exported; nothing was written (choose another file)")]
    ExportOverQuiz {
        /// The file.
        path: String,
    },
    /// The practice schedule cannot be used (it was not changed).
    #[error("{}: cannot use this practice schedule: {}", Untrusted::new(.path), Untrusted::new(.source.to_string()))]
    Schedule {
        /// The schedule file.
        path: String,
        /// Why.
        source: crate::practice_file::ScheduleError,
    },
    /// A date for the practice clock that is not `YYYY-MM-DD`.
    #[error("{from}: `{}` is not a date; write it as YYYY-MM-DD, such as 2026-12-01", Untrusted::new(.value))]
    BadDate {
        /// Where it came from: `--today` or `LATERAL_TODAY`.
        from: &'static str,
        /// What was given.
        value: String,
    },
    /// Two quizzes given to `practice` share an id, so their cards would mix.
    #[error("{} and {} are both quiz `{}`; a question's practice card is found by quiz id, so give only one of them", Untrusted::new(.first), Untrusted::new(.second), Untrusted::new(.id))]
    SameQuizTwice {
        /// The id.
        id: String,
        /// The first file (or built-in name) given.
        first: String,
        /// The second.
        second: String,
    },
    /// `practice` was given an exam paper, which has no key to grade with.
    #[error("{}: this is an exam paper, which has no answers to practise with; practise the quiz it was made from", Untrusted::new(.path))]
    PracticePaper {
        /// The paper.
        path: String,
    },
    /// `test` saw failing answer-key tests; the summary line already says how many.
    #[error("{} failed", Count(*.failed, "answer-key test"))]
    TestsFailed {
        /// Tests (and quizzes that did not load) that failed.
        failed: usize,
    },
}

fn waiting_note(waiting: &Option<(usize, usize)>) -> String {
    match waiting {
        Some((number, total)) => format!(" before question {number} of {total} was answered"),
        None => String::new(),
    }
}

fn saved_note(saved: &Option<String>) -> String {
    match saved {
        Some(path) => format!(
            "; the answers given so far are saved in {}",
            Untrusted::new(path)
        ),
        None => String::new(),
    }
}

/// The parts of [`Error::Invalid`], to render them.
struct Invalid<'a> {
    path: &'a str,
    text: &'a str,
    diagnostics: &'a [Diagnostic],
    /// Whether the warnings fail the file (`check --deny-warnings`).
    denied: bool,
}

impl Invalid<'_> {
    /// Every diagnostic with its line and caret, then a count.
    fn render(&self, color: bool) -> String {
        let (errors, warnings) = counts(self.diagnostics);
        let mut out = render_with(self.path, self.text, self.diagnostics, color);
        out.push_str(&format!(
            "{}: {}",
            Untrusted::new(self.path),
            Count(errors, "error")
        ));
        if warnings > 0 {
            out.push_str(&format!(", {}", Count(warnings, "warning")));
        }
        if self.denied {
            out.push_str(" (--deny-warnings: a warning fails the check)");
        }
        out
    }
}

impl Error {
    /// An invalid file: its path, its text and what is wrong with it.
    pub fn invalid(path: impl fmt::Display, text: &str, diagnostics: Vec<Diagnostic>) -> Error {
        Error::Invalid {
            path: path.to_string(),
            text: text.to_owned(),
            diagnostics,
        }
    }

    /// The message for the person at the terminal, with colour when `color`.
    /// `None` when there is nothing left to say: an interruption is
    /// announced where it happens, and a failed test run's summary line
    /// has already said how many failed.
    pub fn message(&self, color: bool) -> Option<String> {
        match self {
            Error::Interrupted | Error::TestsFailed { .. } => None,
            Error::Invalid {
                path,
                text,
                diagnostics,
            }
            | Error::WarningsDenied {
                path,
                text,
                diagnostics,
            } => Some(
                Invalid {
                    path,
                    text,
                    diagnostics,
                    denied: matches!(self, Error::WarningsDenied { .. }),
                }
                .render(color),
            ),
            // Each message escapes what it quotes; escaping the whole again
            // changes nothing then, and keeps a message written carelessly
            // from reaching the terminal raw.
            other => Some(visible(&other.to_string()).into_owned()),
        }
    }
}

impl From<AskError> for Error {
    fn from(e: AskError) -> Self {
        match e {
            AskError::EndOfInput => Error::EndOfInput {
                waiting: None,
                saved: None,
            },
            AskError::Interrupted => Error::Interrupted,
            AskError::Io(e) => Error::Terminal(e),
        }
    }
}

/// Describes an I/O error without the "(os error N)" noise.
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "is a directory, not a file".to_owned(),
        io::ErrorKind::NotADirectory => "not a directory (a file is in the way)".to_owned(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_owned(),
                None => s,
            }
        }
    }
}
