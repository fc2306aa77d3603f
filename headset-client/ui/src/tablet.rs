//! The side panel in a headset: the same [`crate::panel`] on a tablet held above the left hand,
//! turned to face the eyes, pointed at with a ray from the right controller. Its egui frame is
//! laid out in the tablet's own points and only when something changed (the class, the clock's
//! second, the pointer); each eye then draws the same triangles through its own projection, so
//! the tablet sits in the room at its true depth in both eyes.

use web_time::Instant;

use egui::epaint::{ClippedPrimitive, Primitive};
use egui::{Event, Pos2, Rect, TexturesDelta, Vec2, pos2, vec2};
use glam::{Mat4, Vec3};

use crossdock_client::interp::Pose;
use crossdock_client::view::Panel;

use crate::i18n::Words;
use crate::panel::{self, Action, PanelInput, PanelState, UiMap};

/// The tablet's face in points.
pub const SIZE: Vec2 = vec2(440.0, 620.0);
/// Its width in the room, metres: at 40 cm from the eyes 15-point text subtends about 1.3°,
/// above the 1° platform guidelines give as the least for body text.
pub const WIDTH_M: f32 = 0.28;
/// Texels per point of its text: a little more than the eye's pixels per point at arm's length.
pub const PIXELS_PER_POINT: f32 = 1.5;

/// Where the tablet is in the room: its centre and its axes (right, up, and the normal towards
/// the eyes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// Centre, metres.
    pub centre: Vec3,
    /// Unit vector along its width.
    pub right: Vec3,
    /// Unit vector along its height.
    pub up: Vec3,
    /// Unit normal out of its face.
    pub normal: Vec3,
}

impl Placement {
    /// The tablet held in `hand`, its centre 20 cm above the grip and 8 cm towards the eyes,
    /// upright and turned to face them.
    pub fn held(hand: Pose, eyes: Vec3) -> Placement {
        let towards = Vec3::new(eyes.x - hand.position.x, 0.0, eyes.z - hand.position.z).normalize_or_zero();
        let centre = hand.position + Vec3::Y * 0.2 + towards * 0.08;
        let to_eyes = eyes - centre;
        let normal = Vec3::new(to_eyes.x, 0.0, to_eyes.z).normalize_or(Vec3::Z);
        let right = Vec3::Y.cross(normal).normalize_or(Vec3::X);
        Placement { centre, right, up: normal.cross(right), normal }
    }

    /// The tablet pinned in the air in front of `head`: half a metre ahead, a little left and
    /// below the eyes, facing them. It stays there while the wearer moves.
    pub fn pinned(head: Pose) -> Placement {
        let forward = head.rotation * Vec3::NEG_Z;
        let flat = Vec3::new(forward.x, 0.0, forward.z).normalize_or(Vec3::NEG_Z);
        let right = flat.cross(Vec3::Y);
        let centre = head.position + flat * 0.5 - right * 0.12 - Vec3::Y * 0.1;
        let normal = -flat;
        Placement { centre, right: Vec3::Y.cross(normal).normalize_or(Vec3::X), up: Vec3::Y, normal }
    }

    fn height_m() -> f32 {
        WIDTH_M * SIZE.y / SIZE.x
    }

    /// The tablet as a thin slab behind its face: centre, turn and size, for the renderer's
    /// boxes (its fill is drawn as a box; egui draws only what is on it).
    pub fn slab(&self) -> (Vec3, glam::Quat, Vec3) {
        let turn = glam::Quat::from_mat3(&glam::Mat3::from_cols(self.right, self.up, self.normal));
        (self.centre - self.normal * 0.003, turn, Vec3::new(WIDTH_M, Self::height_m(), 0.004))
    }

    /// The room point of a point on the tablet's face (points from its top left).
    pub fn world(&self, at: Pos2) -> Vec3 {
        let x = (at.x / SIZE.x - 0.5) * WIDTH_M;
        let y = (0.5 - at.y / SIZE.y) * Self::height_m();
        self.centre + self.right * x + self.up * y
    }

    /// Where a ray from `origin` along `direction` meets the face, in points, and how far it
    /// went; `None` when it misses, runs parallel or meets the back.
    pub fn hit(&self, origin: Vec3, direction: Vec3) -> Option<(Pos2, f32)> {
        let facing = direction.dot(self.normal);
        if facing >= -1e-4 {
            return None;
        }
        let t = (self.centre - origin).dot(self.normal) / facing;
        if t <= 0.0 {
            return None;
        }
        let d = origin + direction * t - self.centre;
        let at = pos2((d.dot(self.right) / WIDTH_M + 0.5) * SIZE.x, (0.5 - d.dot(self.up) / Self::height_m()) * SIZE.y);
        Rect::from_min_size(Pos2::ZERO, SIZE).contains(at).then_some((at, t))
    }

    /// `jobs` (laid out on the tablet, in points) as seen through `view_proj` in an eye image
    /// of `size` pixels: positions in that image's pixels. egui's clipping (a scrolled list's
    /// edge, the tablet's own) is applied on the tablet first, whole triangles at a time: one
    /// that leaves the clip is left out (a glyph on the edge goes, rather than half of it). A
    /// triangle with a corner behind the eye is left out too.
    pub fn in_eye(&self, jobs: &[ClippedPrimitive], view_proj: Mat4, size: (u32, u32)) -> Vec<ClippedPrimitive> {
        let full = Rect::from_min_size(Pos2::ZERO, vec2(size.0 as f32, size.1 as f32));
        let face = Rect::from_min_size(Pos2::ZERO, SIZE);
        let project = |at: Pos2| -> Option<Pos2> {
            let clip = view_proj * self.world(at).extend(1.0);
            (clip.w > 0.01).then(|| {
                let ndc = clip.truncate() / clip.w;
                pos2((ndc.x + 1.0) / 2.0 * full.width(), (1.0 - ndc.y) / 2.0 * full.height())
            })
        };
        jobs.iter()
            .filter_map(|job| {
                let Primitive::Mesh(mesh) = &job.primitive else { return None };
                let keep = job.clip_rect.intersect(face);
                let mut out = mesh.clone();
                out.indices = mesh
                    .indices
                    .chunks_exact(3)
                    .filter(|t| t.iter().all(|i| keep.expand(0.5).contains(mesh.vertices[*i as usize].pos)))
                    .flatten()
                    .copied()
                    .collect();
                if out.indices.is_empty() {
                    // All clipped away (and egui's painter refuses an empty draw).
                    return None;
                }
                for v in &mut out.vertices {
                    v.pos = project(v.pos)?;
                }
                Some(ClippedPrimitive { clip_rect: full, primitive: Primitive::Mesh(out) })
            })
            .collect()
    }
}

/// What the tablet shows and where it is pointed this frame.
#[derive(Debug)]
pub struct TabletInput<'a> {
    /// The panel's content.
    pub panel: PanelInput<'a>,
    /// Where the ray meets the face, if it does.
    pub pointer: Option<Pos2>,
    /// The trigger went down (`Some(true)`) or up (`Some(false)`) this frame.
    pub press: Option<bool>,
    /// Points to scroll the content up (positive) or down, this frame.
    pub scroll: f32,
}

/// The tablet: its egui frame, kept until something changes.
pub struct Tablet {
    /// Its own egui context (own font atlas, own memory of open sections).
    pub ctx: egui::Context,
    /// Shown or hidden (a button on the left controller).
    pub open: bool,
    state: PanelState,
    /// Where each control is, in points on the face.
    pub map: UiMap,
    jobs: Vec<ClippedPrimitive>,
    textures: TexturesDelta,
    drawn: Option<(Panel, u64)>,
    pointer: Option<Pos2>,
    again: bool,
    /// How many times its frame was laid out (the rest of the frames reuse it).
    pub layouts: u64,
}

impl std::fmt::Debug for Tablet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tablet").field("open", &self.open).field("layouts", &self.layouts).finish_non_exhaustive()
    }
}

impl Default for Tablet {
    fn default() -> Tablet {
        let ctx = egui::Context::default();
        crate::install(&ctx);
        // Reading, not browsing: the documents are what a trainee looks for first.
        let state = PanelState { headset: true, ..PanelState::default() };
        Tablet {
            ctx,
            open: false,
            state,
            map: UiMap::new(),
            jobs: Vec::new(),
            textures: TexturesDelta::default(),
            drawn: None,
            pointer: None,
            again: true,
            layouts: 0,
        }
    }
}

impl Drop for Tablet {
    fn drop(&mut self) {
        // Texture changes nobody painted any more: nothing to upload them to.
        self.textures.clear();
    }
}

impl Tablet {
    /// Whether the wearer turned live captions on (the tablet's checkbox).
    pub fn captions(&self) -> bool {
        self.state.captions
    }

    /// Lays the tablet out again on the next update (its fonts changed).
    pub fn redraw(&mut self) {
        self.again = true;
    }

    /// Lays the tablet out again if anything it shows changed; returns what was clicked.
    pub fn update(&mut self, words: &Words, input: TabletInput<'_>, now: Instant) -> Vec<Action> {
        let second = input.panel.panel.clock.elapsed(now).as_secs();
        let same = self.drawn.as_ref().is_some_and(|(panel, s)| *s == second && panel == input.panel.panel);
        let moved = input.pointer != self.pointer;
        let scrolling = input.scroll != 0.0 && input.pointer.is_some();
        if !(self.again || moved || scrolling || input.press.is_some() || !same) {
            return Vec::new();
        }
        let mut events = Vec::new();
        match (input.pointer, self.pointer) {
            (Some(at), _) if moved => events.push(Event::PointerMoved(at)),
            (None, Some(_)) => events.push(Event::PointerGone),
            _ => {}
        }
        if scrolling {
            events.push(Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: vec2(0.0, input.scroll),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: egui::Modifiers::default(),
            });
        }
        if let (Some(pressed), Some(pos)) = (input.press, input.pointer.or(self.pointer)) {
            let button = egui::PointerButton::Primary;
            events.push(Event::PointerButton { pos, button, pressed, modifiers: egui::Modifiers::default() });
        }
        self.pointer = input.pointer;
        let screen = Rect::from_min_size(Pos2::ZERO, SIZE);
        let mut raw = egui::RawInput { screen_rect: Some(screen), events, ..Default::default() };
        raw.viewports.entry(egui::ViewportId::ROOT).or_default().native_pixels_per_point = Some(PIXELS_PER_POINT);
        let mut actions = Vec::new();
        let mut map = UiMap::new();
        let state = &mut self.state;
        let output = self.ctx.run_ui(raw, |ui| {
            // The fill is the slab's (see `Placement::slab`): only text and widgets are egui's.
            let frame = egui::Frame::central_panel(ui.style()).fill(egui::Color32::TRANSPARENT);
            egui::CentralPanel::default().frame(frame).show(ui, |ui| {
                egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
                    actions = panel::show(ui, words, &input.panel, state, &mut map);
                });
            });
        });
        self.map = map;
        self.layouts += 1;
        // egui asks for another frame while something animates (a section opening).
        self.again = output.viewport_output.get(&egui::ViewportId::ROOT).is_some_and(|v| v.repaint_delay.is_zero());
        self.jobs = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        self.textures.append(output.textures_delta);
        if !same {
            self.drawn = Some((input.panel.panel.clone(), second));
        }
        actions
    }

    /// The texture changes since they were last taken, for the painter.
    pub fn take_textures(&mut self) -> TexturesDelta {
        std::mem::take(&mut self.textures)
    }

    /// The laid-out frame, in points on the face.
    pub fn jobs(&self) -> &[ClippedPrimitive] {
        &self.jobs
    }

    /// The colour of its face.
    pub fn fill(&self) -> egui::Color32 {
        self.ctx.global_style().visuals.panel_fill
    }

    /// The centre of a control, in points on the face, if it is shown.
    pub fn control(&self, name: &str) -> Option<Pos2> {
        self.map.iter().find(|(n, _)| n == name).map(|(_, r)| r.center())
    }
}

#[cfg(test)]
mod tests {
    use glam::Quat;

    use super::*;

    #[test]
    fn the_tablet_faces_the_eyes_and_a_ray_finds_the_point_it_aims_at() {
        let hand = Pose { position: Vec3::new(0.0, 1.2, -0.35), rotation: Quat::IDENTITY };
        let eyes = Vec3::new(0.0, 1.6, 0.0);
        let tablet = Placement::held(hand, eyes);
        assert!(tablet.normal.dot(eyes - tablet.centre) > 0.0, "its face turns to the eyes");
        let target = pos2(100.0, 500.0);
        let from = Vec3::new(0.2, 1.3, -0.1);
        let (at, distance) = tablet.hit(from, (tablet.world(target) - from).normalize()).expect("aimed at");
        assert!((at - target).length() < 0.5, "{at:?}");
        assert!(distance > 0.1 && distance < 1.0);
        assert_eq!(tablet.hit(from, -(tablet.world(target) - from).normalize()), None, "aimed away");
        let outside = tablet.world(pos2(-50.0, 10.0));
        assert_eq!(tablet.hit(from, (outside - from).normalize()), None, "beside the tablet");
    }

    #[test]
    fn in_an_eye_the_tablet_lands_where_it_is() {
        let tablet = Placement { centre: Vec3::new(0.0, 0.0, -1.0), right: Vec3::X, up: Vec3::Y, normal: Vec3::Z };
        let mesh = egui::Mesh {
            indices: vec![0, 1, 2],
            vertices: [pos2(0.0, 0.0), SIZE.to_pos2(), pos2(SIZE.x / 2.0, SIZE.y / 2.0)]
                .map(|pos| egui::epaint::Vertex { pos, uv: Pos2::ZERO, color: egui::Color32::WHITE })
                .to_vec(),
            texture_id: egui::TextureId::default(),
        };
        let job = ClippedPrimitive { clip_rect: Rect::EVERYTHING, primitive: Primitive::Mesh(mesh) };
        let eye = tablet.in_eye(std::slice::from_ref(&job), Mat4::perspective_rh(1.2, 1.0, 0.05, 10.0), (800, 800));
        let Primitive::Mesh(mesh) = &eye[0].primitive else { panic!() };
        let centre = mesh.vertices[2].pos;
        assert!((centre.x - 400.0).abs() < 0.5 && (centre.y - 400.0).abs() < 0.5, "{centre:?}");
        assert!(mesh.vertices[0].pos.x < 400.0 && mesh.vertices[0].pos.y < 400.0, "top left stays top left");
        let behind = tablet.in_eye(
            &[job],
            Mat4::perspective_rh(1.2, 1.0, 0.05, 10.0) * Mat4::from_rotation_y(std::f32::consts::PI),
            (800, 800),
        );
        assert!(behind.is_empty(), "nothing drawn behind the eye");
        // A row scrolled below the tablet's edge is not drawn beside it.
        let below = egui::Mesh { vertices: mesh_below(), indices: vec![0, 1, 2], ..egui::Mesh::default() };
        let job = ClippedPrimitive { clip_rect: Rect::EVERYTHING, primitive: Primitive::Mesh(below) };
        let eye = tablet.in_eye(&[job], Mat4::perspective_rh(1.2, 1.0, 0.05, 10.0), (800, 800));
        assert!(eye.is_empty(), "clipped at the tablet's edge");
    }

    fn mesh_below() -> Vec<egui::epaint::Vertex> {
        [pos2(10.0, SIZE.y + 5.0), pos2(50.0, SIZE.y + 5.0), pos2(30.0, SIZE.y + 30.0)]
            .map(|pos| egui::epaint::Vertex { pos, uv: Pos2::ZERO, color: egui::Color32::WHITE })
            .to_vec()
    }
}
