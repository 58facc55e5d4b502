//! `lateral new`: writes a starter quiz ([`crate::starter`]) to a new file.
//!
//! The file is created with `create_new`, so an existing file is never
//! overwritten, not even one that appears between a check and the write.
//! With `--sources`, every regular `.txt` file of the folder (not links,
//! not subfolders), sorted by name, is read the way `lateral check` reads
//! sources, so a text the check would refuse is refused here first. A name
//! that is not UTF-8 is skipped: a quiz file cannot name it.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use super::Outcome;
use crate::escape::one_line;
use crate::sources;
use crate::starter::{quiz_id, starter, SourceFile, StarterError};
use crate::Error;

/// Writes a starter quiz to `path`, built from the texts in `dir` if given.
pub fn new(path: &Path, dir: Option<&Path>, out: &mut dyn Write) -> Outcome {
    let shown = path.display().to_string();
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(folder) = folder.filter(|f| !f.is_dir()) {
        return Err(Error::NoFolder {
            path: shown,
            folder: folder.display().to_string(),
        }
        .into());
    }
    if path.exists() {
        return Err(Error::Exists { path: shown }.into());
    }
    let texts = match dir {
        Some(dir) => read_texts(dir)?,
        None => Vec::new(),
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let text = starter(&quiz_id(&stem), &texts).map_err(|e| match e {
        StarterError::NothingToQuote => Error::NoSourceTexts {
            dir: dir.map(|d| d.display().to_string()).unwrap_or_default(),
            problem: "no text has a line of three words or more to quote",
        },
    })?;
    write_new(path, &text)?;

    let file = shell_word(&shown);
    match dir {
        Some(dir) => {
            let dir = shell_word(&dir.display().to_string());
            writeln!(
                out,
                "wrote {}: a starter quiz with one question of each kind, built from {} in {}",
                one_line(&shown),
                crate::points::Count(texts.len(), "source text"),
                one_line(&dir),
            )?;
            writeln!(out, "next:")?;
            writeln!(out, "  lateral check --sources {dir} {file}")?;
            writeln!(out, "  lateral test {file}")?;
            writeln!(out, "  lateral take {file} --sources {dir}")?;
        }
        None => {
            writeln!(
                out,
                "wrote {}: a starter quiz with one question of each kind; replace the placeholders",
                one_line(&shown),
            )?;
            writeln!(out, "next:")?;
            writeln!(out, "  lateral check {file}")?;
            writeln!(out, "  lateral test {file}")?;
            writeln!(out, "  lateral take {file}")?;
            writeln!(
                out,
                "  lateral check --sources DIR {file}   (once DIR holds article.txt)"
            )?;
        }
    }
    Ok(())
}

/// Creates `path` and writes `text` to it, refusing a file that exists.
fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    let shown = path.display().to_string();
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => Error::Exists {
                path: shown.clone(),
            },
            _ => Error::Write {
                path: shown.clone(),
                source: e,
            },
        })?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|source| Error::Write {
            path: shown,
            source,
        })
}

/// Every regular `.txt` file of `dir`, sorted by name, read and decoded.
fn read_texts(dir: &Path) -> Result<Vec<SourceFile>, Error> {
    let shown_dir = dir.display().to_string();
    let entries = fs::read_dir(dir).map_err(|source| Error::Read {
        path: shown_dir.clone(),
        source,
    })?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| Error::Read {
            path: shown_dir.clone(),
            source,
        })?;
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if is_file && name.to_ascii_lowercase().ends_with(".txt") {
            names.push(name.to_owned());
        }
    }
    if names.is_empty() {
        return Err(Error::NoSourceTexts {
            dir: shown_dir,
            problem: "no .txt files",
        });
    }
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let shown = dir.join(&name).display().to_string();
            let bytes = sources::read(dir, &name).map_err(|problem| Error::SourceText {
                path: shown.clone(),
                problem,
            })?;
            let text = String::from_utf8(bytes).map_err(|_| Error::SourceText {
                path: shown,
                problem: sources::SourceError::Io(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "not UTF-8 text",
                )),
            })?;
            Ok(SourceFile { name, text })
        })
        .collect()
}

/// `word` as typed in a shell: as it is when plain, in single quotes otherwise.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./,:+@%".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}
