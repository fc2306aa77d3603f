//! The Crossdock wire protocol, sans-IO: the one place the server and every client agree on.
//!
//! Nothing here touches a socket, a clock or a thread. Callers pass bytes in and take bytes out,
//! and pass `now` where time matters. `PROTOCOL.md` beside this crate documents every byte.
//!
//! - [`codec`]: the size-limited bincode configuration and stream framing.
//! - [`messages`]: reliable-lane messages (handshake, intents, events).
//! - [`drill`]: tools, readings, findings, instructor commands, drill state, the hidden truth.
//! - [`quant`] and [`delta`]: quantised poses and their bit-packed delta coding (datagram lane).
//! - [`snapshot`]: replicated state, per-client snapshot deltas and the world hash.
//! - [`handshake`]: the client and server handshake state machines.
//! - [`invite`]: invite links (server address, certificate fingerprint, join token).
//! - [`voice`]: Opus voice frames on the datagram lane, relayed by the server undecoded.
//! - [`console`]: the browser console's JSON messages over WebTransport.

pub mod bits;
pub mod caption;
pub mod codec;
pub mod console;
pub mod debrief;
pub mod delta;
pub mod drill;
pub mod handshake;
pub mod ids;
pub mod invite;
pub mod messages;
pub mod phrase;
pub mod quant;
pub mod ray;
pub mod snapshot;
pub mod units;
pub mod voice;

pub use codec::{DecodeError, FrameDecoder, decode, encode_frame};
pub use ids::{ClientTime, Hand, NetId, ParticipantId, Role, Tick};
pub use messages::{ClientMsg, CloseCode, Intent, ServerMsg};

/// The ALPN protocol id every Crossdock QUIC connection negotiates.
pub const ALPN: &[u8] = b"crossdock/1";

/// The WebTransport path that carries the native protocol for browsers (`https://SERVER/room`):
/// the same messages on one bidirectional stream, the same datagrams (PROTOCOL.md §16).
pub const ROOM_PATH: &str = "/room";

/// What each side asks of its peer with QUIC's ACK frequency extension (PROTOCOL.md §1): ACK
/// after this many ack-eliciting packets, or after [`ACK_DELAY_MS`]. Both sides send about 60
/// datagrams a second, so an ACK then rides on the next one instead of going alone.
pub const ACK_ELICITING_THRESHOLD: u32 = 9;

/// The longest a peer is asked to hold an ACK, in milliseconds (QUIC caps it at the greater of
/// the round trip and 25 ms).
pub const ACK_DELAY_MS: u64 = 40;

/// Bumped on any change to the wire format that old peers cannot read.
pub const PROTOCOL_VERSION: u16 = 1;

/// A short description of every wire layout; [`SCHEMA_HASH`] is its FNV-1a hash.
///
/// Edit it whenever a message, field or bit layout changes, so that two builds that would
/// misread each other refuse each other at the handshake instead.
pub const SCHEMA: &str = "crossdock/1 schema 15: \
    Hello{version:u16,schema:u64,token:str,name:str,admin:str,locale:str,resume:opt_str,role:opt_role} \
    Welcome+resume+voice_recorded+captions WorldInit+library+look{kind5,marks{kind4,surface6}}+departed+phrases+risk{number,documents} \
    ServerMsg{Welcome,Refused,WorldInit,Joined,Left,Granted,Denied,ItemHeld,DoorChanged,Snapshot,Pong,StateHash,\
    Reading,FindingChanged,DrillChanged,FlagsChanged,Truth,Highlight,Pointer,Quality,Teleport,Closing,ModelChunk,\
    DebriefOpened,DebriefTrail,DebriefFrame,DebriefClosed,Said,Caption,Standing} Standing{curriculum,levels{title,status4,status_text,lines}} Caption{by,segment,text<=400,last} Phrase{Book,Tool,Category,Scenario} ItemInfo+model Command+Bookmark+Debrief{Open,Close,Play,Pause,Speed,Seek,Step,Jump}+AdmitObservers+Interpret \
    Flags{frozen,muted,interprets,channel,pointing} DrillState+observers_open+drill+risk_open+chosen Command+CloseRiskStage \
    DebriefFrame{snapshot,pointing} Marker{kind13:Caption} Trail{points,gaze} ghost_voice:0x8000 \
    ClientMsg{Hello,Intent,Ping,QueryStateHash,QueryStanding} \
    Intent{Grab,Release,MoveHeld,SetDoor,UseTool,MarkFinding,CoSign,Reseal,Instruct,SetMuted,Say,Listen,Point,Choose{candidate:u8,signs6}} drill:3 close:0..=21 \
    deny:0..=20 voice:tag4{seq16le,flags8,opus<=400} tag5{speaker16le,seq16le,flags8(all_call,interpretation),opus<=400} \
    pose:seq16,base6,ack16,time,3xQPose snapshot:tick32,base8,poseack,entities \
    QPose:mm[4,7,11,22] rot:smallest3x9(0..=510)[2,4,7,10]";

/// FNV-1a hash of [`SCHEMA`], sent in the first message of every connection.
pub const SCHEMA_HASH: u64 = fnv1a(SCHEMA.as_bytes());

/// 64-bit FNV-1a, used for the schema hash and the world hash (stable across platforms).
pub const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocol_md_documents_this_schema_hash() {
        let doc = include_str!("../PROTOCOL.md");
        let hash = format!("0x{SCHEMA_HASH:016x}");
        assert!(doc.contains(&hash), "PROTOCOL.md must name schema hash {hash}: update it with the wire change");
    }

    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
