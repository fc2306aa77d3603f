//! Time, in one place. The server clock (microseconds since the process started, shared by
//! every session), the wall clock, and the tick's [`Clock`]: the one resource systems read
//! time from, stamped by the tick loop before each tick (and set by hand in tests), so no rule
//! reads a clock of its own.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use bevy_ecs::prelude::*;
use crossdock_protocol::Tick;

static EPOCH: OnceLock<Instant> = OnceLock::new();

/// Starts the server clock (the first call does; later ones change nothing).
pub fn start() {
    EPOCH.get_or_init(Instant::now);
}

/// The server clock: microseconds since the process started it. All sessions share it.
pub fn server_time_us() -> u64 {
    EPOCH.get_or_init(Instant::now).elapsed().as_micros() as u64
}

/// Wall clock, Unix milliseconds.
pub fn unix_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// The tick period for `hz` ticks per second.
pub fn tick_period(hz: u16) -> Duration {
    Duration::from_secs_f64(1.0 / f64::from(hz.max(1)))
}

/// The first instant at or after `after` on the grid of `period`s from the server clock's
/// start: sessions at one rate tick together, so the network reads all their poses in one
/// window (see `net::gate`), not one window each.
pub fn on_grid(period: Duration, after: Instant) -> Instant {
    let epoch = *EPOCH.get_or_init(Instant::now);
    let since = after.saturating_duration_since(epoch).as_nanos();
    let period_ns = period.as_nanos().max(1);
    epoch + Duration::from_nanos((since.div_ceil(period_ns) * period_ns).try_into().unwrap_or(u64::MAX))
}

/// A session's time, as the tick sees it.
#[derive(Resource, Debug, Clone)]
pub struct Clock {
    /// The tick being simulated.
    pub tick: Tick,
    /// Ticks per second.
    pub hz: u16,
    /// The server clock when this tick began.
    pub server_time_us: u64,
    /// The wall clock when this tick began.
    pub unix_ms: u64,
    /// When this tick began, for its time budget; `None` where no loop runs it (tests).
    pub started: Option<Instant>,
}

impl Clock {
    /// Tick 0 at `hz`, not yet stamped.
    pub fn new(hz: u16) -> Clock {
        Clock { tick: Tick(0), hz, server_time_us: 0, unix_ms: 0, started: None }
    }

    /// Stamps the tick that begins now.
    pub fn stamp(&mut self, now: Instant) {
        self.server_time_us = server_time_us();
        self.unix_ms = unix_ms();
        self.started = Some(now);
    }

    /// Whether this tick has run longer than `budget` (never, where no loop runs it).
    pub fn spent(&self, budget: Duration) -> bool {
        self.started.is_some_and(|s| s.elapsed() > budget)
    }

    /// This session's tick period.
    pub fn period(&self) -> Duration {
        tick_period(self.hz)
    }

    /// `duration` in whole ticks, rounded up.
    pub fn ticks(&self, duration: Duration) -> u32 {
        (duration.as_secs_f64() * f64::from(self.hz)).ceil() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_started_apart_tick_on_one_grid() {
        let period = tick_period(60);
        let now = Instant::now();
        let first = on_grid(period, now);
        assert!(first >= now && first - now < period, "the next grid point: {:?} after", first - now);
        // A session opened a third of a tick later ticks at the same instants.
        let later = on_grid(period, now + period / 3);
        assert!(later == first || later == first + period, "{:?} apart", later.saturating_duration_since(first));
        assert_eq!(on_grid(period, first), first, "a grid point is its own");
        assert_eq!(on_grid(period, first + period / 2), first + period);
    }
}
