//! Spatial playback: each voice comes from the speaker's head, heard from the listener's.
//!
//! Level falls with distance beyond a metre (inverse-distance, half rolloff, so someone at the
//! far end of a 40-foot container is still heard), and an equal-power pan places the voice left
//! or right of where the listener faces. An all-call is heard at full level from the centre.

use glam::{Quat, Vec3};

/// Distance within which a voice is at full level, metres.
const NEAR: f32 = 1.0;
/// How fast the level falls beyond `NEAR`.
const ROLLOFF: f32 = 0.5;
/// Level of a speaker with no known position (not yet seen).
const UNPLACED: f32 = 0.7;

/// Where the listener's head is and which way it faces.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Listener {
    /// Head position.
    pub position: Vec3,
    /// Head orientation (forward is -z).
    pub rotation: Quat,
}

impl Default for Listener {
    fn default() -> Self {
        Listener { position: Vec3::new(0.0, 1.65, 0.0), rotation: Quat::IDENTITY }
    }
}

/// Left and right gains for a voice from `speaker` (its head, if known).
pub fn gains(listener: &Listener, speaker: Option<Vec3>, all_call: bool) -> [f32; 2] {
    if all_call {
        return [1.0, 1.0];
    }
    let Some(at) = speaker else { return [UNPLACED; 2] };
    let offset = at - listener.position;
    let distance = offset.length();
    let level = NEAR / (NEAR + ROLLOFF * (distance - NEAR).max(0.0));
    // The listener's right is +x in head space; -1 is hard left, +1 hard right.
    let local = listener.rotation.inverse() * offset;
    let pan = if distance > 1e-3 { (local.x / distance).clamp(-1.0, 1.0) } else { 0.0 };
    let angle = (pan + 1.0) * std::f32::consts::FRAC_PI_4;
    // Equal power, scaled so a voice straight ahead is at `level` in both ears.
    let (left, right) = (angle.cos() * std::f32::consts::SQRT_2, angle.sin() * std::f32::consts::SQRT_2);
    [level * left.min(1.0), level * right.min(1.0)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_voice_ahead_is_centred_and_fades_with_distance() {
        let me = Listener::default();
        let near = gains(&me, Some(me.position + Vec3::new(0.0, 0.0, -0.8)), false);
        assert!(near.iter().all(|g| (g - 1.0).abs() < 1e-5), "{near:?}");
        let far = gains(&me, Some(me.position + Vec3::new(0.0, 0.0, -6.0)), false);
        assert!((far[0] - far[1]).abs() < 1e-5 && far[0] < 0.35 && far[0] > 0.2, "{far:?}");
    }

    #[test]
    fn a_voice_on_the_right_is_louder_in_the_right_ear_and_turning_moves_it() {
        let me = Listener::default();
        let right_of_me = me.position + Vec3::new(2.0, 0.0, 0.0);
        let [l, r] = gains(&me, Some(right_of_me), false);
        assert!(r > 0.6 && l < 0.05, "{l} {r}");
        // Turn 90° to the right (clockwise seen from above): the voice is now straight ahead.
        let turned = Listener { rotation: Quat::from_rotation_y(-std::f32::consts::FRAC_PI_2), ..me };
        let [l, r] = gains(&turned, Some(right_of_me), false);
        assert!((l - r).abs() < 1e-3, "{l} {r}");
    }

    #[test]
    fn an_all_call_is_full_level_wherever_the_speaker_stands() {
        let me = Listener::default();
        assert_eq!(gains(&me, Some(Vec3::new(40.0, 0.0, 0.0)), true), [1.0, 1.0]);
        assert_eq!(gains(&me, None, false), [UNPLACED; 2]);
    }
}
