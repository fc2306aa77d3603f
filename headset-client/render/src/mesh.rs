//! Triangle meshes and the registry that keeps them: every part of the scene is a mesh built
//! once (per scenario, or once for all) on the CPU and drawn instanced. [`Models`] hands out
//! [`MeshId`]s by key, so a frame asks for "the pallet of this size" and gets the one built
//! when the scenario arrived; the renderer uploads what is new.

use std::collections::HashMap;

use glam::{Quat, Vec2, Vec3};

use crate::decals::Decals;

/// What a surface is made of: the shader's procedural variation and shine. Stored in the
/// vertex colour's alpha and an instance's colour alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Material {
    /// Not lit: markers, rays, text backgrounds, the same from every side.
    Unlit = 0,
    /// Weathered painted steel: speckle and rust streaks.
    Paint = 1,
    /// Bare or galvanised steel: bars, castings, hinges; shiny.
    Steel = 2,
    /// Wood: pallets, floor planks; grain along x.
    Wood = 3,
    /// Corrugated cardboard.
    Cardboard = 4,
    /// Black rubber: gaskets.
    Rubber = 5,
    /// Printed decal: colour from the decal atlas, cut out where the atlas is clear.
    Decal = 6,
    /// A fresh weld bead with heat tint either side.
    Weld = 7,
    /// Glossy plastic: seal heads, visors, tape.
    Plastic = 8,
    /// Matte cloth: uniforms, sacks.
    Cloth = 9,
    /// Stretch film over cartons: cardboard with a wet sheen.
    Wrap = 10,
    /// New paint, unweathered and glossier than the steel round it.
    FreshPaint = 11,
    /// A plain lit surface (markers that want shading).
    Matte = 12,
}

impl Material {
    /// As the shader reads it.
    pub fn id(self) -> f32 {
        f32::from(self as u8)
    }
}

/// A mesh vertex: position, normal, linear colour with the material in alpha, and decal UV.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, bytemuck::Pod, bytemuck::Zeroable)]
pub struct Vertex {
    /// Position in the mesh's frame, metres.
    pub position: [f32; 3],
    /// Unit normal.
    pub normal: [f32; 3],
    /// Linear RGB and [`Material::id`].
    pub colour: [f32; 4],
    /// Decal atlas coordinates (decals), or a coordinate across a weld bead.
    pub uv: [f32; 2],
}

/// A surface's look: colour and material.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    /// Linear RGB.
    pub rgb: [f32; 3],
    /// What it is made of.
    pub material: Material,
}

impl Look {
    /// `rgb` made of `material`.
    pub const fn new(rgb: [f32; 3], material: Material) -> Look {
        Look { rgb, material }
    }

    fn colour(self) -> [f32; 4] {
        [self.rgb[0], self.rgb[1], self.rgb[2], self.material.id()]
    }
}

/// Triangles, indexed, counter-clockwise seen from outside.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mesh {
    /// The vertices.
    pub vertices: Vec<Vertex>,
    /// Three per triangle.
    pub indices: Vec<u32>,
}

impl Mesh {
    /// How many triangles.
    pub fn triangles(&self) -> usize {
        self.indices.len() / 3
    }

    /// Adds everything in `other`.
    pub fn append(&mut self, other: &Mesh) {
        let base = self.vertices.len() as u32;
        self.vertices.extend_from_slice(&other.vertices);
        self.indices.extend(other.indices.iter().map(|i| i + base));
    }

    /// A decal: the atlas's `uv` on the quad centred at `centre`, spanning `right` and `up` (half
    /// extents), facing `right × up`.
    pub fn decal(&mut self, uv: [Vec2; 4], centre: Vec3, right: Vec3, up: Vec3) {
        let corners = [centre - right - up, centre + right - up, centre + right + up, centre - right + up];
        self.quad_uv(corners, uv, Look::new([1.0; 3], Material::Decal));
    }

    /// A flat quad through corners `a`, `b`, `c`, `d` (counter-clockwise seen from the side
    /// its normal points to), with decal coordinates `uv` at those corners.
    pub fn quad_uv(&mut self, corners: [Vec3; 4], uv: [Vec2; 4], look: Look) {
        let normal = (corners[1] - corners[0]).cross(corners[2] - corners[0]).normalize_or_zero();
        let base = self.vertices.len() as u32;
        for (p, t) in corners.iter().zip(uv) {
            self.vertices.push(Vertex {
                position: p.to_array(),
                normal: normal.to_array(),
                colour: look.colour(),
                uv: t.to_array(),
            });
        }
        self.indices.extend([base, base + 1, base + 2, base, base + 2, base + 3]);
    }

    /// A flat quad.
    pub fn quad(&mut self, corners: [Vec3; 4], look: Look) {
        self.quad_uv(corners, [Vec2::ZERO, Vec2::X, Vec2::ONE, Vec2::Y], look);
    }

    /// A box of `size` at `center`, turned by `rotation`.
    pub fn cuboid(&mut self, center: Vec3, size: Vec3, rotation: Quat, look: Look) {
        let h = size / 2.0;
        for axis in 0..3 {
            for sign in [-1.0f32, 1.0] {
                let (u, v) = ((axis + 1) % 3, (axis + 2) % 3);
                let corner = |a: f32, b: f32| {
                    let mut p = Vec3::ZERO;
                    p[axis] = h[axis] * sign;
                    p[u] = h[u] * a;
                    p[v] = h[v] * b * sign;
                    center + rotation * p
                };
                self.quad([corner(-1.0, -1.0), corner(1.0, -1.0), corner(1.0, 1.0), corner(-1.0, 1.0)], look);
            }
        }
    }

    /// An axis-aligned box from `min` to `max`.
    pub fn span(&mut self, min: Vec3, max: Vec3, look: Look) {
        self.cuboid((min + max) / 2.0, max - min, Quat::IDENTITY, look);
    }

    /// A cylinder of `radius` from `a` to `b` with `sides` faces, capped.
    pub fn cylinder(&mut self, a: Vec3, b: Vec3, radius: f32, sides: u32, look: Look) {
        let axis = (b - a).normalize_or_zero();
        if axis == Vec3::ZERO {
            return;
        }
        let (u, v) = axis.any_orthonormal_pair();
        let ring = |i: u32| {
            let t = i as f32 / sides as f32 * std::f32::consts::TAU;
            u * t.cos() + v * t.sin()
        };
        let base = self.vertices.len() as u32;
        for i in 0..=sides {
            let n = ring(i);
            for end in [a, b] {
                self.vertices.push(Vertex {
                    position: (end + n * radius).to_array(),
                    normal: n.to_array(),
                    colour: look.colour(),
                    uv: [0.0; 2],
                });
            }
        }
        for i in 0..sides {
            let k = base + i * 2;
            self.indices.extend([k, k + 2, k + 3, k, k + 3, k + 1]);
        }
        for (end, n) in [(a, -axis), (b, axis)] {
            let centre = self.vertices.len() as u32;
            let vertex =
                |p: Vec3| Vertex { position: p.to_array(), normal: n.to_array(), colour: look.colour(), uv: [0.0; 2] };
            self.vertices.push(vertex(end));
            for i in 0..=sides {
                self.vertices.push(vertex(end + ring(i) * radius));
            }
            for i in 0..sides {
                let (p, q) = (centre + 1 + i, centre + 2 + i);
                if n == axis { self.indices.extend([centre, p, q]) } else { self.indices.extend([centre, q, p]) }
            }
        }
    }

    /// An ellipsoid of half-axes `radii` at `center`, turned by `rotation`: `rings` bands of
    /// `sides` faces. `squash_below` flattens its lower half (a hard hat's dome: 0).
    pub fn ellipsoid(&mut self, center: Vec3, radii: Vec3, rotation: Quat, (rings, sides): (u32, u32), look: Look) {
        let base = self.vertices.len() as u32;
        for r in 0..=rings {
            let phi = r as f32 / rings as f32 * std::f32::consts::PI;
            for s in 0..=sides {
                let theta = s as f32 / sides as f32 * std::f32::consts::TAU;
                let unit = Vec3::new(phi.sin() * theta.cos(), phi.cos(), phi.sin() * theta.sin());
                let p = unit * radii;
                let n = (unit / radii).normalize_or_zero();
                self.vertices.push(Vertex {
                    position: (center + rotation * p).to_array(),
                    normal: (rotation * n).to_array(),
                    colour: look.colour(),
                    uv: [0.0; 2],
                });
            }
        }
        let row = sides + 1;
        for r in 0..rings {
            for s in 0..sides {
                let k = base + r * row + s;
                self.indices.extend([k, k + 1, k + row + 1, k, k + row + 1, k + row]);
            }
        }
    }

    /// Moves and turns every vertex.
    pub fn transform(&mut self, rotation: Quat, offset: Vec3) {
        for v in &mut self.vertices {
            v.position = (rotation * Vec3::from(v.position) + offset).to_array();
            v.normal = (rotation * Vec3::from(v.normal)).to_array();
        }
    }
}

/// The trapezoid profile of corrugated container steel: the offset (0 = outer flat, `depth` =
/// inner flat) at the corners of one pitch, as (position along the pitch, depth fraction).
pub const CORRUGATION: [(f32, f32); 5] = [(0.0, 0.0), (0.26, 0.0), (0.5, 1.0), (0.76, 1.0), (1.0, 0.0)];

/// A corrugated sheet: `along` runs across the corrugation for `length` metres from `origin`
/// (pitch `pitch`), `up` runs along the ridges for `height` metres, and the ridges stand out
/// towards `out` (the sheet's outer side) by `depth`. Both faces are drawn, the inner one in
/// `inner`.
#[derive(Debug, Clone, Copy)]
pub struct Corrugated {
    /// A corner of the sheet, on its outer flats.
    pub origin: Vec3,
    /// Across the ridges.
    pub along: Vec3,
    /// Along the ridges.
    pub up: Vec3,
    /// The sheet's outer side.
    pub out: Vec3,
    /// Extent along `along`, metres.
    pub length: f32,
    /// Extent along `up`, metres.
    pub height: f32,
    /// One corrugation, metres.
    pub pitch: f32,
    /// Ridge depth, metres.
    pub depth: f32,
}

impl Corrugated {
    /// Adds the sheet to `mesh`: the outer face in `outer` (if any) and the inner in `inner`.
    pub fn build(&self, mesh: &mut Mesh, outer: Option<Look>, inner: Option<Look>) {
        let mut profile: Vec<(f32, f32)> = Vec::new();
        let pitches = (self.length / self.pitch).floor().max(1.0) as u32;
        let pitch = self.length / pitches as f32;
        for p in 0..pitches {
            for (i, (t, d)) in CORRUGATION.iter().enumerate() {
                if p > 0 && i == 0 {
                    continue;
                }
                profile.push(((p as f32 + t) * pitch, d * self.depth));
            }
        }
        let at = |(s, d): (f32, f32), h: f32| self.origin + self.along * s + self.up * h - self.out * d;
        for w in profile.windows(2) {
            let (a, b) = (w[0], w[1]);
            let quad = [at(a, 0.0), at(b, 0.0), at(b, self.height), at(a, self.height)];
            let facing = (quad[1] - quad[0]).cross(quad[3] - quad[0]).dot(self.out) > 0.0;
            let outwards = if facing { quad } else { [quad[1], quad[0], quad[3], quad[2]] };
            if let Some(look) = outer {
                mesh.quad(outwards, look);
            }
            if let Some(look) = inner {
                let shift = -self.out * 0.002;
                let [p, q, r, s] = outwards.map(|v| v + shift);
                mesh.quad([q, p, s, r], look);
            }
        }
    }
}

/// Which mesh an instance draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MeshId(pub u32);

/// The unit cube: what markers, rays and panels are drawn with.
pub const CUBE: MeshId = MeshId(0);

/// Every mesh and decal the scene has asked for, by key. Meshes live until the scenario
/// changes ([`Models::scenario`]); [`Models::generation`] tells the renderer when to upload.
#[derive(Debug)]
pub struct Models {
    meshes: Vec<Mesh>,
    keys: HashMap<u64, MeshId>,
    builtin: usize,
    scenario: u64,
    generation: u64,
    /// The decal atlas's texts.
    pub decals: Decals,
}

impl Default for Models {
    fn default() -> Models {
        let mut cube = Mesh::default();
        cube.cuboid(Vec3::ZERO, Vec3::ONE, Quat::IDENTITY, Look::new([1.0; 3], Material::Matte));
        Models {
            meshes: vec![cube],
            keys: HashMap::new(),
            builtin: 1,
            scenario: 0,
            generation: 1,
            decals: Decals::default(),
        }
    }
}

impl Models {
    /// Starts a scenario whose static parts hash to `key`: a different one drops the meshes and
    /// decals of the last.
    pub fn scenario(&mut self, key: u64) {
        if key != self.scenario {
            self.scenario = key;
            self.meshes.truncate(self.builtin);
            self.keys.clear();
            self.decals = Decals::default();
            self.generation += 1;
        }
    }

    /// The mesh for `key`, built by `make` the first time it is asked for.
    pub fn mesh(&mut self, key: u64, make: impl FnOnce(&mut Decals) -> Mesh) -> MeshId {
        if let Some(id) = self.keys.get(&key) {
            return *id;
        }
        let id = MeshId(self.meshes.len() as u32);
        let mesh = make(&mut self.decals);
        self.meshes.push(mesh);
        self.keys.insert(key, id);
        self.generation += 1;
        id
    }

    /// Every mesh, by id.
    pub fn meshes(&self) -> &[Mesh] {
        &self.meshes
    }

    /// Changes whenever the decal atlas's contents do: its scenario and how many texts it holds.
    pub fn decal_version(&self) -> (u64, u64) {
        (self.scenario, self.decals.generation())
    }

    /// Bumped whenever a mesh or decal is added or the scenario changes.
    pub fn generation(&self) -> u64 {
        self.generation + self.decals.generation()
    }
}

/// A stable key from anything hashable, for [`Models::mesh`].
pub fn key(parts: impl std::hash::Hash) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<std::hash::DefaultHasher>::default().hash_one(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outward(mesh: &Mesh, centre: Vec3) -> bool {
        mesh.indices.chunks(3).all(|t| {
            let [a, b, c] = [0, 1, 2].map(|i| Vec3::from(mesh.vertices[t[i] as usize].position));
            let n = (b - a).cross(c - a);
            n.length() < 1e-9 || n.dot((a + b + c) / 3.0 - centre) > 0.0
        })
    }

    #[test]
    fn boxes_cylinders_and_ellipsoids_face_outwards() {
        let look = Look::new([1.0; 3], Material::Matte);
        let mut m = Mesh::default();
        m.cuboid(Vec3::new(1.0, 2.0, 3.0), Vec3::new(0.5, 1.0, 2.0), Quat::from_rotation_y(0.7), look);
        assert_eq!(m.triangles(), 12);
        assert!(outward(&m, Vec3::new(1.0, 2.0, 3.0)));
        let mut c = Mesh::default();
        c.cylinder(Vec3::ZERO, Vec3::Y, 0.3, 12, look);
        assert!(outward(&c, Vec3::Y * 0.5));
        let mut e = Mesh::default();
        e.ellipsoid(Vec3::ONE, Vec3::new(0.1, 0.12, 0.1), Quat::IDENTITY, (8, 12), look);
        assert!(outward(&e, Vec3::ONE));
    }

    #[test]
    fn corrugation_keeps_its_pitch_and_both_faces_point_their_way() {
        let sheet = Corrugated {
            origin: Vec3::ZERO,
            along: Vec3::X,
            up: Vec3::Y,
            out: Vec3::Z,
            length: 2.78,
            height: 2.0,
            pitch: 0.278,
            depth: 0.036,
        };
        let paint = Look::new([0.1, 0.2, 0.6], Material::Paint);
        let mut m = Mesh::default();
        sheet.build(&mut m, Some(paint), Some(paint));
        assert_eq!(m.triangles(), 10 * 4 * 2 * 2, "four faces a pitch, two triangles a face, both sides");
        let zs: Vec<f32> = m.vertices.iter().map(|v| v.position[2]).collect();
        assert!(zs.iter().any(|z| *z < -0.035), "the inner flats sit a ridge deep");
        let outer: Vec<&Vertex> = m.vertices.iter().step_by(8).collect();
        assert!(outer.iter().all(|v| v.normal[2] >= 0.0), "outer faces look out");
    }

    #[test]
    fn a_mesh_is_built_once_per_key_and_dropped_with_its_scenario() {
        let mut models = Models::default();
        models.scenario(1);
        let mut built = 0;
        let mut make = |_: &mut Decals| {
            built += 1;
            Mesh::default()
        };
        let a = models.mesh(7, &mut make);
        let b = models.mesh(7, &mut make);
        assert_eq!((a, built), (b, 1));
        let generation = models.generation();
        models.scenario(1);
        assert_eq!(models.generation(), generation, "the same scenario keeps its meshes");
        models.scenario(2);
        assert_eq!(models.meshes().len(), 1, "only the cube stays");
        assert!(models.generation() > generation);
    }
}
