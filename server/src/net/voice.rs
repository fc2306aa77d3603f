//! The voice router: each session's tick publishes who may be heard and who listens; the
//! connection tasks relay a voice frame to the listeners the moment it arrives, undecoded.
//! Voice never waits for the tick (up to a tick of latency saved), yet the tick stays the one
//! authority: a frame is relayed only as the latest published routes allow.

use std::collections::HashMap;
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use crossdock_protocol::ParticipantId;
use crossdock_protocol::voice::{RelayedVoice, VoiceFrame};

use super::event::ClientId;
use super::peer::Peer;
use crate::metrics::{Metrics, VoiceLabels};

/// One connection's place in the session's voice, as the tick decides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The participant on this connection.
    pub id: ParticipantId,
    /// Whether they may be heard (not muted; observers only once the instructor allows it).
    pub heard: bool,
    /// Whether their all-call stands (instructors).
    pub all_call: bool,
    /// Whether they hear others (welcomed and present).
    pub listening: bool,
    /// The language they interpret into: their voice reaches only that channel's listeners.
    pub interprets: Option<String>,
    /// The channel they listen to (`None`: the floor only). Interpreters listen to the floor.
    pub channel: Option<String>,
    /// The language they speak (their locale): what the speech worker listens for.
    pub language: String,
}

/// A session's routes, shared between its tick (writer) and its connections (readers).
#[derive(Debug, Default)]
pub struct VoiceRoutes {
    routes: RwLock<HashMap<ClientId, (Route, Peer)>>,
    /// The speech worker, when the server runs one: every frame relayed goes to it too.
    captions: Option<super::captions::CaptionFeed>,
    /// When a frame was last relayed ([`crate::clock::server_time_us`]).
    relayed_at_us: AtomicU64,
}

impl VoiceRoutes {
    /// Routes whose relayed frames also go to the speech worker.
    pub fn with_captions(captions: Option<super::captions::CaptionFeed>) -> VoiceRoutes {
        VoiceRoutes { routes: RwLock::default(), captions, relayed_at_us: AtomicU64::new(0) }
    }

    /// Replaces the routes; `peer` finds each connection (one it cannot find gets no voice).
    pub fn publish(&self, routes: &HashMap<ClientId, Route>, peer: impl Fn(ClientId) -> Option<Peer>) {
        let routes = routes.iter().filter_map(|(c, r)| Some((*c, (r.clone(), peer(*c)?)))).collect();
        *self.routes.write().unwrap_or_else(|e| e.into_inner()) = routes;
    }

    /// Whether someone was heard within `recent` (the session then has its socket read
    /// mid-tick too, so a frame waits half a tick at most to be relayed).
    pub fn flowing(&self, recent: std::time::Duration) -> bool {
        let at = self.relayed_at_us.load(Ordering::Relaxed);
        at > 0 && crate::clock::server_time_us().saturating_sub(at) < recent.as_micros() as u64
    }

    /// Relays `frame` from `client` to every other listener: the floor to everyone, an
    /// interpreter's voice to the listeners on their channel only, marked as interpretation.
    /// Returns who spoke and the frame as relayed (all-call cleared unless it stands), or `None`
    /// when the speaker may not be heard.
    pub fn relay(&self, client: ClientId, frame: VoiceFrame, metrics: &Metrics) -> Option<(ParticipantId, VoiceFrame)> {
        let routes = self.routes.read().unwrap_or_else(|e| e.into_inner());
        let Some((speaker, _)) = routes.get(&client).filter(|(r, _)| r.heard) else {
            metrics.voice_frames.get_or_create(&VoiceLabels { outcome: "muted" }).inc();
            return None;
        };
        let frame = VoiceFrame { all_call: frame.all_call && speaker.all_call, ..frame };
        let language = speaker.interprets.as_deref();
        let relayed = RelayedVoice { speaker: speaker.id, frame, interpretation: language.is_some() };
        let bytes = Bytes::from(relayed.encode());
        let hears = |r: &Route| match language {
            None => true,
            Some(l) => r.interprets.is_none() && r.channel.as_deref() == Some(l),
        };
        let mut sent = 0;
        for (_, (_, peer)) in routes.iter().filter(|(c, (r, _))| **c != client && r.listening && hears(r)) {
            // A frame that cannot go now is lost like one on the path: the listener conceals it.
            sent += u64::from(peer.send_datagram(bytes.clone()));
        }
        metrics.voice_frames.get_or_create(&VoiceLabels { outcome: "relayed" }).inc_by(sent);
        self.relayed_at_us.store(crate::clock::server_time_us(), Ordering::Relaxed);
        if let Some(captions) = &self.captions {
            captions.frame(speaker.id, &speaker.language, &relayed.frame);
        }
        Some((relayed.speaker, relayed.frame))
    }
}
