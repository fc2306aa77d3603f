//! The phrase wheel of the desktop window and the browser tab: L opens it in the middle of the
//! view, the phrases said most in a drill around it and "more…" (the panel's picker); the
//! mouse's direction from the middle picks one, a click says it. Drawn over the name plates.

use std::f32::consts::{FRAC_PI_2, TAU};

use egui::{Align2, Color32, CornerRadius, FontId, Painter, Pos2, Rect, Stroke, vec2};

use crossdock_protocol::phrase::Phrase;

use crate::i18n::Words;
use crate::text;

/// The wheel's phrases, clockwise from the top; "more…" follows the last.
pub const WHEEL: [&str; 8] =
    ["look-here", "come-here", "stop", "wait", "confirmed", "i-disagree", "fresh-welds", "help-me"];

/// Sectors around the wheel: its phrases and "more…".
const SECTORS: usize = WHEEL.len() + 1;
/// Radius, points, of the dead middle (no choice) and of the labels' ring.
const INNER: f32 = 40.0;
const RING: f32 = 150.0;

/// What a click on the wheel chose.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// Say this.
    Say(Phrase),
    /// Open the panel's phrase picker.
    More,
}

/// The sector `pointer` points at from the wheel's `centre` (points), if it is out of the dead
/// middle.
pub fn hovered(centre: Pos2, pointer: Pos2) -> Option<usize> {
    let d = pointer - centre;
    if d.length() < INNER {
        return None;
    }
    // Clockwise from the top (screen y grows downwards), each sector centred on its label.
    let angle = (d.y.atan2(d.x) + FRAC_PI_2).rem_euclid(TAU);
    let width = TAU / SECTORS as f32;
    Some(((angle + width / 2.0) / width) as usize % SECTORS)
}

/// What a click at `pointer` chooses on the wheel around `centre`, if anything.
pub fn chosen(centre: Pos2, pointer: Option<Pos2>) -> Option<Choice> {
    pointer.and_then(|p| hovered(centre, p)).map(choice)
}

/// What sector `i` stands for.
pub fn choice(i: usize) -> Choice {
    WHEEL.get(i).map_or(Choice::More, |id| Choice::Say(Phrase::Book((*id).to_owned())))
}

/// Draws the wheel around `centre` in the reader's words, the `hovered` sector lit.
pub fn paint(painter: &Painter, centre: Pos2, words: &Words, hovered: Option<usize>) {
    painter.circle(centre, INNER, Color32::from_black_alpha(150), Stroke::new(1.5, Color32::from_gray(200)));
    painter.text(centre, Align2::CENTER_CENTER, "L", FontId::proportional(16.0), Color32::from_gray(220));
    for i in 0..SECTORS {
        let angle = i as f32 * TAU / SECTORS as f32 - FRAC_PI_2;
        let at = centre + vec2(angle.cos(), angle.sin()) * RING;
        let label = match choice(i) {
            Choice::Say(phrase) => text::phrase(words, &phrase, None),
            Choice::More => words.get("wheel-more"),
        };
        let lit = hovered == Some(i);
        let galley = painter.layout_no_wrap(label, FontId::proportional(if lit { 19.0 } else { 16.0 }), Color32::WHITE);
        let rect = Rect::from_center_size(at, galley.size() + vec2(16.0, 8.0));
        let fill = if lit { Color32::from_rgb(40, 90, 170) } else { Color32::from_black_alpha(185) };
        painter.rect(
            rect,
            CornerRadius::same(6),
            fill,
            Stroke::new(1.0, Color32::from_gray(150)),
            egui::StrokeKind::Inside,
        );
        painter.galley(rect.min + vec2(8.0, 4.0), galley, Color32::WHITE);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pointers_direction_picks_the_sector_it_points_at() {
        let c = Pos2::new(400.0, 300.0);
        assert_eq!(hovered(c, c + vec2(5.0, 5.0)), None, "the dead middle chooses nothing");
        assert_eq!(hovered(c, c + vec2(0.0, -100.0)), Some(0), "straight up: the first");
        let step = TAU / SECTORS as f32;
        for i in 0..SECTORS {
            let angle = i as f32 * step - FRAC_PI_2;
            let p = c + vec2(angle.cos(), angle.sin()) * 120.0;
            assert_eq!(hovered(c, p), Some(i), "sector {i}");
        }
        assert_eq!(choice(0), Choice::Say(Phrase::Book("look-here".into())));
        assert_eq!(choice(SECTORS - 1), Choice::More);
    }
}
