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
