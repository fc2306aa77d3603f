//! How a server sets up its sessions.

use std::sync::Arc;
use std::time::Duration;

use crate::scenario::Scenario;

/// How new sessions are set up.
#[derive(Debug, Clone)]
pub struct SessionTemplate {
    /// The scenario a new session starts with.
    pub scenario: Scenario,
    /// Ticks per second.
    pub tick_hz: u16,
    /// Most non-observer participants.
    pub max_participants: usize,
    /// Most observers.
    pub max_observers: usize,
    /// Where the event log lives.
    pub data_dir: std::path::PathBuf,
    /// The server's metrics.
    pub metrics: Arc<crate::metrics::Metrics>,
    /// How long a dropped participant's place is held.
    pub reconnect_grace: Duration,
    /// Keep relayed voice frames in the event log.
    pub record_voice: bool,
    /// The speech worker, when the server runs one.
    pub captions: Option<Arc<crate::net::captions::CaptionWorker>>,
    /// Signs resume secrets (derived from the data dir's identity).
    pub resume_key: Arc<ring::hmac::Key>,
    /// Told `(session, drill)` when a drill ends, when an LRS is configured.
    pub drill_ended: Option<std::sync::mpsc::Sender<(String, u32)>>,
    /// When the endpoint reads its socket: each session opens it shortly before its ticks.
    pub gate: Arc<crate::net::gate::Gate>,
}
