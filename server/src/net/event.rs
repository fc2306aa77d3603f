//! The closed set of events the network edge passes to a session's tick thread.

use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::messages::Hello;
use crossdock_protocol::voice::VoiceFrame;
use crossdock_protocol::{CloseCode, Intent, Role, Tick};

use super::peer::Peer;

/// One connection, unique for the life of the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClientId(pub u64);

/// What the network edge tells a session's tick thread.
#[derive(Debug)]
pub enum NetEvent {
    /// A connection passed the handshake; its [`NetEvent::Join`] follows. The tick's edge keeps
    /// the handle ([`crate::session::edge`]): the tick itself never sees a connection.
    Connected {
        /// The connection.
        client: ClientId,
        /// Where to send to it (boxed: a session handle is large beside the other events).
        peer: Box<Peer>,
    },
    /// A connection passed the handshake and token check and asks to join.
    Join {
        /// The connection.
        client: ClientId,
        /// Its hello, already checked.
        hello: Box<Hello>,
        /// The role its token grants.
        role: Role,
        /// The display name its token fixes, if any.
        name: Option<String>,
        /// The learner its personal invite names, if any.
        learner: Option<Box<crate::token::LearnerClaim>>,
        /// The language the session's class roster has this learner interpret into, if any.
        interprets: Option<String>,
        /// Its token is a spent single-use one: it may only bring back the participant its
        /// `resume` secret names.
        replayed: bool,
    },
    /// A newer avatar pose arrived.
    Pose {
        /// The connection.
        client: ClientId,
        /// The pose.
        pose: AvatarPose,
        /// Its sequence number, to acknowledge.
        seq: u16,
        /// The low 16 bits of the snapshot tick the same datagram acknowledged, if any.
        snapshot_ack: Option<u16>,
    },
    /// The client acknowledged a snapshot (without a newer pose).
    Ack {
        /// The connection.
        client: ClientId,
        /// The low 16 bits of the acknowledged tick (pose datagrams) or all of it (ack datagrams).
        tick: AckedTick,
    },
    /// The speech worker captioned someone's speech (see [`crate::captions`]).
    Caption(crossdock_protocol::caption::Caption),
    /// A voice frame was relayed (the connection did it, as the session's routes allow): for
    /// the records of who spoke when.
    Voice {
        /// The connection.
        client: ClientId,
        /// The frame.
        frame: VoiceFrame,
    },
    /// The client wants something done.
    Intent {
        /// The connection.
        client: ClientId,
        /// Echoed in the answer.
        seq: u32,
        /// What.
        intent: Intent,
    },
    /// The client asks for the world hash.
    QueryStateHash {
        /// The connection.
        client: ClientId,
        /// Echoed in the answer.
        nonce: u64,
    },
    /// A browser console passed its hello: it watches (and, an instructor's, steers). The
    /// tick's edge keeps `link`, as it keeps a participant's [`Peer`].
    ConsoleJoin {
        /// The console's connection.
        client: ClientId,
        /// Where its messages go.
        link: ConsoleLink,
        /// Who, as the token names them.
        name: String,
        /// Instructor or observer.
        role: Role,
    },
    /// A console asks for something done.
    ConsoleCommand {
        /// The console's connection.
        client: ClientId,
        /// Echoed in the answer.
        seq: u32,
        /// What.
        command: crossdock_protocol::console::ConsoleCommand,
    },
    /// A console's connection ended.
    ConsoleLeave {
        /// The console's connection.
        client: ClientId,
    },
    /// The connection ended.
    Leave {
        /// The connection.
        client: ClientId,
        /// Why.
        code: CloseCode,
    },
}

/// Where a console's messages go: its connection task writes them to the page. Answers queue
/// (bounded); live frames do not: the newest replaces one not yet written, so a page on a slow
/// link sees the room late by one frame at most, never by a backlog.
#[derive(Debug, Clone)]
pub struct ConsoleLink {
    /// Answers and results, in order.
    pub messages: tokio::sync::mpsc::Sender<bytes::Bytes>,
    /// The newest live frame.
    pub frame: tokio::sync::watch::Sender<bytes::Bytes>,
}

/// A snapshot acknowledgement, full or as the low 16 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AckedTick {
    /// The whole tick.
    Full(Tick),
    /// Its low 16 bits, rebuilt near the session's current tick.
    Low16(u16),
}
