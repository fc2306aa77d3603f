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
use crossdock_protocol::drill::{Command, Tool};
use crossdock_protocol::invite::Invite;
use crossdock_protocol::{Intent, Role};
use glam::{Mat4, Vec3};
use serde::Serialize;
use winit::application::ApplicationHandler;
use winit::event::{ElementState, MouseButton, WindowEvent};
use winit::event_loop::{ActiveEventLoop, EventLoop};
use winit::keyboard::{KeyCode, PhysicalKey};
use winit::window::{Window, WindowId};

use crossdock_client::Details;
use crossdock_client::interact::{Desk, Interaction, Mode, avatar_pose, bring_here, say};
use crossdock_client::link::{Link, Outgoing};
use crossdock_client::view::SceneInput;
use crossdock_render::overlay::Overlay;
use crossdock_render::side::{Shown, SidePanel};
use crossdock_render::{Layer, Renderer, capture, projection};
use crossdock_ui::camera::{self, Camera, View};
use crossdock_ui::panel::{Action, UiMap, VoiceView};
use crossdock_ui::{Words, i18n, plates};
use crossdock_voice::spatial::Listener;

/// Vertical field of view, radians.
const FOV_Y: f32 = 1.2;
/// Walking and flying speed, metres per second.
const SPEED: f32 = 2.5;
/// Radians of turn per pixel of mouse drag.
const LOOK: f32 = 0.004;

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
    /// Start with live captions shown.
    pub captions: bool,
}

/// What happened, printed as JSON at exit.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DesktopReport {
    /// The GPU adapter used.
    pub adapter: String,
    /// Frames drawn.
    pub frames: u64,
    /// Mean time from one frame to the next once the first was drawn, milliseconds (0: fewer
    /// than two frames).
    pub frame_ms_mean: f64,
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
        camera: Camera::new(opts.view.clone(), &SceneInput::default()),
        placed: false,
        deep_link: (false, false),
        opts,
        link: Some(link),
        gfx: None,
        keys: HashSet::new(),
        dragging: false,
        cursor: None,
        wheel: None,
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
    /// The side panel (its egui takes the window's input).
    side: SidePanel,
    /// The name plates' egui.
    plates: Overlay,
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
    /// The phrase wheel is open (L), and where its middle is (points).
    wheel: Option<egui::Pos2>,
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
        let mut side = SidePanel::new(&device, config.format);
        side.state.captions = self.opts.captions;
        let input = egui_winit::State::new(
            side.ctx().clone(),
            egui::ViewportId::ROOT,
            &window,
            Some(window.scale_factor() as f32),
            None,
            Some(device.limits().max_texture_dimension_2d as usize),
        );
        let plates = Overlay::new(&device, config.format);
        Ok(Gfx { window, surface, device, queue, config, renderer, side, plates, input })
    }

    /// Keyboard actions: views for everyone, acts for participants.
    fn key(&mut self, key: KeyCode) {
        let role = self.role();
        let scene = self.link.as_ref().map(|l| l.with(|p| p.scene.clone())).unwrap_or_default();
        match key {
            _ if self.camera.key(&format!("{key:?}"), &scene) => {}
            KeyCode::KeyV => {
                if let Some(link) = &self.link
                    && let Some(voice) = link.voice()
                {
                    let muted = voice.lock().unwrap_or_else(|e| e.into_inner()).muted;
                    link.send(Outgoing::Intent(Intent::SetMuted { muted: !muted }));
                }
            }
            // The phrase wheel, in the middle of the scene's part of the window.
            KeyCode::KeyL => {
                self.wheel = match (&self.wheel, &self.gfx) {
                    (None, Some(gfx)) => {
                        Some(gfx.side.middle((gfx.config.width, gfx.config.height), gfx.window.scale_factor() as f32))
                    }
                    _ => None,
                };
            }
            KeyCode::KeyB if role == Role::Instructor => {
                if let Some(link) = &self.link {
                    link.set_all_call(None);
                }
            }
            _ => {
                let desk =
                    Desk { role, eye: self.camera.own_eye(), hand: self.camera.own_frame().right, paused: self.paused };
                // winit names the keys as the web does (`KeyG`, `F5`).
                let intent = self.interaction.key(&scene, desk, &format!("{key:?}"), &mut self.frozen);
                if let Some(Intent::Instruct(Command::Pause | Command::Resume)) = &intent {
                    self.paused = !self.paused;
                }
                if let (Some(intent), Some(link)) = (intent, &self.link) {
                    link.send(Outgoing::Intent(intent));
                }
            }
        }
    }

    /// A click with the phrase wheel open: says the phrase the mouse points at (about what the
    /// user looks at), or opens the panel's picker ("more…"); the wheel closes either way.
    fn wheel_click(&mut self) {
        let (Some(centre), Some(gfx)) = (self.wheel.take(), &mut self.gfx) else { return };
        let ppp = gfx.window.scale_factor() as f32;
        let pointer = self.cursor.map(|(x, y)| egui::pos2(x as f32, y as f32) / ppp);
        match crossdock_ui::wheel::chosen(centre, pointer) {
            Some(crossdock_ui::wheel::Choice::Say(phrase)) => {
                let scene = self.link.as_ref().map(|l| l.with(|p| p.scene.clone())).unwrap_or_default();
                self.act(Action::Send(Intent::Say { phrase, at: None }), &scene);
            }
            Some(crossdock_ui::wheel::Choice::More) => gfx.side.state.open_phrases = Some(true),
            None => {}
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
            _ if self.camera.act(&action, scene) => {}
            // A phrase is about what the user looks at.
            Action::Send(Intent::Say { phrase, at: None }) => {
                send(&self.link, say(scene, phrase, self.camera.own_eye()))
            }
            Action::Send(intent) => send(&self.link, intent),
            Action::TeleportHere(who) => send(&self.link, bring_here(who, self.camera.position)),
            Action::HighlightAimed => self.key(KeyCode::KeyH),
            Action::PointAhead => self.key(KeyCode::KeyK),
            Action::SetAllCall(on) => {
                if let Some(link) = &self.link {
                    link.set_all_call(Some(on));
                }
            }
            Action::SetFloorLevel(level) => {
                if let Some(link) = &self.link {
                    link.set_floor_level(level);
                }
            }
            Action::Follow(_) | Action::FreeView | Action::Overview | Action::ToggleFirstPerson => {}
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
        if !self.gfx.as_ref().is_some_and(|g| g.side.state.captions) {
            scene.captions.clear();
        }
        let tags = plates::tags(&scene, &self.words);

        let Some(gfx) = &mut self.gfx else { return Ok(()) };
        let boxes = gfx.renderer.prepare(&scene);
        let size = (gfx.config.width, gfx.config.height);
        let aspect = size.0 as f32 / size.1.max(1) as f32;
        let half_y = FOV_Y / 2.0;
        let half_x = (half_y.tan() * aspect).atan();
        // The panel covers the right of the window: centre the scene in what is left.
        let shift = gfx.side.shift(size.0);
        let view_proj = Mat4::from_translation(Vec3::new(-shift, 0.0, 0.0))
            * projection(-half_x, half_x, half_y, -half_y, 0.05, 300.0)
            * Mat4::from_rotation_translation(eye.rotation, eye.position).inverse();

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
        let mut map = UiMap::new();
        let ran = gfx.side.run(&gfx.device, &gfx.queue, raw, &self.words, shown, &notices, now, &mut map);
        let mut actions = Vec::new();
        if let Some(ran) = ran {
            gfx.input.handle_platform_output(&gfx.window, ran.platform);
            if let Some(path) = &self.opts.ui_map {
                crate::ui_map::write(path, ran.pixels_per_point, &map)?;
            }
            actions = ran.actions;
        }
        let ppp = gfx.window.scale_factor() as f32;
        let pointer = self.cursor.map(|(x, y)| egui::pos2(x as f32, y as f32) / ppp);
        let (wheel, words) = (self.wheel, &self.words);
        let plates = plates::tags_pass_with(&gfx.plates.ctx, size, ppp, view_proj, eye.position, &tags, |painter| {
            if let Some(centre) = wheel {
                let hovered = pointer.and_then(|p| crossdock_ui::wheel::hovered(centre, p));
                crossdock_ui::wheel::paint(painter, centre, words, hovered);
            }
        })
        .0;

        let layers = [Layer { view_proj, instances: &boxes }];
        let first = *self.first_frame.get_or_insert(now);
        // One reading of the clock for the screenshot and the close: a slow frame between them
        // must not close the window before the screenshot it was due.
        let elapsed = now.duration_since(first);
        if let Some((path, after)) = &self.opts.screenshot
            && self.report.screenshot.is_none()
            && elapsed >= *after
        {
            let (renderer, plates_painter, side) = (&mut gfx.renderer, &mut gfx.plates, &gfx.side);
            let shot = plates.clone();
            capture::write_png(&gfx.device, &gfx.queue, gfx.config.format, size, path, |target| {
                side.draw(&gfx.device, &gfx.queue, target, size, (renderer, &layers), (plates_painter, shot));
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
        let (renderer, plates_painter) = (&mut gfx.renderer, &mut gfx.plates);
        gfx.side.draw(&gfx.device, &gfx.queue, &target, size, (renderer, &layers), (plates_painter, plates));
        gfx.window.pre_present_notify();
        gfx.queue.present(frame);
        // The frames before this one are as many intervals since the first.
        if self.report.frames > 0 {
            self.report.frame_ms_mean = now.duration_since(first).as_secs_f64() * 1000.0 / self.report.frames as f64;
        }
        self.report.frames += 1;
        for action in actions {
            self.act(action, &scene);
        }
        if self.opts.seconds.is_some_and(|s| elapsed >= s) {
            event_loop.exit();
        }
        Ok(())
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
        let ui_has_keyboard = self.gfx.as_ref().is_some_and(|gfx| gfx.side.ctx().egui_wants_keyboard_input());
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
            WindowEvent::MouseInput { state: ElementState::Pressed, button: MouseButton::Left, .. }
                if self.wheel.is_some() =>
            {
                self.wheel_click();
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
