//! People: a head with a headset, a neck, a torso in a uniform with a vest of their role's colour,
//! arms, gloved hands in three poses (open, gripping, pointing), legs and boots. The meshes are
//! built once, white where an instance tints them (role, uniform, each participant's own colour),
//! and sized for a person 1.75 m tall: each instance scales them to its body ([`crate::body`]).
//! Limbs are unit-length along +y from their joint, stretched to the bone's length.

use crossdock_protocol::drill::Tool;
use glam::{Quat, Vec3};

use crate::mesh::{Look, Material, Mesh};

/// The stature the meshes are built for, metres.
pub const BUILT_FOR: f32 = 1.75;

fn white(material: Material) -> Look {
    Look::new([1.0; 3], material)
}

/// The head, centred on its eyes' midpoint, looking along -z.
pub fn head() -> Mesh {
    let mut m = Mesh::default();
    m.ellipsoid(
        Vec3::new(0.0, 0.02, 0.03),
        Vec3::new(0.085, 0.11, 0.1),
        Quat::IDENTITY,
        (8, 14),
        white(Material::Cloth),
    );
    // Jaw and chin under the visor.
    m.ellipsoid(
        Vec3::new(0.0, -0.06, 0.0),
        Vec3::new(0.07, 0.06, 0.08),
        Quat::IDENTITY,
        (6, 12),
        white(Material::Cloth),
    );
    // Ears either side.
    for x in [-0.087, 0.087] {
        m.ellipsoid(
            Vec3::new(x, 0.0, 0.04),
            Vec3::new(0.012, 0.03, 0.02),
            Quat::IDENTITY,
            (3, 6),
            white(Material::Cloth),
        );
    }
    m
}

/// The headset's visor over the eyes.
pub fn visor() -> Mesh {
    let mut m = Mesh::default();
    m.ellipsoid(
        Vec3::new(0.0, 0.0, -0.06),
        Vec3::new(0.095, 0.05, 0.06),
        Quat::IDENTITY,
        (6, 14),
        white(Material::Plastic),
    );
    m
}

/// A light strip across the front of the visor: lit while the person is heard, so whoever
/// talks shows from across the container.
pub fn visor_light() -> Mesh {
    let mut m = Mesh::default();
    m.cuboid(Vec3::new(0.0, -0.012, -0.118), Vec3::new(0.11, 0.012, 0.008), Quat::IDENTITY, white(Material::Matte));
    m
}

/// A mouth under the visor.
pub fn mouth() -> Mesh {
    let mut m = Mesh::default();
    m.ellipsoid(
        Vec3::new(0.0, -0.085, -0.072),
        Vec3::new(0.024, 0.008, 0.006),
        Quat::IDENTITY,
        (3, 8),
        white(Material::Matte),
    );
    m
}

/// The headset's strap round the head: the participant's own colour.
pub fn strap() -> Mesh {
    let mut m = Mesh::default();
    m.cylinder(Vec3::new(0.0, -0.015, 0.03), Vec3::new(0.0, 0.02, 0.03), 0.104, 16, white(Material::Plastic));
    m
}

/// An instructor's hard hat: a dome with a brim.
pub fn hard_hat() -> Mesh {
    let mut m = Mesh::default();
    m.ellipsoid(
        Vec3::new(0.0, 0.07, 0.03),
        Vec3::new(0.105, 0.09, 0.12),
        Quat::IDENTITY,
        (6, 14),
        white(Material::Plastic),
    );
    m.cylinder(Vec3::new(0.0, 0.065, 0.01), Vec3::new(0.0, 0.075, 0.01), 0.14, 16, white(Material::Plastic));
    m
}

/// The torso from the neck's base (the origin) down to the hips (0.5 m below), facing -z: chest,
/// waist and pelvis, and the shoulders' caps.
pub fn torso() -> Mesh {
    let mut m = Mesh::default();
    let cloth = white(Material::Cloth);
    m.ellipsoid(Vec3::new(0.0, -0.16, 0.01), Vec3::new(0.17, 0.165, 0.105), Quat::IDENTITY, (8, 16), cloth);
    m.ellipsoid(Vec3::new(0.0, -0.34, 0.01), Vec3::new(0.145, 0.15, 0.095), Quat::IDENTITY, (6, 14), cloth);
    // The shoulders: a yoke from one joint to the other, capped round.
    m.ellipsoid(Vec3::new(0.0, -0.04, 0.015), Vec3::new(0.2, 0.05, 0.085), Quat::IDENTITY, (5, 14), cloth);
    for x in [-0.19, 0.19] {
        m.ellipsoid(Vec3::new(x, -0.055, 0.015), Vec3::new(0.06, 0.065, 0.065), Quat::IDENTITY, (5, 10), cloth);
    }
    m
}

/// The pelvis and the belt, round the hip joints (the origin).
pub fn hips() -> Mesh {
    let mut m = Mesh::default();
    m.ellipsoid(
        Vec3::new(0.0, 0.02, 0.01),
        Vec3::new(0.165, 0.1, 0.105),
        Quat::IDENTITY,
        (6, 14),
        white(Material::Cloth),
    );
    m.cylinder(
        Vec3::new(0.0, 0.075, 0.01),
        Vec3::new(0.0, 0.11, 0.01),
        0.15,
        16,
        Look::new([0.12, 0.1, 0.09], Material::Rubber),
    );
    m
}

/// A high-visibility vest over the chest and waist: the role's colour.
pub fn vest() -> Mesh {
    let mut m = Mesh::default();
    m.ellipsoid(
        Vec3::new(0.0, -0.23, 0.01),
        Vec3::new(0.185, 0.215, 0.122),
        Quat::IDENTITY,
        (8, 16),
        white(Material::Cloth),
    );
    m
}

/// Two reflective bands round the vest.
pub fn stripes() -> Mesh {
    let mut m = Mesh::default();
    for (y, r) in [(-0.19, Vec3::new(0.19, 0.022, 0.126)), (-0.32, Vec3::new(0.172, 0.022, 0.114))] {
        m.ellipsoid(Vec3::new(0.0, y, 0.01), r, Quat::IDENTITY, (4, 16), white(Material::Plastic));
    }
    m
}

/// A sash from the left shoulder across the chest and back: the participant's own colour.
pub fn sash() -> Mesh {
    let mut m = Mesh::default();
    m.ellipsoid(
        Vec3::new(0.0, -0.22, 0.01),
        Vec3::new(0.195, 0.05, 0.13),
        Quat::from_rotation_z(-0.75),
        (4, 16),
        white(Material::Cloth),
    );
    m
}

/// A limb: an elongated ellipsoid along +y from 0 to 1, `radius` thick (stretched to a bone's
/// length by its instance), overlapping its joints a little.
pub fn limb(radius: f32) -> Mesh {
    let mut m = Mesh::default();
    m.ellipsoid(
        Vec3::new(0.0, 0.5, 0.0),
        Vec3::new(radius, 0.58, radius),
        Quat::IDENTITY,
        (7, 10),
        white(Material::Cloth),
    );
    m
}

/// A round joint (an elbow, a knee), one metre across: instances scale it.
pub fn ball() -> Mesh {
    let mut m = Mesh::default();
    m.ellipsoid(Vec3::ZERO, Vec3::splat(0.5), Quat::IDENTITY, (6, 10), white(Material::Cloth));
    m
}

/// A band round the upper arm, unit length like a limb: the participant's own colour.
pub fn armband() -> Mesh {
    let mut m = Mesh::default();
    m.cylinder(Vec3::new(0.0, 0.3, 0.0), Vec3::new(0.0, 0.45, 0.0), 0.052, 12, white(Material::Cloth));
    m
}

/// A boot, the ankle at the origin, the toe along -z.
pub fn boot() -> Mesh {
    let mut m = Mesh::default();
    let leather = Look::new([0.1, 0.09, 0.08], Material::Rubber);
    m.ellipsoid(Vec3::new(0.0, -0.02, -0.05), Vec3::new(0.05, 0.055, 0.13), Quat::IDENTITY, (5, 10), leather);
    m.cuboid(
        Vec3::new(0.0, -0.062, -0.045),
        Vec3::new(0.1, 0.02, 0.27),
        Quat::IDENTITY,
        Look::new([0.05; 3], Material::Rubber),
    );
    m
}

/// A hand's pose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pose {
    /// Relaxed, the fingers out.
    Open,
    /// Closed round a handle.
    Grip,
    /// The index finger out, the others curled.
    Point,
}

/// A gloved hand, the palm down, the fingers along -z, the wrist towards +z; the thumb inward
/// (-x for the right hand).
pub fn glove(pose: Pose, right: bool) -> Mesh {
    let inward = if right { -1.0 } else { 1.0 };
    let mut m = Mesh::default();
    let cloth = white(Material::Cloth);
    m.cuboid(Vec3::ZERO, Vec3::new(0.085, 0.03, 0.095), Quat::IDENTITY, cloth);
    for i in 0..4 {
        let x = -0.03 + i as f32 * 0.02;
        let index = (x * inward) > 0.02;
        let out = matches!(pose, Pose::Open) || (pose == Pose::Point && index);
        if out {
            // A straight finger (pointing, the index: the one beside the thumb).
            let bend = if pose == Pose::Point { 0.0 } else { -0.25 };
            m.cuboid(Vec3::new(x, -0.006, -0.08), Vec3::new(0.017, 0.02, 0.07), Quat::from_rotation_x(bend), cloth);
        } else {
            // Curled under the palm.
            m.cuboid(Vec3::new(x, -0.025, -0.05), Vec3::new(0.018, 0.04, 0.025), Quat::from_rotation_x(0.4), cloth);
        }
    }
    let thumb = if pose == Pose::Open { (0.05, 0.6) } else { (0.035, 0.2) };
    let at = Vec3::new(thumb.0 * inward, -0.012, -0.03);
    m.cuboid(at, Vec3::new(0.02, 0.02, 0.06), Quat::from_rotation_y(thumb.1 * inward), cloth);
    m.cylinder(Vec3::new(0.0, 0.0, 0.045), Vec3::new(0.0, 0.0, 0.09), 0.042, 10, cloth);
    m
}

/// Whether a tool is carried in the hand (not the scale's and the X-ray's records, nor a look at
/// the seal).
pub fn carried(tool: Tool) -> bool {
    !matches!(tool, Tool::Scale | Tool::XRay | Tool::SealCheck)
}

/// The tool in a gripping hand, the grip at the origin, the working end along -z (as the tool's
/// aim); `None` for what is not [`carried`].
pub fn tool(tool: Tool) -> Option<Mesh> {
    let mut m = Mesh::default();
    let black = Look::new([0.08; 3], Material::Rubber);
    let steel = Look::new([0.62, 0.63, 0.66], Material::Steel);
    let yellow = Look::new([0.95, 0.75, 0.1], Material::Plastic);
    let orange = Look::new([0.95, 0.42, 0.08], Material::Plastic);
    let screen = Look::new([0.25, 0.55, 0.45], Material::Matte);
    match tool {
        Tool::Scale | Tool::XRay | Tool::SealCheck => return None,
        Tool::Documents => {
            // A clipboard with its papers.
            m.cuboid(
                Vec3::new(0.0, 0.05, -0.12),
                Vec3::new(0.23, 0.012, 0.3),
                Quat::from_rotation_x(0.5),
                Look::new([0.55, 0.4, 0.25], Material::Wood),
            );
            m.cuboid(
                Vec3::new(0.0, 0.058, -0.125),
                Vec3::new(0.2, 0.006, 0.26),
                Quat::from_rotation_x(0.5),
                Look::new([0.92, 0.92, 0.88], Material::Matte),
            );
        }
        Tool::TapeMeasure => {
            m.cuboid(Vec3::new(0.0, 0.0, -0.02), Vec3::new(0.04, 0.075, 0.075), Quat::IDENTITY, yellow);
            m.cuboid(Vec3::new(0.0, -0.03, -0.07), Vec3::new(0.02, 0.004, 0.04), Quat::IDENTITY, steel);
        }
        Tool::DensityMeter => {
            m.cuboid(Vec3::new(0.0, 0.0, -0.06), Vec3::new(0.07, 0.045, 0.17), Quat::IDENTITY, orange);
            m.cuboid(Vec3::new(0.0, 0.024, -0.07), Vec3::new(0.05, 0.004, 0.06), Quat::IDENTITY, screen);
        }
        Tool::TraceDetector => {
            m.cylinder(Vec3::new(0.0, 0.0, 0.05), Vec3::new(0.0, 0.0, -0.08), 0.025, 10, black);
            m.cuboid(
                Vec3::new(0.0, 0.0, -0.16),
                Vec3::new(0.07, 0.05, 0.12),
                Quat::IDENTITY,
                Look::new([0.2, 0.35, 0.7], Material::Plastic),
            );
        }
        Tool::RadiationPager => {
            m.cuboid(Vec3::new(0.0, 0.0, -0.03), Vec3::new(0.05, 0.025, 0.085), Quat::IDENTITY, black);
            m.cuboid(Vec3::new(0.0, 0.014, -0.04), Vec3::new(0.035, 0.004, 0.03), Quat::IDENTITY, yellow);
        }
        Tool::Fiberscope => {
            m.cylinder(Vec3::new(0.0, 0.0, 0.06), Vec3::new(0.0, 0.0, -0.06), 0.022, 10, black);
            m.cylinder(Vec3::new(0.0, 0.0, -0.06), Vec3::new(0.0, 0.0, -0.36), 0.005, 6, black);
        }
        Tool::Flashlight => {
            m.cylinder(Vec3::new(0.0, 0.0, 0.07), Vec3::new(0.0, 0.0, -0.1), 0.018, 10, black);
            m.cylinder(Vec3::new(0.0, 0.0, -0.1), Vec3::new(0.0, 0.0, -0.14), 0.026, 12, steel);
        }
        Tool::PryBar => {
            m.cylinder(
                Vec3::new(0.0, 0.0, 0.2),
                Vec3::new(0.0, 0.0, -0.45),
                0.011,
                8,
                Look::new([0.7, 0.1, 0.08], Material::Steel),
            );
            m.cuboid(Vec3::new(0.0, 0.015, -0.47), Vec3::new(0.022, 0.04, 0.01), Quat::from_rotation_x(0.6), steel);
        }
        Tool::Drill => {
            m.cuboid(Vec3::new(0.0, 0.07, -0.06), Vec3::new(0.06, 0.08, 0.2), Quat::IDENTITY, orange);
            m.cuboid(Vec3::new(0.0, 0.0, 0.0), Vec3::new(0.045, 0.14, 0.05), Quat::IDENTITY, black);
            m.cylinder(Vec3::new(0.0, 0.07, -0.16), Vec3::new(0.0, 0.07, -0.25), 0.004, 6, steel);
        }
        Tool::Knife => {
            m.cuboid(Vec3::new(0.0, 0.0, 0.0), Vec3::new(0.022, 0.022, 0.1), Quat::IDENTITY, yellow);
            m.cuboid(Vec3::new(0.0, 0.0, -0.08), Vec3::new(0.004, 0.018, 0.06), Quat::IDENTITY, steel);
        }
    }
    Some(m)
}
