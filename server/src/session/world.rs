//! The components and resources of a session's World: what the tick systems read and write.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::Arc;

use bevy_ecs::prelude::*;
use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::drill::{Concealment, DrillState, Finding, Flags, Reading, Truth};
use crossdock_protocol::messages::{Holder, ParticipantInfo, ServerMsg};
use crossdock_protocol::quant::QPose;
use crossdock_protocol::snapshot::{Snapshot, SnapshotRing};
use crossdock_protocol::{Intent, NetId, ParticipantId, Role, Tick};
use glam::{Quat, Vec3};

pub use crate::clock::Clock;
use crate::net::event::{ClientId, NetEvent};
use crate::net::peer::PathCounters;
use crate::net::voice::Route;
use crate::records::{Record, Recorder};
use crate::scenario::Scenario;

/// A connected participant; lives on the same entity as its [`Avatar`].
#[derive(Component, Debug)]
pub struct Participant {
    /// The connection.
    pub client: ClientId,
    /// Who they are.
    pub info: ParticipantInfo,
    /// Instructor-set flags.
    pub flags: Flags,
    /// The secret that lets them come back after a drop or a server restart.
    pub resume: String,
    /// The learner their personal invite names; `None`: unnamed.
    pub learner: Option<crate::records::Learner>,
}

/// A participant's talk spurt under way, for the "who spoke when" records.
#[derive(Component, Debug, Default)]
pub struct Talk(pub Option<Spurt>);

/// Frames relayed without a pause longer than [`SPURT_GAP`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spurt {
    /// The tick its first frame was relayed.
    pub start: Tick,
    /// The tick its latest frame was relayed.
    pub last: Tick,
    /// Frames relayed.
    pub frames: u32,
    /// Whether any of them was an all-call.
    pub all_call: bool,
}

/// Silence that ends a talk spurt.
pub const SPURT_GAP: std::time::Duration = std::time::Duration::from_millis(400);

/// Voice frames the connections relayed since the last tick, for `systems::voice::talk`.
#[derive(Resource, Debug, Default)]
pub struct VoiceInbox(pub Vec<(Entity, crossdock_protocol::voice::VoiceFrame)>);

/// A participant whose connection dropped: their place is held until `until`.
#[derive(Component, Debug, Clone, Copy)]
pub struct Absent {
    /// When the grace period ends.
    pub until: Tick,
}

/// The participant's head and hands, as last received.
#[derive(Component, Debug, Clone, Copy)]
pub struct Avatar(pub AvatarPose);

/// Per-client replication state: which snapshot and pose each side last acknowledged.
#[derive(Component, Debug, Default)]
pub struct Replication {
    /// The newest snapshot tick the client acknowledged.
    pub acked: Option<Tick>,
    /// The newest pose sequence decoded from the client.
    pub pose_ack: Option<u16>,
    /// The pose ack carried by the last snapshot sent.
    pub sent_pose_ack: Option<u16>,
    /// When the last snapshot was sent.
    pub last_sent: Tick,
    /// Ticks between snapshots, adapted to the client's path (1 = every tick).
    pub interval: u32,
    /// Path counters at the last adaptation.
    pub counters: PathCounters,
    /// Smoothed recent loss, 0 to 1.
    pub loss: f32,
    /// Whether the welcome has gone out (nothing else may precede it).
    pub welcomed: bool,
    /// What this client holds at ticks whose delta was cut to fit a datagram.
    pub views: SnapshotRing,
    /// When a full snapshot last went out without a baseline.
    pub full_sent: Option<Tick>,
}

/// A piece of cargo.
#[derive(Component, Debug)]
pub struct Item {
    /// Its replicated id.
    pub id: NetId,
    /// The scenario's id for it.
    pub scenario_id: String,
    /// "pallet", "carton", ...
    pub kind: String,
    /// The declared description.
    pub label: String,
    /// What it really holds: the hidden truth until opened.
    pub content: String,
    /// Real mass in kilograms.
    pub mass_kg: f32,
    /// Half its size in metres.
    pub half_extents: Vec3,
    /// Where it is.
    pub pose: QPose,
    /// Who holds it, and where it sits in the holder's hand frame.
    pub held: Option<(Holder, Grip)>,
    /// Whether it can be opened.
    pub openable: bool,
    /// Whether it has been opened.
    pub opened: bool,
    /// The model the scenario ships for its look.
    pub model: Option<crossdock_protocol::messages::ModelRef>,
}

/// An item's offset from the hand holding it, fixed at grab time.
#[derive(Debug, Clone, Copy)]
pub struct Grip {
    /// Translation in the hand's frame.
    pub offset: Vec3,
    /// Rotation relative to the hand.
    pub rotation: Quat,
}

/// A container door.
#[derive(Component, Debug)]
pub struct Door {
    /// Its replicated id.
    pub id: NetId,
    /// "left" or "right".
    pub name: String,
    /// Where its handle is.
    pub handle: QPose,
    /// Whether it is open.
    pub open: bool,
}

/// The container seal.
#[derive(Component, Debug)]
pub struct Seal {
    /// Its replicated id.
    pub id: NetId,
    /// The printed number.
    pub number: String,
    /// Its visible condition.
    pub condition: String,
    /// Where it sits.
    pub pose: QPose,
}

/// Marks entities that belong to the running scenario (despawned on reset or switch).
#[derive(Component, Debug)]
pub struct ScenarioEntity;

/// The session's fixed facts.
#[derive(Resource, Debug)]
pub struct SessionInfo {
    /// The session id from the join tokens.
    pub name: String,
    /// Most participants who are not observers.
    pub max_participants: usize,
    /// Most observers.
    pub max_observers: usize,
    /// Ticks a dropped participant's place is held.
    pub reconnect_grace_ticks: u32,
    /// Relayed voice frames go into the event log too.
    pub record_voice: bool,
    /// The server runs a speech worker: live captions are on offer.
    pub captions: bool,
    /// Signs resume secrets, so a participant is still themselves after a server restart.
    pub resume_key: Arc<ring::hmac::Key>,
    /// Told `(session, drill)` when a drill ends (the xAPI courier, when an LRS is configured).
    pub drill_ended: Option<std::sync::mpsc::Sender<(String, u32)>>,
}

/// Work the tick asks for and does not do: I/O and long jobs, carried out by the tick loop after
/// the tick, off its thread (`schedule::serve_effects`). Results come back through channels the
/// tick polls; systems only ask.
#[derive(Resource, Debug, Default)]
pub struct Effects(pub Vec<Effect>);

/// One piece of work for the tick loop.
pub enum Effect {
    /// Run `job` on a thread of its own named `name`: the debrief's loader, which reads and
    /// folds a recorded drill and sends the result back on the channel it was given.
    Work {
        /// The thread's name.
        name: String,
        /// The job.
        job: Box<dyn FnOnce() + Send + Sync>,
    },
    /// Drill `drill` of this session ended: the xAPI courier (when there is one) delivers its
    /// statements.
    DrillEnded {
        /// The drill's number.
        drill: u32,
    },
}

impl std::fmt::Debug for Effect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Effect::Work { name, .. } => f.debug_struct("Work").field("name", name).finish_non_exhaustive(),
            Effect::DrillEnded { drill } => f.debug_struct("DrillEnded").field("drill", drill).finish(),
        }
    }
}

/// The running drill: scenario and truth, shared state, readings, findings.
#[derive(Resource, Debug)]
pub struct Drill {
    /// The scenario, seeded; its concealments are the hidden truth.
    pub scenario: Scenario,
    /// The shared state clients see.
    pub state: DrillState,
    /// Ticks the drill has run unpaused.
    pub active_ticks: u64,
    /// Every reading of this drill.
    pub readings: Vec<Reading>,
    /// Every finding of this drill.
    pub findings: Vec<Finding>,
    /// Highlighted entities.
    pub highlights: BTreeSet<NetId>,
    /// The tick this drill (scenario) started.
    pub started: Tick,
    /// Its number in the session (the event log's `drill`), from 1.
    pub number: u32,
    /// A scenario to start at the end of this tick's validation, and why this drill ends.
    pub restart: Option<(Scenario, crate::records::DrillEnd)>,
    /// Everyone who took part in this drill, present or gone: names stay after people leave.
    pub took_part: BTreeMap<ParticipantId, ParticipantInfo>,
    /// The flags (frozen, muted) of people who are not here now, as they left them or as the
    /// log says after a restart: someone muted stays muted when they come back.
    pub kept_flags: BTreeMap<ParticipantId, Flags>,
}

impl Drill {
    /// Who took part in this drill and is not among `present` now: the names that stay.
    pub fn departed<'a>(&'a self, present: &'a [ParticipantId]) -> impl Iterator<Item = &'a ParticipantInfo> {
        self.took_part.values().filter(move |p| !present.contains(&p.id))
    }

    /// A fresh drill of `scenario`, number `number` of the session, starting at `tick`.
    pub fn new(scenario: Scenario, tick: Tick, number: u32) -> Drill {
        let state = DrillState { drill: number, ..scenario.initial_state() };
        Drill {
            scenario,
            state,
            active_ticks: 0,
            readings: Vec::new(),
            findings: Vec::new(),
            highlights: BTreeSet::new(),
            started: tick,
            number,
            restart: None,
            took_part: BTreeMap::new(),
            kept_flags: BTreeMap::new(),
        }
    }
}

/// Events from the network edge for this tick, put here by the tick loop (or by a test).
#[derive(Resource, Debug, Default)]
pub struct Inbox(pub Vec<NetEvent>);

/// What a connection's path looks like, refreshed by the tick loop before each tick: what the
/// rate adaptation and the quality report read instead of asking the connection mid-tick.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct Path {
    /// The round-trip estimate.
    pub rtt: std::time::Duration,
    /// The largest datagram the path takes now; `None`: no datagrams.
    pub max_datagram: Option<usize>,
    /// Cumulative counters (refreshed once a second, when the rate adapts).
    pub counters: PathCounters,
}

/// One thing the tick sends.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    /// A message on the client's control stream.
    Reliable(ClientId, ServerMsg),
    /// A snapshot datagram; on the control stream instead when it is larger than the path takes.
    Snapshot(ClientId, bytes::Bytes),
    /// Say why, then close the connection.
    Close(ClientId, crossdock_protocol::CloseCode, String),
    /// The session's voice routes from now on.
    Routes(HashMap<ClientId, Route>),
    /// A datagram that may be lost (a recorded voice frame played back in a debrief).
    Datagram(ClientId, Vec<u8>),
    /// A console message, encoded.
    Console(ClientId, bytes::Bytes),
    /// A console's live frame, encoded once for every console: the newest wins.
    ConsoleFrame(ClientId, bytes::Bytes),
}

/// What this tick sends, in order: the systems write it, the tick loop hands it to the
/// connections after the tick (bevy_replicon's packet-sending set is the model). The tick does
/// no network I/O of its own.
#[derive(Resource, Debug, Default)]
pub struct Outgoing(pub Vec<Out>);

impl Outgoing {
    /// A message for `client`'s control stream.
    pub fn reliable(&mut self, client: ClientId, msg: ServerMsg) {
        self.0.push(Out::Reliable(client, msg));
    }

    /// Refuses `client`: the refusal as a message, then the close.
    pub fn refuse(&mut self, client: ClientId, code: crossdock_protocol::CloseCode, message: String) {
        self.0.push(Out::Reliable(client, ServerMsg::Refused { code, message: message.clone() }));
        self.0.push(Out::Close(client, code, message));
    }

    /// Closes `client`'s connection, saying why.
    pub fn close(&mut self, client: ClientId, code: crossdock_protocol::CloseCode, message: impl Into<String>) {
        self.0.push(Out::Close(client, code, message.into()));
    }
}

/// Lookups from wire ids to entities.
#[derive(Resource, Debug, Default)]
pub struct Directory {
    /// Connected participants by connection.
    pub clients: HashMap<ClientId, Entity>,
    /// Participants by id.
    pub participants: HashMap<ParticipantId, Entity>,
    /// Items by id.
    pub items: HashMap<NetId, Entity>,
    /// Doors by id.
    pub doors: HashMap<NetId, Entity>,
    /// The next participant id to hand out.
    pub next_participant: u16,
    /// Everyone who ever joined the session (from its log too, after a restart), so that a
    /// participant coming back with their resume secret is the same person.
    pub known: HashMap<ParticipantId, ParticipantInfo>,
    /// The participant id each learner has in this session, so a learner stays one person.
    pub learners: HashMap<String, ParticipantId>,
}

/// Intents received this tick, in arrival order.
#[derive(Resource, Debug, Default)]
pub struct PendingIntents(pub Vec<(Entity, u32, Intent)>);

/// Hash queries to answer after this tick's snapshot is built.
#[derive(Resource, Debug, Default)]
pub struct HashQueries {
    /// Asked this tick: who and their nonce.
    pub asked: Vec<(Entity, u64)>,
}

/// Whom a reliable message goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dest {
    /// One participant.
    One(Entity),
    /// Everyone present now.
    All,
    /// Instructors present now.
    Instructors,
    /// Instructors and observers present now (who run or watch the drill, not take it).
    Watchers,
}

/// Reliable output. Messages produced during a tick are addressed at once (so a participant
/// who joins later in the tick never gets what came before its welcome) and wait in `pending`;
/// the record system stamps them with the tick's journal batch and moves them to `queue`; the
/// send system releases them, in order, once their batch is on disk.
#[derive(Resource, Debug, Default)]
pub struct Outbox {
    /// Who is present, and in which role.
    members: Vec<(Entity, Role)>,
    /// Produced this tick: (recipient, message).
    pub pending: Vec<(Entity, ServerMsg)>,
    /// Waiting for their batch to be durable: (batch, recipient, message).
    pub queue: VecDeque<(u64, Entity, ServerMsg)>,
}

impl Outbox {
    /// Queues a message.
    pub fn push(&mut self, dest: Dest, msg: ServerMsg) {
        match dest {
            Dest::One(e) => self.pending.push((e, msg)),
            Dest::All | Dest::Instructors | Dest::Watchers => {
                for &(e, role) in &self.members {
                    let to = match dest {
                        Dest::Instructors => role == Role::Instructor,
                        Dest::Watchers => role != Role::Trainee,
                        _ => true,
                    };
                    if to {
                        self.pending.push((e, msg.clone()));
                    }
                }
            }
        }
    }

    /// Adds a participant to `All` from now on.
    pub fn add_member(&mut self, entity: Entity, role: Role) {
        self.members.push((entity, role));
    }

    /// Removes a participant.
    pub fn remove_member(&mut self, entity: Entity) {
        self.members.retain(|(e, _)| *e != entity);
    }
}

/// Authoritative changes made this tick, for the event log.
#[derive(Resource, Debug, Default)]
pub struct Journal(pub Vec<Record>);

/// The event log writer.
#[derive(Resource, Debug)]
pub struct Records {
    /// Commits journals off the tick thread.
    pub recorder: Recorder,
    /// The continuous state last written as a keyframe.
    pub last_keyframe: Option<Arc<Snapshot>>,
    /// Whether a failure of the recorder has been counted in the metrics.
    pub failure_counted: bool,
}

/// The server's metrics, for systems to update.
#[derive(Resource, Debug)]
pub struct Telemetry(pub Arc<crate::metrics::Metrics>);

/// This tick's snapshot and the recent ones kept as baselines.
#[derive(Resource, Debug, Default)]
pub struct History {
    /// Recent snapshots by tick.
    pub ring: SnapshotRing,
    /// The snapshot of the current tick.
    pub current: Arc<Snapshot>,
}

/// The hidden truth of a drill whose packages are `items`.
pub fn truth_of<'a>(scenario: &Scenario, items: impl Iterator<Item = &'a Item>) -> Truth {
    let mut contents: Vec<_> = items.map(|i| (i.id, i.content.clone())).collect();
    contents.sort_by_key(|(id, _)| *id);
    Truth {
        concealments: scenario
            .concealments
            .iter()
            .map(|c| Concealment {
                id: c.id.clone(),
                category: c.category,
                place: crossdock_protocol::quant::quantise_position(c.position),
                description: c.description.clone(),
                indicators: c.indicators.clone(),
            })
            .collect(),
        contents,
        real_gross_kg: scenario.real_gross_kg().round() as u32,
    }
}

/// Whether a role may see the hidden truth now.
pub fn sees_truth(role: Role, drill: &Drill) -> bool {
    role.sees_truth(drill.state.revealed)
}

/// A console watching the session.
#[derive(Debug, Clone)]
pub struct Seat {
    /// Its id in the log (never a participant's).
    pub id: ParticipantId,
    /// Who, as the token names them.
    pub name: String,
    /// Instructor (steers) or observer (watches).
    pub role: Role,
}

/// What a participant did last, for their tile.
#[derive(Debug, Clone, Default)]
pub struct Recent {
    /// The tool they used last.
    pub tool: Option<crossdock_protocol::drill::Tool>,
    /// What they did last: a key of the console's words.
    pub last: Option<&'static str>,
}

/// The browser consoles watching this session, and what they asked this tick
/// (`systems::console`).
#[derive(Resource, Debug, Default)]
pub struct Consoles {
    /// Who watches.
    pub seats: BTreeMap<ClientId, Seat>,
    /// Console events `receive` set aside for `systems::console`.
    pub events: Vec<NetEvent>,
    /// Commands to carry out this tick.
    pub commands: Vec<(ClientId, u32, crossdock_protocol::console::ConsoleCommand)>,
    /// What each participant did last.
    pub recent: HashMap<ParticipantId, Recent>,
    /// Answers to this tick's commands, released (as a participant's are) only once the tick's
    /// journal is on disk: `record` stamps them with its batch into `held`, `send` releases them.
    pub answers: Vec<(ClientId, bytes::Bytes)>,
    /// Answers waiting for their batch: (batch, console, encoded answer).
    pub held: VecDeque<(u64, ClientId, bytes::Bytes)>,
}

impl Consoles {
    /// Whether none does.
    pub fn is_empty(&self) -> bool {
        self.seats.is_empty()
    }
}
