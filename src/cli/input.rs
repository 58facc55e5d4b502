//! Reading what the commands work on: quiz files, the folder of source
//! texts, and response sheets (or attempt files graded as sheets).
//!
//! Files are read whole, refused when they are not regular files (a folder,
//! a FIFO, a device) or too large (counted while reading), and decoded as
//! UTF-8 with the first bad byte pointed at. Problems come back
//! as [`Error`]s holding diagnostics; warnings are shown as they are found.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::attempt::{Attempt, Unusable};
use crate::cite::{self, check_sources, SourceText};
use crate::diagnostic::{render_with, Diagnostic};
use crate::escape::Untrusted;
use crate::file::{read_within, FileError};
use crate::grade::Key;
use crate::limits::{ByteLimit, QUIZ_FILE, SHEET_FILE};
use crate::load::{decode_text, parse, parse_owned, Document, MAX_FILE_BYTES};
use crate::paper::{Paper, PAPER_FORMAT};
use crate::quiz::Quiz;
use crate::sheet::{self, Sheet};
use crate::sources;
use crate::validate::validate;
use crate::Error;

/// Reads a quiz file a person wrote, refusing directories and files over
/// the limit for a quiz.
pub fn read_text(path: &Path) -> Result<String, Error> {
    read_text_within(path, QUIZ_FILE)
}

/// Reads a text file, refusing directories and files over `limit`.
fn read_text_within(path: &Path, limit: ByteLimit) -> Result<String, Error> {
    // The path as shown, written out only for a file with a problem.
    let shown = || path.display().to_string();
    let read_error = |source: io::Error| Error::Read {
        path: shown(),
        source,
    };
    let bytes = match read_within(path, limit) {
        Ok(bytes) => bytes,
        Err(FileError::TooLarge { size, limit }) => {
            let problem = Diagnostic::error(limit.over(size), None).with_help(format!(
                "{} is a few kilobytes; is this the right file? (docs/limits.md lists every limit)",
                capitalized(limit.what)
            ));
            return Err(Error::invalid(shown(), "", vec![problem]));
        }
        Err(e) => return Err(read_error(e.into())),
    };
    // Text in UTF-8 (nearly every file) is kept as read, not copied.
    let bytes = match String::from_utf8(bytes) {
        Ok(mut text) if text.len() <= MAX_FILE_BYTES => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            return Ok(text);
        }
        Ok(text) => text.into_bytes(),
        Err(e) => e.into_bytes(),
    };
    // A file that is not UTF-8 is shown up to its first bad byte, with the
    // caret there.
    decode_text(&bytes)
        .map(str::to_owned)
        .map_err(|e| Error::invalid(shown(), e.readable, vec![*e.diagnostic]))
}

/// `what` with a capital letter.
fn capitalized(what: &str) -> String {
    let mut chars = what.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A quiz file that loads, and the warnings found in it.
pub struct Loaded {
    /// The quiz, with its text and spans.
    pub doc: Document<Quiz>,
    /// Its warnings (item-writing flaws among them), in file order.
    pub warnings: Vec<Diagnostic>,
}

/// Loads and validates a quiz file: errors are returned, warnings kept with
/// the quiz for the command to show or count.
pub fn read_quiz(path: &Path) -> Result<Loaded, Error> {
    let shown = path.display().to_string();
    let text = quiz_text(path)?;
    let doc = parse::<Quiz>(&text).map_err(|d| Error::invalid(&shown, &text, vec![d]))?;
    let problems = validate(&doc);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(Error::invalid(&shown, &text, problems));
    }
    Ok(Loaded {
        doc,
        warnings: problems,
    })
}

/// The text of the quiz at `path`; when no such file exists and `path` is
/// the name of a built-in quiz (`viral-photo`), that quiz's text. A file
/// always wins over a built-in quiz.
pub fn quiz_text(path: &Path) -> Result<String, Error> {
    match read_text(path) {
        Err(Error::Read { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            match path.to_str().and_then(crate::builtin::find) {
                Some(text) => Ok(text.to_owned()),
                None => Err(Error::Read {
                    path: path.display().to_string(),
                    source,
                }),
            }
        }
        other => other,
    }
}

/// Loads and validates a quiz file; warnings are shown, errors returned.
pub fn load_quiz(path: &Path) -> Result<Document<Quiz>, Error> {
    let loaded = read_quiz(path)?;
    show_warnings(path, &loaded);
    Ok(loaded.doc)
}

/// Shows a loaded quiz's warnings on standard error.
pub fn show_warnings(path: &Path, loaded: &Loaded) {
    if !loaded.warnings.is_empty() {
        let color = console::colors_enabled_stderr();
        let shown = path.display().to_string();
        eprint!(
            "{}",
            render_with(&shown, &loaded.doc.text, &loaded.warnings, color)
        );
    }
}

/// What `take` was given: a quiz, or an exam paper.
pub enum Taken {
    /// A quiz file, loaded and validated.
    Quiz(Document<Quiz>),
    /// An exam paper.
    Paper(Paper),
}

/// Enough of a file to tell a paper (which has `paper: N`) from a quiz.
#[derive(serde::Deserialize)]
struct Head {
    #[serde(default)]
    paper: Option<u32>,
}

/// Loads a quiz, or an exam paper when the file is one, for a student to
/// take. A quiz's warnings are for its author and stay unshown: some name
/// the key ("the key is the longest option").
pub fn load_quiz_or_paper(path: &Path) -> Result<Taken, Error> {
    let shown = path.display().to_string();
    let text = quiz_text(path)?;
    match parse::<Head>(&text).map(|h| h.value.paper) {
        Ok(Some(_)) => load_paper_text(&shown, &text).map(Taken::Paper),
        _ => read_quiz(path).map(|loaded| Taken::Quiz(loaded.doc)),
    }
}

/// Parses and checks an exam paper's text.
fn load_paper_text(shown: &str, text: &str) -> Result<Paper, Error> {
    let doc = parse::<Paper>(text).map_err(|d| Error::invalid(shown, text, vec![d]))?;
    if doc.value.paper != PAPER_FORMAT {
        let at = doc.spans.find(&crate::load::Place::root().field("paper"));
        return Err(Error::invalid(
            shown,
            text,
            vec![Diagnostic::error(
                format!("unsupported paper format version {}", doc.value.paper),
                at,
            )
            .with_help(format!(
                "this version of lateral reads paper format {PAPER_FORMAT}"
            ))],
        ));
    }
    Ok(doc.value)
}

/// The source texts of a paper that can be read from `dir`; a paper has no
/// citations to prove, and a source that cannot be read is left out with a
/// word on standard error.
pub fn read_sources(dir: &Path, quiz: &Quiz) -> BTreeMap<String, SourceText> {
    let mut texts = BTreeMap::new();
    for (id, read) in sources::read_all(dir, quiz) {
        match read.map(String::from_utf8) {
            Ok(Ok(text)) => {
                texts.insert(id, SourceText::new(text));
            }
            Ok(Err(_)) => eprintln!(
                "lateral: source `{}` is not UTF-8 text; left out",
                Untrusted::new(&id)
            ),
            Err(e) => eprintln!(
                "lateral: cannot read source `{}`: {}; left out",
                Untrusted::new(&id),
                Untrusted::new(e.to_string())
            ),
        }
    }
    texts
}

/// Reads a quiz's source texts from `dir` and proves its citations against
/// them; returns the prepared texts by source id.
pub fn load_sources(
    path: &Path,
    doc: &Document<Quiz>,
    dir: &Path,
) -> Result<BTreeMap<String, SourceText>, Error> {
    let mut texts = BTreeMap::new();
    let problems = check_sources(
        doc,
        |source| Some(sources::read(dir, &source.file)),
        |id, text| {
            texts.insert(id.to_owned(), text);
        },
    );
    if !problems.is_empty() {
        return Err(Error::invalid(path.display(), &doc.text, problems));
    }
    Ok(texts)
}

/// Proves a quiz's citations against the source texts in `dir`, one text
/// at a time, each read a piece at a time and held whole only when it has
/// a problem to show.
/// `helper` reads the second half of a long text.
pub fn prove_sources(
    path: &Path,
    doc: &Document<Quiz>,
    dir: &Path,
    helper: &cite::Helper,
) -> Result<(), Error> {
    let problems = cite::prove_sources_streaming(
        doc,
        crate::limits::SOURCE_TEXT.bytes,
        helper,
        |source| sources::open(dir, &source.file),
        |source| Some(sources::read(dir, &source.file)),
    );
    if !problems.is_empty() {
        return Err(Error::invalid(path.display(), &doc.text, problems));
    }
    Ok(())
}

/// A sheet handed in for grading: its responses, and what an answer sheet
/// from `take` adds (whose it is, when it was submitted, which sources
/// were opened before each answer).
pub struct Handed {
    /// The responses, as a sheet holds them.
    pub sheet: Sheet,
    /// The student's name (answer sheets of a paper).
    pub name: Option<String>,
    /// When the last answer was saved, for a finished attempt or paper.
    pub submitted: Option<String>,
    /// Source ids opened before each answer, by question id (attempts
    /// taken with the sources at hand only).
    pub opened: Option<BTreeMap<String, Vec<String>>>,
}

/// Reads a response sheet, or an attempt file (whose answers are graded
/// like a sheet's); an attempt must carry the quiz's fingerprint.
/// The quiz comes prepared as `key`, once for many sheets.
pub fn load_sheet(path: &Path, key: &Key<'_>) -> Result<Handed, Error> {
    let quiz = key.quiz();
    // The path as shown, written out only for a sheet with a problem.
    let shown = || path.display().to_string();
    let text = read_text_within(path, SHEET_FILE)?;
    let doc = match parse_owned::<Sheet>(text) {
        Ok(doc) => doc,
        Err(failed) => {
            let (sheet_problem, text) = *failed;
            match parse::<Attempt>(&text) {
                Ok(attempt) => {
                    let a = attempt.value;
                    match a.unusable_for(&quiz.id, key.fingerprint()) {
                        Some(Unusable::Changed { attempt, quiz }) => {
                            return Err(Error::FingerprintMismatch {
                                path: shown(),
                                sheet: attempt,
                                quiz,
                            })
                        }
                        Some(problem) => {
                            return Err(Error::AttemptUnusable {
                                path: shown(),
                                action: "grade",
                                problem,
                            })
                        }
                        None => {}
                    }
                    let mut sheet = Sheet::new(quiz, Some(a.seed));
                    sheet.responses = a.responses();
                    return Ok(Handed {
                        sheet,
                        submitted: a.finished.then(|| a.updated.clone()),
                        opened: a.sources.then(|| {
                            a.answers
                                .iter()
                                .map(|x| (x.question.clone(), x.opened.clone()))
                                .collect()
                        }),
                        name: a.name,
                    });
                }
                Err(_) => return Err(Error::invalid(shown(), &text, vec![sheet_problem])),
            }
        }
    };
    let problems = sheet::validate_with(&doc, key);
    if !problems.is_empty() {
        return Err(Error::invalid(shown(), &doc.text, problems));
    }
    Ok(Handed {
        sheet: doc.value,
        name: None,
        submitted: None,
        opened: None,
    })
}

/// The sheets named by `paths`: files as given, and every `.ron` file in
/// a folder and its subfolders (hidden files, such as lock files, and
/// files set aside are not sheets), in name order.
pub fn sheet_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect_sheets(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn collect_sheets(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), Error> {
    let read_error = |source| Error::Read {
        path: dir.display().to_string(),
        source,
    };
    // The listing says what each entry is (as `symlink_metadata` would),
    // so a class of thousands is not asked about file by file.
    let mut entries: Vec<(std::ffi::OsString, PathBuf, fs::FileType)> = fs::read_dir(dir)
        .map_err(read_error)?
        .map(|e| e.and_then(|e| Ok((e.file_name(), e.path(), e.file_type()?))))
        .collect::<Result<_, _>>()
        .map_err(read_error)?;
    // All in one folder: by name is the order of their paths, without
    // comparing the paths component by component.
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, path, kind) in entries {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        // Not followed into links to folders: a class folder is a tree of files.
        if kind.is_dir() {
            collect_sheets(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "ron") {
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_read_as_is_without_its_byte_order_mark() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [(&[u8], &str); 3] = [
            (b"(format: 2)", "(format: 2)"),
            (b"\xef\xbb\xbf(format: 2)", "(format: 2)"),
            ("\u{feff}\u{feff}é".as_bytes(), "\u{feff}é"),
        ];
        for (i, (bytes, text)) in cases.into_iter().enumerate() {
            let path = dir.path().join(format!("{i}.ron"));
            fs::write(&path, bytes).unwrap();
            assert_eq!(read_text_within(&path, SHEET_FILE).unwrap(), text);
        }
        let bad = dir.path().join("bad.ron");
        fs::write(&bad, b"(a\xff)").unwrap();
        assert!(matches!(
            read_text_within(&bad, SHEET_FILE),
            Err(Error::Invalid { .. })
        ));
    }
}
