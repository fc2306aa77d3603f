//! People: a head with a headset visor, a torso in their role's colours, gloved hands. The
//! meshes are white and built once; each instance tints them (role, and each participant's
//! own colour on the headset strap and a sash).

use glam::{Quat, Vec3};

use crate::mesh::{Look, Material, Mesh};

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
    m.cuboid(Vec3::new(0.0, -0.1, 0.04), Vec3::new(0.09, 0.08, 0.09), Quat::IDENTITY, white(Material::Cloth));
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

/// The torso, centred at the chest, facing -z.
pub fn torso() -> Mesh {
    let mut m = Mesh::default();
    m.ellipsoid(Vec3::ZERO, Vec3::new(0.2, 0.3, 0.12), Quat::IDENTITY, (8, 14), white(Material::Cloth));
    m.ellipsoid(Vec3::new(0.0, 0.2, 0.0), Vec3::new(0.22, 0.09, 0.12), Quat::IDENTITY, (6, 14), white(Material::Cloth));
    m
}

/// Two reflective bands round a high-visibility vest.
pub fn stripes() -> Mesh {
    let mut m = Mesh::default();
    for y in [-0.12, 0.02] {
        m.ellipsoid(
            Vec3::new(0.0, y, 0.0),
            Vec3::new(0.205, 0.025, 0.125),
            Quat::IDENTITY,
            (4, 14),
            white(Material::Plastic),
        );
    }
    m
}

/// A sash across the chest: the participant's own colour.
pub fn sash() -> Mesh {
    let mut m = Mesh::default();
    m.cuboid(
        Vec3::new(0.0, 0.02, 0.0),
        Vec3::new(0.44, 0.06, 0.26),
        Quat::from_rotation_z(0.6),
        white(Material::Cloth),
    );
    m
}

/// A gloved hand, the palm down, the fingers along -z.
pub fn glove() -> Mesh {
    let mut m = Mesh::default();
    let cloth = white(Material::Cloth);
    m.cuboid(Vec3::ZERO, Vec3::new(0.085, 0.03, 0.095), Quat::IDENTITY, cloth);
    for i in 0..4 {
        let x = -0.03 + i as f32 * 0.02;
        m.cuboid(Vec3::new(x, -0.006, -0.08), Vec3::new(0.017, 0.02, 0.07), Quat::from_rotation_x(-0.25), cloth);
    }
    m.cuboid(Vec3::new(0.05, -0.008, -0.02), Vec3::new(0.02, 0.02, 0.06), Quat::from_rotation_y(0.6), cloth);
    m.cylinder(Vec3::new(0.0, 0.0, 0.045), Vec3::new(0.0, 0.0, 0.09), 0.042, 10, cloth);
    m
}
