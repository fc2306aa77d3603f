//! Validate: check each intent against role, reach and state, in arrival order, and apply the
//! ones that pass at once, so that of two grabs for one item in the same tick exactly one wins.
//! Every applied intent is journaled; its `Granted` waits in the outbox until the journal is on
//! disk.

use bevy_ecs::prelude::*;
use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::drill::{Finding, FindingStatus, Reading, ReadingValue, Tool};
use crossdock_protocol::messages::{DenyReason, Holder};
use crossdock_protocol::quant::QPose;
use crossdock_protocol::{Hand, Intent, NetId, ParticipantId, Role, ServerMsg};
use glam::{Quat, Vec3};

use super::instruct;
use crate::records::Record;
use crate::session::world::*;
use crate::tools::{self, Scene};

/// Most readings a finding may cite.
const MAX_EVIDENCE: usize = 32;
/// Longest seal number.
const MAX_SEAL: usize = 32;

/// A hand's position and orientation.
#[derive(Debug, Clone, Copy)]
pub struct HandPose {
    /// Where it is.
    pub position: Vec3,
    /// How it is turned.
    pub rotation: Quat,
}

/// The pose of one hand of an avatar.
pub fn hand_pose(avatar: &AvatarPose, hand: Hand) -> HandPose {
    let q = match hand {
        Hand::Left => avatar.left,
        Hand::Right => avatar.right,
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

/// Who is acting, copied out of the World so the queries stay free.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Their entity.
    pub entity: Entity,
    /// Their id.
    pub id: ParticipantId,
    /// Their role.
    pub role: Role,
    /// Frozen by the instructor.
    pub frozen: bool,
    /// Their latest pose.
    pub avatar: Option<AvatarPose>,
}

impl Actor {
    fn hand(&self, hand: Hand) -> Result<HandPose, DenyReason> {
        self.avatar.as_ref().map(|a| hand_pose(a, hand)).ok_or(DenyReason::OutOfReach)
    }

    fn hands(&self) -> [Vec3; 2] {
        self.avatar.as_ref().map_or([Vec3::splat(f32::MAX); 2], |a| [a.left.position(), a.right.position()])
    }

    fn holder(&self, hand: Hand) -> Holder {
        Holder { participant: self.id, hand }
    }
}

/// The parts of the World an intent may read or change.
#[derive(bevy_ecs::system::SystemParam)]
#[expect(missing_debug_implementations, reason = "a bundle of World borrows, built by bevy for one system run")]
pub struct Ctx<'w, 's> {
    /// The drill.
    pub drill: ResMut<'w, Drill>,
    /// The outbox.
    pub outbox: ResMut<'w, Outbox>,
    /// The journal.
    pub journal: ResMut<'w, Journal>,
    /// The clock.
    pub clock: Res<'w, Clock>,
    /// Id lookups.
    pub directory: Res<'w, Directory>,
    /// Participants.
    pub participants: Query<'w, 's, (Entity, &'static mut Participant, Option<&'static Avatar>)>,
    /// Cargo.
    pub items: Query<'w, 's, &'static mut Item>,
    /// Doors.
    pub doors: Query<'w, 's, &'static mut Door>,
    /// The seal.
    pub seals: Query<'w, 's, &'static mut Seal>,
    /// Metrics.
    pub telemetry: Res<'w, Telemetry>,
}

/// Checks and applies this tick's intents.
pub fn apply_intents(mut pending: ResMut<PendingIntents>, mut ctx: Ctx) {
    for (entity, seq, intent) in pending.0.drain(..) {
        let Ok((_, participant, avatar)) = ctx.participants.get(entity) else { continue };
        let actor = Actor {
            entity,
            id: participant.info.id,
            role: participant.info.role,
            frozen: participant.flags.frozen,
            avatar: avatar.map(|a| a.0),
        };
        let outcome = check_state(&actor, &intent, &ctx.drill).and_then(|()| apply(&actor, &intent, &mut ctx));
        let reply = match outcome {
            Ok(()) => {
                ctx.journal.0.push(Record::Applied { by: actor.id, intent: intent.clone() });
                ServerMsg::Granted { seq }
            }
            Err(reason) => {
                tracing::debug!(participant = actor.id.0, ?intent, ?reason, "intent denied");
                ctx.telemetry.0.refused("intent", reason);
                ServerMsg::Denied { seq, reason }
            }
        };
        ctx.outbox.push(Dest::One(entity), reply);
    }
}

/// Refusals that do not depend on the intent's target: role, freeze, pause, closed inspection.
fn check_state(actor: &Actor, intent: &Intent, drill: &Drill) -> Result<(), DenyReason> {
    if let Intent::Instruct(_) = intent {
        return if actor.role == Role::Instructor { Ok(()) } else { Err(DenyReason::RoleForbids) };
    }
    // Anyone may ask; pause, freeze and a closed inspection do not silence the room.
    if let Intent::SetMuted { .. } = intent {
        return Ok(());
    }
    if !actor.role.may_act() {
        return Err(DenyReason::RoleForbids);
    }
    if actor.frozen {
        return Err(DenyReason::Frozen);
    }
    if drill.state.paused {
        return Err(DenyReason::Paused);
    }
    let paperwork = matches!(intent, Intent::MarkFinding { .. } | Intent::CoSign { .. });
    if drill.state.resealed && !paperwork {
        return Err(DenyReason::Closed);
    }
    Ok(())
}

fn apply(actor: &Actor, intent: &Intent, ctx: &mut Ctx) -> Result<(), DenyReason> {
    match intent.clone() {
        Intent::Grab { item, hand } => grab(actor, item, hand, ctx),
        Intent::Release { hand } => release(actor, hand, ctx),
        Intent::MoveHeld { hand, to } => move_held(actor, hand, to, ctx),
        Intent::SetDoor { door, open } => set_door(actor, door, open, ctx),
        Intent::UseTool { tool, aim, target } => use_tool(actor, tool, aim, target, ctx),
        Intent::MarkFinding { place, category, evidence } => {
            if evidence.len() > MAX_EVIDENCE {
                return Err(DenyReason::Invalid);
            }
            if evidence.iter().any(|id| !ctx.drill.readings.iter().any(|r| r.id == *id)) {
                return Err(DenyReason::UnknownFinding);
            }
            let size = ctx.drill.scenario.container_size();
            let p = Vec3::new(place[0] as f32, place[1] as f32, place[2] as f32) / 1000.0;
            let near = p.x >= -1.0 && p.x <= size.x + 2.0 && p.y >= -0.5 && p.y <= size.y + 1.0 && p.z.abs() <= size.z;
            if !near {
                return Err(DenyReason::OutOfBounds);
            }
            let finding = Finding {
                id: ctx.drill.findings.len() as u32 + 1,
                signers: vec![actor.id],
                place,
                category,
                evidence,
                tick: ctx.clock.tick,
                status: FindingStatus::Open,
            };
            publish_finding(ctx, finding);
            Ok(())
        }
        Intent::CoSign { finding } => {
            let f = ctx.drill.findings.iter_mut().find(|f| f.id == finding).ok_or(DenyReason::UnknownFinding)?;
            if f.signers.contains(&actor.id) {
                return Err(DenyReason::AlreadySigned);
            }
            f.signers.push(actor.id);
            let f = f.clone();
            publish_finding(ctx, f);
            Ok(())
        }
        Intent::Reseal { number } => {
            let number = number.trim().to_owned();
            if number.is_empty() || number.len() > MAX_SEAL || ctx.doors.iter().any(|d| d.open) {
                return Err(DenyReason::Invalid);
            }
            let mut seal = ctx.seals.single_mut().map_err(|_| DenyReason::UnknownEntity)?;
            if actor.hands().iter().all(|h| h.distance(seal.pose.position()) > 1.0) {
                return Err(DenyReason::OutOfReach);
            }
            seal.number = number.clone();
            seal.condition = "intact (re-sealed)".to_owned();
            ctx.drill.state.seal_number = number;
            ctx.drill.state.resealed = true;
            let state = ctx.drill.state.clone();
            ctx.outbox.push(Dest::All, ServerMsg::DrillChanged(state));
            Ok(())
        }
        Intent::Instruct(command) => instruct::command(actor, command, ctx),
        Intent::SetMuted { muted } => set_muted(actor, muted, ctx),
    }
}

/// Mutes or unmutes oneself. Unmuting is the instructor's to allow: an observer speaks only
/// once unmuted by them, and a muted trainee stays muted while self-unmute is locked.
fn set_muted(actor: &Actor, muted: bool, ctx: &mut Ctx) -> Result<(), DenyReason> {
    let (_, participant, _) = ctx.participants.get(actor.entity).map_err(|_| DenyReason::UnknownEntity)?;
    let was = participant.flags.muted;
    if was == muted {
        return Err(DenyReason::NoChange);
    }
    let locked = match actor.role {
        Role::Observer => true,
        Role::Trainee => ctx.drill.state.self_unmute_locked,
        Role::Instructor => false,
    };
    if !muted && locked {
        return Err(DenyReason::UnmuteLocked);
    }
    instruct::set_flags(ctx, actor.entity, |f| f.muted = muted);
    Ok(())
}

/// Replaces or adds a finding, tells everyone, journals it.
pub fn publish_finding(ctx: &mut Ctx, finding: Finding) {
    match ctx.drill.findings.iter_mut().find(|f| f.id == finding.id) {
        Some(f) => *f = finding.clone(),
        None => ctx.drill.findings.push(finding.clone()),
    }
    ctx.outbox.push(Dest::All, ServerMsg::FindingChanged(finding.clone()));
    ctx.journal.0.push(Record::Finding(finding));
}

fn held_by<'a>(items: &'a mut Query<&mut Item>, holder: Holder) -> Option<Mut<'a, Item>> {
    items.iter_mut().find(|i| i.held.is_some_and(|(h, _)| h == holder))
}

fn grab(actor: &Actor, item_id: NetId, hand: Hand, ctx: &mut Ctx) -> Result<(), DenyReason> {
    let pose = actor.hand(hand)?;
    let entity = *ctx.directory.items.get(&item_id).ok_or(DenyReason::UnknownEntity)?;
    if ctx.items.iter().any(|i| i.held.is_some_and(|(h, _)| h == actor.holder(hand))) {
        return Err(DenyReason::HandBusy);
    }
    let mut item = ctx.items.get_mut(entity).map_err(|_| DenyReason::UnknownEntity)?;
    if item.held.is_some() {
        return Err(DenyReason::AlreadyHeld);
    }
    if distance_to_box(pose.position, item.pose.position(), item.pose.rotation(), item.half_extents) > REACH {
        return Err(DenyReason::OutOfReach);
    }
    item.held = Some((actor.holder(hand), grip_for(pose, item.pose)));
    ctx.outbox.push(Dest::All, ServerMsg::ItemHeld { item: item_id, holder: Some(actor.holder(hand)) });
    Ok(())
}

fn release(actor: &Actor, hand: Hand, ctx: &mut Ctx) -> Result<(), DenyReason> {
    let mut item = held_by(&mut ctx.items, actor.holder(hand)).ok_or(DenyReason::HandEmpty)?;
    item.held = None;
    let id = item.id;
    ctx.outbox.push(Dest::All, ServerMsg::ItemHeld { item: id, holder: None });
    Ok(())
}

fn move_held(actor: &Actor, hand: Hand, to: QPose, ctx: &mut Ctx) -> Result<(), DenyReason> {
    let pose = actor.hand(hand)?;
    if !to.is_valid() {
        return Err(DenyReason::InvalidPose);
    }
    let container_mm = ctx.drill.scenario.container_mm;
    let mut item = held_by(&mut ctx.items, actor.holder(hand)).ok_or(DenyReason::HandEmpty)?;
    if distance_to_box(pose.position, to.position(), to.rotation(), item.half_extents) > REACH {
        return Err(DenyReason::OutOfReach);
    }
    if !inside_container(to.position(), to.rotation(), item.half_extents, container_mm) {
        return Err(DenyReason::OutOfBounds);
    }
    item.pose = to;
    item.held = Some((actor.holder(hand), grip_for(pose, to)));
    Ok(())
}

fn set_door(actor: &Actor, door_id: NetId, open: bool, ctx: &mut Ctx) -> Result<(), DenyReason> {
    let hands = actor.hands();
    let entity = *ctx.directory.doors.get(&door_id).ok_or(DenyReason::UnknownEntity)?;
    let mut door = ctx.doors.get_mut(entity).map_err(|_| DenyReason::UnknownEntity)?;
    let handle = door.handle.position();
    if hands.iter().all(|h| h.distance(handle) > REACH) {
        return Err(DenyReason::OutOfReach);
    }
    if door.open == open {
        return Err(DenyReason::NoChange);
    }
    door.open = open;
    ctx.outbox.push(Dest::All, ServerMsg::DoorChanged { door: door_id, open, by: actor.id });
    Ok(())
}

fn use_tool(actor: &Actor, tool: Tool, aim: QPose, target: Option<NetId>, ctx: &mut Ctx) -> Result<(), DenyReason> {
    if !aim.is_valid() {
        return Err(DenyReason::InvalidPose);
    }
    if actor.role == Role::Trainee && ctx.drill.state.locked_tools.contains(&tool) {
        return Err(DenyReason::ToolLocked);
    }
    let value = if tool.opens() {
        open_item(actor, tool, target, ctx)?
    } else {
        tools::read(tool, aim, target, &scene(ctx), actor.hands())?
    };
    let reading = Reading {
        id: ctx.drill.readings.len() as u32 + 1,
        by: actor.id,
        tool,
        aim,
        target,
        tick: ctx.clock.tick,
        value,
    };
    ctx.drill.readings.push(reading.clone());
    ctx.outbox.push(Dest::All, ServerMsg::Reading(reading.clone()));
    ctx.journal.0.push(Record::Reading(reading));
    Ok(())
}

fn open_item(actor: &Actor, tool: Tool, target: Option<NetId>, ctx: &mut Ctx) -> Result<ReadingValue, DenyReason> {
    let hands = actor.hands();
    let item_id = target.ok_or(DenyReason::UnknownEntity)?;
    let entity = *ctx.directory.items.get(&item_id).ok_or(DenyReason::UnknownEntity)?;
    let mut item = ctx.items.get_mut(entity).map_err(|_| DenyReason::UnknownEntity)?;
    if !item.openable || !tools::can_open(tool, &item.kind) {
        return Err(DenyReason::NotOpenable);
    }
    if item.opened {
        return Err(DenyReason::AlreadyOpen);
    }
    let reach = hands
        .iter()
        .map(|h| distance_to_box(*h, item.pose.position(), item.pose.rotation(), item.half_extents))
        .fold(f32::MAX, f32::min);
    if reach > REACH {
        return Err(DenyReason::OutOfReach);
    }
    item.opened = true;
    Ok(ReadingValue::Opened { item: item_id, content: item.content.clone() })
}

/// The read-only view the tools compute from.
fn scene<'a>(ctx: &'a Ctx) -> Scene<'a> {
    let seal = ctx
        .seals
        .iter()
        .next()
        .map(|s| (s.number.clone(), s.condition.clone(), s.pose.position()))
        .unwrap_or_else(|| (String::new(), String::new(), Vec3::ZERO));
    Scene {
        scenario: &ctx.drill.scenario,
        cargo: ctx.items.iter().collect(),
        doors_open: ctx.doors.iter().any(|d| d.open),
        seal,
    }
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
