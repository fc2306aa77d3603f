//! Sessions: each one a bevy_ecs World ticking at a fixed rate on its own thread.
//!
//! **Architecture Invariant:** a session's World is touched only by its tick thread. The network
//! edge reaches it through a bounded [`NetEvent`] channel and hears back through [`crate::net::Peer`].

pub mod schedule;
pub mod world;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossdock_protocol::CloseCode;
use crossdock_protocol::handshake::Refusal;
use tokio::sync::mpsc;

use crate::net::{NetEvent, VoiceRoutes};
use crate::scenario::Scenario;

pub use schedule::build_world;

/// Events queued per session before datagram events are dropped and reliable ones wait.
const INBOX: usize = 8192;

static EPOCH: OnceLock<Instant> = OnceLock::new();

/// The server clock: microseconds since the process's first call. All sessions share it.
pub fn server_time_us() -> u64 {
    EPOCH.get_or_init(Instant::now).elapsed().as_micros() as u64
}

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
}

#[derive(Debug)]
struct Running {
    inbox: mpsc::Sender<NetEvent>,
    voice: Arc<VoiceRoutes>,
    stop: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

/// Every session the process hosts, created on first join.
#[derive(Debug)]
pub struct Sessions {
    template: SessionTemplate,
    max_sessions: usize,
    running: Mutex<HashMap<String, Running>>,
}

impl Sessions {
    /// A registry that creates sessions from `template`, at most `max_sessions` at once.
    pub fn new(template: SessionTemplate, max_sessions: usize) -> Sessions {
        EPOCH.get_or_init(Instant::now);
        Sessions { template, max_sessions, running: Mutex::new(HashMap::new()) }
    }

    /// The inbox and voice routes of session `name`, starting it if needed.
    pub fn channel(&self, name: &str) -> Result<(mpsc::Sender<NetEvent>, Arc<VoiceRoutes>), Refusal> {
        // A poisoned lock means a thread panicked while inserting; the map itself is still whole.
        let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        running.retain(|_, s| !s.thread.is_finished());
        if let Some(s) = running.get(name) {
            return Ok((s.inbox.clone(), s.voice.clone()));
        }
        if running.len() >= self.max_sessions {
            return Err(Refusal::new(
                CloseCode::ServerFull,
                format!(
                    "this server already hosts {} sessions: try again later or use another server",
                    self.max_sessions
                ),
            ));
        }
        let (tx, rx) = mpsc::channel(INBOX);
        let stop = Arc::new(AtomicBool::new(false));
        let store = crate::records::Store::open(&self.template.data_dir)
            .map_err(|e| Refusal::new(CloseCode::ServerFull, format!("the server cannot open its event log: {e:#}")))?;
        let earlier = store
            .read(name)
            .map_err(|e| Refusal::new(CloseCode::ServerFull, format!("the server cannot read its event log: {e:#}")))?;
        let recorder = crate::records::Recorder::start(store, name.to_owned()).map_err(|e| {
            Refusal::new(CloseCode::ServerFull, format!("the server cannot start its event log: {e:#}"))
        })?;
        let voice = Arc::new(VoiceRoutes::default());
        let mut world = build_world(name, &self.template, rx, recorder, earlier.is_empty());
        world.insert_resource(world::Voice(voice.clone()));
        if !earlier.is_empty() {
            schedule::resume(&mut world, &earlier).map_err(|e| {
                Refusal::new(CloseCode::ServerFull, format!("the session's event log cannot be replayed: {e:#}"))
            })?;
        }
        let thread_stop = stop.clone();
        let hz = self.template.tick_hz;
        let thread = std::thread::Builder::new()
            .name(format!("tick-{name}"))
            .spawn(move || schedule::run(world, hz, thread_stop))
            .map_err(|e| Refusal::new(CloseCode::ServerFull, format!("cannot start the session thread: {e}")))?;
        tracing::info!(session = name, "session started");
        self.template.metrics.sessions.inc();
        running.insert(name.to_owned(), Running { inbox: tx.clone(), voice: voice.clone(), stop, thread });
        Ok((tx, voice))
    }

    /// Names of the sessions running now.
    pub fn names(&self) -> Vec<String> {
        let running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        running.keys().cloned().collect()
    }

    /// Stops every tick thread and waits for them.
    pub fn shutdown(&self) {
        let drained: Vec<Running> = {
            let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
            running.drain().map(|(_, s)| s).collect()
        };
        for s in &drained {
            s.stop.store(true, Ordering::Relaxed);
        }
        for s in drained {
            let _ = s.thread.join();
        }
    }
}

/// The tick period for `hz` ticks per second.
pub fn tick_period(hz: u16) -> Duration {
    Duration::from_secs_f64(1.0 / f64::from(hz.max(1)))
}
