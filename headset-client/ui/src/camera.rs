//! The desktop window's and the browser's camera: free-fly, following a participant (first person or over the shoulder),
//! or a top-down overview of the container. Switching is instant: the camera is recomputed
//! from the scene every frame.

use crossdock_protocol::units;
use glam::{Quat, Vec3};

use crate::Words;
use crate::panel::Action;
use crossdock_client::interp::{AvatarFrame, Pose};
use crossdock_client::view::{SceneAvatar, SceneInput};

/// Which view the window shows.
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    /// Fly anywhere.
    Free,
    /// Ride along with a participant.
    Follow {
        /// Their display name.
        name: String,
        /// Through their eyes, or from behind their shoulder.
        first_person: bool,
    },
    /// Straight down onto the container, roof off.
    Overview,
}

impl std::str::FromStr for View {
    type Err = String;

    fn from_str(s: &str) -> Result<View, String> {
        match s {
            "free" => Ok(View::Free),
            "overview" => Ok(View::Overview),
            _ => match s.strip_prefix("follow:") {
                Some(name) if !name.is_empty() => Ok(View::Follow { name: name.to_owned(), first_person: false }),
                _ => Err(format!("`{s}` is not a view: use free, overview or follow:NAME")),
            },
        }
    }
}

/// The camera: the view and the free-fly state.
#[derive(Debug, Clone)]
pub struct Camera {
    /// The current view.
    pub view: View,
    /// Free-fly position.
    pub position: Vec3,
    /// Free-fly heading (radians, 0 looks along -z).
    pub yaw: f32,
    /// Free-fly pitch (radians, up positive).
    pub pitch: f32,
}

impl Camera {
    /// A camera with `view`, its free-fly part standing at the container doors looking in.
    pub fn new(view: View, scene: &SceneInput) -> Camera {
        let length = units::size(scene.container_mm).x;
        Camera { view, position: Vec3::new(length + 2.5, 1.7, 0.0), yaw: std::f32::consts::FRAC_PI_2, pitch: -0.1 }
    }

    /// The free-fly orientation.
    pub fn free_rotation(&self) -> Quat {
        Quat::from_rotation_y(self.yaw) * Quat::from_rotation_x(self.pitch)
    }

    /// A keyboard participant's own eyes: the free camera.
    pub fn own_eye(&self) -> Pose {
        Pose { position: self.position, rotation: self.free_rotation() }
    }

    /// A keyboard participant's avatar: head at the free camera, hands in front of the chest.
    pub fn own_frame(&self) -> AvatarFrame {
        let head = self.own_eye();
        let flat = Quat::from_rotation_y(self.yaw);
        let hand = |side: f32| Pose {
            position: head.position + flat * Vec3::new(0.22 * side, -0.45, -0.3),
            rotation: head.rotation,
        };
        AvatarFrame { head, left: hand(-1.0), right: hand(1.0) }
    }

    /// What the panel asked of the camera (follow someone, free, overview, first person);
    /// false for any other action.
    pub fn act(&mut self, action: &Action, scene: &SceneInput) -> bool {
        match action {
            Action::Follow(id) => {
                if let Some(avatar) = scene.avatars.iter().find(|a| a.id == *id) {
                    self.view = View::Follow { name: avatar.name.clone(), first_person: false };
                }
            }
            Action::FreeView => self.view = View::Free,
            Action::Overview => self.view = View::Overview,
            Action::ToggleFirstPerson => return self.key("KeyC", scene),
            _ => return false,
        }
        true
    }

    /// A view key, named as the web's `KeyboardEvent.code` and winit's `KeyCode` name it: F1
    /// the free camera (a participant's own eyes), F2 follow the next participant, F3 look down
    /// on the container, C first person or over the shoulder. False for any other key.
    pub fn key(&mut self, code: &str, scene: &SceneInput) -> bool {
        match code {
            "F1" => self.view = View::Free,
            "F2" => {
                let names: Vec<&str> = scene.avatars.iter().filter(|a| !a.me).map(|a| a.name.as_str()).collect();
                let current = match &self.view {
                    View::Follow { name, .. } => names.iter().position(|n| n == name),
                    _ => None,
                };
                if let Some(next) = names.get(current.map_or(0, |i| (i + 1) % names.len().max(1))) {
                    self.view = View::Follow { name: (*next).to_owned(), first_person: false };
                }
            }
            "F3" => self.view = View::Overview,
            "KeyC" => {
                if let View::Follow { first_person, .. } = &mut self.view {
                    *first_person = !*first_person;
                }
            }
            _ => return false,
        }
        true
    }

    /// Moves the free-fly camera by `local` (x right, y up, z back) in its own frame.
    pub fn fly(&mut self, local: Vec3) {
        let flat = Quat::from_rotation_y(self.yaw);
        self.position += flat * Vec3::new(local.x, 0.0, local.z) + Vec3::Y * local.y;
    }

    /// Turns the free-fly camera.
    pub fn look(&mut self, dyaw: f32, dpitch: f32) {
        self.yaw += dyaw;
        self.pitch = (self.pitch + dpitch).clamp(-1.5, 1.5);
    }

    /// Where the eye is and where it looks this frame. A followed participant who is not (or
    /// no longer) there falls back to the overview.
    pub fn eye(&self, scene: &SceneInput) -> Pose {
        match &self.view {
            View::Free => Pose { position: self.position, rotation: self.free_rotation() },
            View::Follow { name, first_person } => {
                let Some(avatar) = followed(scene, name) else {
                    return overview(scene);
                };
                let head = avatar.frame.head;
                if *first_person {
                    return head;
                }
                let forward = head.rotation * Vec3::NEG_Z;
                let flat = Vec3::new(forward.x, 0.0, forward.z).normalize_or(Vec3::NEG_Z);
                let right = flat.cross(Vec3::Y);
                let behind = head.position - flat * 1.9 + right * 0.5 + Vec3::Y * 0.1;
                let position = keep_inside(scene, head.position, behind);
                let target = head.position + flat * 2.5 - Vec3::Y * 0.4;
                Pose { position, rotation: look_rotation(target - position) }
            }
            View::Overview => overview(scene),
        }
    }

    /// Whether the roof should be left off.
    pub fn cutaway(&self, scene: &SceneInput) -> bool {
        match &self.view {
            View::Overview => true,
            View::Follow { name, .. } => followed(scene, name).is_none(),
            View::Free => false,
        }
    }

    /// The view in words; says who is there when the followed name is not.
    pub fn describe(&self, scene: &SceneInput, words: &Words) -> String {
        match &self.view {
            View::Follow { name, .. } if followed(scene, name).is_none() => {
                let present: Vec<&str> = scene.avatars.iter().filter(|a| !a.me).map(|a| a.name.as_str()).collect();
                words.with("camera-nobody", &[("name", name.clone().into()), ("present", present.join(", ").into())])
            }
            View::Free => words.get("camera-free"),
            View::Follow { name, first_person: true } => {
                words.with("camera-follow-first", &[("name", name.clone().into())])
            }
            View::Follow { name, first_person: false } => {
                words.with("camera-follow-shoulder", &[("name", name.clone().into())])
            }
            View::Overview => words.get("camera-overview"),
        }
    }
}

/// The participant called `name` (case aside); in a debrief their ghost, who the class came to
/// watch, before their live self.
pub fn followed<'a>(scene: &'a SceneInput, name: &str) -> Option<&'a SceneAvatar> {
    let named = || scene.avatars.iter().filter(|a| a.name.eq_ignore_ascii_case(name));
    named().find(|a| a.ghost).or_else(|| named().next())
}

/// Where an over-the-shoulder camera for a head at `head` may stand: when the head is inside
/// the container, `wanted` pulled back inside its walls (a camera behind a wall sees only
/// steel); outside, `wanted` itself.
fn keep_inside(scene: &SceneInput, head: Vec3, wanted: Vec3) -> Vec3 {
    let [l, h, w] = units::size(scene.container_mm).to_array();
    let margin = 0.15;
    let inside = |p: Vec3| p.x > 0.0 && p.x < l && p.y < h && p.z.abs() < w / 2.0;
    if l <= 2.0 * margin || w <= 2.0 * margin || !inside(head) {
        return wanted;
    }
    Vec3::new(
        wanted.x.clamp(margin, l - margin),
        wanted.y.clamp(margin, h - margin),
        wanted.z.clamp(-w / 2.0 + margin, w / 2.0 - margin),
    )
}

/// Straight down over the container's middle, high enough to see all of it.
fn overview(scene: &SceneInput) -> Pose {
    let [l, _, w] = units::size(scene.container_mm).to_array();
    let height = (l.max(w * 2.0) * 0.95).max(6.0);
    Pose { position: Vec3::new(l / 2.0, height, 0.0), rotation: Quat::from_rotation_x(-std::f32::consts::FRAC_PI_2) }
}

/// The rotation that looks along `dir` (forward is -z), keeping the horizon level.
fn look_rotation(dir: Vec3) -> Quat {
    let d = dir.normalize_or(Vec3::NEG_Z);
    let yaw = (-d.x).atan2(-d.z);
    let pitch = d.y.clamp(-1.0, 1.0).asin();
    Quat::from_rotation_y(yaw) * Quat::from_rotation_x(pitch)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossdock_client::interp::AvatarFrame;
    use crossdock_client::view::SceneAvatar;
    use crossdock_protocol::Role;

    fn scene_with(name: &str, head: Vec3, facing: Quat) -> SceneInput {
        let pose = Pose { position: head, rotation: facing };
        SceneInput {
            container_mm: [12_000, 2_350, 2_390],
            avatars: vec![SceneAvatar {
                name: name.into(),
                administration: "TH".into(),
                role: Role::Trainee,
                frame: AvatarFrame { head: pose, left: pose, right: pose },
                id: crossdock_protocol::ParticipantId(1),
                me: false,
                speaking: false,
                ghost: false,
                cues: Default::default(),
            }],
            ..SceneInput::default()
        }
    }

    #[test]
    fn views_parse_and_refuse_nonsense() {
        assert_eq!("overview".parse::<View>(), Ok(View::Overview));
        assert_eq!("follow:Bot".parse::<View>(), Ok(View::Follow { name: "Bot".into(), first_person: false }));
        assert!("follow:".parse::<View>().is_err());
        assert!("sideways".parse::<View>().unwrap_err().contains("overview"));
    }

    #[test]
    fn following_over_the_shoulder_looks_where_they_look_from_behind() {
        let facing = Quat::from_rotation_y(std::f32::consts::FRAC_PI_2); // looking along -x
        let scene = scene_with("Bot", Vec3::new(5.0, 1.6, 0.0), facing);
        let camera = Camera::new(View::Follow { name: "bot".into(), first_person: false }, &scene);
        let eye = camera.eye(&scene);
        assert!(eye.position.x > 5.0, "behind them (they look towards -x)");
        let forward = eye.rotation * Vec3::NEG_Z;
        assert!(forward.x < -0.8, "looking the way they look: {forward}");
        let mut first = camera.clone();
        first.view = View::Follow { name: "Bot".into(), first_person: true };
        assert_eq!(first.eye(&scene).position, Vec3::new(5.0, 1.6, 0.0));
    }

    #[test]
    fn the_overview_looks_down_on_the_whole_container_and_is_the_fallback() {
        let scene = scene_with("Bot", Vec3::new(5.0, 1.6, 0.0), Quat::IDENTITY);
        let camera = Camera::new(View::Overview, &scene);
        let eye = camera.eye(&scene);
        assert!((eye.rotation * Vec3::NEG_Z).y < -0.99, "straight down");
        assert!(eye.position.y > 10.0 && (eye.position.x - 6.0).abs() < 1e-3);
        assert!(camera.cutaway(&scene));
        let lost = Camera::new(View::Follow { name: "Nobody".into(), first_person: false }, &scene);
        assert_eq!(lost.eye(&scene), eye, "a missing participant shows the overview");
        let said = lost.describe(&scene, &crate::i18n::words("en"));
        assert!(said.contains("nobody called Nobody is here") && said.contains("Bot"), "and says who is: {said}");
    }

    #[test]
    fn the_shoulder_camera_stays_inside_the_container_walls() {
        // Near the front wall, facing the doors (+x): straight behind would be outside the steel.
        let facing = Quat::from_rotation_y(-std::f32::consts::FRAC_PI_2);
        let scene = scene_with("Bot", Vec3::new(0.6, 1.6, 1.0), facing);
        let camera = Camera::new(View::Follow { name: "Bot".into(), first_person: false }, &scene);
        let eye = camera.eye(&scene);
        assert!(eye.position.x >= 0.15 && eye.position.z <= 2.39 / 2.0 - 0.15, "inside: {}", eye.position);
        let yard = scene_with("Bot", Vec3::new(14.0, 1.6, 0.0), facing);
        assert!(camera.eye(&yard).position.x < 14.0, "outside the container nothing holds it back");
    }
}
