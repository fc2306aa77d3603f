//! `crossdock-headset desktop`: the drill in a window, with the headsets' renderer. Observers
//! fly, follow anyone (first person or over the shoulder) or look down on the container, with
//! a side panel of participants, findings, readings and the clock; they have no action that
//! changes the world. Trainees and instructors walk and act with keyboard and mouse, so a
//! session can run with no headset at all.
//!
//! Keys: F1 free camera (participants: your own eyes), F2 follow the next participant, F3
//! overview, C first person / over the shoulder; mouse drag looks; WASD walks, Q/E down/up.
//! Participants: G grab or release, Space use the tool, Tab next tool, M mark a finding ahead,
//! O open or close the nearest door. Instructors also: P pause or resume, R reveal the truth
//! (open the debrief), F5 reset, U summon the trainees, Z freeze or free them, H highlight the
//! item in view, K point ahead, Y/N confirm or reject the oldest open finding.

pub mod camera;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use crossdock_protocol::drill::{Command, FindingStatus, Target};
use crossdock_protocol::invite::Invite;
use crossdock_protocol::{Hand, Intent, Role};
use glam::{Mat4, Vec3};
use serde::Serialize;
use winit::application::ApplicationHandler;
use winit::event::{ElementState, MouseButton, WindowEvent};
use winit::event_loop::{ActiveEventLoop, EventLoop};
use winit::keyboard::{KeyCode, PhysicalKey};
use winit::window::{Window, WindowId};

use camera::{Camera, View};
use crossdock_client::Details;
use crossdock_client::interact::{Gesture, Interaction, aimed_item, avatar_pose};
use crossdock_client::interp::{AvatarFrame, Pose};
use crossdock_client::link::{Link, Outgoing};
use crossdock_client::view::SceneInput;
use crossdock_protocol::units::millimetres;
use crossdock_render::{Layer, Renderer, capture, projection};
use crossdock_render::{panel, scene};
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
    /// Write the window's view as a PNG here this long after the first frame.
    pub screenshot: Option<(PathBuf, Duration)>,
    /// Close after this long (tests, unattended captures).
    pub seconds: Option<Duration>,
    /// Window size in pixels.
    pub size: (u32, u32),
    /// Voice: talk mode, files instead of devices.
    pub voice: crossdock_voice::VoiceOptions,
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
}

/// Runs the window until it is closed (or `seconds` pass).
pub fn run(opts: DesktopOptions) -> Result<DesktopReport> {
    let event_loop = EventLoop::new().map_err(|e| {
        anyhow::anyhow!("cannot open a window ({e}): is there a display? Set DISPLAY, or run under Xvfb")
    })?;
    let voice = crossdock_voice::for_front_end(&opts.voice)?;
    let link = Link::connect(opts.invite.clone(), opts.details.clone(), voice, true)?;
    let role = link.role;
    let mut app = App {
        camera: Camera::new(opts.view.clone(), &SceneInput::default()),
        placed: false,
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
        report: DesktopReport { role: role.to_string(), ..DesktopReport::default() },
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
}

struct App {
    opts: DesktopOptions,
    link: Option<Link>,
    gfx: Option<Gfx>,
    camera: Camera,
    placed: bool,
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
        Ok(Gfx { window, surface, device, queue, config, renderer })
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
                if let Some(voice) = self.link.as_ref().and_then(|l| l.voice()) {
                    let mut v = voice.lock().unwrap_or_else(|e| e.into_inner());
                    v.all_call = !v.all_call;
                }
            }
            _ if role == Role::Observer => {}
            _ => {
                let eye = self.own_eye();
                let hand = self.own_frame().right;
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
                    KeyCode::KeyU if role == Role::Instructor => {
                        Some(Intent::Instruct(Command::Summon { who: Target::AllTrainees }))
                    }
                    KeyCode::KeyZ if role == Role::Instructor => {
                        self.frozen = !self.frozen;
                        Some(Intent::Instruct(Command::Freeze { who: Target::AllTrainees, frozen: self.frozen }))
                    }
                    KeyCode::KeyH if role == Role::Instructor => aimed_item(&scene, eye).map(|entity| {
                        let on = !scene.items.iter().any(|i| i.id == entity && i.highlighted);
                        Intent::Instruct(Command::Highlight { entity, on })
                    }),
                    KeyCode::KeyK if role == Role::Instructor => {
                        let at = eye.position + eye.rotation * Vec3::NEG_Z * 2.0;
                        Some(Intent::Instruct(Command::Point { at: millimetres(at) }))
                    }
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

    /// A participant's own eyes: the free camera.
    fn own_eye(&self) -> Pose {
        Pose { position: self.camera.position, rotation: self.camera.free_rotation() }
    }

    /// A participant's avatar: head at the free camera, hands in front of the chest.
    fn own_frame(&self) -> AvatarFrame {
        let head = self.own_eye();
        let flat = glam::Quat::from_rotation_y(self.camera.yaw);
        let hand = |side: f32| Pose {
            position: head.position + flat * Vec3::new(0.22 * side, -0.45, -0.3),
            rotation: head.rotation,
        };
        AvatarFrame { head, left: hand(-1.0), right: hand(1.0) }
    }

    fn frame(&mut self, event_loop: &ActiveEventLoop) -> Result<()> {
        let Some(link) = &self.link else { return Ok(()) };
        if let Some(why) = link.with(|p| p.ended.clone()) {
            anyhow::bail!("the connection to the server ended: {why}");
        }
        let now = Instant::now();
        let dt = (now - self.last).as_secs_f32().min(0.1);
        self.last = now;
        let (mut scene, panel) = link.with(|p| (p.scene.clone(), p.panel.clone()));
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
            let own = self.own_frame();
            link.send(Outgoing::Pose(avatar_pose(&own), now));
            scene.place_local(own);
        }
        let eye = self.camera.eye(&scene);
        if let Some(voice) = link.voice() {
            voice.lock().unwrap_or_else(|e| e.into_inner()).push_to_talk = self.keys.contains(&KeyCode::KeyT);
            if self.role() == Role::Observer {
                link.send(Outgoing::Ears(Listener { position: eye.position, rotation: eye.rotation }));
            }
        }
        scene.viewer = eye.position;
        scene.cutaway = self.camera.cutaway(&scene);
        let boxes = scene::build(&scene);
        let observer = self.role() == Role::Observer;
        let instructor = self.role() == Role::Instructor;

        let Some(gfx) = &mut self.gfx else { return Ok(()) };
        let size = (gfx.config.width, gfx.config.height);
        let aspect = size.0 as f32 / size.1.max(1) as f32;
        let half_y = FOV_Y / 2.0;
        let half_x = (half_y.tan() * aspect).atan();
        // The panel covers the right of the window: centre the scene in what is left.
        let shift = panel::WIDTH.min(size.0 as f32 * 0.45) / size.0.max(1) as f32;
        let view_proj = Mat4::from_translation(Vec3::new(-shift, 0.0, 0.0))
            * projection(-half_x, half_x, half_y, -half_y, 0.05, 300.0)
            * Mat4::from_rotation_translation(eye.rotation, eye.position).inverse();
        let mut footer = vec![if observer {
            format!("observer | {}", self.camera.describe(&scene))
        } else {
            format!("{} | {} | {}", self.report.role, self.camera.describe(&scene), self.interaction.mode.label())
        }];
        footer.push(if observer {
            "F1 free  F2 follow  F3 overview  C first person  drag: look  WASD QE: fly".to_owned()
        } else {
            "WASD walk  drag look  G grab  Space use  Tab tool  M mark  O door  F1-F3 views".to_owned()
        });
        if instructor {
            footer.push("P pause  R reveal  F5 reset  U summon  Z freeze  H highlight  K point  Y/N judge".to_owned());
        }
        if let Some(voice) = link.voice() {
            let v = voice.lock().unwrap_or_else(|e| e.into_inner());
            let state = if v.muted {
                "muted"
            } else if v.push_to_talk {
                "talking"
            } else {
                "open"
            };
            let all_call = if v.all_call { "  ALL-CALL" } else { "" };
            footer.push(format!(
                "Voice {state}{all_call}: hold T to talk, V mute/unmute{}",
                if instructor { ", B all-call" } else { "" }
            ));
        }
        if let Some(notice) = link.with(|p| p.notices.last().cloned()) {
            footer.push(notice);
        }
        let overlay = panel::instances(&panel, size, &footer);
        let layers = [
            Layer { view_proj, instances: &boxes },
            Layer { view_proj: panel::pixel_projection(size), instances: &overlay },
        ];
        let frame = match gfx.surface.get_current_texture() {
            wgpu::CurrentSurfaceTexture::Success(t) | wgpu::CurrentSurfaceTexture::Suboptimal(t) => t,
            other => {
                tracing::debug!(?other, "no surface texture this frame; reconfiguring");
                gfx.surface.configure(&gfx.device, &gfx.config);
                return Ok(());
            }
        };
        let target = frame.texture.create_view(&Default::default());
        gfx.renderer.draw(&gfx.device, &gfx.queue, &target, size, &layers);
        gfx.window.pre_present_notify();
        gfx.queue.present(frame);
        self.report.frames += 1;
        let first = *self.first_frame.get_or_insert(now);
        if let Some((path, after)) = &self.opts.screenshot
            && self.report.screenshot.is_none()
            && first.elapsed() >= *after
        {
            capture::write_png(&gfx.device, &gfx.queue, &mut gfx.renderer, gfx.config.format, size, &layers, path)?;
            tracing::info!(path = %path.display(), "screenshot written");
            self.report.screenshot = Some(path.clone());
        }
        if self.opts.seconds.is_some_and(|s| first.elapsed() >= s) {
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
