//! Many attempts in the data folder: `history` lists each as it is
//! (finished, unfinished, corrupted by hand, gone), and `take` resumes
//! the newest unfinished one, reading only what it needs of the others.

use crate::take_plain::{correct_lines, mini};
use crate::util::{repo, Lateral};

fn quiz() -> String {
    repo("tests/fixtures/mini.ron")
}

/// The attempt files of the quiz, finished and unfinished, but for hidden
/// ones.
fn attempt_files(l: &Lateral) -> Vec<std::path::PathBuf> {
    crate::util::attempt_files_in(&l.path("data/attempts/mini"))
}

/// A finished attempt, one with 2 of 5 answered, a copy of the finished
/// one with its answers cut off by hand, and one that was deleted.
fn four_attempts() -> Lateral {
    let lines = correct_lines(&mini(), 2);
    let l = Lateral::new();
    let finished = l.run_with_input(
        &["take", &quiz(), "--seed", "2"],
        &(lines.join("\n") + "\n"),
    );
    assert_eq!(finished.code, 0, "{}", finished.stderr);
    let deleted = l.run_with_input(
        &["take", &quiz(), "--seed", "3", "--restart"],
        &(correct_lines(&mini(), 3).join("\n") + "\n"),
    );
    assert_eq!(deleted.code, 0, "{}", deleted.stderr);
    let files = attempt_files(&l);
    assert_eq!(files.len(), 2);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    std::fs::remove_file(&files[1]).unwrap();
    // The header is whole; the answers stop in the middle.
    let cut = text.find("answers:").unwrap() + "answers: [\n        (".len();
    std::fs::write(
        l.path("data/attempts/mini/20200101T000000Z-1.ron"),
        &text[..cut],
    )
    .unwrap();
    let unfinished = l.run_with_input(
        &["take", &quiz(), "--seed", "6", "--restart"],
        &(correct_lines(&mini(), 6)[..2].join("\n") + "\n"),
    );
    assert_eq!(unfinished.code, 1);
    l
}

#[test]
fn history_lists_finished_unfinished_and_corrupted_attempts() {
    let l = four_attempts();
    let run = l.again(&["history"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{}", run.stdout);
    // Oldest first: the unreadable one has no saved time.
    assert!(rows[0].starts_with("?  "), "{}", rows[0]);
    assert!(rows[0].contains("unreadable: line "), "{}", rows[0]);
    assert!(rows[0].ends_with("mini/20200101T000000Z-1"), "{}", rows[0]);
    assert!(
        rows[1].contains("6/6") && rows[1].contains("100%"),
        "{}",
        rows[1]
    );
    assert!(rows[1].contains("passed") && rows[1].contains("finished"));
    assert!(rows[2].contains("/6 "), "{}", rows[2]);
    assert!(rows[2].contains("2 of 5 answered"), "{}", rows[2]);

    let json = l.again(&["history", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let listed = v.as_array().unwrap();
    assert_eq!(listed.len(), 3);
    assert!(listed[0]["error"].as_str().unwrap().starts_with("line "));
    assert_eq!(listed[1]["finished"], true);
    assert_eq!(listed[1]["score"], 6.0);
    assert_eq!(listed[1]["passed"], true);
    assert_eq!(listed[2]["finished"], false);
    assert_eq!(listed[2]["answered"], 2);
    assert_eq!(listed[2]["asked"], 5);
    assert_eq!(listed[2]["max"], 6.0);
}

#[test]
fn take_resumes_the_newest_unfinished_attempt_among_many() {
    let l = four_attempts();
    let files = attempt_files(&l);
    let finished = std::fs::read_to_string(&files[1]).unwrap();
    assert!(finished.contains("finished: true"));
    // Forty more finished attempts, newer than every other.
    for i in 0..40 {
        let newer = finished.replace("updated: \"", "updated: \"9");
        std::fs::write(
            l.path(&format!("data/attempts/mini/29990101T0000{i:02}Z-{i}.ron")),
            newer,
        )
        .unwrap();
    }
    // An older unfinished attempt, with one answer.
    let older = l.run_with_input(
        &["take", &quiz(), "--seed", "8", "--restart"],
        &(correct_lines(&mini(), 8)[..1].join("\n") + "\n"),
    );
    assert_eq!(older.code, 1);
    let before = attempt_files(&l);
    let older_file = before
        .iter()
        .find(|p| !files.contains(p) && !p.to_string_lossy().contains("2999"))
        .unwrap()
        .clone();
    let older_text = std::fs::read_to_string(&older_file).unwrap();
    // Made older by hand: saved a day before everything else.
    let older_text = older_text.replace("updated: \"20", "updated: \"19");
    std::fs::write(&older_file, &older_text).unwrap();

    // The newest unfinished one is the seed-6 attempt, 2 of 5 answered.
    let rest = correct_lines(&mini(), 6)[2..].join("\n");
    let run = l.run_with_input(&["take", &quiz()], &format!("y\n{rest}\n"));
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("(2 of 5 answered)? (Y/n)> y"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Score: 6 of 6 points (100%) · passed"),
        "{}",
        run.stdout
    );
    // Nothing else was touched: the older unfinished attempt, the
    // finished ones, and the corrupted one (whose header, all that is
    // read of it, says it is finished).
    assert_eq!(std::fs::read_to_string(&older_file).unwrap(), older_text);
    assert!(l.path("data/attempts/mini/20200101T000000Z-1.ron").exists());
    assert_eq!(attempt_files(&l).len(), before.len());
}
