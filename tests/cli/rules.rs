//! Every validation rule, each with a quiz that breaks it and the place and
//! words `lateral check` must report (written here, not computed).

use crate::util::Lateral;

/// A valid quiz with one question whose kind is on line 5 and whose tests
/// are on line 8; `top` replaces the first line's fields after `format`.
fn quiz(top: &str, kind: &str, extra: &str, tests: &str) -> String {
    format!(
        "(format: 2, {top}\n\
         sources: [(id: \"a\", headline: \"A\", file: \"a.txt\")],\n\
         questions: [\n\
         (id: \"q\", prompt: \"What?\",\n\
         {kind},\n\
         {extra}explanation: \"Because.\", citations: [(source: \"a\", quote: \"x\")]),\n\
         ],\n\
         tests: [{tests}])\n"
    )
}

const TOP: &str = "id: \"r\", title: \"Rules\", description: \"D.\",";
const SINGLE: &str =
    "kind: Single(options: [(id: \"a\", text: \"A\"), (id: \"b\", text: \"B\")], answer: \"a\")";

/// What `lateral check --deny-warnings` says first about `text`, if it
/// differs from `expected` (a file it accepts differs from everything).
fn mismatch(text: &str, expected: &str) -> Option<String> {
    let run = Lateral::new()
        .file("r.ron", text)
        .args(["check", "--deny-warnings", "r.ron"])
        .run();
    let first = run.stderr.lines().find(|l| l.starts_with("r.ron:"));
    (run.code != 1 || first != Some(expected)).then(|| {
        format!(
            "exit {}\n  got:  {first:?}\n  want: {expected:?}\nin:\n{text}",
            run.code
        )
    })
}

/// Each quiz is refused with its expected first line; every miss is listed.
fn refused(cases: &[(String, &str)]) {
    let misses: Vec<String> = cases
        .iter()
        .filter_map(|(text, expected)| mismatch(text, expected))
        .collect();
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

#[test]
fn the_base_quiz_is_valid() {
    let run = Lateral::new()
        .file("r.ron", quiz(TOP, SINGLE, "", ""))
        .args(["check", "r.ron"])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn quiz_level_rules() {
    let cases: Vec<(String, &str)> = vec![
        (
            quiz(
                "id: \"\", title: \"Rules\", description: \"D.\",",
                SINGLE,
                "",
                "",
            ),
            "r.ron:1:17: error: quiz id is empty",
        ),
        (
            quiz(
                "id: \"a\u{200b}b\", title: \"Rules\", description: \"D.\",",
                SINGLE,
                "",
                "",
            ),
            "r.ron:1:17: error: quiz id contains the invisible character `\\u{200b}`",
        ),
        (
            quiz(&format!("{TOP} pass_mark: 101,"), SINGLE, "", ""),
            "r.ron:1:68: error: pass mark 101 is outside 0–100",
        ),
        (
            quiz(TOP, SINGLE, "", "").replace(
                "sources: [(id: \"a\", headline: \"A\", file: \"a.txt\")]",
                "sources: []",
            ),
            "r.ron:2:10: error: the quiz declares no sources",
        ),
        (
            quiz(TOP, SINGLE, "", "")
                .replace("file: \"a.txt\"", "file: \"a.txt\", sha256: \"abc\""),
            "r.ron:2:59: error: sha256 must be 64 hexadecimal digits",
        ),
    ];
    refused(&cases);
}

#[test]
fn question_level_rules() {
    let cases: Vec<(String, &str)> = vec![
        (
        quiz(TOP, SINGLE, "points: 0, ", ""),
        "r.ron:6:9: error: points must be more than 0, found 0",
        ),
        (
        quiz(TOP, SINGLE, "tags: [\"\"], ", ""),
        "r.ron:6:8: error: tag is empty",
        ),
        (
        quiz(TOP, "kind: Reflection(model: \"M.\")", "points: 2, ", ""),
        "r.ron:6:9: error: a reflection is worth no points",
        ),
        (
        quiz(TOP, SINGLE, "", "").replace("format: 2", "format: 1").replace(
            SINGLE,
            "kind: Ordering(items: [(id: \"x\", text: \"X\"), (id: \"y\", text: \"Y\"), (id: \"z\", text: \"Z\")])",
        ),
        "r.ron:5:7: error: a question of kind `Ordering` needs quiz format 2",
        ),
    ];
    refused(&cases);
}

#[test]
fn kind_rules() {
    let mut cases: Vec<(String, &str)> = Vec::new();
    for (kind, expected) in [
        (
            "kind: Multiple(options: [(id: \"a\", text: \"A\"), (id: \"b\", text: \"B\")], answers: [])",
            "r.ron:5:80: error: no correct answers listed",
        ),
        (
            "kind: Multiple(options: [(id: \"a\", text: \"A\"), (id: \"b\", text: \"B\")], answers: [\"a\", \"a\"])",
            "r.ron:5:86: error: answer `a` is listed twice",
        ),
        (
            "kind: Single(options: [(id: \"a\", text: \"A\")], answer: \"a\")",
            "r.ron:5:23: error: a choice question needs at least two options",
        ),
        (
            "kind: Number(answer: 3, unit: \"\")",
            "r.ron:5:31: error: unit is empty",
        ),
        (
            "kind: Number(answer: 3, tolerance: -1)",
            "r.ron:5:36: error: tolerance must be 0 or more, found -1",
        ),
        (
            "kind: Text(accept: [])",
            "r.ron:5:20: error: no accepted answers listed",
        ),
        (
            "kind: Text(accept: [\"?!\"])",
            "r.ron:5:21: error: accepted answer has no letters or digits",
        ),
        (
            "kind: Text(accept: [\"Ana\"], typo: true, exact: true)",
            "r.ron:5:35: error: `typo: true` and `exact: true` contradict each other",
        ),
        (
            "kind: Matching(items: [(id: \"x\", text: \"X\", answer: \"c\")], choices: [(id: \"c\", text: \"C\"), (id: \"d\", text: \"D\")])",
            "r.ron:5:23: error: a matching question needs at least two items",
        ),
        (
            "kind: Ordering(items: [(id: \"x\", text: \"X\"), (id: \"y\", text: \"Y\")])",
            "r.ron:5:23: error: an ordering question needs at least three items",
        ),
    ] {
        cases.push((quiz(TOP, kind, "", ""), expected));
    }
    refused(&cases);
}

#[test]
fn test_rules() {
    let mut cases: Vec<(String, &str)> = Vec::new();
    let matching = "kind: Matching(items: [(id: \"x\", text: \"X\", answer: \"c\"), (id: \"y\", text: \"Y\", answer: \"d\")], choices: [(id: \"c\", text: \"C\"), (id: \"d\", text: \"D\")])";
    let ordering = "kind: Ordering(items: [(id: \"x\", text: \"X\"), (id: \"y\", text: \"Y\"), (id: \"z\", text: \"Z\")])";
    for (kind, test, expected) in [
        (
            SINGLE,
            "(question: \"nope\", response: Choice(\"a\"), expect: Accept)",
            "r.ron:8:20: error: test names unknown question `nope`",
        ),
        (
            SINGLE,
            "(question: \"q\", response: Choice(\"z\"), expect: Accept)",
            "r.ron:8:35: error: response names unknown option `z`",
        ),
        (
            "kind: Number(answer: 3)",
            "(question: \"q\", response: Text(\"three and a bit\"), expect: Accept)",
            "r.ron:8:35: warning: lateral cannot read `three and a bit` as a number (`three and a bit` is not a number; type digits such as 12 or words such as twelve)",
        ),
        (
            matching,
            "(question: \"q\", response: Pairs({\"w\": \"c\"}), expect: Accept)",
            "r.ron:8:35: error: response pairs unknown item `w`",
        ),
        (
            matching,
            "(question: \"q\", response: Pairs({\"x\": \"e\"}), expect: Accept)",
            "r.ron:8:35: error: response names unknown choice `e`",
        ),
        (
            ordering,
            "(question: \"q\", response: Order([\"x\", \"y\", \"w\"]), expect: Accept)",
            "r.ron:8:35: error: response names unknown item `w`",
        ),
        (
            "kind: Reflection(model: \"M.\")",
            "(question: \"q\", response: Text(\"x\"), expect: Accept)",
            "r.ron:8:20: error: `q` is a reflection, which is not scored",
        ),
        (
            SINGLE,
            "(question: \"q\", response: Bool(true), expect: Accept)",
            "r.ron:8:35: error: response does not fit a `Single` question",
        ),
    ] {
        cases.push((quiz(TOP, kind, "", test), expected));
    }
    refused(&cases);
}
