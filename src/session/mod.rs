//! Taking a quiz, from the first question to the report: the whole life of
//! one attempt.
//!
//! [`plan`] decides what a `lateral take` will do (resume an unfinished
//! attempt, start a new one of all or only the missed questions, or nothing
//! when nothing was missed). A [`Session`] then asks each question through a
//! [`Prompter`], records every answer (graded, time-stamped and saved
//! atomically before anything else is shown, so no answer is ever lost),
//! finishes with the report and can offer a practice round of the missed
//! questions. `cli` only turns arguments into [`Settings`]; `ui` only asks
//! and shows.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::attempt::{now, Answer, Attempt};
use crate::cite::SourceText;
use crate::escape::Untrusted;
use crate::file::check_writable_target;
use crate::grade::{grade_question, Outcome, Report};
use crate::points::{Count, Points};
use crate::quiz::{Question, Quiz, Response};
use crate::screen;
use crate::shuffle::{fresh_seed, order};
use crate::store::{self, Lock, Scored, Store, Wanted};
use crate::ui::interrupt::{self, Kept};
use crate::ui::{self, AskError, Prompter};
use crate::Error;

/// What the student asked `lateral take` for.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Where the quiz file is, recorded in the attempt for `review`.
    pub quiz_path: String,
    /// The order's seed; a fresh one when not given.
    pub seed: Option<u64>,
    /// Save to this file instead of the data directory.
    pub save: Option<PathBuf>,
    /// Exam mode: no feedback until the end.
    pub exam: bool,
    /// Start over even when an unfinished attempt could be resumed.
    pub restart: bool,
    /// Ask only the questions missed in the last finished attempt.
    pub missed: bool,
    /// Taking an exam paper: the fingerprint of the quiz it was made from.
    /// A paper is taken in exam mode, never graded here, and saved under
    /// the student's name.
    pub paper: Option<String>,
    /// The student's name (`--name`); asked for when a paper is taken
    /// without it.
    pub name: Option<String>,
}

/// What a `lateral take` will do.
#[derive(Debug)]
pub enum Plan<'q> {
    /// Take (or go on with) this session.
    Take(Box<Session<'q>>),
    /// `--missed`, and the last finished attempt missed nothing.
    NothingMissed,
}

/// Decides what to take: the unfinished attempt (when the student agrees to
/// resume it), or a new attempt. Attempts that cannot be used are set aside
/// and said so in `notes`, as is an earlier `--save` file kept aside.
pub fn plan<'q>(
    quiz: &'q Quiz,
    store: &Store,
    settings: &Settings,
    p: &mut dyn Prompter,
    notes: &mut dyn Write,
) -> Result<Plan<'q>, Error> {
    let fingerprint = match &settings.paper {
        Some(f) => f.clone(),
        None => crate::attempt::fingerprint(quiz),
    };
    let name = match (&settings.paper, &settings.name) {
        (_, Some(name)) => Some(student_name(name).ok_or(Error::NoName)?),
        (Some(_), None) => Some(ask_name(p)?),
        (None, None) => None,
    };
    // Finished attempts found on the way (an old layout's, or one whose
    // finish was cut short) are scored against this quiz when unchanged.
    // The key is prepared only when there is something to score.
    let key = std::cell::OnceCell::new();
    let score = |a: &Attempt| {
        let key = key.get_or_init(|| crate::grade::Key::new(quiz));
        Scored::with_key(key, &fingerprint, a)
    };
    let wanted = Wanted {
        quiz: &quiz.id,
        fingerprint: &fingerprint,
        name: name.as_deref(),
        score: &score,
    };
    // `--save` names a regular file or a new one: never a device, a FIFO
    // or a folder, which would be read forever or renamed aside. It is
    // locked first, so another `take` saving to it is never disturbed.
    let mut save_lock = None;
    if let Some(file) = &settings.save {
        check_writable_target(file).map_err(|e| Error::Write {
            path: file.display().to_string(),
            source: e.into(),
        })?;
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Write {
                path: dir.display().to_string(),
                source,
            })?;
        }
        save_lock = match Lock::try_acquire(file) {
            Ok(Some(lock)) => Some(lock),
            Ok(None) => {
                return Err(Error::InUse {
                    path: file.display().to_string(),
                })
            }
            Err(source) => {
                return Err(Error::Write {
                    path: file.display().to_string(),
                    source,
                })
            }
        };
    }
    if !settings.restart && !settings.missed {
        let found = match (&settings.save, save_lock.take()) {
            (Some(file), Some(lock)) => match store::read(file) {
                Ok(a)
                    if !a.finished
                        && a.name == name
                        && a.unusable_for(&quiz.id, &fingerprint).is_none() =>
                {
                    Some((file.clone(), a, lock, None))
                }
                _ => {
                    save_lock = Some(lock);
                    None
                }
            },
            _ => {
                let (found, said) = store.resumable(wanted);
                for note in said {
                    let _ = writeln!(notes, "lateral: {note}");
                }
                found.map(|(file, a, lock)| (file, a, lock, Some(store.clone())))
            }
        };
        if let Some((file, attempt, lock, kept_in)) = found {
            let question = format!(
                "Resume your unfinished attempt from {} ({} of {} answered)?",
                Untrusted::new(&attempt.started),
                attempt.answers.len(),
                attempt.asked.len()
            );
            match p.confirm(&question, true) {
                Ok(true) => {
                    return Ok(Plan::Take(Box::new(Session::new(
                        quiz, file, attempt, lock, kept_in,
                    ))))
                }
                // Declined: a --save file is kept aside below, under the same lock.
                Ok(false) if settings.save.is_some() => save_lock = Some(lock),
                Ok(false) => {}
                Err(AskError::EndOfInput) => {
                    return Err(Error::EndOfInput {
                        waiting: Some((attempt.answers.len() + 1, attempt.asked.len())),
                        saved: Some(file.display().to_string()),
                    })
                }
                Err(e) => return Err(stopped(e)),
            }
        }
    }
    let only = if settings.missed {
        let Some((_, last)) = store.last_finished(&quiz.id, &score) else {
            return Err(Error::NoFinishedAttempt {
                quiz: quiz.id.clone(),
            });
        };
        let missed = last.missed();
        if missed.is_empty() {
            return Ok(Plan::NothingMissed);
        }
        Some(missed)
    } else {
        None
    };
    let seed = settings.seed.unwrap_or_else(fresh_seed);
    let mut attempt = Attempt::new(
        quiz,
        &settings.quiz_path,
        seed,
        &order(quiz, seed),
        only.as_deref(),
        &now(),
    );
    attempt.exam = settings.exam || settings.paper.is_some();
    attempt.paper = settings.paper.is_some();
    attempt.fingerprint = fingerprint;
    attempt.name = name;
    let (file, lock, kept_in) = match (&settings.save, save_lock) {
        (Some(file), Some(lock)) => {
            // Never overwrite another attempt silently: keep it aside.
            if file.exists() {
                let to = store::set_aside(file).map_err(|source| Error::Write {
                    path: file.display().to_string(),
                    source,
                })?;
                let _ = writeln!(
                    notes,
                    "lateral: kept the earlier {} as {}",
                    Untrusted::path(file),
                    Untrusted::path(&to)
                );
            }
            (file.clone(), lock, None)
        }
        _ => {
            let (file, lock) = store.create(&attempt)?;
            (file, lock, Some(store.clone()))
        }
    };
    Ok(Plan::Take(Box::new(Session::new(
        quiz, file, attempt, lock, kept_in,
    ))))
}

/// A name as given, trimmed, if it has a letter or digit; at most 80
/// characters.
fn student_name(typed: &str) -> Option<String> {
    let name: String = typed.trim().chars().take(80).collect();
    name.chars().any(char::is_alphanumeric).then_some(name)
}

/// Asks the student's name for a paper.
fn ask_name(p: &mut dyn Prompter) -> Result<String, Error> {
    let check = |s: &str| match student_name(s) {
        Some(_) => Ok(()),
        None => Err("type your name, as your teacher will know it".to_owned()),
    };
    let typed = p.typed("Your name", &check).map_err(stopped)?;
    student_name(&typed).ok_or(Error::NoName)
}

/// The error for a prompt that returned without an answer; an interruption
/// is announced (cursor restored, where the answers are) as it happens.
fn stopped(e: AskError) -> Error {
    let e = Error::from(e);
    if matches!(e, Error::Interrupted) {
        interrupt::announce();
    }
    e
}

/// One attempt being taken, and the file it is saved to after every answer.
#[derive(Debug)]
pub struct Session<'q> {
    quiz: &'q Quiz,
    file: PathBuf,
    attempt: Attempt,
    /// Held while the session lives: no other `take` uses this attempt.
    lock: Option<Lock>,
    /// The store the attempt is kept in, when it is not a `--save` file:
    /// finishing moves it among the store's finished attempts.
    store: Option<Store>,
    /// The attempt's active time when this sitting began (`None`: unknown,
    /// for an attempt begun before lateral recorded it).
    before: Option<u64>,
    /// How long this sitting has lasted.
    clock: Clock,
}

/// How long a sitting has lasted: the monotonic clock from the moment the
/// session began, or, in tests, whatever the test says.
struct Clock(Box<dyn Fn() -> Duration>);

impl Clock {
    fn started_now() -> Clock {
        let start = Instant::now();
        Clock(Box::new(move || start.elapsed()))
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Clock({:?})", (self.0)())
    }
}

/// Whether the student is offered the question's cited sources after its
/// feedback (a terminal with the texts at hand shows a menu then, which
/// already waits for them, so no pause is added).
fn offers_sources(q: &Question, texts: &BTreeMap<String, SourceText>) -> bool {
    q.citations.iter().any(|c| texts.contains_key(&c.source))
}

/// The line a terminal shows after feedback, until a key is pressed.
const NEXT: &str = "Press any key for the next question";
/// The same before the report.
const RESULTS: &str = "Press any key to see your results";

impl<'q> Session<'q> {
    /// A session over `attempt` (new or resumed), saved to `file`, which
    /// `lock` holds for this process.
    fn new(
        quiz: &'q Quiz,
        file: PathBuf,
        attempt: Attempt,
        lock: Lock,
        store: Option<Store>,
    ) -> Session<'q> {
        Session {
            quiz,
            file,
            before: attempt.active_seconds,
            attempt,
            lock: Some(lock),
            store,
            clock: Clock::started_now(),
        }
    }

    /// Replaces the sitting's clock (tests drive time through it).
    #[cfg(test)]
    fn set_clock(&mut self, elapsed: impl Fn() -> Duration + 'static) {
        self.clock = Clock(Box::new(elapsed));
    }

    /// Stamps the attempt's active time: the earlier sittings' and this
    /// one's so far. Unknown stays unknown.
    fn stamp_time(&mut self) {
        let now = (self.clock.0)().as_secs();
        self.attempt.active_seconds = self.before.map(|b| b.saturating_add(now));
    }

    /// The attempt as it stands.
    pub fn attempt(&self) -> &Attempt {
        &self.attempt
    }

    /// Where the attempt is saved.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Records an answer: grades it (not for a paper, whose key is not at
    /// hand: `None` then), stamps the time and saves the attempt before
    /// returning, so the answer is on disk before any feedback.
    pub fn record(
        &mut self,
        q: &Question,
        response: Response,
        opened: Vec<String>,
    ) -> Result<Option<Outcome>, Error> {
        let outcome = (!self.attempt.paper).then(|| grade_question(q, Some(&response)));
        self.attempt.answers.push(Answer {
            question: q.id.clone(),
            response,
            points: outcome.as_ref().map_or(0.0, |o| o.points),
            max: q.max_points(),
            opened,
        });
        self.attempt.updated = now();
        self.stamp_time();
        store::save(&self.file, &self.attempt)?;
        interrupt::keep(self.kept());
        crate::practice_file::note_taken(&self.file, &self.attempt, &q.id, outcome.as_ref());
        Ok(outcome)
    }

    /// What a stop would keep right now.
    fn kept(&self) -> Kept {
        if self.attempt.finished {
            Kept::Finished(self.file.clone())
        } else if self.attempt.answers.is_empty() {
            Kept::Nothing
        } else {
            Kept::Answers(self.file.clone())
        }
    }

    /// Proves the attempt can be saved before the first question is shown:
    /// a full disk or a read-only folder must not cost the first answer.
    fn check_writable(&self) -> Result<(), Error> {
        store::check_writable(&self.file, &self.attempt)
    }

    /// Marks the attempt finished, saves it, and grades it. An attempt of
    /// the store is then moved among its finished attempts (a kill before
    /// that leaves it finished where it was; the next `take` moves it).
    pub fn finish(&mut self) -> Result<Option<Report>, Error> {
        self.attempt.finished = true;
        self.attempt.updated = now();
        self.stamp_time();
        store::save(&self.file, &self.attempt)?;
        let report = (!self.attempt.paper).then(|| self.attempt.report(self.quiz));
        if let Some(store) = &self.store {
            self.file = store.finish(&self.file, &self.attempt, report.as_ref().map(Scored::of));
        }
        interrupt::keep(self.kept());
        if let Some(lock) = self.lock.take() {
            lock.release_finished();
        }
        Ok(report)
    }

    /// Asks every question not yet answered, in the attempt's order, then
    /// shows the report and returns it (for a paper, which is not graded
    /// here, only says it was submitted and returns `None`). `texts` are the source texts by id, when the
    /// student has them at hand (`--sources`).
    pub fn run(
        &mut self,
        p: &mut dyn Prompter,
        texts: &BTreeMap<String, SourceText>,
    ) -> Result<Option<Report>, Error> {
        self.check_writable()?;
        interrupt::keep(self.kept());
        // Saved with the next answer: the item analysis tells answers given
        // after opening a source from those given without, only for
        // attempts where sources could be opened.
        self.attempt.sources |= !texts.is_empty();
        let quiz = self.quiz;
        let total = self.attempt.asked.len();
        p.show(&self.intro(p)).map_err(Error::Terminal)?;
        // Whether the last feedback waits for a key before the report.
        let mut results_pause = false;
        let by_id = quiz.questions_by_id();
        for (n, id) in self.attempt.asked.clone().iter().enumerate() {
            if self.attempt.answer(id).is_some() {
                continue;
            }
            let Some(&q) = by_id.get(id.as_str()) else {
                continue;
            };
            let width = p.width();
            let shown = self.attempt.shown_options(q);
            let score = (!self.attempt.exam).then(|| self.attempt.score());
            p.show(&screen::render(|s| {
                screen::question_header(s, n + 1, total, score, q, width)?;
                if !p.lists_options() {
                    screen::answer_lines(s, &q.kind, &shown, width)?;
                    writeln!(s, "({})", screen::plain_hint(&q.kind, shown.len()))?;
                }
                Ok(())
            }))
            .map_err(Error::Terminal)?;
            let waiting = |e| self.waiting(e, n + 1);
            if !texts.is_empty() {
                p.offer_sources(quiz, texts);
            }
            let response = ui::ask(p, q, &shown).map_err(waiting)?;
            let opened = p.opened_sources();
            let outcome = self.record(q, response.clone(), opened)?;
            if let (false, Some(outcome)) = (self.attempt.exam, outcome) {
                let feedback = screen::render(|s| {
                    screen::feedback(s, quiz, q, &response, &outcome, texts, p.width())
                });
                p.show(&feedback).map_err(Error::Terminal)?;
                // On a terminal the feedback stays in view until the
                // student moves on: with the sources' menu, or a key.
                let last = self.attempt.answers.len() >= total;
                if offers_sources(q, texts) {
                    p.read_sources(quiz, q, texts, &feedback)
                        .map_err(|e| self.waiting(e, n + 1))?;
                } else if last {
                    // After the attempt is saved as finished, below.
                    results_pause = true;
                } else {
                    p.pause(NEXT).map_err(|e| self.paused(e))?;
                }
            }
        }
        let report = self.finish()?;
        if results_pause {
            p.pause(RESULTS).map_err(|e| self.paused(e))?;
        }
        let attempt = &self.attempt;
        p.show(&screen::render(|s| {
            let Some(report) = &report else {
                // A paper: only that it was handed in.
                return screen::submitted(s, attempt, &self.file, p.width());
            };
            if attempt.exam {
                screen::review(s, quiz, attempt, texts, p.width())?;
            }
            screen::report(
                s,
                &attempt.asked_part(quiz),
                report,
                attempt.active_seconds,
                p.width(),
            )?;
            if !texts.is_empty() || attempt.answers.iter().any(|a| !a.opened.is_empty()) {
                screen::reading_summary(s, attempt)?;
            }
            Ok(())
        }))
        .map_err(Error::Terminal)?;
        Ok(report)
    }

    /// The welcome screen, the keys, and where a resumed attempt stands.
    fn intro(&self, p: &dyn Prompter) -> String {
        let keys = if p.lists_options() {
            "Keys: ↑/↓ move · a letter moves to its option · Space ticks an option in \"select all that apply\" · Enter answers · Ctrl-C stops (every answer is already saved)"
        } else {
            "Answer with the letters shown (a,c for several; - for none), t or f, or the number or name; one answer per line"
        };
        let attempt = &self.attempt;
        let resumed = attempt.answers.len();
        screen::render(|s| {
            // The questions this attempt asks (only the missed ones, for --missed).
            screen::welcome(s, &attempt.asked_part(self.quiz), p.width())?;
            writeln!(s)?;
            screen::wrapped(s, keys, p.width(), "")?;
            if let Some(name) = &attempt.name {
                writeln!(s, "Name: {}", Untrusted::new(name))?;
            }
            if attempt.paper {
                screen::wrapped(
                    s,
                    "Exam paper: every answer is saved as you give it; your teacher grades the sheet, so you will not see results here.",
                    p.width(),
                    "",
                )?;
            } else if attempt.exam {
                writeln!(
                    s,
                    "Exam mode: you will see your results and the explanations at the end."
                )?;
            }
            if resumed > 0 {
                writeln!(s)?;
                write!(
                    s,
                    "Resuming your attempt from {}: {resumed} of {} answered",
                    Untrusted::new(&attempt.started),
                    attempt.asked.len(),
                )?;
                match attempt.exam {
                    true => writeln!(s, ".")?,
                    false => writeln!(s, ", score so far {}.", Points(attempt.score()))?,
                }
            }
            writeln!(s)?;
            screen::seed_line(s, attempt.seed, p.width())
        })
    }

    /// The error for a prompt that stopped while question `number` waited.
    fn waiting(&self, e: AskError, number: usize) -> Error {
        match stopped(e) {
            Error::EndOfInput { .. } => Error::EndOfInput {
                waiting: Some((number, self.attempt.asked.len())),
                saved: match self.kept() {
                    Kept::Nothing => None,
                    _ => Some(self.file.display().to_string()),
                },
            },
            other => other,
        }
    }

    /// The error for a pause that stopped: what was kept is said as at any
    /// prompt; no question was waiting.
    fn paused(&self, e: AskError) -> Error {
        match stopped(e) {
            Error::EndOfInput { .. } => Error::EndOfInput {
                waiting: None,
                saved: match self.kept() {
                    Kept::Nothing => None,
                    _ => Some(self.file.display().to_string()),
                },
            },
            other => other,
        }
    }

    /// After a finished attempt with misses, offers a second look at the
    /// missed questions: a new attempt of only those, in the same order,
    /// saved beside the first. Returns whether the student took it.
    pub fn practice_round(
        &self,
        p: &mut dyn Prompter,
        store: &Store,
        texts: &BTreeMap<String, SourceText>,
    ) -> Result<bool, Error> {
        let missed = self.attempt.missed();
        if missed.is_empty() {
            return Ok(false);
        }
        let question = format!("Review the {} now?", Count(missed.len(), "missed question"));
        // A closed terminal here ends the run quietly: the attempt is saved.
        if !p.confirm(&question, false).unwrap_or(false) {
            return Ok(false);
        }
        // A new order, so a second look is not a memory of positions.
        let seed = fresh_seed();
        let mut practice = Attempt::new(
            self.quiz,
            &self.attempt.quiz_path,
            seed,
            &order(self.quiz, seed),
            Some(&missed),
            &now(),
        );
        practice.exam = self.attempt.exam;
        let (file, lock) = store.create(&practice)?;
        Session::new(self.quiz, file, practice, lock, Some(store.clone())).run(p, texts)?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests;
