//! Records through the real binary, as an operator meets them: one server per data dir, a crash
//! and a restart that keep every trainee one person, a restart with another scenario that starts
//! a new drill, and commands that read the same configuration as the server.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use crossdock_client::core::ClientEvent;
use crossdock_client::{Client, Details};
use crossdock_protocol::Intent;
use crossdock_protocol::drill::Tool;
use crossdock_protocol::invite::Invite;
use crossdock_protocol::quant::QPose;
use crossdock_server::records::Store;

use common::{command, invite, start};

fn details(name: &str) -> Details {
    Details { display_name: name.into(), administration: "TH".into(), locale: "th".into() }
}

/// Reads the documents and waits for the grant.
async fn read_documents(client: &mut Client) {
    let seq =
        client.send_intent(Intent::UseTool { tool: Tool::Documents, aim: QPose::ZERO, target: None }).await.unwrap();
    loop {
        match tokio::time::timeout(Duration::from_secs(10), client.next_event()).await {
            Ok(Ok(ClientEvent::Granted { seq: s })) if s == seq => return,
            Ok(Ok(_)) => {}
            other => panic!("no grant: {other:?}"),
        }
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Writes a roster and personal invites for it with the `invite --roster` command.
fn personal_invites(data_dir: &std::path::Path, server: &str) -> BTreeMap<String, Invite> {
    let roster = data_dir.join("../class.csv");
    std::fs::write(
        &roster,
        "learner_id,display_name,administration,locale\nTH-0001,สมชาย ใจดี,TH,th\nKR-0002,김민준,KR,ko\n",
    )
    .unwrap();
    let out = command(
        &["invite", "--roster", roster.to_str().unwrap(), "--server", server, "--data-dir", data_dir.to_str().unwrap()],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("wrote 2 personal trainee invite(s) for session default"),
        "{}",
        text(&out.stdout)
    );
    let dir = data_dir.join("invites/default");
    for file in ["TH-0001.txt", "TH-0001.png", "TH-0001.svg", "KR-0002.txt", "sheet.html"] {
        assert!(dir.join(file).is_file(), "{file} written");
    }
    let sheet = std::fs::read_to_string(dir.join("sheet.html")).unwrap();
    assert!(sheet.contains("สมชาย ใจดี") && sheet.contains("김민준"));
    ["TH-0001", "KR-0002"]
        .into_iter()
        .map(|id| {
            let link = std::fs::read_to_string(dir.join(format!("{id}.txt"))).unwrap();
            (id.to_owned(), link.trim().parse().unwrap())
        })
        .collect()
}

#[test]
fn a_second_server_on_the_same_data_dir_is_refused_and_the_first_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let first = start(dir.path(), "127.0.0.1:0", &[]);
    let invites_before = std::fs::read_to_string(dir.path().join("invites/trainee.txt")).unwrap();
    let second =
        command(&["--listen", "127.0.0.1:0", "--metrics", "off", "--data-dir", dir.path().to_str().unwrap()], &[]);
    assert!(!second.status.success());
    let said = text(&second.stderr);
    assert!(said.contains(&format!("pid {}", first.child.id())), "{said}");
    assert!(said.contains(&first.addr.to_string()) && said.contains("--data-dir"), "{said}");
    assert_eq!(std::fs::read_to_string(dir.path().join("invites/trainee.txt")).unwrap(), invites_before);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = Client::connect(&invite(dir.path()), &details("Still here")).await;
        assert!(client.is_ok(), "the first server still admits: {:?}", client.err());
    });
    first.kill();
    // The lock died with the process: a restart after kill -9 is not blocked.
    start(dir.path(), "127.0.0.1:0", &[]).kill();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_kill_9_and_a_restart_every_trainee_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = start(&data, "127.0.0.1:0", &[]);
    let addr = server.addr;
    let invites = personal_invites(&data, &addr.to_string());
    let mut somchai = Client::connect(&invites["TH-0001"], &details("typed")).await.unwrap();
    let mut minjun = Client::connect(&invites["KR-0002"], &details("typed")).await.unwrap();
    let mut walk_in = Client::connect(&invite(&data), &details("Walk-in")).await.unwrap();
    for c in [&mut somchai, &mut minjun, &mut walk_in] {
        read_documents(c).await;
    }
    server.kill();
    let restarted = start(&data, &addr.to_string(), &[]);
    assert!(
        restarted.said.iter().any(|l| l.starts_with("session default: resumed drill default/1 of false-wall-20ft")),
        "{:?}",
        restarted.said
    );
    // Each comes back with its resume secret (the single-use invites are spent by now).
    let walk_in_invite = invite(&data);
    for (c, invite, name) in [
        (&mut somchai, &invites["TH-0001"], "typed"),
        (&mut minjun, &invites["KR-0002"], "typed"),
        (&mut walk_in, &walk_in_invite, "Walk-in"),
    ] {
        let _ = c.send_msg(&crossdock_protocol::ClientMsg::Ping { nonce: 1, client_time_us: 0 }).await;
        let _ = tokio::time::timeout(Duration::from_secs(5), c.wait_closed()).await;
        let resume = Some(c.core.welcome.resume.clone());
        let before = c.core.me();
        let deadline = std::time::Instant::now() + Duration::from_secs(15);
        *c = Client::connect_resuming(invite, &details(name), resume, deadline).await.expect("back after the crash");
        assert_eq!(c.core.me(), before, "the same participant after the restart");
        read_documents(c).await;
    }
    restarted.kill();

    let store = Store::open(&data).unwrap();
    let drills = store.drills(Some("default")).unwrap();
    assert_eq!(drills.len(), 1, "the crash did not start a new drill");
    assert_eq!(drills[0].participants, 3, "people, not joins");
    let report = crossdock_server::assessment::report("default", 1, &store.read_drill("default", 1).unwrap()).unwrap();
    let names: Vec<_> = report.trainees.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(report.trainees.len(), 3, "each trainee once: {names:?}");
    assert!(names.contains(&"สมชาย ใจดี") && names.contains(&"김민준") && names.contains(&"Walk-in"), "{names:?}");
    assert!(report.trainees.iter().all(|t| t.readings == 2), "both sittings count for the same person");
    let out = command(&["report", "--format", "xapi", "--data-dir", data.to_str().unwrap()], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let statements: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for learner in ["TH-0001", "KR-0002"] {
        let outcomes = statements
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["actor"]["account"]["name"] == learner)
            .filter(|s| ["passed", "failed"].contains(&s["verb"]["display"]["en"].as_str().unwrap()))
            .count();
        assert_eq!(outcomes, 1, "{learner}: one outcome for the drill");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_with_another_scenario_starts_a_new_drill_and_reports_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), "127.0.0.1:0", &[]);
    let mut first = Client::connect(&invite(dir.path()), &details("First sitting")).await.unwrap();
    read_documents(&mut first).await;
    server.kill();
    let restarted = start(dir.path(), "127.0.0.1:0", &["--scenario", "radioactive-20ft"]);
    assert!(
        restarted.said.iter().any(|l| l.starts_with("session default: started drill default/2 of radioactive-20ft")),
        "{:?}",
        restarted.said
    );
    let mut second = Client::connect(&invite(dir.path()), &details("Second sitting")).await.unwrap();
    read_documents(&mut second).await;
    restarted.kill();

    let out = command(&["drills", "--data-dir", dir.path().to_str().unwrap()], &[]);
    let listed = text(&out.stdout);
    assert!(listed.contains("default/1") && listed.contains("false-wall-20ft"), "{listed}");
    assert!(listed.contains("the server restarted with another scenario") && listed.contains("radioactive-20ft"));
    let report = |drill: &str| {
        let out =
            command(&["report", "--drill", drill, "--format", "json", "--data-dir", dir.path().to_str().unwrap()], &[]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let (one, two) = (report("default/1"), report("2"));
    let names = |r: &serde_json::Value| {
        r["trainees"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(names(&one), ["First sitting"]);
    assert_eq!(names(&two), ["Second sitting"]);
    assert_eq!(
        (one["scenario"].as_str(), two["scenario"].as_str()),
        (Some("false-wall-20ft"), Some("radioactive-20ft"))
    );
}

#[test]
fn invite_reads_the_configuration_file_and_environment_wherever_config_stands() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("centre-data");
    let file = dir.path().join("site.toml");
    std::fs::write(
        &file,
        format!("data_dir = {:?}\npublic_addr = \"drill.example.org:4433\"\n", data.to_str().unwrap()),
    )
    .unwrap();
    let config = file.to_str().unwrap();
    assert!(command(&["identity", "--config", config], &[]).status.success());
    let out = command(&["invite", "--role", "trainee", "--config", config], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("crossdock://drill.example.org:4433/"), "{}", text(&out.stdout));
    let out =
        command(&["--config", config, "invite", "--role", "observer"], &[("CROSSDOCK_PUBLIC_ADDR", "192.0.2.10:4433")]);
    assert!(text(&out.stdout).starts_with("crossdock://192.0.2.10:4433/"), "{}", text(&out.stdout));
    let out = command(&["invite", "--role", "trainee"], &[("CROSSDOCK_CONFIG", config)]);
    assert!(text(&out.stdout).starts_with("crossdock://drill.example.org:4433/"));

    // Without public_addr, a server on every interface warns that 127.0.0.1 reaches only here.
    std::fs::write(&file, format!("data_dir = {:?}\n", data.to_str().unwrap())).unwrap();
    let out = command(&["invite", "--role", "trainee", "--config", config], &[]);
    assert!(out.status.success());
    assert!(text(&out.stderr).contains("public_addr"), "{}", text(&out.stderr));

    for (flag, value, reason) in [
        ("--ttl", "0s", "expire before anyone could use it"),
        ("--session", "", "needs a name"),
        ("--server", "not a host", "host:port"),
    ] {
        let out = command(&["invite", "--role", "trainee", "--config", config, flag, value], &[]);
        assert!(!out.status.success(), "{flag} {value:?} is refused");
        assert!(text(&out.stderr).contains(reason), "{flag}: {}", text(&out.stderr));
    }
}

#[test]
fn hosting_one_session_writes_its_invites_not_the_default_ones() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), "127.0.0.1:0", &["--session", "drill-7"]);
    let link: Invite = std::fs::read_to_string(dir.path().join("invites/trainee.txt")).unwrap().trim().parse().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = Client::connect(&link, &details("Hosted")).await.expect("the start-up invite admits");
        assert_eq!(client.core.welcome.session, "drill-7");
    });
    server.kill();
}
