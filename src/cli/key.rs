//! `lateral key`, `lateral grade` and `lateral sources`: a quiz's answer
//! key, graded sheets, and which sources each question relies on, as
//! screens or as JSON for other programs.
//!
//! Each `--json` output is a typed struct, so its fields are documented in
//! one place and cannot drift between a screen and a script.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use std::collections::hash_map::{Entry, HashMap};

use atomic_write_file::AtomicWriteFile;

use super::input::{load_quiz, sheet_files};
use super::{for_each_sheet, write_json, write_screen, Failure, Outcome};
use crate::escape::Untrusted;
use crate::file::check_writable_target;
use crate::grade::{Key, Verdict};
use crate::gradebook::{self, Whose};
use crate::normalize::fold;
use crate::points::Count;
use crate::quiz::{Question, Quiz, Response, Source};
use crate::screen;
use crate::sheet::{correct_response, Sheet};
use crate::Error;

/// One question of `key --json`.
#[derive(Serialize)]
struct KeyEntry<'q> {
    id: &'q str,
    prompt: &'q str,
    kind: &'static str,
    /// The answer as a person reads it.
    answer: String,
    /// The answer as a sheet holds it.
    response: Response,
    points: f64,
    tags: &'q [String],
    explanation: &'q str,
    citations: Vec<CitationEntry<'q>>,
}

/// One citation in `key --json`.
#[derive(Serialize)]
struct CitationEntry<'q> {
    source: &'q str,
    quote: &'q str,
}

impl<'q> KeyEntry<'q> {
    fn new(q: &'q Question) -> Self {
        KeyEntry {
            id: &q.id,
            prompt: &q.prompt,
            kind: q.kind.name(),
            answer: screen::answer_text(q),
            response: correct_response(q),
            points: q.max_points(),
            tags: &q.tags,
            explanation: &q.explanation,
            citations: q
                .citations
                .iter()
                .map(|c| CitationEntry {
                    source: &c.source,
                    quote: &c.quote,
                })
                .collect(),
        }
    }
}

/// Prints the answer key: a screen, JSON, or a sheet of correct responses.
pub fn key(path: &Path, json: bool, as_sheet: bool, out: &mut dyn Write) -> Outcome {
    let doc = load_quiz(path)?;
    let quiz = &doc.value;
    if as_sheet {
        out.write_all(Sheet::key(quiz).to_ron().as_bytes())?;
        return Ok(());
    }
    if json {
        let entries: Vec<KeyEntry> = quiz.questions.iter().map(KeyEntry::new).collect();
        return write_json(out, &entries);
    }
    write_screen(out, |s| screen::answer_key(s, quiz, 100))
}

/// One sheet of `grade --json`.
#[derive(Serialize)]
struct GradedSheet<'a> {
    sheet: &'a str,
    score: f64,
    max: f64,
    percent: f64,
    /// `null` when the quiz has no pass mark.
    passed: Option<bool>,
    questions: Vec<GradedQuestion<'a>>,
}

/// One question of a sheet in `grade --json`.
#[derive(Serialize)]
struct GradedQuestion<'a> {
    id: &'a str,
    correct: bool,
    verdict: Verdict,
    points: f64,
    max: f64,
}

/// A JSON array written one element at a time, exactly as
/// [`write_json`] writes the whole array: so `grade --json` holds one
/// sheet in memory, not the class.
struct JsonArray {
    empty: bool,
}

impl JsonArray {
    fn new() -> Self {
        JsonArray { empty: true }
    }

    fn push(&mut self, out: &mut dyn Write, value: &impl Serialize) -> Outcome {
        let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
        out.write_all(if self.empty { b"[\n" } else { b",\n" })?;
        self.empty = false;
        // Printable ASCII and line breaks hold nothing to escape: most
        // sheets are spared looking at each character.
        let plain = text
            .bytes()
            .all(|b| (b' '..0x7f).contains(&b) || b == b'\n');
        let text = if plain {
            std::borrow::Cow::Borrowed(text.as_str())
        } else {
            crate::escape::json(&text)
        };
        // One level deeper than on its own, as inside the array.
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(b"  ")?;
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    fn finish(self, out: &mut dyn Write) -> Outcome {
        out.write_all(if self.empty { b"[]\n" } else { b"\n]\n" })?;
        Ok(())
    }
}

/// What `lateral grade` was asked to do.
#[derive(Debug, clap::Args)]
pub struct GradeRequest {
    /// The quiz file.
    quiz: PathBuf,
    /// Response sheets: answer sheets from `take` (of the quiz or of its
    /// paper), sheets from `key --sheet`, or folders of them (read with
    /// their subfolders).
    #[arg(required = true)]
    sheets: Vec<PathBuf>,
    /// Print a JSON array, one object per sheet.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Write a gradebook: one row per sheet, one column per question (`-`
    /// for standard output). Opens in any spreadsheet; no cell runs as a
    /// formula.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Begin the gradebook with a byte-order mark, for Excel.
    #[arg(long, requires = "csv")]
    bom: bool,
}

/// Grades each sheet; a sheet that cannot be read is reported and the
/// others are still graded. Two sheets with one student's name are
/// flagged. Rows are written as sheets are graded, so a class of any size
/// takes one row of memory at a time (but for `--json`).
pub fn grade(req: &GradeRequest, out: &mut dyn Write) -> Outcome {
    let doc = load_quiz(&req.quiz)?;
    let quiz = &doc.value;
    let files = sheet_files(&req.sheets)?;
    // Standard output is written line by line; a class's report goes
    // through one buffer instead (flushed before anything on standard
    // error, and at the end).
    let mut buffered = BufWriter::with_capacity(64 * 1024, out);
    let out: &mut dyn Write = &mut buffered;
    let key = Key::new(quiz);
    let mut book = match &req.csv {
        Some(path) => Some(Gradebook::open(path, req.bom, out)?),
        None => None,
    };
    if let Some(book) = &mut book {
        book.write(&gradebook::header(quiz), out)?;
    }
    let mut json = req.json.then(JsonArray::new);
    let mut names: HashMap<String, PathBuf> = HashMap::new();
    let mut page = String::new();
    let each = for_each_sheet(&files, quiz, out, |path, handed, out| {
        if let Some(name) = &handed.name {
            match names.entry(fold(name)) {
                Entry::Occupied(first) => {
                    out.flush()?;
                    eprintln!(
                        "lateral: two sheets are named {}: {} and {}",
                        Untrusted::new(name),
                        Untrusted::path(first.get()),
                        Untrusted::path(path)
                    )
                }
                Entry::Vacant(v) => {
                    v.insert(path.to_path_buf());
                }
            }
        }
        let result = key.grade(&handed.sheet.responses);
        // A path in UTF-8 (nearly every one) is shown as it is.
        let shown: std::borrow::Cow<'_, str> = path.to_str().map_or_else(
            || path.display().to_string().into(),
            std::borrow::Cow::Borrowed,
        );
        if let Some(book) = &mut book {
            let whose = Whose {
                name: handed.name.as_deref(),
                sheet: &shown,
                submitted: handed.submitted.as_deref(),
            };
            book.write(&gradebook::row(whose, &result), out)?;
        } else if let Some(json) = &mut json {
            let graded = GradedSheet {
                sheet: &shown,
                score: result.score,
                max: result.max,
                percent: result.percent,
                passed: result.passed,
                questions: result
                    .outcomes
                    .iter()
                    .map(|o| GradedQuestion {
                        id: &o.id,
                        correct: o.is_correct(),
                        verdict: o.verdict,
                        points: o.points,
                        max: o.max,
                    })
                    .collect(),
            };
            json.push(out, &graded)?;
        } else {
            // One page buffer for every sheet, rather than one each.
            page.clear();
            let _ = screen::graded_sheet(&mut page, &shown, quiz, &result);
            out.write_all(page.as_bytes())?;
        }
        Ok(())
    });
    // What was graded is written out even when some sheets were not.
    if let Some(book) = book {
        let rows = book.finish()?;
        if let Some(path) = req.csv.as_ref().filter(|p| p.as_os_str() != "-") {
            writeln!(
                out,
                "{}: gradebook of {} ({rows} of {} graded)",
                Untrusted::path(path),
                Untrusted::new(&quiz.id),
                Count(files.len(), "sheet")
            )?;
        }
    } else if let Some(json) = json {
        json.finish(out)?;
    }
    out.flush()?;
    each
}

/// A gradebook being written: to a file (atomically, committed when
/// every row is in), or row by row to standard output.
struct Gradebook {
    /// The file's writer; `None` for standard output.
    file: Option<(PathBuf, csv::Writer<AtomicWriteFile>)>,
    rows: usize,
}

impl Gradebook {
    fn open(path: &Path, bom: bool, out: &mut dyn Write) -> Result<Self, Failure> {
        let bom = if bom { "\u{feff}" } else { "" };
        if path.as_os_str() == "-" {
            out.write_all(bom.as_bytes())?;
            return Ok(Gradebook {
                file: None,
                rows: 0,
            });
        }
        let write_error = |source| Error::Write {
            path: path.display().to_string(),
            source,
        };
        check_writable_target(path).map_err(|e| write_error(e.into()))?;
        let mut file = AtomicWriteFile::open(path).map_err(write_error)?;
        file.write_all(bom.as_bytes()).map_err(write_error)?;
        Ok(Gradebook {
            file: Some((path.to_path_buf(), csv::Writer::from_writer(file))),
            rows: 0,
        })
    }

    fn write(&mut self, row: &[String], out: &mut dyn Write) -> Result<(), Failure> {
        match &mut self.file {
            Some((_, writer)) => writer.write_record(row).map_err(csv_error)?,
            None => {
                let mut line = csv::Writer::from_writer(Vec::new());
                line.write_record(row).map_err(csv_error)?;
                let bytes = line
                    .into_inner()
                    .map_err(|e| Failure::Output(std::io::Error::other(e.to_string())))?;
                out.write_all(&bytes)?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Flushes and, for a file, commits it; returns how many sheet rows.
    fn finish(self) -> Result<usize, Failure> {
        if let Some((path, writer)) = self.file {
            let write_error = |source| Error::Write {
                path: path.display().to_string(),
                source,
            };
            let file = writer
                .into_inner()
                .map_err(|e| write_error(std::io::Error::other(e.to_string())))?;
            file.commit().map_err(write_error)?;
        }
        Ok(self.rows.saturating_sub(1))
    }
}

fn csv_error(e: csv::Error) -> Failure {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => Failure::Output(e),
        other => Failure::Output(std::io::Error::other(format!("{other:?}"))),
    }
}

/// `sources --json`: each source and each question's sources.
#[derive(Serialize)]
struct Coverage<'q> {
    quiz: &'q str,
    sources: Vec<SourceEntry<'q>>,
    questions: Vec<QuestionSources<'q>>,
}

/// A source and how many questions cite it.
#[derive(Serialize)]
struct SourceEntry<'q> {
    id: &'q str,
    headline: &'q str,
    publisher: Option<&'q str>,
    date: Option<&'q str>,
    file: &'q str,
    sha256: Option<&'q str>,
    questions: usize,
}

/// A question and the ids of the sources it cites, in the quiz's order.
#[derive(Serialize)]
struct QuestionSources<'q> {
    id: &'q str,
    sources: Vec<&'q str>,
}

impl<'q> Coverage<'q> {
    fn new(quiz: &'q Quiz) -> Self {
        let source = |s: &'q Source| SourceEntry {
            id: &s.id,
            headline: &s.headline,
            publisher: s.publisher.as_deref(),
            date: s.date.as_deref(),
            file: &s.file,
            sha256: s.sha256.as_deref(),
            questions: quiz.questions.iter().filter(|q| q.cites(&s.id)).count(),
        };
        let question = |q: &'q Question| QuestionSources {
            id: &q.id,
            sources: quiz
                .sources
                .iter()
                .filter(|s| q.cites(&s.id))
                .map(|s| s.id.as_str())
                .collect(),
        };
        Coverage {
            quiz: &quiz.id,
            sources: quiz.sources.iter().map(source).collect(),
            questions: quiz.questions.iter().map(question).collect(),
        }
    }
}

/// Lists a quiz's sources and which questions cite each.
pub fn sources(path: &Path, json: bool, out: &mut dyn Write) -> Outcome {
    let doc = load_quiz(path)?;
    let quiz = &doc.value;
    if json {
        return write_json(out, &Coverage::new(quiz));
    }
    write_screen(out, |s| screen::coverage(s, quiz, 100))
}

/// Lists the built-in quizzes.
pub fn list(out: &mut dyn Write) -> Outcome {
    let quizzes: Vec<Quiz> = crate::builtin::QUIZZES
        .iter()
        .filter_map(|(_, text)| crate::load::parse::<Quiz>(text).ok().map(|d| d.value))
        .collect();
    write_screen(out, |s| screen::quiz_list(s, &quizzes, 100))
}
