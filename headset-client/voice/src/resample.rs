//! Sample-rate conversion with rubato (band-limited sinc interpolation): whole clips (a WAV
//! file at any rate) and streams (a device's rate to and from the codec's 48 kHz), interleaved.

use anyhow::{Result, anyhow};
pub use rubato::FixedAsync as Fixed;
use rubato::audioadapter_buffers::direct::{InterleavedSlice, InterleavedSlice as Out};
use rubato::{Async, Resampler, SincInterpolationParameters, WindowFunction};

/// A resampler from `from` Hz to `to` Hz: a 64-tap windowed sinc, plenty for speech.
fn resampler(from: u32, to: u32, chunk: usize, channels: usize, fixed: Fixed) -> Result<Async<f32>> {
    let sinc = SincInterpolationParameters::new(64, WindowFunction::BlackmanHarris2);
    Async::<f32>::new_sinc(f64::from(to) / f64::from(from), 1.0, &sinc, chunk, channels, fixed)
        .map_err(|e| anyhow!("cannot resample {from} Hz to {to} Hz: {e}"))
}

/// A whole clip of `channels` interleaved channels from `from` Hz to `to` Hz.
pub fn clip(input: &[f32], channels: usize, from: u32, to: u32) -> Result<Vec<f32>> {
    let frames = input.len() / channels.max(1);
    if from == to || frames == 0 {
        return Ok(input.to_vec());
    }
    let mut resampler = resampler(from, to, 1024, channels, Fixed::Input)?;
    let adapter = InterleavedSlice::new(input, channels, frames).map_err(|e| anyhow!("{e}"))?;
    let out = resampler.process_all(&adapter, frames, None).map_err(|e| anyhow!("resampling failed: {e}"))?;
    Ok(out.take_data())
}

/// A stream resampled chunk by chunk, its filter state kept between chunks. At equal rates it
/// passes samples through.
pub struct Stream {
    resampler: Option<Async<f32>>,
    channels: usize,
    chunk: usize,
    out: Vec<f32>,
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stream").field("channels", &self.channels).field("chunk", &self.chunk).finish()
    }
}

impl Stream {
    /// From `from` Hz to `to` Hz, `channels` interleaved; `chunk` frames on the `fixed` side
    /// (`Input`: every call takes `chunk` frames; `Output`: every call gives `chunk` frames).
    pub fn new(from: u32, to: u32, chunk: usize, channels: usize, fixed: Fixed) -> Result<Stream> {
        let resampler = (from != to).then(|| resampler(from, to, chunk, channels, fixed)).transpose()?;
        let max = resampler.as_ref().map_or(chunk, Resampler::output_frames_max);
        Ok(Stream { resampler, channels, chunk, out: vec![0.0; max * channels] })
    }

    /// How many frames the next call takes.
    pub fn input_frames(&self) -> usize {
        self.resampler.as_ref().map_or(self.chunk, Resampler::input_frames_next)
    }

    /// Resamples `input` (exactly [`Stream::input_frames`] frames); returns what it comes to.
    pub fn process<'a>(&'a mut self, input: &'a [f32]) -> &'a [f32] {
        let Some(resampler) = &mut self.resampler else { return input };
        let frames = input.len() / self.channels;
        let capacity = self.out.len() / self.channels;
        let (Ok(adapter), Ok(mut out)) = (
            InterleavedSlice::new(input, self.channels, frames),
            Out::new_mut(&mut self.out[..], self.channels, capacity),
        ) else {
            return &[];
        };
        match resampler.process_into_buffer(&adapter, &mut out, None) {
            Ok((_, produced)) => &self.out[..produced * self.channels],
            Err(e) => {
                tracing::debug!(error = %e, "a chunk could not be resampled; dropped");
                &[]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sine(rate: u32, hz: f32, seconds: f32) -> Vec<f32> {
        (0..(rate as f32 * seconds) as usize)
            .map(|i| (i as f32 / rate as f32 * hz * std::f32::consts::TAU).sin())
            .collect()
    }

    #[test]
    fn a_clip_at_another_rate_keeps_its_pitch_and_length() {
        let out = clip(&sine(16_000, 440.0, 1.0), 1, 16_000, 48_000).expect("resampled");
        assert!(out.len().abs_diff(48_000) <= 1, "one second stays one second: {}", out.len());
        let want = sine(48_000, 440.0, 1.0);
        // The filter may leave the clip a sample early or late; the tone itself must be exact.
        let worst = (0..=4)
            .map(|lag| (10_000..38_000).map(|i| (out[i + lag - 2] - want[i]).abs()).fold(0.0, f32::max))
            .fold(f32::MAX, f32::min);
        assert!(worst < 0.01, "the same tone: worst error {worst}");
    }

    #[test]
    fn a_stream_gives_fixed_chunks_that_join_up() {
        let input = sine(44_100, 300.0, 0.5);
        let mut stream = Stream::new(44_100, 48_000, 960, 1, Fixed::Output).expect("a stream");
        let (mut at, mut out) = (0, Vec::new());
        while at + stream.input_frames() <= input.len() {
            let n = stream.input_frames();
            let chunk = stream.process(&input[at..at + n]).to_vec();
            assert_eq!(chunk.len(), 960, "every call gives one 20 ms frame at 48 kHz");
            out.extend(chunk);
            at += n;
        }
        let delay = out.iter().position(|s| s.abs() > 0.05).expect("the tone comes out");
        let want = sine(48_000, 300.0, 0.5);
        let worst = (delay + 2_000..out.len() - 2_000).map(|i| (out[i] - want[i - delay]).abs()).fold(0.0, f32::max);
        assert!(worst < 0.1, "chunks join without clicks: worst error {worst}");
        let mut same = Stream::new(48_000, 48_000, 960, 2, Fixed::Input).expect("a stream");
        assert_eq!(same.process(&[0.25; 1920]), &[0.25; 1920][..], "equal rates pass through");
    }
}
