//! What to draw: [`build`] turns the client's [`SceneInput`] into instances of meshes from
//! [`Models`], building each mesh the first time a scenario needs it (the container, its doors
//! and seal, each kind and size of cargo, people). Pure, so it is tested without a GPU. Text
//! over the scene (names, readings) is not here: `crossdock_ui::plates` draws it over the frame;
//! what is printed on things (numbers, plates, labels) is, as decals.

use crossdock_client::view::{HandShape, SceneAvatar, SceneInput, participant_colour};
use crossdock_protocol::drill::{FindingStatus, Tool};
use crossdock_protocol::units;
use crossdock_protocol::{Hand, ParticipantId, Role};
use glam::{Mat4, Quat, Vec3};

use crate::body::{Gait, Limb, Skeleton};
use crate::container::{self, Frame};
use crate::mesh::{MeshId, Models, key};
use crate::{FROM_MESH, Instance, Lights, cargo, people};

/// The clear colour: an overcast sky over the yard.
pub const SKY: wgpu::Color = wgpu::Color { r: 0.16, g: 0.17, b: 0.19, a: 1.0 };
/// Instructor avatars: a high-visibility orange vest.
pub const INSTRUCTOR: [f32; 3] = [0.95, 0.4, 0.05];
/// Trainee avatars: a high-visibility green vest.
pub const TRAINEE: [f32; 3] = [0.15, 0.7, 0.3];
/// Observer avatars: grey, without hands.
pub const OBSERVER: [f32; 3] = [0.6, 0.6, 0.6];
/// Instructor highlights around items.
pub const HIGHLIGHT: [f32; 3] = [1.0, 0.95, 0.2];
/// The revealed truth.
pub const TRUTH: [f32; 3] = [1.0, 0.2, 0.35];
/// Where a reading was taken.
pub const READING: [f32; 3] = [0.6, 0.95, 1.0];
/// The bar over a speaking avatar.
pub const SPEAKING: [f32; 3] = [0.3, 1.0, 0.45];

/// The colour of a role's avatar.
pub fn role_color(role: Role) -> [f32; 3] {
    match role {
        Role::Instructor => INSTRUCTOR,
        Role::Trainee => TRAINEE,
        Role::Observer => OBSERVER,
    }
}

/// The meshes people are made of, built once.
#[derive(Debug, Clone, Copy)]
struct Body {
    head: MeshId,
    visor: MeshId,
    visor_light: MeshId,
    mouth: MeshId,
    strap: MeshId,
    hat: MeshId,
    neck: MeshId,
    torso: MeshId,
    hips: MeshId,
    vest: MeshId,
    stripes: MeshId,
    sash: MeshId,
    upper_arm: MeshId,
    forearm: MeshId,
    armband: MeshId,
    thigh: MeshId,
    shin: MeshId,
    ball: MeshId,
    boot: MeshId,
    /// Left and right gloves, open, gripping, pointing.
    gloves: [[MeshId; 3]; 2],
    /// Each tool in a hand ([`Tool::ALL`]'s order), those carried.
    tools: [Option<MeshId>; Tool::ALL.len()],
}

impl Body {
    fn of(models: &mut Models) -> Body {
        let mut part =
            |name: &str, make: &dyn Fn() -> crate::mesh::Mesh| models.mesh(key(("person", name)), |_| make());
        Body {
            head: part("head", &people::head),
            visor: part("visor", &people::visor),
            visor_light: part("visor light", &people::visor_light),
            mouth: part("mouth", &people::mouth),
            strap: part("strap", &people::strap),
            hat: part("hat", &people::hard_hat),
            neck: part("neck", &|| people::limb(0.052)),
            torso: part("torso", &people::torso),
            hips: part("hips", &people::hips),
            vest: part("vest", &people::vest),
            stripes: part("stripes", &people::stripes),
            sash: part("sash", &people::sash),
            upper_arm: part("upper arm", &|| people::limb(0.05)),
            forearm: part("forearm", &|| people::limb(0.041)),
            armband: part("armband", &people::armband),
            thigh: part("thigh", &|| people::limb(0.075)),
            shin: part("shin", &|| people::limb(0.056)),
            ball: part("ball", &people::ball),
            boot: part("boot", &people::boot),
            gloves: [false, true].map(|right| {
                [people::Pose::Open, people::Pose::Grip, people::Pose::Point]
                    .map(|pose| models.mesh(key(("glove", right, pose)), |_| people::glove(pose, right)))
            }),
            tools: Tool::ALL.map(|tool| {
                people::carried(tool)
                    .then(|| models.mesh(key(("tool in hand", tool)), |_| people::tool(tool).unwrap_or_default()))
            }),
        }
    }
}

/// The bodies drawn: each person's [`Gait`] (their turn, standing height and feet), kept from
/// one frame to the next, live people and a debrief's ghosts apart.
#[derive(Debug, Default)]
pub struct Bodies {
    gaits: std::collections::HashMap<(ParticipantId, bool), Gait>,
}

impl Bodies {
    /// The body of `avatar`, `dt` seconds after the last frame.
    pub fn pose(&mut self, avatar: &SceneAvatar, dt: f32) -> Skeleton {
        let f = &avatar.frame;
        let hands = (avatar.role != Role::Observer)
            .then_some([(f.left.position, f.left.rotation), (f.right.position, f.right.rotation)]);
        self.gaits.entry((avatar.id, avatar.ghost)).or_default().pose((f.head.position, f.head.rotation), hands, dt)
    }

    /// Forgets the bodies of people no longer in `scene`.
    fn keep(&mut self, scene: &SceneInput) {
        self.gaits.retain(|(id, ghost), _| scene.avatars.iter().any(|a| a.id == *id && a.ghost == *ghost));
    }
}

/// The instances that draw `scene`, with meshes from `models` (built there when new), and the
/// scene's lights; people's bodies move on from `bodies` by `dt` seconds.
pub fn build(scene: &SceneInput, models: &mut Models, bodies: &mut Bodies, dt: f32) -> (Vec<Instance>, Lights) {
    let mut out = Vec::with_capacity(512);
    let look = &scene.look;
    let mm = scene.container_mm;
    models.scenario(key((look, mm)));
    let frame = Frame::new(look, mm);
    let size = units::size(mm);
    let mut lights = Lights {
        room: (
            Vec3::new(look.front_wall_mm as f32 / 1000.0, 0.0, -size.z / 2.0),
            Vec3::new(size.x, size.y, size.z / 2.0),
        ),
        doors_open: 0.0,
        roofless: scene.cutaway,
        flashlight: scene.flashlight,
        focus: (
            (Vec3::new(frame.front, frame.bottom, 0.0) + Vec3::new(frame.rear, frame.top, 0.0)) / 2.0,
            size.x / 2.0 + 3.0,
        ),
    };
    if size.min_element() > 0.0 {
        let shell =
            models.mesh(key(("shell", scene.cutaway)), |decals| container::shell(decals, look, mm, scene.cutaway));
        out.push(Instance::of(shell, Mat4::IDENTITY, [1.0; 3]));
    }
    let seal_side = scene.seal.map_or(1.0, |s| if s.z < 0.0 { -1.0 } else { 1.0 });
    for door in &scene.doors {
        let side = if door.handle.z < 0.0 { -1.0 } else { 1.0 };
        let numbered = side == seal_side;
        let leaf = models
            .mesh(key(("leaf", side > 0.0, numbered)), |decals| container::leaf(decals, look, mm, side, numbered));
        let turn = Frame::door_turn(side, door.swing);
        out.push(Instance::of(leaf, Mat4::from_rotation_translation(turn, frame.hinge(side)), [1.0; 3]));
        lights.doors_open += door.swing / scene.doors.len().max(1) as f32;
    }
    if let (Some(at), Some(number)) = (scene.seal, &scene.seal_number) {
        let id = models.mesh(key(("seal", number)), |decals| container::seal(decals, number, &look.seal_condition));
        // Where the server says it is (its tag and the tools use the same place).
        out.push(Instance::of(id, Mat4::from_translation(at), [1.0; 3]));
    }
    for item in &scene.items {
        let size_mm = (item.size * 1000.0).round().to_array().map(|v| v as u32);
        let shipped = item.model.as_ref().map(|m| m.sha256);
        let id = models.mesh(key(("item", &item.kind, size_mm, &item.label, &item.content, shipped)), |decals| {
            // The scenario's model for its look, while it is shut; opened, what it holds shows.
            let from_model =
                item.model.as_ref().filter(|_| item.content.is_none()).and_then(|m| cargo::model(&m.bytes, item.size));
            from_model
                .unwrap_or_else(|| cargo::item(decals, &item.kind, item.size, &item.label, item.content.as_deref()))
        });
        out.push(Instance::of(id, Mat4::from_rotation_translation(item.pose.rotation, item.pose.position), [1.0; 3]));
        if item.highlighted {
            frame_of(item.pose.position, item.pose.rotation, item.size * 1.06 + 0.02, HIGHLIGHT, &mut out);
        }
    }
    let body = Body::of(models);
    bodies.keep(scene);
    for avatar in &scene.avatars {
        let first = out.len();
        let skeleton = bodies.pose(avatar, dt);
        let patch = (!avatar.me && avatar.role != Role::Observer).then(|| patch(models, &avatar.administration));
        person(avatar, &skeleton, &body, patch, &mut out);
        if avatar.ghost {
            // A recorded participant: the same person in the same colours, lighter and seen
            // through, standing on a disc of their colour.
            for part in &mut out[first..] {
                for c in &mut part.color[..3] {
                    *c = *c * 0.8 + 0.15;
                }
                if part.color[3] == FROM_MESH {
                    part.color[3] = GHOST;
                }
            }
            let own = participant_colour(avatar.id).map(|c| f32::from(c) / 255.0);
            let feet = Vec3::new(skeleton.pelvis.x, 0.012, skeleton.pelvis.z);
            out.push(Instance::flat(feet, Quat::IDENTITY, Vec3::new(0.5, 0.01, 0.5), own));
        }
    }
    for cell in &scene.heat {
        // Where the class looked: a square a little off the surface, cool to hot, smaller than
        // its cell so the wall shows between them.
        let mut size = Vec3::splat(0.3);
        size[usize::from(cell.facing.min(2))] = 0.004;
        let inward = match cell.facing {
            0 => Vec3::X,
            1 if cell.at.y < 0.1 => Vec3::Y,
            1 => Vec3::NEG_Y,
            _ if cell.at.z < 0.0 => Vec3::Z,
            _ => Vec3::NEG_Z,
        };
        out.push(Instance::flat(cell.at + inward * 0.012, Quat::IDENTITY, size, heat_colour(cell.weight)));
    }
    for trail in &scene.trails {
        // Where they walked: a line on the floor in their colour, fading towards its start.
        let own = participant_colour(trail.id).map(|c| f32::from(c) / 255.0);
        let shown = &trail.points[trail.points.len().saturating_sub(MAX_TRAIL_SHOWN)..];
        for (i, pair) in shown.windows(2).enumerate() {
            let fade = 0.35 + 0.65 * (i + 1) as f32 / shown.len().max(1) as f32;
            let at = |p: glam::Vec2| Vec3::new(p.x, 0.02, p.y);
            segment(at(pair[0]), at(pair[1]), 0.035, own.map(|c| c * fade), &mut out);
        }
    }
    for (_, place, status) in &scene.findings {
        let color = match status {
            FindingStatus::Open => [0.9, 0.1, 0.1],
            FindingStatus::Confirmed => [0.1, 0.85, 0.2],
            FindingStatus::Rejected => [0.45, 0.45, 0.45],
        };
        out.push(Instance::flat(*place + Vec3::Y * 0.25, Quat::IDENTITY, Vec3::new(0.03, 0.5, 0.03), color));
        out.push(Instance::flat(*place + Vec3::Y * 0.55, Quat::IDENTITY, Vec3::splat(0.1), color));
    }
    for (at, _, _) in &scene.readings {
        // Where a tool was used: a small marker under the reading's tag.
        out.push(Instance::flat(*at, Quat::IDENTITY, Vec3::splat(0.04), READING));
    }
    for (place, _) in &scene.truth {
        frame_of(*place, Quat::IDENTITY, Vec3::splat(0.6), TRUTH, &mut out);
    }
    if let Some((from, to)) = scene.pointer {
        segment(from, to, 0.012, INSTRUCTOR, &mut out);
    }
    (out, lights)
}

/// Blue (glanced at) through yellow to red (dwelt on).
fn heat_colour(weight: f32) -> [f32; 3] {
    let w = weight.clamp(0.0, 1.0);
    if w < 0.5 {
        let t = w * 2.0;
        [t, 0.35 + 0.5 * t, 1.0 - t]
    } else {
        let t = (w - 0.5) * 2.0;
        [1.0, 0.85 * (1.0 - t), 0.0]
    }
}

/// The most trail points drawn per participant (the latest: ten minutes).
const MAX_TRAIL_SHOWN: usize = 600;

/// A uniform's shirt and trousers: customs blue; an observer's, civilian grey.
const SHIRT: [f32; 3] = [0.2, 0.27, 0.4];
const TROUSERS: [f32; 3] = [0.13, 0.15, 0.21];
const CIVILIAN: ([f32; 3], [f32; 3]) = ([0.52, 0.53, 0.55], [0.27, 0.27, 0.3]);
const SKIN: [f32; 3] = [0.76, 0.6, 0.48];
/// A frozen participant's ring and tint.
pub const FROZEN: [f32; 3] = [0.55, 0.85, 1.0];
/// A muted participant's mouth.
pub const MUTED: [f32; 3] = [0.9, 0.12, 0.1];
/// An instance's material marker for a ghost: the mesh's materials, seen through.
pub const GHOST: f32 = -3.0;
/// How far a pointing ray is drawn when it meets nothing, metres.
const RAY_SHOWN: f32 = 2.5;

/// The administration's marking for the uniform: its code on a patch, on the chest and the back.
fn patch(models: &mut Models, administration: &str) -> MeshId {
    let code: String = administration.chars().filter(|c| !c.is_control()).take(6).collect();
    models.mesh(key(("patch", &code)), |decals| {
        let mut m = crate::mesh::Mesh::default();
        if code.is_empty() {
            return m;
        }
        let text = crate::decals::Text {
            lines: code.clone(),
            size: [256, 128],
            ink: [250, 250, 245, 255],
            paper: [22, 38, 84, 255],
        };
        let uv = decals.place(text);
        m.decal(uv, Vec3::new(0.0, -0.15, 0.132), Vec3::X * 0.1, Vec3::Y * 0.05);
        m.decal(uv, Vec3::new(-0.085, -0.1, -0.131), Vec3::NEG_X * 0.04, Vec3::Y * 0.02);
        m
    })
}

/// A limb's instance: `mesh` (unit length along +y) from `a` to `b`, `k` times as thick as built.
fn bone(mesh: MeshId, a: Vec3, b: Vec3, k: f32, rgb: [f32; 3]) -> Instance {
    let d = b - a;
    let turn = Quat::from_rotation_arc(Vec3::Y, d.normalize_or(Vec3::Y));
    Instance::of(mesh, Mat4::from_scale_rotation_translation(Vec3::new(k, d.length(), k), turn, a), rgb)
}

/// A limb of two bones (`meshes`: upper, lower) and the round joint between them, `joint`
/// metres across for a body as built.
fn limb(body: &Body, meshes: [MeshId; 2], l: &Limb, joint: f32, k: f32, rgb: [f32; 3], out: &mut Vec<Instance>) {
    out.push(bone(meshes[0], l.root, l.mid, k, rgb));
    out.push(Instance::of(
        body.ball,
        Mat4::from_scale_rotation_translation(Vec3::splat(joint * k), Quat::IDENTITY, l.mid),
        rgb,
    ));
    out.push(bone(meshes[1], l.mid, l.end, k, rgb));
}

/// Draws one person: the whole body for others, the arms and hands for the viewer.
fn person(avatar: &SceneAvatar, s: &Skeleton, body: &Body, patch: Option<MeshId>, out: &mut Vec<Instance>) {
    let own = participant_colour(avatar.id).map(|c| f32::from(c) / 255.0);
    let observer = avatar.role == Role::Observer;
    let (shirt, trousers) = if observer { CIVILIAN } else { (SHIRT, TROUSERS) };
    let k = s.size.stature / people::BUILT_FOR;
    let first = out.len();
    let head = avatar.frame.head;
    if !avatar.me {
        let at = Mat4::from_rotation_translation(head.rotation, head.position);
        out.push(Instance::of(body.head, at, SKIN));
        out.push(Instance::of(body.visor, at, [0.06, 0.06, 0.08]));
        out.push(Instance::of(body.strap, at, own));
        let mouth = if avatar.cues.muted { MUTED } else { [0.35, 0.16, 0.15] };
        let open = if avatar.speaking { 2.6 } else { 1.0 };
        let jaw = Mat4::from_rotation_translation(head.rotation, head.position)
            * Mat4::from_translation(Vec3::new(0.0, -0.085, -0.072))
            * Mat4::from_scale(Vec3::new(1.0, open, 1.0))
            * Mat4::from_translation(Vec3::new(0.0, 0.085, 0.072));
        out.push(Instance::of(body.mouth, jaw, mouth));
        if avatar.speaking {
            // The visor's strip lights while their voice plays.
            out.push(Instance {
                color: [SPEAKING[0], SPEAKING[1], SPEAKING[2], 0.0],
                ..Instance::of(body.visor_light, at, SPEAKING)
            });
        }
        if avatar.role == Role::Instructor {
            out.push(Instance::of(body.hat, at, [0.95, 0.95, 0.92]));
        }
        out.push(bone(body.neck, s.neck, s.skull, k, SKIN));
        let chest = Mat4::from_scale_rotation_translation(Vec3::splat(k), s.chest, s.neck);
        out.push(Instance::of(body.torso, chest, shirt));
        match avatar.role {
            Role::Instructor => {
                out.push(Instance::of(body.vest, chest, INSTRUCTOR));
                out.push(Instance::of(body.stripes, chest, [0.85, 0.85, 0.82]));
            }
            Role::Trainee => {
                out.push(Instance::of(body.vest, chest, TRAINEE));
                out.push(Instance::of(body.sash, chest, own));
            }
            Role::Observer => {}
        }
        if let Some(patch) = patch {
            out.push(Instance::of(patch, chest, [1.0; 3]));
        }
        let hips = Mat4::from_scale_rotation_translation(Vec3::splat(k), s.yaw, s.pelvis);
        out.push(Instance::of(body.hips, hips, trousers));
        for (leg, turn) in s.legs.iter().zip(s.feet) {
            limb(body, [body.thigh, body.shin], leg, 0.12, k, trousers, out);
            out.push(Instance::of(
                body.boot,
                Mat4::from_scale_rotation_translation(Vec3::splat(k), turn, leg.end),
                [1.0; 3],
            ));
        }
    }
    let gloves = scale(role_color(avatar.role), 0.8);
    for (i, arm) in s.arms.iter().enumerate() {
        limb(body, [body.upper_arm, body.forearm], arm, 0.085, k, shirt, out);
        out.push(bone(body.armband, arm.root, arm.mid, k, own));
        let shape = avatar.cues.hands[i];
        let pose = match shape {
            HandShape::Open => 0,
            HandShape::Grip => 1,
            HandShape::Point => 2,
        };
        let hand = if observer {
            // No tracked hands: they hang at the wrists, fingers down.
            let down = Quat::from_rotation_arc(Vec3::NEG_Z, (arm.end - arm.mid).normalize_or(Vec3::NEG_Y));
            Mat4::from_rotation_translation(down, arm.end - down * crate::body::WRIST)
        } else {
            let pose = if i == 0 { avatar.frame.left } else { avatar.frame.right };
            Mat4::from_rotation_translation(pose.rotation, pose.position)
        };
        out.push(Instance::of(body.gloves[i][pose], hand, if observer { SKIN } else { gloves }));
        let side = if i == 0 { Hand::Left } else { Hand::Right };
        let held = avatar.cues.tool.filter(|(h, _)| *h == side);
        if let Some(mesh) =
            held.and_then(|(_, tool)| Tool::ALL.iter().position(|t| *t == tool)).and_then(|t| body.tools[t])
        {
            out.push(Instance::of(mesh, hand, [1.0; 3]));
        }
    }
    if avatar.cues.frozen && !avatar.me {
        // Held still by the instructor: tinted ice-blue, an ice-blue ring round their feet.
        for part in &mut out[first..] {
            for (c, ice) in part.color[..3].iter_mut().zip(FROZEN) {
                *c = *c * 0.55 + ice * 0.35;
            }
        }
        let centre = Vec3::new(s.pelvis.x, 0.03, s.pelvis.z);
        let corners: Vec<Vec3> = (0..=12)
            .map(|i| centre + Quat::from_rotation_y(i as f32 / 12.0 * std::f32::consts::TAU) * Vec3::X * 0.45)
            .collect();
        for pair in corners.windows(2) {
            segment(pair[0], pair[1], 0.03, FROZEN, out);
        }
    }
    if let Some(hand) = avatar.cues.pointing {
        // The pointing ray from the fingertip to the dot where it meets a surface.
        let pose = match hand {
            Hand::Left => avatar.frame.left,
            Hand::Right => avatar.frame.right,
        };
        let (from, dir) = crossdock_protocol::ray::from_hand(pose.position, pose.rotation);
        let to = avatar.cues.points_at.unwrap_or(from + dir * RAY_SHOWN);
        segment(from, to, 0.007, own, out);
        if let Some(dot) = avatar.cues.points_at {
            // A dot of their colour on the surface, its bright centre towards the pointer.
            let unlit = |at: Vec3, size: f32, rgb: [f32; 3]| {
                let at = Mat4::from_scale_rotation_translation(Vec3::splat(size), Quat::IDENTITY, at);
                Instance { color: [rgb[0], rgb[1], rgb[2], 0.0], ..Instance::of(body.ball, at, rgb) }
            };
            out.push(unlit(dot, 0.08, own));
            out.push(unlit(dot - dir * 0.03, 0.03, [1.0; 3]));
        }
    }
}

fn scale(c: [f32; 3], k: f32) -> [f32; 3] {
    c.map(|v| (v * k).min(1.0))
}

/// A thin box from `a` to `b` (a pointer, a ray).
pub fn segment(a: Vec3, b: Vec3, thickness: f32, rgb: [f32; 3], out: &mut Vec<Instance>) {
    let d = b - a;
    let len = d.length();
    if len < 1e-4 {
        return;
    }
    let rot = Quat::from_rotation_arc(Vec3::Z, d / len);
    out.push(Instance::flat((a + b) / 2.0, rot, Vec3::new(thickness, thickness, len), rgb));
}

/// The twelve edges of a box.
fn frame_of(center: Vec3, rot: Quat, size: Vec3, rgb: [f32; 3], out: &mut Vec<Instance>) {
    let h = size / 2.0;
    let corners: Vec<Vec3> = (0..8)
        .map(|i| {
            let s = Vec3::new(
                if i & 1 == 0 { -1.0 } else { 1.0 },
                if i & 2 == 0 { -1.0 } else { 1.0 },
                if i & 4 == 0 { -1.0 } else { 1.0 },
            );
            center + rot * (s * h)
        })
        .collect();
    for i in 0..8usize {
        for bit in [1, 2, 4] {
            if i & bit == 0 {
                segment(corners[i], corners[i | bit], 0.02, rgb, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crossdock_client::interp::{AvatarFrame, Pose};
    use crossdock_client::view::{Cues, SceneDoor, SceneItem};
    use crossdock_protocol::drill::{ReadingValue, Tool};
    use crossdock_protocol::messages::ContainerLook;
    use crossdock_protocol::{NetId, ParticipantId};

    use super::*;

    fn container_scene() -> SceneInput {
        SceneInput {
            container_mm: [5_898, 2_393, 2_352],
            look: ContainerLook { number: "CDXU 604417 8".into(), size_type: "22G1".into(), ..Default::default() },
            flashlight: None,
            doors: vec![
                SceneDoor { id: NetId(1), handle: Vec3::new(5.95, 1.2, -0.55), open: false, swing: 0.0 },
                SceneDoor { id: NetId(2), handle: Vec3::new(5.95, 1.2, 0.55), open: true, swing: 1.0 },
            ],
            seal: Some(Vec3::new(5.95, 1.0, 0.45)),
            seal_number: Some("CN1234567".into()),
            items: vec![SceneItem {
                id: NetId(4),
                pose: Pose { position: Vec3::new(1.0, 0.5, 0.0), rotation: Quat::IDENTITY },
                size: Vec3::splat(1.0),
                kind: "pallet".into(),
                label: "MACHINE PARTS".into(),
                highlighted: true,
                content: None,
                model: None,
            }],
            avatars: vec![SceneAvatar {
                name: "Somchai".into(),
                administration: "TH".into(),
                role: Role::Trainee,
                frame: AvatarFrame {
                    head: Pose { position: Vec3::new(3.0, 1.6, 0.0), rotation: Quat::IDENTITY },
                    left: Pose { position: Vec3::new(2.8, 1.1, -0.2), rotation: Quat::IDENTITY },
                    right: Pose { position: Vec3::new(2.8, 1.1, 0.2), rotation: Quat::IDENTITY },
                },
                id: ParticipantId(2),
                me: false,
                speaking: false,
                ghost: false,
                cues: Cues::default(),
            }],
            findings: vec![(1, Vec3::new(0.3, 1.0, 0.0), FindingStatus::Open)],
            readings: vec![(Vec3::new(2.0, 1.2, 0.0), Tool::TapeMeasure, ReadingValue::Distance { mm: 5_250 })],
            pointer: None,
            viewer: Vec3::new(5.0, 1.6, 0.0),
            me: Some((ParticipantId(1), "Me".into(), Role::Instructor)),
            truth: Vec::new(),
            cutaway: false,
            voice_recorded: false,
            trails: Vec::new(),
            heat: Vec::new(),
            said: Vec::new(),
            captions: Vec::new(),
        }
    }

    fn of_mesh(models: &Models, instances: &[Instance], mesh: crate::mesh::Mesh) -> Vec<Instance> {
        let id = models.meshes().iter().position(|m| *m == mesh).expect("the mesh is registered") as u32;
        instances.iter().filter(|i| i.mesh == id).copied().collect()
    }

    #[test]
    fn the_container_doors_and_seal_are_built_once_and_open_doors_swing_outside() {
        let mut models = Models::default();
        let (first, lights) = build(&container_scene(), &mut models, &mut Bodies::default(), 0.0);
        let generation = models.generation();
        let (again, _) = build(&container_scene(), &mut models, &mut Bodies::default(), 0.0);
        assert_eq!(first, again);
        assert_eq!(models.generation(), generation, "nothing is rebuilt for the next frame");
        assert!((lights.doors_open - 0.5).abs() < 1e-6, "one of two doors open");

        let scene = container_scene();
        let hinges = [-1.0, 1.0].map(|side| Frame::new(&scene.look, scene.container_mm).hinge(side));
        let leaves: Vec<&Instance> = first.iter().filter(|i| hinges.contains(&i.center())).collect();
        assert_eq!(leaves.len(), 2, "two leaves, each at its hinge");
        let reach =
            |i: &Instance| Mat4::from_cols_array_2d(&i.model).transform_vector3(Vec3::NEG_Z * i.center().z.signum());
        let shut = leaves.iter().find(|i| i.center().z < 0.0).unwrap();
        let open = leaves.iter().find(|i| i.center().z > 0.0).unwrap();
        assert!(reach(shut).x.abs() < 1e-3 && reach(shut).z > 0.99, "the shut leaf closes the end");
        assert!(reach(open).x < -0.9, "the open leaf lies back along the side wall");

        let seal = models.mesh(key(("seal", "CN1234567")), |_| unreachable!("built already"));
        let at = first.iter().find(|i| i.mesh == seal.0).expect("the seal").center();
        assert_eq!(at, Vec3::new(5.95, 1.0, 0.45), "the seal where the server puts it");

        let mut walled = container_scene();
        walled.look.front_wall_mm = 600;
        draw(&walled, &mut models);
        assert!(models.generation() > generation, "another container: built anew");
    }

    fn draw(scene: &SceneInput, models: &mut Models) -> Vec<Instance> {
        build(scene, models, &mut Bodies::default(), 0.0).0
    }

    #[test]
    fn avatars_highlights_findings_and_readings_are_drawn() {
        let scene = container_scene();
        let mut models = Models::default();
        let drawn = draw(&scene, &mut models);
        assert_eq!(of_mesh(&models, &drawn, people::torso()).len(), 1, "one torso");
        let vest = of_mesh(&models, &drawn, people::vest());
        assert_eq!(vest.len(), 1);
        assert_eq!(vest[0].rgb(), TRAINEE, "a trainee's vest");
        let own = participant_colour(ParticipantId(2)).map(|c| f32::from(c) / 255.0);
        assert_eq!(drawn.iter().filter(|b| b.rgb() == own).count(), 4, "their own colour's strap, sash, armbands");
        assert_eq!(drawn.iter().filter(|b| b.rgb() == HIGHLIGHT).count(), 12, "a highlight frame");
        assert!(drawn.iter().any(|b| b.color == [0.9, 0.1, 0.1, 0.0]), "an open finding");
        assert!(drawn.iter().any(|b| b.rgb() == READING), "where a reading was taken");
        let open = [false, true].map(|right| of_mesh(&models, &drawn, people::glove(people::Pose::Open, right)).len());
        assert_eq!(open, [1, 1], "two open gloves");
        assert_eq!(of_mesh(&models, &drawn, people::boot()).len(), 2, "two boots");
        assert_eq!(of_mesh(&models, &drawn, people::limb(0.05)).len(), 2, "two upper arms");

        let mut me = scene.clone();
        me.avatars[0].me = true;
        let mine = draw(&me, &mut models);
        assert!(of_mesh(&models, &mine, people::torso()).is_empty(), "the viewer's own body is not drawn");
        assert!(of_mesh(&models, &mine, people::head()).is_empty(), "nor their head");
        assert_eq!(of_mesh(&models, &mine, people::limb(0.041)).len(), 2, "but their forearms are");
        assert_eq!(of_mesh(&models, &mine, people::glove(people::Pose::Open, true)).len(), 1, "and their hands");
        assert!(!drawn.iter().any(|b| b.rgb() == SPEAKING), "silent: the visor is dark");
        let mut talking = scene.clone();
        talking.avatars[0].speaking = true;
        let lit = draw(&talking, &mut models);
        assert_eq!(of_mesh(&models, &lit, people::visor_light()).len(), 1, "talking: the visor lights");
        let mut instructor = scene.clone();
        instructor.avatars[0].role = Role::Instructor;
        let drawn = draw(&instructor, &mut models);
        assert_eq!(of_mesh(&models, &drawn, people::hard_hat()).len(), 1, "an instructor wears a hard hat");
        assert_eq!(of_mesh(&models, &drawn, people::stripes()).len(), 1, "and a striped vest");

        let mut held = scene.clone();
        held.avatars[0].cues.hands = [HandShape::Grip, HandShape::Open];
        held.avatars[0].cues.frozen = true;
        held.avatars[0].cues.muted = true;
        let drawn = draw(&held, &mut models);
        assert_eq!(of_mesh(&models, &drawn, people::glove(people::Pose::Grip, false)).len(), 1, "the left hand grips");
        assert!(drawn.iter().filter(|b| b.rgb() == FROZEN).count() >= 8, "frozen: a ring round the feet");
        let mouth = of_mesh(&models, &drawn, people::mouth());
        assert_ne!(mouth[0].rgb(), draw(&scene, &mut models).iter().find(|i| i.mesh == mouth[0].mesh).unwrap().rgb());

        let mut local = scene.clone();
        let tracked = AvatarFrame {
            head: Pose { position: Vec3::new(4.0, 1.7, 0.1), rotation: Quat::IDENTITY },
            ..scene.avatars[0].frame
        };
        local.place_local(tracked);
        assert_eq!(local.avatars.len(), 2, "the tracked viewer joins the others");
        assert!(local.avatars.iter().any(|a| a.me && a.role == Role::Instructor && a.frame == tracked));
        assert_eq!(local.viewer, tracked.head.position);
    }

    #[test]
    fn a_pointing_hand_draws_its_ray_to_a_dot_on_the_surface_it_points_at() {
        let mut scene = container_scene();
        scene.look.front_wall_mm = 600;
        scene.items.clear();
        // The trainee stands 3 m in, pointing the right hand at the front (false) wall.
        let toward_front = Quat::from_rotation_y(std::f32::consts::FRAC_PI_2);
        scene.avatars[0].frame.right = Pose { position: Vec3::new(2.6, 1.3, 0.2), rotation: toward_front };
        scene.avatars[0].cues =
            Cues { pointing: Some(Hand::Right), hands: [HandShape::Open, HandShape::Point], ..Cues::default() };
        scene.aim_pointers();
        let dot = scene.avatars[0].cues.points_at.expect("the ray meets the false wall");
        assert!((dot - Vec3::new(0.6, 1.3, 0.2)).length() < 1e-3, "the dot on the false wall: {dot}");
        let mut models = Models::default();
        let drawn = draw(&scene, &mut models);
        let ball = models.mesh(key(("person", "ball")), |_| unreachable!("built"));
        let own = participant_colour(ParticipantId(2)).map(|c| f32::from(c) / 255.0);
        let dots: Vec<&Instance> = drawn.iter().filter(|i| i.mesh == ball.0 && i.color[3] == 0.0).collect();
        assert_eq!(dots.len(), 2, "a dot in their colour with a bright centre");
        assert!(dots.iter().any(|d| d.center() == dot && d.rgb() == own), "drawn where the ray meets the wall");
        assert!(dots.iter().all(|d| d.center().distance(dot) < 0.031));
        let ray = drawn.iter().find(|i| i.mesh == crate::CUBE.0 && i.color == [own[0], own[1], own[2], 0.0]);
        let ray = ray.expect("a ray in their colour");
        assert!((ray.center().x - (0.6 + 2.6 - crossdock_protocol::ray::FINGERTIP) / 2.0).abs() < 1e-3);
        assert_eq!(of_mesh(&models, &drawn, people::glove(people::Pose::Point, true)).len(), 1, "index out");

        // Pointing up at the roof from outside the open doors: no dot, a short ray.
        scene.avatars[0].frame.right = Pose { position: Vec3::new(8.0, 1.3, 0.0), rotation: toward_front.inverse() };
        scene.doors[0].open = true;
        scene.aim_pointers();
        assert_eq!(scene.avatars[0].cues.points_at, None, "out of the open doors into the yard");
    }

    #[test]
    fn a_ghost_is_the_same_person_seen_through() {
        let mut scene = container_scene();
        scene.avatars[0].ghost = true;
        let mut models = Models::default();
        let drawn = draw(&scene, &mut models);
        let torso = of_mesh(&models, &drawn, people::torso());
        assert_eq!(torso[0].color[3], GHOST, "seen through");
        let own = participant_colour(ParticipantId(2)).map(|c| f32::from(c) / 255.0);
        assert!(drawn.iter().any(|i| i.rgb() == own), "their disc in their own colour");
        let sash = of_mesh(&models, &drawn, people::sash());
        let paled = own.map(|c| c * 0.8 + 0.15);
        assert!(sash[0].rgb().iter().zip(paled).all(|(a, b)| (a - b).abs() < 1e-5), "the sash keeps its colour");
    }

    #[test]
    fn a_class_in_a_full_container_stays_within_the_headset_budget() {
        let mut scene = container_scene();
        scene.container_mm = [12_032, 2_698, 2_352];
        scene.look.kind = crossdock_protocol::messages::ContainerKind::HighCube40;
        let template = scene.items[0].clone();
        scene.items = (0..40)
            .map(|i| SceneItem {
                id: NetId(100 + i),
                pose: Pose {
                    position: Vec3::new(0.7 + (i / 2) as f32 * 0.58, 0.7, if i % 2 == 0 { -0.6 } else { 0.6 }),
                    rotation: Quat::IDENTITY,
                },
                size: Vec3::new(0.55, 1.4, 1.1),
                kind: if i % 4 == 3 { "drum".into() } else { "pallet".into() },
                ..template.clone()
            })
            .collect();
        scene.avatars = (0..16).map(|i| SceneAvatar { id: ParticipantId(i), ..scene.avatars[0].clone() }).collect();
        let mut models = Models::default();
        let drawn = draw(&scene, &mut models);
        let (triangles, draws) = crate::cost(&models, &drawn);
        assert!(triangles < 150_000, "{triangles} triangles");
        assert!(draws < 100, "{draws} draw calls");
    }
}
