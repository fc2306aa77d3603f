//! Delivery of xAPI statements to a learning record store through a durable outbox.
//!
//! Statements are queued in the data dir's SQLite database under their own ids, so queueing
//! the same report twice queues nothing new; delivery `PUT`s each to
//! `{endpoint}/statements?statementId={id}` (idempotent by id: a retry never duplicates),
//! marks it delivered on 2xx or 409, and otherwise backs off exponentially.

use std::path::Path;
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

/// Where statements go.
#[derive(Debug, Clone)]
pub struct Lrs {
    /// The LRS's xAPI endpoint, e.g. `https://lrs.example/xapi` (without `/statements`).
    pub endpoint: String,
    /// `user:password` for HTTP Basic authentication.
    pub basic_auth: Option<String>,
}

/// What a delivery round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivery {
    /// Statements accepted by the LRS this round.
    pub delivered: usize,
    /// Attempts that failed this round.
    pub failed: usize,
    /// Statements still waiting.
    pub pending: usize,
    /// When the next pending statement is due, Unix milliseconds.
    pub next_due_ms: Option<u64>,
}

/// The durable outbox.
#[derive(Debug)]
pub struct Outbox {
    conn: Connection,
}

impl Outbox {
    /// Opens the outbox in `DIR/records.sqlite3`.
    pub fn open(data_dir: &Path) -> Result<Outbox> {
        Ok(Outbox { conn: crate::records::open_database(data_dir, SCHEMA)? })
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

    /// Tries every statement due at `now_ms` once.
    pub fn deliver(&mut self, lrs: &Lrs, now_ms: u64) -> Result<Delivery> {
        let due: Vec<(String, String, i64)> = {
            let mut stmt = self.conn.prepare(
                "SELECT id, body, attempts FROM xapi_outbox WHERE delivered_ms IS NULL AND next_attempt_ms <= ?1 ORDER BY rowid",
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
        for (id, body, attempts) in due {
            match put(&agent, lrs, &id, &body) {
                Ok(()) => {
                    self.conn.execute("UPDATE xapi_outbox SET delivered_ms = ?2, attempts = attempts + 1, last_error = NULL WHERE id = ?1", params![id, now_ms as i64])?;
                    round.delivered += 1;
                }
                Err(error) => {
                    let backoff = backoff(attempts as u32 + 1);
                    self.conn.execute(
                        "UPDATE xapi_outbox SET attempts = attempts + 1, next_attempt_ms = ?2, last_error = ?3 WHERE id = ?1",
                        params![id, (now_ms + backoff.as_millis() as u64) as i64, error],
                    )?;
                    tracing::warn!(statement = %id, %error, retry_in_s = backoff.as_secs(), "xAPI delivery failed");
                    round.failed += 1;
                }
            }
        }
        round.pending = self
            .conn
            .query_row("SELECT COUNT(*) FROM xapi_outbox WHERE delivered_ms IS NULL", [], |r| r.get::<_, i64>(0))?
            as usize;
        round.next_due_ms = self
            .conn
            .query_row("SELECT MIN(next_attempt_ms) FROM xapi_outbox WHERE delivered_ms IS NULL", [], |r| {
                r.get::<_, Option<i64>>(0)
            })
            .optional()?
            .flatten()
            .map(|v| v as u64);
        Ok(round)
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
}

/// 1 s, 2 s, 4 s, ... up to [`MAX_BACKOFF`].
pub fn backoff(attempts: u32) -> Duration {
    Duration::from_secs(1u64 << attempts.saturating_sub(1).min(20)).min(MAX_BACKOFF)
}

fn put(agent: &ureq::Agent, lrs: &Lrs, id: &str, body: &str) -> Result<(), String> {
    let url = format!("{}/statements?statementId={id}", lrs.endpoint.trim_end_matches('/'));
    let mut request =
        agent.put(&url).header("X-Experience-API-Version", "2.0.0").header("Content-Type", "application/json");
    if let Some(auth) = &lrs.basic_auth {
        request = request
            .header("Authorization", format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(auth)));
    }
    match request.send(body) {
        Ok(response) => match response.status().as_u16() {
            200..=299 | 409 => Ok(()),
            status => Err(format!("the LRS answered HTTP {status}")),
        },
        Err(e) => Err(format!("cannot reach the LRS at {}: {e}", lrs.endpoint)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;
    use std::sync::{Arc, Mutex};

    /// Requests the test LRS accepted: (path, body).
    type Seen = Arc<Mutex<Vec<(String, String)>>>;

    /// A tiny LRS: refuses the first `fail` requests with 503, then stores statements by id.
    fn test_lrs(fail: usize) -> (String, Seen) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let seen: Seen = Arc::default();
        let log = seen.clone();
        std::thread::spawn(move || {
            for (n, stream) in listener.incoming().enumerate() {
                let Ok(mut stream) = stream else { return };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request_line = String::new();
                reader.read_line(&mut request_line).unwrap();
                let mut length = 0;
                let mut version = String::new();
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    let lower = line.to_ascii_lowercase();
                    if let Some(v) = lower.strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap();
                    }
                    if let Some(v) = lower.strip_prefix("x-experience-api-version:") {
                        version = v.trim().to_owned();
                    }
                    if line == "\r\n" {
                        break;
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                let status = if n < fail { "503 Service Unavailable" } else { "204 No Content" };
                if n >= fail && version == "2.0.0" {
                    log.lock().unwrap().push((
                        request_line.split_whitespace().nth(1).unwrap().to_owned(),
                        String::from_utf8(body).unwrap(),
                    ));
                }
                let _ = write!(stream, "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            }
        });
        (format!("http://{addr}/xapi"), seen)
    }

    fn statements() -> Vec<serde_json::Value> {
        (0..3).map(|i| serde_json::json!({ "id": format!("00000000-0000-5000-8000-00000000000{i}"), "verb": { "id": "x" } })).collect()
    }

    #[test]
    fn statements_survive_failures_and_are_delivered_once() {
        let dir = tempfile::tempdir().unwrap();
        let (endpoint, seen) = test_lrs(2);
        let lrs = Lrs { endpoint, basic_auth: Some("centre:secret".into()) };
        let mut outbox = Outbox::open(dir.path()).unwrap();
        assert_eq!(outbox.enqueue(&statements()).unwrap(), 3);
        assert_eq!(outbox.enqueue(&statements()).unwrap(), 0, "queueing again adds nothing");

        let first = outbox.deliver(&lrs, 1_000).unwrap();
        assert_eq!((first.delivered, first.failed, first.pending), (1, 2, 2));
        assert!(outbox.last_error("00000000-0000-5000-8000-000000000000").unwrap().unwrap().contains("503"));
        assert_eq!(outbox.deliver(&lrs, 1_500).unwrap().delivered, 0, "not due before the backoff");
        // Reopen: the outbox is durable.
        drop(outbox);
        let mut outbox = Outbox::open(dir.path()).unwrap();
        let second = outbox.deliver(&lrs, first.next_due_ms.unwrap()).unwrap();
        assert_eq!((second.delivered, second.pending), (2, 0));
        assert_eq!(outbox.deliver(&lrs, 10_000_000).unwrap(), Delivery::default());

        let seen = seen.lock().unwrap();
        let ids: std::collections::BTreeSet<_> = seen.iter().map(|(path, _)| path.clone()).collect();
        assert_eq!(seen.len(), 3, "each statement arrived once");
        assert_eq!(ids.len(), 3);
        assert!(seen.iter().all(|(path, _)| path.starts_with("/xapi/statements?statementId=")));
    }

    #[test]
    fn an_unreachable_lrs_leaves_statements_pending_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let lrs = Lrs { endpoint: format!("http://{closed}"), basic_auth: None };
        let mut outbox = Outbox::open(dir.path()).unwrap();
        outbox.enqueue(&statements()).unwrap();
        let round = outbox.deliver(&lrs, 0).unwrap();
        assert_eq!((round.delivered, round.failed, round.pending), (0, 3, 3));
        assert!(outbox.last_error("00000000-0000-5000-8000-000000000001").unwrap().unwrap().contains("cannot reach"));
        assert_eq!(backoff(1), Duration::from_secs(1));
        assert_eq!(backoff(30), MAX_BACKOFF);
    }
}
