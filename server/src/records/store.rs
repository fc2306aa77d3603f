//! The SQLite store and the recorder thread that writes to it.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;

use anyhow::{Context, Result};
use crossdock_protocol::Tick;
use rusqlite::{Connection, params};

use super::{Entry, Record};

/// The largest record body read back; a larger row is refused as corrupt.
const MAX_BODY: usize = 256 * 1024;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS events (
    session   TEXT    NOT NULL,
    seq       INTEGER NOT NULL,
    tick      INTEGER NOT NULL,
    server_ms INTEGER NOT NULL,
    kind      TEXT    NOT NULL,
    body      BLOB    NOT NULL,
    PRIMARY KEY (session, seq)
) WITHOUT ROWID;
";

/// A record as read back from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRecord {
    /// Its position in the session's log, from 1.
    pub seq: u64,
    /// The record and its time.
    pub entry: Entry,
}

/// The event log database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

/// Opens (creating if needed) the data dir's database, `DIR/records.sqlite3`, in WAL mode with
/// full syncs, and makes sure `schema` exists. The event log, spent tokens and the xAPI outbox
/// all live there.
pub fn open_database(data_dir: &Path, schema: &str) -> Result<Connection> {
    std::fs::create_dir_all(data_dir)?;
    let path = data_dir.join("records.sqlite3");
    let conn = Connection::open(&path).with_context(|| format!("cannot open the database {}", path.display()))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.execute_batch(schema).with_context(|| format!("{} is not a Crossdock database", path.display()))?;
    Ok(conn)
}

impl Store {
    /// Opens the event log in the data dir's database.
    pub fn open(data_dir: &Path) -> Result<Store> {
        Ok(Store { conn: open_database(data_dir, SCHEMA)? })
    }

    /// The next sequence number of `session`'s log.
    pub fn next_seq(&self, session: &str) -> Result<u64> {
        let max: Option<i64> =
            self.conn.query_row("SELECT MAX(seq) FROM events WHERE session = ?1", params![session], |r| r.get(0))?;
        Ok(max.map_or(1, |m| m as u64 + 1))
    }

    /// Appends entries to `session`'s log in one transaction, from sequence `first_seq`.
    pub fn append(&mut self, session: &str, first_seq: u64, entries: &[Entry]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO events (session, seq, tick, server_ms, kind, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (i, e) in entries.iter().enumerate() {
                let body = crossdock_protocol::codec::encode(&e.record);
                insert.execute(params![
                    session,
                    (first_seq + i as u64) as i64,
                    e.tick.0 as i64,
                    e.server_ms as i64,
                    e.record.kind(),
                    body
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every record of `session`, in order. A row that does not decode is an error naming it.
    pub fn read(&self, session: &str) -> Result<Vec<StoredRecord>> {
        let mut stmt =
            self.conn.prepare("SELECT seq, tick, server_ms, body FROM events WHERE session = ?1 ORDER BY seq")?;
        let rows = stmt.query_map(params![session], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, Vec<u8>>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, tick, server_ms, body) = row?;
            anyhow::ensure!(
                body.len() <= MAX_BODY,
                "event {seq} of session {session} is {} bytes: corrupt log",
                body.len()
            );
            let record: Record = crossdock_protocol::decode(&body)
                .map_err(|e| anyhow::anyhow!("event {seq} of session {session} does not decode ({e}): corrupt log"))?;
            out.push(StoredRecord {
                seq: seq as u64,
                entry: Entry { tick: Tick(tick as u32), server_ms: server_ms as u64, record },
            });
        }
        Ok(out)
    }

    /// Sessions with records, in order of name.
    pub fn sessions(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT DISTINCT session FROM events ORDER BY session")?;
        let names = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(names)
    }
}

/// Single-use join tokens already spent, by nonce, in the data dir's database (so a restart
/// does not make them usable again).
#[derive(Debug)]
pub struct UsedTokens {
    conn: Connection,
}

impl UsedTokens {
    /// Opens the table in `DIR/records.sqlite3`.
    pub fn open(data_dir: &Path) -> Result<UsedTokens> {
        let schema = "CREATE TABLE IF NOT EXISTS used_tokens (nonce INTEGER PRIMARY KEY, expires_at INTEGER NOT NULL);";
        Ok(UsedTokens { conn: open_database(data_dir, schema)? })
    }

    /// Marks a token spent; true if this was its first use. Forgets tokens past their expiry.
    pub fn spend(&self, nonce: u64, expires_at: u64, now: u64) -> Result<bool> {
        self.conn.execute("DELETE FROM used_tokens WHERE expires_at < ?1", params![now as i64])?;
        let added = self.conn.execute(
            "INSERT OR IGNORE INTO used_tokens (nonce, expires_at) VALUES (?1, ?2)",
            params![nonce as i64, expires_at as i64],
        )?;
        Ok(added == 1)
    }
}

/// A batch for the recorder: `(batch number, entries)`.
type Batch = (u64, Vec<Entry>);

/// Commits a session's journal on its own thread, so the tick never waits on the disk.
#[derive(Debug)]
pub struct Recorder {
    tx: Option<mpsc::Sender<Batch>>,
    durable: Arc<AtomicU64>,
    failed: Arc<std::sync::atomic::AtomicBool>,
    submitted: u64,
    thread: Option<JoinHandle<()>>,
}

impl Recorder {
    /// Starts a recorder appending to `session`'s log in `store`.
    pub fn start(mut store: Store, session: String) -> Result<Recorder> {
        let mut next = store.next_seq(&session)?;
        let (tx, rx) = mpsc::channel::<Batch>();
        let durable = Arc::new(AtomicU64::new(0));
        let failed = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (d, f) = (durable.clone(), failed.clone());
        let thread = std::thread::Builder::new().name(format!("rec-{session}")).spawn(move || {
            while let Ok((batch, mut entries)) = rx.recv() {
                // Group commit: take whatever else is already queued into the same transaction.
                let mut last = batch;
                while let Ok((b, more)) = rx.try_recv() {
                    entries.extend(more);
                    last = b;
                }
                match store.append(&session, next, &entries) {
                    Ok(()) => {
                        next += entries.len() as u64;
                        d.store(last, Ordering::Release);
                    }
                    Err(e) => {
                        tracing::error!(error = %e, %session, "cannot write the event log; acknowledgements stop until it works");
                        f.store(true, Ordering::Release);
                        return;
                    }
                }
            }
        })?;
        Ok(Recorder { tx: Some(tx), durable, failed, submitted: 0, thread: Some(thread) })
    }

    /// Hands a tick's journal over; returns its batch number (batches are numbered from 1).
    pub fn submit(&mut self, entries: Vec<Entry>) -> u64 {
        if entries.is_empty() {
            return self.submitted;
        }
        self.submitted += 1;
        if let Some(tx) = &self.tx {
            let _ = tx.send((self.submitted, entries));
        }
        self.submitted
    }

    /// The newest batch on disk.
    pub fn durable(&self) -> u64 {
        self.durable.load(Ordering::Acquire)
    }

    /// Whether writing failed (the disk is full or gone).
    pub fn failed(&self) -> bool {
        self.failed.load(Ordering::Acquire)
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.tx.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossdock_protocol::{CloseCode, ParticipantId};

    fn entry(tick: u32) -> Entry {
        Entry {
            tick: Tick(tick),
            server_ms: tick as u64 * 16,
            record: Record::Left { participant: ParticipantId(3), code: CloseCode::Normal },
        }
    }

    #[test]
    fn batches_become_durable_in_order_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut rec = Recorder::start(Store::open(dir.path()).unwrap(), "s".into()).unwrap();
        let a = rec.submit(vec![entry(1), entry(2)]);
        let b = rec.submit(vec![entry(3)]);
        assert_eq!((a, b), (1, 2));
        assert_eq!(rec.submit(vec![]), 2, "an empty journal adds no batch");
        drop(rec);
        let store = Store::open(dir.path()).unwrap();
        let back = store.read("s").unwrap();
        assert_eq!(back.iter().map(|r| r.seq).collect::<Vec<_>>(), vec![1, 2, 3]);
        assert_eq!(back[2].entry, entry(3));
        assert_eq!(store.next_seq("s").unwrap(), 4);
        assert_eq!(store.sessions().unwrap(), vec!["s".to_owned()]);
    }

    #[test]
    fn a_corrupt_row_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.conn.execute("INSERT INTO events VALUES ('s', 1, 0, 0, 'x', X'fd00000000000100')", []).unwrap();
        let err = store.read("s").unwrap_err();
        assert!(err.to_string().contains("corrupt log"), "{err}");
    }
}
