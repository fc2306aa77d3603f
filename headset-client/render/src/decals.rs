//! Printed markings on things: the container number, plates, the seal's number, cargo labels.
//! Each is a [`Text`] given a place in one atlas image; meshes map quads onto that place, and
//! the renderer paints the atlas with egui (the same text stack as the panel, so every script
//! shapes) whenever a text is added.

use std::collections::HashMap;

use glam::Vec2;

/// The atlas's side, pixels.
pub const ATLAS: u32 = 2048;

/// A block of text printed on a surface.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Text {
    /// The lines, separated by `\n`.
    pub lines: String,
    /// Its place's size in the atlas, pixels: how sharp it prints.
    pub size: [u32; 2],
    /// The ink, sRGB with alpha.
    pub ink: [u8; 4],
    /// The background (alpha 0: clear, the surface shows through).
    pub paper: [u8; 4],
}

/// The atlas's contents: texts and where each is.
#[derive(Debug, Default)]
pub struct Decals {
    placed: Vec<(Text, [u32; 4])>,
    index: HashMap<Text, usize>,
    shelf: (u32, u32, u32),
}

impl Decals {
    /// The texture coordinates of `text`'s corners (bottom left, bottom right, top right, top
    /// left, as [`crate::mesh::Mesh::quad_uv`] takes them), placing it if new. A text that
    /// does not fit any more shares the last place (and shows the wrong words): the atlas holds
    /// far more than any shipped scenario asks for.
    pub fn place(&mut self, text: Text) -> [Vec2; 4] {
        let rect = match self.index.get(&text) {
            Some(&i) => self.placed[i].1,
            None => {
                let [w, h] = text.size.map(|v| v.clamp(8, ATLAS));
                let (mut x, mut y, mut row) = self.shelf;
                if x + w > ATLAS {
                    (x, y, row) = (0, y + row, 0);
                }
                if y + h > ATLAS {
                    return self.placed.last().map_or([Vec2::ZERO; 4], |(_, r)| corners(*r));
                }
                self.shelf = (x + w + 2, y, row.max(h + 2));
                self.index.insert(text.clone(), self.placed.len());
                self.placed.push((text, [x, y, w, h]));
                [x, y, w, h]
            }
        };
        corners(rect)
    }

    /// How many texts are placed: it grows, so it tells when to repaint.
    pub fn generation(&self) -> u64 {
        self.placed.len() as u64
    }

    /// Paints every text into `ctx` as one frame of `ATLAS` square points at one pixel each.
    pub fn paint(&self, ctx: &egui::Context) -> egui::FullOutput {
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(ATLAS as f32, ATLAS as f32));
        let input = egui::RawInput { screen_rect: Some(screen), ..Default::default() };
        ctx.set_pixels_per_point(1.0);
        ctx.run_ui(input, |ui| {
            let painter = ui.painter();
            for (text, [x, y, w, h]) in &self.placed {
                let rect =
                    egui::Rect::from_min_size(egui::pos2(*x as f32, *y as f32), egui::vec2(*w as f32, *h as f32));
                let [r, g, b, a] = text.paper;
                painter.rect_filled(rect, 0.0, egui::Color32::from_rgba_unmultiplied(r, g, b, a));
                let [r, g, b, a] = text.ink;
                let ink = egui::Color32::from_rgba_unmultiplied(r, g, b, a);
                let lines: Vec<&str> = text.lines.lines().collect();
                let per_line = rect.height() / lines.len().max(1) as f32;
                let mut size = per_line * 0.78;
                let widest = |size: f32| {
                    lines
                        .iter()
                        .map(|l| {
                            painter.layout_no_wrap((*l).to_owned(), egui::FontId::proportional(size), ink).size().x
                        })
                        .fold(0.0f32, f32::max)
                };
                let wide = widest(size);
                if wide > rect.width() * 0.94 {
                    size *= rect.width() * 0.94 / wide;
                }
                for (i, line) in lines.iter().enumerate() {
                    let centre = egui::pos2(rect.center().x, rect.top() + per_line * (i as f32 + 0.5));
                    painter.text(centre, egui::Align2::CENTER_CENTER, *line, egui::FontId::proportional(size), ink);
                }
            }
        })
    }
}

fn corners([x, y, w, h]: [u32; 4]) -> [Vec2; 4] {
    let s = ATLAS as f32;
    let (u0, v0, u1, v1) = (x as f32 / s, y as f32 / s, (x + w) as f32 / s, (y + h) as f32 / s);
    [Vec2::new(u0, v1), Vec2::new(u1, v1), Vec2::new(u1, v0), Vec2::new(u0, v0)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &str, size: [u32; 2]) -> Text {
        Text { lines: lines.into(), size, ink: [255; 4], paper: [0; 4] }
    }

    #[test]
    fn texts_get_places_that_do_not_overlap_and_the_same_text_its_old_place() {
        let mut decals = Decals::default();
        let a = decals.place(text("CDXU 604417 8", [1200, 160]));
        let b = decals.place(text("22G1", [1200, 160]));
        let again = decals.place(text("CDXU 604417 8", [1200, 160]));
        assert_eq!(a, again);
        assert_eq!(decals.generation(), 2);
        assert!(b[3].y >= a[0].y, "the second does not fit beside the first: it goes below");
        let inside = |c: [Vec2; 4]| c.iter().all(|p| (0.0..=1.0).contains(&p.x) && (0.0..=1.0).contains(&p.y));
        assert!(inside(a) && inside(b));
        assert!(a[0].y > a[3].y, "the text's bottom is lower in the image");
    }
}
