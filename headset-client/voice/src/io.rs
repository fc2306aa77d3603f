//! Where voice comes from and goes to: WAV files (tests, machines without audio devices) or,
//! with the `audio-devices` feature, the system's microphone and speakers.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use anyhow::{Context, Result, bail};
use crossdock_protocol::voice::SAMPLE_RATE;

/// A microphone: 20 ms of mono 48 kHz samples at a time.
pub trait Source: Send {
    /// Fills `frame` (960 samples, -1 to 1); `false` once the source has nothing more (a file's
    /// end), after which `frame` is silence.
    fn read(&mut self, frame: &mut [f32]) -> bool;
}

/// Speakers: 20 ms of interleaved stereo 48 kHz samples at a time.
pub trait Sink: Send {
    /// Plays (or writes) one frame of 1920 samples.
    fn write(&mut self, stereo: &[f32]) -> Result<()>;
    /// Flushes what is buffered (a file's header and tail).
    fn finish(&mut self) -> Result<()> {
        Ok(())
    }
}

/// No microphone: listen only.
#[derive(Debug, Default)]
pub struct NoSource;

impl Source for NoSource {
    fn read(&mut self, frame: &mut [f32]) -> bool {
        frame.fill(0.0);
        false
    }
}

/// No speakers: voices are decoded (for the speaking indicator and the stats) and dropped.
#[derive(Debug, Default)]
pub struct NoSink;

impl Sink for NoSink {
    fn write(&mut self, _: &[f32]) -> Result<()> {
        Ok(())
    }
}

/// A WAV file read once, paced by the voice thread: one frame every 20 ms, as if spoken.
#[derive(Debug)]
pub struct WavSource {
    samples: Vec<f32>,
    at: usize,
}

impl WavSource {
    /// Reads a PCM or float WAV of any rate and channel count (mixed to mono, resampled to
    /// 48 kHz).
    pub fn open(path: &Path) -> Result<WavSource> {
        let hint = "give a PCM or float WAV file, e.g. `sox speech.mp3 -c 1 -r 48000 speech.wav`";
        let mut reader = hound::WavReader::open(path)
            .with_context(|| format!("cannot read `{}` as a WAV file: {hint}", path.display()))?;
        let spec = reader.spec();
        let channels = usize::from(spec.channels.max(1));
        let interleaved: Vec<f32> = match spec.sample_format {
            hound::SampleFormat::Float => reader.samples::<f32>().collect::<Result<_, _>>(),
            hound::SampleFormat::Int => {
                let scale = 1.0 / (1u64 << (spec.bits_per_sample.clamp(1, 32) - 1)) as f32;
                reader.samples::<i32>().map(|s| s.map(|s| s as f32 * scale)).collect::<Result<_, _>>()
            }
        }
        .with_context(|| format!("`{}` is damaged: {hint}", path.display()))?;
        if interleaved.is_empty() {
            bail!("`{}` holds no audio: {hint}", path.display());
        }
        let mono: Vec<f32> = interleaved.chunks(channels).map(|c| c.iter().sum::<f32>() / channels as f32).collect();
        Ok(WavSource { samples: crate::resample::clip(&mono, 1, spec.sample_rate, SAMPLE_RATE)?, at: 0 })
    }

    /// A source playing `samples` (mono, 48 kHz).
    pub fn from_samples(samples: Vec<f32>) -> WavSource {
        WavSource { samples, at: 0 }
    }

    /// The whole recording, mono 48 kHz.
    pub fn samples(&self) -> &[f32] {
        &self.samples
    }
}

impl Source for WavSource {
    fn read(&mut self, frame: &mut [f32]) -> bool {
        frame.fill(0.0);
        let rest = &self.samples[self.at.min(self.samples.len())..];
        let n = rest.len().min(frame.len());
        frame[..n].copy_from_slice(&rest[..n]);
        self.at += frame.len();
        n > 0
    }
}

/// Writes `samples` (-1 to 1, clipped) as a 48 kHz mono 16-bit WAV file: the clips a test or a
/// tool makes to speak with.
pub fn write_mono(path: &Path, samples: impl IntoIterator<Item = f32>) -> Result<()> {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: SAMPLE_RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut out = hound::WavWriter::create(path, spec)
        .with_context(|| format!("cannot write `{}`: check the folder exists and is writable", path.display()))?;
    for s in samples {
        out.write_sample((s.clamp(-1.0, 1.0) * f32::from(i16::MAX)) as i16)?;
    }
    out.finalize().context("cannot finish the WAV file")
}

/// Writes what is heard to a 48 kHz stereo 16-bit WAV file, 20 ms per frame, silence included,
/// so the file's timeline is the listener's.
pub struct WavSink {
    writer: Option<hound::WavWriter<BufWriter<File>>>,
}

impl std::fmt::Debug for WavSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WavSink").field("open", &self.writer.is_some()).finish()
    }
}

impl WavSink {
    /// Creates (or truncates) `path`.
    pub fn create(path: &Path) -> Result<WavSink> {
        let spec = hound::WavSpec {
            channels: 2,
            sample_rate: SAMPLE_RATE,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let writer = hound::WavWriter::create(path, spec)
            .with_context(|| format!("cannot write `{}`: check the folder exists and is writable", path.display()))?;
        Ok(WavSink { writer: Some(writer) })
    }
}

impl Sink for WavSink {
    fn write(&mut self, stereo: &[f32]) -> Result<()> {
        let Some(writer) = &mut self.writer else { return Ok(()) };
        for s in stereo {
            writer.write_sample((s.clamp(-1.0, 1.0) * f32::from(i16::MAX)) as i16)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        if let Some(writer) = self.writer.take() {
            writer.finalize().context("cannot finish the WAV file")?;
        }
        Ok(())
    }
}

impl Drop for WavSink {
    fn drop(&mut self) {
        let _ = self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossdock_protocol::voice::FRAME_SAMPLES as FRAME;

    #[test]
    fn a_wav_round_trips_through_sink_and_source_at_48k_mono() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.wav");
        let mut sink = WavSink::create(&path).unwrap();
        let tone: Vec<f32> = (0..FRAME * 2).map(|i| 0.5 * (i as f32 * 0.05).sin()).collect();
        sink.write(&tone).unwrap();
        sink.finish().unwrap();
        let mut source = WavSource::open(&path).unwrap();
        assert_eq!(source.samples().len(), FRAME, "stereo mixed down to one 20 ms frame");
        let mut frame = vec![0.0; FRAME];
        assert!(source.read(&mut frame));
        let expected = (tone[0] + tone[1]) / 2.0;
        assert!((frame[0] - expected).abs() < 1e-3 && (frame[10] - (tone[20] + tone[21]) / 2.0).abs() < 1e-3);
        assert!(!source.read(&mut frame), "then the file is over");
        assert!(frame.iter().all(|s| *s == 0.0));
    }

    #[test]
    fn a_file_that_is_not_a_wav_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.wav");
        std::fs::write(&path, b"not audio").unwrap();
        let err = WavSource::open(&path).unwrap_err().to_string();
        assert!(err.contains("cannot read") && err.contains("sox"), "{err}");
    }
}
