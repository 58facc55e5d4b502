//! Response sheets: a student's (or a key's) responses, as a versioned RON file.
//!
//! `lateral key --sheet` writes one holding the correct responses, a teacher
//! or another program can write one by hand, and `lateral grade` reads them
//! (it also grades the attempt files `lateral take` saves, see
//! [`crate::attempt`]). Responses are keyed by question id and name options
//! by id, so a sheet does not depend on the order the quiz was shown in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::grade::Key;
use crate::load::{Document, Place};
use crate::points::Number;
use crate::quiz::{Kind, Question, Quiz, Response};
use crate::validate::validate_responses;

/// The newest sheet format this build reads and writes. Version 2 holds
/// responses to matching and ordering questions; version 1 sheets are read
/// as they are.
pub const SHEET_FORMAT: u32 = 2;

/// A set of responses to one quiz.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    /// Sheet format version, 1 to [`SHEET_FORMAT`].
    pub format: u32,
    /// Id of the quiz these responses answer.
    pub quiz: String,
    /// The seed the quiz was shown with, when it was taken interactively.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Responses by question id; a question left out is unanswered.
    pub responses: BTreeMap<String, Response>,
}

impl Sheet {
    /// An empty sheet for `quiz`.
    pub fn new(quiz: &Quiz, seed: Option<u64>) -> Sheet {
        Sheet {
            format: SHEET_FORMAT,
            quiz: quiz.id.clone(),
            seed,
            responses: BTreeMap::new(),
        }
    }

    /// The sheet holding every correct response of `quiz`.
    pub fn key(quiz: &Quiz) -> Sheet {
        let mut sheet = Sheet::new(quiz, None);
        for q in &quiz.questions {
            sheet.responses.insert(q.id.clone(), correct_response(q));
        }
        sheet
    }

    /// The sheet as pretty RON, with a comment saying what it is.
    pub fn to_ron(&self) -> String {
        let comment = format!(
            "lateral response sheet for quiz `{}`; grade with `lateral grade QUIZ SHEET`",
            self.quiz
        );
        crate::load::to_pretty_ron(self, &comment)
    }
}

/// A response that earns full marks on `q` (for a reflection, which earns
/// none, its model answer).
pub fn correct_response(q: &Question) -> Response {
    match &q.kind {
        Kind::Single { answer, .. } => Response::Choice(answer.clone()),
        Kind::Multiple { answers, .. } => Response::Choices(answers.clone()),
        Kind::TrueFalse { answer } => Response::Bool(*answer),
        Kind::Number { answer, .. } => Response::Text(Number(*answer).to_string()),
        Kind::Text { accept, .. } => Response::Text(accept.first().cloned().unwrap_or_default()),
        Kind::Matching { items, .. } => Response::Pairs(
            items
                .iter()
                .map(|i| (i.id.clone(), i.answer.clone()))
                .collect(),
        ),
        Kind::Ordering { items } => Response::Order(items.iter().map(|i| i.id.clone()).collect()),
        // Not scored: the model answer stands for the key.
        Kind::Reflection { model } => Response::Text(model.clone()),
    }
}

/// [`validate`] for many sheets of one quiz: a sheet without errors (nearly
/// every sheet) is passed by a quick look through the prepared `key`, and
/// only a sheet with an error is checked in full, for the places of its
/// problems.
pub fn validate_with(doc: &Document<Sheet>, key: &Key<'_>) -> Vec<Diagnostic> {
    if is_clean(&doc.value, key) {
        return Vec::new();
    }
    validate(doc, key.quiz())
}

/// Whether [`validate`] finds no error in `sheet` (it reports no warning):
/// a supported format, the quiz's id, and every response to a question of
/// the quiz, of its shape, naming only its options, items and choices.
fn is_clean(sheet: &Sheet, key: &Key<'_>) -> bool {
    (1..=SHEET_FORMAT).contains(&sheet.format)
        && sheet.quiz == key.quiz().id
        && sheet.responses.iter().all(|(id, response)| {
            key.question(id)
                .is_some_and(|q| response_fits(&q.kind, response))
        })
}

/// Whether a response has the shape of `kind` and names only what it holds.
fn response_fits(kind: &Kind, response: &Response) -> bool {
    let known = |list: &[crate::quiz::Choice], id: &String| list.iter().any(|o| &o.id == id);
    match (kind, response) {
        (Kind::Single { options, .. }, Response::Choice(id)) => known(options, id),
        (Kind::Multiple { options, .. }, Response::Choices(ids)) => {
            ids.iter().all(|id| known(options, id))
        }
        (Kind::TrueFalse { .. }, Response::Bool(_))
        | (Kind::Text { .. } | Kind::Number { .. } | Kind::Reflection { .. }, Response::Text(_)) => {
            true
        }
        (Kind::Matching { items, choices }, Response::Pairs(pairs)) => pairs
            .iter()
            .all(|(item, choice)| items.iter().any(|i| &i.id == item) && known(choices, choice)),
        (Kind::Ordering { items }, Response::Order(ids)) => ids.iter().all(|id| known(items, id)),
        _ => false,
    }
}

/// Problems with a parsed sheet as an answer to `quiz`: at most
/// [`MAX_PER_FILE`](crate::diagnostic::MAX_PER_FILE), then a line saying how
/// many more there are.
pub fn validate(doc: &Document<Sheet>, quiz: &Quiz) -> Vec<Diagnostic> {
    let sheet = &doc.value;
    let mut found = Vec::new();
    if !(1..=SHEET_FORMAT).contains(&sheet.format) {
        found.push(
            Diagnostic::error(
                format!("unsupported sheet format version {}", sheet.format),
                doc.spans.find(&Place::root().field("format")),
            )
            .with_help(format!(
                "this version of lateral reads sheet formats 1 to {SHEET_FORMAT}"
            )),
        );
    }
    if sheet.quiz != quiz.id {
        found.push(
            Diagnostic::error(
                format!("sheet answers quiz `{}`, not `{}`", sheet.quiz, quiz.id),
                doc.spans.find(&Place::root().field("quiz")),
            )
            .with_help("grade it against the quiz it was taken from"),
        );
    }
    validate_responses(
        quiz,
        &sheet.responses,
        &doc.spans,
        &Place::root().field("responses"),
        found,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse;

    /// One question of every kind.
    const MIX: &str = r#"(
    format: 2,
    id: "mix",
    title: "Mix",
    description: "d",
    sources: [],
    questions: [
        (id: "s", prompt: "p", explanation: "e", citations: [],
         kind: Single(options: [(id: "a", text: "A"), (id: "b", text: "B")], answer: "b")),
        (id: "m", prompt: "p", explanation: "e", citations: [],
         kind: Multiple(options: [(id: "a", text: "A"), (id: "b", text: "B"), (id: "c", text: "C")],
                        answers: ["a", "c"])),
        (id: "tf", prompt: "p", explanation: "e", citations: [], kind: TrueFalse(answer: false)),
        (id: "n", prompt: "p", explanation: "e", citations: [],
         kind: Number(answer: 1500, tolerance: 100, unit: "miles")),
        (id: "t", prompt: "p", explanation: "e", citations: [],
         kind: Text(accept: ["Calderón", "Felipe Calderón"])),
        (id: "pm", prompt: "p", explanation: "e", citations: [],
         kind: Matching(items: [(id: "q1", text: "Q1", answer: "x"), (id: "q2", text: "Q2", answer: "y")],
                        choices: [(id: "x", text: "X"), (id: "y", text: "Y")])),
        (id: "o", prompt: "p", explanation: "e", citations: [],
         kind: Ordering(items: [(id: "first", text: "F"), (id: "second", text: "S")])),
        (id: "r", prompt: "p", explanation: "e", citations: [],
         kind: Reflection(model: "I would search")),
    ],
)"#;

    fn mix() -> Quiz {
        parse::<Quiz>(MIX).unwrap().value
    }

    fn text(s: &str) -> Response {
        Response::Text(s.into())
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Response {
        Response::Pairs(
            list.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        )
    }

    #[test]
    fn the_key_sheet_holds_every_right_response() {
        let sheet = Sheet::key(&mix());
        assert_eq!(
            (sheet.format, sheet.quiz.as_str(), sheet.seed),
            (2, "mix", None)
        );
        let expected: BTreeMap<String, Response> = [
            ("s", Response::Choice("b".into())),
            ("m", Response::Choices(ids(&["a", "c"]))),
            ("tf", Response::Bool(false)),
            ("n", text("1500")),
            ("t", text("Calderón")),
            ("pm", pairs(&[("q1", "x"), ("q2", "y")])),
            ("o", Response::Order(ids(&["first", "second"]))),
            ("r", text("I would search")),
        ]
        .into_iter()
        .map(|(id, r)| (id.to_owned(), r))
        .collect();
        assert_eq!(sheet.responses, expected);
    }

    #[test]
    fn a_sheet_reads_back_as_it_was_written() {
        let mut sheet = Sheet::key(&mix());
        sheet.seed = Some(42);
        let written = sheet.to_ron();
        assert!(
            written.starts_with(
                "// lateral response sheet for quiz `mix`; grade with `lateral grade QUIZ SHEET`\n("
            ),
            "{written}"
        );
        assert_eq!(parse::<Sheet>(&written).unwrap().value, sheet);
    }

    #[test]
    fn a_sheet_is_passed_quickly_only_when_the_full_check_finds_no_error() {
        let quiz = mix();
        let key = Key::new(&quiz);
        let with = |id: &str, r: Response| {
            let mut sheet = Sheet::key(&quiz);
            sheet.responses.insert(id.to_owned(), r);
            sheet
        };
        let mut format_1 = Sheet::key(&quiz);
        format_1.format = 1;
        let mut format_0 = Sheet::key(&quiz);
        format_0.format = 0;
        let mut format_3 = Sheet::key(&quiz);
        format_3.format = 3;
        let mut other_quiz = Sheet::key(&quiz);
        other_quiz.quiz = "other".into();
        let mut empty = Sheet::key(&quiz);
        empty.responses.clear();
        let cases: Vec<(Sheet, &[&str])> = vec![
            (Sheet::key(&quiz), &[]),
            (format_1, &[]),
            (empty, &[]),
            (format_0, &["unsupported sheet format version 0"]),
            (format_3, &["unsupported sheet format version 3"]),
            (other_quiz, &["sheet answers quiz `other`, not `mix`"]),
            (
                with("zz", Response::Bool(true)),
                &["response to unknown question `zz`"],
            ),
            (
                with("s", Response::Choice("zz".into())),
                &["response names unknown option `zz`"],
            ),
            (
                with("s", Response::Bool(true)),
                &["response does not fit a `Single` question"],
            ),
            (with("m", Response::Choices(vec![])), &[]),
            (
                with("m", Response::Choices(ids(&["a", "zz"]))),
                &["response names unknown option `zz`"],
            ),
            (
                with("tf", text("true")),
                &["response does not fit a `TrueFalse` question"],
            ),
            // A number lateral cannot read is a warning, never an error.
            (with("n", text("lots")), &[]),
            (
                with("n", Response::Bool(true)),
                &["response does not fit a `Number` question"],
            ),
            (with("t", text("anything")), &[]),
            (
                with("t", Response::Choice("a".into())),
                &["response does not fit a `Text` question"],
            ),
            (with("pm", pairs(&[("q2", "x")])), &[]),
            (
                with("pm", pairs(&[("q1", "zz")])),
                &["response names unknown choice `zz`"],
            ),
            (
                with("pm", pairs(&[("q9", "x")])),
                &["response pairs unknown item `q9`"],
            ),
            (with("o", Response::Order(ids(&["second"]))), &[]),
            (
                with("o", Response::Order(ids(&["first", "zz"]))),
                &["response names unknown item `zz`"],
            ),
            (
                with("o", Response::Choices(ids(&["first"]))),
                &["response does not fit a `Ordering` question"],
            ),
            (
                with("r", Response::Bool(true)),
                &["response does not fit a `Reflection` question"],
            ),
        ];
        for (sheet, errors) in cases {
            let doc = parse::<Sheet>(&sheet.to_ron()).unwrap();
            let full = validate(&doc, &quiz);
            let messages: Vec<&str> = full.iter().map(|d| d.message.as_str()).collect();
            assert_eq!(messages, errors, "{sheet:?}");
            assert!(full.iter().all(|d| d.is_error()), "{sheet:?}");
            assert_eq!(is_clean(&sheet, &key), errors.is_empty(), "{sheet:?}");
            assert_eq!(validate_with(&doc, &key), full, "{sheet:?}");
        }
    }
}
