//! The folder of source texts: finding a quiz's articles safely and reading them.
//!
//! A quiz names each source's file; lateral only ever reads files inside the
//! folder it is given. An absolute path, a `..` component, or a symbolic link
//! that leads out of the folder is refused, so a shared quiz file cannot make
//! lateral read anything else on the machine.

use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::file::{open_within, read_within, FileError};
use crate::io_reason;
use crate::limits::SOURCE_TEXT;
use crate::quiz::Quiz;

/// Why a source file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The quiz names an absolute path.
    #[error("an absolute path; name a file inside the sources folder")]
    Absolute,
    /// The quiz's path climbs out with `..`.
    #[error("the path leaves the sources folder (`..`)")]
    LeavesFolder,
    /// A symbolic link leads out of the folder.
    #[error("a link that points outside the sources folder")]
    LinkOutside,
    /// The sources folder itself cannot be used.
    #[error("the sources folder {}: {}", .dir.display(), io_reason(.error))]
    Folder {
        /// The folder given.
        dir: PathBuf,
        /// What the file system said.
        error: io::Error,
    },
    /// The file cannot be found or opened in the folder.
    #[error("{} in {}", io_reason(.error), .dir.display())]
    Missing {
        /// The folder given.
        dir: PathBuf,
        /// What the file system said.
        error: io::Error,
    },
    /// The path names a folder.
    #[error("a directory, not a text file")]
    Directory,
    /// The path names a FIFO, a device or a socket.
    #[error("{0}, not a text file")]
    NotRegular(&'static str),
    /// The file is over [`SOURCE_TEXT`]: its size when known.
    #[error("{}", SOURCE_TEXT.over(*.0))]
    TooLarge(Option<u64>),
    /// Reading it failed.
    #[error("{}", io_reason(.0))]
    Io(#[from] io::Error),
}

/// What reading one source file gave.
pub type SourceRead = crate::cite::SourceRead<SourceError>;

/// The path of `file` inside `dir`, if it stays inside.
pub fn resolve(dir: &Path, file: &str) -> Result<PathBuf, SourceError> {
    let relative = Path::new(file);
    if relative.is_absolute() || file.starts_with('/') || file.starts_with('\\') {
        return Err(SourceError::Absolute);
    }
    if relative.components().any(|c| {
        matches!(
            c,
            Component::ParentDir | Component::Prefix(_) | Component::RootDir
        )
    }) {
        return Err(SourceError::LeavesFolder);
    }
    let root = dir.canonicalize().map_err(|error| SourceError::Folder {
        dir: dir.to_path_buf(),
        error,
    })?;
    let path = root.join(relative);
    match path.canonicalize() {
        Ok(real) if !real.starts_with(&root) => Err(SourceError::LinkOutside),
        Ok(real) => Ok(real),
        Err(error) => Err(SourceError::Missing {
            dir: dir.to_path_buf(),
            error,
        }),
    }
}

/// Reads one source file from `dir`.
pub fn read(dir: &Path, file: &str) -> SourceRead {
    let path = resolve(dir, file)?;
    read_within(&path, SOURCE_TEXT).map_err(|e| match e {
        FileError::NotRegular("a directory") => SourceError::Directory,
        FileError::NotRegular(kind) => SourceError::NotRegular(kind),
        FileError::TooLarge { size, .. } => SourceError::TooLarge(size),
        FileError::Io(e) => SourceError::Io(e),
    })
}

/// Opens one source file from `dir` for reading, refused as [`read`]
/// refuses it (the caller must not read more than [`SOURCE_TEXT`] allows).
pub fn open(dir: &Path, file: &str) -> Option<std::fs::File> {
    let path = resolve(dir, file).ok()?;
    open_within(&path, SOURCE_TEXT).ok().map(|(file, _)| file)
}

/// Reads every source of `quiz` from `dir`, by source id.
pub fn read_all(dir: &Path, quiz: &Quiz) -> BTreeMap<String, SourceRead> {
    quiz.sources
        .iter()
        .map(|s| (s.id.clone(), read(dir, &s.file)))
        .collect()
}
