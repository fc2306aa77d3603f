//! What a front end shows, as plain data: [`SceneInput`] is the drawable state of the room
//! (copied out of the client's mirror, or made by hand in tests) and [`Panel`] the class as the
//! side panel lists it. Renderers and toolkits turn them into pixels and words; nothing here
//! knows how, or is in any language.

use web_time::Instant;

use crossdock_protocol::debrief::MarkerKind;
use crossdock_protocol::drill::{FindingStatus, Flags, ReadingValue, Tool};
use crossdock_protocol::messages::{ContainerLook, Holder};
use crossdock_protocol::phrase::{Phrase, ScenarioPhrase};
use crossdock_protocol::{Hand, NetId, ParticipantId, Role};
use crossdock_protocol::{ray, units};
use glam::Vec3;

use crate::core::ClientCore;
use crate::interp::{AvatarFrame, Pose};

mod panel;
pub use panel::{
    CaptionRow, DebriefRow, DrillClock, FindingRow, Panel, PersonRow, ReadingGroup, RiskRow, SaidRow, TruthRow,
    group_readings,
};

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
    /// Its label as declared (what the cargo's markings say).
    pub label: String,
    /// An instructor highlights it.
    pub highlighted: bool,
    /// What it holds, once opened (or for those who see the truth): drawn inside it.
    pub content: Option<String>,
    /// The model the scenario ships for its look, once it has arrived whole.
    pub model: Option<ItemModel>,
}

/// A model file for an item's look: a glTF binary, checked against its SHA-256.
#[derive(Debug, Clone)]
pub struct ItemModel {
    /// The file's SHA-256: two models are the same if it is.
    pub sha256: [u8; 32],
    /// The file.
    pub bytes: std::sync::Arc<[u8]>,
}

impl PartialEq for ItemModel {
    fn eq(&self, other: &ItemModel) -> bool {
        self.sha256 == other.sha256
    }
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
    /// How far it has swung: 0 closed, 1 wide open (it swings for [`DOOR_SWING`] after a change).
    pub swing: f32,
}

/// How long a door takes to swing open or shut.
pub const DOOR_SWING: std::time::Duration = std::time::Duration::from_millis(1500);

/// How far a door that is `open` now, and changed at `since`, has swung at `now`: eased in and
/// out, so it starts and stops gently.
pub fn door_swing(open: bool, since: Option<Instant>, now: Instant) -> f32 {
    let t =
        since.map_or(1.0, |at| (now.saturating_duration_since(at).as_secs_f32() / DOOR_SWING.as_secs_f32()).min(1.0));
    let eased = t * t * (3.0 - 2.0 * t);
    if open { eased } else { 1.0 - eased }
}

/// A participant as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneAvatar {
    /// Who.
    pub id: ParticipantId,
    /// Display name.
    pub name: String,
    /// Their administration's country code.
    pub administration: String,
    /// Role, which sets the colour.
    pub role: Role,
    /// Head and hands.
    pub frame: AvatarFrame,
    /// This is the viewer: draw the hands, not the head.
    pub me: bool,
    /// Their voice is being heard now: a bar lights up beside the name.
    pub speaking: bool,
    /// A participant of a recorded drill, replayed in a debrief: drawn as a ghost.
    pub ghost: bool,
    /// What their hands do, where they point, whether they are frozen or muted.
    pub cues: Cues,
}

/// What a hand does, which sets its pose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HandShape {
    /// Open, relaxed.
    #[default]
    Open,
    /// Closed round something held.
    Grip,
    /// The index finger out: pointing.
    Point,
}

/// What others read from a person besides where they are.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Cues {
    /// The left hand's shape, the right's.
    pub hands: [HandShape; 2],
    /// The hand they point with, if they point.
    pub pointing: Option<Hand>,
    /// Where that hand's ray meets a surface (the dot), if it meets one in range.
    pub points_at: Option<Vec3>,
    /// The tool in their hand, and which hand: the one they used last, for a while after.
    pub tool: Option<(Hand, Tool)>,
    /// The instructor froze them.
    pub frozen: bool,
    /// Their voice is muted.
    pub muted: bool,
}

/// How long a tool stays in the hand after it was used.
const TOOL_HELD: std::time::Duration = std::time::Duration::from_secs(20);

impl Cues {
    /// The cues of `id` from their `flags`, what they hold (`holders`) and the tool they used
    /// last, if lately (`tool`): it is in the right hand unless that hand holds or points.
    pub fn of(id: ParticipantId, flags: Option<&Flags>, holders: &[Holder], tool: Option<Tool>) -> Cues {
        let pointing = flags.and_then(|f| f.pointing);
        let holds = |hand: Hand| holders.iter().any(|h| h.participant == id && h.hand == hand);
        let free = |hand: Hand| !holds(hand) && pointing != Some(hand);
        let tool = tool.and_then(|t| [Hand::Right, Hand::Left].into_iter().find(|h| free(*h)).map(|h| (h, t)));
        let hands = [Hand::Left, Hand::Right].map(|hand| {
            if holds(hand) || tool.is_some_and(|(h, _)| h == hand) {
                HandShape::Grip
            } else if pointing == Some(hand) {
                HandShape::Point
            } else {
                HandShape::Open
            }
        });
        Cues {
            hands,
            pointing,
            points_at: None,
            tool,
            frozen: flags.is_some_and(|f| f.frozen),
            muted: flags.is_some_and(|f| f.muted),
        }
    }
}

/// Where a recorded participant walked, up to the debrief's clock (on the floor, metres).
#[derive(Debug, Clone, PartialEq)]
pub struct SceneTrail {
    /// Whose (their colour).
    pub id: ParticipantId,
    /// The head's place on the floor, one point a second, oldest first.
    pub points: Vec<glam::Vec2>,
}

/// Everything drawable, in the room frame (metres; y up; the container's inside spans x from
/// 0 to its length, y from 0 to its height, z across its width centred on 0; doors at the far x).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SceneInput {
    /// Container inside size, millimetres.
    pub container_mm: [u32; 3],
    /// What the container looks like: type, markings, marks.
    pub look: ContainerLook,
    /// The viewer's flashlight, while it is the tool in hand: where it is and where it points.
    pub flashlight: Option<(Vec3, Vec3)>,
    /// Doors.
    pub doors: Vec<SceneDoor>,
    /// Where the seal sits.
    pub seal: Option<Vec3>,
    /// The number on the seal fitted now.
    pub seal_number: Option<String>,
    /// Cargo.
    pub items: Vec<SceneItem>,
    /// Participants.
    pub avatars: Vec<SceneAvatar>,
    /// Findings: id, where, and the instructor's judgement.
    pub findings: Vec<(u32, Vec3, FindingStatus)>,
    /// The latest tool readings: where the tool was, which tool, and what it showed.
    pub readings: Vec<(Vec3, Tool, ReadingValue)>,
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
    /// The session records voice: every participant must be told, over the container.
    pub voice_recorded: bool,
    /// In a debrief: the recorded participants' trails.
    pub trails: Vec<SceneTrail>,
    /// In a debrief: where the class's gaze fell, as squares on the inside's surfaces.
    pub heat: Vec<SceneHeat>,
    /// Phrases said in the last [`SAID_SHOWN`], oldest first.
    pub said: Vec<SceneSaid>,
    /// Each speaker's newest live caption, while it is fresh ([`CAPTION_SHOWN`]).
    pub captions: Vec<SceneCaption>,
}

/// The voice as a front end shows it (from the voice thread, where voice runs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VoiceNow {
    /// The microphone is muted.
    pub muted: bool,
    /// The instructor speaks to everyone.
    pub all_call: bool,
    /// The floor's level under an interpretation channel.
    pub floor: f32,
}

/// How long a caption stays under its speaker after its last change.
pub const CAPTION_SHOWN: std::time::Duration = std::time::Duration::from_secs(6);

/// A caption under its speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneCaption {
    /// Who spoke.
    pub by: ParticipantId,
    /// The words (their own language).
    pub text: String,
    /// Final, not a partial still changing.
    pub last: bool,
    /// The speaker's head (none for the viewer's own).
    pub over: Option<Vec3>,
}

/// How long a said phrase stays over its speaker and its spot.
pub const SAID_SHOWN: std::time::Duration = std::time::Duration::from_secs(8);

/// A phrase someone said, to show in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneSaid {
    /// Who said it.
    pub by: ParticipantId,
    /// What.
    pub phrase: Phrase,
    /// The scenario's own phrase it names, with its texts.
    pub own: Option<ScenarioPhrase>,
    /// The speaker's head, to show it over (none for the viewer's own, which is not drawn).
    pub over: Option<Vec3>,
    /// The place it is about.
    pub at: Option<Vec3>,
}

/// A square of a wall, the floor or the roof, and how much of the class's gaze fell on it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SceneHeat {
    /// Its centre on the surface, metres.
    pub at: Vec3,
    /// The axis the surface faces along (0 x, 1 y, 2 z).
    pub facing: u8,
    /// Its share of the most looked-at square's gaze, 0 to 1.
    pub weight: f32,
}

/// Something the user should be told, in their language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The server refused what we asked, and why.
    Denied(crossdock_protocol::messages::DenyReason),
    /// The session records voice.
    VoiceRecorded,
}

impl Notice {
    /// What the user should be told about `msg` from the server, if anything.
    pub fn of(msg: &crossdock_protocol::ServerMsg) -> Option<Notice> {
        match msg {
            crossdock_protocol::ServerMsg::Denied { reason, .. } => Some(Notice::Denied(*reason)),
            _ => None,
        }
    }
}

pub use crossdock_protocol::ids::{PARTICIPANT_COLOURS, participant_colour};

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
        let holders = holders(&mut core.mirror);
        let flags = &core.mirror.drill.flags;
        // The tool each used last, while it was lately.
        let lately = u64::from(core.welcome.tick_hz) * TOOL_HELD.as_secs();
        let newest = core.newest_tick().map_or(0, |t| u64::from(t.0));
        let tool_of = |id: ParticipantId| {
            let r = core.mirror.drill.readings.iter().rev().find(|r| r.by == id)?;
            (newest.saturating_sub(u64::from(r.tick.0)) <= lately).then_some(r.tool)
        };
        let avatars: Vec<SceneAvatar> = frames
            .iter()
            .filter_map(|(id, frame)| {
                let p = name_of(*id)?;
                Some(SceneAvatar {
                    id: *id,
                    name: p.display_name.clone(),
                    administration: p.administration.clone(),
                    role: p.role,
                    frame: *frame,
                    me: *id == me,
                    speaking: false,
                    ghost: false,
                    cues: Cues::of(*id, flags.get(id), &holders, tool_of(*id)),
                })
            })
            .collect();
        if core.debrief.is_some() {
            let viewer = frames.iter().find(|(id, _)| *id == me).map(|(_, f)| f.head.position).unwrap_or_default();
            let me = name_of(me).map(|p| (p.id, p.display_name.clone(), p.role));
            return SceneInput::replayed(core, avatars, viewer, me, now);
        }
        let drill = &core.mirror.drill;
        let highlights = drill.highlights.clone();
        let mm = |p: [i32; 3]| units::point(p);
        let findings = drill.findings.values().map(|f| (f.id, mm(f.place), f.status)).collect();
        let readings = drill
            .readings
            .iter()
            .rev()
            .take(READINGS_SHOWN)
            .map(|r| (r.aim.position(), r.tool, r.value.clone()))
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
        let said = drill
            .said
            .iter()
            .filter(|s| now.saturating_duration_since(s.when) < SAID_SHOWN)
            .map(|s| {
                let head = frames.iter().find(|(id, _)| *id == s.by && *id != me).map(|(_, f)| f.head.position);
                said_in(&drill.phrases, s.by, &s.phrase, head, s.at.map(mm))
            })
            .collect();
        let mut captions: Vec<SceneCaption> = Vec::new();
        for line in drill.captions.iter().rev().filter(|l| now.saturating_duration_since(l.when) < CAPTION_SHOWN) {
            if captions.iter().all(|c| c.by != line.caption.by) {
                let head =
                    frames.iter().find(|(id, _)| *id == line.caption.by && *id != me).map(|(_, f)| f.head.position);
                let c = &line.caption;
                captions.push(SceneCaption { by: c.by, text: c.text.clone(), last: c.last, over: head });
            }
        }
        let (items, doors) = cargo_and_doors(&mut core.mirror, &highlights, now);
        let viewer = frames.iter().find(|(id, _)| *id == me).map(|(_, f)| f.head.position).unwrap_or_default();
        let me = name_of(me).map(|p| (p.id, p.display_name.clone(), p.role));
        let mut scene = SceneInput {
            container_mm: core.mirror.container_mm,
            look: core.mirror.look.clone(),
            flashlight: None,
            doors,
            seal: Some(core.mirror.seal.pose.position()),
            seal_number: Some(core.mirror.drill.state.seal_number.clone()),
            items,
            avatars,
            findings,
            readings,
            pointer,
            viewer,
            me,
            truth,
            cutaway: false,
            voice_recorded: core.welcome.voice_recorded,
            trails: Vec::new(),
            heat: Vec::new(),
            said,
            captions,
        };
        scene.aim_pointers();
        scene
    }

    /// The scene in a debrief: the recorded drill's container, cargo and doors at the clock,
    /// its participants as ghosts with their trails so far, and the live `avatars` among them.
    fn replayed(
        core: &mut ClientCore,
        mut avatars: Vec<SceneAvatar>,
        viewer: Vec3,
        me: Option<(ParticipantId, String, Role)>,
        now: Instant,
    ) -> SceneInput {
        let voice_recorded = core.welcome.voice_recorded;
        let Some(debrief) = &mut core.debrief else { return SceneInput::default() };
        let at_ms = debrief.clock_ms(now);
        let mirror = &mut debrief.mirror;
        let (items, doors) = cargo_and_doors(mirror, &Default::default(), now);
        let ghosts = mirror.avatars();
        let holders = holders(mirror);
        let flags = mirror.drill.flags.clone();
        let mut trails = Vec::new();
        for (id, pose) in ghosts {
            let Some(p) = debrief.person(id) else { continue };
            avatars.push(SceneAvatar {
                id,
                name: p.display_name.clone(),
                administration: p.administration.clone(),
                role: p.role,
                frame: pose.into(),
                me: false,
                speaking: false,
                ghost: true,
                cues: Cues::of(id, flags.get(&id), &holders, None),
            });
        }
        for id in debrief.trails.keys() {
            trails.push(SceneTrail { id: *id, points: debrief.trail_until(*id, at_ms) });
        }
        let most = debrief.gaze.values().copied().max().unwrap_or(1).max(1) as f32;
        let heat = debrief
            .gaze
            .iter()
            .map(|((at, facing), n)| SceneHeat { at: units::point(*at), facing: *facing, weight: *n as f32 / most })
            .collect();
        let mirror = &debrief.mirror;
        // The phrases said in the recorded drill up to the clock, over their ghosts.
        let shown_ms = SAID_SHOWN.as_millis() as u32;
        let said = debrief
            .markers
            .iter()
            .filter(|m| m.kind == MarkerKind::Said && m.at_ms <= at_ms && at_ms < m.at_ms + shown_ms)
            .filter_map(|m| {
                let (by, phrase) = (m.who?, Phrase::from_id(&m.label)?);
                let head = avatars.iter().find(|a| a.id == by && a.ghost).map(|a| a.frame.head.position);
                Some(said_in(&mirror.drill.phrases, by, &phrase, head, None))
            })
            .collect();
        // The recorded captions up to the clock, each under its ghost, the newest per speaker.
        let caption_ms = CAPTION_SHOWN.as_millis() as u32;
        let mut captions: Vec<SceneCaption> = Vec::new();
        let recent = debrief
            .markers
            .iter()
            .rev()
            .filter(|m| m.kind == MarkerKind::Caption && m.at_ms <= at_ms && at_ms < m.at_ms + caption_ms);
        for m in recent {
            let Some(by) = m.who else { continue };
            if captions.iter().all(|c| c.by != by) {
                let head = avatars.iter().find(|a| a.id == by && a.ghost).map(|a| a.frame.head.position);
                captions.push(SceneCaption { by, text: m.label.clone(), last: true, over: head });
            }
        }
        let mut scene = SceneInput {
            container_mm: mirror.container_mm,
            look: mirror.look.clone(),
            flashlight: None,
            doors,
            seal: Some(mirror.seal.pose.position()),
            seal_number: Some(mirror.seal.number.clone()),
            items,
            avatars,
            findings: Vec::new(),
            readings: Vec::new(),
            pointer: None,
            viewer,
            me,
            truth: Vec::new(),
            cutaway: false,
            voice_recorded,
            trails,
            heat,
            said,
            captions,
        };
        scene.aim_pointers();
        scene
    }

    /// Puts the viewer's tracked head and hands in place of the server's echo: the local hands
    /// never wait for the network.
    pub fn place_local(&mut self, frame: AvatarFrame) {
        if let Some(mine) = self.avatars.iter_mut().find(|a| a.me) {
            mine.frame = frame;
        } else if let Some((id, name, role)) = &self.me {
            let (id, name, role) = (*id, name.clone(), *role);
            let administration = String::new();
            let cues = Cues::default();
            let avatar =
                SceneAvatar { id, name, administration, role, frame, me: true, speaking: false, ghost: false, cues };
            self.avatars.push(avatar);
        }
        self.viewer = frame.head.position;
        self.aim_pointers();
    }

    /// Puts each pointing hand's dot where its ray meets the container, its cargo or a shut door
    /// ([`crossdock_protocol::ray::point`], as the server places it).
    pub fn aim_pointers(&mut self) {
        if self.avatars.iter().all(|a| a.cues.pointing.is_none()) {
            return;
        }
        let size = units::size(self.container_mm);
        let doors_open = self.doors.iter().any(|d| d.open);
        let room = ray::Room::new(size, units::metres(self.look.front_wall_mm), doors_open);
        let solids: Vec<ray::Solid> = self
            .items
            .iter()
            .map(|i| ray::Solid { center: i.pose.position, rotation: i.pose.rotation, half: i.size / 2.0 })
            .collect();
        for avatar in &mut self.avatars {
            avatar.cues.points_at = avatar.cues.pointing.and_then(|hand| {
                let pose = match hand {
                    Hand::Left => avatar.frame.left,
                    Hand::Right => avatar.frame.right,
                };
                let (origin, dir) = ray::from_hand(pose.position, pose.rotation);
                ray::point(&room, &solids, origin, dir)
            });
        }
    }
}

/// Who holds what in `mirror`.
fn holders(mirror: &mut crate::mirror::Mirror) -> Vec<Holder> {
    mirror.items().into_iter().filter_map(|i| i.info.holder).collect()
}

/// The cargo and doors `mirror` holds, as drawn at `now`.
fn cargo_and_doors(
    mirror: &mut crate::mirror::Mirror,
    highlights: &std::collections::BTreeSet<NetId>,
    now: Instant,
) -> (Vec<SceneItem>, Vec<SceneDoor>) {
    let items = mirror
        .items()
        .into_iter()
        .map(|item| SceneItem {
            id: item.info.id,
            pose: Pose { position: item.pose.position(), rotation: item.pose.rotation() },
            size: units::size(item.info.size_mm),
            kind: item.info.kind.clone(),
            label: item.info.label.clone(),
            highlighted: highlights.contains(&item.info.id),
            content: item.info.content.clone(),
            model: item
                .info
                .model
                .and_then(|m| mirror.models.get(&m.sha256).map(|bytes| ItemModel { sha256: m.sha256, bytes })),
        })
        .collect();
    let doors = mirror
        .door_changes()
        .into_iter()
        .map(|(d, since)| SceneDoor {
            id: d.id,
            handle: d.handle.position(),
            open: d.open,
            swing: door_swing(d.open, since, now),
        })
        .collect();
    (items, doors)
}

/// A phrase `by` said, for the scene: over `head` (and at `at`), with the scenario's texts
/// when it is one of `own`.
fn said_in(
    own: &[ScenarioPhrase],
    by: ParticipantId,
    phrase: &Phrase,
    head: Option<Vec3>,
    at: Option<Vec3>,
) -> SceneSaid {
    SceneSaid { by, phrase: phrase.clone(), own: phrase.own(own).cloned(), over: head, at }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hands_grip_what_they_hold_point_when_pointing_and_carry_the_tool_in_a_free_hand() {
        let id = ParticipantId(3);
        let pointing = Flags { pointing: Some(Hand::Right), ..Flags::default() };
        let cues = Cues::of(id, Some(&pointing), &[], Some(Tool::Flashlight));
        assert_eq!(cues.hands, [HandShape::Grip, HandShape::Point], "the flashlight moves to the free left hand");
        assert_eq!(cues.tool, Some((Hand::Left, Tool::Flashlight)));
        let holding =
            [Holder { participant: id, hand: Hand::Left }, Holder { participant: ParticipantId(9), hand: Hand::Right }];
        let cues = Cues::of(id, None, &holding, Some(Tool::Knife));
        assert_eq!(cues.tool, Some((Hand::Right, Tool::Knife)), "someone else's grip is not theirs");
        assert_eq!(cues.hands, [HandShape::Grip, HandShape::Grip]);
        let busy = [Holder { participant: id, hand: Hand::Left }];
        let cues = Cues::of(id, Some(&pointing), &busy, Some(Tool::Knife));
        assert_eq!(cues.tool, None, "no free hand: no tool");
        let frozen = Flags { frozen: true, muted: true, ..Flags::default() };
        let cues = Cues::of(id, Some(&frozen), &[], None);
        assert!(cues.frozen && cues.muted && cues.hands == [HandShape::Open; 2]);
    }

    #[test]
    fn a_door_swings_over_its_time_easing_in_and_out_and_starts_where_it_is() {
        let start = Instant::now();
        let at = |ms: u64| start + std::time::Duration::from_millis(ms);
        assert_eq!(door_swing(true, None, start), 1.0, "open when the world arrived: already open");
        assert_eq!(door_swing(false, None, start), 0.0);
        assert_eq!(door_swing(true, Some(start), start), 0.0, "just opened: still shut");
        let quarter = door_swing(true, Some(start), at(DOOR_SWING.as_millis() as u64 / 4));
        let half = door_swing(true, Some(start), at(DOOR_SWING.as_millis() as u64 / 2));
        assert!(quarter < 0.25 && (half - 0.5).abs() < 1e-3, "eased: {quarter} {half}");
        assert_eq!(door_swing(true, Some(start), at(5_000)), 1.0);
        assert_eq!(door_swing(false, Some(start), at(5_000)), 0.0, "shut after closing");
    }
}
