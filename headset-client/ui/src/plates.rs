//! Text in the 3D scene, drawn by egui over the rendered frame: name plates over every
//! participant (name in their script, administration and role, their colour, a light while
//! they speak), and tags where things are (the seal's number, cargo labels, readings where they
//! were taken, findings, the revealed truth). Each tag is projected to the screen, so it always
//! faces the camera and keeps a readable size, and no two overlap: nearer tags take their place
//! first and farther ones stack above them.

use egui::{Color32, CornerRadius, FontId, Painter, Pos2, Rect, Stroke, Vec2, pos2, vec2};
use glam::{Mat4, Vec3};

use crossdock_client::view::{SceneInput, participant_colour};
use crossdock_protocol::Role;
use crossdock_protocol::drill::ReadingValue;

use crate::i18n::Words;
use crate::{colours, text};

/// What a tag marks, which sets its look.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A participant; `speaking` lights a dot.
    Person {
        /// Their voice is heard now.
        speaking: bool,
    },
    /// A thing in the container: seal, cargo, reading, finding.
    Thing,
    /// The revealed truth, or a notice everyone must see.
    Warning,
    /// A phrase someone said, over them or at the place it is about.
    Said,
    /// A live caption under its speaker's name plate.
    Caption,
}

/// A tag: lines of text anchored at a point in the room.
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    /// Where, in the room frame (the tag sits just above it).
    pub at: Vec3,
    /// The first line (bigger) and the rest.
    pub lines: Vec<(String, Color32)>,
    /// The stripe down its left side.
    pub accent: Color32,
    /// What it marks.
    pub kind: Kind,
}

/// A role's colour.
pub fn role_colour(role: Role) -> Color32 {
    match role {
        Role::Instructor => Color32::from_rgb(255, 170, 60),
        Role::Trainee => Color32::from_rgb(120, 220, 130),
        Role::Observer => Color32::from_rgb(180, 180, 190),
    }
}

/// A participant's colour as egui's.
pub fn person_colour(id: crossdock_protocol::ParticipantId) -> Color32 {
    let [r, g, b] = participant_colour(id);
    Color32::from_rgb(r, g, b)
}

/// How close a cargo label must be to be shown, metres.
const LABEL_RANGE_M: f32 = 2.5;
/// How many of the nearest cargo labels are shown.
const NEAREST_LABELS: usize = 3;

/// Pixels per point for text in a view `width` pixels across a field of view of
/// `fov_radians`: a 20-point name plate's first line then subtends about 1.2°, whatever the
/// display (a headset's eye image, or a test's small one).
pub fn pixels_per_point_for(width: u32, fov_radians: f32) -> f32 {
    let pixels_per_degree = width as f32 / fov_radians.to_degrees().max(1.0);
    (pixels_per_degree * 1.2 / 20.0).clamp(0.3, 4.0)
}

const THING: Color32 = Color32::from_rgb(150, 230, 255);
/// A said phrase's bubble: deep blue, apart from every name plate and label.
const SAID_FILL: Color32 = Color32::from_rgba_premultiplied(22, 52, 104, 225);
/// A caption's box: near black, as broadcast subtitles are.
const CAPTION_FILL: Color32 = Color32::from_rgba_premultiplied(8, 8, 10, 235);
/// Characters a caption line holds before it wraps (a CJK character counts as two).
const CAPTION_WIDTH: f32 = 44.0;
/// Lines of a caption shown: the newest words.
const CAPTION_LINES: usize = 3;

/// A caption's lines as shown: wrapped where its script may break, the newest few.
pub fn caption_lines(text: &str) -> Vec<String> {
    let width = |s: &str| {
        s.chars()
            .map(|c| if c as u32 >= 0x1100 && !matches!(c as u32, 0x0E00..=0x0E7F) { 2.0 } else { 1.0 })
            .sum::<f32>()
    };
    let lines = crate::wrap::wrap(text, CAPTION_WIDTH, width);
    let skip = lines.len().saturating_sub(CAPTION_LINES);
    lines.into_iter().skip(skip).collect()
}

/// The tags of `scene`: everyone but the viewer, then the things worth a word.
pub fn tags(scene: &SceneInput, words: &Words) -> Vec<Tag> {
    let mut out = Vec::new();
    for avatar in scene.avatars.iter().filter(|a| !a.me) {
        let mut detail = text::person_detail(words, &avatar.administration, avatar.role);
        if avatar.ghost {
            detail = words.with("ghost-detail", &[("detail", detail.into())]);
        }
        out.push(Tag {
            at: avatar.frame.head.position + Vec3::Y * 0.22,
            lines: vec![(avatar.name.clone(), Color32::WHITE), (detail, role_colour(avatar.role))],
            accent: person_colour(avatar.id),
            kind: Kind::Person { speaking: avatar.speaking },
        });
    }
    if let Some((seal, number)) = scene.seal.zip(scene.seal_number.as_ref()) {
        let line = words.with("tag-seal", &[("number", number.clone().into())]);
        out.push(thing(seal + Vec3::Y * 0.12, vec![line]));
    }
    // Cargo markings are read up close (the nearest few) or when the instructor highlights the
    // item; from the doorway a dozen labels would hide the container.
    let mut near: Vec<(f32, &crossdock_client::view::SceneItem)> = scene
        .items
        .iter()
        .filter(|i| !i.label.is_empty())
        .map(|i| (i.pose.position.distance(scene.viewer), i))
        .filter(|(d, i)| *d < LABEL_RANGE_M || i.highlighted)
        .collect();
    near.sort_by(|a, b| a.0.total_cmp(&b.0));
    let shown = near.iter().enumerate().filter(|(n, (_, i))| *n < NEAREST_LABELS || i.highlighted);
    for (_, (_, item)) in shown {
        let top = item.pose.position + Vec3::Y * (item.size.y / 2.0 + 0.05);
        out.push(Tag { lines: vec![(item.label.clone(), Color32::from_gray(230))], ..thing(top, vec![]) });
    }
    // Reviewing the documents happens anywhere: that reading has no place worth a tag.
    for (at, tool, value) in scene.readings.iter().filter(|(_, _, v)| *v != ReadingValue::Documents) {
        out.push(thing(*at + Vec3::Y * 0.15, vec![text::reading(words, *tool, value)]));
    }
    for (id, at, status) in &scene.findings {
        let line = words.with("tag-finding", &[("id", (*id).into()), ("status", text::status(words, *status).into())]);
        out.push(thing(*at + Vec3::Y * 0.1, vec![line]));
    }
    for (at, description) in &scene.truth {
        out.push(Tag {
            at: *at + Vec3::Y * 0.4,
            lines: vec![(description.clone(), colours::ALERT)],
            accent: colours::ALERT,
            kind: Kind::Warning,
        });
    }
    // Phrases said, in the reader's language: over the speaker, above their name plate, and
    // at the place they are about, naming the speaker.
    for said in &scene.said {
        let line = text::phrase(words, &said.phrase, said.own.as_ref());
        let accent = person_colour(said.by);
        if let Some(head) = said.over {
            out.push(Tag {
                at: head + Vec3::Y * 0.5,
                lines: vec![(line.clone(), Color32::WHITE)],
                accent,
                kind: Kind::Said,
            });
        }
        if let Some(at) = said.at {
            let mut lines = vec![(line, Color32::WHITE)];
            if let Some(who) = scene.avatars.iter().find(|a| a.id == said.by) {
                lines.push((who.name.clone(), accent));
            }
            out.push(Tag { at: at + Vec3::Y * 0.1, lines, accent, kind: Kind::Said });
        }
    }
    // Live captions, under the speaker's name plate (a partial in grey until it is final).
    for caption in &scene.captions {
        let Some(head) = caption.over else { continue };
        let colour = if caption.last { Color32::WHITE } else { Color32::from_gray(200) };
        let lines = caption_lines(&caption.text).into_iter().map(|l| (l, colour)).collect();
        out.push(Tag { at: head - Vec3::Y * 0.3, lines, accent: person_colour(caption.by), kind: Kind::Caption });
    }
    if scene.voice_recorded && scene.container_mm[0] > 0 {
        let [l, h, _] = scene.container_mm.map(|v| v as f32 / 1000.0);
        out.push(Tag {
            at: Vec3::new(l / 2.0, h + 0.4, 0.0),
            lines: vec![(words.get("voice-recorded"), colours::ALERT)],
            accent: colours::ALERT,
            kind: Kind::Warning,
        });
    }
    out
}

fn thing(at: Vec3, lines: Vec<String>) -> Tag {
    Tag { at, lines: lines.into_iter().map(|l| (l, THING)).collect(), accent: THING, kind: Kind::Thing }
}

/// Where `at` lands in `viewport` (points) through `view_proj`, and how far it is; `None`
/// behind the camera or off screen.
pub fn project(view_proj: Mat4, at: Vec3, viewport: Rect, eye: Vec3) -> Option<(Pos2, f32)> {
    let clip = view_proj * at.extend(1.0);
    if clip.w <= 0.05 {
        return None;
    }
    let ndc = clip.truncate() / clip.w;
    if ndc.x.abs() > 1.1 || ndc.y.abs() > 1.1 {
        return None;
    }
    let x = viewport.left() + (ndc.x + 1.0) / 2.0 * viewport.width();
    let y = viewport.top() + (1.0 - ndc.y) / 2.0 * viewport.height();
    Some((pos2(x, y), at.distance(eye)))
}

/// Text size for a tag `distance` metres away: big near, never below readable.
pub fn size_at(distance: f32) -> f32 {
    (22.0 - 2.0 * distance).clamp(12.0, 20.0)
}

/// Moves `rects` (nearest first) so that none overlaps another: each keeps its place if it is
/// free, else rises above whatever it would cover. Returns them in the same order.
pub fn separate(rects: &[Rect], gap: f32) -> Vec<Rect> {
    let mut placed: Vec<Rect> = Vec::with_capacity(rects.len());
    for rect in rects {
        let mut r = *rect;
        // Each step clears one placed rect; a tag can rise past all of them at most once each.
        for _ in 0..=placed.len() {
            match placed
                .iter()
                .filter(|p| p.expand(gap / 2.0).intersects(r.expand(gap / 2.0)))
                .map(|p| p.top())
                .reduce(f32::min)
            {
                Some(top) => r = r.translate(vec2(0.0, top - gap - r.bottom())),
                None => break,
            }
        }
        placed.push(r);
    }
    placed
}

/// A tag laid out on screen.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Which of the tags.
    pub tag: usize,
    /// Where it is drawn (moved up, if it had to, to clear nearer ones), in points.
    pub rect: Rect,
    /// Where it wanted to be, over its anchor.
    wanted: Rect,
    galleys: Vec<std::sync::Arc<egui::Galley>>,
}

const PAD: Vec2 = vec2(6.0, 3.0);

/// Lays `tags` out over `viewport` as seen through `view_proj` from `eye`: projected, sized by
/// distance, nearest first, none overlapping. Tags behind the camera or off screen are left out.
pub fn layout(painter: &Painter, view_proj: Mat4, viewport: Rect, eye: Vec3, tags: &[Tag]) -> Vec<Placed> {
    let mut laid: Vec<(f32, Placed)> = Vec::new();
    for (i, tag) in tags.iter().enumerate() {
        let Some((anchor, distance)) = project(view_proj, tag.at, viewport, eye) else { continue };
        let size = size_at(distance);
        let galleys: Vec<_> = tag
            .lines
            .iter()
            .enumerate()
            .map(|(n, (text, colour))| {
                let font = FontId::proportional(if n == 0 { size } else { size * 0.75 });
                painter.layout_no_wrap(text.clone(), font, *colour)
            })
            .collect();
        let width = galleys.iter().map(|g| g.size().x).fold(0.0, f32::max) + 2.0 * PAD.x + 4.0;
        let height = galleys.iter().map(|g| g.size().y).sum::<f32>() + 2.0 * PAD.y;
        let rect = Rect::from_min_size(pos2(anchor.x - width / 2.0, anchor.y - height), vec2(width, height));
        laid.push((distance, Placed { tag: i, rect, wanted: rect, galleys }));
    }
    laid.sort_by(|a, b| a.0.total_cmp(&b.0));
    let rects = separate(&laid.iter().map(|(_, l)| l.rect).collect::<Vec<_>>(), 3.0);
    laid.into_iter().zip(rects).map(|((_, l), rect)| Placed { rect, ..l }).collect()
}

/// Draws `tags` over `viewport` as seen through `view_proj` from `eye`; returns where.
pub fn paint(painter: &Painter, view_proj: Mat4, viewport: Rect, eye: Vec3, tags: &[Tag]) -> Vec<Placed> {
    let placed = layout(painter, view_proj, viewport, eye, tags);
    // Far ones first, so the near ones are drawn over them.
    for l in placed.iter().rev() {
        let (tag, rect) = (&tags[l.tag], l.rect);
        let fill = match tag.kind {
            Kind::Said => SAID_FILL,
            Kind::Caption => CAPTION_FILL,
            _ => Color32::from_black_alpha(170),
        };
        painter.rect(rect, CornerRadius::same(4), fill, Stroke::NONE, egui::StrokeKind::Inside);
        let stripe = Rect::from_min_size(rect.min, vec2(4.0, rect.height()));
        painter.rect_filled(stripe, CornerRadius { nw: 4, sw: 4, ne: 0, se: 0 }, tag.accent);
        let mut y = rect.top() + PAD.y;
        for galley in &l.galleys {
            painter.galley(pos2(rect.left() + PAD.x + 4.0, y), galley.clone(), Color32::WHITE);
            y += galley.size().y;
        }
        if let Kind::Person { speaking: true } = tag.kind {
            painter.circle_filled(rect.right_top() + vec2(-5.0, 5.0), 3.5, Color32::from_rgb(90, 255, 120));
        }
        if rect.bottom() < l.wanted.bottom() - 1.0 {
            // Moved up to stay clear of another: a thin line back to what it names.
            painter.line_segment(
                [pos2(rect.center().x, rect.bottom()), l.wanted.center_bottom()],
                Stroke::new(1.0, tag.accent),
            );
        }
    }
    placed
}

/// One egui pass that paints only `tags` over a view of `size` pixels: for views without a
/// window (each eye of a headset, offscreen checks). Paint the output with the view's overlay;
/// where each tag went comes with it.
pub fn tags_pass(
    ctx: &egui::Context,
    size: (u32, u32),
    pixels_per_point: f32,
    view_proj: Mat4,
    eye: Vec3,
    tags: &[Tag],
) -> (egui::FullOutput, Vec<Placed>) {
    tags_pass_with(ctx, size, pixels_per_point, view_proj, eye, tags, |_| {})
}

/// [`tags_pass`], then `over` paints over the tags (the phrase wheel).
pub fn tags_pass_with(
    ctx: &egui::Context,
    size: (u32, u32),
    pixels_per_point: f32,
    view_proj: Mat4,
    eye: Vec3,
    tags: &[Tag],
    mut over: impl FnMut(&Painter),
) -> (egui::FullOutput, Vec<Placed>) {
    let screen = Rect::from_min_size(Pos2::ZERO, vec2(size.0 as f32, size.1 as f32) / pixels_per_point);
    let mut raw = egui::RawInput { screen_rect: Some(screen), ..Default::default() };
    raw.viewports.entry(egui::ViewportId::ROOT).or_default().native_pixels_per_point = Some(pixels_per_point);
    let mut placed = Vec::new();
    let output = ctx.run_ui(raw, |ui| {
        let painter = ui.ctx().layer_painter(egui::LayerId::background());
        placed = paint(&painter, view_proj, screen, eye, tags);
        over(&painter);
    });
    (output, placed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_that_would_overlap_stack_instead() {
        let a = Rect::from_min_size(pos2(100.0, 100.0), vec2(120.0, 40.0));
        let b = a.translate(vec2(30.0, 10.0));
        let c = a.translate(vec2(-20.0, 5.0));
        let far = Rect::from_min_size(pos2(600.0, 100.0), vec2(80.0, 40.0));
        let out = separate(&[a, b, c, far], 2.0);
        assert_eq!(out[0], a, "the nearest keeps its place");
        assert_eq!(out[3], far, "a tag with room keeps its place");
        for i in 0..out.len() {
            for j in i + 1..out.len() {
                assert!(!out[i].intersects(out[j]), "{i} and {j} overlap: {:?} {:?}", out[i], out[j]);
            }
        }
        assert!(out[1].bottom() <= a.top() && out[2].bottom() <= out[1].top(), "stacked upwards: {out:?}");
    }

    #[test]
    fn a_point_ahead_lands_in_the_viewport_and_one_behind_does_not() {
        let view_proj = Mat4::perspective_rh(1.2, 16.0 / 9.0, 0.05, 100.0);
        let viewport = Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 900.0));
        let (at, distance) = project(view_proj, Vec3::new(0.0, 0.0, -4.0), viewport, Vec3::ZERO).expect("ahead");
        assert!((at.x - 800.0).abs() < 1.0 && (at.y - 450.0).abs() < 1.0, "{at:?}");
        assert!((distance - 4.0).abs() < 1e-4);
        assert_eq!(project(view_proj, Vec3::new(0.0, 0.0, 4.0), viewport, Vec3::ZERO), None);
        assert!(size_at(0.5) > size_at(6.0) && size_at(50.0) >= 12.0);
    }
}
