//! Voice activity detection: is this 20 ms frame speech?
//!
//! Energy against an adaptive noise floor: a frame is speech when it stands 9 dB above the floor
//! (and above an absolute -55 dBFS); the floor follows quiet frames quickly and loud ones
//! slowly, so steady background noise (a fan, a hangar) stops triggering. Speech keeps the
//! channel open for a hangover of 300 ms, so word endings and short pauses are not clipped.

/// Frames the channel stays open after the last speech frame (15 × 20 ms).
const HANGOVER: u32 = 15;
/// How far above the noise floor speech stands, in dB.
const MARGIN_DB: f32 = 9.0;
/// Below this level nothing is speech.
const ABSOLUTE_DB: f32 = -55.0;

/// The detector's state.
#[derive(Debug, Clone)]
pub struct Vad {
    floor_db: f32,
    hang: u32,
}

impl Default for Vad {
    fn default() -> Self {
        Vad { floor_db: -60.0, hang: 0 }
    }
}

impl Vad {
    /// Feeds one frame; returns whether to send it.
    pub fn update(&mut self, frame: &[f32]) -> bool {
        let db = level_db(frame);
        let speech = db > ABSOLUTE_DB && db > self.floor_db + MARGIN_DB;
        // Fall fast towards quiet frames, creep up under loud ones (speech barely moves it).
        let rate = if db < self.floor_db { 0.3 } else { 0.005 };
        self.floor_db += (db - self.floor_db) * rate;
        if speech {
            self.hang = HANGOVER;
            true
        } else if self.hang > 0 {
            self.hang -= 1;
            true
        } else {
            false
        }
    }
}

/// RMS level of a frame in dBFS (-100 for silence).
pub fn level_db(frame: &[f32]) -> f32 {
    if frame.is_empty() {
        return -100.0;
    }
    let mean_square = frame.iter().map(|s| s * s).sum::<f32>() / frame.len() as f32;
    (10.0 * mean_square.max(1e-10).log10()).max(-100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(amplitude: f32, n: usize) -> Vec<f32> {
        (0..n).map(|i| amplitude * (i as f32 * 0.07).sin()).collect()
    }

    fn noise(amplitude: f32, rng: &mut fastrand::Rng) -> Vec<f32> {
        (0..960).map(|_| amplitude * (rng.f32() * 2.0 - 1.0)).collect()
    }

    #[test]
    fn speech_opens_the_channel_and_the_hangover_closes_it() {
        let mut vad = Vad::default();
        let mut rng = fastrand::Rng::with_seed(1);
        let quiet: Vec<bool> = (0..50).map(|_| vad.update(&noise(0.001, &mut rng))).collect();
        assert!(quiet.iter().all(|s| !s), "background alone is not speech");
        assert!(vad.update(&tone(0.3, 960)), "speech opens at once");
        let after: Vec<bool> = (0..30).map(|_| vad.update(&noise(0.001, &mut rng))).collect();
        assert_eq!(after.iter().filter(|s| **s).count(), HANGOVER as usize, "300 ms hangover, then closed");
    }

    #[test]
    fn steady_loud_noise_stops_triggering() {
        let mut vad = Vad::default();
        let mut rng = fastrand::Rng::with_seed(2);
        let decisions: Vec<bool> = (0..1500).map(|_| vad.update(&noise(0.05, &mut rng))).collect();
        assert!(decisions[1000..].iter().all(|s| !s), "the floor rose to the fan's level");
        assert!(vad.update(&tone(0.5, 960)), "speech over the fan still opens");
    }

    #[test]
    fn levels_are_in_dbfs() {
        assert!((level_db(&[1.0; 960]) - 0.0).abs() < 0.01);
        assert!((level_db(&[0.1; 960]) + 20.0).abs() < 0.01);
        assert_eq!(level_db(&[0.0; 960]), -100.0);
        assert_eq!(level_db(&[]), -100.0);
    }
}
