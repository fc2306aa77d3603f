//! Voice: what one speaker costs in bandwidth at each Opus bitrate (with the quality it keeps,
//! on the recorded briefing), and what the server spends relaying a frame from one speaker to
//! one listener, beside a raw quinn relay forwarding the same datagrams in the same run.
//!
//! Needs `--features voice` (real Opus): `cargo bench -p crossdock-tests --features voice --bench voice`.
//! The server runs on threads named `srv-*` and `tick-*`, the clients on `bot-*`, the raw
//! relay on `raw-srv*`; CPU is read per thread from /proc.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossdock_protocol::Role;
use crossdock_protocol::voice::{FRAME_SAMPLES, VoiceFrame};
use crossdock_server::metrics::VoiceLabels;
use crossdock_tests::bench::{RawMode, raw_quinn, runtime, start_server, thread_cpu};
use crossdock_voice::codec::{BITRATE, Decoder, Encoder};
use crossdock_voice::io::WavSource;
use crossdock_voice::jitter::Playout;
use crossdock_voice::{quality, vad::Vad};

const PEOPLE: usize = 16;
const SPEAKERS: usize = 4;
const FRAME_HZ: u32 = 50;
const WARMUP: Duration = Duration::from_secs(2);
const WINDOW: Duration = Duration::from_secs(4);
/// Windows measured on each side; the median is reported (a 2-core machine is noisy).
const ROUNDS: usize = 3;

fn main() {
    let briefing = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("voice/briefing.wav");
    let source = WavSource::open(&briefing).expect("the briefing").samples().to_vec();
    println!("== one speaker's Opus stream on the briefing ({:.1} s of speech and pauses)", source.len() as f64 / 48e3);
    println!(
        "{:>8} {:>14} {:>14} {:>14} {:>10} {:>10}",
        "bitrate", "payload kb/s", "datagram kb/s", "while talking", "envelope", "waveform"
    );
    let mut frames_at_target = Vec::new();
    for bitrate in [16_000, 24_000, BITRATE, 32_000] {
        let (row, frames) = encode(&source, bitrate);
        println!(
            "{:>8} {:>14.1} {:>14.1} {:>14.1} {:>10.3} {:>10.3}",
            bitrate, row.payload_kbps, row.datagram_kbps, row.talking_kbps, row.envelope, row.waveform
        );
        if bitrate == BITRATE {
            frames_at_target = frames;
        }
    }
    println!("target: 24-32 kbit/s per speaker at good quality (the client sends {BITRATE} bit/s)");

    let mean = frames_at_target.iter().map(Vec::len).sum::<usize>() / frames_at_target.len().max(1);
    println!(
        "\n== relay: {PEOPLE} in a session, {SPEAKERS} speaking at once, {FRAME_HZ} frames/s, {}s window after {}s warm-up",
        WINDOW.as_secs(),
        WARMUP.as_secs()
    );
    let ours = crossdock(&frames_at_target);
    let raw_frames = (SPEAKERS * (PEOPLE - 1)) as f64 * f64::from(FRAME_HZ) * WINDOW.as_secs_f64();
    let raw_us = median(
        (0..ROUNDS)
            .map(|_| {
                let raw = raw_quinn(PEOPLE, FRAME_HZ, mean + 4, RawMode::Relay { senders: SPEAKERS }, WARMUP, WINDOW);
                raw.server_cpu.as_secs_f64() * 1e6 / raw_frames
            })
            .collect(),
    );
    println!("{:>34} {:>14} {:>14}", "", "crossdock", "raw quinn");
    println!("{:>34} {:>14.2} {:>14.2}", "server CPU per relayed frame (us)", ours.us_per_frame, raw_us);
    println!(
        "{:>34} {:>14.1} {:>14.1}",
        "per speaker per listener (us/s)",
        ours.us_per_frame * f64::from(FRAME_HZ),
        raw_us * f64::from(FRAME_HZ)
    );
    println!("{:>34} {:>14.2}", "ratio", ours.us_per_frame / raw_us.max(1e-9));
    println!("{:>34} {:>14.1}", "speaker's UDP upload (kbit/s)", ours.wire_up_kbps);
    println!(
        "(crossdock: server CPU with voice minus the same session silent, over the frames relayed ({} a window); \
         medians of {ROUNDS} windows each side)",
        ours.relayed
    );
}

struct Row {
    payload_kbps: f64,
    datagram_kbps: f64,
    talking_kbps: f64,
    envelope: f64,
    waveform: f64,
}

/// Encodes every frame of `source` at `bitrate`, decodes it back, and scores it; returns the
/// figures and the frames the voice activity detector would send.
fn encode(source: &[f32], bitrate: i32) -> (Row, Vec<Vec<u8>>) {
    let mut encoder = Encoder::new(bitrate).expect("Opus");
    let mut decoder = Decoder::new().expect("Opus");
    let mut vad = Vad::default();
    let (mut bytes, mut talking_bytes, mut talking_frames) = (0usize, 0usize, 0usize);
    let mut sent = Vec::new();
    let mut decoded = Vec::with_capacity(source.len());
    let mut out = vec![0.0; FRAME_SAMPLES];
    let frames = source.chunks_exact(FRAME_SAMPLES);
    let n = frames.len();
    for frame in frames {
        let packet = encoder.encode(frame).expect("encodes");
        bytes += packet.len();
        if vad.update(frame) {
            talking_bytes += packet.len();
            talking_frames += 1;
            sent.push(packet.clone());
        }
        decoder.decode(&Playout::Frame { seq: 0, payload: packet, all_call: false }, &mut out);
        decoded.extend_from_slice(&out);
    }
    let seconds = n as f64 * 0.02;
    let lag = quality::delay(&source[..decoded.len()], &decoded, 2_000);
    let scores = quality::scores(&source[..decoded.len()], &decoded, lag);
    let row = Row {
        payload_kbps: bytes as f64 * 8.0 / seconds / 1000.0,
        datagram_kbps: (bytes + 4 * n) as f64 * 8.0 / seconds / 1000.0,
        talking_kbps: talking_bytes as f64 * 8.0 / (talking_frames as f64 * 0.02).max(1e-9) / 1000.0,
        envelope: scores.envelope,
        waveform: scores.waveform,
    };
    (row, sent)
}

struct Relayed {
    us_per_frame: f64,
    wire_up_kbps: f64,
    relayed: u64,
}

/// The real server with `PEOPLE` clients, silent for a window and then with `SPEAKERS` of them
/// sending `frames` (cycled) every 20 ms; the difference in server CPU, per frame relayed.
fn crossdock(frames: &[Vec<u8>]) -> Relayed {
    let server_rt = runtime("srv", 1);
    let client_rt = runtime("bot", 1);
    let server = start_server(&server_rt, |_| {});
    let talking = Arc::new(AtomicBool::new(false));
    let clients = client_rt.block_on(async {
        let mut out = Vec::new();
        for i in 0..PEOPLE {
            out.push(server.join(Role::Trainee, &format!("Voice {i}")).await);
        }
        out
    });
    let upload: Vec<Arc<std::sync::Mutex<(u64, u64)>>> = (0..PEOPLE).map(|_| Arc::default()).collect();
    for (i, mut client) in clients.into_iter().enumerate() {
        let (talking, frames, upload) = (talking.clone(), frames.to_vec(), upload[i].clone());
        client_rt.spawn(async move {
            let mut ticker = tokio::time::interval(Duration::from_millis(20));
            let mut seq = 0u16;
            loop {
                tokio::select! {
                    event = client.next_event() => if event.is_err() { return },
                    _ = ticker.tick() => {
                        seq = seq.wrapping_add(1);
                        if i < SPEAKERS && talking.load(Ordering::Relaxed) {
                            let payload = frames[usize::from(seq) % frames.len()].clone();
                            client.send_datagram(VoiceFrame { seq, all_call: false, payload }.encode());
                        }
                        *upload.lock().expect("not poisoned") = client.udp_bytes();
                    }
                }
            }
        });
    }
    let cpu = || thread_cpu(&["srv", "tick"]);
    let relayed = || server.server.metrics().voice_frames.get_or_create(&VoiceLabels { outcome: "relayed" }).get();
    let sent = || upload[..SPEAKERS].iter().map(|u| u.lock().expect("not poisoned").1).sum::<u64>();
    std::thread::sleep(WARMUP);
    let (mut costs, mut uploads, mut frames_relayed) = (Vec::new(), Vec::new(), 0);
    for _ in 0..ROUNDS {
        talking.store(false, Ordering::Relaxed);
        std::thread::sleep(Duration::from_millis(500));
        let (c0, s0) = (cpu(), sent());
        std::thread::sleep(WINDOW);
        let (silent, silent_up) = (cpu() - c0, sent() - s0);
        talking.store(true, Ordering::Relaxed);
        std::thread::sleep(Duration::from_millis(500));
        let (c1, r1, s1) = (cpu(), relayed(), sent());
        std::thread::sleep(WINDOW);
        let (speaking, relayed_now, speaking_up) = (cpu() - c1, relayed() - r1, sent() - s1);
        frames_relayed = relayed_now;
        costs.push(speaking.saturating_sub(silent).as_secs_f64() * 1e6 / relayed_now.max(1) as f64);
        let up_bytes = speaking_up.saturating_sub(silent_up) as f64 / SPEAKERS as f64;
        uploads.push(up_bytes * 8.0 / WINDOW.as_secs_f64() / 1000.0);
    }
    client_rt.shutdown_timeout(Duration::from_secs(1));
    Relayed { us_per_frame: median(costs), wire_up_kbps: median(uploads), relayed: frames_relayed }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
