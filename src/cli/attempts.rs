//! `lateral history` and `lateral review`: the attempts saved in the data
//! directory, listed, and one of them shown again.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::input::{self, quiz_text};
use super::{write_json, write_screen, Outcome};
use serde::Serialize;

use crate::attempt::{fingerprint, Attempt};
use crate::escape::{one_line, Untrusted};
use crate::load::parse;
use crate::points::{Points, Seconds};
use crate::quiz::Quiz;
use crate::screen;
use crate::store::{self, Entry, Item, Scored, Store};
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

/// Lists every attempt (or those at one quiz): when, which quiz, the score,
/// pass or fail, finished or how far along. Finished attempts come from
/// each quiz's index of finished attempts (`rescan`: rebuilt from the
/// files first); the others are read whole.
pub fn history(quiz_path: Option<&Path>, rescan: bool, json: bool, out: &mut dyn Write) -> Outcome {
    let store = Store::open()?;
    let quiz_id = match quiz_path {
        // Quietly: a quiz's warnings are for its author, not for a student.
        Some(p) => Some(input::read_quiz(p)?.doc.value.id),
        None => None,
    };
    store.check_readable()?;
    // Each quiz file is read, prepared and fingerprinted once, however
    // many attempts it has.
    let quizzes: RefCell<HashMap<String, Option<(Quiz, String)>>> = RefCell::default();
    let score = |a: &Attempt| {
        let mut quizzes = quizzes.borrow_mut();
        let quiz = quizzes.entry(a.quiz_path.clone()).or_insert_with(|| {
            read_quiz(&a.quiz_path).map(|q| {
                let f = fingerprint(&q);
                (q, f)
            })
        });
        Scored::with_quiz(quiz.as_ref().map(|(q, f)| (q, f.as_str())), a)
    };
    let listed = store.history(quiz_id.as_deref(), rescan, &score);
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
    let mut entries = Vec::new();
    let mut line = String::new();
    let mut out = io::BufWriter::with_capacity(64 * 1024, out);
    for item in &listed {
        let (path, shown) = match item {
            Item::Finished(path, e) => (path, Shown::of_entry(e)),
            Item::Read(path, Ok(a)) => (path, Shown::of_attempt(a, &score)),
            Item::Read(path, Err(e)) => {
                let name = store.short_name(path);
                if json {
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
                } else {
                    writeln!(
                        out,
                        "{:<20}  unreadable: {}  {}",
                        "?",
                        Untrusted::new(e.to_string()),
                        Untrusted::new(&name)
                    )?;
                }
                continue;
            }
        };
        let name = store.short_name(path);
        let scored = shown.scored;
        let passed = scored.and_then(|s| s.passed).filter(|_| shown.finished);
        if json {
            entries.push(Listed {
                attempt: name,
                file: path.display().to_string(),
                quiz: Some(shown.quiz),
                name: shown.name,
                started: Some(shown.started),
                updated: Some(shown.updated),
                paper: shown.paper,
                exam: shown.exam,
                finished: shown.finished,
                answered: shown.answered,
                asked: shown.asked,
                active_seconds: shown.active_seconds,
                score: scored.map(|s| s.score),
                max: scored.map(|s| s.max),
                percent: scored.map(|s| s.percent),
                passed,
                error: None,
            });
            continue;
        }
        let status = match (shown.finished, shown.paper) {
            (true, true) => "submitted".to_owned(),
            (true, false) => "finished".to_owned(),
            _ => format!("{} of {} answered", shown.answered, shown.asked),
        };
        let result = match passed {
            Some(true) => "passed",
            Some(false) => "not passed",
            None => "",
        };
        let (score, percent) = match &scored {
            Some(s) => (
                format!("{}/{}", Points(s.score), Points(s.max)),
                format!("{:>4.0}%", s.percent),
            ),
            None => ("–".to_owned(), "    –".to_owned()),
        };
        // Unknown for an attempt begun before lateral recorded it.
        let time = shown
            .active_seconds
            .map_or_else(|| "–".to_owned(), |t| Seconds(t).to_string());
        line.clear();
        use std::fmt::Write as _;
        let _ = writeln!(
            line,
            "{:<20}  {:<16}  {:>9}  {percent}  {:<10}  {:<14}  {:<10}  {}",
            Untrusted::new(shown.started),
            Untrusted::new(shown.quiz),
            score,
            result,
            status,
            time,
            Untrusted::new(&name)
        );
        out.write_all(line.as_bytes())?;
    }
    if json {
        write_json(&mut out, &entries)?;
    }
    out.flush()?;
    Ok(())
}

/// What a line of `history` shows of an attempt.
struct Shown<'a> {
    quiz: &'a str,
    name: Option<&'a str>,
    started: &'a str,
    updated: &'a str,
    paper: bool,
    exam: bool,
    finished: bool,
    answered: usize,
    asked: usize,
    active_seconds: Option<u64>,
    scored: Option<Scored>,
}

impl<'a> Shown<'a> {
    fn of_entry(e: &'a Entry) -> Shown<'a> {
        Shown {
            quiz: &e.quiz,
            name: e.name.as_deref(),
            started: &e.started,
            updated: &e.updated,
            paper: e.paper,
            exam: e.exam,
            finished: true,
            answered: e.answered,
            asked: e.asked,
            active_seconds: e.active_seconds,
            scored: e.scored,
        }
    }

    fn of_attempt(a: &'a Attempt, score: &dyn Fn(&Attempt) -> Option<Scored>) -> Shown<'a> {
        Shown {
            quiz: &a.quiz,
            name: a.name.as_deref(),
            started: &a.started,
            updated: &a.updated,
            paper: a.paper,
            exam: a.exam,
            finished: a.finished,
            answered: a.answers.len(),
            asked: a.asked.len(),
            active_seconds: a.active_seconds,
            scored: score(a),
        }
    }
}

/// The quiz an attempt was taken from, if its file can still be read.
fn read_quiz(path: &str) -> Option<Quiz> {
    let text = quiz_text(Path::new(path)).ok()?;
    parse::<Quiz>(&text).ok().map(|d| d.value)
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
    let quiz = input::read_quiz(&quiz_file)?.doc.value;
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
        let width = usize::from(cols).saturating_sub(1).clamp(19, 100);
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
