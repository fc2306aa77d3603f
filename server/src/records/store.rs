//! The SQLite store and the recorder thread that writes to it.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;

use anyhow::{Context, Result};
use crossdock_protocol::Tick;
use rusqlite::{Connection, OptionalExtension, params};

use super::entry::{DrillEnd, Entry, Record};

/// The largest record body read back; a larger row is refused as corrupt.
const MAX_BODY: usize = 256 * 1024;

/// The layout of [`Record`] this build writes, stored in every row's `version`. Change the
/// layout (a new variant at the end is a change too: an older build cannot read it) and this
/// goes up by one, with a decoder for the old layout kept in [`decode`], so that a drill recorded
/// by an earlier release still reports and replays; `tests/fixtures/logs/` holds a log from each
/// release to prove it.
pub const RECORD_VERSION: u32 = 4;

/// `drill` numbers the session's drills from 1: a `scenario-started` row opens the next one, and
/// every other row belongs to the drill open when it was written.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS events (
    session   TEXT    NOT NULL,
    seq       INTEGER NOT NULL,
    tick      INTEGER NOT NULL,
    server_ms INTEGER NOT NULL,
    kind      TEXT    NOT NULL,
    body      BLOB    NOT NULL,
    drill     INTEGER NOT NULL DEFAULT 0,
    version   INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (session, seq)
) WITHOUT ROWID;
";

/// Made after [`migrate`], which gives an older table its `drill` column.
const INDEXES: &str = "CREATE INDEX IF NOT EXISTS events_by_drill ON events (session, drill, seq);";

/// What the drill list shows of one drill.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DrillSummary {
    /// The session (room) it ran in.
    pub session: String,
    /// Its number in the session, from 1.
    pub number: u32,
    /// The scenario's name.
    pub scenario: String,
    /// Its seed.
    pub seed: u64,
    /// Wall clock at the start, Unix milliseconds.
    pub started_unix_ms: u64,
    /// Wall clock of its last record, Unix milliseconds (an estimate from the server clock).
    pub last_unix_ms: u64,
    /// Why it ended, if it did.
    pub ended: Option<DrillEnd>,
    /// Participants who joined it.
    pub participants: u32,
}

impl DrillSummary {
    /// `SESSION/NUMBER`, how commands name a drill.
    pub fn id(&self) -> String {
        format!("{}/{}", self.session, self.number)
    }
}

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
        let conn = open_database(data_dir, SCHEMA)?;
        migrate(&conn)?;
        conn.execute_batch(INDEXES)?;
        Ok(Store { conn })
    }

    /// The newest drill of `session`, 0 if it has none.
    pub fn latest_drill(&self, session: &str) -> Result<u32> {
        let max: Option<i64> =
            self.conn.query_row("SELECT MAX(drill) FROM events WHERE session = ?1", params![session], |r| r.get(0))?;
        Ok(max.unwrap_or(0) as u32)
    }

    /// The tick of `session`'s newest record.
    pub fn last_tick(&self, session: &str) -> Result<Option<Tick>> {
        let tick: Option<i64> = self
            .conn
            .query_row("SELECT tick FROM events WHERE session = ?1 ORDER BY seq DESC LIMIT 1", params![session], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(tick.map(|t| Tick(t as u32)))
    }

    /// The records of one drill of `session`, in order.
    pub fn read_drill(&self, session: &str, drill: u32) -> Result<Vec<StoredRecord>> {
        self.query(
            "SELECT seq, tick, server_ms, body, version FROM events WHERE session = ?1 AND drill = ?2 ORDER BY seq",
            params![session, drill],
            session,
        )
    }

    /// The records of `session` of these kinds (e.g. `joined`, `identified`), in order.
    pub fn read_kinds(&self, session: &str, kinds: &[&str]) -> Result<Vec<StoredRecord>> {
        let mut all = Vec::new();
        for kind in kinds {
            all.extend(self.query(
                "SELECT seq, tick, server_ms, body, version FROM events WHERE session = ?1 AND kind = ?2 ORDER BY seq",
                params![session, kind],
                session,
            )?);
        }
        all.sort_by_key(|r| r.seq);
        Ok(all)
    }

    /// Every drill, of one session or of all, oldest first within a session.
    pub fn drills(&self, session: Option<&str>) -> Result<Vec<DrillSummary>> {
        let sessions = match session {
            Some(s) => vec![s.to_owned()],
            None => self.sessions()?,
        };
        let mut out = Vec::new();
        for session in sessions {
            let mut stmt = self.conn.prepare(
                "SELECT drill, MIN(seq), MAX(server_ms), SUM(kind = 'drill-ended') \
                 FROM events WHERE session = ?1 AND drill > 0 GROUP BY drill ORDER BY drill",
            )?;
            let rows = stmt
                .query_map(params![session], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (drill, first_seq, last_ms, ended) in rows {
                let first = self.query(
                    "SELECT seq, tick, server_ms, body, version FROM events WHERE session = ?1 AND seq = ?2",
                    params![session, first_seq],
                    &session,
                )?;
                let Some(Record::ScenarioStarted { name, seed, unix_ms, .. }) = first.first().map(|r| &r.entry.record)
                else {
                    continue;
                };
                let ended = if ended > 0 {
                    let end = self.query(
                        "SELECT seq, tick, server_ms, body, version FROM events WHERE session = ?1 AND drill = ?2 AND kind = 'drill-ended' ORDER BY seq LIMIT 1",
                        params![session, drill],
                        &session,
                    )?;
                    end.first().and_then(|r| match r.entry.record {
                        Record::DrillEnded { reason, .. } => Some(reason),
                        _ => None,
                    })
                } else {
                    None
                };
                let first_ms = first[0].entry.server_ms;
                // A participant is journaled again when they rejoin or a drill starts: count people
                // (not the consoles that watched).
                let people: std::collections::BTreeSet<u16> = self
                    .query(
                        "SELECT seq, tick, server_ms, body, version FROM events WHERE session = ?1 AND drill = ?2 AND kind = 'joined'",
                        params![session, drill],
                        &session,
                    )?
                    .iter()
                    .filter_map(|r| match &r.entry.record {
                        Record::Joined(info) if !super::entry::is_console_seat(info) => Some(info.id.0),
                        _ => None,
                    })
                    .collect();
                out.push(DrillSummary {
                    session: session.clone(),
                    number: drill as u32,
                    scenario: name.clone(),
                    seed: *seed,
                    started_unix_ms: *unix_ms,
                    last_unix_ms: unix_ms + (last_ms as u64).saturating_sub(first_ms),
                    ended,
                    participants: people.len() as u32,
                });
            }
        }
        Ok(out)
    }

    /// Deletes one drill's records.
    pub fn delete_drill(&mut self, session: &str, drill: u32) -> Result<usize> {
        Ok(self.conn.execute("DELETE FROM events WHERE session = ?1 AND drill = ?2", params![session, drill])?)
    }

    /// Every row of `kind` in every session: `(session, seq, record)`, for rewrites.
    pub fn all_of_kind(&self, kind: &str) -> Result<Vec<(String, StoredRecord)>> {
        let mut out = Vec::new();
        for session in self.sessions()? {
            for r in self.query(
                "SELECT seq, tick, server_ms, body, version FROM events WHERE session = ?1 AND kind = ?2 ORDER BY seq",
                params![session, kind],
                &session,
            )? {
                out.push((session.clone(), r));
            }
        }
        Ok(out)
    }

    /// Replaces the body of one record (pseudonymisation); the kind must stay the same.
    pub fn rewrite(&mut self, session: &str, seq: u64, record: &Record) -> Result<()> {
        self.conn.execute(
            "UPDATE events SET body = ?3, version = ?5 WHERE session = ?1 AND seq = ?2 AND kind = ?4",
            params![session, seq as i64, crossdock_protocol::codec::encode(record), record.kind(), RECORD_VERSION],
        )?;
        Ok(())
    }

    /// Makes deleted and rewritten rows unrecoverable from the file: zeroes freed pages from
    /// now on and folds the write-ahead log (which still holds old pages) into the database.
    pub fn scrub(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        Ok(())
    }

    /// Folds the write-ahead log into the database and truncates it.
    pub fn checkpoint(&mut self) -> Result<()> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Deletes one record (a forgotten learner's voice).
    pub fn delete(&mut self, session: &str, seq: u64) -> Result<()> {
        self.conn.execute("DELETE FROM events WHERE session = ?1 AND seq = ?2", params![session, seq as i64])?;
        Ok(())
    }

    fn query(&self, sql: &str, args: impl rusqlite::Params, session: &str) -> Result<Vec<StoredRecord>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(args, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Vec<u8>>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, tick, server_ms, body, version) = row?;
            anyhow::ensure!(
                body.len() <= MAX_BODY,
                "event {seq} of session {session} is {} bytes: corrupt log",
                body.len()
            );
            let record =
                decode(version, &body).map_err(|e| anyhow::anyhow!("event {seq} of session {session}: {e}"))?;
            out.push(StoredRecord {
                seq: seq as u64,
                entry: Entry { tick: Tick(tick as u32), server_ms: server_ms as u64, record },
            });
        }
        Ok(out)
    }

    /// The next sequence number of `session`'s log.
    pub fn next_seq(&self, session: &str) -> Result<u64> {
        let max: Option<i64> =
            self.conn.query_row("SELECT MAX(seq) FROM events WHERE session = ?1", params![session], |r| r.get(0))?;
        Ok(max.map_or(1, |m| m as u64 + 1))
    }

    /// Appends entries to `session`'s log in one transaction, from sequence `first_seq`; `drill`
    /// is the drill open before them, and moves on at each `ScenarioStarted`.
    pub fn append(&mut self, session: &str, first_seq: u64, drill: &mut u32, entries: &[Entry]) -> Result<()> {
        let tx = self.conn.transaction()?;
        let mut open = *drill;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO events (session, seq, tick, server_ms, kind, body, drill, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for (i, e) in entries.iter().enumerate() {
                if matches!(e.record, Record::ScenarioStarted { .. }) {
                    open += 1;
                }
                let body = crossdock_protocol::codec::encode(&e.record);
                insert.execute(params![
                    session,
                    (first_seq + i as u64) as i64,
                    e.tick.0 as i64,
                    e.server_ms as i64,
                    e.record.kind(),
                    body,
                    open,
                    RECORD_VERSION
                ])?;
            }
        }
        tx.commit()?;
        *drill = open;
        Ok(())
    }

    /// Every record of `session`, in order. A row that does not decode is an error naming it.
    pub fn read(&self, session: &str) -> Result<Vec<StoredRecord>> {
        self.query(
            "SELECT seq, tick, server_ms, body, version FROM events WHERE session = ?1 ORDER BY seq",
            params![session],
            session,
        )
    }

    /// Sessions with records, in order of name.
    pub fn sessions(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT DISTINCT session FROM events ORDER BY session")?;
        let names = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(names)
    }
}

/// A row's record, read with the layout of its `version`: 2 added `WorldHash` at the end, 3 the
/// phrases, interpreters and captions (`Intent::Say`, `Intent::Listen`, `Command::Interpret`,
/// `Record::Interpreted`, `Record::Caption`, each at its enum's end), 4 `Record::Origin` (a
/// scenario from a pack) at the end, so an older body reads as it always did.
fn decode(version: i64, body: &[u8]) -> Result<Record> {
    match version {
        1..=4 => crossdock_protocol::decode(body).map_err(|e| anyhow::anyhow!("does not decode ({e}): corrupt log")),
        v if v > i64::from(RECORD_VERSION) => anyhow::bail!(
            "was written by a newer Crossdock (record version {v}; this one reads up to {RECORD_VERSION}): upgrade crossdock-server to read this log"
        ),
        v => anyhow::bail!("has record version {v}, which no Crossdock wrote: corrupt log"),
    }
}

/// Brings an older database up to this layout: numbers the drills of a log written before
/// drills were (no `drill` column), by the same rule `append` follows, and adds the `version`
/// column. Runs once; a no-op on a current database.
fn migrate(conn: &Connection) -> Result<()> {
    let has_version: bool =
        conn.prepare("SELECT 1 FROM pragma_table_info('events') WHERE name = 'version'")?.exists([])?;
    if !has_version {
        // Rows from before records carried their version are version 1.
        conn.execute_batch("ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1")?;
    }
    let has_drill: bool = conn.prepare("SELECT 1 FROM pragma_table_info('events') WHERE name = 'drill'")?.exists([])?;
    if has_drill {
        return Ok(());
    }
    conn.execute_batch("ALTER TABLE events ADD COLUMN drill INTEGER NOT NULL DEFAULT 0")?;
    let rows: Vec<(String, i64, String)> = conn
        .prepare("SELECT session, seq, kind FROM events ORDER BY session, seq")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    conn.execute_batch("BEGIN")?;
    let (mut session, mut drill) = (String::new(), 0i64);
    for (s, seq, kind) in rows {
        if s != session {
            (session, drill) = (s, 0);
        }
        if kind == "scenario-started" {
            drill += 1;
        }
        conn.execute("UPDATE events SET drill = ?3 WHERE session = ?1 AND seq = ?2", params![session, seq, drill])?;
    }
    conn.execute_batch("COMMIT")?;
    tracing::info!("numbered the drills of an older event log");
    Ok(())
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
        let mut drill = store.latest_drill(&session)?;
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
                match store.append(&session, next, &mut drill, &entries) {
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

    /// Waits until batch `batch` is on disk, at most `timeout`; whether it is.
    pub fn wait_durable(&self, batch: u64, timeout: std::time::Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        while self.durable() < batch {
            if self.failed() || std::time::Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        true
    }

    /// The newest batch handed over.
    pub fn submitted(&self) -> u64 {
        self.submitted
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
        store.conn.execute("INSERT INTO events VALUES ('s', 1, 0, 0, 'x', X'fd00000000000100', 1, 1)", []).unwrap();
        let err = store.read("s").unwrap_err();
        assert!(err.to_string().contains("corrupt log"), "{err}");
    }

    #[test]
    fn a_row_from_a_newer_release_says_to_upgrade_and_one_from_none_is_corrupt() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let body = crossdock_protocol::codec::encode(&entry(1).record);
        store
            .conn
            .execute("INSERT INTO events VALUES ('s', 1, 0, 0, 'left', ?1, 1, ?2)", params![body, RECORD_VERSION + 1])
            .unwrap();
        let err = store.read("s").unwrap_err().to_string();
        assert!(err.contains("newer Crossdock") && err.contains("upgrade"), "{err}");
        store.conn.execute("UPDATE events SET version = 0", []).unwrap();
        assert!(store.read("s").unwrap_err().to_string().contains("corrupt log"));
        store.conn.execute("UPDATE events SET version = ?1", params![RECORD_VERSION]).unwrap();
        assert_eq!(store.read("s").unwrap()[0].entry.record, entry(1).record);
    }

    #[test]
    fn a_log_from_before_drills_gets_them_numbered() {
        let dir = tempfile::tempdir().unwrap();
        {
            let conn = Connection::open(dir.path().join("records.sqlite3")).unwrap();
            conn.execute_batch(
                "CREATE TABLE events (session TEXT NOT NULL, seq INTEGER NOT NULL, tick INTEGER NOT NULL, \
                 server_ms INTEGER NOT NULL, kind TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (session, seq)) WITHOUT ROWID;",
            )
            .unwrap();
            let started = Record::ScenarioStarted {
                name: "clean-20ft".into(),
                seed: 1,
                source: String::new(),
                unix_ms: 1,
                tick_hz: 60,
            };
            let left = Record::Left { participant: ParticipantId(3), code: CloseCode::Normal };
            for (seq, record) in [(1, &started), (2, &left), (3, &started), (4, &left)] {
                conn.execute(
                    "INSERT INTO events VALUES ('s', ?1, ?1, 0, ?2, ?3)",
                    params![seq, record.kind(), crossdock_protocol::codec::encode(record)],
                )
                .unwrap();
            }
        }
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.latest_drill("s").unwrap(), 2);
        assert_eq!(store.read_drill("s", 1).unwrap().iter().map(|r| r.seq).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(store.drills(None).unwrap().len(), 2);
    }
}
