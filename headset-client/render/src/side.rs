//! A window's side panel, as the desktop window and the browser tab show it: the class
//! ([`crossdock_ui::panel::side`]) run through egui only when something it shows changed or
//! input came, its picture kept in a [`Cache`] and copied over each frame, and the scene drawn
//! only where the panel leaves room (centred there by [`SidePanel::shift`]).

use crossdock_client::view::{Notice, Panel};
use crossdock_protocol::ParticipantId;
use crossdock_ui::Words;
use crossdock_ui::panel::{self, Action, Area, PanelInput, PanelState, UiMap, VoiceView};
use web_time::Instant;

use crate::cache::Cache;
use crate::overlay::Overlay;
use crate::{Layer, Renderer};

/// Everything the side panel shows: while it stays the same and there is no input, egui need
/// not run.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The class, and the drill clock's second.
    pub class: Option<(Panel, u64)>,
    /// The voice.
    pub voice: VoiceView,
    /// The camera, in words.
    pub view: String,
    /// Whom the camera follows.
    pub following: Option<ParticipantId>,
    /// The newest notice.
    pub notice: Option<Notice>,
    /// The window, pixels.
    pub size: (u32, u32),
}

/// What one run of the panel's egui gave.
#[allow(missing_debug_implementations)] // egui's platform output is not printable
pub struct Ran {
    /// What the user asked for.
    pub actions: Vec<Action>,
    /// egui's requests to the platform (cursor, clipboard, ...).
    pub platform: egui::PlatformOutput,
    /// egui's scale that run.
    pub pixels_per_point: f32,
}

/// The panel's egui, its cached picture, and what it last showed.
#[derive(Debug)]
pub struct SidePanel {
    /// The panel's egui (the window's input goes to its context).
    pub overlay: Overlay,
    cache: Cache,
    /// The panel's own state (open sections, typed notes).
    pub state: PanelState,
    shown: Option<Shown>,
    /// egui asked to run again (an animation).
    again: bool,
    /// Where the panel is (pixels) and its fill, as egui last laid it out.
    area: Option<Area>,
}

impl SidePanel {
    /// A side panel for frames of `format`.
    pub fn new(device: &wgpu::Device, format: wgpu::TextureFormat) -> SidePanel {
        SidePanel {
            overlay: Overlay::new(device, format),
            cache: Cache::new(device, format),
            state: PanelState::default(),
            shown: None,
            again: false,
            area: None,
        }
    }

    /// The panel's egui context.
    pub fn ctx(&self) -> &egui::Context {
        &self.overlay.ctx
    }

    /// Where the panel is (pixels: x0, y0, x1, y1) and its fill, once it has been laid out.
    pub fn area(&self) -> Option<Area> {
        self.area
    }

    /// How far to move the scene (clip space, leftwards) so that it is centred in what the panel
    /// leaves of a window `width` pixels wide.
    pub fn shift(&self, width: u32) -> f32 {
        let panel_width = self.area.map_or(0.0, |(r, _)| r[2] - r[0]);
        panel_width.min(width as f32 * 0.6) / width.max(1) as f32
    }

    /// The middle (points) of what the panel leaves of a window `size` pixels at
    /// `pixels_per_point`: where the phrase wheel opens.
    pub fn middle(&self, size: (u32, u32), pixels_per_point: f32) -> egui::Pos2 {
        let panel = self.area.map_or(0.0, |(r, _)| r[2] - r[0]);
        egui::pos2((size.0 as f32 - panel) / 2.0, size.1 as f32 / 2.0) / pixels_per_point
    }

    /// Runs the panel's egui on `raw` input if anything it shows changed (or input came, or
    /// egui asked to run again), and redraws its picture if that changed. `None`: nothing ran.
    #[allow(clippy::too_many_arguments)] // one call a frame, each a different thing
    pub fn run(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        raw: egui::RawInput,
        words: &Words,
        shown: Shown,
        notices: &[Notice],
        now: Instant,
        map: &mut UiMap,
    ) -> Option<Ran> {
        if raw.events.is_empty() && !self.again && self.shown.as_ref() == Some(&shown) {
            return None;
        }
        let mut side = None;
        let state = &mut self.state;
        let mut output = self.overlay.ctx.run_ui(raw, |ui| {
            if let Some((class, _)) = &shown.class {
                let input = PanelInput {
                    panel: class,
                    voice: shown.voice,
                    view: shown.view.clone(),
                    following: shown.following,
                    notices,
                    now,
                };
                let drawn = panel::side(ui, words, &input, state, map);
                side = Some((drawn, ui.pixels_per_point()));
            }
        });
        self.again = output.viewport_output.get(&egui::ViewportId::ROOT).is_some_and(|v| v.repaint_delay.is_zero());
        let size = shown.size;
        self.shown = Some(shown);
        self.area = side.as_ref().map(|(drawn, ppp)| {
            let r = drawn.rect * *ppp;
            ([r.min.x, r.min.y, r.max.x, r.max.y], drawn.fill)
        });
        let fill = side.as_ref().map_or(egui::Color32::BLACK, |(drawn, _)| drawn.fill);
        let actions = side.map(|(drawn, _)| drawn.actions).unwrap_or_default();
        let platform = std::mem::take(&mut output.platform_output);
        let pixels_per_point = output.pixels_per_point;
        // The panel is drawn into the cache only when its picture changed.
        self.cache.update_egui(device, queue, &mut self.overlay, size, output, fill);
        Some(Ran { actions, platform, pixels_per_point })
    }

    /// One frame: the scene, the name plates over it (`text`, painted by `plates`), then the
    /// panel's cached picture over its area (so no plate shows through the panel).
    #[allow(clippy::too_many_arguments)] // the frame's three painters and their inputs
    pub fn draw(
        &self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        target: &wgpu::TextureView,
        size: (u32, u32),
        (renderer, layers): (&mut Renderer, &[Layer<'_>]),
        (plates, text): (&mut Overlay, egui::FullOutput),
    ) {
        match self.area {
            // Only the scene's part of the window: the panel covers the rest.
            Some((rect, _)) => {
                renderer.draw_within(device, queue, target, size, layers, [0, 0, rect[0] as u32, size.1])
            }
            None => renderer.draw(device, queue, target, size, layers),
        }
        plates.paint(device, queue, target, size, text);
        if let Some((rect, _)) = self.area {
            self.cache.copy(device, queue, target, size, rect);
        }
    }
}
