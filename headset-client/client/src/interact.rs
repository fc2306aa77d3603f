//! Turning gestures into intents, one mapping for every front end: a headset's grip and
//! trigger and a desktop's keys are both [`Gesture`]s, and [`Interaction::apply`] decides what
//! each means (what is within reach, what a hand or the eye aims at, what the trigger does).

use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::drill::{Category, Command, FindingStatus, Target, Tool};
use crossdock_protocol::phrase::Phrase;
use crossdock_protocol::quant::QPose;
use crossdock_protocol::units::{self, REACH_M as REACH};
use crossdock_protocol::{Hand, Intent, NetId, Role};
use glam::Vec3;

use crate::interp::{AvatarFrame, Pose};
use crate::view::SceneInput;

/// What the user did, whatever the device.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Gesture {
    /// Close a hand at `at` (a grip pressed, the grab key): a door handle within reach opens or
    /// closes; else the nearest item within reach, or failing that the one `aim` points at, is
    /// taken.
    Grab {
        /// Which hand.
        hand: Hand,
        /// Where it closes.
        at: Vec3,
        /// Where it points, for an item out of reach but in sight (the desktop's eye).
        aim: Option<Pose>,
    },
    /// Open the hand (a grip released, the grab key again).
    Release(Hand),
    /// Pull the trigger, aiming from `aim`: use the current tool, or mark a finding
    /// `mark_distance` metres ahead.
    Trigger {
        /// Where from and which way.
        aim: Pose,
        /// How far ahead a finding is marked.
        mark_distance: f32,
    },
    /// The next tool (the menu button, Tab).
    NextMode,
    /// Straight to marking findings.
    MarkMode,
    /// Point with a hand (a half-pressed trigger, the point key), or stop (`None`).
    Point(Option<Hand>),
}

/// How far a keyboard participant reaches (no arms to stretch), metres.
pub const DESK_REACH: f32 = 1.6;

/// A keyboard participant's drill as [`Interaction::key`] needs it.
#[derive(Debug, Clone, Copy)]
pub struct Desk {
    /// Our role.
    pub role: Role,
    /// Where we look from, and our right hand.
    pub eye: Pose,
    pub hand: Pose,
    /// The drill is paused (P resumes it).
    pub paused: bool,
}

/// What the hands hold and what the trigger does now.
#[derive(Debug, Clone, Copy)]
pub struct Interaction {
    /// What the trigger does.
    pub mode: Mode,
    holding: [bool; 2],
}

impl Default for Interaction {
    fn default() -> Interaction {
        Interaction { mode: Mode::Tool(Tool::TapeMeasure), holding: [false; 2] }
    }
}

impl Interaction {
    /// Whether `hand` holds something (as far as this client knows: the server may refuse).
    pub fn holding(&self, hand: Hand) -> bool {
        self.holding[hand as usize]
    }

    /// The intent a keyboard participant's key means in `scene`, if any, for the desktop window
    /// and the browser tab alike. `code` names the key as the web's `KeyboardEvent.code` and
    /// winit's `KeyCode` both do (`KeyG`, `Space`, `F5`). Participants: G grab or release, O
    /// open or close the door at hand, Space use the tool, Tab next tool, M mark a finding, F
    /// point with the right hand where the eyes look, or stop.
    /// Instructors also: P pause or resume, R reveal the truth, F5 reset, F8 end the drill, F9
    /// bookmark, U summon the trainees, Z freeze or free them (flipping `frozen`), H highlight
    /// the item in view, K point ahead, Y/N confirm or reject the oldest open finding.
    pub fn key(&mut self, scene: &SceneInput, desk: Desk, code: &str, frozen: &mut bool) -> Option<Intent> {
        let Desk { role, eye, hand, paused } = desk;
        let instructor = role == Role::Instructor;
        let command = |c: Command| Some(Intent::Instruct(c));
        match code {
            _ if role == Role::Observer => None,
            "Tab" => self.apply(scene, Gesture::NextMode),
            "KeyM" => self.apply(scene, Gesture::MarkMode),
            "KeyG" if self.holding(Hand::Right) => self.apply(scene, Gesture::Release(Hand::Right)),
            // The eye reaches farther than an arm: a desktop participant cannot lean in.
            "KeyG" | "KeyO" => {
                let at = if code == "KeyO" {
                    hand.position
                } else {
                    eye.position + eye.rotation * Vec3::NEG_Z * (DESK_REACH / 2.0)
                };
                self.apply(scene, Gesture::Grab { hand: Hand::Right, at, aim: Some(eye) })
            }
            "Space" => self.apply(scene, Gesture::Trigger { aim: eye, mark_distance: 1.5 }),
            "KeyF" => {
                let pointing = scene.avatars.iter().find(|a| a.me).and_then(|a| a.cues.pointing);
                self.apply(scene, Gesture::Point(if pointing.is_some() { None } else { Some(Hand::Right) }))
            }
            "KeyP" if instructor => command(if paused { Command::Resume } else { Command::Pause }),
            "KeyR" if instructor => command(Command::RevealTruth),
            "F5" if instructor => command(Command::Reset),
            "F8" if instructor => command(Command::EndDrill),
            "F9" if instructor => command(Command::Bookmark { note: String::new() }),
            "KeyU" if instructor => command(Command::Summon { who: Target::AllTrainees }),
            "KeyZ" if instructor => {
                *frozen = !*frozen;
                command(Command::Freeze { who: Target::AllTrainees, frozen: *frozen })
            }
            "KeyH" if instructor => toggle_highlight(scene, eye),
            "KeyK" if instructor => Some(point_ahead(eye)),
            "KeyY" | "KeyN" if instructor => {
                let finding = scene
                    .findings
                    .iter()
                    .filter(|(_, _, status)| *status == FindingStatus::Open)
                    .map(|(id, _, _)| *id)
                    .min()?;
                command(Command::Judge { finding, confirmed: code == "KeyY" })
            }
            _ => None,
        }
    }

    /// The intent `gesture` means in `scene`, if any.
    pub fn apply(&mut self, scene: &SceneInput, gesture: Gesture) -> Option<Intent> {
        match gesture {
            Gesture::Grab { hand, at, aim } => {
                let item = match within_reach(scene, at) {
                    Some(Reachable::Door { door, open }) => return Some(Intent::SetDoor { door, open: !open }),
                    Some(Reachable::Item(item)) => item,
                    None => aim.and_then(|aim| aimed_item(scene, aim))?,
                };
                self.holding[hand as usize] = true;
                Some(Intent::Grab { item, hand })
            }
            Gesture::Release(hand) => {
                std::mem::take(&mut self.holding[hand as usize]).then_some(Intent::Release { hand })
            }
            Gesture::Trigger { aim, mark_distance } => Some(match self.mode {
                Mode::Tool(tool) => Intent::UseTool { tool, aim: qpose(aim), target: aimed_item(scene, aim) },
                Mode::Mark => Intent::MarkFinding {
                    place: units::millimetres(aim.position + aim.rotation * Vec3::NEG_Z * mark_distance),
                    category: Category::ALL[0],
                    evidence: Vec::new(),
                },
            }),
            Gesture::NextMode => {
                self.mode = self.mode.next();
                None
            }
            Gesture::MarkMode => {
                self.mode = Mode::Mark;
                None
            }
            Gesture::Point(hand) => Some(Intent::Point { hand }),
        }
    }
}

/// A trigger pulled this far uses the tool (the headset's and the browser's controllers).
pub const TRIGGER_PRESS: f32 = 0.7;

/// A trigger held half way: pointing with that hand's index finger (past [`TRIGGER_PRESS`] the finger
/// pulls the trigger and uses the tool). It starts after the half press has lasted
/// [`POINT_AFTER`] seconds, so a trigger squeezed through half way to use a tool does not point.
#[derive(Debug, Clone, Copy, Default)]
pub struct Half {
    since: Option<f64>,
    on: bool,
}

/// See [`Half`]: from this far in...
const HALF: f32 = 0.2;
/// ...and off again below this.
const LET_GO: f32 = 0.1;
/// See [`Half`], seconds.
const POINT_AFTER: f64 = 0.2;

impl Half {
    /// Feeds the trigger's value at `now` (seconds); returns whether the hand points.
    pub fn update(&mut self, value: f32, now: f64) -> bool {
        if !(LET_GO..TRIGGER_PRESS).contains(&value) {
            *self = Half::default();
        } else if value >= HALF {
            let since = *self.since.get_or_insert(now);
            self.on |= now - since >= POINT_AFTER;
        }
        self.on
    }

    /// Whether the hand points now.
    pub fn on(&self) -> bool {
        self.on
    }
}

/// Where an untracked controller's hand rests, in the head's frame, on `side` (-1 left, +1
/// right): in front, at the bottom of the view, as hands holding controllers at ease are.
pub fn rest_hand(side: f32) -> Vec3 {
    Vec3::new(0.17 * side, -0.3, -0.42)
}

/// A pose on the wire.
pub fn qpose(p: Pose) -> QPose {
    QPose::new(p.position, p.rotation)
}

/// An avatar on the wire (the link stamps the time).
pub fn avatar_pose(frame: &AvatarFrame) -> AvatarPose {
    AvatarPose { time: Default::default(), head: qpose(frame.head), left: qpose(frame.left), right: qpose(frame.right) }
}

/// What the trigger does: use a tool, or mark a finding where the hand points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mode {
    /// Use this tool.
    Tool(Tool),
    /// Mark a finding.
    Mark,
}

impl Mode {
    /// The next mode (the menu button, Tab).
    pub fn next(self) -> Mode {
        match self {
            Mode::Tool(t) => match Tool::ALL.iter().position(|x| *x == t) {
                Some(i) if i + 1 < Tool::ALL.len() => Mode::Tool(Tool::ALL[i + 1]),
                _ => Mode::Mark,
            },
            Mode::Mark => Mode::Tool(Tool::ALL[0]),
        }
    }
}

/// An instructor's highlight of the item `aim` points at (or its removal, if it is lit).
pub fn toggle_highlight(scene: &SceneInput, aim: Pose) -> Option<Intent> {
    aimed_item(scene, aim).map(|entity| {
        let on = !scene.items.iter().any(|i| i.id == entity && i.highlighted);
        Intent::Instruct(Command::Highlight { entity, on })
    })
}

/// An instructor pointing two metres along `aim`, for everyone to see.
pub fn point_ahead(aim: Pose) -> Intent {
    let at = aim.position + aim.rotation * Vec3::NEG_Z * 2.0;
    Intent::Instruct(Command::Point { at: units::millimetres(at) })
}

/// Saying `phrase` about what `aim` points at: the item on its ray, if any (else about nothing
/// but the speaker).
pub fn say(scene: &SceneInput, phrase: Phrase, aim: Pose) -> Intent {
    let at = aimed_item(scene, aim)
        .and_then(|id| scene.items.iter().find(|i| i.id == id))
        .map(|item| units::millimetres(item.pose.position + Vec3::Y * (item.size.y / 2.0)));
    Intent::Say { phrase, at }
}

/// An instructor bringing `who` to stand where `at` is (on the floor below it).
pub fn bring_here(who: Target, at: Vec3) -> Intent {
    Intent::Instruct(Command::Teleport { who, to: units::millimetres(Vec3::new(at.x, 0.0, at.z)) })
}

/// What a hand can take or work.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reachable {
    /// A door by its handle, and whether it is open now.
    Door { door: NetId, open: bool },
    /// A cargo item.
    Item(NetId),
}

/// The door handle or item surface closest to `at`, within the reach the server checks (measured
/// as the server measures it: to an item's box, not its centre).
pub fn within_reach(scene: &SceneInput, at: Vec3) -> Option<Reachable> {
    let doors = scene.doors.iter().map(|d| ((d.handle - at).length(), Reachable::Door { door: d.id, open: d.open }));
    let items = scene.items.iter().map(|item| {
        let d = units::distance_to_box(at, item.pose.position, item.pose.rotation, item.size / 2.0);
        (d, Reachable::Item(item.id))
    });
    doors.chain(items).filter(|(d, _)| *d < REACH).min_by(|a, b| a.0.total_cmp(&b.0)).map(|(_, r)| r)
}

/// The item whose centre lies closest to the ray from the hand, within 4 m.
pub fn aimed_item(scene: &SceneInput, hand: Pose) -> Option<NetId> {
    let dir = hand.rotation * Vec3::NEG_Z;
    scene
        .items
        .iter()
        .filter_map(|item| {
            let to = item.pose.position - hand.position;
            let along = to.dot(dir);
            let off = (to - dir * along).length();
            (along > 0.0 && along < 4.0 && off < item.size.max_element() / 2.0 + 0.1).then_some((item.id, along))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(id, _)| id)
}

#[cfg(test)]
mod tests {
    use glam::Quat;

    use super::*;

    #[test]
    fn a_trigger_held_half_way_points_and_one_squeezed_through_does_not() {
        let mut h = Half::default();
        assert!(!h.update(0.4, 0.0), "not at once");
        assert!(!h.update(0.4, 0.1));
        assert!(h.update(0.4, 0.25), "held half way: pointing");
        assert!(h.update(0.15, 0.3), "between the thresholds: still pointing");
        assert!(!h.update(0.05, 0.35), "let go");
        let mut h = Half::default();
        assert!(!h.update(0.5, 1.0));
        assert!(!h.update(0.9, 1.05), "squeezed through to use the tool");
        assert!(!h.update(0.5, 1.3), "on the way back: starts over");
    }

    use crate::view::{SceneDoor, SceneItem};

    fn scene() -> SceneInput {
        SceneInput {
            container_mm: [5_900, 2_390, 2_350],
            doors: vec![SceneDoor { id: NetId(1), handle: Vec3::new(5.95, 1.2, -0.55), open: false, swing: 0.0 }],
            items: vec![SceneItem {
                id: NetId(7),
                pose: Pose { position: Vec3::new(2.0, 0.4, 0.0), rotation: Quat::IDENTITY },
                size: Vec3::splat(0.6),
                kind: "carton".into(),
                label: String::new(),
                highlighted: false,
                content: None,
                model: None,
            }],
            ..SceneInput::default()
        }
    }

    fn at(position: Vec3) -> Pose {
        // Looking along +x, towards the doors.
        Pose { position, rotation: Quat::from_rotation_y(-std::f32::consts::FRAC_PI_2) }
    }

    #[test]
    fn a_grab_takes_what_is_within_the_servers_reach_and_a_release_follows_only_a_grab() {
        let (scene, mut hands) = (scene(), Interaction::default());
        let near = Vec3::new(2.0, 0.4 + 0.3 + REACH - 0.05, 0.0);
        assert_eq!(hands.apply(&scene, Gesture::Release(Hand::Left)), None, "nothing held, nothing to release");
        let far = Vec3::new(2.0, 0.4 + 0.3 + REACH + 0.05, 0.0);
        assert_eq!(hands.apply(&scene, Gesture::Grab { hand: Hand::Left, at: far, aim: None }), None, "out of reach");
        let grab = hands.apply(&scene, Gesture::Grab { hand: Hand::Left, at: near, aim: None });
        assert_eq!(grab, Some(Intent::Grab { item: NetId(7), hand: Hand::Left }));
        assert!(hands.holding(Hand::Left) && !hands.holding(Hand::Right));
        assert_eq!(hands.apply(&scene, Gesture::Release(Hand::Left)), Some(Intent::Release { hand: Hand::Left }));
        assert!(!hands.holding(Hand::Left));
    }

    #[test]
    fn the_eye_takes_what_it_looks_at_and_a_hand_at_a_handle_works_the_door() {
        let (scene, mut hands) = (scene(), Interaction::default());
        let eye = at(Vec3::new(0.5, 0.4, 0.0));
        let grab = hands.apply(&scene, Gesture::Grab { hand: Hand::Right, at: eye.position, aim: Some(eye) });
        assert_eq!(grab, Some(Intent::Grab { item: NetId(7), hand: Hand::Right }), "aimed at, beyond reach");
        let door = hands.apply(&scene, Gesture::Grab { hand: Hand::Left, at: Vec3::new(5.9, 1.2, -0.5), aim: None });
        assert_eq!(door, Some(Intent::SetDoor { door: NetId(1), open: true }));
        assert!(!hands.holding(Hand::Left), "a door is not held");
    }

    #[test]
    fn a_hand_takes_the_closest_surface_as_the_server_measures_it() {
        let mut scene = scene();
        let like = scene.items[0].clone();
        let item = |id, at, size| SceneItem {
            id: NetId(id),
            pose: Pose { position: at, rotation: Quat::IDENTITY },
            size,
            ..like.clone()
        };
        // A long pallet across the container whose centre is nearer the hand than its gap to
        // the carton beside the hand makes it seem.
        let pallet = item(8, Vec3::new(5.0, 0.4, -0.3), Vec3::new(0.3, 0.3, 1.6));
        scene.items = vec![pallet.clone(), item(9, Vec3::new(5.7, 0.4, -0.4), Vec3::splat(0.4))];
        let beside = Vec3::new(5.45, 0.4, -0.4);
        assert_eq!(within_reach(&scene, beside), Some(Reachable::Item(NetId(9))), "the carton 5 cm off");
        // A tall carton by the doors whose top is 30 cm from a door's handle.
        scene.items = vec![pallet, item(9, Vec3::new(5.7, 0.4, -0.4), Vec3::new(0.4, 1.4, 0.4))];
        let above = Vec3::new(5.7, 1.15, -0.4);
        let mut hands = Interaction::default();
        let grab = hands.apply(&scene, Gesture::Grab { hand: Hand::Right, at: above, aim: None });
        assert_eq!(grab, Some(Intent::Grab { item: NetId(9), hand: Hand::Right }), "not the door 30 cm off");
        let at_handle = Vec3::new(5.95, 1.2, -0.6);
        assert_eq!(within_reach(&scene, at_handle), Some(Reachable::Door { door: NetId(1), open: false }));
    }

    #[test]
    fn the_trigger_uses_the_tool_or_marks_a_finding_ahead() {
        let (scene, mut hands) = (scene(), Interaction::default());
        let eye = at(Vec3::new(0.5, 0.4, 0.0));
        let used = hands.apply(&scene, Gesture::Trigger { aim: eye, mark_distance: 1.5 });
        assert!(
            matches!(used, Some(Intent::UseTool { tool: Tool::TapeMeasure, target: Some(NetId(7)), .. })),
            "{used:?}"
        );
        assert_eq!(hands.apply(&scene, Gesture::MarkMode), None);
        let marked = hands.apply(&scene, Gesture::Trigger { aim: eye, mark_distance: 1.5 });
        assert!(matches!(marked, Some(Intent::MarkFinding { place: [2000, 400, 0], .. })), "{marked:?}");
        assert_eq!(hands.apply(&scene, Gesture::NextMode), None);
        assert_eq!(hands.mode, Mode::Tool(Tool::ALL[0]), "after marking, the tools start over");
    }
}
