//! The debrief: a recorded drill played back inside a live session.
//!
//! An instructor opens a drill of the session's log ([`DebriefCommand::Open`]); the server
//! sends everyone [`DebriefInfo`] (the recorded drill's world as it started, who took part, the
//! timeline's markers), one [`Trail`] per participant, then a [`DebriefFrame`] whenever the
//! replay's clock moves. The live session carries on underneath: everyone keeps their own
//! avatar and voice, and the recorded participants are drawn as ghosts.

use bincode::{Decode, Encode};

use crate::drill::{Category, Tool};
use crate::messages::{Holder, ParticipantInfo, WorldInit};
use crate::{Hand, NetId, ParticipantId};

/// The slowest and fastest replay, in quarters of real time (0.25x and 8x).
pub const SPEEDS: std::ops::RangeInclusive<u8> = 1..=32;
/// Real time, in quarters.
pub const REAL_TIME: u8 = 4;
/// The most markers one debrief's timeline carries (the earliest are kept).
pub const MAX_MARKERS: usize = 2000;
/// The longest marker label, in characters.
pub const MAX_LABEL: usize = 120;
/// The most points of one trail (one a second: half an hour).
pub const MAX_TRAIL: usize = 1800;
/// One step of [`DebriefCommand::Step`], in milliseconds (a keyframe).
pub const STEP_MS: u32 = 100;
/// Set in a relayed voice frame's speaker: the recorded voice of the ghost with the rest of the
/// id, played back while a debrief plays at real time.
pub const GHOST_VOICE: u16 = 0x8000;

/// The speaker id a recorded participant's voice is played back under (apart from their live
/// voice, which may be in the room at the same time).
pub fn ghost_voice(participant: ParticipantId) -> ParticipantId {
    ParticipantId(participant.0 | GHOST_VOICE)
}

/// What an instructor does with the debrief (inside [`crate::drill::Command::Debrief`]).
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub enum DebriefCommand {
    /// Open drill `drill` of this session, paused at its start: an ended one, or the running one
    /// as recorded so far (0: the one that ended last, or the running one if none has).
    Open {
        /// The drill's number in the session.
        drill: u32,
    },
    /// Close it: everyone is back in the live session.
    Close,
    /// Play from where the clock stands.
    Play,
    /// Stop the clock.
    Pause,
    /// Play at `quarters` / 4 of real time (within [`SPEEDS`]).
    Speed {
        /// Quarters of real time.
        quarters: u8,
    },
    /// Move the clock to `at_ms` after the drill's start (clamped to its length).
    Seek {
        /// Milliseconds into the drill.
        at_ms: u32,
    },
    /// Pause and move one keyframe ([`STEP_MS`]) forward or back.
    Step {
        /// Forward, or back.
        forward: bool,
    },
    /// Pause and move to the next (or previous) marker.
    Jump {
        /// Forward, or back.
        forward: bool,
    },
}

impl DebriefCommand {
    /// The command with `Open { drill: 0 }` made concrete while drill `live` runs: the drill
    /// that ended last (the one before it), or the running one if none has.
    pub fn resolved(self, live: u32) -> DebriefCommand {
        match self {
            DebriefCommand::Open { drill: 0 } => DebriefCommand::Open { drill: live.saturating_sub(1).max(1) },
            c => c,
        }
    }
}

/// The recorded drill a debrief plays.
#[derive(Debug, Clone, PartialEq, Encode, Decode)]
pub struct DebriefInfo {
    /// The drill's number in the session.
    pub drill: u32,
    /// How long its log runs, in milliseconds.
    pub length_ms: u32,
    /// Its world as it started: scenario, container, items (with their real content: the
    /// debrief shows the truth), doors and seal. Its `tick` is the drill's first tick.
    pub world: Box<WorldInit>,
    /// Everyone who took part, as they joined.
    pub people: Vec<ParticipantInfo>,
    /// The timeline, in time order.
    pub markers: Vec<Marker>,
}

/// A moment on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct Marker {
    /// Milliseconds into the drill.
    pub at_ms: u32,
    /// What happened (a client says it in its user's language).
    pub kind: MarkerKind,
    /// Who did it, when someone did.
    pub who: Option<ParticipantId>,
    /// Text that came with it, shown as it is: an opened package's content, a seal number, a
    /// bookmark's note (at most [`MAX_LABEL`] characters; participant text: show it as text).
    pub label: String,
}

/// What happened at a marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub enum MarkerKind {
    /// A finding marked (or, `cosigned`, co-signed).
    Finding {
        /// Its category.
        category: Category,
        /// A co-signature rather than the first mark.
        cosigned: bool,
    },
    /// An instructor judged a finding.
    Judgement {
        /// Confirmed, or rejected.
        confirmed: bool,
    },
    /// A tool reading.
    Reading {
        /// The tool.
        tool: Tool,
    },
    /// A package opened (its content in the label).
    Opened,
    /// A door opened or closed.
    Door {
        /// Opened, or closed.
        open: bool,
    },
    /// The container re-sealed (the new number in the label).
    Resealed,
    /// An instructor paused the drill.
    Paused,
    /// An instructor resumed it.
    Resumed,
    /// An instructor revealed the truth.
    Revealed,
    /// Someone spoke for `ms` milliseconds.
    Talk {
        /// How long.
        ms: u32,
    },
    /// An instructor's bookmark (its note in the label).
    Bookmark,
    /// Someone said a phrase (its id, as `Phrase::id` writes it, in the label).
    Said,
    /// A final live caption of someone's speech (its text in the label).
    Caption,
}

impl MarkerKind {
    /// The group a timeline colours it by.
    pub fn group(self) -> MarkerGroup {
        match self {
            MarkerKind::Finding { .. } => MarkerGroup::Finding,
            MarkerKind::Judgement { .. } => MarkerGroup::Judgement,
            MarkerKind::Reading { .. } | MarkerKind::Opened => MarkerGroup::Reading,
            MarkerKind::Door { .. } | MarkerKind::Resealed => MarkerGroup::Container,
            MarkerKind::Paused | MarkerKind::Resumed | MarkerKind::Revealed => MarkerGroup::Instructor,
            MarkerKind::Talk { .. } | MarkerKind::Said | MarkerKind::Caption => MarkerGroup::Talk,
            MarkerKind::Bookmark => MarkerGroup::Bookmark,
        }
    }
}

/// Kinds of marker that share a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerGroup {
    /// Findings.
    Finding,
    /// Judgements.
    Judgement,
    /// Readings and opened packages.
    Reading,
    /// Doors and the seal.
    Container,
    /// The instructor's pause, resume and reveal.
    Instructor,
    /// Talk.
    Talk,
    /// Bookmarks.
    Bookmark,
}

/// Where one participant's head went, one point a second, and where their gaze fell.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct Trail {
    /// Whose.
    pub participant: ParticipantId,
    /// Milliseconds into the drill, and the head's place on the floor (x, z) in millimetres.
    pub points: Vec<(u32, [i32; 2])>,
    /// The cells of the container's inside their gaze fell on over the whole drill, at most
    /// [`MAX_GAZE`], the most looked at first.
    pub gaze: Vec<Gaze>,
}

/// A [`GAZE_CELL_MM`] square of a wall, the floor or the roof that a gaze fell on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub struct Gaze {
    /// Its centre, in millimetres, on the surface.
    pub at_mm: [i32; 3],
    /// The axis the surface faces along: 0 x (the front wall), 1 y (floor, roof), 2 z (side
    /// walls).
    pub facing: u8,
    /// Keyframes (a tenth of a second each) the gaze rested there.
    pub samples: u32,
}

/// The side of a [`Gaze`] cell, in millimetres.
pub const GAZE_CELL_MM: u32 = 500;
/// The most gaze cells one trail carries.
pub const MAX_GAZE: usize = 1024;

/// The replay at one moment: sent whenever its clock moves, at most ten times a second.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct DebriefFrame {
    /// Milliseconds into the drill.
    pub at_ms: u32,
    /// Whether the clock runs.
    pub playing: bool,
    /// Its speed, in quarters of real time.
    pub quarters: u8,
    /// The recorded continuous state at that moment (the newest keyframe at or before it): a
    /// full snapshot, encoded as a `Snapshot` datagram with no baseline. Its avatars are the
    /// recorded participants' (ghosts), its items the recorded drill's.
    pub snapshot: Vec<u8>,
    /// Who was present.
    pub present: Vec<ParticipantId>,
    /// Doors and whether each was open.
    pub doors: Vec<(NetId, bool)>,
    /// Who held what.
    pub holders: Vec<(NetId, Holder)>,
    /// Packages opened by then.
    pub opened: Vec<NetId>,
    /// Findings marked by then.
    pub findings: u32,
    /// Whether the truth had been revealed.
    pub revealed: bool,
    /// Who was pointing, and with which hand.
    pub pointing: Vec<(ParticipantId, Hand)>,
}

/// Shortens `label` to [`MAX_LABEL`] characters.
pub fn clip_label(label: &str) -> String {
    match label.char_indices().nth(MAX_LABEL) {
        Some((end, _)) => format!("{}…", &label[..end]),
        None => label.to_owned(),
    }
}

/// `m:ss` (or `h:mm:ss`) for milliseconds into a drill.
pub fn clock_text(ms: u32) -> String {
    let s = ms / 1000;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// Reads `12:34`, `1:02:03` or `95` (seconds) as milliseconds; `None` if it is none of these.
pub fn parse_clock(text: &str) -> Option<u32> {
    let mut ms = 0u32;
    let parts: Vec<&str> = text.trim().split(':').collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    for (i, part) in parts.iter().enumerate() {
        let v: u32 = part.parse().ok()?;
        if i > 0 && v >= 60 {
            return None;
        }
        ms = ms.checked_mul(60)?.checked_add(v)?;
    }
    ms.checked_mul(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_text_and_parse_round_trip() {
        assert_eq!(parse_clock("12:34"), Some(754_000));
        assert_eq!(parse_clock("1:02:03"), Some(3_723_000));
        assert_eq!(parse_clock("95"), Some(95_000));
        for bad in ["", "1:60", "a:10", "1::2", "-3", "1:2:3:4"] {
            assert_eq!(parse_clock(bad), None, "{bad}");
        }
        assert_eq!(clock_text(754_999), "12:34");
        assert_eq!(clock_text(3_723_000), "1:02:03");
    }

    #[test]
    fn labels_are_clipped_by_characters_not_bytes() {
        let long = "ก".repeat(MAX_LABEL + 5);
        let clipped = clip_label(&long);
        assert_eq!(clipped.chars().count(), MAX_LABEL + 1);
        assert!(clipped.ends_with('…'));
        assert_eq!(clip_label("สมชาย"), "สมชาย");
    }
}
