//! The command line: arguments, files in and out, exit codes.
//!
//! Exit codes: 0 success, 1 invalid input or a failed check, 2 a usage error
//! (from clap), 130 interrupted. Reports go to standard output, problems to
//! standard error; a closed pipe (`lateral key q.ron | head`) is not an error.

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use serde_json::json;

use std::collections::BTreeMap;

use crate::attempt::Attempt;
use crate::cite::{check_citations, unreadable_source, SourceText};
use crate::diagnostic::{render, Diagnostic};
use crate::digest::sha256_hex;
use crate::grade::{format_points, grade};
use crate::keytest;
use crate::load::{decode, parse, too_large, Document, Place, MAX_FILE_BYTES};
use crate::quiz::Quiz;
use crate::screen::answer_text;
use crate::sheet::{self, Sheet};
use crate::shuffle::fresh_seed;
use crate::sources;
use crate::store::{self, Store};
use crate::ui::{self, Plain, TakeOptions, Terminal};
use crate::validate::validate;
use crate::{io_reason, Error};

/// lateral: quizzes that teach reading the news the way fact-checkers do.
#[derive(Debug, Parser)]
#[command(
    name = "lateral",
    version,
    after_help = "Examples:\n  lateral take quizzes/viral-photo.ron\n  lateral check quizzes/*.ron\n  lateral test quizzes/*.ron\n\nExit codes: 0 success, 1 invalid input or failed check, 2 usage error, 130 interrupted."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to use colour: auto (a terminal, and NO_COLOR unset), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

/// The `--color` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Turns colour on or off for everything lateral prints.
    fn apply(self) {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        let on = match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => io::stdout().is_terminal() && !no_color && !dumb,
        };
        console::set_colors_enabled(on);
        console::set_colors_enabled_stderr(on && io::stderr().is_terminal());
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Take a quiz: answer each question, see why, and get a score.
    ///
    /// On a terminal, choose with the arrow keys (Space toggles in "select
    /// all that apply", Enter confirms) and type numbers and names. When
    /// standard input is not a terminal, plain prompts read one answer per
    /// line: option letters (`b`), comma-separated letters for "select all"
    /// (`a,c` or `-` for none), `t`/`f`, or the typed answer.
    #[command(
        after_help = "Examples:\n  lateral take quizzes/viral-photo.ron\n  lateral take quizzes/viral-photo.ron --seed 7 --save answers.ron\n  printf 'b\\nt\\n9\\n' | lateral take quiz.ron --seed 7"
    )]
    Take(TakeRequest),
    /// List past attempts: date, quiz, score, pass or fail, finished or not.
    #[command(
        after_help = "Examples:\n  lateral history\n  lateral history quizzes/viral-photo.ron"
    )]
    History {
        /// Only attempts at this quiz.
        quiz: Option<PathBuf>,
    },
    /// Show a finished attempt's report again, with every question's feedback.
    #[command(after_help = "Example:\n  lateral review viral-photo/20261122T060000Z-7")]
    Review {
        /// The attempt: a name from `lateral history`, or a file.
        attempt: String,
        /// The quiz file, when it has moved since the attempt.
        #[arg(long)]
        quiz: Option<PathBuf>,
    },
    /// Check quiz files and report every problem with its line and column.
    ///
    /// With --sources, also prove every citation: each quote must occur in the
    /// text of the source it names, and pinned hashes must still match.
    #[command(
        after_help = "Examples:\n  lateral check quizzes/*.ron\n  lateral check --sources ../shared/sources quizzes/*.ron"
    )]
    Check {
        /// Quiz files to check.
        #[arg(required = true)]
        quizzes: Vec<PathBuf>,
        /// Folder holding the source texts; checks every citation against them.
        #[arg(long, value_name = "DIR")]
        sources: Option<PathBuf>,
    },
    /// Record each source text's sha256 in the quiz file, so later edits to an article are noticed.
    ///
    /// Only the `sha256` fields change; comments and layout elsewhere are kept.
    #[command(
        after_help = "Example:\n  lateral pin quizzes/viral-photo.ron --sources ../shared/sources"
    )]
    Pin {
        /// The quiz file to update.
        quiz: PathBuf,
        /// Folder holding the source texts.
        #[arg(long, value_name = "DIR")]
        sources: PathBuf,
    },
    /// List a quiz's sources and which questions rely on each (a coverage matrix).
    #[command(
        after_help = "Examples:\n  lateral sources quizzes/viral-photo.ron\n  lateral sources quizzes/viral-photo.ron --json"
    )]
    Sources {
        /// The quiz file.
        quiz: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print a quiz's answer key: each question, its answer, points and citations.
    #[command(
        after_help = "Examples:\n  lateral key quizzes/viral-photo.ron\n  lateral key quizzes/viral-photo.ron --json\n  lateral key quizzes/viral-photo.ron --sheet > key.ron"
    )]
    Key {
        /// The quiz file.
        quiz: PathBuf,
        /// Print a JSON array, one object per question.
        #[arg(long, conflicts_with = "sheet")]
        json: bool,
        /// Print a response sheet (RON) holding the correct responses.
        #[arg(long)]
        sheet: bool,
    },
    /// Grade response sheets against a quiz.
    #[command(after_help = "Example:\n  lateral grade quizzes/viral-photo.ron answers.ron --json")]
    Grade {
        /// The quiz file.
        quiz: PathBuf,
        /// Response sheets, as written by `take --save` or `key --sheet`.
        #[arg(required = true)]
        sheets: Vec<PathBuf>,
        /// Print a JSON array, one object per sheet.
        #[arg(long)]
        json: bool,
    },
    /// Run the answer-key tests in quiz files; ends with `N passed, N failed`.
    #[command(after_help = "Example:\n  lateral test quizzes/*.ron")]
    Test {
        /// Quiz files to test.
        #[arg(required = true)]
        quizzes: Vec<PathBuf>,
    },
}

/// Runs the command line and returns the process exit code.
pub fn main() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return u8::try_from(e.exit_code()).unwrap_or(2);
        }
    };
    // Not locked for the whole run: the Ctrl-C handler must be able to write.
    let mut out = io::stdout();
    match run(cli, &mut out) {
        Ok(()) => 0,
        // Already announced where it happened, with what was saved.
        Err(RunError::Lateral(Error::Interrupted)) => 130,
        Err(RunError::Lateral(e)) => {
            let _ = out.flush();
            let text = e.to_string();
            if !text.is_empty() {
                eprintln!("{}", text.trim_end());
            }
            e.exit_code()
        }
        // The reader went away (`| head`): nothing more to say.
        Err(RunError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(RunError::Io(e)) => {
            eprintln!("lateral: cannot write output: {}", io_reason(&e));
            1
        }
    }
}

/// A command failed, or writing its output did.
enum RunError {
    Lateral(Error),
    Io(io::Error),
}

impl From<Error> for RunError {
    fn from(e: Error) -> Self {
        RunError::Lateral(e)
    }
}

impl From<io::Error> for RunError {
    fn from(e: io::Error) -> Self {
        RunError::Io(e)
    }
}

fn run(cli: Cli, out: &mut dyn Write) -> Result<(), RunError> {
    cli.color.apply();
    match cli.command {
        Command::Take(request) => take(&request, out),
        Command::History { quiz } => history(quiz.as_deref(), out),
        Command::Review { attempt, quiz } => review(&attempt, quiz.as_deref(), out),
        Command::Check { quizzes, sources } => check(&quizzes, sources.as_deref(), out),
        Command::Pin { quiz, sources } => pin(&quiz, &sources, out),
        Command::Sources { quiz, json } => list_sources(&quiz, json, out),
        Command::Key { quiz, json, sheet } => key(&quiz, json, sheet, out),
        Command::Grade { quiz, sheets, json } => grade_sheets(&quiz, &sheets, json, out),
        Command::Test { quizzes } => test(&quizzes, out),
    }
}

/// Reads a file a person wrote, refusing directories and oversized files.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let shown = path.display().to_string();
    let read_error = |e: io::Error| Error::Read {
        path: shown.clone(),
        reason: io_reason(&e),
    };
    let meta = fs::metadata(path).map_err(read_error)?;
    if meta.is_dir() {
        return Err(Error::Read {
            path: shown,
            reason: "is a directory, not a file".to_owned(),
        });
    }
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(invalid(&shown, "", &[too_large(meta.len())]));
    }
    let bytes = fs::read(path).map_err(read_error)?;
    decode(&bytes)
        .map(str::to_owned)
        .map_err(|d| invalid(&shown, "", &[d]))
}

fn invalid(path: &str, text: &str, diagnostics: &[Diagnostic]) -> Error {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let mut rendered = render(path, text, diagnostics);
    rendered.push_str(&format!(
        "{path}: {} error{}{}",
        errors,
        if errors == 1 { "" } else { "s" },
        match warnings {
            0 => String::new(),
            1 => ", 1 warning".to_owned(),
            n => format!(", {n} warnings"),
        }
    ));
    Error::Invalid {
        path: path.to_owned(),
        rendered,
    }
}

/// Loads and validates a quiz file; warnings are printed, errors returned.
pub fn load_quiz(path: &Path) -> Result<Document<Quiz>, Error> {
    let shown = path.display().to_string();
    let text = read_text(path)?;
    let doc = parse::<Quiz>(&text).map_err(|d| invalid(&shown, &text, &[d]))?;
    let problems = validate(&doc);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(invalid(&shown, &text, &problems));
    }
    if !problems.is_empty() {
        eprint!("{}", render(&shown, &text, &problems));
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
        return Err(invalid(&path.display().to_string(), &doc.text, &problems));
    }
    Ok(texts
        .into_iter()
        .filter_map(|(id, bytes)| {
            let text = String::from_utf8(bytes.ok()?).ok()?;
            Some((id, SourceText::new(text)))
        })
        .collect())
}

/// What `lateral take` was asked to do.
#[derive(Debug, clap::Args)]
struct TakeRequest {
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

fn take(req: &TakeRequest, out: &mut dyn Write) -> Result<(), RunError> {
    let path = req.quiz.as_path();
    let doc = load_quiz(path)?;
    let quiz = &doc.value;
    let texts = match &req.sources {
        Some(dir) => load_sources(path, &doc, dir)?,
        None => BTreeMap::new(),
    };
    let interactive = io::stdin().is_terminal() && io::stdout().is_terminal();
    let mut prompter: Box<dyn ui::Prompter> = if interactive {
        Box::new(Terminal::new())
    } else {
        let echo = !io::stdin().is_terminal();
        Box::new(Plain::new(io::stdin().lock(), io::stdout(), 80, echo))
    };
    let store = Store::open()?;
    store.clean_temporaries();
    let quiz_path = std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string();

    // An attempt to continue: the --save file, or the latest unfinished one.
    let mut resume: Option<(PathBuf, Attempt)> = None;
    if !req.restart && !req.missed {
        let candidate = match &req.save {
            Some(file) if file.exists() => match store::read(file) {
                Ok(a) if !a.finished && a.unusable_with(quiz).is_none() => Some((file.clone(), a)),
                Ok(_) | Err(_) => None,
            },
            Some(_) => None,
            None => {
                let (found, notes) = store.resumable(quiz);
                for note in notes {
                    eprintln!("lateral: {note}");
                }
                found
            }
        };
        if let Some((file, attempt)) = candidate {
            let question = format!(
                "Resume your unfinished attempt from {} ({} of {} answered)?",
                attempt.started,
                attempt.answers.len(),
                attempt.asked.len()
            );
            match prompter.confirm(&question, true) {
                Ok(true) => resume = Some((file, attempt)),
                Ok(false) => {}
                Err(ui::AskError::Interrupted) => {
                    announce_interrupt(None);
                    return Err(Error::Interrupted.into());
                }
                Err(ui::AskError::EndOfInput) => {
                    return Err(Error::EndOfInput {
                        number: attempt.answers.len() + 1,
                        total: attempt.asked.len(),
                        saved: Some(file.display().to_string()),
                    }
                    .into())
                }
                Err(ui::AskError::Io(e)) => return Err(Error::Terminal(e.to_string()).into()),
            }
        }
    }
    let (file, mut attempt) = match resume {
        Some(found) => found,
        None => {
            let only = if req.missed {
                let Some((_, last)) = store.last_finished(&quiz.id) else {
                    return Err(Error::Failed(format!(
                        "no finished attempt at `{}` yet: take the whole quiz first",
                        quiz.id
                    ))
                    .into());
                };
                let missed = last.missed();
                if missed.is_empty() {
                    writeln!(
                        out,
                        "You missed nothing in your last attempt at {}: well done.",
                        quiz.title
                    )?;
                    return Ok(());
                }
                Some(missed)
            } else {
                None
            };
            let seed = req.seed.unwrap_or_else(fresh_seed);
            let order = crate::shuffle::order(quiz, seed);
            let mut attempt = Attempt::new(
                quiz,
                &quiz_path,
                seed,
                &order,
                only.as_deref(),
                &crate::attempt::now(),
            );
            attempt.exam = req.exam;
            let file = match &req.save {
                Some(file) => {
                    // Never overwrite another attempt silently: keep it aside.
                    if file.exists() {
                        match store::set_aside(file) {
                            Ok(to) => eprintln!(
                                "lateral: kept the earlier {} as {}",
                                file.display(),
                                to.display()
                            ),
                            Err(e) => {
                                return Err(Error::Write {
                                    path: file.display().to_string(),
                                    source: io::Error::other(e),
                                }
                                .into())
                            }
                        }
                    }
                    file.clone()
                }
                None => store.path_for(&attempt),
            };
            (file, attempt)
        }
    };
    let opts = TakeOptions {
        texts,
        exam: attempt.exam,
    };
    // Ctrl-C outside a prompt (or in plain mode): show the cursor, say where
    // the answers are, exit 130. Inside a dialoguer prompt the terminal is in
    // raw mode and Ctrl-C arrives as a key instead, which the prompt turns
    // into Error::Interrupted.
    let saved_at = file.clone();
    let _ = ctrlc::set_handler(move || {
        announce_interrupt(Some(&saved_at));
        std::process::exit(130);
    });
    let mut save = |a: &Attempt| store::save(&file, a);
    let result = ui::take(prompter.as_mut(), quiz, &mut attempt, &opts, &mut save);
    if interactive {
        let _ = console::Term::stdout().show_cursor();
    }
    match result {
        Ok(_) => {}
        Err(Error::Interrupted) => {
            announce_interrupt(Some(&file));
            return Err(Error::Interrupted.into());
        }
        Err(Error::EndOfInput { number, total, .. }) => {
            return Err(Error::EndOfInput {
                number,
                total,
                saved: Some(file.display().to_string()),
            }
            .into())
        }
        Err(e) => return Err(e.into()),
    }
    // Offer a second look at what was missed (on a terminal; scripts end here).
    let missed = attempt.missed();
    if interactive && !missed.is_empty() {
        let again = prompter
            .confirm(
                &format!(
                    "Review the {} missed question{} now?",
                    missed.len(),
                    if missed.len() == 1 { "" } else { "s" }
                ),
                false,
            )
            .unwrap_or(false);
        if again {
            let order = crate::shuffle::order(quiz, attempt.seed);
            let mut practice = Attempt::new(
                quiz,
                &quiz_path,
                attempt.seed,
                &order,
                Some(&missed),
                &crate::attempt::now(),
            );
            let practice_file = store.path_for(&practice);
            let mut save = |a: &Attempt| store::save(&practice_file, a);
            match ui::take(prompter.as_mut(), quiz, &mut practice, &opts, &mut save) {
                Ok(_) => {}
                Err(Error::Interrupted) => {
                    announce_interrupt(Some(&practice_file));
                    return Err(Error::Interrupted.into());
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(())
}

fn history(quiz_path: Option<&Path>, out: &mut dyn Write) -> Result<(), RunError> {
    let store = Store::open()?;
    let quiz_id = match quiz_path {
        Some(p) => Some(load_quiz(p)?.value.id),
        None => None,
    };
    let listed = store.list(quiz_id.as_deref());
    if listed.is_empty() {
        writeln!(out, "No attempts yet.")?;
        return Ok(());
    }
    writeln!(
        out,
        "{:<20}  {:<16}  {:>9}  {:>5}  {:<10}  {:<14}  attempt",
        "started", "quiz", "score", "%", "result", "status"
    )?;
    for (path, read) in &listed {
        let name = store.short_name(path);
        match read {
            Ok(a) => {
                let score = a.score();
                let max: f64 = a.answers.iter().map(|x| x.max).sum::<f64>().max(0.0);
                let percent = if max > 0.0 { score / max * 100.0 } else { 0.0 };
                let status = if a.finished {
                    "finished".to_owned()
                } else {
                    format!("{} of {} answered", a.answers.len(), a.asked.len())
                };
                let result = match (a.finished, pass_mark_of(a)) {
                    (true, Some(mark)) if percent + 1e-9 >= mark => "passed",
                    (true, Some(_)) => "not passed",
                    _ => "",
                };
                writeln!(
                    out,
                    "{:<20}  {:<16}  {:>9}  {:>4.0}%  {:<10}  {:<14}  {name}",
                    a.started,
                    crate::escape::one_line(&a.quiz),
                    format!("{}/{}", format_points(score), format_points(max)),
                    percent,
                    result,
                    status
                )?;
            }
            Err(e) => writeln!(out, "{:<20}  unreadable: {e}  {name}", "?")?,
        }
    }
    Ok(())
}

/// The pass mark of an attempt's quiz, if the quiz file can still be read.
fn pass_mark_of(a: &Attempt) -> Option<f64> {
    let text = std::fs::read_to_string(&a.quiz_path).ok()?;
    parse::<Quiz>(&text).ok()?.value.pass_mark
}

fn review(name: &str, quiz_path: Option<&Path>, out: &mut dyn Write) -> Result<(), RunError> {
    let store = Store::open()?;
    let path = store.resolve(name);
    let attempt = store::read(&path).map_err(|reason| Error::Read {
        path: path.display().to_string(),
        reason,
    })?;
    let quiz_file = quiz_path.map_or_else(|| PathBuf::from(&attempt.quiz_path), Path::to_path_buf);
    let quiz = load_quiz(&quiz_file)?.value;
    if let Some(problem) = attempt.unusable_with(&quiz) {
        return Err(Error::Failed(format!(
            "{}: cannot review this attempt: {problem}",
            path.display()
        ))
        .into());
    }
    if !attempt.finished {
        return Err(Error::Failed(format!(
            "{}: this attempt is not finished ({} of {} answered); resume it with `lateral take {}`",
            path.display(),
            attempt.answers.len(),
            attempt.asked.len(),
            quiz_file.display()
        ))
        .into());
    }
    let report = attempt.report(&quiz);
    let part = attempt.asked_part(&quiz);
    let texts = BTreeMap::new();
    write_screen(out, |s| {
        use std::fmt::Write as _;
        writeln!(
            s,
            "{} · attempt started {} · seed {}",
            crate::escape::one_line(&quiz.title),
            attempt.started,
            attempt.seed
        )?;
        ui::review(s, &quiz, &attempt, &texts, 100)?;
        crate::screen::report(s, &part, &report, 100)?;
        crate::screen::reading_summary(s, &attempt)
    })?;
    Ok(())
}

/// Restores the cursor and says what was kept, once: a Ctrl-C can be seen
/// both as a signal and as a key read by a prompt.
fn announce_interrupt(saved: Option<&Path>) {
    // A lock, not a flag: whoever comes second (the signal handler, which
    // exits right after) must wait until the message has been written.
    static SHOWN: std::sync::Mutex<bool> = std::sync::Mutex::new(false);
    let mut shown = SHOWN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if *shown {
        return;
    }
    *shown = true;
    // No cursor codes where the output is not a terminal.
    if io::stdout().is_terminal() {
        let _ = console::Term::stdout().show_cursor();
    }
    if io::stderr().is_terminal() {
        let _ = console::Term::stderr().show_cursor();
    }
    match saved {
        Some(p) => eprintln!(
            "\ninterrupted; the answers given so far are saved in {}; run the same `lateral take` again to resume",
            p.display()
        ),
        None => eprintln!("\ninterrupted"),
    }
}

fn check(paths: &[PathBuf], sources: Option<&Path>, out: &mut dyn Write) -> Result<(), RunError> {
    let mut failed = 0;
    for path in paths {
        let loaded = load_quiz(path).and_then(|doc| match sources {
            Some(dir) => load_sources(path, &doc, dir).map(|_| doc),
            None => Ok(doc),
        });
        match loaded {
            Ok(doc) => writeln!(
                out,
                "{}: ok ({} questions, {} points, {} answer-key tests{})",
                path.display(),
                doc.value.questions.len(),
                format_points(doc.value.max_points()),
                doc.value.tests.len(),
                match sources {
                    Some(_) => format!(
                        ", {} citations found in their sources",
                        doc.value
                            .questions
                            .iter()
                            .map(|q| q.citations.len())
                            .sum::<usize>()
                    ),
                    None => String::new(),
                }
            )?,
            Err(e) => {
                failed += 1;
                out.flush()?;
                eprintln!("{}", e.to_string().trim_end());
            }
        }
    }
    if failed > 0 {
        return Err(Error::Failed(format!(
            "{failed} of {} quiz file{} {} problems",
            paths.len(),
            if paths.len() == 1 { "" } else { "s" },
            if failed == 1 { "has" } else { "have" }
        ))
        .into());
    }
    Ok(())
}

fn key(path: &Path, json: bool, as_sheet: bool, out: &mut dyn Write) -> Result<(), RunError> {
    let doc = load_quiz(path)?;
    let quiz = &doc.value;
    if as_sheet {
        out.write_all(Sheet::key(quiz).to_ron().as_bytes())?;
        return Ok(());
    }
    if json {
        let entries: Vec<_> = quiz
            .questions
            .iter()
            .map(|q| {
                json!({
                    "id": q.id,
                    "prompt": q.prompt,
                    "kind": q.kind.name(),
                    "answer": answer_text(q),
                    "response": sheet::correct_response(q),
                    "points": q.points,
                    "tags": q.tags,
                    "explanation": q.explanation,
                    "citations": q.citations.iter().map(|c| json!({
                        "source": c.source,
                        "quote": c.quote,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        return write_json(out, &entries);
    }
    write_screen(out, |s| crate::screen::answer_key(s, quiz, 100))
}

/// Reads a response sheet, or an attempt file (whose answers are graded
/// like a sheet's).
fn load_sheet(path: &Path, quiz: &Quiz) -> Result<Sheet, Error> {
    let shown = path.display().to_string();
    let text = read_text(path)?;
    let doc = match parse::<Sheet>(&text) {
        Ok(doc) => doc,
        Err(sheet_problem) => match parse::<Attempt>(&text) {
            Ok(attempt) => {
                if let Some(problem) = attempt.value.unusable_with(quiz) {
                    return Err(Error::Failed(format!(
                        "{shown}: cannot grade this attempt: {problem}"
                    )));
                }
                let mut sheet = Sheet::new(quiz, Some(attempt.value.seed));
                sheet.responses = attempt.value.responses();
                return Ok(sheet);
            }
            Err(_) => return Err(invalid(&shown, &text, &[sheet_problem])),
        },
    };
    let problems = sheet::validate(&doc, quiz);
    if !problems.is_empty() {
        return Err(invalid(&shown, &text, &problems));
    }
    Ok(doc.value)
}

fn grade_sheets(
    quiz_path: &Path,
    sheets: &[PathBuf],
    json: bool,
    out: &mut dyn Write,
) -> Result<(), RunError> {
    let doc = load_quiz(quiz_path)?;
    let quiz = &doc.value;
    let mut entries = Vec::new();
    let mut failed = 0;
    for path in sheets {
        let sheet = match load_sheet(path, quiz) {
            Ok(s) => s,
            Err(e) => {
                failed += 1;
                out.flush()?;
                eprintln!("{}", e.to_string().trim_end());
                continue;
            }
        };
        let report = grade(quiz, &sheet.responses);
        if json {
            entries.push(json!({
                "sheet": path.display().to_string(),
                "score": report.score,
                "max": report.max,
                "percent": report.percent,
                "passed": report.passed,
                "questions": report.outcomes.iter().map(|o| json!({
                    "id": o.id,
                    "correct": o.is_correct(),
                    "verdict": o.verdict,
                    "points": o.points,
                    "max": o.max,
                })).collect::<Vec<_>>(),
            }));
        } else {
            write_screen(out, |s| {
                crate::screen::graded_sheet(s, &path.display().to_string(), quiz, &report)
            })?;
        }
    }
    if json {
        write_json(out, &entries)?;
    }
    if failed > 0 {
        return Err(Error::Failed(format!(
            "{failed} of {} sheet{} could not be graded",
            sheets.len(),
            if sheets.len() == 1 { "" } else { "s" }
        ))
        .into());
    }
    Ok(())
}

fn test(paths: &[PathBuf], out: &mut dyn Write) -> Result<(), RunError> {
    let (mut passed, mut failed) = (0, 0);
    for path in paths {
        let doc = match load_quiz(path) {
            Ok(doc) => doc,
            Err(e) => {
                failed += 1;
                out.flush()?;
                eprintln!("{}", e.to_string().trim_end());
                writeln!(out, "{}: FAILED (the quiz does not load)", path.display())?;
                continue;
            }
        };
        let results = keytest::run(&doc.value);
        let bad = results.iter().filter(|r| !r.passed).count();
        writeln!(
            out,
            "{}: {} answer-key tests, {} failed",
            path.display(),
            results.len(),
            bad
        )?;
        for r in results.iter().filter(|r| !r.passed) {
            writeln!(out, "  FAILED {}: {}", r.name, r.detail)?;
        }
        passed += results.len() - bad;
        failed += bad;
    }
    writeln!(out, "{passed} passed, {failed} failed")?;
    if failed > 0 {
        return Err(Error::Failed(String::new()).into());
    }
    Ok(())
}

fn pin(path: &Path, dir: &Path, out: &mut dyn Write) -> Result<(), RunError> {
    let doc = load_quiz(path)?;
    let shown = path.display().to_string();
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut problems = Vec::new();
    let mut changed = 0;
    for (i, source) in doc.value.sources.iter().enumerate() {
        let at = Place::root().field("sources").index(i);
        let bytes = match sources::read(dir, &source.file) {
            Ok(bytes) => bytes,
            Err(reason) => {
                problems.push(unreadable_source(&doc, i, &reason));
                continue;
            }
        };
        let hash = sha256_hex(&bytes);
        if source.sha256.as_deref() == Some(hash.as_str()) {
            continue;
        }
        changed += 1;
        if let Some(span) = doc.spans.exact(&at.field("sha256")) {
            edits.push((span, format!("\"{hash}\"")));
        } else if let Some(file) = doc.spans.exact(&at.field("file")) {
            edits.push(insert_field_after(&doc.text, file.end, "sha256", &hash));
        }
    }
    if !problems.is_empty() {
        return Err(invalid(&shown, &doc.text, &problems).into());
    }
    let mut text = doc.text.clone();
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    for (range, with) in edits {
        text.replace_range(range, &with);
    }
    // Never write a file that would no longer load.
    let check = parse::<Quiz>(&text).map(|d| validate(&d));
    if !matches!(check, Ok(ref p) if !p.iter().any(Diagnostic::is_error)) {
        return Err(Error::Failed(format!(
            "{shown}: pinning would break the file; nothing was written"
        ))
        .into());
    }
    if changed > 0 {
        let mut file =
            atomic_write_file::AtomicWriteFile::open(path).map_err(|source| Error::Write {
                path: shown.clone(),
                source,
            })?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.commit())
            .map_err(|source| Error::Write {
                path: shown.clone(),
                source,
            })?;
    }
    writeln!(
        out,
        "{shown}: {} of {} source{} pinned{}",
        changed,
        doc.value.sources.len(),
        if doc.value.sources.len() == 1 {
            ""
        } else {
            "s"
        },
        if changed == 0 {
            " (all already up to date)"
        } else {
            ""
        }
    )?;
    Ok(())
}

/// An edit that adds `name: "value",` after the value ending at `end`,
/// following the layout around it: on its own line when the fields are one
/// per line, inline otherwise.
fn insert_field_after(
    text: &str,
    end: usize,
    name: &str,
    value: &str,
) -> (std::ops::Range<usize>, String) {
    let rest = &text[end..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if rest[spaces..].starts_with(',') {
        let after_comma = end + spaces + 1;
        let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let indent: String = text[line_start..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        if text[after_comma..]
            .trim_start_matches([' ', '\t'])
            .starts_with(['\n', '\r'])
        {
            return (
                after_comma..after_comma,
                format!("\n{indent}{name}: \"{value}\","),
            );
        }
        return (after_comma..after_comma, format!(" {name}: \"{value}\","));
    }
    (end..end, format!(", {name}: \"{value}\""))
}

fn list_sources(path: &Path, json: bool, out: &mut dyn Write) -> Result<(), RunError> {
    let doc = load_quiz(path)?;
    let quiz = &doc.value;
    if json {
        let value = json!({
            "quiz": quiz.id,
            "sources": quiz.sources.iter().map(|s| json!({
                "id": s.id,
                "headline": s.headline,
                "publisher": s.publisher,
                "date": s.date,
                "file": s.file,
                "sha256": s.sha256,
                "questions": quiz.questions.iter().filter(|q| q.cites(&s.id)).count(),
            })).collect::<Vec<_>>(),
            "questions": quiz.questions.iter().map(|q| json!({
                "id": q.id,
                "sources": quiz.sources.iter().filter(|s| q.cites(&s.id)).map(|s| s.id.clone()).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        return write_json(out, &value);
    }
    write_screen(out, |s| crate::screen::coverage(s, quiz, 100))
}

/// Writes a value as pretty JSON.
fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<(), RunError> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    writeln!(out, "{text}")?;
    Ok(())
}

/// Renders a screen and writes it.
fn write_screen(
    out: &mut dyn Write,
    draw: impl FnOnce(&mut String) -> std::fmt::Result,
) -> Result<(), RunError> {
    let mut text = String::new();
    draw(&mut text).map_err(io::Error::other)?;
    out.write_all(text.as_bytes())?;
    Ok(())
}
