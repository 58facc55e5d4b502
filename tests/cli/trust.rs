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
        run.stderr
            .contains("data/attempts/mini/unfinished: cannot write: not a directory"),
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

/// Starts `lateral take mini --seed SEED` in plain mode with piped stdin,
/// on the data folder `data`.
fn spawn_take(dir: &std::path::Path, seed: &str) -> std::process::Child {
    use std::process::{Command, Stdio};
    Command::new(assert_cmd::cargo::cargo_bin("lateral"))
        .args(["take", &quiz(), "--seed", seed])
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("LATERAL_DATA_DIR", dir.join("data"))
        .envs(crate::util::coverage_env())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// The attempts at `mini`, finished and unfinished.
fn attempts(dir: &std::path::Path) -> Vec<lateral::attempt::Attempt> {
    crate::util::attempt_files_in(&dir.join("data/attempts/mini"))
        .iter()
        .map(|f| lateral::store::read(f).unwrap())
        .collect()
}

#[test]
fn two_takes_of_one_quiz_keep_their_own_answers() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let lines = correct_lines(&mini(), 1);
    // The first take answers one question and waits for the second.
    let mut first = spawn_take(dir.path(), "1");
    let mut first_in = first.stdin.take().unwrap();
    writeln!(first_in, "{}", lines[0]).unwrap();
    first_in.flush().unwrap();
    let saved = |n: usize| {
        attempts(dir.path())
            .iter()
            .any(|a| a.answers.len() == n && !a.finished)
    };
    for _ in 0..500 {
        if std::fs::read_dir(dir.path().join("data/attempts/mini")).is_ok() && saved(1) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(saved(1), "the first take saved its first answer");

    // A second take, same seed, meanwhile: it must not be offered the
    // first's live attempt (it would answer `y` to a resume question with
    // its first line) and must save to a file of its own.
    let mut second = spawn_take(dir.path(), "1");
    let mut second_in = second.stdin.take().unwrap();
    second_in.write_all(lines.join("\n").as_bytes()).unwrap();
    second_in.write_all(b"\n").unwrap();
    drop(second_in);
    let second = second.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&second.stderr);
    let stdout = String::from_utf8_lossy(&second.stdout);
    assert_eq!(second.status.code(), Some(0), "{stderr}\n{stdout}");
    assert!(
        stderr.contains("is open in another `lateral take`; it is left alone"),
        "{stderr}"
    );
    assert!(
        !stdout.contains("Resume your unfinished attempt"),
        "{stdout}"
    );

    // The first goes on and finishes.
    for line in &lines[1..] {
        writeln!(first_in, "{line}").unwrap();
    }
    drop(first_in);
    let first = first.wait_with_output().unwrap();
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );

    let all = attempts(dir.path());
    assert_eq!(all.len(), 2, "two attempts, two files");
    for a in &all {
        assert!(a.finished);
        assert_eq!(a.answers.len(), 5);
        assert!(a.answers.iter().all(|x| x.points == x.max), "{a:?}");
    }
}

#[test]
fn save_into_folders_that_do_not_exist_yet_creates_them() {
    let lines = correct_lines(&mini(), 1).join("\n") + "\n";
    let l = Lateral::new();
    let run = l.run_with_input(
        &["take", &quiz(), "--seed", "1", "--save", "new/dir/a.ron"],
        &lines,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let saved = lateral::store::read(&l.path("new/dir/a.ron")).unwrap();
    assert!(saved.finished);
    // A finished attempt leaves no lock file behind.
    assert!(!l.path("new/dir/.a.ron.lock").exists());
}
