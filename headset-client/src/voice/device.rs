//! The system's microphone and speakers, through cpal. Each side keeps a short ring of samples
//! between the device's callback and the 20 ms voice thread, resampling to and from 48 kHz.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};
use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use crossdock_protocol::voice::{FRAME_SAMPLES, SAMPLE_RATE};

use super::io::{Sink, Source, resample};

/// Most audio held between a device and the voice thread: 200 ms; older samples are dropped.
const RING: usize = SAMPLE_RATE as usize / 5;
const OPEN_TIMEOUT: Option<Duration> = Some(Duration::from_secs(3));

type Ring = Arc<Mutex<VecDeque<f32>>>;

fn push_bounded(ring: &Ring, samples: impl IntoIterator<Item = f32>) {
    let mut r = ring.lock().unwrap_or_else(|e| e.into_inner());
    r.extend(samples);
    let excess = r.len().saturating_sub(RING);
    r.drain(..excess);
}

/// A running device stream and the ring between it and the voice thread.
struct Endpoint {
    ring: Ring,
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
pub struct Microphone(Endpoint);

impl Microphone {
    /// Opens the default input device.
    pub fn open() -> Result<Microphone> {
        let hint = "plug in a headset or microphone, or pass --audio-in FILE.wav (or --voice off)";
        let device =
            cpal::default_host().default_input_device().with_context(|| format!("no microphone found: {hint}"))?;
        let config =
            device.default_input_config().with_context(|| format!("the microphone cannot be opened: {hint}"))?;
        let (rate, channels) = (config.sample_rate(), usize::from(config.channels().max(1)));
        let ring: Ring = Arc::default();
        let writer = ring.clone();
        let stream = device
            .build_input_stream::<f32, _, _>(
                config.config(),
                move |data: &[f32], _| {
                    push_bounded(&writer, data.chunks(channels).map(|c| c.iter().sum::<f32>() / channels as f32));
                },
                |e| tracing::warn!(error = %e, "microphone error"),
                OPEN_TIMEOUT,
            )
            .with_context(|| format!("the microphone refused 32-bit float capture: {hint}"))?;
        stream.play().with_context(|| format!("the microphone would not start: {hint}"))?;
        Ok(Microphone(Endpoint { ring, rate, _stream: stream }))
    }
}

impl Source for Microphone {
    fn read(&mut self, frame: &mut [f32]) -> bool {
        let Endpoint { ring, rate, .. } = &self.0;
        let want = (FRAME_SAMPLES as u64 * u64::from(*rate) / u64::from(SAMPLE_RATE)) as usize;
        let taken: Vec<f32> = {
            let mut r = ring.lock().unwrap_or_else(|e| e.into_inner());
            let n = want.min(r.len());
            r.drain(..n).collect()
        };
        let samples = resample(&taken, *rate, SAMPLE_RATE);
        frame.fill(0.0);
        let n = samples.len().min(frame.len());
        frame[..n].copy_from_slice(&samples[..n]);
        true
    }
}

/// The default output device.
#[derive(Debug)]
pub struct Speakers(Endpoint);

impl Speakers {
    /// Opens the default output device.
    pub fn open() -> Result<Speakers> {
        let hint = "plug in headphones or speakers, or pass --audio-out FILE.wav";
        let device =
            cpal::default_host().default_output_device().with_context(|| format!("no speakers found: {hint}"))?;
        let config =
            device.default_output_config().with_context(|| format!("the speakers cannot be opened: {hint}"))?;
        let (rate, channels) = (config.sample_rate(), usize::from(config.channels().max(1)));
        let ring: Ring = Arc::default();
        let reader = ring.clone();
        let stream = device
            .build_output_stream::<f32, _, _>(
                config.config(),
                move |data: &mut [f32], _| {
                    let mut r = reader.lock().unwrap_or_else(|e| e.into_inner());
                    for frame in data.chunks_mut(channels) {
                        let (left, right) = (r.pop_front().unwrap_or(0.0), r.pop_front().unwrap_or(0.0));
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
        Ok(Speakers(Endpoint { ring, rate, _stream: stream }))
    }
}

impl Sink for Speakers {
    fn write(&mut self, stereo: &[f32]) -> Result<()> {
        let (left, right): (Vec<f32>, Vec<f32>) = stereo.chunks(2).map(|c| (c[0], c[1])).unzip();
        let Endpoint { ring, rate, .. } = &self.0;
        let (left, right) = (resample(&left, SAMPLE_RATE, *rate), resample(&right, SAMPLE_RATE, *rate));
        push_bounded(ring, left.into_iter().zip(right).flat_map(|(l, r)| [l, r]));
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
