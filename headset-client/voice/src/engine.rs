//! The voice thread and its handle.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use crossdock_protocol::ParticipantId;
use crossdock_protocol::voice::{FRAME_MS, FRAME_SAMPLES, RelayedVoice, VoiceFrame};

use super::codec::{BITRATE, Decoder, Encoder};
use super::io::{NoSink, NoSource, Sink, Source, WavSink, WavSource};
use super::jitter::{JitterBuffer, Playout};
use super::vad::Vad;
use super::{TalkMode, VoiceOptions, VoiceState, spatial};

const FRAME: Duration = Duration::from_millis(FRAME_MS as u64);
/// A speaker silent this long gives back their decoder and buffer.
const FORGET: Duration = Duration::from_secs(30);
/// Encoded frames waiting for the network side; beyond, the newest are dropped.
const OUTBOUND: usize = 64;

/// A running voice thread. Dropping it stops the thread and finishes the output file.
#[derive(Debug)]
pub struct Voice {
    inbound: mpsc::Sender<(RelayedVoice, Instant)>,
    outbound: Option<tokio::sync::mpsc::Receiver<Vec<u8>>>,
    state: Arc<Mutex<VoiceState>>,
    stop: Arc<AtomicBool>,
    live: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Voice {
    /// Opens the source and sink `options` name (files, else the system's devices) and starts
    /// the thread, which waits to capture and play until a transport takes the outbound frames
    /// ([`Voice::take_outbound`]): a file is spoken from its start once the session is joined.
    pub fn start(options: &VoiceOptions) -> Result<Voice> {
        let (inbound, inbound_rx) = mpsc::channel();
        let (out_tx, outbound) = tokio::sync::mpsc::channel(OUTBOUND);
        let state = Arc::new(Mutex::new(VoiceState { all_call: options.all_call, ..VoiceState::default() }));
        let stop = Arc::new(AtomicBool::new(false));
        let live = Arc::new(AtomicBool::new(false));
        let (ready_tx, ready_rx) = mpsc::channel();
        let (shared, stopping, going, options) = (state.clone(), stop.clone(), live.clone(), options.clone());
        let thread = std::thread::Builder::new()
            .name("voice".into())
            .spawn(move || {
                // Devices are opened here: their streams may not move between threads.
                let opened = open(&options).and_then(|(source, sink)| Ok((source, sink, Encoder::new(BITRATE)?)));
                let (source, sink, encoder) = match opened {
                    Ok(parts) => {
                        let _ = ready_tx.send(Ok(()));
                        parts
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return;
                    }
                };
                let mut engine = Engine {
                    mode: options.mode,
                    source,
                    sink,
                    encoder,
                    vad: Vad::default(),
                    speakers: HashMap::new(),
                    inbound: inbound_rx,
                    outbound: out_tx,
                    state: shared,
                    slot: 0,
                };
                engine.run(&stopping, &going);
            })
            .context("cannot start the voice thread")?;
        ready_rx.recv().context("the voice thread stopped while starting")??;
        Ok(Voice { inbound, outbound: Some(outbound), state, stop, live, thread: Some(thread) })
    }

    /// The encoded datagrams to send, once: the network side owns the receiver. Capture and
    /// playback start now.
    pub fn take_outbound(&mut self) -> Option<tokio::sync::mpsc::Receiver<Vec<u8>>> {
        self.live.store(true, Ordering::Relaxed);
        self.outbound.take()
    }

    /// Hands over a relayed frame that arrived at `at`.
    pub fn deliver(&self, relayed: RelayedVoice, at: Instant) {
        let _ = self.inbound.send((relayed, at));
    }

    /// The state shared with the front end.
    pub fn state(&self) -> Arc<Mutex<VoiceState>> {
        self.state.clone()
    }

    /// Stops the thread, finishing the output file.
    pub fn stop(mut self) -> Result<()> {
        self.halt();
        match self.state.lock().unwrap_or_else(|e| e.into_inner()).failed.take() {
            Some(why) => anyhow::bail!(why),
            None => Ok(()),
        }
    }

    fn halt(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Voice {
    fn drop(&mut self) {
        self.halt();
    }
}

fn open(options: &VoiceOptions) -> Result<(Box<dyn Source>, Box<dyn Sink>)> {
    let source: Box<dyn Source> = match (&options.audio_in, options.mode) {
        (_, TalkMode::Off) => Box::new(NoSource),
        (Some(path), _) => Box::new(WavSource::open(path)?),
        (None, _) => device_source()?,
    };
    let sink: Box<dyn Sink> = match &options.audio_out {
        Some(path) => Box::new(WavSink::create(path)?),
        None if options.audio_in.is_some() => Box::new(NoSink),
        None => device_sink()?,
    };
    Ok((source, sink))
}

#[cfg(feature = "devices")]
fn device_source() -> Result<Box<dyn Source>> {
    Ok(Box::new(super::device::Microphone::open()?))
}

#[cfg(feature = "devices")]
fn device_sink() -> Result<Box<dyn Sink>> {
    Ok(Box::new(super::device::Speakers::open()?))
}

#[cfg(not(feature = "devices"))]
const NO_DEVICES: &str = "this build has no audio device support: pass --audio-in FILE.wav (and --audio-out \
    FILE.wav), or rebuild with `--features audio-devices`";

#[cfg(not(feature = "devices"))]
fn device_source() -> Result<Box<dyn Source>> {
    anyhow::bail!(NO_DEVICES)
}

#[cfg(not(feature = "devices"))]
fn device_sink() -> Result<Box<dyn Sink>> {
    anyhow::bail!(NO_DEVICES)
}

struct Speaker {
    jitter: JitterBuffer,
    decoder: Decoder,
    all_call: bool,
    /// An interpreter on our channel (a stream's own, as the server marks it).
    interpretation: bool,
    last: Instant,
}

struct Engine {
    mode: TalkMode,
    source: Box<dyn Source>,
    sink: Box<dyn Sink>,
    encoder: Encoder,
    vad: Vad,
    speakers: HashMap<ParticipantId, Speaker>,
    inbound: mpsc::Receiver<(RelayedVoice, Instant)>,
    outbound: tokio::sync::mpsc::Sender<Vec<u8>>,
    state: Arc<Mutex<VoiceState>>,
    /// Counts 20 ms slots since the start, sent or not (the frames' sequence numbers).
    slot: u16,
}

impl Engine {
    fn run(&mut self, stop: &AtomicBool, live: &AtomicBool) {
        while !live.load(Ordering::Relaxed) {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            std::thread::sleep(FRAME);
        }
        let started = Instant::now();
        self.lock().stats.started = Some(started);
        let mut deadline = started;
        while !stop.load(Ordering::Relaxed) {
            let now = Instant::now();
            if let Err(e) = self.cycle(now) {
                tracing::error!(error = %e, "voice stopped");
                self.lock().failed = Some(format!("{e:#}"));
                break;
            }
            deadline += FRAME;
            let now = Instant::now();
            if now > deadline + 5 * FRAME {
                // Stalled (a suspended laptop, a debugger): resynchronise instead of racing.
                deadline = now;
            }
            std::thread::sleep(deadline.saturating_duration_since(now));
        }
        if let Err(e) = self.sink.finish() {
            self.lock().failed = Some(format!("{e:#}"));
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VoiceState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// One 20 ms step: capture and send, then mix and play.
    fn cycle(&mut self, now: Instant) -> Result<()> {
        let mut frame = [0.0f32; FRAME_SAMPLES];
        let live = self.source.read(&mut frame);
        let (push_to_talk, all_call, muted) = {
            let s = self.lock();
            (s.push_to_talk, s.all_call, s.muted)
        };
        let open = live
            && match self.mode {
                TalkMode::Vad => self.vad.update(&frame),
                TalkMode::PushToTalk => push_to_talk,
                TalkMode::Off => false,
            };
        let seq = self.slot;
        self.slot = self.slot.wrapping_add(1);
        if open && !muted {
            let payload = self.encoder.encode(&frame)?;
            let payload_len = payload.len() as u64;
            let datagram = VoiceFrame { seq, all_call, payload }.encode();
            let len = datagram.len() as u64;
            // A full queue means the network side is stalled: drop, like a lost frame.
            if self.outbound.try_send(datagram).is_ok() {
                let mut s = self.lock();
                s.stats.frames_sent += 1;
                s.stats.payload_bytes_sent += payload_len;
                s.stats.datagram_bytes_sent += len;
                s.stats.push_captured(seq, now);
                s.last_sent = Some(now);
            }
        }
        if !live {
            self.lock().stats.source_done = true;
        }
        let mut arrivals = Vec::new();
        while let Ok((relayed, at)) = self.inbound.try_recv() {
            arrivals.push((relayed.speaker, relayed.frame.seq, at));
            let speaker = match self.speakers.entry(relayed.speaker) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => e.insert(Speaker {
                    jitter: JitterBuffer::default(),
                    decoder: Decoder::new()?,
                    all_call: false,
                    interpretation: false,
                    last: at,
                }),
            };
            speaker.last = at;
            speaker.interpretation = relayed.interpretation;
            let f = relayed.frame;
            speaker.jitter.push(f.seq, f.payload, f.all_call, at);
        }
        self.speakers.retain(|_, s| now.saturating_duration_since(s.last) < FORGET);
        let mut mix = [0.0f32; FRAME_SAMPLES * 2];
        let mut voice = [0.0f32; FRAME_SAMPLES];
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        for (speaker, seq, at) in arrivals {
            state.stats.push_arrived(speaker, seq, at);
        }
        let mut jitter = super::jitter::JitterStats::default();
        let mut errors = 0;
        for (id, speaker) in &mut self.speakers {
            let playout = speaker.jitter.pop(now);
            if let Playout::Frame { seq, all_call, .. } = &playout {
                speaker.all_call = *all_call;
                state.stats.push_played(*id, *seq, now);
                state.last_heard.insert(*id, now);
            }
            if playout != Playout::Silence {
                speaker.decoder.decode(&playout, &mut voice);
                let heard = if speaker.interpretation {
                    spatial::Heard::Interpretation
                } else {
                    let at = state.heads.get(id).copied();
                    spatial::Heard::Floor {
                        at,
                        all_call: speaker.all_call,
                        under: state.on_channel.then_some(state.floor),
                    }
                };
                let [l, r] = spatial::heard(&state.listener, heard);
                for (i, s) in voice.iter().enumerate() {
                    mix[2 * i] += s * l;
                    mix[2 * i + 1] += s * r;
                }
            }
            state.stats.targets.insert(*id, speaker.jitter.target());
            jitter += speaker.jitter.stats;
            errors += speaker.decoder.errors;
        }
        state.stats.jitter = jitter;
        state.stats.decode_errors = errors;
        drop(state);
        for s in &mut mix {
            *s = s.clamp(-1.0, 1.0);
        }
        self.sink.write(&mix)
    }
}
