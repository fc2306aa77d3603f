//! The browser consoles watching this session: who they are, their commands (an instructor's
//! are carried out as the headset's are, by `instruct`), what each participant did last, and
//! the live frame they are sent several times a second.
//!
//! A console is not a participant: it has no avatar, gets no snapshots and is in nobody's
//! roster. It does have an id, so the log says who paused the drill from a tablet: its arrival
//! and departure are journaled like anyone's.

use bevy_ecs::prelude::*;
use bytes::Bytes;
use crossdock_protocol::console::{
    self, ConsoleDown, DoorView, DrillView, FindingView, ItemView, LiveFrame, PersonView,
};
use crossdock_protocol::drill::FindingStatus;
use crossdock_protocol::messages::{DenyReason, ParticipantInfo};
use crossdock_protocol::{CloseCode, Intent, ParticipantId, Role};

use super::context::{Actor, Ctx};
use crate::net::event::{ClientId, NetEvent};
use crate::records::Record;
use crate::session::world::*;

/// Takes the consoles' arrivals, departures and commands that `receive` set aside.
pub fn arrivals(world: &mut World) {
    for event in std::mem::take(&mut world.resource_mut::<Consoles>().events) {
        match event {
            NetEvent::ConsoleJoin { client, name, role, .. } => join(world, client, name, role),
            NetEvent::ConsoleLeave { client } => leave(world, client),
            NetEvent::ConsoleCommand { client, seq, command } => {
                world.resource_mut::<Consoles>().commands.push((client, seq, command));
            }
            _ => {}
        }
    }
}

/// A console arrives: it gets an id, and the log says who.
fn join(world: &mut World, client: ClientId, name: String, role: Role) {
    let mut directory = world.resource_mut::<Directory>();
    let id = ParticipantId(directory.next_participant);
    directory.next_participant = directory.next_participant.wrapping_add(1).max(1);
    let info =
        ParticipantInfo { id, display_name: name.clone(), administration: String::new(), locale: String::new(), role };
    directory.known.insert(id, info.clone());
    world.resource_mut::<Journal>().0.push(Record::Joined(info));
    tracing::info!(console = client.0, participant = id.0, %role, %name, "a console watches");
    world.resource_mut::<Consoles>().seats.insert(client, Seat { id, name, role });
    // Its first frame at once, not up to a fifth of a second later.
    let frame = encode(&ConsoleDown::Frame(Box::new(live_frame(world))));
    world.resource_mut::<Outgoing>().0.push(Out::ConsoleFrame(client, frame));
}

/// A console went.
fn leave(world: &mut World, client: ClientId) {
    let Some(seat) = world.resource_mut::<Consoles>().seats.remove(&client) else { return };
    world.resource_mut::<Journal>().0.push(Record::Left { participant: seat.id, code: CloseCode::Normal });
    tracing::info!(console = client.0, participant = seat.id.0, "a console left");
}

/// Carries out this tick's console commands, in order: an instructor's as the headset's are
/// (journaled the same way), an observer's refused; each answered.
pub fn console_commands(mut consoles: ResMut<Consoles>, mut ctx: Ctx) {
    for (client, seq, asked) in std::mem::take(&mut consoles.commands) {
        let Some(seat) = consoles.seats.get(&client).cloned() else { continue };
        let command = asked.to_command();
        let outcome = if !command.allowed(seat.role) {
            Err(DenyReason::RoleForbids)
        } else {
            // A console stands outside the doors: its summons gather people there.
            let avatar = Some(at_the_doors(ctx.drill.scenario.container_mm));
            let actor = Actor { entity: Entity::PLACEHOLDER, id: seat.id, role: seat.role, frozen: false, avatar };
            super::instruct::command(&actor, command.clone(), &mut ctx).inspect(|()| {
                ctx.journal.0.push(Record::Applied { by: seat.id, intent: Intent::Instruct(command) });
            })
        };
        if let Err(reason) = outcome {
            tracing::debug!(console = client.0, ?asked, ?reason, "console command refused");
            ctx.telemetry.0.refused("console", reason);
        }
        let reason = outcome.err().map(|r| format!("deny-{}", crossdock_i18n::kebab(&format!("{r:?}"))));
        let result = ConsoleDown::Result { seq, ok: reason.is_none(), reason };
        consoles.answers.push((client, encode(&result)));
    }
}

/// Notes from this tick's journal what each participant did last (before it is written).
pub fn watch(journal: Res<Journal>, mut consoles: ResMut<Consoles>) {
    for record in &journal.0 {
        let (by, tool, last) = match record {
            Record::Reading(r) => (r.by, Some(r.tool), "action-reading"),
            Record::Applied { by, intent } => (*by, None, action(intent)),
            _ => continue,
        };
        let recent = consoles.recent.entry(by).or_default();
        recent.tool = tool.or(recent.tool);
        recent.last = Some(last);
    }
}

/// A standing pose a metre outside the container's doors, facing in.
fn at_the_doors(container_mm: [u32; 3]) -> crossdock_protocol::delta::AvatarPose {
    let length = crossdock_protocol::units::size(container_mm).x;
    let at = |y: f32| {
        let facing_in = glam::Quat::from_rotation_y(-std::f32::consts::FRAC_PI_2);
        crossdock_protocol::quant::QPose::new(glam::Vec3::new(length + 1.0, y, 0.0), facing_in)
    };
    crossdock_protocol::delta::AvatarPose { time: Default::default(), head: at(1.65), left: at(1.0), right: at(1.0) }
}

/// Where each pointing participant's ray meets a surface now, as the tools see the room.
fn pointing_dots(world: &mut World) -> std::collections::HashMap<ParticipantId, glam::Vec3> {
    let pointing: Vec<(ParticipantId, crossdock_protocol::Hand, crossdock_protocol::delta::AvatarPose)> = world
        .query::<(&Participant, &Avatar)>()
        .iter(world)
        .filter_map(|(p, a)| Some((p.info.id, p.flags.pointing?, a.0)))
        .collect();
    if pointing.is_empty() {
        return Default::default();
    }
    let doors_open = world.query::<&Door>().iter(world).any(|d| d.open);
    let mut items = world.query::<&Item>();
    let world = &*world;
    let scene = crate::tools::Scene {
        scenario: &world.resource::<Drill>().scenario,
        cargo: items.iter(world).collect(),
        doors_open,
        seal: (String::new(), String::new(), glam::Vec3::ZERO),
    };
    pointing
        .into_iter()
        .filter_map(|(id, hand, avatar)| {
            let hand = crate::geometry::hand_pose(&avatar, hand);
            let (origin, dir) = crossdock_protocol::ray::from_hand(hand.position, hand.rotation);
            Some((id, crate::tools::point(&scene, origin, dir)?))
        })
        .collect()
}

fn action(intent: &Intent) -> &'static str {
    match intent {
        Intent::Grab { .. } => "action-grab",
        Intent::Release { .. } => "action-release",
        Intent::MoveHeld { .. } => "action-move",
        Intent::SetDoor { open: true, .. } => "action-open-door",
        Intent::SetDoor { open: false, .. } => "action-close-door",
        Intent::UseTool { .. } => "action-reading",
        Intent::MarkFinding { .. } => "action-finding",
        Intent::CoSign { .. } => "action-co-sign",
        Intent::Reseal { .. } => "action-reseal",
        Intent::Instruct(_) => "action-command",
        Intent::SetMuted { muted: true } => "action-mute",
        Intent::SetMuted { muted: false } => "action-unmute",
        Intent::Say { .. } => "action-say",
        Intent::Listen { .. } => "action-listen",
        Intent::Point { hand: Some(_) } => "action-point",
        Intent::Point { hand: None } => "action-point-stop",
        Intent::Choose { .. } => "action-choose",
    }
}

/// Sends every console the room, [`console::FRAMES_PER_SECOND`] times a second; nothing when
/// none watches.
pub fn frames(world: &mut World) {
    if world.resource::<Consoles>().is_empty() {
        return;
    }
    let clock = world.resource::<Clock>();
    let every = (u32::from(clock.hz) / console::FRAMES_PER_SECOND).max(1);
    if !clock.tick.0.is_multiple_of(every) {
        return;
    }
    // Encoded once for all: a frame is the same for every console.
    let frame = encode(&ConsoleDown::Frame(Box::new(live_frame(world))));
    let clients: Vec<ClientId> = world.resource::<Consoles>().seats.keys().copied().collect();
    let mut outgoing = world.resource_mut::<Outgoing>();
    for client in clients {
        outgoing.0.push(Out::ConsoleFrame(client, frame.clone()));
    }
}

fn encode(msg: &ConsoleDown) -> Bytes {
    Bytes::from(console::encode(msg))
}

/// A participant's colour as the page writes it.
fn colour(id: ParticipantId) -> String {
    let [r, g, b] = crossdock_protocol::ids::participant_colour(id);
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn tenths_of_degree(radians: f32) -> i32 {
    (radians.to_degrees() * 10.0).round() as i32
}

/// The room as the console draws it.
pub fn live_frame(world: &mut World) -> LiveFrame {
    world.resource_scope(|world, consoles: Mut<Consoles>| live_frame_with(world, &consoles))
}

fn live_frame_with(world: &mut World, consoles: &Consoles) -> LiveFrame {
    let recent = &consoles.recent;
    let drill = world.resource::<Drill>();
    let state = &drill.state;
    let debrief = world.resource::<super::debrief::Debrief>().showing();
    let drill_view = DrillView {
        number: drill.number,
        scenario: state.scenario.clone(),
        seed: state.seed,
        paused: state.paused,
        elapsed_ms: state.elapsed_ms,
        time_limit_s: state.time_limit_s,
        revealed: state.revealed,
        self_unmute_locked: state.self_unmute_locked,
        lead: state.lead.map(|p| p.0),
        resealed: state.resealed,
        observers_open: state.observers_open,
        debrief,
        risk_open: state.risk_open,
        chosen: state.chosen.len() as u32,
    };
    let container_mm = drill.scenario.container_mm;
    let findings = drill
        .findings
        .iter()
        .map(|f| FindingView {
            id: f.id,
            at: f.place,
            category: f.category.as_str().to_owned(),
            signers: f.signers.iter().map(|p| p.0).collect(),
            status: match f.status {
                FindingStatus::Open => "open",
                FindingStatus::Confirmed => "confirmed",
                FindingStatus::Rejected => "rejected",
            }
            .to_owned(),
        })
        .collect();
    let tick = world.resource::<Clock>().tick.0;
    let mut doors: Vec<DoorView> = world
        .query::<&Door>()
        .iter(world)
        .map(|d| DoorView { id: u32::from(d.id.0), name: d.name.clone(), open: d.open })
        .collect();
    doors.sort_by_key(|d| d.id);
    let mut items: Vec<ItemView> = world
        .query::<&Item>()
        .iter(world)
        .map(|item| {
            let at = crossdock_protocol::units::millimetres(item.pose.position());
            let (yaw, _, _) = item.pose.rotation().to_euler(glam::EulerRot::YXZ);
            ItemView {
                id: u32::from(item.id.0),
                label: item.label.clone(),
                x: at[0],
                z: at[2],
                half: [(item.half_extents.x * 1000.0) as u32, (item.half_extents.z * 1000.0) as u32],
                yaw: tenths_of_degree(yaw),
                held: item.held.is_some(),
                opened: item.opened,
            }
        })
        .collect();
    items.sort_by_key(|i| i.id);
    let now = world.resource::<Clock>().tick;
    let dots = pointing_dots(world);
    let mut people: Vec<PersonView> = world
        .query::<(&Participant, Option<&Avatar>, &Path, &Replication, &Talk, Option<&Absent>)>()
        .iter(world)
        .map(|(p, avatar, path, rep, talk, absent)| {
            let head = avatar.map(|a| a.0.head);
            let yaw = head.map_or(0, |h| {
                // The way the face points (-z in view space), on the floor plane.
                let forward = h.rotation() * glam::Vec3::NEG_Z;
                tenths_of_degree(forward.z.atan2(forward.x))
            });
            let recent = recent.get(&p.info.id).cloned().unwrap_or_default();
            PersonView {
                id: p.info.id.0,
                name: p.info.display_name.clone(),
                administration: p.info.administration.clone(),
                role: p.info.role.as_str().to_owned(),
                connected: absent.is_none(),
                at: head.map(|h| crossdock_protocol::units::millimetres(h.position())),
                yaw,
                rtt_ms: path.rtt.as_millis() as u32,
                loss_permille: (rep.loss * 1000.0).round() as u32,
                tool: recent.tool.map(|t| crossdock_i18n::kebab(&format!("{t:?}"))),
                last: recent.last.map(str::to_owned),
                talking: talk.0.as_ref().is_some_and(|s| now.0.saturating_sub(s.last.0) < 30),
                muted: p.flags.muted,
                frozen: p.flags.frozen,
                left: false,
                colour: colour(p.info.id),
                interprets: p.flags.interprets.clone(),
                points_at: dots.get(&p.info.id).map(|at| crossdock_protocol::units::millimetres(*at)),
            }
        })
        .collect();
    // Who took part and left keeps their tile, marked as gone.
    let present: Vec<ParticipantId> = people.iter().map(|p| ParticipantId(p.id)).collect();
    let gone: Vec<PersonView> = world
        .resource::<Drill>()
        .departed(&present)
        .map(|p| PersonView {
            id: p.id.0,
            name: p.display_name.clone(),
            administration: p.administration.clone(),
            role: p.role.as_str().to_owned(),
            connected: false,
            at: None,
            yaw: 0,
            rtt_ms: 0,
            loss_permille: 0,
            tool: None,
            last: None,
            talking: false,
            muted: false,
            frozen: false,
            left: true,
            colour: colour(p.id),
            interprets: None,
            points_at: None,
        })
        .collect();
    people.extend(gone);
    people.sort_by_key(|p| p.id);
    LiveFrame { tick, drill: drill_view, container_mm, doors, items, people, findings }
}
