//! The client's mirror of the replicated World, as a bevy_ecs World.
//!
//! It holds what the server last said: avatars and item transforms from snapshots, holders,
//! doors and the roster from reliable events. Front ends read it (through interpolation for
//! remote avatars); [`Mirror::hash`] proves it equals the server's state.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use web_time::Instant;

use bevy_ecs::prelude::*;
use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::drill::{Documents, DrillState, Finding, Flags, Quality, Reading, ReadingValue, Truth};
use crossdock_protocol::messages::{
    ContainerLook, DoorInfo, Holder, ItemInfo, MAX_MODEL, MODEL_CHUNK, ParticipantInfo, SealInfo, WorldInit,
};
use crossdock_protocol::phrase::{Phrase, ScenarioPhrase};
use crossdock_protocol::quant::QPose;
use crossdock_protocol::snapshot::{EntityKey, EntityState, Snapshot, WorldHash};
use crossdock_protocol::{NetId, ParticipantId, ServerMsg, Tick};

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
pub struct MirrorDoor(pub DoorInfo, pub Option<Instant>);

/// The drill as this client knows it: shared state, documents, evidence, findings, and the
/// truth once this participant may see it.
#[derive(Debug, Clone)]
pub struct DrillView {
    /// The drill's shared state.
    pub state: DrillState,
    /// When `state` arrived: the drill clock runs on from its `elapsed_ms` while not paused.
    pub state_received: Instant,
    /// The declared documents.
    pub documents: Documents,
    /// Readings so far, in order.
    pub readings: Vec<Reading>,
    /// Findings so far, by id.
    pub findings: BTreeMap<u32, Finding>,
    /// Participants' flags.
    pub flags: BTreeMap<ParticipantId, Flags>,
    /// Highlighted entities.
    pub highlights: BTreeSet<NetId>,
    /// The hidden truth, once revealed to this participant.
    pub truth: Option<Truth>,
    /// Everyone's connection quality (instructors only).
    pub quality: Vec<Quality>,
    /// The latest pointer: who and where.
    pub pointer: Option<(ParticipantId, [i32; 3])>,
    /// Where the server asked this client to move its play space, not yet taken.
    pub teleport: Option<[i32; 3]>,
    /// The scenario's own phrases.
    pub phrases: Vec<ScenarioPhrase>,
    /// The risk-assessment stage's candidates (empty without one).
    pub risk: Vec<crossdock_protocol::drill::Candidate>,
    /// What this participant chose there and why, once the server granted it.
    pub my_choice: Option<(u8, Vec<crossdock_protocol::drill::RiskSign>)>,
    /// Phrases said, newest last, the last [`SAID_KEPT`].
    pub said: std::collections::VecDeque<Said>,
    /// Live captions, newest last, the last [`CAPTIONS_KEPT`] segments (a partial replaced by
    /// the later texts of its segment).
    pub captions: std::collections::VecDeque<CaptionLine>,
}

/// How many said phrases the mirror keeps.
pub const SAID_KEPT: usize = 16;
/// How many caption segments the mirror keeps.
pub const CAPTIONS_KEPT: usize = 24;

/// A live caption, as it stands, and when it last changed.
#[derive(Debug, Clone, PartialEq)]
pub struct CaptionLine {
    /// The caption.
    pub caption: crossdock_protocol::caption::Caption,
    /// When it last changed.
    pub when: Instant,
}

/// A phrase someone said, and when it came.
#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    /// Who.
    pub by: ParticipantId,
    /// What.
    pub phrase: Phrase,
    /// Where it points (millimetres), if anywhere.
    pub at: Option<[i32; 3]>,
    /// When it came.
    pub when: Instant,
}

/// Model files arriving in [`ServerMsg::ModelChunk`]s: kept once whole and their SHA-256
/// checked; anything else is dropped (and the item drawn by its kind).
#[derive(Debug, Default)]
pub struct ModelFiles {
    partial: HashMap<[u8; 32], Vec<u8>>,
    whole: HashMap<[u8; 32], std::sync::Arc<[u8]>>,
}

impl ModelFiles {
    /// Takes a chunk of the file `sha256`, which some item names as `expected` bytes long.
    pub fn chunk(&mut self, sha256: [u8; 32], expected: Option<u32>, offset: u32, total: u32, data: &[u8]) {
        use sha2::Digest;
        let fits = expected == Some(total)
            && total <= MAX_MODEL
            && data.len() <= MODEL_CHUNK
            && !self.whole.contains_key(&sha256)
            && self.partial.get(&sha256).map_or(0, Vec::len) == offset as usize
            && offset as usize + data.len() <= total as usize;
        if !fits {
            tracing::warn!(offset, total, "dropping a model chunk that does not continue a model an item names");
            self.partial.remove(&sha256);
            return;
        }
        let file = self.partial.entry(sha256).or_default();
        file.extend_from_slice(data);
        if file.len() == total as usize {
            let file = self.partial.remove(&sha256).unwrap_or_default();
            if sha2::Sha256::digest(&file).as_slice() == sha256 {
                self.whole.insert(sha256, file.into());
            } else {
                tracing::warn!("a model arrived whole but its SHA-256 differs: drawing the item by its kind");
            }
        }
    }

    /// The file `sha256`, once whole and checked.
    pub fn get(&self, sha256: &[u8; 32]) -> Option<std::sync::Arc<[u8]>> {
        self.whole.get(sha256).cloned()
    }
}

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
    /// What the container looks like.
    pub look: ContainerLook,
    /// The seal.
    pub seal: SealInfo,
    /// Model files the scenario ships, as they arrive.
    pub models: ModelFiles,
    /// The scenarios this participant may switch to (instructors only).
    pub library: Vec<String>,
    /// The drill.
    pub drill: DrillView,
    /// Snapshots older than this belong to a previous world.
    pub since: Tick,
    /// Who took part in this drill and has left: names that stay on findings, readings and
    /// lists, marked as gone (not part of the world hash).
    pub gone: BTreeMap<ParticipantId, ParticipantInfo>,
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
            doors.insert(id, world.spawn(MirrorDoor(door, None)).id());
        }
        let drill = DrillView {
            state: init.drill,
            state_received: Instant::now(),
            documents: init.documents,
            readings: init.readings,
            findings: init.findings.into_iter().map(|f| (f.id, f)).collect(),
            flags: init.flags.into_iter().collect(),
            highlights: init.highlights.into_iter().collect(),
            truth: None,
            quality: Vec::new(),
            pointer: None,
            teleport: None,
            phrases: init.phrases,
            risk: init.risk,
            my_choice: None,
            said: Default::default(),
            captions: Default::default(),
        };
        Mirror {
            world,
            people: HashMap::new(),
            items,
            doors,
            scenario: init.scenario,
            container_mm: init.container_mm,
            look: init.look,
            seal: init.seal,
            models: ModelFiles::default(),
            library: init.library,
            drill,
            since: init.tick,
            gone: init.departed.into_iter().map(|p| (p.id, p)).collect(),
        }
    }

    /// Replaces the scenario (after a reset or switch), keeping the roster.
    pub fn reset(&mut self, init: WorldInit) {
        let people = self.people();
        *self = Mirror::new(init);
        for p in people {
            self.handle_joined(p);
        }
    }

    /// Applies a drill event; returns false for messages that are not drill events.
    pub fn handle_drill(&mut self, msg: &ServerMsg) -> bool {
        if let ServerMsg::ModelChunk { sha256, offset, total, data } = msg {
            let named = self.items().into_iter().find_map(|i| i.info.model.filter(|m| m.sha256 == *sha256));
            self.models.chunk(*sha256, named.map(|m| m.bytes), *offset, *total, data);
            return true;
        }
        let d = &mut self.drill;
        match msg {
            ServerMsg::Reading(r) => {
                if d.readings.last().is_none_or(|last| r.id > last.id) {
                    d.readings.push(r.clone());
                }
                if let ReadingValue::Opened { item, content } = &r.value
                    && let Some(mut i) = self.items.get(item).and_then(|&e| self.world.get_mut::<MirrorItem>(e))
                {
                    i.info.content = Some(content.clone());
                }
            }
            ServerMsg::FindingChanged(f) => {
                d.findings.insert(f.id, f.clone());
            }
            ServerMsg::DrillChanged(state) => {
                d.state = state.clone();
                d.state_received = Instant::now();
            }
            ServerMsg::FlagsChanged { participant, flags } => {
                d.flags.insert(*participant, flags.clone());
            }
            ServerMsg::Truth(truth) => {
                for (id, content) in &truth.contents {
                    if let Some(mut i) = self.items.get(id).and_then(|&e| self.world.get_mut::<MirrorItem>(e)) {
                        i.info.content = Some(content.clone());
                    }
                }
                d.truth = Some(truth.clone());
            }
            ServerMsg::Highlight { entity, on } => {
                if *on {
                    d.highlights.insert(*entity);
                } else {
                    d.highlights.remove(entity);
                }
            }
            ServerMsg::Pointer { by, at } => d.pointer = Some((*by, *at)),
            ServerMsg::Quality(q) => d.quality = q.clone(),
            ServerMsg::Teleport { to } => d.teleport = Some(*to),
            ServerMsg::Caption(caption) => {
                let same = |l: &CaptionLine| l.caption.by == caption.by && l.caption.segment == caption.segment;
                d.captions.retain(|l| !same(l));
                // A segment that held no speech clears its partial and shows nothing.
                if !caption.text.is_empty() {
                    d.captions.push_back(CaptionLine { caption: caption.clone(), when: Instant::now() });
                }
                while d.captions.len() > CAPTIONS_KEPT {
                    d.captions.pop_front();
                }
            }
            ServerMsg::Said { by, phrase, at } => {
                d.said.push_back(Said { by: *by, phrase: phrase.clone(), at: *at, when: Instant::now() });
                if d.said.len() > SAID_KEPT {
                    d.said.pop_front();
                }
            }
            _ => return false,
        }
        true
    }

    /// Adds a participant to the roster.
    pub fn handle_joined(&mut self, info: ParticipantInfo) {
        let id = info.id;
        self.gone.remove(&id);
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
            if let Some(person) = self.world.get::<Person>(e) {
                self.gone.insert(id, person.0.clone());
            }
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
            if d.0.open != open {
                d.1 = Some(Instant::now());
            }
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
        self.door_changes().into_iter().map(|(d, _)| d).collect()
    }

    /// Every door, and when it last opened or closed (`None`: not since the world arrived).
    pub fn door_changes(&mut self) -> Vec<(DoorInfo, Option<Instant>)> {
        let mut out: Vec<_> = self.world.query::<&MirrorDoor>().iter(&self.world).map(|d| (d.0.clone(), d.1)).collect();
        out.sort_by_key(|(d, _)| d.id);
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

#[cfg(test)]
mod tests {
    use sha2::Digest;

    use super::*;

    fn sha(bytes: &[u8]) -> [u8; 32] {
        sha2::Sha256::digest(bytes).into()
    }

    #[test]
    fn a_model_is_kept_only_whole_in_order_named_and_matching_its_hash() {
        let file: Vec<u8> = (0..MODEL_CHUNK + 100).map(|i| (i % 251) as u8).collect();
        let hash = sha(&file);
        let total = file.len() as u32;
        let (first, rest) = file.split_at(MODEL_CHUNK);

        let mut models = ModelFiles::default();
        models.chunk(hash, Some(total), 0, total, first);
        assert!(models.get(&hash).is_none(), "half a file is not a model");
        models.chunk(hash, Some(total), MODEL_CHUNK as u32, total, rest);
        assert_eq!(models.get(&hash).as_deref(), Some(&file[..]));

        let mut models = ModelFiles::default();
        models.chunk(hash, Some(total), MODEL_CHUNK as u32, total, rest);
        models.chunk(hash, Some(total), 0, total, first);
        assert!(models.get(&hash).is_none(), "out of order: dropped");

        let mut models = ModelFiles::default();
        models.chunk(hash, None, 0, total, first);
        models.chunk(hash, None, MODEL_CHUNK as u32, total, rest);
        assert!(models.get(&hash).is_none(), "no item names it: dropped");

        let mut models = ModelFiles::default();
        let mut forged = file.clone();
        forged[5] ^= 1;
        models.chunk(hash, Some(total), 0, total, &forged[..MODEL_CHUNK]);
        models.chunk(hash, Some(total), MODEL_CHUNK as u32, total, &forged[MODEL_CHUNK..]);
        assert!(models.get(&hash).is_none(), "a file whose hash differs is dropped");

        let mut models = ModelFiles::default();
        let huge = MAX_MODEL + 1;
        models.chunk(hash, Some(huge), 0, huge, first);
        assert!(models.partial.is_empty(), "a file over the limit is never buffered");
    }
}
