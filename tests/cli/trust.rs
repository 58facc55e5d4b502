//! A student's answers are never lost or misreported: unwritable data
//! folders, input that ends early, and what the messages claim.

use crate::take_plain::{correct_lines, mini};
use crate::util::{repo, Lateral};

fn quiz() -> String {
    repo("tests/fixtures/mini.ron")
}

#[test]
fn a_data_folder_that_is_a_file_is_reported_before_any_question() {
    let lines = correct_lines(&mini(), 1).join("\n") + "\n";
    // LATERAL_DATA_DIR points at `data`, which is a file here.
    let l = Lateral::new()
        .file("data", "not a folder")
        .args(["take", &quiz(), "--seed", "1"])
        .stdin(lines);
    let run = l.run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stdout.contains("Question 1"), "{}", run.stdout);
    assert!(
        run.stderr.contains("data/attempts/mini/") && run.stderr.contains("cannot write"),
        "{}",
        run.stderr
    );
    let history = l.again(&["history"]);
    assert_eq!(history.code, 1, "{}", history.stdout);
    assert!(
        !history.stdout.contains("No attempts yet"),
        "{}",
        history.stdout
    );
    assert!(
        history
            .stderr
            .ends_with("data/attempts: cannot read: not a directory (a file is in the way)\n"),
        "{}",
        history.stderr
    );
}
