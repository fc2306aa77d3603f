//! Starting a drill: the scenario's entities in place of the last drill's, the drill's
//! resource, and the records that open it. Used by the session when it opens and by the
//! instructor's reset, switch and end.

use bevy_ecs::prelude::*;
use crossdock_protocol::NetId;
use crossdock_protocol::messages::ParticipantInfo;
use crossdock_protocol::quant::QPose;
use crossdock_protocol::units;
use glam::{Quat, Vec3};

use super::receive::presence;
use crate::records::{DrillEnd, Learner, Record};
use crate::scenario::Scenario;
use crate::session::world::*;

/// Replaces the scenario's entities and the drill with drill `number` of `scenario`, journaling
/// its start. `ending` ends the drill before it (journaled first); everyone present carries on
/// into the new drill and is journaled as present in it.
pub fn start_scenario(world: &mut World, scenario: Scenario, number: u32, ending: Option<DrillEnd>) {
    let unix_ms = world.resource::<Clock>().unix_ms;
    if let Some(reason) = ending {
        world.resource_mut::<Journal>().0.push(Record::DrillEnded { reason, unix_ms });
        let ended = Effect::DrillEnded { drill: number.saturating_sub(1) };
        world.get_resource_or_init::<Effects>().0.push(ended);
    }
    let old: Vec<Entity> = world.query_filtered::<Entity, With<ScenarioEntity>>().iter(world).collect();
    for e in old {
        world.despawn(e);
    }
    let mut directory = world.remove_resource::<Directory>().unwrap_or_default();
    spawn_scenario(world, &scenario, &mut directory);
    world.insert_resource(directory);
    let tick = world.resource::<Clock>().tick;
    let hz = world.resource::<Clock>().hz;
    world.resource_mut::<Journal>().0.push(Record::ScenarioStarted {
        name: scenario.name.clone(),
        seed: scenario.seed,
        source: scenario.source().to_owned(),
        unix_ms,
        tick_hz: hz,
    });
    if let Some(origin) = &scenario.origin {
        world.resource_mut::<Journal>().0.push(Record::Origin(origin.clone()));
    }
    let mut present: Vec<(ParticipantInfo, Option<Learner>)> =
        world.query::<&Participant>().iter(world).map(|p| (p.info.clone(), p.learner.clone())).collect();
    present.sort_by_key(|(info, _)| info.id);
    let mut journal = world.resource_mut::<Journal>();
    for (info, learner) in &present {
        journal.0.extend(presence(info, learner.as_ref()));
    }
    tracing::info!(drill = number, scenario = %scenario.name, seed = scenario.seed, concealments = scenario.concealments.len(), "drill started");
    // The session's own settings carry on into the new drill.
    let observers_open = world.get_resource::<Drill>().is_none_or(|d| d.state.observers_open);
    let mut drill = Drill::new(scenario, tick, number);
    drill.state.observers_open = observers_open;
    drill.took_part = present.iter().map(|(info, _)| (info.id, info.clone())).collect();
    world.insert_resource(drill);
}

/// Spawns `scenario`'s doors, seal and cargo (ids from 1: doors first, then the seal, then the
/// cargo in file order) and files the doors and items in `directory`.
pub fn spawn_scenario(world: &mut World, scenario: &Scenario, directory: &mut Directory) {
    let size = scenario.container_size();
    directory.items.clear();
    directory.doors.clear();
    let mut next = 1u16;
    let mut id = || {
        let n = NetId(next);
        next += 1;
        n
    };
    let door_x = size.x + 0.05;
    for (name, z) in [("left", -0.55f32), ("right", 0.55)] {
        let door = id();
        let handle = QPose::new(Vec3::new(door_x, 1.2, z), Quat::IDENTITY);
        let e = world.spawn((Door { id: door, name: name.to_owned(), handle, open: false }, ScenarioEntity)).id();
        directory.doors.insert(door, e);
    }
    let seal_pose = QPose::new(Vec3::new(door_x, 1.0, 0.45), Quat::IDENTITY);
    world.spawn((
        Seal { id: id(), number: scenario.seal.0.clone(), condition: scenario.seal.1.clone(), pose: seal_pose },
        ScenarioEntity,
    ));
    for cargo in &scenario.cargo {
        let item = id();
        let size = units::size(cargo.size_mm);
        let e = world
            .spawn((
                Item {
                    id: item,
                    scenario_id: cargo.id.clone(),
                    kind: cargo.kind.clone(),
                    label: cargo.label.clone(),
                    content: cargo.content.clone(),
                    mass_kg: cargo.mass_kg,
                    half_extents: size / 2.0,
                    pose: QPose::new(cargo.position, Quat::IDENTITY),
                    held: None,
                    openable: cargo.openable,
                    opened: false,
                    model: cargo.model.as_ref().map(|m| m.reference),
                },
                ScenarioEntity,
            ))
            .id();
        directory.items.insert(item, e);
    }
}
