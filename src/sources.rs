//! The folder of source texts: finding a quiz's articles safely and reading them.
//!
//! A quiz names each source's file; lateral only ever reads files inside the
//! folder it is given. An absolute path, a `..` component, or a symbolic link
//! that leads out of the folder is refused, so a shared quiz file cannot make
//! lateral read anything else on the machine.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::cite::SourceRead;
use crate::io_reason;
use crate::quiz::Quiz;

/// Largest source text lateral reads.
pub const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// The path of `file` inside `dir`, if it stays inside.
pub fn resolve(dir: &Path, file: &str) -> Result<PathBuf, String> {
    let relative = Path::new(file);
    if relative.is_absolute() || file.starts_with('/') || file.starts_with('\\') {
        return Err("an absolute path; name a file inside the sources folder".to_owned());
    }
    if relative.components().any(|c| {
        matches!(
            c,
            Component::ParentDir | Component::Prefix(_) | Component::RootDir
        )
    }) {
        return Err("the path leaves the sources folder (`..`)".to_owned());
    }
    let root = dir
        .canonicalize()
        .map_err(|e| format!("the sources folder {}: {}", dir.display(), io_reason(&e)))?;
    let path = root.join(relative);
    match path.canonicalize() {
        Ok(real) if !real.starts_with(&root) => {
            Err("a link that points outside the sources folder".to_owned())
        }
        Ok(real) => Ok(real),
        Err(e) => Err(format!("{} in {}", io_reason(&e), dir.display())),
    }
}

/// Reads one source file from `dir`.
pub fn read(dir: &Path, file: &str) -> SourceRead {
    let path = resolve(dir, file)?;
    let meta = std::fs::metadata(&path).map_err(|e| io_reason(&e))?;
    if meta.is_dir() {
        return Err("a directory, not a text file".to_owned());
    }
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(format!(
            "too large ({} MB; the limit is {} MB)",
            meta.len() / 1_000_000,
            MAX_SOURCE_BYTES / (1024 * 1024)
        ));
    }
    std::fs::read(&path).map_err(|e| io_reason(&e))
}

/// Reads every source of `quiz` from `dir`, by source id.
pub fn read_all(dir: &Path, quiz: &Quiz) -> BTreeMap<String, SourceRead> {
    quiz.sources
        .iter()
        .map(|s| (s.id.clone(), read(dir, &s.file)))
        .collect()
}
