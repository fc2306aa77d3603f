//! The scene renderer, shared by the headset (OpenXR swapchain images) and the desktop window:
//! everything is an instanced, lit box (`shader.wgsl`), drawn with wgpu into any colour target.
//!
//! - [`scene`]: what to draw, as plain [`Instance`]s built from the client's view of the room.
//! - [`Renderer`]: the pipeline; [`Renderer::draw`] renders one view.
//! - [`overlay`]: the egui user interface (panel, name plates, tags) painted over a view.
//! - [`cache`]: a panel's picture kept between frames and copied onto each.
//! - [`capture`]: renders one frame offscreen and writes it as a PNG (`--screenshot`).

pub mod cache;
pub mod capture;
pub mod overlay;
pub mod scene;

use glam::{Mat4, Quat, Vec3};
use wgpu::util::DeviceExt;

/// One box: its model matrix (unit cube to world) and colour. Alpha below 0.5 draws it unlit.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, bytemuck::Pod, bytemuck::Zeroable)]
pub struct Instance {
    /// Column-major model matrix.
    pub model: [[f32; 4]; 4],
    /// Linear RGB and the lit/unlit flag.
    pub color: [f32; 4],
}

impl Instance {
    /// A lit box of `size` metres at `center`, turned by `rotation`.
    pub fn lit(center: Vec3, rotation: Quat, size: Vec3, rgb: [f32; 3]) -> Instance {
        Instance {
            model: Mat4::from_scale_rotation_translation(size, rotation, center).to_cols_array_2d(),
            color: [rgb[0], rgb[1], rgb[2], 1.0],
        }
    }

    /// An unlit box (text, markers): the same colour from every side.
    pub fn flat(center: Vec3, rotation: Quat, size: Vec3, rgb: [f32; 3]) -> Instance {
        Instance { color: [rgb[0], rgb[1], rgb[2], 0.0], ..Instance::lit(center, rotation, size, rgb) }
    }

    /// The box's centre.
    pub fn center(&self) -> Vec3 {
        Vec3::from_slice(&self.model[3][..3])
    }
}

/// One pass of boxes seen through one camera: the scene, then overlays (panels, text) drawn
/// over it with a fresh depth buffer.
#[derive(Debug, Clone, Copy)]
pub struct Layer<'a> {
    /// World (or pixel) to clip.
    pub view_proj: Mat4,
    /// The boxes.
    pub instances: &'a [Instance],
}

/// How one layer's pass starts: over the sky colour or over what is there, and whether it
/// draws only inside a rectangle (x, y, width, height).
#[derive(Debug, Clone, Copy)]
struct Pass {
    clear: bool,
    scissor: Option<[u32; 4]>,
}

/// Uniforms: the camera and the light.
#[repr(C)]
#[derive(Debug, Clone, Copy, bytemuck::Pod, bytemuck::Zeroable)]
struct CameraUniform {
    view_proj: [[f32; 4]; 4],
    light: [f32; 4],
}

/// A vertex of the unit cube.
#[repr(C)]
#[derive(Debug, Clone, Copy, bytemuck::Pod, bytemuck::Zeroable)]
struct Vertex {
    position: [f32; 3],
    normal: [f32; 3],
}

/// The unit cube centred on the origin, 6 faces of 2 triangles, counter-clockwise outside.
fn cube() -> Vec<Vertex> {
    let mut out = Vec::with_capacity(36);
    for axis in 0..3 {
        for sign in [-1.0f32, 1.0] {
            let mut n = [0.0; 3];
            n[axis] = sign;
            let (u, v) = ((axis + 1) % 3, (axis + 2) % 3);
            let corner = |a: f32, b: f32| {
                let mut p = [0.0; 3];
                p[axis] = 0.5 * sign;
                p[u] = a * 0.5;
                p[v] = b * 0.5 * sign;
                Vertex { position: p, normal: n }
            };
            let quad = [corner(-1.0, -1.0), corner(1.0, -1.0), corner(1.0, 1.0), corner(-1.0, 1.0)];
            out.extend([quad[0], quad[1], quad[2], quad[0], quad[2], quad[3]]);
        }
    }
    out
}

/// Depth buffer format.
const DEPTH: wgpu::TextureFormat = wgpu::TextureFormat::Depth32Float;

/// The box pipeline and its buffers, for one colour format.
#[derive(Debug)]
pub struct Renderer {
    pipeline: wgpu::RenderPipeline,
    camera: wgpu::Buffer,
    bind: wgpu::BindGroup,
    cube: wgpu::Buffer,
    instances: wgpu::Buffer,
    capacity: usize,
    depth: Option<((u32, u32), wgpu::TextureView)>,
}

impl Renderer {
    /// Builds the pipeline for targets of `format`.
    pub fn new(device: &wgpu::Device, format: wgpu::TextureFormat) -> Renderer {
        let shader = device.create_shader_module(wgpu::include_wgsl!("shader.wgsl"));
        let camera = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("camera"),
            size: size_of::<CameraUniform>() as u64,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("camera"),
            entries: &[wgpu::BindGroupLayoutEntry {
                binding: 0,
                visibility: wgpu::ShaderStages::VERTEX_FRAGMENT,
                ty: wgpu::BindingType::Buffer {
                    ty: wgpu::BufferBindingType::Uniform,
                    has_dynamic_offset: false,
                    min_binding_size: None,
                },
                count: None,
            }],
        });
        let bind = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("camera"),
            layout: &layout,
            entries: &[wgpu::BindGroupEntry { binding: 0, resource: camera.as_entire_binding() }],
        });
        let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("boxes"),
            bind_group_layouts: &[Some(&layout)],
            immediate_size: 0,
        });
        let vertex_layouts = [
            Some(wgpu::VertexBufferLayout {
                array_stride: size_of::<Vertex>() as u64,
                step_mode: wgpu::VertexStepMode::Vertex,
                attributes: &wgpu::vertex_attr_array![0 => Float32x3, 1 => Float32x3],
            }),
            Some(wgpu::VertexBufferLayout {
                array_stride: size_of::<Instance>() as u64,
                step_mode: wgpu::VertexStepMode::Instance,
                attributes: &wgpu::vertex_attr_array![2 => Float32x4, 3 => Float32x4, 4 => Float32x4, 5 => Float32x4, 6 => Float32x4],
            }),
        ];
        let pipeline = device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
            label: Some("boxes"),
            layout: Some(&pipeline_layout),
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
        let cube = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: Some("cube"),
            contents: bytemuck::cast_slice(&cube()),
            usage: wgpu::BufferUsages::VERTEX,
        });
        let capacity = 1024;
        let instances = Renderer::instance_buffer(device, capacity);
        Renderer { pipeline, camera, bind, cube, instances, capacity, depth: None }
    }

    fn instance_buffer(device: &wgpu::Device, capacity: usize) -> wgpu::Buffer {
        device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("instances"),
            size: (capacity * size_of::<Instance>()) as u64,
            usage: wgpu::BufferUsages::VERTEX | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        })
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

    fn draw_layer(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        target: &wgpu::TextureView,
        size: (u32, u32),
        layer: &Layer<'_>,
        Pass { clear, scissor }: Pass,
    ) {
        let (view_proj, instances) = (layer.view_proj, layer.instances);
        if instances.len() > self.capacity {
            self.capacity = instances.len().next_power_of_two();
            self.instances = Renderer::instance_buffer(device, self.capacity);
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
        let uniform = CameraUniform {
            view_proj: view_proj.to_cols_array_2d(),
            light: Vec3::new(0.35, 1.0, 0.55).normalize().extend(0.0).to_array(),
        };
        queue.write_buffer(&self.camera, 0, bytemuck::bytes_of(&uniform));
        queue.write_buffer(&self.instances, 0, bytemuck::cast_slice(instances));
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("scene") });
        {
            let depth = &self.depth.as_ref().expect("made above").1;
            let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("scene"),
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view: target,
                    depth_slice: None,
                    resolve_target: None,
                    ops: wgpu::Operations {
                        load: if clear { wgpu::LoadOp::Clear(scene::SKY) } else { wgpu::LoadOp::Load },
                        store: wgpu::StoreOp::Store,
                    },
                })],
                depth_stencil_attachment: Some(wgpu::RenderPassDepthStencilAttachment {
                    view: depth,
                    depth_ops: Some(wgpu::Operations { load: wgpu::LoadOp::Clear(1.0), store: wgpu::StoreOp::Discard }),
                    stencil_ops: None,
                }),
                timestamp_writes: None,
                occlusion_query_set: None,
                multiview_mask: None,
            });
            pass.set_pipeline(&self.pipeline);
            if let Some([x, y, w, h]) = scissor {
                pass.set_scissor_rect(x, y, w, h);
            }
            pass.set_bind_group(0, &self.bind, &[]);
            pass.set_vertex_buffer(0, self.cube.slice(..));
            pass.set_vertex_buffer(1, self.instances.slice(..));
            pass.draw(0..36, 0..instances.len() as u32);
        }
        queue.submit([encoder.finish()]);
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
    encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
        label: Some(label),
        color_attachments: &[Some(wgpu::RenderPassColorAttachment {
            view: target,
            depth_slice: None,
            resolve_target: None,
            ops: wgpu::Operations { load, store: wgpu::StoreOp::Store },
        })],
        depth_stencil_attachment: None,
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

    #[test]
    fn the_cube_faces_point_outwards() {
        let vertices = cube();
        assert_eq!(vertices.len(), 36);
        for tri in vertices.chunks(3) {
            let [a, b, c] = [0, 1, 2].map(|i| Vec3::from(tri[i].position));
            let normal = (b - a).cross(c - a).normalize();
            assert!(normal.dot(Vec3::from(tri[0].normal)) > 0.99, "winding is counter-clockwise outside");
        }
    }
}
