//! Units, once: positions and sizes travel in whole millimetres (see [`crate::quant`]) and are
//! worked with in metres; and the room's shared limits.

use glam::{Quat, Vec3};

/// How far from an item, door or handle a hand may be and still act on it, in metres. The
/// server refuses an intent from farther away ([`crate::messages::DenyReason::OutOfReach`]);
/// clients use the same distance to pick what a hand would take.
pub const REACH_M: f32 = 0.35;

/// How far `point` lies from the surface of the box centred at `center`, turned by `rotation`,
/// with half sizes `half` (0 inside it): the reach the server checks and clients pick by.
pub fn distance_to_box(point: Vec3, center: Vec3, rotation: Quat, half: Vec3) -> f32 {
    let local = rotation.inverse() * (point - center);
    (local.abs() - half).max(Vec3::ZERO).length()
}

/// A length in millimetres, in metres.
pub fn metres(mm: impl Into<i64>) -> f32 {
    mm.into() as f32 / 1000.0
}

/// A length in metres, in whole millimetres (rounded to nearest).
pub fn whole_mm(m: f32) -> i64 {
    (m * 1000.0).round() as i64
}

/// A point in millimetres (a finding's place, a concealment), in metres.
pub fn point(mm: [i32; 3]) -> Vec3 {
    Vec3::new(mm[0] as f32, mm[1] as f32, mm[2] as f32) / 1000.0
}

/// A size in millimetres (a container's inside, an item's box), in metres.
pub fn size(mm: [u32; 3]) -> Vec3 {
    Vec3::new(mm[0] as f32, mm[1] as f32, mm[2] as f32) / 1000.0
}

/// A point in metres, in whole millimetres (rounded to nearest; clamped as positions are).
pub fn millimetres(at: Vec3) -> [i32; 3] {
    crate::quant::quantise_position(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_to_box_is_zero_inside_and_grows_outside() {
        let half = Vec3::new(0.3, 0.2, 0.2);
        assert_eq!(distance_to_box(Vec3::new(1.1, 0.1, 0.0), Vec3::new(1.0, 0.2, 0.0), Quat::IDENTITY, half), 0.0);
        let d = distance_to_box(Vec3::new(2.0, 0.2, 0.0), Vec3::new(1.0, 0.2, 0.0), Quat::IDENTITY, half);
        assert!((d - 0.7).abs() < 1e-5);
        let turned = Quat::from_rotation_y(std::f32::consts::FRAC_PI_2);
        let d = distance_to_box(Vec3::new(1.0, 0.2, 0.5), Vec3::new(1.0, 0.2, 0.0), turned, half);
        assert!((d - 0.2).abs() < 1e-5, "{d}");
    }

    #[test]
    fn millimetres_and_metres_round_trip() {
        let at = Vec3::new(1.2345, -0.0004, 5.9);
        assert_eq!(millimetres(at), [1235, 0, 5900]);
        assert_eq!(point(millimetres(at)), Vec3::new(1.235, 0.0, 5.9));
        assert_eq!(size([5_898, 2_352, 2_393]), Vec3::new(5.898, 2.352, 2.393));
        assert_eq!(metres(350), 0.35);
        assert_eq!(whole_mm(0.3504), 350);
    }
}
