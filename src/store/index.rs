//! The index of a quiz's finished attempts: one line per finished attempt
//! (its file name, times, score…), so `lateral history` and `take --missed`
//! need not read, or even list, thousands of attempt files.
//!
//! The index is a cache, never the truth. It lives beside the finished
//! attempts (`QUIZ/.finished-index`, one JSON object per line) and is
//! trusted only while its last line is a stamp equal to the modification
//! time of the quiz's folder: every name added to, removed from or renamed
//! in the folder changes that time, so a finished attempt deleted, added
//! or renamed by hand, or a finish cut short by a kill, makes the stamp
//! stale and the index is rebuilt from the files. Finishing an attempt
//! (a rename from `unfinished/` into the quiz's folder) appends the
//! attempt's line and a new stamp in one `O_APPEND` write, under the
//! quiz's lock, and only when the index was current before the rename; a
//! write cut off by a kill leaves a last line that is not a stamp, which
//! means "rebuild". A finished attempt is never rewritten by lateral, so
//! its line stays true; one edited by hand in place is read again by
//! `history --rescan`.

use std::collections::HashMap;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::attempt::Attempt;
use crate::quiz::Quiz;

/// The index file's name in a quiz's folder.
pub(super) const INDEX: &str = ".finished-index";
/// The folder of unfinished attempts inside a quiz's folder.
pub(super) const UNFINISHED: &str = "unfinished";
/// The lock every change of a quiz's folder is made under (in
/// `unfinished/`, so creating it does not touch the quiz's folder).
const LOCK: &str = ".quiz.lock";

/// A score as `history` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    /// Points earned.
    pub score: f64,
    /// Points available.
    pub max: f64,
    /// Percentage.
    pub percent: f64,
    /// Pass or fail, for a quiz with a pass mark whose key was at hand.
    pub passed: Option<bool>,
}

impl Scored {
    /// The score of a report.
    pub fn of(report: &crate::grade::Report) -> Scored {
        Scored {
            score: report.score,
            max: report.max,
            percent: report.percent,
            passed: report.passed,
        }
    }

    /// The score from the points saved with each answer, without a verdict:
    /// for an attempt whose quiz is not at hand or has changed.
    pub fn from_points(a: &Attempt) -> Scored {
        let score = a.score();
        let max: f64 = a.answers.iter().map(|x| x.max).sum::<f64>().max(0.0);
        let percent = if max > 0.0 { score / max * 100.0 } else { 0.0 };
        Scored {
            score,
            max,
            percent,
            passed: None,
        }
    }

    /// How `history` scores an attempt: a paper's sheet not at all; from
    /// its report when `quiz` (with its `fingerprint`) is the quiz it was
    /// taken of, unchanged; otherwise from its saved points.
    pub fn with_quiz(quiz: Option<(&Quiz, &str)>, a: &Attempt) -> Option<Scored> {
        if a.paper {
            return None;
        }
        Some(
            match quiz.filter(|(q, f)| a.unusable_for(&q.id, f).is_none()) {
                Some((q, _)) => Scored::of(&a.report(q)),
                None => Scored::from_points(a),
            },
        )
    }
}

impl Scored {
    /// [`Scored::with_quiz`] from a prepared key of the quiz (see
    /// [`crate::grade::Key::grade_asked`]: the same report), for scoring
    /// many attempts at one quiz.
    pub fn with_key(key: &crate::grade::Key<'_>, fingerprint: &str, a: &Attempt) -> Option<Scored> {
        if a.paper {
            return None;
        }
        Some(match a.unusable_for(&key.quiz().id, fingerprint) {
            None => Scored::of(&key.grade_asked(&a.asked, &a.responses())),
            Some(_) => Scored::from_points(a),
        })
    }
}

/// How a finished attempt is scored for the index (`None`: not scored
/// here, as a paper's sheet).
pub type Scorer<'a> = &'a dyn Fn(&Attempt) -> Option<Scored>;

/// One finished attempt, as the index records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The file's name in the quiz's folder.
    pub file: String,
    /// See [`Attempt::quiz`].
    pub quiz: String,
    /// See [`Attempt::name`].
    #[serde(default)]
    pub name: Option<String>,
    /// See [`Attempt::started`].
    pub started: String,
    /// See [`Attempt::updated`].
    pub updated: String,
    /// See [`Attempt::paper`].
    #[serde(default)]
    pub paper: bool,
    /// See [`Attempt::exam`].
    #[serde(default)]
    pub exam: bool,
    /// Questions answered.
    pub answered: usize,
    /// Questions asked.
    pub asked: usize,
    /// See [`Attempt::active_seconds`].
    #[serde(default)]
    pub active_seconds: Option<u64>,
    /// The score, when the attempt is scored (not a paper's sheet).
    #[serde(default)]
    pub scored: Option<Scored>,
    /// The file's inode number, where there is one: a file replaced under
    /// the same name (an editor saving through a rename) has another, so
    /// a rebuild reads it again rather than trusting this line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ino: Option<u64>,
}

impl Entry {
    /// The line of a finished attempt saved as `file`.
    pub fn of(file: String, a: &Attempt, scored: Option<Scored>) -> Entry {
        Entry {
            file,
            quiz: a.quiz.clone(),
            name: a.name.clone(),
            started: a.started.clone(),
            updated: a.updated.clone(),
            paper: a.paper,
            exam: a.exam,
            answered: a.answers.len(),
            asked: a.asked.len(),
            active_seconds: a.active_seconds,
            scored,
            ino: None,
        }
    }

    /// The same line, for the file with inode number `ino`.
    pub fn with_ino(self, ino: Option<u64>) -> Entry {
        Entry { ino, ..self }
    }
}

/// The inode number of a folder entry (no `stat`: the listing has it).
#[cfg(unix)]
pub(super) fn ino_of(entry: &std::fs::DirEntry) -> Option<u64> {
    Some(std::os::unix::fs::DirEntryExt::ino(entry))
}

/// No inode numbers here: a file is known by its name alone.
#[cfg(not(unix))]
pub(super) fn ino_of(_: &std::fs::DirEntry) -> Option<u64> {
    None
}

/// The inode number of the file at `path`.
#[cfg(unix)]
pub(super) fn ino_at(path: &Path) -> Option<u64> {
    std::fs::symlink_metadata(path)
        .ok()
        .map(|m| std::os::unix::fs::MetadataExt::ino(&m))
}

/// No inode numbers here.
#[cfg(not(unix))]
pub(super) fn ino_at(_: &Path) -> Option<u64> {
    None
}

/// The last line of a current index.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stamp {
    stamp: String,
    /// Files in the quiz's folder that `take` is still to move into
    /// `unfinished/` or set aside (an old layout's unfinished attempts,
    /// files that cannot be read), which `history` lists but leaves where
    /// they are.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    unsettled: bool,
}

/// A file in the quiz's folder that is listed by reading it whole: one
/// that cannot be read but says it is finished (left where it is, as
/// every finished attempt), or an unfinished one another process had open
/// when it was to be moved into `unfinished/`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Other {
    other: String,
}

/// Written before a finished attempt is renamed into the quiz's folder,
/// so that until its line and a new stamp follow, the index is not
/// current, whatever the folder's time says (two renames within one tick
/// of the file system's clock leave it the same).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Moving {
    moving: String,
}

/// A line of the index.
#[derive(Deserialize)]
#[serde(untagged)]
enum Line {
    Stamp(#[allow(dead_code)] Stamp),
    Other(Other),
    Moving(#[allow(dead_code)] Moving),
    Entry(Entry),
}

/// What the index lists: finished attempts, and the names of files to
/// read whole.
#[derive(Debug, Default)]
pub(super) struct Listed {
    pub(super) finished: Vec<Entry>,
    pub(super) others: Vec<String>,
    /// See [`Stamp::unsettled`].
    pub(super) unsettled: bool,
}

/// The quiz folder's modification time, as the index records it.
fn stamp_of(dir: &Path) -> io::Result<String> {
    let modified = std::fs::metadata(dir)?.modified()?;
    let since = modified.duration_since(UNIX_EPOCH).unwrap_or_default();
    Ok(format!("{}.{:09}", since.as_secs(), since.subsec_nanos()))
}

fn stamp_line(dir: &Path, unsettled: bool) -> io::Result<String> {
    let stamp = Stamp {
        stamp: stamp_of(dir)?,
        unsettled,
    };
    Ok(format!(
        "{}\n",
        serde_json::to_string(&stamp).map_err(io::Error::other)?
    ))
}

/// The lock on a quiz's folder, held while it is changed.
pub(super) struct QuizLock(#[allow(dead_code)] std::fs::File);

impl QuizLock {
    /// Waits for the lock of the quiz folder `dir` (creating `unfinished/`).
    pub(super) fn acquire(dir: &Path) -> io::Result<QuizLock> {
        let unfinished = dir.join(UNFINISHED);
        std::fs::create_dir_all(&unfinished)?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(unfinished.join(LOCK))?;
        file.lock()?;
        Ok(QuizLock(file))
    }
}

/// The index's entries when it is current, read whole; `None` when it is
/// missing, cut off, stale or unreadable.
pub(super) fn read_current(dir: &Path) -> Option<Listed> {
    let text = std::fs::read_to_string(dir.join(INDEX)).ok()?;
    let body = text.strip_suffix('\n')?;
    let (entries, last) = match body.rsplit_once('\n') {
        Some((entries, last)) => (entries, last),
        None => ("", body),
    };
    let stamp: Stamp = serde_json::from_str(last).ok()?;
    if stamp.stamp != stamp_of(dir).ok()? {
        return None;
    }
    let mut listed = Listed {
        unsettled: stamp.unsettled,
        ..Listed::default()
    };
    for line in entries.lines() {
        match serde_json::from_str::<Line>(line).ok()? {
            // A line naming anything but a file of this folder was not
            // written by lateral: the files are read instead.
            Line::Entry(e) if !plain_name(&e.file) => return None,
            Line::Other(o) if !plain_name(&o.other) => return None,
            Line::Entry(e) => listed.finished.push(e),
            Line::Other(o) => listed.others.push(o.other),
            // Followed by the attempt's line, or the index is not current.
            Line::Moving(_) => {}
            // An earlier stamp, followed by a finished attempt's line.
            Line::Stamp(_) => {}
        }
    }
    Some(listed)
}

/// Whether `name` is the name of a file in the folder itself (no path).
fn plain_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', '\0'])
}

/// Whether the index is current, from its last line alone (what `take`
/// needs to know, without reading every line): `Some(unsettled)` when it
/// is (see [`Stamp::unsettled`]).
pub(super) fn is_current(dir: &Path) -> Option<bool> {
    let mut file = std::fs::File::open(dir.join(INDEX)).ok()?;
    let len = file.seek(SeekFrom::End(0)).ok()?;
    let from = len.saturating_sub(512);
    let mut tail = Vec::new();
    file.seek(SeekFrom::Start(from)).ok()?;
    file.read_to_end(&mut tail).ok()?;
    let body = tail.strip_suffix(b"\n")?;
    let last = match memchr::memrchr(b'\n', body) {
        Some(i) => &body[i + 1..],
        None if from == 0 => body,
        None => return None,
    };
    let stamp = serde_json::from_slice::<Stamp>(last).ok()?;
    (stamp_of(dir).ok()? == stamp.stamp).then_some(stamp.unsettled)
}

/// Every entry line the index holds, current or not (lines that do not
/// parse, and stamps, left out): what a rebuild need not read again.
fn read_any(dir: &Path) -> HashMap<String, Entry> {
    let text = std::fs::read_to_string(dir.join(INDEX)).unwrap_or_default();
    text.lines()
        .filter_map(|l| serde_json::from_str::<Entry>(l).ok())
        .map(|e| (e.file.clone(), e))
        .collect()
}

/// Appends to the index with one `O_APPEND` write (under the quiz's
/// lock) what `text` adds. A line cut off by a kill is ended first, so it
/// cannot swallow this one.
fn append_with(dir: &Path, text: impl FnOnce(&mut String) -> io::Result<()>) -> io::Result<()> {
    let path = dir.join(INDEX);
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .read(true)
        .open(&path)?;
    let mut lines = String::new();
    let len = file.seek(SeekFrom::End(0))?;
    if len > 0 {
        let mut last = [0];
        file.seek(SeekFrom::Start(len - 1))?;
        file.read_exact(&mut last)?;
        if last[0] != b'\n' {
            lines.push('\n');
        }
    }
    text(&mut lines)?;
    file.write_all(lines.as_bytes())
}

/// Says in the index that the finished attempt `file` is being renamed
/// into the quiz's folder (see [`Moving`]).
pub(super) fn moving(dir: &Path, file: &str) -> io::Result<()> {
    append_with(dir, |text| {
        let line = Moving {
            moving: file.to_owned(),
        };
        text.push_str(&serde_json::to_string(&line).map_err(io::Error::other)?);
        text.push('\n');
        Ok(())
    })
}

/// Appends a finished attempt's line to the index, under the quiz's lock;
/// with a new stamp when `current` is `Some` (the index was current before
/// the attempt was renamed in; what it said of unsettled files holds).
pub(super) fn append(dir: &Path, entry: &Entry, current: Option<bool>) -> io::Result<()> {
    append_with(dir, |text| {
        text.push_str(&serde_json::to_string(entry).map_err(io::Error::other)?);
        text.push('\n');
        if let Some(unsettled) = current {
            text.push_str(&stamp_line(dir, unsettled)?);
        }
        Ok(())
    })
}

/// Writes the whole index (entries in order), then its stamp.
pub(super) fn write(dir: &Path, listed: &Listed) -> io::Result<()> {
    let path = dir.join(INDEX);
    let mut text = String::with_capacity(listed.finished.len() * 256);
    for e in &listed.finished {
        text.push_str(&serde_json::to_string(e).map_err(io::Error::other)?);
        text.push('\n');
    }
    for other in &listed.others {
        let line = Other {
            other: other.clone(),
        };
        text.push_str(&serde_json::to_string(&line).map_err(io::Error::other)?);
        text.push('\n');
    }
    let mut file = atomic_write_file::AtomicWriteFile::open(&path)?;
    file.write_all(text.as_bytes())?;
    file.commit()?;
    // The rename changed the folder: the stamp is taken after it, and
    // appended (an append does not change the folder).
    let mut file = std::fs::OpenOptions::new().append(true).open(&path)?;
    file.write_all(stamp_line(dir, listed.unsettled)?.as_bytes())
}

/// The entries a rebuild keeps from the index as it was, by file name.
pub(super) fn known(dir: &Path) -> HashMap<String, Entry> {
    read_any(dir)
}

/// Writes an empty, current index for a quiz folder just made, unless
/// one is there already (another `take` made the folder at the same time
/// and may have finished an attempt since); under the quiz's lock.
pub(super) fn start(dir: &Path) -> io::Result<()> {
    let _lock = QuizLock::acquire(dir)?;
    if dir.join(INDEX).exists() {
        return Ok(());
    }
    write(dir, &Listed::default())
}

/// The path of the index of the quiz folder `dir` (for tests).
pub fn index_path(dir: &Path) -> PathBuf {
    dir.join(INDEX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempt::Answer;
    use crate::quiz::Response;
    use crate::store::{Item, Store};

    fn entry(file: &str) -> Entry {
        Entry {
            file: file.to_owned(),
            quiz: "q".to_owned(),
            name: None,
            started: "2026-11-29T10:00:00Z".to_owned(),
            updated: "2026-11-29T10:00:00Z".to_owned(),
            paper: false,
            exam: false,
            answered: 1,
            asked: 1,
            active_seconds: Some(3),
            scored: None,
            ino: Some(7),
        }
    }

    fn files(dir: &Path) -> Option<Vec<String>> {
        read_current(dir).map(|l| l.finished.into_iter().map(|e| e.file).collect())
    }

    #[test]
    fn the_index_is_trusted_only_when_it_ends_with_the_folders_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        assert_eq!(files(dir), None, "no index");
        write(dir, &Listed::default()).unwrap();
        assert_eq!(files(dir), Some(vec![]));
        assert_eq!(is_current(dir), Some(false));
        append(dir, &entry("a.ron"), Some(false)).unwrap();
        assert_eq!(files(dir), Some(vec!["a.ron".to_owned()]));
        // A line naming a file elsewhere is not lateral's: not current.
        let text = std::fs::read_to_string(dir.join(INDEX)).unwrap();
        let elsewhere = text.replace("\"a.ron\"", "\"../a.ron\"");
        std::fs::write(dir.join(INDEX), &elsewhere).unwrap();
        assert_eq!(files(dir), None);
        std::fs::write(dir.join(INDEX), &text).unwrap();
        assert_eq!(files(dir), Some(vec!["a.ron".to_owned()]));
        // A line saying a file is moving, not yet followed by its own.
        moving(dir, "b.ron").unwrap();
        assert_eq!(files(dir), None);
        assert_eq!(is_current(dir), None);
        append(dir, &entry("b.ron"), Some(false)).unwrap();
        assert_eq!(
            files(dir),
            Some(vec!["a.ron".to_owned(), "b.ron".to_owned()])
        );
        // Cut in the middle of the last line (the stamp).
        let text = std::fs::read_to_string(dir.join(INDEX)).unwrap();
        std::fs::write(dir.join(INDEX), &text[..text.len() - 5]).unwrap();
        assert_eq!(files(dir), None);
        assert_eq!(is_current(dir), None);
        // The next append ends the cut line first: its own line is whole,
        // but without a stamp the index is not current.
        append(dir, &entry("c.ron"), None).unwrap();
        let text = std::fs::read_to_string(dir.join(INDEX)).unwrap();
        let last: Entry = serde_json::from_str(text.lines().last().unwrap()).unwrap();
        assert_eq!(last, entry("c.ron"));
        assert_eq!(files(dir), None);
        assert_eq!(
            known(dir).len(),
            3,
            "every whole line is kept for a rebuild"
        );
        // The folder changed after the stamp: stale.
        write(dir, &Listed::default()).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(30));
        std::fs::write(dir.join("x.ron"), "").unwrap();
        assert_eq!(files(dir), None);
        assert_eq!(is_current(dir), None);
    }

    fn mini() -> Quiz {
        crate::load::parse::<Quiz>(include_str!("../../tests/fixtures/mini.ron"))
            .unwrap()
            .value
    }

    /// An attempt at the mini quiz asking all five questions (1 + 2 + 1 +
    /// 1 + 1 = 6 points), with `answers` as (question, response, points
    /// saved, max saved).
    fn attempt(quiz: &Quiz, answers: &[(&str, Response, f64, f64)]) -> Attempt {
        let order = crate::shuffle::order(quiz, 7);
        let mut a = Attempt::new(quiz, "mini.ron", 7, &order, None, "2026-11-29T10:00:00Z");
        a.answers = answers
            .iter()
            .map(|(q, response, points, max)| Answer {
                question: (*q).to_owned(),
                response: response.clone(),
                points: *points,
                max: *max,
                opened: Vec::new(),
            })
            .collect();
        a
    }

    fn scored(score: f64, max: f64, percent: f64, passed: Option<bool>) -> Scored {
        Scored {
            score,
            max,
            percent,
            passed,
        }
    }

    #[test]
    fn a_score_from_saved_points_is_their_sum_over_the_sum_of_their_maxima() {
        let quiz = mini();
        let yes = Response::Bool(true);
        let a = attempt(
            &quiz,
            &[
                ("pick", yes.clone(), 1.0, 1.0),
                ("all", yes.clone(), 0.5, 2.0),
                ("tf", yes.clone(), 0.0, 1.0),
            ],
        );
        // 1 + 0.5 + 0 = 1.5 of 1 + 2 + 1 = 4: 1.5 / 4 = 37.5 %.
        assert_eq!(Scored::from_points(&a), scored(1.5, 4.0, 37.5, None));
        // Nothing to earn: 0 %, not 0 / 0.
        assert_eq!(
            Scored::from_points(&attempt(&quiz, &[])),
            scored(0.0, 0.0, 0.0, None)
        );
        let free = attempt(&quiz, &[("tf", yes, 0.0, 0.0)]);
        assert_eq!(Scored::from_points(&free), scored(0.0, 0.0, 0.0, None));
    }

    #[test]
    fn an_attempt_is_graded_against_its_unchanged_quiz_else_from_its_saved_points() {
        let quiz = mini();
        // Right answers saved as worth nothing, so the two ways differ.
        let mut a = attempt(
            &quiz,
            &[
                ("tf", Response::Bool(true), 0.0, 1.0),
                (
                    "all",
                    Response::Choices(vec!["a".into(), "b".into()]),
                    0.0,
                    2.0,
                ),
            ],
        );
        let fingerprint = a.fingerprint.clone();
        let key = crate::grade::Key::new(&quiz);
        // Graded: tf 1 + all 2 = 3 of 6 = 50 %, under the pass mark of 60.
        let graded = Some(scored(3.0, 6.0, 50.0, Some(false)));
        // Saved: 0 + 0 of 1 + 2.
        let saved = Some(scored(0.0, 3.0, 0.0, None));
        assert_eq!(Scored::with_quiz(Some((&quiz, &fingerprint)), &a), graded);
        assert_eq!(Scored::with_key(&key, &fingerprint, &a), graded);
        assert_eq!(Scored::with_quiz(Some((&quiz, "0123")), &a), saved);
        assert_eq!(Scored::with_key(&key, "0123", &a), saved);
        assert_eq!(Scored::with_quiz(None, &a), saved);
        // A paper's sheet is the teacher's to grade.
        a.paper = true;
        assert_eq!(Scored::with_quiz(Some((&quiz, &fingerprint)), &a), None);
        assert_eq!(Scored::with_quiz(None, &a), None);
        assert_eq!(Scored::with_key(&key, &fingerprint, &a), None);
    }

    #[test]
    fn an_entry_carries_the_inode_number_it_is_given() {
        let a = attempt(&mini(), &[]);
        let e = Entry::of("a.ron".into(), &a, None);
        assert_eq!(e.ino, None);
        assert_eq!(e.clone().with_ino(Some(42)).ino, Some(42));
        assert_eq!(e.with_ino(Some(42)).with_ino(None).ino, None);
    }

    /// The finished attempts `history` lists for the mini quiz.
    fn history(store: &Store, rescan: bool, score: Scorer<'_>) -> Vec<Entry> {
        store
            .history(Some("mini"), rescan, score)
            .into_iter()
            .map(|item| match item {
                Item::Finished(_, e) => e,
                Item::Read(p, _) => panic!("{} read whole", p.display()),
            })
            .collect()
    }

    /// Makes the index not current without touching the folder (its
    /// time may not change within a tick of the file system's clock).
    fn make_stale(dir: &Path) {
        moving(dir, "elsewhere.ron").unwrap();
        assert_eq!(is_current(dir), None);
    }

    /// Unix only: elsewhere a file is known by its name alone.
    #[cfg(unix)]
    #[test]
    fn a_finished_attempt_replaced_under_its_name_is_read_again() {
        let root = tempfile::tempdir().unwrap();
        let store = Store::at(root.path());
        let dir = root.path().join("mini");
        std::fs::create_dir(&dir).unwrap();
        let quiz = mini();
        let mut a = attempt(&quiz, &[("tf", Response::Bool(true), 1.0, 1.0)]);
        a.finished = true;
        std::fs::write(dir.join("a.ron"), a.to_ron()).unwrap();
        let points: Scorer<'_> = &|a| Some(Scored::from_points(a));
        let listed = history(&store, false, points);
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].scored, Some(scored(1.0, 1.0, 100.0, None)));
        // Saved again through a rename (as an editor does): another file.
        a.answers[0].points = 0.0;
        std::fs::write(dir.join("new"), a.to_ron()).unwrap();
        std::fs::rename(dir.join("new"), dir.join("a.ron")).unwrap();
        make_stale(&dir);
        let listed = history(&store, false, points);
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].scored, Some(scored(0.0, 1.0, 0.0, None)));
    }

    #[test]
    fn a_rebuild_keeps_the_line_of_a_finished_attempt_still_the_same_file() {
        let root = tempfile::tempdir().unwrap();
        let store = Store::at(root.path());
        let mut a = attempt(&mini(), &[("tf", Response::Bool(true), 1.0, 1.0)]);
        let (path, _lock) = store.create(&a).unwrap();
        a.finished = true;
        std::fs::write(&path, a.to_ron()).unwrap();
        // A score no scorer below gives: which line a rebuild kept shows.
        let given = scored(2.0, 4.0, 50.0, Some(false));
        let to = store.finish(&path, &a, Some(given));
        let dir = root.path().join("mini");
        assert_eq!(to.parent(), Some(dir.as_path()));
        let unscored: Scorer<'_> = &|_| None;
        assert_eq!(history(&store, false, unscored)[0].scored, Some(given));
        make_stale(&dir);
        assert_eq!(history(&store, false, unscored)[0].scored, Some(given));
        // A rescan reads every file again.
        assert_eq!(history(&store, true, unscored)[0].scored, None);
    }

    #[test]
    fn the_index_says_which_files_are_unsettled_and_names_only_files_of_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        let listed = Listed {
            finished: vec![entry("a.ron")],
            others: vec!["b.ron".to_owned()],
            unsettled: true,
        };
        write(dir, &listed).unwrap();
        let read = read_current(dir).unwrap();
        assert_eq!(read.finished, vec![entry("a.ron")]);
        assert_eq!(read.others, vec!["b.ron".to_owned()]);
        assert!(read.unsettled);
        assert_eq!(is_current(dir), Some(true));
        write(
            dir,
            &Listed {
                unsettled: false,
                ..listed
            },
        )
        .unwrap();
        assert!(!read_current(dir).unwrap().unsettled);
        assert_eq!(is_current(dir), Some(false));
        // A file to read whole that is not in the folder: not lateral's.
        for name in ["../b.ron", "x/b.ron", "", ".", ".."] {
            let listed = Listed {
                others: vec![name.to_owned()],
                ..Listed::default()
            };
            write(dir, &listed).unwrap();
            assert!(read_current(dir).is_none(), "{name:?}");
        }
    }

    #[test]
    fn whether_the_index_is_current_is_read_from_its_last_line_alone() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        // 20 lines of about 200 bytes: the stamp is found in the last 512.
        let listed = Listed {
            finished: (0..20).map(|i| entry(&format!("{i}.ron"))).collect(),
            others: Vec::new(),
            unsettled: true,
        };
        write(dir, &listed).unwrap();
        let text = std::fs::read_to_string(dir.join(INDEX)).unwrap();
        assert!(text.len() > 2048);
        assert_eq!(is_current(dir), Some(true));
        // A last line longer than what is read of it ends like a stamp
        // but is none: not current, as reading it whole says.
        let stamp = text.lines().last().unwrap();
        let long = format!("{{\"other\":\"a.ron\"}}{}{stamp}\n", " ".repeat(600));
        std::fs::write(dir.join(INDEX), long).unwrap();
        assert!(read_current(dir).is_none());
        assert_eq!(is_current(dir), None);
    }

    #[test]
    fn an_append_to_an_empty_or_missing_index_is_its_first_line() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        let line = format!("{}\n", serde_json::to_string(&entry("a.ron")).unwrap());
        append(dir, &entry("a.ron"), None).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join(INDEX)).unwrap(), line);
        std::fs::write(dir.join(INDEX), "").unwrap();
        append(dir, &entry("a.ron"), None).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join(INDEX)).unwrap(), line);
        // A whole last line is not ended again.
        append(dir, &entry("a.ron"), None).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join(INDEX)).unwrap(),
            format!("{line}{line}")
        );
    }

    #[test]
    fn a_new_quiz_folder_starts_with_an_empty_current_index_and_keeps_one_it_has() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        assert_eq!(index_path(dir), dir.join(".finished-index"));
        start(dir).unwrap();
        assert!(index_path(dir).is_file());
        assert_eq!(files(dir), Some(vec![]));
        assert_eq!(is_current(dir), Some(false));
        // Another `take` finished an attempt since: its line stays.
        append(dir, &entry("a.ron"), Some(false)).unwrap();
        start(dir).unwrap();
        assert_eq!(files(dir), Some(vec!["a.ron".to_owned()]));
    }
}
