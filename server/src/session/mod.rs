//! Sessions: each one a bevy_ecs World ticking at a fixed rate on its own thread.
//!
//! **Architecture Invariant:** a session's World is touched only by its tick thread. The network
//! edge reaches it through a bounded [`NetEvent`] channel; the tick loop's [`edge`] takes those
//! in before each tick and hands the tick's output to the connections after it.

pub mod edge;
pub mod schedule;
mod template;
pub mod world;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use crossdock_protocol::CloseCode;
use crossdock_protocol::handshake::Refusal;
use tokio::sync::mpsc;

use crate::net::event::NetEvent;
use crate::net::voice::VoiceRoutes;

pub use schedule::build_world;
pub use template::SessionTemplate;

/// Events queued per session before datagram events are dropped and reliable ones wait.
const INBOX: usize = 8192;

/// What the edge holds of a running session: its inbox and its voice routes.
pub type Channel = (mpsc::Sender<NetEvent>, Arc<VoiceRoutes>);

/// What opening a session did with its drill, for the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// The session.
    pub session: String,
    /// The drill running now.
    pub drill: u32,
    /// Its scenario.
    pub scenario: String,
    /// When it started, Unix milliseconds.
    pub started_unix_ms: u64,
    /// Whether it was resumed from the log (otherwise it is new).
    pub resumed: bool,
}

impl std::fmt::Display for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = humantime::format_rfc3339_seconds(std::time::UNIX_EPOCH + Duration::from_millis(self.started_unix_ms));
        let what = if self.resumed { "resumed" } else { "started" };
        write!(
            f,
            "session {}: {what} drill {}/{} of {} (started {at})",
            self.session, self.session, self.drill, self.scenario
        )
    }
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
        crate::clock::start();
        Sessions { template, max_sessions, running: Mutex::new(HashMap::new()) }
    }

    /// The inbox and voice routes of session `name`, starting it if needed.
    pub fn channel(&self, name: &str) -> Result<Channel, Refusal> {
        self.open(name).map(|(channel, _)| channel)
    }

    /// Starts session `name` if it is not running: resumes the drill its log left running if
    /// that drill has not ended and runs the template's scenario, otherwise ends it and starts
    /// a new one. Says which, when it started one now.
    pub fn open(&self, name: &str) -> Result<(Channel, Option<Opened>), Refusal> {
        // A poisoned lock means a thread panicked while inserting; the map itself is still whole.
        let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        running.retain(|_, s| !s.thread.is_finished());
        if let Some(s) = running.get(name) {
            return Ok(((s.inbox.clone(), s.voice.clone()), None));
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
        let log_error = |what: &str, e: anyhow::Error| {
            Refusal::new(CloseCode::ServerFull, format!("the server cannot {what} its event log: {e:#}"))
        };
        let (tx, rx) = mpsc::channel(INBOX);
        let stop = Arc::new(AtomicBool::new(false));
        let store = crate::records::Store::open(&self.template.data_dir).map_err(|e| log_error("open", e))?;
        let latest = store.latest_drill(name).map_err(|e| log_error("read", e))?;
        let records = store.read_drill(name, latest).map_err(|e| log_error("read", e))?;
        let earlier = store
            .read_kinds(name, &["joined", "identified", "command", "scenario-started"])
            .map_err(|e| log_error("read", e))?;
        let ended = records.iter().any(|r| matches!(r.entry.record, crate::records::Record::DrillEnded { .. }));
        let (scenario, started_unix_ms) = match records.first().map(|r| &r.entry.record) {
            Some(crate::records::Record::ScenarioStarted { name, unix_ms, .. }) => (Some(name.clone()), *unix_ms),
            _ => (None, 0),
        };
        let resumable = !ended && scenario.as_deref() == Some(self.template.scenario.name.as_str());
        let last_tick = store.last_tick(name).map_err(|e| log_error("read", e))?;
        let (opened, opening) = if resumable {
            let opened = Opened {
                session: name.to_owned(),
                drill: latest,
                scenario: scenario.unwrap_or_default(),
                started_unix_ms,
                resumed: true,
            };
            (opened, schedule::Opening::Resume { drill: latest, records })
        } else {
            let opened = Opened {
                session: name.to_owned(),
                drill: latest + 1,
                scenario: self.template.scenario.name.clone(),
                started_unix_ms: crate::clock::unix_ms(),
                resumed: false,
            };
            let ending = (latest > 0 && !ended).then_some(crate::records::DrillEnd::NotResumed);
            (opened, schedule::Opening::Start { drill: latest + 1, ending, after: last_tick })
        };
        let recorder = crate::records::Recorder::start(store, name.to_owned()).map_err(|e| log_error("start", e))?;
        let captions = self.template.captions.as_ref().map(|w| w.feed(name, tx.clone()));
        let voice = Arc::new(VoiceRoutes::with_captions(captions));
        let world = build_world(name, &self.template, recorder, &earlier, opening).map_err(|e| {
            Refusal::new(CloseCode::ServerFull, format!("the session's event log cannot be replayed: {e:#}"))
        })?;
        let edge = edge::Edge::new(rx, voice.clone());
        let thread_stop = stop.clone();
        let hz = self.template.tick_hz;
        let gate = self.template.gate.clone();
        let thread = std::thread::Builder::new()
            .name(format!("tick-{name}"))
            .spawn(move || schedule::run(world, edge, hz, &gate, thread_stop))
            .map_err(|e| Refusal::new(CloseCode::ServerFull, format!("cannot start the session thread: {e}")))?;
        tracing::info!(session = name, drill = opened.drill, resumed = opened.resumed, "session started");
        self.template.metrics.sessions.inc();
        running.insert(name.to_owned(), Running { inbox: tx.clone(), voice: voice.clone(), stop, thread });
        Ok(((tx, voice), Some(opened)))
    }

    /// When the endpoint reads its socket (the sessions open it before their ticks).
    pub fn gate(&self) -> Arc<crate::net::gate::Gate> {
        self.template.gate.clone()
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
