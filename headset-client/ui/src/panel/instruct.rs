//! The instructor's controls in the side panel: the drill (pause, reset, reveal, end, highlight,
//! point, bookmark, the scenario and its seed), each participant (mute, freeze, summon, bring here,
//! give the lead, make an interpreter, remove), the class as a whole, and the tools locked for trainees. Only drawn for an
//! instructor; each control is named in the UI map.

use egui::{RichText, Ui};

use crossdock_client::view::{Panel, PersonRow};
use crossdock_protocol::Role;
use crossdock_protocol::drill::{Command, Target, Tool};

use super::{Action, Ctx, PanelState};
use crate::{colours, text};

pub(super) fn drill(ui: &mut Ui, cx: &mut Ctx<'_>, panel: &Panel, state: &mut PanelState) {
    let w = cx.words;
    ui.horizontal_wrapped(|ui| {
        let (key, command) = if panel.clock.paused { ("resume", Command::Resume) } else { ("pause", Command::Pause) };
        if cx.button(ui, "pause".into(), format!("{} (P)", w.get(key))) {
            cx.command(command);
        }
        if cx.button(ui, "reset".into(), format!("{} (F5)", w.get("reset"))) {
            cx.command(Command::Reset);
        }
        if !panel.revealed && cx.button(ui, "reveal".into(), format!("{} (R)", w.get("reveal"))) {
            cx.command(Command::RevealTruth);
        }
        if cx.button(ui, "end-drill".into(), format!("{} (F8)", w.get("end-drill"))) {
            cx.command(Command::EndDrill);
        }
        if cx.button(ui, "highlight".into(), format!("{} (H)", w.get("highlight"))) {
            cx.actions.push(Action::HighlightAimed);
        }
        if cx.button(ui, "point".into(), format!("{} (K)", w.get("point"))) {
            cx.actions.push(Action::PointAhead);
        }
    });
    // A bookmark for the debrief, with a note where there is a keyboard.
    ui.horizontal(|ui| {
        if !state.headset {
            let note = egui::TextEdit::singleline(&mut state.bookmark_note)
                .hint_text(w.get("bookmark-note"))
                .char_limit(crossdock_protocol::drill::MAX_NOTE)
                .desired_width(ui.available_width() * 0.6);
            let response = ui.add(note);
            cx.map.push(("bookmark-note".into(), response.rect));
        }
        if cx.button(ui, "bookmark".into(), format!("{} (F9)", w.get("bookmark"))) {
            let note = std::mem::take(&mut state.bookmark_note).chars().filter(|c| !c.is_control()).collect();
            cx.command(Command::Bookmark { note });
        }
    });
    // On a tablet the class comes first; the scenario list opens on demand.
    let open = !state.headset;
    egui::CollapsingHeader::new(w.get("scenario")).id_salt("scenario").default_open(open).show(ui, |ui| {
        for name in &panel.library {
            let picked = state.scenario.as_deref().unwrap_or(&panel.scenario) == name;
            let response = ui.selectable_label(picked, name.as_str());
            cx.map.push((format!("scenario:{name}"), response.rect));
            if response.clicked() {
                state.scenario = Some(name.clone());
            }
        }
        ui.horizontal(|ui| {
            if let Some(name) = state.scenario.clone().filter(|n| *n != panel.scenario)
                && cx.button(ui, "switch-scenario".into(), w.get("switch-scenario"))
            {
                cx.command(Command::SwitchScenario { name });
                state.scenario = None;
            }
        });
        ui.horizontal(|ui| {
            let seed = state.seed.get_or_insert(panel.seed.wrapping_add(1));
            ui.label(w.get("seed"));
            ui.add(egui::DragValue::new(seed).speed(1.0));
            let seed = *seed;
            if cx.button(ui, "rerandomise".into(), w.get("rerandomise")) {
                cx.command(Command::Rerandomise { seed });
                state.seed = None;
            }
        });
    });
}

pub(super) fn person(ui: &mut Ui, cx: &mut Ctx<'_>, person: &PersonRow, state: &mut PanelState) {
    let w = cx.words;
    let id = person.id;
    let who = Target::One(id);
    ui.indent(("controls", id.0), |ui| {
        ui.horizontal_wrapped(|ui| {
            let mute = if person.muted { "unmute" } else { "mute" };
            if cx.button(ui, format!("mute:{}", id.0), w.get(mute)) {
                cx.command(Command::Mute { who, muted: !person.muted });
            }
            let freeze = if person.frozen { "unfreeze" } else { "freeze" };
            if cx.button(ui, format!("freeze:{}", id.0), w.get(freeze)) {
                cx.command(Command::Freeze { who, frozen: !person.frozen });
            }
            if cx.button(ui, format!("summon:{}", id.0), w.get("summon")) {
                cx.command(Command::Summon { who });
            }
            if cx.button(ui, format!("teleport:{}", id.0), w.get("teleport-here")) {
                cx.actions.push(Action::TeleportHere(who));
            }
            if person.role == Role::Trainee
                && !person.lead
                && cx.button(ui, format!("lead:{}", id.0), w.get("give-lead"))
            {
                cx.command(Command::GiveLead { who: id });
            }
            let confirming = state.confirm_remove == Some(id);
            let label = if confirming { w.get("remove-confirm") } else { w.get("remove") };
            if cx.button(ui, format!("remove:{}", id.0), RichText::new(label).color(colours::ALERT)) {
                if confirming {
                    cx.command(Command::Remove { who: id });
                    state.confirm_remove = None;
                    state.selected = None;
                } else {
                    state.confirm_remove = Some(id);
                }
            }
        });
        // An interpreter's voice goes only to those listening to their language.
        ui.horizontal_wrapped(|ui| {
            ui.label(w.get("interpreter-into"));
            let none = ui.selectable_label(person.interprets.is_none(), "—");
            cx.map.push((format!("interpret:{}:none", id.0), none.rect));
            if none.clicked() && person.interprets.is_some() {
                cx.command(Command::Interpret { who: id, language: None });
            }
            for (language, _) in &crate::i18n::LANGUAGES {
                let on = person.interprets.as_deref() == Some(*language);
                let response = ui.selectable_label(on, crate::i18n::endonym(language));
                cx.map.push((format!("interpret:{}:{language}", id.0), response.rect));
                if response.clicked() && !on {
                    cx.command(Command::Interpret { who: id, language: Some((*language).to_owned()) });
                }
            }
        });
    });
}

pub(super) fn class(ui: &mut Ui, cx: &mut Ctx<'_>, panel: &Panel) {
    let w = cx.words;
    let all = Target::AllTrainees;
    ui.horizontal_wrapped(|ui| {
        if cx.button(ui, "mute-all".into(), w.get("mute-all")) {
            cx.command(Command::Mute { who: all, muted: true });
        }
        if cx.button(ui, "unmute-all".into(), w.get("unmute-all")) {
            cx.command(Command::Mute { who: all, muted: false });
        }
        if cx.button(ui, "freeze-all".into(), format!("{} (Z)", w.get("freeze-all"))) {
            cx.command(Command::Freeze { who: all, frozen: true });
        }
        if cx.button(ui, "unfreeze-all".into(), w.get("unfreeze-all")) {
            cx.command(Command::Freeze { who: all, frozen: false });
        }
        if cx.button(ui, "summon-all".into(), format!("{} (U)", w.get("summon-all"))) {
            cx.command(Command::Summon { who: all });
        }
        if cx.button(ui, "teleport-all".into(), w.get("teleport-all-here")) {
            cx.actions.push(Action::TeleportHere(all));
        }
    });
    let mut locked = panel.self_unmute_locked;
    let response = ui.checkbox(&mut locked, w.get("lock-self-unmute"));
    cx.map.push(("lock-self-unmute".into(), response.rect));
    if response.changed() {
        cx.command(Command::LockSelfUnmute { locked });
    }
    let mut open = panel.observers_open;
    let response = ui.checkbox(&mut open, w.get("admit-observers"));
    cx.map.push(("admit-observers".into(), response.rect));
    if response.changed() {
        cx.command(Command::AdmitObservers { open });
    }
}

pub(super) fn tools(ui: &mut Ui, cx: &mut Ctx<'_>, panel: &Panel) {
    let w = cx.words;
    egui::CollapsingHeader::new(w.get("locked-tools")).id_salt("tools").show(ui, |ui| {
        egui::Grid::new("tools-grid").num_columns(2).show(ui, |ui| {
            for (i, tool) in Tool::ALL.into_iter().enumerate() {
                let mut locked = panel.locked_tools.contains(&tool);
                let response = ui.checkbox(&mut locked, text::tool(w, tool));
                cx.map.push((format!("lock-tool:{}", crate::i18n::kebab(&format!("{tool:?}"))), response.rect));
                if response.changed() {
                    cx.command(Command::LockTool { tool, locked });
                }
                if i % 2 == 1 {
                    ui.end_row();
                }
            }
        });
    });
}
