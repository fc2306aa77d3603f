//! One server per data dir: an exclusive lock on `DIR/server.lock`, taken before anything in
//! the directory is written.
//!
//! The lock is the operating system's (`flock` on Unix), held by an open file, so it dies with
//! the process however the process ends: a `kill -9` leaves no stale lock to clean up. The file
//! describes the server that holds it ([`RunningServer`], JSON): a second server names the first,
//! and `invite` and `health` use the addresses the running server actually bound and advertises.

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
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                let holder = serde_json::from_str::<RunningServer>(text.trim())
                    .map_or_else(|_| "a process starting up".to_owned(), |r| r.to_string());
                return Err(LockError::Held { dir, holder });
            }
            Err(TryLockError::Error(source)) => return Err(io(source)),
        }
        let mut lock = DataDirLock { file, path };
        lock.describe(&RunningServer::starting(listen)).map_err(io)?;
        Ok(lock)
    }

    /// Rewrites what the lock file says of us (once the real addresses are known).
    pub fn describe(&mut self, running: &RunningServer) -> std::io::Result<()> {
        self.file.set_len(0)?;
        self.file.seek(SeekFrom::Start(0))?;
        writeln!(self.file, "{}", serde_json::to_string(running).map_err(std::io::Error::other)?)?;
        self.file.flush()
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// What the lock file says of the server holding it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunningServer {
    /// Its process id.
    pub pid: u32,
    /// The UDP address it bound.
    pub udp: SocketAddr,
    /// The `host:port` its invites name (`public_addr`, or the bound address; loopback when it
    /// listens on every interface).
    pub invites: String,
    /// Where `/metrics` and `/health` answer, if they do.
    pub admin: Option<SocketAddr>,
    /// The console page's TCP address, if it is on.
    pub console: Option<SocketAddr>,
}

impl RunningServer {
    /// A server that has locked the data dir and not yet bound anything.
    pub fn starting(listen: SocketAddr) -> RunningServer {
        RunningServer { pid: std::process::id(), udp: listen, invites: String::new(), admin: None, console: None }
    }
}

impl std::fmt::Display for RunningServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "pid {}, listening on udp {}", self.pid, self.udp)
    }
}

/// The server holding `data_dir`'s lock, if one does, as its lock file describes it.
pub fn running(data_dir: &Path) -> Result<Option<RunningServer>> {
    let path = data_dir.join(LOCK_FILE);
    let Ok(mut file) = File::open(&path) else { return Ok(None) };
    match file.try_lock_shared() {
        Ok(()) => Ok(None),
        Err(TryLockError::WouldBlock) => {
            let mut text = String::new();
            file.read_to_string(&mut text).with_context(|| format!("cannot read {}", path.display()))?;
            let running = serde_json::from_str(text.trim()).with_context(|| {
                format!("{} does not describe the running server: is it an older release? restart it", path.display())
            })?;
            Ok(Some(running))
        }
        Err(TryLockError::Error(e)) => Err(e).with_context(|| format!("cannot check {}", path.display())),
    }
}

/// Says who holds the lock of `data_dir`, if anyone does (for messages of other commands).
pub fn holder(data_dir: &Path) -> Result<Option<String>> {
    Ok(running(data_dir)?.map(|r| r.to_string()))
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
