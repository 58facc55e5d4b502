//! `lateral practice`: the questions due today in the student's Leitner
//! schedule ([`crate::practice`]), across the quizzes given (or every
//! built-in one), in mixed order, with `take`'s question and feedback
//! screens; each answer is entered in the schedule ([`crate::practice_file`])
//! before its feedback is shown. `--status` shows each box's count.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use jiff::civil::Date;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::input::{load_quiz_or_paper, Taken};
use super::{write_json, write_screen, Outcome};
use crate::grade::grade_question;
use crate::practice::{mark, Card, Schedule};
use crate::practice_file::ScheduleFile;
use crate::quiz::{Kind, Quiz};
use crate::screen;
use crate::shuffle::{fresh_seed, order, permutation, Order};
use crate::ui::interrupt::{self, Kept};
use crate::ui::{self, AskError, Plain, Prompter, Terminal};
use crate::Error;

/// What `lateral practice` was asked to do.
#[derive(Debug, clap::Args)]
pub struct PracticeRequest {
    /// Quiz files or built-in quiz names (as `take` takes them); none means
    /// every built-in quiz.
    #[arg(value_name = "QUIZ")]
    quizzes: Vec<PathBuf>,
    /// Ask nothing: show how many cards each box holds and how many are due
    /// (for the quizzes given, or the whole schedule).
    #[arg(long)]
    status: bool,
    /// With --status: print JSON.
    #[arg(long, requires = "status")]
    json: bool,
    /// Seed for the mixed order of questions and options.
    #[arg(long)]
    seed: Option<u64>,
    /// The date to take as today (YYYY-MM-DD); also LATERAL_TODAY.
    #[arg(long, hide = true, value_name = "YYYY-MM-DD")]
    today: Option<String>,
}

/// The quizzes to practise, by id.
type Quizzes = BTreeMap<String, Quiz>;

/// Asks the questions due today, or shows the status.
pub fn practice(req: &PracticeRequest, out: &mut dyn Write) -> Outcome {
    interrupt::install();
    let today = crate::clock::today(req.today.as_deref())?;
    let quizzes = load_quizzes(&req.quizzes)?;
    let file = ScheduleFile::open()?;
    let mut notes = Vec::new();
    let schedule = file.load(&mut notes);
    say(&mut notes);
    let schedule = schedule?;
    // A card counts when its quiz was given and the question is still in
    // it; `--status` with no quiz named shows the whole schedule.
    let whole = req.status && req.quizzes.is_empty();
    let keep = |c: &Card| whole || in_play(&quizzes, c);
    if req.status {
        return status(&schedule, today, keep, req.json, out);
    }
    let due: Vec<(String, String, u8)> = schedule
        .due(today, keep)
        .into_iter()
        .map(|c| (c.quiz.clone(), c.question.clone(), c.level))
        .collect();
    if due.is_empty() {
        let upcoming = schedule.upcoming(today, keep);
        let elsewhere = schedule
            .cards
            .iter()
            .filter(|c| !quizzes.contains_key(&c.quiz))
            .count();
        return write_screen(out, |s| {
            screen::nothing_due(s, &upcoming, elsewhere, today, 80)
        });
    }
    let seed = req.seed.unwrap_or_else(fresh_seed);
    let mixed = permutation(due.len(), &mut ChaCha8Rng::seed_from_u64(seed));
    let round = Round {
        quizzes: &quizzes,
        cards: mixed.iter().map(|&i| &due[i]).collect(),
        orders: quizzes
            .iter()
            .map(|(id, q)| (id.as_str(), order(q, seed)))
            .collect(),
        today,
        file: &file,
    };
    let interactive = io::stdin().is_terminal() && io::stdout().is_terminal();
    let mut p: Box<dyn Prompter> = if interactive {
        Box::new(Terminal::new())
    } else {
        // Typed lines are echoed unless the student sees them being typed.
        let echo = !io::stdin().is_terminal();
        Box::new(Plain::new(io::stdin().lock(), io::stdout(), 80, echo))
    };
    let from: BTreeSet<&str> = due.iter().map(|(quiz, _, _)| quiz.as_str()).collect();
    let (width, lists) = (p.width(), p.lists_options());
    p.show(&screen::render(|s| {
        screen::practice_welcome(s, due.len(), from.len(), today, seed, lists, width)
    }))
    .map_err(Error::Terminal)?;
    interrupt::keep(Kept::Nothing);
    let result = round.run(p.as_mut());
    if interactive {
        let _ = console::Term::stdout().show_cursor();
    }
    let tally = result?;
    let schedule = tally.latest.unwrap_or(schedule);
    let upcoming = schedule.upcoming(today, keep);
    let width = p.width();
    p.show(&screen::render(|s| {
        screen::practice_end(s, tally.asked, tally.right, &upcoming, today, width)
    }))
    .map_err(Error::Terminal)?;
    Ok(())
}

/// One round of practice: the cards due, in the order they are asked.
struct Round<'a> {
    quizzes: &'a Quizzes,
    /// Quiz id, question id and box of each card, in the order asked.
    cards: Vec<&'a (String, String, u8)>,
    /// The order of each quiz's options under the round's seed.
    orders: BTreeMap<&'a str, Order>,
    today: Date,
    file: &'a ScheduleFile,
}

/// What a round came to.
#[derive(Default)]
struct Tally {
    asked: usize,
    right: usize,
    /// The schedule as the last answer saved it (with what any other
    /// process saved before).
    latest: Option<Schedule>,
}

impl Round<'_> {
    /// Asks every card: the question, the answer entered in the schedule,
    /// then the feedback.
    fn run(&self, p: &mut dyn Prompter) -> Result<Tally, Error> {
        let mut tally = Tally::default();
        let total = self.cards.len();
        for (n, (quiz_id, question, level)) in self.cards.iter().copied().enumerate() {
            let quiz = &self.quizzes[quiz_id];
            let Some(qi) = quiz.questions.iter().position(|q| &q.id == question) else {
                continue;
            };
            let q = &quiz.questions[qi];
            let shown: Vec<_> = self.orders[quiz_id.as_str()].options[qi]
                .iter()
                .map(|&o| &q.kind.shuffled()[o])
                .collect();
            let (width, lists) = (p.width(), p.lists_options());
            p.show(&screen::render(|s| {
                screen::question_header(s, n + 1, total, None, q, width)?;
                screen::practice_origin(s, &quiz.title, *level, width)?;
                if !lists {
                    screen::answer_lines(s, &q.kind, &shown, width)?;
                    writeln!(s, "({})", screen::plain_hint(&q.kind, shown.len()))?;
                }
                Ok(())
            }))
            .map_err(Error::Terminal)?;
            let saved = (tally.asked > 0).then_some(self.file);
            let response = ui::ask(p, q, &shown).map_err(|e| stopped(e, n + 1, total, saved))?;
            let outcome = grade_question(q, Some(&response));
            // Entered in the schedule before the feedback is shown.
            if let Some(mark) = mark(outcome.verdict) {
                let mut notes = Vec::new();
                let saved = self.file.update(&mut notes, |s| {
                    s.answer(quiz_id, question, mark, self.today)
                });
                say(&mut notes);
                tally.latest = Some(saved?);
                interrupt::keep(Kept::Practice(self.file.path().to_path_buf()));
            }
            tally.asked += 1;
            tally.right += usize::from(outcome.is_correct());
            let feedback = screen::render(|s| {
                screen::feedback(s, quiz, q, &response, &outcome, &BTreeMap::new(), width)
            });
            p.show(&feedback).map_err(Error::Terminal)?;
            // On a terminal the feedback stays until a key is pressed.
            let last = n + 1 == total;
            p.pause(if last {
                "Press any key to see what is due next"
            } else {
                "Press any key for the next question"
            })
            .map_err(|e| match stopped(e, n + 1, total, Some(self.file)) {
                // The answer is in; no question is waiting.
                Error::EndOfInput { saved, .. } => Error::EndOfInput {
                    waiting: None,
                    saved,
                },
                other => other,
            })?;
        }
        Ok(tally)
    }
}

/// Whether a card is one to ask: its quiz was given, and the question is
/// still in it (a question removed from its quiz is skipped, its card kept).
fn in_play(quizzes: &Quizzes, card: &Card) -> bool {
    quizzes
        .get(&card.quiz)
        .and_then(|quiz| quiz.question(&card.question))
        .is_some_and(|q| !matches!(q.kind, Kind::Reflection { .. }))
}

/// The quizzes named (paths or built-in names, as `take` reads them), or
/// every built-in quiz when none is named.
fn load_quizzes(named: &[PathBuf]) -> Result<Quizzes, Error> {
    let mut quizzes = Quizzes::new();
    let mut shown: BTreeMap<String, String> = BTreeMap::new();
    if named.is_empty() {
        for (name, text) in crate::builtin::QUIZZES {
            let quiz = crate::load::parse::<Quiz>(text)
                .map_err(|d| Error::invalid(name, text, vec![d]))?
                .value;
            quizzes.insert(quiz.id.clone(), quiz);
        }
        return Ok(quizzes);
    }
    for path in named {
        let quiz = match load_quiz_or_paper(path)? {
            Taken::Quiz(doc) => doc.value,
            Taken::Paper(_) => {
                return Err(Error::PracticePaper {
                    path: path.display().to_string(),
                })
            }
        };
        let name = path.display().to_string();
        if let Some(first) = shown.get(&quiz.id) {
            return Err(Error::SameQuizTwice {
                id: quiz.id,
                first: first.clone(),
                second: name,
            });
        }
        shown.insert(quiz.id.clone(), name);
        quizzes.insert(quiz.id.clone(), quiz);
    }
    Ok(quizzes)
}

/// `--status`: each box's count, as text or JSON.
fn status(
    schedule: &Schedule,
    today: Date,
    keep: impl Fn(&Card) -> bool + Copy,
    json: bool,
    out: &mut dyn Write,
) -> Outcome {
    let boxes = schedule.boxes(today, keep);
    let upcoming = schedule.upcoming(today, keep);
    if !json {
        return write_screen(out, |s| {
            screen::practice_status(s, &boxes, &upcoming, today, 80)
        });
    }
    #[derive(serde::Serialize)]
    struct Day {
        date: String,
        cards: usize,
    }
    #[derive(serde::Serialize)]
    struct Status<'a> {
        today: String,
        cards: usize,
        due: usize,
        boxes: &'a [crate::practice::BoxCount],
        next: Vec<Day>,
    }
    write_json(
        out,
        &Status {
            today: today.to_string(),
            cards: boxes.iter().map(|b| b.cards).sum(),
            due: boxes.iter().map(|b| b.due).sum(),
            boxes: &boxes,
            next: upcoming
                .iter()
                .map(|(date, cards)| Day {
                    date: date.to_string(),
                    cards: *cards,
                })
                .collect(),
        },
    )
}

/// Notes about the schedule file (one set aside), on standard error.
fn say(notes: &mut Vec<crate::store::Note>) {
    for note in notes.drain(..) {
        eprintln!("lateral: {note}");
    }
}

/// The error for a prompt that returned without an answer while question
/// `number` of `total` waited; an interruption is announced at once.
fn stopped(e: AskError, number: usize, total: usize, saved: Option<&ScheduleFile>) -> Error {
    match Error::from(e) {
        Error::EndOfInput { .. } => Error::EndOfInput {
            waiting: Some((number, total)),
            saved: saved.map(|f| f.path().display().to_string()),
        },
        Error::Interrupted => {
            interrupt::announce();
            Error::Interrupted
        }
        other => other,
    }
}
