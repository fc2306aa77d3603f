//! Bad networks: the drill over hotel Wi-Fi (250 ms round trip, 30 ms jitter, 5 % loss, 2 %
//! reordering, injected by the user-space relay), reliable events, reconnection, the admin port.
//! The time budgets are in `tests/tests/budgets.rs`, a binary of their own.

use std::time::{Duration, Instant};

use crossdock_client::Client;
use crossdock_client::core::ClientEvent;
use crossdock_protocol::drill::Tool;
use crossdock_protocol::quant::QPose;
use crossdock_protocol::{Hand, Intent, Role, ServerMsg};
use crossdock_tests::relay::{Profile, Relay};
use crossdock_tests::*;
use glam::Vec3;

/// Forty readings from one participant reach another exactly once and in order over `profile`.
async fn reliable_events_exactly_once_in_order(profile: Profile, seed: u64) {
    let server = TestServer::start();
    let r1 = Relay::impaired(server.server.local_addr(), profile.clone(), seed).await.unwrap();
    let r2 = Relay::impaired(server.server.local_addr(), profile, seed + 1).await.unwrap();
    let mut trainee = server.join_via(&r1, Role::Trainee, "Trainee").await;
    let mut observer = server.join_via(&r2, Role::Observer, "Observer").await;
    let mut seqs = Vec::new();
    for _ in 0..40 {
        seqs.push(
            trainee
                .send_intent(Intent::UseTool { tool: Tool::Documents, aim: QPose::ZERO, target: None })
                .await
                .unwrap(),
        );
    }
    for seq in seqs {
        assert_eq!(answer(&mut trainee, seq).await, Ok(()));
    }
    let mut seen = Vec::new();
    let deadline = Instant::now() + WAIT * 2;
    while seen.len() < 40 && Instant::now() < deadline {
        if let Ok(Ok(ClientEvent::Event(msg))) =
            tokio::time::timeout(Duration::from_secs(1), observer.next_event()).await
            && let ServerMsg::Reading(r) = *msg
        {
            seen.push(r.id);
        }
    }
    assert_eq!(seen, (1..=40).collect::<Vec<u32>>(), "every reading once, in order");
}

#[tokio::test]
async fn reliable_events_arrive_exactly_once_and_in_order_on_a_regional_link() {
    reliable_events_exactly_once_in_order(Profile::regional(), 41).await;
}

#[tokio::test]
async fn reliable_events_arrive_exactly_once_and_in_order_on_hotel_wifi() {
    reliable_events_exactly_once_in_order(Profile::hotel_wifi(), 11).await;
}

#[tokio::test]
async fn reliable_events_arrive_exactly_once_and_in_order_on_a_harsh_link() {
    reliable_events_exactly_once_in_order(Profile::harsh(), 51).await;
}

/// Fetches a path from the admin port.
async fn get(addr: std::net::SocketAddr, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes()).await.unwrap();
    let mut out = String::new();
    stream.read_to_string(&mut out).await.unwrap();
    out
}

#[tokio::test]
async fn metrics_and_health_are_served_on_the_admin_port() {
    let server = TestServer::start_with(|c| c.metrics_listen = Some("127.0.0.1:0".parse().unwrap()));
    let admin = server.server.admin_addr().expect("the admin port is on");
    let mut t = server.join(Role::Trainee, "Counted").await;
    let _o = server.join(Role::Observer, "Watcher").await;
    assert_eq!(
        act(&mut t, Intent::Release { hand: Hand::Left }).await,
        Err(crossdock_protocol::messages::DenyReason::HandEmpty)
    );
    let metrics = get(admin, "/metrics").await;
    assert!(metrics.starts_with("HTTP/1.1 200"), "{metrics}");
    for line in [
        "crossdock_participants{role=\"trainee\"} 1",
        "crossdock_participants{role=\"observer\"} 1",
        "crossdock_refusals_total{stage=\"intent\",reason=\"HandEmpty\"} 1",
        "crossdock_sessions 1",
        "crossdock_tick_seconds_count",
    ] {
        assert!(metrics.contains(line), "missing {line}:\n{metrics}");
    }
    let health = get(admin, "/health").await;
    assert!(health.starts_with("HTTP/1.1 200") && health.contains("\"status\":\"ok\""), "{health}");
    assert!(get(admin, "/nope").await.starts_with("HTTP/1.1 404"));
    // Per-participant round trip and UDP bytes appear within a second or two.
    let deadline = Instant::now() + WAIT;
    loop {
        let m = get(admin, "/metrics").await;
        if m.contains("crossdock_rtt_seconds{session=\"default\"")
            && m.contains("crossdock_udp_bytes_total{direction=\"out\"}")
        {
            break;
        }
        assert!(Instant::now() < deadline, "no rtt or bytes metrics:\n{m}");
        let _ = tokio::time::timeout(Duration::from_millis(200), t.next_event()).await;
    }
}

/// Reconnects as the participant `old` was, with its resume secret.
async fn come_back(server: &TestServer, relay: Option<&Relay>, old: &Client, name: &str) -> Client {
    let mut invite = server.invite(Role::Trainee);
    if let Some(r) = relay {
        invite.server = r.addr().to_string();
    }
    let mut hello = crossdock_protocol::handshake::hello(&invite.token, name, "TH", "th");
    hello.resume = Some(old.core.welcome.resume.clone());
    Client::connect_with_hello(&invite, hello).await.expect("the client comes back")
}

#[tokio::test]
async fn a_dropped_client_comes_back_as_itself_within_the_grace_period() {
    let server = TestServer::start_with(|c| {
        c.idle_timeout = Duration::from_secs(2);
        c.reconnect_grace = Duration::from_secs(20);
    });
    let mut instructor = server.join(Role::Instructor, "Instructor").await;
    let relay = Relay::start(server.server.local_addr()).await.unwrap();
    let mut ghost = server.join_via(&relay, Role::Trainee, "Roamer").await;
    let item = ghost.core.mirror.items().into_iter().find(|i| i.info.kind == "carton").unwrap();
    let hand = item.pose.position() + Vec3::new(0.0, item.info.size_mm[1] as f32 / 2000.0 + 0.05, 0.0);
    assert!(place(&mut ghost, avatar(hand + Vec3::new(-0.4, 0.6, 0.0), hand, hand)).await);
    assert_eq!(act(&mut ghost, Intent::Grab { item: item.info.id, hand: Hand::Right }).await, Ok(()));
    let id = ghost.core.me();

    relay.cut();
    // The server notices the silence: the ghost leaves the quality list but stays on the roster.
    let dropped = move |c: &mut Client| {
        let q = &c.core.mirror.drill.quality;
        !q.is_empty() && q.iter().all(|q| q.participant != id) && c.core.mirror.people().iter().any(|p| p.id == id)
    };
    assert!(wait_for(&mut instructor, WAIT, dropped).await, "held in place, not removed");

    let mut back = come_back(&server, None, &ghost, "Roamer").await;
    assert_eq!(back.core.me(), id, "the same participant");
    assert_eq!(back.core.welcome.role, Role::Trainee);
    let holder = back.core.mirror.items().into_iter().find(|i| i.info.id == item.info.id).and_then(|i| i.info.holder);
    assert_eq!(holder.map(|h| h.participant), Some(id), "still holding the item");
    assert!(instructor.core.mirror.people().iter().any(|p| p.id == id), "the others never saw them leave");
    assert!(converged(&mut back).await, "converged from a snapshot");
    assert_eq!(act(&mut back, Intent::Release { hand: Hand::Right }).await, Ok(()), "and can act again");
}

#[tokio::test]
async fn coming_back_before_the_server_noticed_replaces_the_old_connection() {
    let server = TestServer::start();
    let mut watcher = server.join(Role::Trainee, "Watcher").await;
    let first = server.join(Role::Trainee, "Twice").await;
    let id = first.core.me();
    let mut second = come_back(&server, None, &first, "Twice").await;
    assert_eq!(second.core.me(), id);
    assert_eq!(closed_with(&first).await, Some(crossdock_protocol::CloseCode::Removed), "the old connection is closed");
    assert!(converged(&mut second).await);
    assert!(converged(&mut watcher).await);
    assert_eq!(watcher.core.mirror.people().iter().filter(|p| p.id == id).count(), 1, "still one of them");
}
