//! Replays every input the fuzzers kept, on stable, in every test run.
//!
//! `fuzz/corpus/<target>/` holds the minimized corpus of each fuzz target and
//! `fuzz/regressions/<target>/` the minimized inputs that once made it fail.
//! Each file goes through the target's own function (`fuzz/targets.rs`), so a
//! change that makes lateral panic on any of them fails here without nightly.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

#[path = "../fuzz/targets.rs"]
mod targets;

/// The files of `fuzz/<folder>/<target>/`, sorted; none when it is missing.
fn inputs(folder: &str, target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(folder)
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a readable folder entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `target` on every file of its corpus and regressions, and fails
/// naming each file that panicked.
fn replay(target: &str, run: fn(&[u8])) {
    let corpus = inputs("corpus", target);
    assert!(
        !corpus.is_empty(),
        "fuzz/corpus/{target}/ is empty or missing"
    );
    let mut failed = Vec::new();
    for path in corpus.iter().chain(&inputs("regressions", target)) {
        let data = std::fs::read(path).expect("a readable input");
        if catch_unwind(AssertUnwindSafe(|| run(&data))).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "the `{target}` fuzz target panics on:\n{}",
        failed.join("\n")
    );
}

#[test]
fn quiz_inputs_replay() {
    replay("quiz", targets::quiz);
}

#[test]
fn sheet_inputs_replay() {
    replay("sheet", targets::sheet);
}

#[test]
fn attempt_inputs_replay() {
    replay("attempt", targets::attempt);
}

#[test]
fn cite_inputs_replay() {
    replay("cite", targets::cite);
}
