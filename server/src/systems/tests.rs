//! The tick's rules on a World with no sockets: events go into the [`Inbox`], the schedule
//! runs, and what the tick would send is read off [`Outgoing`]. The event log is a real
//! SQLite store in a temporary directory, because replies wait until their records are on
//! disk; each tick here waits (with a timeout) for its batch before the next.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use bevy_ecs::prelude::*;
use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::drill::{Command, Target, Tool};
use crossdock_protocol::messages::{DenyReason, Hello};
use crossdock_protocol::quant::QPose;
use crossdock_protocol::{CloseCode, Hand, Intent, NetId, ParticipantId, Role, ServerMsg};
use glam::{Quat, Vec3};

use crate::net::event::{ClientId, NetEvent};
use crate::records::{Recorder, Store};
use crate::scenario::Scenario;
use crate::session::SessionTemplate;
use crate::session::schedule::{Opening, build_world, schedule};
use crate::session::world::*;

/// A session's World and its schedule, driven by hand.
struct Room {
    world: World,
    schedule: Schedule,
    next_client: u64,
    /// Reliable messages each connection was sent, in order.
    sent: HashMap<ClientId, Vec<ServerMsg>>,
    /// Snapshots each connection was sent.
    snapshots: HashMap<ClientId, usize>,
    /// Connections closed, and why.
    closed: Vec<(ClientId, CloseCode)>,
    /// The voice routes, as last published.
    routes: Option<HashMap<ClientId, crate::net::voice::Route>>,
    _dir: tempfile::TempDir,
}

/// A participant in a test room.
#[derive(Debug, Clone, Copy)]
struct Who {
    client: ClientId,
    id: ParticipantId,
}

impl Room {
    fn new(scenario: &str, max_participants: usize) -> Room {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let template = SessionTemplate {
            scenario: Scenario::load(scenario).expect("a library scenario"),
            tick_hz: 60,
            max_participants,
            max_observers: 2,
            data_dir: dir.path().to_path_buf(),
            metrics: Arc::default(),
            reconnect_grace: Duration::from_secs(30),
            record_voice: false,
            captions: None,
            resume_key: Arc::new(ring::hmac::Key::new(ring::hmac::HMAC_SHA256, b"unit test key")),
            drill_ended: None,
            gate: Arc::default(),
        };
        let store = Store::open(dir.path()).expect("the event log opens");
        let recorder = Recorder::start(store, "unit".into()).expect("the recorder starts");
        let opening = Opening::Start { drill: 1, ending: None, after: None };
        let world = build_world("unit", &template, recorder, &[], opening).expect("the world builds");
        Room {
            world,
            schedule: schedule(),
            next_client: 1,
            sent: HashMap::new(),
            snapshots: HashMap::new(),
            closed: Vec::new(),
            routes: None,
            _dir: dir,
        }
    }

    /// One tick: the events given, the schedule, what it sent; then waits for its records to
    /// reach the disk, so the next tick releases the replies that waited on them.
    fn tick(&mut self, events: Vec<NetEvent>) {
        self.world.resource_mut::<Inbox>().0.extend(events);
        self.schedule.run(&mut self.world);
        for out in std::mem::take(&mut self.world.resource_mut::<Outgoing>().0) {
            match out {
                Out::Reliable(client, msg) => self.sent.entry(client).or_default().push(msg),
                Out::Snapshot(client, _) => *self.snapshots.entry(client).or_default() += 1,
                Out::Datagram(..) | Out::Console(..) | Out::ConsoleFrame(..) => {}
                Out::Close(client, code, _) => self.closed.push((client, code)),
                Out::Routes(routes) => self.routes = Some(routes),
            }
        }
        let records = self.world.resource::<Records>();
        let batch = records.recorder.submitted();
        assert!(records.recorder.wait_durable(batch, Duration::from_secs(5)), "the records reach the disk");
        let mut clock = self.world.resource_mut::<Clock>();
        clock.tick = clock.tick.next();
    }

    /// Ticks until `client` has been sent a message `want` picks, at most two seconds of ticks.
    fn until<T>(&mut self, client: ClientId, mut want: impl FnMut(&ServerMsg) -> Option<T>) -> T {
        for _ in 0..120 {
            if let Some(found) = self.sent.get(&client).and_then(|msgs| msgs.iter().find_map(&mut want)) {
                return found;
            }
            self.tick(Vec::new());
        }
        panic!("client {} was never sent what the test waits for; it got {:?}", client.0, self.sent.get(&client));
    }

    fn connect(&mut self, role: Role, replayed: bool, resume: Option<String>) -> ClientId {
        let client = ClientId(self.next_client);
        self.next_client += 1;
        let hello = Hello {
            protocol_version: crossdock_protocol::PROTOCOL_VERSION,
            schema_hash: crossdock_protocol::SCHEMA_HASH,
            token: String::new(),
            display_name: format!("{role} {}", client.0),
            administration: "TH".into(),
            locale: "th".into(),
            resume,
            role: Some(role),
        };
        self.tick(vec![NetEvent::Join {
            client,
            hello: Box::new(hello),
            role,
            name: None,
            learner: None,
            interprets: None,
            replayed,
        }]);
        client
    }

    /// A participant of `role` joins and is welcomed.
    fn join(&mut self, role: Role) -> Who {
        let client = self.connect(role, false, None);
        let id = self.until(client, |m| match m {
            ServerMsg::Welcome(w) => Some(w.participant),
            _ => None,
        });
        Who { client, id }
    }

    /// `who` stands with both hands at `at`.
    fn reach(&mut self, who: Who, at: Vec3) {
        let hand = QPose::new(at, Quat::IDENTITY);
        let head = QPose::new(at + Vec3::new(-0.3, 0.6, 0.0), Quat::IDENTITY);
        let pose = AvatarPose { time: Default::default(), head, left: hand, right: hand };
        self.tick(vec![NetEvent::Pose { client: who.client, pose, seq: 1, snapshot_ack: None }]);
    }

    /// `who` asks for `intent`; the answer: `Ok` if granted, else why not.
    fn ask(&mut self, who: Who, intent: Intent) -> Result<(), DenyReason> {
        let seq = self.sent.get(&who.client).map_or(0, Vec::len) as u32 + 1000;
        self.tick(vec![NetEvent::Intent { client: who.client, seq, intent }]);
        self.until(who.client, |m| match m {
            ServerMsg::Granted { seq: s } if *s == seq => Some(Ok(())),
            ServerMsg::Denied { seq: s, reason } if *s == seq => Some(Err(*reason)),
            _ => None,
        })
    }

    fn command(&mut self, who: Who, command: Command) -> Result<(), DenyReason> {
        self.ask(who, Intent::Instruct(command))
    }

    /// The first cargo item: its id and centre.
    fn item(&mut self) -> (NetId, Vec3) {
        let mut items: Vec<(NetId, Vec3)> =
            self.world.query::<&Item>().iter(&self.world).map(|i| (i.id, i.pose.position())).collect();
        items.sort_by_key(|(id, _)| *id);
        items[0]
    }

    fn holder(&mut self, item: NetId) -> Option<ParticipantId> {
        self.world.query::<&Item>().iter(&self.world).find(|i| i.id == item)?.held.map(|(h, _)| h.participant)
    }
}

#[test]
fn of_two_grabs_for_one_item_in_one_tick_exactly_one_wins() {
    let mut room = Room::new("false-wall-20ft", 8);
    let (a, b) = (room.join(Role::Trainee), room.join(Role::Trainee));
    let (item, at) = room.item();
    room.reach(a, at);
    room.reach(b, at);
    room.tick(vec![
        NetEvent::Intent { client: a.client, seq: 1, intent: Intent::Grab { item, hand: Hand::Right } },
        NetEvent::Intent { client: b.client, seq: 1, intent: Intent::Grab { item, hand: Hand::Left } },
    ]);
    let answer = |room: &mut Room, who: Who| {
        room.until(who.client, |m| match m {
            ServerMsg::Granted { seq: 1 } => Some(Ok(())),
            ServerMsg::Denied { seq: 1, reason } => Some(Err(*reason)),
            _ => None,
        })
    };
    assert_eq!(answer(&mut room, a), Ok(()), "the first in arrival order wins");
    assert_eq!(answer(&mut room, b), Err(DenyReason::AlreadyHeld));
    assert_eq!(room.holder(item), Some(a.id));
}

#[test]
fn an_item_beyond_reach_cannot_be_grabbed_and_one_within_can() {
    let mut room = Room::new("false-wall-20ft", 8);
    let a = room.join(Role::Trainee);
    let (item, at) = room.item();
    room.reach(a, at + Vec3::new(0.0, 2.5, 0.0));
    assert_eq!(room.ask(a, Intent::Grab { item, hand: Hand::Right }), Err(DenyReason::OutOfReach));
    room.reach(a, at);
    assert_eq!(room.ask(a, Intent::Grab { item, hand: Hand::Right }), Ok(()));
    assert_eq!(room.ask(a, Intent::Grab { item, hand: Hand::Right }), Err(DenyReason::HandBusy));
    assert_eq!(room.ask(a, Intent::Grab { item, hand: Hand::Left }), Err(DenyReason::AlreadyHeld));
}

#[test]
fn a_trainee_who_has_not_been_seen_cannot_reach_anything() {
    let mut room = Room::new("false-wall-20ft", 8);
    let a = room.join(Role::Trainee);
    let (item, _) = room.item();
    assert_eq!(room.ask(a, Intent::Grab { item, hand: Hand::Right }), Err(DenyReason::OutOfReach));
}

#[test]
fn observers_may_not_act_on_the_container() {
    let mut room = Room::new("false-wall-20ft", 8);
    let o = room.join(Role::Observer);
    let (item, at) = room.item();
    room.reach(o, at);
    assert_eq!(room.ask(o, Intent::Grab { item, hand: Hand::Right }), Err(DenyReason::RoleForbids));
    let aim = QPose::new(at, Quat::IDENTITY);
    assert_eq!(room.ask(o, Intent::UseTool { tool: Tool::Documents, aim, target: None }), Err(DenyReason::RoleForbids));
    assert_eq!(room.holder(item), None, "and nothing changed");
}

#[test]
fn only_instructors_may_command() {
    let mut room = Room::new("false-wall-20ft", 8);
    let t = room.join(Role::Trainee);
    let o = room.join(Role::Observer);
    for who in [t, o] {
        assert_eq!(room.command(who, Command::Pause), Err(DenyReason::RoleForbids));
        assert_eq!(room.command(who, Command::RevealTruth), Err(DenyReason::RoleForbids));
    }
    assert!(!room.world.resource::<Drill>().state.paused);
}

#[test]
fn a_frozen_trainee_is_refused_until_thawed() {
    let mut room = Room::new("false-wall-20ft", 8);
    let i = room.join(Role::Instructor);
    let t = room.join(Role::Trainee);
    let (item, at) = room.item();
    room.reach(t, at);
    assert_eq!(room.command(i, Command::Freeze { who: Target::AllTrainees, frozen: true }), Ok(()));
    assert_eq!(room.ask(t, Intent::Grab { item, hand: Hand::Right }), Err(DenyReason::Frozen));
    assert_eq!(room.command(i, Command::Freeze { who: Target::One(t.id), frozen: false }), Ok(()));
    assert_eq!(room.ask(t, Intent::Grab { item, hand: Hand::Right }), Ok(()));
}

#[test]
fn a_paused_drill_refuses_actions_but_not_the_instructor() {
    let mut room = Room::new("false-wall-20ft", 8);
    let i = room.join(Role::Instructor);
    let t = room.join(Role::Trainee);
    let (item, at) = room.item();
    room.reach(t, at);
    assert_eq!(room.command(i, Command::Pause), Ok(()));
    assert!(room.until(t.client, |m| matches!(m, ServerMsg::DrillChanged(s) if s.paused).then_some(true)));
    assert_eq!(room.ask(t, Intent::Grab { item, hand: Hand::Right }), Err(DenyReason::Paused));
    assert_eq!(room.command(i, Command::Resume), Ok(()));
    assert_eq!(room.ask(t, Intent::Grab { item, hand: Hand::Right }), Ok(()));
}

#[test]
fn a_locked_tool_is_refused_and_others_still_work() {
    let mut room = Room::new("false-wall-20ft", 8);
    let i = room.join(Role::Instructor);
    let t = room.join(Role::Trainee);
    let (_, at) = room.item();
    room.reach(t, at);
    let aim = QPose::new(at, Quat::IDENTITY);
    assert_eq!(room.command(i, Command::LockTool { tool: Tool::TapeMeasure, locked: true }), Ok(()));
    let tape = Intent::UseTool { tool: Tool::TapeMeasure, aim, target: None };
    assert_eq!(room.ask(t, tape.clone()), Err(DenyReason::ToolLocked));
    assert_eq!(room.ask(t, Intent::UseTool { tool: Tool::Documents, aim, target: None }), Ok(()));
    assert_eq!(room.command(i, Command::LockTool { tool: Tool::TapeMeasure, locked: false }), Ok(()));
    assert_eq!(room.ask(t, tape), Ok(()));
}

#[test]
fn releasing_an_empty_hand_is_refused() {
    let mut room = Room::new("false-wall-20ft", 8);
    let t = room.join(Role::Trainee);
    let (item, at) = room.item();
    room.reach(t, at);
    assert_eq!(room.ask(t, Intent::Release { hand: Hand::Left }), Err(DenyReason::HandEmpty));
    assert_eq!(room.ask(t, Intent::Grab { item, hand: Hand::Left }), Ok(()));
    assert_eq!(room.ask(t, Intent::Release { hand: Hand::Left }), Ok(()));
    assert_eq!(room.holder(item), None);
}

#[test]
fn trainees_get_no_hidden_truth_and_instructors_do() {
    let mut room = Room::new("false-wall-20ft", 8);
    let t = room.join(Role::Trainee);
    let i = room.join(Role::Instructor);
    let init = |room: &mut Room, who: Who| {
        room.until(who.client, |m| match m {
            ServerMsg::WorldInit(init) => Some(init.clone()),
            _ => None,
        })
    };
    let trainee = init(&mut room, t);
    assert!(trainee.items.iter().all(|i| i.content.is_none()), "unopened contents stay hidden from trainees");
    let instructor = init(&mut room, i);
    assert!(instructor.items.iter().all(|i| i.content.is_some()), "instructors see every item's content");
    assert!(room.sent[&i.client].iter().any(|m| matches!(m, ServerMsg::Truth(_))), "and the truth");
    room.tick(Vec::new());
    assert!(!room.sent[&t.client].iter().any(|m| matches!(m, ServerMsg::Truth(_))), "never the trainee");
}

#[test]
fn revealing_the_truth_tells_everyone() {
    let mut room = Room::new("false-wall-20ft", 8);
    let i = room.join(Role::Instructor);
    let t = room.join(Role::Trainee);
    assert_eq!(room.command(i, Command::RevealTruth), Ok(()));
    let truth = room.until(t.client, |m| match m {
        ServerMsg::Truth(truth) => Some(truth.clone()),
        _ => None,
    });
    assert!(!truth.concealments.is_empty(), "the false wall is revealed");
}

#[test]
fn the_instructor_removes_a_participant_by_closing_their_connection() {
    let mut room = Room::new("false-wall-20ft", 8);
    let i = room.join(Role::Instructor);
    let t = room.join(Role::Trainee);
    assert_eq!(room.command(i, Command::Remove { who: t.id }), Ok(()));
    assert!(room.closed.contains(&(t.client, CloseCode::Removed)), "{:?}", room.closed);
    assert_eq!(room.command(i, Command::Remove { who: ParticipantId(999) }), Err(DenyReason::UnknownEntity));
}

#[test]
fn a_full_session_refuses_the_next_trainee_and_says_why() {
    let mut room = Room::new("false-wall-20ft", 1);
    room.join(Role::Trainee);
    let late = room.connect(Role::Trainee, false, None);
    assert!(room.closed.contains(&(late, CloseCode::SessionFull)), "{:?}", room.closed);
    let refused = room.sent.get(&late).and_then(|m| m.first()).cloned();
    assert!(
        matches!(&refused, Some(ServerMsg::Refused { code: CloseCode::SessionFull, message }) if message.contains("full")),
        "{refused:?}"
    );
}

#[test]
fn a_spent_single_use_invite_brings_back_only_its_participant() {
    let mut room = Room::new("false-wall-20ft", 8);
    let first = room.connect(Role::Trainee, true, None);
    assert!(room.closed.contains(&(first, CloseCode::TokenReplayed)), "no resume secret: refused");
    let t = room.join(Role::Trainee);
    let resume = room.until(t.client, |m| match m {
        ServerMsg::Welcome(w) => Some(w.resume.clone()),
        _ => None,
    });
    let again = room.connect(Role::Trainee, true, Some(resume));
    let id = room.until(again, |m| match m {
        ServerMsg::Welcome(w) => Some(w.participant),
        _ => None,
    });
    assert_eq!(id, t.id, "the same participant, on the new connection");
    assert!(room.closed.contains(&(t.client, CloseCode::Removed)), "the old connection is closed");
}

#[test]
fn a_dropped_participant_keeps_their_place_and_what_they_hold() {
    let mut room = Room::new("false-wall-20ft", 8);
    let t = room.join(Role::Trainee);
    let (item, at) = room.item();
    room.reach(t, at);
    assert_eq!(room.ask(t, Intent::Grab { item, hand: Hand::Right }), Ok(()));
    room.tick(vec![NetEvent::Leave { client: t.client, code: CloseCode::TimedOut }]);
    assert_eq!(room.holder(item), Some(t.id), "held through the grace period");
    assert_eq!(room.world.query::<&Absent>().iter(&room.world).count(), 1);
    let stranger = ClientId(room.next_client + 7);
    room.tick(vec![NetEvent::Leave { client: stranger, code: CloseCode::Normal }]);
    let u = room.join(Role::Trainee);
    room.tick(vec![NetEvent::Leave { client: u.client, code: CloseCode::Normal }]);
    assert_eq!(room.world.query::<&Participant>().iter(&room.world).count(), 1, "a goodbye frees the place at once");
}

#[test]
fn muting_trainees_takes_them_off_the_voice_routes() {
    let mut room = Room::new("false-wall-20ft", 8);
    let i = room.join(Role::Instructor);
    let t = room.join(Role::Trainee);
    room.tick(Vec::new());
    let heard = |room: &Room, who: Who| room.routes.as_ref().and_then(|r| r.get(&who.client)).map(|r| r.heard);
    assert_eq!(heard(&room, t), Some(true));
    assert_eq!(room.command(i, Command::Mute { who: Target::AllTrainees, muted: true }), Ok(()));
    assert_eq!(heard(&room, t), Some(false), "muted trainees are not relayed");
    assert_eq!(heard(&room, i), Some(true), "the instructor still is");
}

#[test]
fn nothing_reaches_a_client_before_its_welcome_and_snapshots_follow_it() {
    let mut room = Room::new("false-wall-20ft", 8);
    let client = room.connect(Role::Trainee, false, None);
    assert_eq!(room.snapshots.get(&client), None, "no snapshot before the welcome");
    room.until(client, |m| matches!(m, ServerMsg::Welcome(_)).then_some(()));
    assert!(matches!(room.sent[&client].first(), Some(ServerMsg::Welcome(_))), "the welcome comes first");
    room.tick(Vec::new());
    room.tick(Vec::new());
    assert!(room.snapshots.get(&client).is_some_and(|n| *n > 0), "then the world, by datagram");
}
