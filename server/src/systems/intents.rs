//! Validate: check each intent against role, reach and state, in arrival order, and apply the
//! ones that pass at once, so that of two grabs for one item in the same tick exactly one wins.
//! Every applied intent is journaled; its `Granted` waits in the outbox until the journal is on
//! disk.

use bevy_ecs::prelude::*;
use crossdock_protocol::drill::{Finding, FindingStatus, Reading, ReadingValue, RiskSign, Tool};
use crossdock_protocol::messages::{DenyReason, Holder};
use crossdock_protocol::phrase::Phrase;
use crossdock_protocol::quant::QPose;
use crossdock_protocol::units;
use crossdock_protocol::units::REACH_M as REACH;
use crossdock_protocol::{Hand, Intent, NetId, ParticipantId, Role, ServerMsg};
use glam::Vec3;

use super::context::{Actor, Ctx, publish_finding};
use super::instruct;
use crate::geometry::{HandPose, inside_container};
use crate::records::Record;
use crate::session::world::*;
use crate::tools::{self, Scene};

/// Most readings a finding may cite.
const MAX_EVIDENCE: usize = 32;
/// Longest seal number.
const MAX_SEAL: usize = 32;

/// The grip that keeps an item at `item` relative to `hand`.
fn grip_for(hand: HandPose, item: QPose) -> Grip {
    let inv = hand.rotation.inverse();
    Grip { offset: inv * (item.position() - hand.position), rotation: inv * item.rotation() }
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

/// Refusals that do not depend on the intent's target: role, freeze, pause (an open debrief
/// pauses the live drill too), closed inspection.
fn check_state(actor: &Actor, intent: &Intent, drill: &Drill) -> Result<(), DenyReason> {
    if let Intent::Instruct(command) = intent {
        return if command.allowed(actor.role) { Ok(()) } else { Err(DenyReason::RoleForbids) };
    }
    // Anyone may ask; pause, freeze and a closed inspection do not silence the room.
    if let Intent::SetMuted { .. } | Intent::Say { .. } | Intent::Listen { .. } = intent {
        return Ok(());
    }
    // Pointing is how an instructor explains a paused drill or a closed inspection; a frozen
    // participant's hands still, but anyone may stop pointing.
    if let Intent::Point { hand } = intent {
        return match (actor.role.may_act(), actor.frozen && hand.is_some()) {
            (false, _) => Err(DenyReason::RoleForbids),
            (true, true) => Err(DenyReason::Frozen),
            (true, false) => Ok(()),
        };
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
        Intent::Choose { candidate, signs } => choose(actor, candidate, &signs, ctx),
        Intent::UseTool { tool, aim, target } => use_tool(actor, tool, aim, target, ctx),
        Intent::MarkFinding { place, category, evidence } => {
            if evidence.len() > MAX_EVIDENCE {
                return Err(DenyReason::Invalid);
            }
            if evidence.iter().any(|id| !ctx.drill.readings.iter().any(|r| r.id == *id)) {
                return Err(DenyReason::UnknownFinding);
            }
            if !near_container(ctx, place) {
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
        Intent::Say { phrase, at } => say(actor, phrase, at, ctx),
        Intent::Listen { channel } => listen(actor, channel, ctx),
        Intent::Point { hand } => point(actor, hand, ctx),
    }
}

/// Whether `place` (millimetres) is in or near the container: where a finding may be marked
/// and a phrase may point.
fn near_container(ctx: &Ctx, place: [i32; 3]) -> bool {
    let size = ctx.drill.scenario.container_size();
    let p = units::point(place);
    p.x >= -1.0 && p.x <= size.x + 2.0 && p.y >= -0.5 && p.y <= size.y + 1.0 && p.z.abs() <= size.z
}

/// A phrase to everyone. Who may speak may say one: instructors and trainees, an observer
/// only once the instructor lets them speak (as for voice).
fn say(actor: &Actor, phrase: Phrase, at: Option<[i32; 3]>, ctx: &mut Ctx) -> Result<(), DenyReason> {
    if actor.role == Role::Observer {
        let (_, participant, _) = ctx.participants.get(actor.entity).map_err(|_| DenyReason::UnknownEntity)?;
        if participant.flags.muted {
            return Err(DenyReason::RoleForbids);
        }
    }
    if !phrase.exists(&ctx.drill.scenario.phrases) {
        return Err(DenyReason::Invalid);
    }
    if at.is_some_and(|at| !near_container(ctx, at)) {
        return Err(DenyReason::OutOfBounds);
    }
    ctx.outbox.push(Dest::All, ServerMsg::Said { by: actor.id, phrase, at });
    Ok(())
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

/// Listen to an interpretation channel, or to the floor. Anyone may choose, observers too;
/// the voice routes follow on this tick.
fn listen(actor: &Actor, channel: Option<String>, ctx: &mut Ctx) -> Result<(), DenyReason> {
    if channel.as_deref().is_some_and(|c| !crossdock_protocol::voice::valid_channel(c)) {
        return Err(DenyReason::Invalid);
    }
    let (_, participant, _) = ctx.participants.get(actor.entity).map_err(|_| DenyReason::UnknownEntity)?;
    if participant.flags.channel == channel {
        return Err(DenyReason::NoChange);
    }
    instruct::set_flags(ctx, actor.entity, |f| f.channel.clone_from(&channel));
    Ok(())
}

/// Point with a hand, or stop: the dot is where [`crate::tools::point`] puts it, on every
/// tick from the hand's pose (clients draw it from the same state, consoles on the map).
fn point(actor: &Actor, hand: Option<Hand>, ctx: &mut Ctx) -> Result<(), DenyReason> {
    let (_, participant, _) = ctx.participants.get(actor.entity).map_err(|_| DenyReason::UnknownEntity)?;
    if participant.flags.pointing == hand {
        return Err(DenyReason::NoChange);
    }
    instruct::set_flags(ctx, actor.entity, |f| f.pointing = hand);
    Ok(())
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
    if units::distance_to_box(pose.position, item.pose.position(), item.pose.rotation(), item.half_extents) > REACH {
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
    if units::distance_to_box(pose.position, to.position(), to.rotation(), item.half_extents) > REACH {
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
    if open && ctx.drill.state.risk_open {
        return Err(DenyReason::ChooseFirst);
    }
    door.open = open;
    ctx.outbox.push(Dest::All, ServerMsg::DoorChanged { door: door_id, open, by: actor.id });
    Ok(())
}

/// A trainee's choice in the risk-assessment stage: journaled (as every applied intent is) for
/// the report, told to nobody (each chooses alone) but that they have chosen.
fn choose(actor: &Actor, candidate: u8, signs: &[RiskSign], ctx: &mut Ctx) -> Result<(), DenyReason> {
    if actor.role != Role::Trainee {
        return Err(DenyReason::RoleForbids);
    }
    let state = &ctx.drill.state;
    if !state.risk_open || state.chosen.binary_search(&actor.id).is_ok() {
        return Err(DenyReason::ChoiceMade);
    }
    let candidates = ctx.drill.scenario.risk.as_ref().map_or(0, |r| r.candidates.len());
    let mut distinct = signs.to_vec();
    distinct.sort();
    distinct.dedup();
    if usize::from(candidate) >= candidates || distinct.len() != signs.len() {
        return Err(DenyReason::Invalid);
    }
    let trainees: Vec<ParticipantId> =
        ctx.participants.iter().filter(|(_, p, _)| p.info.role == Role::Trainee).map(|(_, p, _)| p.info.id).collect();
    ctx.drill.state.choose(actor.id, &trainees);
    let state = ctx.drill.state.clone();
    ctx.outbox.push(Dest::All, ServerMsg::DrillChanged(state));
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
        .map(|h| units::distance_to_box(*h, item.pose.position(), item.pose.rotation(), item.half_extents))
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
