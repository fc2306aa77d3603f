//! The inspection drill: tools read the truth, findings are scored from the log, the procedure
//! is judged in order, instructors direct, and trainees never receive the hidden truth.

use std::f32::consts::FRAC_PI_2;

use crossdock_client::Client;
use crossdock_protocol::drill::{Category, Command, Reading, ReadingValue, Target, Tool};
use crossdock_protocol::messages::DenyReason;
use crossdock_protocol::quant::QPose;
use crossdock_protocol::{CloseCode, Intent, NetId, Role};
use crossdock_server::assessment;
use crossdock_server::records::replay;
use crossdock_tests::*;
use glam::{Quat, Vec3};

/// Container length of the 20 ft dry van, metres.
const L: f32 = 5.898;

pub(crate) fn drill_server(scenario: &str) -> TestServer {
    let scenario = scenario.to_owned();
    TestServer::start_with(move |c| c.scenario = scenario)
}

/// Uses a tool and returns the reading it produced.
pub(crate) async fn use_tool(
    c: &mut Client,
    tool: Tool,
    aim: QPose,
    target: Option<NetId>,
) -> Result<Reading, DenyReason> {
    act(c, Intent::UseTool { tool, aim, target }).await?;
    let me = c.core.me();
    Ok(c.core
        .mirror
        .drill
        .readings
        .iter()
        .rev()
        .find(|r| r.by == me && r.tool == tool)
        .cloned()
        .expect("the reading arrived before the grant"))
}

/// Stands behind the container with a hand on each door handle.
pub(crate) async fn at_the_doors(c: &mut Client) {
    let left = Vec3::new(L + 0.05, 1.2, -0.55);
    let right = Vec3::new(L + 0.05, 1.2, 0.55);
    assert!(place(c, avatar(Vec3::new(L + 0.6, 1.65, 0.0), left, right)).await);
}

pub(crate) async fn check_seal(c: &mut Client) -> Reading {
    let seal = c.core.mirror.seal.clone();
    use_tool(
        c,
        Tool::SealCheck,
        QPose::new(seal.pose.position() + Vec3::new(0.3, 0.0, 0.0), Quat::IDENTITY),
        Some(seal.id),
    )
    .await
    .unwrap()
}

pub(crate) async fn open_doors(c: &mut Client) {
    for door in c.core.mirror.doors() {
        assert_eq!(act(c, Intent::SetDoor { door: door.id, open: true }).await, Ok(()));
    }
}

/// Measures the internal length from the door end, along the roof, pointing towards the front.
pub(crate) async fn measure_length(c: &mut Client) -> Reading {
    let hand = Vec3::new(L - 0.05, 2.25, 0.0);
    assert!(place(c, avatar(Vec3::new(L + 0.3, 1.65, 0.0), Vec3::new(L - 0.05, 1.2, -0.3), hand)).await);
    let aim = QPose::new(hand, Quat::from_rotation_y(FRAC_PI_2));
    use_tool(c, Tool::TapeMeasure, aim, None).await.unwrap()
}

fn report_of(server: &TestServer) -> assessment::Report {
    server.report()
}

#[tokio::test]
async fn a_trainee_who_measures_the_container_and_marks_the_false_wall_scores_a_hit() {
    let server = drill_server("false-wall-20ft");
    let mut t = server.join(Role::Trainee, "Somchai").await;
    use_tool(&mut t, Tool::Documents, QPose::ZERO, None).await.unwrap();
    at_the_doors(&mut t).await;
    check_seal(&mut t).await;
    let xray = use_tool(&mut t, Tool::XRay, QPose::ZERO, None).await.unwrap();
    assert!(matches!(xray.value, ReadingValue::Image { width: 96, height: 24, .. }));
    open_doors(&mut t).await;
    let tape = measure_length(&mut t).await;
    let ReadingValue::Distance { mm } = tape.value else { panic!("{tape:?}") };
    assert!((5240..=5260).contains(&mm), "the false wall makes the container measure {mm} mm instead of about 5,850");
    let finding = Intent::MarkFinding { place: [300, 1200, 0], category: Category::FalseWall, evidence: vec![tape.id] };
    assert_eq!(act(&mut t, finding).await, Ok(()));

    let report = report_of(&server);
    let me = &report.trainees[0];
    assert_eq!(me.hits.len(), 1, "{report:#?}");
    assert_eq!(me.hits[0].concealment, "FW1");
    assert!(me.false_alarms.is_empty() && me.misses.is_empty());
    let step = |name: &str| report.procedure.steps.iter().find(|s| s.step == name).unwrap().clone();
    assert!(step("check-seal").in_order && step("scan").in_order && step("open-doors").in_order);
    assert!(me.examined_share > 0.0);

    // The log replays to the same world.
    let records = server.records();
    let last = records.last().unwrap().entry.tick;
    let world = replay::world_at(&records, last).unwrap();
    assert!(world.doors.values().all(|open| *open));
    assert_eq!(world.readings.len(), t.core.mirror.drill.readings.len());
    assert_eq!(world.findings.len(), 1);
    assert_eq!(world.scenario.name, "false-wall-20ft");
}

#[tokio::test]
async fn flagging_the_clean_container_scores_a_false_alarm() {
    let server = drill_server("clean-20ft");
    let mut t = server.join(Role::Trainee, "Ji-woo").await;
    let scale = use_tool(&mut t, Tool::Scale, QPose::ZERO, None).await.unwrap();
    let finding =
        Intent::MarkFinding { place: [2000, 500, 0], category: Category::Narcotics, evidence: vec![scale.id] };
    assert_eq!(act(&mut t, finding).await, Ok(()));
    let report = report_of(&server);
    assert!(report.concealments.is_empty());
    assert_eq!(report.trainees[0].false_alarms, vec![1]);
    assert!(report.trainees[0].hits.is_empty());
    assert!(!report.trainees[0].passed, "a false alarm in a clean container fails: {:?}", report.trainees[0]);
}

#[tokio::test]
async fn opening_the_doors_before_checking_the_seal_loses_the_procedure_point() {
    let server = drill_server("false-wall-20ft");
    let mut t = server.join(Role::Trainee, "Wei").await;
    at_the_doors(&mut t).await;
    open_doors(&mut t).await;
    check_seal(&mut t).await;
    let report = report_of(&server);
    let step = |name: &str| report.procedure.steps.iter().find(|s| s.step == name).unwrap().clone();
    assert!(step("check-seal").at_s.is_some(), "the seal was checked");
    assert!(!step("check-seal").in_order, "but after the doors were opened");
    assert!(step("open-doors").in_order);
}

#[tokio::test]
async fn trainees_never_receive_the_hidden_truth_until_the_debrief() {
    let server = drill_server("false-wall-20ft");
    let mut instructor = server.join(Role::Instructor, "Instructor").await;
    instructor.capture_wire();
    let mut t = server.join(Role::Trainee, "Trainee").await;
    t.capture_wire();
    let mut o = server.join(Role::Observer, "Observer").await;
    o.capture_wire();
    use_tool(&mut t, Tool::Documents, QPose::ZERO, None).await.unwrap();
    use_tool(&mut t, Tool::Scale, QPose::ZERO, None).await.unwrap();
    use_tool(&mut t, Tool::XRay, QPose::ZERO, None).await.unwrap();
    at_the_doors(&mut t).await;
    check_seal(&mut t).await;
    open_doors(&mut t).await;
    measure_length(&mut t).await;
    for c in [&mut instructor, &mut o] {
        assert!(wait_for(c, WAIT, |c| c.core.mirror.drill.readings.len() >= 5).await);
    }
    let secrets: [&[u8]; 3] = [b"400,000 cigarettes", b"welded false front wall", b"Stainless steel pots and pans"];
    let contains = |wire: &[u8], s: &[u8]| wire.windows(s.len()).any(|w| w == s);
    for (who, c) in [("trainee", &t), ("observer", &o)] {
        let wire = c.wire.as_ref().unwrap();
        assert!(wire.len() > 1000, "{who} received traffic");
        for s in secrets {
            assert!(!contains(wire, s), "{who} received {:?}", String::from_utf8_lossy(s));
        }
    }
    assert!(instructor.core.mirror.drill.truth.is_some(), "the instructor holds the truth");
    assert!(contains(instructor.wire.as_ref().unwrap(), secrets[0]), "the instructor sees the truth");

    assert_eq!(act(&mut instructor, Intent::Instruct(Command::RevealTruth)).await, Ok(()));
    assert!(
        wait_for(&mut t, WAIT, |c| c.core.mirror.drill.truth.is_some()).await,
        "the debrief reveals it to trainees"
    );
    assert!(contains(t.wire.as_ref().unwrap(), secrets[0]));
}

#[tokio::test]
async fn instructor_controls_work_and_are_refused_to_everyone_else() {
    let server = drill_server("false-wall-20ft");
    let mut i = server.join(Role::Instructor, "Instructor").await;
    let mut t = server.join(Role::Trainee, "Trainee").await;
    let mut o = server.join(Role::Observer, "Observer").await;
    assert_eq!(act(&mut t, Intent::Instruct(Command::Pause)).await, Err(DenyReason::RoleForbids));
    assert_eq!(act(&mut o, Intent::Instruct(Command::RevealTruth)).await, Err(DenyReason::RoleForbids));
    assert_eq!(
        act(&mut o, Intent::UseTool { tool: Tool::Scale, aim: QPose::ZERO, target: None }).await,
        Err(DenyReason::RoleForbids)
    );

    assert_eq!(act(&mut i, Intent::Instruct(Command::Pause)).await, Ok(()));
    assert_eq!(use_tool(&mut t, Tool::Scale, QPose::ZERO, None).await.unwrap_err(), DenyReason::Paused);
    assert_eq!(act(&mut i, Intent::Instruct(Command::Resume)).await, Ok(()));
    assert_eq!(act(&mut i, Intent::Instruct(Command::LockTool { tool: Tool::Scale, locked: true })).await, Ok(()));
    assert_eq!(use_tool(&mut t, Tool::Scale, QPose::ZERO, None).await.unwrap_err(), DenyReason::ToolLocked);
    assert!(use_tool(&mut i, Tool::Scale, QPose::ZERO, None).await.is_ok(), "locks bind trainees, not instructors");

    let who = Target::One(t.core.me());
    assert_eq!(act(&mut i, Intent::Instruct(Command::Freeze { who, frozen: true })).await, Ok(()));
    assert_eq!(use_tool(&mut t, Tool::Documents, QPose::ZERO, None).await.unwrap_err(), DenyReason::Frozen);
    assert_eq!(act(&mut i, Intent::Instruct(Command::Mute { who: Target::AllTrainees, muted: true })).await, Ok(()));
    let me = t.core.me();
    assert!(wait_for(&mut t, WAIT, |c| c.core.mirror.drill.flags.get(&me).is_some_and(|f| f.frozen && f.muted)).await);
    assert_eq!(act(&mut i, Intent::Instruct(Command::Teleport { who, to: [1000, 0, 0] })).await, Ok(()));
    assert!(wait_for(&mut t, WAIT, |c| c.core.mirror.drill.teleport == Some([1000, 0, 0])).await);
    assert!(
        wait_for(&mut i, WAIT, |c| c.core.mirror.drill.quality.iter().any(|q| q.participant == me)).await,
        "quality reaches the instructor"
    );

    assert_eq!(act(&mut i, Intent::Instruct(Command::Rerandomise { seed: 99 })).await, Ok(()));
    assert!(
        wait_for(&mut t, WAIT, |c| c.core.mirror.drill.state.seed == 99).await,
        "a re-randomised world reaches trainees"
    );
    assert_eq!(
        act(&mut i, Intent::Instruct(Command::SwitchScenario { name: "/etc/passwd".into() })).await,
        Err(DenyReason::UnknownEntity)
    );
    assert_eq!(act(&mut i, Intent::Instruct(Command::SwitchScenario { name: "clean-20ft".into() })).await, Ok(()));
    assert!(wait_for(&mut o, WAIT, |c| c.core.mirror.drill.state.scenario == "clean-20ft").await);
    assert!(converged(&mut o).await, "the observer's mirror matches the new world");

    assert_eq!(act(&mut i, Intent::Instruct(Command::Remove { who: me })).await, Ok(()));
    assert_eq!(closed_with(&t).await, Some(CloseCode::Removed));
}

#[tokio::test]
async fn two_trainees_co_sign_a_joint_finding_and_the_instructor_judges_it() {
    let server = drill_server("false-wall-20ft");
    let mut i = server.join(Role::Instructor, "Instructor").await;
    let mut a = server.join(Role::Trainee, "A").await;
    let mut b = server.join(Role::Trainee, "B").await;
    at_the_doors(&mut a).await;
    open_doors(&mut a).await;
    let tape = measure_length(&mut a).await;
    let finding = Intent::MarkFinding { place: [300, 1200, 0], category: Category::FalseWall, evidence: vec![tape.id] };
    assert_eq!(act(&mut a, finding).await, Ok(()));
    assert_eq!(act(&mut b, Intent::CoSign { finding: 1 }).await, Ok(()));
    assert_eq!(act(&mut b, Intent::CoSign { finding: 1 }).await, Err(DenyReason::AlreadySigned));
    assert_eq!(act(&mut i, Intent::Instruct(Command::Judge { finding: 1, confirmed: true })).await, Ok(()));
    let report = report_of(&server);
    assert!(report.trainees.iter().all(|t| t.joint_findings == 1 && t.hits.len() == 1), "{:#?}", report.trainees);
}

#[tokio::test]
async fn the_report_and_xapi_statements_are_deterministic() {
    let server = drill_server("false-wall-20ft");
    let _instructor = server.join(Role::Instructor, "Khun Anan").await;
    let invite = server.personal_invite(Role::Trainee, "TH-0001", "Somchai", "TH", "th");
    let mut t = join(&invite, "ignored").await.unwrap();
    use_tool(&mut t, Tool::Documents, QPose::ZERO, None).await.unwrap();
    at_the_doors(&mut t).await;
    check_seal(&mut t).await;
    let (drill, records) = server.drill_records();
    let (a, b) = (
        assessment::report("default", drill, &records).unwrap(),
        assessment::report("default", drill, &records).unwrap(),
    );
    assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    assert!(!a.trainees[0].decisions.is_empty(), "the instructor's report has the decisions");
    let before_the_reveal = b.clone().for_role(Role::Observer);
    assert!(before_the_reveal.trainees[0].decisions.is_empty(), "not before the reveal: they say what was hidden");
    let (xa, xb) = (assessment::xapi(&a, "https://rtc.example"), assessment::xapi(&b, "https://rtc.example"));
    assert_eq!(xa, xb);
    let statements = xa.as_array().unwrap();
    // attempted, completed, failed, one `performed` per own procedure step (documents, seal),
    // and one `decided` per decision (the container, the cigarettes behind the false wall).
    assert_eq!(statements.len(), 7, "{statements:#?}");
    let ids: std::collections::BTreeSet<_> = statements.iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids.len(), 7);
    assert!(statements.iter().all(|s| s["version"] == "2.0.0" && s["actor"]["account"]["name"] == "TH-0001"));
    assert!(statements.iter().all(|s| s["actor"]["account"]["homePage"] == "https://rtc.example"));
    assert_eq!(statements[0]["verb"]["id"], "http://adlnet.gov/expapi/verbs/attempted");
    assert_eq!(statements[0]["context"]["instructor"]["name"], "Khun Anan");
    assert_eq!(statements[2]["verb"]["id"], "http://adlnet.gov/expapi/verbs/failed");
    assert!(statements[3..5].iter().all(|s| s["verb"]["id"] == format!("{}/verbs/performed", assessment::PROFILE)));
    let decided = &statements[5..];
    assert!(decided.iter().all(|s| s["verb"]["id"] == format!("{}/verbs/decided", assessment::PROFILE)));
    // Nothing flagged in a container with cigarettes behind a false wall: two misses.
    assert!(decided.iter().all(|s| s["result"]["response"] == "cleared" && s["result"]["success"] == false));
    let ext = |name: &str| format!("{}/extensions/{name}", assessment::PROFILE);
    assert!(decided.iter().all(|s| s["result"]["extensions"][ext("outcome")] == "miss"));
    assert!(decided[0]["object"]["id"].as_str().unwrap().ends_with("/scenarios/false-wall-20ft/decisions/container"));
    assert!(
        assessment::markdown(&a, &assessment::words("en")).contains("| 1 | Somchai (TH-0001) | TH |"),
        "{}",
        assessment::markdown(&a, &assessment::words("en"))
    );
}

#[tokio::test]
async fn opening_tools_open_what_they_suit_and_the_content_reaches_everyone() {
    let server = drill_server("false-wall-20ft");
    let mut t = server.join(Role::Trainee, "Opener").await;
    let mut o = server.join(Role::Observer, "Watcher").await;
    let items = t.core.mirror.items();
    let carton = items.iter().find(|i| i.info.kind == "carton").unwrap().clone();
    let pallet = items.iter().find(|i| i.info.kind == "pallet").unwrap().clone();
    assert!(carton.info.content.is_none(), "unopened content is hidden");
    let above = |p: Vec3, half_y: f32| p + Vec3::new(0.0, half_y + 0.05, 0.0);
    let c_hand = above(carton.pose.position(), carton.info.size_mm[1] as f32 / 2000.0);
    assert!(place(&mut t, avatar(c_hand + Vec3::new(-0.4, 0.6, 0.0), c_hand, c_hand)).await);
    let opened = use_tool(&mut t, Tool::Knife, QPose::new(c_hand, Quat::IDENTITY), Some(carton.info.id)).await.unwrap();
    let ReadingValue::Opened { item, content } = opened.value else { panic!("{opened:?}") };
    assert_eq!(item, carton.info.id);
    assert!(content.contains("pots and pans"), "{content}");
    assert_eq!(
        use_tool(&mut t, Tool::Knife, QPose::new(c_hand, Quat::IDENTITY), Some(carton.info.id)).await.unwrap_err(),
        DenyReason::AlreadyOpen
    );
    let id = carton.info.id;
    let known = move |c: &mut Client| c.core.mirror.items().iter().any(|i| i.info.id == id && i.info.content.is_some());
    assert!(wait_for(&mut o, WAIT, known).await, "the opened content reaches observers");

    let p_hand = above(pallet.pose.position(), pallet.info.size_mm[1] as f32 / 2000.0);
    assert!(place(&mut t, avatar(p_hand + Vec3::new(-0.4, 0.6, 0.0), p_hand, p_hand)).await);
    let knife = use_tool(&mut t, Tool::Knife, QPose::new(p_hand, Quat::IDENTITY), Some(pallet.info.id)).await;
    assert_eq!(knife.unwrap_err(), DenyReason::NotOpenable, "a knife does not open a pallet");
    assert!(use_tool(&mut t, Tool::PryBar, QPose::new(p_hand, Quat::IDENTITY), Some(pallet.info.id)).await.is_ok());
    let report = report_of(&server);
    assert!(report.procedure.steps.iter().any(|s| s.step == "intrusive" && s.at_s.is_some()));
}

#[tokio::test]
async fn highlights_pointers_summons_and_resets_reach_the_trainees() {
    let server = drill_server("false-wall-20ft");
    let mut i = server.join(Role::Instructor, "Instructor").await;
    let mut t = server.join(Role::Trainee, "Trainee").await;
    assert!(place(&mut i, avatar(Vec3::new(3.0, 1.7, 0.0), Vec3::new(3.0, 1.1, -0.3), Vec3::new(3.0, 1.1, 0.3))).await);
    let seal = i.core.mirror.seal.id;
    assert_eq!(act(&mut i, Intent::Instruct(Command::Highlight { entity: seal, on: true })).await, Ok(()));
    assert_eq!(act(&mut i, Intent::Instruct(Command::Point { at: [1000, 1000, 0] })).await, Ok(()));
    assert_eq!(act(&mut i, Intent::Instruct(Command::Summon { who: Target::AllTrainees })).await, Ok(()));
    assert_eq!(act(&mut i, Intent::Instruct(Command::LockSelfUnmute { locked: true })).await, Ok(()));
    assert_eq!(act(&mut i, Intent::Instruct(Command::GiveLead { who: t.core.me() })).await, Ok(()));
    let me = t.core.me();
    let all = move |c: &mut Client| {
        let d = &c.core.mirror.drill;
        d.highlights.contains(&seal)
            && d.pointer.is_some_and(|(_, at)| at == [1000, 1000, 0])
            && d.teleport.is_some_and(|to| (to[0] - 3000).abs() < 2000)
            && d.state.self_unmute_locked
            && d.state.lead == Some(me)
    };
    assert!(wait_for(&mut t, WAIT, all).await, "{:?}", t.core.mirror.drill.state);

    at_the_doors(&mut t).await;
    open_doors(&mut t).await;
    assert_eq!(act(&mut i, Intent::Instruct(Command::Reset)).await, Ok(()));
    let closed =
        |c: &mut Client| c.core.mirror.doors().iter().all(|d| !d.open) && c.core.mirror.drill.readings.is_empty();
    assert!(wait_for(&mut t, WAIT, closed).await, "a reset closes the doors again");
    assert!(converged(&mut t).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_front_end_link_publishes_the_scene_and_hands_over_the_instructors_teleport() {
    use crossdock_client::Details;
    use crossdock_client::link::Link;

    let server = TestServer::start();
    let mut instructor = server.join(Role::Instructor, "Instructor").await;
    let invite = server.invite(Role::Trainee);
    let details = Details { display_name: "Keyboard".into(), administration: "VN".into(), locale: "vi".into() };
    let link =
        tokio::task::spawn_blocking(move || Link::connect(invite, details, None, true)).await.unwrap().expect("joins");
    assert_eq!(link.role, Role::Trainee);
    let deadline = std::time::Instant::now() + WAIT;
    let listed = |p: &crossdock_client::link::Published| {
        p.panel.as_ref().is_some_and(|panel| panel.people.iter().any(|row| row.me && row.name == "Keyboard"))
    };
    while link.with(|p| p.scene.container_mm[0] == 0 || !listed(p)) {
        assert!(std::time::Instant::now() < deadline, "the link never published a scene");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(
        link.with(|p| p.scene.me.as_ref().is_some_and(|(_, name, role)| name == "Keyboard" && *role == Role::Trainee))
    );
    let to = [2_000, 0, 300];
    let command = Command::Teleport { who: Target::One(link.me), to };
    assert_eq!(act(&mut instructor, Intent::Instruct(command)).await, Ok(()));
    let deadline = std::time::Instant::now() + WAIT;
    let taken = loop {
        if let Some(t) = link.with(|p| p.teleport.take()) {
            break t;
        }
        assert!(std::time::Instant::now() < deadline, "the teleport never reached the front end");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    };
    assert_eq!(taken, Vec3::new(2.0, 0.0, 0.3));
    assert_eq!(link.with(|p| p.teleport), None, "taken once");

    // A 240 Hz display hands over a pose every frame; the link sends one a server tick.
    let started = std::time::Instant::now();
    let sent_before = link.with(|p| p.poses_sent);
    let pose = avatar(Vec3::new(2.0, 1.7, 0.3), Vec3::new(2.2, 1.2, 0.1), Vec3::new(2.2, 1.2, 0.5));
    for _ in 0..240 {
        link.send(crossdock_client::link::Outgoing::Pose(pose, std::time::Instant::now()));
        tokio::time::sleep(std::time::Duration::from_micros(4_167)).await;
    }
    let sent = link.with(|p| p.poses_sent) - sent_before;
    let ticks = started.elapsed().as_secs_f64() * 60.0;
    assert!(sent >= 20 && (sent as f64) <= ticks + 2.0, "{sent} poses sent in {ticks:.0} ticks");
    assert_eq!(link.with(|p| p.ended.clone()), None, "and the server did not rate-limit it");
    tokio::task::spawn_blocking(move || link.leave()).await.unwrap();
}
