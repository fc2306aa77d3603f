//! Where each participant went and what they looked at, from the log's keyframes: the path
//! their head walked (one point a second), and the cells of the container's inside (walls,
//! floor, roof, in 0.5 m squares) and the cargo their gaze fell on, ten times a second. The
//! debrief's trails and heat pictures are drawn from it.

use std::collections::BTreeMap;

use crossdock_protocol::snapshot::{EntityKey, EntityState, Snapshot};
use crossdock_protocol::{ParticipantId, Tick};
use glam::Vec3;
use serde::Serialize;

use crate::scenario::Scenario;

/// Side of a gaze cell, metres.
pub const GAZE_CELL: f32 = 0.5;
/// How far a gaze reaches, metres (beyond it nothing is examined).
const REACH: f32 = 15.0;

/// A surface of the container's inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Wall {
    /// The wall at negative z.
    Left,
    /// The front wall (the false one, where there is one).
    Front,
    /// The wall at positive z.
    Right,
    /// The floor.
    Floor,
    /// The roof.
    Roof,
}

/// A cell of a surface a gaze fell on: along the surface (x on the side walls, floor and roof;
/// z from the left on the front wall), then up (y) or across (z from the left, floor and roof).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Cell {
    /// The surface.
    pub wall: Wall,
    /// Cell index along it.
    pub u: i32,
    /// Cell index up or across it.
    pub v: i32,
}

/// A package the gaze fell on, and how often.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Looked {
    /// The cell or package.
    pub at: Cell,
    /// Keyframes the gaze rested there.
    pub samples: u32,
}

/// The inside of the container and its cargo as boxes.
#[derive(Debug, Clone, Default)]
struct Room {
    lo: Vec3,
    hi: Vec3,
    cargo: Vec<(String, Vec3, Vec3)>,
}

/// Trails and gaze, keyframe by keyframe.
#[derive(Debug, Default)]
pub struct Coverage {
    room: Room,
    /// Head positions (x, z) and the tick, at most one a second.
    pub trails: BTreeMap<ParticipantId, Vec<(Tick, [f32; 2])>>,
    /// Gaze samples per surface cell.
    pub cells: BTreeMap<ParticipantId, BTreeMap<Cell, u32>>,
    /// Gaze samples per package (scenario id).
    pub cargo: BTreeMap<ParticipantId, BTreeMap<String, u32>>,
    hz: u32,
}

impl Coverage {
    /// Empty, for `scenario` run at `hz` ticks a second.
    pub fn new(scenario: &Scenario, hz: u16) -> Coverage {
        let size = scenario.container_size();
        let front = scenario.false_wall_depth().unwrap_or(0.0);
        let cargo = scenario
            .cargo
            .iter()
            .map(|c| {
                let half = crossdock_protocol::units::size(c.size_mm) / 2.0;
                (c.id.clone(), c.position - half, c.position + half)
            })
            .collect();
        Coverage {
            room: Room { lo: Vec3::new(front, 0.0, -size.z / 2.0), hi: Vec3::new(size.x, size.y, size.z / 2.0), cargo },
            hz: u32::from(hz.max(1)),
            ..Coverage::default()
        }
    }

    /// The centre of `cell` on its surface (clamped to the inside), and the axis the surface
    /// faces along (0 x, 1 y, 2 z).
    pub fn centre(&self, cell: Cell) -> (Vec3, u8) {
        let (lo, hi) = (self.room.lo, self.room.hi);
        let mid = |i: i32| (i as f32 + 0.5) * GAZE_CELL;
        let (at, facing) = match cell.wall {
            Wall::Left => (Vec3::new(mid(cell.u), mid(cell.v), lo.z), 2),
            Wall::Right => (Vec3::new(mid(cell.u), mid(cell.v), hi.z), 2),
            Wall::Front => (Vec3::new(lo.x, mid(cell.v), lo.z + mid(cell.u)), 0),
            Wall::Floor => (Vec3::new(mid(cell.u), lo.y, lo.z + mid(cell.v)), 1),
            Wall::Roof => (Vec3::new(mid(cell.u), hi.y, lo.z + mid(cell.v)), 1),
        };
        (at.clamp(lo, hi), facing)
    }

    /// Takes one keyframe at `tick`.
    pub fn keyframe(&mut self, tick: Tick, snapshot: &Snapshot) {
        for (key, state) in &snapshot.entities {
            let (EntityKey::Avatar(p), EntityState::Avatar(a)) = (key, state) else { continue };
            let head = a.head.position();
            let trail = self.trails.entry(*p).or_default();
            if trail.last().is_none_or(|(t, _)| tick.0.saturating_sub(t.0) >= self.hz) {
                trail.push((tick, [head.x, head.z]));
            }
            let forward = a.head.rotation() * Vec3::NEG_Z;
            match self.gaze(head, forward) {
                Some(Hit::Cell(cell)) => *self.cells.entry(*p).or_default().entry(cell).or_default() += 1,
                Some(Hit::Cargo(id)) => *self.cargo.entry(*p).or_default().entry(id).or_default() += 1,
                None => {}
            }
        }
    }

    /// What a gaze from `from` along `dir` falls on first: a package, or a cell of the inside.
    fn gaze(&self, from: Vec3, dir: Vec3) -> Option<Hit> {
        let dir = dir.normalize_or_zero();
        let mut best: Option<(f32, Hit)> = None;
        for (id, lo, hi) in &self.room.cargo {
            if let Some(t) = crate::geometry::ray_enters(from, dir, *lo, *hi).filter(|t| *t <= REACH)
                && best.as_ref().is_none_or(|(b, _)| t < *b)
            {
                best = Some((t, Hit::Cargo(id.clone())));
            }
        }
        let (lo, hi) = (self.room.lo, self.room.hi);
        let planes = [
            (Wall::Left, 2, lo.z),
            (Wall::Right, 2, hi.z),
            (Wall::Front, 0, lo.x),
            (Wall::Floor, 1, lo.y),
            (Wall::Roof, 1, hi.y),
        ];
        for (wall, axis, at) in planes {
            if dir[axis].abs() < 1e-6 {
                continue;
            }
            let t = (at - from[axis]) / dir[axis];
            if t <= 0.0 || t > REACH || best.as_ref().is_some_and(|(b, _)| t >= *b) {
                continue;
            }
            let p = from + dir * t;
            let inside = (0..3).filter(|a| *a != axis).all(|a| p[a] >= lo[a] - 1e-3 && p[a] <= hi[a] + 1e-3);
            if !inside {
                continue;
            }
            let cell = |a: f32| (a / GAZE_CELL).floor() as i32;
            let (u, v) = match wall {
                Wall::Left | Wall::Right => (cell(p.x), cell(p.y)),
                Wall::Front => (cell(p.z - lo.z), cell(p.y)),
                Wall::Floor | Wall::Roof => (cell(p.x), cell(p.z - lo.z)),
            };
            best = Some((t, Hit::Cell(Cell { wall, u, v })));
        }
        best.map(|(_, hit)| hit)
    }
}

enum Hit {
    Cell(Cell),
    Cargo(String),
}

#[cfg(test)]
mod tests {
    use crossdock_protocol::delta::AvatarPose;
    use crossdock_protocol::quant::QPose;
    use glam::Quat;

    use super::*;

    fn looking(from: Vec3, turn: Quat) -> Snapshot {
        let head = QPose::new(from, turn);
        let pose = AvatarPose { time: Default::default(), head, left: head, right: head };
        Snapshot { tick: Tick(0), entities: vec![(EntityKey::Avatar(ParticipantId(2)), EntityState::Avatar(pose))] }
    }

    #[test]
    fn gaze_lands_on_the_cargo_or_wall_ahead_and_the_trail_keeps_a_point_a_second() {
        let scenario = Scenario::load("false-wall-20ft").unwrap();
        let mut c = Coverage::new(&scenario, 60);
        // From the doorway, looking down the middle (-x), over the cargo: the false wall.
        c.keyframe(
            Tick(0),
            &looking(Vec3::new(5.5, 2.3, 0.0), Quat::IDENTITY * Quat::from_rotation_y(std::f32::consts::FRAC_PI_2)),
        );
        let cells = &c.cells[&ParticipantId(2)];
        let (cell, _) = cells.iter().next().expect("a cell");
        assert_eq!(cell.wall, Wall::Front, "{cells:?}");
        // Looking at a pallet (P1-1 at x 1.25, z -0.6) from above it.
        c.keyframe(Tick(6), &looking(Vec3::new(1.25, 1.9, -0.6), Quat::from_rotation_x(-std::f32::consts::FRAC_PI_2)));
        assert_eq!(c.cargo[&ParticipantId(2)].keys().next().map(String::as_str), Some("P1-1"));
        // Looking left at the wall.
        c.keyframe(Tick(60), &looking(Vec3::new(3.0, 1.6, 0.0), Quat::IDENTITY));
        assert!(c.cells[&ParticipantId(2)].keys().any(|k| k.wall == Wall::Left && k.u == 6 && k.v == 3));
        assert_eq!(c.trails[&ParticipantId(2)].len(), 2, "ticks 0 and 60: one point a second");
    }
}
