//! The container, built from its [`ContainerLook`] to ISO dimensions: corrugated walls and
//! roof, rails, corner posts and castings, a plank floor on cross-members, forklift pockets on a
//! 20 ft, the refrigeration unit on a reefer, the markings and plates, the marks a scenario left
//! (welds, new paint, tool marks, new planks) and a false wall where one stands. The doors and
//! the seal are separate meshes: the doors swing, the seal moves with its state.
//!
//! The room frame: the inside spans x from 0 (front wall) to its length (doors), y from 0
//! (floor) up, z across centred on 0.

use crossdock_protocol::messages::{ContainerLook, Mark, MarkKind, Surface};
use glam::{Quat, Vec2, Vec3};

use crate::decals::{Decals, Text};
use crate::mesh::{Corrugated, Look, Material, Mesh};

/// Shipping-line blue, the outside's paint.
pub const BLUE: [f32; 3] = [0.06, 0.2, 0.55];
/// The dry van's inside: grey primer.
pub const INSIDE: [f32; 3] = [0.42, 0.44, 0.46];
/// A reefer's white skin, inside and out.
pub const REEFER: [f32; 3] = [0.78, 0.8, 0.8];
/// Hardwood floor planks.
pub const FLOOR: [f32; 3] = [0.42, 0.29, 0.16];
/// New planks: paler.
pub const NEW_PLANK: [f32; 3] = [0.66, 0.5, 0.3];
/// The yard's concrete.
pub const YARD: [f32; 3] = [0.32, 0.32, 0.3];
/// Galvanised steel: bars, hinges, cams.
pub const GALVANISED: [f32; 3] = [0.56, 0.57, 0.58];
/// Gaskets and holes.
pub const BLACK: [f32; 3] = [0.025, 0.025, 0.025];
/// A weld bead's colour (the shader adds the heat tint either side).
pub const WELD: [f32; 3] = [0.8, 0.78, 0.74];
/// The seal's plastic.
pub const SEAL: [f32; 3] = [0.95, 0.75, 0.05];

const WHITE_INK: [u8; 4] = [245, 245, 240, 255];
const BLACK_INK: [u8; 4] = [20, 20, 22, 255];
const CLEAR: [u8; 4] = [0, 0, 0, 0];
const PLATE: [u8; 4] = [196, 200, 204, 255];

/// Corrugation of side and front walls: pitch and depth, metres (ISO dry van panels).
const WALL_PITCH: f32 = 0.278;
const WALL_DEPTH: f32 = 0.036;
/// The door leaves' thickness.
const LEAF: f32 = 0.06;
/// How far the door leaves' outer faces sit inside the rear frame's.
const DOOR_RECESS: f32 = 0.07;
/// How far a door swings when wide open: round to lie along the side wall.
pub const DOOR_WIDE: f32 = 265.0_f32.to_radians();

/// The container's outline, metres, from its look and inside size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Inside length, height, width.
    pub inside: Vec3,
    /// Outside x of the door end and of the front end.
    pub rear: f32,
    /// Outside x of the front end.
    pub front: f32,
    /// Outside top and bottom y.
    pub top: f32,
    /// Outside bottom.
    pub bottom: f32,
    /// Outside half width.
    pub half: f32,
    /// A reefer.
    pub reefer: bool,
}

impl Frame {
    /// The outline for `look` around an inside of `inside_mm` (x, y, z).
    pub fn new(look: &ContainerLook, inside_mm: [u32; 3]) -> Frame {
        let inside = crossdock_protocol::units::size(inside_mm);
        let [l, h, w] = look.kind.external_mm().map(|v| v as f32 / 1000.0);
        let reefer = look.kind.reefer();
        let rear = inside.x + 0.1;
        let roof = if reefer { 0.1 } else { 0.05 };
        let top = inside.y + roof;
        Frame {
            inside,
            rear,
            front: (rear - l).min(-0.05),
            top,
            bottom: (top - h).min(-0.1),
            half: (w / 2.0).max(inside.z / 2.0 + 0.03),
            reefer,
        }
    }

    /// The hinge of the door on side `side` (+1: positive z): the leaves sit recessed in the
    /// rear frame, so their bars and handles stay inside the ISO length.
    pub fn hinge(&self, side: f32) -> Vec3 {
        Vec3::new(self.rear - DOOR_RECESS, 0.0, side * self.half)
    }

    /// The turn of the door on `side` having swung `swing` (0 shut, 1 wide open).
    pub fn door_turn(side: f32, swing: f32) -> Quat {
        Quat::from_rotation_y(-side * DOOR_WIDE * swing.clamp(0.0, 1.0))
    }
}

fn paint(rgb: [f32; 3]) -> Look {
    Look::new(rgb, Material::Paint)
}

fn steel() -> Look {
    Look::new(GALVANISED, Material::Steel)
}

fn black() -> Look {
    Look::new(BLACK, Material::Rubber)
}

fn outside(frame: &Frame) -> [f32; 3] {
    if frame.reefer { REEFER } else { BLUE }
}

fn lining(frame: &Frame) -> [f32; 3] {
    if frame.reefer { REEFER } else { INSIDE }
}

fn ink(frame: &Frame) -> [u8; 4] {
    if frame.reefer { [18, 40, 110, 255] } else { WHITE_INK }
}

/// Thousands separated by commas, as plates print them.
fn grouped(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The static container: everything but the doors and the seal, and the yard under it.
pub fn shell(decals: &mut Decals, look: &ContainerLook, inside_mm: [u32; 3], cutaway: bool) -> Mesh {
    let f = Frame::new(look, inside_mm);
    let Vec3 { x: l, y: h, z: w } = f.inside;
    let (zi, zo) = (w / 2.0, f.half);
    let body = paint(outside(&f));
    let darker = paint(outside(&f).map(|c| c * 0.8));
    let lining_look = paint(lining(&f));
    let mut m = Mesh::default();

    // The yard.
    m.quad(
        [
            Vec3::new(-30.0, f.bottom, 30.0),
            Vec3::new(40.0, f.bottom, 30.0),
            Vec3::new(40.0, f.bottom, -30.0),
            Vec3::new(-30.0, f.bottom, -30.0),
        ],
        Look::new(YARD, Material::Matte),
    );

    // Corner posts and castings.
    let casting = Vec3::new(0.178, 0.118, 0.162);
    for (x0, dir) in [(f.front, 1.0f32), (f.rear, -1.0)] {
        for side in [-1.0f32, 1.0] {
            let post_x = [x0, x0 + dir * 0.15];
            let post_z = [side * zo, side * (zo - 0.15)];
            m.span(
                Vec3::new(post_x[0].min(post_x[1]), f.bottom + casting.y, post_z[0].min(post_z[1])),
                Vec3::new(post_x[0].max(post_x[1]), f.top - casting.y, post_z[0].max(post_z[1])),
                body,
            );
            for (y, ydir) in [(f.bottom, 1.0f32), (f.top, -1.0)] {
                let centre =
                    Vec3::new(x0 + dir * casting.x / 2.0, y + ydir * casting.y / 2.0, side * (zo - casting.z / 2.0));
                m.cuboid(centre, casting, Quat::IDENTITY, darker);
                // Its oval holes: on the end, the side, and the top or bottom.
                let hole = |m: &mut Mesh, c: Vec3, a: Vec3, b: Vec3| {
                    m.quad([c - a - b, c + a - b, c + a + b, c - a + b], black());
                };
                let end = Vec3::new(x0 - dir * 0.001, centre.y, centre.z);
                hole(&mut m, end, Vec3::Z * 0.03 * dir, Vec3::Y * 0.025);
                let flank = Vec3::new(centre.x, centre.y, side * (zo + 0.001));
                hole(&mut m, flank, Vec3::X * 0.03 * side, Vec3::Y * 0.025);
                let cap = Vec3::new(centre.x, y - ydir * 0.001, centre.z);
                hole(&mut m, cap, Vec3::X * 0.03 * ydir, Vec3::Z * 0.025);
            }
        }
    }
    // Side rails, top and bottom, between the castings.
    let (x_a, x_b) = (f.front + casting.x, f.rear - casting.x);
    for side in [-1.0f32, 1.0] {
        let z = [side * zo, side * (zo - 0.1)];
        m.span(Vec3::new(x_a, f.top - 0.09, z[0].min(z[1])), Vec3::new(x_b, f.top, z[0].max(z[1])), body);
        let z = [side * zo, side * (zo - 0.05)];
        m.span(Vec3::new(x_a, f.bottom, z[0].min(z[1])), Vec3::new(x_b, f.bottom + 0.16, z[0].max(z[1])), darker);
    }
    // Front top and bottom rails, the door header and sill.
    for (xa, xb) in [(f.front, f.front + 0.1), (l, f.rear)] {
        m.span(Vec3::new(xa, f.top - 0.1, -zo + 0.15), Vec3::new(xb, f.top, zo - 0.15), body);
        m.span(Vec3::new(xa, f.bottom, -zo + 0.15), Vec3::new(xb, 0.0, zo - 0.15), darker);
    }
    m.span(Vec3::new(l, h - 0.04, -zo + 0.15), Vec3::new(f.rear, f.top - 0.1, zo - 0.15), body);
    // Cam keepers on the header and sill, one per locking bar.
    for z in bar_zs(&f) {
        for y in [h - 0.02, 0.01] {
            m.cuboid(
                Vec3::new(f.rear - DOOR_RECESS + 0.04, y, z),
                Vec3::new(0.05, 0.07, 0.07),
                Quat::IDENTITY,
                steel(),
            );
        }
    }

    // Forklift pockets on a 20 ft dry van.
    if !f.reefer && l < 7.0 {
        for dx in [-1.025f32, 1.025] {
            let x = (f.front + f.rear) / 2.0 + dx;
            for side in [-1.0f32, 1.0] {
                let z = side * (zo + 0.002);
                let (a, b) = (Vec3::X * 0.18 * side, Vec3::Y * 0.0575);
                let c = Vec3::new(x, f.bottom + 0.075, z);
                m.quad([c - a - b, c + a - b, c + a + b, c - a + b], black());
                for y in [f.bottom + 0.01, f.bottom + 0.14] {
                    m.span(
                        Vec3::new(x - 0.2, y, z.min(z - side * 0.01)),
                        Vec3::new(x + 0.2, y + 0.012, z.max(z - side * 0.01)),
                        darker,
                    );
                }
            }
        }
    }

    // Cross-members under the floor, then the floor.
    let mut x = f.front + 0.3;
    while x < f.rear - 0.2 {
        m.span(Vec3::new(x, f.bottom + 0.02, -zo + 0.05), Vec3::new(x + 0.05, -0.03, zo - 0.05), darker);
        x += 0.6;
    }
    m.span(Vec3::new(0.0, -0.031, -zi), Vec3::new(l, -0.029, zi), black());
    let replaced: Vec<&Mark> =
        look.marks.iter().filter(|k| k.kind == MarkKind::ReplacedPlanks && k.surface == Surface::Floor).collect();
    if f.reefer {
        // A reefer's aluminium T-floor: rails along the length, air between them.
        let n = (w / 0.05).round().max(1.0) as usize;
        for i in 0..n {
            let z0 = -zi + i as f32 * w / n as f32;
            m.span(Vec3::new(0.0, -0.03, z0 + 0.006), Vec3::new(l, 0.0, z0 + w / n as f32 - 0.006), steel());
        }
    } else {
        let n = (w / 0.29).round().max(1.0) as usize;
        for i in 0..n {
            let z0 = -zi + i as f32 * w / n as f32;
            let shade = 0.88 + 0.24 * ((i * 7 % 5) as f32 / 4.0);
            let wood = Look::new(FLOOR.map(|c| c * shade), Material::Wood);
            m.span(Vec3::new(0.0, -0.028, z0 + 0.002), Vec3::new(l, 0.0, z0 + w / n as f32 - 0.002), wood);
        }
    }
    for mark in replaced {
        let at = crossdock_protocol::units::point(mark.at_mm);
        let [a, b] = mark.size_mm.map(|v| v as f32 / 2000.0);
        m.span(
            Vec3::new(at.x - a, 0.0, at.z - b),
            Vec3::new(at.x + a, 0.003, at.z + b),
            Look::new(NEW_PLANK, Material::Wood),
        );
    }

    // Side walls, front wall, roof: corrugated steel, painted outside and lined inside.
    for side in [-1.0f32, 1.0] {
        Corrugated {
            origin: Vec3::new(f.front + 0.15, f.bottom + 0.16, side * (zo - 0.004)),
            along: Vec3::X,
            up: Vec3::Y,
            out: Vec3::Z * side,
            length: f.rear - 0.15 - (f.front + 0.15),
            height: (f.top - 0.09) - (f.bottom + 0.16),
            pitch: WALL_PITCH,
            depth: WALL_DEPTH,
        }
        .build(&mut m, Some(body), Some(lining_look));
    }
    let repainted_front = look
        .marks
        .iter()
        .any(|k| k.kind == MarkKind::Repaint && k.surface == Surface::FrontWall && k.size_mm[0] as f32 >= w * 900.0);
    let front_inside = if repainted_front {
        Look::new(lining(&f).map(|c| (c * 1.22).min(1.0)), Material::FreshPaint)
    } else {
        lining_look
    };
    if f.reefer {
        reefer_unit(&mut m, &f, body);
        m.quad(
            [Vec3::new(0.0, 0.0, zi), Vec3::new(0.0, 0.0, -zi), Vec3::new(0.0, h, -zi), Vec3::new(0.0, h, zi)]
                .map(|p| p + Vec3::X * 0.001),
            if look.front_wall_mm > 0 { lining_look } else { front_inside },
        );
    } else {
        Corrugated {
            origin: Vec3::new(f.front + 0.004, f.bottom + 0.1, zo - 0.15),
            along: Vec3::NEG_Z,
            up: Vec3::Y,
            out: Vec3::NEG_X,
            length: 2.0 * (zo - 0.15),
            height: (f.top - 0.1) - (f.bottom + 0.1),
            pitch: WALL_PITCH,
            depth: 0.045,
        }
        .build(&mut m, Some(body), Some(if look.front_wall_mm > 0 { lining_look } else { front_inside }));
    }
    if look.front_wall_mm > 0 {
        // The false wall, where it really stands: corrugated like a front wall, painted to match.
        let x = look.front_wall_mm as f32 / 1000.0;
        Corrugated {
            origin: Vec3::new(x, 0.0, -zi),
            along: Vec3::Z,
            up: Vec3::Y,
            out: Vec3::X,
            length: w,
            height: h,
            pitch: WALL_PITCH,
            depth: WALL_DEPTH,
        }
        .build(&mut m, Some(front_inside), None);
    }
    if !cutaway {
        Corrugated {
            origin: Vec3::new(f.front + 0.15, f.top - 0.004, -zo + 0.1),
            along: Vec3::X,
            up: Vec3::Z,
            out: Vec3::Y,
            length: f.rear - 0.15 - (f.front + 0.15),
            height: 2.0 * (zo - 0.1),
            pitch: 0.4,
            depth: 0.02,
        }
        .build(&mut m, Some(body), Some(lining_look));
    }

    for mark in &look.marks {
        wall_mark(&mut m, &f, look, mark);
    }

    // The number on both sides by the door end, and on the front.
    let number = decals.place(Text { lines: look.number.clone(), size: [1024, 150], ink: ink(&f), paper: CLEAR });
    let code = decals.place(Text { lines: look.size_type.clone(), size: [512, 150], ink: ink(&f), paper: CLEAR });
    for side in [-1.0f32, 1.0] {
        let z = side * (zo + 0.006);
        let right = Vec3::X * side;
        let c = Vec3::new(f.rear - 1.2, f.top - 0.35, z);
        m.decal(number, c, right * 0.75, Vec3::Y * 0.11);
        m.decal(code, c - Vec3::Y * 0.26 + right * -0.38, right * 0.37, Vec3::Y * 0.11);
    }
    m.decal(number, Vec3::new(f.front - 0.006, f.top - 0.3, 0.0), Vec3::Z * 0.75, Vec3::Y * 0.11);
    if f.reefer {
        let display = decals.place(Text {
            lines: "SET -18.0 °C\nSUPPLY -17.6 °C".into(),
            size: [384, 192],
            ink: [90, 255, 120, 255],
            paper: [8, 12, 10, 255],
        });
        let c = Vec3::new(f.front + 0.008, (f.bottom + f.top) / 2.0 - 0.25, 0.75);
        m.decal(display, c, Vec3::Z * 0.1, Vec3::Y * 0.05);
    }
    m
}

/// Where a leaf's locking bars are, as shares of its width from the hinge.
const BARS: [f32; 2] = [0.32, 0.8];

/// The z of each locking bar, both leaves.
fn bar_zs(f: &Frame) -> impl Iterator<Item = f32> {
    let width = f.half - 0.055;
    [-1.0f32, 1.0].into_iter().flat_map(move |s| BARS.map(|share| s * (f.half - 0.05 - width * share)))
}

/// A mark on a wall, the floor aside (those are planks) and the doors aside (on the leaves).
fn wall_mark(m: &mut Mesh, f: &Frame, look: &ContainerLook, mark: &Mark) {
    let at = crossdock_protocol::units::point(mark.at_mm);
    let [a, b] = mark.size_mm.map(|v| v as f32 / 2000.0);
    let zi = f.inside.z / 2.0;
    // Where on the surface, its two directions on it, and which way is off it.
    let (centre, u, v, off) = match mark.surface {
        Surface::FrontWall => {
            (Vec3::new(look.front_wall_mm as f32 / 1000.0, at.y, at.z), Vec3::NEG_Z, Vec3::Y, Vec3::X)
        }
        Surface::LeftWall => (Vec3::new(at.x, at.y, -zi), Vec3::X, Vec3::Y, Vec3::Z),
        Surface::RightWall => (Vec3::new(at.x, at.y, zi), Vec3::NEG_X, Vec3::Y, Vec3::NEG_Z),
        Surface::Roof => (Vec3::new(at.x, f.inside.y, at.z), Vec3::X, Vec3::Z, Vec3::NEG_Y),
        Surface::Floor | Surface::Doors => return,
    };
    let centre = centre + off * 0.004;
    match mark.kind {
        MarkKind::FreshWeld => weld(m, centre, u * a, v * b),
        MarkKind::Repaint if mark.surface == Surface::FrontWall && a * 2000.0 >= f.inside.z * 900.0 => {}
        MarkKind::Repaint => {
            let look = Look::new(lining(f).map(|c| (c * 1.22).min(1.0)), Material::FreshPaint);
            let (a, b) = (u * a, v * b);
            m.quad([centre - a - b, centre + a - b, centre + a + b, centre - a + b], look);
        }
        MarkKind::ToolMarks => tool_marks(m, centre, u * a, v * b),
        MarkKind::ReplacedPlanks => {}
    }
}

/// A weld seam along the longer of `a` and `b` (half extents from `centre`; it faces `a` x `b`):
/// a bright bead with heat tint either side, read by the shader from the quad's
/// across-coordinate.
pub fn weld(m: &mut Mesh, centre: Vec3, a: Vec3, b: Vec3) {
    let (along, across) = if a.length() >= b.length() { (a, b) } else { (b, a) };
    let bead = across.length().max(0.004);
    let tint = 0.035;
    let across = across.normalize_or_zero() * (bead + tint);
    let core = bead / (bead + tint) * 0.5;
    let corners = [centre - along - across, centre + along - across, centre + along + across, centre - along + across];
    let uv = [Vec2::new(0.0, core), Vec2::new(0.0, core), Vec2::new(1.0, core), Vec2::new(1.0, core)];
    let facing = (corners[1] - corners[0]).cross(corners[3] - corners[0]).dot(a.cross(b)) > 0.0;
    let (corners, uv) = if facing {
        (corners, uv)
    } else {
        ([corners[1], corners[0], corners[3], corners[2]], [uv[1], uv[0], uv[3], uv[2]])
    };
    m.quad_uv(corners, uv, Look::new(WELD, Material::Weld));
}

/// Scratches within the rectangle `centre` ± `a` ± `b`, facing `a` x `b`.
pub fn tool_marks(m: &mut Mesh, centre: Vec3, a: Vec3, b: Vec3) {
    let mut rng = fastrand::Rng::with_seed(u64::from((centre.x * 1000.0) as u32));
    let n = a.cross(b).normalize_or_zero();
    for _ in 0..7 {
        let p = centre + a * rng.f32().mul_add(2.0, -1.0) * 0.8 + b * rng.f32().mul_add(2.0, -1.0) * 0.8;
        let angle = rng.f32() * std::f32::consts::PI;
        let reach = a.length().min(b.length());
        let dir = (a.normalize_or_zero() * angle.cos() + b.normalize_or_zero() * angle.sin())
            * reach
            * (0.2 + rng.f32() * 0.4);
        let side = n.cross(dir).normalize_or_zero() * 0.0015;
        let q = p + n * 0.0005;
        m.quad(
            [q - dir - side, q + dir - side, q + dir + side, q - dir + side],
            Look::new([0.85, 0.85, 0.82], Material::Steel),
        );
    }
}

/// A reefer's machinery end: a frame, the condenser grille with its fan, the evaporator access
/// panels and the controller's display.
fn reefer_unit(m: &mut Mesh, f: &Frame, body: Look) {
    let (x0, zo) = (f.front, f.half);
    let grey = paint([0.25, 0.27, 0.28]);
    let recess = x0 + 0.12;
    m.span(Vec3::new(recess, f.bottom + 0.1, -zo + 0.15), Vec3::new(recess + 0.02, f.top - 0.1, zo - 0.15), grey);
    // Frame members round the unit.
    for y in [f.bottom + 0.1, (f.bottom + f.top) / 2.0, f.top - 0.16] {
        m.span(Vec3::new(x0, y, -zo + 0.15), Vec3::new(x0 + 0.12, y + 0.06, zo - 0.15), body);
    }
    // The condenser grille: bars across the lower half.
    let mut y = f.bottom + 0.2;
    while y < (f.bottom + f.top) / 2.0 - 0.05 {
        m.span(
            Vec3::new(x0 + 0.04, y, -zo + 0.2),
            Vec3::new(x0 + 0.06, y + 0.015, 0.3),
            Look::new(BLACK, Material::Steel),
        );
        y += 0.04;
    }
    // The fan behind it, and its guard ring.
    let fan = Vec3::new(x0 + 0.08, f.bottom + 0.62, -0.4);
    m.cylinder(fan, fan + Vec3::X * 0.01, 0.3, 24, Look::new(BLACK, Material::Rubber));
    m.cylinder(fan - Vec3::X * 0.03, fan - Vec3::X * 0.02, 0.32, 24, steel());
    // Evaporator access panels above.
    for z in [-0.6f32, 0.3] {
        let c = Vec3::new(x0 + 0.1, f.top - 0.6, z);
        m.cuboid(c, Vec3::new(0.02, 0.7, 0.8), Quat::IDENTITY, body);
    }
    // The controller box.
    let c = Vec3::new(x0 + 0.06, (f.bottom + f.top) / 2.0 - 0.3, 0.75);
    m.cuboid(c, Vec3::new(0.1, 0.35, 0.3), Quat::IDENTITY, grey);
}

/// One door leaf, in its hinge's frame (the hinge axis through the origin, the leaf reaching
/// towards the container's centre line, its outer face at x = 0): `side` is the hinge's side.
/// The right leaf (where the seal is) carries the number and size-type code; the left the
/// masses and the approval plates.
pub fn leaf(decals: &mut Decals, look: &ContainerLook, inside_mm: [u32; 3], side: f32, numbered: bool) -> Mesh {
    let f = Frame::new(look, inside_mm);
    let h = f.inside.y;
    let width = f.half - 0.055;
    let toward = Vec3::Z * -side;
    let at = |x: f32, y: f32, u: f32| Vec3::new(x, y, 0.0) + toward * u;
    let body = paint(outside(&f));
    let mut m = Mesh::default();
    // The leaf and its inside lining.
    let centre = at(-LEAF / 2.0, (h - 0.04) / 2.0, 0.05 + width / 2.0);
    m.cuboid(centre, Vec3::new(LEAF, h - 0.02, width), Quat::IDENTITY, body);
    let (u0, u1) = (0.06, 0.05 + width - 0.01);
    let inner = [
        at(-LEAF - 0.001, 0.0, u0),
        at(-LEAF - 0.001, 0.0, u1),
        at(-LEAF - 0.001, h - 0.05, u1),
        at(-LEAF - 0.001, h - 0.05, u0),
    ];
    // Facing into the container (-x) on either side.
    let inner = if side < 0.0 { inner } else { [inner[1], inner[0], inner[3], inner[2]] };
    m.quad(inner, paint(lining(&f)));
    // Pressed ribs across the outer face.
    for y in [0.35, 0.95, 1.55, 2.05].into_iter().filter(|y| *y < h - 0.2) {
        m.cuboid(at(0.008, y, 0.05 + width / 2.0), Vec3::new(0.016, 0.07, width - 0.16), Quat::IDENTITY, body);
    }
    // The gasket round its inside edge.
    let g = Look::new(BLACK, Material::Rubber);
    m.cuboid(at(-LEAF - 0.008, -0.01, 0.05 + width / 2.0), Vec3::new(0.016, 0.03, width), Quat::IDENTITY, g);
    m.cuboid(at(-LEAF - 0.008, h - 0.04, 0.05 + width / 2.0), Vec3::new(0.016, 0.03, width), Quat::IDENTITY, g);
    m.cuboid(at(-LEAF - 0.008, (h - 0.04) / 2.0, 0.065), Vec3::new(0.016, h - 0.02, 0.03), Quat::IDENTITY, g);
    m.cuboid(at(-LEAF - 0.008, (h - 0.04) / 2.0, 0.035 + width), Vec3::new(0.016, h - 0.02, 0.03), Quat::IDENTITY, g);
    // Four hinges on the outer edge.
    for y in [0.25, 0.95, 1.65, h - 0.3] {
        m.cylinder(at(0.01, y - 0.06, 0.0), at(0.01, y + 0.06, 0.0), 0.018, 10, steel());
        m.cuboid(at(0.004, y, 0.09), Vec3::new(0.012, 0.1, 0.16), Quat::IDENTITY, steel());
    }
    // Two locking bars, each with its guides, cams, handle and retainer.
    for share in BARS {
        let u = 0.05 + width * share;
        m.cylinder(at(0.035, -0.03, u), at(0.035, h - 0.01, u), 0.014, 10, steel());
        for y in [0.4, 1.6, h - 0.4] {
            m.cuboid(at(0.02, y, u), Vec3::new(0.04, 0.05, 0.07), Quat::IDENTITY, steel());
        }
        for y in [-0.02, h - 0.02] {
            m.cuboid(at(0.05, y, u + 0.02), Vec3::new(0.03, 0.04, 0.06), Quat::IDENTITY, steel());
        }
        // The handle hangs from a hub at about 1 m, folded flat against the leaf toward the hinge.
        let hub = at(0.05, 1.0, u);
        m.cuboid(hub, Vec3::new(0.05, 0.09, 0.05), Quat::IDENTITY, steel());
        let grip = at(0.06, 0.98, u - 0.11);
        m.cuboid(grip, Vec3::new(0.025, 0.035, 0.2), Quat::IDENTITY, steel());
        // The retainer that holds the handle shut, where the seal goes.
        m.cuboid(at(0.03, 0.98, u - 0.24), Vec3::new(0.03, 0.07, 0.03), Quat::IDENTITY, steel());
    }
    // Markings and plates, in front of the ribs. Read from outside (looking towards -x), text
    // runs towards -z.
    let face = |x: f32| x + 0.018;
    let reading = Vec3::NEG_Z;
    let mid = 0.05 + width / 2.0;
    if numbered {
        let number = decals.place(Text { lines: look.number.clone(), size: [1024, 150], ink: ink(&f), paper: CLEAR });
        let code = decals.place(Text { lines: look.size_type.clone(), size: [512, 150], ink: ink(&f), paper: CLEAR });
        // Between the two bars, where nothing hides it.
        let between = 0.05 + width * (BARS[0] + BARS[1]) / 2.0;
        m.decal(number, at(face(0.0), h - 0.3, between), reading * 0.25, Vec3::Y * 0.037);
        m.decal(code, at(face(0.0), h - 0.42, between), reading * 0.12, Vec3::Y * 0.037);
    } else {
        let net = look.max_gross_kg.saturating_sub(look.tare_kg);
        let lb = |kg: u32| grouped(((kg as f32 * 2.204_62) / 10.0).round() as u32 * 10);
        let masses = format!(
            "MAX. GROSS {} KG\n{} LB\nTARE {} KG\n{} LB\nNET {} KG\n{} LB",
            grouped(look.max_gross_kg),
            lb(look.max_gross_kg),
            grouped(look.tare_kg),
            lb(look.tare_kg),
            grouped(net),
            lb(net)
        );
        let masses = decals.place(Text { lines: masses, size: [768, 576], ink: ink(&f), paper: CLEAR });
        m.decal(masses, at(face(0.0), h - 0.5, mid), reading * 0.3, Vec3::Y * 0.22);
        let number = look.number.clone();
        let csc = format!(
            "CSC SAFETY APPROVAL\nCDX/2026/0417\nDATE MANUFACTURED 03 2026\nIDENTIFICATION NO. {number}\nMAX. OPERATING GROSS MASS {} KG\nALLOWABLE STACKING 192,000 KG\nRACKING TEST LOAD 15,240 KG",
            grouped(look.max_gross_kg)
        );
        let csc = decals.place(Text { lines: csc, size: [1024, 640], ink: BLACK_INK, paper: PLATE });
        m.decal(csc, at(face(0.03), 1.3, mid), reading * 0.16, Vec3::Y * 0.1);
        let serial: String = number.chars().filter(char::is_ascii_digit).take(6).collect();
        let tir = format!("APPROVED FOR TRANSPORT\nUNDER CUSTOMS SEAL\nTIR CDX/{serial}/2026");
        let tir = decals.place(Text { lines: tir, size: [768, 320], ink: BLACK_INK, paper: PLATE });
        m.decal(tir, at(face(0.03), 1.12, mid), reading * 0.12, Vec3::Y * 0.05);
    }
    for mark in look.marks.iter().filter(|k| k.surface == Surface::Doors) {
        let p = crossdock_protocol::units::point(mark.at_mm);
        if p.z.signum() != side.signum() {
            continue;
        }
        let u = (f.half - p.z.abs()).max(0.0);
        let [a, b] = mark.size_mm.map(|v| v as f32 / 2000.0);
        let c = at(0.0025, p.y, u);
        // Facing out of the leaf (+x): up, then across.
        let (a, b) = (Vec3::Y * b, Vec3::Z * a);
        match mark.kind {
            MarkKind::ToolMarks => tool_marks(&mut m, c, a, b),
            MarkKind::FreshWeld => weld(&mut m, c, a, b),
            MarkKind::Repaint => {
                let look = Look::new(outside(&f).map(|x| (x * 1.3).min(1.0)), Material::FreshPaint);
                m.quad([c - a - b, c + a - b, c + a + b, c - a + b], look);
            }
            MarkKind::ReplacedPlanks => {}
        }
    }
    m
}

/// The bolt seal, centred on its bolt: a steel bolt through the handle's retainer, the plastic
/// barrel, and a flag printed with its number on both faces. `condition` shows: scratches,
/// glue.
pub fn seal(decals: &mut Decals, number: &str, condition: &str) -> Mesh {
    let mut m = Mesh::default();
    let plastic = Look::new(SEAL, Material::Plastic);
    m.cylinder(Vec3::new(0.0, -0.03, 0.0), Vec3::new(0.0, 0.06, 0.0), 0.004, 8, steel());
    m.cylinder(Vec3::new(0.0, -0.065, 0.0), Vec3::new(0.0, -0.03, 0.0), 0.011, 12, plastic);
    // The flag, facing out (+x), hanging beside the barrel.
    let flag = Vec3::new(0.0, -0.065, -0.05);
    m.cuboid(flag, Vec3::new(0.003, 0.032, 0.08), Quat::IDENTITY, plastic);
    let text =
        decals.place(Text { lines: number.to_owned(), size: [768, 256], ink: BLACK_INK, paper: [252, 236, 150, 255] });
    m.decal(text, flag + Vec3::X * 0.0025, Vec3::NEG_Z * 0.038, Vec3::Y * 0.013);
    m.decal(text, flag - Vec3::X * 0.0025, Vec3::Z * 0.038, Vec3::Y * 0.013);
    let condition = condition.to_lowercase();
    if condition.contains("scratch") || condition.contains("tamper") {
        tool_marks(&mut m, flag + Vec3::X * 0.003, Vec3::Y * 0.012, Vec3::Z * 0.03);
    }
    if condition.contains("glue") {
        m.ellipsoid(
            Vec3::new(0.0, -0.03, 0.0),
            Vec3::new(0.013, 0.006, 0.013),
            Quat::IDENTITY,
            (6, 12),
            Look::new([0.9, 0.85, 0.6], Material::Plastic),
        );
    }
    m
}

#[cfg(test)]
mod tests {
    use crossdock_protocol::messages::ContainerKind;

    use super::*;

    fn look(kind: ContainerKind) -> ContainerLook {
        ContainerLook {
            kind,
            number: "CDXU 604417 8".into(),
            size_type: "22G1".into(),
            max_gross_kg: 30_480,
            tare_kg: 2_200,
            ..ContainerLook::default()
        }
    }

    fn bounds(mesh: &Mesh, keep: impl Fn(&crate::mesh::Vertex) -> bool) -> (Vec3, Vec3) {
        mesh.vertices.iter().filter(|v| keep(v)).fold((Vec3::splat(f32::MAX), Vec3::splat(f32::MIN)), |(lo, hi), v| {
            (lo.min(Vec3::from(v.position)), hi.max(Vec3::from(v.position)))
        })
    }

    #[test]
    fn the_shell_has_iso_outside_dimensions() {
        for (kind, inside) in [
            (ContainerKind::Dry20, [5898, 2393, 2352]),
            (ContainerKind::HighCube40, [12032, 2698, 2352]),
            (ContainerKind::Reefer40, [11583, 2550, 2294]),
        ] {
            let mut decals = Decals::default();
            let shell = shell(&mut decals, &look(kind), inside, false);
            let painted =
                |v: &crate::mesh::Vertex| v.colour[3] != Material::Matte.id() && v.colour[3] != Material::Decal.id();
            let (lo, hi) = bounds(&shell, painted);
            let [l, h, w] = kind.external_mm().map(|v| v as f32 / 1000.0);
            let size = hi - lo;
            assert!((size.x - l).abs() < 0.02, "{kind:?}: length {} vs {l}", size.x);
            assert!((size.y - h).abs() < 0.02, "{kind:?}: height {} vs {h}", size.y);
            assert!((size.z - w).abs() < 0.02, "{kind:?}: width {} vs {w}", size.z);
        }
    }

    #[test]
    fn a_false_wall_stands_at_its_depth_and_welds_are_drawn_only_where_marked() {
        let mut decals = Decals::default();
        let clean = shell(&mut decals, &look(ContainerKind::Dry20), [5898, 2393, 2352], false);
        let weld_of = |m: &Mesh| m.vertices.iter().filter(|v| v.colour[3] == Material::Weld.id()).count();
        assert_eq!(weld_of(&clean), 0);
        let mut walled = look(ContainerKind::Dry20);
        walled.front_wall_mm = 600;
        walled.marks.push(Mark {
            kind: MarkKind::FreshWeld,
            surface: Surface::FrontWall,
            at_mm: [600, 2370, 0],
            size_mm: [2340, 16],
        });
        let shell = shell(&mut decals, &walled, [5898, 2393, 2352], false);
        assert_eq!(weld_of(&shell), 4, "one bead");
        let bead = shell.vertices.iter().find(|v| v.colour[3] == Material::Weld.id()).unwrap();
        assert!((bead.position[0] - 0.604).abs() < 0.002, "on the false wall's face: {:?}", bead.position);
        let wall = shell.vertices.iter().filter(|v| (v.position[0] - 0.6).abs() < 0.001).count();
        assert!(wall > 30, "the false wall's corrugated face is at 0.6 m: {wall} vertices");
    }

    #[test]
    fn the_doors_carry_bars_handles_and_markings_and_swing_round_to_the_side() {
        let mut decals = Decals::default();
        let look = look(ContainerKind::Dry20);
        let right = leaf(&mut decals, &look, [5898, 2393, 2352], 1.0, true);
        let left = leaf(&mut decals, &look, [5898, 2393, 2352], -1.0, false);
        assert_eq!(decals.generation(), 5, "number, code, masses, CSC plate, TIR plate");
        for door in [&right, &left] {
            let (lo, hi) = bounds(door, |_| true);
            assert!(hi.x <= 0.08 && lo.x >= -0.1, "the leaf stays near its hinge's plane: {lo} {hi}");
            assert!((hi.z - lo.z) > 1.0, "it spans half the door end");
        }
        let (_, hi) = bounds(&right, |_| true);
        assert!(hi.z <= 0.03, "the right leaf (hinged at +z) reaches to -z");
        for door in [&right, &left] {
            let lining: Vec<_> = door.vertices.iter().filter(|v| v.colour[..3] == INSIDE).collect();
            assert!(
                !lining.is_empty() && lining.iter().all(|v| v.normal[0] < -0.99),
                "the lining faces into the container"
            );
        }
        let wide = Frame::door_turn(1.0, 1.0) * Vec3::NEG_Z;
        assert!(wide.x < -0.9, "wide open, it lies back along the side wall: {wide}");
        let half = Frame::door_turn(1.0, 90.0 / 265.0) * Vec3::NEG_Z;
        assert!(half.x > 0.99, "half way it stands straight out from the end: {half}");
    }
}
