//! Cargo by kind, each built around its centre in its own frame (x along its length, y up):
//! pallets on deck boards and stringers with their stretch-wrapped load, taped cartons, drums
//! with rolling hoops, sacks, crates; every package labelled with what it declares. Opened, it
//! shows what it really holds: tiles, pots, cigarette cases, wrapped bricks, goods.

use glam::{Quat, Vec3};

use crate::decals::{Decals, Text};
use crate::mesh::{Look, Material, Mesh};

/// Cardboard's brown.
pub const CARDBOARD: [f32; 3] = [0.66, 0.5, 0.31];
/// Pallet timber.
pub const PALLET: [f32; 3] = [0.58, 0.46, 0.3];
/// A drum's paint.
pub const DRUM: [f32; 3] = [0.08, 0.22, 0.5];
/// Woven sack.
pub const SACK: [f32; 3] = [0.83, 0.81, 0.74];

/// What an opened package shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// Stacked ceramic tiles.
    Tiles,
    /// Pots and pans.
    Pots,
    /// Master cases of cigarettes.
    Cigarettes,
    /// Taped bricks (narcotics, cash).
    Bricks,
    /// Anything else: small boxes.
    Goods,
}

impl Content {
    /// What `text` (an item's real content) looks like: what is hidden inside wins.
    pub fn of(text: &str) -> Content {
        let text = text.to_lowercase();
        let hidden = text.split("hidden inside").nth(1).unwrap_or(&text);
        let has = |words: &[&str]| words.iter().any(|w| hidden.contains(w));
        if has(&["cigarette", "tobacco"]) {
            Content::Cigarettes
        } else if has(&["cocaine", "heroin", "methamphetamine", "narcotic", "brick", "cash", "packet"]) {
            Content::Bricks
        } else if has(&["tile"]) {
            Content::Tiles
        } else if has(&["pot", "pan", "kitchen"]) {
            Content::Pots
        } else {
            Content::Goods
        }
    }
}

/// The label printed on a package: its declaration, split where it grows long.
fn label(decals: &mut Decals, declared: &str) -> [glam::Vec2; 4] {
    let lines = match declared.split_once(" (") {
        Some((what, rest)) => format!("{what}\n({rest}"),
        None => declared.to_owned(),
    };
    decals.place(Text { lines, size: [512, 256], ink: [25, 25, 28, 255], paper: [238, 236, 228, 255] })
}

/// Sticks a label of half size `half` (x across, y up) on the face of `size` (centred at
/// `centre`) that looks along `normal`.
fn stick(m: &mut Mesh, uv: [glam::Vec2; 4], centre: Vec3, size: Vec3, normal: Vec3, half: glam::Vec2) {
    let up = Vec3::Y;
    let right = up.cross(normal).normalize_or_zero();
    let right = if right == Vec3::ZERO { Vec3::X } else { right };
    let c = centre + normal * (size.dot(normal.abs()) / 2.0 + 0.002);
    m.decal(uv, c, right * half.x, up * half.y);
}

/// A glTF binary's triangles, scaled uniformly to fit `size` and centred in it, coloured by
/// their materials' base colours; `None` if it does not parse or holds no triangles (the
/// caller then draws the item by its kind).
pub fn model(glb: &[u8], size: Vec3) -> Option<Mesh> {
    let gltf = gltf::Gltf::from_slice(glb).map_err(|e| tracing::warn!("a model does not parse: {e}")).ok()?;
    let blob = gltf.blob.as_deref();
    let mut mesh = Mesh::default();
    let scene = gltf.default_scene().or_else(|| gltf.scenes().next())?;
    let mut stack: Vec<(gltf::Node<'_>, glam::Mat4)> = scene.nodes().map(|n| (n, glam::Mat4::IDENTITY)).collect();
    while let Some((node, parent)) = stack.pop() {
        let transform = parent * glam::Mat4::from_cols_array_2d(&node.transform().matrix());
        stack.extend(node.children().map(|c| (c, transform)));
        let Some(m) = node.mesh() else { continue };
        for primitive in m.primitives().filter(|p| p.mode() == gltf::mesh::Mode::Triangles) {
            let reader = primitive.reader(|buffer| match buffer.source() {
                gltf::buffer::Source::Bin => blob,
                gltf::buffer::Source::Uri(_) => None,
            });
            let Some(positions) = reader.read_positions() else { continue };
            let positions: Vec<Vec3> = positions.map(|p| transform.transform_point3(Vec3::from(p))).collect();
            let indices: Vec<u32> = match reader.read_indices() {
                Some(i) => i.into_u32().collect(),
                None => (0..positions.len() as u32).collect(),
            };
            let [red, green, blue, _] = primitive.material().pbr_metallic_roughness().base_color_factor();
            let colour = [red, green, blue, Material::Matte.id()];
            for tri in indices.chunks_exact(3) {
                let [a, b, c] = [0, 1, 2].map(|k| positions.get(tri[k] as usize).copied().unwrap_or(Vec3::ZERO));
                let n = (b - a).cross(c - a).normalize_or_zero();
                let base = mesh.vertices.len() as u32;
                for p in [a, b, c] {
                    mesh.vertices.push(crate::mesh::Vertex {
                        position: p.to_array(),
                        normal: n.to_array(),
                        colour,
                        uv: [0.0; 2],
                    });
                }
                mesh.indices.extend([base, base + 1, base + 2]);
            }
        }
    }
    if mesh.indices.is_empty() {
        return None;
    }
    let (lo, hi) = mesh.vertices.iter().fold((Vec3::splat(f32::MAX), Vec3::splat(f32::MIN)), |(lo, hi), v| {
        (lo.min(Vec3::from(v.position)), hi.max(Vec3::from(v.position)))
    });
    let extent = (hi - lo).max(Vec3::splat(1e-6));
    let scale = (size / extent).min_element();
    let centre = (lo + hi) / 2.0;
    for v in &mut mesh.vertices {
        v.position = ((Vec3::from(v.position) - centre) * scale).to_array();
    }
    Some(mesh)
}

/// The mesh of a package of `kind` and `size` (metres) declaring `declared`, open to show
/// `content` once it is known.
pub fn item(decals: &mut Decals, kind: &str, size: Vec3, declared: &str, content: Option<&str>) -> Mesh {
    let mut m = Mesh::default();
    let uv = label(decals, declared);
    let tag = glam::Vec2::new((size.z.min(size.x) * 0.3).min(0.16), (size.y * 0.2).min(0.08));
    match kind {
        "pallet" => pallet(&mut m, size, content, uv, tag),
        "drum" => drum(&mut m, size, content, uv, tag),
        "bag" => {
            m.ellipsoid(Vec3::ZERO, size / 2.0, Quat::IDENTITY, (6, 12), Look::new(SACK, Material::Cloth));
            stick(&mut m, uv, Vec3::ZERO, size * 0.8, Vec3::X, tag);
            if let Some(c) = content {
                let h = size.y / 2.0;
                fill(&mut m, Content::of(c), Vec3::new(-0.2, h * 0.3, -0.15), Vec3::new(0.2, h * 1.1, 0.15));
            }
        }
        "loose" if content.is_some() => {
            carton(&mut m, Vec3::ZERO, size, content, Some(uv), tag, Look::new(PALLET, Material::Wood))
        }
        "loose" => {
            let wood = Look::new(PALLET, Material::Wood);
            m.cuboid(Vec3::ZERO, size * 0.98, Quat::IDENTITY, wood);
            let h = size / 2.0;
            for y in [-h.y + 0.05, h.y - 0.05] {
                for z in [-h.z, h.z] {
                    m.cuboid(Vec3::new(0.0, y, z), Vec3::new(size.x, 0.08, 0.02), Quat::IDENTITY, wood);
                }
            }
            stick(&mut m, uv, Vec3::ZERO, size, Vec3::X, tag);
        }
        _ => carton(&mut m, Vec3::ZERO, size, content, Some(uv), tag, Look::new(CARDBOARD, Material::Cardboard)),
    }
    m
}

/// A taped carton of `board` (open at the top once its content is known).
fn carton(
    m: &mut Mesh,
    c: Vec3,
    size: Vec3,
    content: Option<&str>,
    uv: Option<[glam::Vec2; 4]>,
    tag: glam::Vec2,
    board: Look,
) {
    let h = size / 2.0;
    match content {
        None => {
            m.cuboid(c, size, Quat::IDENTITY, board);
            let tape = Look::new([0.74, 0.6, 0.38], Material::Plastic);
            m.cuboid(c + Vec3::Y * h.y, Vec3::new(size.x + 0.004, 0.002, 0.05), Quat::IDENTITY, tape);
            for x in [-h.x, h.x] {
                m.cuboid(c + Vec3::new(x, h.y - 0.04, 0.0), Vec3::new(0.002, 0.08, 0.05), Quat::IDENTITY, tape);
            }
        }
        Some(text) => {
            // Four sides and a bottom, flaps folded back, and what it holds.
            m.cuboid(c - Vec3::Y * (h.y - 0.005), Vec3::new(size.x, 0.01, size.z), Quat::IDENTITY, board);
            for (offset, extent) in [
                (Vec3::X * (h.x - 0.003), Vec3::new(0.006, size.y, size.z)),
                (Vec3::X * -(h.x - 0.003), Vec3::new(0.006, size.y, size.z)),
                (Vec3::Z * (h.z - 0.003), Vec3::new(size.x, size.y, 0.006)),
                (Vec3::Z * -(h.z - 0.003), Vec3::new(size.x, size.y, 0.006)),
            ] {
                m.cuboid(c + offset, extent, Quat::IDENTITY, board);
                let out = offset.normalize_or_zero();
                let flap = c + offset + Vec3::Y * h.y + out * 0.08;
                let flap_size = Vec3::new(
                    if out.x != 0.0 { 0.16 } else { size.x },
                    0.006,
                    if out.z != 0.0 { 0.16 } else { size.z },
                );
                m.cuboid(flap, flap_size, Quat::IDENTITY, board);
            }
            fill(m, Content::of(text), c - h + Vec3::splat(0.01), c + h - Vec3::new(0.01, 0.03, 0.01));
        }
    }
    if let Some(uv) = uv {
        for normal in [Vec3::X, Vec3::Z, Vec3::NEG_Z] {
            stick(m, uv, c, size, normal, tag);
        }
    }
}

/// A pallet: stringers, deck boards and the load, wrapped, or its content once opened.
fn pallet(m: &mut Mesh, size: Vec3, content: Option<&str>, uv: [glam::Vec2; 4], tag: glam::Vec2) {
    let h = size / 2.0;
    let base = 0.144f32.min(size.y * 0.3);
    let wood = Look::new(PALLET, Material::Wood);
    let y0 = -h.y;
    for z in [-h.z + 0.05, 0.0, h.z - 0.05] {
        m.cuboid(
            Vec3::new(0.0, y0 + 0.022 + (base - 0.044) / 2.0, z),
            Vec3::new(size.x, base - 0.044, 0.1),
            Quat::IDENTITY,
            wood,
        );
    }
    let boards = ((size.x / 0.16).round() as usize).max(3);
    for i in 0..boards {
        let x = -h.x + (i as f32 + 0.5) * size.x / boards as f32;
        m.cuboid(
            Vec3::new(x, y0 + base - 0.011, 0.0),
            Vec3::new(size.x / boards as f32 - 0.03, 0.022, size.z),
            Quat::IDENTITY,
            wood,
        );
    }
    for x in [-h.x + 0.05, 0.0, h.x - 0.05] {
        m.cuboid(Vec3::new(x, y0 + 0.011, 0.0), Vec3::new(0.1, 0.022, size.z), Quat::IDENTITY, wood);
    }
    let lo = Vec3::new(-h.x + 0.01, y0 + base, -h.z + 0.01);
    let hi = Vec3::new(h.x - 0.01, h.y, h.z - 0.01);
    match content {
        Some(text) => fill(m, Content::of(text), lo, hi),
        None => {
            // Cartons in a grid under stretch film: the film's sheen is the material.
            let load = hi - lo;
            let n = (load / Vec3::new(0.4, 0.3, 0.4)).round().max(Vec3::ONE);
            let cell = load / n;
            let wrap = Look::new(CARDBOARD.map(|c| c * 0.95 + 0.04), Material::Wrap);
            for i in 0..n.x as usize {
                for j in 0..n.y as usize {
                    for k in 0..n.z as usize {
                        let centre = lo + cell * (Vec3::new(i as f32, j as f32, k as f32) + 0.5);
                        m.cuboid(centre, cell - Vec3::splat(0.008), Quat::IDENTITY, wrap);
                    }
                }
            }
            let centre = (lo + hi) / 2.0;
            for normal in [Vec3::X, Vec3::Z, Vec3::NEG_Z] {
                stick(m, uv, centre, load, normal, tag);
            }
        }
    }
}

/// A steel drum standing up, with hoops and a bung; its lid off once opened.
fn drum(m: &mut Mesh, size: Vec3, content: Option<&str>, uv: [glam::Vec2; 4], tag: glam::Vec2) {
    let r = size.x.min(size.z) / 2.0;
    let h = size.y / 2.0;
    let paint = Look::new(DRUM, Material::Paint);
    m.cylinder(Vec3::new(0.0, -h, 0.0), Vec3::new(0.0, h - 0.01, 0.0), r * 0.98, 20, paint);
    for y in [-h + 0.02, -h * 0.33, h * 0.33, h - 0.03] {
        m.cylinder(Vec3::new(0.0, y - 0.01, 0.0), Vec3::new(0.0, y + 0.01, 0.0), r, 20, paint);
    }
    match content {
        None => m.cylinder(
            Vec3::new(r * 0.5, h - 0.01, 0.0),
            Vec3::new(r * 0.5, h + 0.005, 0.0),
            0.03,
            10,
            Look::new([0.5; 3], Material::Steel),
        ),
        Some(text) => {
            m.cylinder(
                Vec3::new(0.0, h - 0.012, 0.0),
                Vec3::new(0.0, h - 0.009, 0.0),
                r * 0.9,
                20,
                Look::new([0.05; 3], Material::Rubber),
            );
            let q = r * 0.6;
            fill(m, Content::of(text), Vec3::new(-q, h - 0.15, -q), Vec3::new(q, h - 0.012, q));
        }
    }
    let label = Vec3::new(r * 0.98 + 0.001, 0.0, 0.0);
    let (a, b) = (Vec3::NEG_Z * tag.x * 0.8, Vec3::Y * tag.y);
    m.quad_uv([label - a - b, label + a - b, label + a + b, label - a + b], uv, Look::new([1.0; 3], Material::Decal));
}

/// Fills the box `lo`..`hi` with what `content` looks like (at most a few dozen pieces).
fn fill(m: &mut Mesh, content: Content, lo: Vec3, hi: Vec3) {
    let (lo, hi) = (lo.min(hi), lo.max(hi));
    let space = hi - lo;
    let grid = |piece: Vec3, gap: f32| {
        let n = (space / (piece + gap)).floor().max(Vec3::ONE).min(Vec3::new(6.0, 8.0, 6.0));
        let cell = space / n;
        let mut at = Vec::new();
        for i in 0..n.x as usize {
            for j in 0..n.y as usize {
                for k in 0..n.z as usize {
                    at.push((lo + cell * (Vec3::new(i as f32, j as f32, k as f32) + 0.5), cell));
                }
            }
        }
        at
    };
    match content {
        Content::Tiles => {
            for (c, cell) in grid(Vec3::new(0.6, 0.09, 0.6), 0.01) {
                for s in 0..6 {
                    let y = c.y - cell.y / 2.0 + 0.008 + s as f32 * (cell.y / 6.0);
                    m.cuboid(
                        Vec3::new(c.x, y, c.z),
                        Vec3::new(cell.x - 0.01, cell.y / 6.0 - 0.003, cell.z - 0.01),
                        Quat::IDENTITY,
                        Look::new([0.72, 0.68, 0.62], Material::Matte),
                    );
                }
            }
        }
        Content::Pots => {
            for (c, cell) in grid(Vec3::new(0.24, 0.14, 0.24), 0.02) {
                let r = cell.x.min(cell.z) * 0.42;
                let y = c.y - cell.y / 2.0;
                m.cylinder(
                    Vec3::new(c.x, y, c.z),
                    Vec3::new(c.x, y + cell.y * 0.8, c.z),
                    r,
                    14,
                    Look::new([0.75, 0.76, 0.78], Material::Steel),
                );
            }
        }
        Content::Cigarettes => {
            for (c, cell) in grid(Vec3::new(0.28, 0.14, 0.2), 0.006) {
                let size = cell - Vec3::splat(0.006);
                m.cuboid(c, size, Quat::IDENTITY, Look::new([0.9, 0.9, 0.87], Material::Cardboard));
                m.cuboid(
                    c + Vec3::Y * size.y * 0.25,
                    Vec3::new(size.x + 0.002, size.y * 0.3, size.z + 0.002),
                    Quat::IDENTITY,
                    Look::new([0.7, 0.06, 0.06], Material::Cardboard),
                );
            }
        }
        Content::Bricks => {
            for (c, cell) in grid(Vec3::new(0.22, 0.06, 0.14), 0.005) {
                m.cuboid(c, cell - Vec3::splat(0.005), Quat::IDENTITY, Look::new([0.5, 0.4, 0.22], Material::Plastic));
            }
        }
        Content::Goods => {
            for (c, cell) in grid(Vec3::new(0.2, 0.15, 0.2), 0.01) {
                m.cuboid(c, cell - Vec3::splat(0.01), Quat::IDENTITY, Look::new([0.55, 0.6, 0.7], Material::Cardboard));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shipped_model_is_scaled_into_its_box_with_its_colours_and_garbage_is_refused() {
        let glb = include_bytes!("../../../tests/fixtures/model-drill/crate.glb");
        let size = Vec3::new(1.2, 0.8, 1.0);
        let mesh = model(glb, size).expect("the fixture parses");
        assert_eq!(mesh.triangles(), 24, "two boxes");
        let (lo, hi) = mesh.vertices.iter().fold((Vec3::splat(f32::MAX), Vec3::splat(f32::MIN)), |(lo, hi), v| {
            (lo.min(Vec3::from(v.position)), hi.max(Vec3::from(v.position)))
        });
        assert!(
            (hi - lo).cmple(size + 1e-4).all() && ((hi - lo) - size).abs().min_element() < 1e-4,
            "fits, touching one side"
        );
        assert!((lo + hi).length() < 1e-4, "centred");
        assert!(mesh.vertices.iter().any(|v| (v.colour[0] - 0.55).abs() < 1e-6), "its base colour");
        assert!(model(b"glTF not really", size).is_none());
        assert!(model(&glb[..100], size).is_none(), "a cut file is refused");
    }

    #[test]
    fn content_is_read_from_what_it_really_holds_and_the_hidden_part_wins() {
        assert_eq!(Content::of("Ceramic floor tiles, 60 x 60 cm"), Content::Tiles);
        assert_eq!(Content::of("Stainless steel pots and pans"), Content::Pots);
        assert_eq!(Content::of("Ceramic tiles — and hidden inside: 12 kg of cocaine in bricks"), Content::Bricks);
        assert_eq!(Content::of("About 400,000 cigarettes"), Content::Cigarettes);
        assert_eq!(Content::of("Garden furniture"), Content::Goods);
    }

    #[test]
    fn every_kind_is_built_inside_its_box_with_a_label_and_opened_shows_more() {
        for kind in ["pallet", "carton", "drum", "bag", "loose"] {
            let mut decals = Decals::default();
            let size = Vec3::new(1.2, 1.1, 1.0);
            let closed = item(&mut decals, kind, size, "Ceramic floor tiles (HS 6907.21)", None);
            let half = size / 2.0 + Vec3::splat(0.2);
            assert!(
                closed.vertices.iter().all(|v| Vec3::from(v.position).abs().cmple(half).all()),
                "{kind} stays in its box"
            );
            assert!(closed.vertices.iter().any(|v| v.colour[3] == Material::Decal.id()), "{kind} is labelled");
            let open = item(&mut decals, kind, size, "Ceramic floor tiles (HS 6907.21)", Some("Ceramic floor tiles"));
            assert!(open != closed, "{kind} opened looks different");
        }
    }
}
