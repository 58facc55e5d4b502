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

#[test]
fn a_closed_pipe_is_not_an_error() {
    // `lateral key q | head -1` must not panic or complain.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{} key {} --json | head -c 1 >/dev/null; echo done",
            assert_cmd::cargo::cargo_bin("lateral").display(),
            repo("quizzes/viral-photo.ron")
        ))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}
