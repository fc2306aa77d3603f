//! Voice on the server: frames are relayed undecoded to everyone else, never from a muted
//! speaker; observers listen until the instructor lets them speak; only an instructor's
//! all-call stays one; who spoke when goes into the event log (the voice itself only when the
//! session records it); a malformed frame disconnects its sender and nobody else; an
//! interpreter reaches only the listeners on their channel, live and in the debrief.

use crossdock_client::Client;
use crossdock_protocol::debrief::{DebriefCommand, ghost_voice};
use crossdock_protocol::drill::{Command, Target};
use crossdock_protocol::messages::DenyReason;
use crossdock_protocol::voice::{MAX_PAYLOAD, TAG_VOICE, VoiceFrame};
use crossdock_protocol::{CloseCode, Intent, ParticipantId, Role};
use crossdock_server::metrics::VoiceLabels;
use crossdock_server::records::Record;
use crossdock_tests::*;

/// Sends `n` frames from slot `from`, each carrying its slot number in the payload.
pub(crate) fn speak(client: &mut Client, from: u16, n: u16, all_call: bool) {
    for seq in from..from + n {
        let payload = [seq.to_le_bytes().as_slice(), &[0x5a; 60]].concat();
        client.send_datagram(VoiceFrame { seq, all_call, payload }.encode());
    }
}

fn heard(client: &Client, speaker: ParticipantId) -> u64 {
    client.voice_heard.get(&speaker).map_or(0, |h| h.frames)
}

/// Waits until `client` has heard `n` frames from `speaker`.
async fn hears(client: &mut Client, speaker: ParticipantId, n: u64) -> bool {
    wait_for(client, WAIT, |c| heard(c, speaker) >= n).await
}

/// Voice frames the server has dropped as from a muted speaker.
fn muted(server: &TestServer) -> u64 {
    server.server.metrics().voice_frames.get_or_create(&VoiceLabels { outcome: "muted" }).get()
}

/// Waits (pumping `client` meanwhile) until the server has dropped `total` muted frames.
async fn dropped(server: &TestServer, total: u64, client: &mut Client) -> bool {
    let deadline = std::time::Instant::now() + WAIT;
    while muted(server) < total {
        if std::time::Instant::now() >= deadline {
            return false;
        }
        wait_for(client, std::time::Duration::from_millis(20), |_| false).await;
    }
    true
}

#[tokio::test]
async fn frames_reach_everyone_else_and_never_from_the_muted() {
    let server = TestServer::start();
    let mut instructor = server.join(Role::Instructor, "Instructor").await;
    let mut a = server.join(Role::Trainee, "Somchai").await;
    let mut b = server.join(Role::Trainee, "Ji-woo").await;
    let mut watcher = server.join(Role::Observer, "Evaluator").await;
    let (ai, bi) = (a.core.me(), b.core.me());
    // The routes are published by the tick that admits the last joiner, the same tick that tells
    // the others about them: once A knows the watcher, the watcher is routed.
    assert!(wait_for(&mut a, WAIT, |c| c.core.mirror.people().len() == 4).await, "A sees the whole class");

    speak(&mut a, 0, 20, false);
    for listener in [&mut b, &mut instructor, &mut watcher] {
        assert!(hears(listener, ai, 20).await, "every other participant, observers too, hears all 20 frames");
        assert_eq!(listener.voice_heard[&ai].bytes, 20 * (6 + 62), "relayed as sent: header and payload");
    }
    // B's frame is relayed after A's: once A hears it, A would have heard itself already.
    speak(&mut b, 0, 1, false);
    assert!(hears(&mut a, bi, 1).await);
    assert_eq!(heard(&a, ai), 0, "nobody hears themselves");

    // The instructor mutes A: A's frames reach nobody.
    let mute = Intent::Instruct(Command::Mute { who: Target::One(ai), muted: true });
    assert_eq!(act(&mut instructor, mute).await, Ok(()));
    assert!(wait_for(&mut a, WAIT, |c| c.core.mirror.drill.flags.get(&ai).is_some_and(|f| f.muted)).await);
    let before = muted(&server);
    speak(&mut a, 100, 50, false);
    assert!(dropped(&server, before + 50, &mut b).await, "the server received and dropped the muted frames");
    speak(&mut b, 1, 1, false);
    for listener in [&mut instructor, &mut watcher] {
        assert!(hears(listener, bi, 2).await, "a later frame from B arrives...");
        assert_eq!(heard(listener, ai), 20, "...and not one muted frame of A's did: byte count unchanged");
        assert_eq!(listener.voice_heard[&ai].bytes, 20 * 68);
    }

    // With self-unmute locked, A cannot unmute; unlocked, A can and is heard again.
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::LockSelfUnmute { locked: true })).await, Ok(()));
    assert_eq!(act(&mut a, Intent::SetMuted { muted: false }).await, Err(DenyReason::UnmuteLocked));
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::LockSelfUnmute { locked: false })).await, Ok(()));
    assert_eq!(act(&mut a, Intent::SetMuted { muted: false }).await, Ok(()));
    speak(&mut a, 200, 5, false);
    assert!(hears(&mut b, ai, 25).await, "unmuted, A is heard again");

    // Mute all trainees, then unmute them all.
    let all = |muted| Intent::Instruct(Command::Mute { who: Target::AllTrainees, muted });
    assert_eq!(act(&mut instructor, all(true)).await, Ok(()));
    let before = muted(&server);
    speak(&mut a, 300, 3, false);
    speak(&mut b, 300, 3, false);
    assert!(dropped(&server, before + 6, &mut watcher).await, "both trainees' frames were dropped");
    speak(&mut instructor, 0, 1, false);
    assert!(hears(&mut watcher, instructor.core.me(), 1).await);
    assert_eq!((heard(&watcher, ai), heard(&watcher, bi)), (25, 2), "all trainees muted: nothing from either");
}

#[tokio::test]
async fn observers_listen_until_allowed_and_only_instructors_all_call() {
    let server = TestServer::start();
    let mut instructor = server.join(Role::Instructor, "Instructor").await;
    let mut trainee = server.join(Role::Trainee, "Linh").await;
    let mut watcher = server.join(Role::Observer, "Recruit").await;
    let (ii, ti, wi) = (instructor.core.me(), trainee.core.me(), watcher.core.me());
    assert!(watcher.core.mirror.drill.flags.get(&wi).is_some_and(|f| f.muted), "observers join muted");
    assert_eq!(act(&mut watcher, Intent::SetMuted { muted: false }).await, Err(DenyReason::UnmuteLocked));

    speak(&mut watcher, 0, 10, false);
    speak(&mut instructor, 0, 1, false);
    assert!(hears(&mut trainee, ii, 1).await);
    assert_eq!(heard(&trainee, wi), 0, "an observer is not heard before the instructor allows it");

    let allow = Intent::Instruct(Command::Mute { who: Target::One(wi), muted: false });
    assert_eq!(act(&mut instructor, allow).await, Ok(()));
    speak(&mut watcher, 10, 10, false);
    assert!(hears(&mut trainee, wi, 10).await, "allowed, the observer is heard");

    speak(&mut trainee, 0, 5, true);
    speak(&mut instructor, 1, 5, true);
    assert!(hears(&mut watcher, ti, 5).await && hears(&mut watcher, ii, 6).await);
    assert_eq!(watcher.voice_heard[&ti].all_call, 0, "a trainee's all-call flag is cleared");
    assert_eq!(watcher.voice_heard[&ii].all_call, 5, "the instructor's all-call stands");
}

#[tokio::test]
async fn who_spoke_when_is_logged_and_the_voice_only_when_recorded() {
    for record_voice in [false, true] {
        let server = TestServer::start_with(|c| c.record_voice = record_voice);
        let mut a = server.join(Role::Trainee, "Wei").await;
        let mut b = server.join(Role::Trainee, "Arif").await;
        assert_eq!(a.core.welcome.voice_recorded, record_voice, "everyone is told whether voice is recorded");
        let ai = a.core.me();
        speak(&mut a, 0, 30, false);
        assert!(hears(&mut b, ai, 30).await);
        // The spurt ends after 400 ms of silence (or when A leaves): wait for its record.
        let spoke = |s: &TestServer| {
            s.records().into_iter().find_map(|r| match r.entry.record {
                Record::Spoke { participant, frames, ticks, all_call, .. } if participant == ai => {
                    Some((frames, ticks, all_call))
                }
                _ => None,
            })
        };
        let deadline = std::time::Instant::now() + WAIT;
        let found = loop {
            if let Some(found) = spoke(&server) {
                break found;
            }
            assert!(std::time::Instant::now() < deadline, "the spurt is logged");
            wait_for(&mut b, std::time::Duration::from_millis(50), |_| false).await;
        };
        assert_eq!(found.0, 30, "thirty frames in one spurt");
        assert!(!found.2);
        let (drill, records) = server.drill_records();
        let report = crossdock_server::assessment::report(crossdock_server::DEFAULT_SESSION, drill, &records)
            .expect("the report");
        let wei = report.trainees.iter().find(|t| t.participant == ai.0).expect("Wei is reported");
        assert_eq!((wei.spurts, wei.spoke_s), (1, 0.6), "the report says how long each trainee spoke");
        let kept = server.records().iter().filter(|r| matches!(r.entry.record, Record::Voice { .. })).count();
        assert_eq!(kept, if record_voice { 30 } else { 0 }, "the frames themselves only when recording");
    }
}

#[tokio::test]
async fn a_malformed_voice_frame_disconnects_its_sender_and_nobody_else() {
    let server = TestServer::start();
    let mut a = server.join(Role::Trainee, "Nguyen").await;
    let mut b = server.join(Role::Trainee, "Budi").await;
    let mut big = vec![TAG_VOICE, 0, 0, 0];
    big.resize(4 + MAX_PAYLOAD + 1, 1);
    for bad in [vec![TAG_VOICE, 1, 0, 0x80, 1], vec![TAG_VOICE, 1], big] {
        let mut bad_client = server.join(Role::Trainee, "Mallory").await;
        bad_client.send_datagram(bad);
        assert_eq!(closed_with(&bad_client).await, Some(CloseCode::ProtocolViolation));
    }
    speak(&mut a, 0, 3, false);
    assert!(hears(&mut b, a.core.me(), 3).await, "the others carry on");
}

/// The channel `client` listens to, as the server last told it.
fn channel_of(client: &Client, who: ParticipantId) -> Option<String> {
    client.core.mirror.drill.flags.get(&who).and_then(|f| f.channel.clone())
}

#[tokio::test]
async fn an_interpreter_reaches_only_their_channel_and_the_debrief_replays_each_channel_to_its_listeners() {
    let server = TestServer::start_with(|c| c.record_voice = true);
    let mut instructor = server.join(Role::Instructor, "Instructor").await;
    let mut korean = server.join(Role::Trainee, "김민준").await;
    let mut thai = server.join(Role::Trainee, "สมชาย").await;
    let mut interpreter = server.join(Role::Observer, "통역사").await;
    let (ii, ki, xi) = (instructor.core.me(), korean.core.me(), interpreter.core.me());
    let interpret = |language: Option<&str>| {
        Intent::Instruct(Command::Interpret { who: xi, language: language.map(str::to_owned) })
    };

    // Only an instructor names an interpreter, into a language tag; a listener picks a channel.
    assert_eq!(act(&mut korean, interpret(Some("ko"))).await, Err(DenyReason::RoleForbids));
    assert_eq!(act(&mut instructor, interpret(Some("ko kr"))).await, Err(DenyReason::Invalid));
    assert_eq!(act(&mut instructor, interpret(Some("ko"))).await, Ok(()));
    assert_eq!(act(&mut instructor, interpret(Some("ko"))).await, Err(DenyReason::NoChange));
    let unmute = Intent::Instruct(Command::Mute { who: Target::One(xi), muted: false });
    assert_eq!(act(&mut instructor, unmute).await, Ok(()));
    let listen = |channel: Option<&str>| Intent::Listen { channel: channel.map(str::to_owned) };
    assert_eq!(act(&mut korean, listen(Some("<b>"))).await, Err(DenyReason::Invalid));
    assert_eq!(act(&mut korean, listen(Some("ko"))).await, Ok(()));
    assert_eq!(act(&mut korean, listen(Some("ko"))).await, Err(DenyReason::NoChange));
    assert!(
        wait_for(&mut thai, WAIT, |c| {
            channel_of(c, ki).as_deref() == Some("ko")
                && c.core.mirror.drill.flags.get(&xi).is_some_and(|f| f.interprets.as_deref() == Some("ko") && !f.muted)
        })
        .await,
        "everyone sees who interprets and who listens to what"
    );

    // The interpreter reaches the Korean channel only, marked as interpretation; the floor
    // (the instructor) reaches everyone, the interpreter included, unmarked.
    speak(&mut interpreter, 0, 20, false);
    assert!(hears(&mut korean, xi, 20).await, "the Korean listener hears all 20 frames");
    assert_eq!(korean.voice_heard[&xi].interpretation, 20, "as interpretation");
    speak(&mut instructor, 0, 10, false);
    for listener in [&mut thai, &mut korean, &mut interpreter] {
        assert!(hears(listener, ii, 10).await, "the floor reaches every listener");
        assert_eq!(listener.voice_heard[&ii].interpretation, 0);
    }
    assert_eq!(heard(&thai, xi), 0, "the Thai listener on the floor received none of the interpreter's frames");
    assert_eq!(heard(&instructor, xi), 0, "nor did the instructor");

    // Back on the floor, the Korean listener no longer receives the channel.
    assert_eq!(act(&mut korean, listen(None)).await, Ok(()));
    speak(&mut interpreter, 20, 5, false);
    speak(&mut instructor, 10, 1, false);
    assert!(hears(&mut korean, ii, 11).await);
    assert_eq!(heard(&korean, xi), 20, "off the channel, nothing more from the interpreter");
    assert_eq!(act(&mut korean, listen(Some("ko"))).await, Ok(()));

    // Recorded with its channel, and replayed in the debrief to that channel's listeners only.
    let deadline = std::time::Instant::now() + WAIT;
    let interpreted = |s: &TestServer| {
        s.records()
            .iter()
            .filter(|r| matches!(&r.entry.record, Record::Interpreted { language, .. } if language == "ko"))
            .count()
    };
    while interpreted(&server) < 25 {
        assert!(std::time::Instant::now() < deadline, "the interpreter's frames are recorded with their channel");
        wait_for(&mut korean, std::time::Duration::from_millis(50), |_| false).await;
    }
    assert_eq!(act(&mut instructor, Intent::Instruct(Command::EndDrill)).await, Ok(()));
    let debrief = |c| Intent::Instruct(Command::Debrief(c));
    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Open { drill: 0 })).await, Ok(()));
    assert!(wait_for(&mut korean, WAIT, |c| c.core.debrief.is_some()).await);
    assert_eq!(act(&mut instructor, debrief(DebriefCommand::Play)).await, Ok(()));
    let (ghost_interpreter, ghost_floor) = (ghost_voice(xi), ghost_voice(ii));
    // The replay runs at the drill's own pace: the frames come as the drill reaches them, so
    // a drill slowed by a loaded machine takes as long to replay.
    let length = korean.core.debrief.as_ref().map_or(0, |d| d.length_ms);
    let through = WAIT + std::time::Duration::from_millis(u64::from(length));
    assert!(
        wait_for(&mut korean, through, |c| heard(c, ghost_interpreter) >= 25 && heard(c, ghost_floor) >= 11).await,
        "the replay of a {length} ms drill brings every frame"
    );
    assert_eq!(korean.voice_heard[&ghost_interpreter].interpretation, 25, "replayed as interpretation");
    assert!(hears(&mut thai, ghost_floor, 11).await, "the floor replays to the Thai listener");
    assert_eq!(heard(&thai, ghost_interpreter), 0, "the channel does not");
}
