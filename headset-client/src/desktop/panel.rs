//! The side panel: participants (name, administration, role, round trip, loss), the drill
//! clock, findings and tool readings as they happen, and the truth once revealed. Built from
//! the client's state as plain lines; drawn as 8x8 bitmap text in pixel space.

use crossdock_protocol::ParticipantId;
use crossdock_protocol::drill::FindingStatus;
use glam::{Mat4, Quat, Vec3};

use crate::core::ClientCore;
use crate::render::Instance;
use crate::render::scene::{self, PLATE, TEXT};

/// How many findings and readings the panel lists (newest last).
const RECENT: usize = 6;
/// Panel width in pixels.
pub const WIDTH: f32 = 360.0;

/// One line of the panel and its colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text.
    pub text: String,
    /// Its colour.
    pub rgb: [f32; 3],
}

/// The panel's content.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Panel {
    /// Lines, top to bottom.
    pub lines: Vec<Line>,
}

fn line(text: impl Into<String>, rgb: [f32; 3]) -> Line {
    Line { text: text.into(), rgb }
}

const HEADING: [f32; 3] = [1.0, 0.85, 0.35];

impl Panel {
    /// The panel for `core`'s state; `view` names the current camera.
    pub fn from_core(core: &mut ClientCore) -> Panel {
        let people = core.mirror.people();
        let name = |id: ParticipantId| {
            people.iter().find(|p| p.id == id).map_or_else(|| format!("#{}", id.0), |p| p.display_name.clone())
        };
        let drill = &core.mirror.drill;
        let mut lines = Vec::new();
        let secs = drill.state.elapsed_ms / 1000;
        let paused = if drill.state.paused { "  PAUSED" } else { "" };
        lines.push(line(format!("{}  {:02}:{:02}{paused}", drill.state.scenario, secs / 60, secs % 60), HEADING));
        if core.welcome.voice_recorded {
            lines.push(line("This session records voice", [1.0, 0.4, 0.3]));
        }
        lines.push(line("", TEXT));
        lines.push(line(format!("Participants ({})", people.len()), HEADING));
        for p in &people {
            let quality = drill.quality.iter().find(|q| q.participant == p.id);
            let link = quality.map_or_else(String::new, |q| {
                format!("{:>4} ms {:>4.1} %", q.rtt_ms, f32::from(q.loss_permille) / 10.0)
            });
            let muted = if drill.flags.get(&p.id).is_some_and(|f| f.muted) { " muted" } else { "" };
            let text =
                format!("{:<14} {:<3} {:<10} {link}{muted}", clip(&p.display_name, 14), p.administration, p.role);
            lines.push(line(text, scene::role_color(p.role)));
        }
        lines.push(line("", TEXT));
        lines.push(line(format!("Findings ({})", drill.findings.len()), HEADING));
        for f in drill.findings.values().rev().take(RECENT).rev() {
            let status = match f.status {
                FindingStatus::Open => "open",
                FindingStatus::Confirmed => "confirmed",
                FindingStatus::Rejected => "rejected",
            };
            let by = f.signers.first().map(|s| name(*s)).unwrap_or_default();
            lines.push(line(format!("#{} {:?} by {} ({status})", f.id, f.category, clip(&by, 12)), TEXT));
        }
        lines.push(line("", TEXT));
        lines.push(line("Readings", HEADING));
        for r in drill.readings.iter().rev().take(RECENT).rev() {
            let text = format!("{} {:?}: {}", clip(&name(r.by), 10), r.tool, scene::reading_text(&r.value));
            lines.push(line(clip(&text, 42), [0.6, 0.95, 1.0]));
        }
        if let Some(truth) = &drill.truth {
            lines.push(line("", TEXT));
            lines.push(line("Revealed", scene::TRUTH));
            for c in &truth.concealments {
                lines.push(line(clip(&format!("{}: {}", c.id, c.description), 42), scene::TRUTH));
            }
            if truth.concealments.is_empty() {
                lines.push(line("nothing was hidden", scene::TRUTH));
            }
        }
        Panel { lines }
    }

    /// The panel as boxes in pixel space (origin top left, y down), plus `footer` lines (the
    /// view and the keys) at the bottom, for a window of `size`.
    pub fn instances(&self, size: (u32, u32), footer: &[String]) -> Vec<Instance> {
        let mut out = Vec::with_capacity(4096);
        let (w, h) = (size.0 as f32, size.1 as f32);
        let width = WIDTH.min(w * 0.45);
        out.push(Instance::flat(
            Vec3::new(w - width / 2.0, h / 2.0, 0.0),
            Quat::IDENTITY,
            Vec3::new(width, h, 1.0),
            PLATE,
        ));
        let px = 1.0;
        let mut y = 10.0;
        for l in &self.lines {
            text(&l.text, Vec3::new(w - width + 10.0, y, 0.5), px, l.rgb, &mut out);
            y += 11.0;
        }
        let mut y = h - 12.0 * footer.len() as f32 - 6.0;
        for f in footer {
            text(f, Vec3::new(10.0, y, 0.5), px, TEXT, &mut out);
            y += 12.0;
        }
        out
    }
}

/// Pixel space for a window of `size`: x right, y down, larger z in front.
pub fn pixel_projection(size: (u32, u32)) -> Mat4 {
    Mat4::orthographic_rh(0.0, size.0 as f32, size.1 as f32, 0.0, -1.0, 1.0)
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_owned() } else { s.chars().take(n - 1).chain(['~']).collect() }
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
    use super::*;

    #[test]
    fn text_is_laid_out_in_pixels_and_long_names_are_clipped() {
        let panel = Panel { lines: vec![line("AB", TEXT)] };
        let boxes = panel.instances((800, 600), &["x".into()]);
        let plate = &boxes[0];
        assert_eq!(plate.color[..3], PLATE);
        assert!((plate.center().x - (800.0 - WIDTH / 2.0)).abs() < 1e-3, "the panel sits on the right");
        let glyphs: Vec<Vec3> = boxes[1..].iter().map(|b| b.center()).collect();
        assert!(glyphs.iter().filter(|p| p.x > 800.0 - WIDTH).count() > 10, "AB is written in the panel");
        assert!(glyphs.iter().any(|p| p.x < 30.0 && p.y > 570.0), "the footer at the bottom left");
        assert_eq!(clip("Khun Somchai Jaidee", 8), "Khun So~");
    }
}
