//! `lateral export`: a checked quiz written for a learning platform, as GIFT
//! text or a QTI 2.1 package, with what the platform scores differently
//! listed as warnings on standard error.
//!
//! The quiz is loaded as `check` loads it and not exported when it fails.
//! The file is replaced atomically: a crash leaves the old file or the new
//! one, never a mix.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::input::load_quiz;
use super::{write_bytes_atomically, Outcome};
use crate::escape::Untrusted;
use crate::export::{gift, qti, Warning};
use crate::file::check_writable_target;
use crate::Error;

/// What `lateral export` was asked to do.
#[derive(Debug, clap::Args)]
pub struct ExportRequest {
    /// The quiz file.
    quiz: PathBuf,
    /// `gift` (Moodle's question text format) or `qti` (a QTI 2.1 content package, a zip).
    #[arg(long, value_enum)]
    format: Format,
    /// The file to write: a .txt or .gift file for GIFT, a .zip for QTI.
    /// Without it (or with `-`), GIFT goes to standard output.
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
}

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Gift,
    Qti,
}

/// Exports the quiz, or refuses with every text the format cannot carry.
pub fn export(request: &ExportRequest, out: &mut dyn Write) -> Outcome {
    let output = request.output.as_deref().filter(|p| *p != Path::new("-"));
    if request.format == Format::Qti && output.is_none() {
        return Err(Error::ExportNeedsFile { format: "QTI" }.into());
    }
    if let Some(path) = output {
        check_writable_target(path).map_err(|e| Error::Write {
            path: path.display().to_string(),
            source: e.into(),
        })?;
        if same_file(path, &request.quiz) {
            let path = path.display().to_string();
            return Err(Error::ExportOverQuiz { path }.into());
        }
    }
    let doc = load_quiz(&request.quiz)?;
    let quiz = &doc.value;
    let shown = request.quiz.display().to_string();
    let refused = |source| Error::Export {
        path: shown.clone(),
        source,
    };
    let (bytes, warnings) = match request.format {
        Format::Gift => {
            let done = gift::export(quiz).map_err(refused)?;
            (done.output.into_bytes(), done.warnings)
        }
        Format::Qti => {
            let done = qti::export(quiz).map_err(refused)?;
            (done.output.zip(), done.warnings)
        }
    };
    show_warnings(&shown, &warnings);
    let Some(path) = output else {
        out.write_all(&bytes)?;
        return Ok(());
    };
    write_bytes_atomically(path, &bytes)?;
    writeln!(
        out,
        "{}: {} questions of `{}` as {}{}",
        Untrusted::path(path),
        // GIFT has no ordering question: those are left out (and warned of).
        match request.format {
            Format::Gift => quiz
                .questions
                .iter()
                .filter(|q| !matches!(q.kind, crate::quiz::Kind::Ordering { .. }))
                .count(),
            Format::Qti => quiz.questions.len(),
        },
        Untrusted::new(&quiz.id),
        match request.format {
            Format::Gift => "GIFT",
            Format::Qti => "a QTI 2.1 package",
        },
        match warnings.len() {
            0 => String::new(),
            1 => ", 1 warning".to_owned(),
            n => format!(", {n} warnings"),
        }
    )?;
    Ok(())
}

/// Whether two paths name one existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn show_warnings(path: &str, warnings: &[Warning]) {
    for w in warnings {
        eprintln!("{}: warning: {w}", Untrusted::new(path));
    }
}
