//! The components and resources of a session's World: what the tick systems read and write.

use std::collections::HashMap;
use std::sync::Arc;

use bevy_ecs::prelude::*;
use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::messages::{Holder, ParticipantInfo, ServerMsg};
use crossdock_protocol::quant::QPose;
use crossdock_protocol::snapshot::{Snapshot, SnapshotRing};
use crossdock_protocol::{Intent, NetId, ParticipantId, Tick};
use glam::{Quat, Vec3};
use tokio::sync::mpsc;

use crate::net::{ClientId, NetEvent, Peer};

/// How far a hand reaches beyond an item's surface or a door handle, in metres.
pub const REACH: f32 = 0.35;

/// A connected participant; lives on the same entity as its [`Avatar`].
#[derive(Component, Debug)]
pub struct Participant {
    /// The connection.
    pub client: ClientId,
    /// Who they are.
    pub info: ParticipantInfo,
    /// Where to send to them.
    pub peer: Peer,
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
}

/// A piece of cargo.
#[derive(Component, Debug)]
pub struct Item {
    /// Its replicated id.
    pub id: NetId,
    /// "pallet", "carton", ...
    pub kind: String,
    /// The declared description.
    pub label: String,
    /// Half its size in metres.
    pub half_extents: Vec3,
    /// Where it is.
    pub pose: QPose,
    /// Who holds it, and where it sits in the holder's hand frame.
    pub held: Option<(Holder, Grip)>,
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
    /// Where it sits.
    pub pose: QPose,
}

/// The session's fixed facts.
#[derive(Resource, Debug)]
pub struct SessionInfo {
    /// The session id from the join tokens.
    pub name: String,
    /// The scenario's name.
    pub scenario: String,
    /// Internal size in millimetres (x, y, z).
    pub container_mm: [u32; 3],
    /// Most participants who are not observers.
    pub max_participants: usize,
    /// Most observers.
    pub max_observers: usize,
}

/// The session's clock.
#[derive(Resource, Debug)]
pub struct Clock {
    /// The tick being simulated.
    pub tick: Tick,
    /// Ticks per second.
    pub hz: u16,
}

/// Events from the network edge.
#[derive(Resource, Debug)]
pub struct Inbox(pub mpsc::Receiver<NetEvent>);

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
}

/// Intents received this tick, in arrival order.
#[derive(Resource, Debug, Default)]
pub struct PendingIntents(pub Vec<(Entity, u32, Intent)>);

/// Hash queries to answer after this tick's snapshot is built.
#[derive(Resource, Debug, Default)]
pub struct HashQueries {
    /// Asked this tick: who and their nonce.
    pub asked: Vec<(Entity, u64)>,
    /// Answers to send after this tick's events.
    pub answers: Vec<(Entity, ServerMsg)>,
}

/// Reliable events for every participant, sent at the end of the tick.
#[derive(Resource, Debug, Default)]
pub struct Broadcasts(pub Vec<ServerMsg>);

/// This tick's snapshot and the recent ones kept as baselines.
#[derive(Resource, Debug, Default)]
pub struct History {
    /// Recent snapshots by tick.
    pub ring: SnapshotRing,
    /// The snapshot of the current tick.
    pub current: Arc<Snapshot>,
}
