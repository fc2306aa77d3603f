//! People as people: the pointing gesture, seen by everyone where the server says it points (the
//! console's map, another participant's scene, the renderer's dot), and who may point.

use crossdock_client::view::{HandShape, SceneInput};
use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::drill::Command;
use crossdock_protocol::messages::DenyReason;
use crossdock_protocol::quant::QPose;
use crossdock_protocol::{Hand, Intent, Role, units};
use crossdock_tests::console::Console;
use crossdock_tests::{WAIT, act, place, wait_for};

use crate::drill::drill_server;
use glam::{Quat, Vec3};

/// A trainee 2 m from the false wall, the right hand aimed at `target`.
fn aiming(target: Vec3) -> AvatarPose {
    let head = Vec3::new(2.6, 1.65, 0.4);
    let hand = Vec3::new(2.45, 1.45, 0.6);
    let turn = Quat::from_rotation_arc(Vec3::NEG_Z, (target - hand).normalize());
    let facing = QPose::new(head, Quat::from_rotation_y(std::f32::consts::FRAC_PI_2));
    AvatarPose {
        time: Default::default(),
        head: facing,
        left: QPose::new(Vec3::new(2.4, 1.0, 0.2), Quat::IDENTITY),
        right: QPose::new(hand, turn),
    }
}

#[tokio::test]
async fn a_trainee_points_at_the_false_walls_weld_and_everyone_sees_the_dot_where_the_server_puts_it() {
    let server = drill_server("false-wall-20ft");
    let mut trainee = server.join(Role::Trainee, "Nguyễn Văn An").await;
    let mut observer = server.join(Role::Observer, "Observer").await;
    let mut instructor = server.join(Role::Instructor, "Siti").await;
    let me = trainee.core.me();
    let mut console = Console::open(&server.server, &server.invite(Role::Instructor).token, "en").await.unwrap();

    // The top weld seam of the false wall, 600 mm in from the front: near its right-hand corner.
    let weld = Vec3::new(0.6, 2.3, 0.9);
    assert!(place(&mut trainee, aiming(weld)).await);
    assert_eq!(act(&mut trainee, Intent::Point { hand: Some(Hand::Right) }).await, Ok(()));
    assert_eq!(
        act(&mut trainee, Intent::Point { hand: Some(Hand::Right) }).await,
        Err(DenyReason::NoChange),
        "pointing twice changes nothing"
    );

    // What the server says: the console's map.
    let dot = |f: &crossdock_protocol::console::LiveFrame| f.people.iter().find(|p| p.id == me.0)?.points_at;
    let frame = console.frame(WAIT, |f| dot(f).is_some()).await.expect("the console's map shows the dot");
    let said = units::point(dot(&frame).unwrap());
    assert!((said.x - 0.6).abs() < 0.01, "the server's dot is on the false wall: {said}");
    assert!(said.distance(weld) < 0.03, "at the weld: {said}");

    // What another participant draws: the same dot, from the same state.
    let sees =
        |c: &mut crossdock_client::Client| c.core.mirror.drill.flags.get(&me).is_some_and(|f| f.pointing.is_some());
    assert!(wait_for(&mut observer, WAIT, sees).await, "the observer learns the trainee points");
    let mut drawn = None;
    let deadline = std::time::Instant::now() + WAIT;
    while drawn.is_none() && std::time::Instant::now() < deadline {
        let scene = SceneInput::from_core(&mut observer.core, std::time::Instant::now());
        let avatar = scene.avatars.iter().find(|a| a.id == me).cloned();
        match avatar {
            Some(a) if a.cues.points_at.is_some_and(|p| p.distance(said) < 0.02) => drawn = Some((scene, a)),
            _ => {
                let _ = tokio::time::timeout(std::time::Duration::from_millis(50), observer.next_event()).await;
            }
        }
    }
    let (scene, avatar) = drawn.expect("the observer's scene puts the dot where the server does");
    assert_eq!(avatar.cues.hands[1], HandShape::Point, "the index finger out");
    assert_eq!(avatar.cues.pointing, Some(Hand::Right));
    #[cfg(feature = "gpu")]
    drawn_at(&scene, avatar.cues.points_at.unwrap());
    #[cfg(not(feature = "gpu"))]
    drop(scene);

    // Frozen, a trainee cannot start pointing, but may stop; observers have no hands to point.
    assert_eq!(act(&mut trainee, Intent::Point { hand: None }).await, Ok(()));
    console.frame(WAIT, |f| f.people.iter().any(|p| p.id == me.0 && p.points_at.is_none())).await.unwrap();
    let freeze = Command::Freeze { who: crossdock_protocol::drill::Target::One(me), frozen: true };
    assert_eq!(act(&mut instructor, Intent::Instruct(freeze)).await, Ok(()));
    assert!(wait_for(&mut trainee, WAIT, |c| c.core.mirror.drill.flags.get(&me).is_some_and(|f| f.frozen)).await);
    assert_eq!(act(&mut trainee, Intent::Point { hand: Some(Hand::Left) }).await, Err(DenyReason::Frozen));
    assert_eq!(act(&mut observer, Intent::Point { hand: Some(Hand::Left) }).await, Err(DenyReason::RoleForbids));
    // The instructor points while the drill is paused: that is how a paused drill is explained.
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::Pause)).await, Ok(()));
    assert_eq!(act(&mut instructor, Intent::Point { hand: Some(Hand::Left) }).await, Ok(()));

    // The log holds both, for the debrief's ghosts.
    let (_, records) = server.drill_records();
    let points = records.iter().filter(|r| format!("{r:?}").contains("Point { hand: Some")).count();
    assert_eq!(points, 2, "each pointing that was granted is in the log");
}

/// The renderer draws the dot there (with the renderer: `--features gpu`).
#[cfg(feature = "gpu")]
fn drawn_at(scene: &SceneInput, dot: Vec3) {
    let mut models = crossdock_render::Models::default();
    let (drawn, _) = crossdock_render::scene::build(scene, &mut models, &mut Default::default(), 0.0);
    let ball = crossdock_render::mesh::key(("person", "ball"));
    let ball = models.mesh(ball, |_| unreachable!("built for the people"));
    let dots = drawn.iter().filter(|i| i.mesh == ball.0 && i.color[3] == 0.0 && i.center().distance(dot) < 1e-4);
    assert_eq!(dots.count(), 1, "the dot drawn where the ray meets the wall");
}

#[tokio::test]
async fn a_ghost_in_the_debrief_points_where_and_when_its_trainee_pointed() {
    use crate::debrief::{debrief, hz_of, keyframe_with};
    use crossdock_protocol::debrief::DebriefCommand;
    use crossdock_tests::avatar;

    let server = drill_server("false-wall-20ft");
    let mut instructor = server.join(Role::Instructor, "Siti").await;
    let mut trainee = server.join(Role::Trainee, "Somchai").await;
    let mut observer = server.join(Role::Observer, "Observer").await;
    let who = trainee.core.me();
    let weld = Vec3::new(0.6, 2.3, 0.9);
    let pointing = aiming(weld);
    assert!(place(&mut trainee, pointing).await);
    assert_eq!(act(&mut trainee, Intent::Point { hand: Some(Hand::Right) }).await, Ok(()));
    let (at_point, start) = keyframe_with(&server, who, pointing.head.position()).await;
    assert_eq!(act(&mut trainee, Intent::Point { hand: None }).await, Ok(()));
    let later = Vec3::new(4.0, 1.6, -0.4);
    assert!(place(&mut trainee, avatar(later, later - Vec3::Y * 0.5, later - Vec3::Y * 0.4)).await);
    let (at_later, _) = keyframe_with(&server, who, later).await;
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::EndDrill)).await, Ok(()));
    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Open { drill: 0 })).await, Ok(()));

    let hz = u64::from(hz_of(&server.records()));
    let ms = |tick: crossdock_protocol::Tick| ((tick.0 - start.0) as u64 * 1000 / hz) as u32;
    let ghost = move |c: &mut crossdock_client::Client, at: Vec3| {
        let scene = SceneInput::from_core(&mut c.core, std::time::Instant::now());
        scene.avatars.into_iter().find(|a| a.ghost && a.id == who && a.frame.head.position.distance(at) < 0.02)
    };
    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Seek { at_ms: ms(at_point) })).await, Ok(()));
    let points = move |c: &mut crossdock_client::Client| {
        ghost(c, pointing.head.position()).is_some_and(|g| g.cues.pointing == Some(Hand::Right))
    };
    assert!(wait_for(&mut observer, WAIT, points).await, "the ghost points as the trainee did");
    let g = ghost(&mut observer, pointing.head.position()).unwrap();
    let dot = g.cues.points_at.expect("its dot on the false wall");
    assert!((dot.x - 0.6).abs() < 0.01 && dot.distance(weld) < 0.03, "at the weld: {dot}");
    assert_eq!(g.cues.hands[1], HandShape::Point);

    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Seek { at_ms: ms(at_later) })).await, Ok(()));
    let stopped = move |c: &mut crossdock_client::Client| ghost(c, later).is_some_and(|g| g.cues.pointing.is_none());
    assert!(wait_for(&mut observer, WAIT, stopped).await, "and later, where they had stopped, it does not");
}
