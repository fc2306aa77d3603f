//! The tick loop's edge, where a session meets its connections. Before each tick it takes the
//! network's events off the channel into the World's [`Inbox`] (keeping each new connection's
//! [`Peer`] here) and refreshes every participant's [`Path`]; after the tick it hands the
//! tick's [`Outgoing`] to the connections, in order. Only here does the session touch a
//! connection: the tick's rules compute, and are tested without sockets.

use std::collections::HashMap;
use std::sync::Arc;

use bevy_ecs::prelude::*;
use crossdock_protocol::CloseCode;
use tokio::sync::mpsc;

use super::world::{Inbox, Out, Outgoing, Participant, Path};
use crate::clock::Clock;
use crate::net::event::{ClientId, ConsoleLink, NetEvent};
use crate::net::peer::{Peer, PeerError};
use crate::net::voice::VoiceRoutes;

/// The most events taken from the channel for one tick, so a flood cannot stall the tick.
const MAX_EVENTS_PER_TICK: usize = 16 * 1024;

/// A session's connections, as its tick loop holds them.
#[derive(Debug)]
pub struct Edge {
    events: mpsc::Receiver<NetEvent>,
    peers: HashMap<ClientId, Peer>,
    consoles: HashMap<ClientId, ConsoleLink>,
    voice: Arc<VoiceRoutes>,
    /// Connections that ended during this tick's events: forgotten once its output went out.
    ended: Vec<ClientId>,
    /// Last tick's output list, emptied, for the next.
    output: Vec<Out>,
    /// The participants' paths, as a query kept from tick to tick (made once, not each tick).
    paths: Option<QueryState<(&'static Participant, &'static mut Path)>>,
}

impl Edge {
    /// The edge of a session that hears from `events` and relays voice by `voice`.
    pub fn new(events: mpsc::Receiver<NetEvent>, voice: Arc<VoiceRoutes>) -> Edge {
        Edge {
            events,
            peers: HashMap::new(),
            consoles: HashMap::new(),
            voice,
            ended: Vec::new(),
            output: Vec::new(),
            paths: None,
        }
    }

    /// Whether someone spoke within the last second: voice is relayed the moment it is read,
    /// so the tick has the socket read mid-tick as well.
    pub fn voice_flowing(&self) -> bool {
        self.voice.flowing(std::time::Duration::from_secs(1))
    }

    /// Whether every sender is gone (the server is stopping).
    pub fn closed(&self) -> bool {
        self.events.is_closed()
    }

    /// Before a tick: the events that arrived, into the World's inbox; and, when `counters`
    /// (once a second), each participant's path as its connection sees it now.
    pub fn receive(&mut self, world: &mut World, counters: bool) {
        let mut inbox = world.resource_mut::<Inbox>();
        let events = &mut inbox.0;
        let before = events.len();
        while events.len() - before < MAX_EVENTS_PER_TICK {
            let Ok(event) = self.events.try_recv() else { break };
            match event {
                NetEvent::Connected { client, peer } => {
                    self.peers.insert(client, *peer);
                }
                event => {
                    match &event {
                        NetEvent::Leave { client, .. } | NetEvent::ConsoleLeave { client } => self.ended.push(*client),
                        NetEvent::ConsoleJoin { client, link, .. } => {
                            self.consoles.insert(*client, link.clone());
                        }
                        _ => {}
                    }
                    events.push(event);
                }
            }
        }
        // Once a second, and for a newcomer at once: each read locks the connection, which the
        // network thread holds while it handles that client's packets.
        let paths = self.paths.get_or_insert_with(|| world.query());
        for (participant, mut path) in paths.iter_mut(world) {
            let Some(peer) = self.peers.get(&participant.client) else { continue };
            if counters || path.max_datagram.is_none() {
                path.rtt = peer.rtt();
                path.max_datagram = peer.max_datagram_size();
            }
            if counters {
                path.counters = peer.path_counters();
            }
        }
    }

    /// After a tick: what it sends, to the connections, in order; the tick's last voice routes
    /// first. A message sent on a connection can be answered before this loop reaches its end
    /// (this thread may be descheduled in between), so a client told of a newcomer, or of its
    /// own unmuting, must find the routes that agree with it already published. A client that
    /// does not read its messages is disconnected as too slow, and gets nothing more this tick.
    pub fn send(&mut self, world: &mut World) {
        // The tick's output, swapped with last tick's emptied list: no allocation a tick.
        let mut output = std::mem::take(&mut self.output);
        std::mem::swap(&mut output, &mut world.resource_mut::<Outgoing>().0);
        if let Some(Out::Routes(routes)) = output.iter().rev().find(|o| matches!(o, Out::Routes(_))) {
            self.voice.publish(routes, |c| self.peers.get(&c).cloned());
        }
        let mut slow = Vec::new();
        for out in output.drain(..) {
            let (client, result) = match out {
                Out::Routes(_) => continue,
                Out::Reliable(client, _) | Out::Snapshot(client, _) if slow.contains(&client) => continue,
                Out::Reliable(client, msg) => (client, self.peer(client).map(|p| p.send_reliable(msg))),
                Out::Snapshot(client, bytes) => {
                    (client, self.peer(client).map(|p| p.send_unreliable_or_reliable(bytes)))
                }
                Out::Datagram(client, bytes) => {
                    if let Some(peer) = self.peer(client) {
                        peer.send_datagram(bytes.into());
                    }
                    continue;
                }
                Out::Console(client, bytes) => {
                    if let Some(link) = self.consoles.get(&client)
                        && link.messages.try_send(bytes).is_err()
                    {
                        tracing::warn!(console = client.0, "a console does not read its answers: one dropped");
                    }
                    continue;
                }
                Out::ConsoleFrame(client, bytes) => {
                    if let Some(link) = self.consoles.get(&client) {
                        link.frame.send_replace(bytes);
                    }
                    continue;
                }
                Out::Close(client, code, message) => {
                    if let Some(peer) = self.peer(client) {
                        peer.close(code, message);
                    }
                    continue;
                }
            };
            if let Some(Err(PeerError::TooSlow)) = result {
                tracing::warn!(client = client.0, "disconnecting a client that does not read its messages");
                slow.push(client);
                if let Some(peer) = self.peer(client) {
                    peer.close(
                        CloseCode::TooSlow,
                        "your connection could not keep up with the session; rejoin with the invite",
                    );
                }
            }
        }
        self.output = output;
        for client in self.ended.drain(..) {
            self.peers.remove(&client);
            self.consoles.remove(&client);
        }
    }

    /// Closes every connection, saying why.
    pub fn close_all(&self, code: CloseCode, message: &str) {
        for peer in self.peers.values() {
            peer.close(code, message);
        }
    }

    fn peer(&self, client: ClientId) -> Option<&Peer> {
        self.peers.get(&client)
    }
}

/// The stamp of a tick about to run: its time, and whether the rate adaptation reads the path
/// counters this tick (once a second).
pub fn begin_tick(world: &mut World, now: std::time::Instant) -> bool {
    let mut clock = world.resource_mut::<Clock>();
    clock.stamp(now);
    clock.tick.0.is_multiple_of(u32::from(clock.hz.max(1)))
}
