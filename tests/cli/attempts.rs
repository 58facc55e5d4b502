//! Attempts in plain mode: saved, listed, reviewed, resumed, set aside, re-asked.

use crate::take_plain::{correct_lines, mini};
use crate::util::{repo, Lateral};

fn quiz() -> String {
    repo("tests/fixtures/mini.ron")
}

/// The files of the quiz's attempts, finished and unfinished, but for
/// hidden ones.
fn attempt_files(l: &Lateral) -> Vec<std::path::PathBuf> {
    crate::util::attempt_files_in(&l.path("data/attempts/mini"))
}

#[test]
fn a_finished_attempt_is_listed_and_reviewed() {
    let lines = correct_lines(&mini(), 2).join("\n") + "\n";
    let l = Lateral::new()
        .args(["take", &quiz(), "--seed", "2"])
        .stdin(lines);
    assert_eq!(l.again(&["history"]).stdout, "No attempts yet.\n");
    let run = l.run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let history = l.again(&["history"]);
    assert_eq!(history.code, 0, "{}", history.stderr);
    let row = history.stdout.lines().nth(1).unwrap();
    assert!(row.contains("mini"), "{row}");
    assert!(row.contains("6/6"), "{row}");
    assert!(row.contains("100%"), "{row}");
    assert!(row.contains("passed"), "{row}");
    assert!(row.contains("finished"), "{row}");
    let name = row.split_whitespace().last().unwrap();
    let review = l.again(&["review", name]);
    assert_eq!(review.code, 0, "{}", review.stderr);
    assert!(
        review
            .stdout
            .contains("Score: 6 of 6 points (100%) · passed"),
        "{}",
        review.stdout
    );
    assert_eq!(review.stdout.matches("Why:").count(), 5);
    // The attempt file grades like a response sheet.
    let file = attempt_files(&l).remove(0);
    let graded = l.again(&["grade", &quiz(), &file.display().to_string()]);
    assert_eq!(graded.code, 0, "{}", graded.stderr);
    assert!(
        graded.stdout.contains("6 of 6 points (100%), passed"),
        "{}",
        graded.stdout
    );
}

#[test]
fn an_unfinished_attempt_is_resumed_with_its_order_and_answers() {
    let lines = correct_lines(&mini(), 6);
    let l = Lateral::new()
        .args(["take", &quiz(), "--seed", "6"])
        .stdin(lines[..2].join("\n") + "\n");
    let first = l.run();
    assert_eq!(first.code, 1);
    let history = l.again(&["history", &quiz()]);
    assert!(
        history.stdout.contains("2 of 5 answered"),
        "{}",
        history.stdout
    );
    let review = l.again(&["review", &attempt_files(&l)[0].display().to_string()]);
    assert_eq!(review.code, 1);
    assert!(
        review
            .stderr
            .contains("this attempt is not finished (2 of 5 answered)"),
        "{}",
        review.stderr
    );

    // No --seed this time: the attempt's own order is used.
    let rest = format!("y\n{}\n", lines[2..].join("\n"));
    let again = l.run_with_input(&["take", &quiz()], &rest);
    assert_eq!(again.code, 0, "{}\n{}", again.stdout, again.stderr);
    assert!(
        again
            .stdout
            .contains("Resume your unfinished attempt from "),
        "{}",
        again.stdout
    );
    assert!(
        again.stdout.contains("(2 of 5 answered)? (Y/n)> y"),
        "{}",
        again.stdout
    );
    assert!(
        again.stdout.contains("Resuming your attempt from "),
        "{}",
        again.stdout
    );
    assert!(
        !again.stdout.contains("Question 1 of 5"),
        "answered questions are not asked again"
    );
    assert!(again.stdout.contains("Question 3 of 5"));
    assert!(
        again
            .stdout
            .contains("Score: 6 of 6 points (100%) · passed"),
        "{}",
        again.stdout
    );
    assert_eq!(attempt_files(&l).len(), 1);
}

#[test]
fn restart_starts_over_and_keeps_the_old_attempt() {
    let lines = correct_lines(&mini(), 6);
    let l = Lateral::new()
        .args(["take", &quiz(), "--seed", "6"])
        .stdin(lines[..1].join("\n") + "\n");
    l.run();
    let all = correct_lines(&mini(), 8).join("\n") + "\n";
    let run = l.run_with_input(&["take", &quiz(), "--seed", "8", "--restart"], &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("Resume your unfinished attempt"));
    assert_eq!(attempt_files(&l).len(), 2, "the old attempt is kept");
}

#[test]
fn unusable_attempts_are_set_aside_not_overwritten() {
    let l = Lateral::new()
        .file("data/attempts/mini/broken.ron", "(format: 1, quiz: ")
        .file(
            "data/attempts/mini/newer.ron",
            "(format: 99, quiz: \"mini\", something_new: true)",
        );
    // An attempt started on an earlier version of the quiz.
    let lines = correct_lines(&mini(), 6);
    let first = l.run_with_input(
        &["take", &quiz(), "--seed", "6"],
        &(lines[..1].join("\n") + "\n"),
    );
    assert_eq!(first.code, 1);
    assert!(
        first
            .stderr
            .contains("broken.ron: it cannot be read (line 1, column"),
        "{}",
        first.stderr
    );
    assert!(
        first
            .stderr
            .contains("newer.ron: it was written by a newer lateral (attempt format 99)"),
        "{}",
        first.stderr
    );
    assert!(l.path("data/attempts/mini/broken.ron.set-aside").exists());
    assert!(l.path("data/attempts/mini/newer.ron.set-aside").exists());
    let changed = std::fs::read_to_string(quiz()).unwrap().replace(
        "Which colour was the door?",
        "Which colour was the front door?",
    );
    let l2 = l.file("changed.ron", changed);
    let run = l2.run_with_input(&["take", "changed.ron", "--seed", "6"], "");
    assert!(
        run.stderr
            .contains("the quiz's questions have changed since it was started; it is kept as "),
        "{}",
        run.stderr
    );
    assert!(attempt_files(&l2)
        .iter()
        .any(|p| p.display().to_string().ends_with(".set-aside")));
}

#[test]
fn temporary_files_of_a_killed_save_are_cleaned_up() {
    let l = Lateral::new().file(
        "data/attempts/mini/.20261122T060000Z-1.ron.Ab3dE9",
        "(format: 1,",
    );
    l.run_with_input(&["take", &quiz(), "--seed", "1"], "");
    assert!(!l
        .path("data/attempts/mini/.20261122T060000Z-1.ron.Ab3dE9")
        .exists());
}

#[test]
fn missed_reasks_only_the_missed_questions() {
    let l = Lateral::new();
    let none = l.run_with_input(&["take", &quiz(), "--missed"], "");
    assert_eq!(none.code, 1);
    assert!(
        none.stderr.contains("no finished attempt at `mini` yet"),
        "{}",
        none.stderr
    );
    // Get "tf" wrong on purpose; everything else right.
    let quiz_value = mini();
    let order = lateral::shuffle::order(&quiz_value, 6);
    let mut lines = correct_lines(&quiz_value, 6);
    let tf_at = order
        .questions
        .iter()
        .position(|&i| quiz_value.questions[i].id == "tf")
        .unwrap();
    lines[tf_at] = "f".to_owned();
    let first = l.run_with_input(
        &["take", &quiz(), "--seed", "6"],
        &(lines.join("\n") + "\n"),
    );
    assert_eq!(first.code, 0, "{}", first.stderr);
    let again = l.run_with_input(&["take", &quiz(), "--missed"], "t\n");
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("Question 1 of 1"), "{}", again.stdout);
    assert!(again.stdout.contains("Report B names its publisher."));
    assert!(
        again.stdout.contains("Score: 1 of 1 point (100%)"),
        "{}",
        again.stdout
    );
    let nothing = l.run_with_input(&["take", &quiz(), "--missed"], "");
    assert_eq!(nothing.code, 0);
    assert!(
        nothing
            .stdout
            .contains("You missed nothing in your last attempt"),
        "{}",
        nothing.stdout
    );
}

#[test]
fn save_puts_the_attempt_where_asked_and_never_over_another_file() {
    let lines = correct_lines(&mini(), 6).join("\n") + "\n";
    let l = Lateral::new().file("mine.ron", "not an attempt");
    let run = l.run_with_input(
        &["take", &quiz(), "--seed", "6", "--save", "mine.ron"],
        &lines,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("kept the earlier mine.ron as mine.ron.set-aside"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(l.path("mine.ron.set-aside")).unwrap(),
        "not an attempt"
    );
    let saved = lateral::store::read(&l.path("mine.ron")).unwrap();
    assert!(saved.finished);
    assert_eq!(saved.answers.len(), 5);
}

#[test]
fn colour_follows_the_flag_when_output_is_not_a_terminal() {
    let lines = correct_lines(&mini(), 6).join("\n") + "\n";
    let l = Lateral::new();
    let plain = l.run_with_input(&["take", &quiz(), "--seed", "6"], &lines);
    assert!(
        !plain.stdout.contains('\u{1b}'),
        "no colour when the output is not a terminal"
    );
    let l = Lateral::new();
    let always = l.run_with_input(
        &["take", &quiz(), "--seed", "6", "--color", "always"],
        &lines,
    );
    assert!(always.stdout.contains("\u{1b}[1m"), "{}", always.stdout);
    assert!(
        always.stdout.contains("\u{1b}[32m\u{1b}[1m✓ Right"),
        "{:?}",
        always.stdout
    );
    let l = Lateral::new();
    let never = l.run_with_input(
        &["--color", "never", "take", &quiz(), "--seed", "6"],
        &lines,
    );
    assert!(!never.stdout.contains('\u{1b}'));
}

#[test]
fn review_says_why_it_cannot_show_an_attempt() {
    let lines = correct_lines(&mini(), 2).join("\n") + "\n";
    let other = std::fs::read_to_string(quiz())
        .unwrap()
        .replace("id: \"mini\"", "id: \"other\"");
    let changed = std::fs::read_to_string(quiz()).unwrap().replace(
        "Which colour was the door?",
        "Which colour was the front door?",
    );
    let l = Lateral::new()
        .args(["take", &quiz(), "--seed", "2"])
        .file("other.ron", other)
        .file("changed.ron", changed)
        .stdin(lines);
    assert_eq!(l.run().code, 0);
    let attempt = attempt_files(&l)[0].display().to_string();
    let refused = |args: &[&str], why: &str| {
        let run = l.again(args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stdout);
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(run.stderr.contains(why), "{args:?}: {}", run.stderr);
    };
    refused(
        &["review", &attempt, "--quiz", "other.ron"],
        ": cannot review this attempt: it is an attempt at quiz `mini`",
    );
    refused(
        &["review", &attempt, "--quiz", "changed.ron"],
        ": cannot review this attempt: the quiz's questions have changed since it was started",
    );
    refused(
        &["review", "mini/nothing-here"],
        "mini/nothing-here.ron: cannot read: no such file",
    );
    let newer = std::fs::read_to_string(&attempt)
        .unwrap()
        .replacen("format: 3", "format: 99", 1);
    assert!(newer.contains("format: 99"));
    std::fs::write(&attempt, newer).unwrap();
    // Refused as it is read, before any quiz is looked at.
    refused(
        &["review", &attempt],
        ": cannot read: it was written by a newer lateral (attempt format 99)",
    );
    std::fs::write(&attempt, "(format: 3, quiz: ").unwrap();
    refused(&["review", &attempt], ": cannot read: ");
}

#[test]
fn save_resumes_only_an_unfinished_attempt_of_the_same_student_at_the_same_quiz() {
    let lines = correct_lines(&mini(), 6);
    let take = ["take", &quiz(), "--seed", "6", "--save", "mine.ron"];
    // The student's own unfinished attempt is offered (and declined here).
    let l = Lateral::new();
    assert_eq!(l.run_with_input(&take, &(lines[0].clone() + "\n")).code, 1);
    // Input ending at the question: nothing changes, and it says where.
    let before = std::fs::read_to_string(l.path("mine.ron")).unwrap();
    let ended = l.run_with_input(&take, "");
    assert_eq!(ended.code, 1);
    assert!(
        ended.stderr.ends_with(
            "input ended before question 2 of 5 was answered; the answers given so far are saved in mine.ron\n"
        ),
        "{}",
        ended.stderr
    );
    assert_eq!(std::fs::read_to_string(l.path("mine.ron")).unwrap(), before);
    // Declined: the new attempt goes to the same file, the old kept aside.
    let offered = l.run_with_input(&take, &format!("n\n{}\n", lines.join("\n")));
    assert_eq!(offered.code, 0, "{}", offered.stderr);
    assert!(
        offered
            .stdout
            .contains("Resume your unfinished attempt from "),
        "{}",
        offered.stdout
    );
    assert_eq!(
        std::fs::read_to_string(l.path("mine.ron.set-aside")).unwrap(),
        before
    );
    let new = lateral::store::read(&l.path("mine.ron")).unwrap();
    assert!(new.finished && new.answers.len() == 5);
    // Each of these is kept aside, not offered.
    type Edit = fn(&str) -> String;
    let cases: [(&str, Edit); 3] = [
        ("someone else's", |a| {
            a.replacen(
                "    quiz: \"mini\",\n",
                "    quiz: \"mini\",\n    name: Some(\"Bea\"),\n",
                1,
            )
        }),
        ("another quiz's", |a| {
            a.replacen("quiz: \"mini\"", "quiz: \"other\"", 1)
        }),
        ("a finished one", |a| {
            a.replacen("finished: false", "finished: true", 1)
        }),
    ];
    for (what, edit) in cases {
        let l = Lateral::new();
        assert_eq!(l.run_with_input(&take, &(lines[0].clone() + "\n")).code, 1);
        let mine = l.path("mine.ron");
        let edited = edit(&std::fs::read_to_string(&mine).unwrap());
        std::fs::write(&mine, &edited).unwrap();
        // The edit is read as meant, not refused as broken.
        let read = lateral::store::read(&mine).unwrap();
        assert!(
            read.name.is_some() || read.quiz != "mini" || read.finished,
            "{what}"
        );
        let run = l.run_with_input(&take, &(lines.join("\n") + "\n"));
        assert_eq!(run.code, 0, "{what}: {}", run.stderr);
        assert!(
            !run.stdout.contains("Resume your"),
            "{what}: {}",
            run.stdout
        );
        assert!(
            run.stderr
                .contains("kept the earlier mine.ron as mine.ron.set-aside"),
            "{what}: {}",
            run.stderr
        );
        assert_eq!(
            std::fs::read_to_string(l.path("mine.ron.set-aside")).unwrap(),
            edited,
            "{what}"
        );
        let saved = lateral::store::read(&mine).unwrap();
        assert!(saved.finished && saved.answers.len() == 5, "{what}");
    }
}
