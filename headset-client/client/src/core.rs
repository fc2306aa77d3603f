//! The client's headless core, sans-IO: the mirror, the snapshot and pose histories, the server
//! clock and interpolation. The network driver ([`crate::client`]) feeds it; front ends read it.

use std::collections::HashMap;
use web_time::Instant;

use crossdock_protocol::delta::{AvatarPose, PoseSender, encode_ack};
use crossdock_protocol::messages::{DenyReason, Welcome, WorldInit};
use crossdock_protocol::snapshot::{Snapshot, SnapshotRing, decode_delta, decode_header};
use crossdock_protocol::{ClientMsg, ClientTime, CloseCode, DecodeError, Intent, ParticipantId, ServerMsg, Tick};

use crate::clock::ServerClock;
use crate::debrief::Debrief;
use crate::interp::{AvatarFrame, JitterBuffer};
use crate::mirror::Mirror;

/// A latency histogram in microseconds: bounded memory however long the session runs
/// (1 µs to 60 s at three significant digits).
#[derive(Debug, Clone)]
pub struct Latency(hdrhistogram::Histogram<u64>);

impl Default for Latency {
    fn default() -> Self {
        // These bounds and precision are valid, so construction cannot fail.
        Latency(hdrhistogram::Histogram::new_with_bounds(1, 60_000_000, 3).expect("valid histogram bounds"))
    }
}

impl Latency {
    /// Records one sample (clamped into the histogram's range).
    pub fn record(&mut self, us: u64) {
        self.0.saturating_record(us.max(1));
    }

    /// Adds another histogram's samples.
    pub fn merge(&mut self, other: &Latency) {
        // Same bounds on both sides, so adding cannot fail.
        let _ = self.0.add(&other.0);
    }

    /// Forgets every sample.
    pub fn clear(&mut self) {
        self.0.reset();
    }

    /// How many samples.
    pub fn len(&self) -> u64 {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The sample at quantile `q` (0 to 1), in microseconds.
    pub fn quantile_us(&self, q: f64) -> u64 {
        self.0.value_at_quantile(q)
    }
}

/// Something a front end or script may want to react to.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientEvent {
    /// A voice frame relayed from another participant.
    Voice(crossdock_protocol::voice::RelayedVoice),
    /// An intent was applied.
    Granted {
        /// Its sequence number.
        seq: u32,
    },
    /// An intent was refused.
    Denied {
        /// Its sequence number.
        seq: u32,
        /// Why.
        reason: DenyReason,
    },
    /// The server's world hash at a tick.
    StateHash {
        /// The query's nonce.
        nonce: u64,
        /// The tick.
        tick: Tick,
        /// The hash.
        hash: u64,
    },
    /// The server is closing the connection.
    Closing {
        /// Why.
        code: CloseCode,
        /// Why, for a person.
        message: String,
    },
    /// A reliable event, already applied to the mirror (joins, holders, doors, readings, ...).
    Event(Box<ServerMsg>),
    /// A snapshot or a pong, already applied.
    Applied,
}

/// The connected client's state.
#[derive(Debug)]
pub struct ClientCore {
    /// The server's welcome.
    pub welcome: Welcome,
    /// The replicated world.
    pub mirror: Mirror,
    /// The server clock estimate.
    pub clock: ServerClock,
    snapshots: SnapshotRing,
    newest: Option<Tick>,
    poses: PoseSender,
    interp: HashMap<ParticipantId, JitterBuffer>,
    next_intent: u32,
    /// A choice in the risk-assessment stage sent and not yet answered: its sequence number.
    choosing: Option<(u32, u8, Vec<crossdock_protocol::drill::RiskSign>)>,
    /// One-way pose latency samples (sender's stamp to our receipt), in microseconds.
    pub pose_latency_us: Latency,
    /// The debrief an instructor opened, while it is open.
    pub debrief: Option<Debrief>,
    /// Why the last debrief closed or could not open, when something went wrong.
    pub debrief_problem: Option<String>,
    /// Where this learner stands in their class's curriculum, once the server said.
    pub standing: Option<crossdock_protocol::messages::StandingView>,
    /// Ask for the standing at the next chance: on joining, and with every new drill.
    standing_wanted: bool,
}

impl ClientCore {
    /// A core for a connection that was welcomed at `now` and sent `init`.
    pub fn new(welcome: Welcome, init: WorldInit, now: Instant) -> ClientCore {
        ClientCore {
            clock: ServerClock::new(welcome.server_time_us, now),
            welcome,
            mirror: Mirror::new(init),
            snapshots: SnapshotRing::default(),
            newest: None,
            poses: PoseSender::default(),
            interp: HashMap::new(),
            next_intent: 1,
            choosing: None,
            standing: None,
            standing_wanted: true,
            pose_latency_us: Latency::default(),
            debrief: None,
            debrief_problem: None,
        }
    }

    /// This participant's id.
    pub fn me(&self) -> ParticipantId {
        self.welcome.participant
    }

    /// The newest snapshot tick applied.
    pub fn newest_tick(&self) -> Option<Tick> {
        self.newest
    }

    /// Applies a reliable message.
    pub fn handle_msg(&mut self, msg: ServerMsg, now: Instant) -> Result<ClientEvent, DecodeError> {
        match msg {
            ServerMsg::Granted { seq } => {
                if let Some((_, candidate, signs)) = self.choosing.take_if(|(s, _, _)| *s == seq) {
                    self.mirror.drill.my_choice = Some((candidate, signs));
                }
                return Ok(ClientEvent::Granted { seq });
            }
            ServerMsg::Denied { seq, reason } => {
                self.choosing.take_if(|(s, _, _)| *s == seq);
                return Ok(ClientEvent::Denied { seq, reason });
            }
            ServerMsg::StateHash { nonce, tick, hash } => return Ok(ClientEvent::StateHash { nonce, tick, hash }),
            ServerMsg::Closing { code, message } | ServerMsg::Refused { code, message } => {
                return Ok(ClientEvent::Closing { code, message });
            }
            ServerMsg::Welcome(_) => return Err(DecodeError::Datagram("a second Welcome")),
            ServerMsg::Snapshot(bytes) => {
                self.handle_datagram(&bytes, now)?;
                return Ok(ClientEvent::Applied);
            }
            ServerMsg::Pong { client_time_us, server_time_us, .. } => {
                self.clock.handle_pong(client_time_us, server_time_us, now);
                return Ok(ClientEvent::Applied);
            }
            ServerMsg::Standing(view) => {
                self.standing = view;
                return Ok(ClientEvent::Applied);
            }
            _ => {}
        }
        match &msg {
            ServerMsg::Joined(info) => self.mirror.handle_joined(info.clone()),
            ServerMsg::Left { participant, .. } => {
                self.mirror.handle_left(*participant);
                self.interp.remove(participant);
            }
            ServerMsg::ItemHeld { item, holder } => self.mirror.handle_item_held(*item, *holder),
            ServerMsg::DoorChanged { door, open, .. } => self.mirror.handle_door(*door, *open),
            ServerMsg::DebriefOpened(info) => {
                self.debrief = Some(Debrief::new((**info).clone()));
                self.debrief_problem = None;
            }
            ServerMsg::DebriefTrail(trail) => {
                if let Some(d) = &mut self.debrief {
                    d.trail(trail.clone());
                }
            }
            ServerMsg::DebriefFrame(frame) => {
                if let Some(d) = &mut self.debrief {
                    d.frame(frame, now)?;
                }
            }
            ServerMsg::DebriefClosed { problem } => {
                self.debrief = None;
                self.debrief_problem = (!problem.is_empty()).then(|| problem.clone());
            }
            ServerMsg::WorldInit(init) => {
                // A snapshot of the new world can overtake its `WorldInit` (datagrams do not wait
                // for the log) and be acknowledged, so the server may already code against it:
                // keep it and apply it again to the new mirror.
                let again = self.newest.filter(|t| *t >= init.tick).and_then(|t| self.snapshots.get(t).cloned());
                self.mirror.reset((**init).clone());
                self.interp.clear();
                // A drill ended: where the learner stands may have changed.
                self.standing_wanted = true;
                self.newest = None;
                match again {
                    Some(snapshot) => self.apply((*snapshot).clone(), now),
                    None => self.snapshots = SnapshotRing::default(),
                }
            }
            other => {
                self.mirror.handle_drill(other);
            }
        }
        Ok(ClientEvent::Event(Box::new(msg)))
    }

    /// Applies a snapshot datagram. One coded against a baseline we no longer hold, or older
    /// than what we have, is dropped: the server codes the next one against our newest ack.
    pub fn handle_datagram(&mut self, bytes: &[u8], now: Instant) -> Result<(), DecodeError> {
        let header = decode_header(bytes)?;
        if self.newest.is_some_and(|n| header.tick <= n) || header.tick < self.mirror.since {
            return Ok(());
        }
        let baseline = match header.baseline {
            None => None,
            Some(t) => match self.snapshots.get(t) {
                Some(s) => Some(s.clone()),
                None => return Ok(()),
            },
        };
        let (header, snapshot) = decode_delta(bytes, baseline.as_deref())?;
        if let Some(ack) = header.pose_ack {
            self.poses.handle_ack(ack);
        }
        self.apply(snapshot, now);
        Ok(())
    }

    fn apply(&mut self, snapshot: Snapshot, now: Instant) {
        let server_now = self.clock.server_us(now);
        for (id, pose) in self.mirror.apply_snapshot(&snapshot) {
            let stamp = pose.time.to_micros_near(server_now);
            self.pose_latency_us.record(server_now.saturating_sub(stamp));
            self.interp.entry(id).or_default().push(stamp, pose.into(), server_now);
        }
        self.interp.retain(|id, _| {
            snapshot.entities.iter().any(|(k, _)| *k == crossdock_protocol::snapshot::EntityKey::Avatar(*id))
        });
        self.newest = Some(snapshot.tick);
        self.snapshots.insert(std::sync::Arc::new(snapshot));
    }

    /// The pose datagram for this frame; `display_time` is when the pose will be seen.
    pub fn poll_pose_datagram(&mut self, mut pose: AvatarPose, display_time: Instant) -> Vec<u8> {
        pose.time = ClientTime::from_micros(self.clock.server_us(display_time));
        self.poses.poll_datagram(pose, self.newest)
    }

    /// An ack-only datagram, for clients that send no pose (observers, or a still bot).
    pub fn ack_datagram(&self) -> Option<Vec<u8>> {
        self.newest.map(encode_ack)
    }

    /// The newest pose sequence the server acknowledged.
    pub fn pose_acked(&self) -> Option<u16> {
        self.poses.acked()
    }

    /// The sequence number the next pose datagram will carry.
    pub fn next_pose_seq(&self) -> u16 {
        self.poses.next_seq()
    }

    /// `QueryStanding`, once after joining and once after each new drill: the client loop sends
    /// it (every front end's panel shows the answer).
    pub fn standing_query(&mut self) -> Option<ClientMsg> {
        std::mem::take(&mut self.standing_wanted).then_some(ClientMsg::QueryStanding)
    }

    /// Wraps an intent in a message with the next sequence number.
    pub fn intent(&mut self, intent: Intent) -> (u32, ClientMsg) {
        let seq = self.next_intent;
        self.next_intent += 1;
        if let Intent::Choose { candidate, signs } = &intent {
            self.choosing = Some((seq, *candidate, signs.clone()));
        }
        (seq, ClientMsg::Intent { seq, intent })
    }

    /// A ping that measures the round trip and refines the server clock.
    pub fn ping(&self, now: Instant) -> ClientMsg {
        ClientMsg::Ping { nonce: 0, client_time_us: self.clock.local_us(now) }
    }

    /// Every remote avatar as it should be drawn at `now`.
    pub fn interpolated_avatars(&self, now: Instant) -> Vec<(ParticipantId, AvatarFrame)> {
        let interval = 1_000_000 / u64::from(self.welcome.tick_hz.max(1));
        let server_now = self.clock.server_us(now);
        let mut out: Vec<_> = self
            .interp
            .iter()
            .filter_map(|(id, buf)| buf.sample(server_now.saturating_sub(buf.delay_us(interval))).map(|f| (*id, f)))
            .collect();
        out.sort_by_key(|(id, _)| *id);
        out
    }
}
