//! The side panel's lines ([`crossdock_client::view::Panel`]) drawn as 8x8 bitmap text in
//! pixel space.

use crossdock_client::view::{Panel, Tone};
use glam::{Mat4, Quat, Vec3};

use crate::Instance;
use crate::scene::{self, PLATE, TEXT};

/// Panel width in pixels.
pub const WIDTH: f32 = 360.0;

/// The colour a line of `tone` is drawn in.
pub fn tone_color(tone: Tone) -> [f32; 3] {
    match tone {
        Tone::Heading => [1.0, 0.85, 0.35],
        Tone::Text => TEXT,
        Tone::Role(role) => scene::role_color(role),
        Tone::Reading => [0.6, 0.95, 1.0],
        Tone::Warning => [1.0, 0.4, 0.3],
        Tone::Truth => scene::TRUTH,
    }
}

/// The panel as boxes in pixel space (origin top left, y down), plus `footer` lines (the
/// view and the keys) at the bottom, for a window of `size`.
pub fn instances(panel: &Panel, size: (u32, u32), footer: &[String]) -> Vec<Instance> {
    let mut out = Vec::with_capacity(4096);
    let (w, h) = (size.0 as f32, size.1 as f32);
    let width = WIDTH.min(w * 0.45);
    out.push(Instance::flat(Vec3::new(w - width / 2.0, h / 2.0, 0.0), Quat::IDENTITY, Vec3::new(width, h, 1.0), PLATE));
    let px = 1.0;
    let mut y = 10.0;
    for l in &panel.lines {
        text(&l.text, Vec3::new(w - width + 10.0, y, 0.5), px, tone_color(l.tone), &mut out);
        y += 11.0;
    }
    let mut y = h - 12.0 * footer.len() as f32 - 6.0;
    for f in footer {
        text(f, Vec3::new(10.0, y, 0.5), px, TEXT, &mut out);
        y += 12.0;
    }
    out
}

/// Pixel space for a window of `size`: x right, y down, larger z in front.
pub fn pixel_projection(size: (u32, u32)) -> Mat4 {
    Mat4::orthographic_rh(0.0, size.0 as f32, size.1 as f32, 0.0, -1.0, 1.0)
}

/// `s` in the 8x8 font, top-left at `at`, `px` pixels per font pixel.
fn text(s: &str, at: Vec3, px: f32, rgb: [f32; 3], out: &mut Vec<Instance>) {
    let chars: Vec<char> = s.chars().collect();
    for (x, y) in scene::glyph_pixels(&chars) {
        let p = at + Vec3::new((x as f32 + 0.5) * px, (y as f32 + 0.5) * px, 0.0);
        out.push(Instance::flat(p, Quat::IDENTITY, Vec3::new(px, px, 0.1), rgb));
    }
}

#[cfg(test)]
mod tests {
    use crossdock_client::view::{Line, clip};

    use super::*;

    #[test]
    fn text_is_laid_out_in_pixels_and_long_names_are_clipped() {
        let panel = Panel { lines: vec![Line { text: "AB".into(), tone: Tone::Text }] };
        let boxes = instances(&panel, (800, 600), &["x".into()]);
        let plate = &boxes[0];
        assert_eq!(plate.color[..3], PLATE);
        assert!((plate.center().x - (800.0 - WIDTH / 2.0)).abs() < 1e-3, "the panel sits on the right");
        let glyphs: Vec<Vec3> = boxes[1..].iter().map(|b| b.center()).collect();
        assert!(glyphs.iter().filter(|p| p.x > 800.0 - WIDTH).count() > 10, "AB is written in the panel");
        assert!(glyphs.iter().any(|p| p.x < 30.0 && p.y > 570.0), "the footer at the bottom left");
        assert_eq!(clip("Khun Somchai Jaidee", 8), "Khun So~");
    }
}
