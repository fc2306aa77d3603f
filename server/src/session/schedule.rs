//! The tick: one named pipeline of system sets, ordered here and nowhere else, and the fixed-rate
//! loop that runs it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use bevy_ecs::prelude::*;
use crossdock_protocol::Tick;
use tokio::sync::mpsc;

use super::world::*;
use super::{SessionTemplate, tick_period};
use crate::net::NetEvent;
use crate::systems;

/// The stages of a tick, in order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TickSet {
    /// Drain network events: joins, leaves, poses, acks, queued intents.
    Receive,
    /// Check each intent against role, reach and state, and apply the ones that pass.
    Validate,
    /// Advance the world: held items follow their holders' hands.
    Simulate,
    /// Take this tick's snapshot and answer hash queries.
    Replicate,
    /// Send events and per-client snapshot deltas.
    Send,
}

/// The tick schedule.
pub fn schedule() -> Schedule {
    let mut schedule = Schedule::default();
    schedule.configure_sets(
        (TickSet::Receive, TickSet::Validate, TickSet::Simulate, TickSet::Replicate, TickSet::Send).chain(),
    );
    schedule.add_systems((
        systems::receive::receive.in_set(TickSet::Receive),
        systems::intents::apply_intents.in_set(TickSet::Validate),
        systems::simulate::follow_hands.in_set(TickSet::Simulate),
        systems::replicate::take_snapshot.in_set(TickSet::Replicate),
        systems::send::send.in_set(TickSet::Send),
    ));
    schedule
}

/// Builds a session's World from the template's scenario.
pub fn build_world(name: &str, template: &SessionTemplate, inbox: mpsc::Receiver<NetEvent>) -> World {
    let scenario = &template.scenario;
    let mut world = World::new();
    let mut directory = Directory::default();
    let mut next_id = 1u16;
    let mut id = || {
        let n = crossdock_protocol::NetId(next_id);
        next_id += 1;
        n
    };
    for door in &scenario.doors {
        let door_id = id();
        let e = world.spawn(Door { id: door_id, name: door.name.to_owned(), handle: door.handle, open: false }).id();
        directory.doors.insert(door_id, e);
    }
    world.spawn(Seal { id: id(), number: scenario.seal.0.clone(), pose: scenario.seal.1 });
    for cargo in &scenario.cargo {
        let item_id = id();
        let size = glam::Vec3::new(cargo.size_mm[0] as f32, cargo.size_mm[1] as f32, cargo.size_mm[2] as f32) / 1000.0;
        let e = world
            .spawn(Item {
                id: item_id,
                kind: cargo.kind.to_owned(),
                label: cargo.label.clone(),
                half_extents: size / 2.0,
                pose: crossdock_protocol::quant::QPose::new(cargo.position, glam::Quat::IDENTITY),
                held: None,
            })
            .id();
        directory.items.insert(item_id, e);
    }
    directory.next_participant = 1;
    world.insert_resource(directory);
    world.insert_resource(SessionInfo {
        name: name.to_owned(),
        scenario: scenario.name.clone(),
        container_mm: scenario.container_mm,
        max_participants: template.max_participants,
        max_observers: template.max_observers,
    });
    world.insert_resource(Clock { tick: Tick(0), hz: template.tick_hz });
    world.insert_resource(Inbox(inbox));
    world.init_resource::<PendingIntents>();
    world.init_resource::<HashQueries>();
    world.init_resource::<Broadcasts>();
    world.init_resource::<History>();
    world
}

/// Runs the tick at `hz` until `stop` is set or every sender of the inbox is gone.
pub fn run(mut world: World, hz: u16, stop: Arc<AtomicBool>) {
    let mut schedule = schedule();
    let period = tick_period(hz);
    let mut next = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        schedule.run(&mut world);
        let mut clock = world.resource_mut::<Clock>();
        clock.tick = clock.tick.next();
        if world.resource::<Inbox>().0.is_closed() {
            break;
        }
        next += period;
        let now = Instant::now();
        match next.checked_duration_since(now) {
            Some(wait) => std::thread::sleep(wait),
            None => {
                if now - next > period * 4 {
                    tracing::warn!(behind_ms = (now - next).as_millis() as u64, "tick overran; skipping ahead");
                }
                next = now;
            }
        }
    }
    tracing::info!(session = %world.resource::<SessionInfo>().name, "session stopped");
}
