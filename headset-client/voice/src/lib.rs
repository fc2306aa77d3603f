//! Voice: capture, encode, send; receive, buffer, decode, place, play.
//!
//! The voice thread runs every 20 ms: it reads a frame from the microphone (or a WAV file),
//! decides whether the channel is open (push-to-talk held, or the voice activity detector
//! hears speech), encodes it with Opus and hands the datagram to the network side. Frames from
//! other speakers go through one adaptive [`jitter`] buffer each, are decoded (or recovered
//! from FEC, or concealed), placed at the speaker's head ([`spatial`]), mixed and played.
//!
//! The pure parts (jitter buffer, detector, placement, WAV files, quality scores) build
//! everywhere; the codec and the thread need the `opus` feature (libopus), devices the
//! `devices` feature (ALSA on Linux).

#[cfg(feature = "opus")]
pub mod codec;
#[cfg(feature = "devices")]
mod device;
#[cfg(feature = "opus")]
mod engine;
pub mod io;
pub mod jitter;
pub mod quality;
pub mod resample;
pub mod spatial;
pub mod vad;

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossdock_protocol::ParticipantId;
#[cfg(feature = "opus")]
pub use engine::Voice;
use glam::Vec3;
#[cfg(not(feature = "opus"))]
pub use without::Voice;

/// How long after a speaker's last frame their avatar still shows them speaking.
pub const SPEAKING_HOLD: Duration = Duration::from_millis(250);

/// How the microphone opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum TalkMode {
    /// Whenever the voice activity detector hears speech.
    #[default]
    Vad,
    /// While the push-to-talk control is held.
    PushToTalk,
    /// Never: listen only.
    Off,
}

/// What to start.
#[derive(Debug, Clone, Default)]
pub struct VoiceOptions {
    /// How the microphone opens.
    pub mode: TalkMode,
    /// Speak this WAV file instead of the microphone.
    pub audio_in: Option<PathBuf>,
    /// Write what is heard to this WAV file instead of the speakers.
    pub audio_out: Option<PathBuf>,
    /// Start with the all-call on (instructors only; the server ignores it from others).
    pub all_call: bool,
}

/// Voice on the command line: how the microphone opens, and files in place of devices.
#[derive(Debug, Clone, clap::Args)]
pub struct VoiceArgs {
    /// How the microphone opens: vad (when you speak), push-to-talk (desktop: hold T; headset:
    /// hold X on Touch, A on Index), or off (listen only).
    #[arg(long = "voice", value_enum, default_value_t = TalkMode::Vad)]
    pub mode: TalkMode,
    /// Speak this WAV file instead of using the microphone.
    #[arg(long)]
    pub audio_in: Option<PathBuf>,
    /// Write what you hear to this WAV file (48 kHz stereo) instead of the speakers.
    #[arg(long)]
    pub audio_out: Option<PathBuf>,
    /// Start with the all-call on: everyone hears you at full level (instructors only).
    #[arg(long)]
    pub all_call: bool,
}

impl VoiceArgs {
    /// What to start.
    pub fn options(self) -> VoiceOptions {
        VoiceOptions { mode: self.mode, audio_in: self.audio_in, audio_out: self.audio_out, all_call: self.all_call }
    }
}

impl VoiceOptions {
    /// Whether voice was asked for at all on the command line.
    pub fn asked(&self) -> bool {
        self.audio_in.is_some() || self.audio_out.is_some() || self.mode != TalkMode::Vad || self.all_call
    }
}

/// Starts voice for an interactive front end. Voice the user asked for (a file, a mode, the
/// all-call) that cannot start is an error; otherwise a build with voice tries the system's
/// devices and, when there are none, says so and carries on without.
pub fn for_front_end(options: &VoiceOptions) -> anyhow::Result<Option<Voice>> {
    match Voice::start(options) {
        Ok(voice) => Ok(Some(voice)),
        Err(e) if options.asked() => Err(e),
        Err(e) if cfg!(feature = "opus") => {
            tracing::warn!("voice is off: {e:#}");
            Ok(None)
        }
        Err(_) => Ok(None),
    }
}

/// The next datagram the voice thread encoded, for a transport's `select!`; pending forever
/// without voice.
pub async fn next_datagram(rx: &mut Option<tokio::sync::mpsc::Receiver<Vec<u8>>>) -> Option<Vec<u8>> {
    match rx {
        Some(rx) => rx.recv().await,
        None => std::future::pending().await,
    }
}

/// Tells the voice thread where the listener and the other heads are, and which speakers
/// those are, whether we are muted and whether we listen to an interpretation channel; returns
/// who is speaking now (`me` included).
pub fn place(
    state: &std::sync::Mutex<VoiceState>,
    me: ParticipantId,
    listener: spatial::Listener,
    heads: impl IntoIterator<Item = (ParticipantId, Vec3)>,
    muted: bool,
    on_channel: bool,
) -> Vec<ParticipantId> {
    let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
    s.listener = listener;
    s.muted = muted;
    s.on_channel = on_channel;
    s.heads = heads.into_iter().filter(|(id, _)| *id != me).collect();
    s.speaking(me, Instant::now())
}

/// What the front end, the network side and the voice thread share.
#[derive(Debug, Default)]
pub struct VoiceState {
    /// Where the listener's head is (the local avatar).
    pub listener: spatial::Listener,
    /// Where each remote participant's head is.
    pub heads: HashMap<ParticipantId, Vec3>,
    /// Push-to-talk is held.
    pub push_to_talk: bool,
    /// The all-call is on.
    pub all_call: bool,
    /// The server has us muted: nothing is sent.
    pub muted: bool,
    /// We listen to an interpretation channel: the floor plays at [`VoiceState::floor`].
    pub on_channel: bool,
    /// The floor's level under a channel, as the listener set it.
    pub floor: spatial::FloorLevel,
    /// When each remote speaker's voice was last played.
    pub last_heard: HashMap<ParticipantId, Instant>,
    /// When our own voice last went out.
    pub last_sent: Option<Instant>,
    /// Counters and timings.
    pub stats: VoiceStats,
    /// Set when the voice thread stopped on an error: why.
    pub failed: Option<String>,
}

impl VoiceState {
    /// The participants speaking now (heard within [`SPEAKING_HOLD`]), ourselves included
    /// under `me`.
    pub fn speaking(&self, me: ParticipantId, now: Instant) -> Vec<ParticipantId> {
        let recent = |t: &Instant| now.saturating_duration_since(*t) < SPEAKING_HOLD;
        let mut out: Vec<ParticipantId> =
            self.last_heard.iter().filter(|(_, t)| recent(t)).map(|(id, _)| *id).collect();
        if self.last_sent.as_ref().is_some_and(recent) {
            out.push(me);
        }
        out.sort();
        out
    }
}

/// Most timing samples kept (ten minutes of one speaker).
const MAX_SAMPLES: usize = 30_000;

/// Voice counters and timings.
#[derive(Debug, Default, Clone)]
pub struct VoiceStats {
    /// When the voice thread started (the first frame's slot).
    pub started: Option<Instant>,
    /// Frames sent.
    pub frames_sent: u64,
    /// Opus payload bytes sent.
    pub payload_bytes_sent: u64,
    /// Datagram bytes sent (headers included, QUIC's excluded).
    pub datagram_bytes_sent: u64,
    /// The source has nothing more to say (a WAV file's end).
    pub source_done: bool,
    /// Jitter buffer counters, summed over speakers.
    pub jitter: jitter::JitterStats,
    /// Packets the decoder refused (concealed).
    pub decode_errors: u64,
    /// The current depth target of each speaker's buffer.
    pub targets: HashMap<ParticipantId, Duration>,
    /// When each sent frame (by sequence number) was captured.
    pub captured: VecDeque<(u16, Instant)>,
    /// When each received frame (speaker, sequence number) arrived.
    pub arrived: VecDeque<(ParticipantId, u16, Instant)>,
    /// When each received frame (speaker, sequence number) started playing.
    pub played: VecDeque<(ParticipantId, u16, Instant)>,
}

impl VoiceStats {
    /// Notes when a sent frame was captured.
    pub fn push_captured(&mut self, seq: u16, at: Instant) {
        push_bounded(&mut self.captured, (seq, at));
    }

    /// Notes when a received frame started playing.
    pub fn push_played(&mut self, speaker: ParticipantId, seq: u16, at: Instant) {
        push_bounded(&mut self.played, (speaker, seq, at));
    }

    /// Notes when a received frame arrived.
    pub fn push_arrived(&mut self, speaker: ParticipantId, seq: u16, at: Instant) {
        push_bounded(&mut self.arrived, (speaker, seq, at));
    }
}

fn push_bounded<T>(samples: &mut VecDeque<T>, sample: T) {
    if samples.len() == MAX_SAMPLES {
        samples.pop_front();
    }
    samples.push_back(sample);
}

/// A build without the `voice` feature: no voice thread can start, and saying so is the only
/// thing [`Voice::start`] does. Callers need no `cfg` of their own.
#[cfg(not(feature = "opus"))]
mod without {
    use std::sync::{Arc, Mutex};
    use std::time::Instant;

    use anyhow::{Result, bail};
    use crossdock_protocol::voice::RelayedVoice;

    use super::{VoiceOptions, VoiceState};

    /// Never built: see [`Voice::start`].
    #[derive(Debug)]
    pub struct Voice(std::convert::Infallible);

    impl Voice {
        /// Fails: this build has no codec.
        pub fn start(_: &VoiceOptions) -> Result<Voice> {
            bail!("this build has no voice: rebuild with `cargo build --release --features voice` (needs cmake)")
        }

        /// Unreachable.
        pub fn take_outbound(&mut self) -> Option<tokio::sync::mpsc::Receiver<Vec<u8>>> {
            match self.0 {}
        }

        /// Unreachable.
        pub fn deliver(&self, _: RelayedVoice, _: Instant) {
            match self.0 {}
        }

        /// Unreachable.
        pub fn state(&self) -> Arc<Mutex<VoiceState>> {
            match self.0 {}
        }

        /// Unreachable.
        pub fn stop(self) -> Result<()> {
            match self.0 {}
        }
    }
}
