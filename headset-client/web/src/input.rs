//! The page's mouse and keyboard as egui input for the side panel, as `egui-winit` gives the
//! desktop window's. Positions are CSS pixels, which are egui's points; the device pixel ratio
//! is egui's pixels per point. The canvas fills the page, so a CSS pixel of the page is one of
//! the canvas.

use web_time::Instant;

/// Input gathered since the panel last ran.
#[derive(Debug)]
pub struct UiInput {
    events: Vec<egui::Event>,
    modifiers: egui::Modifiers,
    start: Instant,
}

impl Default for UiInput {
    fn default() -> UiInput {
        UiInput { events: Vec::new(), modifiers: egui::Modifiers::default(), start: Instant::now() }
    }
}

impl UiInput {
    /// A mouse event (`mousemove`, `mousedown`, `mouseup`, `mouseleave`).
    pub fn mouse(&mut self, e: &web_sys::MouseEvent) {
        let pos = egui::pos2(e.client_x() as f32, e.client_y() as f32);
        self.set_modifiers(e.alt_key(), e.ctrl_key(), e.shift_key(), e.meta_key());
        let button = match e.button() {
            1 => egui::PointerButton::Middle,
            2 => egui::PointerButton::Secondary,
            _ => egui::PointerButton::Primary,
        };
        let modifiers = self.modifiers;
        match e.type_().as_str() {
            "mousemove" => self.events.push(egui::Event::PointerMoved(pos)),
            "mousedown" => self.events.push(egui::Event::PointerButton { pos, button, pressed: true, modifiers }),
            "mouseup" => self.events.push(egui::Event::PointerButton { pos, button, pressed: false, modifiers }),
            "mouseleave" => self.events.push(egui::Event::PointerGone),
            _ => {}
        }
    }

    /// A `wheel` event: scrolls the panel under the pointer.
    pub fn wheel(&mut self, e: &web_sys::WheelEvent) {
        let unit = match e.delta_mode() {
            web_sys::WheelEvent::DOM_DELTA_LINE => egui::MouseWheelUnit::Line,
            web_sys::WheelEvent::DOM_DELTA_PAGE => egui::MouseWheelUnit::Page,
            _ => egui::MouseWheelUnit::Point,
        };
        self.events.push(egui::Event::MouseWheel {
            unit,
            // The page scrolls its content the other way round from egui's delta.
            delta: -egui::vec2(e.delta_x() as f32, e.delta_y() as f32),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: self.modifiers,
        });
    }

    /// A `keydown` (`pressed`) or `keyup` event: the key, and the text a pressed key types.
    pub fn key(&mut self, e: &web_sys::KeyboardEvent, pressed: bool) {
        if e.is_composing() {
            return;
        }
        self.set_modifiers(e.alt_key(), e.ctrl_key(), e.shift_key(), e.meta_key());
        let name = e.key();
        if let Some(key) = egui::Key::from_name(&name) {
            let modifiers = self.modifiers;
            self.events.push(egui::Event::Key { key, physical_key: None, pressed, repeat: false, modifiers });
        }
        // A printable key names the character it types ("a", "ก", "?"); others have longer
        // names ("Enter", "ArrowLeft").
        if pressed && name.chars().count() == 1 && !self.modifiers.ctrl && !self.modifiers.mac_cmd && !e.meta_key() {
            self.events.push(egui::Event::Text(name));
        }
    }

    /// The modifier keys as an event reports them; egui is told when they change.
    fn set_modifiers(&mut self, alt: bool, ctrl: bool, shift: bool, meta: bool) {
        let now = egui::Modifiers { alt, ctrl, shift, mac_cmd: false, command: ctrl || meta };
        if now != self.modifiers {
            self.modifiers = now;
            self.events.push(egui::Event::ModifiersChanged(now));
        }
    }

    /// The input for one run of the panel on a canvas of `size` CSS pixels at `ratio` device
    /// pixels each; the events are taken.
    pub fn take(&mut self, size: (f32, f32), ratio: f32) -> egui::RawInput {
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(size.0, size.1));
        let mut raw = egui::RawInput {
            screen_rect: Some(screen),
            events: std::mem::take(&mut self.events),
            time: Some(self.start.elapsed().as_secs_f64()),
            ..Default::default()
        };
        raw.viewports.entry(egui::ViewportId::ROOT).or_default().native_pixels_per_point = Some(ratio);
        raw
    }
}
