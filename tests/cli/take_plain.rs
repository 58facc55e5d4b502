//! `lateral take` with standard input that is not a terminal: plain prompts, one answer per line.

use lateral::quiz::{Kind, Quiz};
use lateral::screen::letter;
use lateral::shuffle::order;

use crate::util::{repo, Lateral};

pub fn mini() -> Quiz {
    lateral::cli::load_quiz(std::path::Path::new(&repo("tests/fixtures/mini.ron")))
        .unwrap()
        .value
}

/// The lines that answer every question of `quiz` correctly under `seed`.
pub fn correct_lines(quiz: &Quiz, seed: u64) -> Vec<String> {
    let order = order(quiz, seed);
    order
        .questions
        .iter()
        .map(|&qi| {
            let q = &quiz.questions[qi];
            let shown = &order.options[qi];
            let letter_of = |id: &str| {
                let pos = shown
                    .iter()
                    .position(|&i| q.kind.options()[i].id == id)
                    .unwrap();
                letter(pos).to_string()
            };
            match &q.kind {
                Kind::Single { answer, .. } => letter_of(answer),
                Kind::Multiple { answers, .. } => answers
                    .iter()
                    .map(|a| letter_of(a))
                    .collect::<Vec<_>>()
                    .join(","),
                Kind::TrueFalse { answer } => if *answer { "t" } else { "f" }.to_owned(),
                Kind::Number { .. } => "nine minutes".to_owned(),
                Kind::Text { .. } => "calderon".to_owned(),
                other => unreachable!("the fixture has no {} question", other.name()),
            }
        })
        .collect()
}

#[test]
fn a_scripted_run_scores_full_marks() {
    let quiz = mini();
    let input = correct_lines(&quiz, 11).join("\n") + "\n";
    let run = Lateral::new()
        .args(["take", &repo("tests/fixtures/mini.ron"), "--seed", "11"])
        .stdin(input)
        .run();
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    // The seed, for whoever needs it, last on the welcome screen.
    assert!(
        run.stdout.contains(
            "one answer per line\n\nTo get this same order again: --seed 11\n\nQuestion 1 of 5"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Question 5 of 5"));
    // A script is never asked to press a key.
    assert!(!run.stdout.contains("Press any key"), "{}", run.stdout);
    assert!(
        run.stdout.contains("Score: 6 of 6 points (100%) · passed"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("✗ Wrong"));
}

#[test]
fn the_same_seed_gives_the_same_transcript() {
    let quiz = mini();
    let input = correct_lines(&quiz, 5).join("\n") + "\n";
    let take = || {
        Lateral::new()
            .args(["take", &repo("tests/fixtures/mini.ron"), "--seed", "5"])
            .stdin(input.clone())
            .run()
            .stdout
    };
    let first = without_time(&take());
    assert_eq!(first, without_time(&take()));
    insta::assert_snapshot!("mini_seed_5_transcript", first);
}

/// A transcript with the time taken (which depends on the machine) as `…`.
fn without_time(transcript: &str) -> String {
    let mut times = 0;
    let lines: Vec<&str> = transcript
        .split_inclusive('\n')
        .map(|line| match line.starts_with("Time taken: ") {
            true => {
                times += 1;
                "Time taken: …\n"
            }
            false => line,
        })
        .collect();
    assert_eq!(times, 1, "one time taken in the report: {transcript}");
    lines.concat()
}

/// The progress bar the header of question `k` of `n` shows at plain
/// mode's 80 columns: 40 columns, `█` for the part done.
fn bar(k: usize, n: usize) -> String {
    let done = (k * 40 * 2 + n) / (2 * n);
    format!(
        "{}{}",
        "█".repeat(done.max(1)),
        "░".repeat(40 - done.max(1))
    )
}

#[test]
fn every_question_shows_where_the_student_is() {
    let quiz = mini();
    let input = correct_lines(&quiz, 11).join("\n") + "\n";
    let run = Lateral::new()
        .args(["take", &repo("tests/fixtures/mini.ron"), "--seed", "11"])
        .stdin(input)
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Bars written out: 8, 16, 24, 32 and 40 of 40 columns.
    assert_eq!(bar(2, 5), format!("{}{}", "█".repeat(16), "░".repeat(24)));
    for k in 1..=5 {
        let title = format!("\nQuestion {k} of 5 · ");
        let at = run.stdout.find(&title).unwrap_or_else(|| panic!("{title}"));
        let below = run.stdout[at + 1..].lines().nth(1).unwrap();
        assert_eq!(below, bar(k, 5), "{}", run.stdout);
    }
}

#[test]
fn a_resumed_attempt_counts_from_where_it_was() {
    let quiz = mini();
    let lines = correct_lines(&quiz, 11);
    let quiz_file = repo("tests/fixtures/mini.ron");
    let args = ["take", &quiz_file, "--seed", "11", "--save", "answers.ron"];
    let lateral = Lateral::new();
    let first = lateral.run_with_input(&args, &(lines[..2].join("\n") + "\n"));
    assert_eq!(first.code, 1, "{}", first.stderr);
    let resumed = lateral.run_with_input(&args, &format!("y\n{}\n", lines[2..].join("\n")));
    assert_eq!(resumed.code, 0, "{}", resumed.stderr);
    assert!(!resumed.stdout.contains("Question 2 of 5"));
    let at = resumed.stdout.find("\nQuestion 3 of 5 · ").unwrap();
    assert_eq!(resumed.stdout[at + 1..].lines().nth(1).unwrap(), bar(3, 5));
    assert!(
        resumed.stdout.contains("\nTime taken: "),
        "{}",
        resumed.stdout
    );
}

#[test]
fn unreadable_lines_are_refused_and_the_next_line_is_read() {
    let quiz = mini();
    let mut lines = correct_lines(&quiz, 11);
    let order = order(&quiz, 11);
    // Put a bad line before every answer.
    for (pos, &qi) in order.questions.iter().enumerate().rev() {
        let bad = match quiz.questions[qi].kind {
            Kind::Single { .. } => "z",
            Kind::Multiple { .. } => "a,q",
            Kind::TrueFalse { .. } => "maybe",
            Kind::Number { .. } => "abc",
            Kind::Text { .. } => "  ",
            ref other => unreachable!("the fixture has no {} question", other.name()),
        };
        lines.insert(pos, bad.to_owned());
    }
    let run = Lateral::new()
        .args(["take", &repo("tests/fixtures/mini.ron"), "--seed", "11"])
        .stdin(lines.join("\n") + "\n")
        .run();
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run
        .stdout
        .contains("  ! `z` is not one of the letters a to c"));
    assert!(run
        .stdout
        .contains("  ! `q` is not one of the letters a to c"));
    assert!(run.stdout.contains("  ! type t for true or f for false"));
    assert!(run
        .stdout
        .contains("  ! `abc` is not a number; type digits such as 12 or words such as twelve"));
    assert!(run
        .stdout
        .contains("  ! type an answer (letters or digits)"));
    assert!(run.stdout.contains("Score: 6 of 6 points (100%)"));
}

#[test]
fn end_of_input_is_a_clear_error_and_saved_answers_survive() {
    let quiz = mini();
    let lines = correct_lines(&quiz, 11);
    let lateral = Lateral::new()
        .args([
            "take",
            &repo("tests/fixtures/mini.ron"),
            "--seed",
            "11",
            "--save",
            "answers.ron",
        ])
        .stdin(lines[..2].join("\n") + "\n");
    let run = lateral.run();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.ends_with("input ended before question 3 of 5 was answered; the answers given so far are saved in answers.ron\n"),
        "{}",
        run.stderr
    );
    let graded = lateral.again(&[
        "grade",
        &repo("tests/fixtures/mini.ron"),
        "answers.ron",
        "--json",
    ]);
    assert_eq!(graded.code, 0, "{}", graded.stderr);
    let v: serde_json::Value = serde_json::from_str(&graded.stdout).unwrap();
    let answered = v[0]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["verdict"] != "unanswered")
        .count();
    assert_eq!(answered, 2);
    assert_eq!(
        v[0]["questions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| q["correct"] == true)
            .count(),
        2
    );
}

#[test]
fn empty_input_fails_at_the_first_question() {
    let run = Lateral::new()
        .args(["take", &repo("tests/fixtures/mini.ron"), "--seed", "1"])
        .run();
    assert_eq!(run.code, 1);
    // Nothing was answered, so nothing is said to be saved.
    assert!(
        run.stderr
            .ends_with("input ended before question 1 of 5 was answered\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn quiz_text_cannot_drive_the_terminal() {
    let evil = std::fs::read_to_string(repo("tests/fixtures/mini.ron"))
        .unwrap()
        .replace(
            "Which colour was the door?",
            "Which colour \\u{1b}]0;pwned\\u{7} was \\u{1b}[2J the door\\u{202e}?",
        )
        .replace(
            "(id: \"green\", text: \"Green\")",
            "(id: \"green\", text: \"Gr\\u{1b}[31meen\")",
        );
    let quiz = mini();
    let input = correct_lines(&quiz, 3).join("\n") + "\n";
    let lateral = Lateral::new().file("evil.ron", evil);
    let run = lateral
        .args(["take", "evil.ron", "--seed", "3"])
        .stdin(input)
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stdout.contains('\u{1b}'),
        "raw escape reached the terminal"
    );
    assert!(!run.stdout.contains('\u{202e}'));
    assert!(
        run.stdout
            .contains("Which colour \\x1b]0;pwned\\x07 was \\x1b[2J the door\\u{202e}?"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Gr\\x1b[31meen"));
}

#[test]
fn sigint_in_plain_mode_exits_130_and_keeps_saved_answers() {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let quiz = mini();
    let first = correct_lines(&quiz, 11).remove(0);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("lateral"))
        .args([
            "take",
            &repo("tests/fixtures/mini.ron"),
            "--seed",
            "11",
            "--save",
            "a.ron",
        ])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{first}").unwrap();
    stdin.flush().unwrap();
    // Wait until the first answer is saved, then interrupt while lateral waits for the second.
    let saved = dir.path().join("a.ron");
    for _ in 0..300 {
        if saved.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(saved.exists(), "the first answer was not saved");
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted; the answers given so far are saved in a.ron"),
        "{stderr}"
    );
    let sheet = std::fs::read_to_string(saved).unwrap();
    assert!(sheet.contains("answers: ["), "{sheet}");
    assert!(sheet.contains("finished: false"), "{sheet}");
    drop(stdin);
}

/// A run of mini (seed 11) whose input ends after two right answers: its
/// folder, the quiz's path, and the lines that answer every question.
fn two_answered() -> (Lateral, String, Vec<String>) {
    let lines = correct_lines(&mini(), 11);
    let quiz_file = repo("tests/fixtures/mini.ron");
    let lateral = Lateral::new();
    let first = lateral.run_with_input(
        &["take", &quiz_file, "--seed", "11"],
        &(lines[..2].join("\n") + "\n"),
    );
    assert_eq!(first.code, 1, "{}", first.stderr);
    (lateral, quiz_file, lines)
}

#[test]
fn declining_to_resume_starts_afresh_and_keeps_the_unfinished_attempt() {
    let (lateral, quiz_file, lines) = two_answered();
    let again = lateral.run_with_input(
        &["take", &quiz_file, "--seed", "11"],
        &format!("n\n{}\n", lines.join("\n")),
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stdout.contains("Resume your unfinished attempt"),
        "{}",
        again.stdout
    );
    // A fresh start: question 1 is asked, and all five are scored.
    assert!(
        again.stdout.contains("\nQuestion 1 of 5 · "),
        "{}",
        again.stdout
    );
    assert!(
        again.stdout.contains("Score: 6 of 6 points"),
        "{}",
        again.stdout
    );
    let history = lateral.again(&["history"]);
    assert_eq!(history.code, 0, "{}", history.stderr);
    assert!(
        history.stdout.contains("2 of 5 answered"),
        "{}",
        history.stdout
    );
    assert!(history.stdout.contains("finished"), "{}", history.stdout);
}

#[test]
fn input_ending_at_the_resume_question_changes_nothing() {
    let (lateral, quiz_file, lines) = two_answered();
    let before = lateral.again(&["history", "--json"]).stdout;
    let ended = lateral.run_with_input(&["take", &quiz_file], "");
    assert_eq!(ended.code, 1, "{}", ended.stdout);
    assert!(ended.stderr.contains("input ended"), "{}", ended.stderr);
    // The unfinished attempt is as it was, and still offered.
    assert_eq!(lateral.again(&["history", "--json"]).stdout, before);
    let resumed = lateral.run_with_input(
        &["take", &quiz_file],
        &format!("y\n{}\n", lines[2..].join("\n")),
    );
    assert_eq!(resumed.code, 0, "{}", resumed.stderr);
    assert!(
        resumed.stdout.contains("Score: 6 of 6 points"),
        "{}",
        resumed.stdout
    );
}
