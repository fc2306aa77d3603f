//! Phrases that cross languages, in the panel (and so on the headset's tablet): the last
//! phrases said, each in the reader's language under the speaker's name in their colour, and
//! for those who may speak the phrase picker: the phrasebook by group, the tools and the
//! findings by name, and the scenario's own phrases. A pick is sent as `Intent::Say`; the
//! window adds where its user looks.

use egui::{RichText, Ui};

use crossdock_client::view::Panel;
use crossdock_protocol::Intent;
use crossdock_protocol::drill::{Category, Tool};
use crossdock_protocol::phrase::{Group, PHRASEBOOK, Phrase};

use super::{Action, Ctx, PanelState};
use crate::plates::person_colour;
use crate::text;

/// How many said phrases the panel lists.
const LISTED: usize = 5;

/// The phrases section.
pub(super) fn section(ui: &mut Ui, cx: &mut Ctx<'_>, panel: &Panel, state: &mut PanelState) {
    let w = cx.words;
    ui.strong(w.get("phrases-heading"));
    if panel.said.is_empty() {
        ui.weak(w.get("phrases-none"));
    }
    for said in panel.said.iter().rev().take(LISTED).rev() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&said.name).color(person_colour(said.by)).strong());
            ui.label(text::phrase(w, &said.phrase, said.own.as_ref()));
        });
    }
    if !panel.may_say {
        return;
    }
    let picker =
        egui::CollapsingHeader::new(w.get("phrases-say")).id_salt("phrases-say").open(state.open_phrases.take());
    let shown = picker.show(ui, |ui| {
        for group in Group::ALL {
            ui.label(RichText::new(w.get(group.key())).weak());
            ui.horizontal_wrapped(|ui| {
                for (id, _) in PHRASEBOOK.iter().filter(|(_, g)| *g == group) {
                    say(ui, cx, Phrase::Book((*id).to_owned()), panel);
                }
            });
        }
        egui::CollapsingHeader::new(w.get("phrases-tools")).id_salt("phrases-tools").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for tool in Tool::ALL {
                    say(ui, cx, Phrase::Tool(tool), panel);
                }
            });
        });
        egui::CollapsingHeader::new(w.get("phrases-findings")).id_salt("phrases-findings").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for category in Category::ALL {
                    say(ui, cx, Phrase::Category(category), panel);
                }
            });
        });
        if !panel.phrases.is_empty() {
            ui.label(RichText::new(w.get("phrases-scenario")).weak());
            ui.horizontal_wrapped(|ui| {
                for own in &panel.phrases {
                    say(ui, cx, Phrase::Scenario(own.id.clone()), panel);
                }
            });
        }
    });
    cx.map.push(("phrases-say".into(), shown.header_response.rect));
}

/// One phrase's button, named `say:ID` in the UI map.
fn say(ui: &mut Ui, cx: &mut Ctx<'_>, phrase: Phrase, panel: &Panel) {
    let words = text::phrase(cx.words, &phrase, phrase.own(&panel.phrases));
    if cx.button(ui, format!("say:{}", phrase.id()), words) {
        cx.actions.push(Action::Send(Intent::Say { phrase, at: None }));
    }
}
