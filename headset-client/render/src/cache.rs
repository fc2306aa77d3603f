//! A picture kept between frames: a panel whose content changes about once a second is drawn
//! into a window-sized image only when it changes, and copied onto each frame, opaque, pixel
//! for pixel. On a software rasteriser, drawing egui's blended, textured triangles every frame
//! cost most of a frame; the copy costs about what one box does.

use crate::overlay::Overlay;

/// The cached image and what copies it.
#[derive(Debug)]
pub struct Cache {
    format: wgpu::TextureFormat,
    pipeline: wgpu::RenderPipeline,
    layout: wgpu::BindGroupLayout,
    area: wgpu::Buffer,
    image: Option<(wgpu::Texture, wgpu::TextureView, wgpu::BindGroup)>,
    size: (u32, u32),
    key: Option<u64>,
    /// Bumped whenever egui's textures change: the same triangles then show other pixels.
    textures: u64,
    /// How many times the image was redrawn.
    pub redraws: u64,
}

impl Cache {
    /// A cache for frames of `format`.
    pub fn new(device: &wgpu::Device, format: wgpu::TextureFormat) -> Cache {
        let shader = device.create_shader_module(wgpu::include_wgsl!("composite.wgsl"));
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("cache"),
            entries: &[
                wgpu::BindGroupLayoutEntry {
                    binding: 0,
                    visibility: wgpu::ShaderStages::VERTEX,
                    ty: wgpu::BindingType::Buffer {
                        ty: wgpu::BufferBindingType::Uniform,
                        has_dynamic_offset: false,
                        min_binding_size: None,
                    },
                    count: None,
                },
                wgpu::BindGroupLayoutEntry {
                    binding: 1,
                    visibility: wgpu::ShaderStages::FRAGMENT,
                    ty: wgpu::BindingType::Texture {
                        sample_type: wgpu::TextureSampleType::Float { filterable: false },
                        view_dimension: wgpu::TextureViewDimension::D2,
                        multisampled: false,
                    },
                    count: None,
                },
            ],
        });
        let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("cache"),
            bind_group_layouts: &[Some(&layout)],
            immediate_size: 0,
        });
        let pipeline = device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
            label: Some("cache"),
            layout: Some(&pipeline_layout),
            vertex: wgpu::VertexState {
                module: &shader,
                entry_point: Some("vs"),
                compilation_options: Default::default(),
                buffers: &[],
            },
            fragment: Some(wgpu::FragmentState {
                module: &shader,
                entry_point: Some("fs"),
                compilation_options: Default::default(),
                targets: &[Some(wgpu::ColorTargetState { format, blend: None, write_mask: wgpu::ColorWrites::ALL })],
            }),
            primitive: Default::default(),
            depth_stencil: None,
            multisample: Default::default(),
            multiview_mask: None,
            cache: None,
        });
        let area = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("cache area"),
            size: 32,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        Cache { format, pipeline, layout, area, image: None, size: (0, 0), key: None, textures: 0, redraws: 0 }
    }

    /// Makes the image (`size` pixels) the egui frame `output` of `overlay`'s context over
    /// `fill`, redrawing it only if that frame's triangles (or egui's textures) differ from
    /// those it shows. Returns whether it was redrawn.
    pub fn update_egui(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        overlay: &mut Overlay,
        size: (u32, u32),
        mut output: egui::FullOutput,
        fill: egui::Color32,
    ) -> bool {
        let ppp = output.pixels_per_point;
        let jobs = overlay.ctx.tessellate(std::mem::take(&mut output.shapes), ppp);
        if !output.textures_delta.is_empty() {
            self.textures += 1;
        }
        overlay.update_textures(device, queue, std::mem::take(&mut output.textures_delta));
        let key = key_of(&jobs) ^ self.textures;
        let [r, g, b] = crate::linear(fill).map(f64::from);
        let clear = wgpu::Color { r, g, b, a: 1.0 };
        self.update(device, queue, size, key, clear, |view| overlay.paint_jobs(device, queue, view, size, ppp, &jobs))
    }

    /// Redraws the image (`size` pixels) with `draw`, over `clear`, unless it already shows
    /// what `key` names at that size. Returns whether it was redrawn.
    fn update(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        size: (u32, u32),
        key: u64,
        clear: wgpu::Color,
        draw: impl FnOnce(&wgpu::TextureView),
    ) -> bool {
        if self.image.is_some() && self.size == size && self.key == Some(key) {
            return false;
        }
        if self.image.is_none() || self.size != size {
            let texture = device.create_texture(&wgpu::TextureDescriptor {
                label: Some("cache"),
                size: wgpu::Extent3d { width: size.0.max(1), height: size.1.max(1), depth_or_array_layers: 1 },
                mip_level_count: 1,
                sample_count: 1,
                dimension: wgpu::TextureDimension::D2,
                format: self.format,
                usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::TEXTURE_BINDING,
                view_formats: &[],
            });
            let view = texture.create_view(&Default::default());
            let bind = device.create_bind_group(&wgpu::BindGroupDescriptor {
                label: Some("cache"),
                layout: &self.layout,
                entries: &[
                    wgpu::BindGroupEntry { binding: 0, resource: self.area.as_entire_binding() },
                    wgpu::BindGroupEntry { binding: 1, resource: wgpu::BindingResource::TextureView(&view) },
                ],
            });
            self.image = Some((texture, view, bind));
            self.size = size;
        }
        let Some((_, view, _)) = &self.image else { return false };
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("cache clear") });
        crate::overlay_pass(&mut encoder, view, "cache clear", wgpu::LoadOp::Clear(clear));
        queue.submit([encoder.finish()]);
        draw(view);
        self.key = Some(key);
        self.redraws += 1;
        true
    }

    /// Copies `rect` (pixels: x0, y0, x1, y1) of the image onto `target` (`size` pixels).
    pub fn copy(
        &self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        target: &wgpu::TextureView,
        size: (u32, u32),
        rect: [f32; 4],
    ) {
        let Some((_, _, bind)) = &self.image else { return };
        let area: [f32; 8] = [rect[0], rect[1], rect[2], rect[3], size.0 as f32, size.1 as f32, 0.0, 0.0];
        queue.write_buffer(&self.area, 0, bytemuck::cast_slice(&area));
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("cache copy") });
        {
            let mut pass = crate::overlay_pass(&mut encoder, target, "cache copy", wgpu::LoadOp::Load);
            pass.set_pipeline(&self.pipeline);
            pass.set_bind_group(0, bind, &[]);
            pass.draw(0..6, 0..1);
        }
        queue.submit([encoder.finish()]);
    }
}

/// A key for a frame of egui triangles: equal keys, equal pictures (positions, colours, texture
/// coordinates, textures and clips all count).
fn key_of(jobs: &[egui::ClippedPrimitive]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for job in jobs {
        job.clip_rect.min.x.to_bits().hash(&mut hasher);
        job.clip_rect.min.y.to_bits().hash(&mut hasher);
        job.clip_rect.max.x.to_bits().hash(&mut hasher);
        job.clip_rect.max.y.to_bits().hash(&mut hasher);
        if let egui::epaint::Primitive::Mesh(mesh) = &job.primitive {
            mesh.texture_id.hash(&mut hasher);
            mesh.indices.hash(&mut hasher);
            for v in &mesh.vertices {
                [v.pos.x, v.pos.y, v.uv.x, v.uv.y].map(f32::to_bits).hash(&mut hasher);
                v.color.to_array().hash(&mut hasher);
            }
        }
    }
    hasher.finish()
}
