//! The data folder's layout: unfinished attempts in `QUIZ/unfinished/`,
//! finished ones in `QUIZ/` with an index of them (`.finished-index`) that
//! `history` lists from. The index is a cache: whatever state a kill, a
//! second `take` or a hand edit leaves, `history` and `take` show the files.

use std::path::PathBuf;

use crate::take_plain::{correct_lines, mini};
use crate::util::{attempt_files_in, repo, Lateral};

fn quiz() -> String {
    repo("tests/fixtures/mini.ron")
}

fn quiz_dir(l: &Lateral) -> PathBuf {
    l.path("data/attempts/mini")
}

fn index(l: &Lateral) -> PathBuf {
    quiz_dir(l).join(".finished-index")
}

/// Takes the mini quiz with `seed` to the end, every answer right.
fn finish(l: &Lateral, seed: u64) {
    let lines = correct_lines(&mini(), seed).join("\n") + "\n";
    let run = l.run_with_input(
        &["take", &quiz(), "--seed", &seed.to_string(), "--restart"],
        &lines,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Takes the mini quiz with `seed`, answering only the first `n` questions.
fn stop_after(l: &Lateral, seed: u64, n: usize) {
    let lines = correct_lines(&mini(), seed)[..n].join("\n") + "\n";
    let run = l.run_with_input(
        &["take", &quiz(), "--seed", &seed.to_string(), "--restart"],
        &lines,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
}

/// `history --json`: for each attempt, its name, whether it is finished,
/// how many answers, its score (`None` when unreadable).
fn listed(l: &Lateral, extra: &[&str]) -> Vec<(String, bool, u64, Option<f64>)> {
    let mut args = vec!["history", "--json"];
    args.extend_from_slice(extra);
    let run = l.again(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["attempt"].as_str().unwrap().to_owned(),
                a["finished"].as_bool().unwrap(),
                a["answered"].as_u64().unwrap(),
                a["score"].as_f64(),
            )
        })
        .collect()
}

/// The names of the finished attempt files in the quiz's folder.
fn finished_files(l: &Lateral) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(quiz_dir(l))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron") && !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// Lets the file system's clock move on, so that the quiz folder's time
/// changes with the next change to it (its resolution can be coarse).
fn tick() {
    std::thread::sleep(std::time::Duration::from_millis(30));
}

#[test]
fn finished_attempts_move_out_of_unfinished_and_into_the_index() {
    let l = Lateral::new();
    finish(&l, 2);
    stop_after(&l, 3, 2);
    let names = finished_files(&l);
    assert_eq!(names.len(), 1);
    let unfinished = attempt_files_in(&quiz_dir(&l).join("unfinished"));
    assert_eq!(unfinished.len(), 1, "{unfinished:?}");
    // The index has the finished attempt's line and ends with a stamp.
    let text = std::fs::read_to_string(index(&l)).unwrap();
    assert!(
        text.contains(&format!("\"file\":\"{}\"", names[0])),
        "{text}"
    );
    assert!(
        text.lines().last().unwrap().starts_with("{\"stamp\":"),
        "{text}"
    );
    let all = listed(&l, &[]);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(
        all[0],
        (
            format!("mini/{}", names[0].trim_end_matches(".ron")),
            true,
            5,
            Some(6.0)
        )
    );
    assert!(!all[1].1 && all[1].2 == 2, "{all:?}");
    assert!(all[1].0.starts_with("mini/unfinished/"), "{all:?}");
    // The name history shows is the one review takes.
    let review = l.again(&["review", &all[0].0]);
    assert_eq!(review.code, 0, "{}", review.stderr);
    assert!(review.stdout.contains("6 of 6"), "{}", review.stdout);
}

#[test]
fn a_finished_attempt_deleted_or_added_by_hand_is_listed_as_it_is() {
    let l = Lateral::new();
    finish(&l, 2);
    tick();
    finish(&l, 3);
    assert_eq!(listed(&l, &[]).len(), 2);
    let names = finished_files(&l);
    tick();
    std::fs::remove_file(quiz_dir(&l).join(&names[0])).unwrap();
    let after = listed(&l, &[]);
    assert_eq!(after.len(), 1, "{after:?}");
    assert_eq!(
        after[0].0,
        format!("mini/{}", names[1].trim_end_matches(".ron"))
    );
    // A copy put there by hand is listed too.
    tick();
    std::fs::copy(
        quiz_dir(&l).join(&names[1]),
        quiz_dir(&l).join("20300101T000000Z-1.ron"),
    )
    .unwrap();
    let after = listed(&l, &[]);
    assert_eq!(after.len(), 2, "{after:?}");
    assert!(after.iter().all(|a| a.1 && a.3 == Some(6.0)), "{after:?}");
}

#[test]
fn a_hand_corrupted_finished_attempt_is_listed_as_unreadable_and_left_alone() {
    let l = Lateral::new();
    finish(&l, 2);
    let name = finished_files(&l).remove(0);
    let file = quiz_dir(&l).join(&name);
    let text = std::fs::read_to_string(&file).unwrap();
    let cut = text.find("answers:").unwrap() + "answers: [\n        (".len();
    tick();
    // Written through a new file and a rename, as editors do: the folder
    // changes, so the index is checked again.
    std::fs::write(quiz_dir(&l).join("edited.tmp"), &text[..cut]).unwrap();
    std::fs::rename(quiz_dir(&l).join("edited.tmp"), &file).unwrap();
    let all = listed(&l, &[]);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].3, None, "{all:?}");
    let run = l.again(&["history"]);
    assert!(run.stdout.contains("unreadable: line "), "{}", run.stdout);
    // take leaves it where it is (it says it is finished) and starts anew.
    let one = correct_lines(&mini(), 5)[..1].join("\n") + "\n";
    let run = l.run_with_input(&["take", &quiz(), "--seed", "5"], &one);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("set aside"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), &text[..cut]);
    // Mended in place: it is read whole as long as the index says it could
    // not be read, so it shows at once, and a rescan indexes it again.
    std::fs::write(&file, &text).unwrap();
    let shown = format!("mini/{}", name.trim_end_matches(".ron"));
    let mended = listed(&l, &[]);
    assert!(
        mended.contains(&(shown.clone(), true, 5, Some(6.0))),
        "{mended:?}"
    );
    let mut rescanned = listed(&l, &["--rescan"]);
    let mut mended = mended;
    rescanned.sort_by(|a, b| a.0.cmp(&b.0));
    mended.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(rescanned, mended);
    let index = std::fs::read_to_string(index(&l)).unwrap();
    assert!(index.contains(&format!("\"file\":\"{name}\"")), "{index}");
}

#[test]
fn an_old_layout_folder_is_listed_then_moved_by_take() {
    // Build the old layout: every attempt directly in the quiz's folder,
    // no index, an unfinished attempt's lock file beside it.
    let l = Lateral::new();
    finish(&l, 2);
    stop_after(&l, 6, 2);
    let dir = quiz_dir(&l);
    let unfinished = attempt_files_in(&dir.join("unfinished")).remove(0);
    let name = unfinished
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    std::fs::rename(&unfinished, dir.join(&name)).unwrap();
    std::fs::remove_dir_all(dir.join("unfinished")).unwrap();
    std::fs::remove_file(index(&l)).unwrap();
    std::fs::write(dir.join(format!(".{name}.lock")), "").unwrap();

    // history lists both and moves nothing.
    let all = listed(&l, &[]);
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(all.iter().any(|a| a.1 && a.3 == Some(6.0)), "{all:?}");
    assert!(
        all.iter()
            .any(|a| !a.1 && a.2 == 2 && a.0 == format!("mini/{}", name.trim_end_matches(".ron"))),
        "{all:?}"
    );
    assert!(dir.join(&name).exists());

    // take moves the unfinished one into unfinished/ and resumes it.
    let rest = correct_lines(&mini(), 6)[2..].join("\n");
    let run = l.run_with_input(&["take", &quiz()], &format!("y\n{rest}\n"));
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("(2 of 5 answered)? (Y/n)> y"),
        "{}",
        run.stdout
    );
    assert!(!dir.join(format!(".{name}.lock")).exists());
    assert_eq!(finished_files(&l).len(), 2);
    assert!(attempt_files_in(&dir.join("unfinished")).is_empty());
    let all = listed(&l, &[]);
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(
        all.iter().all(|a| a.1 && a.2 == 5 && a.3 == Some(6.0)),
        "{all:?}"
    );
}

#[test]
fn a_kill_mid_finish_leaves_a_state_history_and_take_read_truly() {
    let l = Lateral::new();
    finish(&l, 2);
    let before = std::fs::read(index(&l)).unwrap();
    tick();
    // Killed after the rename, before the line was appended: the index as
    // it was before this finish (with the line saying a file was moving).
    finish(&l, 3);
    let mut cut = before.clone();
    cut.extend_from_slice(b"{\"moving\":\"x.ron\"}\n");
    std::fs::write(index(&l), &cut).unwrap();
    let all = listed(&l, &[]);
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(all.iter().all(|a| a.1 && a.3 == Some(6.0)), "{all:?}");

    // Killed in the middle of the append: half a line at the end.
    tick();
    finish(&l, 4);
    let text = std::fs::read_to_string(index(&l)).unwrap();
    let last_entry = text.trim_end().rsplit_once('\n').unwrap().0;
    let half = &last_entry[..last_entry.len() - 20];
    std::fs::write(index(&l), half).unwrap();
    let all = listed(&l, &[]);
    assert_eq!(all.len(), 3, "{all:?}");
    // A finish after such a cut still counts every attempt.
    std::fs::write(index(&l), half).unwrap();
    tick();
    finish(&l, 5);
    assert_eq!(listed(&l, &[]).len(), 4);

    // Killed after saving it finished, before the rename: take moves it on.
    let names = finished_files(&l);
    let last = names.last().unwrap();
    let index_before = std::fs::read(index(&l)).unwrap();
    tick();
    std::fs::rename(
        quiz_dir(&l).join(last),
        quiz_dir(&l).join("unfinished").join(last),
    )
    .unwrap();
    std::fs::write(index(&l), index_before).unwrap();
    let all = listed(&l, &[]);
    assert_eq!(all.len(), 4, "{all:?}");
    assert!(all.iter().all(|a| a.1), "{all:?}");
    // (Not --restart: take looks at the unfinished attempts then.)
    let one = correct_lines(&mini(), 7)[..1].join("\n") + "\n";
    let run = l.run_with_input(&["take", &quiz(), "--seed", "7"], &one);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(quiz_dir(&l).join(last).exists());
    let all = listed(&l, &[]);
    assert_eq!(all.len(), 5, "{all:?}");
    assert_eq!(all.iter().filter(|a| a.1).count(), 4, "{all:?}");
    // Scored by take, as it moved the last one on, as when it finished.
    assert!(
        all.iter().filter(|a| a.1).all(|a| a.3 == Some(6.0)),
        "{all:?}"
    );
}

#[test]
fn takes_finishing_at_once_are_all_listed() {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let l = Lateral::new();
    // The index exists and is current before they start.
    finish(&l, 1);
    let dir = l.path("");
    let children: Vec<_> = (2..6u64)
        .map(|seed| {
            let mut child = Command::new(assert_cmd::cargo::cargo_bin("lateral"))
                .args(["take", &quiz(), "--seed", &seed.to_string(), "--restart"])
                .current_dir(&dir)
                .env_clear()
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .env("HOME", &dir)
                .env("LATERAL_DATA_DIR", dir.join("data"))
                .envs(crate::util::coverage_env())
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let lines = correct_lines(&mini(), seed).join("\n") + "\n";
            child
                .stdin
                .take()
                .unwrap()
                .write_all(lines.as_bytes())
                .unwrap();
            child
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(finished_files(&l).len(), 5);
    let all = listed(&l, &[]);
    assert_eq!(all.len(), 5, "{all:?}");
    assert!(all.iter().all(|a| a.1 && a.3 == Some(6.0)), "{all:?}");
    // Each has one line in the index, whether or not it was rebuilt.
    let text = std::fs::read_to_string(index(&l)).unwrap();
    for name in finished_files(&l) {
        let lines = text
            .lines()
            .filter(|line| line.contains(&format!("\"file\":\"{name}\"")))
            .count();
        assert_eq!(lines, 1, "{name} in\n{text}");
    }
}
