//! Turning gestures into intents, shared by the headset and desktop front ends: what is within
//! reach, what a hand or the eye aims at, and what the trigger (or key) does.

use crossdock_protocol::NetId;
use crossdock_protocol::delta::AvatarPose;
use crossdock_protocol::drill::Tool;
use crossdock_protocol::quant::QPose;
use glam::Vec3;

use crate::interp::{AvatarFrame, Pose};
use crate::render::scene::SceneInput;

/// How far a hand reaches to grab, metres.
pub const REACH: f32 = 0.3;

/// A pose on the wire.
pub fn qpose(p: Pose) -> QPose {
    QPose::new(p.position, p.rotation)
}

/// An avatar on the wire (the link stamps the time).
pub fn avatar_pose(frame: &AvatarFrame) -> AvatarPose {
    AvatarPose { time: Default::default(), head: qpose(frame.head), left: qpose(frame.left), right: qpose(frame.right) }
}

/// A room-frame point in the wire's millimetres.
pub fn millimetres(at: Vec3) -> [i32; 3] {
    (at * 1000.0).round().as_ivec3().to_array()
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

    /// What to show.
    pub fn label(self) -> String {
        match self {
            Mode::Tool(t) => format!("{t:?}"),
            Mode::Mark => "Mark finding".into(),
        }
    }
}

/// The item within reach of `at` whose surface is closest.
pub fn nearest_item(scene: &SceneInput, at: Vec3) -> Option<NetId> {
    scene
        .items
        .iter()
        .map(|item| (item, (item.pose.position - at).length() - item.size.max_element() / 2.0))
        .filter(|(_, d)| *d < REACH)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(item, _)| item.id)
}

/// The door whose handle is within reach of `at`, and whether it is open.
pub fn nearest_door(scene: &SceneInput, at: Vec3) -> Option<(NetId, bool)> {
    scene
        .doors
        .iter()
        .filter(|d| (d.handle - at).length() < REACH + 0.1)
        .min_by(|a, b| (a.handle - at).length().total_cmp(&(b.handle - at).length()))
        .map(|d| (d.id, d.open))
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
