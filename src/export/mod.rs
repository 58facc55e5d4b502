//! Export to learning platforms: a quiz written as GIFT text (Moodle's
//! import format) or as a QTI 2.1 content package.
//!
//! Exporters are pure: a validated [`Quiz`] in, text or bytes and a list of
//! [`Warning`]s out. Each is a `match` over [`Kind`], one arm per kind of
//! question. Text from the quiz is untrusted: it is only ever written escaped
//! for the format, and text a format cannot carry safely is refused with a
//! [`Problem`] naming the question, never changed to fit. What a platform
//! scores differently from lateral (a typo forgiven, a unit typed, a number
//! word) does not stop the export: it becomes a warning on the question.

use std::fmt;

use crate::escape::Untrusted;
use crate::normalize::fold;
use crate::points::Points;
use crate::quiz::{Kind, Question, Quiz};

pub mod gift;
pub mod qti;

/// A finished export: what to write, and what the platform will do
/// differently from lateral.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported<T> {
    /// The GIFT text or the QTI package's bytes.
    pub output: T,
    /// Differences in scoring or content, per question, in quiz order.
    pub warnings: Vec<Warning>,
}

/// Something the platform will not do as lateral does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The question's id, or `None` for the quiz as a whole.
    pub question: Option<String>,
    /// What differs, for the teacher.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.question {
            Some(id) => write!(f, "question `{}`: {}", Untrusted::new(id), self.message),
            None => write!(f, "quiz: {}", self.message),
        }
    }
}

/// Text of a quiz that the format cannot carry as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The question's id.
    pub question: String,
    /// Which of its texts: `prompt`, `option `b``, `accepted answer 2`.
    pub field: String,
    /// Why it cannot be written.
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "question `{}`, {}: {}",
            Untrusted::new(&self.question),
            Untrusted::new(&self.field),
            self.reason
        )
    }
}

/// Why a quiz was not exported: every text the format cannot carry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot be written as {format} without changing it:{}", list(.problems))]
pub struct Refused {
    /// `GIFT` or `QTI`.
    pub format: &'static str,
    /// Every problem found, in quiz order.
    pub problems: Vec<Problem>,
}

fn list(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("\n  {p}")).collect()
}

/// Collects problems and warnings while a format is written.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    pub problems: Vec<Problem>,
    pub warnings: Vec<Warning>,
}

impl Notes {
    pub fn refuse(&mut self, q: &Question, field: impl Into<String>, reason: impl Into<String>) {
        self.problems.push(Problem {
            question: q.id.clone(),
            field: field.into(),
            reason: reason.into(),
        });
    }

    pub fn warn(&mut self, q: &Question, message: impl Into<String>) {
        self.warnings.push(Warning {
            question: Some(q.id.clone()),
            message: message.into(),
        });
    }

    pub fn warn_quiz(&mut self, message: impl Into<String>) {
        self.warnings.push(Warning {
            question: None,
            message: message.into(),
        });
    }

    /// The export, or every problem found.
    pub fn finish<T>(self, format: &'static str, output: T) -> Result<Exported<T>, Refused> {
        if self.problems.is_empty() {
            Ok(Exported {
                output,
                warnings: self.warnings,
            })
        } else {
            Err(Refused {
                format,
                problems: self.problems,
            })
        }
    }
}

/// The general feedback of a question: its explanation, then one line per
/// citation, `Source: headline — “quote”`.
pub fn feedback_lines(quiz: &Quiz, q: &Question) -> Vec<String> {
    let mut lines = vec![q.explanation.clone()];
    for c in &q.citations {
        let headline = quiz
            .source(&c.source)
            .map_or(c.source.as_str(), |s| &s.headline);
        lines.push(format!("Source: {headline} — “{}”", c.quote));
    }
    lines
}

/// Every text of a question that is written out, with the name of its field.
pub(crate) fn texts(q: &Question) -> Vec<(String, &str)> {
    let mut texts = vec![("prompt".to_owned(), q.prompt.as_str())];
    match &q.kind {
        Kind::Single { options, .. } | Kind::Multiple { options, .. } => {
            for o in options {
                texts.push((format!("option `{}`", o.id), o.text.as_str()));
                if let Some(f) = &o.feedback {
                    texts.push((format!("feedback of option `{}`", o.id), f.as_str()));
                }
            }
        }
        Kind::Text { accept, .. } => {
            for (i, a) in accept.iter().enumerate() {
                texts.push((format!("accepted answer {}", i + 1), a.as_str()));
            }
        }
        Kind::Matching { items, choices } => {
            for i in items {
                texts.push((format!("item `{}`", i.id), i.text.as_str()));
            }
            for c in choices {
                texts.push((format!("choice `{}`", c.id), c.text.as_str()));
            }
        }
        Kind::Ordering { items } => {
            for i in items {
                texts.push((format!("item `{}`", i.id), i.text.as_str()));
            }
        }
        Kind::Reflection { model } => texts.push(("model answer".to_owned(), model.as_str())),
        Kind::TrueFalse { .. } | Kind::Number { .. } => {}
    }
    texts.push(("explanation".to_owned(), q.explanation.as_str()));
    for (i, c) in q.citations.iter().enumerate() {
        texts.push((format!("citation {}", i + 1), c.quote.as_str()));
    }
    texts
}

/// What lateral forgives in a typed answer and `platform` does not: the
/// same for both formats, since both compare typed text to a list.
pub(crate) fn scoring_gaps(q: &Question, platform: &str, notes: &mut Notes) {
    match &q.kind {
        Kind::Number {
            answer,
            unit,
            unit_aliases,
            words,
            ..
        } => {
            if let Some(unit) = unit {
                let mut names = vec![format!("`{}`", Untrusted::new(unit))];
                names.extend(
                    unit_aliases
                        .iter()
                        .map(|a| format!("`{}`", Untrusted::new(a))),
                );
                notes.warn(
                    q,
                    format!(
                        "a unit typed after the number ({}) is accepted by lateral; {platform} reads digits only, so `{} {}` is not a number there",
                        names.join(", "),
                        number(*answer),
                        Untrusted::new(unit)
                    ),
                );
            }
            if *words {
                notes.warn(
                    q,
                    format!("number words (`nine`, `fifteen hundred`) are read by lateral, not by {platform}: only digits count"),
                );
            }
        }
        Kind::Text {
            accept,
            typo,
            exact,
        } => {
            if *exact {
                notes.warn(
                    q,
                    format!("lateral ignores case, surrounding punctuation and extra spaces; {platform} ignores case only"),
                );
            } else {
                // An example from the question itself, where folding changes it.
                let example = accept
                    .iter()
                    .map(|a| (fold(a), a))
                    .find(|(folded, a)| *folded != a.to_lowercase())
                    .map_or(String::new(), |(folded, a)| {
                        format!(
                            " (`{}` for `{}`)",
                            Untrusted::new(&folded),
                            Untrusted::new(a)
                        )
                    });
                notes.warn(
                    q,
                    format!("lateral ignores case, accents, punctuation and extra spaces{example}; {platform} ignores case only and accepts just the listed spellings"),
                );
            }
            if *typo {
                notes.warn(
                    q,
                    format!(
                        "lateral forgives one typo in a long enough answer; {platform} does not"
                    ),
                );
            }
        }
        Kind::Ordering { .. } => notes.warn(
            q,
            format!("lateral gives partial credit for the longest run in the right order; {platform} scores the whole order right or wrong"),
        ),
        Kind::Single { .. }
        | Kind::Multiple { .. }
        | Kind::TrueFalse { .. }
        | Kind::Matching { .. }
        | Kind::Reflection { .. } => {}
    }
}

/// A number as both formats write it: digits, an optional sign and point,
/// never an exponent.
pub(crate) fn number(value: f64) -> String {
    // Rust prints f64 without an exponent, in the fewest digits that read
    // back to the same value.
    let text = format!("{value}");
    if text == "-0" {
        "0".to_owned()
    } else {
        text
    }
}

/// Points as the teacher reads them, for messages.
pub(crate) fn points(value: f64) -> String {
    Points(value).to_string()
}
