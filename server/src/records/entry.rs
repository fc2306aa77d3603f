//! The records themselves: what the log holds, one entry per authoritative change.

use bincode::{Decode, Encode};
use crossdock_protocol::drill::{Finding, Reading};
use crossdock_protocol::messages::ParticipantInfo;
use crossdock_protocol::{CloseCode, Intent, ParticipantId, Tick};

/// One authoritative change.
#[derive(Debug, Clone, PartialEq, Encode, Decode)]
pub enum Record {
    /// The scenario was (re)started: everything before it in the session is the previous drill.
    ScenarioStarted {
        /// Library name or path.
        name: String,
        /// The seed that placed the concealments.
        seed: u64,
        /// The scenario file's text, so the log alone can rebuild the truth.
        source: String,
        /// Wall clock at the start, Unix milliseconds.
        unix_ms: u64,
        /// Ticks per second.
        tick_hz: u16,
    },
    /// A participant joined.
    Joined(ParticipantInfo),
    /// A participant left.
    Left {
        /// Who.
        participant: ParticipantId,
        /// Why.
        code: CloseCode,
    },
    /// An intent was validated and applied (instructor commands included; their rows are of
    /// kind `command`).
    Applied {
        /// Who asked.
        by: ParticipantId,
        /// What.
        intent: Intent,
    },
    /// A tool reading.
    Reading(Reading),
    /// A finding was marked, co-signed or judged (its state after the change).
    Finding(Finding),
    /// The continuous state at this tick (a full snapshot datagram), ten times a second.
    Keyframe(Vec<u8>),
    /// A talk spurt ended: who spoke, from when, for how long (journaled at the spurt's end).
    Spoke {
        /// The speaker.
        participant: ParticipantId,
        /// The tick the first frame was relayed.
        start: Tick,
        /// Ticks from the first frame to the last.
        ticks: u32,
        /// Frames relayed (20 ms each).
        frames: u32,
        /// An instructor's all-call.
        all_call: bool,
    },
    /// One relayed voice frame (an Opus packet), kept only when `record_voice` is on.
    Voice {
        /// The speaker.
        participant: ParticipantId,
        /// The frame's sequence number.
        seq: u16,
        /// The Opus packet.
        payload: Vec<u8>,
    },
    /// The drill ended; nothing after it belongs to it (the next starts with `ScenarioStarted`).
    DrillEnded {
        /// Why.
        reason: DrillEnd,
        /// Wall clock at the end, Unix milliseconds.
        unix_ms: u64,
    },
    /// The participant joined with a personal invite naming this learner (journaled right
    /// after their `Joined`). Participants without one are "unnamed" in reports.
    Identified {
        /// Who.
        participant: ParticipantId,
        /// The learner.
        learner: Learner,
    },
    /// The world hash at this tick's keyframe (the keyframe's entities, holders, doors, opened
    /// packages and who is present), so that a replay can prove it rebuilt the live world.
    WorldHash(u64),
    /// The participant joined from a second place (another device, another app) while still
    /// connected at the first; the newer connection took over. Reports say so: an invite shared
    /// is visible.
    SecondPlace {
        /// Who.
        participant: ParticipantId,
    },
    /// One interpreter's voice frame, relayed on their language's channel only; kept, like
    /// `Voice`, only when `record_voice` is on.
    Interpreted {
        /// The interpreter.
        participant: ParticipantId,
        /// The channel's language.
        language: String,
        /// The frame's sequence number.
        seq: u16,
        /// The Opus packet.
        payload: Vec<u8>,
    },
    /// A final live caption: what the speech worker heard someone say, in their language.
    Caption {
        /// The speaker.
        participant: ParticipantId,
        /// Their segment's number.
        segment: u32,
        /// The words.
        text: String,
        /// The interpretation channel it was heard on (`None`: the floor).
        channel: Option<String>,
    },
    /// The drill's scenario came from a pack: which, by whom, which exact copy. Follows its
    /// `ScenarioStarted`.
    Origin(crate::scenario::Origin),
}

/// Why a drill ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DrillEnd {
    /// An instructor ended it.
    Ended,
    /// An instructor reset, switched or re-randomised the scenario: a new drill began.
    Restarted,
    /// The server restarted with another scenario, so the drill could not be resumed.
    NotResumed,
}

impl DrillEnd {
    /// How reports say it.
    pub fn as_str(self) -> &'static str {
        match self {
            DrillEnd::Ended => "ended by the instructor",
            DrillEnd::Restarted => "the scenario was restarted",
            DrillEnd::NotResumed => "the server restarted with another scenario",
        }
    }
}

/// A learner from the class roster, as their personal invite names them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Encode, Decode, serde::Serialize)]
pub struct Learner {
    /// The centre's id for the learner (officer id, LMS id), unique in the roster.
    pub id: String,
    /// Their account in the centre's learning system, when it differs from `id`.
    pub lms_account: Option<String>,
}

impl Record {
    /// A short kind name, stored beside the body for people reading the database.
    pub fn kind(&self) -> &'static str {
        match self {
            Record::ScenarioStarted { .. } => "scenario-started",
            Record::Joined(_) => "joined",
            Record::Left { .. } => "left",
            // Instructor commands apart, so the session's own settings (observers admitted, an
            // open debrief) are read back after a restart without reading every grab.
            Record::Applied { intent: Intent::Instruct(_), .. } => "command",
            Record::Applied { .. } => "applied",
            Record::Reading(_) => "reading",
            Record::Finding(_) => "finding",
            Record::Keyframe(_) => "keyframe",
            Record::Spoke { .. } => "spoke",
            Record::Voice { .. } | Record::Interpreted { .. } => "voice",
            Record::Caption { .. } => "caption",
            Record::DrillEnded { .. } => "drill-ended",
            Record::Identified { .. } => "identified",
            Record::WorldHash(_) => "world-hash",
            Record::SecondPlace { .. } => "second-place",
            Record::Origin(_) => "origin",
        }
    }
}

/// Whether a `Joined` record is a browser console's seat rather than a participant: a console
/// is journaled with no administration, and every participant's hello must carry one.
pub fn is_console_seat(info: &ParticipantInfo) -> bool {
    info.administration.is_empty()
}

/// A record with its place in time.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The tick it happened on.
    pub tick: Tick,
    /// Server time in milliseconds.
    pub server_ms: u64,
    /// The change.
    pub record: Record,
}
