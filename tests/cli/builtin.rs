//! The quizzes built into the binary: listed, and taken by name from any
//! folder; a file of the same name wins.

use lateral::quiz::Quiz;

use crate::util::{repo, right_lines, Lateral};

#[test]
fn list_shows_every_built_in_quiz() {
    let run = Lateral::new().args(["list"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in [
        "viral-photo",
        "the-facts",
        "cross-check",
        "who-said-it",
        "judging-sources",
        "leaving-the-page",
    ] {
        assert!(
            run.stdout.contains(&format!("\n{name} ")),
            "{name}: {}",
            run.stdout
        );
    }
    assert!(
        run.stdout
            .contains("viral-photo              15  The viral photo"),
        "{}",
        run.stdout
    );
    assert!(run
        .stdout
        .ends_with("Take one by name from anywhere: lateral take viral-photo\n"));
}

#[test]
fn a_built_in_quiz_is_taken_by_name_from_any_folder() {
    let quiz: Quiz = lateral::load::parse(lateral::builtin::find("viral-photo").unwrap())
        .unwrap()
        .value;
    // The run's folder is a fresh temporary one, with no quizzes in it.
    let l = Lateral::new();
    let run = l.run_with_input(
        &["take", "viral-photo", "--seed", "4"],
        &right_lines(&quiz, 4),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Score: 15 of 15 points (100%) · passed"),
        "{}",
        run.stdout
    );
    // history finds the quiz again by its name, for the pass mark.
    let history = l.again(&["history"]);
    let row = history.stdout.lines().nth(1).unwrap();
    assert!(row.contains("15/15") && row.contains("passed"), "{row}");
}

#[test]
fn a_file_of_the_same_name_wins_over_the_built_in_quiz() {
    let l = Lateral::new().file(
        "viral-photo",
        std::fs::read_to_string(repo("tests/fixtures/mini.ron")).unwrap(),
    );
    let run = l.run_with_input(&["take", "viral-photo", "--seed", "1"], "");
    assert!(run.stdout.starts_with("Mini quiz\n"), "{}", run.stdout);
    let missing = l.run_with_input(&["check", "no-such-quiz"], "");
    assert_eq!(missing.code, 1);
    assert!(
        missing
            .stderr
            .contains("no-such-quiz: cannot read: no such file"),
        "{}",
        missing.stderr
    );
}
