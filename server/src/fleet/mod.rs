//! Running as an Agones game server (cargo feature `agones`, `agones = true` in the config).
//!
//! The lifecycle: [`Fleet::connect`] reaches the SDK sidecar; [`Fleet::serve`] marks the server
//! Ready (it is already listening), pings Health every two seconds, narrows the server to the
//! session its allocation names, keeps the `participants` and `observers` counters current,
//! and returns once the drill is over (the session had participants, then stayed empty for
//! `agones_shutdown_when_empty`). The caller then drains the server, which commits the event
//! log, and calls [`Fleet::shutdown`], so Agones deletes the pod only after the log is safe.

mod keys;
pub use keys::*;

#[cfg(feature = "agones")]
mod sdk;
#[cfg(feature = "agones")]
pub use sdk::{DrillOver, Fleet, run};
