//! Per-connection rate limits: a token bucket for control messages and one for datagrams.

use std::time::Instant;

/// Control messages a client may send in a burst.
pub const CONTROL_BURST: f64 = 60.0;
/// Control messages a client may send per second, sustained.
pub const CONTROL_RATE: f64 = 30.0;
/// Datagrams a client may send in a burst (a headset at 120 Hz sends 120 a second).
pub const DATAGRAM_BURST: f64 = 240.0;
/// Datagrams a client may send per second, sustained.
pub const DATAGRAM_RATE: f64 = 120.0;

/// Voice frames a client may send in a burst (one every 20 ms is 50 a second).
pub const VOICE_BURST: f64 = 100.0;
/// Voice frames a client may send per second, sustained; beyond, they are dropped.
pub const VOICE_RATE: f64 = 60.0;

/// New connections the server takes on in a burst (each costs a TLS handshake).
pub const HANDSHAKE_BURST: f64 = 100.0;
/// New connections the server takes on per second, sustained; beyond, they are refused.
pub const HANDSHAKE_RATE: f64 = 100.0;

/// A token bucket: `burst` tokens, refilled at `rate` a second.
#[derive(Debug, Clone)]
pub struct Bucket {
    tokens: f64,
    burst: f64,
    rate: f64,
    last: Instant,
}

impl Bucket {
    /// A full bucket.
    pub fn new(burst: f64, rate: f64, now: Instant) -> Bucket {
        Bucket { tokens: burst, burst, rate, last: now }
    }

    /// Takes a token if there is one.
    pub fn take(&mut self, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.last = now;
        self.tokens = (self.tokens + elapsed * self.rate).min(self.burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_bucket_allows_its_burst_then_its_rate() {
        let t0 = Instant::now();
        let mut b = Bucket::new(3.0, 2.0, t0);
        assert!((0..3).all(|_| b.take(t0)));
        assert!(!b.take(t0));
        assert!(b.take(t0 + Duration::from_millis(500)));
        assert!(!b.take(t0 + Duration::from_millis(600)));
        assert!((0..3).all(|_| b.take(t0 + Duration::from_secs(60))), "refills to the burst, no further");
        assert!(!b.take(t0 + Duration::from_secs(60)));
    }
}
