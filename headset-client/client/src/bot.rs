//! Scripted bot clients: for tests, load and demos.
//!
//! Each bot joins with the invite, moves its head and hands, and (unless it is an observer)
//! works the cargo: reaches for an item, grabs it, carries it across the container, sets it
//! down and lets go. Bot 0 first runs an inspection: documents, seal, X-ray, scale, doors,
//! tape measure, and marks the findings its readings support. At the end every bot stands still, and each
//! checks that its mirror hashes the same as the server's world.

use std::time::{Duration, Instant};

use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::drill::{Category, Reading, ReadingValue, Tool};
use crossdock_protocol::invite::Invite;
use crossdock_protocol::quant::QPose;
use crossdock_protocol::units;
use crossdock_protocol::{ClientMsg, CloseCode, Hand, Intent, NetId, Role, ServerMsg};
use glam::{Quat, Vec3};
use serde::Serialize;
use tokio::sync::watch;

use crossdock_voice::{TalkMode, Voice, VoiceOptions};

use crate::client::{Client, ConnectError, Details};
use crate::core::{ClientEvent, Latency};
use crate::drive::{self, Driver, Talk};

/// What to run.
#[derive(Debug, Clone)]
pub struct BotConfig {
    /// Where to join.
    pub invite: Invite,
    /// How many bots.
    pub count: usize,
    /// How long they act before settling.
    pub duration: Duration,
    /// Pose datagrams per second.
    pub rate_hz: u32,
    /// Seed for their choices.
    pub seed: u64,
    /// Whether to manipulate cargo and doors (false: only move head and hands).
    pub work: bool,
    /// Bot 0's voice: a WAV file to speak, a WAV file to record what it hears.
    pub voice: VoiceOptions,
    /// Who the bots say they are.
    pub people: BotPeople,
}

/// Names and administrations the bots join with, taken in turn (bot `i` gets entry
/// `i % len`); empty lists give `Bot 0`, `Bot 1`, ... from TH, KR, CN, VN, MY, ID.
#[derive(Debug, Clone, Default)]
pub struct BotPeople {
    /// Display names, in any script.
    pub names: Vec<String>,
    /// Administration codes.
    pub administrations: Vec<String>,
}

impl BotPeople {
    /// The details bot `i` joins with; its locale follows its administration.
    pub fn details(&self, i: usize) -> Details {
        const DEFAULT: [&str; 6] = ["TH", "KR", "CN", "VN", "MY", "ID"];
        let administration = match self.administrations.len() {
            0 => DEFAULT[i % DEFAULT.len()].to_owned(),
            n => self.administrations[i % n].clone(),
        };
        let display_name = match self.names.len() {
            0 => format!("Bot {i}"),
            n if i < n => self.names[i].clone(),
            n => format!("{} {}", self.names[i % n], i / n + 1),
        };
        let locale = match administration.as_str() {
            "TH" => "th",
            "KR" => "ko",
            "CN" => "zh-Hans",
            "TW" | "HK" => "zh-Hant",
            "VN" => "vi",
            "MY" => "ms",
            "ID" => "id",
            "JP" => "ja",
            _ => "en",
        }
        .to_owned();
        Details { display_name, administration, locale }
    }
}

impl BotConfig {
    /// The voice options bot 0 runs with, if it speaks or listens at all: it speaks only a
    /// file, never a microphone.
    pub fn bot_voice(&self) -> Option<VoiceOptions> {
        let v = &self.voice;
        (v.audio_in.is_some() || v.audio_out.is_some())
            .then(|| VoiceOptions { mode: if v.audio_in.is_some() { v.mode } else { TalkMode::Off }, ..v.clone() })
    }
}

/// The figures one run of bots produced; printed as the last line of `crossdock-headset bot`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BotReport {
    /// Bots that were welcomed.
    pub joined: usize,
    /// Every joined bot's mirror hashed equal to the server's world at the end.
    pub converged: bool,
    /// Pose latency from a bot's send to another bot's receipt.
    pub pose_latency_ms: Percentiles,
    /// Mean UDP bytes received per bot per second.
    pub bytes_in_per_s: f64,
    /// Mean UDP bytes sent per bot per second.
    pub bytes_out_per_s: f64,
    /// Mean UDP packets received per bot per second (ACK-only ones too).
    pub packets_in_per_s: f64,
    /// Mean UDP packets sent per bot per second.
    pub packets_out_per_s: f64,
    /// Intents the server denied.
    pub refusals: usize,
    /// Bots that saw the drill paused at some moment (an instructor's pause reached them).
    pub saw_paused: usize,
    /// Bots that were told the instructor muted them.
    pub saw_muted: usize,
    /// Bots whose join the server refused (a wrong or spent invite, a full session).
    pub refused_joins: usize,
    /// Bots that could not join or finish for another reason (unreachable, no answer).
    pub failed: usize,
    /// What the server or the network said, once per distinct reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
    /// Bot 0's voice, when it spoke or listened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voice: Option<BotVoice>,
    /// Mean datagram payload a bot sent (bytes, QUIC overhead excluded); not printed.
    #[serde(skip)]
    pub datagram_up_bytes: f64,
    /// Mean datagram payload a bot received; not printed.
    #[serde(skip)]
    pub datagram_down_bytes: f64,
    /// Reliable events (readings) that never arrived, summed over bots; not printed.
    #[serde(skip)]
    pub reliable_lost: usize,
    /// Reliable events that arrived out of order, summed over bots; not printed.
    #[serde(skip)]
    pub reliable_reordered: usize,
}

/// What bot 0 said and heard.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct BotVoice {
    /// Frames sent (20 ms each).
    pub frames_sent: u64,
    /// Opus payload sent, kilobits per second of speech.
    pub kbit_per_s: f64,
    /// Frames heard from others, played as sent.
    pub frames_heard: u64,
    /// Lost frames rebuilt from the next frame's FEC.
    pub recovered: u64,
    /// Lost or late frames concealed.
    pub concealed: u64,
    /// Frames that arrived after their turn.
    pub late: u64,
    /// Packets the decoder refused.
    pub decode_errors: u64,
}

impl BotVoice {
    /// The figures in `stats`.
    pub fn of(stats: &crossdock_voice::VoiceStats) -> BotVoice {
        let seconds = stats.frames_sent as f64 * 0.02;
        BotVoice {
            frames_sent: stats.frames_sent,
            kbit_per_s: if seconds > 0.0 { stats.payload_bytes_sent as f64 * 8.0 / seconds / 1000.0 } else { 0.0 },
            frames_heard: stats.jitter.played,
            recovered: stats.jitter.recovered,
            concealed: stats.jitter.concealed,
            late: stats.jitter.late,
            decode_errors: stats.decode_errors,
        }
    }
}

/// Two percentiles in milliseconds.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Default)]
pub struct Percentiles {
    /// Median.
    pub p50: f64,
    /// 99th percentile.
    pub p99: f64,
}

impl Percentiles {
    /// Percentiles of a latency histogram, in milliseconds.
    pub fn of(latency: &Latency) -> Percentiles {
        if latency.is_empty() {
            return Percentiles::default();
        }
        let at = |q: f64| latency.quantile_us(q) as f64 / 1000.0;
        Percentiles { p50: at(0.50), p99: at(0.99) }
    }

    /// Percentiles of microsecond samples, in milliseconds.
    pub fn of_micros(samples: &mut [u64]) -> Percentiles {
        if samples.is_empty() {
            return Percentiles::default();
        }
        samples.sort_unstable();
        let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize] as f64 / 1000.0;
        Percentiles { p50: at(0.50), p99: at(0.99) }
    }
}

/// How long past its run a bot may take to settle and compare hashes before it gives up.
pub const SETTLE_BOUND: Duration = Duration::from_secs(20);

/// What one bot brings back.
#[derive(Debug, Default)]
struct Outcome {
    /// The server refused its join, saying this.
    refused: Option<String>,
    /// It could not join or finish for another reason.
    failed: Option<String>,
    joined: bool,
    converged: bool,
    latencies_us: Latency,
    bytes: (u64, u64),
    packets: (u64, u64),
    reliable_lost: usize,
    reliable_reordered: usize,
    reconnects: usize,
    datagrams: crate::client::DatagramCounts,
    seconds: f64,
    refusals: usize,
    saw_paused: bool,
    saw_muted: bool,
    voice: Option<BotVoice>,
}

/// Runs `config.count` bots to the end and sums up.
pub async fn run(config: BotConfig) -> BotReport {
    run_speaking(config, None).await
}

/// Runs the bots, bot 0 carrying `voice` (started from [`BotConfig::bot_voice`]).
pub async fn run_speaking(config: BotConfig, voice: Option<Voice>) -> BotReport {
    run_until(config, voice, None).await
}

/// Runs the bots until their time is up or `stop` turns true (or its sender goes), whichever
/// comes first; either way they settle, compare hashes and report.
pub async fn run_until(config: BotConfig, mut voice: Option<Voice>, stop: Option<watch::Receiver<bool>>) -> BotReport {
    let started = Instant::now();
    let tasks: Vec<_> = (0..config.count)
        .map(|i| {
            let config = config.clone();
            let voice = if i == 0 { voice.take() } else { None };
            let stop = stop.clone();
            tokio::spawn(async move {
                // However the server behaves (refusing, or no longer acknowledging), a bot ends.
                let bound = config.duration + SETTLE_BOUND;
                match tokio::time::timeout(bound, run_one(i, &config, started, voice, stop)).await {
                    Ok(Ok(outcome)) => outcome,
                    Ok(Err(ConnectError::Refused(refusal))) => {
                        tracing::warn!(bot = i, code = ?refusal.code, reason = %refusal.message, "the server refused the bot");
                        Outcome { refused: Some(refusal.message), ..Outcome::default() }
                    }
                    Ok(Err(e)) => {
                        tracing::warn!(bot = i, error = %e, "bot failed");
                        Outcome { failed: Some(e.to_string()), ..Outcome::default() }
                    }
                    Err(_) => {
                        tracing::warn!(bot = i, seconds = bound.as_secs(), "bot gave up: the server stopped answering");
                        Outcome { failed: Some("the server stopped answering".to_owned()), ..Outcome::default() }
                    }
                }
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap_or_default());
    }
    let mut report = summarise(&outcomes);
    report.voice = outcomes.iter().find_map(|o| o.voice.clone());
    report
}

fn summarise(outcomes: &[Outcome]) -> BotReport {
    let joined: Vec<&Outcome> = outcomes.iter().filter(|o| o.joined).collect();
    let mut latencies = Latency::default();
    for o in &joined {
        latencies.merge(&o.latencies_us);
    }
    let per_s = |f: fn(&Outcome) -> u64| {
        let total = joined.iter().map(|o| f(o) as f64 / o.seconds.max(1e-3)).fold(0.0, |a, b| a + b);
        (total / joined.len().max(1) as f64).round()
    };
    BotReport {
        joined: joined.len(),
        converged: !joined.is_empty() && joined.len() == outcomes.len() && joined.iter().all(|o| o.converged),
        pose_latency_ms: Percentiles::of(&latencies),
        bytes_in_per_s: per_s(|o| o.bytes.0),
        bytes_out_per_s: per_s(|o| o.bytes.1),
        packets_in_per_s: per_s(|o| o.packets.0),
        packets_out_per_s: per_s(|o| o.packets.1),
        refusals: joined.iter().map(|o| o.refusals).sum(),
        saw_paused: joined.iter().filter(|o| o.saw_paused).count(),
        saw_muted: joined.iter().filter(|o| o.saw_muted).count(),
        refused_joins: outcomes.iter().filter(|o| o.refused.is_some()).count(),
        failed: outcomes.iter().filter(|o| o.failed.is_some()).count(),
        errors: outcomes
            .iter()
            .filter_map(|o| o.refused.clone().or_else(|| o.failed.clone()))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect(),
        datagram_up_bytes: mean_size(joined.iter().map(|o| (o.datagrams.sent, o.datagrams.sent_bytes))),
        datagram_down_bytes: mean_size(joined.iter().map(|o| (o.datagrams.received, o.datagrams.received_bytes))),
        reliable_lost: joined.iter().map(|o| o.reliable_lost).sum(),
        reliable_reordered: joined.iter().map(|o| o.reliable_reordered).sum(),
        voice: None,
    }
}

fn mean_size(counts: impl Iterator<Item = (u64, u64)>) -> f64 {
    let (n, bytes) = counts.fold((0, 0), |(n, b), (cn, cb)| (n + cn, b + cb));
    if n == 0 { 0.0 } else { bytes as f64 / n as f64 }
}

/// Where a bot stands and how it sways.
#[derive(Debug, Clone, Copy)]
struct Station {
    base: Vec3,
    phase: f32,
}

impl Station {
    fn for_bot(i: usize) -> Station {
        let x = 0.8 + (i % 6) as f32 * 0.85;
        let z = if (i / 6).is_multiple_of(2) { -0.45 } else { 0.45 };
        Station { base: Vec3::new(x, 1.65, z), phase: i as f32 * 0.7 }
    }

    fn head(&self, t: f32) -> QPose {
        let sway =
            Vec3::new(0.15 * (0.5 * t + self.phase).sin(), 0.02 * (1.3 * t).sin(), 0.1 * (0.4 * t + self.phase).cos());
        QPose::new(self.base + sway, Quat::from_rotation_y(0.6 * (0.35 * t + self.phase).sin()))
    }

    fn left_hand(&self, t: f32) -> QPose {
        let swing = Vec3::new(0.1 * (1.1 * t + self.phase).sin(), -0.5, -0.25);
        QPose::new(self.base + swing, Quat::from_rotation_x(0.3 * (0.9 * t).sin()))
    }

    fn rest_right(&self, t: f32) -> Vec3 {
        self.base + Vec3::new(0.1 * (0.8 * t + self.phase).cos(), -0.5, 0.25)
    }
}

/// What the bot is doing with its right hand (and, for doors, its left).
#[derive(Debug, Clone, Copy)]
enum Task {
    Idle { until: Instant },
    Inspect { step: u8, since: u16 },
    OpenDoor { door: usize, since: u16 },
    Reach { item: NetId, since: u16 },
    Carry { from: Vec3, to: Vec3, start: Instant, half_y: f32 },
    Awaiting { seq: u32, then: After },
}

#[derive(Debug, Clone, Copy)]
enum After {
    Door { door: usize },
    Inspect { next: u8 },
    Grab { half_y: f32, hand_at: Vec3 },
    Place,
    Release,
}

async fn run_one(
    i: usize,
    config: &BotConfig,
    started: Instant,
    voice: Option<Voice>,
    stop: Option<watch::Receiver<bool>>,
) -> Result<Outcome, ConnectError> {
    let details = config.people.details(i);
    let mut client = Client::connect(&config.invite, &details).await?;
    let joined_at = Instant::now();
    let mut outcome = Outcome { joined: true, ..Outcome::default() };
    let end = started + config.duration;
    let mut talk = Talk::new(voice);
    let run = Run { started, joined_at, stop: stop.clone() };
    while let Err(e) = drive(i, config, run.clone(), &mut client, &mut outcome, &mut talk).await {
        // Joined, then lost: come back on our own while the run lasts (same identity if the
        // server still holds our place), else count as not converged.
        outcome.latencies_us.merge(&client.core.pose_latency_us);
        let resume = Some(client.core.welcome.resume.clone());
        match Client::connect_resuming(&config.invite, &details, resume, end).await {
            Ok(again) if Instant::now() < end && !stop.as_ref().is_some_and(|s| *s.borrow()) => {
                tracing::info!(bot = i, error = %e, "bot reconnected");
                outcome.reconnects += 1;
                client = again;
            }
            _ => {
                tracing::warn!(bot = i, error = %e, "bot lost its connection after joining");
                break;
            }
        }
    }
    outcome.seconds = (Instant::now() - joined_at).as_secs_f64();
    outcome.bytes = client.udp_bytes();
    outcome.packets = client.udp_packets();
    outcome.datagrams = client.datagrams;
    client.close(CloseCode::Normal, "bot finished");
    client.closed().await;
    if let Some(voice) = talk.into_voice() {
        outcome.voice = Some(BotVoice::of(&voice.state().lock().unwrap_or_else(|e| e.into_inner()).stats));
        if let Err(e) = voice.stop() {
            tracing::error!(error = %e, "bot voice failed");
        }
    }
    Ok(outcome)
}

/// When a bot's run began, when it joined, and what ends it early.
#[derive(Debug, Clone)]
struct Run {
    started: Instant,
    joined_at: Instant,
    stop: Option<watch::Receiver<bool>>,
}

/// One bot's life after joining: act until the end, then settle and compare hashes.
async fn drive(
    i: usize,
    config: &BotConfig,
    run: Run,
    client: &mut Client,
    outcome: &mut Outcome,
    talk: &mut Talk,
) -> Result<(), ConnectError> {
    let Run { started, joined_at, stop } = run;
    let station = Station::for_bot(i);
    let mut rng = fastrand::Rng::with_seed(config.seed.wrapping_add(i as u64));
    let acting = config.work && client.core.welcome.role != Role::Observer;
    let task = if i == 0 && acting {
        Task::Inspect { step: 0, since: 0 }
    } else {
        Task::Idle { until: Instant::now() + Duration::from_millis(300 + rng.u64(0..700)) }
    };
    let period = Duration::from_secs_f64(1.0 / f64::from(config.rate_hz.max(1)));
    // Headsets are not phase-locked to the server's tick: start each bot at a random phase.
    let phase = Duration::from_micros(rng.u64(0..period.as_micros() as u64));
    let mut ticker = tokio::time::interval_at(tokio::time::Instant::now() + phase, period);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut bot = Script {
        acting,
        poses: client.core.welcome.role != Role::Observer,
        right: station.rest_right(0.0),
        station,
        rng,
        task,
        left_override: None,
        ticker,
        end: tokio::time::Instant::from_std(started + config.duration),
        stop,
        started,
        joined_at,
        warm: false,
        // Readings are numbered 1, 2, 3, ... per drill and sent to everyone in order: a gap is
        // a lost reliable event, a step back a reordered one.
        last_reading: client.core.mirror.drill.readings.last().map_or(0, |r| r.id),
        outcome,
    };
    drive::run(client, talk, &mut bot).await?;
    let task = bot.task;
    outcome.latencies_us.merge(&client.core.pose_latency_us);
    client.core.pose_latency_us.clear();
    if matches!(task, Task::Carry { .. } | Task::Awaiting { then: After::Place | After::Release, .. }) {
        let _ = client.send_intent(Intent::Release { hand: Hand::Right }).await?;
    }
    outcome.converged = settle_and_compare(client).await?;
    Ok(())
}

/// A bot on the [client loop](crate::drive): its script, and what it counts.
struct Script<'a> {
    acting: bool,
    poses: bool,
    station: Station,
    rng: fastrand::Rng,
    task: Task,
    right: Vec3,
    left_override: Option<Vec3>,
    ticker: tokio::time::Interval,
    end: tokio::time::Instant,
    /// Ends the run early when it turns true.
    stop: Option<watch::Receiver<bool>>,
    started: Instant,
    joined_at: Instant,
    warm: bool,
    last_reading: u32,
    outcome: &'a mut Outcome,
}

/// Resolves when `stop` turns true or its sender goes; never without one.
async fn stopped(stop: &mut Option<watch::Receiver<bool>>) {
    match stop {
        Some(stop) => {
            let _ = stop.wait_for(|s| *s).await;
        }
        None => std::future::pending().await,
    }
}

enum Wake {
    Frame,
    End,
}

impl Driver for Script<'_> {
    type Wake = Wake;

    async fn wait(&mut self) -> Wake {
        tokio::select! {
            _ = self.ticker.tick() => Wake::Frame,
            _ = tokio::time::sleep_until(self.end) => Wake::End,
            _ = stopped(&mut self.stop) => Wake::End,
        }
    }

    async fn woke(&mut self, client: &mut Client, talk: &Talk, wake: Wake) -> Result<Option<String>, ConnectError> {
        if let Wake::End = wake {
            return Ok(Some("the run is over".into()));
        }
        let now = Instant::now();
        if !self.warm && now - self.joined_at > Duration::from_millis(500) {
            client.core.pose_latency_us.clear();
            self.warm = true;
        }
        let t = (now - self.started).as_secs_f32();
        if self.acting {
            let (station, right, left, rng) = (&self.station, &mut self.right, &mut self.left_override, &mut self.rng);
            self.task = step(self.task, client, station, right, left, t, rng).await?;
        } else {
            self.right = self.station.rest_right(t);
        }
        if self.poses {
            let left = self.left_override.map_or_else(|| self.station.left_hand(t), |p| QPose::new(p, Quat::IDENTITY));
            let pose = AvatarPose {
                time: Default::default(),
                head: self.station.head(t),
                left,
                right: QPose::new(self.right, Quat::IDENTITY),
            };
            talk.place(client, drive::listener(&pose), now);
            let datagram = client.core.poll_pose_datagram(pose, now);
            client.send_datagram(datagram);
        } else if let Some(ack) = client.core.ack_datagram() {
            client.send_datagram(ack);
        }
        Ok(None)
    }

    async fn event(&mut self, client: &mut Client, event: ClientEvent) -> Result<Option<String>, ConnectError> {
        let drill = &client.core.mirror.drill;
        self.outcome.saw_paused |= drill.state.paused;
        self.outcome.saw_muted |= drill.flags.get(&client.core.me()).is_some_and(|f| f.muted);
        match event {
            ClientEvent::Denied { seq, .. } => {
                self.outcome.refusals += 1;
                if matches!(self.task, Task::Awaiting { seq: s, .. } if s == seq) {
                    self.left_override = None;
                    let pause = Duration::from_millis(200 + self.rng.u64(0..400));
                    self.task = Task::Idle { until: Instant::now() + pause };
                }
            }
            ClientEvent::Granted { seq } => {
                if let Task::Awaiting { seq: s, then } = self.task
                    && s == seq
                {
                    let (station, left, rng) = (&self.station, &mut self.left_override, &mut self.rng);
                    self.task = after_granted(then, client, station, rng, left).await?;
                }
            }
            ClientEvent::Closing { code, message } => {
                return Err(ConnectError::Lost(format!("{code:?}: {message}")));
            }
            ClientEvent::Event(msg) => match *msg {
                ServerMsg::Reading(r) => {
                    match r.id.cmp(&(self.last_reading + 1)) {
                        std::cmp::Ordering::Equal => {}
                        std::cmp::Ordering::Greater => {
                            self.outcome.reliable_lost += (r.id - self.last_reading - 1) as usize;
                        }
                        std::cmp::Ordering::Less => self.outcome.reliable_reordered += 1,
                    }
                    self.last_reading = self.last_reading.max(r.id);
                }
                ServerMsg::WorldInit(init) => self.last_reading = init.readings.last().map_or(0, |r| r.id),
                _ => {}
            },
            _ => {}
        }
        Ok(None)
    }
}

/// Moves the task along on each frame.
async fn step(
    task: Task,
    client: &mut Client,
    station: &Station,
    right: &mut Vec3,
    left_override: &mut Option<Vec3>,
    t: f32,
    rng: &mut fastrand::Rng,
) -> Result<Task, ConnectError> {
    Ok(match task {
        Task::Inspect { step, since } => inspect(step, since, client, station, right, t).await?,
        Task::Idle { until } => {
            *right = station.rest_right(t);
            if Instant::now() < until {
                return Ok(task);
            }
            let items = client.core.mirror.items();
            let free: Vec<_> = items.iter().filter(|i| i.info.holder.is_none()).collect();
            if free.is_empty() {
                return Ok(Task::Idle { until: Instant::now() + Duration::from_millis(300) });
            }
            // Now and then take a reading instead: everyone receives it, in order.
            if rng.u8(0..4) == 0 {
                let seq = client
                    .send_intent(Intent::UseTool { tool: Tool::Documents, aim: QPose::ZERO, target: None })
                    .await?;
                return Ok(Task::Awaiting { seq, then: After::Release });
            }
            let item = free[rng.usize(0..free.len())];
            let half_y = item.info.size_mm[1] as f32 / 2000.0;
            *right = item.pose.position() + Vec3::new(0.0, half_y + 0.05, 0.0);
            Task::Reach { item: item.info.id, since: client.core.next_pose_seq() }
        }
        Task::OpenDoor { door, since } => {
            let doors = client.core.mirror.doors();
            let Some(info) = doors.get(door) else {
                return Ok(Task::Idle { until: Instant::now() });
            };
            let handle = info.handle.position();
            if *left_override != Some(handle) {
                *left_override = Some(handle);
                return Ok(Task::OpenDoor { door, since: client.core.next_pose_seq() });
            }
            if !acked(client, since) {
                return Ok(task);
            }
            let seq = client.send_intent(Intent::SetDoor { door: info.id, open: true }).await?;
            Task::Awaiting { seq, then: After::Door { door } }
        }
        Task::Reach { item, since } => {
            if !acked(client, since) {
                return Ok(task);
            }
            let seq = client.send_intent(Intent::Grab { item, hand: Hand::Right }).await?;
            let half_y = client
                .core
                .mirror
                .items()
                .iter()
                .find(|i| i.info.id == item)
                .map_or(0.2, |i| i.info.size_mm[1] as f32 / 2000.0);
            Task::Awaiting { seq, then: After::Grab { half_y, hand_at: *right } }
        }
        Task::Carry { from, to, start, half_y } => {
            let k = ((Instant::now() - start).as_secs_f32() / 1.5).min(1.0);
            *right = from.lerp(to, k);
            if k < 1.0 {
                return Ok(task);
            }
            let target = QPose::new(to - Vec3::new(0.0, half_y + 0.15, 0.0), Quat::IDENTITY);
            let _ = rng;
            let seq = client.send_intent(Intent::MoveHeld { hand: Hand::Right, to: target }).await?;
            Task::Awaiting { seq, then: After::Place }
        }
        Task::Awaiting { .. } => task,
    })
}

/// The inspection bot 0 runs first: documents, seal, X-ray, scale, doors, then it measures the
/// internal length along the roof, and marks what the readings show: a false wall when the
/// container measures short, a weight discrepancy when it weighs more than declared.
async fn inspect(
    step: u8,
    since: u16,
    client: &mut Client,
    station: &Station,
    right: &mut Vec3,
    t: f32,
) -> Result<Task, ConnectError> {
    let size = units::size(client.core.mirror.container_mm);
    let me = client.core.me();
    let latest = |client: &Client, tool: Tool| {
        client.core.mirror.drill.readings.iter().rev().find(|r| r.by == me && r.tool == tool).cloned()
    };
    let use_tool = async |client: &mut Client, tool: Tool, aim: QPose, target: Option<NetId>, next: u8| {
        let seq = client.send_intent(Intent::UseTool { tool, aim, target }).await?;
        Ok::<_, ConnectError>(Task::Awaiting { seq, then: After::Inspect { next } })
    };
    Ok(match step {
        0 => use_tool(client, Tool::Documents, QPose::ZERO, None, 1).await?,
        1 => {
            let seal = client.core.mirror.seal.clone();
            let aim = QPose::new(seal.pose.position() + Vec3::new(0.3, 0.0, 0.0), Quat::IDENTITY);
            use_tool(client, Tool::SealCheck, aim, Some(seal.id), 2).await?
        }
        2 => use_tool(client, Tool::XRay, QPose::ZERO, None, 3).await?,
        3 => use_tool(client, Tool::Scale, QPose::ZERO, None, 4).await?,
        // A risk-assessment stage keeps the doors shut until each trainee chose: a bot takes the
        // container in front of it, as assigned.
        4 if client.core.welcome.role == Role::Trainee
            && client.core.mirror.drill.state.risk_open
            && !client.core.mirror.drill.state.chosen.contains(&me) =>
        {
            let number = &client.core.mirror.look.number;
            let own = client.core.mirror.drill.risk.iter().position(|c| &c.container_number == number).unwrap_or(0);
            let seq = client.send_intent(Intent::Choose { candidate: own as u8, signs: Vec::new() }).await?;
            Task::Awaiting { seq, then: After::Inspect { next: 4 } }
        }
        4 => Task::OpenDoor { door: 0, since: 0 },
        5 => {
            // Along the roof, from just inside the doors towards the front wall.
            let hand = Vec3::new(size.x - 0.05, size.y - 0.15, 0.0);
            if *right != hand {
                *right = hand;
                return Ok(Task::Inspect { step, since: client.core.next_pose_seq() });
            }
            if !acked(client, since) {
                return Ok(Task::Inspect { step, since });
            }
            use_tool(
                client,
                Tool::TapeMeasure,
                QPose::new(hand, Quat::from_rotation_y(std::f32::consts::FRAC_PI_2)),
                None,
                6,
            )
            .await?
        }
        6 => match latest(client, Tool::TapeMeasure) {
            Some(Reading { id, value: ReadingValue::Distance { mm }, .. })
                if units::metres(mm) < size.x - 0.05 - 0.2 =>
            {
                let place = [150, (size.y * 500.0) as i32, 0];
                let seq = client
                    .send_intent(Intent::MarkFinding { place, category: Category::FalseWall, evidence: vec![id] })
                    .await?;
                Task::Awaiting { seq, then: After::Inspect { next: 7 } }
            }
            _ => Task::Inspect { step: 7, since: 0 },
        },
        7 => match latest(client, Tool::Scale) {
            Some(Reading { id, value: ReadingValue::Mass { kg }, .. })
                if kg > client.core.mirror.drill.documents.declared_gross_kg + 500 =>
            {
                let place = crossdock_protocol::quant::quantise_position(size * Vec3::new(0.5, 0.3, 0.0));
                let seq = client
                    .send_intent(Intent::MarkFinding {
                        place,
                        category: Category::WeightDiscrepancy,
                        evidence: vec![id],
                    })
                    .await?;
                Task::Awaiting { seq, then: After::Inspect { next: 8 } }
            }
            _ => Task::Inspect { step: 8, since: 0 },
        },
        _ => {
            *right = station.rest_right(t);
            Task::Idle { until: Instant::now() }
        }
    })
}

/// Whether the server has acknowledged the pose with sequence `since` (or a newer one).
fn acked(client: &Client, since: u16) -> bool {
    client.core.pose_acked().is_some_and(|a| (a.wrapping_sub(since) as i16) >= 0)
}

/// What follows a granted intent.
async fn after_granted(
    then: After,
    client: &mut Client,
    station: &Station,
    rng: &mut fastrand::Rng,
    left_override: &mut Option<Vec3>,
) -> Result<Task, ConnectError> {
    let idle =
        |rng: &mut fastrand::Rng| Task::Idle { until: Instant::now() + Duration::from_millis(200 + rng.u64(0..600)) };
    Ok(match then {
        After::Door { door } if door + 1 < client.core.mirror.doors().len() => {
            Task::OpenDoor { door: door + 1, since: 0 }
        }
        After::Door { .. } => {
            *left_override = None;
            Task::Inspect { step: 5, since: 0 }
        }
        After::Inspect { next } => Task::Inspect { step: next, since: 0 },
        After::Grab { half_y, hand_at } => {
            let size = units::size(client.core.mirror.container_mm).to_array();
            let margin = 0.7;
            let x = rng.f32() * (size[0] - 2.0 * margin) + margin;
            let z = (rng.f32() - 0.5) * (size[2] - 2.0 * margin);
            // Carry the item just above the floor: its centre sits half_y + 0.05 below the hand.
            let lift = 2.0 * half_y + 0.15;
            let _ = station;
            Task::Carry { from: hand_at, to: Vec3::new(x, lift, z), start: Instant::now(), half_y }
        }
        After::Place => {
            let seq = client.send_intent(Intent::Release { hand: Hand::Right }).await?;
            Task::Awaiting { seq, then: After::Release }
        }
        After::Release => idle(rng),
    })
}

/// Stands still, then asks the server for its world hash until the mirror matches or time runs out.
async fn settle_and_compare(client: &mut Client) -> Result<bool, ConnectError> {
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut nonce = 1;
    let mut next_query = Instant::now() + Duration::from_millis(500);
    let mut answer: Option<(crossdock_protocol::Tick, u64)> = None;
    let mut ticker = tokio::time::interval(Duration::from_millis(16));
    while Instant::now() < deadline {
        tokio::select! {
            event = client.next_event() => {
                if let ClientEvent::StateHash { nonce: n, tick, hash } = event? && n == nonce {
                    answer = Some((tick, hash));
                }
            }
            _ = ticker.tick() => {
                if let Some(ack) = client.core.ack_datagram() {
                    client.send_datagram(ack);
                }
                if let Some((tick, hash)) = answer && client.core.newest_tick().is_some_and(|n| n >= tick) {
                    if client.core.mirror.hash() == hash {
                        return Ok(true);
                    }
                    answer = None;
                    next_query = Instant::now() + Duration::from_millis(100);
                }
                if answer.is_none() && Instant::now() >= next_query {
                    nonce += 1;
                    client.send_msg(&ClientMsg::QueryStateHash { nonce }).await?;
                    next_query = Instant::now() + Duration::from_millis(500);
                }
            }
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_pick_the_nearest_rank() {
        let mut samples: Vec<u64> = (1..=100).map(|v| v * 1000).collect();
        let p = Percentiles::of_micros(&mut samples);
        assert_eq!(p.p50, 51.0);
        assert_eq!(p.p99, 99.0);
        assert_eq!(Percentiles::of_micros(&mut []), Percentiles::default());
    }
}
