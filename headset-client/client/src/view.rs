//! What a front end shows, as plain data: [`SceneInput`] is the drawable state of the room
//! (copied out of the client's mirror, or made by hand in tests) and [`Panel`] the side panel's
//! lines. Renderers and toolkits turn them into pixels; nothing here knows how.

use std::time::Instant;

use crossdock_protocol::drill::{FindingStatus, ReadingValue};
use crossdock_protocol::units;
use crossdock_protocol::{NetId, ParticipantId, Role};
use glam::Vec3;

use crate::core::ClientCore;
use crate::interp::{AvatarFrame, Pose};

mod panel;
pub use panel::{Line, Panel, Tone, clip};

/// A cargo item as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneItem {
    /// Its id, for intents.
    pub id: NetId,
    /// Centre and orientation.
    pub pose: Pose,
    /// Size in metres.
    pub size: Vec3,
    /// What it is ("pallet", "carton", ...).
    pub kind: String,
    /// An instructor highlights it.
    pub highlighted: bool,
}

/// A container door as drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SceneDoor {
    /// Its id, for intents.
    pub id: NetId,
    /// Where its handle is.
    pub handle: Vec3,
    /// Open now.
    pub open: bool,
}

/// A participant as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneAvatar {
    /// Who.
    pub id: ParticipantId,
    /// Display name.
    pub name: String,
    /// Role, which sets the colour.
    pub role: Role,
    /// Head and hands.
    pub frame: AvatarFrame,
    /// This is the viewer: draw the hands, not the head.
    pub me: bool,
    /// Their voice is being heard now: a bar lights up beside the name.
    pub speaking: bool,
}

/// Everything drawable, in the room frame (metres; y up; the container's inside spans x from
/// 0 to its length, y from 0 to its height, z across its width centred on 0; doors at the far x).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SceneInput {
    /// Container inside size, millimetres.
    pub container_mm: [u32; 3],
    /// Doors.
    pub doors: Vec<SceneDoor>,
    /// Where the seal sits.
    pub seal: Option<Vec3>,
    /// Cargo.
    pub items: Vec<SceneItem>,
    /// Participants.
    pub avatars: Vec<SceneAvatar>,
    /// Findings: id, where, and the instructor's judgement.
    pub findings: Vec<(u32, Vec3, FindingStatus)>,
    /// The latest tool readings: where the tool was, and what it showed.
    pub readings: Vec<(Vec3, String)>,
    /// An instructor's pointer: from, to.
    pub pointer: Option<(Vec3, Vec3)>,
    /// Where the viewer's eyes are, so labels face them.
    pub viewer: Vec3,
    /// The viewer's own name and role, for [`SceneInput::place_local`].
    pub me: Option<(ParticipantId, String, Role)>,
    /// The hidden truth, once revealed to this viewer: where each concealment is, and what.
    pub truth: Vec<(Vec3, String)>,
    /// Leave the roof off (a view from above).
    pub cutaway: bool,
    /// A notice every participant must see, floating over the container ("this session records
    /// voice").
    pub notice: Option<String>,
}

/// How many recent readings float in the scene.
const READINGS_SHOWN: usize = 3;

impl SceneInput {
    /// The scene as `core` holds it at `now`, avatars interpolated (the viewer's own as the
    /// server echoes it; [`SceneInput::place_local`] puts the tracked one in its place).
    pub fn from_core(core: &mut ClientCore, now: Instant) -> SceneInput {
        let me = core.me();
        let people = core.mirror.people();
        let name_of = |id: ParticipantId| people.iter().find(|p| p.id == id);
        let frames = core.interpolated_avatars(now);
        let avatars: Vec<SceneAvatar> = frames
            .iter()
            .filter_map(|(id, frame)| {
                let p = name_of(*id)?;
                Some(SceneAvatar {
                    id: *id,
                    name: p.display_name.clone(),
                    role: p.role,
                    frame: *frame,
                    me: *id == me,
                    speaking: false,
                })
            })
            .collect();
        let drill = &core.mirror.drill;
        let highlights = drill.highlights.clone();
        let mm = |p: [i32; 3]| units::point(p);
        let findings = drill.findings.values().map(|f| (f.id, mm(f.place), f.status)).collect();
        let readings = drill
            .readings
            .iter()
            .rev()
            .take(READINGS_SHOWN)
            .map(|r| (r.aim.position(), format!("{:?}: {}", r.tool, reading_text(&r.value))))
            .collect();
        let truth = drill
            .truth
            .iter()
            .flat_map(|t| t.concealments.iter().map(|c| (mm(c.place), format!("{}: {}", c.id, c.description))))
            .collect();
        let pointer = drill.pointer.and_then(|(who, at)| {
            let from = frames.iter().find(|(id, _)| *id == who).map(|(_, f)| f.right.position)?;
            Some((from, mm(at)))
        });
        let items = core
            .mirror
            .items()
            .into_iter()
            .map(|item| SceneItem {
                id: item.info.id,
                pose: Pose { position: item.pose.position(), rotation: item.pose.rotation() },
                size: units::size(item.info.size_mm),
                kind: item.info.kind.clone(),
                highlighted: highlights.contains(&item.info.id),
            })
            .collect();
        let doors = core
            .mirror
            .doors()
            .into_iter()
            .map(|d| SceneDoor { id: d.id, handle: d.handle.position(), open: d.open })
            .collect();
        let viewer = frames.iter().find(|(id, _)| *id == me).map(|(_, f)| f.head.position).unwrap_or_default();
        let me = name_of(me).map(|p| (p.id, p.display_name.clone(), p.role));
        SceneInput {
            container_mm: core.mirror.container_mm,
            doors,
            seal: Some(core.mirror.seal.pose.position()),
            items,
            avatars,
            findings,
            readings,
            pointer,
            viewer,
            me,
            truth,
            cutaway: false,
            notice: core.welcome.voice_recorded.then(|| "This session records voice".to_owned()),
        }
    }

    /// Puts the viewer's tracked head and hands in place of the server's echo: the local hands
    /// never wait for the network.
    pub fn place_local(&mut self, frame: AvatarFrame) {
        self.avatars.retain(|a| !a.me);
        if let Some((id, name, role)) = &self.me {
            let (id, name, role) = (*id, name.clone(), *role);
            self.avatars.push(SceneAvatar { id, name, role, frame, me: true, speaking: false });
        }
        self.viewer = frame.head.position;
    }
}

/// A tool reading in a few words.
pub fn reading_text(value: &ReadingValue) -> String {
    match value {
        ReadingValue::Documents => "documents reviewed".into(),
        ReadingValue::Seal { number, condition } => format!("seal {number} {condition}"),
        ReadingValue::Distance { mm } => format!("{mm} mm"),
        ReadingValue::Mass { kg } => format!("{kg} kg"),
        ReadingValue::Image { width, height, .. } => format!("x-ray {width}x{height}"),
        ReadingValue::Density { kg_m3 } => format!("{kg_m3} kg/m3"),
        ReadingValue::Trace { alarm: true, class } => format!("ALARM {class}"),
        ReadingValue::Trace { alarm: false, .. } => "no trace".into(),
        ReadingValue::DoseRate { nsv_h } => format!("{nsv_h} nSv/h"),
        ReadingValue::View { text } => text.clone(),
        ReadingValue::Opened { content, .. } => format!("opened: {content}"),
    }
}
