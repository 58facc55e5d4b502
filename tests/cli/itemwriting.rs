//! Item-writing warnings: what a teacher reads for each flaw, caret
//! included, what is left alone, and `check --deny-warnings`.

use crate::util::{repo, Lateral, Run};

const HEAD: &str = "(format: 1, id: \"q\", title: \"T\", description: \"D\",\n sources: [(id: \"a\", headline: \"A\", file: \"a.txt\"), (id: \"b\", headline: \"B\", file: \"b.txt\")],\n questions: [\n";

/// A quiz with two sources and these questions, one after another.
fn quiz(questions: &[String]) -> String {
    format!("{HEAD}{} ])\n", questions.concat())
}

/// A single-choice question: its options on a line of their own.
fn single(id: &str, options: &[(&str, &str)], answer: &str) -> String {
    let options: Vec<String> = options
        .iter()
        .map(|(id, text)| format!("(id: \"{id}\", text: \"{text}\")"))
        .collect();
    format!(
        "  (id: \"{id}\", prompt: \"P\", kind: Single(\n    options: [{}],\n    answer: \"{answer}\"), explanation: \"E\", citations: [(source: \"a\", quote: \"q\")]),\n",
        options.join(", ")
    )
}

fn true_false(prompt: &str) -> String {
    format!(
        "  (id: \"tf\", prompt: \"{prompt}\", kind: TrueFalse(answer: false),\n    explanation: \"E\", citations: [(source: \"a\", quote: \"q\")]),\n"
    )
}

/// A number question whose explanation is on a line of its own.
fn explained(explanation: &str, sources: &[&str]) -> String {
    let citations: Vec<String> = sources
        .iter()
        .map(|s| format!("(source: \"{s}\", quote: \"q\")"))
        .collect();
    format!(
        "  (id: \"age\", prompt: \"How old was he?\", kind: Number(answer: 6),\n    explanation: \"{explanation}\",\n    citations: [{}]),\n",
        citations.join(", ")
    )
}

/// `lateral check q.ron` on a quiz of these questions.
fn check(questions: &[String]) -> Run {
    let run = Lateral::new()
        .file("q.ron", quiz(questions))
        .args(["check", "q.ron"])
        .run();
    assert_eq!(
        run.code, 0,
        "warnings never fail a plain check\n{}",
        run.stderr
    );
    run
}

/// Checks that the quiz passes with exactly one warning, `warning`.
fn assert_warns(questions: &[String], warning: &str) {
    let run = check(questions);
    assert_eq!(run.stderr, warning);
    assert!(
        run.stdout.ends_with(", 1 warning\n"),
        "the ok line counts the warning: {}",
        run.stdout
    );
}

/// Checks that the quiz passes with no warning at all.
fn assert_clean(questions: &[String]) {
    let run = check(questions);
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout.ends_with(" answer-key tests)\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_key_that_is_the_longest_option_in_most_questions_is_one_warning() {
    assert_warns(
        &[
            single("q1", &[("a", "Longer"), ("b", "Short")], "a"),
            single("q2", &[("a", "Same"), ("b", "Size")], "a"),
            single("q3", &[("a", "Longest"), ("b", "Shorter")], "a"),
            single("q4", &[("a", "Key"), ("b", "Other")], "a"),
        ],
        r#"q.ron:3:13: warning: the key is the longest option in 3 of 4 single-choice questions (`q1`, `q2`, `q3`): test-wise students learn to pick the longest option without reading the sources
  |
3 |  questions: [
  |             ^
  |
  = help: in some of these questions make a distractor the longest option, or trim the key: give every option the same detail and care
"#,
    );
}

#[test]
fn a_key_that_is_the_longest_option_in_half_the_questions_is_not_a_pattern() {
    assert_clean(&[
        single("q1", &[("a", "Longer"), ("b", "Short")], "a"),
        single("q2", &[("a", "Same"), ("b", "Size")], "a"),
        single("q3", &[("a", "Key"), ("b", "Other")], "a"),
        single("q4", &[("a", "Key"), ("b", "Other")], "a"),
    ]);
}

#[test]
fn a_key_much_longer_than_its_distractors_is_flagged_at_the_key() {
    assert_warns(
        &[single(
            "photographer",
            &[
                ("gonzalez", "José Luis González, a Reuters photographer"),
                ("getty", "A Getty photographer"),
            ],
            "gonzalez",
        )],
        r#"q.ron:5:38: warning: the key is 42 characters long, more than 1.5 times the longest distractor (20): a key that stands out by its detail gives itself away to students who guess
  |
5 |     options: [(id: "gonzalez", text: "José Luis González, a Reuters photographer"), (id: "getty", text: "A Getty photographer")],
  |                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = help: shorten the key, or give the distractors as much detail, so that only reading the sources tells them apart
"#,
    );
}

#[test]
fn a_key_no_more_than_half_as_long_again_as_a_distractor_is_not_flagged() {
    assert_clean(&[single(
        "photographer",
        &[
            ("gonzalez", "José Luis González of Reuters"),
            ("getty", "A Getty Images photographer"),
        ],
        "gonzalez",
    )]);
}

#[test]
fn an_absolute_word_in_a_true_false_statement_is_flagged_at_the_prompt() {
    assert_warns(
        &[true_false("All five reports say the soldier was armed.")],
        r#"q.ron:4:22: warning: the statement uses the absolute word `all`: test-wise students know that statements with absolutes are usually false, so they can answer without reading the sources
  |
4 |   (id: "tf", prompt: "All five reports say the soldier was armed.", kind: TrueFalse(answer: false),
  |                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = help: say exactly how far the claim goes ("three of the five reports", "the first report") instead of an absolute
"#,
    );
}

#[test]
fn a_true_false_statement_with_its_scope_spelled_out_is_not_flagged() {
    // "Overall" and "allowed" hold "all" but are other words.
    assert_clean(&[true_false(
        "Overall, three of the five reports say the soldier was allowed to stop her.",
    )]);
}

#[test]
fn all_of_the_above_is_flagged_at_the_option() {
    assert_warns(
        &[single(
            "video",
            &[
                ("universal", "El Universal"),
                ("reuters", "Reuters"),
                ("all", "All of the above."),
            ],
            "universal",
        )],
        r#"q.ron:5:108: warning: "all of the above" as an option: students answer it from partial knowledge (one option known to be right or wrong settles it), and options are shown shuffled, so "above" may point at nothing
  |
5 |     options: [(id: "universal", text: "El Universal"), (id: "reuters", text: "Reuters"), (id: "all", text: "All of the above.")],
  |                                                                                                            ^^^^^^^^^^^^^^^^^^^
  |
  = help: replace it with a plausible wrong answer; if several options are right, make the question `Multiple` (select all that apply)
"#,
    );
}

#[test]
fn an_option_that_only_mentions_the_others_is_not_all_of_the_above() {
    assert_clean(&[single(
        "video",
        &[
            ("universal", "El Universal"),
            ("reuters", "Reuters"),
            ("none", "None of the reports"),
        ],
        "universal",
    )]);
}

#[test]
fn a_duplicate_option_is_flagged_at_the_second_one() {
    assert_warns(
        &[single(
            "mother",
            &[
                ("lety", "Lety Pérez"),
                ("sarukhan", "Arturo Sarukhan"),
                ("again", "LETY PEREZ!"),
            ],
            "lety",
        )],
        r#"q.ron:5:112: warning: this option reads the same as option `lety`: students rule out both at once, or see two right answers, so the question has fewer real choices than it shows
  |
5 |     options: [(id: "lety", text: "Lety Pérez"), (id: "sarukhan", text: "Arturo Sarukhan"), (id: "again", text: "LETY PEREZ!")],
  |                                                                                                                ^^^^^^^^^^^^^
  |
  = help: rewrite one of them as a different plausible answer, or remove it
"#,
    );
}

#[test]
fn spellings_a_letter_apart_in_short_names_are_not_duplicates() {
    assert_clean(&[single(
        "spelling",
        &[("lety", "Lety"), ("ledy", "Ledy"), ("letty", "Letty")],
        "lety",
    )]);
}

#[test]
fn an_explanation_that_counts_more_reports_than_it_cites_is_flagged() {
    assert_warns(
        &[explained(
            "Three reports give his age, and all say 6.",
            &["a", "b"],
        )],
        r#"q.ron:5:18: warning: the explanation says "Three reports", but the question cites 2 sources: students check the explanation against the evidence shown with it, and a count they cannot find there teaches them to repeat numbers unchecked
  |
5 |     explanation: "Three reports give his age, and all say 6.",
  |                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = help: cite each report the explanation counts (a quote from each), or make the count in words match the sources cited
"#,
    );
}

#[test]
fn an_explanation_whose_count_matches_or_that_names_no_count_is_not_flagged() {
    assert_clean(&[explained("Both reports give his age: 6.", &["a", "b"])]);
    assert_clean(&[explained(
        "Check more than one source; the date is in one report.",
        &["a", "b"],
    )]);
}

#[test]
fn deny_warnings_fails_a_file_with_only_warnings_and_passes_a_clean_one() {
    let lateral = Lateral::new().file(
        "q.ron",
        quiz(&[true_false("The soldier was always armed.")]),
    );
    let denied = lateral.again(&["check", "--deny-warnings", "q.ron"]);
    assert_eq!(denied.code, 1, "{}", denied.stderr);
    assert_eq!(denied.stdout, "");
    assert!(
        denied
            .stderr
            .starts_with("q.ron:4:22: warning: the statement uses the absolute word `always`: "),
        "{}",
        denied.stderr
    );
    assert!(
        denied.stderr.ends_with(
            "q.ron: 0 errors, 1 warning (--deny-warnings: a warning fails the check)\n1 of 1 quiz file has problems\n"
        ),
        "{}",
        denied.stderr
    );

    let allowed = lateral.again(&["check", "q.ron"]);
    assert_eq!(allowed.code, 0, "{}", allowed.stderr);
    assert_eq!(
        allowed.stdout,
        "q.ron: ok (1 question, 1 point, 0 answer-key tests), 1 warning\n"
    );

    let clean = Lateral::new()
        .args(["check", "--deny-warnings", &repo("tests/fixtures/mini.ron")])
        .run();
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert_eq!(clean.stderr, "");
    assert!(clean
        .stdout
        .ends_with("mini.ron: ok (5 questions, 6 points, 3 answer-key tests)\n"));
}

#[test]
fn warnings_are_shown_to_teachers_and_never_stop_a_command() {
    let lateral = Lateral::new().file("q.ron", quiz(&[true_false("The soldier was never armed.")]));
    let key = lateral.again(&["key", "q.ron"]);
    assert_eq!(key.code, 0, "{}", key.stderr);
    assert!(
        key.stderr
            .starts_with("q.ron:4:22: warning: the statement uses the absolute word `never`: "),
        "{}",
        key.stderr
    );
    // A student taking it is not shown them (see below).
    let taken = lateral.run_with_input(&["take", "q.ron", "--seed", "1"], "f\n");
    assert_eq!(taken.code, 0, "{}", taken.stderr);
    assert!(!taken.stderr.contains("warning"), "{}", taken.stderr);
}

#[test]
fn a_file_whose_citations_fail_counts_its_warnings_with_its_errors() {
    let text =
        quiz(&[true_false("All reports name the door.")]).replace("\"q\")", "\"no such words\")");
    let run = Lateral::new()
        .file("q.ron", text)
        .args([
            "check",
            "--sources",
            &repo("tests/fixtures/sources"),
            "q.ron",
        ])
        .run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("q.ron:4:22: warning: the statement uses the absolute word `all`: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("q.ron:5:56: error: citation quote not found in a.txt\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("q.ron: 1 error, 1 warning\n1 of 1 quiz file has problems\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_student_taking_the_quiz_is_not_shown_its_warnings() {
    // The warning names the key; `take` must not print it.
    let lateral = Lateral::new().file(
        "q.ron",
        quiz(&[single(
            "q1",
            &[
                ("a", "Yes"),
                ("b", "No"),
                ("c", "Only after the second report corrected the first"),
            ],
            "c",
        )]),
    );
    let checked = lateral.again(&["check", "q.ron"]);
    assert!(
        checked.stderr.contains("warning: the key is"),
        "{}",
        checked.stderr
    );
    let taken = lateral.run_with_input(&["take", "q.ron", "--seed", "1"], "c\n");
    assert_eq!(taken.code, 0, "{}", taken.stderr);
    assert!(!taken.stderr.contains("warning"), "{}", taken.stderr);
    assert!(!taken.stdout.contains("warning"), "{}", taken.stdout);
}
