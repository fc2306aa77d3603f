//! The network side of an interactive front end (headset or desktop): a [`Client`] on its own
//! tokio thread, fed with local poses and intents over a channel, publishing the drawable scene
//! for the render loop to read. The render loop never waits on the network. With a [`Voice`],
//! it also carries voice frames both ways and keeps the voice thread told where everyone's head
//! is; the published scene marks who is speaking.

use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::invite::Invite;
use crossdock_protocol::{CloseCode, Intent, ParticipantId, Role, units};
use tokio::sync::mpsc;

use crossdock_voice::{Voice, VoiceState, spatial};

use crate::core::ClientEvent;
use crate::drive::{self, Driver, Talk};
pub use crate::view::Notice;
use crate::view::{Panel, SceneInput};
use crate::{Client, ConnectError, Details};

/// How often the published scene is refreshed.
const REFRESH: Duration = Duration::from_millis(8);
/// How often the published side panel is refreshed (its clock runs on by itself).
const PANEL_REFRESH: Duration = Duration::from_millis(100);

/// What the render loop sends.
#[derive(Debug)]
pub enum Outgoing {
    /// The local avatar, to be shown at the given display time (the newest is sent each tick).
    Pose(AvatarPose, Instant),
    /// An intent for the server to validate.
    Intent(Intent),
    /// Where a listener without an avatar (an observer's camera) hears from.
    Ears(spatial::Listener),
}

/// What the network side publishes.
#[derive(Debug, Default)]
pub struct Published {
    /// The scene, refreshed every few milliseconds.
    pub scene: SceneInput,
    /// The desktop side panel, refreshed a few times a second when the front end asked for it.
    pub panel: Option<Panel>,
    /// Events worth showing the user, newest last.
    pub notices: Vec<Notice>,
    /// Set when the connection ended: why.
    pub ended: Option<String>,
    /// Where the instructor moved (summoned, teleported) us, until the front end takes it.
    pub teleport: Option<glam::Vec3>,
    /// Pose datagrams sent so far (at most one a server tick, however fast the display runs).
    pub poses_sent: u64,
}

/// A running connection.
#[derive(Debug)]
pub struct Link {
    /// Who we are.
    pub me: ParticipantId,
    /// Our role.
    pub role: Role,
    tx: mpsc::Sender<Outgoing>,
    published: Arc<Mutex<Published>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    voice: Option<Arc<Mutex<VoiceState>>>,
}

impl Link {
    /// Connects and joins (blocking until welcomed or refused), then runs in the background,
    /// carrying `voice` if given, and publishing the side panel too when `panel` (the desktop
    /// shows one; a headset does not).
    pub fn connect(invite: Invite, details: Details, voice: Option<Voice>, panel: bool) -> Result<Link> {
        let voice_state = voice.as_ref().map(Voice::state);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("net")
            .enable_all()
            .build()
            .context("cannot start the network runtime")?;
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (tx, rx) = mpsc::channel(256);
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel();
        let published = Arc::new(Mutex::new(Published::default()));
        let shared = published.clone();
        let thread = std::thread::Builder::new().name("link".into()).spawn(move || {
            runtime.block_on(async move {
                let mut client = match Client::connect(&invite, &details).await {
                    Ok(client) => client,
                    Err(e) => {
                        let _ = ready_tx.send(Err(anyhow::Error::new(e)));
                        return;
                    }
                };
                let me = client.core.me();
                let role = client.core.welcome.role;
                let _ = ready_tx.send(Ok((me, role)));
                if client.core.welcome.voice_recorded {
                    tracing::warn!("this session records voice: what you say is kept with the drill's records");
                    shared.lock().unwrap_or_else(|e| e.into_inner()).notices.push(Notice::VoiceRecorded);
                }
                // Displays run at 60 to 144 Hz; the server ticks at `tick_hz` and limits
                // datagrams, so the newest pose goes out once a tick instead of once a frame.
                let tick = Duration::from_secs_f64(1.0 / f64::from(client.core.welcome.tick_hz.max(1)));
                let mut pose_tick = tokio::time::interval(tick);
                pose_tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                let mut front_end = FrontEnd {
                    rx,
                    stop: stop_rx,
                    shared: shared.clone(),
                    refresh: tokio::time::interval(REFRESH),
                    pose_tick,
                    newest: None,
                    listener: spatial::Listener::default(),
                    panel,
                    panel_built: None,
                };
                let mut talk = Talk::new(voice);
                let why = drive::run(&mut client, &mut talk, &mut front_end).await.unwrap_or_else(|e| e.to_string());
                tracing::info!(%why, "connection ended");
                shared.lock().unwrap_or_else(|e| e.into_inner()).ended = Some(why);
                // Let the goodbye reach the server, so our place is freed now, not after a grace.
                client.closed().await;
            })
        })?;
        let (me, role) = ready_rx.recv().context("the network thread stopped before joining")??;
        Ok(Link { me, role, tx, published, stop: Some(stop_tx), thread: Some(thread), voice: voice_state })
    }

    /// The voice thread's shared state (push-to-talk, all-call, stats), when voice runs.
    pub fn voice(&self) -> Option<&Arc<Mutex<VoiceState>>> {
        self.voice.as_ref()
    }

    /// Tells the voice thread whether push-to-talk is held; returns the voice as it is now
    /// (`None` without voice).
    pub fn push_to_talk(&self, held: bool) -> Option<crate::view::VoiceNow> {
        let mut v = self.voice.as_ref()?.lock().unwrap_or_else(|e| e.into_inner());
        v.push_to_talk = held;
        Some(crate::view::VoiceNow { muted: v.muted, all_call: v.all_call, floor: v.floor.0 })
    }

    /// How loud the floor plays under an interpretation channel, 0 to 1. Nothing without voice.
    pub fn set_floor_level(&self, level: f32) {
        if let Some(voice) = &self.voice {
            voice.lock().unwrap_or_else(|e| e.into_inner()).floor = spatial::FloorLevel(level.clamp(0.0, 1.0));
        }
    }

    /// The instructor's voice to everyone (`Some(true)`), or not, or the other way round
    /// (`None`). Nothing without voice.
    pub fn set_all_call(&self, on: Option<bool>) {
        if let Some(voice) = &self.voice {
            let mut v = voice.lock().unwrap_or_else(|e| e.into_inner());
            v.all_call = on.unwrap_or(!v.all_call);
        }
    }

    /// Queues a message for the server; dropped (with a log line) if the network is stalled.
    pub fn send(&self, msg: Outgoing) {
        if let Err(e) = self.tx.try_send(msg) {
            tracing::debug!(error = %e, "network queue full; dropped");
        }
    }

    /// Reads the latest published state.
    pub fn with<R>(&self, f: impl FnOnce(&mut Published) -> R) -> R {
        f(&mut self.published.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Leaves the session and waits for the goodbye to go out.
    pub fn leave(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The interactive front end's side of the [client loop](crate::drive): the render loop's
/// messages in, the published scene out.
struct FrontEnd {
    rx: mpsc::Receiver<Outgoing>,
    stop: tokio::sync::oneshot::Receiver<()>,
    shared: Arc<Mutex<Published>>,
    refresh: tokio::time::Interval,
    pose_tick: tokio::time::Interval,
    /// The newest local pose and its display time, sent once a server tick (latest wins).
    newest: Option<(AvatarPose, Instant)>,
    listener: spatial::Listener,
    /// Whether to publish the side panel.
    panel: bool,
    /// When the side panel was last built.
    panel_built: Option<Instant>,
}

enum Wake {
    Stop,
    Msg(Option<Outgoing>),
    Pose,
    Refresh,
}

impl Driver for FrontEnd {
    type Wake = Wake;

    async fn wait(&mut self) -> Wake {
        tokio::select! {
            _ = &mut self.stop => Wake::Stop,
            msg = self.rx.recv() => Wake::Msg(msg),
            _ = self.pose_tick.tick() => Wake::Pose,
            _ = self.refresh.tick() => Wake::Refresh,
        }
    }

    async fn woke(&mut self, client: &mut Client, voice: &Talk, wake: Wake) -> Result<Option<String>, ConnectError> {
        match wake {
            Wake::Stop => {
                client.close(CloseCode::Normal, "left");
                return Ok(Some("left".into()));
            }
            Wake::Msg(None) => return Ok(Some("the front end closed".into())),
            Wake::Msg(Some(Outgoing::Pose(pose, display))) => {
                self.listener = drive::listener(&pose);
                self.newest = Some((pose, display));
            }
            Wake::Msg(Some(Outgoing::Ears(ears))) => self.listener = ears,
            Wake::Msg(Some(Outgoing::Intent(intent))) => {
                client.send_intent(intent).await?;
            }
            Wake::Pose => {
                if let Some((pose, display)) = self.newest.take() {
                    let datagram = client.core.poll_pose_datagram(pose, display);
                    client.send_datagram(datagram);
                    self.shared.lock().unwrap_or_else(|e| e.into_inner()).poses_sent += 1;
                }
            }
            Wake::Refresh => {
                let now = Instant::now();
                let mut scene = SceneInput::from_core(&mut client.core, now);
                let speaking = voice.place(client, self.listener, now);
                for avatar in &mut scene.avatars {
                    avatar.speaking = speaking.contains(&avatar.id);
                }
                let panel_due = self.panel && self.panel_built.is_none_or(|t| now - t >= PANEL_REFRESH);
                let panel = panel_due.then(|| {
                    self.panel_built = Some(now);
                    Panel::from_core(&mut client.core, &speaking)
                });
                let teleport = client.core.mirror.drill.teleport.take();
                let mut p = self.shared.lock().unwrap_or_else(|e| e.into_inner());
                p.scene = scene;
                if panel.is_some() {
                    p.panel = panel;
                }
                if let Some(to) = teleport {
                    p.teleport = Some(units::point(to));
                }
            }
        }
        Ok(None)
    }

    async fn event(&mut self, _: &mut Client, event: ClientEvent) -> Result<Option<String>, ConnectError> {
        if let ClientEvent::Event(msg) = event
            && let Some(notice) = Notice::of(&msg)
        {
            let mut p = self.shared.lock().unwrap_or_else(|e| e.into_inner());
            p.notices.push(notice);
            let excess = p.notices.len().saturating_sub(20);
            p.notices.drain(..excess);
        }
        Ok(None)
    }
}
