//! Which file the archive's path names: a server's connections must read
//! only the file they opened, never through a path that now names another.
//!
//! Why: SQLite finds a transaction's journal by the database's path, and a
//! connection that begins a read rolls back and deletes a journal no lock
//! claims. A server whose data folder was removed (or whose file was
//! replaced) while it ran still holds the old file, unlocked; an ingest
//! into a new file at the same path writes its journal there, and the
//! server's next read took that journal for one left by a crash: it wrote
//! the new file's pages over the old one's and deleted the journal, and the
//! ingest's commit failed (`disk I/O error`, SQLite's
//! `SQLITE_IOERR_DELETE_NOENT`).

use std::path::{Path, PathBuf};

/// A file as the file system knows it (device and inode on Unix), whatever
/// path leads to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    device: u64,
    inode: u64,
}

impl FileId {
    /// The identity of the file `metadata` describes.
    #[cfg(unix)]
    pub fn of(metadata: &std::fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        Self {
            device: metadata.dev(),
            inode: metadata.ino(),
        }
    }

    /// Elsewhere no identity is read: every file is taken for the one opened.
    #[cfg(not(unix))]
    pub fn of(_metadata: &std::fs::Metadata) -> Self {
        Self {
            device: 0,
            inode: 0,
        }
    }

    /// The file `path` names now, if any.
    pub fn at(path: &Path) -> Option<Self> {
        std::fs::metadata(path).ok().map(|m| Self::of(&m))
    }
}

/// The file a pool opened, by its path and its identity then.
#[derive(Debug, Clone)]
pub struct OpenedFile {
    path: PathBuf,
    id: Option<FileId>,
}

impl OpenedFile {
    /// Records the file `path` names now: called as the first connection
    /// has it open.
    pub fn record(path: &Path) -> Self {
        Self {
            path: path.to_owned(),
            id: FileId::at(path),
        }
    }

    /// Whether `now`, the identity of what the path names now (`None`: no
    /// file), is another file than the one opened.
    pub fn replaced_by(&self, now: Option<FileId>) -> bool {
        self.id.is_some() && now != self.id
    }

    /// Whether the path names another file now, or none: one `stat`.
    pub fn replaced(&self) -> bool {
        self.replaced_by(FileId::at(&self.path))
    }

    /// An error when the path names another file now, or none.
    pub fn check(&self) -> Result<(), sqlx::Error> {
        if self.replaced() {
            return Err(sqlx::Error::Io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                FileReplaced(self.path.clone()),
            )));
        }
        Ok(())
    }
}

/// The error of a read refused because the archive's file was replaced or
/// removed under the reader (`OpenedFile::check`).
#[derive(Debug, thiserror::Error)]
#[error(
    "{}: the archive file was replaced or removed while it was open; it is not read until the new one is opened",
    .0.display()
)]
pub struct FileReplaced(PathBuf);

/// Whether `error` is a read refused because the archive's file was
/// replaced (`FileReplaced`).
pub fn is_file_replaced(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Io(io) if io.get_ref().is_some_and(|e| e.is::<FileReplaced>()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_moved_away_or_removed_is_replaced_and_the_same_file_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("archive.sqlite");
        std::fs::write(&path, b"one").unwrap();
        let opened = OpenedFile::record(&path);
        std::fs::write(&path, b"the same file, rewritten in place").unwrap();
        assert!(!opened.replaced(), "rewritten in place, the same file");
        assert!(opened.check().is_ok());

        std::fs::rename(&path, dir.path().join("old.sqlite")).unwrap();
        assert!(opened.replaced(), "no file at the path");
        std::fs::write(&path, b"another").unwrap();
        assert!(opened.replaced(), "another file at the path");
        let error = opened.check().unwrap_err();
        assert!(is_file_replaced(&error), "{error}");
        assert!(error.to_string().contains("archive.sqlite"), "{error}");
        assert!(!is_file_replaced(&sqlx::Error::PoolClosed));
    }
}
