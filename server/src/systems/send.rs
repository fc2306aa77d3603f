//! Send: this tick's events to everyone, hash answers to their askers, and to each client the
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
    mut broadcasts: ResMut<Broadcasts>,
    mut queries: ResMut<HashQueries>,
    mut clients: Query<(Entity, &Participant, &mut Replication)>,
) {
    let events = std::mem::take(&mut broadcasts.0);
    let answers = std::mem::take(&mut queries.answers);
    for (entity, participant, mut rep) in &mut clients {
        let peer = &participant.peer;
        let mut result = events.iter().try_for_each(|msg| peer.send_reliable(msg.clone()));
        for (_, answer) in answers.iter().filter(|(e, _)| *e == entity) {
            result = result.and_then(|()| peer.send_reliable(answer.clone()));
        }
        let baseline = rep.acked.and_then(|t| history.ring.get(t)).map(|s| &**s);
        let own = EntityKey::Avatar(participant.info.id);
        let delta = encode_delta(&history.current, baseline, Some(own), rep.pose_ack);
        let idle = delta.changes == 0 && rep.pose_ack == rep.sent_pose_ack;
        if !idle || clock.tick.0.wrapping_sub(rep.last_sent.0) >= IDLE_RESEND_TICKS {
            result = result.and_then(|()| peer.send_unreliable_or_reliable(delta.bytes));
            rep.last_sent = clock.tick;
            rep.sent_pose_ack = rep.pose_ack;
        }
        if result == Err(PeerError::TooSlow) {
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
