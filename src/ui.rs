//! Taking a quiz: the loop that asks, grades, explains and saves.
//!
//! Two front ends share one loop. On a terminal, dialoguer prompts (arrow
//! keys, space to toggle, typed input with validation). Anywhere else, plain
//! lines: a prompt is printed and one answer is read per line, so a script can
//! take a quiz; dialoguer is never used there because it would read /dev/tty
//! and hang. Everything the student reads is rendered by [`crate::screen`].

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};

use dialoguer::{theme::ColorfulTheme, Input, MultiSelect, Select};

use crate::attempt::{Answer, Attempt};
use crate::cite::SourceText;
use crate::escape::one_line;
use crate::grade::{grade_question, Report};
use crate::normalize::{fold, parse_number};
use crate::points::Points;
use crate::quiz::{Choice, Kind, Question, Quiz, Response};
use crate::screen::{self, letter};
use crate::Error;

/// Why a prompt returned without an answer.
#[derive(Debug)]
pub enum AskError {
    /// Standard input ended.
    EndOfInput,
    /// The student pressed Ctrl-C.
    Interrupted,
    /// Reading or writing the terminal failed.
    Io(io::Error),
}

impl From<io::Error> for AskError {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::Interrupted {
            AskError::Interrupted
        } else {
            AskError::Io(e)
        }
    }
}

impl From<dialoguer::Error> for AskError {
    fn from(e: dialoguer::Error) -> Self {
        match e {
            dialoguer::Error::IO(io) => io.into(),
        }
    }
}

/// A way of asking the student: dialoguer on a terminal, or plain lines.
pub trait Prompter {
    /// Shows a screen of text.
    fn show(&mut self, text: &str) -> io::Result<()>;
    /// One option of `items`; returns its index.
    fn single(&mut self, items: &[String]) -> Result<usize, AskError>;
    /// Any number of `items`; returns their indexes.
    fn multiple(&mut self, items: &[String]) -> Result<Vec<usize>, AskError>;
    /// True or false.
    fn true_false(&mut self) -> Result<bool, AskError>;
    /// A typed answer; `check` refuses what cannot be read, with a hint.
    fn typed(
        &mut self,
        label: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, AskError>;
    /// The width screens are drawn at.
    fn width(&self) -> usize;
    /// Whether the prompts list the options themselves (dialoguer does;
    /// plain mode needs the screen to list them with letters).
    fn lists_options(&self) -> bool {
        false
    }
    /// Before answering, lets the student open any of the quiz's sources
    /// (lateral reading); returns the ids of those opened. Plain mode has no
    /// pager, so by default nothing is opened.
    fn consult_sources(
        &mut self,
        _quiz: &Quiz,
        _texts: &BTreeMap<String, SourceText>,
    ) -> Result<Vec<String>, AskError> {
        Ok(Vec::new())
    }
    /// Asks a yes/no question; `default` is what Enter (or plain mode's empty line) means.
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, AskError>;
    /// After feedback, lets the student open the sources the question cites.
    /// Plain mode has no pager, so by default this does nothing.
    /// `feedback` is shown again when the student comes back from a source.
    fn read_sources(
        &mut self,
        _quiz: &Quiz,
        _q: &Question,
        _texts: &BTreeMap<String, SourceText>,
        _feedback: &str,
    ) -> Result<(), AskError> {
        Ok(())
    }
}

/// Plain-line prompts over any reader and writer.
pub struct Plain<R, W> {
    input: R,
    output: W,
    width: usize,
    echo: bool,
}

impl<R: BufRead, W: Write> Plain<R, W> {
    /// Plain prompts reading `input` and writing `output` at `width` columns.
    /// With `echo`, each line read is written after its prompt, so the output
    /// of a scripted run reads as a transcript.
    pub fn new(input: R, output: W, width: usize, echo: bool) -> Self {
        Plain {
            input,
            output,
            width,
            echo,
        }
    }

    /// Prints `label`, reads lines until `parse` accepts one.
    fn ask<T>(
        &mut self,
        label: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, AskError> {
        loop {
            write!(self.output, "{label}> ")?;
            self.output.flush()?;
            let mut line = String::new();
            if self.input.read_line(&mut line)? == 0 {
                writeln!(self.output)?;
                return Err(AskError::EndOfInput);
            }
            if self.echo {
                writeln!(self.output, "{}", crate::escape::one_line(line.trim_end()))?;
            }
            match parse(line.trim_end_matches(['\n', '\r'])) {
                Ok(v) => {
                    return Ok(v);
                }
                Err(hint) => writeln!(self.output, "  ! {hint}")?,
            }
        }
    }
}

/// Reads option letters: `b`, `a, c`, `ac`, or `-` for none (when `many`).
pub fn parse_letters(input: &str, count: usize, many: bool) -> Result<Vec<usize>, String> {
    let last = letter(count.saturating_sub(1));
    let trimmed = input.trim();
    if many && (trimmed == "-" || trimmed.eq_ignore_ascii_case("none")) {
        return Ok(vec![]);
    }
    let letters: Vec<char> = trimmed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if letters.is_empty() {
        return Err(if many {
            format!("type the letters that apply (a-{last}), separated by commas, or - for none")
        } else {
            format!("type one letter from a to {last}")
        });
    }
    let mut picked = Vec::new();
    for c in letters {
        match screen::LETTERS.find(c) {
            Some(i) if i < count => {
                if !picked.contains(&i) {
                    picked.push(i);
                }
            }
            _ => return Err(format!("`{c}` is not one of the letters a to {last}")),
        }
    }
    if !many && picked.len() > 1 {
        return Err(format!("choose only one letter from a to {last}"));
    }
    Ok(picked)
}

/// Reads `t`/`f`, `true`/`false`, `yes`/`no`.
pub fn parse_true_false(input: &str) -> Result<bool, String> {
    match fold(input).as_str() {
        "t" | "true" | "y" | "yes" => Ok(true),
        "f" | "false" | "n" | "no" => Ok(false),
        _ => Err("type t for true or f for false".to_owned()),
    }
}

impl<R: BufRead, W: Write> Prompter for Plain<R, W> {
    fn show(&mut self, text: &str) -> io::Result<()> {
        self.output.write_all(text.as_bytes())?;
        self.output.flush()
    }

    fn single(&mut self, items: &[String]) -> Result<usize, AskError> {
        let n = items.len();
        self.ask("answer", |s| parse_letters(s, n, false).map(|v| v[0]))
    }

    fn multiple(&mut self, items: &[String]) -> Result<Vec<usize>, AskError> {
        let n = items.len();
        self.ask("answers", |s| parse_letters(s, n, true))
    }

    fn true_false(&mut self) -> Result<bool, AskError> {
        self.ask("true or false", parse_true_false)
    }

    fn typed(
        &mut self,
        label: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, AskError> {
        self.ask(label, |s| check(s).map(|()| s.trim().to_owned()))
    }

    fn width(&self) -> usize {
        self.width
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, AskError> {
        let label = format!("{prompt} ({})", if default { "Y/n" } else { "y/N" });
        self.ask(&label, |s| {
            if s.trim().is_empty() {
                Ok(default)
            } else {
                parse_true_false(s).map_err(|_| "type y for yes or n for no".to_owned())
            }
        })
    }
}

/// dialoguer prompts on the controlling terminal.
pub struct Terminal {
    term: console::Term,
    theme: ColorfulTheme,
}

impl Terminal {
    /// Prompts on standard output's terminal.
    pub fn new() -> Self {
        Terminal {
            term: console::Term::stdout(),
            theme: ColorfulTheme::default(),
        }
    }
}

impl Default for Terminal {
    fn default() -> Self {
        Self::new()
    }
}

impl Prompter for Terminal {
    fn show(&mut self, text: &str) -> io::Result<()> {
        self.term.write_str(text)?;
        self.term.flush()
    }

    fn single(&mut self, items: &[String]) -> Result<usize, AskError> {
        Ok(Select::with_theme(&self.theme)
            .with_prompt("Choose one (↑/↓, Enter)")
            .items(items)
            .default(0)
            .report(false)
            .interact_on(&self.term)?)
    }

    fn multiple(&mut self, items: &[String]) -> Result<Vec<usize>, AskError> {
        Ok(MultiSelect::with_theme(&self.theme)
            .with_prompt("Select all that apply (↑/↓, Space to toggle, Enter)")
            .items(items)
            .report(false)
            .interact_on(&self.term)?)
    }

    fn true_false(&mut self) -> Result<bool, AskError> {
        let i = Select::with_theme(&self.theme)
            .with_prompt("True or false? (↑/↓, Enter)")
            .items(["True", "False"])
            .default(0)
            .report(false)
            .interact_on(&self.term)?;
        Ok(i == 0)
    }

    fn typed(
        &mut self,
        label: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, AskError> {
        let answer: String = Input::with_theme(&self.theme)
            .with_prompt(label)
            .report(false)
            .validate_with(|s: &String| check(s))
            .interact_text_on(&self.term)?;
        Ok(answer.trim().to_owned())
    }

    fn width(&self) -> usize {
        usize::from(self.term.size().1)
            .saturating_sub(1)
            .clamp(40, 100)
    }

    fn lists_options(&self) -> bool {
        true
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, AskError> {
        Ok(dialoguer::Confirm::with_theme(&self.theme)
            .with_prompt(prompt)
            .default(default)
            .interact_on(&self.term)?)
    }

    fn consult_sources(
        &mut self,
        quiz: &Quiz,
        texts: &BTreeMap<String, SourceText>,
    ) -> Result<Vec<String>, AskError> {
        // Every source, not just the cited ones: which ones are cited would
        // give the answer away.
        let ids: Vec<&str> = quiz
            .sources
            .iter()
            .filter(|s| texts.contains_key(&s.id))
            .map(|s| s.id.as_str())
            .collect();
        let mut items = vec!["Answer the question".to_owned()];
        for id in &ids {
            let headline = quiz.source(id).map_or("", |s| s.headline.as_str());
            items.push(format!("Read [{}] {}", one_line(id), one_line(headline)));
        }
        let mut opened: Vec<String> = Vec::new();
        loop {
            let choice = Select::with_theme(&self.theme)
                .with_prompt("Answer now, or check a source first (↑/↓, Enter)")
                .items(&items)
                .default(0)
                .report(false)
                .interact_on(&self.term)?;
            if choice == 0 {
                return Ok(opened);
            }
            let id = ids[choice - 1];
            let title = quiz.source(id).map_or(id, |s| s.headline.as_str());
            crate::pager::show(&self.term, title, &texts[id], &[])?;
            if !opened.iter().any(|o| o == id) {
                opened.push(id.to_owned());
            }
        }
    }

    fn read_sources(
        &mut self,
        quiz: &Quiz,
        q: &Question,
        texts: &BTreeMap<String, SourceText>,
        feedback: &str,
    ) -> Result<(), AskError> {
        // The cited sources, each once, in citation order.
        let mut cited: Vec<&str> = Vec::new();
        for c in &q.citations {
            if texts.contains_key(&c.source) && !cited.contains(&c.source.as_str()) {
                cited.push(&c.source);
            }
        }
        if cited.is_empty() {
            return Ok(());
        }
        let mut items = vec!["Next question".to_owned()];
        for id in &cited {
            let headline = quiz.source(id).map_or("", |s| s.headline.as_str());
            items.push(format!("Read [{}] {}", one_line(id), one_line(headline)));
        }
        loop {
            let choice = Select::with_theme(&self.theme)
                .with_prompt("Continue, or read a source in full (↑/↓, Enter)")
                .items(&items)
                .default(0)
                .report(false)
                .interact_on(&self.term)?;
            if choice == 0 {
                return Ok(());
            }
            let id = cited[choice - 1];
            let quotes: Vec<&str> = q
                .citations
                .iter()
                .filter(|c| c.source == id)
                .map(|c| c.quote.as_str())
                .collect();
            let title = quiz.source(id).map_or(id, |s| s.headline.as_str());
            crate::pager::show(&self.term, title, &texts[id], &quotes)?;
            self.show(feedback)?;
        }
    }
}

/// Settings for one run of `lateral take`.
#[derive(Debug, Clone, Default)]
pub struct TakeOptions {
    /// Source texts by source id, when the sources folder was given.
    pub texts: BTreeMap<String, SourceText>,
    /// Exam mode: no feedback until the end.
    pub exam: bool,
}

fn screen_text(draw: impl FnOnce(&mut String) -> std::fmt::Result) -> String {
    screen::render(draw)
}

/// The check a typed answer to `q` must pass before it is graded.
pub fn typed_check(kind: &Kind) -> impl Fn(&str) -> Result<(), String> + '_ {
    move |s: &str| match kind.number_rules() {
        Some(rules) => parse_number(s, rules)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        _ if fold(s).is_empty() => Err("type an answer (letters or digits)".to_owned()),
        _ => Ok(()),
    }
}

/// An option as a prompt item: made safe, and wrapped at word boundaries to
/// fit beside the prompt's marker ("❯ " or "[x] ", up to six columns), so a
/// long option never breaks mid-word on a narrow terminal.
pub fn item_text(text: &str, width: usize) -> String {
    let line = one_line(text);
    let room = width.saturating_sub(7).max(20);
    textwrap::wrap(&line, room).join("\n    ")
}

/// Asks one question with `p`; `shown` is the options in the order shown.
fn ask(p: &mut dyn Prompter, q: &Question, shown: &[&Choice]) -> Result<Response, AskError> {
    let width = p.width();
    let items: Vec<String> = shown.iter().map(|o| item_text(&o.text, width)).collect();
    Ok(match &q.kind {
        Kind::Single { .. } => Response::Choice(shown[p.single(&items)?].id.clone()),
        Kind::Multiple { .. } => {
            let picked = p.multiple(&items)?;
            Response::Choices(picked.into_iter().map(|i| shown[i].id.clone()).collect())
        }
        Kind::TrueFalse { .. } => Response::Bool(p.true_false()?),
        Kind::Number { unit, .. } => {
            let label = match unit {
                Some(u) => format!("number ({})", one_line(u)),
                None => "number".to_owned(),
            };
            Response::Text(p.typed(&label, &typed_check(&q.kind))?)
        }
        Kind::Text { .. } => Response::Text(p.typed("answer", &typed_check(&q.kind))?),
    })
}

/// Takes the questions of `attempt` not yet answered, saving the attempt
/// with `save` after every answer, then shows the report. A resumed attempt
/// keeps its order and every earlier answer.
pub fn take(
    p: &mut dyn Prompter,
    quiz: &Quiz,
    attempt: &mut Attempt,
    opts: &TakeOptions,
    save: &mut dyn FnMut(&Attempt) -> Result<(), Error>,
) -> Result<Report, Error> {
    let terminal_error = |e: io::Error| Error::Terminal(e.to_string());
    let total = attempt.asked.len();
    let keys = if p.lists_options() {
        "Keys: ↑/↓ move · Space ticks an option in \"select all that apply\" · Enter confirms · Ctrl-C stops (every answer is already saved)"
    } else {
        "Answer with the letters shown (a,c for several; - for none), t or f, or the number or name; one answer per line"
    };
    let resumed = attempt.answers.len();
    p.show(&screen_text(|s| {
        use std::fmt::Write as _;
        screen::welcome(s, quiz, attempt.seed, p.width())?;
        writeln!(s)?;
        screen::wrapped(s, keys, p.width(), "")?;
        if opts.exam {
            writeln!(
                s,
                "Exam mode: you will see your results and the explanations at the end."
            )?;
        }
        if resumed > 0 {
            writeln!(s)?;
            writeln!(
                s,
                "Resuming your attempt from {}: {resumed} of {total} answered, score so far {}.",
                attempt.started,
                Points(attempt.score())
            )?;
        }
        Ok(())
    }))
    .map_err(terminal_error)?;
    let asked = attempt.asked.clone();
    for (n, id) in asked.iter().enumerate() {
        if attempt.answer(id).is_some() {
            continue;
        }
        let Some(q) = quiz.question(id) else { continue };
        let width = p.width();
        let shown = shown_options(q, attempt.options.get(id));
        p.show(&screen_text(|s| {
            screen::question_header(s, n + 1, total, attempt.score(), q, width)?;
            if !p.lists_options() {
                use std::fmt::Write as _;
                screen::lettered_options(s, &shown, width)?;
                writeln!(s, "({})", screen::plain_hint(&q.kind, shown.len()))?;
            }
            Ok(())
        }))
        .map_err(terminal_error)?;
        let asked_error = |e: AskError| match e {
            AskError::EndOfInput => Error::EndOfInput {
                number: n + 1,
                total,
                saved: None,
            },
            AskError::Interrupted => Error::Interrupted,
            AskError::Io(e) => Error::Terminal(e.to_string()),
        };
        let opened = if opts.texts.is_empty() {
            Vec::new()
        } else {
            p.consult_sources(quiz, &opts.texts).map_err(asked_error)?
        };
        let response = ask(p, q, &shown).map_err(asked_error)?;
        let outcome = grade_question(q, Some(&response));
        attempt.answers.push(Answer {
            question: q.id.clone(),
            response: response.clone(),
            points: outcome.points,
            max: outcome.max,
            opened,
        });
        attempt.updated = crate::attempt::now();
        save(attempt)?;
        if !opts.exam {
            let shown_feedback = screen_text(|s| {
                screen::feedback(s, quiz, q, &response, &outcome, &opts.texts, p.width())
            });
            p.show(&shown_feedback).map_err(terminal_error)?;
            if !opts.texts.is_empty() {
                p.read_sources(quiz, q, &opts.texts, &shown_feedback)
                    .map_err(asked_error)?;
            }
        }
    }
    attempt.finished = true;
    attempt.updated = crate::attempt::now();
    save(attempt)?;
    let report = attempt.report(quiz);
    p.show(&screen_text(|s| {
        if opts.exam {
            screen::review(s, quiz, attempt, &opts.texts, p.width())?;
        }
        let part = attempt.asked_part(quiz);
        screen::report(s, &part, &report, p.width())?;
        if attempt.answers.iter().any(|a| !a.opened.is_empty()) || !opts.texts.is_empty() {
            screen::reading_summary(s, attempt)?;
        }
        Ok(())
    }))
    .map_err(terminal_error)?;
    Ok(report)
}

/// The options of `q` in the order an attempt recorded (authoring order if none).
fn shown_options<'q>(q: &'q Question, order: Option<&Vec<String>>) -> Vec<&'q Choice> {
    let options = q.kind.options();
    match order {
        Some(ids) => ids
            .iter()
            .filter_map(|id| options.iter().find(|o| &o.id == id))
            .collect(),
        None => options.iter().collect(),
    }
}
