//! Whole screens, rendered at a fixed width, as a student sees them.

use std::collections::BTreeMap;

use lateral::grade::{grade, grade_question};
use lateral::quiz::{Quiz, Response};
use lateral::screen;

fn mini() -> Quiz {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini.ron");
    lateral::cli::load_quiz(&path).unwrap().value
}

#[test]
fn welcome_screen() {
    let quiz = mini();
    let mut s = String::new();
    screen::welcome(&mut s, &quiz, 42, 60).unwrap();
    insta::assert_snapshot!(s);
}

#[test]
fn feedback_for_a_wrong_choice_shows_the_option_feedback_and_evidence() {
    let quiz = mini();
    let q = quiz.question("pick").unwrap();
    let response = Response::Choice("blue".into());
    let outcome = grade_question(q, Some(&response));
    let mut s = String::new();
    screen::feedback(&mut s, &quiz, q, &response, &outcome, &BTreeMap::new(), 60).unwrap();
    insta::assert_snapshot!(s);
}

#[test]
fn final_report_has_bars_per_tag_and_the_missed_questions() {
    let quiz = mini();
    let mut responses = BTreeMap::new();
    responses.insert("pick".to_owned(), Response::Choice("red".into()));
    responses.insert("all".to_owned(), Response::Choices(vec!["a".into()]));
    responses.insert("tf".to_owned(), Response::Bool(false));
    let report = grade(&quiz, &responses);
    let mut s = String::new();
    screen::report(&mut s, &quiz, &report, 80).unwrap();
    insta::assert_snapshot!(s);
}

#[test]
fn long_words_and_narrow_widths_do_not_break_the_layout() {
    let mut quiz = mini();
    quiz.questions[0].prompt = format!("{} {}", "word ".repeat(40), "x".repeat(120));
    let mut s = String::new();
    screen::question_header(&mut s, 1, 5, Some(0.0), &quiz.questions[0], 40).unwrap();
    for line in s.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 40,
            "line too wide: {line:?}"
        );
    }
}
