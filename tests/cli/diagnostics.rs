//! What `lateral check` tells a teacher about the common mistakes: each
//! message whole, with its line and caret, at the right question.

use crate::util::Lateral;

/// The standard error of `lateral check` on one file holding `text`.
fn check(name: &str, text: impl AsRef<[u8]>) -> String {
    let run = Lateral::new().file(name, text).args(["check", name]).run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.stderr
}

/// A quiz whose questions are `questions`, one per line from line 4.
fn quiz(questions: &[&str]) -> String {
    format!(
        "(format: 1, id: \"q\", title: \"T\", description: \"D\",\n sources: [(id: \"a\", headline: \"H\", file: \"a.txt\")],\n questions: [\n{}\n ],\n)\n",
        questions.join(",\n")
    )
}

const GOOD: &str = "  (id: \"one\", prompt: \"P\", tags: [\"facts\"], kind: Text(accept: [\"x\"]), explanation: \"E\", citations: [(source: \"a\", quote: \"q\")])";

#[test]
fn a_misspelled_field_is_shown_in_its_own_question() {
    let text = quiz(&[
        GOOD,
        "  (id: \"two\", prompt: \"P\", tag: [\"facts\"], kind: TrueFalse(answer: true))",
    ]);
    assert_eq!(
        check("q.ron", text),
        "q.ron:5:28: error: unknown field `tag` in `Question`
  |
5 |   (id: \"two\", prompt: \"P\", tag: [\"facts\"], kind: TrueFalse(answer: true))
  |                            ^^^
  |
  = help: did you mean `tags`? fields allowed here: `id`, `prompt`, `points`, `tags`, `kind`, `explanation`, `citations`
q.ron: 1 error
1 of 1 quiz file has problems
"
    );
}

#[test]
fn a_misspelled_kind_is_shown_in_its_own_question() {
    let text = quiz(&[
        GOOD,
        "  (id: \"two\", prompt: \"P\", kind: Tex(accept: [\"y\"]))",
    ]);
    assert_eq!(
        check("q.ron", text),
        "q.ron:5:34: error: unknown question kind `Tex`
  |
5 |   (id: \"two\", prompt: \"P\", kind: Tex(accept: [\"y\"]))
  |                                  ^^^
  |
  = help: did you mean `Text`? choose one of: `Single`, `Multiple`, `TrueFalse`, `Number`, `Text`, `Matching`, `Ordering`, `Reflection`
q.ron: 1 error
1 of 1 quiz file has problems
"
    );
}

#[test]
fn a_percentage_in_quotes_is_named_as_a_string_where_a_number_belongs() {
    let text =
        "(format: 1, id: \"q\", title: \"T\", description: \"D\",\n pass_mark: \"60%\",\n)\n";
    assert_eq!(
        check("q.ron", text),
        "q.ron:2:13: error: `pass_mark` must be a number such as 60 (percent), found a string
  |
2 |  pass_mark: \"60%\",
  |             ^^^^^
  |
  = help: write the percentage without quotes or `%`: `pass_mark: 60`
q.ron: 1 error
1 of 1 quiz file has problems
"
    );
}

#[test]
fn a_single_answer_given_as_a_number_asks_for_the_option_id() {
    let text = quiz(&[
        GOOD,
        "  (id: \"two\", prompt: \"P\", kind: Single(options: [], answer: 0))",
    ]);
    assert_eq!(
        check("q.ron", text),
        "q.ron:5:62: error: `answer` must be the option's id, a string such as \"b\", found a number
  |
5 |   (id: \"two\", prompt: \"P\", kind: Single(options: [], answer: 0))
  |                                                              ^
  |
  = help: write the id of the right option in double quotes: `answer: \"b\"`
q.ron: 1 error
1 of 1 quiz file has problems
"
    );
}

#[test]
fn a_true_false_answer_in_quotes_asks_for_no_quotes() {
    let text = quiz(&[
        GOOD,
        "  (id: \"two\", prompt: \"P\", kind: TrueFalse(answer: \"false\"))",
    ]);
    assert_eq!(
        check("q.ron", text),
        "q.ron:5:52: error: `answer` must be `true` or `false` without quotes, found a string
  |
5 |   (id: \"two\", prompt: \"P\", kind: TrueFalse(answer: \"false\"))
  |                                                    ^^^^^^^
  |
  = help: write `answer: true` or `answer: false`
q.ron: 1 error
1 of 1 quiz file has problems
"
    );
}

#[test]
fn curly_quotes_from_a_word_processor_are_named() {
    let text = "(format: 1, id: \"q\",\n title: \u{201c}Fact or fiction?\u{201d},\n)\n";
    assert_eq!(
        check("q.ron", text),
        "q.ron:2:9: error: `title` starts with the curly quote `\u{201c}`, not a straight `\"`
  |
2 |  title: \u{201c}Fact or fiction?\u{201d},
  |         ^
  |
  = help: RON strings need straight double quotes (\"...\"); a word processor may have curled them: retype the quotes in a plain-text editor
q.ron: 1 error
1 of 1 quiz file has problems
"
    );
}

#[test]
fn a_file_that_ends_early_names_the_question_left_open() {
    let head = "(format: 1, id: \"q\", title: \"T\", description: \"D\",\n sources: [(id: \"a\", headline: \"H\", file: \"a.txt\")],\n questions: [\n";
    let text = format!("{head}  (\n    id: \"two\",\n    kind: TrueFalse(answer: true),\n");
    assert_eq!(
        check("q.ron", text),
        "q.ron:6:35: error: file ends before the closing `)` of question `two` that opened at line 4
  |
6 |     kind: TrueFalse(answer: true),
  |                                   ^
  |
  = help: add `)` where it ends; every `(`, `[` and `{` needs its closing bracket
q.ron: 1 error
1 of 1 quiz file has problems
"
    );
    // Before its id is read, the question is known by its line.
    let text = format!("{head}  (\n    prompt: \"Who?\",\n    kind: TrueFalse(answer: true),\n");
    assert!(
        check("q.ron", text).starts_with(
            "q.ron:6:35: error: file ends before the closing `)` of the question that opened at line 4\n"
        )
    );
    // Inside the question, the innermost bracket is named, then the question.
    let text = format!("{head}  (id: \"two\", citations: [\n    (source: \"a\", quote: \"q\"),\n");
    assert!(check("q.ron", text).starts_with(
        "q.ron:5:31: error: file ends before the closing `]` of the `citations` list that opened at line 4, in question `two`\n"
    ));
}

#[test]
fn a_quiz_id_is_a_plain_name() {
    let with_id = |id: &str| quiz(&[GOOD]).replacen("id: \"q\"", &format!("id: {id}"), 1);
    let long = format!("\"{}\"", "x".repeat(65));
    let run = Lateral::new()
        .file("dot.ron", with_id("\"a.b\""))
        .file("newline.ron", with_id("\"a\\nb\""))
        .file("field.ron", with_id("\"format: 9\""))
        .file("long.ron", with_id(&long))
        .args(["check", "dot.ron", "newline.ron", "field.ron", "long.ron"])
        .run();
    assert_eq!(run.code, 1);
    let help = "  = help: a quiz id is made of the letters a-z and A-Z, digits, `-` and `_`, at most 64 characters, such as `viral-photo`";
    let long_caret = "^".repeat(67);
    assert_eq!(
        run.stderr,
        format!(
            "dot.ron:1:17: error: quiz id contains `.`
  |
1 | (format: 1, id: \"a.b\", title: \"T\", description: \"D\",
  |                 ^^^^^
  |
{help}
dot.ron: 1 error
newline.ron:1:17: error: quiz id contains a line break
  |
1 | (format: 1, id: \"a\\nb\", title: \"T\", description: \"D\",
  |                 ^^^^^^
  |
{help}
newline.ron: 1 error
field.ron:1:17: error: quiz id contains `:`
  |
1 | (format: 1, id: \"format: 9\", title: \"T\", description: \"D\",
  |                 ^^^^^^^^^^^
  |
{help}
field.ron: 1 error
long.ron:1:17: error: quiz id is 65 characters long, over the limit of 64
  |
1 | (format: 1, id: {long}, title: \"T\", description: \"D\",
  |                 {long_caret}
  |
{help}
long.ron: 1 error
4 of 4 quiz files have problems
"
        )
    );
}

/// A quiz with `n` valid true-or-false questions `q1`, `q2`, ….
fn quiz_of(n: usize) -> String {
    let questions: Vec<String> = (1..=n)
        .map(|i| format!("  (id: \"q{i}\", prompt: \"P\", kind: TrueFalse(answer: true), explanation: \"E\", citations: [(source: \"a\", quote: \"q\")])"))
        .collect();
    quiz(&questions.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn a_sheet_full_of_unknown_questions_lists_a_few_names_and_stops_after_fifty() {
    let responses: Vec<String> = (0..8000)
        .map(|i| format!("    \"x{i:04}\": Bool(true),"))
        .collect();
    let sheet = format!(
        "(format: 1, quiz: \"q\", responses: {{\n{}\n}})\n",
        responses.join("\n")
    );
    let run = Lateral::new()
        .file("q.ron", quiz_of(20))
        .file("s.ron", sheet)
        .args(["grade", "q.ron", "s.ron"])
        .run();
    assert_eq!(run.code, 1);
    let first = "s.ron:2:14: error: response to unknown question `x0000`
  |
2 |     \"x0000\": Bool(true),
  |              ^^^^^^^^^^
  |
  = help: questions: `q1`, `q2`, `q3`, `q4`, `q5`, `q6`, `q7`, `q8` and 12 more
";
    assert!(run.stderr.starts_with(first), "{}", run.stderr);
    assert!(
        run.stderr.ends_with(
            "  = help: questions: `q1`, `q2`, `q3`, `q4`, `q5`, `q6`, `q7`, `q8` and 12 more
s.ron: error: … and 7950 more problems in this file
s.ron: 8000 errors
1 of 1 sheet could not be graded
"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches(": error: ").count(), 51);
    assert_eq!(run.stderr.lines().count(), 50 * 6 + 3);
}

#[test]
fn a_quiz_with_thousands_of_problems_reports_the_first_fifty() {
    // Three problems in each of 10,000 questions.
    let bad = "  (id: \"\", prompt: \"\", kind: TrueFalse(answer: true), explanation: \"\", citations: [(source: \"a\", quote: \"q\")])";
    let text = quiz(&vec![bad; 10_000]);
    let stderr = check("q.ron", text);
    assert!(
        stderr.starts_with(
            "q.ron:4:8: error: question id is empty
  |
4 |   (id: \"\", prompt: \"\", kind: TrueFalse(answer: true), explanation: \"\", citations: [(source: \"a\", quote: \"q\")]),
  |        ^^
  |
  = help: give it a short unique id
q.ron:4:20: error: prompt is empty
"
        ),
        "{stderr}"
    );
    assert!(
        stderr.ends_with(
            "q.ron: error: … and 29950 more problems in this file\nq.ron: 30000 errors\n1 of 1 quiz file has problems\n"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 50 * 6 + 3);
}

#[test]
fn an_empty_question_list_is_reported_with_the_other_problems() {
    let text = "(format: 1, id: \"q\", title: \"\", description: \"D\",
 sources: [(id: \"a\", headline: \"H\", file: \"a.txt\")],
 questions: [],
 tests: [(question: \"q1\", response: Bool(true), expect: Accept)],
)
";
    assert_eq!(
        check("q.ron", text),
        "q.ron:1:29: error: title is empty
  |
1 | (format: 1, id: \"q\", title: \"\", description: \"D\",
  |                             ^^
  |
  = help: write the title
q.ron:3:13: error: the quiz has no questions
  |
3 |  questions: [],
  |             ^^
  |
  = help: add at least one question
q.ron:4:21: error: test names unknown question `q1`
  |
4 |  tests: [(question: \"q1\", response: Bool(true), expect: Accept)],
  |                     ^^^^
  |
  = help: questions: none
q.ron: 3 errors
1 of 1 quiz file has problems
"
    );
}
