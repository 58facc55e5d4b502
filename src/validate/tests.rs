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
        shown.contains("error: a question of kind `Matching` needs quiz format 2\n"),
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

/// Each problem as `severity: message`, in the order reported.
fn messages(text: &str) -> Vec<String> {
    let doc = parse::<Quiz>(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
    validate(&doc)
        .iter()
        .map(|d| {
            let severity = if d.is_error() { "error" } else { "warning" };
            format!("{severity}: {}", d.message)
        })
        .collect()
}

/// A valid quiz of format 2 with one question, `QUESTION` left to fill.
const VALID_2: &str = r#"(format: 2, id: "q", title: "T", description: "D", pass_mark: 70,
 sources: [(id: "a", headline: "H", file: "a.txt", sha256: "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef")],
 questions: [QUESTION])"#;

fn question(kind: &str) -> String {
    format!(
        r#"(id: "x", prompt: "P", kind: {kind}, explanation: "E", citations: [(source: "a", quote: "q")])"#
    )
}

fn quiz_2(kind: &str) -> String {
    VALID_2.replace("QUESTION", &question(kind))
}

/// `n` options with ids `o0`, `o1`, … and texts of one length.
fn options(n: usize) -> String {
    (0..n)
        .map(|i| format!(r#"(id: "o{i}", text: "Option {i:02}")"#))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn every_rule_reports_its_problem_and_only_it() {
    let tf = "TrueFalse(answer: true)";
    let single = format!(r#"Single(options: [{}], answer: "o1")"#, options(2));
    let id_65 = "a".repeat(65);
    let id_64 = "a".repeat(64);
    let cases: Vec<(String, Vec<&str>)> = vec![
        // Valid as they are, at the edge of each rule.
        (quiz_2(tf), vec![]),
        (quiz_2(&single), vec![]),
        (
            quiz_2(&format!(
                r#"Multiple(options: [{}], answers: ["o0", "o2"])"#,
                options(3)
            )),
            vec![],
        ),
        (
            quiz_2(&format!(
                r#"Single(options: [{}], answer: "o25")"#,
                options(26)
            )),
            vec![],
        ),
        (quiz_2("Number(answer: 9, tolerance: 0)"), vec![]),
        (
            quiz_2("Number(answer: 9, tolerance: 0.5, unit: \"min\")"),
            vec![],
        ),
        (quiz_2(r#"Text(accept: ["Calderón"], typo: true)"#), vec![]),
        (quiz_2(r#"Text(accept: ["Calderón"], exact: true)"#), vec![]),
        (
            quiz_2(
                r#"Ordering(items: [(id: "a", text: "Alpha"), (id: "b", text: "Bravo"), (id: "c", text: "Charl")])"#,
            ),
            vec![],
        ),
        (
            quiz_2(
                r#"Matching(items: [(id: "i", text: "I", answer: "l"), (id: "j", text: "J", answer: "l")], choices: [(id: "l", text: "Lima"), (id: "m", text: "Oslo")])"#,
            ),
            vec![],
        ),
        (
            quiz_2(tf).replace("pass_mark: 70", "pass_mark: 100"),
            vec![],
        ),
        (quiz_2(tf).replace("pass_mark: 70", "pass_mark: 0"), vec![]),
        (quiz_2(tf).replace("format: 2", "format: 1"), vec![]),
        (
            quiz_2(tf).replace(r#"id: "q""#, &format!("id: {id_64:?}")),
            vec![],
        ),
        (
            quiz_2(tf).replace(r#"id: "q""#, r#"id: "Viral_photo-2""#),
            vec![],
        ),
        (
            quiz_2(tf).replace(r#"prompt: "P""#, r#"prompt: "P", points: 2.5"#),
            vec![],
        ),
        // The quiz.
        (
            quiz_2(tf).replace("format: 2", "format: 3"),
            vec!["error: unsupported format version 3"],
        ),
        (
            quiz_2(tf).replace("format: 2", "format: 0"),
            vec!["error: unsupported format version 0"],
        ),
        (
            quiz_2(tf).replace("pass_mark: 70", "pass_mark: 100.5"),
            vec!["error: pass mark 100.5 is outside 0–100"],
        ),
        (
            quiz_2(tf).replace("pass_mark: 70", "pass_mark: -1"),
            vec!["error: pass mark -1 is outside 0–100"],
        ),
        (
            quiz_2(tf).replace(r#"id: "q""#, r#"id: """#),
            vec!["error: quiz id is empty"],
        ),
        (
            quiz_2(tf).replace(r#"id: "q""#, r#"id: "viral photo""#),
            vec!["error: quiz id contains a space"],
        ),
        (
            quiz_2(tf).replace(r#"id: "q""#, r#"id: "a\nb""#),
            vec!["error: quiz id contains a line break"],
        ),
        (
            quiz_2(tf).replace(r#"id: "q""#, r#"id: "a\tb""#),
            vec!["error: quiz id contains a tab"],
        ),
        (
            quiz_2(tf).replace(r#"id: "q""#, r#"id: "caf\u{e9}""#),
            vec!["error: quiz id contains `é`"],
        ),
        (
            quiz_2(tf).replace(r#"id: "q""#, r#"id: "a\u{202e}b""#),
            vec!["error: quiz id contains the invisible character `\\u{202e}`"],
        ),
        (
            quiz_2(tf).replace(r#"id: "q""#, &format!("id: {id_65:?}")),
            vec!["error: quiz id is 65 characters long, over the limit of 64"],
        ),
        (
            quiz_2(tf).replace(r#"title: "T""#, r#"title: " ""#),
            vec!["error: title is empty"],
        ),
        // Sources.
        (
            quiz_2(tf).replace(
                "sha256: \"0123456789abcdef0123456789ABCDEF",
                "sha256: \"123456789abcdef0123456789ABCDEF",
            ),
            vec!["error: sha256 must be 64 hexadecimal digits"],
        ),
        (
            quiz_2(tf).replace("sha256: \"0123", "sha256: \"g123"),
            vec!["error: sha256 must be 64 hexadecimal digits"],
        ),
        (
            quiz_2(tf).replace(
                r#"file: "a.txt","#,
                r#"file: "a.txt"), (id: "a", headline: "H2", file: "b.txt","#,
            ),
            vec!["error: duplicate source id `a`"],
        ),
        (
            quiz_2(tf).replace(r#"citations: [(source: "a""#, r#"citations: [(source: "b""#),
            vec!["error: unknown source `b`"],
        ),
        // Questions.
        (
            quiz_2(tf).replace(r#"prompt: "P""#, r#"prompt: "P", points: -1"#),
            vec!["error: points must be more than 0, found -1"],
        ),
        (
            VALID_2.replace("QUESTION", &format!("{}, {}", question(tf), question(tf))),
            vec!["error: duplicate question id `x`"],
        ),
        (
            quiz_2(tf).replace(r#"id: "x""#, r#"id: " ""#),
            vec!["error: question id is empty"],
        ),
        (
            quiz_2(tf).replace(r#"prompt: "P""#, r#"prompt: "P", tags: ["facts", ""]"#),
            vec!["error: tag is empty"],
        ),
        (
            quiz_2(&format!(
                r#"Single(options: [{}], answer: "o1")"#,
                options(1)
            )),
            vec![
                "error: a choice question needs at least two options",
                "error: answer `o1` is not one of the options",
            ],
        ),
        (
            quiz_2(
                r#"Single(options: [(id: "a", text: "Alpha"), (id: "a", text: "Bravo")], answer: "a")"#,
            ),
            vec!["error: duplicate option id `a`"],
        ),
        (
            quiz_2(&format!(
                r#"Single(options: [{}], answer: "o0")"#,
                options(27)
            )),
            vec!["error: 27 options is over the limit of 26 in one question"],
        ),
        (
            quiz_2(&format!(
                r#"Multiple(options: [{}], answers: ["o0", "o9"])"#,
                options(3)
            )),
            vec!["error: answer `o9` is not one of the options"],
        ),
        (
            quiz_2(&format!(
                r#"Multiple(options: [{}], answers: [])"#,
                options(3)
            )),
            vec!["error: no correct answers listed"],
        ),
        (
            quiz_2("Number(answer: 9, tolerance: -1)"),
            vec!["error: tolerance must be 0 or more, found -1"],
        ),
        (
            quiz_2("Number(answer: 9, unit: \"?\")"),
            vec!["error: unit is empty"],
        ),
        (
            quiz_2(r#"Text(accept: ["Calderón", "?!"])"#),
            vec!["error: accepted answer has no letters or digits"],
        ),
        (
            quiz_2(
                r#"Matching(items: [(id: "i", text: "I", answer: "l")], choices: [(id: "l", text: "Lima"), (id: "m", text: "Oslo")])"#,
            ),
            vec!["error: a matching question needs at least two items"],
        ),
        (
            quiz_2(
                r#"Matching(items: [(id: "i", text: "I", answer: "l"), (id: "i", text: " ", answer: "l")], choices: [(id: "l", text: "Lima")])"#,
            ),
            // In file order: the items come before the choices.
            vec![
                "error: duplicate item id `i`",
                "error: item text is empty",
                "error: at least two of these are needed (each a choice)",
            ],
        ),
        (
            quiz_2(r#"Ordering(items: [(id: "a", text: "Alpha")])"#),
            vec![
                "error: at least two of these are needed (each an item)",
                "error: an ordering question needs at least three items",
            ],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(messages(&text), expected, "{text}");
    }
}

#[test]
fn a_key_test_is_checked_against_its_question() {
    let quiz = quiz_2(&format!(
        r#"Single(options: [{}], answer: "o1")"#,
        options(2)
    ));
    let tests = |tests: &str| format!("{}, tests: [{tests}])", quiz.strip_suffix(')').unwrap());
    assert_eq!(
        messages(&tests(
            r#"(question: "x", response: Choice("o0"), expect: Reject)"#
        )),
        Vec::<String>::new()
    );
    assert_eq!(
        messages(&tests(
            r#"(question: "y", response: Choice("o0"), expect: Reject)"#
        )),
        ["error: test names unknown question `y`"]
    );
    assert_eq!(
        messages(&tests(
            r#"(question: "x", response: Choice("o7"), expect: Reject)"#
        )),
        ["error: response names unknown option `o7`"]
    );
    // A question over a limit is reported once, not again with its tests.
    let big = quiz_2(&format!(
        r#"Single(options: [{}], answer: "o0")"#,
        options(27)
    ));
    let text = format!(
        "{}, tests: [(question: \"x\", response: Choice(\"zz\"), expect: Reject)])",
        big.strip_suffix(')').unwrap()
    );
    assert_eq!(
        messages(&text),
        ["error: 27 options is over the limit of 26 in one question"]
    );
}

#[test]
fn an_answer_that_is_not_a_finite_number_is_an_error() {
    // RON reads `inf` and `NaN` as floats; neither can be graded against.
    for answer in ["inf", "-inf", "NaN"] {
        assert_eq!(
            messages(&quiz_2(&format!("Number(answer: {answer})"))),
            ["error: answer must be a finite number"],
            "{answer}"
        );
    }
}

#[test]
fn a_key_test_of_the_wrong_shape_for_a_matching_question_says_how_to_write_one() {
    let quiz = quiz_2(
        r#"Matching(items: [(id: "i", text: "I", answer: "l"), (id: "j", text: "J", answer: "l")], choices: [(id: "l", text: "Lima"), (id: "m", text: "Oslo")])"#,
    );
    let text = format!(
        "{}, tests: [(question: \"x\", response: Choice(\"l\"), expect: Reject)])",
        quiz.strip_suffix(')').unwrap()
    );
    let doc = parse::<Quiz>(&text).expect("parses");
    let found = validate(&doc);
    let shown: Vec<(&str, Option<&str>)> = found
        .iter()
        .map(|d| (d.message.as_str(), d.help.as_deref()))
        .collect();
    assert_eq!(
        shown,
        [(
            "response does not fit a `Matching` question",
            Some("write `Pairs({\"item-id\": \"choice-id\"})`")
        )]
    );
}
