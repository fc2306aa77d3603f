//! A class across a crash and across devices: the roster a console set, the join codes on the
//! printed sheet, whether observers are admitted and an open debrief all come back after the
//! server is killed (`kill -9`) and started again; a learner whose app restarts rejoins with the same personal invite as the
//! same person; a classroom behind one address gets in although one learner mistypes; a code
//! typed on the browser room's page opens the room; the roster names the class's interpreter.

use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use crossdock_client::Client;
use crossdock_client::code::redeem;
use crossdock_protocol::console::{ConsoleCommand, ConsoleDown, ConsoleUp, InviteSheet};
use crossdock_protocol::debrief::DebriefCommand;
use crossdock_protocol::drill::Command;
use crossdock_protocol::invite::Invite;
use crossdock_protocol::{Intent, Role};
use crossdock_server::{Config, DEFAULT_SESSION, Server};
use crossdock_tests::console::Console;
use crossdock_tests::{TestServer, WAIT, act, join, wait_for};

const ROSTER: &str = "learner_id,display_name,administration,locale
TH-001,สมชาย ใจดี,TH,th
KR-002,김민준,KR,ko
CN-003,王伟,CN,zh-Hans
VN-004,Nguyễn Văn An,VN,vi
MY-005,Siti Aminah,MY,ms
ID-006,Budi Santoso,ID,id
";

async fn instructor_console(server: &TestServer) -> Console {
    let mut console = Console::open(&server.server, &server.invite(Role::Instructor).token, "en").await.unwrap();
    match console.next(WAIT).await.unwrap() {
        ConsoleDown::Welcome(_) => console,
        other => panic!("expected the welcome, got {other:?}"),
    }
}

async fn sheet(console: &mut Console) -> Box<InviteSheet> {
    console.send(&ConsoleUp::Invites).await.unwrap();
    console.until(WAIT, |m| if let ConsoleDown::Invites(s) = m { Some(s) } else { None }).await.unwrap()
}

fn names(sheet: &InviteSheet) -> Vec<String> {
    sheet.cards.iter().map(|c| c.name.clone().unwrap_or_default()).collect()
}

/// Set for the test binary run as [`server_process`]: the data dir and UDP port to serve.
const CHILD_DIR: &str = "CROSSDOCK_TEST_SERVER_DIR";
const CHILD_PORT: &str = "CROSSDOCK_TEST_SERVER_PORT";

/// Not a test of its own: the server that the kill -9 test runs in a process of its own (this
/// test binary again), so that it can be killed as a crash kills it. Prints `ready ADDR HASHES
/// INSTRUCTOR OBSERVER` (the console certificates' hashes, two invites) and serves until killed.
#[test]
#[ignore = "runs only as the server process of the kill -9 test"]
fn server_process() {
    let (Ok(dir), Ok(port)) = (std::env::var(CHILD_DIR), std::env::var(CHILD_PORT)) else { return };
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async move {
        let config = Config {
            listen: format!("127.0.0.1:{port}").parse().expect("a port"),
            data_dir: dir.into(),
            write_invites: false,
            metrics_listen: None,
            ..Config::default()
        };
        let server = Server::start(config).expect("the server starts");
        let hashes: Vec<String> =
            server.console_certificates().iter().map(|h| h.iter().map(|b| format!("{b:02x}")).collect()).collect();
        let invite = |role| server.invite(DEFAULT_SESSION, role, None, Duration::from_secs(600)).to_string();
        let (instructor, observer, trainee) = (invite(Role::Instructor), invite(Role::Observer), invite(Role::Trainee));
        println!("ready {} {} {instructor} {observer} {trainee}", server.local_addr(), hashes.join(","));
        std::io::stdout().flush().expect("stdout");
        std::future::pending::<()>().await;
    });
}

/// A server in a process of its own.
struct ServerProcess {
    process: std::process::Child,
    addr: SocketAddr,
    hashes: Vec<[u8; 32]>,
    instructor: Invite,
    observer: Invite,
    trainee: Invite,
}

impl ServerProcess {
    fn start(dir: &Path, port: u16) -> ServerProcess {
        let mut process = std::process::Command::new(std::env::current_exe().expect("this test binary"))
            .args(["class::server_process", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
            .env(CHILD_DIR, dir)
            .env(CHILD_PORT, port.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server process starts");
        let stdout = process.stdout.take().expect("piped");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                // After libtest's "test class::server_process ... " on the same line.
                if let Some((_, ready)) = line.split_once("ready ") {
                    let _ = tx.send(ready.to_owned());
                }
            }
        });
        let ready = rx.recv_timeout(WAIT * 3).expect("the server process says it is ready");
        let fields: Vec<&str> = ready.split(' ').collect();
        let hex = |h: &str| -> [u8; 32] {
            let bytes: Vec<u8> =
                (0..h.len()).step_by(2).map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap()).collect();
            bytes.try_into().expect("32 bytes")
        };
        ServerProcess {
            process,
            addr: fields[0].parse().expect("an address"),
            hashes: fields[1].split(',').map(hex).collect(),
            instructor: fields[2].parse().expect("an invite"),
            observer: fields[3].parse().expect("an invite"),
            trainee: fields[4].parse().expect("an invite"),
        }
    }

    async fn console(&self) -> Console {
        let mut console = Console::open_at(self.addr, self.hashes.clone(), &self.instructor.token, "en").await.unwrap();
        match console.next(WAIT).await.unwrap() {
            ConsoleDown::Welcome(_) => console,
            other => panic!("expected the welcome, got {other:?}"),
        }
    }

    /// `kill -9`: no drain, no flush.
    fn kill(mut self) -> u16 {
        self.process.kill().expect("killed");
        self.process.wait().expect("reaped");
        self.addr.port()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

#[tokio::test]
async fn a_kill_9_mid_class_keeps_the_roster_the_printed_codes_the_observers_door_and_an_open_debrief() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), 0);
    let mut console = server.console().await;
    let new_drill = ConsoleUp::NewDrill { scenario: "false-wall-20ft".into(), roster: Some(ROSTER.into()) };
    console.send(&new_drill).await.unwrap();
    assert_eq!(console.result(0, WAIT).await.unwrap(), Ok(()));
    let printed = sheet(&mut console).await;
    assert_eq!(names(&printed).len(), 6);
    let seq = console.command(ConsoleCommand::AdmitObservers { open: false }).await.unwrap();
    assert_eq!(console.result(seq, WAIT).await.unwrap(), Ok(()));
    let mut instructor = join(&server.instructor, "Instructor").await.unwrap();
    let muted = join(&server.trainee, "Muted").await.unwrap();
    let who = crossdock_protocol::drill::Target::One(muted.core.me());
    let mute = Intent::Instruct(Command::Mute { who, muted: true });
    assert_eq!(act(&mut instructor, mute).await, Ok(()));
    // The muted trainee interprets into Korean, the instructor listens to that channel, and the
    // trainee points: interpreting and listening are kept, pointing (a gesture) is not.
    let interpret = Command::Interpret { who: muted.core.me(), language: Some("ko".into()) };
    assert_eq!(act(&mut instructor, Intent::Instruct(interpret)).await, Ok(()));
    assert_eq!(act(&mut instructor, Intent::Listen { channel: Some("ko".into()) }).await, Ok(()));
    let mut muted = muted;
    let point = Intent::Point { hand: Some(crossdock_protocol::Hand::Right) };
    assert_eq!(act(&mut muted, point).await, Ok(()));
    let open = Intent::Instruct(Command::Debrief(DebriefCommand::Open { drill: 1 }));
    assert_eq!(act(&mut instructor, open).await, Ok(()));
    assert!(wait_for(&mut instructor, WAIT, |c| c.core.debrief.is_some()).await, "the debrief opened");

    // The moment every answer above arrived, its change was on disk: kill it now.
    let port = server.kill();
    drop((console, instructor, muted));
    let server = ServerProcess::start(dir.path(), port);
    let addr = server.addr.to_string();
    let invite = redeem(&addr, &printed.cards[2].code, None).await.expect("a printed code still admits");
    assert_eq!(
        printed.cards[2].link.parse().as_ref(),
        Ok(&invite),
        "the printed card's link is the invite the code gives"
    );
    join(&invite, "Headset").await.expect("its invite admits the learner");
    let mut console = server.console().await;
    assert_eq!(names(&*sheet(&mut console).await), names(&printed), "the roster is as the coordinator set it");
    let frame = console.frame(WAIT, |_| true).await.unwrap();
    assert!(!frame.drill.observers_open, "observers are still turned away");
    let refused = join(&server.observer, "Watcher").await.expect_err("an observer is turned away");
    assert!(refused.to_string().contains("not admitting observers"), "{refused}");
    let mut instructor = join(&server.instructor, "Instructor").await.unwrap();
    let reopened = |c: &mut Client| c.core.debrief.as_ref().is_some_and(|d| d.drill == 1);
    assert!(wait_for(&mut instructor, WAIT, reopened).await, "the debrief is open again");
    console.frame(WAIT, |f| f.drill.debrief == Some(1)).await.expect("and the console says so");
    let mut muted = join(&server.trainee, "Muted").await.unwrap();
    let me = muted.core.me();
    let still = |c: &mut Client| c.core.mirror.drill.flags.get(&me).is_some_and(|f| f.muted);
    assert!(wait_for(&mut muted, WAIT, still).await, "the muted trainee comes back muted");
    let flags = muted.core.mirror.drill.flags[&me].clone();
    assert_eq!(flags.interprets.as_deref(), Some("ko"), "and still interprets into Korean");
    assert_eq!(flags.pointing, None, "but no longer points");
    let lead = instructor.core.me();
    let listening = |c: &mut Client| c.core.mirror.drill.flags.get(&lead).is_some_and(|f| f.channel.is_some());
    assert!(wait_for(&mut instructor, WAIT, listening).await, "the instructor still listens to the Korean channel");
    assert_eq!(instructor.core.mirror.drill.flags[&lead].channel.as_deref(), Some("ko"));
}

#[tokio::test]
async fn a_learner_whose_app_restarts_rejoins_with_the_same_personal_invite_as_the_same_person() {
    let server = TestServer::start();
    let invite = server.server.invite_with(|c| {
        c.name = Some("สมชาย ใจดี".into());
        c.single_use = true;
        c.learner = Some(crossdock_server::token::LearnerClaim {
            id: "TH-001".into(),
            administration: "TH".into(),
            locale: "th".into(),
            lms_account: None,
        });
    });
    let first = join(&invite, "Headset").await.expect("the invite admits");
    let me = first.core.me();
    drop(first);
    // A new process knows no resume secret: only the invite.
    let again = join(&invite, "Headset").await.expect("the same invite admits the learner again");
    assert_eq!(again.core.me(), me, "as the same person");
    // From a second device while the first is still connected: the newer connection wins.
    let other = join(&invite, "Tablet").await.expect("and from another device");
    assert_eq!(other.core.me(), me);
    assert_eq!(crossdock_tests::closed_with(&again).await, Some(crossdock_protocol::CloseCode::Removed));
    // The report says the invite was in two places at once.
    let deadline = std::time::Instant::now() + WAIT;
    let twice = loop {
        let report = server.report();
        let row = report.trainees.iter().find(|t| t.participant == me.0).map(|t| t.second_places).unwrap_or(0);
        if row > 0 || std::time::Instant::now() > deadline {
            break (row, crossdock_server::assessment::markdown(&report, &crossdock_server::assessment::words("en")));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(twice.0, 1, "one takeover");
    assert!(twice.1.contains("Joined from a second place while still connected"), "{}", twice.1);
    // A role invite spent once stays spent: only a named learner comes back this way.
    let role = server.server.invite_with(|c| c.single_use = true);
    drop(join(&role, "One").await.expect("admits once"));
    assert!(join(&role, "Two").await.is_err(), "a spent single-use role invite is refused");
}

#[tokio::test]
async fn six_learners_behind_one_address_get_in_with_their_codes_though_one_keeps_mistyping() {
    let server = TestServer::start();
    let mut console = instructor_console(&server).await;
    let new_drill = ConsoleUp::NewDrill { scenario: "false-wall-20ft".into(), roster: Some(ROSTER.into()) };
    console.send(&new_drill).await.unwrap();
    assert_eq!(console.result(0, WAIT).await.unwrap(), Ok(()));
    let sheet = sheet(&mut console).await;
    let addr = server.server.local_addr().to_string();
    let codes: Vec<&str> = sheet.cards.iter().map(|c| c.code.as_str()).collect();
    let mistyped: Vec<String> = (1..=8)
        .map(|by| format!("{:06}", (codes[0].parse::<u32>().unwrap() + by * 7) % 1_000_000))
        .filter(|c| !codes.contains(&c.as_str()))
        .collect();
    for typo in mistyped.iter().chain(&mistyped) {
        let refused = redeem(&addr, typo, None).await.expect_err("a typo is refused");
        assert!(refused.to_string().contains("not valid"), "{refused}");
    }
    for card in &sheet.cards {
        let invite = redeem(&addr, &card.code, None).await.expect("each learner's code still admits");
        join(&invite, "Headset").await.expect("and its invite joins");
    }
}

/// `POST /room/code` on the server's page, as the room page sends the digits typed: the status
/// and the JSON answer.
fn post_code(page: SocketAddr, typed: &str) -> (u16, serde_json::Value) {
    let tls = ureq::tls::TlsConfig::builder().disable_verification(true).build();
    let agent: ureq::Agent =
        ureq::Agent::config_builder().tls_config(tls).http_status_as_error(false).build().new_agent();
    let mut answer = agent.post(format!("https://{page}/room/code")).send(typed).expect("the page answers");
    let body = answer.body_mut().with_config().limit(4096).read_to_string().expect("a short answer");
    (answer.status().as_u16(), serde_json::from_str(&body).expect("JSON"))
}

#[tokio::test]
async fn a_code_typed_on_the_room_page_gives_its_invite_once_and_the_page_words_come_in_the_readers_language() {
    let server = TestServer::start();
    let mut console = instructor_console(&server).await;
    let sheet = sheet(&mut console).await;
    let page = server.server.console_addr().expect("the page is served");
    let code = sheet.cards[0].code.clone();
    let typed = format!("{} {}", &code[..3], &code[3..]);
    let (status, answer) = tokio::task::spawn_blocking(move || post_code(page, &typed)).await.unwrap();
    assert_eq!(status, 200, "{answer}");
    let token = answer["token"].as_str().expect("the invite's token").to_owned();
    let invite = Invite { token, ..server.invite(Role::Trainee) };
    join(&invite, "Siti Aminah").await.expect("the redeemed token joins the room");

    let again = code.clone();
    let (status, answer) = tokio::task::spawn_blocking(move || post_code(page, &again)).await.unwrap();
    assert_eq!((status, answer["error"].as_str()), (404, Some("unknown")), "a code admits once: {answer}");
    let (status, answer) = tokio::task::spawn_blocking(move || post_code(page, "12a456")).await.unwrap();
    assert_eq!((status, answer["error"].as_str()), (400, Some("malformed")), "{answer}");

    let words = tokio::task::spawn_blocking(move || {
        let tls = ureq::tls::TlsConfig::builder().disable_verification(true).build();
        let agent: ureq::Agent = ureq::Agent::config_builder().tls_config(tls).build().new_agent();
        let url = format!("https://{page}/room/words?languages=ko-KR,ko,en");
        let mut answer = agent.get(url).call().expect("the words");
        answer.body_mut().with_config().limit(64 * 1024).read_to_string().expect("a short answer")
    })
    .await
    .unwrap();
    let words: serde_json::Value = serde_json::from_str(&words).unwrap();
    assert_eq!(words["language"], "ko");
    assert_eq!(words["words"]["room-enter-vr"], "VR 시작");
    assert!(words["words"]["room-code-locked"].as_str().unwrap().contains("{$minutes}"), "{words}");
    assert!(words["words"].as_object().unwrap().keys().all(|k| k.starts_with("room-")), "only the room's words");
}

#[tokio::test]
async fn people_who_left_keep_their_names_for_those_who_stay_and_those_who_come_later() {
    use crossdock_client::view::Panel;
    use crossdock_protocol::CloseCode;
    use crossdock_protocol::drill::Category;
    let server = TestServer::start();
    let mut stays = server.join(Role::Trainee, "Stays").await;
    let leaves = {
        let mut leaves = server.join(Role::Trainee, "สมชาย ใจดี").await;
        let finding = Intent::MarkFinding { place: [2000, 1000, 0], category: Category::FalseWall, evidence: vec![] };
        assert_eq!(act(&mut leaves, finding).await, Ok(()));
        let who = leaves.core.me();
        leaves.close(CloseCode::Normal, "going home");
        who
    };
    assert!(wait_for(&mut stays, WAIT, |c| c.core.mirror.gone.contains_key(&leaves)).await, "the leaver is gone");
    let panel = Panel::from_core(&mut stays.core, &[]);
    assert_eq!(panel.findings[0].signers, ["สมชาย ใจดี"], "their finding keeps their name");
    let row = panel.people.iter().find(|p| p.id == leaves).expect("a row for them, marked as gone");
    assert!(row.gone && row.name == "สมชาย ใจดี");

    let mut late = server.join(Role::Observer, "Late").await;
    let panel = Panel::from_core(&mut late.core, &[]);
    assert_eq!(panel.findings[0].signers, ["สมชาย ใจดี"], "someone who comes later reads the name too");
    let mut console = instructor_console(&server).await;
    let frame = console.frame(WAIT, |f| f.people.iter().any(|p| p.id == leaves.0)).await.unwrap();
    let tile = frame.people.iter().find(|p| p.id == leaves.0).unwrap();
    assert!(tile.left && !tile.connected && tile.name == "สมชาย ใจดี", "the console keeps their tile: {tile:?}");
    drop(late);
}

#[tokio::test]
async fn a_debrief_passes_to_another_instructor_when_its_opener_leaves_and_closes_when_none_is_left() {
    use crossdock_protocol::CloseCode;
    let server = TestServer::start();
    let opener = server.join(Role::Instructor, "Opener").await;
    let mut other = server.join(Role::Instructor, "Other").await;
    let mut t = server.join(Role::Trainee, "김민준").await;
    let mut opener = opener;
    let open = Intent::Instruct(Command::Debrief(DebriefCommand::Open { drill: 0 }));
    assert_eq!(act(&mut opener, open).await, Ok(()));
    assert!(wait_for(&mut t, WAIT, |c| c.core.debrief.is_some() && c.core.mirror.drill.state.paused).await);
    opener.close(CloseCode::Normal, "going home");
    // Another instructor is here: it is theirs now, still open.
    let step = Intent::Instruct(Command::Debrief(DebriefCommand::Step { forward: true }));
    assert_eq!(act(&mut other, step).await, Ok(()), "the debrief is still open to drive");
    assert!(t.core.debrief.is_some());
    other.close(CloseCode::Normal, "going home");
    let back = |c: &mut Client| c.core.debrief.is_none() && !c.core.mirror.drill.state.paused;
    assert!(wait_for(&mut t, WAIT, back).await, "no instructor left: it closes and the drill runs again");
}

#[tokio::test]
async fn a_role_invite_rejoining_under_the_same_name_is_the_same_person() {
    use crossdock_protocol::CloseCode;
    let server = TestServer::start();
    let first = server.join(Role::Trainee, "Desktop").await;
    let me = first.core.me();
    first.close(CloseCode::Normal, "app restarted");
    let again = server.join(Role::Trainee, "Desktop").await;
    assert_eq!(again.core.me(), me, "the same name and administration back is the same row");
    let other = server.join(Role::Trainee, "Desktop").await;
    assert_ne!(other.core.me(), me, "two people of the same name at once stay two");
}

#[tokio::test]
async fn the_class_roster_names_an_interpreter_who_joins_on_their_channel() {
    let server = TestServer::start();
    let mut console = instructor_console(&server).await;
    let roster = "learner_id,display_name,administration,locale,interprets\n\
                  KR-002,김민준,KR,ko,\n\
                  KR-INT,이수진,KR,ko,ko\n";
    let new_drill = ConsoleUp::NewDrill { scenario: "false-wall-20ft".into(), roster: Some(roster.into()) };
    console.send(&new_drill).await.unwrap();
    assert_eq!(console.result(0, WAIT).await.unwrap(), Ok(()));
    let learner = server.personal_invite(Role::Observer, "KR-INT", "이수진", "KR", "ko");
    let interpreter = join(&learner, "이수진").await.expect("the interpreter joins");
    let me = interpreter.core.me();
    let flags = interpreter.core.mirror.drill.flags.get(&me).cloned().unwrap_or_default();
    assert_eq!(flags.interprets.as_deref(), Some("ko"), "an interpreter from the first moment, by the roster");
    assert!(!flags.muted, "and heard on their channel, though an observer");
    let trainee = server.personal_invite(Role::Trainee, "KR-002", "김민준", "KR", "ko");
    let learner = join(&trainee, "김민준").await.expect("the trainee joins");
    let flags = learner.core.mirror.drill.flags.get(&learner.core.me()).cloned().unwrap_or_default();
    assert_eq!(flags.interprets, None, "an empty cell names no interpreter");
}

#[tokio::test]
async fn a_class_follows_a_curriculum_its_learners_see_where_they_stand_and_the_console_starts_their_next_drill() {
    let server = TestServer::start();
    let mut console = instructor_console(&server).await;
    let new_drill = ConsoleUp::NewDrill { scenario: "false-wall-20ft".into(), roster: Some(ROSTER.into()) };
    console.send(&new_drill).await.unwrap();
    assert_eq!(console.result(0, WAIT).await.unwrap(), Ok(()));
    let class = |down: ConsoleDown| match down {
        ConsoleDown::Class(class) => Some(class),
        _ => None,
    };

    // No curriculum yet: the class tab offers the library's and lists nobody.
    console.send(&ConsoleUp::Class).await.unwrap();
    let before = console.until(WAIT, class).await.unwrap();
    assert_eq!(before.following, None);
    assert!(before.curricula.iter().any(|(name, _)| name == "container-examination"));
    assert!(before.learners.is_empty() && before.next.is_none());
    // A name that is not in the library is refused, naming those there are; nothing changes.
    console.send(&ConsoleUp::Follow { curriculum: Some("../../etc/passwd".into()) }).await.unwrap();
    let problem = console
        .until(WAIT, |d| match d {
            ConsoleDown::Problem { message } => Some(message),
            _ => None,
        })
        .await
        .unwrap();
    assert!(problem.contains("container-examination"), "{problem}");

    // The class follows the library's curriculum: every learner of the roster is at the basic
    // level, and the console offers the drill they need next.
    console.send(&ConsoleUp::Follow { curriculum: Some("container-examination".into()) }).await.unwrap();
    let following = console.until(WAIT, class).await.unwrap();
    assert_eq!(following.following.as_deref(), Some("container-examination"));
    assert_eq!(following.learners.len(), 6);
    assert_eq!(following.learners[0].name, "สมชาย ใจดี", "names in their own script");
    assert!(following.learners.iter().all(|l| l.level.starts_with("Basic")), "{following:#?}");
    let basic = crossdock_server::curriculum::Curriculum::load("container-examination").unwrap().levels[0].clone();
    let next = following.next.clone().expect("a next drill");
    assert!(basic.trained.contains(&next), "{next}");

    // A learner of the roster asks where they stand: in Thai, level by level.
    let invite = server.personal_invite(Role::Trainee, "TH-001", "สมชาย ใจดี", "TH", "th");
    let mut learner = join(&invite, "สมชาย ใจดี").await.unwrap();
    learner.send_msg(&crossdock_protocol::ClientMsg::QueryStanding).await.unwrap();
    assert!(wait_for(&mut learner, WAIT, |c| c.core.standing.is_some()).await, "the standing comes");
    let standing = learner.core.standing.clone().unwrap();
    assert_eq!(standing.curriculum, "Container examination");
    assert_eq!(standing.levels.len(), 3);
    assert_eq!(standing.levels[0].status, crossdock_protocol::messages::LevelStatus::Open);
    assert_eq!(standing.levels[0].status_text, "เปิด: กำลังฝึก");
    assert!(standing.levels[0].lines.iter().any(|l| l.contains(&next)), "{standing:#?}");
    assert_eq!(standing.levels[2].status, crossdock_protocol::messages::LevelStatus::Locked);

    // The learners' record is the instructor's: an observer's console is not told it.
    let mut observer = Console::open(&server.server, &server.invite(Role::Observer).token, "en").await.unwrap();
    observer.send(&ConsoleUp::Class).await.unwrap();
    let refused = observer
        .until(WAIT, |d| match d {
            ConsoleDown::Problem { message } => Some(message),
            ConsoleDown::Class(_) => Some("told the class".into()),
            _ => None,
        })
        .await
        .unwrap();
    assert!(refused != "told the class", "an observer reads no standing");

    // "Start the next drill": the room switches to it.
    console.send(&ConsoleUp::NewDrill { scenario: next.clone(), roster: None }).await.unwrap();
    assert_eq!(console.result(0, WAIT).await.unwrap(), Ok(()));
    assert!(wait_for(&mut learner, WAIT, |c| c.core.mirror.drill.state.scenario == next).await);
}
