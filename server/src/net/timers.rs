//! quinn's timers on a coarse grid.
//!
//! Every connection keeps timers (its peer's acknowledgement delay, loss detection, idle and
//! keep-alive), each a wakeup of the network thread when it fires: 64 connections' timers at
//! random phases wake it hundreds of times a second. Rounded up to a grid, they fire together.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use quinn::{AsyncTimer, AsyncUdpSocket};

/// quinn's tokio runtime with its connections' far timers rounded up to a [`TIMER_GRAIN`]
/// grid: 64 connections' acknowledgement and loss timers then fire together, hundreds of
/// wakeups a second fewer. None of them needs better (the shortest, the peer's ACK delay, is
/// 40 ms). A timer due within a grain (the pacer's, spacing a burst) is left as it is. The
/// endpoint's socket it wraps is read through the sessions' [`Gate`](super::gate::Gate).
#[derive(Debug)]
pub struct CoarseTimers(pub Arc<super::gate::Gate>);

/// The grid quinn's far timers are rounded up to.
const TIMER_GRAIN: Duration = Duration::from_millis(4);

impl CoarseTimers {
    fn round_up(at: Instant) -> tokio::time::Instant {
        static ORIGIN: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
        let origin = *ORIGIN.get_or_init(Instant::now);
        if at.saturating_duration_since(Instant::now()) < TIMER_GRAIN {
            return at.into();
        }
        let grain = TIMER_GRAIN.as_nanos();
        let since = at.saturating_duration_since(origin).as_nanos();
        let rounded = since.div_ceil(grain) * grain;
        (origin + Duration::from_nanos(rounded.try_into().unwrap_or(u64::MAX))).into()
    }
}

impl quinn::Runtime for CoarseTimers {
    fn new_timer(&self, at: Instant) -> Pin<Box<dyn AsyncTimer>> {
        Box::pin(CoarseTimer(Box::pin(tokio::time::sleep_until(CoarseTimers::round_up(at)))))
    }

    fn spawn(&self, future: Pin<Box<dyn Future<Output = ()> + Send>>) {
        tokio::spawn(future);
    }

    fn wrap_udp_socket(&self, socket: std::net::UdpSocket) -> io::Result<Arc<dyn AsyncUdpSocket>> {
        Ok(Arc::new(super::gate::GatedSocket::new(socket, self.0.clone())?))
    }

    fn now(&self) -> Instant {
        quinn::TokioRuntime.now()
    }
}

#[derive(Debug)]
struct CoarseTimer(Pin<Box<tokio::time::Sleep>>);

impl AsyncTimer for CoarseTimer {
    fn reset(mut self: Pin<&mut Self>, at: Instant) {
        let at = CoarseTimers::round_up(at);
        if self.0.deadline() != at {
            self.0.as_mut().reset(at);
        }
    }

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context) -> Poll<()> {
        Future::poll(self.0.as_mut(), cx)
    }
}
