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
use crossdock_protocol::{CloseCode, Intent, ParticipantId, Role, ServerMsg};
use tokio::sync::mpsc;

use crate::core::ClientEvent;
use crate::render::scene::SceneInput;
use crate::voice::{Voice, VoiceState, spatial};
use crate::{Client, Details};

/// How often the published scene is refreshed.
const REFRESH: Duration = Duration::from_millis(8);

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
    /// The desktop side panel, refreshed with the scene.
    pub panel: crate::desktop::panel::Panel,
    /// Events worth showing the user (denials, instructor messages), newest last.
    pub notices: Vec<String>,
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
    /// carrying `voice` if given.
    pub fn connect(invite: Invite, details: Details, voice: Option<Voice>) -> Result<Link> {
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
                    let notice = "this session records voice: what you say is kept with the drill's records";
                    tracing::warn!("{notice}");
                    shared.lock().unwrap_or_else(|e| e.into_inner()).notices.push(notice.into());
                }
                let why = serve(&mut client, rx, stop_rx, &shared, voice).await;
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

async fn serve(
    client: &mut Client,
    mut rx: mpsc::Receiver<Outgoing>,
    mut stop: tokio::sync::oneshot::Receiver<()>,
    shared: &Mutex<Published>,
    mut voice: Option<Voice>,
) -> String {
    let mut voice_out = voice.as_mut().and_then(Voice::take_outbound);
    let mut listener = spatial::Listener::default();
    let mut refresh = tokio::time::interval(REFRESH);
    let mut ping = tokio::time::interval(Duration::from_secs(1));
    // Displays run at 60 to 144 Hz; the server ticks at `tick_hz` and limits datagrams, so the
    // newest pose goes out once a tick (latest wins) instead of once a frame.
    let mut pose_tick =
        tokio::time::interval(Duration::from_secs_f64(1.0 / f64::from(client.core.welcome.tick_hz.max(1))));
    pose_tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut newest: Option<(AvatarPose, Instant)> = None;
    loop {
        tokio::select! {
            _ = &mut stop => {
                client.close(CloseCode::Normal, "left");
                return "left".into();
            }
            event = client.next_event() => match event {
                Ok(ClientEvent::Voice(frame)) => {
                    if let Some(voice) = &voice {
                        voice.deliver(frame, Instant::now());
                    }
                }
                Ok(ClientEvent::Event(msg)) => {
                    if let Some(notice) = notice(&msg) {
                        let mut p = shared.lock().unwrap_or_else(|e| e.into_inner());
                        p.notices.push(notice);
                        let excess = p.notices.len().saturating_sub(20);
                        p.notices.drain(..excess);
                    }
                }
                Ok(_) => {}
                Err(e) => return e.to_string(),
            },
            msg = rx.recv() => match msg {
                Some(Outgoing::Pose(pose, display)) => {
                    listener = spatial::Listener { position: pose.head.position(), rotation: pose.head.rotation() };
                    newest = Some((pose, display));
                }
                Some(Outgoing::Ears(ears)) => listener = ears,
                Some(Outgoing::Intent(intent)) => {
                    if let Err(e) = client.send_intent(intent).await {
                        return e.to_string();
                    }
                }
                None => return "the front end closed".into(),
            },
            _ = pose_tick.tick() => {
                if let Some((pose, display)) = newest.take() {
                    let datagram = client.core.poll_pose_datagram(pose, display);
                    client.send_datagram(datagram);
                    shared.lock().unwrap_or_else(|e| e.into_inner()).poses_sent += 1;
                }
            }
            datagram = crate::voice::next_datagram(&mut voice_out) => match datagram {
                Some(datagram) => client.send_datagram(datagram),
                None => voice_out = None,
            },
            _ = ping.tick() => {
                let msg = client.core.ping(Instant::now());
                if let Err(e) = client.send_msg(&msg).await {
                    return e.to_string();
                }
            }
            _ = refresh.tick() => {
                let mut scene = SceneInput::from_core(&mut client.core, Instant::now());
                if let Some(voice) = &voice {
                    let me = client.core.me();
                    let muted = client.core.mirror.drill.flags.get(&me).is_some_and(|f| f.muted);
                    let heads = scene.avatars.iter().map(|a| (a.id, a.frame.head.position));
                    let speaking = crate::voice::place(&voice.state(), me, listener, heads, muted);
                    for avatar in &mut scene.avatars {
                        avatar.speaking = speaking.contains(&avatar.id);
                    }
                }
                let panel = crate::desktop::panel::Panel::from_core(&mut client.core);
                let teleport = client.core.mirror.drill.teleport.take();
                let mut p = shared.lock().unwrap_or_else(|e| e.into_inner());
                p.scene = scene;
                p.panel = panel;
                if let Some(to) = teleport {
                    p.teleport = Some(glam::Vec3::new(to[0] as f32, to[1] as f32, to[2] as f32) / 1000.0);
                }
            }
        }
    }
}

/// A line for the user about `msg`, if it is worth one.
fn notice(msg: &ServerMsg) -> Option<String> {
    match msg {
        ServerMsg::Denied { reason, .. } => Some(format!("refused: {reason:?}")),
        _ => None,
    }
}
