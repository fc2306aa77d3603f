//! The tablet in the headset: `crossdock_ui::tablet` held in the left hand (or pinned in the
//! air in front of the wearer, `--pin-tablet`), a ray from the right controller to point, the
//! right trigger to click, the thumbstick to scroll. While the ray is on the tablet the trigger
//! and the stick are the tablet's, not the tool's or the teleport's. `--press CONTROL` scripts
//! the same pointing and clicking (the ray aimed at the control from the right hand, trigger
//! down, then up), for the headset tier and demos.

use std::collections::VecDeque;
use std::time::Instant;

use egui::Pos2;
use glam::{Mat4, Vec3};

use crossdock_client::interp::AvatarFrame;
use crossdock_client::view::{Notice, Panel};
use crossdock_render::overlay::Overlay;
use crossdock_render::{Instance, Layer, Renderer};
use crossdock_ui::Words;
use crossdock_ui::panel::{Action, PanelInput, VoiceView};
use crossdock_ui::tablet::{Placement, Tablet, TabletInput};

use super::input::InputFrame;

/// How far the ray reaches when it meets nothing, metres.
const RAY_M: f32 = 1.2;
/// How far a stick pushed all the way scrolls the tablet each frame, points.
const SCROLL_POINTS_PER_FRAME: f32 = 12.0;

/// A scripted click in progress.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Click {
    /// Aim at the control and press.
    Press(Pos2),
    /// Still aimed; release.
    Release(Pos2),
}

/// The tablet, its painter and its script.
pub struct HeadsetTablet {
    tablet: Tablet,
    painter: Overlay,
    script: VecDeque<String>,
    click: Option<Click>,
    /// The controls the script clicked, in order.
    pub pressed: Vec<String>,
    placement: Option<Placement>,
    /// Pin the tablet in the air in front of the head when it is first shown.
    pin: bool,
    pinned: Option<Placement>,
}

impl std::fmt::Debug for HeadsetTablet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HeadsetTablet").field("tablet", &self.tablet).field("pressed", &self.pressed).finish()
    }
}

/// What the tablet shows this frame besides the class.
#[derive(Debug)]
pub struct Shown<'a> {
    /// Recent notices.
    pub notices: &'a [Notice],
    /// The voice.
    pub voice: VoiceView,
    /// Now.
    pub now: Instant,
}

impl HeadsetTablet {
    /// A tablet painted into targets of `format`, open at the start if `open`, clicking the
    /// `script`ed controls in order once they are shown.
    pub fn new(
        device: &wgpu::Device,
        format: wgpu::TextureFormat,
        open: bool,
        pin: bool,
        script: Vec<String>,
    ) -> HeadsetTablet {
        let mut tablet = Tablet::default();
        tablet.open = open;
        HeadsetTablet {
            tablet,
            painter: Overlay::new(device, format),
            script: script.into(),
            click: None,
            pressed: Vec::new(),
            placement: None,
            pin,
            pinned: None,
        }
    }

    /// Whether it is shown.
    pub fn open(&self) -> bool {
        self.tablet.open
    }

    /// Whether the wearer turned live captions on.
    pub fn captions(&self) -> bool {
        self.tablet.captions()
    }

    /// How often its frame was laid out.
    pub fn layouts(&self) -> u64 {
        self.tablet.layouts
    }

    /// Where each control is, in points on its face.
    pub fn map(&self) -> &crossdock_ui::panel::UiMap {
        &self.tablet.map
    }

    /// Handles this frame's input: the tablet button, the ray and the trigger (taking the
    /// right trigger from `input` while the ray is on the tablet). Returns what was clicked and
    /// the ray to draw (from, to).
    pub fn frame(
        &mut self,
        input: &mut InputFrame,
        local: &AvatarFrame,
        class: Option<&Panel>,
        words: &Words,
        shown: Shown<'_>,
    ) -> (Vec<Action>, Option<(Vec3, Vec3)>) {
        if input.tablet {
            self.tablet.open = !self.tablet.open;
        }
        let Some(class) = class.filter(|_| self.tablet.open) else {
            self.placement = None;
            return (Vec::new(), None);
        };
        if self.pin && self.pinned.is_none() {
            self.pinned = Some(Placement::pinned(local.head));
        }
        let placement = self.pinned.unwrap_or_else(|| Placement::held(local.left, local.head.position));
        self.placement = Some(placement);
        let origin = local.right.position;
        let mut direction = local.right.rotation * Vec3::NEG_Z;
        let mut press = None;
        if let Some(Click::Press(at) | Click::Release(at)) = self.click {
            direction = (placement.world(at) - origin).normalize_or(direction);
            press = Some(matches!(self.click, Some(Click::Press(_))));
        }
        let hit = placement.hit(origin, direction);
        // While the ray is on the tablet the stick scrolls it instead of turning or teleporting.
        let mut scroll = 0.0;
        if hit.is_some() {
            scroll = input.stick_y * SCROLL_POINTS_PER_FRAME;
            input.stick = Default::default();
        }
        if hit.is_some() && self.click.is_none() {
            let trigger = &mut input.use_tool[1];
            press = if trigger.pressed {
                Some(true)
            } else if trigger.released {
                Some(false)
            } else {
                None
            };
            *trigger = Default::default();
        }
        let panel = PanelInput {
            panel: class,
            voice: shown.voice,
            view: crossdock_ui::text::role(words, class.role),
            following: None,
            notices: shown.notices,
            now: shown.now,
        };
        let actions =
            self.tablet.update(words, TabletInput { panel, pointer: hit.map(|(at, _)| at), press, scroll }, shown.now);
        self.click = match self.click {
            Some(Click::Press(at)) => Some(Click::Release(at)),
            Some(Click::Release(_)) => {
                if let Some(done) = self.script.pop_front() {
                    tracing::info!(control = %done, "clicked on the tablet");
                    self.pressed.push(done);
                }
                None
            }
            None => self.script.front().and_then(|name| self.tablet.control(name)).map(Click::Press),
        };
        let end = hit.map_or(origin + direction * RAY_M, |(_, distance)| origin + direction * distance);
        (actions, Some((origin, end)))
    }

    /// Paints the tablet into one eye's `target` of `size` pixels, seen through `view_proj`,
    /// over everything drawn before (the scene, the name plates): its slab with `renderer`,
    /// then its text and widgets.
    pub fn paint(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        renderer: &mut Renderer,
        target: &wgpu::TextureView,
        size: (u32, u32),
        view_proj: Mat4,
    ) {
        let Some(placement) = self.placement else { return };
        let (centre, turn, slab_size) = placement.slab();
        let slab = [Instance::flat(centre, turn, slab_size, crossdock_render::linear(self.tablet.fill()))];
        renderer.draw_over(device, queue, target, size, &Layer { view_proj, instances: &slab });
        self.painter.update_textures(device, queue, self.tablet.take_textures());
        let jobs = placement.in_eye(self.tablet.jobs(), view_proj, size);
        self.painter.paint_jobs(device, queue, target, size, 1.0, &jobs);
    }
}
