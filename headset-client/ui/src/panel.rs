//! The side panel: the drill and its clock, the class, findings, documents, readings and the
//! truth, and for an instructor every command the protocol offers, one click away. It draws
//! [`crossdock_client::view::Panel`] and returns what the user asked for as [`Action`]s; the
//! front end sends them. Observers see the same lists and no control that changes the drill.

use web_time::Instant;

use egui::{Color32, RichText, Ui};

use crossdock_client::view::{Notice, Panel, PersonRow};
use crossdock_protocol::drill::{Command, Documents, FindingStatus, Target};
use crossdock_protocol::{Intent, ParticipantId, Role};

use crate::i18n::Words;
use crate::plates::{person_colour, role_colour};
use crate::wrap::paragraph;
use crate::{colours, i18n, text};

mod debrief;
mod instruct;
mod phrases;
mod risk;

/// What the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Send this to the server.
    Send(Intent),
    /// Follow this participant with the camera.
    Follow(ParticipantId),
    /// The free camera (a participant's own eyes).
    FreeView,
    /// Look down on the container.
    Overview,
    /// Switch a follow camera between first person and over the shoulder.
    ToggleFirstPerson,
    /// Move these trainees to where the instructor stands.
    TeleportHere(Target),
    /// The instructor's voice to everyone, or not.
    SetAllCall(bool),
    /// How loud the floor plays under an interpretation channel, 0 to 1.
    SetFloorLevel(f32),
    /// Highlight for everyone the item the instructor looks (desktop) or points (headset) at.
    HighlightAimed,
    /// Point for everyone at where the instructor looks or points.
    PointAhead,
}

/// The voice as the panel shows it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct VoiceView {
    /// Voice is in this build and running.
    pub available: bool,
    /// Our microphone is muted.
    pub muted: bool,
    /// The instructor speaks to everyone.
    pub all_call: bool,
    /// Push-to-talk is held.
    pub talking: bool,
    /// A browser tab, which has no voice yet (else a native build without it).
    pub browser: bool,
    /// The floor's level under an interpretation channel, 0 to 1.
    pub floor: f32,
}

impl VoiceView {
    /// The voice as [`crossdock_client::link::Link::push_to_talk`] reports it (`None`: not in
    /// this build), `talking` while push-to-talk is held.
    pub fn of(state: Option<crossdock_client::view::VoiceNow>, talking: bool) -> VoiceView {
        state.map_or_else(VoiceView::default, |v| VoiceView {
            available: true,
            muted: v.muted,
            all_call: v.all_call,
            talking,
            browser: false,
            floor: v.floor,
        })
    }
}

/// What the panel remembers between frames.
#[derive(Debug, Clone, Default)]
pub struct PanelState {
    /// The participant whose controls are open.
    pub selected: Option<ParticipantId>,
    /// The scenario picked in the list, before "switch".
    pub scenario: Option<String>,
    /// The seed typed for "re-randomise".
    pub seed: Option<u64>,
    /// Asked once to remove this participant; the second click removes.
    pub confirm_remove: Option<ParticipantId>,
    /// The note typed for the next bookmark.
    pub bookmark_note: String,
    /// The drill number typed for "open debrief" (0: the latest that ended).
    pub debrief_drill: u32,
    /// On a headset's tablet: the documents start open, and there are no camera views (the
    /// wearer's head is the camera).
    pub headset: bool,
    /// Open (or close) the phrase picker next time the panel runs (the window's L key).
    pub open_phrases: Option<bool>,
    /// Live captions shown (under speakers and in the panel): the reader's choice.
    pub captions: bool,
    /// The signs ticked as reasons for the risk-assessment choice.
    pub risk_signs: Vec<crossdock_protocol::drill::RiskSign>,
}

/// Where each named control was drawn this frame, in points: what a test clicks, and what
/// `--ui-map` writes.
pub type UiMap = Vec<(String, egui::Rect)>;

/// Everything the panel draws besides the class.
#[derive(Debug)]
pub struct PanelInput<'a> {
    /// The class.
    pub panel: &'a Panel,
    /// The voice.
    pub voice: VoiceView,
    /// The camera, in words.
    pub view: String,
    /// Whom the camera follows.
    pub following: Option<ParticipantId>,
    /// Recent notices, newest last.
    pub notices: &'a [Notice],
    /// Now, for the clock.
    pub now: Instant,
}

struct Ctx<'a> {
    words: &'a Words,
    actions: Vec<Action>,
    map: &'a mut UiMap,
}

impl Ctx<'_> {
    /// A button named `name` in the UI map; true when clicked.
    fn button(&mut self, ui: &mut Ui, name: String, text: impl Into<egui::WidgetText>) -> bool {
        let response = ui.button(text.into());
        self.map.push((name, response.rect));
        response.clicked()
    }

    fn command(&mut self, command: Command) {
        self.actions.push(Action::Send(Intent::Instruct(command)));
    }
}

/// Where a docked panel is, in pixels (x0, y0, x1, y1), and its fill.
pub type Area = ([f32; 4], Color32);

/// The side panel as a window shows it: its actions, and the rect (points) and fill colour the
/// caller clears its picture with.
#[derive(Debug)]
pub struct Side {
    /// What the user asked for.
    pub actions: Vec<Action>,
    /// Where the panel is, in points.
    pub rect: egui::Rect,
    /// Its fill, for its picture.
    pub fill: Color32,
}

/// The panel docked on the right of a window, scrolling, drawn without its fill: the window
/// keeps the panel's picture between changes, cleared to that fill (egui's fill is one blended
/// quad over the whole panel, which costs a software rasteriser most of a frame).
pub fn side(ui: &mut Ui, words: &Words, input: &PanelInput<'_>, state: &mut PanelState, map: &mut UiMap) -> Side {
    let fill = ui.style().visuals.panel_fill;
    let frame = egui::Frame::side_top_panel(ui.style()).fill(Color32::TRANSPARENT);
    let mut actions = Vec::new();
    let response = egui::Panel::right("class").default_size(420.0).min_size(300.0).frame(frame).show(ui, |ui| {
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            actions = show(ui, words, input, state, map);
        });
    });
    Side { actions, rect: response.response.rect, fill }
}

/// Draws the panel's content into `ui`; returns what the user asked for.
pub fn show(
    ui: &mut Ui,
    words: &Words,
    input: &PanelInput<'_>,
    state: &mut PanelState,
    map: &mut UiMap,
) -> Vec<Action> {
    let mut cx = Ctx { words, actions: Vec::new(), map };
    let panel = input.panel;
    let instructor = panel.role == Role::Instructor;
    header(ui, &mut cx, input);
    // While the risk assessment runs it is what the class does: it comes first.
    let risk_first = panel.risk.as_ref().is_some_and(|r| r.open);
    if risk_first {
        risk::section(ui, &mut cx, panel, state);
        ui.separator();
    }
    debrief::section(ui, &mut cx, panel, state);
    if instructor {
        instruct::drill(ui, &mut cx, panel, state);
    }
    ui.separator();
    people(ui, &mut cx, input, state);
    if instructor {
        instruct::class(ui, &mut cx, panel);
        instruct::tools(ui, &mut cx, panel);
    }
    standing(ui, &mut cx, panel);
    ui.separator();
    findings(ui, &mut cx, panel);
    phrases::section(ui, &mut cx, panel, state);
    captions(ui, &mut cx, panel, state);
    ui.separator();
    if !risk_first {
        risk::section(ui, &mut cx, panel, state);
    }
    documents(ui, &mut cx, panel, state.headset);
    readings(ui, &cx, panel);
    truth(ui, &cx, panel);
    ui.separator();
    if !state.headset {
        views(ui, &mut cx, input);
    }
    if panel.role != Role::Observer {
        pointing(ui, &mut cx, panel);
    }
    voice(ui, &mut cx, panel, input.voice);
    keys(ui, &cx, panel.role);
    cx.actions
}

fn header(ui: &mut Ui, cx: &mut Ctx<'_>, input: &PanelInput<'_>) {
    let panel = input.panel;
    let w = cx.words;
    ui.heading(&panel.scenario);
    ui.horizontal(|ui| {
        let elapsed = text::clock(panel.clock.elapsed(input.now));
        let clock = match panel.clock.limit {
            Some(limit) => format!("{elapsed} / {}", text::clock(limit)),
            None => elapsed,
        };
        ui.label(RichText::new(clock).size(20.0).strong());
        if panel.clock.paused {
            ui.label(RichText::new(w.get("paused")).color(colours::ATTENTION).strong());
        }
        if panel.revealed {
            ui.label(RichText::new(w.get("revealed")).color(colours::ALERT));
        }
        if panel.resealed {
            ui.label(w.get("resealed"));
        }
    });
    ui.label(format!("{} · {}", text::role(w, panel.role), input.view));
    if panel.voice_recorded {
        paragraph(ui, &w.get("voice-recorded"), Some(colours::ALERT));
    }
    if let Some(notice) = input.notices.last() {
        let line = match notice {
            Notice::Denied(reason) => text::denied(w, *reason),
            Notice::VoiceRecorded => w.get("voice-recorded"),
        };
        paragraph(ui, &line, Some(colours::ATTENTION));
    }
}

fn people(ui: &mut Ui, cx: &mut Ctx<'_>, input: &PanelInput<'_>, state: &mut PanelState) {
    let panel = input.panel;
    let w = cx.words;
    let instructor = panel.role == Role::Instructor;
    let present = panel.people.iter().filter(|p| !p.gone).count();
    ui.strong(w.with("participants-count", &[("count", present.into())]));
    for person in &panel.people {
        ui.horizontal_wrapped(|ui| {
            let (swatch, _) = ui.allocate_exact_size(egui::vec2(10.0, 16.0), egui::Sense::hover());
            ui.painter().rect_filled(swatch, 2.0, person_colour(person.id));
            let selected = state.selected == Some(person.id) || input.following == Some(person.id);
            let name = RichText::new(&person.name).color(role_colour(person.role)).strong();
            let response = ui.selectable_label(selected, name);
            cx.map.push((format!("person:{}", person.id.0), response.rect));
            if response.clicked() {
                state.selected = if state.selected == Some(person.id) { None } else { Some(person.id) };
                if !person.me {
                    cx.actions.push(Action::Follow(person.id));
                }
            }
            ui.label(RichText::new(&person.administration).monospace());
            ui.weak(text::role(w, person.role));
            ui.label(status_line(w, person));
        });
        if instructor
            && state.selected == Some(person.id)
            && !person.me
            && !person.gone
            && person.role != Role::Instructor
        {
            instruct::person(ui, cx, person, state);
        }
    }
}

/// Round trip, loss, and the states worth a glance, in words.
fn status_line(w: &Words, p: &PersonRow) -> String {
    let mut parts = Vec::new();
    if let Some((rtt, loss)) = p.link {
        parts.push(
            w.with("link-quality", &[("rtt", rtt.into()), ("loss", format!("{:.1}", f32::from(loss) / 10.0).into())]),
        );
    }
    let states = [(p.gone, "gone"), (p.talking, "talking"), (p.muted, "muted"), (p.frozen, "frozen"), (p.lead, "lead")];
    for (on, key) in states {
        if on {
            parts.push(w.get(key));
        }
    }
    if let Some(language) = &p.interprets {
        parts.push(w.with("interprets", &[("language", i18n::endonym(language).into())]));
    }
    parts.join(" · ")
}

fn findings(ui: &mut Ui, cx: &mut Ctx<'_>, panel: &Panel) {
    let w = cx.words;
    let instructor = panel.role == Role::Instructor;
    ui.strong(w.with("findings-count", &[("count", panel.findings.len().into())]));
    if panel.findings.is_empty() {
        paragraph(ui, &w.get("no-findings"), Some(ui.visuals().weak_text_color()));
    }
    for f in panel.findings.iter().rev() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("#{}", f.id)).monospace());
            ui.label(RichText::new(text::category(w, f.category)).strong());
            ui.label(w.with("marked-by", &[("names", f.signers.join(", ").into())]));
            let colour = match f.status {
                FindingStatus::Open => colours::ATTENTION,
                FindingStatus::Confirmed => colours::GOOD,
                FindingStatus::Rejected => colours::ALERT,
            };
            ui.colored_label(colour, text::status(w, f.status));
            if instructor && f.status == FindingStatus::Open {
                if cx.button(ui, format!("confirm:{}", f.id), format!("{} (Y)", w.get("confirm"))) {
                    cx.command(Command::Judge { finding: f.id, confirmed: true });
                }
                if cx.button(ui, format!("reject:{}", f.id), format!("{} (N)", w.get("reject"))) {
                    cx.command(Command::Judge { finding: f.id, confirmed: false });
                }
            }
        });
    }
}

/// Where the learner stands in their class's curriculum: each level, its status and why not yet
/// (the server's words, in the learner's language).
fn standing(ui: &mut Ui, cx: &mut Ctx<'_>, panel: &Panel) {
    use crossdock_protocol::messages::LevelStatus;
    let Some(s) = &panel.standing else { return };
    let w = cx.words;
    let heading = w.with("standing-heading", &[("curriculum", s.curriculum.clone().into())]);
    let shown = egui::CollapsingHeader::new(heading).id_salt("standing").default_open(true).show(ui, |ui| {
        for level in &s.levels {
            let colour = match level.status {
                LevelStatus::Passed => colours::GOOD,
                LevelStatus::RetestDue => colours::ATTENTION,
                LevelStatus::Open => ui.visuals().text_color(),
                LevelStatus::Locked => ui.visuals().weak_text_color(),
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(&level.title).strong());
                ui.colored_label(colour, &level.status_text);
            });
            if level.status != LevelStatus::Locked {
                for line in &level.lines {
                    paragraph(ui, line, Some(ui.visuals().weak_text_color()));
                }
            }
        }
    });
    cx.map.push(("standing".into(), shown.header_response.rect));
}

fn documents(ui: &mut Ui, cx: &mut Ctx<'_>, panel: &Panel, open: bool) {
    let w = cx.words;
    let shown = egui::CollapsingHeader::new(w.get("documents"))
        .id_salt("documents")
        .default_open(open)
        .show(ui, |ui| papers(ui, w, &panel.documents, Some(&panel.seal_number), "documents"));
    cx.map.push(("documents".into(), shown.header_response.rect));
}

/// A shipment's papers: parties, route, seal (and the one fitted, when known), mass, lines.
fn papers(ui: &mut Ui, w: &Words, d: &Documents, fitted: Option<&str>, salt: &str) {
    egui::Grid::new((salt, "head")).num_columns(2).show(ui, |ui| {
        let mut rows = vec![
            ("shipper", d.shipper.clone()),
            ("consignee", d.consignee.clone()),
            ("route", d.route.join(" → ")),
            ("seal-declared", d.seal_number.clone()),
        ];
        rows.extend(fitted.map(|f| ("seal-fitted", f.to_owned())));
        rows.push(("declared-gross", w.with("kilograms", &[("kg", d.declared_gross_kg.into())])));
        for (key, value) in rows {
            ui.weak(w.get(key));
            ui.label(value);
            ui.end_row();
        }
    });
    ui.add_space(4.0);
    egui::Grid::new((salt, "lines")).num_columns(4).striped(true).show(ui, |ui| {
        for key in ["goods", "hs-code", "packages", "gross"] {
            ui.strong(w.get(key));
        }
        ui.end_row();
        for line in &d.lines {
            ui.label(&line.description);
            ui.label(RichText::new(&line.hs_code).monospace());
            ui.label(line.packages.to_string());
            ui.label(w.with("kilograms", &[("kg", line.gross_kg.into())]));
            ui.end_row();
        }
    });
}

fn readings(ui: &mut Ui, cx: &Ctx<'_>, panel: &Panel) {
    let w = cx.words;
    egui::CollapsingHeader::new(w.get("readings")).id_salt("readings").default_open(true).show(ui, |ui| {
        if panel.readings.is_empty() {
            paragraph(ui, &w.get("no-readings"), Some(ui.visuals().weak_text_color()));
        }
        for group in &panel.readings {
            ui.label(RichText::new(&group.name).strong().color(person_colour(group.by)));
            for (tool, value, count) in group.entries.iter().take(4) {
                let times = if *count > 1 { format!("  ×{count}") } else { String::new() };
                ui.label(format!("  {}{times}", text::reading(w, *tool, value)));
            }
        }
    });
}

fn truth(ui: &mut Ui, cx: &Ctx<'_>, panel: &Panel) {
    let Some(truth) = &panel.truth else { return };
    let w = cx.words;
    ui.separator();
    ui.colored_label(colours::ALERT, RichText::new(w.get("truth")).strong());
    if truth.is_empty() {
        paragraph(ui, &w.get("nothing-hidden"), None);
    }
    for c in truth {
        paragraph(ui, &format!("{}: {}", text::category(w, c.category), c.description), None);
    }
}

fn views(ui: &mut Ui, cx: &mut Ctx<'_>, input: &PanelInput<'_>) {
    let w = cx.words;
    ui.horizontal_wrapped(|ui| {
        let own = if input.panel.role == Role::Observer { "view-free" } else { "view-own" };
        if cx.button(ui, "view-free".into(), format!("{} (F1)", w.get(own))) {
            cx.actions.push(Action::FreeView);
        }
        if cx.button(ui, "view-overview".into(), format!("{} (F3)", w.get("view-overview"))) {
            cx.actions.push(Action::Overview);
        }
        if input.following.is_some()
            && cx.button(ui, "view-first-person".into(), format!("{} (C)", w.get("view-first-person")))
        {
            cx.actions.push(Action::ToggleFirstPerson);
        }
    });
}

/// Pointing with the right hand for everyone to see (a ray and a dot where it meets a surface),
/// or stopping; a headset points with a half-pressed trigger too.
fn pointing(ui: &mut Ui, cx: &mut Ctx<'_>, panel: &Panel) {
    let w = cx.words;
    ui.horizontal_wrapped(|ui| {
        let (key, hand) = match panel.pointing {
            Some(_) => ("point-stop", None),
            None => ("point-start", Some(crossdock_protocol::Hand::Right)),
        };
        if cx.button(ui, "point".into(), format!("{} (F)", w.get(key))) {
            cx.actions.push(Action::Send(Intent::Point { hand }));
        }
        if panel.pointing.is_some() {
            ui.label(w.get("pointing-now"));
        }
    });
}

fn voice(ui: &mut Ui, cx: &mut Ctx<'_>, panel: &Panel, voice: VoiceView) {
    let w = cx.words;
    let role = panel.role;
    // The channel is the server's to route (and, later, captions follow it): offered with or
    // without voice on this device.
    channels(ui, cx, panel, voice);
    if !voice.available {
        let why = if voice.browser { "voice-not-in-browser" } else { "voice-not-built" };
        paragraph(ui, &w.get(why), Some(colours::ATTENTION));
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let state = if voice.muted {
            w.get("voice-muted")
        } else if voice.talking {
            w.get("voice-talking")
        } else {
            w.get("voice-open")
        };
        ui.label(state);
        let key = if voice.muted { "unmute-me" } else { "mute-me" };
        if cx.button(ui, "mute-me".into(), format!("{} (V)", w.get(key))) {
            cx.actions.push(Action::Send(Intent::SetMuted { muted: !voice.muted }));
        }
        if role == Role::Instructor {
            let mut all_call = voice.all_call;
            let response = ui.checkbox(&mut all_call, format!("{} (B)", w.get("all-call")));
            cx.map.push(("all-call".into(), response.rect));
            if response.changed() {
                cx.actions.push(Action::SetAllCall(all_call));
            }
        }
    });
}

/// Live captions: turned on or off, the latest listed; or, when the server has no speech
/// worker, how a centre turns them on.
fn captions(ui: &mut Ui, cx: &mut Ctx<'_>, panel: &Panel, state: &mut PanelState) {
    let w = cx.words;
    if !panel.captions_offered {
        paragraph(ui, &w.get("captions-off-server"), Some(ui.visuals().weak_text_color()));
        return;
    }
    let response = ui.checkbox(&mut state.captions, w.get("captions-show"));
    cx.map.push(("captions".into(), response.rect));
    if !state.captions {
        return;
    }
    if panel.captions.is_empty() {
        paragraph(ui, &w.get("captions-none"), Some(ui.visuals().weak_text_color()));
    }
    for row in &panel.captions {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&row.name).color(person_colour(row.by)).strong());
            let colour = if row.last { ui.visuals().strong_text_color() } else { ui.visuals().weak_text_color() };
            paragraph(ui, &row.text, Some(colour));
        });
    }
}

/// Interpretation: an interpreter is told what they do; a listener picks the floor or a
/// language someone interprets into, and how loud the floor stays under it.
fn channels(ui: &mut Ui, cx: &mut Ctx<'_>, panel: &Panel, voice: VoiceView) {
    let w = cx.words;
    if let Some(language) = &panel.interprets {
        let line = w.with("interpreting", &[("language", i18n::endonym(language).into())]);
        paragraph(ui, &line, Some(colours::ATTENTION));
        return;
    }
    if panel.channels.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(w.get("listen-to"));
        let floor = ui.selectable_label(panel.channel.is_none(), w.get("channel-floor"));
        cx.map.push(("channel:floor".into(), floor.rect));
        if floor.clicked() && panel.channel.is_some() {
            cx.actions.push(Action::Send(Intent::Listen { channel: None }));
        }
        for language in &panel.channels {
            let on = panel.channel.as_ref() == Some(language);
            let response = ui.selectable_label(on, i18n::endonym(language));
            cx.map.push((format!("channel:{language}"), response.rect));
            if response.clicked() && !on {
                cx.actions.push(Action::Send(Intent::Listen { channel: Some(language.clone()) }));
            }
        }
    });
    if panel.channel.is_some() && voice.available {
        ui.horizontal(|ui| {
            let mut level = voice.floor;
            ui.label(w.get("floor-level"));
            let slider =
                egui::Slider::new(&mut level, 0.0..=1.0).custom_formatter(|v, _| format!("{:.0} %", v * 100.0));
            let response = ui.add(slider);
            cx.map.push(("floor-level".into(), response.rect));
            if response.changed() {
                cx.actions.push(Action::SetFloorLevel(level));
            }
        });
    }
}

fn keys(ui: &mut Ui, cx: &Ctx<'_>, role: Role) {
    let w = cx.words;
    egui::CollapsingHeader::new(w.get("keys")).id_salt("keys").show(ui, |ui| {
        paragraph(ui, &w.get(if role == Role::Observer { "keys-observer" } else { "keys-participant" }), None);
        if role == Role::Instructor {
            paragraph(ui, &w.get("keys-instructor"), None);
        }
        paragraph(ui, &w.get("keys-voice"), None);
    });
}
