//! Asking the student and showing them screens; nothing else.
//!
//! Two front ends implement [`Prompter`]. On a terminal, [`Terminal`]: our
//! own choice and ordering prompts (`select`: letters, arrow keys, Space to
//! tick or pick up, the sources listed after the options), dialoguer for
//! yes/no and typed input checked as it is entered, and a pager for the
//! sources. Anywhere else, [`Plain`]: a
//! prompt is printed and one answer is read per line, so a script can take a
//! quiz. What to ask and when, grading and saving belong to
//! [`crate::session`]; what the screens say belongs to [`crate::screen`].

use std::collections::BTreeMap;
use std::io;

use crate::cite::SourceText;
use crate::escape::{one_line, Untrusted};
use crate::normalize::{fold, parse_number};
use crate::quiz::{Choice, Kind, Question, Quiz, Response};

pub mod interrupt;
mod plain;
mod select;
mod terminal;
mod theme;

pub use plain::{parse_letters, parse_order, parse_pairs, parse_true_false, Plain};
pub use select::cut;
pub use terminal::Terminal;

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

/// A way of asking the student: prompts on a terminal, or plain lines.
pub trait Prompter {
    /// Shows a screen of text.
    fn show(&mut self, text: &str) -> io::Result<()>;
    /// One option of `items`; returns its index.
    fn single(&mut self, items: &[String]) -> Result<usize, AskError>;
    /// Any number of `items`; returns their indexes.
    fn multiple(&mut self, items: &[String]) -> Result<Vec<usize>, AskError>;
    /// True or false.
    fn true_false(&mut self) -> Result<bool, AskError>;
    /// For each of `items`, the index of one of `choices`.
    fn matching(&mut self, items: &[String], choices: &[String]) -> Result<Vec<usize>, AskError>;
    /// `items` put in order: their indexes, first to last.
    fn ordering(&mut self, items: &[String]) -> Result<Vec<usize>, AskError>;
    /// A typed answer; `check` refuses what cannot be read, with a hint.
    fn typed(
        &mut self,
        label: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, AskError>;
    /// The width screens are drawn at.
    fn width(&self) -> usize;
    /// Whether the prompts list the options themselves (the terminal's do;
    /// plain mode needs the screen to list them with letters).
    fn lists_options(&self) -> bool {
        false
    }
    /// Offers the quiz's sources while the next question is answered
    /// (lateral reading): on a terminal they are listed after the options
    /// and open in the pager. Plain mode has no pager, so by default
    /// nothing is offered.
    fn offer_sources(&mut self, _quiz: &Quiz, _texts: &BTreeMap<String, SourceText>) {}
    /// The ids of the sources opened since [`Prompter::offer_sources`], in
    /// the order first opened; the offer ends here.
    fn opened_sources(&mut self) -> Vec<String> {
        Vec::new()
    }
    /// Waits for any key, showing `message` (such as "Press any key for the
    /// next question"), so that what was just shown stays in view. Keys typed
    /// before it are discarded. Plain mode never waits: by default this does
    /// nothing.
    fn pause(&mut self, _message: &str) -> Result<(), AskError> {
        Ok(())
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

/// The check a typed answer to a question of this kind must pass before
/// it is graded: a number that can be read, or some letters or digits.
pub fn typed_check(kind: &Kind) -> impl Fn(&str) -> Result<(), String> + '_ {
    move |s: &str| match kind.number_rules() {
        Some(rules) => parse_number(s, rules)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        None if fold(s).is_empty() => Err("type an answer (letters or digits)".to_owned()),
        None => Ok(()),
    }
}

/// Asks one question with `p`; `shown` is the options in the order shown.
pub fn ask(p: &mut dyn Prompter, q: &Question, shown: &[&Choice]) -> Result<Response, AskError> {
    // Made safe, on one line; the terminal wraps them at its own width.
    let items: Vec<String> = shown.iter().map(|o| one_line(&o.text)).collect();
    Ok(match &q.kind {
        Kind::Single { .. } => Response::Choice(shown[p.single(&items)?].id.clone()),
        Kind::Multiple { .. } => {
            let picked = p.multiple(&items)?;
            Response::Choices(picked.into_iter().map(|i| shown[i].id.clone()).collect())
        }
        Kind::TrueFalse { .. } => Response::Bool(p.true_false()?),
        Kind::Number { unit, .. } => {
            let label = match unit {
                Some(u) => format!("number ({})", Untrusted::new(u)),
                None => "number".to_owned(),
            };
            Response::Text(p.typed(&label, &typed_check(&q.kind))?)
        }
        Kind::Text { .. } => Response::Text(p.typed("answer", &typed_check(&q.kind))?),
        Kind::Matching { items: pairs, .. } => {
            let texts: Vec<String> = pairs.iter().map(|i| one_line(&i.text)).collect();
            let picked = p.matching(&texts, &items)?;
            Response::Pairs(
                pairs
                    .iter()
                    .zip(picked)
                    .map(|(i, c)| (i.id.clone(), shown[c].id.clone()))
                    .collect(),
            )
        }
        Kind::Ordering { .. } => {
            let order = p.ordering(&items)?;
            Response::Order(order.into_iter().map(|i| shown[i].id.clone()).collect())
        }
        Kind::Reflection { .. } => Response::Text(p.typed("your answer", &typed_check(&q.kind))?),
    })
}
