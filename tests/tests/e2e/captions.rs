//! Live captions through a stand-in speech worker (`captions-double`, the local protocol
//! without a model): they reach whom the speaker's voice reaches (nobody from the muted; a
//! channel's listeners only from its interpreter), partial then final, in the speaker's
//! language; the finals go into the log, the report's transcript and the debrief's timeline.
//! Without a worker, or with one that cannot start, the server runs as before and says
//! captions are off.

use crossdock_client::{Client, Details};
use crossdock_protocol::Role;
use crossdock_protocol::caption::Caption;
use crossdock_protocol::debrief::{DebriefCommand, MarkerKind};
use crossdock_protocol::drill::{Command, Target};
use crossdock_protocol::{Intent, ParticipantId};
use crossdock_server::records::Record;
use crossdock_tests::*;

use crate::voice::speak;

fn worker() -> String {
    env!("CARGO_BIN_EXE_captions-double").to_owned()
}

/// The captions `client` holds from `speaker`, as they stand.
fn captions(client: &Client, speaker: ParticipantId) -> Vec<Caption> {
    client.core.mirror.drill.captions.iter().map(|l| l.caption.clone()).filter(|c| c.by == speaker).collect()
}

/// Waits until `client` holds `speaker`'s final caption `text`.
async fn reads(client: &mut Client, speaker: ParticipantId, text: &str) -> bool {
    wait_for(client, WAIT, |c| captions(c, speaker).iter().any(|k| k.last && k.text == text)).await
}

async fn speaking(server: &TestServer, role: Role, name: &str, locale: &str) -> Client {
    let details = Details { display_name: name.into(), administration: "KR".into(), locale: locale.into() };
    Client::connect(&server.invite(role), &details).await.expect("joins")
}

#[tokio::test]
async fn captions_reach_whom_the_voice_reaches_and_go_into_the_log_the_report_and_the_debrief() {
    let server = TestServer::start_with(|c| c.captions_worker = Some(worker()));
    let mut instructor = server.join(Role::Instructor, "Instructor").await;
    let mut thai = server.join(Role::Trainee, "สมชาย").await;
    let mut korean = speaking(&server, Role::Trainee, "김민준", "ko").await;
    let mut interpreter = speaking(&server, Role::Observer, "이수진", "ko").await;
    assert!(thai.core.welcome.captions, "everyone is told captions are on offer");
    let (ii, ti, ki, xi) = (instructor.core.me(), thai.core.me(), korean.core.me(), interpreter.core.me());
    assert!(wait_for(&mut thai, WAIT, |c| c.core.mirror.people().len() == 4).await);

    // The Korean trainee speaks: everyone reads it, partial then final, the speaker too.
    speak(&mut korean, 0, 25, false);
    assert!(reads(&mut thai, ki, "heard 25 frames in ko").await, "the final caption, in the speaker's language");
    assert!(reads(&mut korean, ki, "heard 25 frames in ko").await, "the speaker reads their own");
    assert!(reads(&mut instructor, ki, "heard 25 frames in ko").await);
    assert_eq!(captions(&thai, ki).len(), 1, "the partials of the segment were replaced by its final text");

    // Muted, a speaker's voice reaches no one: neither do captions of it.
    let mute = Intent::Instruct(Command::Mute { who: Target::One(ki), muted: true });
    assert_eq!(act(&mut instructor, mute).await, Ok(()));
    speak(&mut korean, 25, 25, false);
    speak(&mut thai, 0, 25, false);
    assert!(reads(&mut instructor, ti, "heard 25 frames in th").await, "a later speaker's caption arrives...");
    assert_eq!(captions(&instructor, ki).len(), 1, "...and nothing more from the muted one");

    // An interpreter's captions reach their channel's listeners only.
    for command in [
        Command::Mute { who: Target::One(xi), muted: false },
        Command::Interpret { who: xi, language: Some("ko".into()) },
    ] {
        assert_eq!(act(&mut instructor, Intent::Instruct(command)).await, Ok(()));
    }
    let unmute = Intent::Instruct(Command::Mute { who: Target::One(ki), muted: false });
    assert_eq!(act(&mut instructor, unmute).await, Ok(()));
    assert_eq!(act(&mut korean, Intent::Listen { channel: Some("ko".into()) }).await, Ok(()));
    assert!(wait_for(&mut interpreter, WAIT, |c| c.core.mirror.drill.flags.get(&xi).is_some_and(|f| !f.muted)).await);
    speak(&mut interpreter, 0, 25, false);
    assert!(reads(&mut korean, xi, "heard 25 frames in ko").await, "the Korean channel reads the interpreter");
    speak(&mut instructor, 0, 25, false);
    assert!(reads(&mut thai, ii, "heard 25 frames in th").await);
    assert!(captions(&thai, xi).is_empty(), "the floor does not read the channel");

    // The finals are journaled with their channel; the report's transcript lists them.
    let finals = |s: &TestServer| {
        s.records().into_iter().filter_map(|r| match r.entry.record {
            Record::Caption { participant, text, channel, .. } => Some((participant, text, channel)),
            _ => None,
        })
    };
    let deadline = std::time::Instant::now() + WAIT;
    while finals(&server).count() < 4 {
        assert!(
            std::time::Instant::now() < deadline,
            "four final captions journaled: {:?}",
            finals(&server).collect::<Vec<_>>()
        );
        wait_for(&mut thai, std::time::Duration::from_millis(50), |_| false).await;
    }
    let logged: Vec<_> = finals(&server).collect();
    assert_eq!(logged.iter().filter(|(p, _, _)| *p == ki).count(), 1, "none while muted: {logged:?}");
    assert!(logged.contains(&(xi, "heard 25 frames in ko".into(), Some("ko".into()))), "{logged:?}");
    let report = server.report();
    assert_eq!(report.transcript.len(), 4, "{:?}", report.transcript);
    assert!(report.transcript.iter().any(|l| l.by == "이수진" && l.channel.as_deref() == Some("ko")));
    assert!(report.transcript.windows(2).all(|w| w[0].at_s <= w[1].at_s), "in time order");

    // The debrief's timeline replays the floor's captions at their times (the channel's stay
    // its listeners').
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::EndDrill)).await, Ok(()));
    let open = Intent::Instruct(Command::Debrief(DebriefCommand::Open { drill: 0 }));
    assert_eq!(act(&mut instructor, open).await, Ok(()));
    assert!(wait_for(&mut thai, WAIT, |c| c.core.debrief.is_some()).await);
    let markers: Vec<_> =
        thai.core.debrief.as_ref().unwrap().markers.iter().filter(|m| m.kind == MarkerKind::Caption).cloned().collect();
    let who: Vec<_> = markers.iter().map(|m| (m.who, m.label.as_str())).collect();
    assert_eq!(
        who,
        [(Some(ki), "heard 25 frames in ko"), (Some(ti), "heard 25 frames in th"), (Some(ii), "heard 25 frames in th")],
        "the floor's captions, in order"
    );
    assert!(markers.windows(2).all(|w| w[0].at_ms < w[1].at_ms), "at increasing times: {markers:?}");
}

#[tokio::test]
async fn without_a_worker_or_with_one_that_cannot_start_voice_runs_as_before_and_captions_are_off() {
    for worker in [None, Some("/nonexistent/speech-worker --model nowhere".to_owned())] {
        let server = TestServer::start_with(|c| c.captions_worker = worker.clone());
        let mut a = server.join(Role::Trainee, "Wei").await;
        let mut b = server.join(Role::Trainee, "Arif").await;
        assert!(!b.core.welcome.captions, "{worker:?}: the clients are told there are no captions");
        speak(&mut a, 0, 25, false);
        let ai = a.core.me();
        assert!(
            wait_for(&mut b, WAIT, |c| c.voice_heard.get(&ai).is_some_and(|h| h.frames == 25)).await,
            "{worker:?}: voice is relayed as before"
        );
    }
}
