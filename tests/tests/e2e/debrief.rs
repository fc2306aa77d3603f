//! The debrief: a drill recorded live replays to the same world (every keyframe's world hash
//! checked), seeks either way to the same world, and plays back inside the live session, the
//! recorded participants as ghosts where they stood, on the instructor's clock.

use std::time::{Duration, Instant};

use crossdock_client::Client;
use crossdock_client::view::SceneInput;
use crossdock_protocol::debrief::{DebriefCommand, STEP_MS};
use crossdock_protocol::drill::{Category, Command};
use crossdock_protocol::messages::DenyReason;
use crossdock_protocol::snapshot::{EntityKey, EntityState, decode_delta};
use crossdock_protocol::{Hand, Intent, ParticipantId, Role, Tick};
use crossdock_server::records::replay::{Replay, verify, world_at};
use crossdock_server::records::{Record, StoredRecord};
use crossdock_tests::*;
use glam::Vec3;

use crate::drill::{at_the_doors, check_seal, open_doors};

/// The tick rate a drill's log was recorded at.
pub(crate) fn hz_of(records: &[StoredRecord]) -> u16 {
    match records.first().map(|r| &r.entry.record) {
        Some(Record::ScenarioStarted { tick_hz, .. }) => *tick_hz,
        other => panic!("a drill starts with its scenario, not {other:?}"),
    }
}

pub(crate) fn debrief(command: DebriefCommand) -> Intent {
    Intent::Instruct(Command::Debrief(command))
}

/// The tick of the first keyframe in the log (of the latest drill) that has `who`'s head within
/// 2 cm of `at`, and that keyframe's drill start; waits until the recorder has written one.
pub(crate) async fn keyframe_with(server: &TestServer, who: ParticipantId, at: Vec3) -> (Tick, Tick) {
    let deadline = Instant::now() + WAIT;
    loop {
        let (_, records) = server.drill_records();
        let start = records.first().map(|r| r.entry.tick).expect("the drill has started");
        let found = records.iter().find_map(|r| {
            let Record::Keyframe(bytes) = &r.entry.record else { return None };
            let (_, snapshot) = decode_delta(bytes, None).ok()?;
            let Some(EntityState::Avatar(a)) = snapshot.get(EntityKey::Avatar(who)) else { return None };
            (a.head.position().distance(at) < 0.02).then_some(r.entry.tick)
        });
        if let Some(tick) = found {
            return (tick, start);
        }
        assert!(Instant::now() < deadline, "no keyframe has {who:?} at {at}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_drill_recorded_live_replays_with_every_keyframes_world_hash_and_seeks_either_way_to_the_same_world() {
    let server = TestServer::start();
    let mut instructor = server.join(Role::Instructor, "Instructor").await;
    let mut t = server.join(Role::Trainee, "สมชาย ใจดี").await;
    let bots = tokio::spawn(crossdock_client::bot::run(crossdock_client::bot::BotConfig {
        people: Default::default(),
        invite: server.invite(Role::Trainee),
        count: 3,
        duration: Duration::from_secs(3),
        rate_hz: 30,
        seed: 11,
        work: true,
        voice: Default::default(),
    }));
    at_the_doors(&mut t).await;
    check_seal(&mut t).await;
    open_doors(&mut t).await;
    // A package carried a little way, a finding, a judgement, a bookmark and a pause.
    let item = t.core.mirror.items().into_iter().find(|i| i.info.kind == "carton").unwrap();
    let hand = item.pose.position() + Vec3::new(0.0, item.info.size_mm[1] as f32 / 2000.0 + 0.05, 0.0);
    assert!(place(&mut t, avatar(hand + Vec3::new(-0.4, 0.6, 0.0), hand, hand)).await);
    assert_eq!(act(&mut t, Intent::Grab { item: item.info.id, hand: Hand::Right }).await, Ok(()));
    let to =
        crossdock_protocol::quant::QPose::new(item.pose.position() + Vec3::new(0.0, 0.0, 0.1), glam::Quat::IDENTITY);
    assert_eq!(act(&mut t, Intent::MoveHeld { hand: Hand::Right, to }).await, Ok(()));
    assert_eq!(act(&mut t, Intent::Release { hand: Hand::Right }).await, Ok(()));
    let finding = Intent::MarkFinding { place: [2000, 1000, 0], category: Category::FalseWall, evidence: vec![] };
    assert_eq!(act(&mut t, finding).await, Ok(()));
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::Judge { finding: 1, confirmed: true })).await, Ok(()));
    let note = "ดูผนัง".to_owned();
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::Bookmark { note })).await, Ok(()));
    let report = bots.await.unwrap();
    assert_eq!(report.joined, 3);
    drop(t);
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::EndDrill)).await, Ok(()));

    let records: Vec<StoredRecord> = server.records();
    let (checked, differ) = verify(&records).unwrap();
    assert!(checked >= 20, "the live server hashed its keyframes: {checked}");
    assert!(differ.is_empty(), "the replay rebuilt the live world at every keyframe; it differs at {differ:?}");

    // Seeking forward then back (and across checkpoints) gives the world a fresh fold gives.
    let drill: Vec<StoredRecord> = {
        let store = crossdock_server::records::Store::open(server.data_dir()).unwrap();
        store.read_drill(crossdock_server::DEFAULT_SESSION, 1).unwrap()
    };
    let (start, end) = (drill.first().unwrap().entry.tick, drill.last().unwrap().entry.tick);
    let mut replay = Replay::new(drill.clone(), hz_of(&drill)).unwrap();
    let ticks = [end, Tick(start.0 + (end.0 - start.0) / 3), Tick(start.0 + 1), end, Tick((start.0 + end.0) / 2)];
    for tick in ticks {
        let seeked = format!("{:?}", replay.seek(tick).unwrap());
        assert_eq!(seeked, format!("{:?}", world_at(&drill, tick).unwrap()), "at {tick:?}");
    }
    let last = replay.seek(end).unwrap();
    assert!(last.doors.values().all(|open| *open) && last.findings.len() == 1);
}

#[tokio::test]
async fn a_class_in_a_debrief_sees_the_ghosts_where_the_live_drill_had_them_on_the_instructors_clock() {
    let server = TestServer::start();
    let mut instructor = server.join(Role::Instructor, "Instructor").await;
    let mut t = server.join(Role::Trainee, "김민준").await;
    let mut observer = server.join(Role::Observer, "Observer").await;
    let who = t.core.me();
    let (a, b) = (Vec3::new(2.0, 1.6, -0.5), Vec3::new(4.5, 1.6, 0.6));
    assert!(place(&mut t, avatar(a, a - Vec3::Y * 0.5, a - Vec3::Y * 0.4)).await);
    let (at_a, start) = keyframe_with(&server, who, a).await;
    assert!(place(&mut t, avatar(b, b - Vec3::Y * 0.5, b - Vec3::Y * 0.4)).await);
    let (at_b, _) = keyframe_with(&server, who, b).await;
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::EndDrill)).await, Ok(()));

    // Only an instructor drives it, and only a drill that ran.
    assert_eq!(act(&mut t, debrief(DebriefCommand::Open { drill: 1 })).await, Err(DenyReason::RoleForbids));
    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Open { drill: 9 })).await, Err(DenyReason::UnknownEntity));
    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Play)).await, Err(DenyReason::Invalid), "none open");
    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Open { drill: 0 })).await, Ok(()));
    let opened = |c: &mut Client| c.core.debrief.as_ref().is_some_and(|d| d.drill == 1);
    for c in [&mut observer, &mut t, &mut instructor] {
        assert!(wait_for(c, WAIT, opened).await, "everyone gets the debrief");
    }
    // While it is open, the live drill waits: paused, its clock stopped.
    assert!(wait_for(&mut t, WAIT, |c| c.core.mirror.drill.state.paused).await, "the live drill is paused");
    let door = t.core.mirror.doors()[0].id;
    assert_eq!(act(&mut t, Intent::SetDoor { door, open: true }).await, Err(DenyReason::Paused));
    // An instructor's pause meanwhile is what it returns to; resume it again before closing.
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::Pause)).await, Ok(()));
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::Resume)).await, Ok(()));
    assert!(t.core.mirror.drill.state.paused, "still paused under the debrief");

    // Seek to the keyframe that had the trainee at `a`: every client sees the ghost there.
    let hz = u64::from(hz_of(&server.records()));
    let ms = |tick: Tick| ((tick.0 - start.0) as u64 * 1000 / hz) as u32;
    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Seek { at_ms: ms(at_a) })).await, Ok(()));
    let ghost_at = move |c: &mut Client, at: Vec3| {
        c.core.debrief.as_mut().is_some_and(|d| {
            d.mirror.avatars().iter().any(|(id, pose)| *id == who && pose.head.position().distance(at) < 0.02)
        })
    };
    assert!(wait_for(&mut observer, WAIT, |c| ghost_at(c, a)).await, "the observer sees the ghost at a");
    // Drawn as a ghost there, and the live trainee (once interpolation has their pose) where
    // they stand now, beside it.
    let drawn = move |c: &mut Client| {
        let scene = SceneInput::from_core(&mut c.core, Instant::now());
        let at = |ghost: bool, p: Vec3| {
            scene.avatars.iter().any(|g| g.ghost == ghost && g.id == who && g.frame.head.position.distance(p) < 0.02)
        };
        at(true, a) && at(false, b)
    };
    assert!(wait_for(&mut observer, WAIT, drawn).await, "the ghost at a and the live trainee at b");
    let scene = SceneInput::from_core(&mut observer.core, Instant::now());
    let ghost = scene.avatars.iter().find(|g| g.ghost && g.id == who).expect("drawn as a ghost");
    assert_eq!(ghost.name, "김민준");
    let trail = scene.trails.iter().find(|t| t.id == who).expect("their trail");
    assert!(
        trail.points.first().is_some_and(|p| p.distance(glam::Vec2::new(a.x, a.z)) < 0.02),
        "the trail starts where they stood: {:?}",
        trail.points
    );
    // Looking along -z from `a`, their gaze fell on the left wall: a square of heat there.
    let left = -(observer.core.debrief.as_ref().unwrap().mirror.container_mm[2] as f32) / 2000.0;
    assert!(
        scene.heat.iter().any(|h| h.facing == 2 && (h.at.z - left).abs() < 0.01 && (h.at.x - a.x).abs() <= 0.25),
        "the heat shows where they looked: {:?}",
        scene.heat
    );

    // Forward to `b` and back to `a`: the same ghost, where it was then.
    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Seek { at_ms: ms(at_b) })).await, Ok(()));
    assert!(wait_for(&mut observer, WAIT, |c| ghost_at(c, b)).await, "forward to b");
    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Seek { at_ms: ms(at_a) })).await, Ok(()));
    assert!(wait_for(&mut observer, WAIT, |c| ghost_at(c, a)).await, "and back to a");

    // A step is one keyframe; play runs the clock at the speed asked.
    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Step { forward: true })).await, Ok(()));
    let stepped = ms(at_a) + STEP_MS;
    assert!(wait_for(&mut observer, WAIT, |c| c.core.debrief.as_ref().is_some_and(|d| d.at_ms == stepped)).await);
    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Speed { quarters: 33 })).await, Err(DenyReason::Invalid));
    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Speed { quarters: 32 })).await, Ok(()));
    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Play)).await, Ok(()));
    // (A short drill: at 8x it runs to its end and stops there.)
    let ran = |c: &mut Client| c.core.debrief.as_ref().is_some_and(|d| d.quarters == 32 && d.at_ms > stepped);
    assert!(wait_for(&mut observer, WAIT, ran).await, "the clock runs at 8x");

    // Closed: everyone is back in the live session, and the live drill goes on.
    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Close)).await, Ok(()));
    for c in [&mut observer, &mut t] {
        assert!(wait_for(c, WAIT, |c| c.core.debrief.is_none() && !c.core.mirror.drill.state.paused).await);
    }
    assert!(SceneInput::from_core(&mut observer.core, Instant::now()).avatars.iter().all(|a| !a.ghost));
    // Opened and seeked in one breath (as `--debrief 1 --at 0:03` does): the seek waits for it.
    let seek = debrief(DebriefCommand::Seek { at_ms: ms(at_b) });
    for command in [debrief(DebriefCommand::Open { drill: 1 }), seek] {
        assert_eq!(act(&mut instructor, command).await, Ok(()));
    }
    assert!(wait_for(&mut observer, WAIT, |c| ghost_at(c, b)).await, "opened at b");
    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Close)).await, Ok(()));
    assert!(wait_for(&mut t, WAIT, |c| c.core.debrief.is_none()).await);
    at_the_doors(&mut t).await;
    assert_eq!(act(&mut t, Intent::SetDoor { door, open: true }).await, Ok(()));
}

#[tokio::test]
async fn a_recorded_voice_plays_back_as_its_ghost_while_the_debrief_plays_at_real_time() {
    let server = TestServer::start_with(|c| c.record_voice = true);
    let mut instructor = server.join(Role::Instructor, "Instructor").await;
    let mut speaker = server.join(Role::Trainee, "Wei").await;
    let mut listener = server.join(Role::Trainee, "Arif").await;
    let who = speaker.core.me();
    crate::voice::speak(&mut speaker, 0, 25, false);
    assert!(wait_for(&mut listener, WAIT, |c| c.voice_heard.get(&who).is_some_and(|h| h.frames >= 25)).await);
    // Wait for the log to hold the frames (journaled on the tick that relayed them).
    let deadline = Instant::now() + WAIT;
    while server.records().iter().filter(|r| matches!(r.entry.record, Record::Voice { .. })).count() < 25 {
        assert!(Instant::now() < deadline, "the voice is recorded");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::EndDrill)).await, Ok(()));

    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Open { drill: 0 })).await, Ok(()));
    assert!(wait_for(&mut listener, WAIT, |c| c.core.debrief.is_some()).await);
    let ghost = crossdock_protocol::debrief::ghost_voice(who);
    assert!(!listener.voice_heard.contains_key(&ghost), "nothing plays while it is paused");
    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Play)).await, Ok(()));
    let replayed = |c: &mut Client| c.voice_heard.get(&ghost).is_some_and(|h| h.frames >= 25);
    assert!(wait_for(&mut listener, WAIT, replayed).await, "the recorded voice comes back, as the ghost's");
    assert_eq!(listener.voice_heard[&who].frames, 25, "and not as the live speaker's");
}
