//! Where attempts live on disk, and how they are written so none is ever lost.
//!
//! Attempts go under the platform's data directory (via `directories`), or
//! `LATERAL_DATA_DIR` when set, one folder per quiz. Every save is atomic
//! (a temporary file, fsync, rename, fsync of the folder, by the
//! `atomic-write-file` crate), so a kill at any moment leaves the previous or
//! the new attempt, never a torn one. Temporary files a killed process left
//! behind are removed on the next start. A file that cannot be used is
//! renamed aside, never overwritten or deleted.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::attempt::{Attempt, Unusable, ATTEMPT_FORMAT};
use crate::escape::Untrusted;
use crate::file::{read_limited, FileError};
use crate::load::MAX_FILE_BYTES;
use crate::{io_reason, Error};

mod index;
pub use index::{index_path, Entry, Scored, Scorer};
use index::{QuizLock, UNFINISHED};

/// Why an attempt file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum AttemptError {
    /// The file could not be read (or is not a regular file, or too large).
    #[error("{0}")]
    File(#[from] FileError),
    /// The bytes are not UTF-8 text (the message says where).
    #[error("{0}")]
    NotText(String),
    /// A newer lateral wrote it.
    #[error("{}", Unusable::Newer(*.0))]
    Newer(u32),
    /// It is not a valid attempt.
    #[error("line {line}, column {column}: {message}")]
    Invalid {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in characters).
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// An unfinished attempt that can be resumed, locked for this process.
pub type Resumable = (PathBuf, Attempt, Lock);

/// An attempt file held by one process. Other `lateral take`s leave it
/// alone while the lock is held; the operating system releases it when the
/// process ends however it ends, so a kill never leaves a stale lock. The
/// lock is taken on a hidden file beside the attempt (`.NAME.ron.lock`),
/// because saving replaces the attempt file itself.
#[derive(Debug)]
pub struct Lock {
    _file: std::fs::File,
    path: PathBuf,
}

impl Lock {
    /// The lock file of the attempt at `attempt`.
    fn file_for(attempt: &Path) -> PathBuf {
        let name = attempt
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        attempt.with_file_name(format!(".{name}.lock"))
    }

    /// Locks `attempt` for this process; `None` when another process has it.
    pub fn try_acquire(attempt: &Path) -> io::Result<Option<Lock>> {
        let path = Self::file_for(attempt);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        Self::hold(file, path)
    }

    /// Creates and locks the lock file of a new attempt; `None` when the
    /// lock file exists already (the name is taken).
    fn claim(attempt: &Path) -> io::Result<Option<Lock>> {
        let path = Self::file_for(attempt);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => Self::hold(file, path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn hold(file: std::fs::File, path: PathBuf) -> io::Result<Option<Lock>> {
        match file.try_lock() {
            Ok(()) => Ok(Some(Lock { _file: file, path })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(e),
        }
    }

    /// Whether no process holds the lock of `attempt` (its lock file is
    /// gone, or can be locked): nothing is saving it. Never creates a lock
    /// file.
    fn is_free(attempt: &Path) -> bool {
        let path = Self::file_for(attempt);
        match std::fs::OpenOptions::new().write(true).open(&path) {
            Err(e) => e.kind() == io::ErrorKind::NotFound,
            Ok(file) => matches!(file.try_lock(), Ok(())),
        }
    }

    /// Releases the lock of a finished attempt and removes its lock file:
    /// nobody resumes a finished attempt, so nothing is left behind.
    pub fn release_finished(self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Something the student should be told about the attempts on disk.
#[derive(Debug)]
pub enum Note {
    /// An unusable attempt was renamed aside.
    SetAside {
        /// Where it was.
        from: PathBuf,
        /// Where it is kept now.
        to: PathBuf,
        /// Why it could not be used.
        problem: String,
    },
    /// An unfinished attempt is open in another `lateral take`.
    InUse {
        /// The attempt file.
        path: PathBuf,
    },
    /// An unusable attempt could not be renamed.
    NotSetAside {
        /// The file.
        path: PathBuf,
        /// What the file system said.
        error: io::Error,
    },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::SetAside { from, to, problem } => write!(
                f,
                "set aside {}: {}; it is kept as {}",
                Untrusted::path(from),
                Untrusted::new(problem),
                Untrusted::path(to)
            ),
            Note::InUse { path } => write!(
                f,
                "the unfinished attempt {} is open in another `lateral take`; it is left alone",
                Untrusted::path(path)
            ),
            Note::NotSetAside { path, error } => write!(
                f,
                "could not set aside {}: {}",
                Untrusted::path(path),
                Untrusted::new(io_reason(error))
            ),
        }
    }
}

/// The folder of saved attempts.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    /// A class folder: every attempt directly inside `root`, whatever its
    /// quiz, instead of one folder per quiz.
    flat: bool,
}

/// What an attempt must be to be resumed: of this quiz and version, and,
/// for a paper, by this student.
#[derive(Clone, Copy)]
pub struct Wanted<'a> {
    /// The quiz's id.
    pub quiz: &'a str,
    /// The quiz's fingerprint (a paper carries its quiz's).
    pub fingerprint: &'a str,
    /// The student's name, for a paper.
    pub name: Option<&'a str>,
    /// How a finished attempt found while looking is scored for the index
    /// of finished attempts.
    pub score: Scorer<'a>,
}

/// One attempt as `lateral history` lists it: a finished one from the
/// index, or one read from its file.
#[derive(Debug)]
pub enum Item {
    /// A finished attempt, as the index records it.
    Finished(PathBuf, Entry),
    /// An unfinished (or unreadable) attempt, read whole.
    Read(PathBuf, Result<Attempt, AttemptError>),
}

impl Item {
    /// The attempt's file.
    pub fn path(&self) -> &Path {
        match self {
            Item::Finished(p, _) | Item::Read(p, _) => p,
        }
    }

    /// When it was last saved (empty when unreadable).
    pub fn updated(&self) -> &str {
        match self {
            Item::Finished(_, e) => &e.updated,
            Item::Read(_, Ok(a)) => &a.updated,
            Item::Read(_, Err(_)) => "",
        }
    }
}

/// What a quiz's folder holds, with its index current.
struct Folder {
    /// Finished attempts, oldest first.
    finished: Vec<Entry>,
    /// Files in the quiz's folder itself that are listed by reading them
    /// whole: those that cannot be read but say they are finished, and
    /// unfinished ones that could not be moved into `unfinished/` (another
    /// process had one open, or the folder cannot be written).
    left: Vec<PathBuf>,
}

/// An attempt file and what reading it gave.
pub type Listed = (PathBuf, Result<Attempt, AttemptError>);

/// An attempt file and what reading its header gave.
pub type ListedHeader = (PathBuf, Result<Header, AttemptError>);

/// What listing attempts and choosing one to resume need: the fields an
/// attempt file holds before the questions asked and the answers (which
/// are most of it).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Header {
    /// See [`Attempt::format`].
    pub format: u32,
    /// See [`Attempt::quiz`].
    pub quiz: String,
    /// See [`Attempt::title`].
    pub title: String,
    /// See [`Attempt::quiz_path`].
    pub quiz_path: String,
    /// See [`Attempt::fingerprint`].
    pub fingerprint: String,
    /// See [`Attempt::seed`].
    pub seed: u64,
    /// See [`Attempt::started`].
    pub started: String,
    /// See [`Attempt::updated`].
    pub updated: String,
    /// See [`Attempt::exam`].
    #[serde(default)]
    pub exam: bool,
    /// See [`Attempt::paper`].
    #[serde(default)]
    pub paper: bool,
    /// See [`Attempt::name`].
    #[serde(default)]
    pub name: Option<String>,
    /// See [`Attempt::finished`]. Lateral always writes it; a header
    /// without it is not taken from the first bytes (the field may come
    /// later, in a file written by hand), the file is read whole.
    pub finished: bool,
}

impl Header {
    /// The header of an attempt read whole.
    pub fn of(a: &Attempt) -> Header {
        Header {
            format: a.format,
            quiz: a.quiz.clone(),
            title: a.title.clone(),
            quiz_path: a.quiz_path.clone(),
            fingerprint: a.fingerprint.clone(),
            seed: a.seed,
            started: a.started.clone(),
            updated: a.updated.clone(),
            exam: a.exam,
            paper: a.paper,
            name: a.name.clone(),
            finished: a.finished,
        }
    }
}

/// Sorts what was read oldest first: by saved time; within the same
/// second, by the file's modification time (nanoseconds), which says
/// which was saved last; then by name. Only files that share a saved time
/// are asked for their modification time.
fn oldest_first<T>(
    mut found: Vec<(PathBuf, Result<T, AttemptError>)>,
    updated: fn(&T) -> &String,
) -> Vec<(PathBuf, Result<T, AttemptError>)> {
    fn saved<T>(r: &Result<T, AttemptError>, updated: fn(&T) -> &String) -> &str {
        r.as_ref().map_or("", |t| updated(t).as_str())
    }
    found.sort_by(|(pa, a), (pb, b)| {
        saved(a, updated)
            .cmp(saved(b, updated))
            .then_with(|| pa.cmp(pb))
    });
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let mut start = 0;
    while start < found.len() {
        let mut end = start + 1;
        while end < found.len() && saved(&found[end].1, updated) == saved(&found[start].1, updated)
        {
            end += 1;
        }
        if end - start > 1 {
            found[start..end].sort_by_cached_key(|(p, _)| (modified(p), p.clone()));
        }
        start = end;
    }
    found
}

impl Store {
    /// The store under `LATERAL_DATA_DIR`, or the platform's data directory.
    pub fn open() -> Result<Store, Error> {
        Ok(Store {
            root: data_dir()?.join("attempts"),
            flat: false,
        })
    }

    /// Fails when the folder of attempts exists but cannot be listed (a
    /// file in its place, no permission), so that "no attempts yet" is
    /// only ever said when it is true.
    pub fn check_readable(&self) -> Result<(), Error> {
        let read_error = |source: io::Error| Error::Read {
            path: self.root.display().to_string(),
            source,
        };
        match std::fs::metadata(&self.root) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(read_error(e)),
            Ok(m) if !m.is_dir() => Err(read_error(io::ErrorKind::NotADirectory.into())),
            Ok(_) => std::fs::read_dir(&self.root).map(drop).map_err(read_error),
        }
    }

    /// The store rooted at `dir` (for tests and tools).
    pub fn at(dir: &Path) -> Store {
        Store {
            root: dir.to_path_buf(),
            flat: false,
        }
    }

    /// A class folder: the sheets of many students, and maybe of several
    /// quizzes, side by side in `dir`.
    pub fn class_folder(dir: &Path) -> Store {
        Store {
            root: dir.to_path_buf(),
            flat: true,
        }
    }

    /// The folder for one quiz's attempts.
    fn quiz_dir(&self, quiz_id: &str) -> PathBuf {
        if self.flat {
            return self.root.clone();
        }
        let safe: String = quiz_id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        self.root.join(if safe.is_empty() {
            "_".to_owned()
        } else {
            safe
        })
    }

    /// Reserves a file for a new attempt and locks it. The name is the start
    /// time and seed (`20261122T070509Z-5.ron`, then `-2`, `-3`…); it is
    /// claimed by creating its lock file, which only one process can do, so
    /// two `take`s started in the same second with the same seed never
    /// share a file.
    pub fn create(&self, attempt: &Attempt) -> Result<(PathBuf, Lock), Error> {
        let stamp: String = attempt
            .started
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        // A named sheet (a paper) says whose it is: QUIZ-NAME-TIME-RANDOM.
        let stem = match &attempt.name {
            Some(name) => format!(
                "{}-{}-{stamp}-{:06x}",
                file_safe(&attempt.quiz),
                file_safe(name),
                crate::shuffle::fresh_seed() & 0xff_ffff
            ),
            None => format!("{stamp}-{}", attempt.seed),
        };
        let finished_dir = self.quiz_dir(&attempt.quiz);
        let dir = match self.flat {
            true => finished_dir.clone(),
            false => finished_dir.join(UNFINISHED),
        };
        let new_folder = !self.flat && !finished_dir.exists();
        std::fs::create_dir_all(&dir).map_err(|source| Error::Write {
            path: dir.display().to_string(),
            source,
        })?;
        // A new quiz folder holds no finished attempt: its index is empty
        // and current from the start (a folder that is not new gets one
        // when it is first looked at).
        if new_folder {
            let _ = index::start(&finished_dir);
        }
        for n in 1.. {
            let name = match n {
                1 => format!("{stem}.ron"),
                n => format!("{stem}-{n}.ron"),
            };
            // Not the name of a finished attempt either: finishing moves
            // the file into the quiz's folder under the same name.
            if !self.flat && finished_dir.join(&name).exists() {
                continue;
            }
            let path = dir.join(name);
            if path.exists() {
                continue;
            }
            match Lock::claim(&path) {
                Ok(Some(lock)) => return Ok((path, lock)),
                Ok(None) => continue,
                Err(source) => {
                    return Err(Error::Write {
                        path: path.display().to_string(),
                        source,
                    })
                }
            }
        }
        unreachable!("an unbounded range ends only by returning")
    }

    /// Removes temporary files left by a process killed mid-save of an
    /// attempt at `quiz_id`; returns how many. Only unfinished attempts
    /// are saved, so only their folder is looked at (a rebuild of the
    /// index of finished attempts cleans the quiz's folder).
    pub fn clean_temporaries(&self, quiz_id: &str) -> usize {
        let mut removed = 0;
        let dirs = match self.flat {
            true => vec![self.root.clone()],
            false => vec![self.quiz_dir(quiz_id).join(UNFINISHED)],
        };
        for dir in dirs {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                // Only a temporary no live process may be writing: its
                // attempt's lock is free (a `take` saving it holds it).
                let owner = temporary_of(&name).map(|attempt| dir.join(attempt));
                if owner.is_some_and(|a| Lock::is_free(&a))
                    && std::fs::remove_file(entry.path()).is_ok()
                {
                    removed += 1;
                }
            }
        }
        removed
    }

    /// Every attempt file of a class folder, optionally of one quiz, oldest
    /// first; in the data folder, the files of the given folders.
    fn list_in(&self, dirs: &[PathBuf]) -> Vec<Listed> {
        let found = files_in(dirs)
            .into_iter()
            .map(|(p, _)| {
                let read = read(&p);
                (p, read)
            })
            .collect();
        oldest_first(found, |a| &a.updated)
    }

    /// The attempt files of `dirs` with their [`Header`]s: what choosing
    /// an attempt to resume needs, without its answers.
    fn list_headers_in(&self, dirs: &[PathBuf]) -> Vec<ListedHeader> {
        let found = files_in(dirs)
            .into_iter()
            .map(|(p, regular)| {
                let read = if regular {
                    read_header(&p)
                } else {
                    read(&p).map(|a| Header::of(&a))
                };
                (p, read)
            })
            .collect();
        oldest_first(found, |h| &h.updated)
    }

    /// The quiz folders of the data folder, or the one of `quiz_id`.
    fn quiz_dirs(&self, quiz_id: Option<&str>) -> Vec<PathBuf> {
        match quiz_id {
            Some(id) => vec![self.quiz_dir(id)],
            None => subdirs(&self.root),
        }
    }

    /// Every attempt, optionally of one quiz, oldest first, as `lateral
    /// history` lists them: finished ones from each quiz's index (rebuilt
    /// first when it is not current, or always with `rescan`), the others
    /// read whole. A class folder's attempts are all read whole.
    pub fn history(&self, quiz_id: Option<&str>, rescan: bool, score: Scorer<'_>) -> Vec<Item> {
        if self.flat {
            let dirs = vec![self.root.clone()];
            return self
                .list_in(&dirs)
                .into_iter()
                .map(|(p, r)| Item::Read(p, r))
                .collect();
        }
        let mut items = Vec::new();
        for dir in self.quiz_dirs(quiz_id) {
            let folder = self.folder(&dir, rescan, score);
            let mut read: Vec<Item> = self
                .list_in(&[dir.join(UNFINISHED)])
                .into_iter()
                .map(|(p, r)| Item::Read(p, r))
                .collect();
            read.extend(folder.left.into_iter().map(|p| {
                let r = self::read(&p);
                Item::Read(p, r)
            }));
            items.extend(
                folder
                    .finished
                    .into_iter()
                    .map(|e| Item::Finished(dir.join(&e.file), e)),
            );
            items.extend(read);
        }
        // Stable: each quiz's finished attempts keep their index's order.
        items.sort_by(|a, b| a.updated().cmp(b.updated()));
        items
    }

    /// The finished attempts of a quiz's folder and its attempts left in
    /// place, from its index when it is current; otherwise (or with
    /// `rescan`) from the files, under the quiz's lock: unfinished attempts
    /// of the old layout (and files that cannot be read, for `take` to set
    /// aside) are moved into `unfinished/`, every finished attempt the index
    /// lacks is read and scored, and the index is written again.
    fn folder(&self, dir: &Path, rescan: bool, score: Scorer<'_>) -> Folder {
        if !rescan {
            if let Some(listed) = index::read_current(dir) {
                return Folder {
                    finished: listed.finished,
                    left: listed.others.iter().map(|n| dir.join(n)).collect(),
                };
            }
        }
        self.rebuild(dir, rescan, score, None)
    }

    /// See [`Store::folder`]. `history` leaves every file where it is;
    /// `take` (`settle`: where to say what it did) moves the unfinished
    /// attempts of the old layout into `unfinished/` and sets aside, in
    /// place, files that cannot be read and do not say they are finished,
    /// as it always set aside the unusable attempts it found.
    fn rebuild(
        &self,
        dir: &Path,
        rescan: bool,
        score: Scorer<'_>,
        mut settle: Option<&mut Vec<Note>>,
    ) -> Folder {
        // A folder that cannot be written is listed all the same, from
        // the files, changing nothing.
        let lock = match dir.is_dir() {
            true => QuizLock::acquire(dir).ok(),
            false => None,
        };
        let writable = lock.is_some();
        let known = match rescan {
            true => Default::default(),
            false => index::known(dir),
        };
        let mut finished = Vec::new();
        let mut left = Vec::new();
        let mut unsettled = false;
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            // Temporaries of a killed save: an attempt's when nothing holds
            // its lock, the index's (only ever written under the quiz's
            // lock, which this holds).
            let index_temporary = name
                .strip_prefix(".finished-index.")
                .is_some_and(|r| r.len() == 6 && r.chars().all(|c| c.is_ascii_alphanumeric()));
            if is_temporary(&name) || index_temporary {
                let free = index_temporary
                    || temporary_of(&name).is_some_and(|a| Lock::is_free(&dir.join(a)));
                if writable && free {
                    let _ = std::fs::remove_file(entry.path());
                }
                continue;
            }
            if !name.ends_with(".ron") || name.len() <= 4 || name.starts_with('.') {
                continue;
            }
            // Not a regular file (a pipe would be waited on forever): not
            // an attempt lateral wrote; it is left alone.
            if !entry.file_type().is_ok_and(|t| t.is_file()) {
                continue;
            }
            let ino = index::ino_of(&entry);
            if let Some(e) = known.get(&name).filter(|e| e.ino == ino) {
                finished.push(e.clone());
                continue;
            }
            let path = entry.path();
            let read = read(&path);
            let settled = match (&read, settle.as_deref_mut()) {
                (Ok(a), _) if a.finished => {
                    finished.push(Entry::of(name, a, score(a)).with_ino(ino));
                    continue;
                }
                // Says it is finished but cannot be read (cut or edited by
                // hand): left where it is, listed as unreadable.
                (Err(_), _) if read_header(&path).is_ok_and(|h| h.finished) => {
                    left.push(name);
                    continue;
                }
                _ if !writable => false,
                (_, None) => false,
                // Unfinished (the old layout kept them here): moved beside
                // the other unfinished attempts, where `take` resumes it.
                (Ok(_), Some(_)) => move_unfinished(&path, &dir.join(UNFINISHED).join(&name)),
                (Err(e), Some(notes)) => match Lock::try_acquire(&path) {
                    Ok(Some(_lock)) => {
                        let problem = problem_of(e);
                        notes.push(set_aside_noting(path, problem));
                        matches!(notes.last(), Some(Note::SetAside { .. }))
                    }
                    _ => false,
                },
            };
            if !settled {
                left.push(name);
                unsettled = true;
            }
        }
        finished.sort_by(|a, b| a.updated.cmp(&b.updated).then_with(|| a.file.cmp(&b.file)));
        left.sort();
        let listed = index::Listed {
            finished,
            others: left,
            unsettled,
        };
        if writable {
            let _ = index::write(dir, &listed);
        }
        drop(lock);
        Folder {
            left: listed.others.iter().map(|n| dir.join(n)).collect(),
            finished: listed.finished,
        }
    }

    /// Moves a finished attempt from `unfinished/` into its quiz's folder
    /// and adds it to the index; returns where it is now. The index is
    /// only stamped current again when it was current before the move.
    /// Anything else than a file in a quiz's `unfinished/` folder stays
    /// where it is.
    pub fn finish(&self, path: &Path, attempt: &Attempt, scored: Option<Scored>) -> PathBuf {
        let unchanged = path.to_path_buf();
        if self.flat {
            return unchanged;
        }
        let (Some(unfinished), Some(name)) = (path.parent(), path.file_name()) else {
            return unchanged;
        };
        let Some(dir) = unfinished.parent() else {
            return unchanged;
        };
        if unfinished.file_name() != Some(UNFINISHED.as_ref()) || !dir.starts_with(&self.root) {
            return unchanged;
        }
        let Ok(_lock) = QuizLock::acquire(dir) else {
            return unchanged;
        };
        let current = index::is_current(dir);
        let name = name.to_string_lossy().into_owned();
        let stem = name.strip_suffix(".ron").unwrap_or(&name);
        let mut to_name = name.clone();
        let mut n = 2;
        while dir.join(&to_name).exists() {
            to_name = format!("{stem}-finished-{n}.ron");
            n += 1;
        }
        let to = dir.join(&to_name);
        // Not current until the attempt's line follows (if it cannot be
        // said, the index is not trusted after the rename either).
        let current = current.filter(|_| index::moving(dir, &to_name).is_ok());
        if std::fs::rename(path, &to).is_err() {
            return unchanged;
        }
        let entry = Entry::of(to_name, attempt, scored).with_ino(index::ino_at(&to));
        let _ = index::append(dir, &entry, current);
        to
    }

    /// The most recent unfinished attempt at `quiz` that can be resumed and
    /// is not open in another process, locked for this one. Attempts that
    /// cannot be used are set aside; each is described in the returned
    /// notes so the student is told, as is an attempt left alone because
    /// another `lateral take` has it open. In the data folder only the
    /// quiz's `unfinished/` folder is looked at (once its index of
    /// finished attempts is current, which moves the old layout's
    /// unfinished attempts there); a finished attempt found there (its
    /// move was cut short) is moved on.
    pub fn resumable(&self, wanted: Wanted<'_>) -> (Option<Resumable>, Vec<Note>) {
        let mut notes = Vec::new();
        let dirs = match self.flat {
            true => vec![self.root.clone()],
            false => {
                let dir = self.quiz_dir(wanted.quiz);
                if index::is_current(&dir) != Some(false) {
                    self.rebuild(&dir, false, wanted.score, Some(&mut notes));
                }
                vec![dir.join(UNFINISHED)]
            }
        };
        let mut candidates = Vec::new();
        for (path, header) in self.list_headers_in(&dirs) {
            if !self.flat && header.as_ref().is_ok_and(|h| h.finished) {
                if let Ok(Some(lock)) = Lock::try_acquire(&path) {
                    match read(&path) {
                        Ok(a) if a.finished => {
                            self.finish(&path, &a, (wanted.score)(&a));
                            lock.release_finished();
                        }
                        _ => {}
                    }
                }
                continue;
            }
            // Another quiz's or another student's attempt is not ours to
            // judge (a class folder holds many); nor, in a class folder, is a
            // file that cannot be read. Only the header is read for this:
            // the few attempts left to judge are read whole.
            let read = match header {
                Ok(h) if h.quiz != wanted.quiz || h.name.as_deref() != wanted.name => continue,
                Ok(h) if h.finished => continue,
                Err(_) if self.flat => continue,
                Ok(_) => read(&path),
                Err(e) => Err(e),
            };
            match &read {
                Ok(a) if a.quiz != wanted.quiz || a.name.as_deref() != wanted.name => continue,
                Ok(a) if a.finished => continue,
                Err(_) if self.flat => continue,
                _ => {}
            }
            // Another process's attempt is never touched, not even set aside.
            let lock = match Lock::try_acquire(&path) {
                Ok(Some(lock)) => lock,
                Ok(None) => {
                    if read.is_ok() {
                        notes.push(Note::InUse { path });
                    }
                    continue;
                }
                Err(_) => continue,
            };
            let problem = match &read {
                Err(e) => Some(problem_of(e)),
                Ok(a) => a
                    .unusable_for(wanted.quiz, wanted.fingerprint)
                    .map(|u| u.to_string()),
            };
            if let Some(problem) = problem {
                notes.push(set_aside_noting(path, problem));
                continue;
            }
            if let Ok(a) = read {
                candidates.push((path, a, lock));
            }
        }
        // The newest; the older ones' locks are released as they drop.
        (candidates.pop(), notes)
    }

    /// The most recent finished attempt at a quiz.
    /// In the data folder, the newest line of the quiz's index of finished
    /// attempts whose file reads as a finished attempt.
    pub fn last_finished(&self, quiz_id: &str, score: Scorer<'_>) -> Option<(PathBuf, Attempt)> {
        if !self.flat {
            let dir = self.quiz_dir(quiz_id);
            return self
                .folder(&dir, false, score)
                .finished
                .iter()
                .rev()
                .map(|e| dir.join(&e.file))
                .find_map(|p| read(&p).ok().filter(|a| a.finished).map(|a| (p, a)));
        }
        self.list_headers_in(std::slice::from_ref(&self.root))
            .into_iter()
            .rev()
            .filter(|(_, h)| h.as_ref().is_ok_and(|h| h.finished))
            .find_map(|(p, _)| read(&p).ok().filter(|a| a.finished).map(|a| (p, a)))
    }

    /// Resolves what a person typed to name an attempt: a path, or a name as
    /// `lateral history` shows it (`quiz-id/file`).
    pub fn resolve(&self, name: &str) -> PathBuf {
        let direct = PathBuf::from(name);
        if direct.exists() {
            return direct;
        }
        let under = self.root.join(name);
        if under.exists() || name.ends_with(".ron") {
            return under;
        }
        self.root.join(format!("{name}.ron"))
    }

    /// The short name `lateral history` shows for an attempt file.
    pub fn short_name(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .map(|p| p.with_extension("").display().to_string())
            .unwrap_or_else(|_| path.display().to_string())
    }
}

/// lateral's data directory: `LATERAL_DATA_DIR` when set, or the
/// platform's place. It holds the `attempts` folder and the practice
/// schedule.
pub fn data_dir() -> Result<PathBuf, Error> {
    match std::env::var_os("LATERAL_DATA_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => directories::ProjectDirs::from("", "", "lateral")
            .map(|d| d.data_dir().to_path_buf())
            .ok_or(Error::NoDataDir),
    }
}

/// `text` as part of a file name: letters and digits kept (accents
/// folded), runs of anything else as one `-`, at most 40 characters.
fn file_safe(text: &str) -> String {
    let folded = crate::normalize::fold(text);
    let mut out = String::new();
    for c in folded.chars() {
        // `fold` has made every other character a space.
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "x".to_owned()
    } else {
        out.to_owned()
    }
}

/// The attempt files (`.ron`, not hidden) in `dirs`, in no particular
/// order; each with whether the folder listing says it is a regular file.
fn files_in(dirs: &[PathBuf]) -> Vec<(PathBuf, bool)> {
    dirs.iter()
        .flat_map(|d| std::fs::read_dir(d).into_iter().flatten().flatten())
        .filter(|e| {
            let name = e.file_name();
            let name = name.as_encoded_bytes();
            name.ends_with(b".ron") && name.len() > 4 && !name.starts_with(b".")
        })
        .map(|e| {
            let regular = e.file_type().is_ok_and(|t| t.is_file());
            (e.path(), regular)
        })
        .collect()
}

/// Why an attempt that cannot be read is set aside, as the student is told.
/// Sets the attempt at `path` aside for `problem`, and says what became
/// of it.
fn set_aside_noting(path: PathBuf, problem: String) -> Note {
    match set_aside(&path) {
        Ok(to) => Note::SetAside {
            from: path,
            to,
            problem,
        },
        Err(error) => Note::NotSetAside { path, error },
    }
}

fn problem_of(e: &AttemptError) -> String {
    match e {
        AttemptError::Newer(_) => e.to_string(),
        e => format!("it cannot be read ({e})"),
    }
}

/// Moves an unfinished attempt of the old layout (or a file that cannot
/// be read) from a quiz's folder into its `unfinished/` folder, with its
/// lock file, unless another process has it open or the name is taken
/// there. Whether it moved.
fn move_unfinished(from: &Path, to: &Path) -> bool {
    if to.exists() {
        return false;
    }
    let Ok(Some(lock)) = Lock::try_acquire(from) else {
        return false;
    };
    let moved = std::fs::rename(from, to).is_ok();
    // The old lock file goes: the attempt's lock is beside it now.
    lock.release_finished();
    moved
}

fn subdirs(root: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The attempt file a temporary belongs to: `NAME.ron` for
/// `.NAME.ron.XXXXXX`.
fn temporary_of(name: &str) -> Option<&str> {
    if !is_temporary(name) {
        return None;
    }
    name.strip_prefix('.')?
        .rsplit_once('.')
        .map(|(base, _)| base)
}

/// Whether a file name is one of atomic-write-file's temporaries:
/// `.NAME.ron.XXXXXX` with six random letters or digits.
fn is_temporary(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.') else {
        return false;
    };
    match rest.rsplit_once('.') {
        Some((base, suffix)) => {
            base.ends_with(".ron")
                && suffix.len() == 6
                && suffix.chars().all(|c| c.is_ascii_alphanumeric())
        }
        None => false,
    }
}

/// The one field every attempt format keeps: read first, so an attempt
/// from a newer lateral is reported as such even if its other fields changed.
#[derive(Deserialize)]
struct Format {
    format: u32,
}

/// RON as lateral reads it (see [`crate::load::parse`]), without the
/// positions of values, which only a problem needs.
fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(crate::load::RECURSION_LIMIT)
}

/// Reads an attempt file.
pub fn read(path: &Path) -> Result<Attempt, AttemptError> {
    let bytes = read_limited(path, MAX_FILE_BYTES as u64)?;
    let text = crate::load::decode(&bytes).map_err(|d| AttemptError::NotText(d.message))?;
    // Nearly every attempt reads at once; the slower path below says where
    // and why one does not.
    if let Ok(a) = ron_options().from_str::<Attempt>(text) {
        if a.format <= ATTEMPT_FORMAT {
            return Ok(a);
        }
    }
    if let Ok(header) = crate::load::parse::<Format>(text) {
        if header.value.format > ATTEMPT_FORMAT {
            return Err(AttemptError::Newer(header.value.format));
        }
    }
    crate::load::parse::<Attempt>(text)
        .map(|d| d.value)
        .map_err(|d| {
            let (line, column) = d
                .span
                .map_or((1, 1), |s| crate::diagnostic::line_col(text, s.start));
            AttemptError::Invalid {
                line,
                column,
                message: d.message,
            }
        })
}

/// How much of an attempt file [`read_header`] reads first: lateral writes
/// the header in its first few hundred bytes.
const HEADER_BYTES: usize = 4096;

/// Reads the [`Header`] of an attempt file the folder listing says is a
/// regular file (opening a pipe would wait): its first bytes, up to the
/// line where the questions asked begin. A file whose header is not found
/// there (written by hand, or by another program) is read whole, so the
/// header, or the problem, is the one [`read`] finds.
fn read_header(path: &Path) -> Result<Header, AttemptError> {
    match read_start(path) {
        Some(start) => match header_of(&start) {
            Some(h) if h.format > ATTEMPT_FORMAT => Err(AttemptError::Newer(h.format)),
            Some(h) => Ok(h),
            None => read(path).map(|a| Header::of(&a)),
        },
        None => read(path).map(|a| Header::of(&a)),
    }
}

/// The first bytes of a file, at most [`HEADER_BYTES`], in one read: or
/// `None` when it cannot be opened or read ([`read`] says why). The
/// folder's listing said it is a regular file; a header not found in what
/// one read gives means the file is read whole.
fn read_start(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let mut start = vec![0; HEADER_BYTES];
    let n = file.read(&mut start).ok()?;
    start.truncate(n);
    Some(start)
}

/// The header in the first bytes of an attempt file: the text up to the
/// first line that begins with `asked:`, closed and parsed. `None` when
/// there is no such line, or what comes before it is not a header (a cut
/// inside a string or a comment does not parse).
fn header_of(start: &[u8]) -> Option<Header> {
    let mut line = 0;
    let cut = loop {
        let rest = &start[line..];
        let indent = rest
            .iter()
            .take_while(|b| **b == b' ' || **b == b'\t')
            .count();
        let field = &rest[indent..];
        if let Some(after) = field.strip_prefix(b"asked") {
            if after.trim_ascii_start().starts_with(b":") {
                break line;
            }
        }
        line += memchr::memchr(b'\n', rest)? + 1;
    };
    let text = std::str::from_utf8(&start[..cut]).ok()?;
    ron_options().from_str::<Header>(&format!("{text})")).ok()
}

/// Saves an attempt atomically, creating its folder if needed.
pub fn save(path: &Path, attempt: &Attempt) -> Result<(), Error> {
    write_attempt(path, attempt, true)
}

/// Proves that `attempt` can be saved at `path` without saving it: the
/// folder is created, the whole attempt is written to a temporary file and
/// synced to disk (so a full disk shows here), and the temporary is removed.
pub fn check_writable(path: &Path, attempt: &Attempt) -> Result<(), Error> {
    write_attempt(path, attempt, false)
}

/// Writes `attempt` to a temporary file beside `path`, then renames it over
/// `path` (`commit`) or syncs and removes it (a rehearsal).
fn write_attempt(path: &Path, attempt: &Attempt, commit: bool) -> Result<(), Error> {
    let write_error = |source: io::Error| Error::Write {
        path: path.display().to_string(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(write_error)?;
    }
    let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(write_error)?;
    std::io::Write::write_all(&mut file, attempt.to_ron().as_bytes()).map_err(write_error)?;
    if commit {
        file.commit().map_err(write_error)
    } else {
        file.as_file().sync_all().map_err(write_error)?;
        file.discard().map_err(write_error)
    }
}

/// Renames an unusable attempt to `NAME.set-aside[-N]`, never over another file.
pub fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut to = path.with_file_name(format!("{name}.set-aside"));
    let mut n = 2;
    while to.exists() {
        to = path.with_file_name(format!("{name}.set-aside-{n}"));
        n += 1;
    }
    std::fs::rename(path, &to)?;
    Ok(to)
}

/// An attempt file name `len` bytes long, for tests at the file system's
/// 255-byte limit: at 248 its lock file (`.NAME.lock`) still fits and its
/// set-aside name (`NAME.set-aside`) does not; at 251 neither does.
#[cfg(test)]
pub(crate) fn long_file_name(len: usize) -> String {
    format!("{}.ron", "a".repeat(len - 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporaries_are_recognized() {
        assert!(is_temporary(".20261122T060000Z-7.ron.aB3dE9"));
        assert!(!is_temporary("20261122T060000Z-7.ron"));
        assert!(!is_temporary(".hidden"));
        assert!(!is_temporary(".x.ron.toolongname"));
    }

    #[test]
    fn the_header_read_first_is_the_header_of_the_whole_attempt() {
        let quiz = crate::load::parse::<crate::quiz::Quiz>(crate::builtin::QUIZZES[0].1)
            .unwrap()
            .value;
        let order = crate::shuffle::order(&quiz, 5);
        let mut a = Attempt::new(&quiz, "q.ron", 5, &order, None, "2026-11-29T10:00:00Z");
        // Text that looks like the line the header ends at, inside a string.
        a.title = "What was\n    asked: (a title)".into();
        a.name = Some("Ana".into());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        std::fs::write(&path, a.to_ron()).unwrap();
        let header = read_header(&path).unwrap();
        assert_eq!(header, Header::of(&read(&path).unwrap()));
        // Found in the first bytes, not by reading the file whole.
        assert_eq!(header_of(a.to_ron().as_bytes()).as_ref(), Some(&header));
        assert_eq!(header.title, "What was\n    asked: (a title)");
        assert_eq!(header.name.as_deref(), Some("Ana"));
        // Fields in another order (by hand): read whole, same header.
        a.finished = true;
        let text = a.to_ron();
        let moved = text.replacen("\n    finished: true,\n", "\n", 1).replacen(
            "\n    answers: [",
            "\n    finished: true,\n    answers: [",
            1,
        );
        assert_ne!(moved, text);
        std::fs::write(&path, &moved).unwrap();
        assert_eq!(header_of(moved.as_bytes()), None);
        let whole = read_header(&path).unwrap();
        assert!(whole.finished);
        assert_eq!(whole, Header::of(&a));
        // What cannot be read is reported as reading it whole reports it.
        std::fs::write(&path, "(format: 2, quiz: \"x\",\n    asked: [],\n)").unwrap();
        assert_eq!(
            read_header(&path).unwrap_err().to_string(),
            read(&path).unwrap_err().to_string()
        );
        std::fs::write(&path, "(format: 7, asked: [])").unwrap();
        assert!(matches!(read_header(&path), Err(AttemptError::Newer(7))));
    }

    #[test]
    fn a_newer_format_is_reported_even_when_the_fields_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        std::fs::write(&path, "(\n  format: 9,\n  whatever: [1, 2],\n)").unwrap();
        assert!(matches!(read(&path), Err(AttemptError::Newer(9))));
        std::fs::write(&path, "garbage").unwrap();
        assert!(matches!(
            read(&path),
            Err(AttemptError::Invalid { line: 1, .. })
        ));
    }

    fn mini() -> crate::quiz::Quiz {
        crate::load::parse::<crate::quiz::Quiz>(include_str!("../../tests/fixtures/mini.ron"))
            .unwrap()
            .value
    }

    /// An unfinished attempt at the mini quiz (seed 7, started
    /// 2026-11-29T10:00:00Z), last saved at `updated`.
    fn attempt_at(updated: &str) -> Attempt {
        let quiz = mini();
        let order = crate::shuffle::order(&quiz, 7);
        let mut a = Attempt::new(&quiz, "mini.ron", 7, &order, None, "2026-11-29T10:00:00Z");
        a.updated = updated.to_owned();
        a
    }

    fn finished_at(updated: &str) -> Attempt {
        Attempt {
            finished: true,
            ..attempt_at(updated)
        }
    }

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    const UNSCORED: Scorer<'static> = &|_| None;

    fn wanted(fingerprint: &str) -> Wanted<'_> {
        Wanted {
            quiz: "mini",
            fingerprint,
            name: None,
            score: UNSCORED,
        }
    }

    #[test]
    fn files_saved_in_the_same_second_are_ordered_by_modification_time_then_name() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str, secs: u64| {
            let p = dir.path().join(name);
            let f = std::fs::File::create(&p).unwrap();
            f.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
                .unwrap();
            p
        };
        let ok = |s: &str| Ok(s.to_owned());
        // Saved times "1" (x, y, z), "0" (w), "2" (v), "3" (o, p); within
        // a saved time the name order is the reverse of the modification
        // order, except for m and n, which were modified together.
        let found = vec![
            (at("x.ron", 300), ok("1")),
            (at("o.ron", 200), ok("3")),
            (at("v.ron", 100), ok("2")),
            (at("y.ron", 100), ok("1")),
            (at("n.ron", 100), ok("4")),
            (at("p.ron", 100), ok("3")),
            (at("w.ron", 900), ok("0")),
            (at("z.ron", 200), ok("1")),
            (at("m.ron", 100), ok("4")),
            (at("u.ron", 100), Err(AttemptError::NotText("x".into()))),
        ];
        let order: Vec<String> = oldest_first(found, |s| s)
            .into_iter()
            .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        // Unreadable (saved "") first; then 0; 1 by time 100, 200, 300;
        // 2; 3 by time 100, 200; 4 by name.
        let expected = ["u", "w", "y", "z", "x", "v", "p", "o", "m", "n"];
        let expected: Vec<String> = expected.iter().map(|n| format!("{n}.ron")).collect();
        assert_eq!(order, expected);
    }

    #[test]
    fn history_lists_the_attempts_of_every_quiz_oldest_first() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        let store = Store::at(root);
        let (a, b) = (root.join("a"), root.join("b"));
        std::fs::create_dir_all(a.join(UNFINISHED)).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(a.join("fa.ron"), finished_at("11").to_ron()).unwrap();
        // An unfinished attempt of the old layout, listed where it is.
        std::fs::write(a.join("old.ron"), attempt_at("08").to_ron()).unwrap();
        std::fs::write(a.join(UNFINISHED).join("u.ron"), attempt_at("09").to_ron()).unwrap();
        // Not attempt files: another extension, a hidden file.
        std::fs::write(a.join("notes.txt"), "junk").unwrap();
        std::fs::write(a.join(".h.ron"), "junk").unwrap();
        std::fs::write(b.join("fb.ron"), finished_at("10").to_ron()).unwrap();
        let listed = |quiz: Option<&str>| -> Vec<(bool, PathBuf, String)> {
            store
                .history(quiz, false, UNSCORED)
                .into_iter()
                .map(|i| {
                    let finished = matches!(i, Item::Finished(..));
                    (finished, i.path().to_path_buf(), i.updated().to_owned())
                })
                .collect()
        };
        let all = vec![
            (false, a.join("old.ron"), "08".to_owned()),
            (false, a.join(UNFINISHED).join("u.ron"), "09".to_owned()),
            (true, b.join("fb.ron"), "10".to_owned()),
            (true, a.join("fa.ron"), "11".to_owned()),
        ];
        assert_eq!(listed(None), all);
        // Again from the index now written.
        assert_eq!(listed(None), all);
        assert_eq!(listed(Some("b")), all[2..3].to_vec());
    }

    #[test]
    fn a_rebuild_removes_only_temporaries_no_process_is_writing() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("mini");
        std::fs::create_dir_all(&dir).unwrap();
        let kept = [
            ".finished-index.abc12",
            ".finished-index.ab-123",
            ".b.ron.XYZ789",
            "b.ron",
        ];
        for name in [".finished-index.abc123", ".a.ron.ABC123"]
            .iter()
            .chain(&kept)
        {
            std::fs::write(dir.join(name), "").unwrap();
        }
        // b.ron is being saved by a `take`.
        let _held = Lock::try_acquire(&dir.join("b.ron")).unwrap().unwrap();
        Store::at(root.path()).history(Some("mini"), true, UNSCORED);
        let mut expected = vec![".b.ron.lock", ".finished-index", UNFINISHED];
        expected.extend(kept);
        expected.sort();
        assert_eq!(names(&dir), expected);
    }

    #[test]
    fn cleaning_removes_the_temporaries_of_attempts_no_process_holds() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("mini").join(UNFINISHED);
        std::fs::create_dir_all(&dir).unwrap();
        let files = [
            "a.ron",
            ".a.ron.ABC123",
            ".b.ron.XYZ789",
            "c.ron",
            ".c.ron.QQQ111",
            "e.ron",
        ];
        for name in files {
            std::fs::write(dir.join(name), "").unwrap();
        }
        let _held = Lock::try_acquire(&dir.join("a.ron")).unwrap().unwrap();
        // c.ron's lock file is left, unlocked, by a process that ended.
        drop(Lock::try_acquire(&dir.join("c.ron")).unwrap().unwrap());
        // b's (no lock file) and c's (free lock) temporaries.
        assert_eq!(Store::at(root.path()).clean_temporaries("mini"), 2);
        let left = [
            "a.ron",
            ".a.ron.ABC123",
            ".a.ron.lock",
            "c.ron",
            ".c.ron.lock",
            "e.ron",
        ];
        let mut left: Vec<&str> = left.to_vec();
        left.sort();
        assert_eq!(names(&dir), left);
        // A class folder's are beside its attempts.
        let class = tempfile::tempdir().unwrap();
        std::fs::write(class.path().join(".x.ron.ABC123"), "").unwrap();
        assert_eq!(
            Store::class_folder(class.path()).clean_temporaries("mini"),
            1
        );
        assert_eq!(names(class.path()), Vec::<String>::new());
    }

    #[test]
    fn a_new_attempt_takes_a_name_no_other_attempt_or_lock_has() {
        let root = tempfile::tempdir().unwrap();
        let store = Store::at(root.path());
        let a = attempt_at("x");
        let dir = root.path().join("mini");
        let name = |n: &str| {
            dir.join(UNFINISHED)
                .join(format!("20261129T100000Z-7{n}.ron"))
        };
        let (first, lock) = store.create(&a).unwrap();
        assert_eq!(first, name(""));
        // A new quiz folder starts with its index.
        assert!(index_path(&dir).is_file());
        assert!(dir
            .join(UNFINISHED)
            .join(".20261129T100000Z-7.ron.lock")
            .is_file());
        // The name is taken by its lock file alone.
        assert_eq!(store.create(&a).unwrap().0, name("-2"));
        // And by a finished attempt's name.
        std::fs::write(dir.join("20261129T100000Z-7-3.ron"), "").unwrap();
        assert_eq!(store.create(&a).unwrap().0, name("-4"));
        lock.release_finished();
        assert!(!dir
            .join(UNFINISHED)
            .join(".20261129T100000Z-7.ron.lock")
            .exists());
        // A quiz folder that is not new gets its index when looked at.
        let old = tempfile::tempdir().unwrap();
        std::fs::create_dir(old.path().join("mini")).unwrap();
        Store::at(old.path()).create(&a).unwrap();
        assert!(!index_path(&old.path().join("mini")).exists());
        // A class folder has none.
        let class = tempfile::tempdir().unwrap();
        let (path, _lock) = Store::class_folder(class.path()).create(&a).unwrap();
        assert_eq!(path, class.path().join("20261129T100000Z-7.ron"));
        assert!(!index_path(class.path()).exists());
        // A name the file system refuses (over 255 bytes) is an error.
        let long = Attempt {
            started: "1".repeat(300),
            ..a
        };
        assert!(store.create(&long).is_err());
    }

    #[test]
    fn the_folder_of_attempts_is_readable_when_absent_or_a_folder() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("file");
        std::fs::write(&file, "").unwrap();
        assert!(Store::at(root.path()).check_readable().is_ok());
        assert!(Store::at(&root.path().join("absent"))
            .check_readable()
            .is_ok());
        assert!(Store::at(&file).check_readable().is_err());
        assert!(Store::at(&file.join("below")).check_readable().is_err());
    }

    #[test]
    fn names_of_quiz_folders_and_attempts_keep_only_safe_characters() {
        let root = Path::new("/r");
        assert_eq!(
            Store::at(root).quiz_dir("a-b_c.d é"),
            root.join("a-b_c_d__")
        );
        assert_eq!(Store::at(root).quiz_dir(""), root.join("_"));
        assert_eq!(Store::class_folder(root).quiz_dir("a"), root);
        assert_eq!(file_safe(" Ana  María!"), "ana-maria");
        assert_eq!(file_safe("?!"), "x");
    }

    #[test]
    fn a_typed_name_is_a_path_or_a_name_under_the_store() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        let store = Store::at(root);
        std::fs::create_dir(root.join("q")).unwrap();
        std::fs::write(root.join("q").join("a.ron"), "").unwrap();
        let direct = root.join("q").join("a.ron");
        let direct = direct.to_str().unwrap();
        assert_eq!(store.resolve(direct), PathBuf::from(direct));
        assert_eq!(store.resolve("q/a"), root.join("q/a.ron"));
        assert_eq!(store.resolve("q/a.ron"), root.join("q/a.ron"));
        assert_eq!(store.resolve("q/b.ron"), root.join("q/b.ron"));
        assert_eq!(store.resolve("q/b"), root.join("q/b.ron"));
        assert_eq!(store.short_name(&root.join("q/a.ron")), "q/a");
        assert_eq!(store.short_name(Path::new("/else/a.ron")), "/else/a.ron");
    }

    #[test]
    fn attempt_files_are_the_visible_ron_files() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.ron", ".h.ron", ".ron", "a.txt", "ron"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let found = files_in(&[dir.path().to_path_buf()]);
        assert_eq!(found, vec![(dir.path().join("a.ron"), true)]);
        assert_eq!(temporary_of(".a.ron.ABC123"), Some("a.ron"));
        assert_eq!(temporary_of("a.ron"), None);
        assert_eq!(temporary_of(".a.ron"), None);
    }

    #[test]
    fn an_unfinished_attempt_of_the_old_layout_is_moved_and_resumed() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("mini");
        std::fs::create_dir(&dir).unwrap();
        let a = attempt_at("x");
        std::fs::write(dir.join("old.ron"), a.to_ron()).unwrap();
        let (found, notes) = Store::at(root.path()).resumable(wanted(&a.fingerprint));
        assert!(notes.is_empty());
        assert_eq!(found.unwrap().0, dir.join(UNFINISHED).join("old.ron"));
        assert!(!dir.join("old.ron").exists());
    }

    #[test]
    fn a_finished_attempt_left_among_the_unfinished_is_moved_on() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("mini");
        std::fs::create_dir_all(dir.join(UNFINISHED)).unwrap();
        let a = finished_at("x");
        std::fs::write(dir.join(UNFINISHED).join("f.ron"), a.to_ron()).unwrap();
        let (found, notes) = Store::at(root.path()).resumable(wanted(&a.fingerprint));
        assert!(found.is_none() && notes.is_empty());
        assert!(dir.join("f.ron").is_file());
        assert_eq!(names(&dir.join(UNFINISHED)), vec![".quiz.lock"]);
    }

    #[test]
    fn an_unreadable_unfinished_attempt_is_set_aside() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("mini").join(UNFINISHED);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("bad.ron"), "junk").unwrap();
        let (found, notes) = Store::at(root.path()).resumable(wanted("f"));
        assert!(found.is_none());
        assert!(matches!(&notes[..], [Note::SetAside { .. }]), "{notes:?}");
        assert!(dir.join("bad.ron.set-aside").is_file());
    }

    #[test]
    fn a_finished_attempt_cut_short_is_left_where_it_is() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("mini");
        std::fs::create_dir(&dir).unwrap();
        let a = finished_at("x");
        let text = a.to_ron();
        // Cut just after the header: it still says it is finished.
        let cut = &text[..text.find("    asked: [").unwrap() + 15];
        std::fs::write(dir.join("cut.ron"), cut).unwrap();
        assert!(read(&dir.join("cut.ron")).is_err());
        let (found, notes) = Store::at(root.path()).resumable(wanted(&a.fingerprint));
        assert!(found.is_none() && notes.is_empty(), "{notes:?}");
        assert!(dir.join("cut.ron").is_file());
    }

    #[test]
    fn nothing_is_set_aside_in_a_folder_that_cannot_be_locked() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("mini");
        std::fs::create_dir(&dir).unwrap();
        // `unfinished` is a file: the quiz's lock cannot be made.
        std::fs::write(dir.join(UNFINISHED), "").unwrap();
        std::fs::write(dir.join("bad.ron"), "junk").unwrap();
        // Nor is a temporary no process writes removed.
        std::fs::write(dir.join(".bad.ron.abc123"), "").unwrap();
        let (found, notes) = Store::at(root.path()).resumable(wanted("f"));
        assert!(found.is_none() && notes.is_empty(), "{notes:?}");
        assert_eq!(names(&dir), vec![".bad.ron.abc123", "bad.ron", UNFINISHED]);
    }

    #[test]
    fn finishing_moves_only_an_attempt_of_unfinished_to_a_free_name() {
        let root = tempfile::tempdir().unwrap();
        let store = Store::at(root.path());
        let dir = root.path().join("mini");
        std::fs::create_dir_all(dir.join(UNFINISHED)).unwrap();
        let a = finished_at("x");
        for name in ["a.ron", "a-finished-2.ron", "unfinished/a.ron"] {
            std::fs::write(dir.join(name), a.to_ron()).unwrap();
        }
        let to = store.finish(&dir.join("unfinished/a.ron"), &a, None);
        assert_eq!(to, dir.join("a-finished-3.ron"));
        assert!(to.is_file());
        // Not in an `unfinished` folder: left where it is.
        assert_eq!(
            store.finish(&dir.join("a.ron"), &a, None),
            dir.join("a.ron")
        );
        assert!(dir.join("a.ron").is_file());
    }

    #[test]
    fn an_attempt_set_aside_never_replaces_another_file() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["x.ron", "x.ron.set-aside", "x.ron.set-aside-2"] {
            std::fs::write(dir.path().join(name), name).unwrap();
        }
        let to = set_aside(&dir.path().join("x.ron")).unwrap();
        assert_eq!(to, dir.path().join("x.ron.set-aside-3"));
        assert_eq!(std::fs::read_to_string(&to).unwrap(), "x.ron");
    }

    #[test]
    fn a_save_makes_its_folder_and_a_rehearsal_leaves_no_file() {
        let root = tempfile::tempdir().unwrap();
        let a = attempt_at("x");
        let path = root.path().join("new/sub/a.ron");
        save(&path, &a).unwrap();
        assert_eq!(read(&path).unwrap().updated, "x");
        let path = root.path().join("other/b.ron");
        check_writable(&path, &a).unwrap();
        assert_eq!(names(&root.path().join("other")), Vec::<String>::new());
        // Below a file: nothing can be written.
        let below = root.path().join("new/sub/a.ron/c.ron");
        assert!(check_writable(&below, &a).is_err());
    }

    #[test]
    fn an_attempt_is_newer_only_when_its_format_is_above_this_lateral_s() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        let mut a = attempt_at("x");
        a.format = ATTEMPT_FORMAT + 1;
        std::fs::write(&path, a.to_ron()).unwrap();
        let newer = ATTEMPT_FORMAT + 1;
        assert!(matches!(read(&path), Err(AttemptError::Newer(f)) if f == newer));
        assert!(matches!(read_header(&path), Err(AttemptError::Newer(f)) if f == newer));
        std::fs::write(&path, format!("(format: {ATTEMPT_FORMAT}, quiz: 1)")).unwrap();
        assert!(matches!(read(&path), Err(AttemptError::Invalid { .. })));
    }

    #[test]
    fn a_header_written_by_hand_may_leave_out_some() {
        let a = Attempt {
            name: Some("Ana".into()),
            ..attempt_at("x")
        };
        let text = a.to_ron().replace("Some(\"Ana\")", "\"Ana\"");
        assert!(text.contains("name: \"Ana\""));
        // Without the file's `enable(implicit_some)` line, if it has one.
        let text: String = text
            .lines()
            .filter(|l| !l.starts_with("#!"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(header_of(text.as_bytes()), Some(Header::of(&a)));
    }

    #[test]
    fn another_quiz_s_attempt_that_cannot_be_read_is_not_set_aside() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("mini").join(UNFINISHED);
        std::fs::create_dir_all(&dir).unwrap();
        let other = Attempt {
            quiz: "other".into(),
            ..attempt_at("x")
        };
        let text = other.to_ron();
        // Cut after its header, which says whose it is.
        let cut = &text[..text.find("    asked: [").unwrap() + 15];
        std::fs::write(dir.join("other.ron"), cut).unwrap();
        let (found, notes) = Store::at(root.path()).resumable(wanted(&other.fingerprint));
        assert!(found.is_none() && notes.is_empty(), "{notes:?}");
        assert!(dir.join("other.ron").is_file());
    }

    #[test]
    fn letters_a_file_name_cannot_keep_become_one_dash_between_others() {
        // Folding keeps these letters (they are not ASCII); a file name
        // does not: none at the start, one dash for the run of two.
        assert_eq!(file_safe("中a中中b"), "a-b");
        // An underscore is punctuation to `fold`, like the space; a long
        // name is cut at 40 characters.
        assert_eq!(file_safe("a_b c"), "a-b-c");
        assert_eq!(file_safe(&"ab".repeat(30)), "ab".repeat(20));
    }

    /// A file name of `len` bytes ending in `.ron`. Linux names hold at
    /// most 255 bytes: the lock file adds 6 (`.NAME.lock`), a set-aside
    /// name 10 (`NAME.set-aside`).
    #[test]
    fn an_attempt_whose_set_aside_name_is_too_long_is_said_to_stay_in_place() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("mini").join(UNFINISHED);
        std::fs::create_dir_all(&dir).unwrap();
        // 248 + 6 bytes for the lock fits; 248 + 10 for the new name does not.
        let path = dir.join(long_file_name(248));
        std::fs::write(&path, "junk").unwrap();
        let (found, notes) = Store::at(root.path()).resumable(wanted("f"));
        assert!(found.is_none());
        let [note @ Note::NotSetAside { error, .. }] = &notes[..] else {
            panic!("{notes:?}");
        };
        assert_eq!(error.kind(), io::ErrorKind::InvalidFilename);
        assert_eq!(
            note.to_string(),
            format!("could not set aside {}: File name too long", path.display())
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "junk");
    }

    #[test]
    fn an_attempt_that_cannot_be_locked_is_neither_resumed_nor_touched() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("mini").join(UNFINISHED);
        std::fs::create_dir_all(&dir).unwrap();
        let a = attempt_at("x");
        // 251 + 6 bytes: its lock file cannot be made.
        let path = dir.join(long_file_name(251));
        std::fs::write(&path, a.to_ron()).unwrap();
        let (found, notes) = Store::at(root.path()).resumable(wanted(&a.fingerprint));
        assert!(found.is_none() && notes.is_empty(), "{notes:?}");
        assert_eq!(read(&path).unwrap(), a);
    }

    #[test]
    fn attempts_another_process_holds_are_neither_moved_nor_set_aside() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("mini");
        let unfinished = dir.join(UNFINISHED);
        std::fs::create_dir_all(&unfinished).unwrap();
        let a = attempt_at("x");
        let held = |path: PathBuf, text: &str| {
            std::fs::write(&path, text).unwrap();
            Lock::try_acquire(&path).unwrap().unwrap()
        };
        // Unreadable, among the unfinished: not set aside, and not said to
        // be in use (only an attempt that can be resumed is).
        let _bad = held(unfinished.join("bad.ron"), "junk");
        // Finished, among the unfinished: not moved on.
        let _done = held(unfinished.join("done.ron"), &finished_at("y").to_ron());
        // Of the old layout, unreadable or unfinished: left in the quiz's folder.
        let _old_bad = held(dir.join("old-bad.ron"), "junk");
        let _old = held(dir.join("old.ron"), &a.to_ron());
        let (found, notes) = Store::at(root.path()).resumable(wanted(&a.fingerprint));
        assert!(found.is_none() && notes.is_empty(), "{notes:?}");
        assert_eq!(
            names(&unfinished),
            vec![
                ".bad.ron.lock",
                ".done.ron.lock",
                ".quiz.lock",
                "bad.ron",
                "done.ron"
            ]
        );
        for name in ["old-bad.ron", "old.ron"] {
            assert!(dir.join(name).is_file(), "{name}");
        }
    }

    #[test]
    fn an_attempt_of_the_old_layout_whose_name_is_taken_among_the_unfinished_stays() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("mini");
        std::fs::create_dir_all(dir.join(UNFINISHED)).unwrap();
        let (old, new) = (attempt_at("2026-11-29T10:05:00Z"), attempt_at("x"));
        std::fs::write(dir.join("a.ron"), old.to_ron()).unwrap();
        std::fs::write(dir.join(UNFINISHED).join("a.ron"), new.to_ron()).unwrap();
        let (found, _) = Store::at(root.path()).resumable(wanted(&old.fingerprint));
        assert_eq!(found.unwrap().1, new);
        assert_eq!(read(&dir.join("a.ron")).unwrap(), old);
    }

    #[test]
    fn a_finished_attempt_among_the_unfinished_that_cannot_be_read_is_left_there() {
        let root = tempfile::tempdir().unwrap();
        let unfinished = root.path().join("mini").join(UNFINISHED);
        std::fs::create_dir_all(&unfinished).unwrap();
        let a = finished_at("x");
        let text = a.to_ron();
        // Cut after its header, which says it is finished.
        let cut = &text[..text.find("    asked: [").unwrap() + 15];
        std::fs::write(unfinished.join("cut.ron"), cut).unwrap();
        let (found, notes) = Store::at(root.path()).resumable(wanted(&a.fingerprint));
        assert!(found.is_none() && notes.is_empty(), "{notes:?}");
        assert_eq!(
            std::fs::read_to_string(unfinished.join("cut.ron")).unwrap(),
            cut
        );
        assert!(!root.path().join("mini/cut.ron").exists());
    }

    #[test]
    fn a_class_folder_s_sheets_that_cannot_be_read_are_left_alone() {
        let class = tempfile::tempdir().unwrap();
        let a = attempt_at("x");
        std::fs::write(class.path().join("junk.ron"), "junk").unwrap();
        let text = a.to_ron();
        // This quiz's, nobody's (as wanted), cut after its header.
        let cut = &text[..text.find("    asked: [").unwrap() + 15];
        std::fs::write(class.path().join("cut.ron"), cut).unwrap();
        let (found, notes) = Store::class_folder(class.path()).resumable(wanted(&a.fingerprint));
        assert!(found.is_none() && notes.is_empty(), "{notes:?}");
        assert_eq!(names(class.path()), vec!["cut.ron", "junk.ron"]);
    }

    #[test]
    fn a_class_folder_s_last_finished_attempt_and_history_are_read_from_its_files() {
        let class = tempfile::tempdir().unwrap();
        let store = Store::class_folder(class.path());
        let write = |name: &str, a: &Attempt| {
            std::fs::write(class.path().join(name), a.to_ron()).unwrap();
        };
        write("b.ron", &finished_at("2026-11-29T10:02:00Z"));
        write("a.ron", &finished_at("2026-11-29T10:03:00Z"));
        write("c.ron", &attempt_at("2026-11-29T10:04:00Z"));
        std::fs::write(class.path().join("junk.ron"), "junk").unwrap();
        // The newest finished one: saved at 10:03, not c (unfinished).
        let (path, last) = store.last_finished("mini", UNSCORED).unwrap();
        assert_eq!(path, class.path().join("a.ron"));
        assert_eq!(last.updated, "2026-11-29T10:03:00Z");
        // Every file, read whole, oldest first (the unreadable one has no time).
        let listed: Vec<(String, bool)> = store
            .history(None, false, UNSCORED)
            .iter()
            .map(|item| match item {
                Item::Read(p, r) => (p.file_name().unwrap().to_string_lossy().into(), r.is_ok()),
                Item::Finished(p, _) => panic!("{} from an index", p.display()),
            })
            .collect();
        let expected = [
            ("junk.ron", false),
            ("b.ron", true),
            ("a.ron", true),
            ("c.ron", true),
        ];
        assert_eq!(listed, expected.map(|(n, ok)| (n.to_owned(), ok)));
    }

    #[test]
    fn what_is_not_an_attempt_file_is_left_out_of_a_rebuild() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("mini");
        std::fs::create_dir_all(dir.join("folder.ron")).unwrap();
        std::fs::write(dir.join(".ron"), "junk").unwrap();
        let a = finished_at("x");
        std::fs::write(dir.join("a.ron"), a.to_ron()).unwrap();
        let listed = Store::at(root.path()).history(None, true, UNSCORED);
        let paths: Vec<&Path> = listed.iter().map(Item::path).collect();
        assert_eq!(paths, vec![dir.join("a.ron")]);
        // The folder is left as it was.
        assert!(dir.join("folder.ron").is_dir());
    }

    #[test]
    fn a_folder_named_like_an_unfinished_attempt_is_set_aside_without_being_opened() {
        let root = tempfile::tempdir().unwrap();
        let unfinished = root.path().join("mini").join(UNFINISHED);
        std::fs::create_dir_all(unfinished.join("folder.ron")).unwrap();
        let (found, notes) = Store::at(root.path()).resumable(wanted("f"));
        assert!(found.is_none());
        let [Note::SetAside { problem, .. }] = &notes[..] else {
            panic!("{notes:?}");
        };
        assert!(problem.starts_with("it cannot be read ("), "{problem}");
        assert!(unfinished.join("folder.ron.set-aside").is_dir());
    }

    #[test]
    fn a_folder_named_like_a_temporary_is_not_counted_as_removed() {
        let root = tempfile::tempdir().unwrap();
        let unfinished = root.path().join("mini").join(UNFINISHED);
        std::fs::create_dir_all(unfinished.join(".a.ron.abc123")).unwrap();
        std::fs::write(unfinished.join(".b.ron.abc123"), "").unwrap();
        // Only b's temporary, a file, goes.
        assert_eq!(Store::at(root.path()).clean_temporaries("mini"), 1);
        assert_eq!(names(&unfinished), vec![".a.ron.abc123"]);
    }

    #[test]
    fn finishing_leaves_anything_but_a_file_moved_out_of_unfinished_where_it_is() {
        let root = tempfile::tempdir().unwrap();
        let store = Store::at(root.path());
        let a = finished_at("x");
        // No folder above it, or none above that.
        for path in ["/", "a.ron"] {
            assert_eq!(store.finish(Path::new(path), &a, None), Path::new(path));
        }
        // An `unfinished` folder outside the store.
        let elsewhere = tempfile::tempdir().unwrap();
        let outside = elsewhere.path().join("mini/unfinished/a.ron");
        assert_eq!(store.finish(&outside, &a, None), outside);
        // A quiz folder whose lock cannot be taken (a folder in its place).
        let locked = root.path().join("locked");
        std::fs::create_dir_all(locked.join(UNFINISHED).join(".quiz.lock")).unwrap();
        let path = locked.join("unfinished/a.ron");
        std::fs::write(&path, a.to_ron()).unwrap();
        assert_eq!(store.finish(&path, &a, None), path);
        assert!(path.is_file());
        // A file that is gone: not moved, and the index, current before,
        // is current no longer (its last line says a move began).
        let dir = root.path().join("mini");
        index::start(&dir).unwrap();
        assert_eq!(index::is_current(&dir), Some(false));
        let gone = dir.join("unfinished/gone.ron");
        assert_eq!(store.finish(&gone, &a, None), gone);
        assert_eq!(index::is_current(&dir), None);
    }

    #[test]
    fn a_line_that_only_begins_with_asked_does_not_end_the_header() {
        let a = attempt_at("x");
        let text = a.to_ron();
        let by_hand = text.replacen("(\n", "(\n    askedby: \"Ana\",\n", 1);
        assert_ne!(by_hand, text);
        assert_eq!(header_of(by_hand.as_bytes()), Some(Header::of(&a)));
    }
}
