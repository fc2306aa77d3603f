//! Replay: rebuild a session's world at any tick from its log alone.
//!
//! Discrete state (participants, doors, holders, opened packages, readings, findings, drill
//! flags) is folded from the records up to the tick; continuous state (avatars and item
//! transforms) comes from the newest keyframe at or before it (keyframes are 10 per second).

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use crossdock_protocol::drill::{Command, Finding, Reading, ReadingValue};
use crossdock_protocol::messages::{Holder, ParticipantInfo};
use crossdock_protocol::snapshot::{Snapshot, decode_delta};
use crossdock_protocol::{Intent, NetId, ParticipantId, Tick};

use super::entry::Record;
use super::store::StoredRecord;
use crate::scenario::Scenario;

/// A session's world as the log says it was at one tick.
#[derive(Debug, Clone)]
pub struct ReplayWorld {
    /// The tick replayed to.
    pub tick: Tick,
    /// The scenario running then, seeded as it was.
    pub scenario: Scenario,
    /// Who was present.
    pub participants: BTreeMap<ParticipantId, ParticipantInfo>,
    /// Door states by id (ids as the server assigns them: doors first, from 1).
    pub doors: BTreeMap<NetId, bool>,
    /// Who held what.
    pub holders: BTreeMap<NetId, Holder>,
    /// Opened packages and their contents.
    pub opened: BTreeMap<NetId, String>,
    /// Readings so far in this drill.
    pub readings: Vec<Reading>,
    /// Findings so far in this drill.
    pub findings: BTreeMap<u32, Finding>,
    /// Whether the truth was revealed.
    pub revealed: bool,
    /// The newest keyframe at or before the tick.
    pub continuous: Snapshot,
    /// The tick the drill (scenario) started.
    pub started: Tick,
    /// Paused by the instructor.
    pub paused: bool,
    /// Tools locked for trainees.
    pub locked_tools: Vec<crossdock_protocol::drill::Tool>,
    /// Trainees may not unmute themselves.
    pub self_unmute_locked: bool,
    /// The seal fitted now and whether the container was re-sealed.
    pub reseal: Option<String>,
    /// The highest participant id the session ever handed out.
    pub max_participant: u16,
}

/// Replays `records` (one session's, in order) up to and including `tick`.
pub fn world_at(records: &[StoredRecord], tick: Tick) -> Result<ReplayWorld> {
    let mut world: Option<ReplayWorld> = None;
    let mut participants = BTreeMap::new();
    let mut max_participant = 0;
    for r in records.iter().take_while(|r| r.entry.tick <= tick) {
        match &r.entry.record {
            Record::ScenarioStarted { name, seed, source, .. } => {
                let scenario = Scenario::parse(name, source, Some(*seed))
                    .with_context(|| format!("record {} holds a scenario that no longer parses", r.seq))?;
                let doors = (1..=2).map(|d| (NetId(d), false)).collect();
                world = Some(ReplayWorld {
                    tick,
                    scenario,
                    participants: BTreeMap::new(),
                    doors,
                    holders: BTreeMap::new(),
                    opened: BTreeMap::new(),
                    readings: Vec::new(),
                    findings: BTreeMap::new(),
                    revealed: false,
                    continuous: Snapshot::default(),
                    started: r.entry.tick,
                    paused: false,
                    locked_tools: Vec::new(),
                    self_unmute_locked: false,
                    reseal: None,
                    max_participant: 0,
                });
            }
            Record::Joined(info) => {
                max_participant = max_participant.max(info.id.0);
                participants.insert(info.id, info.clone());
            }
            Record::Left { participant, .. } => {
                participants.remove(participant);
                if let Some(w) = &mut world {
                    w.holders.retain(|_, h| h.participant != *participant);
                }
            }
            other => {
                let Some(w) = &mut world else { continue };
                apply(w, other)?;
            }
        }
    }
    let mut world = world.context("no scenario had started by that tick")?;
    world.participants = participants;
    world.max_participant = max_participant;
    Ok(world)
}

fn apply(w: &mut ReplayWorld, record: &Record) -> Result<()> {
    match record {
        Record::Applied { by, intent } => match intent {
            Intent::Grab { item, hand } => {
                w.holders.insert(*item, Holder { participant: *by, hand: *hand });
            }
            Intent::Release { hand } => w.holders.retain(|_, h| !(h.participant == *by && h.hand == *hand)),
            Intent::SetDoor { door, open } => {
                w.doors.insert(*door, *open);
            }
            Intent::Instruct(Command::RevealTruth) => w.revealed = true,
            Intent::Instruct(Command::Pause) => w.paused = true,
            Intent::Instruct(Command::Resume) => w.paused = false,
            Intent::Instruct(Command::LockSelfUnmute { locked }) => w.self_unmute_locked = *locked,
            Intent::Instruct(Command::LockTool { tool, locked }) => {
                w.locked_tools.retain(|t| t != tool);
                if *locked {
                    w.locked_tools.push(*tool);
                    w.locked_tools.sort();
                }
            }
            Intent::Reseal { number } => w.reseal = Some(number.trim().to_owned()),
            _ => {}
        },
        Record::Reading(reading) => {
            if let ReadingValue::Opened { item, content } = &reading.value {
                w.opened.insert(*item, content.clone());
            }
            w.readings.push(reading.clone());
        }
        Record::Finding(f) => {
            w.findings.insert(f.id, f.clone());
        }
        Record::Keyframe(bytes) => {
            w.continuous =
                decode_delta(bytes, None).map(|(_, s)| s).context("a keyframe in the log does not decode")?;
        }
        _ => {}
    }
    Ok(())
}
