//! Send: release reliable output whose records are on disk, in order, and send each client the
//! snapshot coded against the newest baseline it acknowledged.

use bevy_ecs::prelude::*;
use crossdock_protocol::CloseCode;
use crossdock_protocol::snapshot::{EntityKey, encode_delta};

use crate::net::PeerError;
use crate::session::world::*;

/// While nothing changes for a client, it still gets a snapshot this often (in ticks), so that
/// its acknowledgements and the server's pose acks keep flowing.
const IDLE_RESEND_TICKS: u32 = 15;

/// Sends the tick's output.
pub fn send(
    clock: Res<Clock>,
    history: Res<History>,
    records: Res<Records>,
    mut outbox: ResMut<Outbox>,
    mut clients: Query<(Entity, &Participant, &mut Replication)>,
) {
    let durable = records.recorder.durable();
    let mut slow = Vec::new();
    while outbox.queue.front().is_some_and(|(batch, _, _)| *batch <= durable) {
        let Some((_, entity, msg)) = outbox.queue.pop_front() else { break };
        if let Ok((_, p, _)) = clients.get(entity)
            && p.peer.send_reliable(msg) == Err(PeerError::TooSlow)
        {
            slow.push(entity);
        }
    }
    for (entity, participant, mut rep) in &mut clients {
        let peer = &participant.peer;
        let mut result = Ok(());
        let baseline = rep.acked.and_then(|t| history.ring.get(t)).map(|s| &**s);
        let own = EntityKey::Avatar(participant.info.id);
        let delta = encode_delta(&history.current, baseline, Some(own), rep.pose_ack);
        let idle = delta.changes == 0 && rep.pose_ack == rep.sent_pose_ack;
        if !idle || clock.tick.0.wrapping_sub(rep.last_sent.0) >= IDLE_RESEND_TICKS {
            result = result.and_then(|()| peer.send_unreliable_or_reliable(delta.bytes));
            rep.last_sent = clock.tick;
            rep.sent_pose_ack = rep.pose_ack;
        }
        if result == Err(PeerError::TooSlow) || slow.contains(&entity) {
            tracing::warn!(
                participant = participant.info.id.0,
                "disconnecting a client that does not read its messages"
            );
            peer.close(
                CloseCode::TooSlow,
                "your connection could not keep up with the session; rejoin with the invite",
            );
        }
    }
}
