//! Receive: drain the session's inbox and apply joins, leaves, poses and acks; queue intents.

use bevy_ecs::prelude::*;
use crossdock_protocol::drill::{Flags, Truth};
use crossdock_protocol::messages::{DoorInfo, Hello, ItemInfo, ParticipantInfo, SealInfo, Welcome, WorldInit};
use crossdock_protocol::{CloseCode, ParticipantId, Role, ServerMsg, Tick};

use crate::net::event::{AckedTick, ClientId, NetEvent};
use crate::records::{Learner, Record};
use crate::session::world::*;
use crate::token::LearnerClaim;

/// Takes this tick's events from the inbox.
pub fn receive(world: &mut World) {
    let mut events = std::mem::take(&mut world.resource_mut::<Inbox>().0);
    for event in events.drain(..) {
        match event {
            // The tick loop keeps the connection; the tick sees only its id.
            NetEvent::Connected { .. } => {}
            NetEvent::Join { client, hello, role, name, learner, interprets, replayed } => {
                admit(world, client, *hello, role, name, learner.map(|l| (l, interprets)), replayed)
            }
            NetEvent::Leave { client, code } => leave(world, client, code),
            NetEvent::Pose { client, pose, seq, snapshot_ack } => {
                let Some(entity) = world.resource::<Directory>().clients.get(&client).copied() else { continue };
                let Some(role) = world.get::<Participant>(entity).map(|p| p.info.role) else { continue };
                if role.may_act() {
                    match world.get_mut::<Avatar>(entity) {
                        Some(mut avatar) => avatar.0 = pose,
                        None => drop(world.entity_mut(entity).insert(Avatar(pose))),
                    }
                }
                if let Some(mut rep) = world.get_mut::<Replication>(entity) {
                    rep.pose_ack = Some(seq);
                }
                if let Some(low) = snapshot_ack {
                    acknowledge(world, entity, AckedTick::Low16(low));
                }
            }
            NetEvent::Ack { client, tick } => {
                let Some(entity) = world.resource::<Directory>().clients.get(&client).copied() else { continue };
                acknowledge(world, entity, tick);
            }
            NetEvent::Intent { client, seq, intent } => {
                if let Some(entity) = world.resource::<Directory>().clients.get(&client).copied() {
                    world.resource_mut::<PendingIntents>().0.push((entity, seq, intent));
                }
            }
            NetEvent::Caption(caption) => super::voice::caption(world, caption),
            NetEvent::Voice { client, frame } => {
                if let Some(entity) = world.resource::<Directory>().clients.get(&client).copied() {
                    world.resource_mut::<VoiceInbox>().0.push((entity, frame));
                }
            }
            // The consoles' own system takes these (`systems::console`).
            event
            @ (NetEvent::ConsoleJoin { .. } | NetEvent::ConsoleCommand { .. } | NetEvent::ConsoleLeave { .. }) => {
                world.resource_mut::<Consoles>().events.push(event)
            }
            NetEvent::QueryStateHash { client, nonce } => {
                if let Some(entity) = world.resource::<Directory>().clients.get(&client).copied() {
                    world.resource_mut::<HashQueries>().asked.push((entity, nonce));
                }
            }
        }
    }
    // The emptied list goes back, so the next tick's events need no allocation.
    let mut inbox = world.resource_mut::<Inbox>();
    if inbox.0.is_empty() {
        inbox.0 = events;
    }
}

/// A client acknowledged the snapshot of `tick`: its next delta may be coded against it.
fn acknowledge(world: &mut World, entity: Entity, tick: AckedTick) {
    let now = world.resource::<Clock>().tick;
    let tick = match tick {
        AckedTick::Full(t) => t,
        AckedTick::Low16(low) => Tick::from_low16(low, now),
    };
    if let Some(mut rep) = world.get_mut::<Replication>(entity)
        && tick <= now
        && rep.acked.is_none_or(|old| tick > old)
    {
        rep.acked = Some(tick);
    }
}

/// Admits a joining connection: a participant still here (connected or dropped) comes back on
/// it; someone the session knew before (by resume secret, after a restart, or by learner) gets
/// their old id back; anyone else joins as someone new. A learner comes with the language the
/// class roster has them interpret into, if any.
fn admit(
    world: &mut World,
    client: ClientId,
    hello: Hello,
    role: Role,
    name: Option<String>,
    enrolled: Option<(Box<LearnerClaim>, Option<String>)>,
    replayed: bool,
) {
    let (learner, interprets) = enrolled.map_or((None, None), |(l, i)| (Some(l), i));
    let info = world.resource::<SessionInfo>();
    let resumed = hello.resume.as_deref().and_then(|s| resumed_participant(&info.resume_key, &info.name, s));
    let directory = world.resource::<Directory>();
    let by_learner = learner.as_ref().and_then(|l| directory.learners.get(&l.id).copied());
    // A role invite names nobody: the same name, administration and role back without a resume
    // secret (an app restarted) is the same person, unless that person is connected now.
    let shown = name.as_deref().unwrap_or(&hello.display_name);
    let by_name = (learner.is_none() && resumed.is_none())
        .then(|| {
            directory
                .known
                .values()
                .filter(|p| p.role == role && p.display_name == shown && p.administration == hello.administration)
                .map(|p| p.id)
                .filter(|id| directory.participants.get(id).is_none_or(|e| world.get::<Absent>(*e).is_some()))
                .max()
        })
        .flatten();
    let live =
        [resumed, by_learner, by_name].into_iter().flatten().find_map(|id| directory.participants.get(&id).copied());
    if let Some(entity) = live.filter(|e| world.get::<Participant>(*e).is_some_and(|p| p.info.role == role)) {
        rejoin(world, client, entity);
        return;
    }
    let earlier = resumed.or(by_name).filter(|id| directory.known.get(id).is_some_and(|p| p.role == role));
    if replayed && earlier.is_none() && by_learner.is_none() {
        let refusal = crate::token::replayed_refusal();
        world.resource_mut::<Outgoing>().refuse(client, refusal.code, refusal.message);
        return;
    }
    let info = ParticipantInfo {
        id: earlier.or(by_learner).unwrap_or(ParticipantId(0)),
        display_name: name.unwrap_or(hello.display_name),
        administration: learner.as_ref().map_or(hello.administration, |l| l.administration.clone()),
        locale: learner.as_ref().map_or(hello.locale, |l| l.locale.clone()),
        role,
    };
    let learner = learner.map(|l| Learner { id: l.id.clone(), lms_account: l.lms_account.clone() });
    join(world, client, info, learner, interprets);
}

/// Adds a participant; `me.id` is kept unless it is 0 (someone new).
fn join(
    world: &mut World,
    client: ClientId,
    mut me: ParticipantInfo,
    learner: Option<Learner>,
    interprets: Option<String>,
) {
    let (observers, others) = world
        .query::<&Participant>()
        .iter(world)
        .fold((0, 0), |(o, n), p| if p.info.role == Role::Observer { (o + 1, n) } else { (o, n + 1) });
    let info = world.resource::<SessionInfo>();
    let full = match me.role {
        Role::Observer => observers >= info.max_observers,
        _ => others >= info.max_participants,
    };
    if me.role == Role::Observer && !world.resource::<Drill>().state.observers_open {
        let message = format!(
            "the instructor is not admitting observers to session `{}` now: ask them to open it from their console",
            info.name
        );
        world.resource_mut::<Outgoing>().refuse(client, CloseCode::SessionFull, message);
        return;
    }
    if full {
        let message =
            format!("session `{}` is full for {}s: ask the instructor, or join another session", info.name, me.role);
        world.resource_mut::<Outgoing>().refuse(client, CloseCode::SessionFull, message);
        return;
    }
    let mut directory = world.resource_mut::<Directory>();
    if me.id.0 == 0 {
        me.id = ParticipantId(directory.next_participant);
        directory.next_participant = directory.next_participant.wrapping_add(1).max(1);
    }
    let session = world.resource::<SessionInfo>();
    let resume = resume_secret(&session.resume_key, &session.name, me.id);
    // Observers listen; they speak only once the instructor unmutes them. Someone the class
    // roster names as an interpreter starts as one, heard on their channel.
    let muted = me.role == Role::Observer && interprets.is_none();
    let default = Flags { muted, interprets, ..Flags::default() };
    let flags = world.resource_mut::<Drill>().kept_flags.remove(&me.id).unwrap_or(default);
    let entity = world
        .spawn((
            Participant { client, info: me.clone(), flags, resume, learner: learner.clone() },
            Replication::default(),
            Path::default(),
            Talk::default(),
        ))
        .id();
    greet(world, entity, false);
    let mut outbox = world.resource_mut::<Outbox>();
    outbox.add_member(entity, me.role);
    outbox.push(Dest::All, ServerMsg::Joined(me.clone()));
    let role = crate::metrics::RoleLabels { role: me.role.to_string() };
    world.resource::<Telemetry>().0.participants.get_or_create(&role).inc();
    tracing::info!(participant = me.id.0, role = %me.role, name = %me.display_name, admin = %me.administration, "joined");
    world.resource_mut::<Journal>().0.extend(presence(&me, learner.as_ref()));
    world.resource_mut::<Drill>().took_part.insert(me.id, me.clone());
    let mut directory = world.resource_mut::<Directory>();
    directory.clients.insert(client, entity);
    directory.participants.insert(me.id, entity);
    if let Some(learner) = learner {
        directory.learners.insert(learner.id, me.id);
    }
    directory.known.insert(me.id, me);
}

/// The records that say a participant is in the drill: `Joined`, and `Identified` when a
/// personal invite names their learner.
pub fn presence(info: &ParticipantInfo, learner: Option<&Learner>) -> impl Iterator<Item = Record> {
    let identified = learner.map(|l| Record::Identified { participant: info.id, learner: l.clone() });
    std::iter::once(Record::Joined(info.clone())).chain(identified)
}

/// The static and discrete state a newcomer (of `role`) needs; the truth only if it may see it.
pub fn world_init(world: &mut World, role: Role) -> WorldInit {
    let truth = sees_truth(role, world.resource::<Drill>());
    let mut items: Vec<ItemInfo> = world
        .query::<&Item>()
        .iter(world)
        .map(|i| ItemInfo {
            id: i.id,
            kind: i.kind.clone(),
            label: i.label.clone(),
            size_mm: (i.half_extents * 2000.0).round().to_array().map(|v| v as u32),
            holder: i.held.map(|(h, _)| h),
            openable: i.openable,
            content: (i.opened || truth).then(|| i.content.clone()),
            model: i.model,
        })
        .collect();
    items.sort_by_key(|i| i.id);
    let mut doors: Vec<DoorInfo> = world
        .query::<&Door>()
        .iter(world)
        .map(|d| DoorInfo { id: d.id, name: d.name.clone(), handle: d.handle, open: d.open })
        .collect();
    doors.sort_by_key(|d| d.id);
    let seal = world
        .query::<&Seal>()
        .iter(world)
        .next()
        .map(|s| SealInfo { id: s.id, number: s.number.clone(), pose: s.pose })
        .unwrap_or_else(|| SealInfo {
            id: crossdock_protocol::NetId(0),
            number: String::new(),
            pose: Default::default(),
        });
    let mut flags: Vec<_> = world.query::<&Participant>().iter(world).map(|p| (p.info.id, p.flags.clone())).collect();
    flags.sort_by_key(|(id, _)| *id);
    let present: Vec<ParticipantId> = flags.iter().map(|(id, _)| *id).collect();
    let drill = world.resource::<Drill>();
    let departed = drill.departed(&present).cloned().collect();
    WorldInit {
        tick: drill.started,
        scenario: drill.scenario.summary.clone(),
        documents: drill.scenario.documents.clone(),
        drill: drill.state.clone(),
        readings: drill.readings.clone(),
        findings: drill.findings.clone(),
        flags,
        highlights: drill.highlights.iter().copied().collect(),
        container_mm: drill.scenario.container_mm,
        items,
        doors,
        seal,
        library: if role == Role::Instructor {
            world.get_resource::<crate::library::Library>().map_or_else(Vec::new, crate::library::Library::names)
        } else {
            Vec::new()
        },
        look: drill.scenario.look.clone(),
        departed,
        phrases: drill.scenario.phrases.clone(),
        risk: drill.scenario.risk.as_ref().map_or_else(Vec::new, |r| r.candidates.clone()),
    }
}

/// Every model file the running scenario ships, in chunks, each file once: sent after every
/// `WorldInit`.
pub fn model_chunks(world: &World) -> Vec<ServerMsg> {
    let mut sent = std::collections::HashSet::new();
    let mut out = Vec::new();
    for model in world.resource::<Drill>().scenario.cargo.iter().filter_map(|c| c.model.as_ref()) {
        if !sent.insert(model.reference.sha256) {
            continue;
        }
        for (i, data) in model.bytes.chunks(crossdock_protocol::messages::MODEL_CHUNK).enumerate() {
            out.push(ServerMsg::ModelChunk {
                sha256: model.reference.sha256,
                offset: (i * crossdock_protocol::messages::MODEL_CHUNK) as u32,
                total: model.reference.bytes,
                data: data.to_vec(),
            });
        }
    }
    out
}

/// The hidden truth of the running drill.
pub fn truth(world: &mut World) -> Truth {
    let items: Vec<&Item> = world.query::<&Item>().iter(world).collect();
    truth_of(&world.resource::<Drill>().scenario, items.into_iter())
}

fn leave(world: &mut World, client: ClientId, code: CloseCode) {
    let Some(entity) = world.resource_mut::<Directory>().clients.remove(&client) else { return };
    let grace = world.resource::<SessionInfo>().reconnect_grace_ticks;
    if code == CloseCode::TimedOut && grace > 0 {
        // Dropped, not departed: hold the place (avatar, items, slot) for the grace period.
        let until = Tick(world.resource::<Clock>().tick.0.wrapping_add(grace));
        world.entity_mut(entity).insert(Absent { until });
        world.resource_mut::<Outbox>().remove_member(entity);
        if let Some(p) = world.get::<Participant>(entity) {
            tracing::info!(participant = p.info.id.0, "connection dropped; holding their place for the grace period");
        }
        return;
    }
    depart(world, entity, code);
}

/// Removes a participant for good: releases what they held, tells everyone, journals it.
pub fn depart(world: &mut World, entity: Entity, code: CloseCode) {
    let Some(participant) = world.get::<Participant>(entity) else { return };
    let spurt = world.get::<Talk>(entity).and_then(|t| t.0).map(|s| super::voice::spoke(participant, s));
    let id = participant.info.id;
    let name = participant.info.display_name.clone();
    let role = participant.info.role;
    // Their flags wait for them; a pointing hand (a gesture, not a setting) does not.
    let flags = Flags { pointing: None, ..participant.flags.clone() };
    world.resource_mut::<Drill>().kept_flags.insert(id, flags);
    let mut released = Vec::new();
    for mut item in world.query::<&mut Item>().iter_mut(world) {
        if item.held.is_some_and(|(h, _)| h.participant == id) {
            item.held = None;
            released.push(item.id);
        }
    }
    world.resource_mut::<Directory>().participants.remove(&id);
    world.despawn(entity);
    let mut outbox = world.resource_mut::<Outbox>();
    outbox.remove_member(entity);
    for item in released {
        outbox.push(Dest::All, ServerMsg::ItemHeld { item, holder: None });
    }
    outbox.push(Dest::All, ServerMsg::Left { participant: id, code });
    let mut journal = world.resource_mut::<Journal>();
    journal.0.extend(spurt);
    journal.0.push(Record::Left { participant: id, code });
    // The risk assessment waits for every trainee present: one fewer may be all it waited for.
    let trainees: Vec<ParticipantId> =
        world.query::<&Participant>().iter(world).filter(|p| p.info.role == Role::Trainee).map(|p| p.info.id).collect();
    let mut drill = world.resource_mut::<Drill>();
    if drill.state.all_chosen(&trainees) {
        let state = drill.state.clone();
        world.resource_mut::<Outbox>().push(Dest::All, ServerMsg::DrillChanged(state));
    }
    let session = world.resource::<SessionInfo>().name.clone();
    let metrics = &world.resource::<Telemetry>().0;
    metrics.participants.get_or_create(&crate::metrics::RoleLabels { role: role.to_string() }).dec();
    let labels = crate::metrics::ParticipantLabels { session, participant: id.0.to_string() };
    metrics.rtt_seconds.remove(&labels);
    metrics.loss_ratio.remove(&labels);
    tracing::info!(participant = id.0, %name, ?code, "left the session");
}

/// A participant comes back on a new connection with their resume secret: same id, role and
/// avatar, what they hold still held; the old connection (if the server still had it) goes.
fn rejoin(world: &mut World, client: ClientId, entity: Entity) {
    let connected = world.get::<Absent>(entity).is_none();
    let Some(mut participant) = world.get_mut::<Participant>(entity) else { return };
    let old_client = std::mem::replace(&mut participant.client, client);
    let (id, role) = (participant.info.id, participant.info.role);
    if connected {
        // Still connected elsewhere: the newer connection takes over, and the log says so.
        world.resource_mut::<Journal>().0.push(Record::SecondPlace { participant: id });
    }
    world.resource_mut::<Outgoing>().close(old_client, CloseCode::Removed, "you joined again from another connection");
    world.entity_mut(entity).remove::<Absent>().insert((Replication::default(), Path::default()));
    let mut directory = world.resource_mut::<Directory>();
    directory.clients.remove(&old_client);
    directory.clients.insert(client, entity);
    greet(world, entity, true);
    let mut outbox = world.resource_mut::<Outbox>();
    outbox.remove_member(entity);
    outbox.add_member(entity, role);
    tracing::info!(participant = id.0, "came back within the grace period");
}

/// Sends a participant the welcome, the world as their role may see it, and the roster
/// (themselves included only when `with_self`: a newcomer hears of itself with everyone).
fn greet(world: &mut World, entity: Entity, with_self: bool) {
    let Some(p) = world.get::<Participant>(entity) else { return };
    let (me, resume) = (p.info.clone(), p.resume.clone());
    let clock = world.resource::<Clock>();
    let welcome = Welcome {
        participant: me.id,
        role: me.role,
        session: world.resource::<SessionInfo>().name.clone(),
        tick_hz: clock.hz,
        server_time_us: clock.server_time_us,
        tick: clock.tick,
        resume,
        voice_recorded: world.resource::<SessionInfo>().record_voice,
        captions: world.resource::<SessionInfo>().captions,
    };
    let mut greeting = vec![ServerMsg::Welcome(welcome), ServerMsg::WorldInit(Box::new(world_init(world, me.role)))];
    greeting.extend(model_chunks(world));
    if sees_truth(me.role, world.resource::<Drill>()) {
        greeting.push(ServerMsg::Truth(truth(world)));
    }
    greeting.extend(
        world
            .query::<&Participant>()
            .iter(world)
            .filter(|p| with_self || p.info.id != me.id)
            .map(|p| ServerMsg::Joined(p.info.clone())),
    );
    let mut outbox = world.resource_mut::<Outbox>();
    for msg in greeting {
        outbox.push(Dest::One(entity), msg);
    }
}

/// Participant `id`'s resume secret in `session`: `ID.TAG`, where TAG is the first 128 bits of
/// an HMAC-SHA256 with the data dir's key, so the server recognises it again after a restart
/// without having stored it (and it fits the wire's 64-byte limit).
pub fn resume_secret(key: &ring::hmac::Key, session: &str, id: ParticipantId) -> String {
    format!("{}.{}", id.0, crossdock_protocol::invite::hex(&resume_tag(key, session, id.0)))
}

fn resume_tag(key: &ring::hmac::Key, session: &str, id: u16) -> [u8; 16] {
    let tag = ring::hmac::sign(key, format!("crossdock resume/{session}/{id}").as_bytes());
    let mut short = [0u8; 16];
    short.copy_from_slice(&tag.as_ref()[..16]);
    short
}

/// The participant a resume secret names, if it is genuine (compared in constant time).
pub fn resumed_participant(key: &ring::hmac::Key, session: &str, secret: &str) -> Option<ParticipantId> {
    let (id, tag) = secret.split_once('.')?;
    let id: u16 = id.parse().ok()?;
    if tag.len() != 32 {
        return None;
    }
    let mut given = [0u8; 16];
    for (i, byte) in given.iter_mut().enumerate() {
        *byte = u8::from_str_radix(tag.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    let differ = resume_tag(key, session, id).iter().zip(given).fold(0u8, |acc, (a, b)| acc | (a ^ b));
    (differ == 0).then_some(ParticipantId(id))
}

/// Departs the participants whose grace period ran out.
pub fn expire_absent(world: &mut World, absent: &mut QueryState<(Entity, &Absent)>) {
    let now = world.resource::<Clock>().tick;
    let expired: Vec<Entity> = absent.iter(world).filter(|(_, a)| a.until <= now).map(|(e, _)| e).collect();
    for entity in expired {
        depart(world, entity, CloseCode::TimedOut);
    }
}
