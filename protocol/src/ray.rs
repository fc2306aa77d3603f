//! Rays through the room, for both sides: what a tool's aim or a pointing hand meets first (the
//! cargo, the front wall (the false one, if there is one), a shut rear door, the shell). The
//! server reads tools and places the pointing dot with [`cast`]; clients draw the pointing ray to
//! the same place from the same replicated state, so everyone's dot is where the server says.
//! Metres, the room frame of `PROTOCOL.md` §2.

use glam::{Quat, Vec3};

/// The inside of the container as a ray sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Room {
    /// The inside's near corner: x at the front wall (the false one, if any), y at the floor.
    pub lo: Vec3,
    /// The far corner: x at the rear doors (far beyond them while a door is open), y at the roof.
    pub hi: Vec3,
    /// Where the rear doors are (x), open or shut.
    pub doors_x: f32,
}

impl Room {
    /// The room of a container of `size` (metres), its front wall `front` metres in (0 without a
    /// false wall), a rear door open or not.
    pub fn new(size: Vec3, front: f32, doors_open: bool) -> Room {
        let far = if doors_open { size.x + 100.0 } else { size.x };
        Room { lo: Vec3::new(front, 0.0, -size.z / 2.0), hi: Vec3::new(far, size.y, size.z / 2.0), doors_x: size.x }
    }
}

/// A box a ray may meet (cargo): its centre, turn and half size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Solid {
    /// Centre.
    pub center: Vec3,
    /// Turn.
    pub rotation: Quat,
    /// Half its size.
    pub half: Vec3,
}

/// What a ray met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// A solid (its index in the list given).
    Solid(usize),
    /// The front wall (the false one, if there is one).
    FrontWall,
    /// A shut rear door.
    Door,
    /// Side walls, floor or roof.
    Shell,
}

/// The most a pointing hand reaches, metres (a 45 ft container's length and more).
pub const POINT_RANGE: f32 = 15.0;

/// How far the index fingertip is ahead of a tracked hand's pose (fingers along its -z), metres.
pub const FINGERTIP: f32 = 0.11;

/// The ray a pointing hand at `position`, turned by `rotation`, casts: from its fingertip along
/// its fingers.
pub fn from_hand(position: Vec3, rotation: Quat) -> (Vec3, Vec3) {
    let dir = (rotation * Vec3::NEG_Z).normalize_or(Vec3::NEG_Z);
    (position + dir * FINGERTIP, dir)
}

/// How far along the ray from `origin` along unit `dir` the first surface is, and what it is.
pub fn cast(room: &Room, solids: &[Solid], origin: Vec3, dir: Vec3) -> Option<(f32, Surface)> {
    let (lo, hi) = (room.lo, room.hi);
    let inside = origin.cmpge(lo - 1e-4).all() && origin.cmple(hi + 1e-4).all();
    let mut best = if inside {
        exit(origin, dir, lo, hi).map(|(t, axis, positive)| {
            let hit = match (axis, positive) {
                (0, false) => Surface::FrontWall,
                (0, true) => Surface::Door,
                _ => Surface::Shell,
            };
            (t, hit)
        })
    } else {
        // Outside (behind shut doors): the first thing is the container's outside.
        ray_enters(origin, dir, lo, hi)
            .map(|t| (t, if origin.x > room.doors_x { Surface::Door } else { Surface::Shell }))
    };
    for (i, s) in solids.iter().enumerate() {
        let inv = s.rotation.inverse();
        if let Some(t) = ray_enters(inv * (origin - s.center), inv * dir, -s.half, s.half)
            && best.as_ref().is_none_or(|(b, _)| t < *b)
        {
            best = Some((t, Surface::Solid(i)));
        }
    }
    best
}

/// Where a hand at `origin` pointing along `dir` puts its dot: the first surface within
/// [`POINT_RANGE`], if any.
pub fn point(room: &Room, solids: &[Solid], origin: Vec3, dir: Vec3) -> Option<Vec3> {
    let dir = dir.normalize_or_zero();
    if dir == Vec3::ZERO {
        return None;
    }
    let (t, _) = cast(room, solids, origin, dir).filter(|(t, _)| *t <= POINT_RANGE)?;
    Some(origin + dir * t)
}

/// How far along a ray from `origin` along `dir` it enters the axis-aligned box `lo`..`hi`
/// (0 when it starts inside), or `None` if it misses.
pub fn ray_enters(origin: Vec3, dir: Vec3, lo: Vec3, hi: Vec3) -> Option<f32> {
    let (mut near, mut far) = (0.0f32, f32::INFINITY);
    for a in 0..3 {
        if dir[a].abs() < 1e-9 {
            if origin[a] < lo[a] || origin[a] > hi[a] {
                return None;
            }
            continue;
        }
        let (t1, t2) = ((lo[a] - origin[a]) / dir[a], (hi[a] - origin[a]) / dir[a]);
        near = near.max(t1.min(t2));
        far = far.min(t1.max(t2));
    }
    (near <= far).then_some(near)
}

/// Exit distance of a ray from inside a box, with the axis and side it leaves through.
fn exit(origin: Vec3, dir: Vec3, lo: Vec3, hi: Vec3) -> Option<(f32, usize, bool)> {
    let mut best: Option<(f32, usize, bool)> = None;
    for a in 0..3 {
        if dir[a].abs() < 1e-9 {
            continue;
        }
        let positive = dir[a] > 0.0;
        let t = ((if positive { hi[a] } else { lo[a] }) - origin[a]) / dir[a];
        if best.is_none_or(|(b, _, _)| t < b) {
            best = Some((t.max(0.0), a, positive));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ray_meets_the_false_wall_cargo_or_the_shell_whichever_is_first() {
        let room = Room::new(Vec3::new(12.0, 2.6, 2.35), 0.6, false);
        let origin = Vec3::new(4.0, 1.4, 0.0);
        let (t, hit) = cast(&room, &[], origin, Vec3::NEG_X).unwrap();
        assert_eq!(hit, Surface::FrontWall);
        assert!((t - 3.4).abs() < 1e-5, "the false wall 0.6 m in");
        let crate_ = Solid { center: Vec3::new(2.0, 1.0, 0.0), rotation: Quat::IDENTITY, half: Vec3::splat(0.5) };
        assert_eq!(cast(&room, &[crate_], origin, Vec3::NEG_X), Some((1.5, Surface::Solid(0))));
        assert_eq!(cast(&room, &[], origin, Vec3::X).unwrap().1, Surface::Door);
        assert_eq!(cast(&room, &[], origin, Vec3::Y).unwrap().1, Surface::Shell);
        let open = Room::new(Vec3::new(12.0, 2.6, 2.35), 0.0, true);
        assert_eq!(point(&open, &[], Vec3::new(11.0, 1.4, 0.0), Vec3::X), None, "out through open doors");
        let dot = point(&room, &[], origin, Vec3::new(-1.0, 0.0, 0.0)).unwrap();
        assert!((dot - Vec3::new(0.6, 1.4, 0.0)).length() < 1e-5);
    }
}
