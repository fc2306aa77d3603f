//! The client's estimate of the server clock, from the welcome and ping round trips.
//!
//! Each sample assumes the answer was stamped half way through the round trip; the sample with
//! the shortest round trip among the recent ones wins, since queueing only ever adds delay.

use std::time::Duration;
use web_time::Instant;

/// How many recent samples the estimate chooses from.
const SAMPLES: usize = 16;

/// Maps local instants to server microseconds.
#[derive(Debug, Clone)]
pub struct ServerClock {
    epoch: Instant,
    samples: Vec<(Duration, i64)>,
    offset_us: i64,
}

impl ServerClock {
    /// Starts from the welcome: `server_time_us` was stamped shortly before `received`.
    pub fn new(server_time_us: u64, received: Instant) -> ServerClock {
        let epoch = received;
        let offset_us = server_time_us as i64;
        ServerClock { epoch, samples: vec![(Duration::from_secs(1), offset_us)], offset_us }
    }

    /// Local microseconds since this clock's epoch: what pings carry.
    pub fn local_us(&self, now: Instant) -> u64 {
        now.saturating_duration_since(self.epoch).as_micros() as u64
    }

    /// Takes a pong: the ping left at `client_time_us` (local), the server answered at `server_time_us`.
    pub fn handle_pong(&mut self, client_time_us: u64, server_time_us: u64, now: Instant) {
        let local_now = self.local_us(now);
        let rtt_us = local_now.saturating_sub(client_time_us);
        let offset = server_time_us as i64 + (rtt_us / 2) as i64 - local_now as i64;
        if self.samples.len() == SAMPLES {
            self.samples.remove(0);
        }
        self.samples.push((Duration::from_micros(rtt_us), offset));
        if let Some(&(_, best)) = self.samples.iter().min_by_key(|(rtt, _)| *rtt) {
            self.offset_us = best;
        }
    }

    /// The shortest recent round trip.
    pub fn min_rtt(&self) -> Duration {
        self.samples.iter().map(|(rtt, _)| *rtt).min().unwrap_or_default()
    }

    /// The server's clock at local instant `now`, in microseconds.
    pub fn server_us(&self, now: Instant) -> u64 {
        (self.local_us(now) as i64 + self.offset_us).max(0) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortest_round_trip_sets_the_offset() {
        let t0 = Instant::now();
        let mut clock = ServerClock::new(1_000_000, t0);
        // A ping sent at local 0 answered at server 1_010_000 and received at local 20 ms.
        clock.handle_pong(0, 1_010_000, t0 + Duration::from_millis(20));
        assert_eq!(clock.server_us(t0 + Duration::from_millis(20)), 1_020_000);
        // A slower sample does not override it.
        clock.handle_pong(20_000, 1_100_000, t0 + Duration::from_millis(120));
        assert_eq!(clock.server_us(t0 + Duration::from_millis(20)), 1_020_000);
        assert_eq!(clock.min_rtt(), Duration::from_millis(20));
    }
}
