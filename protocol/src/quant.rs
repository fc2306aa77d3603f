//! Quantised poses: millimetre positions in the room frame and smallest-three rotations.
//!
//! The room frame: origin on the container floor at the front wall's centre, +x along the
//! container towards the doors, +y up, +z across. One unit of [`QPose::pos`] is one millimetre.
//! Rotations keep the three smallest quaternion components in [`ROT_BITS`] bits each plus the
//! index of the largest (Glenn Fiedler's "smallest three"), about 0.16 degrees per step.

use bincode::{Decode, Encode};
use glam::{Quat, Vec3};

/// Bits per smallest-three component.
pub const ROT_BITS: u32 = 9;
/// Largest quantised smallest-three component value. Even, so that 0.0 maps exactly to
/// `ROT_MAX / 2` and the identity rotation survives quantisation exactly.
pub const ROT_MAX: u16 = (1 << ROT_BITS) - 2;
/// Positions are clamped to this many millimetres from the origin on each axis (about 1 km).
pub const POS_LIMIT_MM: i32 = (1 << 20) - 1;

const SQRT_HALF: f32 = std::f32::consts::FRAC_1_SQRT_2;

/// A rotation as smallest three: `largest` is the index (x, y, z, w) of the dropped component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Encode, Decode)]
pub struct QRot {
    /// Index of the largest-magnitude component, 0..=3; it is reconstructed as positive.
    pub largest: u8,
    /// The other three components in index order, each in `0..=ROT_MAX`.
    pub small: [u16; 3],
}

/// A quantised position and rotation in the room frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Encode, Decode)]
pub struct QPose {
    /// Millimetres on x, y, z, each within `±POS_LIMIT_MM`.
    pub pos: [i32; 3],
    /// The orientation.
    pub rot: QRot,
}

impl QRot {
    /// The identity rotation, quantised.
    pub const IDENTITY: QRot = QRot { largest: 3, small: [ROT_MAX / 2; 3] };

    /// Quantises a rotation; non-finite input becomes the identity.
    pub fn from_quat(q: Quat) -> QRot {
        let q = if q.is_finite() && q.length_squared() > 1e-12 { q.normalize() } else { Quat::IDENTITY };
        let c = q.to_array();
        let largest = (0..4).max_by(|&a, &b| c[a].abs().total_cmp(&c[b].abs())).unwrap_or(3);
        let sign = if c[largest] < 0.0 { -1.0 } else { 1.0 };
        let mut small = [0u16; 3];
        for (slot, i) in (0..4).filter(|&i| i != largest).enumerate() {
            let unit = (c[i] * sign / SQRT_HALF).clamp(-1.0, 1.0) * 0.5 + 0.5;
            small[slot] = (unit * ROT_MAX as f32).round() as u16;
        }
        QRot { largest: largest as u8, small }
    }

    /// The rotation this stands for. Out-of-range fields (from a hostile peer) are clamped.
    pub fn to_quat(self) -> Quat {
        let largest = (self.largest & 3) as usize;
        let mut c = [0.0f32; 4];
        let mut sum = 0.0;
        for (slot, i) in (0..4).filter(|&i| i != largest).enumerate() {
            let unit = self.small[slot].min(ROT_MAX) as f32 / ROT_MAX as f32;
            c[i] = (unit * 2.0 - 1.0) * SQRT_HALF;
            sum += c[i] * c[i];
        }
        c[largest] = (1.0 - sum).max(0.0).sqrt();
        Quat::from_array(c).normalize()
    }

    /// Whether every field is in range, as [`QRot::from_quat`] produces.
    pub fn is_valid(self) -> bool {
        self.largest < 4 && self.small.iter().all(|&s| s <= ROT_MAX)
    }
}

impl Default for QPose {
    fn default() -> Self {
        QPose::ZERO
    }
}

impl QPose {
    /// The pose at the origin with no rotation: the baseline when there is none.
    pub const ZERO: QPose = QPose { pos: [0; 3], rot: QRot::IDENTITY };

    /// Quantises a position (metres) and rotation.
    pub fn new(pos: Vec3, rot: Quat) -> QPose {
        QPose { pos: quantise_position(pos), rot: QRot::from_quat(rot) }
    }

    /// The position in metres.
    pub fn position(self) -> Vec3 {
        crate::units::point(self.pos)
    }

    /// The rotation.
    pub fn rotation(self) -> Quat {
        self.rot.to_quat()
    }

    /// Whether every field is in range, as [`QPose::new`] produces.
    pub fn is_valid(self) -> bool {
        self.rot.is_valid() && self.pos.iter().all(|p| p.abs() <= POS_LIMIT_MM)
    }
}

/// Metres to clamped millimetres; NaN becomes 0.
pub fn quantise_position(pos: Vec3) -> [i32; 3] {
    pos.to_array().map(|m| {
        let mm = (m * 1000.0).round();
        if mm.is_nan() { 0 } else { mm.clamp(-(POS_LIMIT_MM as f32), POS_LIMIT_MM as f32) as i32 }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn identity_quantises_to_the_identity_constant() {
        assert_eq!(QRot::from_quat(Quat::IDENTITY), QRot::IDENTITY);
        assert_eq!(QRot::IDENTITY.to_quat(), Quat::IDENTITY);
    }

    #[test]
    fn non_finite_input_is_clamped_not_propagated() {
        let q = QPose::new(Vec3::new(f32::NAN, f32::INFINITY, -1e12), Quat::from_xyzw(f32::NAN, 0.0, 0.0, 0.0));
        assert_eq!(q.pos, [0, POS_LIMIT_MM, -POS_LIMIT_MM]);
        assert_eq!(q.rot, QRot::IDENTITY);
    }

    proptest! {
        #[test]
        fn rotation_error_stays_under_half_a_degree(x in -1.0f32..1.0, y in -1.0f32..1.0, z in -1.0f32..1.0, w in -1.0f32..1.0) {
            let q = Quat::from_xyzw(x, y, z, w);
            prop_assume!(q.length() > 0.1);
            let q = q.normalize();
            let back = QRot::from_quat(q).to_quat();
            prop_assert!(back.angle_between(q).to_degrees() < 0.5, "{q:?} -> {back:?}");
        }

        #[test]
        fn position_error_stays_under_a_millimetre(x in -500.0f32..500.0, y in -500.0f32..500.0, z in -500.0f32..500.0) {
            let p = Vec3::new(x, y, z);
            let back = QPose::new(p, Quat::IDENTITY).position();
            prop_assert!((back - p).abs().max_element() <= 0.0006);
        }

        #[test]
        fn hostile_rotations_never_panic(largest in any::<u8>(), small in any::<[u16; 3]>()) {
            let q = QRot { largest, small }.to_quat();
            prop_assert!(q.is_finite());
        }
    }
}
