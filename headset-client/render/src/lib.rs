//! The scene renderer, shared by the headset (OpenXR swapchain images) and the desktop window:
//! procedural meshes, built once per scenario and drawn instanced, lit by sun, sky, the open
//! doors and a flashlight, with one shadow map (`shader.wgsl`), into any colour target.
//!
//! - [`scene`]: what to draw, as plain [`Instance`]s built from the client's view of the room.
//! - [`mesh`]: triangles, materials and the registry of meshes ([`Models`]).
//! - [`container`], [`cargo`], [`people`]: the container to ISO dimensions, cargo by kind,
//!   participants.
//! - [`decals`]: printed markings (numbers, plates, labels) in one atlas painted by egui.
//! - [`Renderer`]: the pipelines; [`Renderer::draw`] renders one view.
//! - [`overlay`]: the egui user interface (panel, name plates, tags) painted over a view.
//! - [`cache`]: a panel's picture kept between frames and copied onto each.
//! - [`side`]: a window's side panel (desktop window, browser tab): run, cached, composited.
//! - [`capture`]: renders one frame offscreen and writes it as a PNG (`--screenshot`).

pub mod body;
pub mod cache;
pub mod capture;
pub mod cargo;
pub mod container;
pub mod decals;
pub mod mesh;
pub mod overlay;
pub mod people;
pub mod scene;
pub mod side;

use glam::{Mat4, Quat, Vec3};
use wgpu::util::DeviceExt;

pub use mesh::{CUBE, Material, MeshId, Models};

/// One instance of a mesh: its model matrix, a tint, and which mesh.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, bytemuck::Pod, bytemuck::Zeroable)]
pub struct Instance {
    /// Column-major model matrix.
    pub model: [[f32; 4]; 4],
    /// Linear RGB multiplying the mesh's colours, and the material: [`FROM_MESH`] keeps the
    /// mesh's own, 0 draws it unlit.
    pub color: [f32; 4],
    /// The mesh ([`MeshId`]).
    pub mesh: u32,
    _pad: [u32; 3],
}

/// An instance's material that keeps what the mesh says.
pub const FROM_MESH: f32 = -1.0;

impl Instance {
    /// A lit box of `size` metres at `center`, turned by `rotation`.
    pub fn lit(center: Vec3, rotation: Quat, size: Vec3, rgb: [f32; 3]) -> Instance {
        Instance {
            model: Mat4::from_scale_rotation_translation(size, rotation, center).to_cols_array_2d(),
            color: [rgb[0], rgb[1], rgb[2], Material::Matte.id()],
            mesh: CUBE.0,
            _pad: [0; 3],
        }
    }

    /// An unlit box (text, markers): the same colour from every side.
    pub fn flat(center: Vec3, rotation: Quat, size: Vec3, rgb: [f32; 3]) -> Instance {
        Instance { color: [rgb[0], rgb[1], rgb[2], 0.0], ..Instance::lit(center, rotation, size, rgb) }
    }

    /// `mesh` placed by `model`, its colours tinted by `tint`.
    pub fn of(mesh: MeshId, model: Mat4, tint: [f32; 3]) -> Instance {
        Instance {
            model: model.to_cols_array_2d(),
            color: [tint[0], tint[1], tint[2], FROM_MESH],
            mesh: mesh.0,
            _pad: [0; 3],
        }
    }

    /// The instance's origin (a box's centre).
    pub fn center(&self) -> Vec3 {
        Vec3::from_slice(&self.model[3][..3])
    }

    /// Its tint (or a box's colour).
    pub fn rgb(&self) -> [f32; 3] {
        [self.color[0], self.color[1], self.color[2]]
    }
}

/// One pass of instances seen through one camera: the scene, then overlays (panels, text)
/// drawn over it with a fresh depth buffer.
#[derive(Debug, Clone, Copy)]
pub struct Layer<'a> {
    /// World (or pixel) to clip.
    pub view_proj: Mat4,
    /// The instances.
    pub instances: &'a [Instance],
}

/// How one layer's pass starts: over the sky colour or over what is there, and whether it
/// draws only inside a rectangle (x, y, width, height).
#[derive(Debug, Clone, Copy)]
struct Pass {
    clear: bool,
    scissor: Option<[u32; 4]>,
}

/// The lights of a scene, set by [`scene::build`]: the sun and sky are fixed; the inside of the
/// container is lit through its doors, and a flashlight may be on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lights {
    /// The inside of the container, from one corner to the other.
    pub room: (Vec3, Vec3),
    /// How far the doors are open, 0 to 1 (both wide open: 1).
    pub doors_open: f32,
    /// The roof is left off (a view from above): the sky lights the inside.
    pub roofless: bool,
    /// A flashlight: where, and where it points.
    pub flashlight: Option<(Vec3, Vec3)>,
    /// What the shadow map must cover: centre and radius.
    pub focus: (Vec3, f32),
}

impl Default for Lights {
    fn default() -> Lights {
        Lights {
            room: (Vec3::ZERO, Vec3::ZERO),
            doors_open: 1.0,
            roofless: false,
            flashlight: None,
            focus: (Vec3::ZERO, 10.0),
        }
    }
}

/// Towards the sun: high, from behind the door end and one side.
pub const SUN: Vec3 = Vec3::new(0.45, 1.0, 0.55);

/// Uniforms: the camera, the sun's shadow camera, the lights.
#[repr(C)]
#[derive(Debug, Clone, Copy, bytemuck::Pod, bytemuck::Zeroable)]
struct CameraUniform {
    view_proj: [[f32; 4]; 4],
    shadow_proj: [[f32; 4]; 4],
    sun: [f32; 4],
    eye: [f32; 4],
    flash_pos: [f32; 4],
    flash_dir: [f32; 4],
    room_min: [f32; 4],
    room_max: [f32; 4],
}

/// Depth buffer format.
const DEPTH: wgpu::TextureFormat = wgpu::TextureFormat::Depth32Float;
/// The shadow map's side, pixels.
const SHADOW: u32 = 2048;

/// The meshes as uploaded: one vertex and one index buffer, and each mesh's range.
#[derive(Debug)]
struct Uploaded {
    vertices: wgpu::Buffer,
    indices: wgpu::Buffer,
    /// Each mesh's first index and index count.
    ranges: Vec<(u32, u32)>,
    generation: u64,
}

/// The scene pipeline, its shadow pass and buffers, for one colour format.
pub struct Renderer {
    pipeline: wgpu::RenderPipeline,
    shadow_pipeline: wgpu::RenderPipeline,
    camera: wgpu::Buffer,
    shadow_camera: wgpu::Buffer,
    bind: wgpu::BindGroup,
    shadow_bind: wgpu::BindGroup,
    shadow_map: wgpu::TextureView,
    shadowed: Option<u64>,
    atlas_view: wgpu::TextureView,
    atlas_painter: overlay::Overlay,
    atlas_version: Option<(u64, u64)>,
    instances: wgpu::Buffer,
    capacity: usize,
    meshes: Option<Uploaded>,
    depth: Option<((u32, u32), wgpu::TextureView)>,
    sorted: Vec<Instance>,
    /// The meshes and decals the scene asks for; [`scene::build`] fills it, the renderer
    /// uploads what is new.
    pub models: Models,
    /// The lights of the scene last built.
    pub lights: Lights,
    /// People's bodies between frames.
    bodies: scene::Bodies,
    /// When the last scene was prepared (bodies move on by the time since).
    prepared: Option<web_time::Instant>,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer").field("models", &self.models).field("lights", &self.lights).finish_non_exhaustive()
    }
}

/// What one frame of instances costs to draw: triangles and draw calls (one per mesh used).
pub fn cost(models: &Models, instances: &[Instance]) -> (u64, usize) {
    let meshes = models.meshes();
    let mut used = std::collections::BTreeSet::new();
    let mut triangles = 0u64;
    for i in instances {
        used.insert(i.mesh);
        triangles += meshes.get(i.mesh as usize).map_or(0, |m| m.triangles() as u64);
    }
    (triangles, used.len())
}

impl Renderer {
    /// Builds the pipelines for targets of `format`.
    pub fn new(device: &wgpu::Device, format: wgpu::TextureFormat) -> Renderer {
        let shader = device.create_shader_module(wgpu::include_wgsl!("shader.wgsl"));
        let uniform = |label| {
            device.create_buffer(&wgpu::BufferDescriptor {
                label: Some(label),
                size: size_of::<CameraUniform>() as u64,
                usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            })
        };
        let (camera, shadow_camera) = (uniform("camera"), uniform("shadow camera"));
        let texture_entry = |binding, sample_type| wgpu::BindGroupLayoutEntry {
            binding,
            visibility: wgpu::ShaderStages::FRAGMENT,
            ty: wgpu::BindingType::Texture {
                sample_type,
                view_dimension: wgpu::TextureViewDimension::D2,
                multisampled: false,
            },
            count: None,
        };
        let sampler_entry = |binding, ty| wgpu::BindGroupLayoutEntry {
            binding,
            visibility: wgpu::ShaderStages::FRAGMENT,
            ty: wgpu::BindingType::Sampler(ty),
            count: None,
        };
        let camera_entry = wgpu::BindGroupLayoutEntry {
            binding: 0,
            visibility: wgpu::ShaderStages::VERTEX_FRAGMENT,
            ty: wgpu::BindingType::Buffer {
                ty: wgpu::BufferBindingType::Uniform,
                has_dynamic_offset: false,
                min_binding_size: None,
            },
            count: None,
        };
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("scene"),
            entries: &[
                camera_entry,
                texture_entry(1, wgpu::TextureSampleType::Depth),
                sampler_entry(2, wgpu::SamplerBindingType::Comparison),
                texture_entry(3, wgpu::TextureSampleType::Float { filterable: true }),
                sampler_entry(4, wgpu::SamplerBindingType::Filtering),
            ],
        });
        let shadow_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("shadow"),
            entries: &[camera_entry],
        });
        let shadow_texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("shadow map"),
            size: wgpu::Extent3d { width: SHADOW, height: SHADOW, depth_or_array_layers: 1 },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: DEPTH,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::TEXTURE_BINDING,
            view_formats: &[],
        });
        let shadow_map = shadow_texture.create_view(&Default::default());
        let atlas = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("decal atlas"),
            size: wgpu::Extent3d { width: decals::ATLAS, height: decals::ATLAS, depth_or_array_layers: 1 },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: wgpu::TextureFormat::Rgba8UnormSrgb,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::TEXTURE_BINDING,
            view_formats: &[],
        });
        // The view keeps the texture alive.
        let atlas_view = atlas.create_view(&Default::default());
        let compare = device.create_sampler(&wgpu::SamplerDescriptor {
            label: Some("shadow"),
            compare: Some(wgpu::CompareFunction::LessEqual),
            mag_filter: wgpu::FilterMode::Linear,
            min_filter: wgpu::FilterMode::Linear,
            ..Default::default()
        });
        let linear = device.create_sampler(&wgpu::SamplerDescriptor {
            label: Some("atlas"),
            mag_filter: wgpu::FilterMode::Linear,
            min_filter: wgpu::FilterMode::Linear,
            ..Default::default()
        });
        let bind = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("scene"),
            layout: &layout,
            entries: &[
                wgpu::BindGroupEntry { binding: 0, resource: camera.as_entire_binding() },
                wgpu::BindGroupEntry { binding: 1, resource: wgpu::BindingResource::TextureView(&shadow_map) },
                wgpu::BindGroupEntry { binding: 2, resource: wgpu::BindingResource::Sampler(&compare) },
                wgpu::BindGroupEntry { binding: 3, resource: wgpu::BindingResource::TextureView(&atlas_view) },
                wgpu::BindGroupEntry { binding: 4, resource: wgpu::BindingResource::Sampler(&linear) },
            ],
        });
        let shadow_bind = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("shadow"),
            layout: &shadow_layout,
            entries: &[wgpu::BindGroupEntry { binding: 0, resource: shadow_camera.as_entire_binding() }],
        });
        let vertex_layouts = [
            Some(wgpu::VertexBufferLayout {
                array_stride: size_of::<mesh::Vertex>() as u64,
                step_mode: wgpu::VertexStepMode::Vertex,
                attributes: &wgpu::vertex_attr_array![0 => Float32x3, 1 => Float32x3, 2 => Float32x4, 3 => Float32x2],
            }),
            Some(wgpu::VertexBufferLayout {
                array_stride: size_of::<Instance>() as u64,
                step_mode: wgpu::VertexStepMode::Instance,
                attributes: &wgpu::vertex_attr_array![4 => Float32x4, 5 => Float32x4, 6 => Float32x4, 7 => Float32x4, 8 => Float32x4],
            }),
        ];
        let pipeline_layout = |layout: &wgpu::BindGroupLayout| {
            device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
                label: Some("scene"),
                bind_group_layouts: &[Some(layout)],
                immediate_size: 0,
            })
        };
        let pipeline = device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
            label: Some("scene"),
            layout: Some(&pipeline_layout(&layout)),
            vertex: wgpu::VertexState {
                module: &shader,
                entry_point: Some("vs"),
                compilation_options: Default::default(),
                buffers: &vertex_layouts,
            },
            fragment: Some(wgpu::FragmentState {
                module: &shader,
                entry_point: Some("fs"),
                compilation_options: Default::default(),
                targets: &[Some(wgpu::ColorTargetState { format, blend: None, write_mask: wgpu::ColorWrites::ALL })],
            }),
            primitive: wgpu::PrimitiveState { cull_mode: Some(wgpu::Face::Back), ..Default::default() },
            depth_stencil: Some(wgpu::DepthStencilState {
                format: DEPTH,
                depth_write_enabled: Some(true),
                depth_compare: Some(wgpu::CompareFunction::Less),
                stencil: Default::default(),
                bias: Default::default(),
            }),
            multisample: Default::default(),
            multiview_mask: None,
            cache: None,
        });
        let shadow_pipeline = device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
            label: Some("shadow"),
            layout: Some(&pipeline_layout(&shadow_layout)),
            vertex: wgpu::VertexState {
                module: &shader,
                entry_point: Some("vs_shadow"),
                compilation_options: Default::default(),
                buffers: &vertex_layouts,
            },
            fragment: None,
            primitive: wgpu::PrimitiveState::default(),
            depth_stencil: Some(wgpu::DepthStencilState {
                format: DEPTH,
                depth_write_enabled: Some(true),
                depth_compare: Some(wgpu::CompareFunction::Less),
                stencil: Default::default(),
                bias: wgpu::DepthBiasState { constant: 2, slope_scale: 2.0, clamp: 0.0 },
            }),
            multisample: Default::default(),
            multiview_mask: None,
            cache: None,
        });
        let capacity = 1024;
        let instances = Renderer::instance_buffer(device, capacity);
        Renderer {
            pipeline,
            shadow_pipeline,
            camera,
            shadow_camera,
            bind,
            shadow_bind,
            shadow_map,
            shadowed: None,
            atlas_view,
            atlas_painter: overlay::Overlay::new(device, wgpu::TextureFormat::Rgba8UnormSrgb),
            atlas_version: None,
            instances,
            capacity,
            meshes: None,
            depth: None,
            sorted: Vec::new(),
            models: Models::default(),
            lights: Lights::default(),
            bodies: scene::Bodies::default(),
            prepared: None,
        }
    }

    /// The instances that draw `scene` ([`scene::build`] with this renderer's models), grouped
    /// by mesh once for every eye that draws them, its lights kept for the next draws.
    pub fn prepare(&mut self, scene: &crossdock_client::view::SceneInput) -> Vec<Instance> {
        let now = web_time::Instant::now();
        let dt = self.prepared.map_or(0.0, |at| now.saturating_duration_since(at).as_secs_f32());
        self.prepared = Some(now);
        let (mut instances, lights) = scene::build(scene, &mut self.models, &mut self.bodies, dt);
        instances.sort_by_key(|i| i.mesh);
        self.lights = lights;
        instances
    }

    fn instance_buffer(device: &wgpu::Device, capacity: usize) -> wgpu::Buffer {
        device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("instances"),
            size: (capacity * size_of::<Instance>()) as u64,
            usage: wgpu::BufferUsages::VERTEX | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        })
    }

    /// Changes the fonts the printed texts are painted with (a browser adds the CJK font once
    /// fetched), and repaints them on the next frame.
    pub fn change_fonts(&mut self, change: impl FnOnce(&egui::Context)) {
        change(&self.atlas_painter.ctx);
        self.atlas_version = None;
        // The atlas is repainted where the meshes are uploaded.
        self.meshes = None;
    }

    /// Uploads meshes and repaints the decal atlas when the models changed since the last call.
    fn upload(&mut self, device: &wgpu::Device, queue: &wgpu::Queue) {
        let generation = self.models.generation();
        if self.meshes.as_ref().is_some_and(|m| m.generation == generation) {
            return;
        }
        let mut vertices: Vec<mesh::Vertex> = Vec::new();
        let mut indices: Vec<u32> = Vec::new();
        let mut ranges = Vec::new();
        // Each mesh's indices are offset to its vertices here, so draws need no base vertex
        // (WebGL2 has none).
        for m in self.models.meshes() {
            let base = vertices.len() as u32;
            ranges.push((indices.len() as u32, m.indices.len() as u32));
            vertices.extend_from_slice(&m.vertices);
            indices.extend(m.indices.iter().map(|i| i + base));
        }
        let buffer = |label, contents: &[u8], usage| {
            device.create_buffer_init(&wgpu::util::BufferInitDescriptor { label: Some(label), contents, usage })
        };
        self.meshes = Some(Uploaded {
            vertices: buffer("vertices", bytemuck::cast_slice(&vertices), wgpu::BufferUsages::VERTEX),
            indices: buffer("indices", bytemuck::cast_slice(&indices), wgpu::BufferUsages::INDEX),
            ranges,
            generation,
        });
        self.shadowed = None;
        if self.atlas_version != Some(self.models.decal_version()) {
            self.atlas_version = Some(self.models.decal_version());
            let output = self.models.decals.paint(&self.atlas_painter.ctx);
            let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("atlas") });
            drop(overlay_pass(
                &mut encoder,
                &self.atlas_view,
                "atlas clear",
                wgpu::LoadOp::Clear(wgpu::Color::TRANSPARENT),
            ));
            queue.submit([encoder.finish()]);
            let size = (decals::ATLAS, decals::ATLAS);
            self.atlas_painter.paint(device, queue, &self.atlas_view, size, output);
        }
    }

    /// Renders `layers` in order into `target` (`size` pixels), the first over the sky colour,
    /// each later one over the earlier with depth cleared, and submits the work.
    pub fn draw(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        target: &wgpu::TextureView,
        size: (u32, u32),
        layers: &[Layer<'_>],
    ) {
        for (i, layer) in layers.iter().enumerate() {
            self.draw_layer(device, queue, target, size, layer, Pass { clear: i == 0, scissor: None });
        }
    }

    /// [`Renderer::draw`], drawing only inside `within` (x, y, width, height in pixels): what
    /// a panel covers is not worth drawing.
    pub fn draw_within(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        target: &wgpu::TextureView,
        size: (u32, u32),
        layers: &[Layer<'_>],
        within: [u32; 4],
    ) {
        let [x, y] = [within[0].min(size.0), within[1].min(size.1)];
        let scissor = [x, y, within[2].min(size.0 - x), within[3].min(size.1 - y)];
        for (i, layer) in layers.iter().enumerate() {
            self.draw_layer(device, queue, target, size, layer, Pass { clear: i == 0, scissor: Some(scissor) });
        }
    }

    /// Draws one more layer over what `target` holds (a fresh depth buffer, no clear).
    pub fn draw_over(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        target: &wgpu::TextureView,
        size: (u32, u32),
        layer: &Layer<'_>,
    ) {
        self.draw_layer(device, queue, target, size, layer, Pass { clear: false, scissor: None });
    }

    /// The sun's camera: an orthographic box round the focus.
    fn shadow_proj(&self) -> Mat4 {
        let (centre, radius) = self.lights.focus;
        let view = Mat4::look_at_rh(centre + SUN.normalize() * (radius + 20.0), centre, Vec3::Y);
        Mat4::orthographic_rh(-radius, radius, -radius, radius, 1.0, 2.0 * radius + 40.0) * view
    }

    fn uniform(&self, view_proj: Mat4) -> CameraUniform {
        let inverse = view_proj.inverse();
        let eye = inverse * glam::Vec4::new(0.0, 0.0, 1.0, 0.0);
        let eye = if eye.w.abs() > 1e-6 { eye.truncate() / eye.w } else { Vec3::new(0.0, 1000.0, 0.0) };
        let lights = &self.lights;
        let (flash_pos, flash_dir) = match lights.flashlight {
            Some((at, dir)) => (at.extend(1.0), dir.normalize_or_zero().extend(0.94)),
            None => (glam::Vec4::ZERO, glam::Vec4::new(0.0, 0.0, -1.0, 2.0)),
        };
        CameraUniform {
            view_proj: view_proj.to_cols_array_2d(),
            shadow_proj: self.shadow_proj().to_cols_array_2d(),
            sun: SUN.normalize().extend(1.0).to_array(),
            eye: eye.extend(1.0).to_array(),
            flash_pos: flash_pos.to_array(),
            flash_dir: flash_dir.to_array(),
            room_min: lights.room.0.extend(lights.doors_open).to_array(),
            room_max: lights.room.1.extend(if lights.roofless { 1.0 } else { 0.0 }).to_array(),
        }
    }

    fn draw_layer(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        target: &wgpu::TextureView,
        size: (u32, u32),
        layer: &Layer<'_>,
        Pass { clear, scissor }: Pass,
    ) {
        self.upload(device, queue);
        let (view_proj, instances) = (layer.view_proj, layer.instances);
        if instances.len() > self.capacity {
            self.capacity = instances.len().next_power_of_two();
            self.instances = Renderer::instance_buffer(device, self.capacity);
            self.shadowed = None;
        }
        if self.depth.as_ref().is_none_or(|(s, _)| *s != size) {
            let texture = device.create_texture(&wgpu::TextureDescriptor {
                label: Some("depth"),
                size: wgpu::Extent3d { width: size.0, height: size.1, depth_or_array_layers: 1 },
                mip_level_count: 1,
                sample_count: 1,
                dimension: wgpu::TextureDimension::D2,
                format: DEPTH,
                usage: wgpu::TextureUsages::RENDER_ATTACHMENT,
                view_formats: &[],
            });
            self.depth = Some((size, texture.create_view(&Default::default())));
        }
        // Instances grouped by mesh: one draw call per mesh (`prepare` grouped them already).
        let sorted = if instances.is_sorted_by_key(|i| i.mesh) {
            instances
        } else {
            self.sorted.clear();
            self.sorted.extend_from_slice(instances);
            self.sorted.sort_by_key(|i| i.mesh);
            &self.sorted
        };
        let runs = runs(sorted);
        queue.write_buffer(&self.camera, 0, bytemuck::bytes_of(&self.uniform(view_proj)));
        queue.write_buffer(&self.instances, 0, bytemuck::cast_slice(sorted));
        let Some(meshes) = &self.meshes else { return };
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("scene") });
        // The sun's shadow map, redrawn when what is drawn (or the lights) changed: both eyes of
        // a headset share one.
        let shadow_key = clear
            .then(|| crossdock_protocol::fnv1a(bytemuck::cast_slice(sorted)) ^ self.lights.focus.1.to_bits() as u64);
        if shadow_key.is_some() && shadow_key != self.shadowed {
            self.shadowed = shadow_key;
            queue.write_buffer(&self.shadow_camera, 0, bytemuck::bytes_of(&self.uniform(self.shadow_proj())));
            let mut pass = pass(&mut encoder, "shadow", None, Some((&self.shadow_map, wgpu::StoreOp::Store)));
            pass.set_pipeline(&self.shadow_pipeline);
            pass.set_bind_group(0, &self.shadow_bind, &[]);
            draw_runs(&mut pass, meshes, &self.instances, &runs);
        }
        {
            let depth = &self.depth.as_ref().expect("made above").1;
            let load = if clear { wgpu::LoadOp::Clear(scene::SKY) } else { wgpu::LoadOp::Load };
            let mut pass = pass(&mut encoder, "scene", Some((target, load)), Some((depth, wgpu::StoreOp::Discard)));
            pass.set_pipeline(&self.pipeline);
            if let Some([x, y, w, h]) = scissor {
                pass.set_scissor_rect(x, y, w, h);
            }
            pass.set_bind_group(0, &self.bind, &[]);
            draw_runs(&mut pass, meshes, &self.instances, &runs);
        }
        queue.submit([encoder.finish()]);
    }
}

/// Runs of instances of one mesh in a sorted list: (mesh, first, count).
fn runs(sorted: &[Instance]) -> Vec<(u32, u32, u32)> {
    let mut out: Vec<(u32, u32, u32)> = Vec::new();
    for (i, instance) in sorted.iter().enumerate() {
        match out.last_mut() {
            Some((mesh, _, count)) if *mesh == instance.mesh => *count += 1,
            _ => out.push((instance.mesh, i as u32, 1)),
        }
    }
    out
}

fn draw_runs(pass: &mut wgpu::RenderPass<'_>, meshes: &Uploaded, instances: &wgpu::Buffer, runs: &[(u32, u32, u32)]) {
    pass.set_vertex_buffer(0, meshes.vertices.slice(..));
    pass.set_vertex_buffer(1, instances.slice(..));
    pass.set_index_buffer(meshes.indices.slice(..), wgpu::IndexFormat::Uint32);
    for &(mesh, first, count) in runs {
        let Some(&(start, len)) = meshes.ranges.get(mesh as usize) else { continue };
        if len > 0 {
            pass.draw_indexed(start..start + len, 0, first..first + count);
        }
    }
}

/// A render pass over `target` that keeps what it holds (`load`), or clears it to a colour,
/// with no depth: for what is drawn over a frame (egui, the panel's picture).
pub fn overlay_pass<'e>(
    encoder: &'e mut wgpu::CommandEncoder,
    target: &wgpu::TextureView,
    label: &str,
    load: wgpu::LoadOp<wgpu::Color>,
) -> wgpu::RenderPass<'e> {
    pass(encoder, label, Some((target, load)), None)
}

/// A render pass into `colour` (loaded as asked, stored) and/or `depth` (cleared to the far
/// plane, then stored or discarded as asked).
fn pass<'e>(
    encoder: &'e mut wgpu::CommandEncoder,
    label: &str,
    colour: Option<(&wgpu::TextureView, wgpu::LoadOp<wgpu::Color>)>,
    depth: Option<(&wgpu::TextureView, wgpu::StoreOp)>,
) -> wgpu::RenderPass<'e> {
    // A depth-only pass has no colour attachment at all (not one that is absent).
    let colour = colour.map(|(view, load)| {
        Some(wgpu::RenderPassColorAttachment {
            view,
            depth_slice: None,
            resolve_target: None,
            ops: wgpu::Operations { load, store: wgpu::StoreOp::Store },
        })
    });
    encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
        label: Some(label),
        color_attachments: colour.as_slice(),
        depth_stencil_attachment: depth.map(|(view, store)| wgpu::RenderPassDepthStencilAttachment {
            view,
            depth_ops: Some(wgpu::Operations { load: wgpu::LoadOp::Clear(1.0), store }),
            stencil_ops: None,
        }),
        timestamp_writes: None,
        occlusion_query_set: None,
        multiview_mask: None,
    })
}

/// An egui colour as the renderer's linear RGB.
pub fn linear(colour: egui::Color32) -> [f32; 3] {
    let c = egui::Rgba::from(colour);
    [c.r(), c.g(), c.b()]
}

/// An off-centre perspective projection from the four half-angles of a field of view (radians;
/// left and down negative), right-handed, depth 0 at `near` to 1 at `far`: what OpenXR's views
/// give, and what a desktop camera makes from its vertical angle and aspect.
pub fn projection(left: f32, right: f32, up: f32, down: f32, near: f32, far: f32) -> Mat4 {
    let (l, r, u, d) = (left.tan(), right.tan(), up.tan(), down.tan());
    let (w, h) = (r - l, u - d);
    Mat4::from_cols(
        glam::Vec4::new(2.0 / w, 0.0, 0.0, 0.0),
        glam::Vec4::new(0.0, 2.0 / h, 0.0, 0.0),
        glam::Vec4::new((r + l) / w, (u + d) / h, far / (near - far), -1.0),
        glam::Vec4::new(0.0, 0.0, near * far / (near - far), 0.0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_projection_maps_the_frustum_edges_to_the_clip_cube() {
        let p = projection(-0.8, 0.7, 0.6, -0.9, 0.05, 100.0);
        let ndc = |v: Vec3| {
            let c = p * v.extend(1.0);
            c.truncate() / c.w
        };
        let z = 2.0;
        assert!((ndc(Vec3::new(0.7f32.tan() * z, 0.0, -z)).x - 1.0).abs() < 1e-4);
        assert!((ndc(Vec3::new((-0.8f32).tan() * z, 0.0, -z)).x + 1.0).abs() < 1e-4);
        assert!((ndc(Vec3::new(0.0, 0.6f32.tan() * z, -z)).y - 1.0).abs() < 1e-4);
        assert!(ndc(Vec3::new(0.0, 0.0, -0.05)).z.abs() < 1e-4);
        assert!((ndc(Vec3::new(0.0, 0.0, -100.0)).z - 1.0).abs() < 1e-4);
    }
}
