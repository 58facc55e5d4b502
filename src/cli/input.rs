//! Reading what the commands work on: quiz files, the folder of source
//! texts, and response sheets (or attempt files graded as sheets).
//!
//! Files are read whole, refused when they are not regular files (a folder,
//! a FIFO, a device) or too large (counted while reading), and decoded as
//! UTF-8 with the first bad byte pointed at. Problems come back
//! as [`Error`]s holding diagnostics; warnings are shown as they are found.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use crate::attempt::Attempt;
use crate::cite::{check_citations, SourceText};
use crate::diagnostic::{render_with, Diagnostic};
use crate::file::{read_limited, FileError};
use crate::load::{decode, parse, too_large, Document, MAX_FILE_BYTES};
use crate::quiz::Quiz;
use crate::sheet::{self, Sheet};
use crate::sources;
use crate::validate::validate;
use crate::Error;

/// Reads a file a person wrote, refusing directories and oversized files.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let shown = path.display().to_string();
    let read_error = |source: io::Error| Error::Read {
        path: shown.clone(),
        source,
    };
    let bytes = match read_limited(path, MAX_FILE_BYTES as u64) {
        Ok(bytes) => bytes,
        Err(FileError::TooLarge { size, .. }) => {
            return Err(Error::invalid(&shown, "", vec![too_large(size)]))
        }
        Err(e) => return Err(read_error(e.into())),
    };
    decode(&bytes)
        .map(str::to_owned)
        .map_err(|d| Error::invalid(&shown, "", vec![d]))
}

/// Loads and validates a quiz file; warnings are shown, errors returned.
pub fn load_quiz(path: &Path) -> Result<Document<Quiz>, Error> {
    let shown = path.display().to_string();
    let text = read_text(path)?;
    let doc = parse::<Quiz>(&text).map_err(|d| Error::invalid(&shown, &text, vec![d]))?;
    let problems = validate(&doc);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(Error::invalid(&shown, &text, problems));
    }
    if !problems.is_empty() {
        let color = console::colors_enabled_stderr();
        eprint!("{}", render_with(&shown, &text, &problems, color));
    }
    Ok(doc)
}

/// Reads a quiz's source texts from `dir` and proves its citations against
/// them; returns the prepared texts by source id.
pub fn load_sources(
    path: &Path,
    doc: &Document<Quiz>,
    dir: &Path,
) -> Result<BTreeMap<String, SourceText>, Error> {
    let texts = sources::read_all(dir, &doc.value);
    let problems = check_citations(doc, &texts);
    if !problems.is_empty() {
        return Err(Error::invalid(path.display(), &doc.text, problems));
    }
    Ok(texts
        .into_iter()
        .filter_map(|(id, bytes)| {
            let text = String::from_utf8(bytes.ok()?).ok()?;
            Some((id, SourceText::new(text)))
        })
        .collect())
}

/// Reads a response sheet, or an attempt file (whose answers are graded
/// like a sheet's).
pub fn load_sheet(path: &Path, quiz: &Quiz) -> Result<Sheet, Error> {
    let shown = path.display().to_string();
    let text = read_text(path)?;
    let doc = match parse::<Sheet>(&text) {
        Ok(doc) => doc,
        Err(sheet_problem) => match parse::<Attempt>(&text) {
            Ok(attempt) => {
                if let Some(problem) = attempt.value.unusable_with(quiz) {
                    return Err(Error::AttemptUnusable {
                        path: shown.clone(),
                        action: "grade",
                        problem,
                    });
                }
                let mut sheet = Sheet::new(quiz, Some(attempt.value.seed));
                sheet.responses = attempt.value.responses();
                return Ok(sheet);
            }
            Err(_) => return Err(Error::invalid(&shown, &text, vec![sheet_problem])),
        },
    };
    let problems = sheet::validate(&doc, quiz);
    if !problems.is_empty() {
        return Err(Error::invalid(&shown, &text, problems));
    }
    Ok(doc.value)
}
