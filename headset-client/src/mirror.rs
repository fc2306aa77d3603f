//! The client's mirror of the replicated World, as a bevy_ecs World.
//!
//! It holds what the server last said: avatars and item transforms from snapshots, holders,
//! doors and the roster from reliable events. Front ends read it (through interpolation for
//! remote avatars); [`Mirror::hash`] proves it equals the server's state.

use std::collections::HashMap;

use bevy_ecs::prelude::*;
use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::messages::{DoorInfo, Holder, ItemInfo, ParticipantInfo, SealInfo, WorldInit};
use crossdock_protocol::quant::QPose;
use crossdock_protocol::snapshot::{EntityKey, EntityState, Snapshot, WorldHash};
use crossdock_protocol::{NetId, ParticipantId};

/// A participant in the mirror; remote avatars carry [`RemoteAvatar`] too.
#[derive(Component, Debug, Clone)]
pub struct Person(pub ParticipantInfo);

/// A remote participant's latest avatar pose.
#[derive(Component, Debug, Clone, Copy)]
pub struct RemoteAvatar(pub AvatarPose);

/// A cargo item.
#[derive(Component, Debug, Clone)]
pub struct MirrorItem {
    /// Static description and holder.
    pub info: ItemInfo,
    /// Latest transform.
    pub pose: QPose,
}

/// A door.
#[derive(Component, Debug, Clone)]
pub struct MirrorDoor(pub DoorInfo);

/// The mirror: a World plus id lookups.
#[derive(Debug)]
pub struct Mirror {
    /// The entities; systems of a front end may query it.
    pub world: World,
    people: HashMap<ParticipantId, Entity>,
    items: HashMap<NetId, Entity>,
    doors: HashMap<NetId, Entity>,
    /// The scenario's name.
    pub scenario: String,
    /// The container's internal size in millimetres (x, y, z).
    pub container_mm: [u32; 3],
    /// The seal.
    pub seal: SealInfo,
}

impl Mirror {
    /// Builds the mirror from the world description sent after the welcome.
    pub fn new(init: WorldInit) -> Mirror {
        let mut world = World::new();
        let mut items = HashMap::new();
        let mut doors = HashMap::new();
        for info in init.items {
            let id = info.id;
            items.insert(id, world.spawn(MirrorItem { info, pose: QPose::ZERO }).id());
        }
        for door in init.doors {
            let id = door.id;
            doors.insert(id, world.spawn(MirrorDoor(door)).id());
        }
        Mirror {
            world,
            people: HashMap::new(),
            items,
            doors,
            scenario: init.scenario,
            container_mm: init.container_mm,
            seal: init.seal,
        }
    }

    /// Adds a participant to the roster.
    pub fn handle_joined(&mut self, info: ParticipantInfo) {
        let id = info.id;
        match self.people.get(&id) {
            Some(&e) => {
                self.world.entity_mut(e).insert(Person(info));
            }
            None => {
                self.people.insert(id, self.world.spawn(Person(info)).id());
            }
        }
    }

    /// Removes a participant.
    pub fn handle_left(&mut self, id: ParticipantId) {
        if let Some(e) = self.people.remove(&id) {
            self.world.despawn(e);
        }
    }

    /// Records an item's new holder.
    pub fn handle_item_held(&mut self, item: NetId, holder: Option<Holder>) {
        if let Some(mut i) = self.items.get(&item).and_then(|&e| self.world.get_mut::<MirrorItem>(e)) {
            i.info.holder = holder;
        }
    }

    /// Records a door's new state.
    pub fn handle_door(&mut self, door: NetId, open: bool) {
        if let Some(mut d) = self.doors.get(&door).and_then(|&e| self.world.get_mut::<MirrorDoor>(e)) {
            d.0.open = open;
        }
    }

    /// Applies a decoded snapshot; returns the avatars whose pose changed.
    pub fn apply_snapshot(&mut self, snapshot: &Snapshot) -> Vec<(ParticipantId, AvatarPose)> {
        let mut changed = Vec::new();
        let mut seen = Vec::new();
        for (key, state) in &snapshot.entities {
            match (key, state) {
                (EntityKey::Avatar(id), EntityState::Avatar(pose)) => {
                    seen.push(*id);
                    let entity = *self.people.entry(*id).or_insert_with(|| self.world.spawn_empty().id());
                    let before = self.world.get::<RemoteAvatar>(entity).map(|a| a.0);
                    if before != Some(*pose) {
                        self.world.entity_mut(entity).insert(RemoteAvatar(*pose));
                        changed.push((*id, *pose));
                    }
                }
                (EntityKey::Item(id), EntityState::Item(pose)) => {
                    if let Some(mut i) = self.items.get(id).and_then(|&e| self.world.get_mut::<MirrorItem>(e)) {
                        i.pose = *pose;
                    }
                }
                _ => {}
            }
        }
        let gone: Vec<Entity> = self
            .world
            .query::<(Entity, &Person, &RemoteAvatar)>()
            .iter(&self.world)
            .filter(|(_, p, _)| !seen.contains(&p.0.id))
            .map(|(e, _, _)| e)
            .collect();
        for e in gone {
            self.world.entity_mut(e).remove::<RemoteAvatar>();
        }
        changed
    }

    /// The roster.
    pub fn people(&mut self) -> Vec<ParticipantInfo> {
        let mut people: Vec<_> = self.world.query::<&Person>().iter(&self.world).map(|p| p.0.clone()).collect();
        people.sort_by_key(|p| p.id);
        people
    }

    /// Remote avatars and their latest poses.
    pub fn avatars(&mut self) -> Vec<(ParticipantId, AvatarPose)> {
        let mut out: Vec<_> =
            self.world.query::<(&Person, &RemoteAvatar)>().iter(&self.world).map(|(p, a)| (p.0.id, a.0)).collect();
        out.sort_by_key(|(id, _)| *id);
        out
    }

    /// Every item.
    pub fn items(&mut self) -> Vec<MirrorItem> {
        let mut out: Vec<_> = self.world.query::<&MirrorItem>().iter(&self.world).cloned().collect();
        out.sort_by_key(|i| i.info.id);
        out
    }

    /// Every door.
    pub fn doors(&mut self) -> Vec<DoorInfo> {
        let mut out: Vec<_> = self.world.query::<&MirrorDoor>().iter(&self.world).map(|d| d.0.clone()).collect();
        out.sort_by_key(|d| d.id);
        out
    }

    /// The world hash over the mirror's contents, as the server computes it for this client.
    pub fn hash(&mut self) -> u64 {
        let mut hash = WorldHash::default();
        for (id, pose) in self.avatars() {
            hash.entity(EntityKey::Avatar(id), &EntityState::Avatar(pose));
        }
        for item in self.items() {
            hash.entity(EntityKey::Item(item.info.id), &EntityState::Item(item.pose));
            hash.holder(item.info.id, item.info.holder);
        }
        for door in self.doors() {
            hash.door(door.id, door.open);
        }
        for person in self.people() {
            hash.participant(person.id);
        }
        hash.finish()
    }
}
