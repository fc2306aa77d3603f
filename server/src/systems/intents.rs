//! Validate: check each intent against role, reach and state, in arrival order, and apply the
//! ones that pass at once, so that of two grabs for one item in the same tick exactly one wins.

use bevy_ecs::prelude::*;
use crossdock_protocol::messages::{DenyReason, Holder};
use crossdock_protocol::quant::QPose;
use crossdock_protocol::{Hand, Intent, ParticipantId, ServerMsg};
use glam::{Quat, Vec3};

use crate::session::world::*;

/// A hand's position and orientation.
#[derive(Debug, Clone, Copy)]
pub struct HandPose {
    /// Where it is.
    pub position: Vec3,
    /// How it is turned.
    pub rotation: Quat,
}

/// The pose of one hand of an avatar.
pub fn hand_pose(avatar: &Avatar, hand: Hand) -> HandPose {
    let q = match hand {
        Hand::Left => avatar.0.left,
        Hand::Right => avatar.0.right,
    };
    HandPose { position: q.position(), rotation: q.rotation() }
}

/// Distance from a point to the surface of an oriented box (0 inside it).
pub fn distance_to_box(point: Vec3, center: Vec3, rotation: Quat, half: Vec3) -> f32 {
    let local = rotation.inverse() * (point - center);
    (local.abs() - half).max(Vec3::ZERO).length()
}

/// Whether an oriented box lies wholly inside the container (x from the front wall, y up, z across).
pub fn inside_container(center: Vec3, rotation: Quat, half: Vec3, container_mm: [u32; 3]) -> bool {
    let size = Vec3::new(container_mm[0] as f32, container_mm[1] as f32, container_mm[2] as f32) / 1000.0;
    let m = glam::Mat3::from_quat(rotation);
    let extent = m.x_axis.abs() * half.x + m.y_axis.abs() * half.y + m.z_axis.abs() * half.z;
    let (lo, hi) = (center - extent, center + extent);
    let tolerance = 0.005;
    lo.x >= -tolerance
        && lo.y >= -tolerance
        && hi.x <= size.x + tolerance
        && hi.y <= size.y + tolerance
        && lo.z >= -size.z / 2.0 - tolerance
        && hi.z <= size.z / 2.0 + tolerance
}

/// The grip that keeps an item at `item` relative to `hand`.
fn grip_for(hand: HandPose, item: QPose) -> Grip {
    let inv = hand.rotation.inverse();
    Grip { offset: inv * (item.position() - hand.position), rotation: inv * item.rotation() }
}

/// Checks and applies this tick's intents.
pub fn apply_intents(
    mut pending: ResMut<PendingIntents>,
    mut broadcasts: ResMut<Broadcasts>,
    participants: Query<(&Participant, Option<&Avatar>)>,
    mut items: Query<&mut Item>,
    mut doors: Query<&mut Door>,
    directory: Res<Directory>,
    info: Res<SessionInfo>,
) {
    for (entity, seq, intent) in pending.0.drain(..) {
        let Ok((participant, avatar)) = participants.get(entity) else {
            continue;
        };
        let actor = Actor { id: participant.info.id, may_act: participant.info.role.may_act(), avatar };
        let outcome = match intent {
            Intent::Grab { item, hand } => grab(&actor, item, hand, &mut items, &directory),
            Intent::Release { hand } => release(&actor, hand, &mut items),
            Intent::MoveHeld { hand, to } => move_held(&actor, hand, to, &mut items, info.container_mm),
            Intent::SetDoor { door, open } => set_door(&actor, door, open, &mut doors, &directory),
        };
        let reply = match outcome {
            Ok(event) => {
                broadcasts.0.extend(event);
                ServerMsg::Granted { seq }
            }
            Err(reason) => {
                tracing::debug!(participant = actor.id.0, ?intent, ?reason, "intent denied");
                ServerMsg::Denied { seq, reason }
            }
        };
        if participant.peer.send_reliable(reply).is_err() {
            participant.peer.close(crossdock_protocol::CloseCode::TooSlow, "too many unread messages");
        }
    }
}

struct Actor<'a> {
    id: ParticipantId,
    may_act: bool,
    avatar: Option<&'a Avatar>,
}

impl Actor<'_> {
    fn hand(&self, hand: Hand) -> Result<HandPose, DenyReason> {
        if !self.may_act {
            return Err(DenyReason::RoleForbids);
        }
        self.avatar.map(|a| hand_pose(a, hand)).ok_or(DenyReason::OutOfReach)
    }

    fn holder(&self, hand: Hand) -> Holder {
        Holder { participant: self.id, hand }
    }
}

type Outcome = Result<Option<ServerMsg>, DenyReason>;

fn grab(
    actor: &Actor,
    item_id: crossdock_protocol::NetId,
    hand: Hand,
    items: &mut Query<&mut Item>,
    dir: &Directory,
) -> Outcome {
    let pose = actor.hand(hand)?;
    let entity = *dir.items.get(&item_id).ok_or(DenyReason::UnknownEntity)?;
    if items.iter().any(|i| i.held.is_some_and(|(h, _)| h == actor.holder(hand))) {
        return Err(DenyReason::HandBusy);
    }
    let mut item = items.get_mut(entity).map_err(|_| DenyReason::UnknownEntity)?;
    if item.held.is_some() {
        return Err(DenyReason::AlreadyHeld);
    }
    if distance_to_box(pose.position, item.pose.position(), item.pose.rotation(), item.half_extents) > REACH {
        return Err(DenyReason::OutOfReach);
    }
    item.held = Some((actor.holder(hand), grip_for(pose, item.pose)));
    Ok(Some(ServerMsg::ItemHeld { item: item_id, holder: Some(actor.holder(hand)) }))
}

fn release(actor: &Actor, hand: Hand, items: &mut Query<&mut Item>) -> Outcome {
    actor.hand(hand).or_else(|e| {
        if e == DenyReason::OutOfReach {
            Ok(HandPose { position: Vec3::ZERO, rotation: Quat::IDENTITY })
        } else {
            Err(e)
        }
    })?;
    let mut item =
        items.iter_mut().find(|i| i.held.is_some_and(|(h, _)| h == actor.holder(hand))).ok_or(DenyReason::HandEmpty)?;
    item.held = None;
    Ok(Some(ServerMsg::ItemHeld { item: item.id, holder: None }))
}

fn move_held(actor: &Actor, hand: Hand, to: QPose, items: &mut Query<&mut Item>, container_mm: [u32; 3]) -> Outcome {
    let pose = actor.hand(hand)?;
    if !to.is_valid() {
        return Err(DenyReason::InvalidPose);
    }
    let mut item =
        items.iter_mut().find(|i| i.held.is_some_and(|(h, _)| h == actor.holder(hand))).ok_or(DenyReason::HandEmpty)?;
    if distance_to_box(pose.position, to.position(), to.rotation(), item.half_extents) > REACH {
        return Err(DenyReason::OutOfReach);
    }
    if !inside_container(to.position(), to.rotation(), item.half_extents, container_mm) {
        return Err(DenyReason::OutOfBounds);
    }
    item.pose = to;
    item.held = Some((actor.holder(hand), grip_for(pose, to)));
    Ok(None)
}

fn set_door(
    actor: &Actor,
    door_id: crossdock_protocol::NetId,
    open: bool,
    doors: &mut Query<&mut Door>,
    dir: &Directory,
) -> Outcome {
    let left = actor.hand(Hand::Left)?;
    let right = actor.hand(Hand::Right)?;
    let entity = *dir.doors.get(&door_id).ok_or(DenyReason::UnknownEntity)?;
    let mut door = doors.get_mut(entity).map_err(|_| DenyReason::UnknownEntity)?;
    let handle = door.handle.position();
    if left.position.distance(handle).min(right.position.distance(handle)) > REACH {
        return Err(DenyReason::OutOfReach);
    }
    if door.open == open {
        return Err(DenyReason::NoChange);
    }
    door.open = open;
    Ok(Some(ServerMsg::DoorChanged { door: door_id, open, by: actor.id }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_to_box_is_zero_inside_and_grows_outside() {
        let half = Vec3::new(0.3, 0.2, 0.2);
        assert_eq!(distance_to_box(Vec3::new(1.1, 0.1, 0.0), Vec3::new(1.0, 0.2, 0.0), Quat::IDENTITY, half), 0.0);
        let d = distance_to_box(Vec3::new(2.0, 0.2, 0.0), Vec3::new(1.0, 0.2, 0.0), Quat::IDENTITY, half);
        assert!((d - 0.7).abs() < 1e-5);
        let turned = Quat::from_rotation_y(std::f32::consts::FRAC_PI_2);
        let d = distance_to_box(Vec3::new(1.0, 0.2, 0.5), Vec3::new(1.0, 0.2, 0.0), turned, half);
        assert!((d - 0.2).abs() < 1e-5, "{d}");
    }

    #[test]
    fn container_bounds_account_for_rotation() {
        let c = [5898, 2393, 2352];
        let half = Vec3::new(0.6, 0.2, 0.2);
        assert!(inside_container(Vec3::new(3.0, 0.2, 0.0), Quat::IDENTITY, half, c));
        assert!(!inside_container(Vec3::new(0.3, 0.2, 0.0), Quat::IDENTITY, half, c));
        let turned = Quat::from_rotation_y(std::f32::consts::FRAC_PI_2);
        assert!(inside_container(Vec3::new(0.3, 0.2, 0.0), turned, half, c));
        assert!(!inside_container(Vec3::new(3.0, 0.2, 1.0), turned, half, c));
        assert!(!inside_container(Vec3::new(3.0, 2.3, 0.0), Quat::IDENTITY, half, c));
    }
}
