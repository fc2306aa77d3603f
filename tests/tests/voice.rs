//! Voice end to end with real Opus (`--features voice`; run by `tests/voice/run.sh`): a trainee
//! speaks a recorded briefing through the impairment relay on hotel Wi-Fi, another records what
//! reaches their ears; the recording must match the source and arrive in time. Bots speak and
//! record WAV files the same way.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossdock_client::Details;
use crossdock_client::bot::{self, BotConfig};
use crossdock_client::link::{Link, Outgoing};
use crossdock_protocol::Role;
use crossdock_protocol::voice::SAMPLE_RATE;
use crossdock_tests::avatar;
use crossdock_tests::bench::{runtime, start_server};
use crossdock_tests::relay::{Profile, Relay};
use crossdock_voice::io::WavSource;
use crossdock_voice::{TalkMode, Voice, VoiceOptions, VoiceState, quality};
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
