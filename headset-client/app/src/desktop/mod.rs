//! `crossdock-headset desktop`: the drill in a window, with the headsets' renderer and the
//! egui side panel (`crossdock_ui::panel`): the class with names in their own script, findings,
//! documents, readings, the clock, and for an instructor every command the protocol offers.
//! Name plates and tags float over the scene (`crossdock_ui::plates`). Observers fly, follow
//! anyone (first person or over the shoulder) or look down on the container; they have no
//! control that changes the drill. Trainees and instructors walk and act with keyboard and
//! mouse, so a session can run with no headset at all.
//!
//! Keys (also listed in the panel): F1 free camera (participants: your own eyes), F2 follow the
//! next participant, F3 overview, C first person / over the shoulder; mouse drag looks; WASD
//! walks, Q/E down/up. Participants: G grab or release, Space use the tool, Tab next tool, M
//! mark a finding ahead, O open or close the nearest door. Instructors also: P pause or resume,
//! R reveal the truth (open the debrief), F5 reset, F8 end the drill, U summon the trainees, Z
//! freeze or free them, H highlight the item in view, K point ahead, Y/N confirm or reject the
//! oldest open finding.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use crossdock_protocol::debrief::DebriefCommand;
use crossdock_protocol::drill::{Command, FindingStatus, Target, Tool};
use crossdock_protocol::invite::Invite;
use crossdock_protocol::{Hand, Intent, Role};
use glam::{Mat4, Vec3};
use serde::Serialize;
use winit::application::ApplicationHandler;
use winit::event::{ElementState, MouseButton, WindowEvent};
use winit::event_loop::{ActiveEventLoop, EventLoop};
use winit::keyboard::{KeyCode, PhysicalKey};
use winit::window::{Window, WindowId};

use crossdock_client::Details;
use crossdock_client::interact::{Gesture, Interaction, Mode, avatar_pose, bring_here, point_ahead, toggle_highlight};
use crossdock_client::link::{Link, Outgoing};
use crossdock_client::view::SceneInput;
use crossdock_render::cache::Cache;
use crossdock_render::overlay::Overlay;
use crossdock_render::{Layer, Renderer, capture, projection};
use crossdock_ui::camera::{self, Camera, View};
use crossdock_ui::panel::{self, Action, PanelState, UiMap, VoiceView};
use crossdock_ui::{Words, i18n, plates};
use crossdock_voice::spatial::Listener;

/// Vertical field of view, radians.
const FOV_Y: f32 = 1.2;
/// Walking and flying speed, metres per second.
const SPEED: f32 = 2.5;
/// Radians of turn per pixel of mouse drag.
const LOOK: f32 = 0.004;
/// How far a keyboard participant reaches (no arms to stretch), metres.
const DESK_REACH: f32 = 1.6;

/// What `crossdock-headset desktop` was asked.
#[derive(Debug, Clone)]
pub struct DesktopOptions {
    /// The invite.
    pub invite: Invite,
    /// Name, administration, locale.
    pub details: Details,
    /// The starting view.
    pub view: View,
    /// Instructors: the recorded drill to open as a debrief on joining, and where to move its
    /// clock once it is open (milliseconds into the drill).
    pub debrief: Option<(u32, Option<u32>)>,
    /// Write the window's view as a PNG here this long after the first frame.
    pub screenshot: Option<(PathBuf, Duration)>,
    /// Close after this long (tests, unattended captures).
    pub seconds: Option<Duration>,
    /// Window size in pixels.
    pub size: (u32, u32),
    /// Voice: talk mode, files instead of devices.
    pub voice: crossdock_voice::VoiceOptions,
    /// The interface's language, if asked for (else the invite's, then the system's).
    pub language: Option<String>,
    /// Write where each control is drawn (JSON) here, for tests that click them.
    pub ui_map: Option<PathBuf>,
}

/// What happened, printed as JSON at exit.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DesktopReport {
    /// The GPU adapter used.
    pub adapter: String,
    /// Frames drawn.
    pub frames: u64,
    /// Our role.
    pub role: String,
    /// The screenshot written, if any.
    pub screenshot: Option<PathBuf>,
    /// Why the connection ended, if it did before the window closed.
    pub connection: Option<String>,
    /// The interface's language.
    pub language: String,
}

/// Runs the window until it is closed (or `seconds` pass).
pub fn run(opts: DesktopOptions) -> Result<DesktopReport> {
    let event_loop = EventLoop::new().map_err(|e| {
        anyhow::anyhow!("cannot open a window ({e}): is there a display? Set DISPLAY, or run under Xvfb")
    })?;
    let voice = crossdock_voice::for_front_end(&opts.voice)?;
    let link = Link::connect(opts.invite.clone(), opts.details.clone(), voice, true)?;
    let role = link.role;
    let language = i18n::choose(&opts.language.as_deref().into_iter().collect::<Vec<_>>());
    let mut app = App {
        words: i18n::words(language),
        words_from: opts.language.clone(),
        panel_state: PanelState::default(),
        ui_shown: None,
        ui_again: true,
        panel_area: None,
        camera: Camera::new(opts.view.clone(), &SceneInput::default()),
        placed: false,
        deep_link: (false, false),
        opts,
        link: Some(link),
        gfx: None,
        keys: HashSet::new(),
        dragging: false,
        cursor: None,
        last: Instant::now(),
        first_frame: None,
        interaction: Interaction::default(),
        paused: false,
        frozen: false,
        report: DesktopReport { role: role.to_string(), language: language.into(), ..DesktopReport::default() },
        error: None,
    };
    event_loop.run_app(&mut app).context("the window's event loop failed")?;
    if let Some(link) = app.link.take() {
        app.report.connection = link.with(|p| p.ended.clone());
        link.leave();
    }
    if let Some(e) = app.error.take() {
        return Err(e);
    }
    if let Some((path, _)) = &app.opts.screenshot
        && app.report.screenshot.is_none()
    {
        anyhow::bail!("the window closed before the screenshot was due; nothing was written to {}", path.display());
    }
    Ok(app.report)
}

/// The window's GPU state.
struct Gfx {
    window: Arc<Window>,
    surface: wgpu::Surface<'static>,
    device: wgpu::Device,
    queue: wgpu::Queue,
    config: wgpu::SurfaceConfiguration,
    renderer: Renderer,
    /// The side panel's egui (and the window's input).
    overlay: Overlay,
    /// The name plates' egui.
    plates: Overlay,
    /// The side panel's picture between changes.
    cache: Cache,
    input: egui_winit::State,
}

struct App {
    opts: DesktopOptions,
    link: Option<Link>,
    gfx: Option<Gfx>,
    camera: Camera,
    placed: bool,
    /// What `--debrief` and `--at` have asked the server for so far.
    deep_link: (bool, bool),
    keys: HashSet<KeyCode>,
    dragging: bool,
    cursor: Option<(f64, f64)>,
    last: Instant,
    first_frame: Option<Instant>,
    interaction: Interaction,
    paused: bool,
    frozen: bool,
    report: DesktopReport,
    error: Option<anyhow::Error>,
    /// The interface's words.
    words: Words,
    /// The locale `words` were chosen for (the flag's, or our own participant entry's).
    words_from: Option<String>,
    panel_state: PanelState,
    /// What the panel showed when egui last ran, and whether egui asked to run again.
    ui_shown: Option<Shown>,
    ui_again: bool,
    /// Where the panel is (pixels) and its fill, as egui last laid it out: the scene is
    /// centred in what is left.
    panel_area: Option<panel::Area>,
}

/// Everything the side panel shows: while it stays the same and there is no input, egui need
/// not run.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    class: Option<(crossdock_client::view::Panel, u64)>,
    voice: VoiceView,
    view: String,
    following: Option<crossdock_protocol::ParticipantId>,
    notice: Option<crossdock_client::view::Notice>,
    size: (u32, u32),
}

impl App {
    fn fail(&mut self, event_loop: &ActiveEventLoop, e: anyhow::Error) {
        self.error = Some(e);
        event_loop.exit();
    }

    fn role(&self) -> Role {
        self.link.as_ref().map_or(Role::Observer, |l| l.role)
    }

    fn open(&mut self, event_loop: &ActiveEventLoop) -> Result<Gfx> {
        let attrs = Window::default_attributes()
            .with_title("Crossdock")
            .with_inner_size(winit::dpi::PhysicalSize::new(self.opts.size.0, self.opts.size.1));
        let window = Arc::new(event_loop.create_window(attrs).context("cannot create the window")?);
        let instance = wgpu::Instance::new(wgpu::InstanceDescriptor::new_without_display_handle());
        let surface = instance.create_surface(window.clone()).context("cannot draw into the window")?;
        let adapter = pollster::block_on(instance.request_adapter(&wgpu::RequestAdapterOptions {
            compatible_surface: Some(&surface),
            ..Default::default()
        }))
        .context("no Vulkan device can draw into the window: install a Vulkan driver (Debian: mesa-vulkan-drivers)")?;
        self.report.adapter = adapter.get_info().name;
        let (device, queue) = pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
            label: Some("crossdock-desktop"),
            required_limits: wgpu::Limits::downlevel_defaults().using_resolution(adapter.limits()),
            ..Default::default()
        }))
        .context("cannot open the GPU device")?;
        let size = window.inner_size();
        let mut config = surface
            .get_default_config(&adapter, size.width.max(1), size.height.max(1))
            .context("the window's surface has no usable format")?;
        let caps = surface.get_capabilities(&adapter);
        if let Some(srgb) = caps.formats.iter().find(|f| f.is_srgb()) {
            config.format = *srgb;
        }
        surface.configure(&device, &config);
        let renderer = Renderer::new(&device, config.format);
        let overlay = Overlay::new(&device, config.format);
        let input = egui_winit::State::new(
            overlay.ctx.clone(),
            egui::ViewportId::ROOT,
            &window,
            Some(window.scale_factor() as f32),
            None,
            Some(device.limits().max_texture_dimension_2d as usize),
        );
        let plates = Overlay::new(&device, config.format);
        let cache = Cache::new(&device, config.format);
        Ok(Gfx { window, surface, device, queue, config, renderer, overlay, plates, cache, input })
    }

    /// Keyboard actions: views for everyone, acts for participants.
    fn key(&mut self, key: KeyCode) {
        let role = self.role();
        let scene = self.link.as_ref().map(|l| l.with(|p| p.scene.clone())).unwrap_or_default();
        match key {
            KeyCode::F1 => self.camera.view = View::Free,
            KeyCode::F2 => {
                let names: Vec<&str> = scene.avatars.iter().filter(|a| !a.me).map(|a| a.name.as_str()).collect();
                let current = match &self.camera.view {
                    View::Follow { name, .. } => names.iter().position(|n| n == name),
                    _ => None,
                };
                if let Some(next) = names.get(current.map_or(0, |i| (i + 1) % names.len().max(1))) {
                    self.camera.view = View::Follow { name: (*next).to_owned(), first_person: false };
                }
            }
            KeyCode::F3 => self.camera.view = View::Overview,
            KeyCode::KeyC => {
                if let View::Follow { first_person, .. } = &mut self.camera.view {
                    *first_person = !*first_person;
                }
            }
            KeyCode::KeyV => {
                if let Some(link) = &self.link
                    && let Some(voice) = link.voice()
                {
                    let muted = voice.lock().unwrap_or_else(|e| e.into_inner()).muted;
                    link.send(Outgoing::Intent(Intent::SetMuted { muted: !muted }));
                }
            }
            KeyCode::KeyB if role == Role::Instructor => {
                if let Some(link) = &self.link {
                    link.set_all_call(None);
                }
            }
            _ if role == Role::Observer => {}
            _ => {
                let eye = self.camera.own_eye();
                let hand = self.camera.own_frame().right;
                let intent = match key {
                    KeyCode::Tab => self.interaction.apply(&scene, Gesture::NextMode),
                    KeyCode::KeyM => self.interaction.apply(&scene, Gesture::MarkMode),
                    KeyCode::KeyG if self.interaction.holding(Hand::Right) => {
                        self.interaction.apply(&scene, Gesture::Release(Hand::Right))
                    }
                    // The eye reaches farther than an arm: a desktop participant cannot lean in.
                    KeyCode::KeyG | KeyCode::KeyO => {
                        let at = if key == KeyCode::KeyO {
                            hand.position
                        } else {
                            eye.position + eye.rotation * Vec3::NEG_Z * (DESK_REACH / 2.0)
                        };
                        self.interaction.apply(&scene, Gesture::Grab { hand: Hand::Right, at, aim: Some(eye) })
                    }
                    KeyCode::Space => self.interaction.apply(&scene, Gesture::Trigger { aim: eye, mark_distance: 1.5 }),
                    KeyCode::KeyP if role == Role::Instructor => {
                        self.paused = !self.paused;
                        Some(Intent::Instruct(if self.paused { Command::Pause } else { Command::Resume }))
                    }
                    KeyCode::KeyR if role == Role::Instructor => Some(Intent::Instruct(Command::RevealTruth)),
                    KeyCode::F5 if role == Role::Instructor => Some(Intent::Instruct(Command::Reset)),
                    KeyCode::F8 if role == Role::Instructor => Some(Intent::Instruct(Command::EndDrill)),
                    KeyCode::F9 if role == Role::Instructor => {
                        Some(Intent::Instruct(Command::Bookmark { note: String::new() }))
                    }
                    KeyCode::KeyU if role == Role::Instructor => {
                        Some(Intent::Instruct(Command::Summon { who: Target::AllTrainees }))
                    }
                    KeyCode::KeyZ if role == Role::Instructor => {
                        self.frozen = !self.frozen;
                        Some(Intent::Instruct(Command::Freeze { who: Target::AllTrainees, frozen: self.frozen }))
                    }
                    KeyCode::KeyH if role == Role::Instructor => toggle_highlight(&scene, eye),
                    KeyCode::KeyK if role == Role::Instructor => Some(point_ahead(eye)),
                    KeyCode::KeyY | KeyCode::KeyN if role == Role::Instructor => scene
                        .findings
                        .iter()
                        .filter(|(_, _, status)| *status == FindingStatus::Open)
                        .map(|(id, _, _)| *id)
                        .min()
                        .map(|finding| Intent::Instruct(Command::Judge { finding, confirmed: key == KeyCode::KeyY })),
                    _ => None,
                };
                if let (Some(intent), Some(link)) = (intent, &self.link) {
                    link.send(Outgoing::Intent(intent));
                }
            }
        }
    }

    /// `--debrief` and `--at`: an instructor opens the drill once joined, then moves its clock.
    fn deep_link(&mut self, class: &crossdock_client::view::Panel) {
        let (Some((drill, at)), Some(link)) = (self.opts.debrief, &self.link) else { return };
        if class.role != Role::Instructor {
            return;
        }
        let debrief = |c: DebriefCommand| Outgoing::Intent(Intent::Instruct(Command::Debrief(c)));
        if !self.deep_link.0 {
            link.send(debrief(DebriefCommand::Open { drill }));
            self.deep_link.0 = true;
        }
        if let (Some(at_ms), false, Some(_)) = (at, self.deep_link.1, &class.debrief) {
            link.send(debrief(DebriefCommand::Seek { at_ms }));
            self.deep_link.1 = true;
        }
    }

    /// Carries out what the panel asked for.
    fn act(&mut self, action: Action, scene: &SceneInput) {
        let send = |link: &Option<Link>, intent: Intent| {
            if let Some(link) = link {
                link.send(Outgoing::Intent(intent));
            }
        };
        match action {
            Action::Send(intent) => send(&self.link, intent),
            Action::Follow(id) => {
                if let Some(avatar) = scene.avatars.iter().find(|a| a.id == id) {
                    self.camera.view = View::Follow { name: avatar.name.clone(), first_person: false };
                }
            }
            Action::FreeView => self.camera.view = View::Free,
            Action::Overview => self.camera.view = View::Overview,
            Action::ToggleFirstPerson => self.key(KeyCode::KeyC),
            Action::TeleportHere(who) => send(&self.link, bring_here(who, self.camera.position)),
            Action::HighlightAimed => self.key(KeyCode::KeyH),
            Action::PointAhead => self.key(KeyCode::KeyK),
            Action::SetAllCall(on) => {
                if let Some(link) = &self.link {
                    link.set_all_call(Some(on));
                }
            }
        }
    }

    /// The language follows our own participant entry (a personal invite's locale) unless
    /// `--language` chose one.
    fn follow_language(&mut self, panel: &crossdock_client::view::Panel) {
        if self.opts.language.is_some() {
            return;
        }
        if let Some(me) = panel.people.iter().find(|p| p.me)
            && self.words_from.as_deref() != Some(me.locale.as_str())
        {
            self.words = i18n::words(i18n::choose(&[me.locale.as_str()]));
            self.words_from = Some(me.locale.clone());
            self.report.language = self.words.language().into();
        }
    }

    fn frame(&mut self, event_loop: &ActiveEventLoop) -> Result<()> {
        let Some(link) = &self.link else { return Ok(()) };
        if let Some(why) = link.with(|p| p.ended.clone()) {
            anyhow::bail!("the connection to the server ended: {why}");
        }
        let now = Instant::now();
        let dt = (now - self.last).as_secs_f32().min(0.1);
        self.last = now;
        let (mut scene, class, notices) = link.with(|p| (p.scene.clone(), p.panel.clone(), p.notices.clone()));
        if let Some(class) = &class {
            self.follow_language(class);
            self.deep_link(class);
        }
        let Some(link) = &self.link else { return Ok(()) };
        if !self.placed && scene.container_mm[0] > 0 {
            let view = self.camera.view.clone();
            self.camera = Camera::new(view, &scene);
            self.placed = true;
        }
        if let Some(to) = link.with(|p| p.teleport.take())
            && self.role() != Role::Observer
        {
            self.camera.position = Vec3::new(to.x, self.camera.position.y, to.z);
        }
        let walk = |k: KeyCode| if self.keys.contains(&k) { 1.0 } else { 0.0 };
        let step = Vec3::new(
            walk(KeyCode::KeyD) - walk(KeyCode::KeyA),
            walk(KeyCode::KeyE) - walk(KeyCode::KeyQ),
            walk(KeyCode::KeyS) - walk(KeyCode::KeyW),
        );
        if self.role() != Role::Observer {
            // Participants walk; only the observers' free camera flies.
            self.camera.fly(Vec3::new(step.x, 0.0, step.z) * SPEED * dt);
        } else if step != Vec3::ZERO && self.camera.view == View::Free {
            self.camera.fly(step * SPEED * dt);
        }
        if self.role() != Role::Observer {
            let own = self.camera.own_frame();
            link.send(Outgoing::Pose(avatar_pose(&own), now));
            scene.place_local(own);
        }
        let eye = self.camera.eye(&scene);
        let talking = self.keys.contains(&KeyCode::KeyT);
        let voice_view = VoiceView::of(link.push_to_talk(talking), talking);
        if voice_view.available && self.role() == Role::Observer {
            link.send(Outgoing::Ears(Listener { position: eye.position, rotation: eye.rotation }));
        }
        scene.viewer = eye.position;
        scene.cutaway = self.camera.cutaway(&scene);
        if self.interaction.mode == Mode::Tool(Tool::Flashlight) {
            // Held in the right hand, below the eyes, pointing where they look.
            let forward = eye.rotation * Vec3::NEG_Z;
            let hand = eye.position + eye.rotation * Vec3::new(0.15, -0.2, 0.0);
            scene.flashlight = Some((hand, forward));
        }
        let following = match &self.camera.view {
            View::Follow { name, .. } => camera::followed(&scene, name).map(|a| a.id),
            _ => None,
        };
        let mut view = self.camera.describe(&scene, &self.words);
        if self.role() != Role::Observer {
            view = format!("{view} · {}", crossdock_ui::text::mode(&self.words, self.interaction.mode));
        }
        let tags = plates::tags(&scene, &self.words);

        let Some(gfx) = &mut self.gfx else { return Ok(()) };
        let boxes = gfx.renderer.prepare(&scene);
        let size = (gfx.config.width, gfx.config.height);
        let aspect = size.0 as f32 / size.1.max(1) as f32;
        let half_y = FOV_Y / 2.0;
        let half_x = (half_y.tan() * aspect).atan();
        // The panel covers the right of the window: centre the scene in what is left.
        let panel_width = self.panel_area.map_or(0.0, |(r, _)| r[2] - r[0]);
        let shift = panel_width.min(size.0 as f32 * 0.6) / size.0.max(1) as f32;
        let view_proj = Mat4::from_translation(Vec3::new(-shift, 0.0, 0.0))
            * projection(-half_x, half_x, half_y, -half_y, 0.05, 300.0)
            * Mat4::from_rotation_translation(eye.rotation, eye.position).inverse();

        let mut actions = Vec::new();
        let raw = gfx.input.take_egui_input(&gfx.window);
        // egui runs when something could change the panel: input, the class, the clock's second,
        // the voice, the view, the window, or egui asking for another frame (an animation).
        let shown = Shown {
            class: class.map(|c| {
                let second = c.clock.elapsed(now).as_secs();
                (c, second)
            }),
            voice: voice_view,
            view,
            following,
            notice: notices.last().copied(),
            size,
        };
        let quiet = raw.events.is_empty() && !self.ui_again && self.ui_shown.as_ref() == Some(&shown);
        if !quiet {
            let mut map = UiMap::new();
            let mut side = None;
            let (words, state) = (&self.words, &mut self.panel_state);
            let mut output = gfx.overlay.ctx.run_ui(raw, |ui| {
                if let Some((class, _)) = &shown.class {
                    let input = panel::PanelInput {
                        panel: class,
                        voice: shown.voice,
                        view: shown.view.clone(),
                        following: shown.following,
                        notices: &notices,
                        now,
                    };
                    let drawn = panel::side(ui, words, &input, state, &mut map);
                    side = Some((drawn, ui.pixels_per_point()));
                }
            });
            self.ui_again =
                output.viewport_output.get(&egui::ViewportId::ROOT).is_some_and(|v| v.repaint_delay.is_zero());
            self.ui_shown = Some(shown);
            self.panel_area = side.as_ref().map(|(drawn, ppp)| {
                let r = drawn.rect * *ppp;
                ([r.min.x, r.min.y, r.max.x, r.max.y], drawn.fill)
            });
            let fill = side.as_ref().map_or(egui::Color32::BLACK, |(drawn, _)| drawn.fill);
            actions = side.map(|(drawn, _)| drawn.actions).unwrap_or_default();
            gfx.input.handle_platform_output(&gfx.window, std::mem::take(&mut output.platform_output));
            if let Some(path) = &self.opts.ui_map {
                crate::ui_map::write(path, output.pixels_per_point, &map)?;
            }
            // The panel is drawn into the cache only when its picture changed.
            gfx.cache.update_egui(&gfx.device, &gfx.queue, &mut gfx.overlay, size, output, fill);
        }
        let panel = self.panel_area;
        let ppp = gfx.window.scale_factor() as f32;
        let plates = plates::tags_pass(&gfx.plates.ctx, size, ppp, view_proj, eye.position, &tags).0;

        let layers = [Layer { view_proj, instances: &boxes }];
        let first = *self.first_frame.get_or_insert(now);
        if let Some((path, after)) = &self.opts.screenshot
            && self.report.screenshot.is_none()
            && first.elapsed() >= *after
        {
            let (renderer, plates_painter, cache) = (&mut gfx.renderer, &mut gfx.plates, &gfx.cache);
            let shot = plates.clone();
            capture::write_png(&gfx.device, &gfx.queue, gfx.config.format, size, path, |target| {
                draw_frame(
                    &gfx.device,
                    &gfx.queue,
                    target,
                    size,
                    (renderer, &layers),
                    (plates_painter, shot),
                    (cache, panel),
                );
            })?;
            tracing::info!(path = %path.display(), "screenshot written");
            self.report.screenshot = Some(path.clone());
        }
        let frame = match gfx.surface.get_current_texture() {
            wgpu::CurrentSurfaceTexture::Success(t) | wgpu::CurrentSurfaceTexture::Suboptimal(t) => t,
            other => {
                tracing::debug!(?other, "no surface texture this frame; reconfiguring");
                gfx.surface.configure(&gfx.device, &gfx.config);
                return Ok(());
            }
        };
        let target = frame.texture.create_view(&Default::default());
        let parts = ((&mut gfx.renderer, &layers[..]), (&mut gfx.plates, plates), (&gfx.cache, panel));
        draw_frame(&gfx.device, &gfx.queue, &target, size, parts.0, parts.1, parts.2);
        gfx.window.pre_present_notify();
        gfx.queue.present(frame);
        self.report.frames += 1;
        for action in actions {
            self.act(action, &scene);
        }
        if self.opts.seconds.is_some_and(|s| first.elapsed() >= s) {
            event_loop.exit();
        }
        Ok(())
    }
}

/// One frame: the scene, the name plates over it, then the panel's cached picture over its
/// area (so no plate shows through the panel).
fn draw_frame(
    device: &wgpu::Device,
    queue: &wgpu::Queue,
    target: &wgpu::TextureView,
    size: (u32, u32),
    (renderer, layers): (&mut Renderer, &[Layer<'_>]),
    (plates, text): (&mut Overlay, egui::FullOutput),
    (cache, panel): (&Cache, Option<panel::Area>),
) {
    match panel {
        // Only the scene's part of the window: the panel covers the rest.
        Some((rect, _)) => renderer.draw_within(device, queue, target, size, layers, [0, 0, rect[0] as u32, size.1]),
        None => renderer.draw(device, queue, target, size, layers),
    }
    plates.paint(device, queue, target, size, text);
    if let Some((rect, _)) = panel {
        cache.copy(device, queue, target, size, rect);
    }
}

impl ApplicationHandler for App {
    fn resumed(&mut self, event_loop: &ActiveEventLoop) {
        if self.gfx.is_none() {
            match self.open(event_loop) {
                Ok(gfx) => {
                    gfx.window.request_redraw();
                    self.gfx = Some(gfx);
                }
                Err(e) => self.fail(event_loop, e),
            }
        }
    }

    fn window_event(&mut self, event_loop: &ActiveEventLoop, _: WindowId, event: WindowEvent) {
        // The panel gets the input first: typing in it, or clicking it, does not move the camera.
        let taken = self.gfx.as_mut().is_some_and(|gfx| gfx.input.on_window_event(&gfx.window, &event).consumed);
        let ui_has_keyboard = self.gfx.as_ref().is_some_and(|gfx| gfx.overlay.ctx.egui_wants_keyboard_input());
        match event {
            WindowEvent::CloseRequested => event_loop.exit(),
            WindowEvent::Resized(size) => {
                if let Some(gfx) = &mut self.gfx
                    && size.width > 0
                    && size.height > 0
                {
                    gfx.config.width = size.width;
                    gfx.config.height = size.height;
                    gfx.surface.configure(&gfx.device, &gfx.config);
                }
            }
            WindowEvent::KeyboardInput { .. } if ui_has_keyboard => {}
            WindowEvent::MouseInput { .. } if taken => self.dragging = false,
            WindowEvent::KeyboardInput { event, .. } => {
                if let PhysicalKey::Code(code) = event.physical_key {
                    match event.state {
                        ElementState::Pressed => {
                            if !event.repeat {
                                self.key(code);
                            }
                            self.keys.insert(code);
                        }
                        ElementState::Released => {
                            self.keys.remove(&code);
                        }
                    }
                }
            }
            WindowEvent::MouseInput { state, button: MouseButton::Left | MouseButton::Right, .. } => {
                self.dragging = state == ElementState::Pressed;
            }
            WindowEvent::CursorMoved { position, .. } => {
                if let (true, Some((x, y))) = (self.dragging, self.cursor) {
                    self.camera.look(-((position.x - x) as f32) * LOOK, -((position.y - y) as f32) * LOOK);
                }
                self.cursor = Some((position.x, position.y));
            }
            WindowEvent::RedrawRequested => {
                if let Err(e) = self.frame(event_loop) {
                    self.fail(event_loop, e);
                } else if let Some(gfx) = &self.gfx {
                    gfx.window.request_redraw();
                }
            }
            _ => {}
        }
    }
}
