//! Reading a file someone named: a regular file only, and never more than
//! a limit.
//!
//! A FIFO would block the read forever and a device such as `/dev/zero`
//! never ends, so anything but a regular file is refused before it is
//! opened. The size limit is enforced while reading, not only from the
//! file's metadata, so a file that grows while it is read cannot exhaust
//! memory either.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use crate::io_reason;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// Not a regular file: a folder, a FIFO, a device or a socket.
    #[error("{0}, not a regular file")]
    NotRegular(&'static str),
    /// Larger than the limit.
    #[error("too large ({:.1} MB; the limit is {} MB)", *.size as f64 / 1_000_000.0, .limit / (1024 * 1024))]
    TooLarge {
        /// Bytes found (at least `limit + 1` when the read was cut short).
        size: u64,
        /// The limit in bytes.
        limit: u64,
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
/// `limit` bytes.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, FileError> {
    let meta = fs::metadata(path)?;
    if let Some(kind) = irregular(&meta) {
        return Err(FileError::NotRegular(kind));
    }
    if meta.len() > limit {
        return Err(FileError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let file = fs::File::open(path)?;
    // The file opened may not be the one looked at (it can be swapped).
    if let Some(kind) = irregular(&file.metadata()?) {
        return Err(FileError::NotRegular(kind));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(FileError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
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
        assert!(matches!(
            read_limited(&path, 4),
            Err(FileError::TooLarge { size: 5, limit: 4 })
        ));
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
