//! `kill -9` the real server binary in the middle of a drill: after a restart, every change it
//! had acknowledged is in the event log, and nothing is there twice.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crossdock_headset::core::ClientEvent;
use crossdock_headset::{Client, Details};
use crossdock_protocol::Intent;
use crossdock_protocol::drill::Tool;
use crossdock_protocol::invite::Invite;
use crossdock_protocol::quant::QPose;
use crossdock_server::records::{Record, Store};

/// Starts the server binary on a free loopback port and waits for it to listen.
fn start(data_dir: &Path) -> Child {
    start_on(data_dir, "127.0.0.1:0").0
}

/// Starts the server binary on `listen`; returns it and the address it bound.
fn start_on(data_dir: &Path, listen: &str) -> (Child, std::net::SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crossdock-server"))
        .args(["--listen", listen, "--metrics", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines();
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut bound = None;
    while Instant::now() < deadline {
        match lines.next() {
            Some(Ok(line)) if line.starts_with("invites written") => {
                // Keep draining, so the server never writes into a closed pipe.
                std::thread::spawn(move || lines.for_each(drop));
                return (child, bound.expect("the server printed its address"));
            }
            Some(Ok(line)) => {
                if let Some(addr) = line.strip_prefix("crossdock-server listening on udp ") {
                    bound = addr.trim().parse().ok();
                }
            }
            _ => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server did not report ready");
}

fn invite(data_dir: &Path) -> Invite {
    std::fs::read_to_string(data_dir.join("invites/trainee.txt")).unwrap().trim().parse().unwrap()
}

/// Sends a stream of tool uses and collects the readings the server acknowledged, until the
/// connection dies or `enough` arrive.
async fn drill_until_killed(client: &mut Client, server: &mut Child, kill_after: usize) -> BTreeSet<u32> {
    let mut acked = BTreeSet::new();
    let mut sent = 0;
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        while sent < acked.len() + 8 {
            let intent = Intent::UseTool { tool: Tool::Documents, aim: QPose::ZERO, target: None };
            if client.send_intent(intent).await.is_err() {
                return acked;
            }
            sent += 1;
        }
        match tokio::time::timeout(Duration::from_secs(2), client.next_event()).await {
            Ok(Ok(ClientEvent::Granted { .. })) => {
                let me = client.core.me();
                acked.extend(client.core.mirror.drill.readings.iter().filter(|r| r.by == me).map(|r| r.id));
                if acked.len() == kill_after {
                    // SIGKILL: no drain, no flush, mid-stream with intents in flight.
                    server.kill().expect("the server is killed");
                    server.wait().expect("the server is reaped");
                }
            }
            Ok(Ok(_)) => {}
            _ => return acked,
        }
    }
    acked
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_server_loses_no_acknowledged_event() {
    let dir = tempfile::tempdir().unwrap();
    let details = Details { display_name: "Survivor".into(), administration: "KR".into(), locale: "ko".into() };
    let mut all_acked = 0;
    for round in 0..3 {
        let mut server = start(dir.path());
        let mut client = Client::connect(&invite(dir.path()), &details).await.expect("the client joins");
        let acked = drill_until_killed(&mut client, &mut server, 20 + round * 15).await;
        let _ = server.kill();
        let _ = server.wait();
        assert!(acked.len() >= 20, "round {round}: only {} readings were acknowledged", acked.len());
        all_acked += acked.len();

        // Restart on the same data dir, then read the log it kept.
        let mut restarted = start(dir.path());
        let store = Store::open(dir.path()).unwrap();
        let records = store.read("default").unwrap();
        let drills: Vec<usize> = records
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r.entry.record, Record::ScenarioStarted { .. }))
            .map(|(i, _)| i)
            .collect();
        let this_drill = &records[drills[round]..drills.get(round + 1).copied().unwrap_or(records.len())];
        let logged: Vec<u32> = this_drill
            .iter()
            .filter_map(|r| match &r.entry.record {
                Record::Reading(reading) => Some(reading.id),
                _ => None,
            })
            .collect();
        let unique: BTreeSet<u32> = logged.iter().copied().collect();
        assert_eq!(unique.len(), logged.len(), "round {round}: a reading is logged twice");
        let missing: Vec<_> = acked.difference(&unique).collect();
        assert!(missing.is_empty(), "round {round}: acknowledged readings missing from the log: {missing:?}");
        let seqs: Vec<u64> = records.iter().map(|r| r.seq).collect();
        assert!(seqs.windows(2).all(|w| w[1] == w[0] + 1), "the log's sequence has no gaps or repeats");
        let _ = restarted.kill();
        let _ = restarted.wait();
    }
    assert!(all_acked >= 60);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_drains_tells_participants_and_exits_within_ten_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = start(dir.path());
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
    let status = Command::new("kill").args(["-TERM", &server.id().to_string()]).status().expect("kill runs");
    assert!(status.success());
    let told = loop {
        match tokio::time::timeout(Duration::from_secs(10), client.next_event()).await {
            Ok(Ok(ClientEvent::Closing { code, message })) => break Some((code, message)),
            Ok(Ok(_)) => {}
            Ok(Err(crossdock_headset::ConnectError::Refused(r))) => break Some((r.code, r.message)),
            other => panic!("no goodbye: {other:?}"),
        }
    };
    let (code, message) = told.unwrap();
    assert_eq!(code, crossdock_protocol::CloseCode::ServerShutdown);
    assert!(message.contains("rejoin"), "{message}");
    let exited = loop {
        if let Some(status) = server.try_wait().unwrap() {
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
    let (mut server, addr) = start_on(dir.path(), "127.0.0.1:0");
    let details = Details { display_name: "Survivor".into(), administration: "KR".into(), locale: "ko".into() };
    let mut client = Client::connect(&invite(dir.path()), &details).await.expect("the client joins");
    server.kill().unwrap();
    server.wait().unwrap();
    // The same data dir and port: the restarted server holds the same reset key.
    let (mut restarted, _) = start_on(dir.path(), &addr.to_string());
    let killed = Instant::now();
    let pose = client.core.poll_pose_datagram(crossdock_protocol::delta::AvatarPose::ZERO, Instant::now());
    client.send_datagram(pose);
    let _ = client.send_intent(Intent::UseTool { tool: Tool::Documents, aim: QPose::ZERO, target: None }).await;
    let reason =
        tokio::time::timeout(Duration::from_secs(5), client.wait_closed()).await.expect("the client hears at once");
    assert!(matches!(reason, quinn::ConnectionError::Reset), "{reason}");
    assert!(killed.elapsed() < Duration::from_secs(5), "well inside the 10 s idle timeout");
    let _ = restarted.kill();
    let _ = restarted.wait();
}
