//! Reliable-lane messages: the handshake, client intents and server events.
//!
//! These travel on the control stream (the first bidirectional stream the client opens), one per
//! frame (see [`crate::codec`]). Poses and world deltas travel as datagrams ([`crate::delta`],
//! [`crate::snapshot`]) unless they are too large for one, when they ride [`ServerMsg::Snapshot`].

use bincode::{Decode, Encode};

use crate::drill::{
    Candidate, Category, Command, Documents, DrillState, Finding, Flags, Quality, Reading, RiskSign, Tool, Truth,
};
use crate::ids::{Hand, NetId, ParticipantId, Role, Tick};
use crate::phrase::{Phrase, ScenarioPhrase};
use crate::quant::QPose;

/// Longest display name, in bytes of UTF-8.
pub const MAX_NAME: usize = 64;
/// Longest join token, in bytes.
pub const MAX_TOKEN: usize = 1024;
/// Longest resume secret, in bytes.
pub const MAX_RESUME: usize = 64;

/// Messages a client sends on the control stream.
#[derive(Debug, Clone, PartialEq, Encode, Decode)]
pub enum ClientMsg {
    /// The first message on every connection.
    Hello(Hello),
    /// Something the participant wants to do; the server answers with `Granted` or `Denied`.
    Intent {
        /// Client-chosen, increasing; echoed in the answer.
        seq: u32,
        /// What to do.
        intent: Intent,
    },
    /// Round-trip probe; answered by [`ServerMsg::Pong`].
    Ping {
        /// Echoed back.
        nonce: u64,
        /// The client's clock, echoed back so it can measure the round trip.
        client_time_us: u64,
    },
    /// Asks for the world hash as this client should see it; answered by [`ServerMsg::StateHash`].
    QueryStateHash {
        /// Echoed back.
        nonce: u64,
    },
    /// Asks where this learner stands in the curriculum their class follows; answered by
    /// [`ServerMsg::Standing`]. Ask after each `WorldInit`: a drill's end can change it.
    QueryStanding,
}

/// The client's first message.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct Hello {
    /// [`crate::PROTOCOL_VERSION`] of the client.
    pub protocol_version: u16,
    /// [`crate::SCHEMA_HASH`] of the client.
    pub schema_hash: u64,
    /// The signed join token from the invite.
    pub token: String,
    /// Shown to other participants; at most [`MAX_NAME`] bytes.
    pub display_name: String,
    /// ISO 3166-1 alpha-2 country code of the participant's customs administration.
    pub administration: String,
    /// BCP 47 locale, e.g. `en`, `th`, `ko`, `zh-Hans`.
    pub locale: String,
    /// The `resume` secret of an earlier `Welcome`, to take back that identity after a drop.
    pub resume: Option<String>,
    /// The role this client takes, if it takes only one (a headset app is no observer); the
    /// token must grant it.
    pub role: Option<Role>,
}

/// What a participant asks the server to do. The server validates role, reach and state.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub enum Intent {
    /// Take hold of an item with a hand that is within reach of it.
    Grab {
        /// The item.
        item: NetId,
        /// The hand.
        hand: Hand,
    },
    /// Let go of whatever the hand holds; it stays where it is.
    Release {
        /// The hand.
        hand: Hand,
    },
    /// Put the item held in `hand` at `to` (within reach, inside the container), keeping hold.
    MoveHeld {
        /// The holding hand.
        hand: Hand,
        /// Where the item goes.
        to: QPose,
    },
    /// Open or close a door within reach.
    SetDoor {
        /// The door.
        door: NetId,
        /// `true` to open.
        open: bool,
    },
    /// Use a tool held at `aim` (forward is the pose's −z axis); opening tools open `target`.
    UseTool {
        /// Which tool.
        tool: Tool,
        /// Where it is and where it points.
        aim: QPose,
        /// The entity aimed at, when the tool acts on one (seal, package).
        target: Option<NetId>,
    },
    /// Mark a finding.
    MarkFinding {
        /// Where, in millimetres.
        place: [i32; 3],
        /// What.
        category: Category,
        /// Ids of the readings it rests on.
        evidence: Vec<u32>,
    },
    /// Co-sign another participant's finding (a joint finding).
    CoSign {
        /// The finding.
        finding: u32,
    },
    /// Fit a new seal, closing the inspection.
    Reseal {
        /// The new seal's number.
        number: String,
    },
    /// An instructor command.
    Instruct(Command),
    /// Mute or unmute one's own voice. Muting always succeeds; unmuting is refused while the
    /// instructor has muted this participant and locked self-unmute, and to an observer the
    /// instructor has not allowed to speak.
    SetMuted {
        /// Muted or not.
        muted: bool,
    },
    /// Say a phrase to everyone, each reading it in their own language; `at`, when given, is
    /// the place (millimetres) it is about.
    Say {
        /// What.
        phrase: Phrase,
        /// Where it points, if anywhere.
        at: Option<[i32; 3]>,
    },
    /// Listen to an interpretation channel (a language tag, see
    /// [`crate::voice::valid_channel`]), or to the floor (`None`).
    Listen {
        /// Which.
        channel: Option<String>,
    },
    /// Point with a hand (its index finger out: everyone sees a ray from it to the first surface
    /// it meets, and a dot there), or stop pointing (`None`).
    Point {
        /// Which hand.
        hand: Option<Hand>,
    },
    /// In the risk-assessment stage, choose which container to examine (its place in
    /// `WorldInit::risk`) and why: the signs in its papers that call for it (at most six, each
    /// once). A trainee chooses once.
    Choose {
        /// The candidate's place in `WorldInit::risk`.
        candidate: u8,
        /// The signs cited.
        signs: Vec<RiskSign>,
    },
}

/// Messages the server sends on the control stream.
#[derive(Debug, Clone, PartialEq, Encode, Decode)]
pub enum ServerMsg {
    /// The handshake succeeded.
    Welcome(Welcome),
    /// The handshake failed; the server closes the connection with the same code.
    Refused {
        /// Why, as a machine-readable code.
        code: CloseCode,
        /// Why, for a person, saying what to do.
        message: String,
    },
    /// Everything a new participant needs besides transforms: sent once after `Welcome`.
    WorldInit(Box<WorldInit>),
    /// A participant joined (also sent for everyone already present, after `WorldInit`).
    Joined(ParticipantInfo),
    /// A participant left; whatever they held was released where it was.
    Left {
        /// Who.
        participant: ParticipantId,
        /// Why the connection ended.
        code: CloseCode,
    },
    /// The intent with this sequence number was applied.
    Granted {
        /// The intent's `seq`.
        seq: u32,
    },
    /// The intent with this sequence number was refused; nothing changed.
    Denied {
        /// The intent's `seq`.
        seq: u32,
        /// Why, as a machine-readable code.
        reason: DenyReason,
    },
    /// An item's holder changed.
    ItemHeld {
        /// The item.
        item: NetId,
        /// Its new holder, or `None` when released.
        holder: Option<Holder>,
    },
    /// A door opened or closed.
    DoorChanged {
        /// The door.
        door: NetId,
        /// Whether it is open now.
        open: bool,
        /// Who changed it.
        by: ParticipantId,
    },
    /// A world delta too large for a datagram: the same bytes a datagram would carry.
    Snapshot(Vec<u8>),
    /// Answer to [`ClientMsg::Ping`].
    Pong {
        /// The ping's nonce.
        nonce: u64,
        /// The ping's client time.
        client_time_us: u64,
        /// The server's clock when it answered.
        server_time_us: u64,
    },
    /// Answer to [`ClientMsg::QueryStateHash`]: the world hash at `tick`, without the asker's avatar.
    StateHash {
        /// The query's nonce.
        nonce: u64,
        /// The tick the hash was taken at.
        tick: Tick,
        /// See [`crate::snapshot::WorldHash`].
        hash: u64,
    },
    /// A tool reading, for everyone.
    Reading(Reading),
    /// A finding was marked, co-signed or judged.
    FindingChanged(Finding),
    /// The drill's shared state changed.
    DrillChanged(DrillState),
    /// A participant's flags changed.
    FlagsChanged {
        /// Who.
        participant: ParticipantId,
        /// The flags now.
        flags: Flags,
    },
    /// The hidden truth: to instructors always, to everyone once revealed.
    Truth(Truth),
    /// An instructor highlighted an entity (or stopped).
    Highlight {
        /// The entity.
        entity: NetId,
        /// On or off.
        on: bool,
    },
    /// An instructor points at a place.
    Pointer {
        /// Who points.
        by: ParticipantId,
        /// Where, in millimetres.
        at: [i32; 3],
    },
    /// Connection quality of every participant (instructors only, once a second).
    Quality(Vec<Quality>),
    /// Move your play space so that your head stands at `to` (summon, teleport).
    Teleport {
        /// Where, in millimetres.
        to: [i32; 3],
    },
    /// The server is about to close the connection.
    Closing {
        /// Why.
        code: CloseCode,
        /// Why, for a person.
        message: String,
    },
    /// A piece of a model file named by an item's [`ModelRef`], in order from offset 0.
    ModelChunk {
        /// The file's SHA-256.
        sha256: [u8; 32],
        /// Where these bytes go in it.
        offset: u32,
        /// Its whole length.
        total: u32,
        /// At most [`MODEL_CHUNK`] bytes.
        data: Vec<u8>,
    },
    /// An instructor opened a debrief: the recorded drill and its timeline.
    DebriefOpened(Box<crate::debrief::DebriefInfo>),
    /// One recorded participant's trail, after [`ServerMsg::DebriefOpened`].
    DebriefTrail(crate::debrief::Trail),
    /// The replay at its clock's moment.
    DebriefFrame(crate::debrief::DebriefFrame),
    /// The debrief closed (or could not open): draw the live session again.
    DebriefClosed {
        /// Empty when an instructor closed it; otherwise what went wrong, for a person.
        problem: String,
    },
    /// Someone said a phrase (`Intent::Say`): show it over them, and at `at`, in the reader's
    /// language.
    Said {
        /// Who.
        by: ParticipantId,
        /// What.
        phrase: Phrase,
        /// The place it is about, if any (millimetres).
        at: Option<[i32; 3]>,
    },
    /// A live caption of someone's speech (only to those their voice reaches).
    Caption(crate::caption::Caption),
    /// Answer to [`ClientMsg::QueryStanding`]: where this learner stands, in their language;
    /// `None` when they came without a personal invite or their class follows no curriculum.
    Standing(Option<StandingView>),
}

/// A learner's standing in their class's curriculum, its words already in their language.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct StandingView {
    /// The curriculum's title.
    pub curriculum: String,
    /// Each level, in order.
    pub levels: Vec<LevelView>,
}

/// One level of a [`StandingView`].
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct LevelView {
    /// The level's title.
    pub title: String,
    /// Passed (and whether a retest is due), open or locked.
    pub status: LevelStatus,
    /// The status in words (`passed on 2026-11-06`).
    pub status_text: String,
    /// The measure in words (`d′ 1.42 over 5 drills`), and why not yet, and the next drill.
    pub lines: Vec<String>,
}

/// A level's status for a learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub enum LevelStatus {
    /// Passed.
    Passed,
    /// Passed, and a retest is due.
    RetestDue,
    /// Open: training.
    Open,
    /// Needs other levels first.
    Locked,
}

/// The successful end of the handshake.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct Welcome {
    /// This participant's id in the session.
    pub participant: ParticipantId,
    /// The role the token granted.
    pub role: Role,
    /// The session joined.
    pub session: String,
    /// Simulation ticks per second.
    pub tick_hz: u16,
    /// The server's clock (microseconds since it started) when it sent this.
    pub server_time_us: u64,
    /// The session's tick when it sent this.
    pub tick: Tick,
    /// A secret that lets this participant come back as themselves after a dropped
    /// connection, within the server's grace period (send it in `Hello::resume`).
    pub resume: String,
    /// The session records voice: clients must tell their user so before they speak.
    pub voice_recorded: bool,
    /// The server runs a speech worker: live captions are on offer.
    pub captions: bool,
}

/// Who holds an item, with which hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Encode, Decode)]
pub struct Holder {
    /// The participant.
    pub participant: ParticipantId,
    /// The hand.
    pub hand: Hand,
}

/// A participant as others see them.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct ParticipantInfo {
    /// Their id.
    pub id: ParticipantId,
    /// Their display name.
    pub display_name: String,
    /// Their administration's country code.
    pub administration: String,
    /// Their locale.
    pub locale: String,
    /// Their role.
    pub role: Role,
}

/// The static and discrete state of a session's world, sent to a joining participant and
/// again to everyone when the scenario is reset or switched.
#[derive(Debug, Clone, PartialEq, Encode, Decode)]
pub struct WorldInit {
    /// Snapshots older than this tick belong to the previous world: ignore them.
    pub tick: Tick,
    /// Human-readable scenario name.
    pub scenario: String,
    /// The declared documents.
    pub documents: Documents,
    /// The drill's state.
    pub drill: DrillState,
    /// Readings so far.
    pub readings: Vec<Reading>,
    /// Findings so far.
    pub findings: Vec<Finding>,
    /// Participants' flags.
    pub flags: Vec<(ParticipantId, Flags)>,
    /// Highlighted entities.
    pub highlights: Vec<NetId>,
    /// The container's internal size in millimetres (length, height, width).
    pub container_mm: [u32; 3],
    /// The cargo items.
    pub items: Vec<ItemInfo>,
    /// The doors.
    pub doors: Vec<DoorInfo>,
    /// The seal.
    pub seal: SealInfo,
    /// The scenarios an instructor may switch to (`Command::SwitchScenario`), by name; empty
    /// for every other role.
    pub library: Vec<String>,
    /// What the container looks like: its type, markings and the visible evidence.
    pub look: ContainerLook,
    /// Who took part in this drill and has left: their names stay on their findings, readings
    /// and in the lists, marked as gone.
    pub departed: Vec<ParticipantInfo>,
    /// The scenario's own phrases, with their texts in the languages the scenario gives.
    pub phrases: Vec<ScenarioPhrase>,
    /// The risk-assessment stage's candidates, in the order trainees see them (one of them is
    /// the container in the room, with `documents`); empty when the scenario has no such stage.
    pub risk: Vec<Candidate>,
}

/// What an officer sees of the container: its type and markings, where its visible front wall
/// stands, and the marks the scenario left on it. All of it is what a look shows, never the
/// hidden truth itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Encode, Decode)]
pub struct ContainerLook {
    /// The container's type (its outside size and structure).
    pub kind: ContainerKind,
    /// The ISO 6346 number as painted, e.g. `CDXU 200417 3`; its check digit may be wrong.
    pub number: String,
    /// The ISO 6346 size and type code, e.g. `22G1`.
    pub size_type: String,
    /// Maximum gross mass, kilograms (painted on the doors and on the CSC plate).
    pub max_gross_kg: u32,
    /// Tare mass, kilograms.
    pub tare_kg: u32,
    /// How far the visible front wall stands from the real one, millimetres (a false wall); 0
    /// for none.
    pub front_wall_mm: u32,
    /// How the seal looks: `intact`, `scratched`, `re-glued`, ...
    pub seal_condition: String,
    /// Marks on the structure: welds, paint, tool marks, planks.
    pub marks: Vec<Mark>,
}

/// A container's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Encode, Decode)]
pub enum ContainerKind {
    /// 20 ft dry van (22G1).
    #[default]
    Dry20,
    /// 40 ft dry van (42G1).
    Dry40,
    /// 40 ft high cube (45G1).
    HighCube40,
    /// 20 ft reefer (22R1).
    Reefer20,
    /// 40 ft high-cube reefer (45R1).
    Reefer40,
}

impl ContainerKind {
    /// Outside length, height and width in millimetres (ISO 668).
    pub fn external_mm(self) -> [u32; 3] {
        match self {
            ContainerKind::Dry20 | ContainerKind::Reefer20 => [6058, 2591, 2438],
            ContainerKind::Dry40 => [12192, 2591, 2438],
            ContainerKind::HighCube40 | ContainerKind::Reefer40 => [12192, 2896, 2438],
        }
    }

    /// Whether it has a refrigeration unit at its front end.
    pub fn reefer(self) -> bool {
        matches!(self, ContainerKind::Reefer20 | ContainerKind::Reefer40)
    }
}

/// A visible mark on the container, on one surface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Encode, Decode)]
pub struct Mark {
    /// What it is.
    pub kind: MarkKind,
    /// Which surface it is on.
    pub surface: Surface,
    /// Its centre in the room frame, millimetres; on the front wall, x is where that wall
    /// stands (see [`ContainerLook::front_wall_mm`]).
    pub at_mm: [i32; 3],
    /// Its extent along the surface, millimetres: (along x or z, along y) on walls and doors,
    /// (along x, along z) on the floor and roof.
    pub size_mm: [u32; 2],
}

/// A kind of visible mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Encode, Decode)]
pub enum MarkKind {
    /// A fresh weld seam, with heat tint beside it.
    FreshWeld,
    /// A patch of new paint, brighter than the weathered steel round it.
    Repaint,
    /// Scratches and dents left by tools.
    ToolMarks,
    /// Floor planks newer than the rest.
    ReplacedPlanks,
}

/// A surface of the container, inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Encode, Decode)]
pub enum Surface {
    /// The front wall (the false one, if there is one).
    FrontWall,
    /// The wall at negative z.
    LeftWall,
    /// The wall at positive z.
    RightWall,
    /// The floor.
    Floor,
    /// The roof.
    Roof,
    /// The doors (outside).
    Doors,
}

/// A cargo item's static description and discrete state.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct ItemInfo {
    /// Its id.
    pub id: NetId,
    /// What it is, e.g. "pallet" or "carton".
    pub kind: String,
    /// Its declared description.
    pub label: String,
    /// Its size in millimetres (x, y, z).
    pub size_mm: [u32; 3],
    /// Who holds it now.
    pub holder: Option<Holder>,
    /// Whether it can be opened.
    pub openable: bool,
    /// Its real content, once opened (never before, to anyone but instructors via `Truth`).
    pub content: Option<String>,
    /// A model the scenario ships for its look (sent as [`ServerMsg::ModelChunk`]s after the
    /// `WorldInit`); without it, or until it has arrived whole, it is drawn by its kind.
    pub model: Option<ModelRef>,
}

/// A glTF binary (`.glb`) model file, named by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Encode, Decode)]
pub struct ModelRef {
    /// SHA-256 of the file.
    pub sha256: [u8; 32],
    /// Its length in bytes, at most [`MAX_MODEL`].
    pub bytes: u32,
}

/// The largest model file a scenario may ship, bytes.
pub const MAX_MODEL: u32 = 8 * 1024 * 1024;
/// The most bytes of a model one [`ServerMsg::ModelChunk`] carries.
pub const MODEL_CHUNK: usize = 192 * 1024;

/// A door's static description and state.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct DoorInfo {
    /// Its id.
    pub id: NetId,
    /// "left" or "right" as seen from behind the container.
    pub name: String,
    /// Where its handle is, in the room frame.
    pub handle: QPose,
    /// Whether it is open now.
    pub open: bool,
}

/// The container seal.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct SealInfo {
    /// Its id.
    pub id: NetId,
    /// The number printed on it.
    pub number: String,
    /// Where it sits.
    pub pose: QPose,
}

/// Why an intent was refused. The world did not change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Encode, Decode)]
pub enum DenyReason {
    /// The participant's role may not do this (observers never change the world).
    RoleForbids,
    /// No such item or door.
    UnknownEntity,
    /// Someone else holds the item (or won the race for it this tick).
    AlreadyHeld,
    /// The hand already holds something.
    HandBusy,
    /// The hand holds nothing.
    HandEmpty,
    /// The hand is too far from the item, door or target.
    OutOfReach,
    /// The target lies outside the container.
    OutOfBounds,
    /// The intent carried an invalid pose.
    InvalidPose,
    /// The door is already in that state.
    NoChange,
    /// The instructor locked this tool.
    ToolLocked,
    /// The instructor froze this participant.
    Frozen,
    /// The drill is paused.
    Paused,
    /// The item cannot be opened, or not with this tool.
    NotOpenable,
    /// The item is already open.
    AlreadyOpen,
    /// No such finding or reading.
    UnknownFinding,
    /// This participant already signed the finding.
    AlreadySigned,
    /// The finding or command is malformed (too much evidence, empty seal number, ...).
    Invalid,
    /// The container is re-sealed; the inspection is closed.
    Closed,
    /// The instructor muted this participant and locked self-unmute (or, for an observer, has
    /// not allowed them to speak).
    UnmuteLocked,
    /// The risk-assessment stage is open: choose which container to examine first.
    ChooseFirst,
    /// Already chosen, or there is no risk-assessment stage open to choose in.
    ChoiceMade,
}

impl DenyReason {
    /// Every reason, in wire order.
    pub const ALL: [DenyReason; 21] = [
        DenyReason::RoleForbids,
        DenyReason::UnknownEntity,
        DenyReason::AlreadyHeld,
        DenyReason::HandBusy,
        DenyReason::HandEmpty,
        DenyReason::OutOfReach,
        DenyReason::OutOfBounds,
        DenyReason::InvalidPose,
        DenyReason::NoChange,
        DenyReason::ToolLocked,
        DenyReason::Frozen,
        DenyReason::Paused,
        DenyReason::NotOpenable,
        DenyReason::AlreadyOpen,
        DenyReason::UnknownFinding,
        DenyReason::AlreadySigned,
        DenyReason::Invalid,
        DenyReason::Closed,
        DenyReason::UnmuteLocked,
        DenyReason::ChooseFirst,
        DenyReason::ChoiceMade,
    ];
}

/// Why a connection was refused or closed; also the QUIC application close code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Encode, Decode)]
#[repr(u32)]
pub enum CloseCode {
    /// A normal close (the participant left).
    Normal = 0,
    /// The peer sent bytes that are not valid protocol messages.
    ProtocolViolation = 1,
    /// The peer sent a frame larger than the limit.
    FrameTooLarge = 2,
    /// The client speaks an older protocol version than the server.
    ClientTooOld = 3,
    /// The client speaks a newer protocol version than the server.
    ServerTooOld = 4,
    /// Same version, different schema: two builds that would misread each other.
    SchemaMismatch = 5,
    /// The join token is malformed, tampered with or signed by another key.
    BadToken = 6,
    /// The join token has expired.
    TokenExpired = 7,
    /// The session has no room for another participant of this class.
    SessionFull = 8,
    /// The server has no room for another participant.
    ServerFull = 9,
    /// The handshake did not arrive in time.
    HandshakeTimeout = 10,
    /// The instructor or server removed the participant.
    Removed = 11,
    /// The server is shutting down.
    ServerShutdown = 12,
    /// The client could not keep up with reliable messages.
    TooSlow = 13,
    /// The connection went silent past the idle timeout.
    TimedOut = 14,
    /// The join token is not yet valid.
    TokenNotYetValid = 15,
    /// The display name, administration or locale is invalid.
    BadHello = 16,
    /// The client sent commands faster than the server allows.
    RateLimited = 17,
    /// The token is for a session this server does not host.
    WrongSession = 18,
    /// The token grants a role this client does not take (e.g. an observer invite in a headset).
    WrongRole = 19,
    /// A single-use token was used before.
    TokenReplayed = 20,
    /// The token was signed by another server's key.
    UnknownKey = 21,
}

impl CloseCode {
    /// All codes, for mapping a QUIC close code back.
    pub const ALL: [CloseCode; 22] = [
        CloseCode::Normal,
        CloseCode::ProtocolViolation,
        CloseCode::FrameTooLarge,
        CloseCode::ClientTooOld,
        CloseCode::ServerTooOld,
        CloseCode::SchemaMismatch,
        CloseCode::BadToken,
        CloseCode::TokenExpired,
        CloseCode::SessionFull,
        CloseCode::ServerFull,
        CloseCode::HandshakeTimeout,
        CloseCode::Removed,
        CloseCode::ServerShutdown,
        CloseCode::TooSlow,
        CloseCode::TimedOut,
        CloseCode::TokenNotYetValid,
        CloseCode::BadHello,
        CloseCode::RateLimited,
        CloseCode::WrongSession,
        CloseCode::WrongRole,
        CloseCode::TokenReplayed,
        CloseCode::UnknownKey,
    ];

    /// The QUIC application error code.
    pub fn to_u32(self) -> u32 {
        self as u32
    }

    /// The code for a QUIC application error code, if it is one of ours.
    pub fn from_u32(code: u32) -> Option<CloseCode> {
        CloseCode::ALL.into_iter().find(|c| c.to_u32() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{decode, encode};
    use crate::ids::Hand;
    use crate::quant::QRot;
    use proptest::prelude::*;

    fn qpose() -> impl Strategy<Value = QPose> {
        (any::<[i32; 3]>(), 0u8..4, any::<[u16; 3]>())
            .prop_map(|(pos, largest, small)| QPose { pos, rot: QRot { largest, small } })
    }

    fn intent() -> impl Strategy<Value = Intent> {
        let hand = prop_oneof![Just(Hand::Left), Just(Hand::Right)];
        prop_oneof![
            (any::<u16>(), hand.clone()).prop_map(|(i, hand)| Intent::Grab { item: NetId(i), hand }),
            hand.clone().prop_map(|hand| Intent::Release { hand }),
            (hand, qpose()).prop_map(|(hand, to)| Intent::MoveHeld { hand, to }),
            (proptest::sample::select(Tool::ALL.to_vec()), qpose(), any::<Option<u16>>())
                .prop_map(|(tool, aim, t)| Intent::UseTool { tool, aim, target: t.map(NetId) }),
            (
                any::<[i32; 3]>(),
                proptest::sample::select(Category::ALL.to_vec()),
                proptest::collection::vec(any::<u32>(), 0..4)
            )
                .prop_map(|(place, category, evidence)| Intent::MarkFinding { place, category, evidence }),
            any::<u32>().prop_map(|finding| Intent::CoSign { finding }),
            ".{0,12}".prop_map(|number| Intent::Reseal { number }),
            (any::<u64>(), any::<u16>()).prop_map(|(seed, p)| Intent::Instruct(if seed % 2 == 0 {
                Command::Rerandomise { seed }
            } else {
                Command::Freeze { who: crate::drill::Target::One(ParticipantId(p)), frozen: true }
            })),
            (any::<u16>(), any::<bool>()).prop_map(|(d, open)| Intent::SetDoor { door: NetId(d), open }),
            any::<bool>().prop_map(|muted| Intent::SetMuted { muted }),
            proptest::option::of("[a-z]{2}").prop_map(|channel| Intent::Listen { channel }),
            proptest::option::of(proptest::sample::select(vec![Hand::Left, Hand::Right]))
                .prop_map(|hand| Intent::Point { hand }),
            (".{0,12}", any::<Option<[i32; 3]>>()).prop_map(|(id, at)| Intent::Say { phrase: Phrase::Book(id), at }),
            proptest::sample::select(Tool::ALL.to_vec())
                .prop_map(|tool| Intent::Say { phrase: Phrase::Tool(tool), at: None }),
            (any::<u8>(), proptest::sample::subsequence(RiskSign::ALL.to_vec(), 0..=6))
                .prop_map(|(candidate, signs)| Intent::Choose { candidate, signs }),
        ]
    }

    fn client_msg() -> impl Strategy<Value = ClientMsg> {
        prop_oneof![
            (any::<u16>(), any::<u64>(), ".{0,40}", ".{0,20}", "[A-Z]{2}", "[a-z]{2}").prop_map(
                |(protocol_version, schema_hash, token, display_name, administration, locale)| {
                    ClientMsg::Hello(Hello {
                        protocol_version,
                        schema_hash,
                        token,
                        display_name,
                        administration,
                        locale,
                        resume: None,
                        role: Some(Role::Trainee),
                    })
                }
            ),
            (any::<u32>(), intent()).prop_map(|(seq, intent)| ClientMsg::Intent { seq, intent }),
            (any::<u64>(), any::<u64>()).prop_map(|(nonce, client_time_us)| ClientMsg::Ping { nonce, client_time_us }),
            any::<u64>().prop_map(|nonce| ClientMsg::QueryStateHash { nonce }),
            Just(ClientMsg::QueryStanding),
        ]
    }

    fn server_msg() -> impl Strategy<Value = ServerMsg> {
        let code = proptest::sample::select(CloseCode::ALL.to_vec());
        prop_oneof![
            (any::<u16>(), any::<u64>(), any::<u32>(), ".{0,16}").prop_map(|(p, t, tick, session)| {
                ServerMsg::Welcome(Welcome {
                    participant: ParticipantId(p),
                    role: Role::Trainee,
                    session,
                    tick_hz: 60,
                    server_time_us: t,
                    tick: Tick(tick),
                    resume: "00ff".into(),
                    voice_recorded: t % 2 == 0,
                    captions: t % 3 == 0,
                })
            }),
            (code.clone(), ".{0,64}").prop_map(|(code, message)| ServerMsg::Refused { code, message }),
            (any::<u16>(), ".{0,12}").prop_map(|(p, id)| ServerMsg::Said {
                by: ParticipantId(p),
                phrase: Phrase::Scenario(id),
                at: Some([1, -2, 3]),
            }),
            (any::<u16>(), code).prop_map(|(p, code)| ServerMsg::Left { participant: ParticipantId(p), code }),
            (any::<u16>(), any::<u32>(), ".{0,40}", any::<bool>()).prop_map(|(p, segment, text, last)| {
                ServerMsg::Caption(crate::caption::Caption { by: ParticipantId(p), segment, text, last })
            }),
            (any::<u16>(), any::<Option<u16>>()).prop_map(|(i, p)| ServerMsg::ItemHeld {
                item: NetId(i),
                holder: p.map(|p| Holder { participant: ParticipantId(p), hand: Hand::Left }),
            }),
            proptest::collection::vec(any::<u8>(), 0..300).prop_map(ServerMsg::Snapshot),
            (any::<u32>(), proptest::collection::vec(any::<u8>(), 0..300)).prop_map(|(offset, data)| {
                ServerMsg::ModelChunk { sha256: [9; 32], offset, total: MAX_MODEL, data }
            }),
            (qpose(), ".{0,8}").prop_map(|(pose, number)| ServerMsg::WorldInit(Box::new(WorldInit {
                tick: Tick(3),
                scenario: "s".into(),
                documents: Documents {
                    shipper: "A".into(),
                    consignee: "B".into(),
                    route: vec!["CNSHA".into()],
                    seal_number: number.clone(),
                    declared_gross_kg: 9000,
                    lines: vec![],
                },
                drill: DrillState {
                    scenario: "s".into(),
                    seed: 1,
                    paused: false,
                    elapsed_ms: 0,
                    time_limit_s: Some(60),
                    observers_open: true,
                    drill: 1,
                    locked_tools: vec![Tool::Drill],
                    self_unmute_locked: false,
                    revealed: false,
                    lead: None,
                    seal_number: number.clone(),
                    resealed: false,
                    risk_open: true,
                    chosen: vec![ParticipantId(2)],
                },
                readings: vec![],
                findings: vec![],
                flags: vec![],
                highlights: vec![NetId(4)],
                container_mm: [5898, 2393, 2352],
                items: vec![ItemInfo {
                    id: NetId(1),
                    kind: "carton".into(),
                    label: number.clone(),
                    size_mm: [1, 2, 3],
                    holder: None,
                    openable: true,
                    content: None,
                    model: Some(ModelRef { sha256: [7; 32], bytes: 1024 }),
                }],
                doors: vec![DoorInfo { id: NetId(2), name: "left".into(), handle: pose, open: true }],
                departed: vec![],
                phrases: vec![ScenarioPhrase {
                    id: "pallet-base".into(),
                    texts: vec![("en".into(), number.clone()), ("th".into(), "ตรวจฐานพาเลท".into())],
                }],
                risk: vec![Candidate {
                    container_number: "CDXU 200417 3".into(),
                    documents: Documents {
                        shipper: "C".into(),
                        consignee: number.clone(),
                        route: vec!["PKKHI".into(), "AEJEA".into()],
                        seal_number: "S".into(),
                        declared_gross_kg: 1,
                        lines: vec![],
                    },
                }],
                seal: SealInfo { id: NetId(3), number, pose },
                library: vec!["cigarettes-false-wall".into()],
                look: ContainerLook {
                    kind: ContainerKind::Reefer40,
                    number: "CDXU 200417 3".into(),
                    marks: vec![Mark {
                        kind: MarkKind::FreshWeld,
                        surface: Surface::FrontWall,
                        at_mm: [600, 2380, 0],
                        size_mm: [2352, 12],
                    }],
                    ..ContainerLook::default()
                },
            }))),
        ]
    }

    proptest! {
        #[test]
        fn every_client_message_round_trips(msg in client_msg()) {
            prop_assert_eq!(decode::<ClientMsg>(&encode(&msg)), Ok(msg));
        }

        #[test]
        fn every_server_message_round_trips(msg in server_msg()) {
            prop_assert_eq!(decode::<ServerMsg>(&encode(&msg)), Ok(msg));
        }

        #[test]
        fn random_bytes_never_panic_the_message_decoders(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = decode::<ClientMsg>(&bytes);
            let _ = decode::<ServerMsg>(&bytes);
        }
    }

    #[test]
    fn close_codes_map_back_from_their_numbers() {
        for code in CloseCode::ALL {
            assert_eq!(CloseCode::from_u32(code.to_u32()), Some(code));
        }
        assert_eq!(CloseCode::from_u32(9999), None);
    }
}
