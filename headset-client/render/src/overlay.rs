//! The user interface over a rendered view: an egui frame (panels, name plates, tags) painted
//! with egui's wgpu renderer onto the same colour target, after the scene. Used by the desktop
//! window for every frame and its screenshots, and by the offscreen checks.

/// egui's painter for one colour format, and the context it paints.
pub struct Overlay {
    /// The egui context: run a frame on it, then [`Overlay::paint`] the output.
    pub ctx: egui::Context,
    renderer: egui_wgpu::Renderer,
}

impl std::fmt::Debug for Overlay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Overlay").finish_non_exhaustive()
    }
}

impl Overlay {
    /// An overlay for targets of `format`, with Crossdock's fonts and style.
    pub fn new(device: &wgpu::Device, format: wgpu::TextureFormat) -> Overlay {
        let ctx = egui::Context::default();
        crossdock_ui::install(&ctx);
        let renderer = egui_wgpu::Renderer::new(
            device,
            format,
            egui_wgpu::RendererOptions { dithering: false, ..Default::default() },
        );
        Overlay { ctx, renderer }
    }

    /// Paints `output` (what [`egui::Context::run_ui`] returned) over `target`, whose size is
    /// `size` pixels, keeping what is there.
    pub fn paint(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        target: &wgpu::TextureView,
        size: (u32, u32),
        mut output: egui::FullOutput,
    ) {
        let jobs = self.ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        self.update_textures(device, queue, std::mem::take(&mut output.textures_delta));
        self.paint_jobs(device, queue, target, size, output.pixels_per_point, &jobs);
    }

    /// Applies a frame's texture changes (the font atlas growing, images), before its jobs are
    /// painted.
    pub fn update_textures(&mut self, device: &wgpu::Device, queue: &wgpu::Queue, mut textures: egui::TexturesDelta) {
        for (id, deltas) in &textures.set {
            for delta in deltas {
                self.renderer.update_texture(device, queue, *id, delta);
            }
        }
        for id in &textures.free {
            self.renderer.free_texture(id);
        }
        textures.clear();
    }

    /// Paints tessellated `jobs` (positions in points of `pixels_per_point`) over `target`.
    pub fn paint_jobs(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        target: &wgpu::TextureView,
        size: (u32, u32),
        pixels_per_point: f32,
        jobs: &[egui::ClippedPrimitive],
    ) {
        let screen = egui_wgpu::ScreenDescriptor { size_in_pixels: [size.0, size.1], pixels_per_point };
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("egui") });
        let mut commands = self.renderer.update_buffers(device, queue, &mut encoder, jobs, &screen);
        {
            let pass = crate::overlay_pass(&mut encoder, target, "egui", wgpu::LoadOp::Load);
            self.renderer.render(&mut pass.forget_lifetime(), jobs, &screen);
        }
        commands.push(encoder.finish());
        queue.submit(commands);
    }
}
