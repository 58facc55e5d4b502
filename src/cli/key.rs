//! `lateral key`, `lateral grade` and `lateral sources`: a quiz's answer
//! key, graded sheets, and which sources each question relies on, as
//! screens or as JSON for other programs.
//!
//! Each `--json` output is a typed struct, so its fields are documented in
//! one place and cannot drift between a screen and a script.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::input::{load_quiz, load_sheet};
use super::{report, write_json, write_screen, Outcome};
use crate::grade::{grade as grade_sheet, Verdict};
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
            points: q.points,
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
struct GradedSheet {
    sheet: String,
    score: f64,
    max: f64,
    percent: f64,
    /// `null` when the quiz has no pass mark.
    passed: Option<bool>,
    questions: Vec<GradedQuestion>,
}

/// One question of a sheet in `grade --json`.
#[derive(Serialize)]
struct GradedQuestion {
    id: String,
    correct: bool,
    verdict: Verdict,
    points: f64,
    max: f64,
}

/// Grades each sheet; a sheet that cannot be read is reported and the
/// others are still graded.
pub fn grade(quiz_path: &Path, sheets: &[PathBuf], json: bool, out: &mut dyn Write) -> Outcome {
    let doc = load_quiz(quiz_path)?;
    let quiz = &doc.value;
    let mut graded = Vec::new();
    let mut failed = 0;
    for path in sheets {
        let sheet = match load_sheet(path, quiz) {
            Ok(s) => s,
            Err(e) => {
                failed += 1;
                out.flush()?;
                report(&e);
                continue;
            }
        };
        let result = grade_sheet(quiz, &sheet.responses);
        let name = path.display().to_string();
        if json {
            graded.push(GradedSheet {
                sheet: name,
                score: result.score,
                max: result.max,
                percent: result.percent,
                passed: result.passed,
                questions: result
                    .outcomes
                    .iter()
                    .map(|o| GradedQuestion {
                        id: o.id.clone(),
                        correct: o.is_correct(),
                        verdict: o.verdict,
                        points: o.points,
                        max: o.max,
                    })
                    .collect(),
            });
        } else {
            write_screen(out, |s| screen::graded_sheet(s, &name, quiz, &result))?;
        }
    }
    if json {
        write_json(out, &graded)?;
    }
    if failed > 0 {
        return Err(Error::SheetsFailed {
            failed,
            total: sheets.len(),
        }
        .into());
    }
    Ok(())
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
