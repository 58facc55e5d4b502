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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse;

    const MINI: &str = include_str!("../../tests/fixtures/mini.ron");
    const KINDS: &str = include_str!("../../tests/fixtures/kinds.ron");

    fn load(text: &str) -> Quiz {
        parse::<Quiz>(text).expect("the fixture parses").value
    }

    fn warning(question: Option<&str>, message: &str) -> Warning {
        Warning {
            question: question.map(str::to_owned),
            message: message.to_owned(),
        }
    }

    fn problem(question: &str, field: &str, reason: &str) -> Problem {
        Problem {
            question: question.to_owned(),
            field: field.to_owned(),
            reason: reason.to_owned(),
        }
    }

    #[test]
    fn warnings_and_problems_name_their_question() {
        assert_eq!(
            warning(Some("q1"), "scored apart").to_string(),
            "question `q1`: scored apart"
        );
        assert_eq!(warning(None, "no title").to_string(), "quiz: no title");
        assert_eq!(
            problem("q1", "option `b`", "too long").to_string(),
            "question `q1`, option `b`: too long"
        );
        let refused = Refused {
            format: "GIFT",
            problems: vec![
                problem("q1", "prompt", "a placeholder"),
                problem("q2", "accepted answer 2", "a carriage return"),
            ],
        };
        assert_eq!(
            refused.to_string(),
            "cannot be written as GIFT without changing it:\n  question `q1`, prompt: a placeholder\n  question `q2`, accepted answer 2: a carriage return"
        );
    }

    #[test]
    fn notes_keep_warnings_unless_a_problem_refuses_the_export() {
        let quiz = load(MINI);
        let mut notes = Notes::default();
        notes.warn(&quiz.questions[1], "partial credit");
        notes.warn_quiz("no description");
        assert_eq!(
            notes.finish("QTI", "text"),
            Ok(Exported {
                output: "text",
                warnings: vec![
                    warning(Some("all"), "partial credit"),
                    warning(None, "no description")
                ],
            })
        );

        let mut notes = Notes::default();
        notes.warn(&quiz.questions[1], "partial credit");
        notes.refuse(&quiz.questions[0], "prompt", "a placeholder");
        notes.refuse(&quiz.questions[4], "accepted answer 1", "a brace");
        assert_eq!(
            notes.finish("GIFT", "text"),
            Err(Refused {
                format: "GIFT",
                problems: vec![
                    problem("pick", "prompt", "a placeholder"),
                    problem("who", "accepted answer 1", "a brace")
                ],
            })
        );
    }

    #[test]
    fn feedback_is_the_explanation_then_each_citation_under_its_headline() {
        let mut quiz = load(MINI);
        assert_eq!(
            feedback_lines(&quiz, &quiz.questions[0]),
            [
                "Both reports say red.",
                "Source: Report A — “the red door”",
                "Source: Report B — “a red door”"
            ]
        );
        // A source the quiz does not list is named by its id.
        quiz.questions[2].citations[0].source = "gone".to_owned();
        assert_eq!(
            feedback_lines(&quiz, &quiz.questions[2]),
            ["It says Daily B.", "Source: gone — “Daily B”"]
        );
    }

    #[test]
    fn every_written_text_is_listed_with_its_field() {
        let quiz = load(MINI);
        let owned = |q: &Question| -> Vec<(String, String)> {
            texts(q)
                .into_iter()
                .map(|(field, text)| (field, text.to_owned()))
                .collect()
        };
        let expected = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|&(f, t)| (f.to_owned(), t.to_owned()))
                .collect()
        };
        assert_eq!(
            owned(&quiz.questions[0]),
            expected(&[
                ("prompt", "Which colour was the door?"),
                ("option `red`", "Red"),
                ("option `blue`", "Blue"),
                ("feedback of option `blue`", "Report A says red."),
                ("option `green`", "Green"),
                ("explanation", "Both reports say red."),
                ("citation 1", "the red door"),
                ("citation 2", "a red door"),
            ])
        );
        assert_eq!(
            owned(&quiz.questions[4]),
            expected(&[
                ("prompt", "Who spoke first?"),
                ("accepted answer 1", "Felipe Calderón"),
                ("accepted answer 2", "Calderón"),
                ("explanation", "Report A quotes Calderón first."),
                ("citation 1", "Calderón said"),
            ])
        );
    }

    fn gaps(q: &Question) -> Vec<String> {
        let mut notes = Notes::default();
        scoring_gaps(q, "Moodle", &mut notes);
        assert!(notes.problems.is_empty());
        notes
            .warnings
            .iter()
            .map(|w| {
                assert_eq!(w.question.as_deref(), Some(q.id.as_str()));
                w.message.clone()
            })
            .collect()
    }

    #[test]
    fn what_lateral_forgives_and_the_platform_does_not_is_a_warning() {
        let mini = load(MINI);
        assert_eq!(gaps(&mini.questions[0]), Vec::<String>::new());
        assert_eq!(
            gaps(&mini.questions[3]),
            [
                "a unit typed after the number (`minutes`, `min`) is accepted by lateral; Moodle reads digits only, so `9 minutes` is not a number there",
                "number words (`nine`, `fifteen hundred`) are read by lateral, not by Moodle: only digits count"
            ]
        );
        assert_eq!(
            gaps(&mini.questions[4]),
            [
                "lateral ignores case, accents, punctuation and extra spaces (`felipe calderon` for `Felipe Calderón`); Moodle ignores case only and accepts just the listed spellings",
                "lateral forgives one typo in a long enough answer; Moodle does not"
            ]
        );
        let kinds = load(KINDS);
        assert_eq!(
            gaps(&kinds.questions[1]),
            ["lateral gives partial credit for the longest run in the right order; Moodle scores the whole order right or wrong"]
        );
    }

    #[test]
    fn numbers_are_plain_digits_and_points_are_rounded() {
        assert_eq!(number(9.0), "9");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(-1.5), "-1.5");
        assert_eq!(number(1e21), "1000000000000000000000");
        assert_eq!(points(2.0), "2");
        assert_eq!(points(0.5), "0.5");
        assert_eq!(points(1.0 / 3.0), "0.33");
    }
}
