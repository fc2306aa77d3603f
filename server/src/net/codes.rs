//! Short join codes, for headsets where nobody can type a link: six digits the server maps to
//! a personal invite, valid for minutes and once. Redeemed on the server's port under their own
//! ALPN ([`CODE_ALPN`], `PROTOCOL.md` "Short join codes"); an address that misses
//! [`MAX_MISSES`] times is locked out for [`LOCKOUT`], so guessing a code among a million
//! takes years.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The ALPN a code redemption negotiates.
pub const CODE_ALPN: &[u8] = b"crossdock-code/1";
/// Misses an address may make in [`LOCKOUT`] before it is locked out.
pub const MAX_MISSES: u32 = 5;
/// How long a locked-out address waits; also the window misses are counted in.
pub const LOCKOUT: Duration = Duration::from_secs(10 * 60);
/// The longest request read: six digits and some slack for spaces.
pub const MAX_REQUEST: usize = 32;

/// Why a code was not redeemed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// Not six digits.
    #[error("a join code is six digits: check the code on the invites sheet")]
    Malformed,
    /// Unknown, spent or expired.
    #[error("this join code is not valid (wrong, already used or expired): ask the instructor for a new one")]
    Unknown,
    /// Too many misses from this address.
    #[error("too many wrong codes from this address: wait {0} minutes, or ask the instructor for the invite link")]
    Locked(u64),
}

#[derive(Debug)]
struct Misses {
    count: u32,
    since: Instant,
}

#[derive(Debug, Default)]
struct Book {
    codes: HashMap<u32, (String, Instant)>,
    misses: HashMap<IpAddr, Misses>,
}

/// The codes handed out and the misses counted.
#[derive(Debug)]
pub struct JoinCodes {
    ttl: Duration,
    book: Mutex<Book>,
}

impl JoinCodes {
    /// Codes that admit for `ttl`.
    pub fn new(ttl: Duration) -> JoinCodes {
        JoinCodes { ttl, book: Mutex::new(Book::default()) }
    }

    /// How long a code admits.
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// A fresh code for `link`, unguessable and unlike any code still valid.
    pub fn mint(&self, link: String, now: Instant) -> String {
        let mut book = self.book.lock().unwrap_or_else(|e| e.into_inner());
        book.codes.retain(|_, (_, until)| *until > now);
        let code = loop {
            let mut bytes = [0u8; 4];
            ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes)
                .expect("the system has randomness");
            let code = u32::from_le_bytes(bytes) % 1_000_000;
            if !book.codes.contains_key(&code) {
                break code;
            }
        };
        book.codes.insert(code, (link, now + self.ttl));
        format!("{code:06}")
    }

    /// The invite behind `code`, spent now; misses from `from` count towards its lockout.
    pub fn redeem(&self, from: IpAddr, code: &str, now: Instant) -> Result<String, CodeError> {
        let mut book = self.book.lock().unwrap_or_else(|e| e.into_inner());
        book.misses.retain(|_, m| now.duration_since(m.since) < LOCKOUT);
        if let Some(m) = book.misses.get(&from)
            && m.count >= MAX_MISSES
        {
            let left = LOCKOUT.saturating_sub(now.duration_since(m.since));
            return Err(CodeError::Locked(left.as_secs().div_ceil(60).max(1)));
        }
        let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        let number = (digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<u32>().ok())
            .flatten();
        let found = number.and_then(|n| book.codes.remove(&n)).filter(|(_, until)| *until > now);
        match found {
            Some((link, _)) => Ok(link),
            None => {
                let m = book.misses.entry(from).or_insert(Misses { count: 0, since: now });
                m.count += 1;
                Err(if number.is_none() { CodeError::Malformed } else { CodeError::Unknown })
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
            Ok(bytes) => match codes.redeem(from, &String::from_utf8_lossy(&bytes), Instant::now()) {
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

    #[test]
    fn a_code_admits_once_within_its_minutes() {
        let codes = JoinCodes::new(Duration::from_secs(600));
        let now = Instant::now();
        let me: IpAddr = [127, 0, 0, 1].into();
        let code = codes.mint("crossdock://x".into(), now);
        assert_eq!(code.len(), 6);
        assert_eq!(codes.redeem(me, &format!("{} {}", &code[..3], &code[3..]), now), Ok("crossdock://x".into()));
        assert_eq!(codes.redeem(me, &code, now), Err(CodeError::Unknown), "single use");
        let late = codes.mint("crossdock://y".into(), now);
        assert_eq!(codes.redeem(me, &late, now + Duration::from_secs(601)), Err(CodeError::Unknown), "expired");
    }

    #[test]
    fn an_address_that_keeps_missing_is_locked_out_and_others_are_not() {
        let codes = JoinCodes::new(Duration::from_secs(3600));
        let now = Instant::now();
        let (guesser, trainee): (IpAddr, IpAddr) = ([127, 0, 0, 9].into(), [127, 0, 0, 2].into());
        let code = codes.mint("crossdock://x".into(), now);
        let wrong = format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000);
        for _ in 0..MAX_MISSES {
            assert_eq!(codes.redeem(guesser, &wrong, now), Err(CodeError::Unknown));
        }
        assert_eq!(codes.redeem(guesser, &code, now), Err(CodeError::Locked(10)), "even the right code, once locked");
        assert_eq!(codes.redeem(guesser, "12", now), Err(CodeError::Locked(10)));
        assert_eq!(codes.redeem(trainee, &code, now), Ok("crossdock://x".into()));
        let again = codes.mint("crossdock://z".into(), now);
        assert_eq!(codes.redeem(guesser, &again, now + LOCKOUT), Ok("crossdock://z".into()), "the lockout ends");
        assert_eq!(codes.redeem(trainee, "abcdef", now), Err(CodeError::Malformed));
    }
}
