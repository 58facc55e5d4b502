//! `lateral take`: turns the arguments into session settings, picks the
//! front end (dialoguer on a terminal, plain lines anywhere else) and hands
//! over to [`crate::session`].

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use super::input::{load_quiz_or_paper, load_sources, read_sources, Taken};
use super::Outcome;
use crate::escape::Untrusted;
use crate::load::Document;
use crate::session::{self, Plan, Settings};
use crate::store::Store;
use crate::ui::{interrupt, Plain, Prompter, Terminal};
use crate::Error;

/// What `lateral take` was asked to do.
#[derive(Debug, clap::Args)]
pub struct TakeRequest {
    /// The quiz file, or an exam paper made by `lateral paper`.
    quiz: PathBuf,
    /// Seed for the order of questions and options; the same seed gives the same order.
    #[arg(long)]
    seed: Option<u64>,
    /// Save the attempt to this file after every answer, instead of the
    /// data directory (LATERAL_DATA_DIR or the platform's standard place).
    /// A folder (`DIR/`) is a class folder: each sheet gets a name of its
    /// own there, QUIZ-NAME-TIME-RANDOM.ron.
    #[arg(long, value_name = "FILE|DIR/")]
    save: Option<PathBuf>,
    /// The student's name, recorded in the answer sheet of a paper
    /// (asked for when a paper is taken without it).
    #[arg(long)]
    name: Option<String>,
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

/// Takes a quiz or a paper (or resumes it); on a terminal, after a quiz,
/// offers a practice round of what was missed.
pub fn take(req: &TakeRequest, out: &mut dyn Write) -> Outcome {
    // Before any prompt, so a signal at the resume question is handled too.
    interrupt::install();
    let (doc, paper) = match load_quiz_or_paper(&req.quiz)? {
        Taken::Quiz(doc) => (doc, None),
        Taken::Paper(paper) => {
            if req.missed {
                return Err(Error::NotForPapers { option: "--missed" }.into());
            }
            let doc = Document::without_text(paper.questions_only());
            (doc, Some(paper.fingerprint))
        }
    };
    let texts = match (&req.sources, &paper) {
        (Some(dir), None) => load_sources(&req.quiz, &doc, dir)?,
        // A paper has no citations to prove.
        (Some(dir), Some(_)) => read_sources(dir, &doc.value),
        (None, _) => BTreeMap::new(),
    };
    let quiz = &doc.value;
    let interactive = io::stdin().is_terminal() && io::stdout().is_terminal();
    let mut prompter: Box<dyn Prompter> = if interactive {
        Box::new(Terminal::new())
    } else {
        let echo = !io::stdin().is_terminal();
        Box::new(Plain::new(io::stdin().lock(), io::stdout(), 80, echo))
    };
    // `--save DIR/` (with the slash) is a class folder of sheets; a
    // folder named without it is refused like any other non-file.
    let class_folder = req
        .save
        .as_ref()
        .filter(|p| p.as_os_str().to_string_lossy().ends_with(['/', '\\']));
    let (store, save) = match class_folder {
        Some(dir) => (Store::class_folder(dir), None),
        None => (Store::open()?, req.save.clone()),
    };
    store.clean_temporaries(&quiz.id);
    let settings = Settings {
        quiz_path: std::fs::canonicalize(&req.quiz)
            .unwrap_or_else(|_| req.quiz.clone())
            .display()
            .to_string(),
        seed: req.seed,
        save,
        exam: req.exam,
        restart: req.restart,
        missed: req.missed,
        paper,
        name: req.name.clone(),
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
    // A second look at what was missed, on a terminal; scripts and papers
    // end here.
    if interactive && settings.paper.is_none() {
        session.practice_round(prompter.as_mut(), &store, &texts)?;
    }
    Ok(())
}
