//! The tick: one named pipeline of system sets, ordered here and nowhere else, the World's
//! construction from a scenario, and the fixed-rate loop that runs it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use bevy_ecs::prelude::*;
use bevy_ecs::system::RunSystemOnce;
use crossdock_protocol::debrief::DebriefCommand;
use crossdock_protocol::drill::{Command, DrillState};
use crossdock_protocol::{CloseCode, Intent, Tick};

use super::edge::{self, Edge};
use super::template::SessionTemplate;
use super::world::*;
use crate::clock::{Clock, tick_period};
use crate::net::gate::{Gate, Window};
use crate::records::{DrillEnd, Record, Recorder};
use crate::systems;
use crate::systems::drill::start_scenario;

/// The stages of a tick, in order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TickSet {
    /// Drain network events: joins, rejoins, leaves, poses, acks, queued intents; end expired grace periods.
    Receive,
    /// Check each intent against role, reach and state, and apply the ones that pass.
    Validate,
    /// Advance the world: held items follow hands, the drill clock runs; publish the voice
    /// routes under this tick's mute flags, and note who spoke.
    Simulate,
    /// Take this tick's snapshot, answer hash queries, report connection quality.
    Replicate,
    /// Journal this tick's changes (and a keyframe ten times a second) to the event log, and
    /// stamp this tick's output with the journal's batch.
    Record,
    /// Release output whose records are durable; send per-client snapshot deltas; publish the
    /// voice routes to the newly welcomed.
    Send,
}

/// The tick schedule, run on the session's own thread: a tick of 16-64 participants is well
/// under a millisecond of work, less than handing its systems to other threads would cost.
pub fn schedule() -> Schedule {
    let mut schedule = Schedule::default();
    schedule.set_executor(bevy_ecs::schedule::SingleThreadedExecutor::new());
    schedule.configure_sets(
        (TickSet::Receive, TickSet::Validate, TickSet::Simulate, TickSet::Replicate, TickSet::Record, TickSet::Send)
            .chain(),
    );
    schedule.add_systems((
        (systems::receive::receive, systems::receive::expire_absent, systems::console::arrivals)
            .chain()
            .in_set(TickSet::Receive),
        (
            systems::intents::apply_intents,
            systems::console::console_commands,
            systems::instruct::restart_scenario,
            systems::debrief::debrief,
        )
            .chain()
            .in_set(TickSet::Validate),
        (
            systems::simulate::follow_hands,
            systems::simulate::drill_clock,
            (systems::voice::publish_routes, systems::voice::talk).chain(),
        )
            .in_set(TickSet::Simulate),
        (systems::replicate::take_snapshot, systems::replicate::connection_quality, systems::console::watch)
            .in_set(TickSet::Replicate),
        systems::console::frames.after(systems::replicate::connection_quality).in_set(TickSet::Replicate),
        systems::record::record.in_set(TickSet::Record),
        // Routes again once welcomes went out: a newcomer hears voices from its first tick.
        (systems::send::send, systems::voice::publish_routes).chain().in_set(TickSet::Send),
    ));
    schedule
}

/// How a session's World begins.
#[derive(Debug, Clone)]
pub enum Opening {
    /// Resume the drill these records (one drill's, from its `ScenarioStarted`) left running.
    Resume {
        /// The drill's number.
        drill: u32,
        /// Its records.
        records: Vec<crate::records::StoredRecord>,
    },
    /// Start drill `drill` with the template's scenario; `ending` ends the one before it.
    Start {
        /// The new drill's number.
        drill: u32,
        /// Why the previous drill ends here, if it had not ended.
        ending: Option<DrillEnd>,
        /// The session's last logged tick: the clock carries on after it.
        after: Option<Tick>,
    },
}

/// Builds a session's World: the template's scenario, or the drill the log left running.
/// `earlier` are the session's `Joined`, `Identified`, `ScenarioStarted` and instructor command
/// records, so everyone keeps their id and the session its own settings ([`SessionSettings`]).
pub fn build_world(
    name: &str,
    template: &SessionTemplate,
    recorder: Recorder,
    earlier: &[crate::records::StoredRecord],
    opening: Opening,
) -> anyhow::Result<World> {
    let mut world = World::new();
    let mut directory = Directory { next_participant: 1, ..Directory::default() };
    for r in earlier {
        match &r.entry.record {
            Record::Joined(info) => {
                directory.next_participant = directory.next_participant.max(info.id.0.wrapping_add(1)).max(1);
                directory.known.insert(info.id, info.clone());
            }
            Record::Identified { participant, learner } => {
                directory.learners.insert(learner.id.clone(), *participant);
            }
            _ => {}
        }
    }
    world.insert_resource(directory);
    world.insert_resource(SessionInfo {
        name: name.to_owned(),
        max_participants: template.max_participants,
        max_observers: template.max_observers,
        reconnect_grace_ticks: (template.reconnect_grace.as_secs_f64() * f64::from(template.tick_hz)).round() as u32,
        record_voice: template.record_voice,
        captions: template.captions.is_some(),
        resume_key: template.resume_key.clone(),
        drill_ended: template.drill_ended.clone(),
    });
    let mut clock = Clock::new(template.tick_hz);
    clock.stamp(Instant::now());
    world.insert_resource(clock);
    world.init_resource::<Inbox>();
    world.init_resource::<Outgoing>();
    world.insert_resource(Records { recorder, last_keyframe: None, failure_counted: false });
    world.insert_resource(Telemetry(template.metrics.clone()));
    world.init_resource::<PendingIntents>();
    world.init_resource::<HashQueries>();
    world.init_resource::<Outbox>();
    world.init_resource::<Journal>();
    world.init_resource::<Effects>();
    world.init_resource::<History>();
    world.init_resource::<VoiceInbox>();
    world.insert_resource(systems::debrief::Debrief::new(template.data_dir.clone()));
    world.insert_resource(Consoles::default());
    world.insert_resource(crate::library::Library::open(&template.data_dir));
    match opening {
        Opening::Resume { drill, records } => resume(&mut world, drill, &records)?,
        Opening::Start { drill, ending, after } => {
            // The clock carries on from the log, so ticks never go back within a session.
            if let Some(last) = after {
                world.resource_mut::<Clock>().tick = last.next();
            }
            start_scenario(&mut world, template.scenario.clone(), drill, ending);
        }
    }
    let settings = SessionSettings::from_log(earlier);
    world.resource_mut::<Drill>().state.observers_open = settings.observers_open;
    if let Some(drill) = settings.debrief {
        tracing::info!(drill, "reopening the debrief that was open when the server stopped");
        world.resource_mut::<systems::debrief::Debrief>().requests.push(DebriefCommand::Open { drill });
    }
    Ok(world)
}

/// What a session keeps across its drills, as its instructors' commands in the log left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSettings {
    /// Whether new observers may join.
    pub observers_open: bool,
    /// The drill whose debrief was open, if one was.
    pub debrief: Option<u32>,
}

impl SessionSettings {
    /// Folds the session's `ScenarioStarted` and command records, in order.
    pub fn from_log(records: &[crate::records::StoredRecord]) -> SessionSettings {
        let mut settings = SessionSettings { observers_open: true, debrief: None };
        let mut drill = 0;
        for r in records {
            match &r.entry.record {
                Record::ScenarioStarted { .. } => drill += 1,
                Record::Applied { intent: Intent::Instruct(Command::AdmitObservers { open }), .. } => {
                    settings.observers_open = *open;
                }
                Record::Applied { intent: Intent::Instruct(Command::Debrief(c)), .. } => {
                    match c.clone().resolved(drill) {
                        DebriefCommand::Open { drill } => settings.debrief = Some(drill),
                        DebriefCommand::Close => settings.debrief = None,
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        settings
    }
}

/// Resumes drill `number` after a restart from its records: the scenario with its seed, doors,
/// opened packages, readings, findings, the drill's flags, cargo where the last keyframe had
/// it, and a clock that carries on where the log stops. Nobody holds anything (every
/// connection died with the old process); participants rejoin as themselves.
fn resume(world: &mut World, number: u32, records: &[crate::records::StoredRecord]) -> anyhow::Result<()> {
    let last = records.last().map_or(Tick(0), |r| r.entry.tick);
    let replayed = crate::records::replay::world_at(records, last)?;
    world.resource_mut::<Clock>().tick = last.next();
    start_scenario(world, replayed.scenario.clone(), number, None);
    world.resource_mut::<Journal>().0.clear();
    for mut door in world.query::<&mut Door>().iter_mut(world) {
        door.open = replayed.doors.get(&door.id).copied().unwrap_or(false);
    }
    for mut item in world.query::<&mut Item>().iter_mut(world) {
        if let Some(crossdock_protocol::snapshot::EntityState::Item(pose)) =
            replayed.continuous.get(crossdock_protocol::snapshot::EntityKey::Item(item.id))
        {
            item.pose = *pose;
        }
        item.opened = replayed.opened.contains_key(&item.id);
    }
    if let Some(number) = &replayed.reseal {
        for mut seal in world.query::<&mut Seal>().iter_mut(world) {
            seal.number = number.clone();
            seal.condition = "intact (re-sealed)".to_owned();
        }
    }
    let mut drill = world.resource_mut::<Drill>();
    // Who took part so far (a console's seat watched; it never took part).
    drill.took_part = records
        .iter()
        .filter_map(|r| match &r.entry.record {
            Record::Joined(info) if !crate::records::is_console_seat(info) => Some((info.id, info.clone())),
            _ => None,
        })
        .collect();
    drill.started = replayed.started;
    drill.readings = replayed.readings;
    // Everyone rejoins: their flags wait for them (not a hand that pointed: a gesture, not a
    // setting); highlights stay lit.
    drill.kept_flags = replayed.flags;
    for flags in drill.kept_flags.values_mut() {
        flags.pointing = None;
    }
    drill.highlights = replayed.highlights;
    drill.findings = replayed.findings.into_values().collect();
    drill.active_ticks = u64::from(last.0.saturating_sub(replayed.started.0));
    // Every command's effect on the state, as the log's commands left it; the clock is the
    // drill's own (from its active ticks).
    drill.state = DrillState { elapsed_ms: drill.state.elapsed_ms, drill: drill.state.drill, ..replayed.state };
    let state = &mut drill.state;
    if let Some(number) = replayed.reseal {
        state.seal_number = number;
        state.resealed = true;
    }
    tracing::info!(
        session = %world.resource::<SessionInfo>().name,
        drill = number,
        tick = last.0,
        readings = world.resource::<Drill>().readings.len(),
        "resumed the drill from its event log"
    );
    Ok(())
}

/// Runs the tick at `hz` until `stop` is set or every sender of the inbox is gone: before each
/// tick the edge brings in what arrived, after it the edge sends what the tick decided.
pub fn run(mut world: World, mut edge: Edge, hz: u16, gate: &Arc<Gate>, stop: Arc<AtomicBool>) {
    let mut schedule = schedule();
    let period = tick_period(hz);
    let lead = Gate::LEAD.min(period / 4);
    let ticking = gate.ticking();
    let mut window = Some(gate.window());
    let mut next = crate::clock::on_grid(period, Instant::now());
    while !stop.load(Ordering::Relaxed) {
        let started = Instant::now();
        let adapt = edge::begin_tick(&mut world, started);
        edge.receive(&mut world, adapt);
        // What arrives from now on is for the next tick: read it in the window before that.
        window = None;
        let shut_at = Instant::now();
        schedule.run(&mut world);
        edge.send(&mut world);
        serve_effects(&mut world);
        world.resource::<Telemetry>().0.tick_seconds.observe(started.elapsed().as_secs_f64());
        let mut clock = world.resource_mut::<Clock>();
        clock.tick = clock.tick.next();
        if edge.closed() {
            break;
        }
        next += period;
        let every = if edge.voice_flowing() { period / 2 } else { Gate::MOST_SHUT };
        window = Some(await_tick(gate, shut_at, next - lead, every.min(Gate::MOST_SHUT)));
        let now = Instant::now();
        match next.checked_duration_since(now) {
            Some(wait) => std::thread::sleep(wait),
            None => {
                if now - next > period * 4 {
                    tracing::warn!(behind_ms = (now - next).as_millis() as u64, "tick overran; skipping ahead");
                }
                // Late: this tick now, the next back on the grid the other sessions tick on.
                next = crate::clock::on_grid(period, now) - period;
            }
        }
    }
    // Draining waits on the disk, not a tick: the socket is read at once again meanwhile.
    drop((window, ticking));
    drain(&mut world, &mut edge);
    world.resource::<Telemetry>().0.sessions.dec();
    tracing::info!(session = %world.resource::<SessionInfo>().name, "session stopped");
}

/// Sleeps until `open_at` and opens the gate's window there; until then has the socket read
/// every `every` since it shut at `shut_at` (at 60 Hz: once mid-tick while voice flows, else
/// not at all).
fn await_tick(gate: &Arc<Gate>, shut_at: Instant, open_at: Instant, every: Duration) -> Window {
    let sleep_until = |at: Instant| {
        if let Some(wait) = at.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
    };
    let mut pulse_at = shut_at + every;
    // A read just before the window opens would only split its batch in two.
    while pulse_at + Gate::LEAD < open_at {
        sleep_until(pulse_at);
        gate.pulse();
        pulse_at += every;
    }
    sleep_until(open_at);
    gate.window()
}

/// Carries out the work this tick asked for (`Effects`), off the tick's thread.
pub fn serve_effects(world: &mut World) {
    let effects = std::mem::take(&mut world.resource_mut::<Effects>().0);
    for effect in effects {
        match effect {
            Effect::Work { name, job } => {
                // A job that cannot start drops its reply channel: the asker hears it stopped.
                if let Err(e) = std::thread::Builder::new().name(name.clone()).spawn(job) {
                    tracing::warn!(error = %e, %name, "cannot start a worker thread");
                }
            }
            Effect::DrillEnded { drill } => {
                let info = world.resource::<SessionInfo>();
                if let Some(courier) = &info.drill_ended {
                    let _ = courier.send((info.name.clone(), drill));
                }
            }
        }
    }
}

/// How long a stopping session waits for its last journal to reach the disk.
const DRAIN_FLUSH: Duration = Duration::from_secs(3);

/// Ends a session cleanly: waits (briefly) for the journal to reach the disk, releases what
/// became durable, then closes every connection with `ServerShutdown` and a message.
fn drain(world: &mut World, edge: &mut Edge) {
    let message = "the server is shutting down; rejoin with your invite when it is back";
    let deadline = Instant::now() + DRAIN_FLUSH;
    loop {
        let records = world.resource::<Records>();
        let waiting = world.resource::<Outbox>().queue.front().map(|(batch, _, _)| *batch);
        if waiting.is_none_or(|b| records.recorder.durable() >= b)
            || Instant::now() >= deadline
            || records.recorder.failed()
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    // One more pass releases what became durable; then say goodbye.
    let _ = world.run_system_once(systems::send::send);
    edge.send(world);
    serve_effects(world);
    edge.close_all(CloseCode::ServerShutdown, message);
}
