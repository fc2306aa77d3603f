//! Send: release reliable output whose records are on disk, in order, and send each client the
//! snapshot coded against the newest baseline it acknowledged, at a rate fitted to its path:
//! a lossy or distant client gets fewer, whole updates instead of a backlog.

use bevy_ecs::prelude::*;
use bytes::{Bytes, BytesMut};
use crossdock_protocol::snapshot::{DeltaCache, EntityKey, encode_delta_within};
use crossdock_protocol::{Role, ServerMsg};

use crate::session::world::*;

/// While nothing changes for a client, it still gets a snapshot this often (in ticks), so that
/// its acknowledgements and the server's pose acks keep flowing.
const IDLE_RESEND_TICKS: u32 = 15;

/// Observers get snapshots at most this often (in ticks): 20 Hz at 60 Hz ticks.
const OBSERVER_INTERVAL: u32 = 3;

/// Sends the tick's output (into [`Outgoing`]): reliable messages whose records are durable,
/// then snapshots, headset participants first; observers after them, and only while the tick
/// is inside half its period, so a crowd of observers never delays a headset.
#[allow(clippy::too_many_arguments)]
pub fn send(
    clock: Res<Clock>,
    history: Res<History>,
    records: Res<Records>,
    mut outbox: ResMut<Outbox>,
    mut consoles: ResMut<Consoles>,
    mut outgoing: ResMut<Outgoing>,
    mut clients: Query<(&Participant, &mut Replication, &Path), Without<Absent>>,
    telemetry: Res<Telemetry>,
    info: Res<SessionInfo>,
    mut cache: Local<DeltaCache>,
    mut arena: Local<BytesMut>,
) {
    let durable = records.recorder.durable();
    while outbox.queue.front().is_some_and(|(batch, _, _)| *batch <= durable) {
        let Some((_, entity, msg)) = outbox.queue.pop_front() else { break };
        if let Ok((p, mut rep, _)) = clients.get_mut(entity) {
            rep.welcomed |= matches!(msg, ServerMsg::Welcome(_));
            outgoing.reliable(p.client, msg);
        }
    }
    while consoles.held.front().is_some_and(|(batch, _, _)| *batch <= durable) {
        let Some((_, client, bytes)) = consoles.held.pop_front() else { break };
        outgoing.0.push(Out::Console(client, bytes));
    }
    let adapt = clock.tick.0.is_multiple_of(u32::from(clock.hz.max(1)));
    let budget = clock.period() / 2;
    // Two passes, headsets then observers, so no list is built on the tick's hot path.
    for observers in [false, true] {
        for (participant, mut rep, path) in &mut clients {
            let observer = participant.info.role == Role::Observer;
            if observer != observers || (observer && clock.spent(budget)) {
                continue;
            }
            if adapt || rep.interval == 0 {
                let before = rep.counters;
                adapt_rate(&mut rep, path, participant.info.role);
                let m = &telemetry.0;
                let dir = |d: &str| crate::metrics::DirectionLabels { direction: d.to_owned() };
                m.udp_bytes.get_or_create(&dir("in")).inc_by(rep.counters.udp_rx.saturating_sub(before.udp_rx));
                m.udp_bytes.get_or_create(&dir("out")).inc_by(rep.counters.udp_tx.saturating_sub(before.udp_tx));
                let labels = crate::metrics::ParticipantLabels {
                    session: info.name.clone(),
                    participant: participant.info.id.0.to_string(),
                };
                m.rtt_seconds.get_or_create(&labels).set(path.rtt.as_secs_f64());
                m.loss_ratio.get_or_create(&labels).set(f64::from(rep.loss));
            }
            if !rep.welcomed {
                // Nothing may reach the control stream before the welcome, snapshots included.
                continue;
            }
            let since = clock.tick.0.wrapping_sub(rep.last_sent.0);
            if since < rep.interval {
                continue;
            }
            let own = EntityKey::Avatar(participant.info.id);
            // The baseline is what this client holds at its acknowledged tick: its own view when an
            // earlier delta was cut to fit, else the session's snapshot.
            // The session's snapshot is every client's baseline alike: its changes are encoded once.
            let (baseline, shared) = match rep.acked.map(|t| (rep.views.get(t), t)) {
                Some((Some(view), _)) => (Some(view.clone()), false),
                Some((None, t)) => (history.ring.get(t).cloned(), true),
                None => (None, false),
            };
            let (delta, view) = match (baseline, path.max_datagram) {
                (Some(base), Some(budget)) => {
                    let tick = u64::from(clock.tick.0);
                    let cache = shared.then_some(&mut *cache);
                    encode_delta_within(
                        &history.current,
                        &base,
                        Some(own),
                        rep.pose_ack,
                        budget,
                        |key| priority(key, tick),
                        cache,
                    )
                }
                (_, budget) => {
                    // No baseline: the full state. When it is too large for a datagram it goes on the
                    // reliable lane, once, and waits a while for its acknowledgement before another.
                    let full = cache.encode(&history.current, None, Some(own), rep.pose_ack);
                    if budget.is_none_or(|b| full.bytes.len() > b) {
                        if rep.full_sent.is_some_and(|t| clock.tick.0.wrapping_sub(t.0) < FULL_RESEND_TICKS) {
                            continue;
                        }
                        rep.full_sent = Some(clock.tick);
                    }
                    (full, None)
                }
            };
            let idle = delta.changes == 0 && rep.pose_ack == rep.sent_pose_ack;
            if !idle || since >= IDLE_RESEND_TICKS {
                if let Some(view) = view {
                    rep.views.insert(std::sync::Arc::new(view));
                }
                outgoing.0.push(Out::Snapshot(participant.client, copy_into(&mut arena, &delta.bytes)));
                rep.last_sent = clock.tick;
                rep.sent_pose_ack = rep.pose_ack;
            }
            cache.recycle(delta.bytes);
        }
    }
}

/// How much room the tick's datagrams get at a time: one allocation carries a session's.
const ARENA_BYTES: usize = 64 * 1024;

/// `bytes`, copied into the tick's shared buffer: the datagrams of a tick share one
/// allocation, and the buffer is used again once quinn has sent them all.
fn copy_into(arena: &mut BytesMut, bytes: &[u8]) -> Bytes {
    if arena.capacity() < bytes.len() {
        arena.reserve(ARENA_BYTES.max(bytes.len()));
    }
    arena.extend_from_slice(bytes);
    arena.split().freeze()
}

/// Ticks to wait for the acknowledgement of a full snapshot before sending another.
const FULL_RESEND_TICKS: u32 = 60;

/// Which changes go first when a delta must be cut: removals and items (cargo in hand, opened
/// doors' consequences) before avatars, and among avatars an order that rotates every tick so
/// that none waits long.
fn priority(key: EntityKey, tick: u64) -> u64 {
    match key {
        EntityKey::Item(_) => u64::MAX,
        EntityKey::Avatar(p) => {
            (u64::from(p.0).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ tick.wrapping_mul(0xbf58_476d_1ce4_e5b9)) >> 1
        }
    }
}

/// Sets how often a client gets snapshots from its recent loss, round trip and congestion
/// window, and its role (observers get at most [`OBSERVER_INTERVAL`]).
fn adapt_rate(rep: &mut Replication, path: &Path, role: Role) {
    let now = path.counters;
    let sent = now.sent.saturating_sub(rep.counters.sent);
    if sent > 0 {
        let window = now.lost.saturating_sub(rep.counters.lost) as f32 / sent as f32;
        rep.loss = 0.5 * rep.loss + 0.5 * window.min(1.0);
    }
    rep.counters = now;
    let rtt = path.rtt;
    let mut interval = if rep.loss >= 0.03 || rtt >= std::time::Duration::from_millis(200) {
        3
    } else if rep.loss >= 0.01 || rtt >= std::time::Duration::from_millis(100) {
        2
    } else {
        1
    };
    if now.cwnd < 16 * 1024 {
        interval += 1;
    }
    if role == Role::Observer {
        interval = interval.max(OBSERVER_INTERVAL);
    }
    rep.interval = interval;
}
