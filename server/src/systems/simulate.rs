//! Simulate: held items follow the hands that hold them.

use bevy_ecs::prelude::*;
use crossdock_protocol::quant::QPose;

use crate::geometry::hand_pose;
use crate::session::world::*;

/// Moves every held item to its holder's hand, keeping the grip it was taken with.
pub fn follow_hands(mut items: Query<&mut Item>, avatars: Query<&Avatar>, directory: Res<Directory>) {
    for mut item in &mut items {
        let Some((holder, grip)) = item.held else {
            continue;
        };
        let Some(avatar) = directory.participants.get(&holder.participant).and_then(|e| avatars.get(*e).ok()) else {
            continue;
        };
        let hand = hand_pose(&avatar.0, holder.hand);
        let pose = QPose::new(hand.position + hand.rotation * grip.offset, hand.rotation * grip.rotation);
        if pose != item.pose {
            item.pose = pose;
        }
    }
}

/// Runs the drill clock while the drill is not paused.
pub fn drill_clock(mut drill: ResMut<Drill>, clock: Res<Clock>) {
    if !drill.state.paused && !drill.state.resealed {
        drill.active_ticks += 1;
        drill.state.elapsed_ms = drill.active_ticks * 1000 / u64::from(clock.hz.max(1));
    }
}
