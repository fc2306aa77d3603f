//! Replicate: take this tick's snapshot of the continuous state, keep it as a baseline,
//! compute the world hashes participants asked for, and once a second tell instructors
//! everyone's connection quality.

use std::sync::Arc;

use bevy_ecs::prelude::*;
use crossdock_protocol::ServerMsg;
use crossdock_protocol::drill::Quality;
use crossdock_protocol::snapshot::{EntityKey, EntityState, Snapshot, WorldHash};

use crate::session::world::*;

/// Builds the snapshot and answers hash queries.
#[expect(clippy::too_many_arguments, reason = "a bevy system names each piece of the World it reads")]
pub fn take_snapshot(
    clock: Res<Clock>,
    mut history: ResMut<History>,
    mut queries: ResMut<HashQueries>,
    mut outbox: ResMut<Outbox>,
    avatars: Query<(&Participant, &Avatar)>,
    participants: Query<&Participant>,
    items: Query<&Item>,
    doors: Query<&Door>,
) {
    // The snapshot this one replaces in the ring lends its memory when no one else holds it.
    let mut snapshot = history.ring.evict_for(clock.tick).unwrap_or_default();
    if Arc::get_mut(&mut snapshot).is_none() {
        snapshot = Arc::default();
    }
    let fresh = Arc::get_mut(&mut snapshot).expect("a new or unshared snapshot");
    fresh.tick = clock.tick;
    fresh.entities.clear();
    fresh.entities.extend(
        avatars
            .iter()
            .map(|(p, a)| (EntityKey::Avatar(p.info.id), EntityState::Avatar(a.0)))
            .chain(items.iter().map(|i| (EntityKey::Item(i.id), EntityState::Item(i.pose)))),
    );
    fresh.entities.sort_unstable_by_key(|(k, _)| *k);
    history.ring.insert(snapshot.clone());
    history.current = snapshot;

    for (entity, nonce) in queries.asked.drain(..) {
        let Ok(asker) = participants.get(entity) else { continue };
        let exclude = Some(EntityKey::Avatar(asker.info.id));
        let hash = world_hash(&history.current, exclude, &items, &doors, &participants).finish();
        outbox.push(Dest::One(entity), ServerMsg::StateHash { nonce, tick: clock.tick, hash });
    }
}

/// The world hash of `snapshot` (less `exclude`), who holds what, the doors and who is present.
pub fn world_hash(
    snapshot: &Snapshot,
    exclude: Option<EntityKey>,
    items: &Query<&Item>,
    doors: &Query<&Door>,
    participants: &Query<&Participant>,
) -> WorldHash {
    let mut hash = WorldHash::default();
    hash.snapshot(snapshot, exclude);
    for item in items {
        hash.holder(item.id, item.held.map(|(h, _)| h));
    }
    for door in doors {
        hash.door(door.id, door.open);
    }
    for p in participants {
        hash.participant(p.info.id);
    }
    hash
}

/// Once a second, every participant's round trip and loss, for the instructors.
pub fn connection_quality(
    clock: Res<Clock>,
    mut outbox: ResMut<Outbox>,
    participants: Query<(&Participant, &Replication, &Path), Without<Absent>>,
) {
    if !clock.tick.0.is_multiple_of(u32::from(clock.hz.max(1))) {
        return;
    }
    let mut quality: Vec<Quality> = participants
        .iter()
        .map(|(p, rep, path)| Quality {
            participant: p.info.id,
            rtt_ms: path.rtt.as_millis().min(u128::from(u16::MAX)) as u16,
            // The recent loss the send system measures for rate adaptation, not a lifetime mean.
            loss_permille: (rep.loss * 1000.0).round() as u16,
        })
        .collect();
    quality.sort_by_key(|q| q.participant);
    outbox.push(Dest::Watchers, ServerMsg::Quality(quality));
}
