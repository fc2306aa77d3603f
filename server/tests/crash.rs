//! `kill -9` the real server binary in the middle of a drill: after a restart, every change it
//! had acknowledged is in the event log, and nothing is there twice.

mod common;

use std::collections::BTreeSet;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{invite, start};

use crossdock_client::core::ClientEvent;
use crossdock_client::{Client, Details};
use crossdock_protocol::Intent;
use crossdock_protocol::drill::Tool;
use crossdock_protocol::quant::QPose;
use crossdock_server::records::{Record, Store};

/// Uses the documents tool 25 times a second until `until`, returning the reading ids the
/// server acknowledged (a grant arrives after its reading, which arrives after the disk).
async fn drill_until(client: &mut Client, until: Instant) -> BTreeSet<u32> {
    let mut acked = BTreeSet::new();
    let mut ticker = tokio::time::interval(Duration::from_millis(40));
    while Instant::now() < until {
        tokio::select! {
            _ = ticker.tick() => {
                let intent = Intent::UseTool { tool: Tool::Documents, aim: QPose::ZERO, target: None };
                if client.send_intent(intent).await.is_err() {
                    break;
                }
            }
            event = client.next_event() => match event {
                Ok(ClientEvent::Granted { .. }) => {
                    let me = client.core.me();
                    acked.extend(client.core.mirror.drill.readings.iter().filter(|r| r.by == me).map(|r| r.id));
                }
                Ok(_) => {}
                Err(_) => break,
            },
        }
    }
    acked
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_kills_at_random_moments_lose_nothing_and_the_drill_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let details = Details { display_name: "Survivor".into(), administration: "KR".into(), locale: "ko".into() };
    let mut server = start(dir.path(), "127.0.0.1:0", &[]);
    let addr = server.addr;
    let invite = invite(dir.path());
    let mut client = Client::connect(&invite, &details).await.expect("the client joins");
    let mut rng = fastrand::Rng::with_seed(2026);
    let mut acked = BTreeSet::new();
    for round in 0..20 {
        let kill_at = Instant::now() + Duration::from_millis(rng.u64(150..700));
        acked.extend(drill_until(&mut client, kill_at).await);
        // SIGKILL at a random moment: no drain, no flush, intents in flight.
        server.kill();
        server = start(dir.path(), &addr.to_string(), &[]);
        // The client hears a stateless reset at its next packet and comes back on its own.
        let _ = client.send_msg(&crossdock_protocol::ClientMsg::Ping { nonce: round, client_time_us: 0 }).await;
        let _ = tokio::time::timeout(Duration::from_secs(5), client.wait_closed()).await;
        let resume = Some(client.core.welcome.resume.clone());
        client = Client::connect_resuming(&invite, &details, resume, Instant::now() + Duration::from_secs(15))
            .await
            .unwrap_or_else(|e| panic!("round {round}: the client could not come back: {e}"));
        let known = client.core.mirror.drill.readings.len();
        assert!(
            known >= acked.len(),
            "round {round}: the resumed drill knows {known} readings, {} were acknowledged",
            acked.len()
        );
    }
    acked.extend(drill_until(&mut client, Instant::now() + Duration::from_millis(300)).await);
    server.kill();

    let records = Store::open(dir.path()).unwrap().read("default").unwrap();
    let starts = records.iter().filter(|r| matches!(r.entry.record, Record::ScenarioStarted { .. })).count();
    assert_eq!(starts, 1, "every restart resumed the drill instead of starting a new one");
    let logged: Vec<u32> = records
        .iter()
        .filter_map(|r| match &r.entry.record {
            Record::Reading(reading) => Some(reading.id),
            _ => None,
        })
        .collect();
    assert!(
        logged.windows(2).all(|w| w[1] == w[0] + 1),
        "reading ids carry on across restarts, none twice: {logged:?}"
    );
    let logged: BTreeSet<u32> = logged.into_iter().collect();
    let missing: Vec<_> = acked.difference(&logged).collect();
    assert!(missing.is_empty(), "acknowledged readings missing from the log: {missing:?}");
    assert!(acked.len() >= 100, "the drill kept going: {} readings acknowledged", acked.len());
    let ticks: Vec<u32> = records.iter().map(|r| r.entry.tick.0).collect();
    assert!(ticks.windows(2).all(|w| w[1] >= w[0]), "the clock carries on across restarts");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_drains_tells_participants_and_exits_within_ten_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = start(dir.path(), "127.0.0.1:0", &[]);
    let details = Details { display_name: "Leaver".into(), administration: "TH".into(), locale: "th".into() };
    let mut client = Client::connect(&invite(dir.path()), &details).await.expect("the client joins");
    for _ in 0..5 {
        let seq = client
            .send_intent(Intent::UseTool { tool: Tool::Documents, aim: QPose::ZERO, target: None })
            .await
            .unwrap();
        loop {
            match tokio::time::timeout(Duration::from_secs(5), client.next_event()).await {
                Ok(Ok(ClientEvent::Granted { seq: s })) if s == seq => break,
                Ok(Ok(_)) => {}
                other => panic!("no grant: {other:?}"),
            }
        }
    }
    let sent = Instant::now();
    let status = Command::new("kill").args(["-TERM", &server.child.id().to_string()]).status().expect("kill runs");
    assert!(status.success());
    let told = loop {
        match tokio::time::timeout(Duration::from_secs(10), client.next_event()).await {
            Ok(Ok(ClientEvent::Closing { code, message })) => break Some((code, message)),
            Ok(Ok(_)) => {}
            Ok(Err(crossdock_client::ConnectError::Refused(r))) => break Some((r.code, r.message)),
            other => panic!("no goodbye: {other:?}"),
        }
    };
    let (code, message) = told.unwrap();
    assert_eq!(code, crossdock_protocol::CloseCode::ServerShutdown);
    assert!(message.contains("rejoin"), "{message}");
    let exited = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(sent.elapsed() < Duration::from_secs(10), "the server did not exit within 10 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(exited.success(), "{exited:?}");
    let readings = Store::open(dir.path())
        .unwrap()
        .read("default")
        .unwrap()
        .iter()
        .filter(|r| matches!(r.entry.record, Record::Reading(_)))
        .count();
    assert_eq!(readings, 5, "every acknowledged reading is in the log");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_crash_clients_learn_at_once_from_a_stateless_reset() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), "127.0.0.1:0", &[]);
    let addr = server.addr;
    let details = Details { display_name: "Survivor".into(), administration: "KR".into(), locale: "ko".into() };
    let mut client = Client::connect(&invite(dir.path()), &details).await.expect("the client joins");
    server.kill();
    // The same data dir and port: the restarted server holds the same reset key.
    let restarted = start(dir.path(), &addr.to_string(), &[]);
    let killed = Instant::now();
    let pose = client.core.poll_pose_datagram(crossdock_protocol::delta::AvatarPose::ZERO, Instant::now());
    client.send_datagram(pose);
    let _ = client.send_intent(Intent::UseTool { tool: Tool::Documents, aim: QPose::ZERO, target: None }).await;
    let reason =
        tokio::time::timeout(Duration::from_secs(5), client.wait_closed()).await.expect("the client hears at once");
    assert!(matches!(reason, quinn::ConnectionError::Reset), "{reason}");
    assert!(killed.elapsed() < Duration::from_secs(5), "well inside the 10 s idle timeout");
    restarted.kill();
}
