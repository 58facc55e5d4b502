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

#[test]
fn save_refuses_a_device_or_a_folder_at_once() {
    let l = Lateral::new().file("sub/x", "");
    for target in ["/dev/null", "sub"] {
        let run = l.run_with_input(&["take", &quiz(), "--save", target], "a\n");
        assert_eq!(run.code, 1, "{target}: {}", run.stderr);
        assert!(!run.stdout.contains("Question 1"), "{}", run.stdout);
        assert!(
            run.stderr.contains("cannot write")
                && (run.stderr.contains("a device, not a regular file")
                    || run.stderr.contains("is a directory")),
            "{target}: {}",
            run.stderr
        );
    }
    assert!(l.path("sub/x").exists(), "nothing was renamed aside");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_named_as_a_file_is_refused_without_blocking() {
    let l = Lateral::new().file("sources/a.txt", "Report A text.");
    let fifo = l.path("pipe.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // The quiz itself, and a sheet, as a FIFO: an error at once, not a hang.
    let run = l.again(&["check", "pipe.ron"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("pipe.ron: cannot read: a FIFO (named pipe), not a regular file"),
        "{}",
        run.stderr
    );
    let run = l.again(&["grade", &quiz(), "/dev/zero"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("/dev/zero: cannot read: a device, not a regular file"),
        "{}",
        run.stderr
    );
}
