//! Opus: 20 ms mono frames at 48 kHz, tuned for speech over a lossy path (VoIP mode, 28 kbit/s
//! constrained VBR, in-band FEC for 10 % loss). Decoding never panics on garbage: a packet
//! libopus rejects is concealed instead.

use anyhow::{Context, Result};
use crossdock_protocol::voice::{FRAME_SAMPLES, MAX_PAYLOAD, SAMPLE_RATE};
use opus::{Application, Bitrate, Channels};

use super::jitter::Playout;

/// The bitrate clients encode at, bits per second.
pub const BITRATE: i32 = 28_000;

/// One speaker's encoder.
pub struct Encoder(opus::Encoder);

impl std::fmt::Debug for Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Encoder")
    }
}

impl Encoder {
    /// An encoder at `bitrate` bits per second.
    pub fn new(bitrate: i32) -> Result<Encoder> {
        let mut e = opus::Encoder::new(SAMPLE_RATE, Channels::Mono, Application::Voip).context("cannot start Opus")?;
        e.set_bitrate(Bitrate::Bits(bitrate))?;
        e.set_vbr(true)?;
        e.set_vbr_constraint(true)?;
        e.set_inband_fec(true)?;
        e.set_packet_loss_perc(10)?;
        Ok(Encoder(e))
    }

    /// Encodes one 20 ms frame.
    pub fn encode(&mut self, frame: &[f32]) -> Result<Vec<u8>> {
        debug_assert_eq!(frame.len(), FRAME_SAMPLES);
        Ok(self.0.encode_vec_float(frame, MAX_PAYLOAD)?)
    }
}

/// One remote speaker's decoder.
pub struct Decoder {
    inner: opus::Decoder,
    /// Packets libopus refused (concealed instead).
    pub errors: u64,
}

impl std::fmt::Debug for Decoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Decoder").field("errors", &self.errors).finish()
    }
}

impl Decoder {
    /// A decoder for 48 kHz mono.
    pub fn new() -> Result<Decoder> {
        Ok(Decoder { inner: opus::Decoder::new(SAMPLE_RATE, Channels::Mono).context("cannot start Opus")?, errors: 0 })
    }

    /// Decodes what the jitter buffer chose into `out` (960 samples).
    pub fn decode(&mut self, playout: &Playout, out: &mut [f32]) {
        let result = match playout {
            Playout::Silence => {
                out.fill(0.0);
                return;
            }
            Playout::Frame { payload, .. } => self.inner.decode_float(payload, out, false),
            Playout::Recover { next } => self.inner.decode_float(next, out, true),
            Playout::Conceal => self.inner.decode_float(&[], out, false),
        };
        match result {
            Ok(n) if n == out.len() => {}
            // A damaged or hostile packet (or one of another frame size): conceal it.
            _ => {
                self.errors += 1;
                if self.inner.decode_float(&[], out, false).is_err() {
                    out.fill(0.0);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speechlike(frames: usize) -> Vec<f32> {
        // A 150 Hz voice with two formants, syllables four times a second.
        (0..frames * FRAME_SAMPLES)
            .map(|i| {
                let t = i as f32 / SAMPLE_RATE as f32;
                let envelope = (std::f32::consts::PI * 4.0 * t).sin().abs();
                let f0 = 150.0 * std::f32::consts::TAU * t;
                envelope * (0.3 * f0.sin() + 0.15 * (f0 * 5.0).sin() + 0.08 * (f0 * 15.0).sin())
            })
            .collect()
    }

    #[test]
    fn speech_survives_a_round_trip_at_the_target_bitrate() {
        let input = speechlike(100);
        let mut enc = Encoder::new(BITRATE).unwrap();
        let mut dec = Decoder::new().unwrap();
        let mut output = Vec::new();
        let mut bytes = 0;
        for frame in input.chunks(FRAME_SAMPLES) {
            let packet = enc.encode(frame).unwrap();
            bytes += packet.len();
            let mut out = vec![0.0; FRAME_SAMPLES];
            dec.decode(&Playout::Frame { seq: 0, payload: packet, all_call: false }, &mut out);
            output.extend(out);
        }
        let kbps = bytes as f64 * 8.0 / 2.0 / 1000.0;
        assert!((20.0..=34.0).contains(&kbps), "{kbps} kbit/s");
        // Opus delays by its look-ahead; compare energy envelopes, 20 ms at a time.
        let energy =
            |s: &[f32]| s.chunks(FRAME_SAMPLES).map(|c| c.iter().map(|x| x * x).sum::<f32>()).collect::<Vec<_>>();
        let (a, b) = (energy(&input), energy(&output));
        let corr = super::super::quality::correlation(&a[1..99], &b[1..99]);
        assert!(corr > 0.9, "envelope correlation {corr}");
        assert_eq!(dec.errors, 0);
    }

    #[test]
    fn garbage_packets_are_concealed_not_panicked_on() {
        let mut dec = Decoder::new().unwrap();
        let mut rng = fastrand::Rng::with_seed(5);
        let mut out = vec![0.0; FRAME_SAMPLES];
        for _ in 0..2000 {
            let len = rng.usize(1..=MAX_PAYLOAD);
            let packet: Vec<u8> = (0..len).map(|_| rng.u8(..)).collect();
            dec.decode(&Playout::Frame { seq: 0, payload: packet.clone(), all_call: false }, &mut out);
            dec.decode(&Playout::Recover { next: packet }, &mut out);
            assert!(out.iter().all(|s| s.is_finite()));
        }
        assert!(dec.errors > 0, "libopus refused some of the garbage");
    }
}
