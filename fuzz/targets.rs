//! What each fuzz target does with one input.
//!
//! The same functions run under libFuzzer (`fuzz/fuzz_targets/*.rs`, nightly)
//! and under a plain `cargo test` (`tests/fuzz_replay.rs`), which replays every
//! file of `fuzz/corpus/` and `fuzz/regressions/` through them. So an input
//! the fuzzer kept is checked on stable in every CI run, along exactly the
//! path it took while fuzzing.
//!
//! Each function follows the path the program takes with a file a person
//! wrote, and must not panic on any bytes. Where lateral documents a result,
//! the function asserts it too.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use lateral::attempt::Attempt;
use lateral::cite::SourceText;
use lateral::diagnostic::{render, Diagnostic};
use lateral::grade::{grade, Report};
use lateral::load::{decode, parse, Document};
use lateral::quiz::{Quiz, Response};
use lateral::sheet::{self, Sheet};
use lateral::{keytest, validate};

/// The name files are shown under in diagnostics.
const PATH: &str = "input.ron";

/// A small valid quiz with one question of each kind.
const MINI: &str = include_str!("../tests/fixtures/mini.ron");

/// How many quotes the `cite` target looks up at most.
const MAX_QUOTES: usize = 4;

/// The mini quiz, parsed once.
fn mini() -> &'static Quiz {
    static MINI_QUIZ: OnceLock<Quiz> = OnceLock::new();
    MINI_QUIZ.get_or_init(|| {
        parse::<Quiz>(MINI)
            .expect("tests/fixtures/mini.ron parses")
            .value
    })
}

/// Splits `data` at its first 0x00 byte: the part before it and the rest.
fn split_at_nul(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let i = data.iter().position(|&b| b == 0)?;
    Some((&data[..i], &data[i + 1..]))
}

/// Renders `diagnostics` the way `lateral check` shows them.
fn show(text: &str, diagnostics: &[Diagnostic]) {
    let _ = render(PATH, text, diagnostics);
}

/// Decodes and parses a file, rendering the problem when it cannot be read.
fn read<T: serde::de::DeserializeOwned>(data: &[u8]) -> Option<Document<T>> {
    let text = match decode(data) {
        Ok(text) => text,
        Err(d) => {
            show("", &[d]);
            return None;
        }
    };
    match parse::<T>(text) {
        Ok(doc) => Some(doc),
        Err(d) => {
            show(text, &[d]);
            None
        }
    }
}

/// A quiz file that `lateral check` accepts (warnings allowed).
fn valid_quiz(data: &[u8]) -> Option<Quiz> {
    let doc = read::<Quiz>(data)?;
    let problems = validate::validate(&doc);
    show(&doc.text, &problems);
    (!problems.iter().any(Diagnostic::is_error)).then_some(doc.value)
}

/// Grades `responses` and checks what grading promises: every question
/// scores between nothing and its points.
fn graded(quiz: &Quiz, responses: &BTreeMap<String, Response>) -> Report {
    let report = grade(quiz, responses);
    assert_eq!(report.outcomes.len(), quiz.questions.len());
    for o in &report.outcomes {
        assert!(
            (0.0..=o.max).contains(&o.points),
            "question `{}` scores {} of {}",
            o.id,
            o.points,
            o.max
        );
    }
    report
}

/// A quiz file: read, validate, render every problem; for a valid quiz,
/// grade its key sheet and run its answer-key tests (`lateral test`).
pub fn quiz(data: &[u8]) {
    let Some(quiz) = valid_quiz(data) else {
        return;
    };
    graded(&quiz, &Sheet::key(&quiz).responses);
    let _ = keytest::run(&quiz);
}

/// A response sheet graded against a quiz (`lateral grade`). The input is a
/// quiz file, a 0x00 byte, then the sheet; without a 0x00, or when the quiz
/// part is not a valid quiz, the whole input is the sheet and the quiz is
/// `tests/fixtures/mini.ron`.
pub fn sheet(data: &[u8]) {
    let own = split_at_nul(data).and_then(|(quiz, sheet)| Some((valid_quiz(quiz)?, sheet)));
    let (quiz, data) = match &own {
        Some((quiz, sheet)) => (quiz, *sheet),
        None => (mini(), data),
    };
    let text = match decode(data) {
        Ok(text) => text,
        Err(d) => return show("", &[d]),
    };
    match parse::<Sheet>(text) {
        Ok(doc) => {
            let problems = sheet::validate(&doc, quiz);
            show(text, &problems);
            if problems.is_empty() {
                graded(quiz, &doc.value.responses);
            }
        }
        Err(d) => {
            show(text, &[d]);
            // `lateral grade` also takes an attempt file in place of a sheet.
            if let Ok(doc) = parse::<Attempt>(text) {
                if doc.value.unusable_with(quiz).is_none() {
                    graded(quiz, &doc.value.responses());
                }
            }
        }
    }
}

/// An attempt file resumed or reviewed against `tests/fixtures/mini.ron`.
pub fn attempt(data: &[u8]) {
    let Some(doc) = read::<Attempt>(data) else {
        return;
    };
    let attempt = doc.value;
    let quiz = mini();
    if let Some(why) = attempt.unusable_with(quiz) {
        let _ = why.to_string();
        return;
    }
    let _ = attempt.report(quiz);
    let _ = attempt.missed();
    let _ = attempt.responses();
    let _ = attempt.score();
    for q in &quiz.questions {
        let _ = attempt.shown_options(q);
    }
}

/// A source text and quotes to find in it: the text, then up to
/// [`MAX_QUOTES`] quotes, each after a 0x00 byte. Bytes that are not UTF-8
/// are replaced, as every input should reach the search.
pub fn cite(data: &[u8]) {
    let mut parts = data.split(|&b| b == 0);
    let text = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let quotes: Vec<String> = parts
        .take(MAX_QUOTES)
        .map(|q| String::from_utf8_lossy(q).into_owned())
        .collect();
    let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
    let source = SourceText::new(text);
    let text = source.text.as_str();
    let found = source.find_all(&quotes);
    assert_eq!(found.len(), quotes.len(), "one result per quote");
    for (quote, range) in quotes.iter().zip(&found) {
        // Each quote is found where it would be found alone.
        assert_eq!(&source.find_all(&[quote])[0], range, "quote {quote:?}");
        match range {
            Some(range) => {
                let _ = slice(text, range.clone());
                let _ = slice(text, source.sentence_around(range.clone()));
            }
            None => {
                if let Some(closest) = source.closest(quote) {
                    let _ = slice(text, closest.passage.clone());
                    for d in &closest.differences {
                        let _ = slice(text, d.span.clone());
                    }
                }
            }
        }
    }
}

/// `text[range]`, asserting first that the range is one a caller may slice by.
fn slice(text: &str, range: std::ops::Range<usize>) -> &str {
    assert!(
        range.start <= range.end
            && range.end <= text.len()
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end),
        "range {range:?} does not lie on char boundaries within a text of {} bytes",
        text.len()
    );
    &text[range]
}
