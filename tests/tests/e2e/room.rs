//! The shared room: joining, avatars, grabbing, doors, convergence, refusals, caps.

use std::time::Duration;

use crossdock_client::Client;
use crossdock_protocol::drill::Command;
use crossdock_protocol::handshake::hello;
use crossdock_protocol::messages::{DenyReason, Hello};
use crossdock_protocol::quant::QPose;
use crossdock_protocol::{CloseCode, Hand, Intent, NetId, PROTOCOL_VERSION, ParticipantId, Role};
use crossdock_tests::relay::Relay;
use crossdock_tests::*;
use glam::{Quat, Vec3};

fn item_pos(client: &mut Client, id: NetId) -> Vec3 {
    client.core.mirror.items().into_iter().find(|i| i.info.id == id).expect("the item exists").pose.position()
}

fn first_item(client: &mut Client) -> (NetId, Vec3, f32) {
    let item = client.core.mirror.items().into_iter().find(|i| i.info.kind == "carton").expect("a carton");
    (item.info.id, item.pose.position(), item.info.size_mm[1] as f32 / 2000.0)
}

/// A pose whose right hand rests just above `at` (an item's centre) and whose head stands nearby.
fn reaching(at: Vec3, half_y: f32) -> crossdock_protocol::delta::AvatarPose {
    let hand = at + Vec3::new(0.0, half_y + 0.05, 0.0);
    avatar(Vec3::new(at.x - 0.4, 1.65, at.z), Vec3::new(at.x - 0.3, 1.0, at.z - 0.3), hand)
}

fn refusal(err: crossdock_client::ConnectError) -> (CloseCode, String) {
    match err {
        crossdock_client::ConnectError::Refused(r) => (r.code, r.message),
        other => panic!("expected a refusal, got {other}"),
    }
}

#[tokio::test]
async fn eight_clients_join_and_see_each_others_avatars_move() {
    let server = TestServer::start();
    let mut clients = Vec::new();
    for i in 0..8 {
        clients.push(server.join(Role::Trainee, &format!("Trainee {i}")).await);
    }
    for step in 0..2 {
        for (i, c) in clients.iter_mut().enumerate() {
            let x = 1.0 + i as f32 * 0.5 + step as f32 * 0.3;
            let pose = avatar(Vec3::new(x, 1.7, 0.0), Vec3::new(x, 1.1, -0.3), Vec3::new(x, 1.1, 0.3));
            assert!(place(c, pose).await, "client {i} pose acknowledged");
        }
        let expected = 1.0 + 7.0 * 0.5 + step as f32 * 0.3;
        let ok = wait_all(&mut clients[..7], WAIT, |c| {
            let avatars = c.core.mirror.avatars();
            avatars.len() == 7 && avatars.iter().any(|(_, a)| (a.head.position().x - expected).abs() < 0.002)
        })
        .await;
        assert!(ok, "every client sees 7 others, and the last one at x = {expected}");
    }
    for c in &mut clients {
        assert_eq!(c.core.mirror.people().len(), 8);
        assert!(!c.core.pose_latency_us.is_empty());
    }
}

#[tokio::test]
async fn a_trainee_grabs_and_moves_an_item_and_every_mirror_matches_the_server() {
    let server = TestServer::start();
    let mut mover = server.join(Role::Trainee, "Mover").await;
    let mut watcher = server.join(Role::Trainee, "Watcher").await;
    let mut instructor = server.join(Role::Instructor, "Instructor").await;
    let (item, at, half_y) = first_item(&mut mover);
    assert!(place(&mut mover, reaching(at, half_y)).await);
    assert_eq!(act(&mut mover, Intent::Grab { item, hand: Hand::Right }).await, Ok(()));

    // Carry it: the item follows the hand.
    let carried = at + Vec3::new(-0.5, 0.0, 0.2);
    assert!(place(&mut mover, reaching(carried, half_y)).await);
    let follows = |c: &mut Client| (item_pos(c, item) - carried).length() < 0.01;
    assert!(wait_for(&mut watcher, WAIT, follows).await, "the held item follows the hand");

    let target = QPose::new(carried + Vec3::new(0.0, 0.0, 0.1), Quat::IDENTITY);
    assert_eq!(act(&mut mover, Intent::MoveHeld { hand: Hand::Right, to: target }).await, Ok(()));
    assert_eq!(act(&mut mover, Intent::Release { hand: Hand::Right }).await, Ok(()));

    for client in [&mut mover, &mut watcher, &mut instructor] {
        assert!(wait_for(client, WAIT, |c| (item_pos(c, item) - target.position()).length() < 0.002).await);
        assert!(converged(client).await, "mirror matches the server");
    }
}

#[tokio::test]
async fn a_door_opened_by_one_is_open_for_all() {
    let server = TestServer::start();
    let mut opener = server.join(Role::Trainee, "Opener").await;
    let mut others = vec![server.join(Role::Trainee, "A").await, server.join(Role::Observer, "Obs").await];
    let door = opener.core.mirror.doors()[0].clone();
    let handle = door.handle.position();
    assert!(place(&mut opener, avatar(handle - Vec3::new(0.5, -0.4, 0.0), handle, handle)).await);
    assert_eq!(act(&mut opener, Intent::SetDoor { door: door.id, open: true }).await, Ok(()));
    let open = |c: &mut Client| c.core.mirror.doors().iter().any(|d| d.id == door.id && d.open);
    assert!(wait_all(&mut others, WAIT, open).await, "everyone sees the door open");
    assert_eq!(act(&mut opener, Intent::SetDoor { door: door.id, open: true }).await, Err(DenyReason::NoChange));
}

#[tokio::test]
async fn an_observer_cannot_open_a_door_or_grab_and_nothing_changes() {
    let server = TestServer::start();
    let mut trainee = server.join(Role::Trainee, "T").await;
    let mut observer = server.join(Role::Observer, "O").await;
    let door = trainee.core.mirror.doors()[0].clone();
    let (item, _, _) = first_item(&mut trainee);
    let cargo =
        |c: &mut Client| c.core.mirror.items().iter().map(|i| (i.info.id, i.pose, i.info.holder)).collect::<Vec<_>>();
    let before = (cargo(&mut trainee), server.records().len());
    let handle = door.handle.position();
    // Standing right at the door does not help: the role forbids it, not the reach.
    place(&mut observer, avatar(handle - Vec3::new(0.5, -0.4, 0.0), handle, handle)).await;
    assert_eq!(act(&mut observer, Intent::SetDoor { door: door.id, open: true }).await, Err(DenyReason::RoleForbids));
    assert_eq!(act(&mut observer, Intent::Grab { item, hand: Hand::Right }).await, Err(DenyReason::RoleForbids));
    assert!(converged(&mut trainee).await);
    assert!(!trainee.core.mirror.doors().iter().any(|d| d.open), "the door stays shut");
    assert!(trainee.core.mirror.items().iter().all(|i| i.info.holder.is_none()), "nothing is held");
    assert_eq!(cargo(&mut trainee), before.0, "the cargo is as it was");
    let changes: Vec<_> = server.records().into_iter().skip(before.1).map(|r| format!("{:?}", r.entry)).collect();
    assert!(
        !changes.iter().any(|r| r.contains("Door") || r.contains("Held") || r.contains("Grab")),
        "no change was recorded: {changes:?}"
    );
}

#[tokio::test]
async fn a_late_joiner_converges_on_the_changed_world() {
    let server = TestServer::start();
    let mut early = server.join(Role::Trainee, "Early").await;
    let (item, at, half_y) = first_item(&mut early);
    assert!(place(&mut early, reaching(at, half_y)).await);
    assert_eq!(act(&mut early, Intent::Grab { item, hand: Hand::Right }).await, Ok(()));
    let door = early.core.mirror.doors()[1].clone();
    let handle = door.handle.position();
    let holding_pose = avatar(handle - Vec3::new(0.5, -0.4, 0.0), handle, at + Vec3::new(0.0, half_y + 0.05, 0.0));
    assert!(place(&mut early, holding_pose).await);
    assert_eq!(act(&mut early, Intent::SetDoor { door: door.id, open: true }).await, Ok(()));

    let mut late = server.join(Role::Trainee, "Late").await;
    let holder = late.core.mirror.items().into_iter().find(|i| i.info.id == item).and_then(|i| i.info.holder);
    assert_eq!(holder.map(|h| h.participant), Some(early.core.me()), "the late joiner knows who holds the item");
    assert!(late.core.mirror.doors().iter().any(|d| d.id == door.id && d.open));
    assert!(converged(&mut late).await);
    assert!(wait_for(&mut late, WAIT, |c| c.core.mirror.avatars().iter().any(|(id, _)| *id == ParticipantId(1))).await);
}

#[tokio::test]
async fn a_contested_grab_has_exactly_one_winner() {
    let server = TestServer::start();
    let mut a = server.join(Role::Trainee, "A").await;
    let mut b = server.join(Role::Trainee, "B").await;
    let (item, at, half_y) = first_item(&mut a);
    assert!(place(&mut a, reaching(at, half_y)).await);
    assert!(place(&mut b, reaching(at, half_y)).await);
    let seq_a = a.send_intent(Intent::Grab { item, hand: Hand::Right }).await.unwrap();
    let seq_b = b.send_intent(Intent::Grab { item, hand: Hand::Right }).await.unwrap();
    let (ra, rb) = (answer(&mut a, seq_a).await, answer(&mut b, seq_b).await);
    assert!(ra.is_ok() != rb.is_ok(), "exactly one wins: {ra:?} {rb:?}");
    assert!([ra, rb].contains(&Err(DenyReason::AlreadyHeld)));
}

#[tokio::test]
async fn intents_are_validated_against_role_reach_and_bounds() {
    let server = TestServer::start();
    let mut trainee = server.join(Role::Trainee, "T").await;
    let mut observer = server.join(Role::Observer, "O").await;
    let (item, at, half_y) = first_item(&mut trainee);
    assert_eq!(act(&mut observer, Intent::Grab { item, hand: Hand::Left }).await, Err(DenyReason::RoleForbids));
    let far = avatar(Vec3::new(0.5, 1.7, 0.0), Vec3::new(0.5, 1.0, 0.0), Vec3::new(0.5, 1.0, 0.0));
    assert!(place(&mut trainee, far).await);
    assert_eq!(act(&mut trainee, Intent::Grab { item, hand: Hand::Right }).await, Err(DenyReason::OutOfReach));
    assert_eq!(
        act(&mut trainee, Intent::Grab { item: NetId(999), hand: Hand::Right }).await,
        Err(DenyReason::UnknownEntity)
    );
    assert_eq!(act(&mut trainee, Intent::Release { hand: Hand::Right }).await, Err(DenyReason::HandEmpty));
    assert!(place(&mut trainee, reaching(at, half_y)).await);
    assert_eq!(act(&mut trainee, Intent::Grab { item, hand: Hand::Right }).await, Ok(()));
    let outside = QPose::new(Vec3::new(at.x, half_y, 1.3), Quat::IDENTITY);
    assert!(place(&mut trainee, reaching(outside.position(), half_y)).await);
    assert_eq!(
        act(&mut trainee, Intent::MoveHeld { hand: Hand::Right, to: outside }).await,
        Err(DenyReason::OutOfBounds)
    );
    let distant = QPose::new(Vec3::new(1.0, half_y, 0.0), Quat::IDENTITY);
    assert_eq!(
        act(&mut trainee, Intent::MoveHeld { hand: Hand::Right, to: distant }).await,
        Err(DenyReason::OutOfReach)
    );
}

#[tokio::test]
async fn version_mismatch_and_bad_tokens_are_refused_with_clear_reasons() {
    let server = TestServer::start();
    let invite = server.invite(Role::Trainee);
    let good = hello(&invite.token, "T", "KR", "ko");

    let old = Hello { protocol_version: PROTOCOL_VERSION - 1, ..good.clone() };
    let (code, message) = refusal(Client::connect_with_hello(&invite, old).await.unwrap_err());
    assert_eq!(code, CloseCode::ClientTooOld);
    assert!(message.contains("upgrade the client"), "{message}");

    let newer = Hello { protocol_version: PROTOCOL_VERSION + 1, ..good.clone() };
    let (code, message) = refusal(Client::connect_with_hello(&invite, newer).await.unwrap_err());
    assert_eq!(code, CloseCode::ServerTooOld);
    assert!(message.contains("upgrade the server"), "{message}");

    let mut tampered = invite.token.clone().into_bytes();
    tampered[5] = if tampered[5] == b'A' { b'B' } else { b'A' };
    let bad = Hello { token: String::from_utf8(tampered).unwrap(), ..good.clone() };
    let (code, message) = refusal(Client::connect_with_hello(&invite, bad).await.unwrap_err());
    assert!(matches!(code, CloseCode::BadToken | CloseCode::UnknownKey), "{code:?}");
    assert!(message.contains("invite"), "{message}");

    let other = TestServer::start();
    let foreign = Hello { token: other.invite(Role::Trainee).token, ..good.clone() };
    let (code, _) = refusal(Client::connect_with_hello(&invite, foreign).await.unwrap_err());
    assert_eq!(code, CloseCode::UnknownKey);

    let expired = server.server.invite("default", Role::Trainee, None, Duration::ZERO);
    let (code, message) = refusal(join(&expired, "Late").await.unwrap_err());
    assert_eq!(code, CloseCode::TokenExpired);
    assert!(message.contains("expired"), "{message}");
}

#[tokio::test]
async fn a_client_pinning_another_certificate_cannot_connect() {
    let server = TestServer::start();
    let mut invite = server.invite(Role::Trainee);
    invite.fingerprint[0] ^= 0xff;
    match join(&invite, "T").await {
        Err(crossdock_client::ConnectError::Unreachable { reason, .. }) => {
            assert!(reason.contains("certificate"), "{reason}")
        }
        other => panic!("expected a certificate failure, got {other:?}"),
    }
}

#[tokio::test]
async fn a_garbage_sending_client_is_dropped_while_the_others_keep_converging() {
    let server = TestServer::start();
    let mut a = server.join(Role::Trainee, "A").await;
    let mut b = server.join(Role::Trainee, "B").await;
    let mut garbage = server.join(Role::Trainee, "Garbage").await;
    let mut oversized = server.join(Role::Trainee, "Oversized").await;
    let mut bad_datagram = server.join(Role::Trainee, "BadDatagram").await;
    let ids = [garbage.core.me(), oversized.core.me(), bad_datagram.core.me()];

    garbage.danger_send_raw_control_bytes(&[4, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]).await.unwrap();
    oversized.danger_send_raw_control_bytes(&u32::MAX.to_le_bytes()).await.unwrap();
    bad_datagram.send_datagram(vec![0x01, 0xff]);

    for (client, code) in [
        (&garbage, CloseCode::ProtocolViolation),
        (&oversized, CloseCode::FrameTooLarge),
        (&bad_datagram, CloseCode::ProtocolViolation),
    ] {
        assert_eq!(closed_with(client).await, Some(code));
    }
    let gone = move |c: &mut Client| c.core.mirror.people().iter().all(|p| !ids.contains(&p.id));
    assert!(wait_for(&mut a, WAIT, gone).await);
    let (item, at, half_y) = first_item(&mut a);
    assert!(place(&mut a, reaching(at, half_y)).await);
    assert_eq!(act(&mut a, Intent::Grab { item, hand: Hand::Right }).await, Ok(()));
    assert!(converged(&mut a).await);
    assert!(converged(&mut b).await);
}

#[tokio::test]
async fn an_abruptly_vanished_client_is_removed_after_idle_timeout_and_grace_and_its_item_released() {
    let (idle, grace) = (Duration::from_secs(2), Duration::from_secs(1));
    let server = TestServer::start_with(|c| {
        c.idle_timeout = idle;
        c.reconnect_grace = grace;
    });
    let mut watcher = server.join(Role::Trainee, "Watcher").await;
    let relay = Relay::start(server.server.local_addr()).await.unwrap();
    let mut invite = server.invite(Role::Trainee);
    invite.server = relay.addr().to_string();
    let mut ghost = join(&invite, "Ghost").await.unwrap();
    let (item, at, half_y) = first_item(&mut ghost);
    assert!(place(&mut ghost, reaching(at, half_y)).await);
    assert_eq!(act(&mut ghost, Intent::Grab { item, hand: Hand::Right }).await, Ok(()));
    let ghost_id = ghost.core.me();
    let held = |c: &mut Client| c.core.mirror.items().iter().any(|i| i.info.id == item && i.info.holder.is_some());
    assert!(wait_for(&mut watcher, WAIT, held).await);

    relay.cut();
    let started = std::time::Instant::now();
    let removed = |c: &mut Client| c.core.mirror.people().iter().all(|p| p.id != ghost_id);
    assert!(
        wait_for(&mut watcher, idle + grace + Duration::from_secs(3), removed).await,
        "removed after idle timeout and grace"
    );
    assert!(
        started.elapsed() >= idle + grace - Duration::from_millis(200),
        "removed after {:?}, before idle timeout and grace",
        started.elapsed()
    );
    let released = |c: &mut Client| c.core.mirror.items().iter().any(|i| i.info.id == item && i.info.holder.is_none());
    assert!(wait_for(&mut watcher, WAIT, released).await, "its item is released");
    drop(ghost);
}

#[tokio::test]
async fn the_session_caps_participants_and_says_so() {
    let server = TestServer::start_with(|c| c.max_participants_per_session = 2);
    let _a = server.join(Role::Trainee, "A").await;
    let _b = server.join(Role::Instructor, "B").await;
    let (code, message) = refusal(join(&server.invite(Role::Trainee), "C").await.unwrap_err());
    assert_eq!(code, CloseCode::SessionFull);
    assert!(message.contains("full"), "{message}");
    assert!(join(&server.invite(Role::Observer), "Obs").await.is_ok(), "observers have their own cap");
}

#[tokio::test]
async fn bots_join_work_and_converge() {
    let server = TestServer::start();
    let config = crossdock_client::bot::BotConfig {
        people: Default::default(),
        invite: server.invite(Role::Trainee),
        count: 4,
        duration: Duration::from_secs(3),
        rate_hz: 60,
        seed: 7,
        work: true,
        voice: Default::default(),
    };
    let report = crossdock_client::bot::run(config).await;
    assert_eq!(report.joined, 4);
    assert!(report.converged, "{report:?}");
    assert!(report.pose_latency_ms.p50 > 0.0);
    assert!(report.bytes_in_per_s > 0.0 && report.bytes_out_per_s > 0.0);
}

#[tokio::test]
async fn pings_are_answered_and_refine_the_clock() {
    let server = TestServer::start();
    let mut c = server.join(Role::Observer, "O").await;
    let ping = c.core.ping(std::time::Instant::now());
    c.send_msg(&ping).await.unwrap();
    let before = c.core.clock.min_rtt();
    assert!(wait_for(&mut c, WAIT, |c| c.core.clock.min_rtt() < before).await);
}

#[tokio::test]
async fn a_client_flooding_commands_is_disconnected_as_rate_limited_and_the_others_carry_on() {
    let server = TestServer::start();
    let mut calm = server.join(Role::Trainee, "Calm").await;
    let flooder = server.join(Role::Trainee, "Flooder").await;
    let flood_id = flooder.core.me();
    let mut flooder = flooder;
    for n in 0..400u64 {
        if flooder.send_msg(&crossdock_protocol::ClientMsg::Ping { nonce: n, client_time_us: 0 }).await.is_err() {
            break;
        }
    }
    assert_eq!(closed_with(&flooder).await, Some(CloseCode::RateLimited));
    assert!(wait_for(&mut calm, WAIT, move |c| c.core.mirror.people().iter().all(|p| p.id != flood_id)).await);
    assert!(converged(&mut calm).await);
}

#[tokio::test]
async fn every_bad_token_is_refused_with_its_own_reason() {
    let server = TestServer::start_with(|c| c.sessions = Some(vec!["default".into()]));
    let other = TestServer::start();
    let now = crossdock_server::token::unix_now();
    let valid = server.invite(Role::Trainee);
    let tampered = {
        let mut i = valid.clone();
        let (body, sig) = i.token.split_once('.').unwrap();
        let mut sig = sig.to_owned().into_bytes();
        sig[3] = if sig[3] == b'A' { b'B' } else { b'A' };
        i.token = format!("{body}.{}", String::from_utf8(sig).unwrap());
        i
    };
    let single = server.server.invite_with(|c| c.single_use = true);
    assert!(join(&single, "First").await.is_ok(), "a single-use invite admits once");
    let observer = server.invite(Role::Observer);
    let as_trainee = |invite: &crossdock_protocol::invite::Invite| {
        let mut hello = hello(&invite.token, "Headset", "TH", "th");
        hello.role = Some(Role::Trainee);
        hello
    };
    let table: Vec<(&str, crossdock_protocol::invite::Invite, Option<Hello>, CloseCode)> = vec![
        ("expired", server.server.invite_with(|c| c.expires_at = now - 5), None, CloseCode::TokenExpired),
        ("not yet valid", server.server.invite_with(|c| c.not_before = now + 3600), None, CloseCode::TokenNotYetValid),
        ("wrong session", server.server.invite_with(|c| c.session = "drill-9".into()), None, CloseCode::WrongSession),
        ("wrong role", observer.clone(), Some(as_trainee(&observer)), CloseCode::WrongRole),
        ("tampered", tampered, None, CloseCode::BadToken),
        ("replayed", single, None, CloseCode::TokenReplayed),
        (
            "unknown key",
            {
                let mut i = other.invite(Role::Trainee);
                i.server = valid.server.clone();
                i.fingerprint = valid.fingerprint;
                i
            },
            None,
            CloseCode::UnknownKey,
        ),
    ];
    for (case, invite, hello, expected) in table {
        let result = match hello {
            Some(hello) => Client::connect_with_hello(&invite, hello).await,
            None => join(&invite, "Tester").await,
        };
        let (code, message) = refusal(result.expect_err(case));
        assert_eq!(code, expected, "{case}: {message}");
        assert!(!message.is_empty(), "{case} says why");
    }
    assert!(join(&valid, "Fine").await.is_ok(), "a good token still works");
}

#[tokio::test]
async fn an_unauthenticated_connection_is_dropped_when_the_handshake_times_out() {
    let server = TestServer::start_with(|c| c.handshake_timeout = Duration::from_millis(500));
    let invite = server.invite(Role::Trainee);
    let started = std::time::Instant::now();
    // A QUIC connection that completes TLS but never says Hello.
    let silent = bench::handshake_only_and_wait(&invite).await;
    assert!(matches!(silent, Some(CloseCode::HandshakeTimeout)), "{silent:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn under_load_new_clients_pass_an_address_validation_and_still_join() {
    // With 4 slots, a third connection puts the server over half full: from then on, new
    // clients get a QUIC retry first; quinn answers it and the join completes.
    let server = TestServer::start_with(|c| c.max_connections = 4);
    let _a = server.join(Role::Trainee, "A").await;
    let _b = server.join(Role::Trainee, "B").await;
    let _c = server.join(Role::Trainee, "C").await;
    let mut d = server.join(Role::Trainee, "D").await;
    assert!(converged(&mut d).await, "the retried client joined and converged");
    let refused = join(&server.invite(Role::Trainee), "E").await;
    assert!(refused.is_err(), "a fifth is refused: the process cap holds");
}

#[tokio::test]
async fn a_model_the_scenario_ships_arrives_whole_checked_and_is_drawn_from() {
    let scenario = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/model-drill/drill.toml");
    let server = TestServer::start_with(|c| c.scenario = scenario.into());
    let mut client = server.join(Role::Trainee, "Ana").await;
    let named = client.core.mirror.items().into_iter().find_map(|i| i.info.model).expect("the crates name their model");
    assert!(
        wait_for(&mut client, Duration::from_secs(10), |c| c.core.mirror.models.get(&named.sha256).is_some()).await,
        "the model arrived whole and its hash matched"
    );
    let file = client.core.mirror.models.get(&named.sha256).unwrap();
    let shipped = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/model-drill/crate.glb")).unwrap();
    assert_eq!(&file[..], &shipped[..]);
    let scene = crossdock_client::view::SceneInput::from_core(&mut client.core, std::time::Instant::now());
    assert!(scene.items.iter().all(|i| i.model.as_ref().is_some_and(|m| m.sha256 == named.sha256)));
    #[cfg(feature = "gpu")]
    drawn_from_the_model(&scene, &shipped, named.sha256);
}

/// The renderer draws the crates from the shipped model (with the renderer: `--features gpu`).
#[cfg(feature = "gpu")]
fn drawn_from_the_model(scene: &crossdock_client::view::SceneInput, shipped: &[u8], _sha256: [u8; 32]) {
    let mut models = crossdock_render::Models::default();
    let (drawn, _) = crossdock_render::scene::build(scene, &mut models, &mut Default::default(), 0.0);
    let from_model = crossdock_render::cargo::model(shipped, scene.items[0].size).expect("the model parses");
    assert!(models.meshes().contains(&from_model), "the crates are drawn from the shipped model");
    assert!(!drawn.is_empty());
}

#[tokio::test]
async fn after_the_scenario_restarts_everyone_still_sees_a_trainee_standing_still_and_converges() {
    let server = TestServer::start();
    let mut instructor = server.join(Role::Instructor, "Instructor").await;
    let mut still = server.join(Role::Trainee, "Still").await;
    let mut observer = server.join(Role::Observer, "Observer").await;
    let at = Vec3::new(3.0, 1.6, 0.4);
    assert!(place(&mut still, avatar(at, at - Vec3::Y * 0.5, at - Vec3::Y * 0.4)).await);
    let who = still.core.me();
    // The new world's first snapshot can overtake its WorldInit (which waits for the log):
    // the client keeps it, and the server's next deltas, coded against it, still decode.
    for command in [Command::EndDrill, Command::Reset] {
        assert_eq!(act(&mut instructor, Intent::Instruct(command.clone())).await, Ok(()));
        let restarted = |c: &mut Client| c.core.mirror.drill.readings.is_empty() && c.core.newest_tick().is_some();
        assert!(wait_for(&mut observer, WAIT, restarted).await);
        let sees = move |c: &mut Client| {
            c.core.mirror.avatars().iter().any(|(id, a)| *id == who && a.head.position().distance(at) < 0.01)
        };
        assert!(wait_for(&mut observer, WAIT, sees).await, "after {command:?} the still trainee is seen");
        assert!(converged(&mut observer).await, "after {command:?}");
        assert!(converged(&mut instructor).await, "after {command:?}");
    }
}
