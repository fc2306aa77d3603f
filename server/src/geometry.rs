//! Geometry of the room, once: hands, boxes, the container's inside. Positions in metres, the
//! room frame of `protocol/PROTOCOL.md` (x from the container's front wall towards its doors,
//! y up, z across it, centred).

use crossdock_protocol::Hand;
use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::units;
use glam::{Quat, Vec3};

/// A hand's position and orientation.
#[derive(Debug, Clone, Copy)]
pub struct HandPose {
    /// Where it is.
    pub position: Vec3,
    /// How it is turned.
    pub rotation: Quat,
}

/// The pose of one hand of an avatar.
pub fn hand_pose(avatar: &AvatarPose, hand: Hand) -> HandPose {
    let q = match hand {
        Hand::Left => avatar.left,
        Hand::Right => avatar.right,
    };
    HandPose { position: q.position(), rotation: q.rotation() }
}

/// Whether an oriented box lies wholly inside the container (x from the front wall, y up, z across).
pub fn inside_container(center: Vec3, rotation: Quat, half: Vec3, container_mm: [u32; 3]) -> bool {
    let size = units::size(container_mm);
    let m = glam::Mat3::from_quat(rotation);
    let extent = m.x_axis.abs() * half.x + m.y_axis.abs() * half.y + m.z_axis.abs() * half.z;
    let (lo, hi) = (center - extent, center + extent);
    let tolerance = 0.005;
    lo.x >= -tolerance
        && lo.y >= -tolerance
        && hi.x <= size.x + tolerance
        && hi.y <= size.y + tolerance
        && lo.z >= -size.z / 2.0 - tolerance
        && hi.z <= size.z / 2.0 + tolerance
}

pub use crossdock_protocol::ray::ray_enters;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_bounds_account_for_rotation() {
        let c = [5898, 2393, 2352];
        let half = Vec3::new(0.6, 0.2, 0.2);
        assert!(inside_container(Vec3::new(3.0, 0.2, 0.0), Quat::IDENTITY, half, c));
        assert!(!inside_container(Vec3::new(0.3, 0.2, 0.0), Quat::IDENTITY, half, c));
        let turned = Quat::from_rotation_y(std::f32::consts::FRAC_PI_2);
        assert!(inside_container(Vec3::new(0.3, 0.2, 0.0), turned, half, c));
        assert!(!inside_container(Vec3::new(3.0, 0.2, 1.0), turned, half, c));
        assert!(!inside_container(Vec3::new(3.0, 2.3, 0.0), Quat::IDENTITY, half, c));
    }
}
