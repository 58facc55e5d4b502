//! `lateral take`: turns the arguments into session settings, picks the
//! front end (dialoguer on a terminal, plain lines anywhere else) and hands
//! over to [`crate::session`].

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use super::input::{load_quiz, load_sources};
use super::Outcome;
use crate::escape::Untrusted;
use crate::session::{self, Plan, Settings};
use crate::store::Store;
use crate::ui::{interrupt, Plain, Prompter, Terminal};

/// What `lateral take` was asked to do.
#[derive(Debug, clap::Args)]
pub struct TakeRequest {
    /// The quiz file (RON).
    quiz: PathBuf,
    /// Seed for the order of questions and options; the same seed gives the same order.
    #[arg(long)]
    seed: Option<u64>,
    /// Save the attempt to this file after every answer, instead of the
    /// data directory (LATERAL_DATA_DIR or the platform's standard place).
    #[arg(long, value_name = "FILE")]
    save: Option<PathBuf>,
    /// Folder holding the source texts: check sources before answering,
    /// see each quote in its sentence, and read whole articles.
    #[arg(long, value_name = "DIR")]
    sources: Option<PathBuf>,
    /// Exam mode: no feedback until the end, then the full report.
    #[arg(long)]
    exam: bool,
    /// Start over instead of resuming an unfinished attempt (which is kept).
    #[arg(long)]
    restart: bool,
    /// Ask only the questions missed in the last finished attempt.
    #[arg(long, conflicts_with = "restart")]
    missed: bool,
}

/// Takes a quiz (or resumes it); on a terminal, offers a practice round of
/// what was missed.
pub fn take(req: &TakeRequest, out: &mut dyn Write) -> Outcome {
    // Before any prompt, so a signal at the resume question is handled too.
    interrupt::install();
    let doc = load_quiz(&req.quiz)?;
    let quiz = &doc.value;
    let texts = match &req.sources {
        Some(dir) => load_sources(&req.quiz, &doc, dir)?,
        None => BTreeMap::new(),
    };
    let interactive = io::stdin().is_terminal() && io::stdout().is_terminal();
    let mut prompter: Box<dyn Prompter> = if interactive {
        Box::new(Terminal::new())
    } else {
        let echo = !io::stdin().is_terminal();
        Box::new(Plain::new(io::stdin().lock(), io::stdout(), 80, echo))
    };
    let store = Store::open()?;
    store.clean_temporaries();
    let settings = Settings {
        quiz_path: std::fs::canonicalize(&req.quiz)
            .unwrap_or_else(|_| req.quiz.clone())
            .display()
            .to_string(),
        seed: req.seed,
        save: req.save.clone(),
        exam: req.exam,
        restart: req.restart,
        missed: req.missed,
    };
    let planned = session::plan(
        quiz,
        &store,
        &settings,
        prompter.as_mut(),
        &mut io::stderr(),
    );
    let mut session = match planned? {
        Plan::Take(session) => session,
        Plan::NothingMissed => {
            writeln!(
                out,
                "You missed nothing in your last attempt at {}: well done.",
                Untrusted::new(&quiz.title)
            )?;
            return Ok(());
        }
    };
    let result = session.run(prompter.as_mut(), &texts);
    if interactive {
        let _ = console::Term::stdout().show_cursor();
    }
    result?;
    // A second look at what was missed, on a terminal; scripts end here.
    if interactive {
        session.practice_round(prompter.as_mut(), &store, &texts)?;
    }
    Ok(())
}
