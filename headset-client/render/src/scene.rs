//! What to draw: [`build`] turns the client's [`SceneInput`] into instances of meshes from
//! [`Models`], building each mesh the first time a scenario needs it (the container, its doors
//! and seal, each kind and size of cargo, people). Pure, so it is tested without a GPU. Text
//! over the scene (names, readings) is not here: `crossdock_ui::plates` draws it over the frame;
//! what is printed on things (numbers, plates, labels) is, as decals.

use crossdock_client::view::{SceneAvatar, SceneInput, participant_colour};
use crossdock_protocol::Role;
use crossdock_protocol::drill::FindingStatus;
use crossdock_protocol::units;
use glam::{Mat4, Quat, Vec3};

use crate::container::{self, Frame};
use crate::mesh::{MeshId, Models, key};
use crate::{Instance, Lights, cargo, people};

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
    strap: MeshId,
    hat: MeshId,
    torso: MeshId,
    stripes: MeshId,
    sash: MeshId,
    glove: MeshId,
}

impl Body {
    fn of(models: &mut Models) -> Body {
        let mut part = |name: &str, make: fn() -> crate::mesh::Mesh| models.mesh(key(("person", name)), |_| make());
        Body {
            head: part("head", people::head),
            visor: part("visor", people::visor),
            strap: part("strap", people::strap),
            hat: part("hat", people::hard_hat),
            torso: part("torso", people::torso),
            stripes: part("stripes", people::stripes),
            sash: part("sash", people::sash),
            glove: part("glove", people::glove),
        }
    }
}

/// The instances that draw `scene`, with meshes from `models` (built there when new), and the
/// scene's lights.
pub fn build(scene: &SceneInput, models: &mut Models) -> (Vec<Instance>, Lights) {
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
    for avatar in &scene.avatars {
        let first = out.len();
        avatar_parts(avatar, &body, &mut out);
        if avatar.ghost {
            // A recorded participant: pale and blue-white, standing on a disc of their colour.
            for part in &mut out[first..] {
                for c in &mut part.color[..3] {
                    *c = *c * 0.35 + 0.55;
                }
                part.color[2] = (part.color[2] + 0.2).min(1.0);
            }
            let own = participant_colour(avatar.id).map(|c| f32::from(c) / 255.0);
            let feet = Vec3::new(avatar.frame.head.position.x, 0.012, avatar.frame.head.position.z);
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

fn avatar_parts(avatar: &SceneAvatar, body: &Body, out: &mut Vec<Instance>) {
    let color = role_color(avatar.role);
    let head = avatar.frame.head;
    let own = participant_colour(avatar.id).map(|c| f32::from(c) / 255.0);
    if !avatar.me {
        let at = Mat4::from_rotation_translation(head.rotation, head.position);
        out.push(Instance::of(body.head, at, [0.78, 0.72, 0.66]));
        out.push(Instance::of(body.visor, at, [0.06, 0.06, 0.08]));
        out.push(Instance::of(body.strap, at, own));
        if avatar.role == Role::Instructor {
            out.push(Instance::of(body.hat, at, [0.95, 0.95, 0.92]));
        }
        // The torso under the head, turned only about the vertical.
        let chest = Mat4::from_rotation_translation(yaw_of(head.rotation), head.position - Vec3::Y * 0.5);
        out.push(Instance::of(body.torso, chest, color));
        match avatar.role {
            Role::Instructor => out.push(Instance::of(body.stripes, chest, [0.85, 0.85, 0.82])),
            Role::Trainee => out.push(Instance::of(body.sash, chest, own)),
            Role::Observer => {}
        }
        if avatar.speaking {
            // A lit bar over the head while their voice plays.
            out.push(Instance::flat(
                head.position + Vec3::Y * 0.36,
                Quat::IDENTITY,
                Vec3::new(0.22, 0.04, 0.04),
                SPEAKING,
            ));
        }
    }
    if avatar.role != Role::Observer {
        let glove = scale(color, 0.8);
        for pose in [avatar.frame.left, avatar.frame.right] {
            out.push(Instance::of(body.glove, Mat4::from_rotation_translation(pose.rotation, pose.position), glove));
        }
    }
}

fn scale(c: [f32; 3], k: f32) -> [f32; 3] {
    c.map(|v| (v * k).min(1.0))
}

/// The rotation's turn about the vertical alone.
fn yaw_of(q: Quat) -> Quat {
    let forward = q * Vec3::NEG_Z;
    Quat::from_rotation_y((-forward.x).atan2(-forward.z))
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
    use crossdock_client::view::{SceneDoor, SceneItem};
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
        let (first, lights) = build(&container_scene(), &mut models);
        let generation = models.generation();
        let (again, _) = build(&container_scene(), &mut models);
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
        build(&walled, &mut models);
        assert!(models.generation() > generation, "another container: built anew");
    }

    #[test]
    fn avatars_highlights_findings_and_readings_are_drawn() {
        let scene = container_scene();
        let mut models = Models::default();
        let (drawn, _) = build(&scene, &mut models);
        let torso = of_mesh(&models, &drawn, people::torso());
        assert_eq!(torso.len(), 1);
        assert_eq!(torso[0].rgb(), TRAINEE, "a trainee's vest");
        let own = participant_colour(ParticipantId(2)).map(|c| f32::from(c) / 255.0);
        assert_eq!(drawn.iter().filter(|b| b.rgb() == own).count(), 2, "their own colour's strap and sash");
        assert_eq!(drawn.iter().filter(|b| b.rgb() == HIGHLIGHT).count(), 12, "a highlight frame");
        assert!(drawn.iter().any(|b| b.color == [0.9, 0.1, 0.1, 0.0]), "an open finding");
        assert!(drawn.iter().any(|b| b.rgb() == READING), "where a reading was taken");
        assert_eq!(of_mesh(&models, &drawn, people::glove()).len(), 2, "two gloves");

        let mut me = scene.clone();
        me.avatars[0].me = true;
        let (mine, _) = build(&me, &mut models);
        assert!(of_mesh(&models, &mine, people::torso()).is_empty(), "the viewer's own body is not drawn");
        assert_eq!(of_mesh(&models, &mine, people::glove()).len(), 2, "but their hands are");
        assert!(!drawn.iter().any(|b| b.rgb() == SPEAKING), "silent: no speaking bar");
        let mut talking = scene.clone();
        talking.avatars[0].speaking = true;
        assert_eq!(build(&talking, &mut models).0.iter().filter(|b| b.rgb() == SPEAKING).count(), 1, "speaking bar");
        let mut instructor = scene.clone();
        instructor.avatars[0].role = Role::Instructor;
        let (drawn, _) = build(&instructor, &mut models);
        assert_eq!(of_mesh(&models, &drawn, people::hard_hat()).len(), 1, "an instructor wears a hard hat");

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
        let (drawn, _) = build(&scene, &mut models);
        let (triangles, draws) = crate::cost(&models, &drawn);
        assert!(triangles < 150_000, "{triangles} triangles");
        assert!(draws < 100, "{draws} draw calls");
    }
}
