//! Instructor commands: pause, reset, switch and re-randomise the scenario, freeze, summon,
//! teleport, mute, lock tools, highlight, point, give the lead, remove, reveal, judge, bookmark,
//! name an interpreter, and the debrief's (checked here, carried out by `debrief`).
//! `apply_intents` has already checked the role; these check their targets.

use bevy_ecs::prelude::*;
use crossdock_protocol::debrief::{DebriefCommand, SPEEDS};
use crossdock_protocol::drill::{Command, FindingStatus, Target};
use crossdock_protocol::messages::DenyReason;
use crossdock_protocol::voice::valid_channel;
use crossdock_protocol::{CloseCode, ParticipantId, Role, ServerMsg};
use glam::Vec3;

use super::context::{Actor, Ctx, publish_finding};
use super::drill::start_scenario;
use super::receive::{model_chunks, truth, world_init};
use crate::records::DrillEnd;
use crate::session::world::*;

/// Carries out one command (its role already checked by `Command::allowed`): its targets are
/// checked, its effect on the drill's state applied by `Command::apply_to` (as a replay and a
/// resume apply it), and the rest of its effect, on people, the world and the debrief, here.
pub fn command(actor: &Actor, command: Command, ctx: &mut Ctx) -> Result<(), DenyReason> {
    match &command {
        // Under an open debrief the drill stays paused; this is what it returns to.
        Command::Pause | Command::Resume if ctx.debrief.hold_pause(command == Command::Pause) => return Ok(()),
        Command::GiveLead { who } => {
            participant(ctx, *who)?;
        }
        Command::CloseRiskStage if !ctx.drill.state.risk_open => return Err(DenyReason::NoChange),
        _ => {}
    }
    let state_changed = command.apply_to(&mut ctx.drill.state);
    if state_changed {
        changed(ctx);
    }
    match command {
        // Their whole effect is on the drill's state.
        Command::Pause
        | Command::Resume
        | Command::LockSelfUnmute { .. }
        | Command::LockTool { .. }
        | Command::GiveLead { .. }
        | Command::AdmitObservers { .. }
        | Command::CloseRiskStage => {}
        Command::Reset => {
            ctx.drill.restart = Some((ctx.drill.scenario.reseeded(ctx.drill.scenario.seed), DrillEnd::Restarted))
        }
        Command::EndDrill => {
            // The next drill hides its goods elsewhere: the seed moves on.
            let seed = next_seed(ctx.drill.scenario.seed);
            ctx.drill.restart = Some((ctx.drill.scenario.reseeded(seed), DrillEnd::Ended))
        }
        Command::Rerandomise { seed } => {
            ctx.drill.restart = Some((ctx.drill.scenario.reseeded(seed), DrillEnd::Restarted))
        }
        Command::SwitchScenario { name } => {
            // Only the library, by name: a path from the network never reaches the file system.
            if !ctx.library.names().contains(&name) {
                return Err(DenyReason::UnknownEntity);
            }
            let scenario = ctx.library.load(&name).map_err(|e| {
                tracing::warn!(error = %e, "the scenario asked for does not load");
                DenyReason::Invalid
            })?;
            ctx.drill.restart = Some((scenario, DrillEnd::Restarted));
        }
        Command::Freeze { who, frozen } => {
            for e in targets(who, ctx)? {
                set_flags(ctx, e, |f| f.frozen = frozen);
            }
        }
        Command::Mute { who, muted } => {
            for e in targets(who, ctx)? {
                set_flags(ctx, e, |f| f.muted = muted);
            }
        }
        Command::Interpret { who, language } => {
            if language.as_deref().is_some_and(|l| !valid_channel(l)) {
                return Err(DenyReason::Invalid);
            }
            let e = participant(ctx, who)?;
            if ctx.participants.get(e).is_ok_and(|(_, p, _)| p.flags.interprets == language) {
                return Err(DenyReason::NoChange);
            }
            set_flags(ctx, e, |f| f.interprets.clone_from(&language));
        }
        Command::Summon { who } => {
            let head = actor.avatar.map_or(Vec3::new(1.0, 1.65, 0.0), |a| a.head.position());
            for (i, e) in targets(who, ctx)?.into_iter().enumerate() {
                let offset = Vec3::new(0.6 * ((i % 4) as f32 - 1.5), 0.0, 0.6 + 0.6 * (i / 4) as f32);
                let to = crossdock_protocol::quant::quantise_position(head + offset);
                ctx.outbox.push(Dest::One(e), ServerMsg::Teleport { to });
            }
        }
        Command::Teleport { who, to } => {
            for e in targets(who, ctx)? {
                ctx.outbox.push(Dest::One(e), ServerMsg::Teleport { to });
            }
        }
        Command::Highlight { entity, on } => {
            if on {
                ctx.drill.highlights.insert(entity);
            } else {
                ctx.drill.highlights.remove(&entity);
            }
            ctx.outbox.push(Dest::All, ServerMsg::Highlight { entity, on });
        }
        Command::Point { at } => ctx.outbox.push(Dest::All, ServerMsg::Pointer { by: actor.id, at }),
        Command::Remove { who } => {
            let e = participant(ctx, who)?;
            if let Ok((_, p, _)) = ctx.participants.get(e) {
                let client = p.client;
                ctx.outgoing.close(client, CloseCode::Removed, "the instructor removed you from the session");
            }
        }
        Command::RevealTruth => {
            if state_changed {
                ctx.drill.restart = None;
                let truth = truth_of(&ctx.drill.scenario, ctx.items.iter());
                ctx.outbox.push(Dest::All, ServerMsg::Truth(truth));
            }
        }
        Command::Bookmark { note } => {
            // Nothing changes: the log keeps it (as every applied intent), for the debrief.
            if note.chars().count() > crossdock_protocol::drill::MAX_NOTE || note.chars().any(char::is_control) {
                return Err(DenyReason::Invalid);
            }
        }
        Command::Debrief(c) => {
            let number = ctx.drill.number;
            let c = c.resolved(number);
            match &c {
                DebriefCommand::Open { drill } if *drill == 0 || *drill > number => {
                    return Err(DenyReason::UnknownEntity);
                }
                DebriefCommand::Open { .. } | DebriefCommand::Close => {}
                DebriefCommand::Speed { quarters } if !SPEEDS.contains(quarters) => return Err(DenyReason::Invalid),
                _ if !ctx.debrief.active() => return Err(DenyReason::Invalid),
                _ => {}
            }
            if let DebriefCommand::Open { .. } = c {
                ctx.debrief.opener = Some(actor.id);
            }
            ctx.debrief.requests.push(c);
        }
        Command::Judge { finding, confirmed } => {
            let mut f =
                ctx.drill.findings.iter().find(|f| f.id == finding).cloned().ok_or(DenyReason::UnknownFinding)?;
            f.status = if confirmed { FindingStatus::Confirmed } else { FindingStatus::Rejected };
            publish_finding(ctx, f);
        }
    }
    Ok(())
}

/// The seed of the drill after `seed`'s, when an instructor ends a drill: SplitMix64's step, so
/// the sequence of drills is reproducible from the first seed and no two neighbours share one.
pub fn next_seed(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn changed(ctx: &mut Ctx) {
    let state = ctx.drill.state.clone();
    ctx.outbox.push(Dest::All, ServerMsg::DrillChanged(state));
}

fn participant(ctx: &Ctx, id: ParticipantId) -> Result<Entity, DenyReason> {
    ctx.directory.participants.get(&id).copied().ok_or(DenyReason::UnknownEntity)
}

fn targets(who: Target, ctx: &Ctx) -> Result<Vec<Entity>, DenyReason> {
    match who {
        Target::One(id) => participant(ctx, id).map(|e| vec![e]),
        Target::AllTrainees => {
            Ok(ctx.participants.iter().filter(|(_, p, _)| p.info.role == Role::Trainee).map(|(e, _, _)| e).collect())
        }
    }
}

/// Changes a participant's flags and tells everyone.
pub(super) fn set_flags(ctx: &mut Ctx, entity: Entity, change: impl Fn(&mut crossdock_protocol::drill::Flags)) {
    if let Ok((_, mut p, _)) = ctx.participants.get_mut(entity) {
        change(&mut p.flags);
        let msg = ServerMsg::FlagsChanged { participant: p.info.id, flags: p.flags.clone() };
        ctx.outbox.push(Dest::All, msg);
    }
}

/// After validation: if a command asked for it, restart the scenario and send everyone the
/// new world (each as their role may see it), and drop every client's baseline.
pub fn restart_scenario(world: &mut World) {
    let Some((scenario, end)) = world.resource_mut::<Drill>().restart.take() else { return };
    let next = world.resource::<Drill>().number + 1;
    start_scenario(world, scenario, next, Some(end));
    let people: Vec<(Entity, Role)> =
        world.query::<(Entity, &Participant)>().iter(world).map(|(e, p)| (e, p.info.role)).collect();
    for (entity, role) in people {
        let init = world_init(world, role);
        let models = model_chunks(world);
        let mut outbox = world.resource_mut::<Outbox>();
        outbox.push(Dest::One(entity), ServerMsg::WorldInit(Box::new(init)));
        for chunk in models {
            outbox.push(Dest::One(entity), chunk);
        }
        if role == Role::Instructor {
            let t = truth(world);
            world.resource_mut::<Outbox>().push(Dest::One(entity), ServerMsg::Truth(t));
        }
        if let Some(mut rep) = world.get_mut::<Replication>(entity) {
            rep.acked = None;
            rep.full_sent = None;
            rep.views = Default::default();
        }
    }
    *world.resource_mut::<History>() = History::default();
}
