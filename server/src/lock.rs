//! One server per data dir: an exclusive lock on `DIR/server.lock`, taken before anything in
//! the directory is written.
//!
//! The lock is the operating system's (`flock` on Unix), held by an open file, so it dies with
//! the process however the process ends: a `kill -9` leaves no stale lock to clean up. The file
//! says who holds it (pid and listen address) so a second server can name the first.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The lock file's name in the data dir.
pub const LOCK_FILE: &str = "server.lock";

/// Held while the server runs; released when dropped (or when the process dies).
#[derive(Debug)]
pub struct DataDirLock {
    file: File,
    path: PathBuf,
}

/// Why a data dir could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process holds it.
    #[error(
        "another Crossdock server ({holder}) is already using the data dir {dir}: stop it first, or give this one \
         its own data dir with --data-dir (two servers on one data dir would mix their records)"
    )]
    Held {
        /// The data dir.
        dir: String,
        /// What the lock file says of its holder.
        holder: String,
    },
    /// The file could not be opened or locked.
    #[error("cannot lock the data dir {dir}: {source}")]
    Io {
        /// The data dir.
        dir: String,
        /// The cause.
        source: std::io::Error,
    },
}

impl DataDirLock {
    /// Takes the lock on `data_dir` (creating the directory if needed) and writes our pid and
    /// `listen` into it.
    pub fn acquire(data_dir: &Path, listen: SocketAddr) -> Result<DataDirLock, LockError> {
        let dir = data_dir.display().to_string();
        let io = |source| LockError::Io { dir: dir.clone(), source };
        std::fs::create_dir_all(data_dir).map_err(io)?;
        let path = data_dir.join(LOCK_FILE);
        let mut file =
            OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                let holder = if holder.is_empty() { "a process starting up".to_owned() } else { holder.to_owned() };
                return Err(LockError::Held { dir, holder });
            }
            Err(TryLockError::Error(source)) => return Err(io(source)),
        }
        let mut lock = DataDirLock { file, path };
        lock.describe(listen).map_err(io)?;
        Ok(lock)
    }

    /// Rewrites what the lock file says of us (once the real listen address is known).
    pub fn describe(&mut self, listen: SocketAddr) -> std::io::Result<()> {
        self.file.set_len(0)?;
        self.file.seek(SeekFrom::Start(0))?;
        writeln!(self.file, "pid {}, listening on udp {listen}", std::process::id())?;
        self.file.flush()
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Reads who holds the lock of `data_dir`, if anyone does (for messages of other commands).
pub fn holder(data_dir: &Path) -> Result<Option<String>> {
    let path = data_dir.join(LOCK_FILE);
    let Ok(mut file) = File::open(&path) else { return Ok(None) };
    match file.try_lock_shared() {
        Ok(()) => Ok(None),
        Err(TryLockError::WouldBlock) => {
            let mut text = String::new();
            file.read_to_string(&mut text).with_context(|| format!("cannot read {}", path.display()))?;
            Ok(Some(text.trim().to_owned()))
        }
        Err(TryLockError::Error(e)) => Err(e).with_context(|| format!("cannot check {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_naming_the_first_and_freed_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let addr: SocketAddr = "127.0.0.1:4433".parse().unwrap();
        let first = DataDirLock::acquire(dir.path(), addr).unwrap();
        let err = DataDirLock::acquire(dir.path(), "127.0.0.1:4435".parse().unwrap()).unwrap_err().to_string();
        assert!(err.contains(&format!("pid {}", std::process::id())), "{err}");
        assert!(err.contains("127.0.0.1:4433") && err.contains("--data-dir"), "{err}");
        assert!(holder(dir.path()).unwrap().unwrap().contains("4433"));
        drop(first);
        assert_eq!(holder(dir.path()).unwrap(), None);
        DataDirLock::acquire(dir.path(), addr).expect("free again once the first is gone");
    }
}
