//! The command line: arguments in, an exit code out.
//!
//! This file holds the clap model and the one place where results become
//! exit codes and errors become text. Each group of commands has a file:
//! [`new`] (a starter quiz), [`take`], [`attempts`] (history and review),
//! [`check`] (check, test and pin), [`key`] (key, grade and sources) and
//! [`class`] (paper and stats), [`export`] (GIFT and QTI), [`install`]
//! (shell completions and the manual page); [`input`] reads what they all
//! need.
//! Reports go to standard output, problems to standard error; a closed
//! pipe (`lateral key q.ron | head`) is not an error.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::{io_reason, Error};

mod attempts;
mod check;
mod class;
mod export;
mod input;
mod install;
mod key;
mod new;
mod practice;
mod take;

pub use input::{load_quiz, load_sources, read_text};

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
    Take(take::TakeRequest),
    /// Practise the questions due today, spaced across days (a Leitner schedule).
    ///
    /// Every question answered in `lateral take` or here has a box: box 1 is
    /// asked every day, then 2, 4, 8 and 16 days apart; a right answer moves
    /// a question up a box, anything less sends it back to box 1. With no
    /// quiz named, the built-in quizzes are practised.
    #[command(
        after_help = "Examples:\n  lateral practice\n  lateral practice viral-photo quizzes/my-quiz.ron\n  lateral practice --status"
    )]
    Practice(practice::PracticeRequest),
    /// List past attempts: date, quiz, score, pass or fail, finished or not.
    #[command(
        after_help = "Examples:\n  lateral history\n  lateral history quizzes/viral-photo.ron"
    )]
    History {
        /// Only attempts at this quiz.
        quiz: Option<PathBuf>,
        /// Print a JSON array, one object per attempt.
        #[arg(long)]
        json: bool,
        /// Read every finished attempt again instead of trusting the index
        /// of finished attempts (after editing a finished attempt by hand).
        #[arg(long)]
        rescan: bool,
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
    /// Warnings (among them the item-writing warnings: a key that is the
    /// longest option, absolute words in a true/false statement, "all of the
    /// above", duplicate options, a count of reports the citations do not
    /// match) are shown and counted; with --deny-warnings they fail the check.
    #[command(
        after_help = "Examples:\n  lateral check quizzes/*.ron\n  lateral check --sources ../shared/sources quizzes/*.ron\n  lateral check --deny-warnings quizzes/*.ron"
    )]
    Check {
        /// Quiz files to check.
        #[arg(required = true)]
        quizzes: Vec<PathBuf>,
        /// Folder holding the source texts; checks every citation against them.
        #[arg(long, value_name = "DIR")]
        sources: Option<PathBuf>,
        /// Fail (exit 1) on warnings too, such as the item-writing warnings.
        #[arg(long)]
        deny_warnings: bool,
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
    Grade(key::GradeRequest),
    /// List the quizzes built into lateral; take one by name from anywhere.
    #[command(after_help = "Example:\n  lateral list\n  lateral take viral-photo")]
    List,
    /// Write the student edition of a quiz: the questions without the key.
    ///
    /// The paper holds the title, instructions, questions, options, sources,
    /// points, pass mark and the quiz's fingerprint; no answer, accepted
    /// text, feedback, explanation, citation or answer-key test. Students
    /// take it with `lateral take PAPER`; their sheets are graded with
    /// `lateral grade QUIZ SHEETS`.
    #[command(
        after_help = "Examples:\n  lateral paper quizzes/viral-photo.ron -o viral-photo.paper.ron\n  lateral take viral-photo.paper.ron --name \"Ana García\" --save class/"
    )]
    Paper {
        /// The quiz file.
        quiz: PathBuf,
        /// Where to write the paper (`-` for standard output).
        #[arg(short, long, value_name = "PAPER")]
        output: PathBuf,
    },
    /// Write a starter quiz: one question of each kind, commented, that `check` and `test` pass.
    ///
    /// Never overwrites a file. With --sources, every .txt file in DIR becomes
    /// a source and every quote is copied from the texts.
    #[command(
        after_help = "Examples:\n  lateral new quizzes/my-quiz.ron\n  lateral new quizzes/my-quiz.ron --sources ../shared/sources"
    )]
    New {
        /// The quiz file to create.
        file: PathBuf,
        /// Folder of source texts (.txt) to build the questions from.
        #[arg(long, value_name = "DIR")]
        sources: Option<PathBuf>,
    },
    /// Item analysis of a class's sheets, with Moodle's definitions.
    ///
    /// Per question: facility, standard deviation, random guess score,
    /// discrimination index and efficiency, with flags; per option: how often
    /// it was picked and the mean total of those who did. Per test: mean,
    /// median, SD, internal consistency (CIC), error ratio and standard
    /// error; per tag, the class average; and how answers fared with and
    /// without opening a source. Each student's first sheet counts.
    #[command(
        after_help = "Examples:\n  lateral stats quizzes/viral-photo.ron class/\n  lateral stats quizzes/viral-photo.ron class/ --json\n  lateral stats quizzes/viral-photo.ron class/ --csv items.csv"
    )]
    Stats {
        /// The quiz file.
        quiz: PathBuf,
        /// Sheets and folders of sheets, as `grade` takes them.
        #[arg(required = true)]
        sheets: Vec<PathBuf>,
        /// Print the analysis as JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Write a row per question to FILE (`-` for standard output).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
    /// Write a quiz for a learning platform: GIFT (Moodle) or a QTI 2.1 package.
    ///
    /// What the platform scores differently from lateral (typos, units,
    /// number words, accents) is listed as warnings; text the format cannot
    /// carry unchanged is refused. See docs/export.md.
    #[command(
        after_help = "Examples:\n  lateral export quizzes/viral-photo.ron --format gift -o viral-photo.gift\n  lateral export quizzes/viral-photo.ron --format qti -o viral-photo.zip"
    )]
    Export(export::ExportRequest),
    /// Run the answer-key tests in quiz files; ends with `N passed, N failed`.
    #[command(after_help = "Example:\n  lateral test quizzes/*.ron")]
    Test {
        /// Quiz files to test.
        #[arg(required = true)]
        quizzes: Vec<PathBuf>,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    ///
    /// See the README for where each shell looks for it.
    #[command(
        after_help = "Examples:\n  lateral completions bash > ~/.local/share/bash-completion/completions/lateral\n  lateral completions zsh > ~/.zfunc/_lateral\n  lateral completions fish > ~/.config/fish/completions/lateral.fish"
    )]
    Completions {
        /// The shell to complete in.
        shell: install::Shell,
    },
    /// Print the manual page, lateral(1), as roff.
    #[command(
        after_help = "Examples:\n  lateral man | man -l -\n  lateral man > ~/.local/share/man/man1/lateral.1"
    )]
    Man,
}

/// How a lateral process ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// 0: the command did what was asked.
    Success,
    /// 1: invalid input (a broken quiz or sheet, an unreadable file, input
    /// that ended early), or a failed check or test.
    Failure,
    /// 2: a usage error (unknown command or option, missing argument).
    Usage,
    /// 130: the student pressed Ctrl-C.
    Interrupted,
}

impl From<ExitCode> for u8 {
    fn from(code: ExitCode) -> u8 {
        match code {
            ExitCode::Success => 0,
            ExitCode::Failure => 1,
            ExitCode::Usage => 2,
            ExitCode::Interrupted => 130,
        }
    }
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> Self {
        std::process::ExitCode::from(u8::from(code))
    }
}

/// Parses the command line, runs it, and returns the exit code.
pub fn main() -> ExitCode {
    match Cli::try_parse() {
        // Not locked for the whole run: the Ctrl-C handler must be able to write.
        Ok(cli) => run(cli, &mut io::stdout()),
        Err(e) => {
            let _ = e.print();
            if e.exit_code() == 0 {
                ExitCode::Success
            } else {
                ExitCode::Usage
            }
        }
    }
}

/// Runs a parsed command line, writing its report to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> ExitCode {
    cli.color.apply();
    let result = match cli.command {
        Command::Take(request) => take::take(&request, out),
        Command::Practice(request) => practice::practice(&request, out),
        Command::History { quiz, json, rescan } => {
            attempts::history(quiz.as_deref(), rescan, json, out)
        }
        Command::Review { attempt, quiz } => attempts::review(&attempt, quiz.as_deref(), out),
        Command::Check {
            quizzes,
            sources,
            deny_warnings,
        } => check::check(&quizzes, sources.as_deref(), deny_warnings, out),
        Command::Pin { quiz, sources } => check::pin(&quiz, &sources, out),
        Command::Sources { quiz, json } => key::sources(&quiz, json, out),
        Command::Key { quiz, json, sheet } => key::key(&quiz, json, sheet, out),
        Command::Grade(request) => key::grade(&request, out),
        Command::Test { quizzes } => check::test(&quizzes, out),
        Command::Paper { quiz, output } => class::paper(&quiz, &output, out),
        Command::List => key::list(out),
        Command::Stats {
            quiz,
            sheets,
            json,
            csv,
        } => class::stats(&quiz, &sheets, json, csv.as_deref(), out),
        Command::New { file, sources } => new::new(&file, sources.as_deref(), out),
        Command::Export(request) => export::export(&request, out),
        Command::Completions { shell } => install::completions(shell, out),
        Command::Man => install::man(out),
    };
    match result {
        Ok(()) => ExitCode::Success,
        Err(Failure::Lateral(e)) => {
            let _ = out.flush();
            report(&e);
            match e {
                Error::Interrupted => ExitCode::Interrupted,
                _ => ExitCode::Failure,
            }
        }
        // The reader went away (`| head`): nothing more to say.
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::Success,
        Err(Failure::Output(e)) => {
            eprintln!("lateral: cannot write output: {}", io_reason(&e));
            ExitCode::Failure
        }
    }
}

/// Shows an error on standard error, once, in colour where colour is on.
fn report(e: &Error) {
    if let Some(message) = e.message(console::colors_enabled_stderr()) {
        eprintln!("{}", message.trim_end());
    }
}

/// Why a command stopped: its own failure, or writing its report failed.
enum Failure {
    Lateral(Error),
    Output(io::Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Lateral(e)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Output(e)
    }
}

/// What a command returns.
type Outcome = Result<(), Failure>;

/// Writes a value as pretty JSON, with the characters that could drive a
/// terminal (C1 and bidi controls, invisible characters) as `\u` escapes.
fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Outcome {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    writeln!(out, "{}", crate::escape::json(&text))?;
    Ok(())
}

/// Reads each sheet of `files` and hands it to `each`; a sheet that cannot
/// be read is reported on standard error and the others still go on.
/// Fails at the end, naming how many could not be read, if any.
fn for_each_sheet(
    files: &[PathBuf],
    quiz: &crate::quiz::Quiz,
    out: &mut dyn Write,
    mut each: impl FnMut(&std::path::Path, input::Handed, &mut dyn Write) -> Outcome,
) -> Outcome {
    if files.is_empty() {
        return Err(Error::NoSheets.into());
    }
    let key = crate::grade::Key::new(quiz);
    let mut failed = 0;
    for path in files {
        match input::load_sheet(path, &key) {
            Ok(handed) => each(path, handed, out)?,
            Err(e) => {
                failed += 1;
                out.flush()?;
                report(&e);
            }
        }
    }
    match failed {
        0 => Ok(()),
        failed => Err(Error::SheetsFailed {
            failed,
            total: files.len(),
        }
        .into()),
    }
}

/// Replaces a file's contents so that a crash leaves the old or the new
/// text, never a mix.
fn write_atomically(path: &std::path::Path, text: &str) -> Result<(), Error> {
    write_bytes_atomically(path, text.as_bytes())
}

/// [`write_atomically`] for bytes that are not text (a zip).
fn write_bytes_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<(), Error> {
    let write_error = |source| Error::Write {
        path: path.display().to_string(),
        source,
    };
    let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(write_error)?;
    file.write_all(bytes).map_err(write_error)?;
    file.commit().map_err(write_error)
}

/// Renders a screen and writes it.
fn write_screen(
    out: &mut dyn Write,
    draw: impl FnOnce(&mut String) -> std::fmt::Result,
) -> Outcome {
    out.write_all(crate::screen::render(draw).as_bytes())?;
    Ok(())
}
