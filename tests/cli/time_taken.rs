//! The time an attempt took: saved in the attempt file, shown in the
//! report, `review` and `history`; unknown for attempts saved before
//! lateral recorded it.

use crate::take_plain::{correct_lines, mini};
use crate::util::{repo, Lateral};

fn quiz() -> String {
    repo("tests/fixtures/mini.ron")
}

/// A finished attempt at the mini quiz, all right, in a fresh folder;
/// returns its file.
fn finished(l: &Lateral) -> std::path::PathBuf {
    let lines = correct_lines(&mini(), 2).join("\n") + "\n";
    let run = l.run_with_input(&["take", &quiz(), "--seed", "2"], &lines);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\nTime taken: "), "{}", run.stdout);
    crate::util::attempt_files_in(&l.path("data/attempts/mini"))
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "ron"))
        .unwrap()
}

/// The seconds written in an attempt file, read from its text.
fn seconds_in(file: &std::path::Path) -> Option<u64> {
    let text = std::fs::read_to_string(file).unwrap();
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("active_seconds:"))?;
    let value = line.split(':').nth(1).unwrap().trim().trim_end_matches(',');
    Some(value.parse().unwrap())
}

/// The `time` column of `history`'s first row.
fn time_column(history: &str) -> String {
    let mut lines = history.lines();
    let header = lines.next().unwrap();
    let row = lines.next().unwrap();
    let at = header.find("time").unwrap();
    let end = header.find("attempt").unwrap();
    // The header is ASCII; the row may hold "–" before this column.
    let skipped: usize = header[..at].chars().count();
    let width = header[at..end].chars().count();
    row.chars()
        .skip(skipped)
        .take(width)
        .collect::<String>()
        .trim()
        .to_owned()
}

#[test]
fn the_time_taken_is_saved_and_listed() {
    let l = Lateral::new();
    let file = finished(&l);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("    format: 3,\n"), "{text}");
    let seconds = seconds_in(&file).expect("the time is saved");
    // A scripted run of five answers takes seconds, not minutes.
    assert!(seconds < 60, "{seconds}");
    let shown = match seconds {
        0 => "under 1 s".to_owned(),
        s => format!("{s} s"),
    };

    let history = l.again(&["history"]);
    assert_eq!(history.code, 0, "{}", history.stderr);
    assert_eq!(time_column(&history.stdout), shown, "{}", history.stdout);

    let json = l.again(&["history", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(listed[0]["active_seconds"], serde_json::json!(seconds));

    let name = first_listed(&history.stdout);
    let review = l.again(&["review", &name]);
    assert!(
        review.stdout.contains(&format!("\nTime taken: {shown}\n")),
        "{}",
        review.stdout
    );
}

#[test]
fn an_attempt_saved_before_times_were_recorded_shows_none() {
    let l = Lateral::new();
    let file = finished(&l);
    // The file as the previous lateral wrote it: format 2, no time.
    let text = std::fs::read_to_string(&file).unwrap();
    let old: String = text
        .replace("    format: 3,\n", "    format: 2,\n")
        .lines()
        .filter(|l| !l.trim_start().starts_with("active_seconds:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(old, text);
    std::fs::write(&file, old).unwrap();

    // A finished attempt edited by hand in place is read again with
    // --rescan (history otherwise lists it from the index of finished
    // attempts, written when it finished, as it was then).
    let cached = l.again(&["history"]);
    assert_ne!(time_column(&cached.stdout), "–", "{}", cached.stdout);
    let history = l.again(&["history", "--rescan"]);
    assert_eq!(history.code, 0, "{}", history.stderr);
    assert_eq!(time_column(&history.stdout), "–", "{}", history.stdout);
    // The rescan rewrote the index: the edit now shows without it.
    let json = l.again(&["history", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(listed[0]["active_seconds"], serde_json::Value::Null);
    assert_eq!(listed[0]["error"], serde_json::Value::Null);

    let name = first_listed(&history.stdout);
    let review = l.again(&["review", &name]);
    assert_eq!(review.code, 0, "{}", review.stderr);
    assert!(review.stdout.contains("Score: 6 of 6"), "{}", review.stdout);
    assert!(!review.stdout.contains("Time taken"), "{}", review.stdout);
    // And it still grades as a sheet.
    let graded = l.again(&["grade", &quiz(), &file.display().to_string()]);
    assert_eq!(graded.code, 0, "{}", graded.stderr);
}

/// The attempt name on the first row of `history`'s listing.
fn first_listed(listing: &str) -> String {
    listing
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .last()
        .unwrap()
        .to_owned()
}
