//! The debrief as this client holds it: the recorded drill in a mirror of its own (so the live
//! mirror stays untouched underneath), its timeline, trails and clock, and where its ghosts'
//! recorded voices come from.

use std::collections::BTreeMap;
use web_time::Instant;

use crossdock_protocol::debrief::{DebriefFrame, DebriefInfo, Marker, REAL_TIME, Trail, ghost_voice};
use crossdock_protocol::messages::ParticipantInfo;
use crossdock_protocol::snapshot::decode_delta;
use crossdock_protocol::{DecodeError, ParticipantId};

use crate::mirror::Mirror;

/// An open debrief.
#[derive(Debug)]
pub struct Debrief {
    /// The drill's number in the session.
    pub drill: u32,
    /// How long it runs, in milliseconds.
    pub length_ms: u32,
    /// Everyone who took part.
    pub people: Vec<ParticipantInfo>,
    /// The timeline.
    pub markers: Vec<Marker>,
    /// Trails by participant: milliseconds into the drill, and (x, z) in millimetres.
    pub trails: BTreeMap<ParticipantId, Vec<(u32, [i32; 2])>>,
    /// Where the class's gaze fell over the drill: a cell's centre (mm) and facing, and the
    /// keyframes everyone's gaze rested there, summed.
    pub gaze: BTreeMap<([i32; 3], u8), u32>,
    /// The recorded world at the clock: its avatars are the ghosts.
    pub mirror: Mirror,
    /// The latest frame's moment, when it arrived, whether the clock runs and how fast.
    pub at_ms: u32,
    received: Option<Instant>,
    /// The clock runs.
    pub playing: bool,
    /// Its speed in quarters of real time.
    pub quarters: u8,
    /// Findings marked by the clock's moment.
    pub findings: u32,
    /// The truth had been revealed by then.
    pub revealed: bool,
    /// Where each ghost's head is, by the speaker id its recorded voice plays under.
    pub voices: Vec<(ParticipantId, glam::Vec3)>,
}

impl Debrief {
    /// A debrief of `info`, before its first frame.
    pub fn new(info: DebriefInfo) -> Debrief {
        let mut mirror = Mirror::new(*info.world);
        for p in &info.people {
            mirror.handle_joined(p.clone());
        }
        Debrief {
            drill: info.drill,
            length_ms: info.length_ms,
            people: info.people,
            markers: info.markers,
            trails: BTreeMap::new(),
            gaze: BTreeMap::new(),
            mirror,
            at_ms: 0,
            received: None,
            playing: false,
            quarters: REAL_TIME,
            findings: 0,
            revealed: false,
            voices: Vec::new(),
        }
    }

    /// Keeps a participant's trail and adds their gaze to the class's.
    pub fn trail(&mut self, trail: Trail) {
        for g in &trail.gaze {
            *self.gaze.entry((g.at_mm, g.facing.min(2))).or_default() += g.samples;
        }
        self.trails.insert(trail.participant, trail.points);
    }

    /// Applies a frame that arrived at `now`.
    pub fn frame(&mut self, frame: &DebriefFrame, now: Instant) -> Result<(), DecodeError> {
        let (_, snapshot) = decode_delta(&frame.snapshot, None)?;
        self.mirror.apply_snapshot(&snapshot);
        self.voices = self.mirror.avatars().into_iter().map(|(id, a)| (ghost_voice(id), a.head.position())).collect();
        for (door, open) in &frame.doors {
            self.mirror.handle_door(*door, *open);
        }
        for item in self.mirror.items() {
            let holder = frame.holders.iter().find(|(i, _)| *i == item.info.id).map(|(_, h)| *h);
            if holder != item.info.holder {
                self.mirror.handle_item_held(item.info.id, holder);
            }
        }
        // Who pointed, with which hand, as the ghosts' flags.
        for flags in self.mirror.drill.flags.values_mut() {
            flags.pointing = None;
        }
        for (who, hand) in &frame.pointing {
            self.mirror.drill.flags.entry(*who).or_default().pointing = Some(*hand);
        }
        self.at_ms = frame.at_ms;
        self.received = Some(now);
        self.playing = frame.playing;
        self.quarters = frame.quarters;
        self.findings = frame.findings;
        self.revealed = frame.revealed;
        Ok(())
    }

    /// The clock at `now`: the latest frame's moment, run on at its speed while it plays (so a
    /// timeline's cursor glides between frames).
    pub fn clock_ms(&self, now: Instant) -> u32 {
        let ran = match (self.playing, self.received) {
            (true, Some(at)) => now.saturating_duration_since(at).as_millis() as u64 * u64::from(self.quarters) / 4,
            _ => 0,
        };
        (u64::from(self.at_ms) + ran.min(1000)).min(u64::from(self.length_ms)) as u32
    }

    /// A recorded participant by id.
    pub fn person(&self, id: ParticipantId) -> Option<&ParticipantInfo> {
        self.people.iter().find(|p| p.id == id)
    }

    /// The points of `id`'s trail up to `at_ms`, in metres on the floor.
    pub fn trail_until(&self, id: ParticipantId, at_ms: u32) -> Vec<glam::Vec2> {
        self.trails.get(&id).map_or_else(Vec::new, |t| {
            t.iter()
                .take_while(|(ms, _)| *ms <= at_ms)
                .map(|(_, [x, z])| glam::Vec2::new(*x as f32 / 1000.0, *z as f32 / 1000.0))
                .collect()
        })
    }
}
