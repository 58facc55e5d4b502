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

use crate::cite::{check_citations, sha256_hex, SourceText};
use crate::diagnostic::{render, Diagnostic};
use crate::grade::{format_points, grade};
use crate::keytest;
use crate::load::{decode, parse, too_large, Document, MAX_FILE_BYTES};
use crate::quiz::Quiz;
use crate::screen::answer_text;
use crate::sheet::{self, Sheet};
use crate::shuffle::fresh_seed;
use crate::sources;
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
    Take {
        /// The quiz file (RON).
        quiz: PathBuf,
        /// Seed for the order of questions and options; the same seed gives the same order.
        #[arg(long)]
        seed: Option<u64>,
        /// Save the responses to this sheet after every answer.
        #[arg(long, value_name = "FILE")]
        save: Option<PathBuf>,
        /// Folder holding the source texts: show each quote in its sentence,
        /// and offer to read whole articles.
        #[arg(long, value_name = "DIR")]
        sources: Option<PathBuf>,
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
    match cli.command {
        Command::Take {
            quiz,
            seed,
            save,
            sources,
        } => take(&quiz, seed, save, sources.as_deref()),
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

fn take(
    path: &Path,
    seed: Option<u64>,
    save: Option<PathBuf>,
    sources: Option<&Path>,
) -> Result<(), RunError> {
    let doc = load_quiz(path)?;
    let texts = match sources {
        Some(dir) => load_sources(path, &doc, dir)?,
        None => BTreeMap::new(),
    };
    let opts = TakeOptions {
        seed: seed.unwrap_or_else(fresh_seed),
        save,
        texts,
    };
    let interactive = io::stdin().is_terminal() && io::stdout().is_terminal();
    // Ctrl-C outside a prompt (or in plain mode): show the cursor, exit 130.
    // Inside a dialoguer prompt the terminal is in raw mode and Ctrl-C arrives
    // as a key instead, which the prompt turns into Error::Interrupted.
    let saved = opts.save.clone();
    let _ = ctrlc::set_handler(move || {
        announce_interrupt(saved.as_deref());
        std::process::exit(130);
    });
    let result = if interactive {
        let mut prompter = Terminal::new();
        let result = ui::take(&mut prompter, &doc.value, &opts);
        let _ = console::Term::stdout().show_cursor();
        result
    } else {
        let stdin = io::stdin();
        let echo = !io::stdin().is_terminal();
        let mut prompter = Plain::new(stdin.lock(), io::stdout(), 80, echo);
        ui::take(&mut prompter, &doc.value, &opts)
    };
    match result {
        Ok(_) => Ok(()),
        Err(Error::Interrupted) => {
            announce_interrupt(opts.save.as_deref());
            Err(Error::Interrupted.into())
        }
        Err(e) => Err(e.into()),
    }
}

/// Restores the cursor and says what was kept, once: a Ctrl-C can be seen
/// both as a signal and as a key read by a prompt.
fn announce_interrupt(saved: Option<&Path>) {
    static SHOWN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if SHOWN.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    let _ = console::Term::stdout().show_cursor();
    let _ = console::Term::stderr().show_cursor();
    match saved {
        Some(p) => eprintln!(
            "\ninterrupted; the answers given so far are saved in {}",
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
        let text = serde_json::to_string_pretty(&entries).map_err(io::Error::other)?;
        writeln!(out, "{text}")?;
        return Ok(());
    }
    let mut text = String::new();
    crate::screen::answer_key(&mut text, quiz, 100).map_err(io::Error::other)?;
    out.write_all(text.as_bytes())?;
    Ok(())
}

fn load_sheet(path: &Path, quiz: &Quiz) -> Result<Sheet, Error> {
    let shown = path.display().to_string();
    let text = read_text(path)?;
    let doc = parse::<Sheet>(&text).map_err(|d| invalid(&shown, &text, &[d]))?;
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
            let mut text = String::new();
            crate::screen::graded_sheet(&mut text, &path.display().to_string(), quiz, &report)
                .map_err(io::Error::other)?;
            out.write_all(text.as_bytes())?;
        }
    }
    if json {
        let text = serde_json::to_string_pretty(&entries).map_err(io::Error::other)?;
        writeln!(out, "{text}")?;
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
        let bytes = match sources::read(dir, &source.file) {
            Ok(bytes) => bytes,
            Err(reason) => {
                problems.push(
                    Diagnostic::error(
                        format!(
                            "cannot read source `{}` ({}): {reason}",
                            source.id, source.file
                        ),
                        doc.spans.find(&format!("sources[{i}].file")),
                    )
                    .with_help("name a file inside the sources folder"),
                );
                continue;
            }
        };
        let hash = sha256_hex(&bytes);
        if source.sha256.as_deref() == Some(hash.as_str()) {
            continue;
        }
        changed += 1;
        if let Some(span) = doc.spans.exact(&format!("sources[{i}].sha256")) {
            edits.push((span, format!("\"{hash}\"")));
        } else if let Some(file) = doc.spans.exact(&format!("sources[{i}].file")) {
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
    let cites = |q: &crate::quiz::Question, id: &str| q.citations.iter().any(|c| c.source == id);
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
                "questions": quiz.questions.iter().filter(|q| cites(q, &s.id)).count(),
            })).collect::<Vec<_>>(),
            "questions": quiz.questions.iter().map(|q| json!({
                "id": q.id,
                "sources": quiz.sources.iter().filter(|s| cites(q, &s.id)).map(|s| s.id.clone()).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        let text = serde_json::to_string_pretty(&value).map_err(io::Error::other)?;
        writeln!(out, "{text}")?;
        return Ok(());
    }
    let mut text = String::new();
    crate::screen::coverage(&mut text, quiz, 100).map_err(io::Error::other)?;
    out.write_all(text.as_bytes())?;
    Ok(())
}
