//! Delivery of xAPI statements to a learning record store through a durable outbox.
//!
//! Statements are queued in the data dir's SQLite database under their own ids, so queueing
//! the same report twice queues nothing new; delivery `PUT`s each to
//! `{endpoint}/statements?statementId={id}` (idempotent by id: a retry never duplicates),
//! marks it delivered on 2xx or 409, marks it rejected on an answer that says the statement
//! itself is wrong (400, 413, 422: retrying cannot help), and otherwise backs off
//! exponentially. The xAPI version is the LRS's own: `GET {endpoint}/about` lists the versions it
//! speaks; 2.0.0 where listed, else its newest 1.0.x, with the matching header and statement
//! `version`. With an LRS configured, the server's [`Courier`] queues and delivers each drill's
//! statements the moment the drill ends.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result};
use base64::Engine;
use rusqlite::{Connection, OptionalExtension, params};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS xapi_outbox (
    id              TEXT PRIMARY KEY,
    body            TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms INTEGER NOT NULL DEFAULT 0,
    delivered_ms    INTEGER,
    last_error      TEXT
);
";

/// The longest wait between two attempts at one statement.
pub const MAX_BACKOFF: Duration = Duration::from_secs(600);

/// The xAPI versions we can write, newest first.
pub const VERSIONS: [&str; 2] = ["2.0.0", "1.0.3"];

/// Where statements go.
#[derive(Debug, Clone)]
pub struct Lrs {
    /// The LRS's xAPI endpoint, e.g. `https://lrs.example/xapi` (without `/statements`).
    pub endpoint: String,
    /// `user:password` for HTTP Basic authentication.
    pub basic_auth: Option<String>,
}

/// What a delivery round did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delivery {
    /// Statements accepted by the LRS this round.
    pub delivered: usize,
    /// Attempts that failed this round and will be retried.
    pub failed: usize,
    /// Statements the LRS refused as wrong this round; they are not retried.
    pub rejected: usize,
    /// Statements still waiting.
    pub pending: usize,
    /// When the next pending statement is due, Unix milliseconds.
    pub next_due_ms: Option<u64>,
    /// The xAPI version spoken to the LRS this round.
    pub version: Option<String>,
    /// The first error of the round, for the one log line a round writes.
    pub error: Option<String>,
}

/// The durable outbox.
#[derive(Debug)]
pub struct Outbox {
    conn: Connection,
}

/// How one attempt at a statement ended.
enum Attempt {
    Delivered,
    /// The LRS says the statement is wrong: do not retry.
    Rejected(String),
    /// Try again later.
    Failed(String),
}

impl Outbox {
    /// Opens the outbox in `DIR/records.sqlite3`.
    pub fn open(data_dir: &Path) -> Result<Outbox> {
        let conn = crate::records::open_database(data_dir, SCHEMA)?;
        let has_rejected =
            conn.prepare("SELECT 1 FROM pragma_table_info('xapi_outbox') WHERE name = 'rejected_ms'")?.exists([])?;
        if !has_rejected {
            conn.execute_batch("ALTER TABLE xapi_outbox ADD COLUMN rejected_ms INTEGER")?;
        }
        Ok(Outbox { conn })
    }

    /// Queues statements (each must have an `id`); returns how many were new.
    pub fn enqueue(&mut self, statements: &[serde_json::Value]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        for s in statements {
            let id = s["id"].as_str().context("an xAPI statement without an id")?;
            added +=
                tx.execute("INSERT OR IGNORE INTO xapi_outbox (id, body) VALUES (?1, ?2)", params![id, s.to_string()])?;
        }
        tx.commit()?;
        Ok(added)
    }

    /// Tries every statement due at `now_ms` once, in the version the LRS speaks.
    pub fn deliver(&mut self, lrs: &Lrs, now_ms: u64) -> Result<Delivery> {
        let due: Vec<(String, String, i64)> = {
            let mut stmt = self.conn.prepare(
                "SELECT id, body, attempts FROM xapi_outbox \
                 WHERE delivered_ms IS NULL AND rejected_ms IS NULL AND next_attempt_ms <= ?1 ORDER BY rowid",
            )?;
            stmt.query_map(params![now_ms as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        let agent = ureq::Agent::new_with_config(
            ureq::Agent::config_builder()
                .timeout_global(Some(Duration::from_secs(10)))
                .http_status_as_error(false)
                .build(),
        );
        let mut round = Delivery::default();
        if !due.is_empty() {
            match about(&agent, lrs) {
                Ok(version) => {
                    for (id, body, attempts) in due {
                        match put(&agent, lrs, &version, &id, &body) {
                            Attempt::Delivered => {
                                self.conn.execute("UPDATE xapi_outbox SET delivered_ms = ?2, attempts = attempts + 1, last_error = NULL WHERE id = ?1", params![id, now_ms as i64])?;
                                round.delivered += 1;
                            }
                            Attempt::Rejected(error) => {
                                self.conn.execute(
                                    "UPDATE xapi_outbox SET rejected_ms = ?2, attempts = attempts + 1, last_error = ?3 WHERE id = ?1",
                                    params![id, now_ms as i64, error],
                                )?;
                                round.error.get_or_insert(error);
                                round.rejected += 1;
                            }
                            Attempt::Failed(error) => {
                                self.retry_later(&id, attempts, now_ms, &error)?;
                                round.error.get_or_insert(error);
                                round.failed += 1;
                            }
                        }
                    }
                    round.version = Some(version);
                }
                Err(error) => {
                    for (id, _, attempts) in &due {
                        self.retry_later(id, *attempts, now_ms, &error)?;
                    }
                    round.failed = due.len();
                    round.error = Some(error);
                }
            }
        }
        round.pending = self.conn.query_row(
            "SELECT COUNT(*) FROM xapi_outbox WHERE delivered_ms IS NULL AND rejected_ms IS NULL",
            [],
            |r| r.get::<_, i64>(0),
        )? as usize;
        round.next_due_ms = self
            .conn
            .query_row(
                "SELECT MIN(next_attempt_ms) FROM xapi_outbox WHERE delivered_ms IS NULL AND rejected_ms IS NULL",
                [],
                |r| r.get::<_, Option<i64>>(0),
            )
            .optional()?
            .flatten()
            .map(|v| v as u64);
        if round.failed + round.rejected > 0 {
            tracing::warn!(
                lrs = %lrs.endpoint,
                delivered = round.delivered,
                failed = round.failed,
                rejected = round.rejected,
                pending = round.pending,
                error = round.error.as_deref().unwrap_or(""),
                "xAPI delivery round had failures"
            );
        }
        Ok(round)
    }

    fn retry_later(&self, id: &str, attempts: i64, now_ms: u64, error: &str) -> Result<()> {
        let backoff = backoff(attempts as u32 + 1);
        self.conn.execute(
            "UPDATE xapi_outbox SET attempts = attempts + 1, next_attempt_ms = ?2, last_error = ?3 WHERE id = ?1",
            params![id, (now_ms + backoff.as_millis() as u64) as i64, error],
        )?;
        Ok(())
    }

    /// The last error recorded for a statement, if its delivery failed.
    pub fn last_error(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT last_error FROM xapi_outbox WHERE id = ?1", params![id], |r| {
                r.get::<_, Option<String>>(0)
            })
            .optional()?
            .flatten())
    }

    /// Statements the LRS refused as wrong: `(id, error)`.
    pub fn rejected(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, COALESCE(last_error, '') FROM xapi_outbox WHERE rejected_ms IS NOT NULL ORDER BY rowid",
        )?;
        Ok(stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
    }

    /// Drops every statement whose actor is account `name` (a forgotten learner): returns how
    /// many were still undelivered, and how many the LRS already had.
    pub fn forget_actor(&mut self, name: &str) -> Result<(usize, usize)> {
        let rows: Vec<(String, String, Option<i64>)> = self
            .conn
            .prepare("SELECT id, body, delivered_ms FROM xapi_outbox")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let (mut dropped, mut delivered) = (0, 0);
        for (id, body, delivered_ms) in rows {
            let Ok(statement) = serde_json::from_str::<serde_json::Value>(&body) else { continue };
            if statement["actor"]["account"]["name"].as_str() == Some(name) {
                self.conn.execute("DELETE FROM xapi_outbox WHERE id = ?1", params![id])?;
                if delivered_ms.is_some() {
                    delivered += 1;
                } else {
                    dropped += 1;
                }
            }
        }
        Ok((dropped, delivered))
    }
}

/// 1 s, 2 s, 4 s, ... up to [`MAX_BACKOFF`].
pub fn backoff(attempts: u32) -> Duration {
    Duration::from_secs(1u64 << attempts.saturating_sub(1).min(20)).min(MAX_BACKOFF)
}

fn authorised<B>(lrs: &Lrs, request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
    match &lrs.basic_auth {
        Some(auth) => {
            request.header("Authorization", format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(auth)))
        }
        None => request,
    }
}

/// Asks the LRS which xAPI versions it speaks (`GET /about`) and picks ours: 2.0.0 where
/// listed, else the newest 1.0.x.
fn about(agent: &ureq::Agent, lrs: &Lrs) -> Result<String, String> {
    let url = format!("{}/about", lrs.endpoint.trim_end_matches('/'));
    let request = authorised(lrs, agent.get(&url).header("X-Experience-API-Version", VERSIONS[1]));
    let mut response = request.call().map_err(|e| format!("cannot reach the LRS at {}: {e}", lrs.endpoint))?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(format!("the LRS answered HTTP {status} to GET {url}: is {} its xAPI endpoint?", lrs.endpoint));
    }
    let body = response
        .body_mut()
        .with_config()
        .limit(64 * 1024)
        .read_to_string()
        .map_err(|e| format!("the LRS's /about could not be read: {e}"))?;
    let listed: Vec<String> = serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|about| about["version"].as_array().cloned())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    choose_version(&listed).ok_or_else(|| {
        format!("the LRS speaks xAPI {listed:?}, and Crossdock writes 2.0.0 or 1.0.x: ask its operator which to use")
    })
}

/// 2.0.0 where listed, else the newest 1.0.x listed.
pub fn choose_version(listed: &[String]) -> Option<String> {
    if listed.iter().any(|v| v == "2.0.0") {
        return Some("2.0.0".to_owned());
    }
    listed
        .iter()
        .filter(|v| v.starts_with("1.0."))
        .max_by_key(|v| v.trim_start_matches("1.0.").parse::<u32>().unwrap_or(0))
        .cloned()
}

/// A queued statement as `version` wants it: 1.0.x statements say `"version": "1.0.0"` and
/// carry none of 2.0's context agents and groups.
pub fn for_version(body: &str, version: &str) -> Result<String, String> {
    let mut statement: serde_json::Value =
        serde_json::from_str(body).map_err(|e| format!("a queued statement is not JSON: {e}"))?;
    if version.starts_with("1.0.") {
        statement["version"] = "1.0.0".into();
        if let Some(context) = statement.get_mut("context").and_then(|c| c.as_object_mut()) {
            context.remove("contextAgents");
            context.remove("contextGroups");
        }
    } else {
        statement["version"] = version.into();
    }
    Ok(statement.to_string())
}

fn put(agent: &ureq::Agent, lrs: &Lrs, version: &str, id: &str, body: &str) -> Attempt {
    let body = match for_version(body, version) {
        Ok(body) => body,
        Err(error) => return Attempt::Rejected(error),
    };
    let url = format!("{}/statements?statementId={id}", lrs.endpoint.trim_end_matches('/'));
    let request = authorised(
        lrs,
        agent.put(&url).header("X-Experience-API-Version", version).header("Content-Type", "application/json"),
    );
    match request.send(body) {
        Ok(mut response) => match response.status().as_u16() {
            200..=299 | 409 => Attempt::Delivered,
            status @ (400 | 413 | 422) => {
                let said = response.body_mut().with_config().limit(2048).read_to_string().unwrap_or_default();
                Attempt::Rejected(format!("the LRS refused the statement (HTTP {status}): {}", said.trim()))
            }
            status @ (401 | 403) => Attempt::Failed(format!(
                "the LRS refused our credentials (HTTP {status}): check lrs_auth (CROSSDOCK_LRS_AUTH)"
            )),
            status => Attempt::Failed(format!("the LRS answered HTTP {status}")),
        },
        Err(e) => Attempt::Failed(format!("cannot reach the LRS at {}: {e}", lrs.endpoint)),
    }
}

/// The server's delivery thread: queues each drill's statements when the drill ends and
/// delivers everything queued, retrying with backoff, until the server stops.
#[derive(Debug)]
pub struct Courier {
    tx: mpsc::Sender<(String, u32)>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Courier {
    /// Starts delivering to `lrs` from the outbox in `data_dir`.
    pub fn start(data_dir: PathBuf, lrs: Lrs, home_page: String) -> Result<Courier> {
        let (tx, rx) = mpsc::channel::<(String, u32)>();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let mut outbox = Outbox::open(&data_dir)?;
        let thread = std::thread::Builder::new().name("xapi-courier".into()).spawn(move || {
            let mut wait = Duration::from_secs(1);
            while !flag.load(Ordering::Relaxed) {
                if let Ok((session, drill)) = rx.recv_timeout(wait) {
                    match queue_drill(&data_dir, &mut outbox, &session, drill, &home_page, &flag) {
                        Ok(added) => tracing::info!(%session, drill, added, "queued the drill's xAPI statements"),
                        Err(e) => tracing::error!(%session, drill, error = %format!("{e:#}"), "cannot queue the drill's xAPI statements"),
                    }
                }
                let now_ms = crate::token::unix_now() * 1000;
                wait = match outbox.deliver(&lrs, now_ms) {
                    Ok(round) if round.pending > 0 => Duration::from_millis(
                        round.next_due_ms.unwrap_or(now_ms).saturating_sub(now_ms).clamp(250, 60_000),
                    ),
                    Ok(_) => Duration::from_secs(60),
                    Err(e) => {
                        tracing::error!(error = %format!("{e:#}"), "cannot use the xAPI outbox");
                        Duration::from_secs(60)
                    }
                };
            }
        })?;
        Ok(Courier { tx, stop, thread: Some(thread) })
    }

    /// Where sessions say a drill ended.
    pub fn sender(&self) -> mpsc::Sender<(String, u32)> {
        self.tx.clone()
    }

    /// Stops delivering; waits up to `bound` for a round under way.
    pub fn stop(mut self, bound: Duration) {
        self.stop.store(true, Ordering::Relaxed);
        let deadline = std::time::Instant::now() + bound;
        while self.thread.as_ref().is_some_and(|t| !t.is_finished()) && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        if let Some(t) = self.thread.take().filter(|t| t.is_finished()) {
            let _ = t.join();
        }
    }
}

/// Waits (up to 10 s) for drill `drill`'s end to reach the log, then queues its statements.
fn queue_drill(
    data_dir: &Path,
    outbox: &mut Outbox,
    session: &str,
    drill: u32,
    home_page: &str,
    stop: &AtomicBool,
) -> Result<usize> {
    let store = crate::records::Store::open(data_dir)?;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let records = store.read_drill(session, drill)?;
        if records.iter().any(|r| matches!(r.entry.record, crate::records::Record::DrillEnded { .. })) {
            let report = crate::assessment::report(session, drill, &records)?;
            let mut statements = crate::assessment::xapi(&report, home_page).as_array().cloned().unwrap_or_default();
            statements.extend(crate::assessment::level_statements(&store, &report, home_page)?);
            return outbox.enqueue(&statements);
        }
        anyhow::ensure!(
            std::time::Instant::now() < deadline && !stop.load(Ordering::Relaxed),
            "the end of drill {session}/{drill} never reached the event log"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_is_the_lrs_own_and_statements_follow_it() {
        let v = |list: &[&str]| choose_version(&list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        assert_eq!(v(&["1.0.0", "1.0.3", "2.0.0"]).as_deref(), Some("2.0.0"));
        assert_eq!(v(&["1.0.1", "1.0.3", "1.0.2"]).as_deref(), Some("1.0.3"));
        assert_eq!(v(&["0.95"]), None);
        let body = r#"{"id":"x","version":"2.0.0","context":{"contextAgents":[],"language":"th"}}"#;
        let old: serde_json::Value = serde_json::from_str(&for_version(body, "1.0.3").unwrap()).unwrap();
        assert_eq!(old["version"], "1.0.0");
        assert!(old["context"].get("contextAgents").is_none() && old["context"]["language"] == "th");
        let new: serde_json::Value = serde_json::from_str(&for_version(body, "2.0.0").unwrap()).unwrap();
        assert_eq!(new["version"], "2.0.0");
        assert_eq!(backoff(1), Duration::from_secs(1));
        assert_eq!(backoff(30), MAX_BACKOFF);
    }
}
