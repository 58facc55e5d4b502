//! Every limit of docs/limits.md, met through the binary: the message
//! names the limit and the size found. Oversized files are sparse (their
//! length set, no bytes written), so the tests are quick, and they also
//! show the limit is checked before the bytes are read.

use std::fs::File;

use crate::take_plain::{correct_lines, mini};
use crate::util::{repo, Lateral};

/// `lateral` in a folder holding `name`, a file of `len` bytes (zeros).
fn with_sized_file(lateral: Lateral, name: &str, len: u64) -> Lateral {
    let lateral = lateral.file(name, "");
    File::options()
        .write(true)
        .open(lateral.path(name))
        .unwrap()
        .set_len(len)
        .unwrap();
    lateral
}

#[test]
fn a_quiz_over_4_mb_is_refused_with_its_size() {
    let run = with_sized_file(Lateral::new(), "quiz.ron", 12_897_485)
        .args(["check", "quiz.ron"])
        .run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("quiz.ron: error: 12.3 MB is over the 4 MB limit for a quiz file\n"),
        "{}",
        run.stderr
    );
    // `take` reads quizzes (and papers) the same way.
    let run = with_sized_file(Lateral::new(), "quiz.ron", 5 * 1024 * 1024)
        .args(["take", "quiz.ron"])
        .run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("quiz.ron: error: 5 MB is over the 4 MB limit for a quiz file"),
        "{}",
        run.stderr
    );
}

#[test]
fn one_byte_over_is_said_in_bytes_and_the_limit_itself_is_allowed() {
    let run = with_sized_file(Lateral::new(), "quiz.ron", 4_194_305)
        .args(["check", "quiz.ron"])
        .run();
    assert!(
        run.stderr.contains(
            "quiz.ron: error: 4,194,305 bytes is over the 4 MB limit for a quiz file (4,194,304 bytes)"
        ),
        "{}",
        run.stderr
    );
    // At the limit the file is read and parsed (and fails as the NUL bytes
    // it holds, not for its size).
    let run = with_sized_file(Lateral::new(), "quiz.ron", 4_194_304)
        .args(["check", "quiz.ron"])
        .run();
    assert_eq!(run.code, 1);
    assert!(!run.stderr.contains("limit"), "{}", run.stderr);
    assert!(
        run.stderr.contains("quiz.ron:1:1: error:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_sheet_over_4_mb_is_refused_and_the_others_graded() {
    let key = Lateral::new()
        .args(["key", &repo("tests/fixtures/mini.ron"), "--sheet"])
        .run()
        .stdout;
    let run = with_sized_file(
        Lateral::new().file("key.ron", key),
        "big.ron",
        5 * 1024 * 1024,
    )
    .args([
        "grade",
        &repo("tests/fixtures/mini.ron"),
        "big.ron",
        "key.ron",
    ])
    .run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("big.ron: error: 5 MB is over the 4 MB limit for a response sheet"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("key.ron: 6 of 6 points"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_source_text_over_64_mb_is_refused_with_its_size() {
    let lateral = Lateral::new()
        .file(
            "q.ron",
            std::fs::read(repo("tests/fixtures/mini.ron")).unwrap(),
        )
        .file(
            "sources/b.txt",
            std::fs::read(repo("tests/fixtures/sources/b.txt")).unwrap(),
        );
    let run = with_sized_file(lateral, "sources/a.txt", 70 * 1024 * 1024)
        .args(["check", "--sources", "sources", "q.ron"])
        .run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "cannot read source `a` (a.txt): 70 MB is over the 64 MB limit for a source text"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_attempt_file_over_4_mb_is_set_aside_with_its_size() {
    let lateral = with_sized_file(
        Lateral::new(),
        "data/attempts/mini/20261122T060000Z-7.ron",
        6 * 1024 * 1024,
    );
    // The runs' data directory is `data` in their folder.
    let run = lateral.args(["history"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("unreadable: 6 MB is over the 4 MB limit  mini/20261122T060000Z-7"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_answer_line_over_64_kb_is_refused_and_asked_again() {
    let quiz = mini();
    let mut lines = correct_lines(&quiz, 11);
    // 100,000 bytes and the line break: 97.7 kB.
    lines.insert(0, "x".repeat(100_000));
    let run = Lateral::new()
        .args(["take", &repo("tests/fixtures/mini.ron"), "--seed", "11"])
        .stdin(lines.join("\n") + "\n")
        .run();
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "  ! 97.7 kB is over the 64 kB limit for an answer line; type a shorter answer\n"
        ),
        "{}",
        &run.stdout[..run.stdout.len().min(3000)]
    );
    assert!(!run.stdout.contains("xxxxxxxx"), "the long line was echoed");
    assert!(run.stdout.contains("6 of 6 points"), "{}", run.stdout);
    // One byte over: 65,536 letters and the line break.
    let mut lines = correct_lines(&quiz, 11);
    lines.insert(0, "x".repeat(65_536));
    let run = Lateral::new()
        .args(["take", &repo("tests/fixtures/mini.ron"), "--seed", "11"])
        .stdin(lines.join("\n") + "\n")
        .run();
    assert!(
        run.stdout.contains(
            "  ! 65,537 bytes is over the 64 kB limit for an answer line (65,536 bytes); type a shorter answer\n"
        ),
        "{}",
        &run.stdout[..run.stdout.len().min(3000)]
    );
    assert!(run.stdout.contains("6 of 6 points"), "{}", run.stdout);
    // A line of exactly 64 kB (65,536 bytes with its line break) is read
    // as an answer, and refused only as one that cannot be read.
    let mut lines = correct_lines(&quiz, 11);
    lines.insert(0, "x".repeat(65_535));
    let run = Lateral::new()
        .args(["take", &repo("tests/fixtures/mini.ron"), "--seed", "11"])
        .stdin(lines.join("\n") + "\n")
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("limit"), "{}", run.stdout);
    assert!(run.stdout.contains("6 of 6 points"), "{}", run.stdout);
}

#[test]
fn a_quiz_id_over_64_characters_is_refused_with_its_length() {
    let text = std::fs::read_to_string(repo("tests/fixtures/mini.ron"))
        .unwrap()
        .replace("id: \"mini\"", &format!("id: \"{}\"", "m".repeat(70)));
    let run = Lateral::new()
        .file("q.ron", text)
        .args(["check", "q.ron"])
        .run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error: quiz id is 70 characters long, over the limit of 64"),
        "{}",
        run.stderr
    );
}

/// A quiz with one question of `kind`.
fn quiz_with(kind: &str) -> String {
    format!(
        r#"(
    format: 2, id: "lists", title: "T", description: "D",
    sources: [(id: "a", headline: "Report A", file: "a.txt")],
    questions: [(
        id: "q", prompt: "P?", kind: {kind},
        explanation: "E.", citations: [(source: "a", quote: "the red door")],
    )],
)
"#
    )
}

/// `n` entries `(id: "e0", text: "entry "), (id: "e1", text: "entry entry "), ...`,
/// each text unlike the others.
fn entries(n: usize) -> String {
    (0..n)
        .map(|i| format!("(id: \"e{i}\", text: \"{}\"),", "entry ".repeat(i + 1)))
        .collect()
}

#[test]
fn a_question_has_at_most_26_options_items_or_choices() {
    for (kind, message) in [
        (
            format!("Single(options: [{}], answer: \"e0\")", entries(27)),
            "27 options is over the limit of 26 in one question",
        ),
        (
            format!("Multiple(options: [{}], answers: [\"e0\"])", entries(40)),
            "40 options is over the limit of 26 in one question",
        ),
        (
            format!("Ordering(items: [{}])", entries(27)),
            "27 items is over the limit of 26 in one question",
        ),
        (
            format!(
                "Matching(items: [(id: \"i\", text: \"I\", answer: \"e0\"), (id: \"j\", text: \"J\", answer: \"e1\")], choices: [{}])",
                entries(30)
            ),
            "30 choices is over the limit of 26 in one question",
        ),
    ] {
        let run = Lateral::new()
            .file("q.ron", quiz_with(&kind))
            .args(["check", "q.ron"])
            .run();
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains(message), "{message}: {}", run.stderr);
        assert!(run.stderr.contains("q.ron: 1 error\n"), "{}", run.stderr);
    }
    // 26 is allowed: the last option is z.
    let run = Lateral::new()
        .file(
            "q.ron",
            quiz_with(&format!(
                "Single(options: [{}], answer: \"e25\")",
                entries(26)
            )),
        )
        .args(["check", "q.ron"])
        .run();
    assert!(!run.stderr.contains("over the limit"), "{}", run.stderr);
}
