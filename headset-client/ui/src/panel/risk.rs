//! The risk-assessment stage in the panel (and so on the headset's tablet): several
//! containers' papers before any door opens. A trainee ticks the signs they see and chooses
//! which container to examine (`Intent::Choose`), once; the instructor sees how many have chosen
//! and may close the stage early. Which choice was right is the truth: the report tells it.

use egui::{RichText, Ui};

use crossdock_client::view::Panel;
use crossdock_protocol::drill::{Command, RiskSign};
use crossdock_protocol::{Intent, Role};

use super::{Action, Ctx, PanelState};
use crate::colours;
use crate::wrap::paragraph;

/// The stage's section; nothing when the scenario has none.
pub(super) fn section(ui: &mut Ui, cx: &mut Ctx<'_>, panel: &Panel, state: &mut PanelState) {
    let Some(risk) = &panel.risk else { return };
    let w = cx.words;
    let choosing = risk.open && panel.role == Role::Trainee && !risk.chosen;
    let shown =
        egui::CollapsingHeader::new(w.get("risk-heading")).id_salt("risk").default_open(risk.open).show(ui, |ui| {
            let (chosen, trainees) = risk.progress;
            let line = match (risk.open, panel.role) {
                (false, _) => w.get("risk-closed"),
                (true, Role::Trainee) if risk.chosen => w.get("risk-wait"),
                (true, Role::Trainee) => w.get("risk-help"),
                (true, _) => w.with("risk-progress", &[("chosen", chosen.into()), ("trainees", trainees.into())]),
            };
            paragraph(ui, &line, Some(if choosing { colours::ATTENTION } else { ui.visuals().text_color() }));
            if let Some((candidate, signs)) = &risk.mine {
                let signs: Vec<String> = signs.iter().map(|s| w.get(&format!("sign-{}", s.id()))).collect();
                let why = if signs.is_empty() { w.get("risk-no-reasons") } else { signs.join(", ") };
                let number = usize::from(*candidate) + 1;
                paragraph(ui, &w.with("risk-you-chose", &[("number", number.into()), ("why", why.into())]), None);
            }
            if choosing {
                ui.label(RichText::new(w.get("risk-reasons")).strong());
                ui.horizontal_wrapped(|ui| {
                    for sign in RiskSign::ALL {
                        let mut on = state.risk_signs.contains(&sign);
                        let response = ui.checkbox(&mut on, w.get(&format!("sign-{}", sign.id())));
                        cx.map.push((format!("sign:{}", sign.id()), response.rect));
                        if on {
                            // Ticked: the window's UI map says so (tests wait on it).
                            cx.map.push((format!("ticked:{}", sign.id()), response.rect));
                        }
                        if response.changed() {
                            state.risk_signs.retain(|s| *s != sign);
                            if on {
                                state.risk_signs.push(sign);
                            }
                        }
                    }
                });
            }
            for (i, candidate) in risk.candidates.iter().enumerate() {
                ui.separator();
                let mut title = w.with(
                    "risk-candidate",
                    &[("number", (i + 1).into()), ("container", candidate.container_number.clone().into())],
                );
                if risk.here == Some(i) {
                    title = format!("{title} · {}", w.get("risk-here"));
                }
                ui.label(RichText::new(title).strong());
                super::papers(ui, w, &candidate.documents, None, &format!("risk-{i}"));
                if choosing && cx.button(ui, format!("choose:{}", i + 1), w.get("risk-choose")) {
                    let mut signs = state.risk_signs.clone();
                    signs.sort();
                    cx.actions.push(Action::Send(Intent::Choose { candidate: i as u8, signs }));
                }
            }
            if panel.role == Role::Instructor && risk.open && cx.button(ui, "risk-close".into(), w.get("risk-close")) {
                cx.command(Command::CloseRiskStage);
            }
        });
    cx.map.push(("risk".into(), shown.header_response.rect));
}
