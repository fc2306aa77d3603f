//! The client loop: one connection's life after joining, the same for every front end and for
//! the bots. It answers the network (events, voice), keeps the server's clock estimate fresh
//! (a ping a second) and carries the voice thread's datagrams; a [`Driver`] decides the rest:
//! what to wait on besides the network (a front end's channel, a bot's script timer), what to
//! do when it fires, and what an event means to it.

use std::future::Future;
use std::time::{Duration, Instant};

use crossdock_protocol::delta::AvatarPose;
use crossdock_voice::Voice;
use crossdock_voice::spatial::Listener;

use crate::client::{Client, ConnectError};
use crate::core::ClientEvent;

/// How often the loop pings the server for its clock and round-trip estimate.
const PING: Duration = Duration::from_secs(1);

/// What a front end or a bot does on the client loop.
pub trait Driver {
    /// What [`Driver::wait`] returns.
    type Wake;

    /// Waits for the driver's own next thing to do (not the network's). Must be cancel-safe:
    /// the loop drops it when the network speaks first.
    fn wait(&mut self) -> impl Future<Output = Self::Wake> + Send;

    /// Does it; `Some(why)` ends the loop.
    fn woke(
        &mut self,
        client: &mut Client,
        voice: &Talk,
        wake: Self::Wake,
    ) -> impl Future<Output = Result<Option<String>, ConnectError>> + Send;

    /// Takes an event from the server (voice frames never come here: the loop plays them);
    /// `Some(why)` ends the loop.
    fn event(
        &mut self,
        client: &mut Client,
        event: ClientEvent,
    ) -> impl Future<Output = Result<Option<String>, ConnectError>> + Send;
}

/// Runs `driver` on `client` until it says why it stopped, or the connection fails.
pub async fn run<D: Driver + Send>(
    client: &mut Client,
    voice: &mut Talk,
    driver: &mut D,
) -> Result<String, ConnectError> {
    let mut ping = tokio::time::interval(PING);
    ping.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let stop = tokio::select! {
            event = client.next_event() => match event? {
                ClientEvent::Voice(frame) => {
                    if let Some(v) = &voice.voice {
                        v.deliver(frame, Instant::now());
                    }
                    None
                }
                event => {
                    if let Some(ask) = client.core.standing_query() {
                        client.send_msg(&ask).await?;
                    }
                    driver.event(client, event).await?
                }
            },
            datagram = crossdock_voice::next_datagram(&mut voice.outbound) => {
                match datagram {
                    Some(datagram) => client.send_datagram(datagram),
                    None => voice.outbound = None,
                }
                None
            }
            _ = ping.tick() => {
                client.send_msg(&client.core.ping(Instant::now())).await?;
                None
            }
            wake = driver.wait() => driver.woke(client, voice, wake).await?,
        };
        if let Some(why) = stop {
            return Ok(why);
        }
    }
}

/// The voice thread, when one runs, and the receiver of its encoded frames (kept across
/// reconnections).
#[derive(Debug, Default)]
pub struct Talk {
    voice: Option<Voice>,
    outbound: Option<tokio::sync::mpsc::Receiver<Vec<u8>>>,
}

impl Talk {
    /// Carries `voice`, if given.
    pub fn new(mut voice: Option<Voice>) -> Talk {
        let outbound = voice.as_mut().and_then(Voice::take_outbound);
        Talk { voice, outbound }
    }

    /// The voice thread.
    pub fn voice(&self) -> Option<&Voice> {
        self.voice.as_ref()
    }

    /// Stops the voice thread and hands it back, with its final state.
    pub fn into_voice(self) -> Option<Voice> {
        self.voice
    }

    /// Tells the voice thread where we listen from and where everyone else's head is; returns
    /// who is speaking now (ourselves included).
    pub fn place(&self, client: &Client, listener: Listener, now: Instant) -> Vec<crossdock_protocol::ParticipantId> {
        let Some(voice) = &self.voice else { return Vec::new() };
        let me = client.core.me();
        let flags = client.core.mirror.drill.flags.get(&me);
        let muted = flags.is_some_and(|f| f.muted);
        // An interpreter listens to the floor, whatever channel they last chose.
        let on_channel = flags.is_some_and(|f| f.channel.is_some() && f.interprets.is_none());
        let ghosts = client.core.debrief.iter().flat_map(|d| d.voices.iter().copied());
        let heads =
            client.core.interpolated_avatars(now).into_iter().map(|(id, f)| (id, f.head.position)).chain(ghosts);
        crossdock_voice::place(&voice.state(), me, listener, heads, muted, on_channel)
    }
}

/// Where a listener whose head is at `pose` hears from.
pub fn listener(pose: &AvatarPose) -> Listener {
    Listener { position: pose.head.position(), rotation: pose.head.rotation() }
}
