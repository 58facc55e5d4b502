//! Reading a file someone named: a regular file only, and never more than
//! a limit.
//!
//! A FIFO would block the read forever and a device such as `/dev/zero`
//! never ends, so anything but a regular file is refused before it is
//! opened. The size limit (one of [`crate::limits`]) is enforced while
//! reading, not only from the file's metadata, so a file that grows while
//! it is read cannot exhaust memory either.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use crate::io_reason;
use crate::limits::ByteLimit;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// Not a regular file: a folder, a FIFO, a device or a socket.
    #[error("{0}, not a regular file")]
    NotRegular(&'static str),
    /// Larger than the limit.
    #[error("{}", .limit.over(*.size))]
    TooLarge {
        /// Bytes found, when known: `None` when the file grew past the
        /// limit while it was read, and the read stopped there.
        size: Option<u64>,
        /// The limit.
        limit: ByteLimit,
    },
    /// The file system refused.
    #[error("{}", io_reason(.0))]
    Io(#[from] io::Error),
}

impl From<FileError> for io::Error {
    fn from(e: FileError) -> io::Error {
        match e {
            FileError::Io(e) => e,
            FileError::NotRegular("a directory") => io::ErrorKind::IsADirectory.into(),
            other => io::Error::other(other.to_string()),
        }
    }
}

/// What kind of non-regular file `meta` describes, if it is not regular.
fn irregular(meta: &fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

/// Whether `path` may be written as a new or replaced regular file: it is
/// either absent or a regular file (never a device, FIFO or folder).
pub fn check_writable_target(path: &Path) -> Result<(), FileError> {
    match fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
        Ok(meta) => irregular(&meta).map_or(Ok(()), |kind| Err(FileError::NotRegular(kind))),
    }
}

/// Reads the regular file at `path`, refusing it when it holds more than
/// `limit` bytes (the message names no kind of file; [`read_within`] does).
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, FileError> {
    read_within(
        path,
        ByteLimit {
            bytes: limit,
            what: "",
        },
    )
}

/// Reads the regular file at `path`, refusing it when it holds more than
/// `limit` allows: before opening it when its size says so, and while
/// reading it (never more than one byte past the limit is read) when it
/// grows.
pub fn read_within(path: &Path, limit: ByteLimit) -> Result<Vec<u8>, FileError> {
    let (file, len) = open_within(path, limit)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit.bytes + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit.bytes {
        return Err(FileError::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

/// Opens the regular file at `path` for reading, with its size, refusing
/// it as [`read_within`] does when it is not a regular file or its size is
/// over `limit` (a file that grows after this must still be read with the
/// limit in mind).
pub fn open_within(path: &Path, limit: ByteLimit) -> Result<(fs::File, u64), FileError> {
    let meta = fs::metadata(path)?;
    if let Some(kind) = irregular(&meta) {
        return Err(FileError::NotRegular(kind));
    }
    if meta.len() > limit.bytes {
        return Err(FileError::TooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    let file = fs::File::open(path)?;
    // The file opened may not be the one looked at (it can be swapped).
    let meta = file.metadata()?;
    if let Some(kind) = irregular(&meta) {
        return Err(FileError::NotRegular(kind));
    }
    if meta.len() > limit.bytes {
        return Err(FileError::TooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    Ok((file, meta.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_within_the_limit_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "12345").unwrap();
        assert_eq!(read_limited(&path, 5).unwrap(), b"12345");
        assert_eq!(
            read_limited(&path, 4).unwrap_err().to_string(),
            "5 bytes is over the 4 bytes limit"
        );
        assert_eq!(
            read_within(&path, crate::limits::QUIZ_FILE).unwrap(),
            b"12345"
        );
    }

    #[test]
    fn folders_and_devices_are_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read_limited(dir.path(), 10).unwrap_err().to_string(),
            "a directory, not a regular file"
        );
        #[cfg(unix)]
        assert_eq!(
            read_limited(Path::new("/dev/zero"), 10)
                .unwrap_err()
                .to_string(),
            "a device, not a regular file"
        );
        #[cfg(unix)]
        assert!(check_writable_target(Path::new("/dev/null")).is_err());
        assert!(check_writable_target(&dir.path().join("new.ron")).is_ok());
    }
}
