//! `crossdock-headset xr`: the OpenXR front end. This module is the frame loop; the session
//! lifecycle is [`lifecycle`], controllers [`input`], the Vulkan/wgpu bridge [`gpu`].
//!
//! Each frame: poll runtime events (lifecycle), wait for the frame, read the controllers and
//! locate head and views at the predicted display time, send the avatar pose stamped with that
//! time, turn controller gestures into intents, then render the shared scene (remote avatars
//! interpolated by the network thread, the local hands straight from tracking) into both eyes,
//! then the name plates and the tablet ([`tablet`]) through each eye's projection.

pub mod gpu;
pub mod input;
pub mod lifecycle;
pub mod tablet;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use crossdock_protocol::drill::Tool;
use crossdock_protocol::invite::Invite;
use crossdock_protocol::units;
use crossdock_protocol::{Hand, Intent};
use glam::{Mat4, Quat, Vec3};
use openxr as xr;
use serde::Serialize;

use crossdock_client::Details;
use crossdock_client::interact::{Gesture, Interaction, Mode, avatar_pose};
use crossdock_client::interp::{AvatarFrame, Pose};
use crossdock_client::link::{Link, Outgoing};
use crossdock_client::view::SceneInput;
use crossdock_render::overlay::Overlay;
use crossdock_render::scene;
use crossdock_render::{Instance, Layer, Renderer, capture, projection};
use crossdock_ui::panel::{Action as TabletAction, VoiceView};
use crossdock_ui::{i18n, plates};
use input::{Controls, InputFrame};
use lifecycle::{Action, Lifecycle, Phase};

const VIEW_TYPE: xr::ViewConfigurationType = xr::ViewConfigurationType::PRIMARY_STEREO;
/// Near and far clip planes, metres.
const NEAR: f32 = 0.03;
const FAR: f32 = 200.0;
/// How far one teleport goes, metres.
const TELEPORT: f32 = 1.5;

/// What `crossdock-headset xr` was asked.
#[derive(Debug, Clone)]
pub struct XrOptions {
    /// The invite.
    pub invite: Invite,
    /// Name, administration, locale.
    pub details: Details,
    /// Write the left eye's image here once this long has passed since the session was focused.
    pub screenshot: Option<(PathBuf, Duration)>,
    /// Leave (cleanly, through the runtime) after submitting this many frames.
    pub frames: Option<u64>,
    /// Scale of the runtime's recommended eye resolution (software rendering wants less).
    pub resolution_scale: f32,
    /// Voice: talk mode, files instead of devices.
    pub voice: crossdock_voice::VoiceOptions,
    /// Show the tablet from the start.
    pub open_tablet: bool,
    /// Pin the tablet in the air in front of the wearer instead of holding it.
    pub pin_tablet: bool,
    /// Click these tablet controls in order, once shown (tests, demos).
    pub press: Vec<String>,
    /// Write where each tablet control is (JSON, points on its face) here.
    pub ui_map: Option<PathBuf>,
    /// Raise (or lower) the room by this much, metres: a seated trainee reaches the cargo.
    pub height_offset: f32,
}

/// What happened, printed as JSON at exit.
#[derive(Debug, Clone, Default, Serialize)]
pub struct XrReport {
    /// The runtime's name and version.
    pub runtime: String,
    /// Frames ended with a projection layer.
    pub frames_submitted: u64,
    /// The session reached focus.
    pub focused: bool,
    /// Every lifecycle phase entered, in order.
    pub phases: Vec<String>,
    /// The screenshot written, if any.
    pub screenshot: Option<PathBuf>,
    /// Eye resolution rendered.
    pub eye_resolution: (u32, u32),
    /// Poses were stamped with the runtime's own display times (not an estimate).
    pub exact_display_time: bool,
    /// Why the network connection ended, if it did before the session.
    pub connection: Option<String>,
    /// How often the tablet's frame was laid out (it is reused while nothing changes).
    pub tablet_layouts: u64,
    /// The tablet controls `--press` clicked.
    pub pressed: Vec<String>,
}

/// The room-scale play area placed in the world: where the stage's origin is, and its turn.
#[derive(Debug, Clone, Copy)]
struct Rig {
    origin: Vec3,
    yaw: f32,
}

impl Rig {
    fn rotation(&self) -> Quat {
        Quat::from_rotation_y(self.yaw)
    }

    fn place(&self, p: Pose) -> Pose {
        Pose { position: self.origin + self.rotation() * p.position, rotation: self.rotation() * p.rotation }
    }

    /// Turns by `angle` about the vertical through `pivot` (the head), which stays put.
    fn turn_about(&mut self, pivot: Vec3, angle: f32) {
        let turn = Quat::from_rotation_y(angle);
        self.origin = pivot + turn * (self.origin - pivot);
        self.yaw += angle;
    }
}

/// Runs the headset client until the runtime ends the session.
pub fn run(opts: XrOptions) -> Result<XrReport> {
    let entry = gpu::load_entry().map_err(|e| {
        anyhow::anyhow!(
            "no OpenXR loader ({e}): install an OpenXR runtime (SteamVR, Monado or your headset vendor's) and its loader (Debian: libopenxr-loader1)"
        )
    })?;
    let available = entry.enumerate_extensions().map_err(|e| {
        anyhow::anyhow!(
            "no OpenXR runtime is installed or active ({e}): install SteamVR or Monado (or your headset vendor's runtime) and start it"
        )
    })?;
    if !available.khr_vulkan_enable2 {
        bail!(
            "the OpenXR runtime has no Vulkan support (XR_KHR_vulkan_enable2): switch to a runtime that has, such as SteamVR or Monado"
        );
    }
    let mut extensions = xr::ExtensionSet::default();
    extensions.khr_vulkan_enable2 = true;
    extensions.khr_convert_timespec_time = available.khr_convert_timespec_time;
    let instance = entry
        .create_instance(
            &xr::ApplicationInfo {
                application_name: "Crossdock",
                application_version: 1,
                engine_name: "crossdock",
                engine_version: 1,
                api_version: xr::Version::new(1, 0, 0),
            },
            &extensions,
            &[],
            &(),
        )
        .map_err(|e| anyhow::anyhow!("the OpenXR runtime refused to start ({e}): is it running?"))?;
    let props = instance.properties()?;
    let runtime = format!("{} {}", props.runtime_name, props.runtime_version);
    tracing::info!(%runtime, "OpenXR runtime");
    let system = instance.system(xr::FormFactor::HEAD_MOUNTED_DISPLAY).map_err(|e| {
        anyhow::anyhow!("no headset found ({e}): connect and switch on the headset, and check the runtime sees it")
    })?;
    let blend = *instance
        .enumerate_environment_blend_modes(system, VIEW_TYPE)?
        .first()
        .context("the runtime offers no blend mode")?;

    // Join before opening the display, so a bad invite or a down server says so plainly.
    let voice = crossdock_voice::for_front_end(&opts.voice)?;
    let link = Link::connect(opts.invite.clone(), opts.details.clone(), voice, true)?;
    let gpu = gpu::create(&instance, system)?;
    let (session, mut frame_wait, mut frame_stream) = gpu::create_session(&instance, system, &gpu)?;
    let stage = if session.enumerate_reference_spaces()?.contains(&xr::ReferenceSpaceType::STAGE) {
        session.create_reference_space(xr::ReferenceSpaceType::STAGE, xr::Posef::IDENTITY)?
    } else {
        tracing::info!("no stage space; using the local space");
        session.create_reference_space(xr::ReferenceSpaceType::LOCAL, xr::Posef::IDENTITY)?
    };
    let view_space = session.create_reference_space(xr::ReferenceSpaceType::VIEW, xr::Posef::IDENTITY)?;
    let mut controls = Controls::new(&instance, &session)?;

    let views = instance.enumerate_view_configuration_views(system, VIEW_TYPE)?;
    let view = views.first().context("the runtime reports no views")?;
    let scale = opts.resolution_scale.clamp(0.1, 2.0);
    let size = (
        ((view.recommended_image_rect_width as f32 * scale) as u32).clamp(64, view.max_image_rect_width),
        ((view.recommended_image_rect_height as f32 * scale) as u32).clamp(64, view.max_image_rect_height),
    );
    let (vk_format, format) = gpu::pick_format(&session.enumerate_swapchain_formats()?)
        .context("the runtime offers no 8-bit colour swapchain format")?;
    let mut swapchain = session.create_swapchain(&xr::SwapchainCreateInfo {
        create_flags: xr::SwapchainCreateFlags::EMPTY,
        usage_flags: xr::SwapchainUsageFlags::COLOR_ATTACHMENT,
        format: vk_format,
        sample_count: 1,
        width: size.0,
        height: size.1,
        face_count: 1,
        array_size: 2,
        mip_count: 1,
    })?;
    let targets: Vec<[wgpu::TextureView; 2]> = swapchain
        .enumerate_images()?
        .into_iter()
        .map(|image| {
            let texture = gpu::wrap_image(&gpu.device, image, format, size)?;
            Ok([0, 1].map(|layer| {
                texture.create_view(&wgpu::TextureViewDescriptor {
                    dimension: Some(wgpu::TextureViewDimension::D2),
                    base_array_layer: layer,
                    array_layer_count: Some(1),
                    ..Default::default()
                })
            }))
        })
        .collect::<Result<_>>()?;
    let mut renderer = Renderer::new(&gpu.device, format);
    let mut overlay = Overlay::new(&gpu.device, format);
    let words = i18n::words(i18n::choose(&[opts.details.locale.as_str()]));
    let mut tablet =
        tablet::HeadsetTablet::new(&gpu.device, format, opts.open_tablet, opts.pin_tablet, opts.press.clone());
    let clock = gpu::DisplayClock::new(&instance);
    tracing::info!(?clock, "display times");

    let mut report =
        XrReport { runtime, eye_resolution: size, exact_display_time: clock.exact(), ..XrReport::default() };
    let mut lifecycle = Lifecycle::default();
    let mut events = xr::EventDataBuffer::new();
    let mut rig: Option<Rig> = None;
    let mut interaction = Interaction::default();
    let mut focused_at: Option<Instant> = None;
    let mut exit_requested = false;
    'frames: loop {
        while let Some(event) = instance.poll_event(&mut events)? {
            let action = match event {
                xr::Event::SessionStateChanged(e) => {
                    let phase = phase_of(e.state());
                    tracing::info!(?phase, "session state");
                    if phase == Phase::Focused {
                        focused_at.get_or_insert_with(Instant::now);
                    }
                    lifecycle.enter(phase)
                }
                xr::Event::InstanceLossPending(_) => {
                    tracing::warn!("the OpenXR runtime is going away");
                    lifecycle.instance_lost()
                }
                _ => Action::None,
            };
            match action {
                Action::Begin => {
                    session.begin(VIEW_TYPE)?;
                }
                Action::End => {
                    session.end()?;
                }
                Action::Exit => break 'frames,
                Action::None => {}
            }
        }
        let done = opts.frames.is_some_and(|n| report.frames_submitted >= n);
        let lost = link.with(|p| p.ended.clone());
        if (done || lost.is_some()) && !exit_requested {
            if let Some(why) = lost {
                tracing::warn!(%why, "the connection to the server ended; leaving the session");
                report.connection = Some(why);
            }
            exit_requested = true;
            match session.request_exit() {
                Ok(()) => {}
                Err(xr::sys::Result::ERROR_SESSION_NOT_RUNNING) => break,
                Err(e) => return Err(e.into()),
            }
        }
        if !lifecycle.running() {
            std::thread::sleep(Duration::from_millis(10));
            continue;
        }

        let state = frame_wait.wait()?;
        frame_stream.begin()?;
        if !state.should_render {
            frame_stream.end(state.predicted_display_time, blend, &[])?;
            continue;
        }
        let time = state.predicted_display_time;
        // When this frame will be shown, on our clock: exactly where the runtime converts its
        // times, else about one frame period after wait() returns.
        let display = clock.instant(time).unwrap_or_else(|| {
            Instant::now() + Duration::from_nanos(state.predicted_display_period.as_nanos().max(0) as u64)
        });

        let mut scene = link.with(|p| p.scene.clone());
        let rig = rig.get_or_insert_with(|| {
            let mut rig = start_rig(&scene);
            rig.origin.y += opts.height_offset;
            rig
        });
        let mut input = if lifecycle.phase() == Phase::Focused {
            controls.read(&session, &stage, time)?
        } else {
            InputFrame::default()
        };
        let head = view_space.locate(&stage, time)?;
        let head = input::pose_of(head.pose);
        let (_, eyes) = session.locate_views(VIEW_TYPE, time, &stage)?;

        // The instructor's summons and teleports, then gestures, move the rig before this frame
        // is drawn, so it already shows the result.
        if let Some(to) = link.with(|p| p.teleport.take()) {
            let head_now = rig.place(head).position;
            rig.origin += Vec3::new(to.x - head_now.x, 0.0, to.z - head_now.z);
        }
        if input.stick.turn != 0.0 {
            rig.turn_about(rig.place(head).position, input.stick.turn);
        }
        if input.stick.teleport {
            teleport(rig, rig.place(head), &scene);
        }
        let world_head = rig.place(head);
        let hand_or_rest = |i: usize, side: f32| {
            input.hands[i].map(|h| rig.place(h)).unwrap_or(Pose {
                position: world_head.position + world_head.rotation * crossdock_client::interact::rest_hand(side),
                rotation: world_head.rotation,
            })
        };
        let local = AvatarFrame { head: world_head, left: hand_or_rest(0, -1.0), right: hand_or_rest(1, 1.0) };
        link.send(Outgoing::Pose(avatar_pose(&local), display));
        let voice_view = VoiceView::of(link.push_to_talk(input.talk), input.talk);
        let (class, notices) = link.with(|p| (p.panel.clone(), p.notices.clone()));
        let shown = tablet::Shown { notices: &notices, voice: voice_view, now: Instant::now() };
        let (actions, ray) = tablet.frame(&mut input, &local, class.as_ref(), &words, shown);
        for action in actions {
            act(&link, action, &scene, &local);
        }
        if let Some(path) = opts.ui_map.as_ref().filter(|_| tablet.open()) {
            crate::ui_map::write(path, 1.0, tablet.map())?;
        }
        for intent in gestures(&input, &local).into_iter().filter_map(|g| interaction.apply(&scene, g)) {
            if matches!(intent, Intent::Grab { .. }) {
                let hand = if matches!(intent, Intent::Grab { hand: Hand::Left, .. }) { 0 } else { 1 };
                controls.pulse(&session, hand);
            }
            link.send(Outgoing::Intent(intent));
        }

        scene.place_local(local);
        if interaction.mode == Mode::Tool(Tool::Flashlight) {
            scene.flashlight = Some((local.right.position, local.right.rotation * Vec3::NEG_Z));
        }
        let mut boxes = renderer.prepare(&scene);
        hud(input.stick.aiming.then(|| teleport_target(world_head, &scene)), ray, &mut boxes);
        if !tablet.captions() {
            scene.captions.clear();
        }
        let mut tags = plates::tags(&scene, &words);
        tags.push(plates::Tag {
            at: local.right.position + Vec3::Y * 0.08,
            lines: vec![(crossdock_ui::text::mode(&words, interaction.mode), crossdock_ui::colours::ATTENTION)],
            accent: crossdock_ui::colours::ATTENTION,
            kind: plates::Kind::Thing,
        });
        let view_projs: Vec<Mat4> = eyes
            .iter()
            .map(|eye| {
                let p = rig.place(input::pose_of(eye.pose));
                let view = Mat4::from_rotation_translation(p.rotation, p.position).inverse();
                projection(eye.fov.angle_left, eye.fov.angle_right, eye.fov.angle_up, eye.fov.angle_down, NEAR, FAR)
                    * view
            })
            .collect();
        let text_scale = eyes
            .first()
            .map_or(1.5, |eye| plates::pixels_per_point_for(size.0, eye.fov.angle_right - eye.fov.angle_left));

        let image = swapchain.acquire_image()? as usize;
        swapchain.wait_image(xr::Duration::INFINITE)?;
        for (eye, view_proj) in view_projs.iter().enumerate().take(2) {
            let layers = [Layer { view_proj: *view_proj, instances: &boxes }];
            renderer.draw(&gpu.device, &gpu.queue, &targets[image][eye], size, &layers);
            // Names and tags through this eye's projection: each eye sees them where they are.
            let text = plates::tags_pass(&overlay.ctx, size, text_scale, *view_proj, world_head.position, &tags).0;
            overlay.paint(&gpu.device, &gpu.queue, &targets[image][eye], size, text);
            tablet.paint(&gpu.device, &gpu.queue, &mut renderer, &targets[image][eye], size, *view_proj);
        }
        swapchain.release_image()?;
        let rect = xr::Rect2Di {
            offset: xr::Offset2Di { x: 0, y: 0 },
            extent: xr::Extent2Di { width: size.0 as i32, height: size.1 as i32 },
        };
        let projection_views: Vec<_> = eyes
            .iter()
            .enumerate()
            .take(2)
            .map(|(i, eye)| {
                xr::CompositionLayerProjectionView::new().pose(eye.pose).fov(eye.fov).sub_image(
                    xr::SwapchainSubImage::new().swapchain(&swapchain).image_array_index(i as u32).image_rect(rect),
                )
            })
            .collect();
        frame_stream.end(
            time,
            blend,
            &[&xr::CompositionLayerProjection::new().space(&stage).views(&projection_views)],
        )?;
        report.frames_submitted += 1;
        if report.frames_submitted.is_multiple_of(100) {
            tracing::info!(frames = report.frames_submitted, phase = ?lifecycle.phase(), "frames submitted");
        }

        if let (Some((path, after)), Some(since)) = (&opts.screenshot, focused_at)
            && report.screenshot.is_none()
            && since.elapsed() >= *after
        {
            let layers = [Layer { view_proj: view_projs[0], instances: &boxes }];
            let text = plates::tags_pass(&overlay.ctx, size, text_scale, view_projs[0], world_head.position, &tags).0;
            capture::write_png(&gpu.device, &gpu.queue, format, size, path, |target| {
                renderer.draw(&gpu.device, &gpu.queue, target, size, &layers);
                overlay.paint(&gpu.device, &gpu.queue, target, size, text);
                tablet.paint(&gpu.device, &gpu.queue, &mut renderer, target, size, view_projs[0]);
            })?;
            tracing::info!(path = %path.display(), "left eye written");
            report.screenshot = Some(path.clone());
        }
    }
    report.focused = lifecycle.was_focused();
    report.tablet_layouts = tablet.layouts();
    report.pressed = tablet.pressed.clone();
    report.phases = lifecycle.history.iter().map(|p| format!("{p:?}")).collect();
    drop((swapchain, targets, stage, view_space, controls, frame_stream, frame_wait, session));
    link.leave();
    if lifecycle.history.contains(&Phase::LossPending) {
        bail!(
            "the OpenXR runtime stopped while the session ran: restart it (SteamVR, Monado) and join again with the same invite"
        );
    }
    if let Some((path, _)) = &opts.screenshot
        && report.screenshot.is_none()
    {
        bail!("the session ended before the screenshot was due; nothing was written to {}", path.display());
    }
    Ok(report)
}

fn phase_of(state: xr::SessionState) -> Phase {
    match state {
        xr::SessionState::READY => Phase::Ready,
        xr::SessionState::SYNCHRONIZED => Phase::Synchronized,
        xr::SessionState::VISIBLE => Phase::Visible,
        xr::SessionState::FOCUSED => Phase::Focused,
        xr::SessionState::STOPPING => Phase::Stopping,
        xr::SessionState::LOSS_PENDING => Phase::LossPending,
        xr::SessionState::EXITING => Phase::Exiting,
        _ => Phase::Idle,
    }
}

/// Where a participant starts: inside the container, a metre in from the doors, facing in.
fn start_rig(scene: &SceneInput) -> Rig {
    let length = units::size(scene.container_mm).x;
    // Stage forward is -z; a quarter turn left faces -x, into the container.
    Rig { origin: Vec3::new((length - 1.2).max(0.5), 0.0, 0.0), yaw: std::f32::consts::FRAC_PI_2 }
}

/// The point a teleport from `head` lands on: ahead on the floor, kept inside the yard around
/// the container.
fn teleport_target(head: Pose, scene: &SceneInput) -> Vec3 {
    let forward = head.rotation * Vec3::NEG_Z;
    let flat = Vec3::new(forward.x, 0.0, forward.z).normalize_or(Vec3::NEG_X);
    let [l, w, _] = units::size(scene.container_mm).to_array();
    let to = head.position + flat * TELEPORT;
    Vec3::new(to.x.clamp(-3.0, l + 4.0), 0.0, to.z.clamp(-w / 2.0 - 3.0, w / 2.0 + 3.0))
}

fn teleport(rig: &mut Rig, head: Pose, scene: &SceneInput) {
    let target = teleport_target(head, scene);
    rig.origin += Vec3::new(target.x - head.position.x, 0.0, target.z - head.position.z);
}

/// The gestures this frame's controller input means.
fn gestures(input: &InputFrame, local: &AvatarFrame) -> Vec<Gesture> {
    let mut out = Vec::new();
    if input.menu {
        out.push(Gesture::NextMode);
    }
    if let Some(hand) = input.point {
        out.push(Gesture::Point(hand));
    }
    for (i, hand) in [(0, Hand::Left), (1, Hand::Right)] {
        let pose = if i == 0 { local.left } else { local.right };
        if input.grab[i].pressed {
            out.push(Gesture::Grab { hand, at: pose.position, aim: None });
        }
        if input.grab[i].released {
            out.push(Gesture::Release(hand));
        }
        if input.use_tool[i].pressed {
            out.push(Gesture::Trigger { aim: pose, mark_distance: 0.5 });
        }
    }
    out
}

/// The local overlay's boxes: the teleport target, the tablet's ray and where it lands (the
/// trigger's mode is a tag by the hand).
fn hud(target: Option<Vec3>, ray: Option<(Vec3, Vec3)>, out: &mut Vec<Instance>) {
    if let Some(t) = target {
        out.push(Instance::flat(t + Vec3::Y * 0.01, Quat::IDENTITY, Vec3::new(0.4, 0.02, 0.4), [0.2, 0.9, 1.0]));
    }
    if let Some((from, to)) = ray {
        scene::segment(from, to, 0.004, RAY, out);
        out.push(Instance::flat(to, Quat::IDENTITY, Vec3::splat(0.012), RAY));
    }
}

/// The tablet's pointing ray.
const RAY: [f32; 3] = [0.4, 0.85, 1.0];

/// Carries out a tablet click: commands to the server (highlight and point along the right
/// controller), voice to the voice thread; camera views mean nothing in a headset (the head is
/// the camera).
fn act(link: &Link, action: TabletAction, scene: &SceneInput, local: &AvatarFrame) {
    use crossdock_client::interact::{bring_here, point_ahead, toggle_highlight};
    match action {
        TabletAction::Send(intent) => link.send(Outgoing::Intent(intent)),
        TabletAction::HighlightAimed => {
            if let Some(intent) = toggle_highlight(scene, local.right) {
                link.send(Outgoing::Intent(intent));
            }
        }
        TabletAction::PointAhead => link.send(Outgoing::Intent(point_ahead(local.right))),
        TabletAction::TeleportHere(who) => link.send(Outgoing::Intent(bring_here(who, local.head.position))),
        TabletAction::SetAllCall(on) => link.set_all_call(Some(on)),
        TabletAction::SetFloorLevel(level) => link.set_floor_level(level),
        TabletAction::Follow(_) | TabletAction::FreeView | TabletAction::Overview | TabletAction::ToggleFirstPerson => {
        }
    }
}
