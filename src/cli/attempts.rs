//! `lateral history` and `lateral review`: the attempts saved in the data
//! directory, listed, and one of them shown again.

use std::collections::hash_map::{Entry, HashMap};
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::input::{load_quiz, quiz_text};
use super::{write_json, write_screen, Outcome};
use serde::Serialize;

use crate::attempt::{fingerprint, Attempt};
use crate::escape::{one_line, Untrusted};
use crate::grade::Key;
use crate::load::parse;
use crate::points::{Points, Seconds};
use crate::quiz::Quiz;
use crate::screen;
use crate::store::{self, Store};
use crate::Error;

/// One attempt in `history --json`.
#[derive(Serialize)]
struct Listed<'a> {
    /// The name `review` takes.
    attempt: String,
    /// The file.
    file: String,
    quiz: Option<&'a str>,
    /// The student's name, for an answer sheet of a paper.
    name: Option<&'a str>,
    started: Option<&'a str>,
    updated: Option<&'a str>,
    paper: bool,
    exam: bool,
    finished: bool,
    answered: usize,
    asked: usize,
    /// Seconds spent answering, over every sitting; `null` when the
    /// attempt was begun before lateral recorded it.
    active_seconds: Option<u64>,
    /// Points, when the attempt can be scored (not a paper's sheet).
    score: Option<f64>,
    max: Option<f64>,
    percent: Option<f64>,
    /// Pass or fail, for a finished attempt at a quiz with a pass mark.
    passed: Option<bool>,
    /// Why the file could not be read, if it could not.
    error: Option<String>,
}

/// An attempt's score, maximum, percentage and pass/fail as listed.
struct Summary {
    score: f64,
    max: f64,
    percent: f64,
    passed: Option<bool>,
}

/// Lists every attempt (or those at one quiz): when, which quiz, the score,
/// pass or fail, finished or how far along.
pub fn history(quiz_path: Option<&Path>, json: bool, out: &mut dyn Write) -> Outcome {
    let store = Store::open()?;
    let quiz_id = match quiz_path {
        Some(p) => Some(load_quiz(p)?.value.id),
        None => None,
    };
    store.check_readable()?;
    let listed = store.list(quiz_id.as_deref());
    if listed.is_empty() && !json {
        writeln!(out, "No attempts yet.")?;
        return Ok(());
    }
    if !json {
        writeln!(
            out,
            "{:<20}  {:<16}  {:>9}  {:>5}  {:<10}  {:<14}  {:<10}  attempt",
            "started", "quiz", "score", "%", "result", "status", "time"
        )?;
    }
    // Each quiz file is read, prepared for grading and fingerprinted
    // once, however many attempts it has.
    let mut quizzes: HashMap<&str, Option<Quiz>> = HashMap::new();
    for (_, read) in &listed {
        if let Ok(a) = read {
            if let Entry::Vacant(e) = quizzes.entry(&a.quiz_path) {
                e.insert(read_quiz(&a.quiz_path));
            }
        }
    }
    let keys: HashMap<&str, (Key, String)> = quizzes
        .iter()
        .filter_map(|(path, quiz)| {
            let quiz = quiz.as_ref()?;
            Some((*path, (Key::new(quiz), fingerprint(quiz))))
        })
        .collect();
    let mut entries = Vec::new();
    for (path, read) in &listed {
        let name = store.short_name(path);
        let a = match read {
            Ok(a) => a,
            Err(e) if json => {
                entries.push(Listed {
                    attempt: name,
                    file: path.display().to_string(),
                    quiz: None,
                    name: None,
                    started: None,
                    updated: None,
                    paper: false,
                    exam: false,
                    finished: false,
                    answered: 0,
                    asked: 0,
                    active_seconds: None,
                    score: None,
                    max: None,
                    percent: None,
                    passed: None,
                    error: Some(e.to_string()),
                });
                continue;
            }
            Err(e) => {
                writeln!(
                    out,
                    "{:<20}  unreadable: {}  {}",
                    "?",
                    Untrusted::new(e.to_string()),
                    Untrusted::new(&name)
                )?;
                continue;
            }
        };
        // A paper's sheet is graded by the teacher, not here.
        let summary = (!a.paper).then(|| summary(a, keys.get(a.quiz_path.as_str())));
        let passed = summary
            .as_ref()
            .and_then(|s| s.passed)
            .filter(|_| a.finished);
        if json {
            entries.push(Listed {
                attempt: name,
                file: path.display().to_string(),
                quiz: Some(&a.quiz),
                name: a.name.as_deref(),
                started: Some(&a.started),
                updated: Some(&a.updated),
                paper: a.paper,
                exam: a.exam,
                finished: a.finished,
                answered: a.answers.len(),
                asked: a.asked.len(),
                active_seconds: a.active_seconds,
                score: summary.as_ref().map(|s| s.score),
                max: summary.as_ref().map(|s| s.max),
                percent: summary.as_ref().map(|s| s.percent),
                passed,
                error: None,
            });
            continue;
        }
        let status = match (a.finished, a.paper) {
            (true, true) => "submitted".to_owned(),
            (true, false) => "finished".to_owned(),
            _ => format!("{} of {} answered", a.answers.len(), a.asked.len()),
        };
        let result = match passed {
            Some(true) => "passed",
            Some(false) => "not passed",
            None => "",
        };
        let (score, percent) = match &summary {
            Some(s) => (
                format!("{}/{}", Points(s.score), Points(s.max)),
                format!("{:>4.0}%", s.percent),
            ),
            None => ("–".to_owned(), "    –".to_owned()),
        };
        // Unknown for an attempt begun before lateral recorded it.
        let time = a
            .active_seconds
            .map_or_else(|| "–".to_owned(), |t| Seconds(t).to_string());
        writeln!(
            out,
            "{:<20}  {:<16}  {:>9}  {percent}  {:<10}  {:<14}  {:<10}  {}",
            Untrusted::new(&a.started),
            Untrusted::new(&a.quiz),
            score,
            result,
            status,
            time,
            Untrusted::new(&name)
        )?;
    }
    if json {
        write_json(out, &entries)?;
    }
    Ok(())
}

/// The quiz an attempt was taken from, if its file can still be read.
fn read_quiz(path: &str) -> Option<Quiz> {
    let text = quiz_text(Path::new(path)).ok()?;
    parse::<Quiz>(&text).ok().map(|d| d.value)
}

/// Score, maximum, percentage and pass/fail of an attempt: from its report
/// when its quiz is at hand and unchanged, otherwise from the points saved
/// with each answer (and no verdict).
fn summary(a: &Attempt, quiz: Option<&(Key, String)>) -> Summary {
    let usable =
        quiz.filter(|(key, fingerprint)| a.unusable_for(&key.quiz().id, fingerprint).is_none());
    if let Some((key, _)) = usable {
        // The attempt's report (see `Attempt::report`), from the prepared key.
        let report = key.grade_asked(&a.asked, &a.responses());
        return Summary {
            score: report.score,
            max: report.max,
            percent: report.percent,
            passed: report.passed,
        };
    }
    let score = a.score();
    let max: f64 = a.answers.iter().map(|x| x.max).sum::<f64>().max(0.0);
    let percent = if max > 0.0 { score / max * 100.0 } else { 0.0 };
    Summary {
        score,
        max,
        percent,
        passed: None,
    }
}

/// Shows a finished attempt again: every question's feedback, the report
/// and what the student checked. On a terminal, when it is taller than the
/// screen, through `$PAGER` or the built-in pager (`pager::page_screen`).
pub fn review(name: &str, quiz_path: Option<&Path>, out: &mut dyn Write) -> Outcome {
    let store = Store::open()?;
    let path = store.resolve(name);
    let shown = path.display().to_string();
    let attempt = store::read(&path).map_err(|source| Error::Attempt {
        path: shown.clone(),
        source,
    })?;
    // A paper's sheet holds no key to review against, unless the quiz is given.
    if attempt.paper && quiz_path.is_none() {
        return Err(Error::NotForPapers { option: "review" }.into());
    }
    let quiz_file = quiz_path.map_or_else(|| PathBuf::from(&attempt.quiz_path), Path::to_path_buf);
    let quiz = load_quiz(&quiz_file)?.value;
    if let Some(problem) = attempt.unusable_with(&quiz) {
        return Err(Error::AttemptUnusable {
            path: shown,
            action: "review",
            problem,
        }
        .into());
    }
    if !attempt.finished {
        return Err(Error::Unfinished {
            path: shown,
            answered: attempt.answers.len(),
            asked: attempt.asked.len(),
            quiz: quiz_file.display().to_string(),
        }
        .into());
    }
    let report = attempt.report(&quiz);
    let draw = |s: &mut String, width: usize| {
        use std::fmt::Write as _;
        writeln!(
            s,
            "{} · attempt started {} · seed {}",
            Untrusted::new(&quiz.title),
            Untrusted::new(&attempt.started),
            attempt.seed
        )?;
        screen::review(s, &quiz, &attempt, &BTreeMap::new(), width)?;
        screen::report(
            s,
            &attempt.asked_part(&quiz),
            &report,
            attempt.active_seconds,
            width,
        )?;
        if attempt.sources || attempt.answers.iter().any(|a| !a.opened.is_empty()) {
            screen::reading_summary(s, &attempt)?;
        }
        Ok(())
    };
    // On a terminal, a review taller than the screen is paged; anywhere
    // else (a pipe, a file) it is written as it is.
    if io::stdout().is_terminal() {
        let term = console::Term::stdout();
        let (rows, cols) = term.size();
        let width = usize::from(cols).saturating_sub(1).clamp(40, 100);
        let text = screen::render(|s| draw(s, width));
        if text.lines().count() < usize::from(rows) {
            out.write_all(text.as_bytes())?;
            return Ok(());
        }
        let title = format!("Review of {}", one_line(&quiz.title));
        crate::pager::page_screen(&term, &title, &|w| screen::render(|s| draw(s, w)))?;
        return Ok(());
    }
    write_screen(out, |s| draw(s, 100))
}
