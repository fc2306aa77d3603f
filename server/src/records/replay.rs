//! Replay: rebuild a session's world at any tick from its log alone.
//!
//! Discrete state (participants, doors, holders, opened packages, readings, findings, drill
//! flags) is folded from the records up to the tick; continuous state (avatars and item
//! transforms) comes from the newest keyframe at or before it (keyframes are 10 per second).

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use crossdock_protocol::drill::{Command, DrillState, Finding, Flags, Reading, ReadingValue, Target};
use crossdock_protocol::messages::{Holder, ParticipantInfo};
use crossdock_protocol::snapshot::{Snapshot, WorldHash, decode_delta};
use crossdock_protocol::{Intent, NetId, ParticipantId, Role, Tick};

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
    /// The newest keyframe at or before the tick.
    pub continuous: Snapshot,
    /// The tick the drill (scenario) started.
    pub started: Tick,
    /// The drill's shared state as the instructors' commands left it (`Command::apply_to`):
    /// paused, locked tools, self-unmute, lead, revealed. Its clock is not replayed.
    pub state: DrillState,
    /// Each participant's flags (frozen, muted) as commands and their own mute left them.
    pub flags: BTreeMap<ParticipantId, Flags>,
    /// Entities an instructor highlighted and did not switch off.
    pub highlights: std::collections::BTreeSet<NetId>,
    /// The seal fitted now and whether the container was re-sealed.
    pub reseal: Option<String>,
    /// The highest participant id the session ever handed out.
    pub max_participant: u16,
}

/// Replays `records` (one session's, in order) up to and including `tick`.
pub fn world_at(records: &[StoredRecord], tick: Tick) -> Result<ReplayWorld> {
    let mut fold = Fold::default();
    for r in records.iter().take_while(|r| r.entry.tick <= tick) {
        fold.step(r)?;
    }
    fold.world(tick)
}

/// Folds `records` to their end, comparing the replayed world with every world hash the live
/// server journaled beside a keyframe: how many it checked, and the ticks where they differ.
pub fn verify(records: &[StoredRecord]) -> Result<(usize, Vec<Tick>)> {
    let mut fold = Fold::default();
    let (mut checked, mut differ) = (0, Vec::new());
    for r in records {
        if let Record::WorldHash(live) = r.entry.record {
            checked += 1;
            if fold.world.as_ref().map(|w| fold.hash(w)) != Some(live) {
                differ.push(r.entry.tick);
            }
        }
        fold.step(r)?;
    }
    Ok((checked, differ))
}

/// The replay of one drill that moves to any tick quickly: it folds forward from where it
/// stands or from the nearest checkpoint before the tick, whichever is nearer (a checkpoint is a
/// copy of the fold every [`CHECKPOINT_S`] of the drill, taken on a first pass when it is made).
#[derive(Debug)]
pub struct Replay {
    records: Vec<StoredRecord>,
    fold: Fold,
    /// Records folded so far.
    next: usize,
    checkpoints: Vec<(usize, Fold)>,
}

/// Seconds of drill between two checkpoints of a [`Replay`].
pub const CHECKPOINT_S: u32 = 5;

impl Replay {
    /// Folds `records` (one drill's, in order) once, keeping checkpoints, and stands at its start.
    pub fn new(records: Vec<StoredRecord>, hz: u16) -> Result<Replay> {
        let every = CHECKPOINT_S * u32::from(hz.max(1));
        let mut fold = Fold::default();
        let mut checkpoints = vec![(0, fold.clone())];
        let mut last = 0u32;
        for (i, r) in records.iter().enumerate() {
            if r.entry.tick.0 >= last.saturating_add(every) && fold.world.is_some() {
                checkpoints.push((i, fold.clone()));
                last = r.entry.tick.0;
            }
            fold.step(r)?;
        }
        Ok(Replay { records, fold: Fold::default(), next: 0, checkpoints })
    }

    /// The records replayed.
    pub fn records(&self) -> &[StoredRecord] {
        &self.records
    }

    /// The world at `tick`.
    pub fn seek(&mut self, tick: Tick) -> Result<ReplayWorld> {
        let at = self.records.partition_point(|r| r.entry.tick <= tick);
        // From the nearest checkpoint at or before the tick, unless where it stands is nearer.
        let (index, fold) = self.checkpoints.iter().rev().find(|(i, _)| *i <= at).expect("checkpoint 0");
        if at < self.next || *index > self.next {
            (self.next, self.fold) = (*index, fold.clone());
        }
        for r in &self.records[self.next..at] {
            self.fold.step(r)?;
        }
        self.next = at;
        self.fold.world(tick)
    }
}

/// The state folded from the records so far.
#[derive(Debug, Clone, Default)]
struct Fold {
    world: Option<ReplayWorld>,
    participants: BTreeMap<ParticipantId, ParticipantInfo>,
    max_participant: u16,
}

impl Fold {
    fn step(&mut self, r: &StoredRecord) -> Result<()> {
        match &r.entry.record {
            Record::ScenarioStarted { name, seed, source, .. } => {
                let scenario = Scenario::from_log(name, source, *seed)
                    .with_context(|| format!("record {} holds a scenario that no longer parses", r.seq))?;
                let doors = (1..=2).map(|d| (NetId(d), false)).collect();
                self.world = Some(ReplayWorld {
                    tick: r.entry.tick,
                    scenario: scenario.clone(),
                    participants: BTreeMap::new(),
                    doors,
                    holders: BTreeMap::new(),
                    opened: BTreeMap::new(),
                    readings: Vec::new(),
                    findings: BTreeMap::new(),
                    continuous: Snapshot::default(),
                    started: r.entry.tick,
                    state: scenario.initial_state(),
                    flags: BTreeMap::new(),
                    highlights: Default::default(),
                    reseal: None,
                    max_participant: 0,
                });
            }
            Record::Joined(info) => {
                self.max_participant = self.max_participant.max(info.id.0);
                self.participants.insert(info.id, info.clone());
            }
            Record::Left { participant, .. } => {
                self.participants.remove(participant);
                if let Some(w) = &mut self.world {
                    w.holders.retain(|_, h| h.participant != *participant);
                    let trainees: Vec<ParticipantId> =
                        self.participants.values().filter(|p| p.role == Role::Trainee).map(|p| p.id).collect();
                    w.state.all_chosen(&trainees);
                }
            }
            other => {
                if let Some(w) = &mut self.world {
                    apply(w, other, &self.participants)?;
                }
            }
        }
        Ok(())
    }

    fn world(&self, tick: Tick) -> Result<ReplayWorld> {
        let mut world = self.world.clone().context("no scenario had started by that tick")?;
        world.tick = tick;
        world.participants = self.participants.clone();
        world.max_participant = self.max_participant;
        Ok(world)
    }

    /// The world hash of the folded world, as the live server computes it beside a keyframe.
    fn hash(&self, w: &ReplayWorld) -> u64 {
        let mut hash = WorldHash::default();
        hash.snapshot(&w.continuous, None);
        for (item, holder) in &w.holders {
            hash.holder(*item, Some(*holder));
        }
        for (door, open) in &w.doors {
            hash.door(*door, *open);
        }
        for item in w.opened.keys() {
            hash.opened(*item);
        }
        for id in self.participants.keys() {
            hash.participant(*id);
        }
        hash.finish()
    }
}

/// What a command did to people and the room beyond the drill's state: flags and highlights.
fn apply_to_room(w: &mut ReplayWorld, command: &Command, present: &BTreeMap<ParticipantId, ParticipantInfo>) {
    let targets = |who: &Target| -> Vec<ParticipantId> {
        match who {
            Target::One(id) => vec![*id],
            Target::AllTrainees => present.values().filter(|p| p.role == Role::Trainee).map(|p| p.id).collect(),
        }
    };
    match command {
        Command::Freeze { who, frozen } => {
            for id in targets(who) {
                w.flags.entry(id).or_default().frozen = *frozen;
            }
        }
        Command::Mute { who, muted } => {
            for id in targets(who) {
                w.flags.entry(id).or_default().muted = *muted;
            }
        }
        Command::Interpret { who, language } => w.flags.entry(*who).or_default().interprets = language.clone(),
        Command::Highlight { entity, on: true } => {
            w.highlights.insert(*entity);
        }
        Command::Highlight { entity, on: false } => {
            w.highlights.remove(entity);
        }
        // The drill's state (`apply_to`), the debrief, teleports, restarts and notes: nothing
        // of people or the room that outlives the tick.
        Command::Pause
        | Command::Resume
        | Command::Reset
        | Command::SwitchScenario { .. }
        | Command::Rerandomise { .. }
        | Command::Summon { .. }
        | Command::Teleport { .. }
        | Command::LockSelfUnmute { .. }
        | Command::LockTool { .. }
        | Command::Point { .. }
        | Command::GiveLead { .. }
        | Command::Remove { .. }
        | Command::RevealTruth
        | Command::Judge { .. }
        | Command::EndDrill
        | Command::Bookmark { .. }
        | Command::Debrief(_)
        | Command::AdmitObservers { .. }
        | Command::CloseRiskStage => {}
    }
}

fn apply(w: &mut ReplayWorld, record: &Record, present: &BTreeMap<ParticipantId, ParticipantInfo>) -> Result<()> {
    match record {
        Record::Applied { by, intent } => match intent {
            Intent::Grab { item, hand } => {
                w.holders.insert(*item, Holder { participant: *by, hand: *hand });
            }
            Intent::Release { hand } => w.holders.retain(|_, h| !(h.participant == *by && h.hand == *hand)),
            Intent::SetDoor { door, open } => {
                w.doors.insert(*door, *open);
            }
            Intent::Instruct(command) => {
                command.apply_to(&mut w.state);
                apply_to_room(w, command, present);
            }
            Intent::SetMuted { muted } => w.flags.entry(*by).or_default().muted = *muted,
            Intent::Listen { channel } => w.flags.entry(*by).or_default().channel = channel.clone(),
            Intent::Point { hand } => w.flags.entry(*by).or_default().pointing = *hand,
            Intent::Reseal { number } => w.reseal = Some(number.trim().to_owned()),
            Intent::Choose { .. } => {
                let trainees: Vec<_> = present.values().filter(|p| p.role == Role::Trainee).map(|p| p.id).collect();
                w.state.choose(*by, &trainees);
            }
            Intent::MoveHeld { .. }
            | Intent::UseTool { .. }
            | Intent::MarkFinding { .. }
            | Intent::CoSign { .. }
            | Intent::Say { .. } => {}
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
        Record::Origin(origin) => w.scenario.origin = Some(origin.clone()),
        _ => {}
    }
    Ok(())
}
