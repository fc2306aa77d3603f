//! The container as the shipped scenarios draw it, without a server: each library scenario
//! turned into the scene a client would get, and the camera positions of the gallery and the
//! art checks (outside with the doors shut, inside with them open, the seal, the false wall).

use crossdock_client::interp::{AvatarFrame, Pose};
use crossdock_client::view::{ItemModel, SceneAvatar, SceneDoor, SceneInput, SceneItem};
use crossdock_protocol::{NetId, ParticipantId, Role, units};
use crossdock_render::{Layer, Renderer, capture, projection};
use crossdock_server::scenario::Scenario;
use glam::{Mat4, Quat, Vec3};

/// The scene of library scenario `name` (or a scenario file's path) at its default seed, as a
/// client draws it before anyone has touched anything; `open` swings both doors wide open.
pub fn scene_of(name: &str, open: bool) -> SceneInput {
    let scenario = Scenario::load(name).unwrap_or_else(|e| panic!("{e}"));
    let size = scenario.container_size();
    let door_x = size.x + 0.05;
    let doors = [(1u16, -0.55f32), (2, 0.55)]
        .map(|(id, z)| SceneDoor {
            id: NetId(id),
            handle: Vec3::new(door_x, 1.2, z),
            open,
            swing: if open { 1.0 } else { 0.0 },
        })
        .to_vec();
    let items = scenario
        .cargo
        .iter()
        .enumerate()
        .map(|(i, c)| SceneItem {
            id: NetId(10 + i as u16),
            pose: Pose { position: c.position, rotation: Quat::IDENTITY },
            size: units::size(c.size_mm),
            kind: c.kind.clone(),
            label: c.label.clone(),
            highlighted: false,
            content: None,
            model: c.model.as_ref().map(|m| ItemModel { sha256: m.reference.sha256, bytes: m.bytes.clone() }),
        })
        .collect();
    SceneInput {
        container_mm: scenario.container_mm,
        look: scenario.look.clone(),
        doors,
        seal: Some(Vec3::new(door_x, 1.0, 0.45)),
        seal_number: Some(scenario.seal.0.clone()),
        items,
        viewer: Vec3::new(size.x + 4.0, 1.6, 0.0),
        ..SceneInput::default()
    }
}

/// An instructor and a trainee at the door end, for pictures with people in them.
pub fn with_people(mut scene: SceneInput) -> SceneInput {
    let x = units::size(scene.container_mm).x;
    let person = |id: u16, name: &str, role: Role, at: Vec3, turn: f32| {
        let head = Pose { position: at, rotation: Quat::from_rotation_y(turn) };
        let hand = |side: f32| Pose {
            position: at + Quat::from_rotation_y(turn) * Vec3::new(0.22 * side, -0.45, -0.25),
            ..head
        };
        SceneAvatar {
            id: ParticipantId(id),
            name: name.into(),
            administration: "TH".into(),
            role,
            frame: AvatarFrame { head, left: hand(-1.0), right: hand(1.0) },
            me: false,
            speaking: false,
            ghost: false,
            cues: Default::default(),
        }
    };
    scene.avatars = vec![
        person(1, "Siti", Role::Instructor, Vec3::new(x + 1.2, 1.7, 1.6), 0.9),
        person(2, "Somchai", Role::Trainee, Vec3::new(x - 1.4, 1.65, 0.25), 1.9),
    ];
    scene
}

/// `n` people in the container, from the doors inward in two files a metre apart, facing the
/// front wall (`facing_in`) or the doors: the first an instructor, the rest trainees of eight administrations, every third
/// pointing ahead with the right hand, every fourth holding the left one up, as a class does.
pub fn crowd(mut scene: SceneInput, n: u16, facing_in: bool) -> SceneInput {
    const FROM: [&str; 8] = ["MY", "TH", "KR", "CN", "VN", "JP", "ID", "PH"];
    let x = units::size(scene.container_mm).x;
    scene.avatars = (0..n)
        .map(|i| {
            let file = if i % 2 == 0 { -0.45 } else { 0.45 };
            let at = Vec3::new(x - 0.6 - f32::from(i / 2) * 1.0, 1.58 + 0.03 * f32::from(i % 5), file);
            let ahead = if facing_in { std::f32::consts::FRAC_PI_2 } else { -std::f32::consts::FRAC_PI_2 };
            let turn = ahead + 0.15 * file;
            let facing = Quat::from_rotation_y(turn);
            let head = Pose { position: at, rotation: facing * Quat::from_rotation_x(-0.15) };
            let pointing = i % 3 == 1;
            let right = if pointing {
                // The arm out towards the front wall, a little up.
                Pose {
                    position: at + facing * Vec3::new(0.2, -0.25, -0.5),
                    rotation: facing * Quat::from_rotation_x(0.12),
                }
            } else {
                Pose { position: at + facing * Vec3::new(0.22, -0.5, -0.25), rotation: facing }
            };
            let left = if i % 4 == 3 {
                Pose {
                    position: at + facing * Vec3::new(-0.3, 0.25, -0.2),
                    rotation: facing * Quat::from_rotation_x(1.2),
                }
            } else {
                Pose { position: at + facing * Vec3::new(-0.22, -0.5, -0.25), rotation: facing }
            };
            let mut cues = crossdock_client::view::Cues::default();
            if pointing {
                cues.pointing = Some(crossdock_protocol::Hand::Right);
                cues.hands[1] = crossdock_client::view::HandShape::Point;
            }
            SceneAvatar {
                id: ParticipantId(i + 1),
                name: format!("{} {}", FROM[usize::from(i) % FROM.len()], i + 1),
                administration: FROM[usize::from(i) % FROM.len()].into(),
                role: if i == 0 { Role::Instructor } else { Role::Trainee },
                frame: AvatarFrame { head, left, right },
                me: false,
                speaking: i == 2,
                ghost: false,
                cues,
            }
        })
        .collect();
    scene.aim_pointers();
    scene
}

/// Where a picture is taken from.
#[derive(Debug, Clone, Copy)]
pub struct Shot {
    /// The camera.
    pub eye: Vec3,
    /// What it looks at.
    pub target: Vec3,
    /// Vertical field of view, radians.
    pub fov_y: f32,
    /// Pixels.
    pub size: (u32, u32),
}

impl Shot {
    /// Outside, behind and to one side of the door end: the doors, markings and a side wall.
    pub fn outside(scene: &SceneInput) -> Shot {
        let x = units::size(scene.container_mm).x;
        Shot { eye: Vec3::new(x + 4.2, 2.3, 3.6), target: Vec3::new(x - 1.6, 1.1, 0.0), fov_y: 0.95, size: (1280, 800) }
    }

    /// Standing in the open doorway, looking in.
    pub fn inside(scene: &SceneInput) -> Shot {
        let s = units::size(scene.container_mm);
        Shot { eye: Vec3::new(s.x + 0.3, 1.65, 0.0), target: Vec3::new(0.0, 1.0, 0.0), fov_y: 1.0, size: (1280, 800) }
    }

    /// The door end square on, close enough to read the number on the leaf that carries it
    /// (the one with the seal).
    pub fn door_end(scene: &SceneInput) -> Shot {
        let s = units::size(scene.container_mm);
        let z = scene.seal.map_or(0.5, |seal| seal.z.signum() * 0.5);
        let y = s.y - 0.5;
        Shot { eye: Vec3::new(s.x + 1.8, y, z), target: Vec3::new(s.x, y, z), fov_y: 0.8, size: (1600, 1000) }
    }

    /// The seal at arm's length.
    pub fn seal(scene: &SceneInput) -> Shot {
        let at = scene.seal.unwrap_or_default() + Vec3::new(0.0, -0.065, -0.05);
        Shot { eye: at + Vec3::new(0.35, 0.03, 0.0), target: at, fov_y: 0.45, size: (1280, 800) }
    }

    /// The front wall from a metre in front of it, where a weld would be, with a flashlight.
    pub fn front_wall(scene: &SceneInput) -> Shot {
        let x = scene.look.front_wall_mm as f32 / 1000.0;
        let z = units::size(scene.container_mm).z / 2.0;
        Shot {
            eye: Vec3::new(x + 1.0, 1.9, z - 0.7),
            target: Vec3::new(x, 2.1, z - 0.05),
            fov_y: 0.9,
            size: (1280, 800),
        }
    }

    /// The camera's view-projection.
    pub fn view_proj(&self) -> Mat4 {
        let aspect = self.size.0 as f32 / self.size.1 as f32;
        let half_y = self.fov_y / 2.0;
        let half_x = (half_y.tan() * aspect).atan();
        projection(-half_x, half_x, half_y, -half_y, 0.02, 300.0) * Mat4::look_at_rh(self.eye, self.target, Vec3::Y)
    }
}

/// Renders `scene` from `shot` with `renderer` on `device`: RGBA pixels.
pub fn render(
    device: &wgpu::Device,
    queue: &wgpu::Queue,
    renderer: &mut Renderer,
    scene: &SceneInput,
    shot: &Shot,
) -> Vec<u8> {
    let mut scene = scene.clone();
    scene.viewer = shot.eye;
    let instances = renderer.prepare(&scene);
    let view_proj = shot.view_proj();
    capture::render_rgba(device, queue, wgpu::TextureFormat::Rgba8UnormSrgb, shot.size, |target| {
        renderer.draw(device, queue, target, shot.size, &[Layer { view_proj, instances: &instances }]);
    })
    .expect("the frame reads back")
}
