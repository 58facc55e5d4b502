//! The practice schedule on disk: `practice.ron` in the data directory,
//! beside the `attempts` folder.
//!
//! Every change is one read-modify-write under a lock: the lock (on the
//! hidden `.practice.ron.lock` beside it, since a save replaces the file
//! itself) is taken, the file is read again, the one change is applied,
//! and the whole schedule is written atomically (a temporary file, fsync,
//! rename) before the lock is let go. Two `lateral practice`s, or a `take`
//! and a `practice`, at once therefore lose no answer, and a kill at any
//! moment leaves the previous or the new schedule. The lock is released by
//! the operating system when the process ends, however it ends.
//!
//! A schedule that cannot be read (not text, not a schedule, a card twice)
//! is renamed aside (`practice.ron.set-aside`) and said so; one written by
//! a newer lateral is refused and left exactly as it is.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Deserialize;

use crate::attempt::Attempt;
use crate::file::{read_limited, FileError};
use crate::grade::Outcome;
use crate::practice::{mark, Schedule, SCHEDULE_FORMAT};
use crate::store::{self, Note};
use crate::Error;

/// The schedule's file name in the data directory.
pub const FILE_NAME: &str = "practice.ron";

/// The largest schedule read: about 300,000 cards, far beyond any
/// student's; a larger file is refused, never set aside.
pub const MAX_SCHEDULE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a schedule file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    /// The file could not be read (or is not a regular file, or too large).
    #[error("{0}")]
    File(#[from] FileError),
    /// The bytes are not UTF-8 text.
    #[error("{0}")]
    NotText(String),
    /// A newer lateral wrote it.
    #[error("it was written by a newer lateral (schedule format {0}); nothing was changed: update lateral, or move the file away to start a new schedule")]
    Newer(u32),
    /// It is not a valid schedule.
    #[error("line {line}, column {column}: {message}")]
    Invalid {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// It parses, but its cards contradict each other.
    #[error("{0}")]
    Cards(String),
}

/// The schedule file of one student.
#[derive(Debug, Clone)]
pub struct ScheduleFile {
    path: PathBuf,
}

/// The one field every schedule format keeps: read first, so a schedule
/// from a newer lateral is reported as such whatever else changed.
#[derive(Deserialize)]
struct Header {
    format: u32,
}

impl ScheduleFile {
    /// The schedule in the data directory (`LATERAL_DATA_DIR` or the
    /// platform's place).
    pub fn open() -> Result<ScheduleFile, Error> {
        Ok(ScheduleFile::at(&store::data_dir()?.join(FILE_NAME)))
    }

    /// The schedule kept in `path`.
    pub fn at(path: &Path) -> ScheduleFile {
        ScheduleFile {
            path: path.to_path_buf(),
        }
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schedule as it stands (empty when there is no file yet). A file
    /// that cannot be read is set aside, and `notes` say so.
    pub fn load(&self, notes: &mut Vec<Note>) -> Result<Schedule, Error> {
        if !self.path.exists() {
            return Ok(Schedule::new());
        }
        let _lock = self.lock()?;
        self.read_or_set_aside(notes)
    }

    /// Applies `change` to the schedule as it is on disk now, and saves it,
    /// all under the lock; returns the schedule saved.
    pub fn update(
        &self,
        notes: &mut Vec<Note>,
        change: impl FnOnce(&mut Schedule),
    ) -> Result<Schedule, Error> {
        let _lock = self.lock()?;
        let mut schedule = self.read_or_set_aside(notes)?;
        change(&mut schedule);
        self.write(&schedule)?;
        Ok(schedule)
    }

    /// Waits for, then holds, the schedule's lock until the file is dropped.
    fn lock(&self) -> Result<std::fs::File, Error> {
        let write_error = |source: io::Error| Error::Write {
            path: self.path.display().to_string(),
            source,
        };
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(write_error)?;
        }
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.path.with_file_name(format!(".{name}.lock")))
            .map_err(write_error)?;
        file.lock().map_err(write_error)?;
        self.remove_temporaries(&name);
        Ok(file)
    }

    /// Removes the temporary files (`.practice.ron.XXXXXX`) of a process
    /// killed while saving. Only under the lock: no save is under way then.
    fn remove_temporaries(&self, name: &str) {
        let Some(dir) = self.path.parent() else {
            return;
        };
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let prefix = format!(".{name}.");
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            let temporary = file.strip_prefix(&prefix).is_some_and(|suffix| {
                suffix.len() == 6 && suffix.chars().all(|c| c.is_ascii_alphanumeric())
            });
            if temporary {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// Reads the file under the lock; an unreadable one is renamed aside.
    fn read_or_set_aside(&self, notes: &mut Vec<Note>) -> Result<Schedule, Error> {
        match read(&self.path) {
            Ok(schedule) => Ok(schedule),
            Err(ScheduleError::File(FileError::Io(e))) if e.kind() == io::ErrorKind::NotFound => {
                Ok(Schedule::new())
            }
            // Neither a newer lateral's schedule nor a file the system will
            // not let us read (or a folder, or a file past the limit) is
            // ours to move.
            Err(e @ (ScheduleError::Newer(_) | ScheduleError::File(_))) => Err(Error::Schedule {
                path: self.path.display().to_string(),
                source: e,
            }),
            Err(e) => {
                let problem = format!("it cannot be read as a practice schedule ({e})");
                match store::set_aside(&self.path) {
                    Ok(to) => notes.push(Note::SetAside {
                        from: self.path.clone(),
                        to,
                        problem,
                    }),
                    Err(source) => {
                        return Err(Error::Write {
                            path: self.path.display().to_string(),
                            source,
                        })
                    }
                }
                Ok(Schedule::new())
            }
        }
    }

    fn write(&self, schedule: &Schedule) -> Result<(), Error> {
        let write_error = |source: io::Error| Error::Write {
            path: self.path.display().to_string(),
            source,
        };
        let mut file = atomic_write_file::AtomicWriteFile::open(&self.path).map_err(write_error)?;
        io::Write::write_all(&mut file, schedule.to_ron().as_bytes()).map_err(write_error)?;
        file.commit().map_err(write_error)
    }
}

/// Reads a schedule file.
pub fn read(path: &Path) -> Result<Schedule, ScheduleError> {
    let bytes = read_limited(path, MAX_SCHEDULE_BYTES)?;
    let text = crate::load::decode(&bytes).map_err(|d| ScheduleError::NotText(d.message))?;
    if let Ok(header) = crate::load::parse::<Header>(text) {
        if header.value.format > SCHEDULE_FORMAT {
            return Err(ScheduleError::Newer(header.value.format));
        }
    }
    let schedule = crate::load::parse::<Schedule>(text)
        .map(|d| d.value)
        .map_err(|d| {
            let (line, column) = d
                .span
                .map_or((1, 1), |s| crate::diagnostic::line_col(text, s.start));
            ScheduleError::Invalid {
                line,
                column,
                message: d.message,
            }
        })?;
    schedule.tidy().map_err(ScheduleError::Cards)
}

/// Enters an answer given in `lateral take` into the student's schedule.
///
/// Only answers saved in the data directory count, the student's own: not
/// a paper's answer sheet (graded by the teacher, not here), nor any sheet
/// with a student's name or kept in a class folder, nor an attempt saved
/// elsewhere with `--save`. A reflection, not scored, is no card. The
/// attempt is already saved when this runs, so a schedule that cannot be
/// written costs no answer: it is said once, on standard error, and the
/// quiz goes on.
pub fn note_taken(
    attempt_file: &Path,
    attempt: &Attempt,
    question: &str,
    outcome: Option<&Outcome>,
) {
    let Some(mark) = outcome.and_then(|o| mark(o.verdict)) else {
        return;
    };
    if attempt.paper || attempt.name.is_some() {
        return;
    }
    let Ok(base) = store::data_dir() else {
        return;
    };
    if !attempt_file.starts_with(base.join("attempts")) {
        return;
    }
    let file = ScheduleFile::at(&base.join(FILE_NAME));
    let mut notes = Vec::new();
    let result = crate::clock::today(None).and_then(|today| {
        file.update(&mut notes, |s| {
            s.answer(&attempt.quiz, question, mark, today)
        })
    });
    for note in notes {
        eprintln!("lateral: {note}");
    }
    static WARNED: AtomicBool = AtomicBool::new(false);
    if let Err(e) = result {
        if !WARNED.swap(true, Ordering::SeqCst) {
            let message = e.message(false).unwrap_or_default();
            eprintln!("lateral: your practice schedule was not updated ({message}); your answers are saved in the attempt");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::Mark;

    fn day(text: &str) -> jiff::civil::Date {
        text.parse().unwrap()
    }

    #[test]
    fn updates_read_the_file_again_so_two_writers_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data/practice.ron");
        // Two handles, as two processes would have.
        let (one, two) = (ScheduleFile::at(&path), ScheduleFile::at(&path));
        let mut notes = Vec::new();
        one.update(&mut notes, |s| {
            s.answer("q", "a", Mark::Right, day("2026-12-01"))
        })
        .unwrap();
        two.update(&mut notes, |s| {
            s.answer("q", "b", Mark::Missed, day("2026-12-01"))
        })
        .unwrap();
        let saved = read(&path).unwrap();
        assert_eq!(saved.cards.len(), 2);
        assert_eq!(saved.card("q", "a").unwrap().due, day("2026-12-03"));
        assert_eq!(saved.card("q", "b").unwrap().due, day("2026-12-02"));
        assert!(notes.is_empty());
    }

    #[test]
    fn a_temporary_left_by_a_killed_save_is_removed_and_the_lock_file_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("practice.ron");
        std::fs::write(dir.path().join(".practice.ron.aB3dE9"), "half a sched").unwrap();
        std::fs::write(dir.path().join(".practice.ron.notes"), "kept").unwrap();
        ScheduleFile::at(&path)
            .update(&mut Vec::new(), |s| {
                s.answer("q", "a", Mark::Right, day("2026-12-01"))
            })
            .unwrap();
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [".practice.ron.lock", ".practice.ron.notes", "practice.ron"]
        );
    }

    #[test]
    fn a_broken_file_is_set_aside_and_a_newer_one_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("practice.ron");
        let file = ScheduleFile::at(&path);
        std::fs::write(&path, "(format: 1, cards: [oops").unwrap();
        let mut notes = Vec::new();
        assert_eq!(file.load(&mut notes).unwrap(), Schedule::new());
        assert_eq!(notes.len(), 1);
        assert!(notes[0]
            .to_string()
            .contains("cannot be read as a practice schedule"));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("practice.ron.set-aside")).unwrap(),
            "(format: 1, cards: [oops"
        );

        let newer = "(format: 2, cards: [], decks: [])";
        std::fs::write(&path, newer).unwrap();
        let refused = file
            .update(&mut notes, |s| {
                s.answer("q", "a", Mark::Right, day("2026-12-01"))
            })
            .unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("written by a newer lateral (schedule format 2)"),
            "{refused}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);
    }
}
