//! `lateral key`, `lateral grade` and `lateral test`.

use crate::util::{repo, Lateral};

fn mini() -> String {
    repo("tests/fixtures/mini.ron")
}

#[test]
fn key_prints_answers_points_and_citations() {
    let run = Lateral::new().args(["key", &mini()]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("mini_key", run.stdout);
}

#[test]
fn key_json_has_the_documented_fields() {
    let run = Lateral::new().args(["key", &mini(), "--json"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 5);
    assert_eq!(items[0]["id"], "pick");
    assert_eq!(items[0]["kind"], "Single");
    assert_eq!(items[0]["answer"], "Red");
    assert_eq!(items[0]["points"], 1.0);
    assert_eq!(items[0]["citations"][1]["source"], "b");
    assert_eq!(items[0]["citations"][1]["quote"], "a red door");
    assert_eq!(items[1]["answer"], "Report A; Report B");
    assert_eq!(items[2]["answer"], "true");
    assert_eq!(items[3]["answer"], "9 minutes");
    assert_eq!(items[4]["answer"], "Felipe Calderón / Calderón");
}

#[test]
fn key_sheet_grades_to_full_marks() {
    let key = Lateral::new().args(["key", &mini(), "--sheet"]).run();
    assert!(key.stdout.contains("format: 2"), "{}", key.stdout);
    let lateral = Lateral::new().file("k.ron", &key.stdout);
    let run = lateral.args(["grade", &mini(), "k.ron"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "k.ron: 6 of 6 points (100%), passed\n  ✓ pick  1/1\n  ✓ all  2/2\n  ✓ tf  1/1\n  ✓ count  1/1\n  ✓ who  1/1\n"
    );
}

const PARTIAL: &str = r#"(
    format: 1,
    quiz: "mini",
    responses: {
        "pick": Choice("blue"),
        "all": Choices(["a"]),
        "tf": Bool(true),
        "who": Text("caldreon"),
    },
)"#;

#[test]
fn grade_json_reports_partial_credit_and_unanswered() {
    let lateral = Lateral::new().file("s.ron", PARTIAL);
    let run = lateral.args(["grade", &mini(), "s.ron", "--json"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let s = &v[0];
    assert_eq!(s["sheet"], "s.ron");
    assert_eq!(s["score"], 3.0);
    assert_eq!(s["max"], 6.0);
    assert_eq!(s["percent"], 50.0);
    assert_eq!(s["passed"], false);
    let q = &s["questions"];
    assert_eq!(q[0]["id"], "pick");
    assert_eq!(q[0]["correct"], false);
    assert_eq!(q[1]["points"], 1.0);
    assert_eq!(q[1]["verdict"], "partial");
    assert_eq!(q[3]["verdict"], "unanswered");
    assert_eq!(q[4]["correct"], true);
}

#[test]
fn a_bad_sheet_is_reported_with_positions() {
    let sheet = "(\n    format: 1,\n    quiz: \"other\",\n    responses: {\n        \"pik\": Choice(\"red\"),\n        \"tf\": Text(\"yes\"),\n    },\n)";
    let lateral = Lateral::new().file("bad.ron", sheet);
    let run = lateral.args(["grade", &mini(), "bad.ron"]).run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("bad.ron:3:11: error: sheet answers quiz `other`, not `mini`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("bad.ron:5:16: error: response to unknown question `pik`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean `pick`?"));
    assert!(
        run.stderr
            .contains("bad.ron:6:15: error: response does not fit a `TrueFalse` question"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("write `Bool(true)` or `Bool(false)`"));
    assert!(
        run.stderr.ends_with("1 of 1 sheet could not be graded\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_sheet_from_a_newer_format_is_refused() {
    let lateral = Lateral::new().file("new.ron", "(format: 9, quiz: \"mini\", responses: {})");
    let run = lateral.args(["grade", &mini(), "new.ron"]).run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("new.ron:1:10: error: unsupported sheet format version 9"),
        "{}",
        run.stderr
    );
}

#[test]
fn test_counts_passes_and_failures() {
    let run = Lateral::new().args(["test", &mini()]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.ends_with("11 passed, 0 failed\n"),
        "{}",
        run.stdout
    );

    let wrong = std::fs::read_to_string(mini()).unwrap().replace(
        "response: Text(\"Sarukhan\"), expect: Reject",
        "response: Text(\"Sarukhan\"), expect: Accept",
    );
    let lateral = Lateral::new().file("wrong.ron", wrong);
    let run = lateral.args(["test", "wrong.ron"]).run();
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(
            "  FAILED who: \"Sarukhan\" is accepted: the key rejects it (earns 0 of the points)\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("10 passed, 1 failed\n"),
        "{}",
        run.stdout
    );
}

/// A quiz of `n` one-point true/false questions, every answer `true`, with
/// the given pass mark.
fn true_false_quiz(n: usize, pass_mark: &str) -> String {
    let questions: String = (0..n)
        .map(|i| {
            format!(
                "(id: \"q{i}\", prompt: \"Statement {i} holds.\", kind: TrueFalse(answer: true), \
                 explanation: \"Report A says so.\", citations: [(source: \"a\", quote: \"statement {i}\")]),\n"
            )
        })
        .collect();
    format!(
        "(format: 2, id: \"tf\", title: \"True or false\", description: \"Statements.\",\n\
         pass_mark: {pass_mark},\n\
         sources: [(id: \"a\", headline: \"Report A\", file: \"a.txt\")],\n\
         questions: [\n{questions}])\n"
    )
}

/// A sheet for [`true_false_quiz`] answering `right` questions `true` and
/// the rest `false`.
fn true_false_sheet(n: usize, right: usize) -> String {
    let responses: String = (0..n)
        .map(|i| format!("\"q{i}\": Bool({}), ", i < right))
        .collect();
    format!("(format: 2, quiz: \"tf\", responses: {{{responses}}})\n")
}

#[test]
fn a_score_exactly_on_the_pass_mark_passes_and_just_below_fails() {
    // Two questions, one right: exactly 50%.
    for (mark, passed) in [("50", true), ("50.5", false), ("49.5", true)] {
        let run = Lateral::new()
            .file("tf.ron", true_false_quiz(2, mark))
            .file("half.ron", true_false_sheet(2, 1))
            .args(["grade", "tf.ron", "half.ron", "--json"])
            .run();
        assert_eq!(run.code, 0, "{}", run.stderr);
        let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let sheet = &v[0];
        assert_eq!(sheet["percent"], 50.0, "{}", run.stdout);
        assert_eq!(sheet["passed"], passed, "pass mark {mark}: {}", run.stdout);
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // `lateral key q | head -c 1` must end quietly with success, even when the
    // output is far larger than the pipe's buffer (so the write really fails).
    let dir = tempfile::tempdir().unwrap();
    let quiz = dir.path().join("tf.ron");
    std::fs::write(&quiz, true_false_quiz(3000, "50")).unwrap();
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; {} key {} --json | head -c 1 >/dev/null",
            assert_cmd::cargo::cargo_bin("lateral").display(),
            quiz.display()
        ))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err, "", "a closed pipe printed something");
    assert_eq!(out.status.code(), Some(0), "{err}");
    // The same output, read whole, is indeed larger than a pipe holds.
    let whole = Lateral::new()
        .file("tf.ron", true_false_quiz(3000, "50"))
        .args(["key", "tf.ron", "--json"])
        .run();
    assert!(
        whole.stdout.len() > 256 * 1024,
        "{} bytes",
        whole.stdout.len()
    );
}

#[test]
fn an_attempt_of_another_quiz_is_refused() {
    // A real attempt of `tf`, graded against a quiz with another id.
    let lateral = Lateral::new().file("tf.ron", true_false_quiz(2, "50"));
    let taken = lateral.run_with_input(&["take", "tf.ron", "--save", "att.ron"], "t\nt\n");
    assert_eq!(taken.code, 0, "{}", taken.stderr);
    let other = true_false_quiz(2, "50").replace("id: \"tf\"", "id: \"other\"");
    std::fs::write(lateral.path("other.ron"), other).unwrap();
    let run = lateral.again(&["grade", "other.ron", "att.ron"]);
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stderr.contains("att.ron") && run.stderr.contains("tf"),
        "{}",
        run.stderr
    );
    // The same attempt grades against its own quiz.
    let own = lateral.again(&["grade", "tf.ron", "att.ron"]);
    assert_eq!(own.code, 0, "{}", own.stderr);
}

#[test]
fn a_sheet_for_another_quiz_is_refused() {
    let run = Lateral::new()
        .file("tf.ron", true_false_quiz(2, "50"))
        .file("other.ron", "(format: 2, quiz: \"other\", responses: {})\n")
        .args(["grade", "tf.ron", "other.ron"])
        .run();
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stderr.contains("other.ron") && run.stderr.contains("\"other\""),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_that_is_neither_sheet_nor_attempt_is_refused() {
    let run = Lateral::new()
        .file("tf.ron", true_false_quiz(2, "50"))
        .file("notes.ron", "(title: \"my notes\")\n")
        .args(["grade", "tf.ron", "notes.ron"])
        .run();
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(run.stderr.contains("notes.ron:1:"), "{}", run.stderr);
}

#[test]
fn test_on_a_quiz_that_does_not_load_fails_with_its_position() {
    let run = Lateral::new()
        .file("broken.ron", "(format: 2, id: \"x\",\n title: 3)\n")
        .args(["test", "broken.ron"])
        .run();
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stderr.contains("broken.ron:2:"), "{}", run.stderr);
}
