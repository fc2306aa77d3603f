//! The system's microphone and speakers, through cpal. Between each device's callback and the
//! 20 ms voice thread runs a lock-free ring (rtrb: the callback never waits on a lock), and a
//! rubato stream converts the device's rate to and from 48 kHz.

use std::time::Duration;

use anyhow::{Context, Result};
use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use crossdock_protocol::voice::{FRAME_SAMPLES, SAMPLE_RATE};

use super::io::{Sink, Source};
use super::resample;

/// Most audio held between a device and the voice thread: 200 ms at the device's rate and
/// channel count. A full ring drops what does not fit; the microphone's reader also skips a
/// backlog, so what it sends stays current.
fn ring_len(rate: u32, channels: usize) -> usize {
    rate as usize / 5 * channels
}
const OPEN_TIMEOUT: Option<Duration> = Some(Duration::from_secs(3));

/// A running device stream: its rate, and the stream itself (dropping it stops the device).
struct Endpoint {
    /// The device's sample rate.
    rate: u32,
    _stream: cpal::Stream,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Endpoint").field("rate", &self.rate).finish()
    }
}

/// The default input device.
#[derive(Debug)]
pub struct Microphone {
    _device: Endpoint,
    samples: rtrb::Consumer<f32>,
    resample: resample::Stream,
    taken: Vec<f32>,
}

impl Microphone {
    /// Opens the default input device.
    pub fn open() -> Result<Microphone> {
        let hint = "plug in a headset or microphone, or pass --audio-in FILE.wav (or --voice off)";
        let device =
            cpal::default_host().default_input_device().with_context(|| format!("no microphone found: {hint}"))?;
        let config =
            device.default_input_config().with_context(|| format!("the microphone cannot be opened: {hint}"))?;
        let (rate, channels) = (config.sample_rate(), usize::from(config.channels().max(1)));
        let (mut writer, samples) = rtrb::RingBuffer::new(ring_len(rate, 1));
        let stream = device
            .build_input_stream::<f32, _, _>(
                config.config(),
                move |data: &[f32], _| {
                    for frame in data.chunks(channels) {
                        // Mixed to mono; when the voice thread is behind, the newest is dropped.
                        let _ = writer.push(frame.iter().sum::<f32>() / channels as f32);
                    }
                },
                |e| tracing::warn!(error = %e, "microphone error"),
                OPEN_TIMEOUT,
            )
            .with_context(|| format!("the microphone refused 32-bit float capture: {hint}"))?;
        stream.play().with_context(|| format!("the microphone would not start: {hint}"))?;
        let resample = resample::Stream::new(rate, SAMPLE_RATE, FRAME_SAMPLES, 1, resample::Fixed::Output)?;
        Ok(Microphone { _device: Endpoint { rate, _stream: stream }, samples, resample, taken: Vec::new() })
    }
}

impl Source for Microphone {
    fn read(&mut self, frame: &mut [f32]) -> bool {
        let want = self.resample.input_frames();
        // More than two frames waiting: the voice thread fell behind; skip to the newest.
        let backlog = self.samples.slots().saturating_sub(2 * want);
        if let Ok(chunk) = self.samples.read_chunk(backlog) {
            chunk.commit_all();
        }
        let n = want.min(self.samples.slots());
        self.taken.clear();
        if let Ok(chunk) = self.samples.read_chunk(n) {
            self.taken.extend(chunk);
        }
        // Short of a frame (the device started late): pad with silence.
        self.taken.resize(want, 0.0);
        let samples = self.resample.process(&self.taken);
        frame.fill(0.0);
        let n = samples.len().min(frame.len());
        frame[..n].copy_from_slice(&samples[..n]);
        true
    }
}

/// The default output device.
#[derive(Debug)]
pub struct Speakers {
    _device: Endpoint,
    samples: rtrb::Producer<f32>,
    resample: resample::Stream,
}

impl Speakers {
    /// Opens the default output device.
    pub fn open() -> Result<Speakers> {
        let hint = "plug in headphones or speakers, or pass --audio-out FILE.wav";
        let device =
            cpal::default_host().default_output_device().with_context(|| format!("no speakers found: {hint}"))?;
        let config =
            device.default_output_config().with_context(|| format!("the speakers cannot be opened: {hint}"))?;
        let (rate, channels) = (config.sample_rate(), usize::from(config.channels().max(1)));
        let (samples, mut reader) = rtrb::RingBuffer::new(ring_len(rate, 2));
        let stream = device
            .build_output_stream::<f32, _, _>(
                config.config(),
                move |data: &mut [f32], _| {
                    for frame in data.chunks_mut(channels) {
                        let (left, right) = (reader.pop().unwrap_or(0.0), reader.pop().unwrap_or(0.0));
                        for (i, s) in frame.iter_mut().enumerate() {
                            *s = match (channels, i) {
                                (1, _) => (left + right) / 2.0,
                                (_, 0) => left,
                                (_, 1) => right,
                                _ => 0.0,
                            };
                        }
                    }
                },
                |e| tracing::warn!(error = %e, "speaker error"),
                OPEN_TIMEOUT,
            )
            .with_context(|| format!("the speakers refused 32-bit float playback: {hint}"))?;
        stream.play().with_context(|| format!("the speakers would not start: {hint}"))?;
        let resample = resample::Stream::new(SAMPLE_RATE, rate, FRAME_SAMPLES, 2, resample::Fixed::Input)?;
        Ok(Speakers { _device: Endpoint { rate, _stream: stream }, samples, resample })
    }
}

impl Sink for Speakers {
    fn write(&mut self, stereo: &[f32]) -> Result<()> {
        for frame in stereo.chunks(FRAME_SAMPLES * 2) {
            let mut padded = frame.to_vec();
            padded.resize(self.resample.input_frames() * 2, 0.0);
            let out = self.resample.process(&padded);
            // A full ring (the device stalled): what does not fit is dropped.
            let n = out.len().min(self.samples.slots());
            if let Ok(chunk) = self.samples.write_chunk_uninit(n) {
                let _ = chunk.fill_from_iter(out.iter().copied());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the kernel knows any sound card (Linux).
    fn sound_cards() -> bool {
        std::fs::read_to_string("/proc/asound/cards")
            .is_ok_and(|c| !c.contains("no soundcards") && !c.trim().is_empty())
    }

    #[test]
    fn without_audio_devices_the_error_says_what_to_do() {
        match (Microphone::open(), Speakers::open()) {
            (Ok(_), Ok(_)) => assert!(sound_cards(), "devices opened, so there must be a sound card"),
            (mic, speakers) => {
                let errors: Vec<String> =
                    [mic.err(), speakers.err()].into_iter().flatten().map(|e| format!("{e:#}")).collect();
                for e in &errors {
                    assert!(e.contains("--audio-in") || e.contains("--audio-out"), "names the way out: {e}");
                }
                assert!(!errors.is_empty());
            }
        }
    }
}
