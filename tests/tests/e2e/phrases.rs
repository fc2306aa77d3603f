//! Phrases that cross languages: a trainee says "fresh welds" about a place and everyone gets it
//! by id, to read in their own language; a scenario's own phrase comes with its translations;
//! who may not speak, an unknown phrase and a place far off are refused, a freeze is not; the
//! report lists what was said, and the debrief's timeline shows it at its time, over the
//! speaker's ghost.

use std::time::Instant;

use crossdock_client::view::SceneInput;
use crossdock_i18n::{DOMAIN, Words};
use crossdock_protocol::debrief::{DebriefCommand, MarkerKind};
use crossdock_protocol::drill::{Command, Target, Tool};
use crossdock_protocol::messages::DenyReason;
use crossdock_protocol::phrase::Phrase;
use crossdock_protocol::{Intent, Role};
use crossdock_tests::*;

fn say(phrase: Phrase, at: Option<[i32; 3]>) -> Intent {
    Intent::Say { phrase, at }
}

#[tokio::test]
async fn a_phrase_said_by_one_reaches_everyone_by_id_and_reads_in_thai_korean_chinese_and_vietnamese() {
    let server = TestServer::start();
    let mut speaker = server.join(Role::Trainee, "Siti Aminah").await;
    let mut listener = server.join(Role::Trainee, "สมชาย ใจดี").await;
    let mut observer = server.join(Role::Observer, "관찰자").await;
    let welds = Phrase::Book("fresh-welds".into());
    assert_eq!(act(&mut speaker, say(welds.clone(), Some([100, 1200, 0]))).await, Ok(()));
    for c in [&mut listener, &mut observer] {
        assert!(wait_for(c, WAIT, |c| c.core.mirror.drill.said.iter().any(|s| s.phrase == welds)).await);
        let said = c.core.mirror.drill.said.back().cloned().unwrap();
        assert_eq!((said.by, said.at), (speaker.core.me(), Some([100, 1200, 0])), "who, and where it points");
    }
    // Each reader's words for the one id.
    let key = welds.key().unwrap();
    let read: Vec<String> = ["th", "ko", "zh-Hans", "vi"].iter().map(|l| Words::new(&DOMAIN, l).get(&key)).collect();
    assert_eq!(read, ["รอยเชื่อมใหม่", "새 용접 자국", "新焊缝", "Mối hàn mới"]);
    // The scene shows it over the speaker and at the spot, for a while.
    let scene = SceneInput::from_core(&mut listener.core, Instant::now());
    let shown = scene.said.iter().find(|s| s.phrase == welds).expect("in the listener's scene");
    assert!(shown.at.is_some(), "at the spot it is about");

    // A tool by name, and the scenario's own phrase with its translations.
    assert_eq!(act(&mut speaker, say(Phrase::Tool(Tool::XRay), None)).await, Ok(()));
    let own = listener.core.mirror.drill.phrases.iter().find(|p| p.id == "knock-on-the-front-wall").cloned();
    let own = own.expect("the scenario's phrases come with the world");
    assert_eq!(own.text("th"), "เคาะผนังด้านหน้า: เสียงกลวงไหม");
    assert_eq!(act(&mut speaker, say(Phrase::Scenario(own.id.clone()), None)).await, Ok(()));
    let scenario_phrase = Phrase::Scenario(own.id.clone());
    assert!(
        wait_for(&mut listener, WAIT, |c| c.core.mirror.drill.said.iter().any(|s| s.phrase == scenario_phrase)).await
    );
}

#[tokio::test]
async fn who_may_not_speak_an_unknown_phrase_and_a_far_place_are_refused_and_a_freeze_does_not_silence() {
    let server = TestServer::start();
    let mut instructor = server.join(Role::Instructor, "Instructor").await;
    let mut trainee = server.join(Role::Trainee, "Nguyễn Văn An").await;
    let mut observer = server.join(Role::Observer, "Observer").await;
    let stop = Phrase::Book("stop".into());
    assert_eq!(act(&mut observer, say(stop.clone(), None)).await, Err(DenyReason::RoleForbids), "observers watch");
    assert_eq!(act(&mut trainee, say(Phrase::Book("look-there".into()), None)).await, Err(DenyReason::Invalid));
    assert_eq!(act(&mut trainee, say(Phrase::Scenario("no-such".into()), None)).await, Err(DenyReason::Invalid));
    assert_eq!(act(&mut trainee, say(stop.clone(), Some([90_000, 0, 0]))).await, Err(DenyReason::OutOfBounds));
    let freeze = Intent::Instruct(Command::Freeze { who: Target::AllTrainees, frozen: true });
    assert_eq!(act(&mut instructor, freeze).await, Ok(()));
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::Pause)).await, Ok(()));
    assert_eq!(act(&mut trainee, say(Phrase::Book("wait".into()), None)).await, Ok(()), "frozen, paused, still heard");
}

#[tokio::test]
async fn the_report_lists_what_was_said_and_the_debrief_shows_it_at_its_time_over_the_ghost() {
    let server = TestServer::start();
    let mut instructor = server.join(Role::Instructor, "Instructor").await;
    let mut trainee = server.join(Role::Trainee, "김민준").await;
    let who = trainee.core.me();
    assert!(
        place(
            &mut trainee,
            avatar(glam::Vec3::new(2.0, 1.6, 0.0), glam::Vec3::new(2.2, 1.0, 0.2), glam::Vec3::new(2.2, 1.0, -0.2))
        )
        .await
    );
    assert_eq!(act(&mut trainee, say(Phrase::Book("fresh-welds".into()), Some([50, 1200, 0]))).await, Ok(()));
    let report = server.report();
    let line = report.said.iter().find(|l| l.phrase == "fresh-welds").expect("the report lists it");
    assert_eq!(line.by, "김민준");
    let md = crossdock_server::assessment::markdown(&report, &crossdock_server::assessment::words("ko"));
    assert!(md.contains("새 용접 자국"), "in the report's language:\n{md}");

    assert_eq!(act(&mut instructor, Intent::Instruct(Command::EndDrill)).await, Ok(()));
    let open = Intent::Instruct(Command::Debrief(DebriefCommand::Open { drill: 0 }));
    assert_eq!(act(&mut instructor, open).await, Ok(()));
    assert!(wait_for(&mut instructor, WAIT, |c| c.core.debrief.is_some()).await);
    let marker = instructor.core.debrief.as_ref().unwrap().markers.iter().find(|m| m.kind == MarkerKind::Said).cloned();
    let marker = marker.expect("a marker on the timeline");
    assert_eq!((marker.who, marker.label.as_str()), (Some(who), "fresh-welds"));
    let seek = Intent::Instruct(Command::Debrief(DebriefCommand::Seek { at_ms: marker.at_ms + 500 }));
    assert_eq!(act(&mut instructor, seek).await, Ok(()));
    let shown = |c: &mut crossdock_client::Client| {
        let scene = SceneInput::from_core(&mut c.core, Instant::now());
        scene.said.iter().any(|s| s.by == who && s.phrase == Phrase::Book("fresh-welds".into()) && s.over.is_some())
    };
    assert!(wait_for(&mut instructor, WAIT, shown).await, "over the ghost, at its time");
}
