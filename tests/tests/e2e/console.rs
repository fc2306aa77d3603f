//! The browser console over WebTransport on the server's own port: watching the room, steering
//! it with an instructor's token (and not with an observer's), refusing headsets' invites, the
//! invites sheet and its short join codes.

use crossdock_client::code::redeem;
use crossdock_protocol::console::{ConsoleCommand, ConsoleDown, ConsoleUp, Who};
use crossdock_protocol::{ClientMsg, Role};
use crossdock_tests::console::Console;
use crossdock_tests::{TestServer, WAIT, avatar, join, place, wait_for};
use glam::Vec3;

fn token(server: &TestServer, role: Role) -> String {
    server.invite(role).token
}

async fn welcomed(console: &mut Console) -> Box<crossdock_protocol::console::Welcome> {
    match console.next(WAIT).await.expect("an answer to the hello") {
        ConsoleDown::Welcome(w) => w,
        other => panic!("expected the welcome, got {other:?}"),
    }
}

#[tokio::test]
async fn an_instructors_console_sees_a_trainee_move_and_its_pause_and_mute_reach_the_headset() {
    let server = TestServer::start();
    let mut trainee = server.join(Role::Trainee, "สมชาย ใจดี").await;
    let me = trainee.core.me();
    let mut console = Console::open(&server.server, &token(&server, Role::Instructor), "th-TH").await.unwrap();
    let welcome = welcomed(&mut console).await;
    assert!(welcome.steer);
    assert_eq!(welcome.language, "th");
    assert_ne!(welcome.words["steer-pause"], "Pause", "the page's words come in the reader's language");

    assert!(
        place(&mut trainee, avatar(Vec3::new(1.0, 1.6, 0.0), Vec3::new(0.8, 1.0, 0.2), Vec3::new(1.2, 1.0, 0.2))).await
    );
    let at = |f: &crossdock_protocol::console::LiveFrame| f.people.iter().find(|p| p.id == me.0).and_then(|p| p.at);
    let first = console.frame(WAIT, |f| at(f).is_some_and(|a| a[0] == 1000)).await.unwrap();
    let tile = first.people.iter().find(|p| p.id == me.0).unwrap();
    assert_eq!((tile.name.as_str(), tile.role.as_str()), ("สมชาย ใจดี", "trainee"));
    assert!(
        place(&mut trainee, avatar(Vec3::new(3.0, 1.6, 0.5), Vec3::new(2.8, 1.0, 0.7), Vec3::new(3.2, 1.0, 0.7))).await
    );
    console.frame(WAIT, |f| at(f) == Some([3000, 1600, 500])).await.expect("the console sees the trainee move");

    let seq = console.command(ConsoleCommand::Pause).await.unwrap();
    assert_eq!(console.result(seq, WAIT).await.unwrap(), Ok(()));
    assert!(wait_for(&mut trainee, WAIT, |c| c.core.mirror.drill.state.paused).await, "the headset sees the pause");
    console.frame(WAIT, |f| f.drill.paused).await.unwrap();

    let seq = console.command(ConsoleCommand::Mute { who: Who::One(me.0), muted: true }).await.unwrap();
    assert_eq!(console.result(seq, WAIT).await.unwrap(), Ok(()));
    assert!(
        wait_for(&mut trainee, WAIT, |c| c.core.mirror.drill.flags.get(&me).is_some_and(|f| f.muted)).await,
        "the headset hears it is muted"
    );
    // The log says who paused: the console, under its own id.
    let (_, records) = server.drill_records();
    let text: Vec<String> = records.iter().map(|r| format!("{r:?}")).collect();
    assert!(text.iter().any(|r| r.contains("Joined") && r.contains("role: Instructor")), "{text:?}");
    assert!(text.iter().any(|r| r.contains("Applied") && r.contains("Pause")));
}

#[tokio::test]
async fn an_observers_console_watches_but_every_command_is_refused_with_the_reason() {
    let server = TestServer::start();
    let mut trainee = server.join(Role::Trainee, "김민준").await;
    let mut console = Console::open(&server.server, &token(&server, Role::Observer), "ko").await.unwrap();
    let welcome = welcomed(&mut console).await;
    assert!(!welcome.steer);
    console.frame(WAIT, |f| f.people.iter().any(|p| p.name == "김민준")).await.unwrap();
    for command in [ConsoleCommand::Pause, ConsoleCommand::Reveal, ConsoleCommand::AdmitObservers { open: false }] {
        let seq = console.command(command).await.unwrap();
        assert_eq!(console.result(seq, WAIT).await.unwrap(), Err("deny-role-forbids".to_owned()));
    }
    console.send(&ConsoleUp::Invites).await.unwrap();
    let problem = console
        .until(WAIT, |m| if let ConsoleDown::Problem { message } = m { Some(message) } else { None })
        .await
        .unwrap();
    assert_eq!(problem, welcome.words["deny-role-forbids"]);
    let frame = console.frame(WAIT, |_| true).await.unwrap();
    assert!(!frame.drill.paused && frame.drill.observers_open && !frame.drill.revealed);
    // The headset's world did not change either.
    trainee.send_msg(&ClientMsg::Ping { nonce: 1, client_time_us: 0 }).await.unwrap();
    assert!(!trainee.core.mirror.drill.state.paused);
}

#[tokio::test]
async fn headset_invites_and_damaged_tokens_do_not_open_the_console() {
    let server = TestServer::start();
    let personal = server.personal_invite(Role::Observer, "obs-1", "Observer", "TH", "th");
    let cases = [
        (token(&server, Role::Trainee), "WrongRole"),
        (
            server
                .server
                .invite_with(|c| {
                    c.role = Role::Observer;
                    c.single_use = true;
                })
                .token,
            "WrongRole",
        ),
        (personal.token.replace('A', "B"), "BadToken"),
        ("not a token".to_owned(), "BadToken"),
    ];
    for (token, code) in cases {
        let mut console = Console::open(&server.server, &token, "en").await.unwrap();
        match console.next(WAIT).await.unwrap() {
            ConsoleDown::Refused { code: c, message } => {
                assert_eq!(c, code, "{message}");
                assert!(!message.is_empty());
            }
            other => panic!("a console with {token} was let in: {other:?}"),
        }
    }
}

#[tokio::test]
async fn observers_can_be_turned_away_and_let_in_again_from_the_console() {
    let server = TestServer::start();
    let mut console = Console::open(&server.server, &token(&server, Role::Instructor), "en").await.unwrap();
    welcomed(&mut console).await;
    let seq = console.command(ConsoleCommand::AdmitObservers { open: false }).await.unwrap();
    assert_eq!(console.result(seq, WAIT).await.unwrap(), Ok(()));
    let refused = join(&server.invite(Role::Observer), "Watcher").await.expect_err("an observer is turned away");
    assert!(refused.to_string().contains("not admitting observers"), "{refused}");
    let seq = console.command(ConsoleCommand::AdmitObservers { open: true }).await.unwrap();
    assert_eq!(console.result(seq, WAIT).await.unwrap(), Ok(()));
    join(&server.invite(Role::Observer), "Watcher").await.expect("observers are let in again");
}

#[tokio::test]
async fn the_invites_sheet_gives_each_learner_a_code_that_admits_one_headset_once() {
    let server = TestServer::start();
    let mut console = Console::open(&server.server, &token(&server, Role::Instructor), "en").await.unwrap();
    welcomed(&mut console).await;
    let roster = "learner_id,display_name,administration,locale\nTH-001,สมชาย ใจดี,TH,th\nKR-002,<img src=x onerror=alert(1)>,KR,ko\n";
    let new_drill = ConsoleUp::NewDrill { scenario: "false-wall-20ft".into(), roster: Some(roster.into()) };
    console.send(&new_drill).await.unwrap();
    assert_eq!(console.result(0, WAIT).await.unwrap(), Ok(()));
    console.send(&ConsoleUp::Invites).await.unwrap();
    let sheet = console.until(WAIT, |m| if let ConsoleDown::Invites(s) = m { Some(s) } else { None }).await.unwrap();
    let names: Vec<_> = sheet.cards.iter().map(|c| c.name.clone().unwrap()).collect();
    assert_eq!(names, ["สมชาย ใจดี", "<img src=x onerror=alert(1)>"]);
    let card = &sheet.cards[0];
    assert_eq!(card.code.len(), 6);
    assert_eq!(card.qr.len() as u32, card.qr_size * card.qr_size);

    let addr = server.server.local_addr().to_string();
    let invite = redeem(&addr, &card.code, None).await.expect("the code gives the learner's invite");
    assert!(
        card.link.starts_with("https://") && card.link.contains("/room#token="),
        "the card opens the browser room: {}",
        card.link
    );
    assert_eq!(
        card.link.parse::<crossdock_protocol::invite::Invite>().as_ref(),
        Ok(&invite),
        "natives read the same link"
    );
    let mut client = join(&invite, "Headset").await.expect("the invite admits");
    let me = client.core.me();
    let name = client.core.mirror.people().into_iter().find(|p| p.id == me).map(|p| p.display_name);
    assert_eq!(name.as_deref(), Some("สมชาย ใจดี"), "the personal invite names the learner");
    let again = redeem(&addr, &card.code, None).await.expect_err("a code admits once");
    assert!(again.to_string().contains("not valid"), "{again}");

    // A malformed request gets the plain reason; a bad roster is refused with its line.
    let bad = ConsoleUp::NewDrill { scenario: "false-wall-20ft".into(), roster: Some("learner_id\n,\n".into()) };
    console.send(&bad).await.unwrap();
    let problem = console
        .until(WAIT, |m| if let ConsoleDown::Problem { message } = m { Some(message) } else { None })
        .await
        .unwrap();
    assert!(problem.starts_with("The roster cannot be used"), "{problem}");
    assert!(redeem(&addr, "12a", None).await.unwrap_err().to_string().contains("six digits"));
}

#[tokio::test]
async fn a_roster_too_large_to_take_is_refused_with_its_size_and_the_console_carries_on() {
    let server = TestServer::start();
    let mut console = Console::open(&server.server, &token(&server, Role::Instructor), "en").await.unwrap();
    welcomed(&mut console).await;
    let mut roster = "learner_id,display_name,administration,locale\n".to_owned();
    for i in 0..12_000 {
        roster.push_str(&format!("TH-{i:05},สมชาย ใจดี {i},TH,th\n"));
    }
    assert!(roster.len() > crossdock_protocol::console::MAX_UP, "{} bytes", roster.len());
    let new_drill = ConsoleUp::NewDrill { scenario: "false-wall-20ft".into(), roster: Some(roster) };
    console.send(&new_drill).await.unwrap();
    let problem = console
        .until(WAIT, |m| if let ConsoleDown::Problem { message } = m { Some(message) } else { None })
        .await
        .expect("a plain reason, not a lost connection");
    assert!(problem.contains("KiB") && problem.contains("nothing was changed"), "{problem}");
    console.send(&ConsoleUp::Drills).await.unwrap();
    let drills = console.until(WAIT, |m| if let ConsoleDown::Drills { drills } = m { Some(drills) } else { None });
    assert_eq!(drills.await.unwrap().len(), 1, "the console carries on, and no drill was started");
}
