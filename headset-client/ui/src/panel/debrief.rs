//! The debrief in the side panel (desktop) and on the tablet (headset): the replay's clock and
//! its timeline of markers for everyone; for an instructor, opening a recorded drill and every
//! control of its clock (play, pause, speed, step, previous and next event, seek by clicking the
//! timeline, close).

use egui::{Color32, RichText, Sense, Ui, pos2, vec2};

use crossdock_client::view::{DebriefRow, Panel};
use crossdock_protocol::Role;
use crossdock_protocol::debrief::{DebriefCommand, MarkerGroup, MarkerKind, REAL_TIME, clock_text};
use crossdock_protocol::drill::Command;
use crossdock_protocol::phrase::ScenarioPhrase;

use super::{Ctx, PanelState};
use crate::wrap::paragraph;
use crate::{colours, text};

/// The speeds offered, in quarters of real time.
const SPEEDS: [u8; 6] = [1, 2, 4, 8, 16, 32];
/// Markers listed around the clock.
const LISTED: usize = 6;

/// A marker's colour on the timeline, by its group.
fn marker_colour(kind: MarkerKind) -> Color32 {
    match kind.group() {
        MarkerGroup::Finding => colours::ALERT,
        MarkerGroup::Judgement => colours::GOOD,
        MarkerGroup::Reading => Color32::from_rgb(90, 160, 230),
        MarkerGroup::Container => Color32::from_rgb(200, 170, 90),
        MarkerGroup::Instructor => Color32::from_rgb(240, 130, 40),
        MarkerGroup::Talk => Color32::from_rgb(150, 150, 150),
        MarkerGroup::Bookmark => Color32::from_rgb(230, 90, 200),
    }
}

fn send(cx: &mut Ctx<'_>, command: DebriefCommand) {
    cx.command(Command::Debrief(command));
}

/// The debrief section: the open debrief, or (for an instructor) how to open one.
pub(super) fn section(ui: &mut Ui, cx: &mut Ctx<'_>, panel: &Panel, state: &mut PanelState) {
    let w = cx.words;
    let instructor = panel.role == Role::Instructor;
    if let Some(problem) = &panel.debrief_problem {
        paragraph(ui, &w.with("debrief-problem", &[("problem", problem.clone().into())]), Some(colours::ALERT));
    }
    match &panel.debrief {
        Some(d) => open(ui, cx, d, instructor, &panel.phrases),
        None if instructor => {
            ui.horizontal_wrapped(|ui| {
                ui.label(w.get("debrief-drill"));
                let response = ui.add(egui::DragValue::new(&mut state.debrief_drill).range(0..=u32::MAX));
                cx.map.push(("debrief-drill".into(), response.rect));
                if state.debrief_drill == 0 {
                    ui.weak(w.get("debrief-latest"));
                }
                if cx.button(ui, "debrief-open".into(), w.get("debrief-open")) {
                    send(cx, DebriefCommand::Open { drill: state.debrief_drill });
                }
            });
        }
        None => {}
    }
}

fn open(ui: &mut Ui, cx: &mut Ctx<'_>, d: &DebriefRow, instructor: bool, phrases: &[ScenarioPhrase]) {
    let w = cx.words;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(w.with("debrief-of", &[("drill", d.drill.into())])).strong().color(colours::ATTENTION));
        let clock = format!("{} / {}", clock_text(d.at_ms), clock_text(d.length_ms));
        ui.label(RichText::new(clock).size(18.0).strong());
        ui.label(format!("{}×", f32::from(d.quarters) / f32::from(REAL_TIME)));
        if !d.playing {
            ui.weak(w.get("paused"));
        }
    });
    if let Some(at_ms) = timeline(ui, cx, d, instructor) {
        send(cx, DebriefCommand::Seek { at_ms });
    }
    if instructor {
        ui.horizontal_wrapped(|ui| {
            for (name, command) in [
                ("debrief-previous", DebriefCommand::Jump { forward: false }),
                ("debrief-back", DebriefCommand::Step { forward: false }),
            ] {
                if cx.button(ui, name.into(), w.get(name)) {
                    send(cx, command);
                }
            }
            let (key, command) = if d.playing {
                ("debrief-pause", DebriefCommand::Pause)
            } else {
                ("debrief-play", DebriefCommand::Play)
            };
            if cx.button(ui, "debrief-play".into(), w.get(key)) {
                send(cx, command);
            }
            for (name, command) in [
                ("debrief-forward", DebriefCommand::Step { forward: true }),
                ("debrief-next", DebriefCommand::Jump { forward: true }),
            ] {
                if cx.button(ui, name.into(), w.get(name)) {
                    send(cx, command);
                }
            }
            if cx.button(ui, "debrief-close".into(), w.get("debrief-close")) {
                send(cx, DebriefCommand::Close);
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(w.get("debrief-speed"));
            for quarters in SPEEDS {
                let label = format!("{}×", f32::from(quarters) / f32::from(REAL_TIME));
                let response = ui.selectable_label(d.quarters == quarters, label);
                cx.map.push((format!("debrief-speed:{quarters}"), response.rect));
                if response.clicked() {
                    send(cx, DebriefCommand::Speed { quarters });
                }
            }
        });
    }
    // The markers around the clock: the last few before it and the next ones.
    let next = d.markers.partition_point(|(m, _)| m.at_ms <= d.at_ms);
    let from = next.saturating_sub(LISTED / 2);
    for (i, (m, who)) in d.markers.iter().enumerate().skip(from).take(LISTED) {
        ui.horizontal_wrapped(|ui| {
            let colour = marker_colour(m.kind);
            let (swatch, _) = ui.allocate_exact_size(vec2(8.0, 14.0), Sense::hover());
            ui.painter().rect_filled(swatch, 2.0, colour);
            let when = RichText::new(clock_text(m.at_ms)).monospace();
            let when = if i < next { when } else { when.weak() };
            let response = ui.selectable_label(false, when);
            cx.map.push((format!("marker:{i}"), response.rect));
            if instructor && response.clicked() {
                send(cx, DebriefCommand::Seek { at_ms: m.at_ms });
            }
            if let Some(who) = who {
                ui.label(RichText::new(who).strong());
            }
            ui.label(text::marker(w, m.kind));
            if !m.label.is_empty() {
                // Participant text (content, seal numbers, notes): shown as text, never
                // interpreted; a said phrase in the reader's language.
                ui.weak(text::marker_label(w, m, phrases));
            }
        });
    }
}

/// The timeline: the drill's length as a bar, one tick per marker in its kind's colour, the
/// clock as a cursor. Returns where an instructor clicked.
fn timeline(ui: &mut Ui, cx: &mut Ctx<'_>, d: &DebriefRow, instructor: bool) -> Option<u32> {
    let width = ui.available_width().max(120.0);
    let sense = if instructor { Sense::click_and_drag() } else { Sense::hover() };
    let (rect, response) = ui.allocate_exact_size(vec2(width, 30.0), sense);
    cx.map.push(("debrief-timeline".into(), rect));
    let painter = ui.painter_at(rect);
    let bar = egui::Rect::from_min_max(pos2(rect.left(), rect.top() + 8.0), pos2(rect.right(), rect.bottom() - 8.0));
    painter.rect_filled(bar, 3.0, ui.visuals().extreme_bg_color);
    let length = d.length_ms.max(1) as f32;
    let x = |ms: u32| rect.left() + rect.width() * (ms as f32 / length).clamp(0.0, 1.0);
    painter.rect_filled(
        egui::Rect::from_min_max(bar.min, pos2(x(d.at_ms), bar.bottom())),
        3.0,
        colours::ATTENTION.gamma_multiply(0.35),
    );
    for (m, _) in &d.markers {
        let stroke = egui::Stroke::new(2.0, marker_colour(m.kind));
        painter.line_segment([pos2(x(m.at_ms), rect.top() + 2.0), pos2(x(m.at_ms), rect.bottom() - 2.0)], stroke);
    }
    let cursor = x(d.at_ms);
    painter
        .line_segment([pos2(cursor, rect.top()), pos2(cursor, rect.bottom())], egui::Stroke::new(3.0, Color32::WHITE));
    if !instructor || !(response.clicked() || response.drag_stopped()) {
        return None;
    }
    let at = response.interact_pointer_pos()?;
    Some((((at.x - rect.left()) / rect.width()).clamp(0.0, 1.0) * length) as u32)
}
