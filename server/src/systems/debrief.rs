//! The debrief: a recorded drill of this session played back to everyone in it, on a clock the
//! instructor drives. The live session carries on underneath (avatars, voices, joins), its drill
//! paused (its clock stopped, trainees' intents refused as paused) until the debrief closes.
//!
//! Opening reads the drill's records on a thread of its own (a long log must not stall the
//! tick), folds them once into a [`Replay`] with checkpoints, and draws the timeline's markers
//! and everyone's trail (as the report does) from them. Each tick the clock moves by the tick's length times the
//! speed; at most ten times a second (a keyframe's spacing), and at once after a seek or a step,
//! everyone gets the replayed world at the clock. While it plays at real time, the recorded
//! voice (when the session recorded it) is relayed again, each frame on its tick, under the
//! ghost's voice id.

use std::collections::HashSet;
use std::path::PathBuf;
use tokio::sync::oneshot;

use anyhow::{Context as _, Result};
use bevy_ecs::prelude::{Entity, Has, Query, Res, ResMut, Resource, World};
use crossdock_protocol::debrief::{
    DebriefCommand, DebriefFrame, DebriefInfo, Gaze, MAX_GAZE, MAX_MARKERS, MAX_TRAIL, Marker, MarkerKind, REAL_TIME,
    SPEEDS, STEP_MS, Trail, clip_label, ghost_voice,
};
use crossdock_protocol::drill::{Command, FindingStatus, Reading, ReadingValue};
use crossdock_protocol::messages::WorldInit;
use crossdock_protocol::snapshot::{decode_delta, encode_delta};
use crossdock_protocol::voice::{RelayedVoice, VoiceFrame};
use crossdock_protocol::{Intent, NetId, ParticipantId, Role, ServerMsg, Tick};

use super::drill::spawn_scenario;
use super::receive::world_init;
use crate::assessment::coverage::Coverage;
use crate::records::replay::{Replay, ReplayWorld};
use crate::records::{Record, Store, StoredRecord};
use crate::scenario::Scenario;
use crate::session::world::*;

/// The debrief of this session: none, one loading, or one open.
#[derive(Resource, Debug)]
pub struct Debrief {
    data_dir: PathBuf,
    /// Commands an instructor gave this tick, checked, in order.
    pub requests: Vec<DebriefCommand>,
    /// Clock commands given while it loads, carried out once it is open (an instructor may open
    /// and seek in one breath, as `--debrief N --at T` does).
    pending: Vec<DebriefCommand>,
    loading: Option<oneshot::Receiver<Result<Loaded>>>,
    open: Option<Open>,
    /// While a debrief is open the live drill is paused: its number, and whether it was paused
    /// of its own (what it returns to when the debrief closes).
    held: Option<(u32, bool)>,
    /// The instructor (or instructor's console) whose debrief it is: when they leave, it passes
    /// to another instructor present, or closes so the live drill is not left paused.
    pub opener: Option<ParticipantId>,
}

/// One recorded voice frame, and the channel it was relayed on (`None`: the floor).
#[derive(Debug)]
struct Recorded {
    tick: Tick,
    speaker: ParticipantId,
    channel: Option<String>,
    frame: VoiceFrame,
}

/// A drill read, folded and described, ready to play.
#[derive(Debug)]
struct Loaded {
    replay: Replay,
    info: DebriefInfo,
    /// `info` as someone who may not see the truth gets it while the live drill runs on the
    /// same scenario and seed unrevealed: no package's content but those the recording opened.
    masked: DebriefInfo,
    /// The recorded drill's scenario and seed: the same as the live drill's means the same truth.
    truth: (String, u64),
    trails: Vec<Trail>,
    /// The recorded voice frames (when the session recorded voice), in order.
    voice: Vec<Recorded>,
    start: Tick,
    hz: u16,
}

impl Loaded {
    /// What `role` is told of the recorded drill while `live` runs: everything, unless the
    /// recording holds the live drill's own unrevealed truth and `role` may not see it yet.
    fn info_for(&self, role: Role, live: &Drill) -> &DebriefInfo {
        let same_truth = self.truth == (live.scenario.name.clone(), live.scenario.seed);
        if same_truth && !sees_truth(role, live) { &self.masked } else { &self.info }
    }

    /// The recorded tick `at_ms` into the drill.
    fn tick_at(&self, at_ms: u32) -> Tick {
        Tick(self.start.0.saturating_add((u64::from(at_ms) * u64::from(self.hz) / 1000) as u32))
    }
}

#[derive(Debug)]
struct Open {
    loaded: Loaded,
    at_ms: f64,
    playing: bool,
    quarters: u8,
    /// The moment last sent, and the tick it was sent on.
    sent: Option<(u32, Tick)>,
    /// The clock was moved by hand (or reached the end) this tick: send at once, and the
    /// recorded voice does not jump with it.
    moved: bool,
    /// The recorded tick up to which voice has been played.
    voiced: Option<Tick>,
    /// Participants who have the info and trails.
    told: HashSet<Entity>,
}

impl Debrief {
    /// No debrief; drills are read from the session's store in `data_dir`.
    pub fn new(data_dir: PathBuf) -> Debrief {
        Debrief {
            data_dir,
            requests: Vec::new(),
            pending: Vec::new(),
            loading: None,
            open: None,
            held: None,
            opener: None,
        }
    }

    /// The drill whose debrief is open, if one is.
    pub fn showing(&self) -> Option<u32> {
        self.open.as_ref().map(|o| o.loaded.info.drill)
    }

    /// Whether a debrief is open or opening (its clock can be driven).
    pub fn active(&self) -> bool {
        self.open.is_some() || self.loading.is_some()
    }

    /// An instructor paused or resumed the live drill: while a debrief holds it paused, this is
    /// what it returns to; otherwise it is for the drill itself (false).
    pub fn hold_pause(&mut self, paused: bool) -> bool {
        match &mut self.held {
            Some((_, held)) => {
                *held = paused;
                true
            }
            None => false,
        }
    }
}

/// While a debrief is open the live drill is paused (its clock stops, trainees' intents wait);
/// when it closes the drill is as the instructor left it. Says everyone when it changes.
fn hold_live_drill(debrief: &mut Debrief, drill: &mut Drill, outbox: &mut Outbox) {
    let before = drill.state.paused;
    match (debrief.active(), debrief.held) {
        // A new drill started under the debrief: it starts unpaused when the debrief closes.
        (true, Some((number, _))) if number != drill.number => debrief.held = Some((drill.number, false)),
        (true, None) => debrief.held = Some((drill.number, before)),
        (false, Some((_, paused))) => {
            debrief.held = None;
            drill.state.paused = paused;
        }
        _ => {}
    }
    if debrief.held.is_some() {
        drill.state.paused = true;
    }
    if drill.state.paused != before {
        outbox.push(Dest::All, ServerMsg::DrillChanged(drill.state.clone()));
    }
}

/// Applies this tick's debrief commands, takes in a drill that finished loading, moves the
/// clock, and sends the replay to everyone.
#[expect(clippy::too_many_arguments, reason = "a bevy system names each piece of the World it reads")]
pub fn debrief(
    clock: Res<Clock>,
    session: Res<SessionInfo>,
    mut debrief: ResMut<Debrief>,
    mut outbox: ResMut<Outbox>,
    mut outgoing: ResMut<Outgoing>,
    mut drill: ResMut<Drill>,
    mut journal: ResMut<Journal>,
    mut effects: ResMut<Effects>,
    consoles: Res<Consoles>,
    participants: Query<(Entity, &Participant, Has<Absent>)>,
) {
    let debrief = &mut *debrief;
    keep_an_owner(debrief, &participants, &consoles, &mut journal);
    for command in std::mem::take(&mut debrief.requests) {
        control(debrief, command, &session.name, &mut outbox, &mut effects);
    }
    if let Some(rx) = &mut debrief.loading {
        match rx.try_recv() {
            Ok(Ok(loaded)) => {
                tracing::info!(drill = loaded.info.drill, length_ms = loaded.info.length_ms, "debrief opened");
                debrief.loading = None;
                debrief.open = Some(Open {
                    loaded,
                    at_ms: 0.0,
                    playing: false,
                    quarters: REAL_TIME,
                    sent: None,
                    moved: true,
                    voiced: None,
                    told: HashSet::new(),
                });
                for command in std::mem::take(&mut debrief.pending) {
                    control(debrief, command, &session.name, &mut outbox, &mut effects);
                }
            }
            Ok(Err(e)) => {
                tracing::warn!(error = %format!("{e:#}"), "the debrief could not open");
                debrief.loading = None;
                outbox.push(Dest::All, ServerMsg::DebriefClosed { problem: format!("{e:#}") });
            }
            Err(oneshot::error::TryRecvError::Empty) => {}
            Err(oneshot::error::TryRecvError::Closed) => {
                debrief.loading = None;
                let problem = "the debrief's loader stopped unexpectedly: open it again".to_owned();
                outbox.push(Dest::All, ServerMsg::DebriefClosed { problem });
            }
        }
    }
    hold_live_drill(debrief, &mut drill, &mut outbox);
    let Some(open) = &mut debrief.open else { return };
    // Newcomers (and everyone, once it opens) get the drill and the trails first.
    open.told.retain(|e| participants.contains(*e));
    let newcomers: Vec<(Entity, Role)> =
        participants.iter().filter(|(e, _, _)| !open.told.contains(e)).map(|(e, p, _)| (e, p.info.role)).collect();
    for (e, role) in newcomers {
        let info = open.loaded.info_for(role, &drill).clone();
        outbox.push(Dest::One(e), ServerMsg::DebriefOpened(Box::new(info)));
        for trail in &open.loaded.trails {
            outbox.push(Dest::One(e), ServerMsg::DebriefTrail(trail.clone()));
        }
        open.told.insert(e);
        open.sent = None;
    }
    let length = f64::from(open.loaded.info.length_ms);
    // Whether the clock ran this tick without a jump (a seek or a step moves it): the voice
    // recorded on the way plays, up to the end when the clock reaches it.
    let ran = open.playing && !open.moved;
    if open.playing {
        open.at_ms += 1000.0 / f64::from(clock.hz.max(1)) * f64::from(open.quarters) / f64::from(REAL_TIME);
        if open.at_ms >= length {
            (open.at_ms, open.playing) = (length, false);
            open.moved = true;
        }
    }
    let at_ms = open.at_ms as u32;
    // The recorded voice plays while the clock runs at real time, each frame on its tick.
    let now = open.loaded.tick_at(at_ms);
    if let Some(from) = open.voiced.filter(|_| ran && open.quarters == REAL_TIME) {
        let voice = &open.loaded.voice;
        let (first, last) = (voice.partition_point(|v| v.tick <= from), voice.partition_point(|v| v.tick <= now));
        // As live: the floor to everyone, an interpreter's channel to its listeners only (each
        // viewer hears the channel they picked now).
        let listeners: Vec<_> = participants.iter().filter(|(_, _, absent)| !absent).map(|(_, p, _)| p).collect();
        for v in &voice[first..last] {
            let relayed = RelayedVoice {
                speaker: ghost_voice(v.speaker),
                frame: v.frame.clone(),
                interpretation: v.channel.is_some(),
            };
            let bytes = relayed.encode();
            let hears =
                |p: &Participant| v.channel.is_none() || (p.flags.interprets.is_none() && p.flags.channel == v.channel);
            outgoing.0.extend(listeners.iter().filter(|p| hears(p)).map(|p| Out::Datagram(p.client, bytes.clone())));
        }
    }
    open.voiced = Some(now);
    let keyframe_ticks = u32::from(clock.hz / 10).max(1);
    let due = match open.sent {
        None => true,
        Some((ms, tick)) => open.moved || (ms != at_ms && clock.tick.0.wrapping_sub(tick.0) >= keyframe_ticks),
    };
    if !due {
        return;
    }
    match frame(open, at_ms) {
        Ok(frame) => outbox.push(Dest::All, ServerMsg::DebriefFrame(frame)),
        Err(e) => {
            tracing::warn!(error = %format!("{e:#}"), at_ms, "the debrief could not replay a moment");
            let problem = format!("the recorded drill cannot be replayed at {at_ms} ms: {e:#}");
            outbox.push(Dest::All, ServerMsg::DebriefClosed { problem });
            debrief.open = None;
            return;
        }
    }
    open.sent = Some((at_ms, clock.tick));
    open.moved = false;
}

/// An open debrief whose opener has gone (left, not merely dropped) passes to another
/// instructor present, participant or console, or closes; the close is journaled under the
/// opener, so a restart does not open it again. One reopened after a restart belongs to the
/// first instructor back.
fn keep_an_owner(
    debrief: &mut Debrief,
    participants: &Query<(Entity, &Participant, Has<Absent>)>,
    consoles: &Consoles,
    journal: &mut Journal,
) {
    if !debrief.active() {
        return;
    }
    let here = |id: ParticipantId| {
        participants.iter().any(|(_, p, _)| p.info.id == id) || consoles.seats.values().any(|s| s.id == id)
    };
    let next = participants
        .iter()
        .filter(|(_, p, absent)| p.info.role == Role::Instructor && !absent)
        .map(|(_, p, _)| p.info.id)
        .chain(consoles.seats.values().filter(|s| s.role == Role::Instructor).map(|s| s.id))
        .min();
    match (debrief.opener, next) {
        (None, next) => debrief.opener = next,
        (Some(opener), _) if here(opener) => {}
        (Some(opener), Some(next)) => {
            tracing::info!(from = opener.0, to = next.0, "the debrief passes to another instructor");
            debrief.opener = Some(next);
        }
        (Some(opener), None) => {
            tracing::info!(opener = opener.0, "the instructor who opened the debrief left: it closes");
            debrief.opener = None;
            debrief.requests.push(DebriefCommand::Close);
            let intent = Intent::Instruct(Command::Debrief(DebriefCommand::Close));
            journal.0.push(Record::Applied { by: opener, intent });
        }
    }
}

/// Carries out one (already checked) command.
fn control(debrief: &mut Debrief, command: DebriefCommand, session: &str, outbox: &mut Outbox, effects: &mut Effects) {
    match command {
        DebriefCommand::Open { drill } => {
            // The log is read and folded by the tick loop's worker, never on the tick.
            let (tx, rx) = oneshot::channel();
            let (data_dir, session) = (debrief.data_dir.clone(), session.to_owned());
            let name = format!("debrief-{session}");
            effects
                .0
                .push(Effect::Work { name, job: Box::new(move || drop(tx.send(load(&data_dir, &session, drill)))) });
            debrief.open = None;
            debrief.pending.clear();
            debrief.loading = Some(rx);
        }
        DebriefCommand::Close => {
            debrief.open = None;
            debrief.loading = None;
            debrief.pending.clear();
            outbox.push(Dest::All, ServerMsg::DebriefClosed { problem: String::new() });
        }
        command => {
            let Some(open) = &mut debrief.open else {
                if debrief.loading.is_some() {
                    debrief.pending.push(command);
                }
                return;
            };
            let length = open.loaded.info.length_ms;
            let at = open.at_ms as u32;
            match command {
                DebriefCommand::Play => {
                    if at >= length {
                        open.at_ms = 0.0;
                    }
                    open.playing = true;
                }
                DebriefCommand::Pause => open.playing = false,
                DebriefCommand::Speed { quarters } => open.quarters = quarters.clamp(*SPEEDS.start(), *SPEEDS.end()),
                DebriefCommand::Seek { at_ms } => open.at_ms = f64::from(at_ms.min(length)),
                DebriefCommand::Step { forward } => {
                    open.playing = false;
                    let to = if forward { at.saturating_add(STEP_MS) } else { at.saturating_sub(STEP_MS) };
                    open.at_ms = f64::from(to.min(length));
                }
                DebriefCommand::Jump { forward } => {
                    open.playing = false;
                    let markers = &open.loaded.info.markers;
                    let to = if forward {
                        markers.iter().map(|m| m.at_ms).find(|m| *m > at).unwrap_or(length)
                    } else {
                        // Back past the marker just jumped to (the clock stands on it).
                        markers.iter().rev().map(|m| m.at_ms).find(|m| *m < at).unwrap_or(0)
                    };
                    open.at_ms = f64::from(to);
                }
                DebriefCommand::Open { .. } | DebriefCommand::Close => unreachable!("handled above"),
            }
            open.moved = true;
        }
    }
}

/// The replayed world at `at_ms`.
fn frame(open: &mut Open, at_ms: u32) -> Result<DebriefFrame> {
    let tick = open.loaded.tick_at(at_ms);
    let w = open.loaded.replay.seek(tick)?;
    Ok(DebriefFrame {
        at_ms,
        playing: open.playing,
        quarters: open.quarters,
        snapshot: encode_delta(&w.continuous, None, None, None).bytes,
        present: w.participants.keys().copied().collect(),
        doors: w.doors.iter().map(|(d, open)| (*d, *open)).collect(),
        holders: w.holders.iter().map(|(i, h)| (*i, *h)).collect(),
        opened: w.opened.keys().copied().collect(),
        findings: w.findings.len() as u32,
        revealed: w.state.revealed,
        pointing: w.flags.iter().filter_map(|(who, f)| Some((*who, f.pointing?))).collect(),
    })
}

/// Reads drill `drill` of `session` and makes it ready to play.
fn load(data_dir: &std::path::Path, session: &str, drill: u32) -> Result<Loaded> {
    let store = Store::open(data_dir).context("the event log cannot be opened")?;
    let records = store.read_drill(session, drill).with_context(|| format!("drill {drill} cannot be read"))?;
    let (start, hz) = match records.first().map(|r| (&r.entry.record, r.entry.tick)) {
        Some((&Record::ScenarioStarted { tick_hz, .. }, tick)) => (tick, tick_hz),
        _ => anyhow::bail!("drill {drill} of session {session} has no records: pick a drill this session ran"),
    };
    let end = records.last().map_or(start, |r| r.entry.tick);
    let at = |tick: Tick| (u64::from(tick.0.saturating_sub(start.0)) * 1000 / u64::from(hz.max(1))) as u32;
    let mut replay = Replay::new(records, hz)?;
    let first = replay.seek(start)?;
    let mut people: Vec<_> = replay
        .records()
        .iter()
        .filter_map(|r| match &r.entry.record {
            Record::Joined(info) => Some(info.clone()),
            _ => None,
        })
        .collect();
    people.sort_by_key(|p| p.id);
    people.dedup_by_key(|p| p.id);
    // Trails as the report draws them: a point a second per head, from the keyframes.
    let mut coverage = Coverage::new(&first.scenario, hz);
    for r in replay.records() {
        if let Record::Keyframe(bytes) = &r.entry.record {
            let (_, snapshot) = decode_delta(bytes, None).context("a keyframe in the log does not decode")?;
            coverage.keyframe(r.entry.tick, &snapshot);
        }
    }
    let mm = |m: f32| (m * 1000.0).round() as i32;
    let trails = coverage
        .trails
        .iter()
        .map(|(participant, points)| {
            let mut gaze: Vec<Gaze> = coverage.cells.get(participant).map_or_else(Vec::new, |cells| {
                cells
                    .iter()
                    .map(|(cell, samples)| {
                        let (centre, facing) = coverage.centre(*cell);
                        Gaze { at_mm: centre.to_array().map(mm), facing, samples: *samples }
                    })
                    .collect()
            });
            gaze.sort_by_key(|g| std::cmp::Reverse(g.samples));
            gaze.truncate(MAX_GAZE);
            Trail {
                participant: *participant,
                points: points.iter().take(MAX_TRAIL).map(|(tick, [x, z])| (at(*tick), [mm(*x), mm(*z)])).collect(),
                gaze,
            }
        })
        .collect();
    let markers = timeline(replay.records(), at);
    let voice = replay
        .records()
        .iter()
        .filter_map(|r| match &r.entry.record {
            Record::Voice { participant, seq, payload } => Some(Recorded {
                tick: r.entry.tick,
                speaker: *participant,
                channel: None,
                frame: VoiceFrame { seq: *seq, all_call: false, payload: payload.clone() },
            }),
            Record::Interpreted { participant, language, seq, payload } => Some(Recorded {
                tick: r.entry.tick,
                speaker: *participant,
                channel: Some(language.clone()),
                frame: VoiceFrame { seq: *seq, all_call: false, payload: payload.clone() },
            }),
            _ => None,
        })
        .collect();
    let world = Box::new(recorded_world(&first));
    let mut info = DebriefInfo { drill, length_ms: at(end), world, people, markers };
    // One message carries it all: a timeline too long for a frame keeps its earliest markers.
    let budget = crossdock_protocol::codec::MAX_FRAME - 4096;
    while crossdock_protocol::codec::encode(&info).len() > budget && !info.markers.is_empty() {
        let keep = info.markers.len() * 3 / 4;
        info.markers.truncate(keep);
    }
    let opened: HashSet<NetId> = replay
        .records()
        .iter()
        .filter_map(|r| match &r.entry.record {
            Record::Reading(Reading { value: ReadingValue::Opened { item, .. }, .. }) => Some(*item),
            _ => None,
        })
        .collect();
    let mut masked = info.clone();
    for item in masked.world.items.iter_mut().filter(|i| !opened.contains(&i.id)) {
        item.content = None;
    }
    let truth = (first.scenario.name.clone(), first.scenario.seed);
    Ok(Loaded { replay, info, masked, truth, trails, voice, start, hz })
}

/// The recorded drill's world as it started, built as the live one is: its scenario spawned in
/// a scratch World, described for an instructor (so with the truth), without the library.
fn recorded_world(first: &ReplayWorld) -> WorldInit {
    let mut world = World::new();
    let mut directory = Directory::default();
    spawn_scenario(&mut world, &first.scenario, &mut directory);
    world.insert_resource(directory);
    world.insert_resource(Drill::new(Scenario::clone(&first.scenario), first.started, 0));
    let mut init = world_init(&mut world, Role::Instructor);
    init.library.clear();
    init
}

/// The timeline's markers, in time order, at most [`MAX_MARKERS`]: readings and opened
/// packages, doors and the seal, findings and judgements, the instructor's pauses, reveals and
/// bookmarks, talk spurts, phrases and the floor's captions. `at` turns a tick into milliseconds into the drill.
fn timeline(records: &[StoredRecord], at: impl Fn(Tick) -> u32) -> Vec<Marker> {
    let mut markers = Vec::new();
    for r in records {
        let mut tick = r.entry.tick;
        let (kind, who, label) = match &r.entry.record {
            Record::Reading(reading) => match &reading.value {
                ReadingValue::Opened { content, .. } => (MarkerKind::Opened, Some(reading.by), content.clone()),
                _ => (MarkerKind::Reading { tool: reading.tool }, Some(reading.by), String::new()),
            },
            Record::Applied { by, intent } => {
                let (kind, label) = match intent {
                    Intent::SetDoor { open, .. } => (MarkerKind::Door { open: *open }, String::new()),
                    Intent::Reseal { number } => (MarkerKind::Resealed, number.clone()),
                    Intent::Instruct(Command::Pause) => (MarkerKind::Paused, String::new()),
                    Intent::Instruct(Command::Resume) => (MarkerKind::Resumed, String::new()),
                    Intent::Instruct(Command::RevealTruth) => (MarkerKind::Revealed, String::new()),
                    Intent::Instruct(Command::Bookmark { note }) => (MarkerKind::Bookmark, note.clone()),
                    // The phrase's id: each viewer reads it in their own language.
                    Intent::Say { phrase, .. } => (MarkerKind::Said, phrase.id()),
                    _ => continue,
                };
                (kind, Some(*by), label)
            }
            Record::Finding(f) => match f.status {
                FindingStatus::Open => {
                    let cosigned = f.signers.len() > 1;
                    (MarkerKind::Finding { category: f.category, cosigned }, f.signers.last().copied(), String::new())
                }
                status => {
                    (MarkerKind::Judgement { confirmed: status == FindingStatus::Confirmed }, None, String::new())
                }
            },
            // The floor's captions; a channel's are its listeners' alone, as its voice is.
            Record::Caption { participant, text, channel: None, .. } => {
                (MarkerKind::Caption, Some(*participant), text.clone())
            }
            Record::Spoke { participant, start, ticks, .. } => {
                // Journaled when the spurt ends; marked where it began.
                tick = *start;
                let ms = at(Tick(start.0.saturating_add(*ticks))).saturating_sub(at(*start));
                (MarkerKind::Talk { ms }, Some(*participant), String::new())
            }
            _ => continue,
        };
        markers.push(Marker { at_ms: at(tick), kind, who, label: clip_label(&label) });
    }
    markers.sort_by_key(|m| m.at_ms);
    markers.truncate(MAX_MARKERS);
    markers
}
