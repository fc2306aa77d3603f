//! Short join codes, for headsets where nobody can type a link: six digits the server maps to
//! a personal invite, valid for minutes and once. Redeemed on the server's port under their own
//! ALPN ([`CODE_ALPN`], `PROTOCOL.md` §16). Codes live in the data dir's database too, so a
//! printed sheet still works after a restart. Misses are counted per address and per code: the
//! same wrong six digits typed again are one mistake, and an address locks out only after
//! [`MAX_MISSES`] different wrong codes in [`LOCKOUT`], enough for a classroom behind one
//! address to mistype and still get in (the guessing arithmetic is in PROTOCOL.md §16).

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, params};

/// The ALPN a code redemption negotiates.
pub const CODE_ALPN: &[u8] = b"crossdock-code/1";
/// Different wrong codes an address may try in [`LOCKOUT`] before it is locked out.
pub const MAX_MISSES: usize = 30;
/// How long a locked-out address waits; also the window misses are counted in.
pub const LOCKOUT: Duration = Duration::from_secs(10 * 60);
/// The longest request read: six digits and some slack for spaces.
pub const MAX_REQUEST: usize = 32;

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS join_codes \
    (code INTEGER PRIMARY KEY, link TEXT NOT NULL, until_unix_ms INTEGER NOT NULL);";

/// Why a code was not redeemed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// Not six digits.
    #[error("a join code is six digits: check the code on the invites sheet")]
    Malformed,
    /// Unknown, spent or expired.
    #[error(
        "this join code is not valid (wrong, already used or expired): check the digits, or ask the instructor for a new one"
    )]
    Unknown,
    /// Too many different wrong codes from this address.
    #[error("too many wrong codes from this address: wait {0} minutes, or ask the instructor for the invite link")]
    Locked(u64),
}

/// Wrong codes an address tried, since when.
#[derive(Debug)]
struct Misses {
    codes: HashSet<u32>,
    since_ms: u64,
}

#[derive(Debug, Default)]
struct Book {
    /// Code → (invite link, valid until, Unix ms).
    codes: HashMap<u32, (String, u64)>,
    misses: HashMap<IpAddr, Misses>,
}

/// The codes handed out and the misses counted.
#[derive(Debug)]
pub struct JoinCodes {
    ttl: Duration,
    book: Mutex<Book>,
    /// Where minted codes are kept; `None`: in memory only (tests).
    db: Option<Mutex<Connection>>,
}

impl JoinCodes {
    /// Codes that admit for `ttl`, in memory only.
    pub fn new(ttl: Duration) -> JoinCodes {
        JoinCodes { ttl, book: Mutex::new(Book::default()), db: None }
    }

    /// Codes that admit for `ttl`, kept in the data dir's database: those still valid at `now_ms`
    /// are read back.
    pub fn open(data_dir: &Path, ttl: Duration, now_ms: u64) -> anyhow::Result<JoinCodes> {
        let conn = crate::records::open_database(data_dir, SCHEMA)?;
        conn.execute("DELETE FROM join_codes WHERE until_unix_ms <= ?1", params![now_ms as i64])?;
        let mut book = Book::default();
        {
            let mut rows = conn.prepare("SELECT code, link, until_unix_ms FROM join_codes")?;
            let read =
                rows.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))?;
            for row in read {
                let (code, link, until) = row?;
                book.codes.insert(code as u32, (link, until as u64));
            }
        }
        if !book.codes.is_empty() {
            tracing::info!(codes = book.codes.len(), "join codes still valid after the restart");
        }
        Ok(JoinCodes { ttl, book: Mutex::new(book), db: Some(Mutex::new(conn)) })
    }

    /// How long a code admits.
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// A fresh code for `link`, unguessable and unlike any code still valid; kept on disk before
    /// it is handed out, so a printed code outlives a restart.
    pub fn mint(&self, link: String, now_ms: u64) -> anyhow::Result<String> {
        let mut book = self.book.lock().unwrap_or_else(|e| e.into_inner());
        book.codes.retain(|_, (_, until)| *until > now_ms);
        let code = loop {
            let mut bytes = [0u8; 4];
            ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes)
                .map_err(|_| anyhow::anyhow!("the system has no randomness for join codes"))?;
            let code = u32::from_le_bytes(bytes) % 1_000_000;
            if !book.codes.contains_key(&code) {
                break code;
            }
        };
        let until = now_ms + self.ttl.as_millis() as u64;
        if let Some(db) = &self.db {
            let db = db.lock().unwrap_or_else(|e| e.into_inner());
            db.execute("DELETE FROM join_codes WHERE until_unix_ms <= ?1", params![now_ms as i64])?;
            db.execute(
                "INSERT OR REPLACE INTO join_codes (code, link, until_unix_ms) VALUES (?1, ?2, ?3)",
                params![i64::from(code), link, until as i64],
            )?;
        }
        book.codes.insert(code, (link, until));
        Ok(format!("{code:06}"))
    }

    /// The invite behind `code`, spent now; misses from `from` count towards its lockout.
    pub fn redeem(&self, from: IpAddr, code: &str, now_ms: u64) -> Result<String, CodeError> {
        let window = LOCKOUT.as_millis() as u64;
        let mut book = self.book.lock().unwrap_or_else(|e| e.into_inner());
        book.misses.retain(|_, m| now_ms.saturating_sub(m.since_ms) < window);
        if let Some(m) = book.misses.get(&from)
            && m.codes.len() >= MAX_MISSES
        {
            let left = window.saturating_sub(now_ms.saturating_sub(m.since_ms));
            return Err(CodeError::Locked(left.div_ceil(60_000).max(1)));
        }
        let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        let number = (digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<u32>().ok())
            .flatten();
        let found = number.and_then(|n| book.codes.remove(&n)).filter(|(_, until)| *until > now_ms);
        if let (Some(n), Some(db)) = (number.filter(|_| found.is_some()), &self.db) {
            let db = db.lock().unwrap_or_else(|e| e.into_inner());
            if let Err(e) = db.execute("DELETE FROM join_codes WHERE code = ?1", params![i64::from(n)]) {
                tracing::warn!(error = %e, "a redeemed join code could not be struck from the database");
            }
        }
        match (found, number) {
            (Some((link, _)), _) => Ok(link),
            (None, None) => Err(CodeError::Malformed),
            (None, Some(n)) => {
                let m = book.misses.entry(from).or_insert(Misses { codes: HashSet::new(), since_ms: now_ms });
                m.codes.insert(n);
                Err(CodeError::Unknown)
            }
        }
    }
}

/// Answers one redemption: reads the code from the connection's stream, writes `ok LINK` or
/// `no MESSAGE`, and closes.
pub(crate) async fn serve(conn: quinn::Connection, codes: &JoinCodes) {
    let from = conn.remote_address().ip();
    let answer = async {
        let (mut send, mut recv) = conn.accept_bi().await.ok()?;
        let request = recv.read_to_end(MAX_REQUEST).await;
        let reply = match request {
            Ok(bytes) => match codes.redeem(from, &String::from_utf8_lossy(&bytes), crate::clock::unix_ms()) {
                Ok(link) => format!("ok {link}"),
                Err(e) => {
                    tracing::info!(%from, reason = %e, "join code refused");
                    format!("no {e}")
                }
            },
            Err(_) => format!("no {}", CodeError::Malformed),
        };
        send.write_all(reply.as_bytes()).await.ok()?;
        send.finish().ok()?;
        let _ = tokio::time::timeout(Duration::from_secs(2), send.stopped()).await;
        Some(())
    };
    let _ = tokio::time::timeout(Duration::from_secs(10), answer).await;
    conn.close(0u32.into(), b"done");
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: u64 = 60_000;

    #[test]
    fn a_code_admits_once_within_its_minutes() {
        let codes = JoinCodes::new(Duration::from_secs(600));
        let now = 1_000_000;
        let me: IpAddr = [127, 0, 0, 1].into();
        let code = codes.mint("crossdock://x".into(), now).unwrap();
        assert_eq!(code.len(), 6);
        assert_eq!(codes.redeem(me, &format!("{} {}", &code[..3], &code[3..]), now), Ok("crossdock://x".into()));
        assert_eq!(codes.redeem(me, &code, now), Err(CodeError::Unknown), "single use");
        let late = codes.mint("crossdock://y".into(), now).unwrap();
        assert_eq!(codes.redeem(me, &late, now + 601_000), Err(CodeError::Unknown), "expired");
    }

    fn wrong(code: &str, by: u32) -> String {
        format!("{:06}", (code.parse::<u32>().unwrap() + by) % 1_000_000)
    }

    #[test]
    fn an_address_that_keeps_guessing_is_locked_out_and_others_are_not() {
        let codes = JoinCodes::new(Duration::from_secs(3600));
        let now = 1_000_000;
        let (guesser, trainee): (IpAddr, IpAddr) = ([127, 0, 0, 9].into(), [127, 0, 0, 2].into());
        let code = codes.mint("crossdock://x".into(), now).unwrap();
        for i in 0..MAX_MISSES as u32 {
            assert_eq!(codes.redeem(guesser, &wrong(&code, 1 + i), now), Err(CodeError::Unknown));
        }
        assert_eq!(codes.redeem(guesser, &code, now), Err(CodeError::Locked(10)), "even the right code, once locked");
        assert_eq!(codes.redeem(guesser, "12", now), Err(CodeError::Locked(10)));
        assert_eq!(codes.redeem(trainee, &code, now), Ok("crossdock://x".into()));
        let again = codes.mint("crossdock://z".into(), now).unwrap();
        let after = now + LOCKOUT.as_millis() as u64;
        assert_eq!(codes.redeem(guesser, &again, after), Ok("crossdock://z".into()), "the lockout ends");
        assert_eq!(codes.redeem(trainee, "abcdef", now), Err(CodeError::Malformed));
    }

    #[test]
    fn a_classroom_behind_one_address_gets_in_though_one_learner_keeps_mistyping() {
        let codes = JoinCodes::new(Duration::from_secs(900));
        let now = 1_000_000;
        let classroom: IpAddr = [127, 0, 0, 7].into();
        let sheet: Vec<String> = (0..6).map(|i| codes.mint(format!("crossdock://{i}"), now).unwrap()).collect();
        // One learner types their code wrong eight times, the same typo over and over, and
        // then a few different ones: a handful of mistakes, not a lockout.
        for _ in 0..8 {
            assert_eq!(codes.redeem(classroom, &wrong(&sheet[0], 10), now), Err(CodeError::Unknown));
        }
        for by in 11..16 {
            assert_eq!(codes.redeem(classroom, &wrong(&sheet[0], by), now), Err(CodeError::Unknown));
        }
        for (i, code) in sheet.iter().enumerate() {
            assert_eq!(codes.redeem(classroom, code, now + MINUTE), Ok(format!("crossdock://{i}")), "learner {i}");
        }
    }

    #[test]
    fn minted_codes_survive_a_restart_and_stay_single_use() {
        let dir = tempfile::tempdir().unwrap();
        let now = 1_000_000;
        let me: IpAddr = [127, 0, 0, 1].into();
        let (kept, spent, expired) = {
            let codes = JoinCodes::open(dir.path(), Duration::from_secs(900), now).unwrap();
            let kept = codes.mint("crossdock://kept".into(), now).unwrap();
            let spent = codes.mint("crossdock://spent".into(), now).unwrap();
            assert!(codes.redeem(me, &spent, now).is_ok());
            let expired = codes.mint("crossdock://expired".into(), now - 899_000).unwrap();
            (kept, spent, expired)
        };
        let codes = JoinCodes::open(dir.path(), Duration::from_secs(900), now + 2 * MINUTE).unwrap();
        assert_eq!(codes.redeem(me, &kept, now + 2 * MINUTE), Ok("crossdock://kept".into()));
        assert_eq!(codes.redeem(me, &spent, now + 2 * MINUTE), Err(CodeError::Unknown));
        assert_eq!(codes.redeem(me, &expired, now + 2 * MINUTE), Err(CodeError::Unknown));
    }
}
