//! The validation rules' unit tests: each problem rendered whole, as a
//! teacher reads it (place, line, caret and help), on small quizzes written
//! in RON.

use super::*;
use crate::diagnostic::render;
use crate::load::parse;

fn problems(text: &str) -> String {
    let doc = parse::<Quiz>(text).expect("parses");
    render("q.ron", text, &validate(&doc))
}

const BASE: &str = r#"(format: 1, id: "q", title: "T", description: "D",
 sources: [(id: "a", headline: "H", file: "a.txt")],
 questions: [QUESTION])"#;

fn with(question: &str) -> String {
    BASE.replace("QUESTION", question)
}

#[test]
fn a_valid_quiz_has_no_problems() {
    let text = with(
        r#"(id: "x", prompt: "P", kind: TrueFalse(answer: true), explanation: "E", citations: [(source: "a", quote: "q")])"#,
    );
    assert_eq!(problems(&text), "");
}

#[test]
fn answer_outside_the_options_names_the_options() {
    let text = with(
        r#"(id: "x", prompt: "P", kind: Single(options: [(id: "red", text: "Red"), (id: "blue", text: "Blue")], answer: "bleu"), explanation: "E", citations: [(source: "a", quote: "q")])"#,
    );
    assert_eq!(
        problems(&text),
        "q.ron:3:123: error: answer `bleu` is not one of the options\n  |\n3 |  questions: [(id: \"x\", prompt: \"P\", kind: Single(options: [(id: \"red\", text: \"Red\"), (id: \"blue\", text: \"Blue\")], answer: \"bleu\"), ex...\n  |                                                                                                                           ^^^^^^\n  |\n  = help: did you mean `blue`? options: `red`, `blue`\n"
    );
}

#[test]
fn contradictory_text_rules_and_an_empty_accept_list_are_both_reported() {
    let text = with(
        r#"(id: "x", prompt: "P", kind: Text(accept: [], typo: true, exact: true), explanation: "E", citations: [(source: "a", quote: "q")])"#,
    );
    let shown = problems(&text);
    assert!(
        shown.contains("error: no accepted answers listed\n"),
        "{shown}"
    );
    assert!(
        shown.contains("error: `typo: true` and `exact: true` contradict each other\n"),
        "{shown}"
    );
}

#[test]
fn a_single_option_and_a_repeated_answer_are_errors() {
    let text = with(
        r#"(id: "x", prompt: "P", kind: Multiple(options: [(id: "a", text: "A")], answers: ["a", "a"]), explanation: "E", citations: [(source: "a", quote: "q")])"#,
    );
    let shown = problems(&text);
    assert!(
        shown.contains("error: a choice question needs at least two options"),
        "{shown}"
    );
    assert!(
        shown.contains("error: answer `a` is listed twice"),
        "{shown}"
    );
}

#[test]
fn zero_points_and_an_unreadable_test_number_are_reported() {
    let quiz = with(
        r#"(id: "n", prompt: "P", points: 0, kind: Number(answer: 9), explanation: "E", citations: [(source: "a", quote: "q")])"#,
    );
    let text = format!(
        "{}, tests: [(question: \"n\", response: Text(\"lots\"), expect: Reject), (question: \"n\", response: Bool(true), expect: Reject)])",
        quiz.strip_suffix(')').unwrap()
    );
    let shown = problems(&text);
    assert!(
        shown.contains("error: points must be more than 0, found 0"),
        "{shown}"
    );
    assert!(
        shown.contains("warning: lateral cannot read `lots` as a number"),
        "{shown}"
    );
    assert!(
        shown.contains("error: response does not fit a `Number` question"),
        "{shown}"
    );
    assert!(
        shown.contains("help: write `Text(\"what the student types\")`"),
        "{shown}"
    );
}

fn with_2(question: &str) -> String {
    with(question).replacen("format: 1", "format: 2", 1)
}

const MATCHING: &str = r#"(id: "m", prompt: "P", kind: Matching(items: [(id: "x", text: "X", answer: "lety"), (id: "y", text: "Y", answer: "caldron")], choices: [(id: "lety", text: "L"), (id: "calderon", text: "C")]), explanation: "E", citations: [(source: "a", quote: "q")])"#;

#[test]
fn the_new_kinds_need_format_2() {
    let shown = problems(&with(MATCHING.replace("caldron", "calderon").as_str()));
    assert!(
        shown.contains("error: a `Matching` question needs quiz format 2\n"),
        "{shown}"
    );
    assert!(shown.contains("help: write `format: 2`"), "{shown}");
    assert_eq!(
        problems(&with_2(&MATCHING.replace("caldron", "calderon"))),
        ""
    );
}

#[test]
fn a_matching_answer_outside_the_choices_names_the_nearest() {
    let text = with_2(MATCHING);
    let shown = problems(&text);
    let at = text.find("\"caldron\"").unwrap();
    let (line, col) = crate::diagnostic::line_col(&text, at);
    assert!(
        shown.contains(&format!(
            "q.ron:{line}:{col}: error: answer `caldron` is not one of the choices"
        )),
        "{shown}"
    );
    assert!(shown.contains("did you mean `calderon`?"), "{shown}");
}

#[test]
fn an_ordering_needs_three_items_and_a_reflection_no_points() {
    let shown = problems(&with_2(
        r#"(id: "o", prompt: "P", kind: Ordering(items: [(id: "a", text: "A"), (id: "b", text: "B")]), explanation: "E", citations: [(source: "a", quote: "q")])"#,
    ));
    assert!(
        shown.contains("error: an ordering question needs at least three items"),
        "{shown}"
    );
    let shown = problems(&with_2(
        r#"(id: "r", prompt: "P", points: 2, kind: Reflection(model: ""), explanation: "E", citations: [(source: "a", quote: "q")])"#,
    ));
    assert!(
        shown.contains("error: a reflection is worth no points"),
        "{shown}"
    );
    assert!(shown.contains("error: model answer is empty"), "{shown}");
}
