//! Replicated continuous state (avatars and item transforms), its per-client delta datagram,
//! and the world hash both sides compute to prove they agree.
//!
//! The server builds one [`Snapshot`] per tick and keeps the last [`SNAPSHOT_HISTORY`]. For each
//! client it codes the current one against the newest one that client acknowledged (or against
//! nothing), leaving out the client's own avatar, which the client predicts itself.

use crate::bits::{BitIn, BitOut, COUNT_CLASSES, KEY_CLASSES};
use crate::codec::DecodeError;
use crate::delta::{AvatarPose, TAG_SNAPSHOT, read_avatar, read_qpose, write_avatar, write_qpose};
use crate::fnv1a;
use crate::ids::{NetId, ParticipantId, Tick};
use crate::messages::Holder;
use crate::quant::QPose;

/// How many past snapshots each side keeps for baselines.
pub const SNAPSHOT_HISTORY: usize = 64;
/// The most entities a snapshot datagram may name; more is a malformed datagram.
pub const MAX_ENTITIES: u32 = 4096;

/// What a replicated entity is, ordered avatars first, then items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKey {
    /// A participant's avatar.
    Avatar(ParticipantId),
    /// A cargo item.
    Item(NetId),
}

impl EntityKey {
    fn packed(self) -> u32 {
        match self {
            EntityKey::Avatar(p) => p.0 as u32,
            EntityKey::Item(n) => 1 << 16 | n.0 as u32,
        }
    }

    fn unpack(v: u32) -> Result<EntityKey, DecodeError> {
        match v >> 16 {
            0 => Ok(EntityKey::Avatar(ParticipantId(v as u16))),
            1 => Ok(EntityKey::Item(NetId(v as u16))),
            _ => Err(DecodeError::Datagram("unknown entity kind")),
        }
    }
}

/// The replicated continuous state of one entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityState {
    /// An avatar's head and hands.
    Avatar(AvatarPose),
    /// An item's transform.
    Item(QPose),
}

impl EntityState {
    fn zero_for(key: EntityKey) -> EntityState {
        match key {
            EntityKey::Avatar(_) => EntityState::Avatar(AvatarPose::ZERO),
            EntityKey::Item(_) => EntityState::Item(QPose::ZERO),
        }
    }
}

/// The continuous state of a session at one tick, sorted by key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snapshot {
    /// The tick it was taken at.
    pub tick: Tick,
    /// Every replicated entity, sorted by key, no duplicates.
    pub entities: Vec<(EntityKey, EntityState)>,
}

impl Snapshot {
    /// The state of one entity.
    pub fn get(&self, key: EntityKey) -> Option<&EntityState> {
        self.entities.binary_search_by_key(&key, |(k, _)| *k).ok().map(|i| &self.entities[i].1)
    }
}

/// The header of a snapshot datagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SnapshotHeader {
    /// The tick of the state it carries.
    pub tick: Tick,
    /// The tick of the baseline it is coded against, if any.
    pub baseline: Option<Tick>,
    /// The newest pose sequence the server decoded from this client.
    pub pose_ack: Option<u16>,
}

/// An encoded snapshot delta.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedDelta {
    /// The datagram. It may exceed the path's datagram size, in which case the caller sends
    /// the same bytes on the reliable lane.
    pub bytes: Vec<u8>,
    /// How many entities it changes, adds or removes.
    pub changes: usize,
}

/// Encodes `current` as a delta from `baseline` for a client, leaving out `exclude`.
pub fn encode_delta(
    current: &Snapshot,
    baseline: Option<&Snapshot>,
    exclude: Option<EntityKey>,
    pose_ack: Option<u16>,
) -> EncodedDelta {
    let empty = Snapshot::default();
    let base = baseline.unwrap_or(&empty);
    let changes = diff(base, current, exclude);
    let count = changes.len();
    let mut out = BitOut::new(TAG_SNAPSHOT, 16 + changes.len() * 16);
    header_bits(&mut out, current, baseline, pose_ack, count);
    let mut prev = 0;
    for (key, before, after) in changes {
        let packed = key.packed();
        out.class(KEY_CLASSES, packed - prev);
        prev = packed;
        change_body(&mut out, key, before, after);
    }
    EncodedDelta { bytes: out.finish(), changes: count }
}

/// A delta's header: the tick, how far back its baseline is, the pose acknowledgement, the count.
fn header_bits(out: &mut BitOut, current: &Snapshot, baseline: Option<&Snapshot>, pose_ack: Option<u16>, count: usize) {
    out.bits(32, current.tick.0);
    let back = baseline.map_or(0, |b| current.tick.0.wrapping_sub(b.tick.0));
    debug_assert!(back < 256, "baseline further back than the history");
    out.bits(8, back);
    out.bit(pose_ack.is_some());
    if let Some(ack) = pose_ack {
        out.bits(16, ack as u32);
    }
    out.class(COUNT_CLASSES, count as u32);
}

/// One change after its key: removed, or the state against the baseline's (or the zero state).
fn change_body(out: &mut BitOut, key: EntityKey, before: Option<&EntityState>, after: Option<&EntityState>) {
    match after {
        None => out.bit(true),
        Some(state) => {
            out.bit(false);
            let before = before.copied().unwrap_or_else(|| EntityState::zero_for(key));
            match (before, state) {
                (EntityState::Avatar(b), EntityState::Avatar(s)) => write_avatar(out, &b, s),
                (EntityState::Item(b), EntityState::Item(s)) => write_qpose(out, &b, s),
                // Keys fix the kind, so a key's state never changes kind.
                _ => unreachable!("entity changed kind under one key"),
            }
        }
    }
}

/// The changes from one baseline to the current snapshot, each encoded once, shared by every
/// client coded against that baseline this tick (most clients acknowledge the same recent
/// tick): a client's delta is then its header, and per change the key gap and a copy of the
/// shared bits, the same bytes [`encode_delta`] writes. Encoding each avatar once a tick, not
/// once per client, is what keeps a session of 64 from costing 64 times 63 encodings.
#[derive(Debug, Default)]
pub struct DeltaCache {
    /// The current snapshot's tick the entries are for.
    tick: Option<Tick>,
    /// By baseline tick (`None`: from nothing).
    entries: Vec<(Option<Tick>, SharedChanges)>,
    /// The last datagram's buffer, given back by [`DeltaCache::recycle`]: the next is written
    /// into it, so a tick's deltas need no allocation.
    spare: Vec<u8>,
    /// Earlier ticks' entries, their buffers kept for the next ticks'.
    pool: Vec<SharedChanges>,
}

/// Every change from one baseline, encoded as a delta without a client left out writes them:
/// `bits` holds each change's key gap and body (the removed bit, or the state against the
/// baseline), back to back; `changes` says whose (in key order) and where its key gap and its
/// body start; `end` where the last ends. A client's delta copies it whole, or in two pieces
/// around the change left out (its own avatar).
#[derive(Debug, Default)]
struct SharedChanges {
    bits: Vec<u8>,
    changes: Vec<(EntityKey, usize, usize)>,
    end: usize,
}

impl DeltaCache {
    /// [`encode_delta`] of `current` from `baseline`, byte for byte, with the changes' bodies
    /// encoded once per baseline and tick. `baseline` must be the session's snapshot of its
    /// tick (a client's own cut view is coded with [`encode_delta`]).
    pub fn encode(
        &mut self,
        current: &Snapshot,
        baseline: Option<&Snapshot>,
        exclude: Option<EntityKey>,
        pose_ack: Option<u16>,
    ) -> EncodedDelta {
        if self.tick != Some(current.tick) {
            self.tick = Some(current.tick);
            let old = self.entries.drain(..).map(|(_, shared)| shared);
            self.pool.extend(old);
        }
        let base_tick = baseline.map(|b| b.tick);
        let at = match self.entries.iter().position(|(t, _)| *t == base_tick) {
            Some(i) => i,
            None => {
                let mut shared = self.pool.pop().unwrap_or_default();
                shared.fill(current, baseline);
                self.entries.push((base_tick, shared));
                self.entries.len() - 1
            }
        };
        let shared = &self.entries[at].1;
        let excluded = exclude.and_then(|key| shared.changes.binary_search_by_key(&key, |c| c.0).ok());
        let count = shared.changes.len() - usize::from(excluded.is_some());
        let mut spare = std::mem::take(&mut self.spare);
        spare.reserve(16 + shared.bits.len());
        let mut out = BitOut::reuse(TAG_SNAPSHOT, spare);
        header_bits(&mut out, current, baseline, pose_ack, count);
        match excluded {
            None => out.copy_bits(&shared.bits, 0, shared.end),
            Some(i) => {
                // Everything before the left-out change, then the next one's key gap from the
                // one before it, then the rest.
                out.copy_bits(&shared.bits, 0, shared.changes[i].1);
                if let Some(&(key, _, body)) = shared.changes.get(i + 1) {
                    let prev = i.checked_sub(1).map_or(0, |p| shared.changes[p].0.packed());
                    out.class(KEY_CLASSES, key.packed() - prev);
                    out.copy_bits(&shared.bits, body, shared.end - body);
                }
            }
        }
        EncodedDelta { bytes: out.finish(), changes: count }
    }

    /// Takes back a datagram's buffer once its bytes were copied out, for the next delta.
    pub fn recycle(&mut self, bytes: Vec<u8>) {
        if bytes.capacity() > self.spare.capacity() {
            self.spare = bytes;
        }
    }
}

impl SharedChanges {
    /// Encodes every change from `baseline` to `current` into this entry's buffers.
    fn fill(&mut self, current: &Snapshot, baseline: Option<&Snapshot>) {
        let empty = Snapshot::default();
        let mut out = BitOut::reuse(0, std::mem::take(&mut self.bits));
        self.changes.clear();
        let mut prev = 0;
        for (key, before, after) in changes(baseline.unwrap_or(&empty), current, None) {
            let start = out.position();
            let packed = key.packed();
            out.class(KEY_CLASSES, packed - prev);
            prev = packed;
            let body = out.position();
            change_body(&mut out, key, before, after);
            self.changes.push((key, start, body));
        }
        self.end = out.position();
        self.bits = out.finish();
    }
}

/// Encodes at most `budget` bytes of the delta from `baseline` to `current` for a client,
/// leaving out `exclude`: when everything fits this is [`encode_delta`]; otherwise the changes
/// with the highest `priority` go first and the rest wait for a later tick.
///
/// Returns the datagram and, when the delta was cut, the state the client will hold after
/// applying it (the baseline to code later deltas against, instead of `current`). With a
/// `cache` (the baseline is the session's snapshot of its tick) the whole delta comes from it.
pub fn encode_delta_within(
    current: &Snapshot,
    baseline: &Snapshot,
    exclude: Option<EntityKey>,
    pose_ack: Option<u16>,
    budget: usize,
    priority: impl Fn(EntityKey) -> u64,
    cache: Option<&mut DeltaCache>,
) -> (EncodedDelta, Option<Snapshot>) {
    let full = match cache {
        Some(cache) => cache.encode(current, Some(baseline), exclude, pose_ack),
        None => encode_delta(current, Some(baseline), exclude, pose_ack),
    };
    if full.bytes.len() <= budget {
        return (full, None);
    }
    let mut changes = diff(baseline, current, exclude);
    changes.sort_by_key(|(key, _, _)| std::cmp::Reverse(priority(*key)));
    // Header: tag, tick, back, ack and the count, rounded up; each change: key gap at its widest.
    let mut bits = 8 + 32 + 8 + 17 + 18;
    let mut chosen = Vec::new();
    for (key, before, after) in changes {
        let mut scratch = BitOut::new(0, 32);
        match (before.copied().unwrap_or_else(|| EntityState::zero_for(key)), after) {
            (_, None) => {}
            (EntityState::Avatar(b), Some(EntityState::Avatar(s))) => write_avatar(&mut scratch, &b, s),
            (EntityState::Item(b), Some(EntityState::Item(s))) => write_qpose(&mut scratch, &b, s),
            _ => continue,
        }
        let cost = (scratch.finish().len() - 1) * 8 + 8 + 20 + 1;
        if bits + cost > budget * 8 {
            continue;
        }
        bits += cost;
        chosen.push((key, after.copied()));
    }
    chosen.sort_by_key(|(key, _)| *key);
    let mut view = baseline.clone();
    view.tick = current.tick;
    for (key, after) in &chosen {
        match (view.entities.binary_search_by_key(key, |(k, _)| *k), after) {
            (Ok(i), Some(s)) => view.entities[i].1 = *s,
            (Ok(i), None) => {
                view.entities.remove(i);
            }
            (Err(i), Some(s)) => view.entities.insert(i, (*key, *s)),
            (Err(_), None) => {}
        }
    }
    // The view is exactly what the client will hold: coding it against the baseline sends the chosen changes.
    let delta = encode_delta(&view, Some(baseline), exclude, pose_ack);
    (delta, Some(view))
}

/// A changed entity: its key, its state in the baseline (if any) and now (`None`: removed).
type Change<'a> = (EntityKey, Option<&'a EntityState>, Option<&'a EntityState>);

/// Entities that differ between `base` and `current`, in key order, leaving out `exclude`.
fn diff<'a>(base: &'a Snapshot, current: &'a Snapshot, exclude: Option<EntityKey>) -> Vec<Change<'a>> {
    changes(base, current, exclude).collect()
}

/// [`diff`] one change at a time.
fn changes<'a>(
    base: &'a Snapshot,
    current: &'a Snapshot,
    exclude: Option<EntityKey>,
) -> impl Iterator<Item = Change<'a>> {
    let (mut b, mut c) = (base.entities.iter().peekable(), current.entities.iter().peekable());
    std::iter::from_fn(move || {
        loop {
            let change = match (b.peek(), c.peek()) {
                (None, None) => return None,
                (Some((bk, _)), Some((ck, _))) if bk == ck => {
                    let ((key, before), (_, after)) = (b.next().expect("peeked"), c.next().expect("peeked"));
                    if before == after {
                        continue;
                    }
                    (*key, Some(before), Some(after))
                }
                (Some((bk, _)), Some((ck, _))) if ck < bk => {
                    let (key, after) = c.next().expect("peeked");
                    (*key, None, Some(after))
                }
                (None, Some(_)) => {
                    let (key, after) = c.next().expect("peeked");
                    (*key, None, Some(after))
                }
                (Some(_), _) => {
                    let (key, before) = b.next().expect("peeked");
                    (*key, Some(before), None)
                }
            };
            if Some(change.0) != exclude {
                return Some(change);
            }
        }
    })
}

/// Reads a snapshot datagram's header without decoding the rest.
pub fn decode_header(datagram: &[u8]) -> Result<SnapshotHeader, DecodeError> {
    header(&mut open(datagram)?)
}

fn open(datagram: &[u8]) -> Result<BitIn<'_>, DecodeError> {
    if datagram.first() != Some(&TAG_SNAPSHOT) {
        return Err(DecodeError::Datagram("not a snapshot datagram"));
    }
    BitIn::new(datagram)
}

fn header(input: &mut BitIn<'_>) -> Result<SnapshotHeader, DecodeError> {
    let tick = Tick(input.bits(32)?);
    let back = input.bits(8)?;
    let pose_ack = if input.bit()? { Some(input.bits(16)? as u16) } else { None };
    let baseline = (back != 0).then(|| Tick(tick.0.wrapping_sub(back)));
    Ok(SnapshotHeader { tick, baseline, pose_ack })
}

/// Decodes a snapshot datagram against `baseline`, which must be the snapshot its header names
/// (see [`decode_header`]); `None` when the header names none.
pub fn decode_delta(datagram: &[u8], baseline: Option<&Snapshot>) -> Result<(SnapshotHeader, Snapshot), DecodeError> {
    let mut input = open(datagram)?;
    let head = header(&mut input)?;
    let empty = Snapshot::default();
    let base = match (head.baseline, baseline) {
        (None, _) => &empty,
        (Some(t), Some(b)) if b.tick == t => b,
        _ => return Err(DecodeError::Datagram("baseline does not match the header")),
    };
    let count = input.class(COUNT_CLASSES)?;
    if count > MAX_ENTITIES {
        return Err(DecodeError::Datagram("too many entities"));
    }
    let mut changes: Vec<(EntityKey, Option<EntityState>)> = Vec::with_capacity(count as usize);
    let mut prev = 0u32;
    for i in 0..count {
        let gap = input.class(KEY_CLASSES)?;
        if i > 0 && gap == 0 {
            return Err(DecodeError::Datagram("entity keys out of order"));
        }
        prev = prev.checked_add(gap).ok_or(DecodeError::Datagram("entity key overflow"))?;
        let key = EntityKey::unpack(prev)?;
        if input.bit()? {
            changes.push((key, None));
            continue;
        }
        let before = base.get(key).copied().unwrap_or_else(|| EntityState::zero_for(key));
        let state = match before {
            EntityState::Avatar(b) => EntityState::Avatar(read_avatar(&mut input, &b)?),
            EntityState::Item(b) => EntityState::Item(read_qpose(&mut input, &b)?),
        };
        changes.push((key, Some(state)));
    }
    let mut entities = Vec::with_capacity(base.entities.len() + changes.len());
    let mut changes = changes.into_iter().peekable();
    for &(key, state) in &base.entities {
        while let Some((ck, cs)) = changes.next_if(|(ck, _)| *ck < key) {
            entities.extend(cs.map(|s| (ck, s)));
        }
        match changes.next_if(|(ck, _)| *ck == key) {
            Some((_, cs)) => entities.extend(cs.map(|s| (key, s))),
            None => entities.push((key, state)),
        }
    }
    entities.extend(changes.filter_map(|(k, s)| s.map(|s| (k, s))));
    Ok((head, Snapshot { tick: head.tick, entities }))
}

/// A fixed ring of recent snapshots by tick, on either side of the lane.
#[derive(Debug, Clone)]
pub struct SnapshotRing {
    slots: Vec<Option<std::sync::Arc<Snapshot>>>,
}

impl Default for SnapshotRing {
    fn default() -> Self {
        SnapshotRing { slots: vec![None; SNAPSHOT_HISTORY] }
    }
}

impl SnapshotRing {
    /// Keeps a snapshot, replacing the one [`SNAPSHOT_HISTORY`] ticks older.
    pub fn insert(&mut self, snapshot: std::sync::Arc<Snapshot>) {
        let slot = snapshot.tick.0 as usize % SNAPSHOT_HISTORY;
        self.slots[slot] = Some(snapshot);
    }

    /// Takes out the snapshot `tick` will replace (taken [`SNAPSHOT_HISTORY`] ticks earlier),
    /// so its memory can hold the new one when nothing else holds it.
    pub fn evict_for(&mut self, tick: Tick) -> Option<std::sync::Arc<Snapshot>> {
        self.slots[tick.0 as usize % SNAPSHOT_HISTORY].take()
    }

    /// The snapshot taken at `tick`, if still kept.
    pub fn get(&self, tick: Tick) -> Option<&std::sync::Arc<Snapshot>> {
        self.slots[tick.0 as usize % SNAPSHOT_HISTORY].as_ref().filter(|s| s.tick == tick)
    }
}

/// An entity's bytes for the hash, on the stack (a hash a keyframe needs no allocation).
struct StackBytes {
    buf: [u8; 96],
    len: usize,
}

impl Default for StackBytes {
    fn default() -> StackBytes {
        StackBytes { buf: [0; 96], len: 0 }
    }
}

impl StackBytes {
    fn extend_from_slice(&mut self, bytes: &[u8]) {
        self.buf[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    fn push(&mut self, byte: u8) {
        self.extend_from_slice(&[byte]);
    }

    fn as_slice(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// An order-independent hash of the replicated world: a wrapping sum of per-fact FNV-1a hashes.
///
/// Both sides add the same facts (continuous entities, item holders, door states, participants)
/// and compare [`WorldHash::finish`]. The server leaves out the asker's own avatar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WorldHash(u64);

impl WorldHash {
    fn add(&mut self, bytes: &[u8]) {
        self.0 = self.0.wrapping_add(fnv1a(bytes));
    }

    /// Adds a continuous entity.
    pub fn entity(&mut self, key: EntityKey, state: &EntityState) {
        let mut bytes = StackBytes::default();
        bytes.extend_from_slice(&key.packed().to_le_bytes());
        let mut pose = |p: &QPose| {
            for v in p.pos {
                bytes.extend_from_slice(&v.to_le_bytes());
            }
            bytes.push(p.rot.largest);
            for v in p.rot.small {
                bytes.extend_from_slice(&v.to_le_bytes());
            }
        };
        match state {
            EntityState::Avatar(a) => {
                pose(&a.head);
                pose(&a.left);
                pose(&a.right);
                bytes.extend_from_slice(&a.time.0.to_le_bytes());
            }
            EntityState::Item(p) => pose(p),
        }
        self.add(bytes.as_slice());
    }

    /// Adds every entity of a snapshot except `exclude`.
    pub fn snapshot(&mut self, snapshot: &Snapshot, exclude: Option<EntityKey>) {
        for (key, state) in &snapshot.entities {
            if Some(*key) != exclude {
                self.entity(*key, state);
            }
        }
    }

    /// Adds an item's holder (nothing is added for a free item).
    pub fn holder(&mut self, item: NetId, holder: Option<Holder>) {
        if let Some(h) = holder {
            let hand = h.hand as u8;
            let [a, b] = item.0.to_le_bytes();
            let [c, d] = h.participant.0.to_le_bytes();
            self.add(&[b'h', a, b, c, d, hand]);
        }
    }

    /// Adds an opened package.
    pub fn opened(&mut self, item: NetId) {
        let [a, b] = item.0.to_le_bytes();
        self.add(&[b'o', a, b]);
    }

    /// Adds a door's state.
    pub fn door(&mut self, door: NetId, open: bool) {
        let [a, b] = door.0.to_le_bytes();
        self.add(&[b'd', a, b, open as u8]);
    }

    /// Adds a present participant.
    pub fn participant(&mut self, id: ParticipantId) {
        let [a, b] = id.0.to_le_bytes();
        self.add(&[b'p', a, b]);
    }

    /// The hash.
    pub fn finish(self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::ClientTime;
    use glam::{Quat, Vec3};
    use proptest::prelude::*;

    fn item(x: f32) -> EntityState {
        EntityState::Item(QPose::new(Vec3::new(x, 0.5, 0.0), Quat::from_rotation_y(x)))
    }

    fn avatar(t: u32) -> EntityState {
        let head = QPose::new(Vec3::new(1.0, 1.7, t as f32 * 0.001), Quat::IDENTITY);
        EntityState::Avatar(AvatarPose { time: ClientTime(t), head, left: head, right: QPose::ZERO })
    }

    fn snap(tick: u32, entities: Vec<(EntityKey, EntityState)>) -> Snapshot {
        Snapshot { tick: Tick(tick), entities }
    }

    #[test]
    fn deltas_carry_changes_additions_and_removals() {
        let a = EntityKey::Avatar(ParticipantId(1));
        let b = EntityKey::Avatar(ParticipantId(2));
        let i = EntityKey::Item(NetId(7));
        let j = EntityKey::Item(NetId(9));
        let base = snap(10, vec![(a, avatar(1)), (b, avatar(2)), (i, item(1.0)), (j, item(2.0))]);
        let cur =
            snap(12, vec![(a, avatar(5)), (i, item(1.0)), (j, item(2.5)), (EntityKey::Item(NetId(11)), item(3.0))]);
        let bytes = encode_delta(&cur, Some(&base), None, Some(77)).bytes;
        let (head, out) = decode_delta(&bytes, Some(&base)).unwrap();
        assert_eq!(head, SnapshotHeader { tick: Tick(12), baseline: Some(Tick(10)), pose_ack: Some(77) });
        assert_eq!(out, cur);
        let full = encode_delta(&cur, None, None, None).bytes;
        assert!(bytes.len() < full.len());
        assert_eq!(decode_delta(&full, None).unwrap().1, cur);
    }

    #[test]
    fn the_excluded_entity_never_travels() {
        let me = EntityKey::Avatar(ParticipantId(1));
        let cur = snap(3, vec![(me, avatar(9)), (EntityKey::Item(NetId(1)), item(1.0))]);
        let (_, out) = decode_delta(&encode_delta(&cur, None, Some(me), None).bytes, None).unwrap();
        assert_eq!(out.get(me), None);
        assert_eq!(out.entities.len(), 1);
    }

    #[test]
    fn an_unchanged_world_costs_a_few_bytes() {
        let cur = snap(5, (0..12).map(|n| (EntityKey::Item(NetId(n)), item(n as f32))).collect());
        let mut next = cur.clone();
        next.tick = Tick(6);
        let delta = encode_delta(&next, Some(&cur), None, Some(1));
        assert_eq!(delta.changes, 0);
        assert!(delta.bytes.len() <= 9);
    }

    #[test]
    fn a_mismatched_baseline_is_refused() {
        let cur = snap(5, vec![(EntityKey::Item(NetId(1)), item(1.0))]);
        let base = snap(4, vec![]);
        let bytes = encode_delta(&cur, Some(&base), None, None).bytes;
        assert!(decode_delta(&bytes, None).is_err());
        assert!(decode_delta(&bytes, Some(&snap(3, vec![]))).is_err());
    }

    #[test]
    fn a_delta_too_big_for_its_budget_sends_the_most_urgent_changes_and_says_what_the_client_holds() {
        let keys: Vec<EntityKey> = (1..=40).map(|p| EntityKey::Avatar(ParticipantId(p))).collect();
        let base = snap(1, keys.iter().map(|k| (*k, avatar(1))).collect());
        let cur = snap(2, keys.iter().enumerate().map(|(i, k)| (*k, avatar(1000 + i as u32 * 37))).collect());
        let urgent = EntityKey::Avatar(ParticipantId(40));
        let (delta, view) =
            encode_delta_within(&cur, &base, None, None, 200, |k| if k == urgent { 10 } else { 1 }, None);
        assert!(delta.bytes.len() <= 200, "{} bytes", delta.bytes.len());
        let view = view.expect("the delta was cut");
        assert_eq!(view.get(urgent), cur.get(urgent), "the urgent change went first");
        assert!(delta.changes < 40 && delta.changes > 3);
        let (_, decoded) = decode_delta(&delta.bytes, Some(&base)).unwrap();
        assert_eq!(decoded, view, "the client holds exactly the view");
        // Everything fits in a big budget: no view, the whole delta.
        let (whole, none) = encode_delta_within(&cur, &base, None, None, 64 * 1024, |_| 0, None);
        assert!(none.is_none());
        assert_eq!(whole.changes, 40);
    }

    #[test]
    fn world_hash_is_order_independent_and_sensitive() {
        let mut a = WorldHash::default();
        a.door(NetId(1), true);
        a.participant(ParticipantId(3));
        let mut b = WorldHash::default();
        b.participant(ParticipantId(3));
        b.door(NetId(1), true);
        assert_eq!(a.finish(), b.finish());
        b.door(NetId(2), false);
        assert_ne!(a.finish(), b.finish());
    }

    proptest! {
        #[test]
        fn random_bytes_never_panic_the_snapshot_decoder(mut bytes in proptest::collection::vec(any::<u8>(), 0..128)) {
            let base = snap(1, vec![(EntityKey::Item(NetId(1)), item(1.0))]);
            let _ = decode_delta(&bytes, None);
            if !bytes.is_empty() { bytes[0] = TAG_SNAPSHOT; }
            let _ = decode_delta(&bytes, Some(&base));
            let _ = decode_header(&bytes);
        }

        #[test]
        fn random_worlds_round_trip_as_deltas(xs in proptest::collection::vec((0u16..50, -20.0f32..20.0), 0..40), ys in proptest::collection::vec((0u16..50, -20.0f32..20.0), 0..40)) {
            let build = |tick, v: &Vec<(u16, f32)>| {
                let mut e: Vec<_> = v.iter().map(|&(n, x)| (EntityKey::Item(NetId(n)), item(x))).collect();
                e.sort_by_key(|(k, _)| *k);
                e.dedup_by_key(|(k, _)| *k);
                snap(tick, e)
            };
            let (base, cur) = (build(1, &xs), build(2, &ys));
            let (_, out) = decode_delta(&encode_delta(&cur, Some(&base), None, None).bytes, Some(&base)).unwrap();
            prop_assert_eq!(out, cur);
        }

        #[test]
        fn the_shared_encoder_writes_every_clients_delta_byte_for_byte(
            xs in proptest::collection::vec((0u32..24, 0u32..5000), 0..30),
            ys in proptest::collection::vec((0u32..24, 0u32..5000), 0..30),
            zs in proptest::collection::vec((0u32..24, 0u32..5000), 0..30),
        ) {
            // Avatars and items mixed, some unchanged, some added or removed between ticks.
            let build = |tick, v: &Vec<(u32, u32)>| {
                let mut e: Vec<_> = v.iter().map(|&(n, t)| if n % 3 == 0 {
                    (EntityKey::Item(NetId(n as u16)), item(t as f32 / 100.0))
                } else {
                    (EntityKey::Avatar(ParticipantId(n as u16)), avatar(t))
                }).collect();
                e.sort_by_key(|(k, _)| *k);
                e.dedup_by_key(|(k, _)| *k);
                snap(tick, e)
            };
            let (base, cur, next) = (build(1, &xs), build(2, &ys), build(3, &zs));
            let mut cache = DeltaCache::default();
            for (current, baseline) in [(&cur, Some(&base)), (&cur, None), (&next, Some(&cur)), (&next, Some(&base))] {
                let excludes = current.entities.iter().map(|(k, _)| Some(*k)).chain([None, Some(EntityKey::Avatar(ParticipantId(999)))]);
                for (exclude, ack) in excludes.zip([None, Some(7u16)].into_iter().cycle()) {
                    let shared = cache.encode(current, baseline, exclude, ack);
                    let own = encode_delta(current, baseline, exclude, ack);
                    prop_assert_eq!(&shared, &own);
                }
            }
        }
    }
}
