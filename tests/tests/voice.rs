//! Voice end to end with real Opus (`--features voice`; run by `tests/voice/run.sh`): a trainee
//! speaks a recorded briefing through the impairment relay on hotel Wi-Fi, another records what
//! reaches their ears; the recording must match the source and arrive in time. Bots speak and
//! record WAV files the same way. An interpreter on the Korean channel is heard at full level by
//! a Korean listener and not at all by a Thai one on the floor, whose floor stays as it was.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossdock_client::Details;
use crossdock_client::bot::{self, BotConfig};
use crossdock_client::link::{Link, Outgoing};
use crossdock_protocol::drill::Command;
use crossdock_protocol::voice::SAMPLE_RATE;
use crossdock_protocol::{Intent, ParticipantId, Role};
use crossdock_tests::avatar;
use crossdock_tests::bench::{runtime, start_server};
use crossdock_tests::relay::{Profile, Relay};
use crossdock_voice::io::WavSource;
use crossdock_voice::{TalkMode, Voice, VoiceOptions, VoiceState, VoiceStats, quality};
use glam::Vec3;

fn briefing() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("voice/briefing.wav")
}

fn details(name: &str) -> Details {
    Details { display_name: name.into(), administration: "TH".into(), locale: "th".into() }
}

fn connect(invite: crossdock_protocol::invite::Invite, name: &str, voice: VoiceOptions) -> Link {
    let voice = Voice::start(&voice).expect("voice starts");
    Link::connect(invite, details(name), Some(voice), false).expect("joins")
}

fn stats<T>(link: &Link, f: impl FnOnce(&VoiceState) -> T) -> T {
    f(&link.voice().expect("voice runs").lock().unwrap())
}

/// Reads a WAV written by the voice thread back as mono samples.
fn mono(path: &Path) -> Vec<f32> {
    let mut reader = hound::WavReader::open(path).expect("the recording is a WAV file");
    let samples: Vec<f32> = reader.samples::<i16>().map(|s| f32::from(s.unwrap()) / 32768.0).collect();
    samples.chunks(2).map(|c| (c[0] + c[1]) / 2.0).collect()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

#[test]
fn a_briefing_crosses_hotel_wifi_intelligibly_and_in_time() {
    // The server and the relay each on their own runtime, as in the benchmarks: the relay's
    // timers must not queue behind the server's work.
    let server_rt = runtime("srv", 1);
    let relay_rt = runtime("relay", 1);
    let server = start_server(&server_rt, |_| {});
    // Another path for a look at its figures: CROSSDOCK_VOICE_PROFILE=clean|regional|harsh.
    let name = std::env::var("CROSSDOCK_VOICE_PROFILE").unwrap_or_else(|_| "hotel-wifi".into());
    let profile = Profile::by_name(&name).expect("a known profile name");
    let relay = relay_rt.block_on(Relay::impaired(server.server.local_addr(), profile.clone(), 11)).expect("relay");
    let direct = std::env::var_os("CROSSDOCK_VOICE_DIRECT").is_some();
    let via = |role| if direct { server.invite(role) } else { server.invite_via(&relay, role) };
    let dir = tempfile::tempdir().unwrap();
    let heard_path = dir.path().join("heard.wav");
    let listen = VoiceOptions { mode: TalkMode::Off, audio_out: Some(heard_path.clone()), ..VoiceOptions::default() };
    let listener = connect(via(Role::Trainee), "Listener", listen);
    let speak = VoiceOptions { audio_in: Some(briefing()), ..VoiceOptions::default() };
    let speaker = connect(via(Role::Trainee), "Speaker", speak);

    // Stand two metres apart, facing each other, while the briefing plays.
    let stand = |link: &Link, x: f32| {
        link.send(Outgoing::Pose(
            avatar(Vec3::new(x, 1.65, 0.0), Vec3::new(x, 1.0, -0.3), Vec3::new(x, 1.0, 0.3)),
            Instant::now(),
        ))
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut quiet_since: Option<Instant> = None;
    loop {
        stand(&speaker, 1.5);
        stand(&listener, 3.5);
        let done = stats(&speaker, |s| s.stats.source_done);
        let playing = stats(&listener, |s| s.last_heard.values().any(|t| t.elapsed() < Duration::from_millis(500)));
        if done && !playing {
            // Every frame in flight has played out (or been given up): the recording is complete.
            if quiet_since.get_or_insert_with(Instant::now).elapsed() > Duration::from_millis(500) {
                break;
            }
        } else {
            quiet_since = None;
        }
        assert!(Instant::now() < deadline, "the briefing finishes playing within 30 s");
        std::thread::sleep(Duration::from_millis(20));
    }
    let said = stats(&speaker, |s| s.stats.clone());
    let heard = stats(&listener, |s| s.stats.clone());
    let (speaker_id, listener_started) = (speaker.me, heard.started.expect("listening"));
    speaker.leave();
    listener.leave();

    // Mouth to ear, frame by frame: captured (a frame is complete 20 ms after its first sample)
    // to the moment the listener's voice thread starts playing it.
    let captured: std::collections::HashMap<u16, Instant> = said.captured.iter().copied().collect();
    let mut latencies: Vec<f64> = heard
        .played
        .iter()
        .filter(|(who, _, _)| *who == speaker_id)
        .filter_map(|(_, seq, at)| captured.get(seq).map(|c| (*at - *c).as_secs_f64() * 1000.0 + 20.0))
        .collect();
    latencies.sort_by(f64::total_cmp);
    let rebuilt = latencies.len() as u64 + heard.jitter.recovered;
    assert!(rebuilt >= said.frames_sent * 85 / 100, "most frames played, or rebuilt from FEC: {rebuilt}");
    let (p50, p95) = (percentile(&latencies, 0.5), percentile(&latencies, 0.95));
    let mut transit: Vec<f64> = heard
        .arrived
        .iter()
        .filter(|(who, _, _)| *who == speaker_id)
        .filter_map(|(_, seq, at)| captured.get(seq).map(|c| (*at - *c).as_secs_f64() * 1000.0))
        .collect();
    transit.sort_by(f64::total_cmp);
    let one_way = 2.0 * profile.delay.as_secs_f64() * 1000.0;

    // The recording against the source: align by cross-correlation, then score.
    let source = WavSource::open(&briefing()).unwrap().samples().to_vec();
    let recording = mono(&heard_path);
    let speaker_started = said.started.expect("speaking");
    let offset = ((speaker_started - listener_started).as_secs_f64() * f64::from(SAMPLE_RATE)) as usize;
    let recording = &recording[offset.min(recording.len())..];
    let lag = quality::delay(&source, recording, SAMPLE_RATE as usize);
    let scores = quality::scores(&source, recording, lag);
    let kbps = said.payload_bytes_sent as f64 * 8.0 / (said.frames_sent as f64 * 0.02) / 1000.0;
    let datagram_kbps = said.datagram_bytes_sent as f64 * 8.0 / (said.frames_sent as f64 * 0.02) / 1000.0;
    println!(
        "{}",
        serde_json::json!({
            "profile": name, "one_way_ms": one_way,
            "mouth_to_ear_ms": { "p50": p50, "p95": p95, "frames": latencies.len() },
            "capture_to_arrival_ms": { "min": transit[0], "p50": percentile(&transit, 0.5), "p95": percentile(&transit, 0.95) },
            "xcorr_delay_ms": lag as f64 * 1000.0 / f64::from(SAMPLE_RATE),
            "envelope_correlation": scores.envelope, "waveform_correlation": scores.waveform,
            "envelope_aligned": scores.envelope_aligned,
            "opus_kbit_per_s": kbps, "datagram_kbit_per_s": datagram_kbps,
            "frames_sent": said.frames_sent, "listener": {
                "target_ms": heard.targets.values().map(|t| t.as_secs_f64() * 1000.0).collect::<Vec<_>>(),
                "played": heard.jitter.played, "recovered_fec": heard.jitter.recovered,
                "concealed": heard.jitter.concealed, "late": heard.jitter.late, "skipped": heard.jitter.skipped,
                "decode_errors": heard.decode_errors,
            },
        })
    );
    assert!(p95 <= one_way + 120.0, "p95 mouth-to-ear {p95:.0} ms over {one_way:.0} + 120 ms");
    assert!(scores.envelope_aligned >= 0.85, "the speech envelope must survive: {scores:?}");
    assert!((20.0..=34.0).contains(&kbps), "Opus at {kbps:.1} kbit/s");
    assert!(heard.jitter.recovered + heard.jitter.concealed > 0, "5 % loss was repaired or concealed");
    assert_eq!(heard.decode_errors, 0);
}

#[test]
fn bots_speak_a_wav_file_and_record_what_they_hear_over_hotel_wifi() {
    let (server_rt, relay_rt, bot_rt) = (runtime("srv", 1), runtime("relay", 1), runtime("bot", 1));
    let server = start_server(&server_rt, |_| {});
    let relay =
        relay_rt.block_on(Relay::impaired(server.server.local_addr(), Profile::hotel_wifi(), 5)).expect("relay");
    let dir = tempfile::tempdir().unwrap();
    let heard_path = dir.path().join("bot-heard.wav");
    let config = |role, voice| BotConfig {
        people: Default::default(),
        invite: server.invite_via(&relay, role),
        count: 1,
        duration: Duration::from_secs(9),
        rate_hz: 30,
        seed: 1,
        work: false,
        voice,
    };
    let talker = config(Role::Trainee, VoiceOptions { audio_in: Some(briefing()), ..VoiceOptions::default() });
    let recorder =
        config(Role::Trainee, VoiceOptions { audio_out: Some(heard_path.clone()), ..VoiceOptions::default() });
    let start = |c: &BotConfig| c.bot_voice().map(|v| Voice::start(&v).expect("voice starts"));
    let (tv, rv) = (start(&talker), start(&recorder));
    let (recorded, talked) =
        bot_rt.block_on(async { tokio::join!(bot::run_speaking(recorder, rv), bot::run_speaking(talker, tv)) });
    let said = talked.voice.expect("the talker's voice figures");
    let heard = recorded.voice.expect("the recorder's voice figures");
    assert!(said.frames_sent > 150, "the briefing's speech went out: {said:?}");
    assert!(
        heard.frames_heard + heard.recovered >= said.frames_sent * 85 / 100,
        "and came in (played, or rebuilt from FEC), 5 % lost on the way: {heard:?}"
    );
    let source = WavSource::open(&briefing()).unwrap().samples().to_vec();
    let recording = mono(&heard_path);
    let lag = quality::delay(&source, &recording, recording.len().saturating_sub(source.len()).min(8 * 48_000));
    let scores = quality::scores(&source, &recording, lag);
    println!(
        "{}",
        serde_json::json!({ "bots": { "talker": said, "recorder": heard, "envelope_aligned": scores.envelope_aligned } })
    );
    assert!(scores.envelope_aligned >= 0.85, "the bot's recording holds the briefing: {scores:?}");
}

/// Writes `parts` (seconds of silence, or the briefing) one after another as a 48 kHz WAV.
fn script(path: &Path, parts: &[Option<f64>]) {
    let briefing = WavSource::open(&briefing()).unwrap().samples().to_vec();
    let samples = parts.iter().flat_map(|part| match part {
        Some(seconds) => vec![0.0; (seconds * f64::from(SAMPLE_RATE)) as usize],
        None => briefing.clone(),
    });
    crossdock_voice::io::write_mono(path, samples).unwrap();
}

/// Root mean square of what `listener` recorded between two moments.
fn rms_between(recording: &[f32], started: Instant, (from, to): (Instant, Instant)) -> f64 {
    let at = |t: Instant| ((t.saturating_duration_since(started)).as_secs_f64() * f64::from(SAMPLE_RATE)) as usize;
    let slice = &recording[at(from).min(recording.len())..at(to).min(recording.len())];
    assert!(slice.len() > SAMPLE_RATE as usize, "a window of over a second: {}", slice.len());
    (slice.iter().map(|s| f64::from(*s).powi(2)).sum::<f64>() / slice.len() as f64).sqrt()
}

/// When `listener` played `speaker`'s frames whose slots `phase` picks: the first and last.
fn played_window(heard: &VoiceStats, speaker: ParticipantId, phase: impl Fn(u16) -> bool) -> (Instant, Instant) {
    let times: Vec<Instant> =
        heard.played.iter().filter(|(who, seq, _)| *who == speaker && phase(*seq)).map(|(_, _, at)| *at).collect();
    assert!(times.len() > 50, "{} frames played in the window", times.len());
    (*times.iter().min().unwrap(), *times.iter().max().unwrap() + Duration::from_millis(20))
}

/// Mouth to ear per frame (captured + 20 ms to played), milliseconds, for the slots `phase` picks.
fn mouth_to_ear(
    said: &VoiceStats,
    heard: &VoiceStats,
    speaker: ParticipantId,
    phase: impl Fn(u16) -> bool,
) -> Vec<f64> {
    let captured: std::collections::HashMap<u16, Instant> = said.captured.iter().copied().collect();
    let mut out: Vec<f64> = heard
        .played
        .iter()
        .filter(|(who, seq, _)| *who == speaker && phase(*seq))
        .filter_map(|(_, seq, at)| captured.get(seq).map(|c| (*at - *c).as_secs_f64() * 1000.0 + 20.0))
        .collect();
    out.sort_by(f64::total_cmp);
    out
}

#[test]
fn an_interpreter_is_heard_at_full_level_on_their_channel_and_not_at_all_on_the_floor() {
    let (server_rt, relay_rt) = (runtime("srv", 1), runtime("relay", 1));
    let server = start_server(&server_rt, |_| {});
    let profile = Profile::hotel_wifi();
    let relay = relay_rt.block_on(Relay::impaired(server.server.local_addr(), profile.clone(), 13)).expect("relay");
    let dir = tempfile::tempdir().unwrap();
    // The floor speaks the briefing twice (alone, then with the interpreter); the interpreter
    // waits out the first, speaks with the second, then alone. Slots of 20 ms from each one's join.
    let b = WavSource::open(&briefing()).unwrap().samples().len() as f64 / f64::from(SAMPLE_RATE);
    let (floor_wav, interpreter_wav) = (dir.path().join("floor.wav"), dir.path().join("interpreter.wav"));
    script(&floor_wav, &[Some(1.0), None, Some(2.0), None]);
    script(&interpreter_wav, &[Some(1.0 + b + 2.0), None, Some(2.0), None]);
    let slot = |seconds: f64| (seconds / 0.02) as u16;
    let floor_alone = move |seq: u16| seq < slot(1.0 + b + 1.0);
    let floor_with = move |seq: u16| seq >= slot(1.0 + b + 1.0);
    let interpreter_with = move |seq: u16| seq < slot(1.0 + b + 2.0 + b + 1.0);
    let interpreter_alone = move |seq: u16| seq >= slot(1.0 + b + 2.0 + b + 1.0);

    let with_panel = |role, name: &str, voice: Option<VoiceOptions>| {
        let voice = voice.map(|v| Voice::start(&v).expect("voice starts"));
        let details = Details { display_name: name.into(), administration: "TH".into(), locale: "th".into() };
        Link::connect(server.invite_via(&relay, role), details, voice, true).expect("joins")
    };
    let listen = |path: &Path| {
        Some(VoiceOptions { mode: TalkMode::Off, audio_out: Some(path.to_owned()), ..VoiceOptions::default() })
    };
    let (korean_wav, thai_wav) = (dir.path().join("korean.wav"), dir.path().join("thai.wav"));
    let instructor = with_panel(Role::Instructor, "Instructor", None);
    let korean = with_panel(Role::Trainee, "김민준", listen(&korean_wav));
    let thai = with_panel(Role::Trainee, "สมชาย", listen(&thai_wav));
    let speak = |path: &Path| Some(VoiceOptions { audio_in: Some(path.to_owned()), ..VoiceOptions::default() });
    let interpreter = with_panel(Role::Trainee, "통역사", speak(&interpreter_wav));

    // The Korean listener and the Thai one stand two metres either side of where the floor
    // speaks; the interpreter eight metres off (were it heard as the floor, it would be faint).
    let stand = |link: &Link, at: Vec3| {
        link.send(Outgoing::Pose(avatar(at, at - Vec3::Y * 0.6, at - Vec3::Y * 0.6), Instant::now()))
    };
    let places = [
        (&korean, Vec3::new(0.0, 1.65, -2.0)),
        (&thai, Vec3::new(0.0, 1.65, 2.0)),
        (&interpreter, Vec3::new(8.0, 1.65, 0.0)),
    ];
    let interpret = Command::Interpret { who: interpreter.me, language: Some("ko".into()) };
    instructor.send(Outgoing::Intent(Intent::Instruct(interpret)));
    korean.send(Outgoing::Intent(Intent::Listen { channel: Some("ko".into()) }));
    let deadline = Instant::now() + Duration::from_secs(10);
    let (me, them) = (korean.me, interpreter.me);
    let set = |link: &Link| {
        link.with(|p| {
            p.panel.as_ref().is_some_and(|panel| {
                panel.channel.as_deref() == Some("ko")
                    && panel.people.iter().any(|r| r.id == them && r.interprets.as_deref() == Some("ko"))
                    && panel.people.iter().any(|r| r.id == me)
            })
        })
    };
    while !set(&korean) {
        for (link, at) in places {
            stand(link, at);
        }
        assert!(Instant::now() < deadline, "the interpreter is named and the channel chosen within 10 s");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(stats(&interpreter, |s| s.stats.frames_sent), 0, "set up before the interpreter's first word");
    let floor = with_panel(Role::Trainee, "Floor", speak(&floor_wav));

    let deadline = Instant::now() + Duration::from_secs(60);
    let mut quiet_since: Option<Instant> = None;
    loop {
        for (link, at) in places.iter().copied().chain([(&floor, Vec3::new(0.0, 1.65, 0.0))]) {
            stand(link, at);
        }
        let done = stats(&floor, |s| s.stats.source_done) && stats(&interpreter, |s| s.stats.source_done);
        let playing = [&korean, &thai]
            .iter()
            .any(|l| stats(l, |s| s.last_heard.values().any(|t| t.elapsed() < Duration::from_millis(500))));
        if done && !playing {
            if quiet_since.get_or_insert_with(Instant::now).elapsed() > Duration::from_millis(500) {
                break;
            }
        } else {
            quiet_since = None;
        }
        assert!(Instant::now() < deadline, "both scripts finish playing within 60 s");
        std::thread::sleep(Duration::from_millis(20));
    }
    let (floor_said, interpreter_said) = (stats(&floor, |s| s.stats.clone()), stats(&interpreter, |s| s.stats.clone()));
    let (korean_heard, thai_heard) = (stats(&korean, |s| s.stats.clone()), stats(&thai, |s| s.stats.clone()));
    let (floor_id, interpreter_id) = (floor.me, interpreter.me);
    for link in [floor, interpreter, korean, thai, instructor] {
        link.leave();
    }

    let from_interpreter = |h: &VoiceStats| h.played.iter().filter(|(who, _, _)| *who == interpreter_id).count();
    assert_eq!(from_interpreter(&thai_heard), 0, "the floor never receives the interpreter");
    assert!(
        from_interpreter(&korean_heard) as u64 + korean_heard.jitter.recovered
            >= interpreter_said.frames_sent * 85 / 100,
        "the Korean channel hears the interpreter's frames: {} of {}",
        from_interpreter(&korean_heard),
        interpreter_said.frames_sent
    );
    let (korean_rec, thai_rec) = (mono(&korean_wav), mono(&thai_wav));
    let (korean_start, thai_start) = (korean_heard.started.unwrap(), thai_heard.started.unwrap());
    // The floor joined after the interpreter was set up, so how far apart their scripts run
    // depends on how long that took: each "alone" is measured only while the other is silent
    // (the first and last frame of the other that a listener played; one clock for all).
    fn played(h: &VoiceStats, who: ParticipantId) -> impl Iterator<Item = Instant> + '_ {
        h.played.iter().filter(move |(w, _, _)| *w == who).map(|(_, _, at)| *at)
    }
    let interpreter_first = played(&korean_heard, interpreter_id).min().expect("the interpreter was heard");
    let floor_last = played(&thai_heard, floor_id).max().expect("the floor was heard") + Duration::from_millis(20);
    let (from, to) = played_window(&thai_heard, floor_id, floor_alone);
    let floor_alone_at = (from, to.min(interpreter_first));
    let floor_with_at = played_window(&thai_heard, floor_id, floor_with);
    let (from, to) = played_window(&korean_heard, interpreter_id, interpreter_alone);
    let interpreter_alone_at = (from.max(floor_last), to);
    let thai_floor = rms_between(&thai_rec, thai_start, floor_alone_at);
    let levels = serde_json::json!({
        "thai_floor_with_interpreter_over_alone": rms_between(&thai_rec, thai_start, floor_with_at) / thai_floor,
        "thai_while_interpreter_alone_over_floor": rms_between(&thai_rec, thai_start, interpreter_alone_at) / thai_floor,
        "korean_floor_over_thai_floor": rms_between(&korean_rec, korean_start, floor_alone_at) / thai_floor,
        "korean_interpreter_over_thai_floor": rms_between(&korean_rec, korean_start, interpreter_alone_at) / thai_floor,
    });
    let floor_ms = mouth_to_ear(&floor_said, &thai_heard, floor_id, floor_with);
    let interpretation_ms = mouth_to_ear(&interpreter_said, &korean_heard, interpreter_id, interpreter_with);
    let (floor_p50, interpretation_p50) = (percentile(&floor_ms, 0.5), percentile(&interpretation_ms, 0.5));
    println!(
        "{}",
        serde_json::json!({ "interpretation": {
            "levels": levels,
            "mouth_to_ear_ms": {
                "floor": { "p50": floor_p50, "p95": percentile(&floor_ms, 0.95) },
                "interpretation": { "p50": interpretation_p50, "p95": percentile(&interpretation_ms, 0.95) },
                "added_p50": interpretation_p50 - floor_p50, "budget_added": 50,
            },
        }})
    );
    let level = |key: &str| levels[key].as_f64().unwrap();
    // The floor, two metres off, plays at 1 / (1 + 0.5) of its source; at full level the
    // interpreter is 1.5 times that, and the floor under a channel 0.3 times.
    let unchanged = level("thai_floor_with_interpreter_over_alone");
    assert!((0.85..=1.18).contains(&unchanged), "the Thai listener's floor is unchanged: {levels}");
    assert!(
        level("thai_while_interpreter_alone_over_floor") < 0.03,
        "the Thai listener hears no interpreter: {levels}"
    );
    assert!((1.2..=1.9).contains(&level("korean_interpreter_over_thai_floor")), "full level on the channel: {levels}");
    assert!((0.2..=0.42).contains(&level("korean_floor_over_thai_floor")), "the floor at 30 % under it: {levels}");
}
