//! Enter VR: the room in a WebXR `immersive-vr` session, on WebGL2. The page's glue
//! (`page/room.js`) requests the session, makes an XR-compatible WebGL2 context and its
//! `XRWebGLLayer`, and on every XR frame hands over the viewer's pose, each view (viewport,
//! projection, eye pose) and each controller (grip and aim poses, trigger, grip, thumbstick) as
//! plain numbers. Here each eye is drawn with the native renderer into a texture and copied
//! into its viewport of the layer's framebuffer (flipped, sRGB-encoded: `blit.wgsl`).
//!
//! Gestures are the native headset's: grip grabs (and opens or closes a door within reach),
//! the trigger uses the tool, the right thumbstick snap-turns (left, right) and teleports (push
//! forward, aim with the right controller, let go). The left controller's X button shows or
//! hides the tablet (`crossdock_ui::tablet`, the native headset's) in the left hand; the right
//! controller's ray points at it, its trigger clicks and its stick scrolls while the ray is on
//! it.

use std::f32::consts::FRAC_PI_6;

use crossdock_client::interact::{Gesture, Half, Interaction};
use crossdock_client::interp::{AvatarFrame, Pose};
use crossdock_client::view::{Notice, Panel, SceneInput};
use crossdock_protocol::{Hand, Intent};
use crossdock_render::overlay::Overlay;
use crossdock_render::{Instance, Layer, Renderer, projection};
use crossdock_ui::panel::{Action, PanelInput, VoiceView};
use crossdock_ui::tablet::{Placement, Tablet, TabletInput};
use crossdock_ui::{Words, plates};
use glam::{Mat4, Quat, Vec3};
use web_time::Instant;
use wgpu::hal::gles;

/// Numbers per view the page sends: viewport (4), projection (16), eye position (3) and
/// orientation (4).
pub const VIEW_FLOATS: usize = 27;
/// Numbers per controller: present, grip position and orientation, aim position and
/// orientation, trigger, grip, thumbstick x and y, the first face button (X or A).
pub const HAND_FLOATS: usize = 20;
/// The layer's framebuffer format.
const LAYER_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8Unorm;
/// Each eye's picture before it is copied into the layer.
const EYE_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8UnormSrgb;
/// Button hysteresis: pressed above, released below.
const PRESS: f32 = 0.7;
const RELEASE: f32 = 0.3;
/// How far a teleport may go, metres.
const TELEPORT_RANGE: f32 = 8.0;
/// How far the tablet's ray reaches when it meets nothing, metres.
const RAY_M: f32 = 1.2;
/// How far a stick pushed all the way scrolls the tablet each frame, points.
const SCROLL_POINTS_PER_FRAME: f32 = 12.0;

/// One controller this frame, in the room's frame.
#[derive(Debug, Clone, Copy)]
struct Controller {
    grip: Pose,
    aim: Pose,
    trigger: f32,
    squeeze: f32,
    stick: (f32, f32),
    button: f32,
}

/// The GPU side of the immersive session: a device on the XR-compatible context.
pub struct XrGfx {
    device: wgpu::Device,
    queue: wgpu::Queue,
    renderer: Renderer,
    plates: Overlay,
    blit: wgpu::RenderPipeline,
    blit_layout: wgpu::BindGroupLayout,
    sampler: wgpu::Sampler,
    eyes: Vec<(wgpu::TextureView, (u32, u32))>,
}

/// The immersive session's state.
pub struct Xr {
    gfx: XrGfx,
    /// Where the tracking space's origin stands in the room, and its turn about the vertical.
    origin: Vec3,
    yaw: f32,
    pressed: [(bool, bool); 2],
    button_was: bool,
    /// Each trigger held half way (pointing), the hand that points, and when the session began
    /// (the half press's clock).
    half: [Half; 2],
    pointing: Option<Hand>,
    began: Instant,
    /// The tablet, its painter, where it is this frame and the ray at it.
    pub tablet: Tablet,
    tablet_painter: Overlay,
    placement: Option<Placement>,
    ray: Option<(Vec3, Vec3)>,
    /// Where the ray meets the tablet this frame: the point on its face, the trigger's change,
    /// and how far to scroll.
    tablet_hit: Option<(egui::Pos2, Option<bool>, f32)>,
    stick_turned: bool,
    stick_aiming: bool,
    /// Frames submitted, and the views in the last one.
    pub frames: u64,
    pub views: usize,
    /// The local avatar this frame, in the room's frame.
    pub frame: Option<AvatarFrame>,
}

impl std::fmt::Debug for Xr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Xr").field("frames", &self.frames).field("origin", &self.origin).finish_non_exhaustive()
    }
}

impl Xr {
    /// A device on `gl` (made with `xrCompatible: true`), standing at the container's doors.
    pub async fn open(gl: web_sys::WebGl2RenderingContext, scene: &SceneInput) -> Result<Xr, String> {
        let mut desc = wgpu::InstanceDescriptor::new_without_display_handle();
        desc.backends = wgpu::Backends::GL;
        let instance = wgpu::Instance::new(desc);
        // SAFETY: the context is the page's XR layer context, alive while the session is (the
        // page keeps it), and every object made from this adapter is dropped with `Xr`, when
        // the session ends, before the page lets the context go.
        let exposed = unsafe { gles::Adapter::new_external(gl, wgpu::GlBackendOptions::default()) }
            .ok_or("the headset's WebGL2 context cannot be used")?;
        // SAFETY: `exposed` was just made from a live context, for this instance's backend.
        let adapter = unsafe { instance.create_adapter_from_hal(exposed) };
        let (device, queue) = adapter
            .request_device(&wgpu::DeviceDescriptor {
                label: Some("crossdock-webxr"),
                required_limits: wgpu::Limits::downlevel_webgl2_defaults().using_resolution(adapter.limits()),
                ..Default::default()
            })
            .await
            .map_err(|e| format!("cannot open the headset's WebGL2 device: {e}"))?;
        let renderer = Renderer::new(&device, EYE_FORMAT);
        let plates = Overlay::new(&device, EYE_FORMAT);
        let (blit, blit_layout) = blit_pipeline(&device);
        let sampler = device.create_sampler(&wgpu::SamplerDescriptor {
            mag_filter: wgpu::FilterMode::Linear,
            min_filter: wgpu::FilterMode::Linear,
            ..Default::default()
        });
        let length = crossdock_protocol::units::size(scene.container_mm).x;
        let tablet_painter = Overlay::new(&device, EYE_FORMAT);
        Ok(Xr {
            tablet: Tablet::default(),
            tablet_painter,
            placement: None,
            ray: None,
            button_was: false,
            gfx: XrGfx { device, queue, renderer, plates, blit, blit_layout, sampler, eyes: Vec::new() },
            origin: Vec3::new(length + 2.5, 0.0, 0.0),
            yaw: std::f32::consts::FRAC_PI_2,
            pressed: [(false, false); 2],
            half: Default::default(),
            pointing: None,
            began: Instant::now(),
            tablet_hit: None,
            stick_turned: false,
            stick_aiming: false,
            frames: 0,
            views: 0,
            frame: None,
        })
    }

    /// Moves the tracking space so the head stands over `to` (the instructor summoned us).
    pub fn teleport(&mut self, to: Vec3) {
        if let Some(frame) = self.frame {
            self.origin += Vec3::new(to.x - frame.head.position.x, 0.0, to.z - frame.head.position.z);
        }
    }

    /// The tracking space's origin in the room, and its turn: `[x, y, z, yaw]`.
    pub fn origin(&self) -> Vec<f32> {
        vec![self.origin.x, self.origin.y, self.origin.z, self.yaw]
    }

    /// Tracking space to room.
    fn to_room(&self, local: Pose) -> Pose {
        let turn = Quat::from_rotation_y(self.yaw);
        Pose { position: self.origin + turn * local.position, rotation: turn * local.rotation }
    }

    /// Reads the page's numbers for the head and the controllers (the local avatar is then in
    /// [`Xr::frame`]) and turns gestures into intents.
    pub fn input(
        &mut self,
        scene: &SceneInput,
        interaction: &mut Interaction,
        head: &[f32],
        hands: &[f32],
    ) -> Vec<Intent> {
        if head.len() < 7 || hands.len() < 2 * HAND_FLOATS {
            return Vec::new();
        }
        let head = self.to_room(pose_at(head, 0));
        let mut controllers = [None, None];
        for (i, slot) in controllers.iter_mut().enumerate() {
            let h = &hands[i * HAND_FLOATS..(i + 1) * HAND_FLOATS];
            if h[0] > 0.5 {
                *slot = Some(Controller {
                    grip: self.to_room(pose_at(h, 1)),
                    aim: self.to_room(pose_at(h, 8)),
                    trigger: h[15],
                    squeeze: h[16],
                    stick: (h[17], h[18]),
                    button: h[19],
                });
            }
        }
        let rest = |side: f32| Pose {
            position: head.position + head.rotation * crossdock_client::interact::rest_hand(side),
            rotation: head.rotation,
        };
        let left = controllers[0].map_or(rest(-1.0), |c| c.grip);
        let right = controllers[1].map_or(rest(1.0), |c| c.grip);
        self.frame = Some(AvatarFrame { head, left, right });

        // The tablet: X shows or hides it; while the right ray is on it, the right trigger and
        // stick are its own.
        // A frame without the left controller's pose keeps the button as it was (no false edge).
        if let Some(c) = controllers[0] {
            let button = if self.button_was { c.button > RELEASE } else { c.button >= PRESS };
            if button && !self.button_was {
                self.tablet.open = !self.tablet.open;
            }
            self.button_was = button;
        }
        self.placement = self.tablet.open.then(|| Placement::held(left, head.position));
        self.ray = None;
        self.tablet_hit = None;
        if let (Some(placement), Some(c)) = (self.placement, controllers[1].as_mut()) {
            let direction = c.aim.rotation * Vec3::NEG_Z;
            let hit = placement.hit(c.aim.position, direction);
            let end = hit.map_or(c.aim.position + direction * RAY_M, |(_, d)| c.aim.position + direction * d);
            self.ray = Some((c.aim.position, end));
            if let Some((at, _)) = hit {
                let (trigger_was, _) = (self.pressed[1].1, ());
                let trigger = if trigger_was { c.trigger > RELEASE } else { c.trigger >= PRESS };
                let press = (trigger != trigger_was).then_some(trigger);
                self.tablet_hit = Some((at, press, c.stick.1 * SCROLL_POINTS_PER_FRAME));
                self.pressed[1].1 = trigger;
                // Taken by the tablet: no tool, no turn, no teleport this frame.
                c.trigger = if trigger { 1.0 } else { 0.0 };
                c.stick = (0.0, 0.0);
            }
        }

        let mut intents = Vec::new();
        for (i, hand) in [Hand::Left, Hand::Right].into_iter().enumerate() {
            let Some(c) = controllers[i] else { continue };
            let (grip_was, trigger_was) = self.pressed[i];
            let grip = if grip_was { c.squeeze > RELEASE } else { c.squeeze >= PRESS };
            let trigger = if trigger_was { c.trigger > RELEASE } else { c.trigger >= PRESS };
            if grip && !grip_was {
                intents.extend(interaction.apply(scene, Gesture::Grab { hand, at: c.grip.position, aim: Some(c.aim) }));
            } else if !grip && grip_was {
                intents.extend(interaction.apply(scene, Gesture::Release(hand)));
            }
            if trigger && !trigger_was && hand == Hand::Right && self.tablet_hit.is_none() {
                intents.extend(interaction.apply(scene, Gesture::Trigger { aim: c.aim, mark_distance: 1.5 }));
            }
            self.pressed[i] = (grip, trigger);
        }
        // A trigger held half way points with that hand's index finger (the right one first).
        let seconds = self.began.elapsed().as_secs_f64();
        let half: [bool; 2] =
            std::array::from_fn(|i| controllers[i].is_some_and(|c| self.half[i].update(c.trigger, seconds)));
        let pointing = if half[1] { Some(Hand::Right) } else { half[0].then_some(Hand::Left) };
        if pointing != self.pointing {
            self.pointing = pointing;
            intents.extend(interaction.apply(scene, Gesture::Point(pointing)));
        }
        if let Some(c) = controllers[1] {
            self.stick(c, head);
        }
        intents
    }

    /// Adds the CJK font (fetched by the page) to everything this session paints text with.
    pub fn add_cjk(&mut self, bytes: &[u8]) {
        crossdock_ui::fonts::add_cjk(&self.gfx.plates.ctx, bytes.to_vec());
        crossdock_ui::fonts::add_cjk(&self.tablet.ctx, bytes.to_vec());
        self.gfx.renderer.change_fonts(|ctx| crossdock_ui::fonts::add_cjk(ctx, bytes.to_vec()));
        self.tablet.redraw();
    }

    /// Lays the tablet out with the class (when it is open); returns what was clicked on it.
    pub fn update_tablet(
        &mut self,
        words: &Words,
        class: Option<&Panel>,
        notices: &[Notice],
        now: Instant,
    ) -> Vec<Action> {
        let Some(class) = class.filter(|_| self.tablet.open) else { return Vec::new() };
        let (pointer, press, scroll) = match self.tablet_hit {
            Some((at, press, scroll)) => (Some(at), press, scroll),
            None => (None, None, 0.0),
        };
        let panel = PanelInput {
            panel: class,
            voice: VoiceView::default(),
            view: crossdock_ui::text::role(words, class.role),
            following: None,
            notices,
            now,
        };
        self.tablet.update(words, TabletInput { panel, pointer, press, scroll }, now)
    }

    /// Snap-turn on a flick left or right; teleport where the right aim meets the floor when a
    /// forward push is let go.
    fn stick(&mut self, c: Controller, head: Pose) {
        let (x, y) = c.stick;
        if x.abs() >= PRESS && !self.stick_turned {
            self.stick_turned = true;
            // Turn about the head, so the world turns around the person, not the room's corner.
            let turn = Quat::from_rotation_y(-x.signum() * FRAC_PI_6);
            self.origin = head.position + turn * (self.origin - head.position);
            self.origin.y = 0.0;
            self.yaw -= x.signum() * FRAC_PI_6;
        } else if x.abs() <= RELEASE {
            self.stick_turned = false;
        }
        if -y >= PRESS {
            self.stick_aiming = true;
        } else if self.stick_aiming && y.abs() <= RELEASE {
            self.stick_aiming = false;
            let forward = c.aim.rotation * Vec3::NEG_Z;
            if forward.y < -0.05 {
                let t = -c.aim.position.y / forward.y;
                let hit = c.aim.position + forward * t;
                let step = Vec3::new(hit.x - head.position.x, 0.0, hit.z - head.position.z);
                if step.length() <= TELEPORT_RANGE {
                    self.origin += step;
                }
            }
        }
    }

    /// Draws `scene` for each view into the layer's framebuffer (`None`: the context's own).
    pub fn draw(
        &mut self,
        scene: &SceneInput,
        words: &Words,
        framebuffer: Option<web_sys::WebGlFramebuffer>,
        size: (u32, u32),
        views: &[f32],
    ) -> (u64, usize) {
        let g = &mut self.gfx;
        let boxes = g.renderer.prepare(scene);
        let cost = crossdock_render::cost(&g.renderer.models, &boxes);
        let tags = plates::tags(scene, words);
        let count = views.len() / VIEW_FLOATS;
        let mut placed = Vec::new();
        for v in 0..count {
            let view = &views[v * VIEW_FLOATS..(v + 1) * VIEW_FLOATS];
            let viewport = [view[0] as u32, view[1] as u32, view[2].max(1.0) as u32, view[3].max(1.0) as u32];
            let m = &view[4..20];
            // The XR projection's tangents (GL clip space) as the renderer's four angles.
            let (m00, m11, m20, m21) = (m[0], m[5], m[8], m[9]);
            let (right, left) = (((1.0 + m20) / m00).atan(), ((m20 - 1.0) / m00).atan());
            let (up, down) = (((1.0 + m21) / m11).atan(), ((m21 - 1.0) / m11).atan());
            let turn = Quat::from_rotation_y(self.yaw);
            let eye_local = pose_at(view, 20);
            let eye = Pose { position: self.origin + turn * eye_local.position, rotation: turn * eye_local.rotation };
            let view_proj = projection(left, right, up, down, 0.05, 300.0)
                * Mat4::from_rotation_translation(eye.rotation, eye.position).inverse();
            let size = (viewport[2], viewport[3]);
            if g.eyes.get(v).is_none_or(|(_, s)| *s != size) {
                let texture = g.device.create_texture(&wgpu::TextureDescriptor {
                    label: Some("eye"),
                    size: wgpu::Extent3d { width: size.0, height: size.1, depth_or_array_layers: 1 },
                    mip_level_count: 1,
                    sample_count: 1,
                    dimension: wgpu::TextureDimension::D2,
                    format: EYE_FORMAT,
                    usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::TEXTURE_BINDING,
                    view_formats: &[],
                });
                let view = texture.create_view(&Default::default());
                if v < g.eyes.len() {
                    g.eyes[v] = (view, size);
                } else {
                    g.eyes.push((view, size));
                }
            }
            let target = g.eyes[v].0.clone();
            g.renderer.draw(&g.device, &g.queue, &target, size, &[Layer { view_proj, instances: &boxes }]);
            let text = plates::tags_pass(&g.plates.ctx, size, 1.0, view_proj, eye.position, &tags).0;
            g.plates.paint(&g.device, &g.queue, &target, size, text);
            if let Some(placement) = self.placement {
                let (centre, turn, slab_size) = placement.slab();
                let mut over =
                    vec![Instance::flat(centre, turn, slab_size, crossdock_render::linear(self.tablet.fill()))];
                if let Some((from, to)) = self.ray {
                    let length = (to - from).length();
                    let along = Quat::from_rotation_arc(Vec3::NEG_Z, (to - from).normalize_or(Vec3::NEG_Z));
                    over.push(Instance::flat(
                        (from + to) / 2.0,
                        along,
                        Vec3::new(0.004, 0.004, length),
                        [0.9, 0.9, 1.0],
                    ));
                }
                g.renderer.draw_over(&g.device, &g.queue, &target, size, &Layer { view_proj, instances: &over });
                if v == 0 {
                    self.tablet_painter.update_textures(&g.device, &g.queue, self.tablet.take_textures());
                }
                let jobs = placement.in_eye(self.tablet.jobs(), view_proj, size);
                self.tablet_painter.paint_jobs(&g.device, &g.queue, &target, size, 1.0, &jobs);
            }
            placed.push(viewport);
        }
        let layer = layer_texture(&g.device, framebuffer, size);
        let layer_view = layer.create_view(&Default::default());
        let mut encoder = g.device.create_command_encoder(&Default::default());
        {
            let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("webxr layer"),
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view: &layer_view,
                    depth_slice: None,
                    resolve_target: None,
                    ops: wgpu::Operations {
                        load: wgpu::LoadOp::Clear(wgpu::Color::BLACK),
                        store: wgpu::StoreOp::Store,
                    },
                })],
                ..Default::default()
            });
            pass.set_pipeline(&g.blit);
            for (v, viewport) in placed.iter().enumerate() {
                let bind = g.device.create_bind_group(&wgpu::BindGroupDescriptor {
                    label: Some("eye"),
                    layout: &g.blit_layout,
                    entries: &[
                        wgpu::BindGroupEntry { binding: 0, resource: wgpu::BindingResource::TextureView(&g.eyes[v].0) },
                        wgpu::BindGroupEntry { binding: 1, resource: wgpu::BindingResource::Sampler(&g.sampler) },
                    ],
                });
                pass.set_bind_group(0, &bind, &[]);
                let [x, y, w, h] = viewport.map(|n| n as f32);
                pass.set_viewport(x, y, w, h, 0.0, 1.0);
                pass.draw(0..3, 0..1);
            }
        }
        g.queue.submit([encoder.finish()]);
        self.frames += 1;
        self.views = count;
        cost
    }
}

/// A pose from seven numbers at `at`: position, then orientation (x, y, z, w).
fn pose_at(v: &[f32], at: usize) -> Pose {
    let p = Vec3::new(v[at], v[at + 1], v[at + 2]);
    let q = Quat::from_xyzw(v[at + 3], v[at + 4], v[at + 5], v[at + 6]).normalize();
    Pose { position: p, rotation: if q.is_finite() { q } else { Quat::IDENTITY } }
}

/// The layer's framebuffer as a wgpu texture for this frame.
fn layer_texture(
    device: &wgpu::Device,
    framebuffer: Option<web_sys::WebGlFramebuffer>,
    size: (u32, u32),
) -> wgpu::Texture {
    let mut hal = gles::Texture::default_framebuffer(LAYER_FORMAT);
    hal.copy_size = wgpu::hal::CopyExtent { width: size.0, height: size.1, depth: 1 };
    if let Some(inner) = framebuffer {
        hal.inner = gles::TextureInner::ExternalFramebuffer { inner };
    }
    let desc = wgpu::TextureDescriptor {
        label: Some("webxr layer"),
        size: wgpu::Extent3d { width: size.0, height: size.1, depth_or_array_layers: 1 },
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format: LAYER_FORMAT,
        usage: wgpu::TextureUsages::RENDER_ATTACHMENT,
        view_formats: &[],
    };
    // SAFETY: the framebuffer is this frame's layer framebuffer (or the context's own, where the
    // emulator gives none), of `size` and RGBA8, and lives through the frame; it is only ever
    // a render target, cleared on load, so its earlier state does not matter.
    unsafe { device.create_texture_from_hal::<wgpu::hal::api::Gles>(hal, &desc, wgpu::TextureUses::UNINITIALIZED) }
}

fn blit_pipeline(device: &wgpu::Device) -> (wgpu::RenderPipeline, wgpu::BindGroupLayout) {
    let shader = device.create_shader_module(wgpu::include_wgsl!("blit.wgsl"));
    let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
        label: Some("eye"),
        entries: &[
            wgpu::BindGroupLayoutEntry {
                binding: 0,
                visibility: wgpu::ShaderStages::FRAGMENT,
                ty: wgpu::BindingType::Texture {
                    sample_type: wgpu::TextureSampleType::Float { filterable: true },
                    view_dimension: wgpu::TextureViewDimension::D2,
                    multisampled: false,
                },
                count: None,
            },
            wgpu::BindGroupLayoutEntry {
                binding: 1,
                visibility: wgpu::ShaderStages::FRAGMENT,
                ty: wgpu::BindingType::Sampler(wgpu::SamplerBindingType::Filtering),
                count: None,
            },
        ],
    });
    let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
        label: Some("eye"),
        bind_group_layouts: &[Some(&layout)],
        immediate_size: 0,
    });
    let pipeline = device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
        label: Some("webxr blit"),
        layout: Some(&pipeline_layout),
        vertex: wgpu::VertexState {
            module: &shader,
            entry_point: Some("vs"),
            buffers: &[],
            compilation_options: Default::default(),
        },
        fragment: Some(wgpu::FragmentState {
            module: &shader,
            entry_point: Some("fs"),
            targets: &[Some(LAYER_FORMAT.into())],
            compilation_options: Default::default(),
        }),
        primitive: wgpu::PrimitiveState::default(),
        depth_stencil: None,
        multisample: wgpu::MultisampleState::default(),
        multiview_mask: None,
        cache: None,
    });
    (pipeline, layout)
}
