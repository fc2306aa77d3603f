//! Spatial playback: each voice comes from the speaker's head, heard from the listener's.
//!
//! Level falls with distance beyond a metre (inverse-distance, half rolloff, so someone at the
//! far end of a 40-foot container is still heard), and an equal-power pan places the voice left
//! or right of where the listener faces. An all-call is heard at full level from the centre, as
//! is an interpreter on the listener's channel, while the floor drops to the level the listener
//! set ([`FloorLevel`]).

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

/// How loud the floor plays under an interpretation channel, from 0 (silent) to 1 (as is).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FloorLevel(pub f32);

impl Default for FloorLevel {
    /// Low enough that the interpreter is understood over it, high enough that the room is
    /// still there (tone, who speaks, when to look).
    fn default() -> Self {
        FloorLevel(0.3)
    }
}

/// What a listener hears a voice as.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Heard {
    /// The floor, from the speaker's head; `under` is the level it drops to while the listener
    /// listens to an interpretation channel.
    Floor {
        /// The speaker's head, if known.
        at: Option<Vec3>,
        /// An instructor's all-call.
        all_call: bool,
        /// Set while on a channel.
        under: Option<FloorLevel>,
    },
    /// An interpreter on the listener's channel: full level, from no particular place.
    Interpretation,
}

/// Left and right gains for a voice as the listener hears it.
pub fn heard(listener: &Listener, voice: Heard) -> [f32; 2] {
    match voice {
        Heard::Interpretation => [1.0, 1.0],
        Heard::Floor { at, all_call, under } => {
            let level = under.map_or(1.0, |l| l.0.clamp(0.0, 1.0));
            gains(listener, at, all_call).map(|g| g * level)
        }
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
    fn an_interpreter_is_at_full_level_and_the_floor_drops_only_for_channel_listeners() {
        let me = Listener::default();
        let ahead = Some(me.position + Vec3::new(0.0, 0.0, -3.0));
        let floor = gains(&me, ahead, false);
        assert_eq!(heard(&me, Heard::Interpretation), [1.0, 1.0], "the interpreter in both ears, at full level");
        let on_floor = heard(&me, Heard::Floor { at: ahead, all_call: false, under: None });
        assert_eq!(on_floor, floor, "a listener on the floor hears the floor as before");
        let under = heard(&me, Heard::Floor { at: ahead, all_call: false, under: Some(FloorLevel(0.25)) });
        assert!((under[0] - floor[0] * 0.25).abs() < 1e-6 && (under[1] - floor[1] * 0.25).abs() < 1e-6, "{under:?}");
        let silent = heard(&me, Heard::Floor { at: ahead, all_call: true, under: Some(FloorLevel(0.0)) });
        assert_eq!(silent, [0.0, 0.0], "the floor turned right down, all-call too");
    }

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
