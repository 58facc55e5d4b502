//! `lateral check`: every problem in one run, with positions, and no panic on any input.

use crate::util::{repo, Lateral};

#[test]
fn valid_quizzes_pass() {
    let run = Lateral::new()
        .args([
            "check",
            &repo("quizzes/viral-photo.ron"),
            &repo("tests/fixtures/mini.ron"),
        ])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run
        .stdout
        .contains("mini.ron: ok (5 questions, 6 points, 3 answer-key tests)"));
}

#[test]
fn every_semantic_problem_is_reported_in_one_run() {
    let run = Lateral::new()
        .file(
            "broken.ron",
            std::fs::read(repo("tests/fixtures/broken.ron")).unwrap(),
        )
        .args(["check", "broken.ron"])
        .run();
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("broken_quiz_diagnostics", run.stderr);
}

#[test]
fn a_misspelled_field_gets_the_nearest_name() {
    let run = Lateral::new()
        .file(
            "typo.ron",
            "(\n  format: 1,\n  id: \"x\",\n  titel: \"T\",\n)\n",
        )
        .args(["check", "typo.ron"])
        .run();
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "typo.ron:4:3: error: unknown field `titel` in `Quiz`\n  |\n4 |   titel: \"T\",\n  |   ^^^^^\n  |\n  = help: did you mean `title`? fields allowed here: `format`, `id`, `title`, `description`, `pass_mark`, `sources`, `questions`, `tests`\ntypo.ron: 1 error\n1 of 1 quiz file has problems\n"
    );
}

#[test]
fn a_misspelled_kind_gets_the_nearest_kind() {
    let quiz = "(format: 1, id: \"x\", title: \"t\", description: \"d\", sources: [],\n questions: [(id: \"a\", prompt: \"p\",\n kind: Singel(), explanation: \"e\", citations: [])])";
    let run = Lateral::new()
        .file("kind.ron", quiz)
        .args(["check", "kind.ron"])
        .run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("kind.ron:3:8: error: unknown question kind `Singel`\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("3 |  kind: Singel(), explanation"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(
        "did you mean `Single`? choose one of: `Single`, `Multiple`, `TrueFalse`, `Number`, `Text`"
    ));
}

#[test]
fn carets_line_up_under_multibyte_text() {
    let quiz = "(format: 1, id: \"e\", title: \"Été\", description: \"d\",\n sources: [(id: \"s\", headline: \"h\", file: \"f\")],\n questions: [(id: \"a\", prompt: \"¿Quién?\", kind: TrueFalse(answer: true), explanation: \"e\",\n citations: [(source: \"ß\", quote: \"q\")])])";
    let run = Lateral::new()
        .file("q.ron", quiz)
        .args(["check", "q.ron"])
        .run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "q.ron:4:23: error: unknown source `ß`\n  |\n4 |  citations: [(source: \"ß\", quote: \"q\")])])\n  |                       ^^^\n"
        ),
        "{}",
        run.stderr
    );
}

fn assert_refused(name: &str, contents: &[u8], message: &str) {
    let run = Lateral::new()
        .file(name, contents)
        .args(["check", name])
        .run();
    assert_eq!(run.code, 1, "{name}: {}", run.stderr);
    assert!(run.stderr.contains(message), "{name}: {}", run.stderr);
}

#[test]
fn an_empty_file_is_refused() {
    assert_refused("empty.ron", b"", "empty.ron:1:1: error: file is empty");
    assert_refused("blank.ron", b"  \n\n", "error: file is empty");
}

#[test]
fn binary_garbage_and_invalid_utf8_are_refused() {
    assert_refused(
        "bad.ron",
        b"(format: 1,\n id: \"\xff\xfe\")",
        "bad.ron:2:7: error: file is not UTF-8 text: invalid byte 0xff\n  |\n2 |  id: \"\n  |       ^",
    );
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert_refused("garbage.ron", &garbage, "garbage.ron");
    assert_refused("nul.ron", b"\0\0\0\0", "nul.ron:1:1: error:");
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = format!("{}{}", "[".repeat(20_000), "]".repeat(20_000));
    assert_refused(
        "deep.ron",
        deep.as_bytes(),
        "deep.ron:1:1: error: expected opening `(` for struct `Quiz`",
    );
    let deep_in_field = format!("(format: 1, id: {}", "(".repeat(20_000));
    assert_refused(
        "deep2.ron",
        deep_in_field.as_bytes(),
        "deep2.ron:1:17: error: `id` must be a string in double quotes, such as \"text\", found a value in `( )`",
    );
    let deep_value = format!("(format: 1, id: \"x\", tags: {}", "[".repeat(20_000));
    assert_refused("deep3.ron", deep_value.as_bytes(), "deep3.ron:1:");
}

#[test]
fn a_huge_string_is_refused_before_parsing() {
    let mut big = b"(format: 1, id: \"".to_vec();
    big.extend(std::iter::repeat_n(b'x', 30 * 1024 * 1024));
    big.extend(b"\")");
    assert_refused(
        "big.ron",
        &big,
        "big.ron: error: 30 MB is over the 4 MB limit for a quiz file",
    );
}

#[test]
fn a_missing_file_and_a_directory_are_refused() {
    let run = Lateral::new().args(["check", "nope.ron"]).run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("nope.ron: cannot read: no such file"),
        "{}",
        run.stderr
    );
    let lateral = Lateral::new().file("dir/x", "");
    let run = lateral.args(["check", "dir"]).run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("dir: cannot read: is a directory, not a file"),
        "{}",
        run.stderr
    );
}

#[test]
fn one_bad_file_fails_the_run_but_every_file_is_checked() {
    let run = Lateral::new()
        .file("empty.ron", "")
        .args(["check", "empty.ron", &repo("tests/fixtures/mini.ron")])
        .run();
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("mini.ron: ok"));
    assert!(
        run.stderr.ends_with("1 of 2 quiz files has problems\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn usage_errors_exit_2_and_help_has_examples() {
    let run = Lateral::new().args(["check"]).run();
    assert_eq!(run.code, 2);
    let run = Lateral::new().args(["frobnicate"]).run();
    assert_eq!(run.code, 2);
    for cmd in [
        "take", "check", "key", "grade", "test", "pin", "sources", "history", "review",
    ] {
        let run = Lateral::new().args([cmd, "--help"]).run();
        assert_eq!(run.code, 0);
        assert!(
            run.stdout.contains("Example"),
            "{cmd} --help has no example"
        );
    }
}

#[test]
fn control_characters_in_ids_are_not_sent_to_the_terminal() {
    let quiz = std::fs::read_to_string(repo("tests/fixtures/mini.ron"))
        .unwrap()
        .replace("id: \"pick\"", "id: \"pi\\u{1b}[2Jck\"")
        .replace("id: \"all\"", "id: \"pi\\u{1b}[2Jck\"");
    let run = Lateral::new()
        .file("evil.ron", quiz)
        .args(["check", "evil.ron"])
        .run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("duplicate question id"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains('\x1b'),
        "a raw ESC reached the terminal: {:?}",
        run.stderr
    );
}

/// A quiz of `n` single-choice questions, one per line from line 4, each
/// answered `answer(i)`, with one answer-key test per question.
fn many_questions(n: usize, answer: impl Fn(usize) -> &'static str) -> String {
    let questions: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "  (id: \"q{i:04}\", prompt: \"P\", kind: Single(options: [(id: \"a\", text: \"A\"), (id: \"b\", text: \"Bb\")], answer: \"{}\"), explanation: \"E\", citations: [(source: \"a\", quote: \"q\")])",
                answer(i)
            )
        })
        .collect();
    let tests: Vec<String> = (0..n)
        .map(|i| format!("  (question: \"q{i:04}\", response: Choice(\"b\"), expect: Reject)"))
        .collect();
    format!(
        "(format: 1, id: \"q\", title: \"T\", description: \"D\",\n sources: [(id: \"a\", headline: \"H\", file: \"a.txt\")],\n questions: [\n{}\n ],\n tests: [\n{}\n ],\n)\n",
        questions.join(",\n"),
        tests.join(",\n")
    )
}

#[test]
fn a_problem_in_question_9999_of_10000_is_shown_at_its_line_and_column() {
    // Question 9,999 is index 9998, on line 4 + 9998; its `"c"` starts at
    // column 107.
    let text = many_questions(10_000, |i| if i == 9998 { "c" } else { "a" });
    let run = Lateral::new()
        .file("big.ron", text)
        .args(["check", "big.ron"])
        .run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "big.ron:10002:107: error: answer `c` is not one of the options
      |
10002 |   (id: \"q9998\", prompt: \"P\", kind: Single(options: [(id: \"a\", text: \"A\"), (id: \"b\", text: \"Bb\")], answer: \"c\"), explanation: \"E\",...
      |                                                                                                           ^^^
      |
      = help: options: `a`, `b`
big.ron: 1 error
1 of 1 quiz file has problems
"
    );
}

#[test]
fn the_tests_of_10000_questions_each_find_their_question() {
    let text = many_questions(10_000, |_| "a");
    let run = Lateral::new()
        .file("big.ron", &text)
        .args(["check", "big.ron"])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "big.ron: ok (10000 questions, 10000 points, 10000 answer-key tests)\n"
    );
    // The key of the last question is `b`: its file's test, rejecting `b`,
    // fails, and only that one.
    let text = many_questions(10_000, |i| if i == 9999 { "b" } else { "a" });
    let run = Lateral::new()
        .file("big.ron", &text)
        .args(["test", "big.ron"])
        .run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.ends_with(
            "big.ron: 30000 answer-key tests, 1 failed\n  FAILED q9999: option `b` is rejected: the key accepts it\n29999 passed, 1 failed\n"
        ),
        "{}",
        run.stdout
    );
}
